"""The undo journal: change records, and exact copies of rows as JSON.

A copy holds every mapped column of a row (decimals and times tagged so that they come back
exactly, not as floats or naive times), so that undoing a delete re-inserts the same row, id
included, and undoing an edit puts back every value.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from sqlalchemy import Enum, event, func, inspect, select
from sqlalchemy.orm import Session

from tracker.adapters.orm import (
    Base,
    ChangeRecord,
    Exercise,
    ExerciseAlias,
    Lifter,
    TrainingSession,
    WorkoutSet,
)
from tracker.adapters.tables import utcnow

RowCopy = dict[str, Any]
M = TypeVar("M", bound=Base)

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
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
    return value


def copy_row(row: Base) -> RowCopy:
    """Every mapped column of `row`, JSON-ready."""
    mapper = inspect(type(row))
    return {attr.key: _encode(getattr(row, attr.key)) for attr in mapper.column_attrs}


def row_values(model: type[Base], copy: RowCopy) -> dict[str, Any]:
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

    def mark_undone(self, record: ChangeRecord) -> None: ...

    def workout_set(self, set_id: int) -> WorkoutSet | None: ...

    def training_session(self, session_id: int) -> TrainingSession | None: ...

    def exercise_exists(self, exercise_id: int) -> bool: ...

    def sessions_near(
        self, lifter: Lifter, start: datetime, end: datetime
    ) -> list[TrainingSession]: ...

    def restore(self, model: type[M], copy: RowCopy, keep_id: bool = True) -> M: ...

    def put_back(self, row: Base, copy: RowCopy, fields: tuple[str, ...] | None = None) -> None: ...

    def reload(self, row: Base) -> None: ...

    def delete(self, row: Base) -> None: ...

    def flush(self) -> None: ...


class Journal:
    """Change records of one database session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, lifter: Lifter, action: str, payload: dict[str, Any]) -> None:
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

    def undone_run(self, lifter: Lifter) -> list[ChangeRecord]:
        """The changes undone since the latest one not undone, oldest first: what `redo` can
        step forward through (a new change, recorded after them, ends the run)."""
        latest = self.latest_pending(lifter)
        return list(
            self.session.scalars(
                select(ChangeRecord)
                .where(
                    ChangeRecord.lifter_id == lifter.id,
                    ChangeRecord.id > (latest.id if latest is not None else 0),
                )
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
        if latest is None or latest.action != action or self.undone_run(lifter):
            self.record(lifter, action, {})

    def lifter_by_id(self, lifter_id: int) -> Lifter | None:
        return self.session.get(Lifter, lifter_id)

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
            (TrainingSession.finished_at.is_(None))
            | (
                (TrainingSession.started_at <= end)
                & (func.coalesce(TrainingSession.finished_at, TrainingSession.started_at) >= start)
            ),
        )
        return list(self.session.scalars(query))

    def restore(self, model: type[M], copy: RowCopy, keep_id: bool = True) -> M:
        """Insert a row again from its copy; with a new id when its old one is taken."""
        values = row_values(model, copy)
        if not keep_id or self.session.get(model, values.get("id")) is not None:
            values.pop("id", None)
        row = model(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def put_back(self, row: Base, copy: RowCopy, fields: tuple[str, ...] | None = None) -> None:
        """Set the row's columns (or only `fields`) to the values of its copy."""
        for key, value in row_values(type(row), copy).items():
            if key != "id" and (fields is None or key in fields):
                setattr(row, key, value)

    def reload(self, row: Base) -> None:
        """Forget loaded values (a session's sets after deletes), to read them again."""
        self.session.expire(row)

    def delete(self, row: Base) -> None:
        self.session.delete(row)

    def flush(self) -> None:
        self.session.flush()


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
