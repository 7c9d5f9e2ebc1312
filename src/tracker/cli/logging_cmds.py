"""`tracker log`, `tracker undo` and `tracker set ...`: recording what was lifted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import click

from tracker.cli.context import App, UserError, pass_app, style
from tracker.cli.params import RPE, WHEN, local_now
from tracker.cli.render import local_date, set_text, side_label, sided_set_text
from tracker.domain.errors import InvalidSpec
from tracker.domain.model import SetKind, Side

if TYPE_CHECKING:
    from tracker.services.logbook import LogResult, PlannedSet

SIDE_MARKERS = {"-l": "left", "--left": "left", "-r": "right", "--right": "right", "--each": "each"}
# Ids fit a 32-bit integer column on every engine.
ID = click.IntRange(1, 2_147_483_647)
KINDS = click.Choice(["working", "warmup", "drop", "failure"])


def plan_sets(tokens: Sequence[str], rpe: Decimal | None) -> list[PlannedSet]:
    """Turn `10x60 --left 10x60 8x60 --right 8x60 --each 12x20` into sets, in typed order."""
    from tracker.domain.specs import parse_rpe, parse_spec
    from tracker.services.logbook import PlannedSet

    planned: list[PlannedSet] = []
    side: str | None = None
    for token in tokens:
        name, eq, value = token.partition("=")
        if name in SIDE_MARKERS:
            side = SIDE_MARKERS[name]
            if not eq:
                continue
            token = value
        elif token.startswith("-") and not token[1:2].isdigit():
            raise InvalidSpec(f'unknown option "{token}": see tracker log --help')
        text, at_sign, rpe_text = token.partition("@")
        set_rpe = parse_rpe(rpe_text) if at_sign else rpe
        sides = [Side.LEFT, Side.RIGHT] if side == "each" else [Side(side) if side else None]
        for spec in parse_spec(text):
            planned.extend(PlannedSet(spec, s, set_rpe) for s in sides)
    return planned


@click.command(
    "log",
    context_settings={"ignore_unknown_options": True},
    epilog="""\b
Sides (unilateral exercises; each applies to the specs after it):
  -l, --left SPEC...    sets done with the left side
  -r, --right SPEC...   sets done with the right side
  --each SPEC...        the same set on each side, left first
\b
Set syntax (SPEC):
  10x60      10 reps at 60 in your unit (tracker config set unit lb)
  10x60kg    8x135lb    8x61.25
  3x10x60    three sets of 10 at 60
  12  12xBW  bodyweight; 8xBW+20 adds 20 to bodyweight
  10x60@8    a set at RPE 8 (or --rpe for every set)
\b
Examples:
  tracker log "leg press" 10x100 10x120 8x140
  tracker log "single leg press" --left 10x60 --right 8x60
  tracker log slp -l 10x60 -r 10x60 -l 10x65 -r 9x65
  tracker log squat 5x60 5x80 --warmup""",
)
@click.argument("exercise")
@click.argument("specs", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@click.option("--rpe", type=RPE, help="Rate of perceived exertion, 1-10 in half points.")
@click.option("--warmup", is_flag=True, help="Mark the sets as warm-ups (left out of reports).")
@click.option("--kind", type=KINDS, help="Set kind: working (default), warmup, drop or failure.")
@click.option("--note", help="A note stored with each set.")
@click.option("--at", type=WHEN, help='When the sets were done (default now), e.g. "18:30".')
@pass_app
def log_command(
    app: App,
    exercise: str,
    specs: tuple[str, ...],
    rpe: Decimal | None,
    warmup: bool,
    kind: str | None,
    note: str | None,
    at: datetime | None,
) -> None:
    """Log sets of EXERCISE: one command, stored together or not at all.

    Starts a session when none is open. A session with no set for 4 hours is closed at its
    last set, and the next set starts a new session.
    """
    log_and_print(app, exercise, specs, rpe, warmup, kind, note, at)


def log_from_args(app: App, args: Sequence[str]) -> LogResult:
    """`tracker log`'s arguments as one list (gym mode): parsed, logged and printed alike."""
    ctx = log_command.make_context("log", list(args), obj=app)
    return log_and_print(app, **ctx.params)


