"""What every importer yields: one set to store per row, or the reason a row was not a set.

One record for all file formats (Strong, Hevy, FitNotes and tracker's own export) and for what
`tracker export` writes: the store and the export format read and write only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from tracker.domain.errors import ImportFailed
from tracker.domain.model import SetKind, Side
from tracker.domain.names import MAX_NAME
from tracker.domain.units import Unit

# What the database columns hold; longer text would be refused half-way through an import.
MAX_SESSION_KEY = 300
MAX_DISTANCE_UNIT = 5


class ImportedSet(NamedTuple):
    """One set to store, whatever file it came from. Times are UTC.

    A named tuple, not a frozen dataclass: as immutable, and made several times faster (an
    import makes one per row).

    A set with no external load (a bodyweight set, a plank, a row read with no weight) has
    ``bodyweight`` True and ``load`` 0, as `tracker log x 12` stores it; ``load`` is then the
    added (or, negative, assisting) load. ``reps`` is 0 for timed holds and distance sets.
    """

    line: int  # 1-based line where the row starts (the header is line 1), or the set's number
    session_key: str  # stable id of the workout: "<format>:<the file's own key>"
    session_name: str | None
    started_at: datetime
    finished_at: datetime | None
    session_notes: str | None
    exercise: str  # the name as written, with a side marker removed
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    bodyweight: bool
    duration_s: Decimal | None
    distance: Decimal | None
    distance_unit: str | None  # "km", "m", "mi", "ft", "yd" or the file's own word
    rpe: Decimal | None
    kind: SetKind
    performed_at: datetime
    position: int  # 0-based order of the set within its session
    note: str | None
    lifter: str | None = None  # tracker exports name whose sets they are
    rounded: bool = False  # a load or distance had more than 3 decimals and was rounded


def check_fits(row: ImportedSet, place: str) -> ImportedSet:
    """Text the database columns cannot hold fails here, naming the row, not half-way in SQL;
    so does a session that finishes before it starts (never stored as if it made sense)."""
    limits = (
        ("exercise name", row.exercise, MAX_NAME),
        ("session name", row.session_name, MAX_NAME),
        ("session key", row.session_key, MAX_SESSION_KEY),
        ("distance unit", row.distance_unit, MAX_DISTANCE_UNIT),
    )
    for what, text, limit in limits:
        if text is not None and len(text) > limit:
            raise ImportFailed(f"{place}: the {what} is longer than {limit} characters")
    if row.finished_at is not None and row.finished_at < row.started_at:
        raise ImportFailed(
            f"{place}: the session finishes ({row.finished_at.isoformat()}) before it starts "
            f"({row.started_at.isoformat()})"
        )
    return row


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
