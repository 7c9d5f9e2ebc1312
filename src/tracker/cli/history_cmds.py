"""`tracker undo` and `redo`: step back through your last changes, one per call, newest first,
and forward again."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli import confirm
from tracker.cli.context import App, UserError, echo_wrapped, pass_app
from tracker.cli.context import echo as echo_line
from tracker.cli.layout import plural
from tracker.cli.render import kind_and_rpe, local, stored_set_text
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.units import format_load

if TYPE_CHECKING:
    from tracker.services.stored_sets import StoredSet
    from tracker.services.undone import Detail, OlderChange, Redone, Undone

# The services (and with them SQLAlchemy) are imported inside the functions: `undo --help`
# and completing an option import this module too (and the gym prompt, for undo and redo).


def set_line(item: StoredSet, indent: str = "  ") -> str:
    """#12 Single Leg Press L 10 x 60 kg (drop, RPE 8, "felt easy") 2026-11-25 18:30."""
    text = stored_set_text(item)
    extras = kind_and_rpe(item.kind, item.rpe)
    if item.note:
        extras.append(f'"{item.note}"')
    tail = f" ({', '.join(extras)})" if extras else ""
    return f"{indent}#{item.id} {item.exercise} {text}{tail}, {local(item.performed_at)}"


def echo(text: str) -> None:
    echo_wrapped(text, indent="      ")


def render_undone(undone: Undone) -> None:
    from tracker.services.history import DELETE_SESSION, DELETE_SET, EDIT, LOG

    if undone.detail is not None:
        render_detail(undone.detail)
        return
    count = plural(len(undone.sets), "set")
    if undone.action == LOG:
        echo(f"Undid a log: removed {count}:")
    elif undone.action == EDIT:
        echo("Undid an edit; the set is again:")
    elif undone.action == DELETE_SET:
        echo(f"Undid a delete: restored {count} to session #{undone.session_id}:")
    elif undone.action == DELETE_SESSION:
        echo(f"Undid a delete: restored session #{undone.session_id} with {count}:")
    for item in undone.sets:
        echo(set_line(item))
    for session_id in undone.removed_sessions:
        echo(f"Removed session #{session_id}, which held only those sets.")


def render_detail(detail: Detail) -> None:
    """A change that is not to sets: a weigh-in, a setting, a routine, a session's span."""
    from tracker.cli.routines import print_plan  # and completion with it: for a routine only
    from tracker.services.undone import RoutineUndone, SessionUndone

    if isinstance(detail, BodyWeight):
        echo(
            f"Undid a weigh-in: removed body weight {format_load(detail.weight)} {detail.unit} "
            f"at {local(detail.measured_at)}."
        )
    elif isinstance(detail, RoutineUndone):
        if detail.plan is None:
            echo(f'Undid {detail.command}: removed routine "{detail.name}".')
        else:
            echo(f"Undid {detail.command}; the routine is again:")
            print_plan(detail.plan)
    elif isinstance(detail, SessionUndone):
        name = f' "{detail.name}"' if detail.name else ""
        if detail.command == "session start":
            echo(f"Undid session start: removed session #{detail.session_id}{name}, with no sets.")
        else:
            echo(f"Undid session finish: session #{detail.session_id}{name} is open again.")
    else:
        echo(f"Undid {detail.command}: {detail.outcome}.")


def older_change(change: OlderChange) -> str:
    return (
        f"undo would take back your {change.command} made {local(change.made_at)}, before "
        f"your latest session #{change.session_id} started ({local(change.session_started_at)})"
    )


@click.command("undo")
@confirm.yes_option
@pass_app
def undo_command(app: App, yes: bool) -> None:
    """Undo your last change: a log, set edit or delete, session, weigh-in, setting or routine.

    Each call steps one change further back, most recent first, and says what it undid. A
    change made before your latest session started is undone only with --yes. A change to
    the exercise catalog, or an import, can't be undone: undo stops there.
    """
    undo(app, yes, ask=False)


def undo(app: App, yes: bool, ask: bool) -> None:
    """Undo, asking first (`ask`: the gym prompt at a terminal) or refusing in one line
    before a change made before the latest session, unless `yes`."""
    from tracker.services.history import undo_last_change
    from tracker.services.undone import AskFirst

    try:
        undone = undo_last_change(app.uow(), app.lifter, confirmed=yes)
    except AskFirst as stop:
        if not ask:
            raise UserError(f"{older_change(stop.change)}: add --yes to undo it") from None
        if not confirm.ask(f"{older_change(stop.change)}. Undo it?"):
            echo_line("Nothing undone.")
            return
        undone = undo_last_change(app.uow(), app.lifter, confirmed=True)
    render_undone(undone)


def render_redone(redone: Redone) -> None:
    echo(f"Redid your {redone.command}.")
    for session_id in redone.sessions_back:
        echo(f"Session #{session_id} is back.")
    for heading, sets in (("Back as they were", redone.sets_back),
                          ("Removed again", redone.sets_removed)):
        if sets:
            echo(f"{heading}: {plural(len(sets), 'set')}:")
        for item in sets:
            echo(set_line(item))
    for session_id in redone.sessions_removed:
        echo(f"Removed session #{session_id} again.")


@click.command("redo")
@pass_app
def redo_command(app: App) -> None:
    """Redo what your last undo took back (until a new change).

    Each call steps one undo forward again, the latest undo first, ids included. Any new
    change clears what can be redone.
    """
    from tracker.services.history import redo_last_undo

    render_redone(redo_last_undo(app.uow(), app.lifter))
