"""In-memory report queries for service tests: the oracle (tests/helpers/report_oracle.py)
over the fake store's sets, answering what `AbstractReportQueries` answers in SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.helpers.report_oracle import (
    LoggedSet,
    by_session_side,
    counted,
    oracle_exercise_sessions,
    oracle_sessions,
    oracle_side_sessions,
)
from tracker.adapters.orm import Exercise, WorkoutSet
from tracker.domain.load_convention import convention_for
from tracker.domain.model import SetKind
from tracker.domain.report_figures import (
    ExerciseSession,
    ReportRequest,
    SessionSides,
    SideSession,
    in_order,
)
from tracker.domain.units import Unit

if TYPE_CHECKING:
    from tests.fakes import Store


class FakeReportQueries:
    """Every figure from the lifter's raw sets, one by one (the property test holds the SQL
    path equal to this)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _logged(self, lifter_id: int, exercise_id: int | None = None) -> list[LoggedSet]:
        return counted(
            logged(row)
            for row in self.store.table(WorkoutSet)
            if row.lifter_id == lifter_id and exercise_id in (None, row.exercise_id)
        )

    def sides_by_exercise(
        self, asked: ReportRequest, exercise_id: int | None = None, *, raw: bool = False
    ) -> dict[tuple[int, str], list[SessionSides]]:
        ids = {e.name: e.id for e in self.store.table(Exercise)}
        since, until = asked.since, asked.until
        sets = [
            s
            for s in self._logged(asked.lifter_id, exercise_id)
            if (since is None or s.started_at >= since) and (until is None or s.started_at <= until)
        ]
        found = oracle_sessions(sets, asked.unit, asked.formula, asked.body_weights)
        return {(ids[name], name): in_order(sessions) for name, sessions in found.items()}

    def side_sessions(self, asked: ReportRequest, exercise_id: int) -> list[SideSession]:
        sets = self._logged(asked.lifter_id, exercise_id)
        if not sets:
            return []
        grouped = by_session_side(sets, sets[0].exercise)
        return oracle_side_sessions(grouped, asked.unit, asked.formula, asked.body_weights)

    def exercise_sessions(self, asked: ReportRequest) -> list[ExerciseSession]:
        sets = self._logged(asked.lifter_id)
        return oracle_exercise_sessions(sets, asked.unit, asked.since, asked.body_weights)


def logged(row: WorkoutSet) -> LoggedSet:
    """A stored set as the oracle reads it, with its exercise's load convention."""
    exercise = row.exercise
    convention = convention_for(
        exercise.equipment, exercise.laterality, exercise.load_per, exercise.implements
    )
    return LoggedSet(
        exercise=exercise.name,
        body_part=exercise.body_part,
        session_id=row.session_id,
        started_at=row.session.started_at,
        side=row.side,
        reps=row.reps,
        load=row.load,
        unit=Unit(row.unit),
        kind=SetKind(row.kind).value,
        bodyweight=row.bodyweight,
        performed_at=row.performed_at,
        duration_s=row.duration_s,
        distance=row.distance,
        distance_unit=row.distance_unit,
        load_count=convention.moved(exercise.laterality, exercise.body_part),
    )
