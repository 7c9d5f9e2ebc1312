"""`tracker undo`: step back through your last changes, one per call, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli.context import App, pass_app
from tracker.cli.layout import plural, wrap_line
from tracker.cli.render import full_set_text, kind_and_rpe, local

if TYPE_CHECKING:
    from tracker.services.history import Undone
    from tracker.services.stored_sets import StoredSet


def set_line(item: StoredSet, indent: str = "  ") -> str:
    """#12 Single Leg Press L 10 x 60 kg (drop, RPE 8, "felt easy") 2026-11-25 18:30."""
    text = full_set_text(
        item.side,
        item.reps,
        item.load,
        item.unit,
        item.bodyweight,
        item.duration_s,
        item.distance,
        item.distance_unit,
    )
    extras = kind_and_rpe(item.kind, item.rpe)
    if item.note:
        extras.append(f'"{item.note}"')
    tail = f" ({', '.join(extras)})" if extras else ""
    return f"{indent}#{item.id} {item.exercise} {text}{tail}, {local(item.performed_at)}"


def echo(text: str) -> None:
    for line in wrap_line(text, indent="      "):
        click.echo(line)


def render_undone(undone: Undone) -> None:
    from tracker.services.history import DELETE_SESSION, DELETE_SET, EDIT, LOG

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


@click.command("undo")
@pass_app
def undo_command(app: App) -> None:
    """Undo your last change to the log: a log, a set edit, a set or session delete.

    Each call steps one change further back, most recent first, and says what it undid.
    """
    from tracker.services.history import undo_last_change

    render_undone(undo_last_change(app.uow(), app.lifter))
