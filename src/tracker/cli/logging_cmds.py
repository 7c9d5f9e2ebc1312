"""`tracker log` and `tracker set ...`: recording what was lifted, and fixing a set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import click

from tracker.cli.complete import complete_exercise
from tracker.cli.confirm import delete_confirmed, plausible_option, yes_option
from tracker.cli.context import App, UserError, echo, echo_wrapped, pass_app, style
from tracker.cli.layout import plural
from tracker.cli.params import RPE, WHEN, local_now
from tracker.cli.render import local_date, side_label, stored_set_text
from tracker.domain.errors import InvalidSpec
from tracker.domain.model import Laterality, SetKind, Side

# The services (and the set grammar) are imported inside the commands: `log --help` loads
# this module, and so does completing an exercise name, which must not build the ORM
# (adapters/reads.py).
if TYPE_CHECKING:
    from tracker.services.logbook import LogMemory, LogResult, PlannedSet
    from tracker.services.stored_sets import StoredSet

SIDE_MARKERS = {"-l": "left", "--left": "left", "-r": "right", "--right": "right", "--each": "each"}
# Ids fit a 32-bit integer column on every engine.
ID = click.IntRange(1, 2_147_483_647)
KINDS = click.Choice(["working", "warmup", "drop", "failure"])


def plan_sets(tokens: Sequence[str], rpe: Decimal | None) -> list[PlannedSet]:
    """Turn `10x60 --left 10x60 8x60 --right 8x60 --each 12x20` into sets, in typed order.

    A side flag must be followed by at least one set: `--right` with nothing after it would
    otherwise let a missing set go unnoticed.
    """
    from tracker.domain.specs import parse_set
    from tracker.services.logbook import PlannedSet

    planned: list[PlannedSet] = []
    side: str | None = None
    flag: str | None = None  # the last side flag, until a set follows it
    for token in tokens:
        name, eq, value = token.partition("=")
        if name in SIDE_MARKERS:
            _check_flag_has_sets(flag)
            side, flag = SIDE_MARKERS[name], name
            if not eq:
                continue
            token = value
        elif token.startswith("-") and not token[1:2].isdigit():
            raise InvalidSpec(f'unknown option "{token}": see tracker log --help')
        flag = None
        sides = [Side.LEFT, Side.RIGHT] if side == "each" else [Side(side) if side else None]
        for spec, set_rpe in parse_set(token, rpe):
            planned.extend(PlannedSet(spec, s, set_rpe) for s in sides)
    _check_flag_has_sets(flag)
    return planned


def _check_flag_has_sets(flag: str | None) -> None:
    if flag is not None:
        raise InvalidSpec(f"{flag} has no set after it: write the set, e.g. {flag} 10x60")


@click.command(
    "log",
    context_settings={"ignore_unknown_options": True},
    epilog="""\b
Sides (unilateral; each applies to the specs after it):
  -l, --left SPEC...   sets done with the left side
  -r, --right SPEC...  sets done with the right side
  --each SPEC...       the same set on both sides
\b
Set syntax (SPEC):
  10x60      10 reps at 60 in your unit (config set unit)
  10x60kg    8x135lb    8x61.25
  3x10x60    three sets of 10 at 60
  12xBW      bodyweight (12 alone on bodyweight lifts)
  8xBW+20    bodyweight plus 20; 8xBW-20 assisted
  0x60       a failed attempt (kind failure)
  45s 1:30 2min 400m 5km 3mi   a time or distance
  40mx24     40 m carrying 24
  10x60@8    a set at RPE 8 (or --rpe for every set)
