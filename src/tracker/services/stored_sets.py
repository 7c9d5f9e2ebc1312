"""A set as stored, as the services hand it to the CLI: one record for what `log` stored,
`session show` lists, `set edit` changed and `undo` stepped back over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit

if TYPE_CHECKING:
    from tracker.adapters.orm import WorkoutSet


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
    duration_s: int | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None
    note: str | None = None
    best: bool = False  # a new best estimated 1RM for the exercise (and side), when logged


def stored_set(row: WorkoutSet) -> StoredSet:
    return StoredSet(
        id=row.id,
        exercise=row.exercise.name if row.exercise is not None else "",
        side=row.side,
        reps=row.reps,
        load=row.load,
        unit=Unit(row.unit),
        bodyweight=row.bodyweight,
        kind=row.kind,
        rpe=row.rpe,
        performed_at=row.performed_at,
        duration_s=row.duration_s,
        distance=row.distance,
        distance_unit=row.distance_unit,
        note=row.note,
    )
