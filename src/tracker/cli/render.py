"""Small formatting helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from tracker.cli.layout import Column
from tracker.cli.layout import table as layout_table
from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit, exact_text, format_load


def local(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


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


def measure_text(
    duration_s: int | None, distance: Decimal | None, distance_unit: str | None
) -> str:
    """45 s, 1:30, 400 m: a timed or distance set's measure ("" for a set of reps)."""
    parts = []
    if duration_s:
        minutes, seconds = divmod(int(duration_s), 60)
        parts.append(f"{minutes}:{seconds:02d}" if minutes else f"{seconds} s")
    if distance:
        parts.append(f"{format_load(distance)} {distance_unit or ''}".rstrip())
    return ", ".join(parts)


def sided_set_text(
    side: Side | str | None, reps: int, load: Decimal, unit: Unit | str, bodyweight: bool = False
) -> str:
    """L 10 x 60 kg (or just the set for a bilateral exercise)."""
    label = side_label(side)
    return f"{label + ' ' if label else ''}{set_text(reps, load, unit, bodyweight)}"


def side_label(side: Side | str | None) -> str:
    if side is None:
        return ""
    return "L" if str(side) == "left" else "R"


def table(rows: list[list[str]], headers: Sequence[Column | str]) -> list[str]:
    """Aligned columns that fit the terminal (see layout.table); numbers line up right."""
    return layout_table(rows, headers)


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
    duration_s: int | None,
    distance: Decimal | None,
    distance_unit: str | None,
) -> str:
    """L 10 x 60 kg, or L 45 s, or 40 m x 24 kg for timed and distance sets."""
    measures = measure_text(duration_s, distance, distance_unit)
    if not measures:
        return sided_set_text(side, reps, load, unit, bodyweight)
    label = side_label(side)
    weight = ""
    if load or not bodyweight:
        weight = " x " + set_text(1, load, unit, bodyweight).split(" x ", 1)[1]
    return f"{label + ' ' if label else ''}{measures}{weight}"
