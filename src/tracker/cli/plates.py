"""`tracker plates LOAD [--exercise NAME]`: which plates to load."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tracker.cli.complete import complete_exercise
from tracker.cli.context import App, echo, emit_json, pass_app
from tracker.domain.units import as_number, format_load

if TYPE_CHECKING:
    from tracker.services.equipment import PlateAnswer


@click.command("plates")
@click.argument("load")
@click.option(
    "--exercise",
    metavar="NAME",
    shell_complete=complete_exercise,
    help="Load it for this exercise's equipment.",
)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def plates_command(app: App, load: str, exercise: str | None, as_json: bool) -> None:
    """The plates for LOAD on each side of the bar (or each horn of a plate-loaded machine).

    LOAD is in your unit unless it says (100, 225lb). A barbell load includes the bar;
    a plate-loaded machine's load is as you log it (the sled is not counted as plates).
    When the load can't be made, the nearest weight that can is shown.

    \b
    Your bar and plates:
      tracker config set bar 20kg
      tracker config set plates 25,20,15,10,5,2.5,1.25
      (25x4: the gym has only four 25s)
    """
    from tracker.services.equipment import plates_for  # SQLAlchemy: not for `plates --help`

    answer = plates_for(app.uow(), app.lifter, load, exercise)
    if as_json:
        emit_json(plates_json(answer))
        return
    for line in plates_lines(answer):
        echo(line)


def plates_lines(answer: PlateAnswer) -> list[str]:
    loading, unit = answer.loading, answer.unit.value
    side = " + ".join(format_load(p) for p in loading.per_side) or "no plates"
    where = "per horn" if answer.how == "machine" else "per side"
    lines = []
    if not loading.exact:
        lines.append(
            f"{format_load(loading.target)} {unit} can't be made with your plates; "
            f"nearest: {format_load(loading.total)} {unit}"
        )
    if answer.how == "machine":
        lines.append(f"{format_load(loading.total)} {unit}: {where} {side} (sled not counted)")
    else:
        lines.append(
            f"{format_load(loading.total)} {unit}: bar {format_load(loading.bar)} + {where} {side}"
        )
    return lines


def plates_json(answer: PlateAnswer) -> dict[str, Any]:
    loading = answer.loading
    return {
        "exercise": answer.exercise,
        "equipment": answer.how,
        "unit": answer.unit.value,
        "target": as_number(loading.target),
        "total": as_number(loading.total),
        "exact": loading.exact,
        "bar": as_number(loading.bar) if answer.how == "barbell" else None,
        "per_side": [as_number(p) for p in loading.per_side],
    }
