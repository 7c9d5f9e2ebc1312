"""Report aggregations, done in SQL.

Each query groups sets down to one row per (exercise, session, side, reps, unit): the heaviest
load, the set count and the volume. That is a few rows per session however many sets were
logged, and every e1RM formula can then be applied exactly in Python (max load at a rep count
gives the best e1RM at that rep count, since every formula grows with the load).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.adapters.orm import Exercise, TrainingSession, WorkoutSet


@dataclass(frozen=True, slots=True)
class GroupRow:
    exercise_id: int
    exercise: str
    session_id: int
    started_at: datetime
    side: str | None
    reps: int
    unit: str
    top_load: Decimal
    sets: int
    volume: Decimal  # sum of reps x load, in `unit`


def _grouped(lifter_id: int) -> Any:
    return (
        select(
            WorkoutSet.exercise_id,
            Exercise.name,
            WorkoutSet.session_id,
            TrainingSession.started_at,
            WorkoutSet.side,
            WorkoutSet.reps,
            WorkoutSet.unit,
            func.max(WorkoutSet.load),
            func.count(),
            func.sum(WorkoutSet.load * WorkoutSet.reps),
        )
        .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
        .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
        .where(WorkoutSet.lifter_id == lifter_id, WorkoutSet.kind != "warmup")
        .group_by(
            WorkoutSet.exercise_id,
            Exercise.name,
            WorkoutSet.session_id,
            TrainingSession.started_at,
            WorkoutSet.side,
            WorkoutSet.reps,
            WorkoutSet.unit,
        )
    )


def grouped_sets(
    session: Session,
    lifter_id: int,
    *,
    exercise_id: int | None = None,
    one_sided_only: bool = False,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[GroupRow]:
    query = _grouped(lifter_id)
    if exercise_id is not None:
        query = query.where(WorkoutSet.exercise_id == exercise_id)
    if one_sided_only:
        query = query.where(WorkoutSet.side.is_not(None))
    if since is not None:
        query = query.where(WorkoutSet.performed_at >= since)
    if until is not None:
        query = query.where(WorkoutSet.performed_at <= until)
    return [
        GroupRow(ex_id, name, s_id, started, side, reps, unit, top, count, volume or Decimal(0))
        for ex_id, name, s_id, started, side, reps, unit, top, count, volume in session.execute(
            query
        )
    ]


def summary_rows(
    session: Session, lifter_id: int, since: datetime | None
) -> list[tuple[int, datetime, str, str, int, int, Decimal]]:
    """(session id, start, body part, unit, sets, reps, volume) for working sets."""
    query = (
        select(
            WorkoutSet.session_id,
            TrainingSession.started_at,
            Exercise.body_part,
            WorkoutSet.unit,
            func.count(),
            func.sum(WorkoutSet.reps),
            func.sum(WorkoutSet.load * WorkoutSet.reps),
        )
        .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
        .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
        .where(WorkoutSet.lifter_id == lifter_id, WorkoutSet.kind != "warmup")
        .group_by(
            WorkoutSet.session_id, TrainingSession.started_at, Exercise.body_part, WorkoutSet.unit
        )
    )
    if since is not None:
        query = query.where(TrainingSession.started_at >= since)
    return [
        (sid, started, part, unit, count, reps or 0, volume or Decimal(0))
        for sid, started, part, unit, count, reps, volume in session.execute(query)
    ]
