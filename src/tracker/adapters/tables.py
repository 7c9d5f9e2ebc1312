"""The schema, once, as SQLAlchemy Core tables.

Two things read these tables: the ORM classes in adapters/orm.py, which map them
(`__table__ = tables.lifter`), and the read path in adapters/reads.py, whose one-shot commands
(`session list`, `lifter list` ...) query them with Core alone and never build the ORM: the 14
mapped classes and their mapper configuration cost about 80 ms, a fifth of a bare
`import sqlalchemy.orm` (issue 16's start-up target). Alembic's autogenerate compares the
migrations with `metadata` here (tests/test_migrations.py fails on any drift).

Constraint names follow a convention so that SQLite batch migrations can refer to them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tracker.adapters.gym_targets import SessionTargets
from tracker.adapters.types import ExactDecimal, UTCDateTime
from tracker.domain.model import Laterality, SetKind, Side
from tracker.domain.names import MAX_FIELD, MAX_LIFTER_NAME, MAX_NAME
from tracker.domain.routines import MAX_ROUTINE_NAME

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


def _id() -> Column[int]:
    # Every table with an id is sqlite_autoincrement: SQLite never gives an id twice (a change
    # record names rows by id; migration 0008). PostgreSQL's sequences never do anyway.
    return Column("id", Integer, primary_key=True)


def _lifter_id(primary_key: bool = False) -> Column[int]:
    return Column(
        "lifter_id",
        Integer,
        ForeignKey("lifter.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


lifter = Table(
    "lifter",
    metadata,
    _id(),
    Column("name", String(MAX_LIFTER_NAME), unique=True, nullable=False),
    Column("unit", String(2), default="kg", nullable=False),
    Column("created_at", UTCDateTime(), default=utcnow, nullable=False),
    # PostgreSQL role whose rows these are (row-level security); None: the owner's only.
    Column("db_role", String(63), unique=True),
    sqlite_autoincrement=True,
)

# A PostgreSQL role that may read one lifter's rows (row-level security).
lifter_coach = Table(
    "lifter_coach",
    metadata,
    _lifter_id(primary_key=True),
    Column("coach_role", String(63), primary_key=True),
)

# Global key/value settings (catalog version, increments by equipment ...).
setting = Table(
    "setting",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

exercise = Table(
    "exercise",
    metadata,
    _id(),
    Column("name", String(MAX_NAME), unique=True, nullable=False),
    Column("key", String(MAX_NAME), unique=True, nullable=False),  # normalised name for look-ups
    Column("body_part", String(MAX_FIELD), default="other", nullable=False),
    Column("equipment", String(MAX_FIELD), default="other", nullable=False),
    Column("target", String(MAX_FIELD), default="", nullable=False),
    Column("secondary", JSON, default=list, nullable=False),
    Column("difficulty", String(20), default="intermediate", nullable=False),
    Column("category", String(MAX_FIELD), default="strength", nullable=False),
    Column(
        "laterality",
        stored_enum(Laterality, 20),
        default=Laterality.BILATERAL,
        nullable=False,
    ),
    Column("parent_id", Integer, ForeignKey("exercise.id", ondelete="SET NULL"), index=True),
    Column("ratio_low", ExactDecimal()),
    Column("ratio_high", ExactDecimal()),
    Column("ratio_note", Text),
    Column("increment", ExactDecimal()),  # overrides the equipment default, in increment_unit
    Column("increment_unit", String(2)),
    Column("sled", ExactDecimal()),  # carriage weight of a plate-loaded machine, in sled_unit
    Column("sled_unit", String(2)),
    # What a logged load is per (implement, side, bar, total) and how many implements are
    # held; None: what the equipment implies (see tracker.domain.load_convention).
    Column("load_per", String(10)),
    Column("implements", Integer),
    Column("rep_low", Integer, default=8, nullable=False),
    Column("rep_high", Integer, default=12, nullable=False),
    Column("summary", Text),
    Column("steps", JSON, default=list, nullable=False),
    Column("tips", JSON, default=list, nullable=False),
    Column("mistakes", JSON, default=list, nullable=False),
    Column("faq", JSON, default=list, nullable=False),
    # builtin, custom, import
    Column("source", String(100), default="custom", nullable=False),
    Column("edited", Boolean, default=False, nullable=False),  # the lifter changed a built-in
    # The lifter who made a custom exercise: only they see it. None: built-in or shared.
    Column("owner_id", Integer, ForeignKey("lifter.id", ondelete="CASCADE"), index=True),
    sqlite_autoincrement=True,
)

exercise_alias = Table(
    "exercise_alias",
    metadata,
    _id(),
    Column(
        "exercise_id",
        Integer,
        ForeignKey("exercise.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    Column("alias", String(MAX_NAME), nullable=False),
    Column("key", String(MAX_NAME), unique=True, nullable=False),
    sqlite_autoincrement=True,
)

training_session = Table(
    "training_session",
    metadata,
    _id(),
    _lifter_id(),
    Column("name", String(MAX_NAME)),
    Column("notes", Text),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime()),
    Column("source_key", String(300)),  # import identity
    UniqueConstraint("lifter_id", "source_key", name="uq_training_session_source"),
    Index("ix_training_session_lifter_started", "lifter_id", "started_at"),
    # `report team` finds every lifter's recent sessions by start time alone.
    Index("ix_training_session_started_at", "started_at"),
    sqlite_autoincrement=True,
)

workout_set = Table(
    "workout_set",
    metadata,
    _id(),
    Column(
        "session_id",
        Integer,
        ForeignKey("training_session.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    _lifter_id(),
    Column(
        "exercise_id",
        Integer,
        ForeignKey("exercise.id", ondelete="RESTRICT"),
        index=True,
        nullable=False,
    ),
    Column("side", stored_enum(Side, 5)),
    Column("reps", Integer, nullable=False),
    # Exactly as typed, in `unit`; 0 for bodyweight-only.
    Column("load", ExactDecimal(), nullable=False),
    Column("unit", String(2), nullable=False),
    Column("bodyweight", Boolean, default=False, nullable=False),
    Column("duration_s", Integer),
    Column("distance", ExactDecimal()),
    Column("distance_unit", String(5)),
    Column("rpe", ExactDecimal()),
    Column("kind", stored_enum(SetKind, 10), default=SetKind.WORKING, nullable=False),
    Column("performed_at", UTCDateTime(), nullable=False),
    Column("position", Integer, default=0, nullable=False),
    Column("note", Text),
    Column("batch", Integer, index=True),  # one logging command; for undo
    # The reports filter by lifter and exercise and group by session and side.
    Index("ix_workout_set_lifter_exercise", "lifter_id", "exercise_id", "performed_at"),
    sqlite_autoincrement=True,
)

# One change a lifter made, for `tracker undo`, or the mark of one undo can't take back
# (adapters/journal.py and services/history.py say what `payload` holds).
change_record = Table(
    "change_record",
    metadata,
    _id(),
    _lifter_id(),
    Column("action", String(20), nullable=False),  # log, edit, weigh-in ... (services.history)
    Column("payload", JSON, nullable=False),
    Column("created_at", UTCDateTime(), default=utcnow, nullable=False),
    Column("undone_at", UTCDateTime()),
    Index("ix_change_record_lifter_id", "lifter_id", "id"),
    sqlite_autoincrement=True,
)

# A named plan of exercises, in order, that `tracker gym NAME` runs.
routine = Table(
    "routine",
    metadata,
    _id(),
    _lifter_id(),
    Column("name", String(MAX_ROUTINE_NAME), nullable=False),
    Column("created_at", UTCDateTime(), default=utcnow, nullable=False),
    UniqueConstraint("lifter_id", "name", name="uq_routine_lifter_name"),
    sqlite_autoincrement=True,
)

# One exercise of a routine: how many sets, and overrides of its rep range and rest.
routine_item = Table(
    "routine_item",
    metadata,
    _id(),
    Column(
        "routine_id",
        Integer,
        ForeignKey("routine.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    Column("position", Integer, default=0, nullable=False),
    # Removing an exercise removes it from routines too (remove refuses while sets refer to it).
    Column(
        "exercise_id",
        Integer,
        ForeignKey("exercise.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    Column("sets", Integer, default=3, nullable=False),
    Column("rep_low", Integer),
    Column("rep_high", Integer),
    Column("rest_s", Integer),
    sqlite_autoincrement=True,
)

# A lifter's rest between sets of one exercise (`rest SECONDS` in gym mode).
exercise_rest = Table(
    "exercise_rest",
    metadata,
    _lifter_id(primary_key=True),
    Column(
        "exercise_id",
        Integer,
        ForeignKey("exercise.id", ondelete="CASCADE"),
        primary_key=True,
        nullable=False,
    ),
    Column("seconds", Integer, nullable=False),
)

# Where an open session run from `tracker gym` stands, so a new process resumes it.
gym_state = Table(
    "gym_state",
    metadata,
    Column(
        "session_id",
        Integer,
        ForeignKey("training_session.id", ondelete="CASCADE"),
        primary_key=True,
        nullable=False,
    ),
    Column("routine_id", Integer, ForeignKey("routine.id", ondelete="SET NULL"), index=True),
    Column("position", Integer, default=0, nullable=False),  # the current routine item
    # The current exercise outside a routine.
    Column("exercise_id", Integer, ForeignKey("exercise.id", ondelete="SET NULL")),
    Column("skipped", JSON, default=list, nullable=False),  # 1-based item positions skipped
    # Today's target per exercise, fixed when first shown: a resumed session must not
    # recompute it from the sets it already holds. JSON as gym_targets.py describes it.
    Column("targets", SessionTargets(), default=dict, nullable=False),
)

# A weigh-in: bodyweight sets take their load from the latest one on or before them.
body_weight = Table(
    "body_weight",
    metadata,
    _id(),
    _lifter_id(),
    Column("measured_at", UTCDateTime(), nullable=False),
    Column("weight", ExactDecimal(), nullable=False),  # exactly as typed, in `unit`
    Column("unit", String(2), nullable=False),
    Index("ix_body_weight_lifter_measured", "lifter_id", "measured_at"),
    sqlite_autoincrement=True,
)

# The injured (involved) side of a lifter, for every exercise (exercise_id NULL) or one.
involved_side = Table(
    "involved_side",
    metadata,
    _id(),
    _lifter_id(),
    Column("exercise_id", Integer, ForeignKey("exercise.id", ondelete="CASCADE")),
    Column("side", String(5), nullable=False),
    UniqueConstraint("lifter_id", "exercise_id", name="uq_involved_side_lifter_exercise"),
    sqlite_autoincrement=True,
)
