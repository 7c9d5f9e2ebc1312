"""The report's figures for the views besides the reports: the suggest cue (its last
session), the gym's pair line and its weaker side first.

The cue reads `report imbalance` itself (services.reports, the SQL path); the gym judges the
few sets it holds with the same domain functions (domain.report_figures: ``set_group``,
``pair_judgement``), with the same body weights and the same involved side, so every view
says the same LSI.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.asymmetry import Judgement
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.model import SetKind, Side
from tracker.domain.report_figures import (
    ExerciseImbalance,
    ReportRequest,
    SetGroup,
    kept_for,
    metres,
    pair_judgement,
    set_group,
)
from tracker.domain.units import Unit
from tracker.services.reports import exercise_report

if TYPE_CHECKING:
    from tracker.adapters.orm import Exercise, Lifter


@dataclass(frozen=True, slots=True)
class LifterFacts:
    """What every figure of a lifter's exercise needs besides its sets."""

    unit: Unit
    body_weights: Sequence[BodyWeight]
    involved: Side | None
    lower_is_better: bool = False  # the exercise's: its times compare the other way


def lifter_facts(uow: AbstractUnitOfWork, lifter: Lifter, exercise: Exercise) -> LifterFacts:
    """The lifter's unit, weigh-ins and involved side for the exercise (as the report reads)."""
    return LifterFacts(
        Unit(lifter.unit),
        uow.body_weights().of_lifter(lifter.id),
        # The stored involved side of the exercise, else the lifter's for every exercise.
        kept_for(uow.involved_sides().of_lifter(lifter.id), {}, exercise.id)[0],
        exercise.lower_is_better,
    )


class StoredRow(Protocol):
    """A set as stored (an ORM row, or the services' StoredSet)."""

    @property
    def side(self) -> Side | None: ...
    @property
    def reps(self) -> int: ...
    @property
    def load(self) -> Decimal: ...
    @property
    def unit(self) -> str: ...
    @property
    def bodyweight(self) -> bool: ...
    @property
    def kind(self) -> SetKind: ...
    @property
    def performed_at(self) -> datetime: ...
    @property
    def duration_s(self) -> Decimal | None: ...
    @property
    def distance(self) -> Decimal | None: ...
    @property
    def distance_unit(self) -> str | None: ...


def is_working(row: StoredRow) -> bool:
    """A set the report counts: not a warm-up, nor a failed attempt (0 reps, no measure)."""
    measured = row.duration_s is not None or row.distance is not None
    return row.kind is not SetKind.WARMUP and (row.reps > 0 or measured)


def exercise_figures(
    uow: AbstractUnitOfWork, lifter: Lifter, exercise: Exercise, facts: LifterFacts
) -> ExerciseImbalance | None:
    """`report imbalance` of one unilateral exercise over all time (None: no side logged)."""
    asked = ReportRequest(lifter.id, facts.unit, facts.body_weights)
    key = (exercise.id, exercise.name)
    sessions = uow.report_queries().sides_by_exercise(asked, exercise.id).get(key)
    return None if sessions is None else exercise_report(uow, asked, key, sessions, facts.involved)


def groups(rows: Iterable[StoredRow], facts: LifterFacts) -> list[SetGroup]:
    """Working sets with their loads (body weight at the time included)."""
    return [
        set_group(row.reps, row.load, Unit(row.unit), row.bodyweight, row.performed_at,
                  facts.body_weights, row.duration_s, metres(row.distance, row.distance_unit))
        for row in rows
        if is_working(row)
    ]


def session_judgement(rows: Sequence[StoredRow], facts: LifterFacts) -> Judgement | None:
    """One session's sets (or one pair's) judged as `report imbalance` judges a session."""
    if not rows:
        return None
    sides = {side: [row for row in rows if row.side is side] for side in Side}
    return pair_judgement(
        groups(sides[Side.LEFT], facts), groups(sides[Side.RIGHT], facts),
        max(row.performed_at for row in rows), facts.unit, facts.involved,
        lower_is_better=facts.lower_is_better,
    )


class IdentifiedRow(StoredRow, Protocol):
    @property
    def id(self) -> int: ...


def pairs_completed(
    rows: Sequence[IdentifiedRow], new_ids: set[int], facts: LifterFacts
) -> list[Judgement]:
    """The left/right pairs (the k-th working set of each side, in the order logged) that
    the sets ``new_ids`` completed, each judged as `report imbalance` judges a session of
    that one pair. Sets stored earlier and since undone are gone from ``rows``."""
    sides: dict[Side, list[IdentifiedRow]] = {Side.LEFT: [], Side.RIGHT: []}
    for row in rows:
        if row.side is not None and is_working(row):
            sides[row.side].append(row)
    return [
        judged
        for left, right in zip(sides[Side.LEFT], sides[Side.RIGHT], strict=False)
        if (left.id in new_ids or right.id in new_ids)
        and (judged := session_judgement([left, right], facts)) is not None
    ]
