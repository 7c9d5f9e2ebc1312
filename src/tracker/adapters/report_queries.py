"""The reports' SQL, behind named methods that return the domain's report types.

Nothing here computes in floating point. A load is read as an integer number of thousandths of
its unit (loads have at most 3 decimals), sums of reps x load are integer sums per unit, and
the linear e1RM formulas are integer keys in units of 1e-11 kg (1 lb = 0.45359237 kg exactly),
so SQLite's REAL storage and PostgreSQL's NUMERIC give the same exact answers. Python turns
those integers back into Decimals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import BigInteger, and_, case, cast, func, or_, select, text
from sqlalchemy.orm import Session

from tracker.adapters.orm import Exercise, TrainingSession, WorkoutSet
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.e1rm import MAX_REPS
from tracker.domain.load_convention import convention_for
from tracker.domain.model import SetKind, Side
from tracker.domain.report_figures import (
    LINEAR_BASE,
    METRES_PER,
    ExerciseSession,
    ReportRequest,
    SessionSides,
    SetGroup,
    SideFigures,
    SideSession,
    best_session,
    best_set_of,
    combined,
    e1rm_of_key,
    in_order,
    set_group,
    side_figures,
)
from tracker.domain.units import KG_PER_LB, Unit, convert, plain

_THOUSAND = Decimal(1000)
# One lb in 1e-11 kg, and one kg: a thousandth of a typed load times these is an exact integer.
_KG_SCALE = 100_000_000
_LB_SCALE = int(KG_PER_LB * _KG_SCALE)  # 45_359_237
_KEY_KG = 10**11  # key units (1e-11 kg) per kg
# A report's grouping on PostgreSQL: 62,500 exercise sessions (250,000 sets) hash in 48 MB.
WORK_MEM = "64MB"


def _counted() -> Any:
    """The sets a report counts: not warm-ups, and not failed attempts (0 reps with no time or
    distance), which lift nothing and never give an estimate (the oracle's rule too)."""
    return and_(
        WorkoutSet.kind != SetKind.WARMUP,
        or_(
            WorkoutSet.reps > 0,
            WorkoutSet.duration_s.is_not(None),
            WorkoutSet.distance.is_not(None),
        ),
    )


def duration_key() -> Any:
    """The set's time in milliseconds, an exact integer on both engines (0 for none): times
    have at most 3 decimals of a second, and SQLite keeps them as REAL, which a sum would not
    add exactly."""
    return func.coalesce(cast(func.round(WorkoutSet.duration_s * 1000), BigInteger), 0)


def seconds_of_key(key: int | None) -> Decimal:
    return plain(Decimal(key or 0) / _THOUSAND)


def milli_load() -> Any:
    """The load in thousandths of its unit, as an exact integer on both engines."""
    return cast(func.round(WorkoutSet.load * 1000), BigInteger)


def _mass_key() -> Any:
    """The load in 1e-11 kg (integer): comparable across kg and lb without rounding."""
    return milli_load() * case((WorkoutSet.unit == "lb", _LB_SCALE), else_=_KG_SCALE)


def _e1rm_key(formula: str) -> Any | None:
    """e1RM x base in 1e-11 kg, for the linear formulas; None for the others."""
    base = LINEAR_BASE.get(formula)
    if base is None:
        return None
    reps = WorkoutSet.reps
    factor = case((reps == 1, base), else_=base + reps)
    usable = and_(reps >= 1, reps <= MAX_REPS, WorkoutSet.load > 0,
                  WorkoutSet.bodyweight.is_(False))
    return case((usable, _mass_key() * factor), else_=None)


def _out_of_range() -> Any:
    """A loaded set beyond the formulas' range (domain.report_figures.is_out_of_range)."""
    return and_(WorkoutSet.reps > MAX_REPS, WorkoutSet.load > 0, WorkoutSet.bodyweight.is_(False))


# A distance in 1e-7 m per thousandth of its unit, from the domain's METRES_PER: exact
# integers for m, km, mi, yd and ft (a mile is 16_093_440).
_DISTANCE_SCALE = {unit: int(factor * 10_000) for unit, factor in METRES_PER.items()}
_DISTANCE_M = Decimal(10) ** 7


def distance_key() -> Any:
    """The set's distance in 1e-7 m (integer); 0 for none or an unknown unit."""
    milli = cast(func.round(WorkoutSet.distance * 1000), BigInteger)
    scale = case(
        *((WorkoutSet.distance_unit == unit, factor) for unit, factor in _DISTANCE_SCALE.items()),
        else_=0,
    )
    return func.coalesce(milli * scale, 0)


def metres_of_key(key: int | None) -> Decimal:
    return Decimal(key or 0) / _DISTANCE_M


def _of_lifter(lifter_id: int) -> tuple[Any, Any]:
    """A lifter's sets joined to their sessions. Both tables name the lifter (a set and its
    session always have the same one): PostgreSQL then reads only that lifter's sessions
    through their index, instead of hashing every session of the gym."""
    return WorkoutSet.lifter_id == lifter_id, TrainingSession.lifter_id == lifter_id


def _counted_sets(lifter_id: int, columns: Sequence[Any], where: Sequence[Any]) -> Any:
    """``columns`` of the lifter's counted sets (joined to their sessions and exercises) that
    meet every condition of ``where``."""
    return (
        select(*columns)
        .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
        .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
        .where(*_of_lifter(lifter_id), _counted(), *where)
    )


def _within(
    exercise_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    sided: bool = False,
) -> list[Any]:
    """Conditions: one exercise, sessions started within [since, until], only sided sets."""
    conditions = []
    if exercise_id is not None:
        conditions.append(WorkoutSet.exercise_id == exercise_id)
    if since is not None:
        conditions.append(TrainingSession.started_at >= since)
    if until is not None:
        conditions.append(TrainingSession.started_at <= until)
    if sided:
        conditions.append(WorkoutSet.side.is_not(None))
    return conditions


def _volume_in(unit_name: str, *when: Any) -> Any:
    """Sum of reps x load (thousandths) over the sets typed in ``unit_name`` (and ``when``)."""
    typed_in = and_(WorkoutSet.unit == unit_name, *when)
    return func.sum(case((typed_in, milli_load() * WorkoutSet.reps), else_=0))


def _volume(kg_milli: int | None, lb_milli: int | None, unit: Unit) -> Decimal:
    """Exact volume in ``unit`` from the integer sums per typed unit."""
    if not lb_milli:  # the common case: one unit (0 + a volume is that volume)
        return convert(Decimal(kg_milli) / _THOUSAND, Unit.KG, unit) if kg_milli else Decimal(0)
    total = Decimal(0)
    if kg_milli:
        total += convert(Decimal(kg_milli) / _THOUSAND, Unit.KG, unit)
    return total + convert(Decimal(lb_milli) / _THOUSAND, Unit.LB, unit)


def _side(value: str | None) -> Side | None:
    return Side(value) if value else None


# An exercise as the reports key it: (id, name).
ExerciseKey = tuple[int, str]


@dataclass(frozen=True, slots=True)
class GroupedRow:
    """Working sets of one exercise, session and side: a group of one (a raw set) or of sets
    with the same reps and unit."""

    exercise: ExerciseKey
    session_id: int
    started_at: datetime
    side: Side | None
    group: SetGroup
    body_part: str = ""  # read with raw sets only (the summary's bodyweight sets)


class AbstractReportQueries(Protocol):
    """The reports' read-only queries, as services see them (`ReportQueries` below)."""

    def sides_by_exercise(
        self, asked: ReportRequest, exercise_id: int | None = None, *, raw: bool = False
    ) -> dict[ExerciseKey, list[SessionSides]]: ...

    def side_sessions(self, asked: ReportRequest, exercise_id: int) -> list[SideSession]: ...

    def exercise_sessions(self, asked: ReportRequest) -> list[ExerciseSession]: ...


class ReportQueries:
    """Read-only queries for the reports, scoped to one lifter by every caller."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _rows(self, query: Any) -> Any:
        """A Core query's rows, in the session's transaction: plain tuples, without the ORM's
        per-row loading (these queries name columns, never entities)."""
        return self._session.connection().execute(query)

    def _aggregate(self, query: Any) -> Any:
        """The rows of a query that groups a lifter's sets (one group per exercise, session and
        side): on PostgreSQL with room to group them in memory for this transaction only (at
        the default 4 MB work_mem a long history's sort spills to disk)."""
        connection = self._session.connection()
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
        return connection.execute(query)

    # -- imbalance: one row per (exercise, session), left and right pivoted ---------------

    def sides_by_exercise(
        self, asked: ReportRequest, exercise_id: int | None = None, *, raw: bool = False
    ) -> dict[ExerciseKey, list[SessionSides]]:
        """Per (exercise id, name), its sessions in order with each side's figures, and the set
        behind each side's best e1RM named.

        Loaded sets of the linear formulas (Epley, O'Conner) are aggregated per session entirely
        in SQL; the other formulas from SQL groups per rep count, finished exactly in Python.
        Bodyweight sets (few) are read one by one and weighed with the body weight of their day.
        ``raw``: every set one by one, for a comparison by reps at a load
        (domain.report_figures.needs_raw_sets).
        """
        lifter_id, weights = asked.lifter_id, asked.body_weights
        where = _within(exercise_id, asked.since, asked.until, sided=True)
        # Duration and distance only when compared: three more columns per side cost time.
        timed = asked.metric in ("duration", "distance", "best_distance")
        fast = None if raw else self._session_sides(asked, where, timed)
        sessions = fast or {}
        if raw:
            rows = self.raw_sets(lifter_id, where, weights)
        else:
            rows = [] if fast is not None else self.grouped_sets(lifter_id, where)
            rows += self.raw_sets(lifter_id, where, weights, bodyweight=True)
        for (exercise, session_id, started_at, side), figures in _side_figures(
            rows, asked.unit, asked.formula
        ).items():
            current = sessions.get((exercise, session_id))
            if current is None:
                current = SessionSides(session_id, started_at, None, None)
            if side is Side.LEFT:
                current = replace(current, left=combined(current.left, figures))
            elif side is Side.RIGHT:
                current = replace(current, right=combined(current.right, figures))
            sessions[(exercise, session_id)] = current
        result: dict[ExerciseKey, list[SessionSides]] = defaultdict(list)
        for (exercise, _), sides in sessions.items():
            result[exercise].append(sides)
        return {
            key: self._with_best_sets(asked, key[0], in_order(found))
            for key, found in result.items()
        }

    def _session_sides(
        self, asked: ReportRequest, where: Sequence[Any], timed: bool
    ) -> dict[tuple[ExerciseKey, int], SessionSides] | None:
        """Each side's figures of loaded sets per exercise and session, aggregated in SQL;
        None when the formula is not linear (the caller then uses ``grouped_sets``)."""
        unit, formula = asked.unit, asked.formula
        key = _e1rm_key(formula)
        if key is None:
            return None
        columns = []
        for side in ("left", "right"):
            on_side = WorkoutSet.side == side
            columns += [
                func.sum(case((on_side, 1), else_=0)),
                func.sum(case((on_side, WorkoutSet.reps), else_=0)),
                _volume_in("kg", on_side),
                _volume_in("lb", on_side),
                func.max(case((on_side, key), else_=None)),
                func.sum(case((and_(on_side, _out_of_range()), 1), else_=0)),
                func.max(case((on_side, WorkoutSet.reps), else_=None)),
            ]
            if timed:
                duration = duration_key()
                columns += [
                    func.sum(case((on_side, duration), else_=0)),
                    func.sum(case((on_side, distance_key()), else_=0)),
                    func.max(case((on_side, duration), else_=None)),
                    func.min(case((and_(on_side, duration > 0), duration), else_=None)),
                    func.max(case((on_side, distance_key()), else_=None)),
                ]
        # Grouped by the two ids alone (the name and start are one per group): narrower keys
        # for the sort or hash of every set.
        keys = (WorkoutSet.exercise_id, WorkoutSet.session_id)
        named = (func.min(Exercise.name), func.min(TrainingSession.started_at))
        loaded = [*where, WorkoutSet.bodyweight.is_(False)]
        query = _counted_sets(asked.lifter_id, [*keys, *named, *columns], loaded).group_by(*keys)

        # Per row only what differs: e1RMs repeat (one per load x reps), so each key is turned
        # into a Decimal once; the times and distances only when they were selected.
        e1rms: dict[int, Decimal] = {}
        zero = Decimal(0)

        def figures(
            sets: int, reps: int, kg: int, lb: int, best: int | None, beyond: int,
            most_reps: int | None, *more: int,
        ) -> SideFigures:
            e1rm = None
            if best is not None:
                e1rm = e1rms.get(best)
                if e1rm is None:
                    e1rm = e1rms[best] = e1rm_of_key(int(best), _KEY_KG, formula, unit)
            if not more:
                return SideFigures(sets, int(reps), _volume(kg, lb, unit), e1rm, None,
                                   int(beyond or 0), 0, zero, zero, int(most_reps or 0))
            duration, distance, longest, shortest, farthest = more
            return SideFigures(
                sets,
                int(reps),
                _volume(kg, lb, unit),
                e1rm,
                out_of_range=int(beyond or 0),
                duration=seconds_of_key(duration),
                distance=metres_of_key(distance),
                best_reps=int(most_reps or 0),
                longest=seconds_of_key(longest),
                shortest=seconds_of_key(shortest),
                farthest=metres_of_key(farthest),
            )

        width = 12 if timed else 7
        result = {}
        for ex_id, session_id, name, started, *values in self._aggregate(query):
            left = figures(*values[:width]) if values[0] else None
            right = figures(*values[width:]) if values[width] else None
            result[((ex_id, name), session_id)] = SessionSides(session_id, started, left, right)
        return result

    def _with_best_sets(
        self, asked: ReportRequest, exercise_id: int, sessions: list[SessionSides]
    ) -> list[SessionSides]:
        """Name the set behind each side's best e1RM where SQL summed it away, reading only the
        session that holds it."""
        for side in Side:
            best = best_session(sessions, side)
            figures = None if best is None else best.side(side)
            if best is None or figures is None or figures.best_set is not None:
                continue
            where = (WorkoutSet.exercise_id == exercise_id,
                     WorkoutSet.session_id == best.session_id, WorkoutSet.side == side.value)
            rows = self.raw_sets(asked.lifter_id, where, asked.body_weights)
            best_set = best_set_of([row.group for row in rows], asked.unit, asked.formula)
            filled = replace(figures, best_set=best_set)
            if side is Side.LEFT:
                changed = replace(best, left=filled)
            else:
                changed = replace(best, right=filled)
            sessions = [changed if s is best else s for s in sessions]
        return sessions

    # -- sets grouped per (exercise, session, side, reps, unit), or one by one -------------

    def grouped_sets(self, lifter_id: int, where: Sequence[Any]) -> list[GroupedRow]:
        """Working sets grouped per rep count, unit and whether they carry a load (bodyweight
        sets excluded): a group's heaviest load stands for all its sets (is_out_of_range), so
        13x0 never joins 13x20."""
        keys = (
            WorkoutSet.exercise_id,
            Exercise.name,
            WorkoutSet.session_id,
            TrainingSession.started_at,
            WorkoutSet.side,
            WorkoutSet.reps,
            WorkoutSet.unit,
            WorkoutSet.load > 0,
        )
        columns = (func.max(milli_load()), func.count(), func.sum(milli_load() * WorkoutSet.reps),
                   func.sum(duration_key()), func.sum(distance_key()),
                   func.max(duration_key()),
                   func.min(func.nullif(duration_key(), 0)), func.max(distance_key()))
        loaded = [*where, WorkoutSet.bodyweight.is_(False)]
        query = _counted_sets(lifter_id, [*keys, *columns], loaded).group_by(*keys)
        rows = []
        for row in self._aggregate(query):
            ex_id, name, s_id, started, side, reps, unit = row[:7]
            top, count, volume, secs, dist = row[8:13]  # row[7]: loaded, a key only
            group = SetGroup(reps, Decimal(top) / _THOUSAND, Unit(unit), count,
                             Decimal(volume) / _THOUSAND, duration=seconds_of_key(secs),
                             distance=metres_of_key(dist), longest=seconds_of_key(row[13]),
                             shortest=seconds_of_key(row[14]), farthest=metres_of_key(row[15]))
            rows.append(GroupedRow((ex_id, name), s_id, started, _side(side), group))
        return rows

    def raw_sets(
        self,
        lifter_id: int,
        where: Sequence[Any],
        body_weights: Sequence[BodyWeight],
        bodyweight: bool | None = None,
    ) -> list[GroupedRow]:
        """Working sets one by one (only bodyweight ones, only loaded ones, or all: None),
        a bodyweight set weighed with the body weight at the time it was done."""
        if bodyweight is not None:
            where = [*where, WorkoutSet.bodyweight.is_(bodyweight)]
        query = _counted_sets(
            lifter_id,
            (WorkoutSet.exercise_id, Exercise.name, WorkoutSet.session_id,
             TrainingSession.started_at, WorkoutSet.side, WorkoutSet.reps, milli_load(),
             WorkoutSet.unit, WorkoutSet.bodyweight, WorkoutSet.performed_at,
             duration_key(), distance_key(), Exercise.body_part),
            where,
        )
        return [
            GroupedRow((ex_id, name), s_id, started, _side(side),
                       set_group(reps, Decimal(milli) / _THOUSAND, Unit(unit), bw, performed_at,
                                 body_weights, seconds_of_key(secs), metres_of_key(dist)), part)
            for (ex_id, name, s_id, started, side, reps, milli, unit, bw, performed_at, secs,
                 dist, part) in self._rows(query)
        ]

    def side_sessions(self, asked: ReportRequest, exercise_id: int) -> list[SideSession]:
        """The whole history of one exercise, per session and side (for report history)."""
        where = _within(exercise_id)
        rows = self.grouped_sets(asked.lifter_id, where)
        rows += self.raw_sets(asked.lifter_id, where, asked.body_weights, bodyweight=True)
        return [
            SideSession(session_id, started_at, side, figures)
            for (_, session_id, started_at, side), figures in _side_figures(
                rows, asked.unit, asked.formula
            ).items()
        ]

    # -- summary: one row per (session, exercise, side) ------------------------------------

    def exercise_sessions(self, asked: ReportRequest) -> list[ExerciseSession]:
        """Per session and exercise, the sets per side, reps and volume (of the total external
        load), from ``asked.since`` on."""
        lifter_id, unit = asked.lifter_id, asked.unit
        keys = (WorkoutSet.session_id, TrainingSession.started_at, WorkoutSet.exercise_id,
                Exercise.body_part, WorkoutSet.side)
        # What the logged load is per (two dumbbells moved count twice in the volume).
        conventions = (Exercise.equipment, Exercise.laterality, Exercise.load_per,
                       Exercise.implements)
        columns = (func.count(), func.sum(WorkoutSet.reps), _volume_in("kg"), _volume_in("lb"))
        where = _within(since=asked.since)
        query = _counted_sets(
            lifter_id, [*keys, *conventions, *columns], [*where, WorkoutSet.bodyweight.is_(False)]
        ).group_by(*keys, *conventions)
        merged: dict[tuple[int, int], ExerciseSession] = {}

        def add(
            s_id: int,
            started: datetime,
            ex_id: int,
            part: str,
            side: Side | None,
            count: int,
            reps: int,
            volume: Decimal,
        ) -> None:
            row = merged.get((s_id, ex_id)) or ExerciseSession(
                s_id, started, part, {}, 0, Decimal(0)
            )
            row.sets[side] = row.sets.get(side, 0) + count
            merged[(s_id, ex_id)] = replace(row, reps=row.reps + reps, volume=row.volume + volume)

        for row in self._rows(query):
            s_id, started, ex_id, part, side, equipment, laterality, per, implements = row[:9]
            count, reps, kg, lb = row[9:]
            convention = convention_for(equipment, laterality, per, implements)
            volume = _volume(kg, lb, unit) * convention.moved(laterality, part)
            add(s_id, started, ex_id, part, _side(side), count, int(reps or 0), volume)
        for found in self.raw_sets(lifter_id, where, asked.body_weights, bodyweight=True):
            group = found.group
            add(found.session_id, found.started_at, found.exercise[0], found.body_part,
                found.side, 1, group.reps, convert(group.total_volume, group.unit, unit))
        return list(merged.values())


def _side_figures(
    rows: Sequence[GroupedRow], unit: Unit, formula: str
) -> dict[tuple[ExerciseKey, int, datetime, Side | None], SideFigures]:
    """Figures per (exercise, session, start, side) from grouped and raw rows."""
    by_key: dict[tuple[ExerciseKey, int, datetime, Side | None], list[SetGroup]] = {}
    for row in rows:
        key = (row.exercise, row.session_id, row.started_at, row.side)
        by_key.setdefault(key, []).append(row.group)
    return {key: side_figures(groups, unit, formula) for key, groups in by_key.items()}
