"""Typed ORM models (SQLAlchemy 2.0 style).

The domain stays free of these classes; repositories and services convert between the two.
Constraint names follow a convention so that SQLite batch migrations can refer to them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tracker.adapters.types import ExactDecimal, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


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
    laterality: Mapped[str] = mapped_column(String(20), default="bilateral")
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
    rep_low: Mapped[int] = mapped_column(default=8)
    rep_high: Mapped[int] = mapped_column(default=12)
    summary: Mapped[str | None] = mapped_column(Text)
    steps: Mapped[list[Any]] = mapped_column(default=list)
    tips: Mapped[list[Any]] = mapped_column(default=list)
    mistakes: Mapped[list[Any]] = mapped_column(default=list)
    faq: Mapped[list[Any]] = mapped_column(default=list)
    source: Mapped[str] = mapped_column(String(100), default="custom")  # builtin, custom, import
    edited: Mapped[bool] = mapped_column(default=False)  # the lifter changed a built-in entry

    parent: Mapped[Exercise | None] = relationship(remote_side=[id])
    aliases: Mapped[list[ExerciseAlias]] = relationship(
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
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lifter_id: Mapped[int] = mapped_column(ForeignKey("lifter.id", ondelete="CASCADE"))
    name: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    source_key: Mapped[str | None] = mapped_column(String(300))  # import identity

    lifter: Mapped[Lifter] = relationship()
    sets: Mapped[list[WorkoutSet]] = relationship(
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
    side: Mapped[str | None] = mapped_column(String(5))
    reps: Mapped[int]
    load: Mapped[Decimal]  # exactly as typed, in `unit`; 0 for bodyweight-only
    unit: Mapped[str] = mapped_column(String(2))
    bodyweight: Mapped[bool] = mapped_column(default=False)
    duration_s: Mapped[int | None]
    distance: Mapped[Decimal | None]
    distance_unit: Mapped[str | None] = mapped_column(String(5))
    rpe: Mapped[Decimal | None]
    kind: Mapped[str] = mapped_column(String(10), default="working")
    performed_at: Mapped[datetime]
    position: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text)
    batch: Mapped[int | None] = mapped_column(index=True)  # one logging command; for undo

    session: Mapped[TrainingSession] = relationship(back_populates="sets")
    exercise: Mapped[Exercise] = relationship()


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
