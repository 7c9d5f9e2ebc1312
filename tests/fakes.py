"""In-memory repositories and unit of work, for service tests without a database.

Cosmicpython style: one fake per aggregate (FakeLifterRows, FakeCatalogRows, FakeLogRows,
FakeGymRows, FakeTransferRows), composed by FakeUnitOfWork over one shared Store (a log's sets
name the catalog's exercises, as in the database). The store keeps ORM-class instances in plain
lists (they are ordinary Python objects until a database session adopts them), gives them ids
on `add` as a database would on flush, fills column defaults and links relationships both
ways; each fake answers its Protocol's questions by filtering those lists. It is a real
implementation, not a mock: a service test passes only if the service asks the right questions
and acts on the answers. SQL behaviour (constraints, concurrency) stays with the CLI tests on
both engines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import count
from typing import Any, TypeVar

from sqlalchemy import inspect

from tests.helpers.fake_reports import FakeReportQueries
from tracker.adapters.journal import RowBefore, RowCopy, row_values
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
    Row,
    Setting,
    TrainingSession,
    WorkoutSet,
)
from tracker.adapters.reads import AbstractReads, LifterRow
from tracker.adapters.report_queries import AbstractReportQueries
from tracker.adapters.repository import (
    CatalogRows,
    GymRows,
    LifterRows,
    LoadBounds,
    LogRows,
    TopSet,
    TransferRows,
    top_set,
)
from tracker.adapters.tables import utcnow
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain import bodyweight
from tracker.domain.errors import Conflict
from tracker.domain.model import Side
from tracker.domain.report_figures import metres
from tracker.domain.sessions import SessionInfo
from tracker.domain.suggestion import SessionPlace
from tracker.domain.units import Unit, convert

M = TypeVar("M", bound=Row)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _working(row: WorkoutSet) -> bool:
    return row.kind != "warmup" and row.reps > 0


class Store:
    """The rows of one fake database, by table, shared by every aggregate's fake (a log's sets
    name the catalog's exercises), which add, flush and delete them as an ORM session would."""

    def __init__(self) -> None:
        self.rows: dict[type[Row], dict[Any, Row]] = {}
        self.ids = count(1)
        self.viewer: int | None = None  # whose own exercises a command sees (view_as)
        self.imported_for: set[int] = set()  # lifters an import stored rows for

    def table(self, model: type[M]) -> list[M]:
        return [row for row in self.rows.get(model, {}).values() if isinstance(row, model)]

    def get(self, model: type[M], key: Any) -> M | None:
        row = self.rows.get(model, {}).get(key)
        return row if isinstance(row, model) else None

    def add(self, obj: object) -> None:
        assert isinstance(obj, Row), f"not a mapped row: {obj!r}"
        mapper = inspect(type(obj))
        for column in mapper.columns:
            key = mapper.get_property_by_column(column).key
            if getattr(obj, key) is None and column.default is not None:
                default = column.default
                value = default.arg(None) if default.is_callable else default.arg
                setattr(obj, key, value)
        primary = [mapper.get_property_by_column(c).key for c in mapper.primary_key]
        if primary == ["id"] and obj.id is None:  # type: ignore[attr-defined]
            obj.id = next(self.ids)  # type: ignore[attr-defined]
        identity = tuple(getattr(obj, k) for k in primary)
        table = self.rows.setdefault(type(obj), {})
        table[identity[0] if len(identity) == 1 else identity] = obj
        self._link(obj)

    def _link(self, obj: Row) -> None:
        """Fill foreign keys from relationships and relationships from foreign keys, and add
        the children a cascade would save."""
        if isinstance(obj, WorkoutSet):
            if obj.session is not None:
                obj.session_id = obj.session.id
            elif obj.session_id is not None:
                obj.session = self.get(TrainingSession, obj.session_id)
            if obj.exercise is not None:
                obj.exercise_id = obj.exercise.id
            else:
                obj.exercise = self.get(Exercise, obj.exercise_id)
        elif isinstance(obj, TrainingSession):
            for row in obj.sets:
                if self.get(WorkoutSet, row.id) is not row:
                    self.add(row)
        elif isinstance(obj, Exercise):
            if obj.parent is not None:
                obj.parent_id = obj.parent.id
            elif obj.parent_id is not None:
                obj.parent = self.get(Exercise, obj.parent_id)
            for alias in obj.aliases:
                alias.exercise_id = obj.id
                if self.get(ExerciseAlias, alias.id) is not alias:
                    self.add(alias)
        elif isinstance(obj, Routine):
            for item in obj.items:
                item.routine_id = obj.id
                if self.get(RoutineItem, item.id) is not item:
                    self.add(item)
        elif isinstance(obj, RoutineItem):
            if obj.exercise is not None:
                obj.exercise_id = obj.exercise.id
            else:
                obj.exercise = self.get(Exercise, obj.exercise_id)

    def flush(self) -> None:
        for table in list(self.rows.values()):
            for row in list(table.values()):
                self._link(row)
        # delete-orphan: an alias taken off its exercise's list is gone.
        for alias in self.table(ExerciseAlias):
            owner = self.get(Exercise, alias.exercise_id)
            if owner is None or alias not in owner.aliases:
                self.delete(alias)
        # ... and so is an item taken off its routine's list.
        for item in self.table(RoutineItem):
            routine = self.get(Routine, item.routine_id)
            if routine is None or item not in routine.items:
                self.delete(item)

    def delete(self, obj: object) -> None:
        assert isinstance(obj, Row)
        if isinstance(obj, TrainingSession):
            for row in list(obj.sets):
                self.delete(row)
        if isinstance(obj, WorkoutSet) and obj.session is not None and obj in obj.session.sets:
            obj.session.sets.remove(obj)
        if isinstance(obj, Exercise):
            for alias in list(obj.aliases):
                self.delete(alias)
        if isinstance(obj, Routine):
            for item in list(obj.items):
                self.delete(item)
        if isinstance(obj, RoutineItem):
            routine = self.get(Routine, obj.routine_id)
            if routine is not None and obj in routine.items:
                routine.items.remove(obj)
        table = self.rows.get(type(obj), {})
        for identity, stored in list(table.items()):
            if stored is obj:
                del table[identity]

    def sessions(self, lifter: Lifter) -> list[TrainingSession]:
        """The lifter's sessions, newest first."""
        mine = [s for s in self.table(TrainingSession) if s.lifter_id == lifter.id]
        return sorted(mine, key=lambda s: (s.started_at, s.id), reverse=True)

    def sets(self, lifter: Lifter, exercise: Exercise) -> list[WorkoutSet]:
        return [
            s
            for s in self.table(WorkoutSet)
            if s.lifter_id == lifter.id and s.exercise_id == exercise.id
        ]

    def in_session(self, session_id: int) -> list[WorkoutSet]:
        rows = [s for s in self.table(WorkoutSet) if s.session_id == session_id]
        return sorted(rows, key=lambda s: (s.position, s.id))


