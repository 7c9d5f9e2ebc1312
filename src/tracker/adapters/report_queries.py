"""The reports' SQL, behind named methods that return the domain's report types.

Nothing here computes in floating point. A load is read as an integer number of thousandths of
its unit (loads have at most 3 decimals), sums of reps x load are integer sums per unit, and
the linear e1RM formulas are integer keys in units of 1e-11 kg (1 lb = 0.45359237 kg exactly),
so SQLite's REAL storage and PostgreSQL's NUMERIC give the same exact answers. Python turns
those integers back into Decimals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, and_, case, cast, func, select
from sqlalchemy.orm import Session

from tracker.adapters.orm import Exercise, TrainingSession, WorkoutSet
from tracker.domain.model import Side
from tracker.domain.report_figures import (
    ExerciseSession,
    SessionSides,
    SetGroup,
    SideFigures,
    SideSession,
    best_session,
    best_set_of,
    in_order,
    side_figures,
)
from tracker.domain.units import KG_PER_LB, Unit, convert

_THOUSAND = Decimal(1000)
# One lb in 1e-11 kg, and one kg: a thousandth of a typed load times these is an exact integer.
_LB_SCALE = 45_359_237
_KG_SCALE = 100_000_000
_KEY_KG = Decimal(10) ** 11  # key units (1e-11 kg) per kg
# Linear formulas e1RM = load x (base + reps) / base; Epley keeps a single rep as the load.
_LINEAR_BASE = {"epley": 30, "oconner": 40}


def _milli() -> Any:
    """The load in thousandths of its unit, as an exact integer on both engines."""
    return cast(func.round(WorkoutSet.load * 1000), BigInteger)


def _mass_key() -> Any:
    """The load in 1e-11 kg (integer): comparable across kg and lb without rounding."""
    return _milli() * case((WorkoutSet.unit == "lb", _LB_SCALE), else_=_KG_SCALE)


def _e1rm_key(formula: str) -> Any | None:
    """e1RM x base in 1e-11 kg, for the linear formulas; None for the others."""
    base = _LINEAR_BASE.get(formula)
    if base is None:
        return None
    reps = WorkoutSet.reps
    factor = case((reps == 1, base), else_=base + reps) if formula == "epley" else base + reps
    usable = and_(reps >= 1, WorkoutSet.load > 0, WorkoutSet.bodyweight.is_(False))
    return case((usable, _mass_key() * factor), else_=None)


def _volume_in(unit_name: str) -> Any:
    """Sum of reps x load (thousandths) over the sets typed in ``unit_name``."""
    return func.sum(case((WorkoutSet.unit == unit_name, _milli() * WorkoutSet.reps), else_=0))


def _volume(kg_milli: int | None, lb_milli: int | None, unit: Unit) -> Decimal:
    """Exact volume in ``unit`` from the integer sums per typed unit."""
    total = Decimal(0)
    if kg_milli:
        total += convert(Decimal(kg_milli) / _THOUSAND, Unit.KG, unit)
    if lb_milli:
        total += convert(Decimal(lb_milli) / _THOUSAND, Unit.LB, unit)
    return total


@dataclass(frozen=True, slots=True)
class ExerciseSessionSides:
    exercise_id: int
    exercise: str
    sides: SessionSides


@dataclass(frozen=True, slots=True)
class GroupedRow:
    exercise_id: int
    exercise: str
    session_id: int
    started_at: datetime
    side: Side | None
    group: SetGroup


class ReportQueries:
    """Read-only queries for the reports, scoped to one lifter by every caller."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- imbalance: one row per (exercise, session), left and right pivoted ---------------

    def session_sides(
        self,
        lifter_id: int,
        unit: Unit,
        formula: str,
        *,
        exercise_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[ExerciseSessionSides] | None:
        """Each side's figures per exercise and session, aggregated in SQL; None when the
        formula is not linear (the caller then uses ``grouped_sets``)."""
        key = _e1rm_key(formula)
        if key is None:
            return None
        columns = []
        for side in ("left", "right"):
            on_side = WorkoutSet.side == side
            columns += [
                func.sum(case((on_side, 1), else_=0)),
                func.sum(case((on_side, WorkoutSet.reps), else_=0)),
                func.sum(case((and_(on_side, WorkoutSet.unit == "kg"),
                               _milli() * WorkoutSet.reps), else_=0)),
                func.sum(case((and_(on_side, WorkoutSet.unit == "lb"),
                               _milli() * WorkoutSet.reps), else_=0)),
                func.max(case((on_side, key), else_=None)),
            ]  # fmt: skip
        query = (
            select(WorkoutSet.exercise_id, Exercise.name, WorkoutSet.session_id,
                   TrainingSession.started_at, *columns)
            .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
            .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
            .where(WorkoutSet.lifter_id == lifter_id, WorkoutSet.kind != "warmup",
                   WorkoutSet.side.is_not(None))
            .group_by(WorkoutSet.exercise_id, Exercise.name, WorkoutSet.session_id,
                      TrainingSession.started_at)
        )  # fmt: skip
        query = _window(query, exercise_id, since, until)
        divisor = _KEY_KG * _LINEAR_BASE[formula]

        def figures(sets: int, reps: int, kg: int, lb: int, best: int | None) -> SideFigures:
            e1rm = None if best is None else Decimal(best) / divisor
            if e1rm is not None and unit is Unit.LB:
                e1rm = e1rm / KG_PER_LB
            return SideFigures(sets, int(reps), _volume(kg, lb, unit), e1rm)

        result = []
        for ex_id, name, session_id, started, *values in self._session.execute(query):
            left = figures(*values[:5]) if values[0] else None
            right = figures(*values[5:]) if values[5] else None
            result.append(
                ExerciseSessionSides(ex_id, name, SessionSides(session_id, started, left, right))
            )
        return result

    def sides_by_exercise(
        self,
        lifter_id: int,
        unit: Unit,
        formula: str,
        *,
        exercise_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> dict[tuple[int, str], list[SessionSides]]:
        """Per (exercise id, name), its sessions in order with each side's figures.

        The linear formulas (Epley, O'Conner) are aggregated per session entirely in SQL; the
        others from SQL groups per rep count, finished exactly in Python.
        """
        result: dict[tuple[int, str], list[SessionSides]] = defaultdict(list)
        fast = self.session_sides(
            lifter_id, unit, formula, exercise_id=exercise_id, since=since, until=until
        )
        if fast is not None:
            for row in fast:
                result[(row.exercise_id, row.exercise)].append(row.sides)
            return {key: in_order(sessions) for key, sessions in result.items()}
        grouped: dict[tuple[tuple[int, str], int], dict[Side, list[SetGroup]]] = {}
        starts: dict[int, datetime] = {}
        for one in self.grouped_sets(
            lifter_id, exercise_id=exercise_id, sided_only=True, since=since, until=until
        ):
            if one.side is None:
                continue
            starts[one.session_id] = one.started_at
            by_side = grouped.setdefault(((one.exercise_id, one.exercise), one.session_id), {})
            by_side.setdefault(one.side, []).append(one.group)
        for (key, session_id), by_side in grouped.items():
            figures = {
                side: side_figures(groups, unit, formula) for side, groups in by_side.items()
            }
            result[key].append(
                SessionSides(session_id, starts[session_id], figures.get(Side.LEFT),
                             figures.get(Side.RIGHT))
            )  # fmt: skip
        return {key: in_order(sessions) for key, sessions in result.items()}

    def with_best_sets(
        self,
        lifter_id: int,
        exercise_id: int,
        sessions: list[SessionSides],
        unit: Unit,
        formula: str,
    ) -> list[SessionSides]:
        """Name the set behind each side's best e1RM, reading only the session that holds it."""
        for side in Side:
            best = best_session(sessions, side)
            figures = None if best is None else best.side(side)
            if best is None or figures is None or figures.best_set is not None:
                continue
            found = best_set_of(
                self.side_sets(lifter_id, exercise_id, best.session_id, side), unit, formula
            )
            filled = replace(figures, best_set=found)
            changed = (
                replace(best, left=filled) if side is Side.LEFT else replace(best, right=filled)
            )
            sessions = [changed if s is best else s for s in sessions]
        return sessions

    # -- grouped sets: one row per (exercise, session, side, reps, unit, bodyweight) ------

    def grouped_sets(
        self,
        lifter_id: int,
        *,
        exercise_id: int | None = None,
        sided_only: bool = False,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[GroupedRow]:
        keys = (WorkoutSet.exercise_id, Exercise.name, WorkoutSet.session_id,
                TrainingSession.started_at, WorkoutSet.side, WorkoutSet.reps, WorkoutSet.unit,
                WorkoutSet.bodyweight)  # fmt: skip
        query = (
            select(*keys, func.max(_milli()), func.count(), func.sum(_milli() * WorkoutSet.reps))
            .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
            .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
            .where(WorkoutSet.lifter_id == lifter_id, WorkoutSet.kind != "warmup")
            .group_by(*keys)
        )
        if sided_only:
            query = query.where(WorkoutSet.side.is_not(None))
        query = _window(query, exercise_id, since, until)
        rows = []
        for (
            ex_id,
            name,
            s_id,
            started,
            side,
            reps,
            unit,
            bw,
            top,
            count,
            volume,
        ) in self._session.execute(query):
            group = SetGroup(reps, Decimal(top) / _THOUSAND, Unit(unit), count,
                             Decimal(volume) / _THOUSAND, bool(bw))  # fmt: skip
            rows.append(GroupedRow(ex_id, name, s_id, started, Side(side) if side else None, group))
        return rows

    def side_sets(
        self, lifter_id: int, exercise_id: int, session_id: int, side: Side
    ) -> list[SetGroup]:
        """One side's working sets in one session, each as typed: to name the best set."""
        rows = self._session.execute(
            select(WorkoutSet.reps, _milli(), WorkoutSet.unit, WorkoutSet.bodyweight).where(
                WorkoutSet.lifter_id == lifter_id,
                WorkoutSet.exercise_id == exercise_id,
                WorkoutSet.session_id == session_id,
                WorkoutSet.side == side.value,
                WorkoutSet.kind != "warmup",
            )
        )
        return [
            SetGroup(reps, Decimal(milli) / _THOUSAND, Unit(unit), bodyweight=bool(bw))
            for reps, milli, unit, bw in rows
        ]

    def side_sessions(
        self, lifter_id: int, exercise_id: int, unit: Unit, formula: str
    ) -> list[SideSession]:
        """The whole history of one exercise, per session and side (for report history)."""
        by_key: dict[tuple[int, Side | None], list[GroupedRow]] = {}
        for row in self.grouped_sets(lifter_id, exercise_id=exercise_id):
            by_key.setdefault((row.session_id, row.side), []).append(row)
        return [
            SideSession(session_id, rows[0].started_at, side,
                        side_figures([r.group for r in rows], unit, formula))
            for (session_id, side), rows in by_key.items()
        ]  # fmt: skip

    # -- summary: one row per (session, exercise, side) ------------------------------------

    def exercise_sessions(
        self, lifter_id: int, unit: Unit, since: datetime | None
    ) -> list[ExerciseSession]:
        keys = (WorkoutSet.session_id, TrainingSession.started_at, WorkoutSet.exercise_id,
                Exercise.body_part, WorkoutSet.side)  # fmt: skip
        query = (
            select(*keys, func.count(), func.sum(WorkoutSet.reps), _volume_in("kg"),
                   _volume_in("lb"))
            .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
            .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
            .where(WorkoutSet.lifter_id == lifter_id, WorkoutSet.kind != "warmup")
            .group_by(*keys)
        )  # fmt: skip
        if since is not None:
            query = query.where(TrainingSession.started_at >= since)
        merged: dict[tuple[int, int], ExerciseSession] = {}
        for s_id, started, ex_id, part, side, count, reps, kg, lb in self._session.execute(query):
            row = merged.setdefault(
                (s_id, ex_id), ExerciseSession(s_id, started, part, {}, 0, Decimal(0))
            )
            row.sets[Side(side) if side else None] = count
            merged[(s_id, ex_id)] = ExerciseSession(
                s_id, started, part, row.sets, row.reps + int(reps or 0),
                row.volume + _volume(kg, lb, unit),
            )  # fmt: skip
        return list(merged.values())


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