def log_and_print(
    app: App,
    exercise: str,
    specs: Sequence[str],
    rpe: Decimal | None = None,
    warmup: bool = False,
    kind: str | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> LogResult:
    from tracker.services.logbook import LogRequest, log_sets

    if warmup and kind not in (None, "warmup"):
        raise UserError(f"--warmup and --kind {kind} contradict each other: give one")
    set_kind = SetKind.WARMUP if warmup else SetKind(kind or "working")
    request = LogRequest(exercise, plan_sets(specs, rpe), set_kind, note, at)
    result = log_sets(app.uow(), app.lifter, request, local_now())
    print_log_result(result)
    print_start_hint(app, result)
    return result


def print_log_result(result: LogResult) -> None:
    if result.closed_session is not None:
        click.echo(f"Closed session #{result.closed_session} (no sets for 4 hours).")
    if result.started_session:
        click.echo(f"Started session #{result.session_id}.")
    click.echo(style(result.exercise, bold=True))
    for stored in result.sets:
        extra = [] if stored.kind is SetKind.WORKING else [stored.kind.value]
        if stored.rpe is not None:
            extra.append(f"RPE {stored.rpe}")
        tail = f" ({', '.join(extra)})" if extra else ""
        best = style("  * new best e1RM", fg="green") if stored.best else ""
        text = sided_set_text(stored.side, stored.reps, stored.load, stored.unit, stored.bodyweight)
        line = f"  #{stored.id} {text}"
        click.echo(f"{line}{tail}{best}")
    previous = result.previous
    if previous is None:
        if result.first_time:
            click.echo("  First time logged.")
        return
    by_side: dict[str, list[str]] = {}
    for side, reps, load, unit, bodyweight, kind in previous.sets:
        if kind is SetKind.WARMUP:
            continue
        by_side.setdefault(side_label(side), []).append(set_text(reps, load, unit, bodyweight))
    parts = [f"{label + ' ' if label else ''}{', '.join(sets)}" for label, sets in by_side.items()]
    click.echo(f"  Last time ({local_date(previous.date)}): {'; '.join(parts) or 'warm-ups only'}")


def print_start_hint(app: App, result: LogResult) -> None:
    """A unilateral exercise logged for the first time: show the suggested starting load."""
    if not result.first_time or result.laterality == "bilateral":
        return
    from tracker.services.suggest import suggest_start_line

    line = suggest_start_line(app.uow(), app.lifter, result.exercise)
    if line:
        click.echo(f"  {line}")


@click.command("undo")
@pass_app
def undo_command(app: App) -> None:
    """Remove the sets stored by the most recent `tracker log`, and say what they were."""
    from tracker.services.logbook import undo_last

    removed = undo_last(app.uow(), app.lifter)
    click.echo(f"Removed {len(removed)} set{'s' if len(removed) != 1 else ''}:")
    for item in removed:
        text = sided_set_text(item.side, item.reps, item.load, item.unit, item.bodyweight)
        click.echo(f"  #{item.id} {item.exercise} {text}")


@click.group("set")
def set_group() -> None:
    """Fix a logged set: edit or delete it by id (ids are shown when logging)."""


@set_group.command("edit")
@click.argument("set_id", type=ID, metavar="ID")
@click.argument("spec", required=False)
@click.option("--side", type=click.Choice(["left", "right"]), help="Move the set to this side.")
@click.option("--rpe", type=RPE, help="New RPE.")
@click.option("--kind", type=KINDS, help="New kind.")
@click.option("--note", help='New note ("" clears it).')
@click.option("--at", type=WHEN, help="New time.")
@pass_app
def set_edit(
    app: App,
    set_id: int,
    spec: str | None,
    side: str | None,
    rpe: Decimal | None,
    kind: str | None,
    note: str | None,
    at: datetime | None,
) -> None:
    """Change set ID: a new SPEC such as 10x62.5, and/or its side, RPE, kind, note or time."""
    from tracker.domain.specs import parse_spec
    from tracker.services.logbook import SetEdit, edit_set

    new_spec = None
    if spec is not None:
        parsed = parse_spec(spec)
        if len(parsed) != 1:
            raise InvalidSpec(f'"{spec}" is {len(parsed)} sets; an edit takes one, like 10x60')
        new_spec = parsed[0]
    edit = SetEdit(
        spec=new_spec,
        side=Side(side) if side else None,
        rpe=rpe,
        kind=SetKind(kind) if kind else None,
        note=note,
        at=at,
    )
    stored = edit_set(app.uow(), app.lifter, set_id, edit)
    text = sided_set_text(stored.side, stored.reps, stored.load, stored.unit, stored.bodyweight)
    click.echo(f"#{stored.id} {text} ({stored.kind.value})")


@set_group.command("delete")
@click.argument("set_id", type=ID, metavar="ID")
@pass_app
def set_delete(app: App, set_id: int) -> None:
    """Delete set ID."""
    from tracker.services.logbook import delete_set

    item = delete_set(app.uow(), app.lifter, set_id)
    text = sided_set_text(item.side, item.reps, item.load, item.unit, item.bodyweight)
    click.echo(f"Deleted #{item.id} {item.exercise} {text}")


COMMANDS = [log_command, undo_command, set_group]
