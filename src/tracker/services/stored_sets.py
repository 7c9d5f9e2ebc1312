"""A set as stored, as the services hand it to the CLI: one record for what `log` stored,
`session show` lists, `set edit` changed and `undo` stepped back over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit

if TYPE_CHECKING:
    from tracker.adapters.orm import TrainingSession, WorkoutSet
    from tracker.adapters.repository import LogRows


@dataclass
class StoredSet:
    """One stored set: the load exactly as typed, the time in UTC."""

    id: int
    exercise: str
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    bodyweight: bool
    kind: SetKind
    rpe: Decimal | None
    performed_at: datetime
    duration_s: Decimal | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None
    note: str | None = None
    best: bool = False  # a new best estimated 1RM for the exercise (and side), when logged
    best_measure: str | None = None  # "time" or "distance": a new best of it, when logged


# The fields a stored set, an exported one and the row share, with the same names.
SET_FIELDS = (
    "side", "reps", "load", "bodyweight", "kind", "rpe", "performed_at", "duration_s",
    "distance", "distance_unit", "note",
)


def set_fields(row: WorkoutSet) -> dict[str, Any]:
    """The row's :data:`SET_FIELDS`, and its unit as a Unit."""
    return {name: getattr(row, name) for name in SET_FIELDS} | {"unit": Unit(row.unit)}


def stored_set(row: WorkoutSet) -> StoredSet:
    exercise = row.exercise.name if row.exercise is not None else ""
    return StoredSet(id=row.id, exercise=exercise, **set_fields(row))


def last_activity(log: LogRows, row: TrainingSession) -> datetime:
    """When the session was last active: its start, or its latest stored set if later (here
    for `log` and `session finish` alike, without either loading the other's service)."""
    # One MAX query, not the session's sets: a long gym session logs hundreds of lines.
    return max(row.started_at, log.last_set_time(row) or row.started_at)
