"""Small formatting helpers shared by the commands."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from tracker.domain.model import Side
from tracker.domain.units import Unit, format_load


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


def table(rows: list[list[str]], headers: list[str]) -> list[str]:
    """Plain aligned columns; numbers line up right."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]

    def fmt(row: list[str]) -> str:
        cells = []
        for cell, width in zip(row, widths, strict=False):
            text = str(cell)
            numeric = text.replace(".", "", 1).replace("-", "", 1).isdigit()
            cells.append(text.rjust(width) if numeric else text.ljust(width))
        return "  ".join(cells).rstrip()

    return [fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]
