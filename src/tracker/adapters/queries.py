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

from sqlalchemy import Float, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session

from tracker.adapters.orm import Exercise, TrainingSession, WorkoutSet
from tracker.domain.units import KG_PER_LB


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
    keys = (
        WorkoutSet.exercise_id,
        Exercise.name,
        WorkoutSet.session_id,
        TrainingSession.started_at,
        WorkoutSet.side,
        WorkoutSet.reps,
        WorkoutSet.unit,
    )
    return (
        select(
            *keys,
            func.max(WorkoutSet.load),
            func.count(),
            func.sum(_lifted(WorkoutSet.load)),
        )
        .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
        .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
        .where(WorkoutSet.lifter_id == lifter_id, WorkoutSet.kind != "warmup")
        .group_by(*keys)
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
    if one_sided_only:
        query = query.where(WorkoutSet.side.is_not(None))
    query = _window(query, exercise_id, since, until)
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
            func.sum(_lifted(WorkoutSet.load)),
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


# -- the imbalance report's fast path: one row per (exercise, session, side) -------------------


def _lifted(load: Any) -> Any:
    """Volume of a set, load x reps, as SQL; an assisted set (8xBW-20: load -20) adds none."""
    return case((WorkoutSet.load > 0, load * WorkoutSet.reps), else_=0)


def _load_in(unit: str) -> Any:
    """The set's load converted exactly to `unit` (1 lb = 0.45359237 kg), as SQL."""
    if unit == "kg":
        return case((WorkoutSet.unit == "lb", WorkoutSet.load * KG_PER_LB), else_=WorkoutSet.load)
    return case((WorkoutSet.unit == "kg", WorkoutSet.load / KG_PER_LB), else_=WorkoutSet.load)


def _e1rm_sql(formula: str, load: Any) -> Any | None:
    """The e1RM formulas that are plain arithmetic, as SQL (the rest need exp or pow).

    Must agree with tracker.domain.e1rm; a test compares them on both engines.
    """
    reps = WorkoutSet.reps
    if formula == "epley":  # a single rep is the load itself
        value = case((reps == 1, load), else_=load * (30 + reps) / 30.0)
        limit = 100
    elif formula == "brzycki":
        value, limit = load * 36 / (37.0 - reps), 36
    elif formula == "lander":
        value, limit = load * 100 / (101.3 - 2.67123 * reps), 37
    elif formula == "oconner":
        value, limit = load * (1 + 0.025 * reps), 100
    else:
        return None
    return case((and_(reps >= 1, reps <= limit, WorkoutSet.load > 0), value), else_=None)


@dataclass(frozen=True, slots=True)
class SideFigures:
    sets: int
    reps: int
    volume: float  # in the requested unit
    best_e1rm: float | None  # in the requested unit


@dataclass(frozen=True, slots=True)
class SessionSides:
    """One exercise in one session, both sides side by side (one row of the pivot)."""

    exercise_id: int
    exercise: str
    session_id: int
    started_at: datetime
    left: SideFigures | None
    right: SideFigures | None


def _side_columns(side: str, load: Any, e1rm: Any) -> list[Any]:
    on_side = WorkoutSet.side == side
    return [
        func.sum(case((on_side, 1), else_=0)),
        func.sum(case((on_side, WorkoutSet.reps), else_=0)),
        type_coerce(func.sum(case((on_side, _lifted(load)), else_=None)), Float),
        type_coerce(func.max(case((on_side, e1rm), else_=None)), Float),
    ]


def side_session_figures(
    session: Session,
    lifter_id: int,
    unit: str,
    formula: str,
    *,
    exercise_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[SessionSides] | None:
    """Working sets aggregated per (exercise, session), left and right pivoted, all in SQL.

    Returns None when the formula cannot be written in SQL; callers then use grouped_sets.
    """
    load = _load_in(unit)
    e1rm = _e1rm_sql(formula, load)
    if e1rm is None:
        return None
    query = (
        select(
            WorkoutSet.exercise_id,
            Exercise.name,
            WorkoutSet.session_id,
            TrainingSession.started_at,
            *_side_columns("left", load, e1rm),
            *_side_columns("right", load, e1rm),
        )
        .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
        .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
        .where(
            WorkoutSet.lifter_id == lifter_id,
            WorkoutSet.kind != "warmup",
            WorkoutSet.side.is_not(None),
        )
        .group_by(
            WorkoutSet.exercise_id, Exercise.name, WorkoutSet.session_id, TrainingSession.started_at
        )
    )
    query = _window(query, exercise_id, since, until)
    result = []
    for ex_id, name, session_id, started, *figures in session.execute(query):
        left = SideFigures(*figures[:4]) if figures[0] else None
        right = SideFigures(*figures[4:]) if figures[4] else None
        result.append(SessionSides(ex_id, name, session_id, started, left, right))
    return result


def _window(
    query: Any, exercise_id: int | None, since: datetime | None, until: datetime | None
) -> Any:
    """Restrict to one exercise and to sessions started within [since, until]."""
    if exercise_id is not None:
        query = query.where(WorkoutSet.exercise_id == exercise_id)
    if since is not None:
        query = query.where(TrainingSession.started_at >= since)
    if until is not None:
        query = query.where(TrainingSession.started_at <= until)
    return query


def sets_of_side(
    session: Session, lifter_id: int, exercise_id: int, session_id: int, side: str
) -> list[tuple[int, Decimal, str]]:
    """(reps, load, unit) of one side's working sets in one session: to find the best set."""
    rows = session.execute(
        select(WorkoutSet.reps, WorkoutSet.load, WorkoutSet.unit).where(
            WorkoutSet.lifter_id == lifter_id,
            WorkoutSet.exercise_id == exercise_id,
            WorkoutSet.session_id == session_id,
            WorkoutSet.side == side,
            WorkoutSet.kind != "warmup",
        )
    )
    return [(reps, load, unit) for reps, load, unit in rows]
