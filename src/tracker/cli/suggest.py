"""`tracker suggest`: what to put on the machine next."""

from __future__ import annotations

import shutil
import textwrap
from decimal import Decimal
from typing import TYPE_CHECKING

import click

from tracker.cli.complete import complete_exercise
from tracker.cli.context import App, echo, emit_json, pass_app, style
from tracker.cli.layout import wrap_line
from tracker.cli.suggest_json import suggestion_json
from tracker.domain.bodyweight import bodyweight_text
from tracker.domain.load_convention import LoadPer
from tracker.domain.units import Unit, as_number
from tracker.wording.loads import describe_load

if TYPE_CHECKING:
    from tracker.services.suggest import Suggestion


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

    uow = app.uow(read_only=True)
    answer = suggest(uow, app.lifter, exercise, parse_basis(basis) if basis else None)
    if as_json:
        emit_json(suggestion_json(answer))
        return
    for line in render(answer):
        echo(line)


def _number(value: Decimal) -> str:
    """A figure as the JSON shows it (62.5, 0.4): the text and the JSON agree."""
    return str(as_number(value))


def _load(
    answer: Suggestion, load: Decimal, unit: Unit | None = None, bodyweight: bool | None = None
) -> str:
    """A load as the lifter picks it up; dumbbells are named, with their total; a bodyweight
    exercise's load is what is added to body weight (BW+10 kg) or taken off (BW-20 kg).
    ``unit`` and ``bodyweight``: a side's own (as it was last logged), else the answer's."""
    unit = unit or answer.unit
    if answer.bodyweight if bodyweight is None else bodyweight:
        return bodyweight_text(load, unit)
    if answer.convention.per is not LoadPer.IMPLEMENT:
        return f"{_number(load)} {unit.value}"
    return describe_load(load, unit, answer.convention)


def _implement(answer: Suggestion) -> str:
    return answer.convention.implement_name or "dumbbell"


def render(answer: Suggestion) -> list[str]:
    per = answer.convention.per
    lines = [style(answer.exercise, bold=True)]
    if answer.kind == "start":
        lines += _start_lines(answer)
    elif answer.sides:
        for side, target in answer.sides.items():
            # A machine's load is per side, without the sled; added weight is not.
            per_side = " per side" if per is LoadPer.SIDE and not target.bodyweight else ""
            load = _load(answer, target.load, target.unit, target.bodyweight)
            load += _reps(answer, target.reps_target)
            lines.append(style(f"  {side.value:<5}  {load}{per_side}", bold=True))
    elif answer.suggested is not None:
        next_load = _load(answer, answer.suggested) + _reps(answer, answer.reps_target)
        lines.append(style(f"  Next:  {next_load}", bold=True))
    lines += wrapped("  Why: ", answer.rationale)
    return lines


def _reps(answer: Suggestion, reps: int | None) -> str:
    return f", {reps} reps" if answer.convention.per is LoadPer.IMPLEMENT else f" x {reps}"


def _start_lines(answer: Suggestion) -> list[str]:
    basis, ratio, span = answer.basis, answer.ratio, answer.range
    if basis is None or ratio is None or span is None or answer.suggested is None:
        raise AssertionError("a start always has its basis, ratio, range and load")
    unit = answer.unit.value
    done = basis.over or f"{basis.reps} reps"
    when = f" ({done} on {basis.date.isoformat()})" if basis.date else " (given)"
    logged = f"{_number(basis.load)} {basis.unit.value}"
    if basis.bodyweight:
        logged = bodyweight_text(basis.load, basis.unit)
    lines = [
        *wrap_line(f"  Basis:     {basis.exercise} {logged}{when}", indent=" " * 11),
        *wrap_line(
            f"  Ratio:     {_number(ratio[0])}-{_number(ratio[1])} {ratio_meaning(answer)}",
            indent=" " * 11,
        ),
    ]
    if answer.sled is not None:
        lines.append(f"  Sled:      {_number(answer.sled)} {unit} (ratio x (basis + sled) - sled)")
    per = answer.convention.per
    each = f" per {_implement(answer)}" if per is LoadPer.IMPLEMENT else ""
    per_side = per is LoadPer.SIDE and not answer.bodyweight
    start_at = _load(answer, answer.suggested) + (" per side" if per_side else "")
    if answer.over:  # a carry: as far or as long as the parent's set
        start_at += f" over {answer.over}"
    if answer.lightest is not None:  # the share rounded down to nothing: never "0 kg"
        start_at = _lightest(answer, start_at)
    elif answer.inside is False:  # no step inside the band: the nearest one below it
        start_at += f" (no {_number(answer.increment)} {unit} step inside the band)"
    spread = f"{_number(span[0])}-{_number(span[1])} {unit}{each}"
    if span[0] == span[1]:
        spread = f"{_number(span[0])} {unit}{each}"
    if answer.lightest == "bar":
        spread = f"below the empty {_number(span[0])} {unit} bar"
    if answer.bodyweight:
        spread = f"{_load(answer, span[0])} to {_load(answer, span[1])}"
    if answer.lightest == "sled" and span[1] <= 0:
        spread = "nothing to add: the sled alone is more"
    start = [
        style(line, bold=True) for line in wrap_line(f"  Start at:  {start_at}", indent=" " * 11)
    ]
    return [*lines, f"  Range:     {spread}", *start]


def _lightest(answer: Suggestion, start_at: str) -> str:
    """The lightest start the equipment allows, said plainly."""
    if answer.lightest == "sled":
        return "the empty sled, nothing added (the sled alone is more than the share)"
    if answer.lightest == "bar":
        return f"the empty bar, {start_at} (the share is below it)"
    return f"{start_at} (the lightest step; the share rounds down to nothing)"


def ratio_meaning(answer: Suggestion) -> str:
    if answer.ratio_of == "implement":
        return f"of one {_implement(answer)}"
    if answer.convention.per is LoadPer.IMPLEMENT:
        return "of the basis, in total"
    if answer.bodyweight:
        return "of the load moved (BW included)"
    if answer.convention.per is LoadPer.BAR:  # one leg drives the whole bar
        return "of the basis, for the whole bar"
    return "per side" if answer.sides else "of the basis"


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
