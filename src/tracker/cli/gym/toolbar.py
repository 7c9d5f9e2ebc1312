"""The bottom toolbar: the current exercise, what Enter logs, and the rest countdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.cli.gym.commands import GymShell


def toolbar_text(shell: GymShell) -> str:
    """One line, short enough for a phone: `Single Leg Press 1/3 | L 10 x 60 kg ... | rest 1:23`.

    Reading the timer here also rings the bell once when it reaches zero: the toolbar is
    redrawn every half second, so the bell needs no thread of its own.
    """
    parts = []
    exercise = shell.current_exercise()
    if exercise is not None:
        parts.append(exercise)
        try:
            planned = shell.planned_text()
        except Exception:  # noqa: BLE001 - a toolbar must never break the prompt
            planned = ""
        if planned:
            parts.append(f"Enter: {planned}")
    elif shell.status.routine is not None:
        parts.append("routine done: type done")
    timer = shell.timer
    if timer is not None:
        if timer.due_bell() and shell.bell is not None:
            shell.bell()
        if timer.text():
            parts.append(timer.text())
    return " | ".join(parts) or "help: the prompt's language"
