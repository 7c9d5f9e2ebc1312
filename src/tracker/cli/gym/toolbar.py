"""The bottom toolbar: the rest countdown, the current exercise and what Enter logs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.cli.render import side_label
from tracker.domain.text_safety import shown_safe
from tracker.domain.units import format_load

if TYPE_CHECKING:
    from tracker.cli.gym.commands import GymShell
    from tracker.domain.routines import PlannedSide


def toolbar_text(shell: GymShell) -> str:
    """One short line for a phone: `rest 1:23 | Single Leg Press | Enter L 8x55 R 8x55`.

    The countdown comes first (it is what a lifter glances at). Reading the timer here also
    rings the bell once when it reaches zero: the toolbar is redrawn every half second, so the
    bell needs no thread of its own.
    """
    parts = []
    timer = shell.timer
    if timer is not None:
        if timer.due_bell() and shell.bell is not None:
            shell.bell()
        if timer.text():
            parts.append(timer.text())
    exercise = shell.current_exercise()
    if exercise is not None:
        parts.append(exercise)
        try:
            planned = shell.planned()
        except Exception:  # noqa: BLE001 - a toolbar must never break the prompt
            planned = []
        if planned:
            sets = [f"{side_label(p.side)} {short_set(shell, p)}".strip() for p in planned]
            parts.append("Enter " + " ".join(sets))
    elif shell.status.routine is not None:
        parts.append("routine done: type done")
    return shown_safe(" | ".join(parts)) or "type help"  # an imported name may hold ESC


def short_set(shell: GymShell, step: PlannedSide) -> str:
    """`8x55`, `8xBW`; a timed or distance set as typed: `45s`, `40mx24`."""
    if not step.measured:
        return f"{step.reps}x{format_load(step.load) if step.load else 'BW'}"
    from tracker.cli.gym.commands import planned_spec
    from tracker.domain.specs import format_spec

    spec = planned_spec(step, shell.unit_of_target())
    return format_spec(spec, spec.unit)
