"""What an importer yields: one set per CSV row, or the reason a row was not a set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit


@dataclass(frozen=True, slots=True)
class ImportedSet:
    """One set read from an export, exactly as the file states it (no catalog lookup).

    Times are UTC. ``load`` is None when the row records no external load (blank or 0);
    ``unit`` is then None too. ``reps`` is 0 for timed holds and distance sets.
    """

    line: int  # 1-based physical line where the row starts (the header is line 1)
    session_key: str  # stable id of the workout within the file
    session_name: str | None
    started_at: datetime
    finished_at: datetime | None
    exercise: str  # the name as written, with a side marker removed
    side: Side | None
    reps: int
    load: Decimal | None
    unit: Unit | None
    duration_s: int | None
    distance: Decimal | None
    distance_unit: str | None  # "km", "m", "mi", "ft", "yd" or the file's own word
    rpe: Decimal | None
    kind: SetKind
    position: int  # 0-based order of the set within its session
    note: str | None
    session_note: str | None
    rounded: bool = False  # a load or distance had more than 3 decimals and was rounded


# Why a row is not a set (the ``reason`` of :class:`Skipped`).
BLANK_LINE = "blank line"
REPEATED_HEADER = "repeated header"
REST_TIMER = "rest timer, not a set"
NOTES_ONLY = "notes only, not a set"
NO_VALUES = "no weight, reps, time or distance"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row that is not a set (rest timer, blank line, repeated header ...)."""

    line: int
    reason: str
