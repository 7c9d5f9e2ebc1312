"""The schema, once: typed row classes whose columns make the SQLAlchemy Core tables.

Each class declares its columns once, typed (`Mapped[...]`, what mypy and the code read) and
with their SQL details (`column(...)`); `Row` builds the class's Core table from them
(`Lifter.__table__`). Two things read these tables: the ORM in adapters/orm.py, which maps each
class onto its table and adds the relationships, and the read path in adapters/reads.py,
whose one-shot commands (`session list`, `lifter list` ...) query the tables with Core alone
and never build the ORM: mapping the 14 classes and configuring their mappers costs about
80 ms, a fifth of a bare `import sqlalchemy.orm` (issue 16's start-up target). Alembic's
autogenerate compares the migrations with `metadata` here (tests/test_migrations.py fails on
any drift).

Constraint names follow a convention so that SQLite batch migrations can refer to them.

No `from __future__ import annotations` here: `Row` reads each column's annotation (is it
`X | None`?) as the real object. Only names not yet defined are quoted.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, get_args

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped
from sqlalchemy.schema import SchemaItem

from tracker.adapters.gym_targets import SessionTargets
from tracker.adapters.types import ExactDecimal, UTCDateTime
from tracker.domain.model import Laterality, SetKind, Side
from tracker.domain.names import MAX_FIELD, MAX_LIFTER_NAME, MAX_NAME
from tracker.domain.routines import MAX_ROUTINE_NAME

if TYPE_CHECKING:
    from tracker.domain.routines import SessionTarget

    GymTargets = dict[str, SessionTarget]
else:  # the gym's domain types stay unimported by every other command (start-up); the
    GymTargets = dict[str, Any]  # column type (SessionTargets) is what reads and writes them

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def stored_enum(enum: type[StrEnum], length: int) -> Enum:
    """A domain enum kept as its plain value in a VARCHAR of ``length``.

    No native enum type and no CHECK constraint: the schema stays the plain string column it
    always was (no migration), while rows read back as the domain enum.
    """
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


class _ColumnSpec:
    """What `column` was given: the Column is made when its class names it."""

    def __init__(self, args: tuple[Any, ...], options: dict[str, Any]) -> None:
        self.args = args
        self.options = options

    def make(self, name: str, annotation: Any) -> Column[Any]:
        options = dict(self.options)
        if not options.get("primary_key"):  # NULL allowed exactly when typed `X | None`
            options.setdefault("nullable", type(None) in get_args(get_args(annotation)[0]))
        return Column(name, *self.args, **options)


def column(*args: Any, **options: Any) -> Any:
    """A column of a `Row` class, as `Column` takes it without its name (the attribute's)."""
    return _ColumnSpec(args, options)


def references(target: str, ondelete: str, **options: Any) -> Any:
    """An integer column referring to `target` ("table.id"), as `column` makes it."""
    return column(Integer, ForeignKey(target, ondelete=ondelete), **options)


def lifter_ref(primary_key: bool = False) -> Any:
    """The lifter whose row it is: the row goes with its lifter."""
    return references("lifter.id", "CASCADE", primary_key=primary_key)


def row_id() -> Any:
    # Every table with an id is sqlite_autoincrement: SQLite never gives an id twice (a change
    # record names rows by id; migration 0008). PostgreSQL's sequences never do anyway.
    return column(Integer, primary_key=True)


class Row:
    """A row class: its `column(...)` attributes become the Core table `__table__`, named
    `__tablename__`, with `__table_args__` (constraints and indexes) after the columns."""

    __tablename__: ClassVar[str]
    __table_args__: ClassVar[tuple[SchemaItem, ...]] = ()
    __table__: ClassVar[Table]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        columns = []
        for name, value in list(vars(cls).items()):
            if isinstance(value, _ColumnSpec):
                columns.append(value.make(name, cls.__annotations__[name]))
                delattr(cls, name)  # the ORM's attribute takes its place (adapters/orm.py)
        autoincrement = any(column.name == "id" for column in columns)
        table_args = cls.__table_args__
        cls.__table__ = Table(
            cls.__tablename__, metadata, *columns, *table_args, sqlite_autoincrement=autoincrement
        )

    def __init__(self, **values: Any) -> None:
        """A new row with these attribute values (an unknown name is a TypeError)."""
        for key, value in values.items():
            if not hasattr(type(self), key):
                name = type(self).__name__
                raise TypeError(f"{key!r} is an invalid keyword argument for {name}")
            setattr(self, key, value)


class Lifter(Row):
    __tablename__ = "lifter"

    id: Mapped[int] = row_id()
    name: Mapped[str] = column(String(MAX_LIFTER_NAME), unique=True)
    unit: Mapped[str] = column(String(2), default="kg")
    created_at: Mapped[datetime] = column(UTCDateTime(), default=utcnow)
    # PostgreSQL role whose rows these are (row-level security); None: the owner's only.
    db_role: Mapped[str | None] = column(String(63), unique=True)


class LifterCoach(Row):
    """A PostgreSQL role that may read one lifter's rows (row-level security)."""

    __tablename__ = "lifter_coach"

    lifter_id: Mapped[int] = lifter_ref(primary_key=True)
    coach_role: Mapped[str] = column(String(63), primary_key=True)


class Setting(Row):
    """Global key/value settings (catalog version, increments by equipment ...)."""

    __tablename__ = "setting"

    key: Mapped[str] = column(String(100), primary_key=True)
    value: Mapped[str] = column(Text)


class Exercise(Row):
    __tablename__ = "exercise"

    id: Mapped[int] = row_id()
    name: Mapped[str] = column(String(MAX_NAME), unique=True)
    key: Mapped[str] = column(String(MAX_NAME), unique=True)  # normalised name for look-ups
    body_part: Mapped[str] = column(String(MAX_FIELD), default="other")
    equipment: Mapped[str] = column(String(MAX_FIELD), default="other")
    target: Mapped[str] = column(String(MAX_FIELD), default="")
    secondary: Mapped[list[Any]] = column(JSON, default=list)
    difficulty: Mapped[str] = column(String(20), default="intermediate")
    category: Mapped[str] = column(String(MAX_FIELD), default="strength")
    laterality: Mapped[Laterality] = column(
        stored_enum(Laterality, 20), default=Laterality.BILATERAL
    )
    parent_id: Mapped[int | None] = references("exercise.id", "SET NULL", index=True)
    ratio_low: Mapped[Decimal | None] = column(ExactDecimal())
    ratio_high: Mapped[Decimal | None] = column(ExactDecimal())
    ratio_note: Mapped[str | None] = column(Text)
    # Overrides the equipment default, in increment_unit.
    increment: Mapped[Decimal | None] = column(ExactDecimal())
    increment_unit: Mapped[str | None] = column(String(2))
    # The carriage weight of a plate-loaded machine, in sled_unit.
    sled: Mapped[Decimal | None] = column(ExactDecimal())
    sled_unit: Mapped[str | None] = column(String(2))
    # What a logged load is per (implement, side, bar, total) and how many implements are
    # held; None: what the equipment implies (see tracker.domain.load_convention).
    load_per: Mapped[str | None] = column(String(10))
    implements: Mapped[int | None] = column(Integer)
    rep_low: Mapped[int] = column(Integer, default=8)
    rep_high: Mapped[int] = column(Integer, default=12)
    summary: Mapped[str | None] = column(Text)
    steps: Mapped[list[Any]] = column(JSON, default=list)
    tips: Mapped[list[Any]] = column(JSON, default=list)
    mistakes: Mapped[list[Any]] = column(JSON, default=list)
    faq: Mapped[list[Any]] = column(JSON, default=list)
    source: Mapped[str] = column(String(100), default="custom")  # builtin, custom, import
    edited: Mapped[bool] = column(Boolean, default=False)  # the lifter changed a built-in
    # A test where less is better (a timed hop): the slower side is the weaker one.
    lower_is_better: Mapped[bool] = column(Boolean, default=False, server_default=false())
    # The lifter who made a custom exercise: only they see it. None: built-in or shared.
    owner_id: Mapped[int | None] = references("lifter.id", "CASCADE", index=True)

    parent: Mapped["Exercise | None"]
    aliases: Mapped[list["ExerciseAlias"]]


class ExerciseAlias(Row):
    __tablename__ = "exercise_alias"

    id: Mapped[int] = row_id()
    exercise_id: Mapped[int] = references("exercise.id", "CASCADE", index=True)
    alias: Mapped[str] = column(String(MAX_NAME))
    key: Mapped[str] = column(String(MAX_NAME), unique=True)

    exercise: Mapped[Exercise]


class TrainingSession(Row):
    __tablename__ = "training_session"
    __table_args__ = (
        UniqueConstraint("lifter_id", "source_key", name="uq_training_session_source"),
        Index("ix_training_session_lifter_started", "lifter_id", "started_at"),
        # The open session and those a new set may join: found by their end, not their start
        # (which reaches back over the whole history).
        Index("ix_training_session_lifter_finished", "lifter_id", "finished_at"),
        # `report team` finds every lifter's recent sessions by start time alone.
        Index("ix_training_session_started_at", "started_at"),
    )

    id: Mapped[int] = row_id()
    lifter_id: Mapped[int] = lifter_ref()
    name: Mapped[str | None] = column(String(MAX_NAME))
    notes: Mapped[str | None] = column(Text)
    started_at: Mapped[datetime] = column(UTCDateTime())
    finished_at: Mapped[datetime | None] = column(UTCDateTime())
    source_key: Mapped[str | None] = column(String(300))  # import identity

    lifter: Mapped[Lifter]
    sets: Mapped[list["WorkoutSet"]]


class WorkoutSet(Row):
    __tablename__ = "workout_set"
    __table_args__ = (
        # The reports filter by lifter and exercise and group by session and side.
        Index("ix_workout_set_lifter_exercise", "lifter_id", "exercise_id", "performed_at"),
    )

    id: Mapped[int] = row_id()
    session_id: Mapped[int] = references("training_session.id", "CASCADE", index=True)
    lifter_id: Mapped[int] = lifter_ref()
    exercise_id: Mapped[int] = references("exercise.id", "RESTRICT", index=True)
    side: Mapped[Side | None] = column(stored_enum(Side, 5))
    reps: Mapped[int] = column(Integer)
    # Exactly as typed, in `unit`; 0 for bodyweight-only.
    load: Mapped[Decimal] = column(ExactDecimal())
    unit: Mapped[str] = column(String(2))
    bodyweight: Mapped[bool] = column(Boolean, default=False)
    duration_s: Mapped[Decimal | None] = column(ExactDecimal())  # exact: 2.31 s stays 2.31
    distance: Mapped[Decimal | None] = column(ExactDecimal())
    distance_unit: Mapped[str | None] = column(String(5))
    rpe: Mapped[Decimal | None] = column(ExactDecimal())
    kind: Mapped[SetKind] = column(stored_enum(SetKind, 10), default=SetKind.WORKING)
    performed_at: Mapped[datetime] = column(UTCDateTime())
    position: Mapped[int] = column(Integer, default=0)
    note: Mapped[str | None] = column(Text)
    batch: Mapped[int | None] = column(Integer, index=True)  # one logging command; for undo

    session: Mapped[TrainingSession]
    exercise: Mapped[Exercise]


class ChangeRecord(Row):
    """One change a lifter made (a log, an edit, a delete, a weigh-in, a setting, a routine
    ...), for `tracker undo`; or the mark of a change undo can't take back (a catalog edit,
    an import), where it stops.

    `payload` holds what undoing needs to restore the rows exactly: ids of the sets a log
    stored, full copies of the rows an edit or a delete changed, a setting's value before (see
    adapters.journal and services.history).
    """

    __tablename__ = "change_record"
    __table_args__ = (Index("ix_change_record_lifter_id", "lifter_id", "id"),)

    id: Mapped[int] = row_id()
    lifter_id: Mapped[int] = lifter_ref()
    action: Mapped[str] = column(String(20))  # log, edit, weigh-in ... (services.history)
    payload: Mapped[dict[str, Any]] = column(JSON)
    created_at: Mapped[datetime] = column(UTCDateTime(), default=utcnow)
    undone_at: Mapped[datetime | None] = column(UTCDateTime())


class Routine(Row):
    """A named plan of exercises, in order, that `tracker gym NAME` runs."""

    __tablename__ = "routine"
    __table_args__ = (UniqueConstraint("lifter_id", "name", name="uq_routine_lifter_name"),)

    id: Mapped[int] = row_id()
    lifter_id: Mapped[int] = lifter_ref()
    name: Mapped[str] = column(String(MAX_ROUTINE_NAME))
    created_at: Mapped[datetime] = column(UTCDateTime(), default=utcnow)

    items: Mapped[list["RoutineItem"]]


class RoutineItem(Row):
    """One exercise of a routine: how many sets, and overrides of its rep range and rest."""

    __tablename__ = "routine_item"

    id: Mapped[int] = row_id()
    routine_id: Mapped[int] = references("routine.id", "CASCADE", index=True)
    position: Mapped[int] = column(Integer, default=0)
    # Removing an exercise removes it from routines too (remove refuses while sets refer to it).
    exercise_id: Mapped[int] = references("exercise.id", "CASCADE", index=True)
    sets: Mapped[int] = column(Integer, default=3)
    rep_low: Mapped[int | None] = column(Integer)
    rep_high: Mapped[int | None] = column(Integer)
    rest_s: Mapped[int | None] = column(Integer)

    routine: Mapped[Routine]
    exercise: Mapped[Exercise]


class ExerciseRest(Row):
    """A lifter's rest between sets of one exercise (`rest SECONDS` in gym mode)."""

    __tablename__ = "exercise_rest"

    lifter_id: Mapped[int] = lifter_ref(primary_key=True)
    exercise_id: Mapped[int] = references("exercise.id", "CASCADE", primary_key=True)
    seconds: Mapped[int] = column(Integer)


class GymState(Row):
    """Where an open session run from `tracker gym` stands, so a new process resumes it."""

    __tablename__ = "gym_state"

    session_id: Mapped[int] = references("training_session.id", "CASCADE", primary_key=True)
    routine_id: Mapped[int | None] = references("routine.id", "SET NULL", index=True)
    position: Mapped[int] = column(Integer, default=0)  # the current routine item
    # The current exercise outside a routine.
    exercise_id: Mapped[int | None] = references("exercise.id", "SET NULL")
    skipped: Mapped[list[Any]] = column(JSON, default=list)  # 1-based item positions skipped
    # Today's target per exercise, fixed when first shown: a resumed session must not
    # recompute it from the sets it already holds. JSON as gym_targets.py describes it.
    targets: Mapped[GymTargets] = column(SessionTargets(), default=dict)


class BodyWeight(Row):
    """A weigh-in: bodyweight sets take their load from the latest one on or before them."""

    __tablename__ = "body_weight"
    __table_args__ = (
        Index("ix_body_weight_lifter_measured", "lifter_id", "measured_at"),
    )

    id: Mapped[int] = row_id()
    lifter_id: Mapped[int] = lifter_ref()
    measured_at: Mapped[datetime] = column(UTCDateTime())
    weight: Mapped[Decimal] = column(ExactDecimal())  # exactly as typed, in `unit`
    unit: Mapped[str] = column(String(2))


class InvolvedSide(Row):
    """The injured (involved) side of a lifter, for every exercise (exercise_id NULL) or one."""

    __tablename__ = "involved_side"
    __table_args__ = (
        UniqueConstraint("lifter_id", "exercise_id", name="uq_involved_side_lifter_exercise"),
    )

    id: Mapped[int] = row_id()
    lifter_id: Mapped[int] = lifter_ref()
    exercise_id: Mapped[int | None] = references("exercise.id", "CASCADE")
    side: Mapped[str] = column(String(5))
    # Ends the pre-injury reference window (the injury or the operation, as the physio chooses).
    injury_date: Mapped[date | None] = column(Date)
