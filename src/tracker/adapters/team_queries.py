"""Queries for the coach views: the lifters a caller may read, and the team overview.

Plain SELECTs on the tables: on a PostgreSQL server with row-level security the policies
filter every row here, so a caller only ever sees the lifters it may read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, func, select, text

from tracker.adapters.orm import Exercise, Lifter, TrainingSession, WorkoutSet
from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.model import SetKind


@dataclass(frozen=True, slots=True)
class RecentSet:
    """One working set of one side, in one of a lifter x exercise's latest sessions."""

    lifter: str
    lifter_unit: str
    exercise: str
    session_id: int
    started_at: datetime
    last_trained: datetime  # the pair's latest session in the window, either side
    side: str
    reps: int
    load: Decimal  # as typed, in load_unit
    load_unit: str


def readable_lifter_names(uow: UnitOfWork) -> list[str]:
    """Every lifter the connection may read, by name (no row is created or changed)."""
    session = uow.session_for_queries()
    return list(session.scalars(select(Lifter.name).order_by(Lifter.name)))


def recent_sets(uow: UnitOfWork, since: datetime, sessions_per_pair: int) -> list[RecentSet]:
    """Per lifter x unilateral exercise: the working sets of its latest sessions with both sides.

    Bounded: only sessions started at or after `since` are read (through the index on
    training_session.started_at), sets are first reduced to one row per session and exercise
    in SQL, and only the sets of the latest `sessions_per_pair` sessions in which both sides
    were logged come back, for the caller to estimate exactly.
    """
    counted = and_(
        WorkoutSet.side.is_not(None),
        WorkoutSet.kind != SetKind.WARMUP,
        WorkoutSet.reps >= 1,
        WorkoutSet.load > 0,
    )
    per_session = (
        select(
            TrainingSession.lifter_id,
            WorkoutSet.exercise_id,
            WorkoutSet.session_id,
            TrainingSession.started_at,
            (func.min(WorkoutSet.side) != func.max(WorkoutSet.side)).label("both_sides"),
        )
        .join(WorkoutSet, WorkoutSet.session_id == TrainingSession.id)
        .where(TrainingSession.started_at >= since, counted)
        .group_by(
            TrainingSession.lifter_id,
            WorkoutSet.exercise_id,
            WorkoutSet.session_id,
            TrainingSession.started_at,
        )
        .cte("per_session")
    )
    pair = (per_session.c.lifter_id, per_session.c.exercise_id)
    latest = (
        select(
            *pair,
            per_session.c.session_id,
            per_session.c.started_at,
            func.row_number()
            .over(
                partition_by=pair,
                order_by=(per_session.c.started_at.desc(), per_session.c.session_id.desc()),
            )
            .label("recency"),
        )
        .where(per_session.c.both_sides)
        .subquery("latest")
    )
    last = (
        select(*pair, func.max(per_session.c.started_at).label("last"))
        .group_by(*pair)
        .subquery("last")
    )
    query = (
        select(
            Lifter.name,
            Lifter.unit,
            Exercise.name,
            WorkoutSet.session_id,
            latest.c.started_at,
            last.c.last,
            WorkoutSet.side,
            WorkoutSet.reps,
            WorkoutSet.load,
            WorkoutSet.unit,
        )
        .select_from(latest)
        .join(
            last,
            and_(
                last.c.lifter_id == latest.c.lifter_id, last.c.exercise_id == latest.c.exercise_id
            ),
        )  # fmt: skip
        .join(
            WorkoutSet,
            and_(
                WorkoutSet.session_id == latest.c.session_id,
                WorkoutSet.exercise_id == latest.c.exercise_id,
            ),
        )  # fmt: skip
        .join(Lifter, Lifter.id == latest.c.lifter_id)
        .join(Exercise, Exercise.id == latest.c.exercise_id)
        .where(latest.c.recency <= sessions_per_pair, counted)
    )
    session = uow.session_for_queries()
    if session.get_bind().dialect.name == "postgresql":
        # A query of a few hundred milliseconds: compiling it (JIT) costs more than it saves,
        # and its sorts fit in memory with a little more than the default work_mem.
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '32MB'"))
    return [RecentSet(*row) for row in session.execute(query)]
