"""Small formatting helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from tracker.cli.layout import Column
from tracker.cli.layout import table as layout_table
from tracker.domain.model import Side
from tracker.domain.units import Unit, format_load


def local(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def local_date(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d")


def set_text(reps: int, load: Decimal, unit: Unit | str, bodyweight: bool = False) -> str:
    """10 x 60 kg, 12 x BW, 8 x BW+20 kg."""
    if bodyweight:
        return f"{reps} x BW" + (f"+{format_load(load)} {unit}" if load else "")
    return f"{reps} x {format_load(load)} {unit}"


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
