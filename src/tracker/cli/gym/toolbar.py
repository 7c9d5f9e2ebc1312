"""The bottom toolbar: the rest countdown, the current exercise and what Enter logs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.cli.render import side_label
from tracker.cli.terminal import terminal_width
from tracker.domain.specs import format_spec
from tracker.domain.text_safety import shown_safe

if TYPE_CHECKING:
    from tracker.cli.gym.commands import GymShell
    from tracker.domain.gym_plan import PlannedSide


def toolbar_text(shell: GymShell, width: int | None = None) -> str:
    """One short line for a phone: `rest 1:23 | Single Leg Press | Enter L 8x55 R 8x55`.

    The countdown comes first (it is what a lifter glances at). Reading the timer here also
    rings the bell once when it reaches zero: the toolbar is redrawn every half second, so the
    bell needs no thread of its own. The line fits `width` (the terminal's) by shortening the
    exercise name, then leaving out whole planned sets: a load is never cut.
    """
    head = []
    timer = shell.timer
    if timer is not None:
        if timer.due_bell() and shell.bell is not None:
            shell.bell()
        if timer.text():
            head.append(timer.text())
    exercise = shell.status.current_exercise()
    sets: list[str] = []
    if exercise is not None:
        try:
            planned = shell.planned()
        # The toolbar redraws on a timer, outside any command: whatever fails here (the line
        # typed next will say why) must never end the prompt.
        except Exception:  # noqa: BLE001
            planned = []
        sets = [f"{side_label(p.side)} {short_set(shell, p)}".strip() for p in planned]
    elif shell.status.routine is not None:
        head.append("routine done: type done")
    name = None if exercise is None else shown_safe(exercise, one_line=True)  # imported: ESC
    return fit(head, name, sets, width or terminal_width() or 80) or "type help"


def fit(head: list[str], name: str | None, sets: list[str], width: int) -> str:
    """The toolbar's parts in `width` columns: the exercise name shortened (to 12 at least),
    then whole planned sets left out from the end (`...` says so), then the name."""

    def line(name: str | None, count: int) -> str:
        more = " ..." if count < len(sets) else ""
        enter = [f"Enter {' '.join(sets[:count])}{more}"] if count else []
        return " | ".join([*head, *([name] if name else []), *enter])

    full = line(name, len(sets))
    if len(full) <= width or name is None and not sets:
        return full
    if name is not None and len(name) - (len(full) - width) >= 12:
        return line(name[: len(name) - (len(full) - width) - 3] + "...", len(sets))
    short = name if name is None or len(name) <= 12 else name[:9] + "..."
    for count in range(len(sets), 0, -1):
        for shown in dict.fromkeys((short, None)):
            if len(line(shown, count)) <= width:
                return line(shown, count)
    return line(short, 0) if len(line(short, 0)) <= width else line(None, 0)


def short_set(shell: GymShell, step: PlannedSide) -> str:
    """The planned set as it would be typed, less the exercise's own unit: `8x55`, `8xBW`,
    `8xBW+10`, `8x120lb` (another unit), `45s`, `40mx24`."""
    if not step.measured and not step.load:
        return f"{step.reps}xBW"
    unit = shell.unit_of_target()
    return format_spec(step.spec(unit), unit)
