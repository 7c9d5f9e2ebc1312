"""`tracker suggest`: what to put on the machine next."""

from __future__ import annotations

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

    answer = suggest(app.uow(), app.lifter, exercise, parse_basis(basis) if basis else None)
    if as_json:
        emit_json(answer)
        return
    for line in render(answer):
        click.echo(line)


def render(answer: dict[str, Any]) -> list[str]:
    unit = answer["unit"]
    lines = [style(answer["exercise"], bold=True)]
    if answer["kind"] == "start":
        basis = answer["basis"]
        when = f" ({basis['reps']} reps on {basis['date']})" if basis["date"] else " (given)"
        low, high = answer["ratio"]
        lines += [
            f"  Basis:     {basis['exercise']} {basis['load']} {basis['unit']}{when}",
            f"  Ratio:     {low}-{high} per side",
        ]
        if answer["sled"] is not None:
            lines.append(f"  Sled:      {answer['sled']} {unit} (ratio x (basis + sled) - sled)")
        lines += [
            f"  Range:     {answer['range'][0]}-{answer['range'][1]} {unit}",
            style(f"  Start at:  {answer['suggested']} {unit}", bold=True)
            + (" per side" if answer["sides"] else ""),
        ]
    elif answer["sides"]:
        for side, target in answer["sides"].items():
            lines.append(
                style(f"  {side:<5}  {target['load']} {unit} x {target['reps_target']}", bold=True)
            )
    else:
        lines.append(
            style(f"  Next:  {answer['suggested']} {unit} x {answer['reps_target']}", bold=True)
        )
    lines.append(f"  Why: {answer['rationale']}")
    return lines


COMMANDS = [suggest_command]
