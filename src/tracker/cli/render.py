"""Small formatting helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, cast

from tracker.cli.layout import Column
from tracker.cli.layout import table as layout_table
from tracker.cli.terminal import escaped
from tracker.domain.model import SetKind, Side
from tracker.domain.report_figures import (
    MEASURE_UNITS,
    aggregate_of,
    figure_places,
    figure_unit,
    measured_by,
)
from tracker.domain.units import Unit, exact_text, format_load
from tracker.wording.asymmetry import measured_side

if TYPE_CHECKING:
    from tracker.domain.report_figures import ExerciseImbalance, SideFigures
    from tracker.services.stored_sets import StoredSet

T = TypeVar("T")


def printable(text: str) -> str:
    """``text`` on one line, every control character and line break shown as an escape
    (ESC -> \\x1b, CR -> \\r) but the program's own colours: a table cell or a name in a line."""
    return escaped(text, one_line=True)


def printable_data(value: T) -> T:
    """``printable`` applied to every string inside dicts, lists, tuples and the typed results
    (dataclasses) the services return, for text rendering; enum members are kept as they are."""
    return cast(T, _printable_data(value))


def _printable_data(value: Any) -> Any:
    if isinstance(value, Enum):
        return value  # a StrEnum is a str, but its members are known text
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _printable_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable_data(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_printable_data(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: _printable_data(getattr(value, f.name)) for f in fields(value) if f.init}
        return replace(value, **changed)
    return value


def local(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def local_span(start: datetime, end: datetime | None) -> tuple[str, str]:
    """Start (date and time) and end (time) in local time. When a daylight-saving change falls
    inside, both carry their UTC offset, so an end at 01:10 +0000 after a start at 01:50
    +0100 does not look like a session ending before it starts."""
    begin, finish = start.astimezone(), end.astimezone() if end is not None else None
    if finish is None:
        return begin.strftime("%Y-%m-%d %H:%M"), "open"
    if begin.utcoffset() != finish.utcoffset():
        return begin.strftime("%Y-%m-%d %H:%M %z"), finish.strftime("%H:%M %z")
    return begin.strftime("%Y-%m-%d %H:%M"), finish.strftime("%H:%M")


def local_date(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d")


def set_text(reps: int, load: Decimal, unit: Unit | str, bodyweight: bool = False) -> str:
    """10 x 60 kg, 12 x BW, 8 x BW+20 kg, 8 x BW-20 kg (assisted)."""
    if bodyweight:
        if not load:
            return f"{reps} x BW"
        sign = "-" if load < 0 else "+"
        return f"{reps} x BW{sign}{format_load(abs(load))} {unit}"
    return f"{reps} x {format_load(load)} {unit}"


# Times and distances are logged to the thousandth of a second or metre (2.004 s, 1.385 m) and
# shown so, whatever the view, so that a reader can check an LSI made from them; other figures
# (loads, e1RM, volume) show 2 decimals.
def figure_text(value: Decimal | int | None, unit: str = "") -> str:
    """A figure in text, trailing zeros dropped, "-" for none: to the thousandth for a time or
    distance (``unit`` s or m, figure_unit's names), else to 2 decimals."""
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return format_load(value, figure_places(unit))


def measure_text(
    duration_s: Decimal | None, distance: Decimal | None, distance_unit: str | None
) -> str:
    """45 s, 2.31 s, 1:30, 1:05:00, 400 m: a timed or distance set's measure ("" for reps)."""
    parts = []
    if duration_s:
        whole = int(duration_s)
        fraction = figure_text(duration_s - whole, "s")[1:]  # ".31", or "" for whole seconds
        hours, rest = divmod(whole, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            parts.append(f"{hours}:{minutes:02d}:{seconds:02d}{fraction}")
        elif minutes:
            parts.append(f"{minutes}:{seconds:02d}{fraction}")
        else:
            parts.append(f"{seconds}{fraction} s")
    if distance:
        # In km or mi too: typed to the thousandth of the unit, like metres.
        parts.append(f"{figure_text(distance, 'm')} {distance_unit or ''}".rstrip())
    return ", ".join(parts)


def side_label(side: Side | str | None) -> str:
    if side is None:
        return ""
    return "L" if str(side) == "left" else "R"


def table(rows: list[list[str]], headers: Sequence[Column | str]) -> list[str]:
    """Aligned columns that fit the terminal (see layout.table); numbers line up right;
    control characters escaped."""
    return layout_table([[printable(str(cell)) for cell in row] for row in rows], headers)


def kind_and_rpe(kind: SetKind, rpe: Decimal | None) -> list[str]:
    """What a set line adds in brackets: its kind unless a working set, then its RPE."""
    extras = [] if kind is SetKind.WORKING else [kind.value]
    if rpe is not None:
        extras.append(f"RPE {exact_text(rpe)}")
    return extras


def full_set_text(
    side: Side | str | None,
    reps: int,
    load: Decimal,
    unit: Unit | str,
    bodyweight: bool,
    duration_s: Decimal | None,
    distance: Decimal | None,
    distance_unit: str | None,
) -> str:
    """L 10 x 60 kg, or L 45 s, or 40 m x 24 kg for timed and distance sets (no side for a
    bilateral exercise)."""
    measures = measure_text(duration_s, distance, distance_unit)
    label = side_label(side)
    sided = f"{label} " if label else ""
    if not measures:
        return sided + set_text(reps, load, unit, bodyweight)
    weight = ""
    if load or not bodyweight:
        weight = " x " + set_text(1, load, unit, bodyweight).split(" x ", 1)[1]
    return f"{sided}{measures}{weight}"


def stored_set_text(stored: StoredSet) -> str:
    """A stored set as full_set_text writes it: L 10 x 60 kg, L 45 s, 40 m x 24 kg."""
    return full_set_text(
        stored.side,
        stored.reps,
        stored.load,
        stored.unit,
        stored.bodyweight,
        stored.duration_s,
        stored.distance,
        stored.distance_unit,
    )


def measured_side_text(item: ExerciseImbalance, figures: SideFigures) -> str:
    """A side done for time or distance: "2 trials, best 2.28 s", with the figure it is
    compared by when that is a time or distance (not when e1RM is asked of a carry)."""
    unit = figure_unit(item.compared_by, "")
    compared = figures.metric(item.compared_by, item.judgement.lower_is_better)
    shown = None
    if unit in MEASURE_UNITS and compared is not None:
        shown = (aggregate_of(item.compared_by), f"{figure_text(compared, unit)} {unit}")
    return measured_side(figures.sets, measured_by(item.left, item.right) is not None, shown)