class FakeRows:
    """What every aggregate's fake shares: the one store, and add/flush/delete through it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, obj: object) -> None:
        self.store.add(obj)

    def flush(self) -> None:
        self.store.flush()

    def delete(self, obj: object) -> None:
        self.store.delete(obj)


class FakeLifterRows(FakeRows, LifterRows):
    """LifterRows over the fake store."""

    def lifter(self, name: str) -> Lifter | None:
        return next((x for x in self.store.table(Lifter) if x.name == name), None)

    def lifters(self) -> Sequence[Lifter]:
        return sorted(self.store.table(Lifter), key=lambda x: x.name)

    def setting(self, key: str) -> str | None:
        row = self.store.get(Setting, key)
        return None if row is None else row.value

    def set_setting(self, key: str, value: str) -> None:
        row = self.store.get(Setting, key)
        if row is None:
            self.add(Setting(key=key, value=value))
        else:
            row.value = value

    def forget_setting(self, key: str) -> None:
        row = self.store.get(Setting, key)
        if row is not None:
            self.delete(row)

    def settings(self, prefix: str = "") -> dict[str, str]:
        return {s.key: s.value for s in self.store.table(Setting) if s.key.startswith(prefix)}

    def view_as(self, lifter: Lifter) -> None:
        self.store.viewer = lifter.id

    def lock_lifter(self, lifter: Lifter) -> None:
        """One process, one thread: nothing to wait for."""

    def lifter_for_current_role(self) -> Lifter | None:
        return None  # no database roles in memory

    def act_as_role_of(self, lifter: Lifter) -> bool:
        return True  # no database roles in memory: nothing to take

    def add_lifter_if_missing(self, name: str, unit: str) -> Lifter:
        found = self.lifter(name)
        if found is not None:
            return found
        lifter = Lifter(name=name, unit=unit)
        self.add(lifter)
        self.flush()
        return lifter

    def lifter_is_blank(self, lifter: Lifter) -> bool:
        owned = (TrainingSession, BodyWeight, Routine, ExerciseRest, InvolvedSide, ChangeRecord)
        rows: list[Any] = [row for kind in owned for row in self.store.table(kind)]
        return not any(row.lifter_id == lifter.id for row in rows)


class FakeCatalogRows(FakeRows, CatalogRows):
    """CatalogRows over the fake store."""

    # Custom exercises per lifter: the fake shows every exercise (its tests make no others').
    viewer_name: str | None = None

    def viewer_id(self) -> int | None:
        return self.store.viewer

    def exercise_names(self) -> list[tuple[str, list[str]]]:
        return [(e.name, [a.alias for a in e.aliases]) for e in self.store.table(Exercise)]

    def exercise(self, name: str) -> Exercise | None:
        return next((e for e in self.store.table(Exercise) if e.name == name), None)

    def exercise_by_key(self, key: str) -> Exercise | None:
        return next((e for e in self.store.table(Exercise) if e.key == key), None)

    def alias_owner(self, key: str) -> Exercise | None:
        alias = next((a for a in self.store.table(ExerciseAlias) if a.key == key), None)
        return None if alias is None else self.store.get(Exercise, alias.exercise_id)

    def exercises(self) -> Sequence[Exercise]:
        return sorted(self.store.table(Exercise), key=lambda e: e.name)

    def exercises_with_own_increment(self) -> Sequence[Exercise]:
        return [e for e in self.exercises() if e.increment is not None]

    def children(self, exercise: Exercise) -> Sequence[Exercise]:
        return [e for e in self.exercises() if e.parent_id == exercise.id]

    def exercise_by_id(self, exercise_id: int) -> Exercise | None:
        return self.store.get(Exercise, exercise_id)

    def count_sets_of(self, exercise: Exercise, lifter: Lifter | None = None) -> int:
        return sum(
            1
            for s in self.store.table(WorkoutSet)
            if s.exercise_id == exercise.id and (lifter is None or s.lifter_id == lifter.id)
        )

    def lifter_data_on(self, exercise: Exercise) -> dict[str, int]:
        named: dict[str, list[int | None]] = {
            "routine item": [r.exercise_id for r in self.store.table(RoutineItem)],
            "exercise rest": [r.exercise_id for r in self.store.table(ExerciseRest)],
            "involved side": [r.exercise_id for r in self.store.table(InvolvedSide)],
        }
        counts = {what: ids.count(exercise.id) for what, ids in named.items()}
        return {what: count for what, count in counts.items() if count}

    def count_sets_by_side(self, exercise: Exercise, *, sided: bool) -> int:
        return sum(
            1
            for s in self.store.table(WorkoutSet)
            if s.exercise_id == exercise.id and (s.side is not None) == sided
        )

    def key_taken_by_another_lifter(self, key: str) -> bool:
        return False

    def may_write_catalog(self) -> bool:
        return True  # the owner: one fake database has no roles

    def serialize_catalog_writes(self) -> None:
        """One writer at a time already: nothing to wait for."""


class FakeLogRows(FakeRows, LogRows):
    """LogRows over the fake store."""

    def open_session(self, lifter: Lifter) -> TrainingSession | None:
        return next((s for s in self.store.sessions(lifter) if s.finished_at is None), None)

    def training_session(self, lifter: Lifter, session_id: int) -> TrainingSession | None:
        found = self.store.get(TrainingSession, session_id)
        return found if found is not None and found.lifter_id == lifter.id else None

    def latest_session(self, lifter: Lifter) -> TrainingSession | None:
        return next(iter(self.store.sessions(lifter)), None)

    def finished_sessions_near(
        self, lifter: Lifter, at: datetime, slack: timedelta
    ) -> Sequence[TrainingSession]:
        return [
            s
            for s in self.store.sessions(lifter)
            if s.finished_at is not None
            and s.started_at <= at + slack
            and s.finished_at >= at - slack
        ]

    def session_of(self, row: WorkoutSet) -> TrainingSession:
        return row.session

    def top_loads_by_reps(
        self, lifter: Lifter, exercise: Exercise, before: datetime
    ) -> list[tuple[Side | None, int, str, Decimal, datetime | None]]:
        weigh_ins = sorted(
            r.measured_at for r in self.store.table(BodyWeight) if r.lifter_id == lifter.id
        )
        tops: dict[tuple[Any, ...], tuple[Decimal, datetime]] = {}
        for s in self.store.sets(lifter, exercise):
            if not _working(s) or s.performed_at > before or not (s.bodyweight or s.load > 0):
                continue
            weigh_in = max((at for at in weigh_ins if at <= s.performed_at), default=None)
            key = (s.side, s.reps, s.unit, s.bodyweight, weigh_in if s.bodyweight else None)
            top, at = tops.get(key, (s.load, s.performed_at))
            tops[key] = max(top, s.load), min(at, s.performed_at)
        return [
            (side, reps, unit, top, at if bodyweight else None)
            for (side, reps, unit, bodyweight, _), (top, at) in tops.items()
        ]

    def measure_bests(
        self, lifter: Lifter, exercise: Exercise, before: datetime
    ) -> list[tuple[Side | None, Decimal | None, Decimal | None, Decimal | None]]:
        times: dict[Side | None, list[Decimal]] = {}
        distances: dict[Side | None, list[Decimal]] = {}
        for s in self.store.sets(lifter, exercise):
            if s.kind == "warmup" or s.performed_at > before:
                continue
            if s.duration_s:
                times.setdefault(s.side, []).append(Decimal(s.duration_s))
            far = metres(s.distance, s.distance_unit)
            if far:
                distances.setdefault(s.side, []).append(far)
        return [
            (
                side,
                max(times[side]) if side in times else None,
                min(times[side]) if side in times else None,
                max(distances[side]) if side in distances else None,
            )
            for side in times.keys() | distances.keys()
        ]

    def recent_working_sets(
        self,
        lifter: Lifter,
        exercise: Exercise,
        sessions: int,
        before: SessionPlace | None = None,
    ) -> list[WorkoutSet]:
        rows = [
            s
            for s in self.store.sets(lifter, exercise)
            if _working(s) and (before is None or before.after(s.session_id, s.session.started_at))
        ]
        starts = {r.session_id: r.session.started_at for r in rows}
        recent = sorted(starts, key=lambda sid: (starts[sid], sid), reverse=True)[:sessions]
        chosen = [r for r in rows if r.session_id in recent]
        return sorted(chosen, key=lambda r: (starts[r.session_id], r.session_id, r.performed_at,
                                             r.position, r.id))

    def working_set_bounds(
        self, lifter: Lifter, exercise: Exercise, leave_out: int | None = None
    ) -> list[LoadBounds]:
        groups: dict[tuple[str, bool], list[WorkoutSet]] = {}
        for s in self.store.sets(lifter, exercise):
            if s.kind != "warmup" and s.id != leave_out:
                groups.setdefault((s.unit, s.bodyweight), []).append(s)
        bounds = []
        for (unit, bw), rows in groups.items():
            loads = [r.load for r in rows if bw or r.load > 0]
            bounds.append(LoadBounds(Unit(unit), bw, min(loads, default=None),
                                     max(loads, default=None), max(r.reps for r in rows)))
        return bounds

    def latest_top_set(self, lifter: Lifter, exercise: Exercise) -> WorkoutSet | None:
        rows = self.recent_working_sets(lifter, exercise, 1)
        return max(rows, key=lambda r: convert(r.load, Unit(r.unit), Unit.KG), default=None)

    def latest_top_set_of(self, lifter: Lifter, name: str) -> TopSet | None:
        exercise = next((e for e in self.store.table(Exercise) if e.name == name), None)
        if exercise is None:
            return None
        row = self.latest_top_set(lifter, exercise)
        if row is None:  # a carry: its heaviest loaded distance or time set, latest session
            carried = [
                s
                for s in self.store.sets(lifter, exercise)
                if s.kind != "warmup" and s.load > 0 and (s.duration_s or s.distance)
            ]
            latest = max(carried, key=lambda s: s.performed_at, default=None)
            row = max(
                (s for s in carried if latest and s.session_id == latest.session_id),
                key=lambda s: convert(s.load, Unit(s.unit), Unit.KG),
                default=None,
            )
        return None if row is None else top_set(name, row)

    def latest_working_sets(self, lifter: Lifter, exercise: Exercise) -> Sequence[WorkoutSet]:
        rows = [s for s in self.store.sets(lifter, exercise) if s.kind != "warmup"]
        if not rows:
            return []
        latest = max(rows, key=lambda r: (r.session.started_at, r.session_id)).session_id
        return sorted((r for r in rows if r.session_id == latest), key=lambda r: (r.position, r.id))

    def measures_by_session_side(
        self, lifter: Lifter, exercise: Exercise
    ) -> dict[tuple[int, str | None], list[tuple[Decimal | None, Decimal | None, str | None]]]:
        found: dict[tuple[int, str | None], list[tuple[Decimal | None, Decimal | None, str | None]]]
        found = {}
        for s in self.store.sets(lifter, exercise):
            if s.kind == "warmup" or (s.duration_s is None and s.distance is None):
                continue
            found.setdefault((s.session_id, s.side), []).append(
                (s.duration_s, s.distance, s.distance_unit)
            )
        return found

    def workout_set(self, lifter: Lifter, set_id: int) -> WorkoutSet | None:
        found = self.store.get(WorkoutSet, set_id)
        return found if found is not None and found.lifter_id == lifter.id else None

    def last_batch_sets(self, lifter: Lifter) -> Sequence[WorkoutSet]:
        mine = [s for s in self.store.table(WorkoutSet) if s.lifter_id == lifter.id]
        batches = [s.batch for s in mine if s.batch is not None]
        if not batches:
            return []
        latest = max(batches)
        return sorted((s for s in mine if s.batch == latest), key=lambda s: (s.position, s.id))

    def last_set_time(self, session: TrainingSession) -> datetime | None:
        return max((s.performed_at for s in self.store.in_session(session.id)), default=None)

    def next_position(self, session: TrainingSession) -> int:
        return max((s.position + 1 for s in self.store.in_session(session.id)), default=0)

    def sets_of_exercise_in_session(
        self, lifter: Lifter, exercise: Exercise, session_id: int
    ) -> Sequence[WorkoutSet]:
        return [
            s
            for s in self.store.in_session(session_id)
            if s.lifter_id == lifter.id and s.exercise_id == exercise.id
        ]

    def previous_session_id(
        self, lifter: Lifter, exercise: Exercise, current: TrainingSession
    ) -> int | None:
        done = {s.session_id for s in self.store.sets(lifter, exercise)} - {current.id}
        for session in self.store.sessions(lifter):
            if session.id in done and session.started_at <= current.started_at:
                return session.id
        return None

    def session_set_rows(self, session: TrainingSession) -> Sequence[WorkoutSet]:
        return self.store.in_session(session.id)

    def side_records(
        self, lifter: Lifter, exercise: Exercise, before_set_id: int
    ) -> list[tuple[Side | None, str, Decimal, int]]:
        most: dict[tuple[Side | None, str, Decimal], int] = {}
        for s in self.store.sets(lifter, exercise):
            if _working(s) and s.id < before_set_id:
                key = (s.side, s.unit, s.load)
                most[key] = max(most.get(key, s.reps), s.reps)
        return [(*key, reps) for key, reps in most.items()]


class FakeGymRows(FakeRows, GymRows):
    """GymRows over the fake store."""

    def routine(self, lifter: Lifter, name: str) -> Routine | None:
        return next((r for r in self.routines(lifter) if r.name.lower() == name.lower()), None)

    def routine_by_id(self, routine_id: int) -> Routine | None:
        return self.store.get(Routine, routine_id)

    def routines(self, lifter: Lifter) -> Sequence[Routine]:
        mine = [r for r in self.store.table(Routine) if r.lifter_id == lifter.id]
        return sorted(mine, key=lambda r: r.name)

    def exercise_rest(self, lifter: Lifter, exercise: Exercise) -> int | None:
        row = self.store.get(ExerciseRest, (lifter.id, exercise.id))
        return None if row is None else row.seconds

    def set_exercise_rest(self, lifter: Lifter, exercise: Exercise, seconds: int) -> None:
        row = self.store.get(ExerciseRest, (lifter.id, exercise.id))
        if row is None:
            self.add(ExerciseRest(lifter_id=lifter.id, exercise_id=exercise.id, seconds=seconds))
        else:
            row.seconds = seconds

    def gym_state(self, session: TrainingSession) -> GymState | None:
        return self.store.get(GymState, session.id)

    def gym_state_by_session_id(self, session_id: int) -> GymState | None:
        return self.store.get(GymState, session_id)

    def exercise_rests(self, lifter: Lifter) -> list[tuple[Exercise, int]]:
        rests = [row for row in self.store.table(ExerciseRest) if row.lifter_id == lifter.id]
        found = [(self.store.get(Exercise, row.exercise_id), row.seconds) for row in rests]
        return sorted(((e, s) for e, s in found if e is not None), key=lambda pair: pair[0].name)


class FakeTransferRows(FakeRows, TransferRows):
    """TransferRows over the fake store."""

    def delete_sessions(
        self,
        lifter: Lifter,
        source_key: str,
        started_at: datetime | None = None,
        protect_logged: bool = False,
    ) -> int:
        chosen = [
            s
            for s in self.store.sessions(lifter)
            if s.source_key == source_key or (started_at is not None and s.started_at == started_at)
        ]
        logged = sorted(s.id for s in chosen if any(r.batch is not None for r in s.sets))
        if logged and protect_logged:
            raise Conflict(f"session #{logged[0]} holds sets you logged by hand")
        for session in chosen:
            self.delete(session)
        return len(chosen)

    def session_keys_and_starts(self, lifter: Lifter) -> tuple[set[str], set[datetime]]:
        sessions = self.store.sessions(lifter)
        keys = {s.source_key for s in sessions if s.source_key is not None}
        return keys, {s.started_at for s in sessions}

    def note_import(self, lifter: Lifter) -> None:
        self.store.imported_for.add(lifter.id)

    def export_rows(
        self, lifter: Lifter, since: datetime | None
    ) -> Iterator[tuple[WorkoutSet, TrainingSession, str]]:
        mine = [
            row for row in self.store.table(WorkoutSet)
            if row.lifter_id == lifter.id and (since is None or row.session.started_at >= since)
        ]  # fmt: skip
        mine.sort(key=lambda r: (r.session.started_at, r.session.id, r.position, r.id))
        for row in mine:
            yield row, row.session, row.exercise.name

    def insert_sessions(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        ids = {}
        for values in rows:
            session = TrainingSession(**values)
            self.add(session)
            ids[values["source_key"]] = session.id
        return ids

    def insert_sets(self, rows: list[dict[str, Any]]) -> None:
        for values in rows:
            self.add(WorkoutSet(**values))
        self.store.imported_for.update(values["lifter_id"] for values in rows)

    def set_session_notes(self, session_id: int, notes: str) -> None:
        session = self.store.get(TrainingSession, session_id)
        assert session is not None, session_id
        session.notes = notes


class FakeJournal:
    """adapters.journal.Journal over the fake store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, lifter: Lifter, action: str, payload: dict[str, Any]) -> None:
        # Through JSON, as the database column stores it: a payload that is not JSON fails.
        stored = json.loads(json.dumps(payload))
        self.store.add(ChangeRecord(lifter_id=lifter.id, action=action, payload=stored))

    def latest_pending(self, lifter: Lifter) -> ChangeRecord | None:
        pending = [
            r
            for r in self.store.table(ChangeRecord)
            if r.lifter_id == lifter.id and r.undone_at is None
        ]
        return max(pending, key=lambda r: r.id, default=None)

    def has_records(self, lifter: Lifter) -> bool:
        return any(r.lifter_id == lifter.id for r in self.store.table(ChangeRecord))

    def undone_run(self, lifter: Lifter) -> list[ChangeRecord]:
        latest = self.latest_pending(lifter)
        after = latest.id if latest is not None else 0
        return sorted(
            (
                r
                for r in self.store.table(ChangeRecord)
                if r.lifter_id == lifter.id and r.id > after
            ),
            key=lambda r: r.id,
        )

    def redoable(self, lifter: Lifter) -> list[ChangeRecord]:
        return []  # redo is tested through the CLI, on real databases

    def mark_undone(self, record: ChangeRecord) -> None:
        record.undone_at = utcnow()

    def workout_set(self, set_id: int) -> WorkoutSet | None:
        return self.store.get(WorkoutSet, set_id)

    def training_session(self, session_id: int) -> TrainingSession | None:
        return self.store.get(TrainingSession, session_id)

    def exercise_exists(self, exercise_id: int) -> bool:
        return self.store.get(Exercise, exercise_id) is not None

    def sessions_near(
        self, lifter: Lifter, start: datetime, end: datetime
    ) -> list[TrainingSession]:
        return [
            s
            for s in self.store.table(TrainingSession)
            if s.lifter_id == lifter.id
            and (s.finished_at is None or (s.started_at <= end and s.finished_at >= start))
        ]

    def restore(self, model: type[M], copy: RowCopy, keep_id: bool = True) -> M:
        values = row_values(model, copy)
        if not keep_id or self.store.get(model, values.get("id")) is not None:
            values.pop("id", None)
        row = model(**values)
        self.store.add(row)
        if isinstance(row, RoutineItem):  # into its routine's list, as a reload would
            routine = self.store.get(Routine, row.routine_id)
            if routine is not None:
                routine.items.append(row)
                routine.items.sort(key=lambda item: (item.position, item.id))
        return row

    def watch(self) -> None:
        pass  # redo is tested through the CLI, on real databases

    def watched(self) -> list[RowBefore]:
        return []

    def redo(self, changes: list[RowBefore]) -> tuple[list[Row], list[Row]]:
        return [], []

    def put_back(self, row: Row, copy: RowCopy, fields: tuple[str, ...] | None = None) -> None:
        for key, value in row_values(type(row), copy).items():
            if key != "id" and (fields is None or key in fields):
                setattr(row, key, value)

    def reload(self, row: Row) -> None:
        """Nothing to reload: deletes already took rows out of their parents' lists."""

    def delete(self, row: Row) -> None:
        self.store.delete(row)

    def flush(self) -> None:
        self.store.flush()


