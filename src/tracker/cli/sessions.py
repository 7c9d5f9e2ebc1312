"""`tracker session ...`: start, finish, list and show training sessions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import click

from tracker.cli.context import App, emit_json, pass_app, style
from tracker.cli.params import SINCE, WHEN, local_now
from tracker.cli.render import local, local_span, printable, set_text, side_label, table
from tracker.domain.units import Unit


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
    click.echo(f"Started session #{started.id}{label} at {local(started.started_at)}.")


@session_group.command("finish")
@click.option("--at", type=WHEN, help="End time (default now).")
@pass_app
def session_finish(app: App, at: datetime | None) -> None:
    """Finish the open session."""
    from tracker.services.sessions import finish_session

    done = finish_session(app.uow(), app.lifter, at, local_now())
    assert done.finished_at is not None
    minutes = int((done.finished_at - done.started_at).total_seconds() // 60)
    click.echo(
        f"Finished session #{done.id}: {done.sets} sets of {done.exercises} exercises "
        f"in {minutes} min."
    )


@session_group.command("list")
@click.option("--since", type=SINCE, help='Only sessions from then on, e.g. "4w" or "2026-11-01".')
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def session_list(app: App, since: datetime | None, as_json: bool) -> None:
    """List sessions, newest first."""
    from tracker.services.sessions import list_sessions

    sessions = list_sessions(app.uow(), app.lifter, since)
    if as_json:
        emit_json(
            [
                {
                    "id": s.id,
                    "name": s.name,
                    "started_at": s.started_at.astimezone().isoformat(),
                    "finished_at": s.finished_at.astimezone().isoformat()
                    if s.finished_at
                    else None,
                    "sets": s.sets,
                    "exercises": s.exercises,
                }
                for s in sessions
            ]
        )
        return
    if not sessions:
        click.echo("No sessions yet.")
        return
    rows = [
        [f"#{s.id}", *local_span(s.started_at, s.finished_at), s.name or "", str(s.sets),
         str(s.exercises)]
        for s in sessions
    ]  # fmt: skip
    for line in table(rows, ["id", "started", "ended", "name", "sets", "exercises"]):
        click.echo(line)


@session_group.command("show")
@click.argument("which", default="last", metavar="[ID|last]")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def session_show(app: App, which: str, as_json: bool) -> None:
    """Show a session and its sets (default: the latest)."""
    from tracker.services.sessions import show_session

    data = show_session(app.uow(), app.lifter, which)
    if as_json:
        emit_json(data)
        return
    finished = data["finished_at"]
    start, end = local_span(
        datetime.fromisoformat(data["started_at"]),
        datetime.fromisoformat(finished) if finished else None,
    )
    name = f" {printable(data['name'])}" if data["name"] else ""
    click.echo(style(f"Session #{data['id']}{name}", bold=True) + f"  {start} - {end}")
    current = None
    for s in data["sets"]:
        if s["exercise"] != current:
            current = s["exercise"]
            click.echo(f"  {printable(current)}")
        click.echo(f"    #{s['id']} {shown_set(s)}")
    if not data["sets"]:
        click.echo("  (no sets)")


@session_group.command("delete")
@click.argument("session_id", type=click.IntRange(1, 2_147_483_647), metavar="ID")
@pass_app
def session_delete(app: App, session_id: int) -> None:
    """Delete session ID and all its sets (e.g. a wrong import; see also import --replace)."""
    from tracker.services.sessions import delete_session

    gone = delete_session(app.uow(), app.lifter, session_id)
    click.echo(f"Deleted session #{gone.id} with {gone.sets} sets.")


def shown_set(s: dict[str, Any]) -> str:
    """One stored set as a line: side, reps x load (or time/distance), kind, RPE, note."""
    side = f"{side_label(s['side'])} " if s["side"] else ""
    measures = []
    if s["reps"] or s["load"]:
        measures.append(
            set_text(s["reps"], Decimal(str(s["load"])), Unit(s["unit"]), s["bodyweight"])
        )
    if s["duration_s"]:
        minutes, seconds = divmod(int(s["duration_s"]), 60)
        measures.append(f"{minutes}:{seconds:02d}" if minutes else f"{seconds} s")
    if s["distance"]:
        measures.append(f"{s['distance']} {s['distance_unit'] or ''}".rstrip())
    extras = [] if s["kind"] == "working" else [s["kind"]]
    if s["rpe"] is not None:
        extras.append(f"RPE {s['rpe']}")
    if s["note"]:
        extras.append(printable(s["note"]))
    tail = f"  ({'; '.join(extras)})" if extras else ""
    return f"{side}{', '.join(measures) or '-'}{tail}"


COMMANDS = [session_group]
