"""`tracker session ...`: start, finish, list, show and delete training sessions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from itertools import groupby
from typing import TYPE_CHECKING

import click

from tracker.cli.confirm import delete_confirmed, yes_option
from tracker.cli.context import App, echo, echo_wrapped, emit_json, pass_app, style
from tracker.cli.layout import Column, plural, wrap, wrap_line
from tracker.cli.params import SINCE, WHEN, local_now
from tracker.cli.render import (
    kind_and_rpe,
    local,
    local_span,
    measure_text,
    printable,
    set_text,
    side_label,
    table,
)
from tracker.domain.units import as_number
from tracker.wording import session_gap

if TYPE_CHECKING:
    from tracker.domain.sessions import SessionInfo
    from tracker.services.sessions import SessionDetail
    from tracker.services.stored_sets import StoredSet

# The services (and with them SQLAlchemy) are imported inside the commands: `session --help`,
# a usage error and completing a subcommand import this module too.


@click.group("session")
def session_group() -> None:
    """Training sessions. `tracker log` starts one by itself when none is open."""


@session_group.command("start")
@click.option("--at", type=WHEN, help="Start time (default now).")
@click.option("--name", help='A name, e.g. "Legs A".')
@pass_app
def session_start(app: App, at: datetime | None, name: str | None) -> None:
    """Start a session (refused while another one is open)."""
    from tracker.services.sessions import start_session

    started = start_session(app.uow(), app.lifter, at or local_now(), name)
    label = f" {printable(started.name)}" if started.name else ""
    echo_wrapped(f"Started session #{started.id}{label} at {local(started.started_at)}.")


@session_group.command("finish")
@click.option("--at", type=WHEN, help="End time (default now).")
@pass_app
def session_finish(app: App, at: datetime | None) -> None:
    """Finish the open session."""
    from tracker.services.sessions import finish_session

    done = finish_session(app.uow(), app.lifter, at, local_now())
    assert done.finished_at is not None
    if done.already_finished:
        echo_wrapped(
            f"Session #{done.id} is already finished, at its last set "
            f"({local(done.finished_at)}): back-dated sets (--at) are stored in a finished "
            f"session, and {session_gap()} without a set finish one."
        )
        return
    minutes = int((done.finished_at - done.started_at).total_seconds() // 60)
    echo_wrapped(
        f"Finished session #{done.id}: {plural(done.sets, 'set')} of "
        f"{plural(done.exercises, 'exercise')} in {minutes} min."
    )


@session_group.command("list")
@click.option("--since", type=SINCE, help='Only sessions from then on, e.g. "4w" or "2026-11-01".')
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def session_list(app: App, since: datetime | None, as_json: bool) -> None:
    """List sessions, newest first."""
    from tracker.services.sessions import list_sessions

    sessions = list_sessions(app.uow(read_only=True), app.lifter, since)
    if as_json:
        emit_json([listed_json(s) for s in sessions])
        return
    if not sessions:
        echo("No sessions yet.")
        return
    rows = [
        [f"#{s.id}", *local_span(s.started_at, s.finished_at), s.name or "", str(s.sets),
         str(s.exercises)]
        for s in sessions
    ]
    columns = [
        Column("id"),
        Column("started", "start"),
        Column("ended", "end"),
        Column("name"),
        Column("sets", numeric=True),
        Column("exercises", "ex.", numeric=True),
    ]
    for line in table(rows, columns):
        echo(line)


@session_group.command("show")
@click.argument("which", default="last", metavar="[ID|last]")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def session_show(app: App, which: str, as_json: bool) -> None:
    """Show a session and its sets (default: the latest)."""
    from tracker.services.sessions import show_session

    detail = show_session(app.uow(read_only=True), app.lifter, which)
    if as_json:
        emit_json(session_json(detail))
        return
    for line in render_session(detail):
        echo(line)


# The JSON shapes of `session list` and `show`, field by field in their order.
def listed_json(s: SessionInfo) -> dict[str, object]:
    return json_values(id=s.id, name=s.name, started_at=s.started_at, finished_at=s.finished_at,
                       sets=s.sets, exercises=s.exercises)


def session_json(d: SessionDetail) -> dict[str, object]:
    return json_values(id=d.id, lifter=d.lifter, name=d.name, started_at=d.started_at,
                       finished_at=d.finished_at, notes=d.notes, sets=[set_json(s) for s in d.sets])


def set_json(s: StoredSet) -> dict[str, object]:
    return json_values(
        id=s.id, exercise=s.exercise, side=s.side, reps=s.reps, load=s.load, unit=s.unit,
        bodyweight=s.bodyweight, rpe=s.rpe, kind=s.kind, performed_at=s.performed_at,
        duration_s=s.duration_s, distance=s.distance, distance_unit=s.distance_unit, note=s.note,
    )


def json_values(**fields: object) -> dict[str, object]:
    """The fields as JSON values: a Decimal as its number, a time local with its offset."""
    for name, value in fields.items():
        if isinstance(value, Decimal):
            fields[name] = as_number(value)
        elif isinstance(value, datetime):
            fields[name] = value.astimezone().isoformat()
    return fields


def render_session(detail: SessionDetail) -> list[str]:
    """The session's heading and notes, then its sets in the order they were done, under
    their exercise; a note shared by all sets of an exercise is shown once, under its name."""
    start, end = local_span(detail.started_at, detail.finished_at)
    name = f" {printable(detail.name)}" if detail.name else ""
    lines = wrap_line(style(f"Session #{detail.id}{name}", bold=True) + f"  {start} - {end}")
    if detail.notes:
        lines += wrap(printable(detail.notes), indent="    ", first="  Notes: ")
    for exercise, sets in groupby(detail.sets, key=lambda s: s.exercise):
        block = list(sets)
        notes = {s.note for s in block}
        shared = notes.pop() if len(notes) == 1 else None
        lines += wrap_line(f"  {printable(exercise)}")
        if shared:
            lines += wrap(printable(shared), indent="      ", first="    Note: ")
        for s in block:
            lines += wrap_line(f"    #{s.id} {shown_set(s, with_note=not shared)}", indent="      ")
    if not detail.sets:
        lines.append("  (no sets)")
    return lines


@session_group.command("delete")
@click.argument("session_id", type=click.IntRange(1, 2_147_483_647), metavar="ID")
@yes_option
@pass_app
def session_delete(app: App, session_id: int, yes: bool) -> None:
    """Delete session ID and all its sets, after showing them and asking (--yes: without
    asking). `tracker undo` brings it back; see also import --replace."""
    from tracker.services.sessions import delete_session, show_session

    detail = show_session(app.uow(), app.lifter, str(session_id))
    question = f"Delete session #{session_id} and its {plural(len(detail.sets), 'set')}?"
    kept = f"Kept session #{session_id}."
    if not delete_confirmed(yes, "session delete", render_session(detail), question, kept):
        return
    gone = delete_session(app.uow(), app.lifter, session_id)
    echo_wrapped(
        f"Deleted session #{gone.id} with {plural(gone.sets, 'set')} (tracker undo brings it back)."
    )


def shown_set(s: StoredSet, with_note: bool = True) -> str:
    """One stored set as a line: side, reps x load (or time/distance), kind, RPE, note."""
    side = f"{side_label(s.side)} " if s.side else ""
    measures = []
    timed = bool(s.duration_s or s.distance)
    if s.reps or not timed:  # a failed attempt (0 reps) is still shown as 0 x load
        measures.append(set_text(s.reps, s.load, s.unit, s.bodyweight))
    if timed:
        measure = measure_text(s.duration_s, s.distance, s.distance_unit)
        if not s.reps and (s.load or not s.bodyweight):  # a loaded carry: 40 m x 24 kg
            measure += " x " + set_text(0, s.load, s.unit, s.bodyweight).split(" x ")[1]
        measures.append(measure)
    extras = kind_and_rpe(s.kind, s.rpe)
    if s.note and with_note:
        extras.append(printable(s.note))
    tail = f"  ({'; '.join(extras)})" if extras else ""
    return f"{side}{', '.join(measures) or '-'}{tail}"
