"""Typed ORM classes (SQLAlchemy 2.0 style) over the Core tables of adapters/tables.py.

Each class maps its table (`__table__`) and declares the typed attributes the rest of the code
reads; the columns, their types, defaults and constraints are defined once, in tables.py, which
the Core read path (adapters/reads.py) uses without building these classes. The domain stays
free of them; repositories and services convert between the two.

No `from __future__ import annotations` here: with real annotations SQLAlchemy maps each
attribute without parsing and evaluating its annotation as a string, which every command that
builds the ORM pays at start-up. Only names not yet defined are quoted.
"""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from tracker.adapters import tables
from tracker.domain.model import Laterality, SetKind, Side

if TYPE_CHECKING:
    from tracker.domain.routines import SessionTarget

    GymTargets = dict[str, SessionTarget]
else:  # the gym's domain types stay unimported by every other command (start-up); the
    GymTargets = dict[str, Any]  # column type in tables.py is what reads and writes them


class Base(DeclarativeBase):
    metadata = tables.metadata


class Lifter(Base):
    __table__ = tables.lifter

    id: Mapped[int]
    name: Mapped[str]
    unit: Mapped[str]
    created_at: Mapped[datetime]
    # PostgreSQL role whose rows these are (row-level security); None: the owner's only.
    db_role: Mapped[str | None]


class LifterCoach(Base):
    """A PostgreSQL role that may read one lifter's rows (row-level security)."""

    __table__ = tables.lifter_coach

    lifter_id: Mapped[int]
    coach_role: Mapped[str]


class Setting(Base):
    """Global key/value settings (catalog version, increments by equipment ...)."""

    __table__ = tables.setting

    key: Mapped[str]
    value: Mapped[str]


class Exercise(Base):
    __table__ = tables.exercise

    id: Mapped[int]
    name: Mapped[str]
    key: Mapped[str]  # normalised name for look-ups
    body_part: Mapped[str]
    equipment: Mapped[str]
    target: Mapped[str]
    secondary: Mapped[list[Any]]
    difficulty: Mapped[str]
    category: Mapped[str]
    laterality: Mapped[Laterality]
    parent_id: Mapped[int | None]
    ratio_low: Mapped[Decimal | None]
    ratio_high: Mapped[Decimal | None]
    ratio_note: Mapped[str | None]
    increment: Mapped[Decimal | None]  # overrides the equipment default, in increment_unit
    increment_unit: Mapped[str | None]
    sled: Mapped[Decimal | None]  # carriage weight of a plate-loaded machine, in sled_unit
    sled_unit: Mapped[str | None]
    # What a logged load is per (implement, side, bar, total) and how many implements are
    # held; None: what the equipment implies (see tracker.domain.load_convention).
    load_per: Mapped[str | None]
    implements: Mapped[int | None]
    rep_low: Mapped[int]
    rep_high: Mapped[int]
    summary: Mapped[str | None]
    steps: Mapped[list[Any]]
    tips: Mapped[list[Any]]
    mistakes: Mapped[list[Any]]
    faq: Mapped[list[Any]]
    source: Mapped[str]  # builtin, custom, import
    edited: Mapped[bool]  # the lifter changed a built-in entry
    # The lifter who made a custom exercise: only they see it. None: built-in or shared.
    owner_id: Mapped[int | None]

    parent: Mapped["Exercise | None"] = relationship(remote_side=[tables.exercise.c.id])
    aliases: Mapped[list["ExerciseAlias"]] = relationship(
        back_populates="exercise", cascade="all, delete-orphan", order_by="ExerciseAlias.alias"
    )


class ExerciseAlias(Base):
    __table__ = tables.exercise_alias

    id: Mapped[int]
    exercise_id: Mapped[int]
    alias: Mapped[str]
    key: Mapped[str]

    exercise: Mapped[Exercise] = relationship(back_populates="aliases")