class FakeBodyWeights:
    """adapters.lifter_data.BodyWeights over the fake store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, lifter_id: int, measured_at: datetime, weight: Decimal, unit: Unit) -> int:
        row = BodyWeight(lifter_id=lifter_id, measured_at=measured_at, weight=weight,
                         unit=unit.value)
        self.store.add(row)
        return row.id

    def remove(self, lifter_id: int, weigh_in_id: int) -> bodyweight.BodyWeight | None:
        row = self.store.get(BodyWeight, weigh_in_id)
        if row is None or row.lifter_id != lifter_id:
            return None
        self.store.delete(row)
        return bodyweight.BodyWeight(row.measured_at, row.weight, Unit(row.unit))

    def of_lifter(self, lifter_id: int) -> list[bodyweight.BodyWeight]:
        rows = [r for r in self.store.table(BodyWeight) if r.lifter_id == lifter_id]
        rows.sort(key=lambda r: (r.measured_at, r.id))
        return [bodyweight.BodyWeight(r.measured_at, r.weight, Unit(r.unit)) for r in rows]


class FakeInvolvedSides:
    """adapters.lifter_data.InvolvedSides over the fake store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _row(self, lifter_id: int, exercise_id: int | None) -> InvolvedSide | None:
        return next(
            (r for r in self.store.table(InvolvedSide)
             if r.lifter_id == lifter_id and r.exercise_id == exercise_id),
            None,
        )

    def set(self, lifter_id: int, exercise_id: int | None, side: Side | None) -> None:
        row = self._row(lifter_id, exercise_id)
        if side is None:
            if row is not None:
                self.store.delete(row)
        elif row is None:
            self.store.add(InvolvedSide(lifter_id=lifter_id, exercise_id=exercise_id,
                                       side=side.value))
        else:
            row.side = side.value

    def of_lifter(self, lifter_id: int) -> dict[int | None, Side]:
        return {
            r.exercise_id: Side(r.side)
            for r in self.store.table(InvolvedSide)
            if r.lifter_id == lifter_id
        }

    def set_injury_date(self, lifter_id: int, exercise_id: int | None, day: date | None) -> bool:
        row = self._row(lifter_id, exercise_id)
        if row is None:
            return False
        row.injury_date = day
        return True

    def injury_dates(self, lifter_id: int) -> dict[int | None, date]:
        return {
            r.exercise_id: r.injury_date
            for r in self.store.table(InvolvedSide)
            if r.lifter_id == lifter_id and r.injury_date is not None
        }


