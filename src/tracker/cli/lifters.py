"""`tracker lifter ...` and `tracker config ...`."""

from __future__ import annotations

from datetime import date

import click

from tracker.cli.complete import complete_config_key, complete_exercise, complete_lifter
from tracker.cli.context import App, UserError, echo, echo_wrapped, pass_app

# The services (and with them SQLAlchemy) are imported inside the commands: `config --help`,
# `lifter --help` and completing a setting's name import this module too.

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
    echo_wrapped(f"added lifter {lifter.name} ({lifter.unit})")


@lifter_group.command("list")
@pass_app
def lifter_list(app: App) -> None:
    """List the lifters and their default units."""
    from tracker.cli.render import printable
    from tracker.services.lifters import list_lifters

    current = app.lifter or "me"
    for name, unit in list_lifters(app.uow(read_only=True)):
        marker = "*" if name == current else " "
        echo_wrapped(f"{marker} {printable(name)} ({unit})")


@lifter_group.command("edit")
@click.argument("name", shell_complete=complete_lifter)
@click.option(
    "--involved",
    type=click.Choice(["left", "right", "none"]),
    help="The injured or operated side: report imbalance then gives involved / uninvolved.",
)
@click.option(
    "--injury-date",
    metavar="DATE",
    help="The injury or operation (or none): the sessions before it are the pre-injury "
    "reference of report imbalance's EPIC.",
)
@click.option(
    "--exercise",
    shell_complete=complete_exercise,
    help="Only for this exercise (default: every exercise).",
)
@pass_app
def lifter_edit(
    app: App, name: str, involved: str | None, injury_date: str | None, exercise: str | None
) -> None:
    """Keep a lifter's involved side and injury date, for every unilateral exercise or one."""
    from tracker.domain.model import Side
    from tracker.services.history_settings import KEEP
    from tracker.services.lifter_data import involved_by_exercise, set_involved

    if involved is None and injury_date is None:
        raise UserError("give --involved left|right|none, --injury-date DATE|none, or both")
    side = KEEP if involved is None else None if involved == "none" else Side(involved)
    day = KEEP if injury_date is None else injury_day(injury_date)
    done = set_involved(app.uow(), name, side, exercise, day)
    where = done.exercise or "every exercise"
    if side is None:
        echo(f"{name}: no involved side for {where}")
        if exercise is None:  # the sides kept for single exercises still apply: say so
            kept = involved_by_exercise(app.uow(), name)
            if kept:
                listed = ", ".join(f"{title} ({one.value})" for title, one in kept)
                echo_wrapped(
                    f"still involved for one exercise: {listed}; clear it with "
                    f'tracker lifter edit {name} --involved none --exercise "NAME"'
                )
        return
    if isinstance(side, Side):
        echo(f"{name}: involved side {side.value} for {where}")
    if done.shadowed_date is not None:
        echo_wrapped(
            f"{where} has no injury date of its own, so every exercise's "
            f"({done.shadowed_date.isoformat()}) no longer applies to it: add --injury-date "
            "for its EPIC"
        )
    if day is None:
        echo(f"{name}: no injury date for {where}")
    elif day is not KEEP:
        echo(f"{name}: injury date {day.isoformat()} for {where}")


def injury_day(text: str) -> date | None:
    """--injury-date: a day as lifters type it ("2026-03-02", "12 weeks ago"), not in the
    future, or none."""
    from tracker.cli.params import local_now
    from tracker.domain.errors import TrackerError
    from tracker.domain.when import parse_since

    if text.strip().lower() == "none":
        return None
    try:
        day = parse_since(text, local_now()).date()
    except TrackerError as exc:
        raise UserError(f"--injury-date: {exc}") from None
    if day > local_now().date():
        raise UserError(f"--injury-date: {day.isoformat()} is in the future")
    return day


@click.group("config")
def config_group() -> None:
    """Settings: your default unit, and the load steps of your gym's equipment."""


@config_group.command("set")
@click.argument("key", metavar="KEY", shell_complete=complete_config_key)
@click.argument("value")
@pass_app
def config_set(app: App, key: str, value: str) -> None:
    """Set KEY to VALUE.

    \b
    unit
      your default unit, kg or lb (per lifter)
    increment.EQUIPMENT
      the smallest load step of that equipment in your
      gym, with its unit, e.g.
      tracker config set increment.dumbbell 2.5kg
      (barbell, dumbbell, machine, cable, kettlebell ...)
    bar
      your barbell's weight, e.g. 20kg or 45lb (plate maths)
    plates
      the plates your gym has, heaviest first, e.g.
      25,20,15,10,5,2.5,1.25; 25x4 says there are only
      four 25s (two per side)
    """
    from tracker.services.lifters import set_increment, set_unit

    if key == "unit":
        echo(f"unit = {set_unit(app.uow(), app.lifter, value).value}")
    elif key.startswith("increment."):
        equipment, step, unit = set_increment(
            app.uow(), app.lifter, key[len("increment.") :], value
        )
        echo(f"increment.{equipment} = {step} {unit}")
    elif key in ("bar", "plates"):  # stored per unit like the increments (plate maths)
        from tracker.services.equipment import set_equipment_setting

        stored, unit = set_equipment_setting(app.uow(), app.lifter, key, value)
        echo(f"{key} = {stored} {unit}")  # read back as set: `bar = 20 kg`
    else:
        raise UserError(f'unknown setting "{key}": use unit, increment.EQUIPMENT, bar or plates')


@config_group.command("get")
@click.argument("key", metavar="KEY", required=False, shell_complete=complete_config_key)
@pass_app
def config_get(app: App, key: str | None) -> None:
    """Print every setting (or KEY's) with the value in force and where it comes from.

    Sources: default, gym-wide (tracker config set), per exercise (tracker exercises edit
    NAME --increment), and your lifter for the unit.
    """
    from tracker.services.lifters import config_entries, select_entries

    entries = config_entries(app.uow(read_only=True), app.lifter)
    if key is not None:
        entries = select_entries(entries, key)
    for entry in entries:
        echo_wrapped(f"{entry.key} = {entry.value}  ({entry.why})")