\b
Examples:
  tracker log "leg press" 10x100 10x120 8x140
  tracker log "single leg press" --left 10x60 --right 8x60
  tracker log slp -l 10x60 -r 10x60 -l 10x65 -r 9x65
  tracker log squat 5x60 5x80 --warmup""",
)
@click.argument("exercise", shell_complete=complete_exercise)
@click.argument("specs", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@click.option("--rpe", type=RPE, help="Rate of perceived exertion, 1-10 in half points.")
@click.option("--warmup", is_flag=True, help="Mark the sets as warm-ups (left out of reports).")
@click.option("--kind", type=KINDS, help="Set kind: working (default), warmup, drop or failure.")
@click.option("--note", help="A note stored with each set.")
@click.option("--at", type=WHEN, help='When the sets were done (default now), e.g. "18:30".')
@plausible_option
@pass_app
def log_command(
    app: App, /, exercise: str, specs: Sequence[str], rpe: Decimal | None, warmup: bool,
    kind: str | None, note: str | None, at: datetime | None, yes: bool,
) -> None:
    """Log sets of EXERCISE: one command, stored together or not at all.

    Starts a session when none is open. A session with no set for 4 hours is closed at its
    last set, and the next set starts a new session. A set that looks like a typo against
    your history (see the README) is refused unless --yes.
    """
    log_and_print(app, exercise, specs, rpe, warmup, kind, note, at, yes)


def log_from_args(app: App, args: Sequence[str], memory: LogMemory | None = None) -> LogResult:
    """`tracker log`'s arguments as one list (gym mode): parsed, logged and printed alike;
    `memory` is what the warm prompt keeps of each exercise's history (services.logbook)."""
    ctx = log_command.make_context("log", list(args), obj=app)
    return log_and_print(app, **ctx.params, memory=memory)


def log_and_print(
    app: App,
    exercise: str,
    specs: Sequence[str],
    rpe: Decimal | None,
    warmup: bool,
    kind: str | None,
    note: str | None,
    at: datetime | None,
    yes: bool,
    memory: LogMemory | None = None,
) -> LogResult:
    from tracker.services.logbook import LogRequest, log_sets

    asked = SetKind(kind) if kind else None
    if warmup and asked not in (None, SetKind.WARMUP):
        raise UserError(f"--warmup and --kind {kind} contradict each other: give one")
    set_kind = SetKind.WARMUP if warmup else asked or SetKind.WORKING
    request = LogRequest(exercise, plan_sets(specs, rpe), set_kind, note, at, yes)
    result = log_sets(app.uow(), app.lifter, request, local_now(), memory)
    print_log_result(result)
    print_start_hint(app, result)
    return result


def print_log_result(result: LogResult) -> None:
    from tracker.domain.records import E1RM
    from tracker.wording import closed_session, new_best

    if result.closed_session is not None:
        echo(closed_session(result.closed_session))
    if result.started_session:
        echo(f"Started session #{result.session_id}.")
    header = style(result.exercise, bold=True)
    if result.per_implement:
        # A dumbbell load is one dumbbell: say so, so that 12 is never read as 12 in total.
        held = plural(result.implements, result.per_implement)
        header += f"  (load per {result.per_implement}, {held} held)"
    echo(header)
    for stored in result.sets:
        extra = [] if stored.kind is SetKind.WORKING else [stored.kind.value]
        if stored.rpe is not None:
            extra.append(f"RPE {stored.rpe}")
        tail = f" ({', '.join(extra)})" if extra else ""
        bests = [what for what in (E1RM if stored.best else None, stored.best_measure) if what]
        marks = "".join(style(f"  * {new_best(what)}", fg="green") for what in bests)
        line = f"  #{stored.id} {stored_set_text(stored)}"
        echo(f"{line}{tail}{marks}")
    previous = result.previous
    if previous is None:
        if result.first_time:
            echo("  First time logged.")
        return
    by_side: dict[str, list[str]] = {}
    for done in previous.sets:
        if done.kind is SetKind.WARMUP:
            continue
        # Drop and failure sets are marked: without it they read like working sets.
        mark = f" ({done.kind.value})" if done.kind in (SetKind.DROP, SetKind.FAILURE) else ""
        text = stored_set_text(replace(done, side=None))
        by_side.setdefault(side_label(done.side), []).append(text + mark)
    parts = [f"{label + ' ' if label else ''}{', '.join(sets)}" for label, sets in by_side.items()]
    last = f"  Last time ({local_date(previous.date)}): {'; '.join(parts) or 'warm-ups only'}"
    echo_wrapped(last)


