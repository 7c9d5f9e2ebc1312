"""Queries for the coach views: the lifters a caller may read, and the team overview.

Plain SELECTs on the tables: on a PostgreSQL server with row-level security the policies
filter every row here, so a caller only ever sees the lifters it may read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Float, and_, case, func, select, type_coerce

from tracker.adapters.orm import Exercise, Lifter, TrainingSession, WorkoutSet
from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.units import KG_PER_LB


@dataclass(frozen=True, slots=True)
class TopSet:
    """One side's heaviest set by e1RM in one session of one exercise (a working set)."""

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


def recent_top_sets(uow: UnitOfWork, since: datetime, sessions_per_pair: int) -> list[TopSet]:
    """Per lifter x unilateral exercise: the top set of each side in its latest sessions.

    Bounded: only sessions started at or after `since` are read (through the index on
    training_session.started_at), and of those only the latest `sessions_per_pair` sessions in
    which both sides were logged are returned. Sets are ranked by Epley in kg as a float; the
    caller recomputes each winner's e1RM exactly from its load and reps.
    """
    in_kg = case(
        (WorkoutSet.unit == "lb", WorkoutSet.load * float(KG_PER_LB)), else_=WorkoutSet.load
    )
    score = type_coerce(
        case((WorkoutSet.reps == 1, in_kg), else_=in_kg * (30 + WorkoutSet.reps) / 30.0), Float
    )
    side_key = (WorkoutSet.session_id, WorkoutSet.exercise_id, WorkoutSet.side)
    pair_key = (TrainingSession.lifter_id, WorkoutSet.exercise_id)
    ranked = (
        select(
            TrainingSession.lifter_id,
            WorkoutSet.exercise_id,
            WorkoutSet.session_id,
            TrainingSession.started_at,
            WorkoutSet.side,
            WorkoutSet.reps,
            WorkoutSet.load,
            WorkoutSet.unit,
            func.row_number()
            .over(partition_by=side_key, order_by=(score.desc(), WorkoutSet.id))
            .label("set_rank"),
            func.max(TrainingSession.started_at).over(partition_by=pair_key).label("last"),
        )
        .join(WorkoutSet, WorkoutSet.session_id == TrainingSession.id)
        .where(
            TrainingSession.started_at >= since,
            WorkoutSet.side.is_not(None),
            WorkoutSet.kind != "warmup",
            WorkoutSet.reps >= 1,
            WorkoutSet.reps <= 100,
            WorkoutSet.load > 0,
        )
        .subquery("ranked")
    )
    tops = select(ranked).where(ranked.c.set_rank == 1).subquery("tops")
    session_key = (tops.c.lifter_id, tops.c.exercise_id, tops.c.session_id, tops.c.started_at)
    both = (
        select(
            tops.c.session_id,
            tops.c.exercise_id,
            func.row_number()
            .over(
                partition_by=(tops.c.lifter_id, tops.c.exercise_id),
                order_by=(tops.c.started_at.desc(), tops.c.session_id.desc()),
            )
            .label("recency"),
        )
        .group_by(*session_key)
        .having(func.count() == 2)  # one top set per side: both sides were logged
        .subquery("both_sides")
    )
    query = (
        select(
            Lifter.name,
            Lifter.unit,
            Exercise.name,
            tops.c.session_id,
            tops.c.started_at,
            tops.c.last,
            tops.c.side,
            tops.c.reps,
            tops.c.load,
            tops.c.unit,
        )
        .join(
            both,
            and_(both.c.session_id == tops.c.session_id, both.c.exercise_id == tops.c.exercise_id),
        )
        .join(Lifter, Lifter.id == tops.c.lifter_id)
        .join(Exercise, Exercise.id == tops.c.exercise_id)
        .where(both.c.recency <= sessions_per_pair)
    )
    return [TopSet(*row) for row in uow.session_for_queries().execute(query)]
