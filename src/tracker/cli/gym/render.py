"""What the gym prompt prints: wrapped lines and the current exercise's header (the sentences
of the opening, progress, the routine's overview and pair lines are tracker.wording.gym's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.cli.context import echo, echo_err, style
from tracker.cli.layout import wrap_line
from tracker.cli.plates import plates_lines
from tracker.cli.render import full_set_text, local_date, side_label
from tracker.domain.gym_plan import PlannedSide, target_sides
from tracker.domain.routines import format_rest
from tracker.domain.units import Unit
from tracker.wording.gym import load_per, progress_text

if TYPE_CHECKING:
    from tracker.cli.gym.commands import GymShell

HELP = """\
Type one line at a time:
  10x100, 3x10x100, 12, 10x60@8
      sets of the current exercise
  -l 10x60 -r 8x60, l 10x60, r 8x60
      sides of a unilateral exercise
  "single leg press" -l 10x60 --rpe 8
      anything tracker log takes
  single leg press
      make an exercise current
  (empty line)
      log the planned set (a pair, weaker side first)
  undo, redo, note TEXT, skip, next, plates LOAD,
  rest SECONDS, show, help, done"""


def say(*texts: str) -> None:
    """Lines of gym output, each wrapped to the terminal (a phone is 60 columns)."""
    for text in texts:
        for line in wrap_line(text):
            echo(line)


def say_error(message: str) -> None:
    """An error on stderr, wrapped between words like every other line (the terminal would
    break it mid-word)."""
    for line in wrap_line(f"Error: {message}"):
        echo_err(line)


def planned_set_text(step: PlannedSide, unit: Unit) -> str:
    """`L 8 x 55 kg`, or `R 40 m x 24 kg` for a timed or distance set (its reps left out); a
    load of 0 is bodyweight."""
    return full_set_text(
        step.side, 0 if step.measured else step.reps, step.load, step.unit or unit,
        step.bodyweight or not step.load, step.duration_s, step.distance, step.distance_unit,
    )


def header_lines(shell: GymShell, exercise: str) -> list[str]:
    brief = shell.brief(exercise)
    item = shell.status.item_for(exercise)
    title = style(brief.exercise, bold=True)
    if item is not None and shell.status.routine is not None:
        count = len(shell.status.routine.items)
        done = shell.status.sets_done(item)
        title += f" ({item.position}/{count}): {progress_text(done, item.sets, item.unilateral)}"
    lines = [title]
    measure, example = shell.example(exercise) if brief.target is None else (None, "")
    if measure is not None:
        lines.append(f"  Target: none for {measure} sets; type the set, e.g. {example}")
    elif brief.target is not None:
        parts = [planned_set_text(side, brief.unit) for side in target_sides(brief.target)]
        per = load_per(brief.convention)
        kind = f"{brief.target.kind}, {per}" if per else brief.target.kind
        lines.append(f"  Target: {'; '.join(parts)} ({kind})")
    elif brief.no_target:
        # Only the suggest answer says why; "no history" only when there is none.
        why = "" if brief.logged else " (no history to go on)"
        lines.append(f"  Target: none yet{why}; type the set, e.g. {example}")
    if brief.last_date is not None:
        by_side: dict[str, list[str]] = {}
        for last in brief.last_time:
            text = full_set_text(
                None, last.reps, last.load, last.unit, last.bodyweight,
                last.duration_s, last.distance, last.distance_unit,
            )
            by_side.setdefault(side_label(last.side), []).append(text)
        text = "; ".join(f"{k + ' ' if k else ''}{', '.join(v)}" for k, v in by_side.items())
        lines.append(f"  Last ({local_date(brief.last_date)}): {text or 'warm-ups only'}")
    if brief.plates is not None:
        lines += [f"  Plates: {line}" for line in plates_lines(brief.plates)]
    if brief.cue:
        lines.append(f"  {brief.cue}")
    planned = shell.planned_text() if shell.status.current_exercise() == exercise else ""
    rest = format_rest(brief.rest_s)
    lines.append(f"  Rest {rest}." + (f" Enter logs: {planned}" if planned else ""))
    return lines
