"""Shell completion: the scripts `tracker completion SHELL` prints, and what completes.

Click drives the protocol (the shell calls `tracker` with `_TRACKER_COMPLETE=SHELL_complete`);
these functions answer for values Click cannot know: exercise names (which contain spaces),
lifters, config keys and, once routines exist, routine names. A completion never fails
loudly: a database that cannot be opened completes nothing.
"""

from __future__ import annotations

from typing import Any

import click
from click.shell_completion import (
    BashComplete,
    CompletionItem,
    add_completion_class,
    get_completion_class,
)

from tracker.cli.context import App
from tracker.domain.text_safety import shown_safe

COMPLETE_VAR = "_TRACKER_COMPLETE"

# Click's bash script, with two changes so that names with spaces complete as one word:
# `read -r` keeps backslashes, and each value is quoted for the shell (`printf %q`), so
# `tracker log leg<TAB>` becomes `tracker log Leg\ Press` (tests/integration/test_completion.py
# runs the script in bash).
_QUOTED_BASH = {
    "IFS=',' read type value": "IFS=',' read -r type value",
    "COMPREPLY+=($value)": 'printf -v value \'%%q\' "$value"\n            COMPREPLY+=("$value")',
}


def _bash_script(template: str) -> str:
    """Click's bash script with our changes. If Click has changed a line they replace, this
    fails at import, rather than give a script that splits names with spaces again."""
    for click_line, ours in _QUOTED_BASH.items():
        if template.count(click_line) != 1:
            changed = f"{click_line!r} is not in it once"
            raise RuntimeError(f"Click's bash completion script changed: {changed}")
        template = template.replace(click_line, ours)
    return template


class TrackerBashComplete(BashComplete):
    """Bash completion that keeps a completed exercise name one shell word."""

    source_template = _bash_script(BashComplete.source_template)


def completion_script(cli: click.Command, shell: str) -> str:
    add_completion_class(TrackerBashComplete, "bash")
    completion_class = get_completion_class(shell)
    assert completion_class is not None  # the Choice of shells guarantees it
    return completion_class(cli, {}, "tracker", COMPLETE_VAR).source()


def _starts(text: str, wanted: str) -> bool:
    return text.lower().startswith(wanted)


def _word_starts(text: str, wanted: str) -> bool:
    return any(word.startswith(wanted) for word in text.lower().replace("-", " ").split())


def best_matches(incomplete: str, candidates: list[tuple[str, list[str]]]) -> list[str]:
    """Names whose name or an alias starts with what was typed (case-insensitive); when none
    does, names with a word that starts with it (`press` finds Leg Press)."""
    wanted = incomplete.strip().lower()
    for test in (_starts, _word_starts):
        found = [
            name
            for name, aliases in candidates
            if any(test(text, wanted) for text in (name, *aliases))
        ]
        if found:
            return found
    return []


def _quietly(ctx: click.Context, read: Any) -> list[Any]:
    """Run a read against the database named on the command line; nothing on any failure."""
    params = ctx.find_root().params  # --db and --lifter as typed so far (or from the env)
    app = App(db=params.get("db"), lifter=params.get("lifter"))
    try:
        from tracker.bootstrap import open_database  # not for `tracker completion bash`

        app._engine = open_database(app.url, notify=lambda line: None)
        return list(read(app))
    except Exception:  # a completion must never print a traceback into the prompt
        return []
    finally:
        app.close()


def item(name: str) -> CompletionItem:
    """A stored name as the shell lists it: a control character in it shown escaped."""
    return CompletionItem(shown_safe(name, one_line=True))


def complete_exercise(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Exercise names (and the names behind matching aliases), in the catalog's order."""
    from tracker.services.completion import exercise_names

    names = _quietly(ctx, lambda app: exercise_names(app.uow(), app.lifter))
    return [item(name) for name in best_matches(incomplete, names)]


def complete_lifter(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from tracker.services.completion import lifter_names

    names = _quietly(ctx, lambda app: lifter_names(app.uow()))
    return [item(name) for name in best_matches(incomplete, [(n, []) for n in names])]


def complete_config_key(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """unit, increment.EQUIPMENT, bar and plates: known without opening the database."""
    from tracker.domain.loads import DEFAULT_INCREMENTS

    increments = dict.fromkeys(f"increment.{equipment}" for equipment, _ in DEFAULT_INCREMENTS)
    keys = ["unit", *increments, "bar", "plates"]
    return [CompletionItem(key) for key in keys if key.startswith(incomplete.lower())]


def complete_routine(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The lifter's routine names (`tracker gym`, `routine show|edit|remove|add-exercise`)."""
    from tracker.services.completion import routine_names

    names = _quietly(ctx, lambda app: routine_names(app.uow(), app.lifter))
    wanted = incomplete.lower()
    return [item(name) for name in names if name.lower().startswith(wanted)]
