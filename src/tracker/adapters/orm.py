"""The ORM: the typed row classes of adapters/tables.py mapped onto their tables.

The classes, their typed attributes and their columns are declared once, in tables.py, which
the Core read path (adapters/reads.py) uses without mapping them; importing this module maps
them (imperatively) and adds their relationships. The domain stays free of them; repositories
and services convert between the two.
"""

from __future__ import annotations

from sqlalchemy.orm import registry, relationship

from tracker.adapters.tables import (
    BodyWeight,
    ChangeRecord,
    Exercise,
    ExerciseAlias,
    ExerciseRest,
    GymState,
    InvolvedSide,
    Lifter,
    LifterCoach,
    Routine,
    RoutineItem,
    Row,
    Setting,
    TrainingSession,
    WorkoutSet,
    metadata,
)

__all__ = [
    "BodyWeight", "ChangeRecord", "Exercise", "ExerciseAlias", "ExerciseRest", "GymState",
    "InvolvedSide", "Lifter", "LifterCoach", "Routine", "RoutineItem", "Row", "Setting",
    "TrainingSession", "WorkoutSet", "mapper_registry",
]

mapper_registry = registry(metadata=metadata)

_alias, _set, _item = ExerciseAlias.__table__.c, WorkoutSet.__table__.c, RoutineItem.__table__.c
_RELATIONSHIPS = {
    Exercise: {
        "parent": relationship(Exercise, remote_side=[Exercise.__table__.c.id]),
        "aliases": relationship(
            ExerciseAlias,
            back_populates="exercise",
            cascade="all, delete-orphan",
            order_by=_alias.alias,
        ),
    },
    ExerciseAlias: {"exercise": relationship(Exercise, back_populates="aliases")},
    TrainingSession: {
        "lifter": relationship(Lifter),
        "sets": relationship(
            WorkoutSet,
            back_populates="session",
            cascade="all, delete-orphan",
            order_by=(_set.position, _set.id),
        ),
    },
    WorkoutSet: {
        "session": relationship(TrainingSession, back_populates="sets"),
        "exercise": relationship(Exercise),
    },
    Routine: {
        "items": relationship(
            RoutineItem,
            back_populates="routine",
            cascade="all, delete-orphan",
            order_by=(_item.position, _item.id),
        )
    },
    RoutineItem: {
        "routine": relationship(Routine, back_populates="items"),
        "exercise": relationship(Exercise),
    },
}

for _row in Row.__subclasses__():
    mapper_registry.map_imperatively(
        _row, _row.__table__, properties=_RELATIONSHIPS.get(_row, {})
    )
