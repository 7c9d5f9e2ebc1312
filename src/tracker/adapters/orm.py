"""Typed ORM models (SQLAlchemy 2.0 style).

The domain stays free of these classes; repositories and services convert between the two.
Constraint names follow a convention so that SQLite batch migrations can refer to them.

No `from __future__ import annotations` here: with real annotations SQLAlchemy maps each column
without parsing and evaluating its annotation as a string, which every command pays at start-up
(about 5 ms of the ORM's 60). Only names not yet defined are quoted.
"""

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tracker.adapters.gym_targets import SessionTargets
from tracker.adapters.types import ExactDecimal, UTCDateTime
from tracker.domain.model import Laterality, SetKind, Side

if TYPE_CHECKING:
    from tracker.domain.routines import SessionTarget

    GymTargets = dict[str, SessionTarget]
else:  # the gym's domain types stay unimported by every other command (start-up); the
    GymTargets = dict[str, Any]  # column type below is what reads and writes them

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        Decimal: ExactDecimal(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class Lifter(Base):
    __tablename__ = "lifter"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    unit: Mapped[str] = mapped_column(String(2), default="kg")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # PostgreSQL role whose rows these are (row-level security); None: the owner's only.
    db_role: Mapped[str | None] = mapped_column(String(63), unique=True)


class LifterCoach(Base):
    """A PostgreSQL role that may read one lifter's rows (row-level security)."""

    __tablename__ = "lifter_coach"

    lifter_id: Mapped[int] = mapped_column(
        ForeignKey("lifter.id", ondelete="CASCADE"), primary_key=True
    )
    coach_role: Mapped[str] = mapped_column(String(63), primary_key=True)


class Setting(Base):
    """Global key/value settings (catalog version, increments by equipment ...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Exercise(Base):
    __tablename__ = "exercise"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # normalised name for look-ups
    body_part: Mapped[str] = mapped_column(String(50), default="other")
    equipment: Mapped[str] = mapped_column(String(50), default="other")
    target: Mapped[str] = mapped_column(String(50), default="")
    secondary: Mapped[list[Any]] = mapped_column(default=list)
    difficulty: Mapped[str] = mapped_column(String(20), default="intermediate")
    category: Mapped[str] = mapped_column(String(50), default="strength")
    laterality: Mapped[Laterality] = mapped_column(
        stored_enum(Laterality, 20), default=Laterality.BILATERAL
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("exercise.id", ondelete="SET NULL"), index=True
    )
    ratio_low: Mapped[Decimal | None]
    ratio_high: Mapped[Decimal | None]
    ratio_note: Mapped[str | None] = mapped_column(Text)
    increment: Mapped[Decimal | None]  # overrides the equipment default, in increment_unit
    increment_unit: Mapped[str | None] = mapped_column(String(2))
    sled: Mapped[Decimal | None]  # carriage weight of a plate-loaded machine, in sled_unit
    sled_unit: Mapped[str | None] = mapped_column(String(2))
    # What a logged load is per (implement, side, bar, total) and how many implements are
    # held; None: what the equipment implies (see tracker.domain.load_convention).
    load_per: Mapped[str | None] = mapped_column(String(10))
    implements: Mapped[int | None]
    rep_low: Mapped[int] = mapped_column(default=8)
    rep_high: Mapped[int] = mapped_column(default=12)
    summary: Mapped[str | None] = mapped_column(Text)
    steps: Mapped[list[Any]] = mapped_column(default=list)
    tips: Mapped[list[Any]] = mapped_column(default=list)
    mistakes: Mapped[list[Any]] = mapped_column(default=list)
    faq: Mapped[list[Any]] = mapped_column(default=list)
    source: Mapped[str] = mapped_column(String(100), default="custom")  # builtin, custom, import
    edited: Mapped[bool] = mapped_column(default=False)  # the lifter changed a built-in entry
    # The lifter who made a custom exercise: only they see it. None: built-in or shared.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("lifter.id", ondelete="CASCADE"), index=True
    )

    parent: Mapped["Exercise | None"] = relationship(remote_side=[id])
    aliases: Mapped[list["ExerciseAlias"]] = relationship(
        back_populates="exercise", cascade="all, delete-orphan", order_by="ExerciseAlias.alias"
    )


class ExerciseAlias(Base):
    __tablename__ = "exercise_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercise.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)

    exercise: Mapped[Exercise] = relationship(back_populates="aliases")


class TrainingSession(Base):
    __tablename__ = "training_session"
    __table_args__ = (
        UniqueConstraint("lifter_id", "source_key", name="uq_training_session_source"),
        Index("ix_training_session_lifter_started", "lifter_id", "started_at"),
        # `report team` finds every lifter's recent sessions by start time alone.
        Index("ix_training_session_started_at", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lifter_id: Mapped[int] = mapped_column(ForeignKey("lifter.id", ondelete="CASCADE"))
    name: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    source_key: Mapped[str | None] = mapped_column(String(300))  # import identity

    lifter: Mapped[Lifter] = relationship()
    sets: Mapped[list["WorkoutSet"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(WorkoutSet.position, WorkoutSet.id)",
    )


class WorkoutSet(Base):
    __tablename__ = "workout_set"
    __table_args__ = (
        # The reports filter by lifter and exercise and group by session and side.
        Index("ix_workout_set_lifter_exercise", "lifter_id", "exercise_id", "performed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), index=True
    )
    lifter_id: Mapped[int] = mapped_column(ForeignKey("lifter.id", ondelete="CASCADE"))
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercise.id", ondelete="RESTRICT"), index=True
    )
    side: Mapped[Side | None] = mapped_column(stored_enum(Side, 5))
    reps: Mapped[int]
    load: Mapped[Decimal]  # exactly as typed, in `unit`; 0 for bodyweight-only
    unit: Mapped[str] = mapped_column(String(2))
    bodyweight: Mapped[bool] = mapped_column(default=False)
    duration_s: Mapped[int | None]
    distance: Mapped[Decimal | None]
    distance_unit: Mapped[str | None] = mapped_column(String(5))
    rpe: Mapped[Decimal | None]
    kind: Mapped[SetKind] = mapped_column(stored_enum(SetKind, 10), default=SetKind.WORKING)
    performed_at: Mapped[datetime]
    position: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text)
    batch: Mapped[int | None] = mapped_column(index=True)  # one logging command; for undo

    session: Mapped[TrainingSession] = relationship(back_populates="sets")
    exercise: Mapped[Exercise] = relationship()


class ChangeRecord(Base):
    """One change a lifter made (a log, an edit, a delete, a weigh-in, a setting, a routine
    ...), for `tracker undo`; or the mark of a change undo can't take back (a catalog edit,
    an import), where it stops.

    `payload` holds what undoing needs to restore the rows exactly: ids of the sets a log
    stored, full copies of the rows an edit or a delete changed, a setting's value before (see
    adapters.journal and services.history).
    """

    __tablename__ = "change_record"
    __table_args__ = (Index("ix_change_record_lifter_id", "lifter_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lifter_id: Mapped[int] = mapped_column(ForeignKey("lifter.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20))  # log, edit, weigh-in ... (services.history)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None]


class Routine(Base):
    """A named plan of exercises, in order, that `tracker gym NAME` runs."""

    __tablename__ = "routine"
    __table_args__ = (UniqueConstraint("lifter_id", "name", name="uq_routine_lifter_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lifter_id: Mapped[int] = mapped_column(ForeignKey("lifter.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list["RoutineItem"]] = relationship(
        back_populates="routine",
        cascade="all, delete-orphan",
        order_by="(RoutineItem.position, RoutineItem.id)",
    )


class RoutineItem(Base):
    """One exercise of a routine: how many sets, and overrides of its rep range and rest."""

    __tablename__ = "routine_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    routine_id: Mapped[int] = mapped_column(
        ForeignKey("routine.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # Removing an exercise removes it from routines too (remove refuses while sets refer to it).
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercise.id", ondelete="CASCADE"), index=True
    )
    sets: Mapped[int] = mapped_column(default=3)
    rep_low: Mapped[int | None]
    rep_high: Mapped[int | None]
    rest_s: Mapped[int | None]

    routine: Mapped[Routine] = relationship(back_populates="items")
    exercise: Mapped[Exercise] = relationship()


class ExerciseRest(Base):
    """A lifter's rest between sets of one exercise (`rest SECONDS` in gym mode)."""

    __tablename__ = "exercise_rest"

    lifter_id: Mapped[int] = mapped_column(
        ForeignKey("lifter.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercise.id", ondelete="CASCADE"), primary_key=True
    )
    seconds: Mapped[int]