class TrainingSession(Base):
    __table__ = tables.training_session

    id: Mapped[int]
    lifter_id: Mapped[int]
    name: Mapped[str | None]
    notes: Mapped[str | None]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    source_key: Mapped[str | None]  # import identity

    lifter: Mapped[Lifter] = relationship()
    sets: Mapped[list["WorkoutSet"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(WorkoutSet.position, WorkoutSet.id)",
    )


class WorkoutSet(Base):
    __table__ = tables.workout_set

    id: Mapped[int]
    session_id: Mapped[int]
    lifter_id: Mapped[int]
    exercise_id: Mapped[int]
    side: Mapped[Side | None]
    reps: Mapped[int]
    load: Mapped[Decimal]  # exactly as typed, in `unit`; 0 for bodyweight-only
    unit: Mapped[str]
    bodyweight: Mapped[bool]
    duration_s: Mapped[int | None]
    distance: Mapped[Decimal | None]
    distance_unit: Mapped[str | None]
    rpe: Mapped[Decimal | None]
    kind: Mapped[SetKind]
    performed_at: Mapped[datetime]
    position: Mapped[int]
    note: Mapped[str | None]
    batch: Mapped[int | None]  # one logging command; for undo

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

    __table__ = tables.change_record

    id: Mapped[int]
    lifter_id: Mapped[int]
    action: Mapped[str]  # log, edit, weigh-in ... (services.history)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    undone_at: Mapped[datetime | None]


class Routine(Base):
    """A named plan of exercises, in order, that `tracker gym NAME` runs."""

    __table__ = tables.routine

    id: Mapped[int]
    lifter_id: Mapped[int]
    name: Mapped[str]
    created_at: Mapped[datetime]

    items: Mapped[list["RoutineItem"]] = relationship(
        back_populates="routine",
        cascade="all, delete-orphan",
        order_by="(RoutineItem.position, RoutineItem.id)",
    )


class RoutineItem(Base):
    """One exercise of a routine: how many sets, and overrides of its rep range and rest."""

    __table__ = tables.routine_item

    id: Mapped[int]
    routine_id: Mapped[int]
    position: Mapped[int]
    # Removing an exercise removes it from routines too (remove refuses while sets refer to it).
    exercise_id: Mapped[int]
    sets: Mapped[int]
    rep_low: Mapped[int | None]
    rep_high: Mapped[int | None]
    rest_s: Mapped[int | None]

    routine: Mapped[Routine] = relationship(back_populates="items")
    exercise: Mapped[Exercise] = relationship()


class ExerciseRest(Base):
    """A lifter's rest between sets of one exercise (`rest SECONDS` in gym mode)."""

    __table__ = tables.exercise_rest

    lifter_id: Mapped[int]
    exercise_id: Mapped[int]
    seconds: Mapped[int]


class GymState(Base):
    """Where an open session run from `tracker gym` stands, so a new process resumes it."""

    __table__ = tables.gym_state

    session_id: Mapped[int]
    routine_id: Mapped[int | None]
    position: Mapped[int]  # the current routine item
    exercise_id: Mapped[int | None]  # the current exercise outside a routine
    skipped: Mapped[list[Any]]  # 1-based item positions skipped
    # Today's target per exercise, fixed when first shown: a resumed session must not
    # recompute it from the sets it already holds. JSON as gym_targets.py describes it.
    targets: Mapped[GymTargets]


class BodyWeight(Base):
    """A weigh-in: bodyweight sets take their load from the latest one on or before them."""

    __table__ = tables.body_weight

    id: Mapped[int]
    lifter_id: Mapped[int]
    measured_at: Mapped[datetime]
    weight: Mapped[Decimal]  # exactly as typed, in `unit`
    unit: Mapped[str]


class InvolvedSide(Base):
    """The injured (involved) side of a lifter, for every exercise (exercise_id NULL) or one."""

    __table__ = tables.involved_side

    id: Mapped[int]
    lifter_id: Mapped[int]
    exercise_id: Mapped[int | None]
    side: Mapped[str]
