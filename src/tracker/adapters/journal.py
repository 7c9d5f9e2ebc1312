"""The undo journal: change records, and exact copies of rows as JSON.

A copy holds every mapped column of a row (decimals and times tagged so that they come back
exactly, not as floats or naive times), so that undoing a delete re-inserts the same row, id
included, and undoing an edit puts back every value.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from sqlalchemy import Enum, event, func, inspect, select
from sqlalchemy.orm import RelationshipDirection, Session

from tracker.adapters.orm import (
    ChangeRecord,
    Exercise,
    ExerciseAlias,
    Lifter,
    Row,
    TrainingSession,
    WorkoutSet,
    mapper_registry,
)
from tracker.adapters.tables import metadata, utcnow

RowCopy = dict[str, Any]
# A row a transaction changed, as it was before: {"table", "key": [primary key], "row": a copy,
# or None when the transaction inserted it}. `redo` puts such rows back.
RowBefore = dict[str, Any]
REDO = "redo"  # in an undone record: the rows its undo changed, as they were (redo)
M = TypeVar("M", bound=Row)

# Records kept per lifter (undone ones included): far more than anyone undoes in a row.
KEEP = 200
# The marks of changes that undo cannot take back (no service records them), so that `undo`
# stops there instead of stepping back over them to an older change.
CATALOG_EDIT = "catalog edit"  # exercises or aliases added, changed or removed
IMPORT = "import"  # sets stored by an import (tracker import)


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):  # after datetime, which is a date too
        return {"date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
    return value


def copy_row(row: Row) -> RowCopy:
    """Every mapped column of `row`, JSON-ready."""
    mapper = inspect(type(row))
    return {attr.key: _encode(getattr(row, attr.key)) for attr in mapper.column_attrs}


def row_values(model: type[Row], copy: RowCopy) -> dict[str, Any]:
    """The column values of a copy, typed as the model's columns read them (enum columns
    give the domain enum back, not its stored string)."""
    enums = {
        attr.key: column_type.enum_class
        for attr in inspect(model).column_attrs
        if isinstance(column_type := attr.columns[0].type, Enum)
        and column_type.enum_class is not None
    }
    values = {key: _decode(value) for key, value in copy.items()}
    for key, enum in enums.items():
        if values.get(key) is not None:
            values[key] = enum(values[key])
    return values


class AbstractJournal(Protocol):
    """Change records for undo, and rows by id: `Journal` below, or the fake in tests."""

    def record(self, lifter: Lifter, action: str, payload: dict[str, Any]) -> None: ...

    def latest_pending(self, lifter: Lifter) -> ChangeRecord | None: ...

    def has_records(self, lifter: Lifter) -> bool: ...

    def undone_run(self, lifter: Lifter) -> list[ChangeRecord]: ...

    def redoable(self, lifter: Lifter) -> list[ChangeRecord]: ...

    def mark_undone(self, record: ChangeRecord) -> None: ...

    def workout_set(self, set_id: int) -> WorkoutSet | None: ...

    def training_session(self, session_id: int) -> TrainingSession | None: ...

    def exercise_exists(self, exercise_id: int) -> bool: ...

    def sessions_near(
        self, lifter: Lifter, start: datetime, end: datetime
    ) -> list[TrainingSession]: ...

    def restore(self, model: type[M], copy: RowCopy, keep_id: bool = True) -> M: ...

    def put_back(self, row: Row, copy: RowCopy, fields: tuple[str, ...] | None = None) -> None: ...

    def reload(self, row: Row) -> None: ...

    def delete(self, row: Row) -> None: ...

    def flush(self) -> None: ...

    def watch(self) -> None: ...

    def watched(self) -> list[RowBefore]: ...

    def redo(self, changes: list[RowBefore]) -> tuple[list[Row], list[Row]]: ...


class Journal:
    """Change records of one database session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._watching: RowChanges | None = None

    def record(self, lifter: Lifter, action: str, payload: dict[str, Any]) -> None:
        for undone in self.redoable(lifter):  # a new change: what was undone stays undone
            undone.payload = {key: value for key, value in undone.payload.items() if key != REDO}
        self.session.add(ChangeRecord(lifter_id=lifter.id, action=action, payload=payload))
        self.session.flush()
        self._prune(lifter)

    def _prune(self, lifter: Lifter) -> None:
        ids = self.session.scalars(
            select(ChangeRecord.id)
            .where(ChangeRecord.lifter_id == lifter.id)
            .order_by(ChangeRecord.id.desc())
            .offset(KEEP)
        ).all()
        for record_id in ids:
            old = self.session.get(ChangeRecord, record_id)
            if old is not None:
                self.session.delete(old)

    def latest_pending(self, lifter: Lifter) -> ChangeRecord | None:
        """The lifter's most recent change not undone yet."""
        return self.session.scalar(
            select(ChangeRecord)
            .where(ChangeRecord.lifter_id == lifter.id, ChangeRecord.undone_at.is_(None))
            .order_by(ChangeRecord.id.desc())
            .limit(1)
        )

    def has_records(self, lifter: Lifter) -> bool:
        count = self.session.scalar(
            select(func.count(ChangeRecord.id)).where(ChangeRecord.lifter_id == lifter.id)
        )
        return bool(count)

    def redoable(self, lifter: Lifter) -> list[ChangeRecord]:
        """The undone changes `redo` can step forward through, the latest undone first."""
        return [record for record in self.undone_run(lifter) if REDO in record.payload]

    def undone_run(self, lifter: Lifter) -> list[ChangeRecord]:
        """The changes undone since the latest one not undone, oldest first (the latest
        undone first)."""
        latest = (
            select(func.max(ChangeRecord.id))
            .where(ChangeRecord.lifter_id == lifter.id, ChangeRecord.undone_at.is_(None))
            .scalar_subquery()
        )
        after = ChangeRecord.id > func.coalesce(latest, 0)
        return list(
            self.session.scalars(
                select(ChangeRecord)
                .where(ChangeRecord.lifter_id == lifter.id, after)
                .order_by(ChangeRecord.id)
            )
        )

    def mark_undone(self, record: ChangeRecord) -> None:
        record.undone_at = utcnow()

    def mark_unrecorded(self, lifter: Lifter, action: str) -> None:
        """The lifter made a change undo cannot take back (CATALOG_EDIT, IMPORT): a mark that
        `undo` stops at, one for a run of changes of a kind (and a new change: no redo past
        it)."""
        latest = self.latest_pending(lifter)
        if latest is None or latest.action != action or self.redoable(lifter):
            self.record(lifter, action, {})

    # -- rows by id, whoever owns them: the record already names the lifter's rows ---------
    def workout_set(self, set_id: int) -> WorkoutSet | None:
        return self.session.get(WorkoutSet, set_id)

    def training_session(self, session_id: int) -> TrainingSession | None:
        return self.session.get(TrainingSession, session_id)

    def exercise_exists(self, exercise_id: int) -> bool:
        return self.session.get(Exercise, exercise_id) is not None

    def sessions_near(
        self, lifter: Lifter, start: datetime, end: datetime
    ) -> list[TrainingSession]:
        """The lifter's sessions that overlap [start, end], and the open one: those a log
        at a time inside the window can join, widen or close."""
        query = select(TrainingSession).where(
            TrainingSession.lifter_id == lifter.id,
            TrainingSession.finished_at.is_(None) | (TrainingSession.finished_at >= start),
        )
        # By their end only (the index); the start in Python (repository.finished_sessions_near
        # says why). An open session is always one.
        return [
            session
            for session in self.session.scalars(query)
            if session.finished_at is None or session.started_at <= end
        ]

    def restore(self, model: type[M], copy: RowCopy, keep_id: bool = True) -> M:
        """Insert a row again from its copy; with a new id when its old one is taken."""
        values = row_values(model, copy)
        if not keep_id or self.session.get(model, values.get("id")) is not None:
            values.pop("id", None)
        row = model(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def put_back(self, row: Row, copy: RowCopy, fields: tuple[str, ...] | None = None) -> None:
        """Set the row's columns (or only `fields`) to the values of its copy."""
        for key, value in row_values(type(row), copy).items():
            if key != "id" and (fields is None or key in fields):
                setattr(row, key, value)

    def reload(self, row: Row) -> None:
        """Forget loaded values (a session's sets after deletes), to read them again."""
        self.session.expire(row)

    def delete(self, row: Row) -> None:
        self.session.delete(row)

    def flush(self) -> None:
        self.session.flush()

    # -- redo: an undo keeps the rows it changed as they were, and redo puts them back -------
    def watch(self) -> None:
        """From now on, keep every row this transaction changes as it was before."""
        if self._watching is None:
            self._watching = RowChanges(self.session)

    def watched(self) -> list[RowBefore]:
        """The rows changed since `watch` (flush first), as they were before."""
        if self._watching is None:
            return []
        return [
            {"table": table, "key": list(key), "row": row}
            for (table, key), row in self._watching.before.items()
        ]

    def redo(self, changes: list[RowBefore]) -> tuple[list[Row], list[Row]]:
        """Put the rows of `changes` back as they were (ids included): those the undo had
        inserted go, then those it deleted or changed come back, parents first. Returns the
        rows back or changed, and the rows removed (their many-to-one relations loaded)."""
        models = {mapper.class_.__table__.name: mapper.class_ for mapper in mapper_registry.mappers}
        order = [table.name for table in metadata.sorted_tables]
        changes = sorted(changes, key=lambda change: order.index(change["table"]))
        removed: list[Row] = []
        for change in reversed(changes):
            if change["row"] is None:
                row = self.session.get(models[change["table"]], tuple(change["key"]))
                if row is not None:
                    for relation in inspect(type(row)).relationships:
                        if relation.direction is RelationshipDirection.MANYTOONE:
                            getattr(row, relation.key)  # still readable once it is gone
                    removed.append(row)
                    self.session.delete(row)
                    self.session.flush()
        back: list[Row] = []
        for change in changes:
            if change["row"] is not None:
                model = models[change["table"]]
                row = self.session.get(model, tuple(change["key"]))
                if row is None:
                    row = model(**row_values(model, change["row"]))
                    self.session.add(row)
                else:
                    self.put_back(row, change["row"])
                self.session.flush()
                back.append(row)
        return back, removed


class RowChanges:
    """Every row a transaction inserts, changes or deletes (not its change records), as it
    was before the transaction: read from the database at the first flush that touches it."""

    SKIP = frozenset({"change_record", "gym_state"})  # the journal; where a gym stands

    def __init__(self, session: Session) -> None:
        self.before: dict[tuple[str, tuple[Any, ...]], RowCopy | None] = {}
        event.listen(session, "before_flush", self._changing)
        event.listen(session, "after_flush", self._inserted)

    def _key(self, row: object) -> tuple[str, tuple[Any, ...]] | None:
        table = getattr(row, "__table__", None)
        if table is None or table.name in self.SKIP:
            return None
        return table.name, tuple(inspect(type(row)).primary_key_from_instance(row))

    def _changing(self, session: Session, context: object, instances: object) -> None:
        rows = [*session.deleted, *(row for row in session.dirty if session.is_modified(row))]
        for row in rows:
            key = self._key(row)
            if key is None or key in self.before:
                continue
            table = metadata.tables[key[0]]
            match = [
                column == value for column, value in zip(table.primary_key, key[1], strict=True)
            ]
            stored = session.connection().execute(select(table).where(*match)).mappings().first()
            self.before[key] = (
                None if stored is None else {name: _encode(value) for name, value in stored.items()}
            )

    def _inserted(self, session: Session, context: object) -> None:
        for row in session.new:
            key = self._key(row)
            if key is not None and key not in self.before:
                self.before[key] = None


class UnrecordedChanges:
    """What a transaction changes that no change record covers: the exercise catalog
    (exercises or aliases added, removed or changed, not merely read; seen at each flush of
    its session), and the lifters whose sets an import stored (the repository's bulk insert
    says so)."""

    def __init__(self, session: Session) -> None:
        self.catalog = False
        self.imported_for: set[int] = set()
        event.listen(session, "before_flush", self._look)

    def _look(self, session: Session, context: object, instances: object) -> None:
        rows = [*session.new, *session.deleted, *filter(session.is_modified, session.dirty)]
        if any(isinstance(row, Exercise | ExerciseAlias) for row in rows):
            self.catalog = True

    def forget(self) -> None:
        """Marked: a later commit of the same session marks only what it changes."""
        self.catalog = False
        self.imported_for.clear()