class GymState(Base):
    """Where an open session run from `tracker gym` stands, so a new process resumes it."""

    __tablename__ = "gym_state"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True
    )
    routine_id: Mapped[int | None] = mapped_column(
        ForeignKey("routine.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)  # the current routine item
    exercise_id: Mapped[int | None] = mapped_column(
        ForeignKey("exercise.id", ondelete="SET NULL")
    )  # the current exercise outside a routine
    skipped: Mapped[list[Any]] = mapped_column(default=list)  # 1-based item positions skipped
    # Today's target per exercise, fixed when first shown: a resumed session must not
    # recompute it from the sets it already holds. JSON as gym_targets.py describes it.
    targets: Mapped[GymTargets] = mapped_column(SessionTargets(), default=dict)


class BodyWeight(Base):
    """A weigh-in: bodyweight sets take their load from the latest one on or before them."""

    __tablename__ = "body_weight"
    __table_args__ = (Index("ix_body_weight_lifter_measured", "lifter_id", "measured_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lifter_id: Mapped[int] = mapped_column(ForeignKey("lifter.id", ondelete="CASCADE"))
    measured_at: Mapped[datetime]
    weight: Mapped[Decimal]  # exactly as typed, in `unit`
    unit: Mapped[str] = mapped_column(String(2))


class InvolvedSide(Base):
    """The injured (involved) side of a lifter, for every exercise (exercise_id NULL) or one."""

    __tablename__ = "involved_side"
    __table_args__ = (
        UniqueConstraint("lifter_id", "exercise_id", name="uq_involved_side_lifter_exercise"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lifter_id: Mapped[int] = mapped_column(ForeignKey("lifter.id", ondelete="CASCADE"))
    exercise_id: Mapped[int | None] = mapped_column(ForeignKey("exercise.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(5))