def print_start_hint(app: App, result: LogResult) -> None:
    """A unilateral exercise logged for the first time: show the suggested starting load."""
    if not result.first_time or result.laterality == Laterality.BILATERAL:
        return
    from tracker.services.suggest import suggest_start_line

    line = suggest_start_line(app.uow(), app.lifter, result.exercise)
    if line:
        echo_wrapped(f"  {line}")


@click.group("set")
def set_group() -> None:
    """Fix a logged set: edit or delete it by id (ids are shown when logging)."""


@set_group.command("edit")
@click.argument("set_id", type=ID, metavar="ID")
@click.argument("spec", required=False)
@click.option(
    "--exercise",
    shell_complete=complete_exercise,
    help="Move the set to this exercise (logged under the wrong one).",
)
@click.option("--side", type=click.Choice(["left", "right"]), help="Move the set to this side.")
@click.option("--rpe", type=RPE, help="New RPE.")
@click.option("--kind", type=KINDS, help="New kind.")
@click.option("--note", help='New note ("" clears it).')
@click.option("--at", type=WHEN, help="New time.")
@plausible_option
@pass_app
def set_edit(
    app: App,
    set_id: int,
    spec: str | None,
    exercise: str | None,
    side: str | None,
    rpe: Decimal | None,
    kind: str | None,
    note: str | None,
    at: datetime | None,
    yes: bool,
) -> None:
    """Change set ID: a new SPEC (anything `log` takes for one set, such as 10x62.5@8), and/or
    its exercise, side, RPE, kind, note or time.
    """
    from tracker.domain.specs import parse_set
    from tracker.services.logbook import SetEdit, edit_set

    new_spec = None
    if spec is not None:
        parsed = parse_set(spec, rpe)
        if len(parsed) != 1:
            raise InvalidSpec(f'"{spec}" is {len(parsed)} sets; an edit takes one, like 10x60')
        new_spec, rpe = parsed[0]
    edit = SetEdit(
        spec=new_spec,
        side=Side(side) if side else None,
        rpe=rpe,
        kind=SetKind(kind) if kind else None,
        note=note,
        at=at,
        exercise=exercise,
        confirmed=yes,
    )
    stored = edit_set(app.uow(), app.lifter, set_id, edit)
    echo_wrapped(f"#{stored.id} {stored.exercise} {whole_set_text(stored)}", indent="  ")


def whole_set_text(stored: StoredSet) -> str:
    """Side, reps x load (or time, distance), kind, RPE and note: the whole set."""
    text = stored_set_text(stored)
    extra = [stored.kind.value]
    if stored.rpe is not None:
        extra.append(f"RPE {stored.rpe}")
    if stored.note:
        extra.append(stored.note)
    return f"{text} ({', '.join(extra)})"


@set_group.command("delete")
@click.argument("set_id", type=ID, metavar="ID")
@yes_option
@pass_app
def set_delete(app: App, set_id: int, yes: bool) -> None:
    """Delete set ID, after showing it and asking (--yes: without asking).

    `tracker undo` brings it back.
    """
    from tracker.cli.history_cmds import set_line
    from tracker.services.logbook import delete_set, describe_set

    shown = describe_set(app.uow(), app.lifter, set_id)
    question, kept = f"Delete set #{set_id}?", f"Kept set #{set_id}."
    if not delete_confirmed(yes, "set delete", [set_line(shown)], question, kept):
        return
    item = delete_set(app.uow(), app.lifter, set_id)
    echo_wrapped(
        f"Deleted #{item.id} {item.exercise} {stored_set_text(item)} (tracker undo brings it back)."
    )
