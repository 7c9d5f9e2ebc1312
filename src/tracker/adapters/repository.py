"""The repositories, one per aggregate (cosmicpython's `uow.products`): every query the
services need, behind plain methods.

Each aggregate has a Protocol the services type against (`LogRows` ...), followed by its
SQLAlchemy implementation (`SqlLogRows` ...); the unit of work builds them all over its one
session. Report aggregations live in `tracker.adapters.report_queries`; this module is for rows
the services read and change one by one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from operator import itemgetter
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, selectinload

from tracker.adapters.journal import UnrecordedChanges
from tracker.adapters.orm import (
    BodyWeight,
    ChangeRecord,
    Exercise,
    ExerciseAlias,
    ExerciseRest,
    GymState,
    InvolvedSide,
    Lifter,
    Routine,
    RoutineItem,
    Setting,
    TrainingSession,
    WorkoutSet,
)
from tracker.adapters.postgres_rows import PostgresCatalogRows, PostgresLifterRows, is_postgresql
from tracker.adapters.reads import visible_exercises
from tracker.adapters.report_queries import (
    distance_key,
    duration_key,
    metres_of_key,
    milli_load,
    seconds_of_key,
)
from tracker.adapters.tables import utcnow
from tracker.adapters.types import ExactDecimal
from tracker.adapters.unit_of_work import RefusedValue
from tracker.domain.errors import Conflict, RowRefused
from tracker.domain.model import DEFAULT_LIFTER, SetKind, Side
from tracker.domain.suggestion import SessionPlace
from tracker.domain.units import KG_PER_LB, Unit


def executemany(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``INSERT`` of many rows (all with the same keys) as one driver ``executemany``.

    What Core's executemany binds, without its per-row work: each column's bind processor
    (the column types': exact loads, UTC times, enums) runs once per distinct value of the
    column in `rows`, not once per row; the rows are then assembled column-wise. (Equal values
    such as Decimal("50") and Decimal("50.0") share one bound value; the column stores them
    alike.)"""
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    names = list(compiled.positiontup or ()) if compiled.positional else list(rows[0])
    columns = []
    for name, values in zip(names, zip(*map(itemgetter(*names), rows), strict=True), strict=True):
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            bound = {value: process(value) for value in set(values)}
            values = tuple(map(bound.__getitem__, values))
        columns.append(values)
    if compiled.positional:
        parameters: list[Any] = list(zip(*columns, strict=True))
    else:
        parameters = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    connection.exec_driver_sql(str(compiled), parameters)


@dataclass(frozen=True)
class TopSet:
    """The heaviest working set of an exercise's latest session."""

    exercise: str
    reps: int
    load: Decimal
    unit: Unit
    performed_at: datetime
    bodyweight: bool = False  # the load was added to body weight (BW+20; negative: assisted)
    # A loaded carry or hold (40mx32, 60sx32): its distance or time, the reps being 0.
    duration_s: Decimal | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None


def top_set(name: str, row: WorkoutSet) -> TopSet:
    """A stored set as the plain TopSet the services read."""
    return TopSet(
        name, row.reps, row.load, Unit(row.unit), row.performed_at, row.bodyweight,
        row.duration_s, row.distance, row.distance_unit,
    )


@dataclass(frozen=True)
class LoadBounds:
    """Per unit and kind of load (bodyweight or not) of an exercise's working sets: the
    lightest and heaviest positive load (a bodyweight set's added load, of any sign), None
    when there is none, and the most reps."""

    unit: Unit
    bodyweight: bool
    lightest: Decimal | None
    heaviest: Decimal | None
    most_reps: int


def _sets_of(lifter: Lifter, exercise: Exercise) -> tuple[ColumnElement[bool], ...]:
    """The lifter's sets of the exercise."""
    return WorkoutSet.lifter_id == lifter.id, WorkoutSet.exercise_id == exercise.id


def _working_sets_of(lifter: Lifter, exercise: Exercise) -> tuple[ColumnElement[bool], ...]:
    """The lifter's sets of the exercise that are not warm-ups."""
    return *_sets_of(lifter, exercise), WorkoutSet.kind != SetKind.WARMUP


def _timed_or_distance() -> ColumnElement[bool]:
    return or_(WorkoutSet.duration_s.is_not(None), WorkoutSet.distance.is_not(None))


def _physical_load(row: WorkoutSet) -> Decimal:
    """The set's load in kg, to compare: one session may mix kg and lb entries."""
    return row.load * (KG_PER_LB if row.unit == "lb" else 1)


def _sets_in_order(*where: ColumnElement[bool]) -> Select[WorkoutSet]:
    """The sets that match, with their exercises, in the order they were done."""
    return (
        select(WorkoutSet)
        .where(*where)
        .options(selectinload(WorkoutSet.exercise))
        .order_by(WorkoutSet.position, WorkoutSet.id)
    )


def _routines(*where: ColumnElement[bool]) -> Select[Routine]:
    """The routines that match, with their items and the items' exercises."""
    items = selectinload(Routine.items).selectinload(RoutineItem.exercise)
    return select(Routine).where(*where).options(items)


