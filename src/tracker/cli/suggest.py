"""`tracker suggest`: what to put on the machine next."""

from __future__ import annotations

import shutil
import textwrap
from decimal import Decimal
from typing import Any

import click

from tracker.cli.complete import complete_exercise
from tracker.cli.context import App, emit_json, pass_app, style


@click.command("suggest")
@click.argument("exercise", shell_complete=complete_exercise)
@click.option(
    "--basis",
    metavar="LOAD",
    help="A bilateral working weight you know (e.g. 150 or 330lb), when the parent lift "
    "is not logged yet; it also overrides the logged one.",
)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def suggest_command(app: App, exercise: str, basis: str | None, as_json: bool) -> None:
    """Suggest a load for EXERCISE: a safe start for a new unilateral variant (from its
    bilateral parent), else next session's load per side by double progression.
    """
    from tracker.services.suggest import parse_basis, suggest

    found = suggest(app.uow(), app.lifter, exercise, parse_basis(basis) if basis else None)
    answer = found.as_json()
    if as_json:
        emit_json(answer)
        return
    for line in render(answer):
        click.echo(line)


def _load(answer: dict[str, Any], load: float | int) -> str:
    """A load as the lifter picks it up; dumbbells are named, with their total."""
    from tracker.domain.equipment import Equipment
    from tracker.domain.load_convention import LoadPer, convention_for, describe_load
    from tracker.domain.model import Laterality
    from tracker.domain.units import Unit

    unit = Unit(answer["unit"])
    per = LoadPer(answer["per"])
    if per is not LoadPer.IMPLEMENT:
        return f"{load} {unit.value}"
    name = answer.get("implement") or "dumbbell"
    equipment = Equipment.KETTLEBELL if name == Equipment.KETTLEBELL else Equipment.DUMBBELL
    convention = convention_for(equipment, Laterality.BILATERAL, per, answer["implements"])
    return describe_load(Decimal(str(load)), unit, convention)


def render(answer: dict[str, Any]) -> list[str]:
    unit = answer["unit"]
    lines = [style(answer["exercise"], bold=True)]
    implement = answer["per"] == "implement"
    if answer["kind"] == "start":
        basis = answer["basis"]
        when = f" ({basis['reps']} reps on {basis['date']})" if basis["date"] else " (given)"
        low, high = answer["ratio"]
        lines += [
            f"  Basis:     {basis['exercise']} {basis['load']} {basis['unit']}{when}",
            f"  Ratio:     {low}-{high} {ratio_meaning(answer)}",
        ]
        if answer["sled"] is not None:
            lines.append(f"  Sled:      {answer['sled']} {unit} (ratio x (basis + sled) - sled)")
        each = f" per {answer.get('implement') or 'dumbbell'}" if implement else ""
        start_at = _load(answer, answer["suggested"])
        if answer["per"] == "side":
            start_at += " per side"
        lines += [
            f"  Range:     {answer['range'][0]}-{answer['range'][1]} {unit}{each}",
            style(f"  Start at:  {start_at}", bold=True),
        ]
    elif answer["sides"]:
        for side, target in answer["sides"].items():
            load = _load(answer, target["load"])
            reps = f", {target['reps_target']} reps" if implement else f" x {target['reps_target']}"
            per = " per side" if answer["per"] == "side" else ""  # a machine: without the sled
            lines.append(style(f"  {side:<5}  {load}{reps}{per}", bold=True))
    else:
        reps = f", {answer['reps_target']} reps" if implement else f" x {answer['reps_target']}"
        lines.append(style(f"  Next:  {_load(answer, answer['suggested'])}{reps}", bold=True))
    lines += wrapped("  Why: ", answer["rationale"])
    return lines


def ratio_meaning(answer: dict[str, Any]) -> str:
    if answer.get("ratio_of") == "implement":
        return f"of one {answer.get('implement') or 'dumbbell'}"
    if answer["per"] == "implement":
        return "of the basis, in total"
    return "per side" if answer["sides"] else "of the basis"


def wrapped(head: str, text: str) -> list[str]:
    """``head`` + text, wrapped to the terminal width (COLUMNS is honoured)."""
    width = max(40, shutil.get_terminal_size().columns)
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_on_hyphens=False,
    ) or [head.rstrip()]