class FakeReads(AbstractReads):
    """The read path's queries, answered from the fake store's rows."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lifter_rows = FakeLifterRows(store)

    @staticmethod
    def _row(lifter: Lifter | None) -> LifterRow | None:
        return None if lifter is None else LifterRow(lifter.id, lifter.name, lifter.unit)

    def setting(self, key: str) -> str | None:
        return self.lifter_rows.setting(key)

    def lifter(self, name: str) -> LifterRow | None:
        return self._row(self.lifter_rows.lifter(name))

    def lifter_for_current_role(self) -> LifterRow | None:
        return None  # no PostgreSQL roles in memory

    def lifters(self) -> list[LifterRow]:
        return [LifterRow(x.id, x.name, x.unit) for x in self.lifter_rows.lifters()]

    def sessions_since(self, lifter_id: int, since: datetime | None) -> list[SessionInfo]:
        lifter = next(x for x in self.store.table(Lifter) if x.id == lifter_id)
        return [
            SessionInfo(
                s.id,
                s.name,
                s.started_at,
                s.finished_at,
                len(s.sets),
                len({row.exercise_id for row in s.sets}),
            )
            for s in self.store.sessions(lifter)
            if since is None or s.started_at >= since
        ]

    def routine_names(self, lifter_id: int) -> list[str]:
        return sorted(x.name for x in self.store.table(Routine) if x.lifter_id == lifter_id)

    def exercise_names(self, viewer_id: int | None) -> list[tuple[str, list[str]]]:
        return [
            (x.name, [a.alias for a in x.aliases])
            for x in self.store.table(Exercise)
            if x.owner_id is None or x.owner_id == viewer_id
        ]


class FakeRoles:
    """AbstractRoles on a database server with ``roles`` (SQLite by default: no server)."""

    def __init__(self, postgresql: bool = False, owner: bool = True) -> None:
        self.postgresql, self.owner = postgresql, owner
        self.roles: set[str] = set()
        self.granted: set[str] = set()
        self.lifter_roles: dict[int, str] = {}
        self.coaches: set[tuple[int, str]] = set()

    def is_postgresql(self) -> bool:
        return self.postgresql

    def connected_as_owner(self) -> bool:
        return self.owner

    def current_role(self) -> str:
        return "owner" if self.owner else "someone"

    def role_exists(self, role: str) -> bool:
        return role in self.roles

    def grant_table_access(self, role: str) -> None:
        self.granted.add(role)

    def map_lifter(self, lifter: Lifter, role: str) -> None:
        self.lifter_roles[lifter.id] = role

    def add_coach(self, lifter: Lifter, role: str) -> None:
        self.coaches.add((lifter.id, role))


class FakeUnitOfWork(AbstractUnitOfWork):
    """One fake database that lives as long as the test; `committed` says a command ended
    in a commit (a command that fails must leave it False)."""

    lifters: FakeLifterRows
    catalog: FakeCatalogRows
    log: FakeLogRows
    gym: FakeGymRows
    transfers: FakeTransferRows
    journal: FakeJournal

    def __init__(self) -> None:
        self.store = Store()  # one database: every aggregate's fake sees every row
        self.lifters = FakeLifterRows(self.store)
        self.catalog = FakeCatalogRows(self.store)
        self.log = FakeLogRows(self.store)
        self.gym = FakeGymRows(self.store)
        self.transfers = FakeTransferRows(self.store)
        self.journal = FakeJournal(self.store)
        self.committed = False
        self._roles = FakeRoles()

    @contextmanager
    def reads(self) -> Iterator[FakeReads]:
        yield FakeReads(self.store)

    def body_weights(self) -> FakeBodyWeights:
        return FakeBodyWeights(self.store)

    def report_queries(self) -> AbstractReportQueries:
        return FakeReportQueries(self.store)

    def roles(self) -> FakeRoles:
        return self._roles

    def involved_sides(self) -> FakeInvolvedSides:
        return FakeInvolvedSides(self.store)

    def commit(self) -> None:
        self.store.flush()
        self.committed = True

    def rollback(self) -> None:
        """Nothing to undo in memory: tests check `committed` instead."""
