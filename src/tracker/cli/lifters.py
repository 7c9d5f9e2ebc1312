"""`tracker lifter ...` and `tracker config ...`."""

from __future__ import annotations

import click

from tracker.cli.context import App, pass_app

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
    """Per-lifter settings (the default unit)."""


@config_group.command("set")
@click.argument("key", type=click.Choice(["unit"]))
@click.argument("value")
@pass_app
def config_set(app: App, key: str, value: str) -> None:
    """Set a setting, e.g. `tracker config set unit lb`."""
    from tracker.services.lifters import set_unit

    unit = set_unit(app.uow(), app.lifter, value)
    click.echo(f"unit = {unit.value}")


@config_group.command("get")
@click.argument("key", type=click.Choice(["unit"]))
@pass_app
def config_get(app: App, key: str) -> None:
    """Print a setting."""
    from tracker.services.lifters import get_unit

    click.echo(get_unit(app.uow(), app.lifter).value)


COMMANDS = [lifter_group, config_group]
