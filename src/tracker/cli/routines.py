"""`tracker routine ...`: named plans for `tracker gym NAME`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tracker.cli.complete import complete_exercise, complete_routine
from tracker.cli.context import App, UserError, echo, echo_wrapped, emit_json, pass_app
from tracker.domain.errors import TrackerError

if TYPE_CHECKING:
    from tracker.domain.routines import RoutinePlan
    from tracker.services.routines import ItemChanges

# The services (and with them SQLAlchemy) are imported inside the commands: `routine --help`
# and completing a routine's name import this module too, and undo imports print_plan.


@click.group("routine")
def routine_group() -> None:
    """Routines: exercises in order with sets, reps and rest, for tracker gym NAME."""


@routine_group.command("add")
@click.argument("name")
@pass_app
def routine_add(app: App, name: str) -> None:
    """Add an empty routine NAME (then: tracker routine add-exercise NAME EXERCISE)."""
    from tracker.services.routines import add_routine

    plan = add_routine(app.uow(), app.lifter, name)
    echo_wrapped(f'Added routine "{plan.name}".')


@routine_group.command("add-exercise")
@click.argument("name", shell_complete=complete_routine)
@click.argument("exercise", shell_complete=complete_exercise)
@click.option("--sets", type=click.IntRange(1, 20), default=3, show_default=True)
@click.option("--reps", metavar="LOW-HIGH", help="Rep range, e.g. 8-12 (default: the exercise's).")
@click.option("--rest", metavar="SECONDS", help="Rest between sets: 90, 2m, 1:30.")
@pass_app
def routine_add_exercise(
    app: App, name: str, exercise: str, sets: int, reps: str | None, rest: str | None
) -> None:
    """Add EXERCISE at the end of routine NAME."""
    from tracker.services.routines import add_item

    changes = _changes(sets, reps, rest)
    plan = add_item(app.uow(), app.lifter, name, exercise, changes)
    print_plan(plan)


def _changes(sets: int | None, reps: str | None, rest: str | None) -> ItemChanges:
    from tracker.domain.routines import parse_rep_range, parse_rest
    from tracker.services.routines import ItemChanges

    try:
        rep_range = None if reps is None else parse_rep_range(reps)
    except TrackerError as exc:
        raise UserError(f"--reps: {exc}") from None
    try:
        rest_s = None if rest is None else parse_rest(rest)
    except TrackerError as exc:
        raise UserError(f"--rest: {exc}") from None
    return ItemChanges(sets=sets, reps=rep_range, rest_s=rest_s)


@routine_group.command("save")
@click.argument("name")
@click.option("--from", "source", default="last", show_default=True, metavar="last|SESSION_ID")
@pass_app
def routine_save(app: App, name: str, source: str) -> None:
    """Save a session's exercises and set counts as routine NAME."""
    from tracker.services.routines import save_from_session

    plan = save_from_session(app.uow(), app.lifter, name, source)
    print_plan(plan)


@routine_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def routine_list(app: App, as_json: bool) -> None:
    """List your routines."""
    from tracker.services.routines import list_routines

    plans = list_routines(app.uow(), app.lifter)
    if as_json:
        emit_json([plan_json(p) for p in plans])
        return
    if not plans:
        echo('No routines yet: tracker routine add "Legs A"')
    for plan in plans:
        names = ", ".join(item.exercise for item in plan.items) or "no exercises yet"
        echo_wrapped(f"{plan.name}: {names}", indent="  ")


@routine_group.command("show")
@click.argument("name", shell_complete=complete_routine)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def routine_show(app: App, name: str, as_json: bool) -> None:
    """Show routine NAME, item by item."""
    from tracker.services.routines import show_routine

    plan = show_routine(app.uow(), app.lifter, name)
    if as_json:
        emit_json(plan_json(plan))
    else:
        print_plan(plan)


@routine_group.command("edit")
@click.argument("name", shell_complete=complete_routine)
@click.option("--rename", metavar="NEW", help="A new name.")
@click.option("--item", type=click.IntRange(1, 100), metavar="N", help="The item to change.")
@click.option("--sets", type=click.IntRange(1, 20), help="New set count of --item.")
@click.option("--reps", metavar="LOW-HIGH", help="New rep range of --item.")
@click.option("--rest", metavar="SECONDS", help="New rest of --item.")
@click.option("--move", "move_to", type=click.IntRange(1, 100), metavar="M", help="Move --item.")
@click.option("--remove", "remove_item", is_flag=True, help="Remove --item.")
@pass_app
def routine_edit(
    app: App,
    name: str,
    rename: str | None,
    item: int | None,
    sets: int | None,
    reps: str | None,
    rest: str | None,
    move_to: int | None,
    remove_item: bool,
) -> None:
    """Rename routine NAME, or change, move or remove its item N (see routine show)."""
    from tracker.services.routines import RoutineEdit, edit_routine

    edit = RoutineEdit(rename, item, _changes(sets, reps, rest), move_to, remove_item)
    print_plan(edit_routine(app.uow(), app.lifter, name, edit))


@routine_group.command("remove")
@click.argument("name", shell_complete=complete_routine)
@pass_app
def routine_remove(app: App, name: str) -> None:
    """Remove routine NAME (sessions logged with it stay)."""
    from tracker.services.routines import remove_routine

    echo_wrapped(f'Removed routine "{remove_routine(app.uow(), app.lifter, name)}".')


def item_text(sets: int, rep_low: int | None, rep_high: int | None, rest_s: int | None) -> str:
    from tracker.domain.routines import format_rest
    from tracker.wording import plural

    parts = [plural(sets, "set")]
    if rep_low is not None:
        parts.append(f"{rep_low}-{rep_high} reps" if rep_low != rep_high else f"{rep_low} reps")
    if rest_s is not None:
        parts.append(f"rest {format_rest(rest_s)}")
    return ", ".join(parts)


def print_plan(plan: RoutinePlan) -> None:
    echo_wrapped(plan.name, indent="  ")
    if not plan.items:
        # The command on a line of its own, so that it is read (and copied) whole.
        echo("  no exercises yet; add one with")
        echo_wrapped(f'    tracker routine add-exercise "{plan.name}" EXERCISE')
    for item in plan.items:
        side = " (each side)" if item.unilateral else ""
        detail = item_text(item.sets, item.rep_low, item.rep_high, item.rest_s)
        echo_wrapped(f"  {item.position}. {item.exercise}: {detail}{side}", indent="     ")


def plan_json(plan: RoutinePlan) -> dict[str, Any]:
    return {
        "name": plan.name,
        "items": [
            {
                "position": item.position,
                "exercise": item.exercise,
                "laterality": item.laterality,
                "sets": item.sets,
                "reps": None if item.rep_low is None else [item.rep_low, item.rep_high],
                "rest_s": item.rest_s,
            }
            for item in plan.items
        ],
    }
