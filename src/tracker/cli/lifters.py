"""`tracker lifter ...` and `tracker config ...`."""

from __future__ import annotations

import click

from tracker.cli.context import App, UserError, pass_app

UNIT_CHOICE = click.Choice(["kg", "lb"], case_sensitive=False)


@click.group("lifter")
def lifter_group() -> None:
    """The people whose training this database holds (a coach may have many)."""


@lifter_group.command("add")
@click.argument("name")
@click.option("--unit", type=UNIT_CHOICE, default="kg", show_default=True, help="Default unit.")
@pass_app
def lifter_add(app: App, name: str, unit: str) -> None:
    """Add a lifter; select it with --lifter NAME or TRACKER_LIFTER."""
    from tracker.services.lifters import add_lifter

    lifter = add_lifter(app.uow(), name, unit)
    click.echo(f"added lifter {lifter.name} ({lifter.unit})")


@lifter_group.command("list")
@pass_app
def lifter_list(app: App) -> None:
    """List the lifters and their default units."""
    from tracker.services.lifters import list_lifters

    current = app.lifter or "me"
    for name, unit in list_lifters(app.uow()):
        marker = "*" if name == current else " "
        click.echo(f"{marker} {name} ({unit})")


@lifter_group.command("edit")
@click.argument("name")
@click.option(
    "--involved",
    type=click.Choice(["left", "right", "none"]),
    required=True,
    help="The injured or operated side: report imbalance then gives involved / uninvolved.",
)
@click.option("--exercise", help="Only for this exercise (default: every exercise).")
@pass_app
def lifter_edit(app: App, name: str, involved: str, exercise: str | None) -> None:
    """Keep a lifter's involved side, for every unilateral exercise or one."""
    from tracker.domain.model import Side
    from tracker.services.lifter_data import set_involved

    side = None if involved == "none" else Side(involved)
    where = set_involved(app.uow(), name, side, exercise) or "every exercise"
    if side is None:
        click.echo(f"{name}: no involved side for {where}")
    else:
        click.echo(f"{name}: involved side {side.value} for {where}")


@click.group("config")
def config_group() -> None:
    """Settings: your default unit, and the load steps of your gym's equipment."""


@config_group.command("set")
@click.argument("key", metavar="KEY")
@click.argument("value")
@pass_app
def config_set(app: App, key: str, value: str) -> None:
    """Set KEY to VALUE.

    \b
    unit                 your default unit, kg or lb (per lifter)
    increment.EQUIPMENT  the smallest load step of that equipment in your gym, with its
                         unit: e.g. `tracker config set increment.dumbbell 2.5kg`
                         (equipment: barbell, dumbbell, machine, cable, kettlebell, ...)
    """
    from tracker.services.lifters import set_increment, set_unit

    if key == "unit":
        click.echo(f"unit = {set_unit(app.uow(), app.lifter, value).value}")
    elif key.startswith("increment."):
        equipment, step, unit = set_increment(
            app.uow(), app.lifter, key[len("increment.") :], value
        )
        click.echo(f"increment.{equipment} = {step} {unit}")
    else:
        raise UserError(f'unknown setting "{key}": use unit or increment.EQUIPMENT')


@config_group.command("get")
@click.argument("key", metavar="KEY", required=False)
@pass_app
def config_get(app: App, key: str | None) -> None:
    """Print KEY, or every setting."""
    from tracker.services.lifters import all_settings

    settings = all_settings(app.uow(), app.lifter)
    if key is None:
        for name, value in settings.items():
            click.echo(f"{name} = {value}")
    elif key in settings:
        click.echo(settings[key])
    elif matches := {name: v for name, v in settings.items() if name.startswith(f"{key}.")}:
        for name, value in matches.items():  # increment.dumbbell -> .kg and .lb
            click.echo(f"{name} = {value}")
    else:
        raise UserError(f'"{key}" is not set; see: tracker config get')


COMMANDS = [lifter_group, config_group]
