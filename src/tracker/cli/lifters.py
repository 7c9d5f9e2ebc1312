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
    bar                  your barbell's weight, e.g. 20kg or 45lb (for plate maths)
    plates               the plates your gym has, heaviest first: 25,20,15,10,5,2.5,1.25;
                         25x4 says there are only four 25s (two per side)
    """
    from tracker.services.lifters import set_increment, set_unit

    if key == "unit":
        click.echo(f"unit = {set_unit(app.uow(), app.lifter, value).value}")
    elif key.startswith("increment."):
        equipment, step, unit = set_increment(
            app.uow(), app.lifter, key[len("increment.") :], value
        )
        click.echo(f"increment.{equipment} = {step} {unit}")
    elif key in ("bar", "plates"):
        set_equipment_config(app, key, value)
    else:
        raise UserError(f'unknown setting "{key}": use unit, increment.EQUIPMENT, bar or plates')


def set_equipment_config(app: App, key: str, value: str) -> None:
    """`bar` and `plates`, stored per unit like the increments (gym mode's plate maths)."""
    from tracker.services.equipment import set_equipment_setting

    name, stored = set_equipment_setting(app.uow(), app.lifter, key, value)
    click.echo(f"{name} = {stored}")


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
