"""`tracker bodyweight ...`: the weigh-ins that give bodyweight sets their load."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import click

from tracker.cli.context import App, echo, emit_json, pass_app
from tracker.cli.params import NUMBER, WHEN, local_now
from tracker.domain.units import convert, format_load

# The services (and with them SQLAlchemy) are imported inside the commands: `bodyweight
# --help` imports this module too.


@click.group("bodyweight")
def bodyweight_group() -> None:
    """Your body weight: bodyweight sets (12xBW, 8xBW+20) weigh the latest one before them."""


@bodyweight_group.command("add")
@click.argument("weight", type=NUMBER)
@click.option(
    "--at", "at", type=WHEN, help='When you weighed yourself (default now), e.g. "07:30".'
)
@click.option(
    "--unit", type=click.Choice(["kg", "lb"], case_sensitive=False), help="Default: yours."
)
@pass_app
def bodyweight_add(app: App, weight: Decimal, at: datetime | None, unit: str | None) -> None:
    """Log a weigh-in, e.g. `tracker bodyweight add 82.5`."""
    from tracker.cli.render import local
    from tracker.services.lifter_data import add_body_weight

    entry = add_body_weight(app.uow(), app.lifter, weight, unit, at or local_now())
    echo(f"body weight {format_load(entry.weight)} {entry.unit} at {local(entry.measured_at)}")


@bodyweight_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def bodyweight_list(app: App, as_json: bool) -> None:
    """Every weigh-in, oldest first."""
    from tracker.cli.render import local
    from tracker.domain.units import exact_text
    from tracker.services.lifter_data import list_body_weights
    from tracker.services.lifters import get_unit

    entries = list_body_weights(app.uow(), app.lifter)
    if as_json:
        emit_json(
            [{"at": e.measured_at.isoformat(), "weight": float(exact_text(e.weight)),
              "unit": e.unit.value} for e in entries]
        )
        return
    if not entries:
        echo("No body weight logged: tracker bodyweight add WEIGHT")
    unit = get_unit(app.uow(), app.lifter)
    for e in entries:
        # As typed; one in the other unit also in yours, so that the list reads as one trend.
        yours = (
            "" if e.unit is unit else f" ({format_load(convert(e.weight, e.unit, unit))} {unit})"
        )
        echo(f"{local(e.measured_at)}  {format_load(e.weight)} {e.unit}{yours}")