class Rows(Protocol):
    """What every aggregate's repository does with the rows it hands out (cosmicpython's
    `repo.add`): new rows are added, gone rows deleted, and a flush gives new rows their ids."""

    def add(self, obj: object) -> None: ...

    def flush(self) -> None: ...

    def delete(self, obj: object) -> None: ...


class SessionRows:
    """What every aggregate's SQLAlchemy repository shares: the unit of work's ORM session (one
    transaction for them all), and new rows added, gone rows deleted over it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: object) -> None:
        self.session.add(obj)

    def flush(self) -> None:
        self.session.flush()

    def delete(self, obj: object) -> None:
        self.session.delete(obj)


class LifterRows(Rows, Protocol):
    """Lifters, whose custom exercises a command sees, and the gym-wide settings."""

    def lifter(self, name: str) -> Lifter | None: ...

    def add_lifter_if_missing(self, name: str, unit: str) -> Lifter: ...

    def lifter_for_current_role(self) -> Lifter | None: ...

    def act_as_role_of(self, lifter: Lifter) -> bool: ...

    def lifter_is_blank(self, lifter: Lifter) -> bool: ...

    def lock_lifter(self, lifter: Lifter) -> None: ...

    def view_as(self, lifter: Lifter) -> None: ...

    def setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...

    def forget_setting(self, key: str) -> None: ...

    def settings(self, prefix: str = "") -> dict[str, str]: ...


class SqlLifterRows(SessionRows, PostgresLifterRows, LifterRows):
    """LifterRows over the session; it knows whose custom exercises the command sees (the
    catalog asks it)."""

    def __init__(self, session: Session, viewer: str | None) -> None:
        super().__init__(session)
        # Whose custom exercises are visible: the command's lifter (by name until known).
        self.viewer_name = viewer
        self._viewer_id: int | None = None
        self._viewer_known = False

    def view_as(self, lifter: Lifter) -> None:
        """Show built-ins and this lifter's own custom exercises from now on."""
        self._viewer_id = lifter.id
        self._viewer_known = True

    def viewer_id(self) -> int | None:
        if not self._viewer_known:
            # The command's lifter: a role connected without --lifter sees its own lifter's
            # exercises, as every other command does.
            lifter = self.command_lifter()
            self._viewer_id = None if lifter is None else lifter.id
            self._viewer_known = True
        return self._viewer_id

    def command_lifter(self) -> Lifter | None:
        """The lifter the command runs as, without creating one: the one it works for, else
        its --lifter, the lifter of its PostgreSQL role or the default lifter."""
        if self._viewer_known and self._viewer_id is not None:
            return self.session.get(Lifter, self._viewer_id)
        if self.viewer_name is None:
            mine = self.lifter_for_current_role()
            if mine is not None:
                return mine
        return self.lifter(self.viewer_name or DEFAULT_LIFTER)

    def lifter(self, name: str) -> Lifter | None:
        return self.session.scalar(select(Lifter).where(Lifter.name == name))

    def add_lifter_if_missing(self, name: str, unit: str) -> Lifter:
        """The lifter, inserted unless it exists: two first commands at once both succeed."""
        values = {"name": name, "unit": unit, "created_at": utcnow()}
        if is_postgresql(self.session):
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            self.session.execute(pg_insert(Lifter).values(values).on_conflict_do_nothing())
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            self.session.execute(sqlite_insert(Lifter).values(values).on_conflict_do_nothing())
        lifter = self.lifter(name)
        assert lifter is not None
        return lifter

    def lifter_is_blank(self, lifter: Lifter) -> bool:
        """Nothing stored for the lifter yet (no session, weigh-in, routine, rest, involved side
        or change of theirs): their settings are still the defaults they were created with."""
        owned = (TrainingSession, BodyWeight, Routine, ExerciseRest, InvolvedSide, ChangeRecord)
        return not any(
            self.session.scalar(select(row.lifter_id).where(row.lifter_id == lifter.id).limit(1))
            is not None
            for row in owned
        )

    def setting(self, key: str) -> str | None:
        row = self.session.get(Setting, key)
        return None if row is None else row.value

    def set_setting(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        if row is None:
            self.session.add(Setting(key=key, value=value))
        else:
            row.value = value

    def forget_setting(self, key: str) -> None:
        """No value of one's own for `key`: the default applies again."""
        row = self.session.get(Setting, key)
        if row is not None:
            self.session.delete(row)

    def settings(self, prefix: str = "") -> dict[str, str]:
        rows = self.session.scalars(select(Setting).where(Setting.key.startswith(prefix)))
        return {row.key: row.value for row in rows}


class CatalogRows(Rows, Protocol):
    """The exercise catalog as the viewer sees it: built-in, shared and their own exercises."""

    viewer_name: str | None  # the command's --lifter: whose custom exercises are visible

    def viewer_id(self) -> int | None: ...  # whose own exercises show (LifterRows.view_as)

    def exercise_names(self) -> list[tuple[str, list[str]]]: ...

    def exercise(self, name: str) -> Exercise | None: ...

    def exercise_by_key(self, key: str) -> Exercise | None: ...

    def exercise_by_id(self, exercise_id: int) -> Exercise | None: ...

    def alias_owner(self, key: str) -> Exercise | None: ...

    def exercises(self) -> Sequence[Exercise]: ...

    def exercises_with_own_increment(self) -> Sequence[Exercise]: ...

    def children(self, exercise: Exercise) -> Sequence[Exercise]: ...

    def key_taken_by_another_lifter(self, key: str) -> bool: ...

    def count_sets_of(self, exercise: Exercise, lifter: Lifter | None = None) -> int: ...

    def lifter_data_on(self, exercise: Exercise) -> dict[str, int]: ...

    def count_sets_by_side(self, exercise: Exercise, *, sided: bool) -> int: ...

    def may_write_catalog(self) -> bool: ...

    def serialize_catalog_writes(self) -> None: ...


class SqlCatalogRows(SessionRows, PostgresCatalogRows, CatalogRows):
    """CatalogRows over the session: built-in and shared exercises, and the viewer's own."""

    def __init__(self, session: Session, lifters: SqlLifterRows) -> None:
        super().__init__(session)
        self.lifters = lifters
        self.viewer_name = lifters.viewer_name

    def viewer_id(self) -> int | None:
        return self.lifters.viewer_id()

    def _visible(self) -> ColumnElement[bool]:
        """Built-in and shared exercises, and the viewer's own: never another lifter's."""
        return visible_exercises(self.viewer_id())

    def key_taken_by_another_lifter(self, key: str) -> bool:
        """A name (or alias) that another lifter's hidden exercise holds: the names are unique
        database-wide, so a new exercise must be called something else."""
        hidden = ~self._visible()
        by_name = select(Exercise.id).where(Exercise.key == key, hidden)
        by_alias = select(Exercise.id).join(ExerciseAlias).where(ExerciseAlias.key == key, hidden)
        return (
            self.session.scalar(by_name.limit(1)) is not None
            or self.session.scalar(by_alias.limit(1)) is not None
        )

    def exercise_names(self) -> list[tuple[str, list[str]]]:
        """(name, aliases) of every exercise, for name resolution: the read path's two
        queries, in this session's transaction (flushed first, as the ORM's own queries are)."""
        from tracker.adapters.reads import Reads

        self.session.flush()
        return Reads(self.session.connection()).exercise_names(self.viewer_id())

    def exercise(self, name: str) -> Exercise | None:
        return self.session.scalar(
            select(Exercise)
            .where(Exercise.name == name, self._visible())
            .options(selectinload(Exercise.aliases), selectinload(Exercise.parent))
        )

    def exercise_by_key(self, key: str) -> Exercise | None:
        return self.session.scalar(select(Exercise).where(Exercise.key == key, self._visible()))

    def exercise_by_id(self, exercise_id: int) -> Exercise | None:
        return self.session.get(Exercise, exercise_id)

    def alias_owner(self, key: str) -> Exercise | None:
        return self.session.scalar(
            select(Exercise).join(ExerciseAlias).where(ExerciseAlias.key == key, self._visible())
        )

    def exercises(self) -> Sequence[Exercise]:
        return self.session.scalars(
            select(Exercise)
            .where(self._visible())
            .options(selectinload(Exercise.aliases))
            .order_by(Exercise.name)
        ).all()

    def exercises_with_own_increment(self) -> Sequence[Exercise]:
        """Exercises whose load step overrides the gym-wide one, by name."""
        query = select(Exercise).where(Exercise.increment.is_not(None)).order_by(Exercise.name)
        return self.session.scalars(query).all()

    def children(self, exercise: Exercise) -> Sequence[Exercise]:
        return self.session.scalars(
            select(Exercise)
            .where(Exercise.parent_id == exercise.id, self._visible())
            .order_by(Exercise.name)
        ).all()

    def _count_sets(self, exercise: Exercise, *where: ColumnElement[bool]) -> int:
        query = select(func.count()).where(WorkoutSet.exercise_id == exercise.id, *where)
        return self.session.scalar(query) or 0

    def count_sets_of(self, exercise: Exercise, lifter: Lifter | None = None) -> int:
        """Sets logged of the exercise (by one lifter, or by anyone)."""
        if lifter is None:
            return self._count_sets(exercise)
        return self._count_sets(exercise, WorkoutSet.lifter_id == lifter.id)

    def lifter_data_on(self, exercise: Exercise) -> dict[str, int]:
        """Lifters' rows that name the exercise and would be deleted with it (routine items,
        rests, involved sides), by kind, where there are any."""
        counts = {
            what: self.session.scalar(
                select(func.count()).select_from(model).where(model.exercise_id == exercise.id)
            ) or 0
            for what, model in (("routine item", RoutineItem), ("exercise rest", ExerciseRest),
                                ("involved side", InvolvedSide))
        }
        return {what: count for what, count in counts.items() if count}

    def count_sets_by_side(self, exercise: Exercise, *, sided: bool) -> int:
        """Sets of the exercise logged with a side (sided) or without one."""
        has_side = WorkoutSet.side.is_not(None) if sided else WorkoutSet.side.is_(None)
        return self._count_sets(exercise, has_side)


class LogRows(Rows, Protocol):
    """Training sessions and their sets, and a lifter's history of an exercise."""

    def open_session(self, lifter: Lifter) -> TrainingSession | None: ...

    def training_session(self, lifter: Lifter, session_id: int) -> TrainingSession | None: ...

    def latest_session(self, lifter: Lifter) -> TrainingSession | None: ...

    def finished_sessions_near(
        self, lifter: Lifter, at: datetime, slack: timedelta
    ) -> Sequence[TrainingSession]: ...

    def session_of(self, row: WorkoutSet) -> TrainingSession: ...

    def session_set_rows(self, session: TrainingSession) -> Sequence[WorkoutSet]: ...

    def workout_set(self, lifter: Lifter, set_id: int) -> WorkoutSet | None: ...

    def last_batch_sets(self, lifter: Lifter) -> Sequence[WorkoutSet]: ...

    def last_set_time(self, session: TrainingSession) -> datetime | None: ...

    def next_position(self, session: TrainingSession) -> int: ...

    def sets_of_exercise_in_session(
        self, lifter: Lifter, exercise: Exercise, session_id: int
    ) -> Sequence[WorkoutSet]: ...

    def previous_session_id(
        self, lifter: Lifter, exercise: Exercise, current: TrainingSession
    ) -> int | None: ...

    def top_loads_by_reps(
        self, lifter: Lifter, exercise: Exercise, before: datetime
    ) -> list[tuple[Side | None, int, str, Decimal, datetime | None]]: ...

    def measure_bests(
        self, lifter: Lifter, exercise: Exercise, before: datetime
    ) -> list[tuple[Side | None, Decimal | None, Decimal | None, Decimal | None]]: ...

    def recent_working_sets(
        self,
        lifter: Lifter,
        exercise: Exercise,
        sessions: int,
        before: SessionPlace | None = None,
    ) -> list[WorkoutSet]: ...

    def working_set_bounds(
        self, lifter: Lifter, exercise: Exercise, leave_out: int | None = None
    ) -> list[LoadBounds]: ...


    def latest_top_set_of(self, lifter: Lifter, name: str) -> TopSet | None: ...

    def latest_working_sets(self, lifter: Lifter, exercise: Exercise) -> Sequence[WorkoutSet]: ...

    def measures_by_session_side(
        self, lifter: Lifter, exercise: Exercise
    ) -> dict[tuple[int, str | None], list[tuple[Decimal | None, Decimal | None, str | None]]]: ...

    def side_records(
        self, lifter: Lifter, exercise: Exercise, before_set_id: int
    ) -> list[tuple[Side | None, str, Decimal, int]]: ...


class SqlLogRows(SessionRows, LogRows):
    """LogRows over the session."""

    def __init__(self, session: Session, catalog: CatalogRows) -> None:
        super().__init__(session)
        self.catalog = catalog  # exercises by name, as the command's lifter sees them

    def open_session(self, lifter: Lifter) -> TrainingSession | None:
        return self.session.scalar(
            select(TrainingSession)
            .where(TrainingSession.lifter_id == lifter.id, TrainingSession.finished_at.is_(None))
            .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
            .limit(1)
        )

    def training_session(self, lifter: Lifter, session_id: int) -> TrainingSession | None:
        return self.session.scalar(
            select(TrainingSession)
            .where(TrainingSession.lifter_id == lifter.id, TrainingSession.id == session_id)
            .options(selectinload(TrainingSession.sets).selectinload(WorkoutSet.exercise))
        )

    def latest_session(self, lifter: Lifter) -> TrainingSession | None:
        latest = self.session.scalar(
            select(TrainingSession.id)
            .where(TrainingSession.lifter_id == lifter.id)
            .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
            .limit(1)
        )
        return None if latest is None else self.training_session(lifter, latest)

    def finished_sessions_near(
        self, lifter: Lifter, at: datetime, slack: timedelta
    ) -> Sequence[TrainingSession]:
        """Finished sessions whose span, widened by `slack` both ways, contains `at`."""
        ending = self.session.scalars(
            select(TrainingSession).where(
                TrainingSession.lifter_id == lifter.id,
                TrainingSession.finished_at.is_not(None),
                TrainingSession.finished_at >= at - slack,
            )
        )
        # By their end only (the index): a bound on the start too would have SQLite's planner
        # walk every session by its start, which is before now in the whole history.
        return [session for session in ending if session.started_at <= at + slack]

    def session_of(self, row: WorkoutSet) -> TrainingSession:
        """The session a stored set belongs to."""
        return row.session

    def session_set_rows(self, session: TrainingSession) -> Sequence[WorkoutSet]:
        """The session's sets in the order they were done, with their exercises."""
        return self.session.scalars(_sets_in_order(WorkoutSet.session_id == session.id)).all()

    def workout_set(self, lifter: Lifter, set_id: int) -> WorkoutSet | None:
        return self.session.scalar(
            select(WorkoutSet)
            .where(WorkoutSet.lifter_id == lifter.id, WorkoutSet.id == set_id)
            .options(selectinload(WorkoutSet.exercise))
        )

    def last_batch_sets(self, lifter: Lifter) -> Sequence[WorkoutSet]:
        batch = self.session.scalar(
            select(func.max(WorkoutSet.batch)).where(WorkoutSet.lifter_id == lifter.id)
        )
        if batch is None:
            return []
        sets = _sets_in_order(WorkoutSet.lifter_id == lifter.id, WorkoutSet.batch == batch)
        return self.session.scalars(sets).all()

    def last_set_time(self, session: TrainingSession) -> datetime | None:
        return self.session.scalar(
            select(func.max(WorkoutSet.performed_at)).where(WorkoutSet.session_id == session.id)
        )

    def next_position(self, session: TrainingSession) -> int:
        current = self.session.scalar(
            select(func.max(WorkoutSet.position)).where(WorkoutSet.session_id == session.id)
        )
        return 0 if current is None else current + 1

    def sets_of_exercise_in_session(
        self, lifter: Lifter, exercise: Exercise, session_id: int
    ) -> Sequence[WorkoutSet]:
        return self.session.scalars(
            select(WorkoutSet)
            .where(
                *_sets_of(lifter, exercise),
                WorkoutSet.session_id == session_id,
            )
            .order_by(WorkoutSet.position, WorkoutSet.id)
        ).all()

    def previous_session_id(
        self, lifter: Lifter, exercise: Exercise, current: TrainingSession
    ) -> int | None:
        """The latest session before `current` where the exercise was done."""
        query = (
            select(WorkoutSet.session_id)
            .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
            .where(
                *_sets_of(lifter, exercise),
                WorkoutSet.session_id != current.id,
                TrainingSession.started_at <= current.started_at,
            )
            .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
            .limit(1)
        )
        return self.session.scalar(query)

    def top_loads_by_reps(
        self, lifter: Lifter, exercise: Exercise, before: datetime
    ) -> list[tuple[Side | None, int, str, Decimal, datetime | None]]:
        """(side, reps, unit, heaviest load, bodyweight time) over the exercise's non-warm-up
        sets with reps done by then, in one aggregate: the heaviest loaded set (a load above 0)
        per (side, reps, unit), its time None; and the heaviest bodyweight set (the load added
        to body weight, of any sign: BW-20 is assisted) per (side, reps, unit) and weigh-in that
        weighs it (the latest at or before the set; none for sets before them all), with the
        time of the earliest of them, which the domain weighs with that same weigh-in
        (domain.records.e1rm_of). Loads compare as exact integer thousandths on both engines
        (SQLite keeps them as REAL); kg and lb stay apart, for the domain to convert."""
        weighed_by = (
            select(func.max(BodyWeight.measured_at))
            .where(
                BodyWeight.lifter_id == lifter.id,
                BodyWeight.measured_at <= WorkoutSet.performed_at,
            )
            .correlate(WorkoutSet)
            .scalar_subquery()
        )
        sets = (
            select(
                WorkoutSet.side,
                WorkoutSet.reps,
                WorkoutSet.unit,
                WorkoutSet.bodyweight,
                case((WorkoutSet.bodyweight.is_(True), weighed_by), else_=None).label("weigh_in"),
                milli_load().label("milli"),
                WorkoutSet.performed_at,
            )
            .where(
                *_working_sets_of(lifter, exercise),
                WorkoutSet.reps > 0,
                or_(WorkoutSet.bodyweight.is_(True), WorkoutSet.load > 0),
                WorkoutSet.performed_at <= before,
            )
            .subquery()
        )
        keys = (sets.c.side, sets.c.reps, sets.c.unit, sets.c.bodyweight, sets.c.weigh_in)
        rows = self.session.execute(
            select(*keys[:4], func.max(sets.c.milli), func.min(sets.c.performed_at))
            .group_by(*keys)
        )
        return [
            (side, reps, unit, Decimal(milli) / 1000, at if bodyweight else None)
            for side, reps, unit, bodyweight, milli, at in rows
        ]

    def measure_bests(
        self, lifter: Lifter, exercise: Exercise, before: datetime
    ) -> list[tuple[Side | None, Decimal | None, Decimal | None, Decimal | None]]:
        """(side, longest time, shortest time, longest distance in metres) over the exercise's
        non-warm-up timed and distance sets before then: one aggregate, exact on both engines
        (times in integer milliseconds, distances in integer 1e-7 m)."""
        timed, far = func.nullif(duration_key(), 0), func.nullif(distance_key(), 0)
        rows = self.session.execute(
            select(WorkoutSet.side, func.max(timed), func.min(timed), func.max(far))
            .where(
                *_working_sets_of(lifter, exercise),
                _timed_or_distance(),
                WorkoutSet.performed_at <= before,
            )
            .group_by(WorkoutSet.side)
        )
        return [
            (
                side,
                None if longest is None else seconds_of_key(longest),
                None if shortest is None else seconds_of_key(shortest),
                None if farthest is None else metres_of_key(farthest),
            )
            for side, longest, shortest, farthest in rows
        ]

    def recent_working_sets(
        self,
        lifter: Lifter,
        exercise: Exercise,
        sessions: int,
        before: SessionPlace | None = None,
    ) -> list[WorkoutSet]:
        """Non-warm-up sets of the exercise in its `sessions` most recent sessions, session by
        session, oldest first (by start, then id), each session's sets in the order done;
        with `before`, only sessions before that one (SessionPlace.after: any other session
        started no later, the gym's "Last")."""
        earlier = [] if before is None else [
            WorkoutSet.session_id != before.session_id,
            TrainingSession.started_at <= before.started_at,
        ]
        recent = (
            select(WorkoutSet.session_id)
            .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
            .where(
                *_working_sets_of(lifter, exercise),
                WorkoutSet.reps > 0,
                *earlier,
            )
            .group_by(WorkoutSet.session_id, TrainingSession.started_at)
            # By start, then id: the sessions the reports and the cue call the last ones.
            .order_by(TrainingSession.started_at.desc(), WorkoutSet.session_id.desc())
            .limit(sessions)
        )
        return list(
            self.session.scalars(
                select(WorkoutSet)
                .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
                .where(
                    *_working_sets_of(lifter, exercise),
                    WorkoutSet.session_id.in_(recent.scalar_subquery()),
                    WorkoutSet.reps > 0,
                )
                .order_by(TrainingSession.started_at, WorkoutSet.session_id,
                          WorkoutSet.performed_at, WorkoutSet.position, WorkoutSet.id)
            )
        )

    def working_set_bounds(
        self, lifter: Lifter, exercise: Exercise, leave_out: int | None = None
    ) -> list[LoadBounds]:
        """The entry check's history (tracker.domain.plausibility): one aggregate query over
        the exercise's non-warm-up sets, leaving out set `leave_out` (the one being edited)."""
        counted = case(
            (or_(WorkoutSet.bodyweight.is_(True), WorkoutSet.load > 0), WorkoutSet.load)
        )
        query = (
            select(
                WorkoutSet.unit,
                WorkoutSet.bodyweight,
                func.min(counted),
                func.max(counted),
                func.max(WorkoutSet.reps),
            )
            .where(
                *_working_sets_of(lifter, exercise),
            )
            .group_by(WorkoutSet.unit, WorkoutSet.bodyweight)
        )
        if leave_out is not None:
            query = query.where(WorkoutSet.id != leave_out)
        return [
            LoadBounds(Unit(unit), bool(bodyweight), low, high, reps or 0)
            for unit, bodyweight, low, high, reps in self.session.execute(query)
        ]

    def latest_top_set_of(self, lifter: Lifter, name: str) -> TopSet | None:
        """The heaviest working set of the latest session of the exercise with this canonical
        name, as a plain value; for an exercise done with a load for distance or time only (a
        carry), the heaviest such set of its latest session, with that distance or time."""
        exercise = self.catalog.exercise(name)
        if exercise is None:
            return None
        row = max(self.recent_working_sets(lifter, exercise, 1), key=_physical_load, default=None)
        row = row or self._latest_loaded_measure(lifter, exercise)
        return None if row is None else top_set(name, row)

    def latest_working_sets(self, lifter: Lifter, exercise: Exercise) -> Sequence[WorkoutSet]:
        """The working sets of the latest session (by start, then id) with the exercise in it,
        reps, timed and distance sets alike, in the order done."""
        latest = (
            select(WorkoutSet.session_id)
            .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
            .where(*_working_sets_of(lifter, exercise))
            .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
            .limit(1)
        )
        return self.session.scalars(
            select(WorkoutSet)
            .where(*_working_sets_of(lifter, exercise),
                   WorkoutSet.session_id == latest.scalar_subquery())
            .order_by(WorkoutSet.position, WorkoutSet.id)
        ).all()

    def _latest_loaded_measure(self, lifter: Lifter, exercise: Exercise) -> WorkoutSet | None:
        rows = self.session.scalars(
            select(WorkoutSet)
            .where(
                *_working_sets_of(lifter, exercise),
                WorkoutSet.load > 0,
                _timed_or_distance(),
            )
            .order_by(WorkoutSet.performed_at.desc(), WorkoutSet.id.desc())
        ).all()
        latest = [row for row in rows if row.session_id == rows[0].session_id]
        return max(latest, key=_physical_load, default=None)

    def measures_by_session_side(
        self, lifter: Lifter, exercise: Exercise
    ) -> dict[tuple[int, str | None], list[tuple[Decimal | None, Decimal | None, str | None]]]:
        """Per (session, side) of the exercise's working timed and distance sets: the longest
        and the shortest time and the longest distance in each distance unit (the domain
        compares units, and picks the time by the exercise's direction)."""
        rows = self.session.execute(
            select(
                WorkoutSet.session_id,
                WorkoutSet.side,
                WorkoutSet.distance_unit,
                func.max(WorkoutSet.duration_s),
                func.max(WorkoutSet.distance),
                func.min(func.nullif(WorkoutSet.duration_s, 0), type_=ExactDecimal()),
            )
            .where(
                *_working_sets_of(lifter, exercise),
                _timed_or_distance(),
            )
            .group_by(WorkoutSet.session_id, WorkoutSet.side, WorkoutSet.distance_unit)
        )
        found: dict[tuple[int, str | None], list[tuple[Decimal | None, Decimal | None, str | None]]]
        found = {}
        for session_id, side, distance_unit, duration, distance, shortest in rows:
            measures = found.setdefault((session_id, side), [])
            measures.append((duration, distance, distance_unit))
            if shortest is not None and shortest != duration:
                measures.append((shortest, None, None))
        return found

    def side_records(
        self, lifter: Lifter, exercise: Exercise, before_set_id: int
    ) -> list[tuple[Side | None, str, Decimal, int]]:
        """Per (side, unit, load): the most reps, over working sets logged before a set id.

        Gym mode derives "heaviest load" and "most reps at a load" bests per side from these.
        """
        rows = self.session.execute(
            select(WorkoutSet.side, WorkoutSet.unit, WorkoutSet.load, func.max(WorkoutSet.reps))
            .where(
                *_working_sets_of(lifter, exercise),
                WorkoutSet.reps > 0,
                WorkoutSet.id < before_set_id,
            )
            .group_by(WorkoutSet.side, WorkoutSet.unit, WorkoutSet.load)
        )
        return [(side, unit, load, reps) for side, unit, load, reps in rows]


class GymRows(Rows, Protocol):
    """Routines, a lifter's rests between sets, and where a gym session stands."""

    def routine(self, lifter: Lifter, name: str) -> Routine | None: ...

    def routine_by_id(self, routine_id: int) -> Routine | None: ...

    def routines(self, lifter: Lifter) -> Sequence[Routine]: ...

    def exercise_rest(self, lifter: Lifter, exercise: Exercise) -> int | None: ...

    def set_exercise_rest(self, lifter: Lifter, exercise: Exercise, seconds: int) -> None: ...

    def exercise_rests(self, lifter: Lifter) -> list[tuple[Exercise, int]]: ...

    def gym_state(self, session: TrainingSession) -> GymState | None: ...

    def gym_state_by_session_id(self, session_id: int) -> GymState | None: ...


class SqlGymRows(SessionRows, GymRows):
    """GymRows over the session."""

    def routine(self, lifter: Lifter, name: str) -> Routine | None:
        """The lifter's routine with this name, case-insensitively."""
        named = func.lower(Routine.name) == name.lower()
        return self.session.scalar(_routines(Routine.lifter_id == lifter.id, named))

    def routine_by_id(self, routine_id: int) -> Routine | None:
        return self.session.get(Routine, routine_id)

    def routines(self, lifter: Lifter) -> Sequence[Routine]:
        return self.session.scalars(
            _routines(Routine.lifter_id == lifter.id).order_by(Routine.name)
        ).all()

    def exercise_rest(self, lifter: Lifter, exercise: Exercise) -> int | None:
        row = self.session.get(ExerciseRest, (lifter.id, exercise.id))
        return None if row is None else row.seconds

    def set_exercise_rest(self, lifter: Lifter, exercise: Exercise, seconds: int) -> None:
        row = self.session.get(ExerciseRest, (lifter.id, exercise.id))
        if row is None:
            self.session.add(
                ExerciseRest(lifter_id=lifter.id, exercise_id=exercise.id, seconds=seconds)
            )
        else:
            row.seconds = seconds

    def exercise_rests(self, lifter: Lifter) -> list[tuple[Exercise, int]]:
        """The lifter's own rest per exercise (`rest SECONDS` in gym mode), by exercise name."""
        rows = self.session.execute(
            select(Exercise, ExerciseRest.seconds)
            .join(ExerciseRest, ExerciseRest.exercise_id == Exercise.id)
            .where(ExerciseRest.lifter_id == lifter.id)
            .order_by(Exercise.name)
        )
        return [(exercise, seconds) for exercise, seconds in rows]

    def gym_state(self, session: TrainingSession) -> GymState | None:
        return self.session.get(GymState, session.id)

    def gym_state_by_session_id(self, session_id: int) -> GymState | None:
        return self.session.get(GymState, session_id)


class TransferRows(Rows, Protocol):
    """Imports and exports: sessions and sets in bulk."""

    def export_rows(
        self, lifter: Lifter, since: datetime | None
    ) -> Iterator[tuple[WorkoutSet, TrainingSession, str]]: ...

    def insert_sessions(self, rows: list[dict[str, Any]]) -> dict[str, int]: ...

    def insert_sets(self, rows: list[dict[str, Any]]) -> None: ...

    def set_session_notes(self, session_id: int, notes: str) -> None: ...

    def delete_sessions(
        self,
        lifter: Lifter,
        source_key: str,
        started_at: datetime | None = None,
        protect_logged: bool = False,
    ) -> int: ...

    def session_keys_and_starts(self, lifter: Lifter) -> tuple[set[str], set[datetime]]: ...

    def note_import(self, lifter: Lifter) -> None: ...


class SqlTransferRows(SessionRows, TransferRows):
    """TransferRows over the session; an import's rows that no change record covers are noted
    for the unit of work's commit."""

    def __init__(self, session: Session, unrecorded: UnrecordedChanges) -> None:
        super().__init__(session)
        self.unrecorded = unrecorded

    def export_rows(
        self, lifter: Lifter, since: datetime | None
    ) -> Iterator[tuple[WorkoutSet, TrainingSession, str]]:
        """(set, its session, exercise name) of every set of the lifter, in the order done,
        streamed in chunks so memory stays flat."""
        query = (
            select(WorkoutSet, TrainingSession, Exercise.name)
            .join(TrainingSession, TrainingSession.id == WorkoutSet.session_id)
            .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
            .where(WorkoutSet.lifter_id == lifter.id)
            .order_by(
                TrainingSession.started_at, TrainingSession.id, WorkoutSet.position, WorkoutSet.id
            )
            .execution_options(yield_per=1000)
        )
        if since is not None:
            query = query.where(TrainingSession.started_at >= since)
        yield from self.session.execute(query)

    def insert_sessions(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Insert sessions in one statement (Core, no ORM bulk); returns their ids by source
        key."""
        table = TrainingSession.__table__
        statement = insert(table).returning(
            table.c.id, table.c.source_key, sort_by_parameter_order=True
        )
        self.session.flush()  # what the ORM holds goes first, as the ORM statement did
        try:
            result = self.session.execute(statement, rows)
        except RefusedValue as error:
            raise RowRefused.of(error.orig) from error
        return {str(key): session_id for session_id, key in result}

    def insert_sets(self, rows: list[dict[str, Any]]) -> None:
        """Insert sets in one executemany (an import: undo keeps no record of them)."""
        if not rows:
            return
        self.session.flush()  # what the ORM holds (a new exercise) goes first, as it did
        try:
            executemany(self.session.connection(), WorkoutSet.__table__, rows)
        except RefusedValue as error:
            raise RowRefused.of(error.orig) from error
        self.unrecorded.imported_for.update({row["lifter_id"] for row in rows})

    def note_import(self, lifter: Lifter) -> None:
        """An import stored rows of the lifter other than sets (weigh-ins, routines ...): the
        same mark in the undo history as its sets leave (see UnitOfWork.commit)."""
        self.unrecorded.imported_for.add(lifter.id)

    def set_session_notes(self, session_id: int, notes: str) -> None:
        try:
            self.session.execute(
                update(TrainingSession).where(TrainingSession.id == session_id).values(notes=notes)
            )
        except RefusedValue as error:
            raise RowRefused.of(error.orig) from error

    def delete_sessions(
        self,
        lifter: Lifter,
        source_key: str,
        started_at: datetime | None = None,
        protect_logged: bool = False,
    ) -> int:
        """Delete the lifter's sessions with this import key (or start time); sets cascade."""
        match = TrainingSession.source_key == source_key
        if started_at is not None:
            match = or_(match, TrainingSession.started_at == started_at)
        ids = list(
            self.session.scalars(
                select(TrainingSession.id).where(TrainingSession.lifter_id == lifter.id, match)
            )
        )
        if ids and protect_logged:
            logged = self.session.scalar(
                select(func.min(WorkoutSet.session_id)).where(
                    WorkoutSet.session_id.in_(ids), WorkoutSet.batch.is_not(None)
                )
            )
            if logged is not None:
                raise Conflict(
                    f"session #{logged} holds sets you logged by hand as well as imported "
                    "ones; --replace would lose them: delete those sets first (tracker set "
                    "delete ID)"
                )
        if ids:
            self.session.execute(delete(WorkoutSet).where(WorkoutSet.session_id.in_(ids)))
            self.session.execute(delete(TrainingSession).where(TrainingSession.id.in_(ids)))
        return len(ids)

    def session_keys_and_starts(self, lifter: Lifter) -> tuple[set[str], set[datetime]]:
        """Import keys and start times of the lifter's sessions, for duplicate checks."""
        rows = self.session.execute(
            select(TrainingSession.source_key, TrainingSession.started_at).where(
                TrainingSession.lifter_id == lifter.id
            )
        )
        keys: set[str] = set()
        starts: set[datetime] = set()
        for key, started in rows:
            if key is not None:
                keys.add(key)
            starts.add(started)
        return keys, starts
