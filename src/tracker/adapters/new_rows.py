"""New rows for the services, which never build ORM classes themselves: a set, a session, a
lifter, a routine and its items; and a set spec's measures as a set row stores them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from tracker.adapters.orm import (
    Exercise,
    GymState,
    Lifter,
    Routine,
    RoutineItem,
    TrainingSession,
    WorkoutSet,
)
from tracker.adapters.repository import GymRows, LifterRows, LogRows
from tracker.domain.model import SetKind, SetSpec, Side
from tracker.domain.units import Unit


def add_set(
    log: LogRows,
    session: TrainingSession,
    exercise: Exercise,
    spec: SetSpec,
    unit: Unit,
    side: Side | None,
    rpe: Decimal | None,
    kind: SetKind,
    at: datetime,
    position: int,
    note: str | None,
) -> WorkoutSet:
    """A set of `spec` in `session` (and of its lifter), added to the repository."""
    row = WorkoutSet(
        session_id=session.id,
        lifter_id=session.lifter_id,
        exercise_id=exercise.id,
        side=side,
        rpe=rpe,
        kind=kind,
        performed_at=at,
        position=position,
        note=note,
    )
    put_spec(row, spec, unit)
    log.add(row)
    return row


def put_spec(row: WorkoutSet, spec: SetSpec, unit: Unit) -> None:
    """`spec`'s measures on `row`: reps, the load in `unit` (0 when none is typed), time and
    distance."""
    row.reps = spec.reps
    row.load = spec.load if spec.load is not None else Decimal(0)
    row.unit = unit.value
    row.bodyweight = spec.bodyweight
    row.duration_s = spec.duration_s
    row.distance = spec.distance
    row.distance_unit = spec.distance_unit


def spec_of(row: WorkoutSet) -> SetSpec:
    """A stored set as the spec that would store it again."""
    load = row.load or None  # 0: no load typed ("12", "30min")
    return SetSpec(
        row.reps, load, Unit(row.unit), row.bodyweight, row.duration_s, row.distance,
        row.distance_unit,
    )


def add_session(
    log: LogRows,
    lifter: Lifter,
    started_at: datetime,
    finished_at: datetime | None = None,
    name: str | None = None,
) -> TrainingSession:
    """A session of `lifter`, added and flushed (it has its id)."""
    session = TrainingSession(
        lifter_id=lifter.id, started_at=started_at, finished_at=finished_at, name=name
    )
    log.add(session)
    log.flush()
    return session


def add_lifter(lifters: LifterRows, name: str, unit: Unit) -> Lifter:
    lifter = Lifter(name=name, unit=unit.value)
    lifters.add(lifter)
    return lifter


def new_routine(lifter: Lifter, name: str) -> Routine:
    """An empty routine of `lifter`, not added yet."""
    return Routine(lifter_id=lifter.id, name=name)


def append_item(routine: Routine, exercise: Exercise, sets: int) -> RoutineItem:
    """`exercise` with `sets` sets at the end of `routine`."""
    item = RoutineItem(exercise=exercise, position=len(routine.items), sets=sets)
    routine.items.append(item)
    return item


# One item: (exercise, sets, rep range or None, rest in seconds or None).
ItemValues = tuple[Exercise, int, tuple[int, int] | None, int | None]


def add_routine(
    gym: GymRows, lifter: Lifter, name: str, items: Iterable[ItemValues]
) -> None:
    """Store the routine ``name`` of ``items`` in order, flushed: the next look-up sees it."""
    routine = new_routine(lifter, name)
    for exercise, sets, rep_range, rest_s in items:
        item = append_item(routine, exercise, sets)
        item.rep_low, item.rep_high = rep_range or (None, None)
        item.rest_s = rest_s
    gym.add(routine)
    gym.flush()


def new_gym_state(session: TrainingSession) -> GymState:
    """A session's place in the gym prompt at its start (no routine, nothing skipped), not
    added yet."""
    return GymState(session_id=session.id, position=0, skipped=[])
