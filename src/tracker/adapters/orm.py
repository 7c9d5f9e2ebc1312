"""The ORM: the typed row classes of adapters/tables.py mapped onto their tables.

The classes, their typed attributes and their columns are declared once, in tables.py, which
the Core read path (adapters/reads.py) uses without mapping them; importing this module maps
them (imperatively) and adds their relationships. The domain stays free of them; repositories
and services convert between the two.
"""

from __future__ import annotations

from typing import Any

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


def _children(child: type[Row], parent: str, *order_by: Any) -> Any:
    """The rows that belong to this one, in order: saved and deleted with it."""
    return relationship(child, back_populates=parent, cascade="all, delete-orphan",
                        order_by=order_by)


_alias, _set, _item = ExerciseAlias.__table__.c, WorkoutSet.__table__.c, RoutineItem.__table__.c
_RELATIONSHIPS = {
    Exercise: {
        "parent": relationship(Exercise, remote_side=[Exercise.__table__.c.id]),
        "aliases": _children(ExerciseAlias, "exercise", _alias.alias),
    },
    ExerciseAlias: {"exercise": relationship(Exercise, back_populates="aliases")},
    TrainingSession: {
        "lifter": relationship(Lifter),
        "sets": _children(WorkoutSet, "session", _set.position, _set.id),
    },
    WorkoutSet: {
        "session": relationship(TrainingSession, back_populates="sets"),
        "exercise": relationship(Exercise),
    },
    Routine: {"items": _children(RoutineItem, "routine", _item.position, _item.id)},
    RoutineItem: {
        "routine": relationship(Routine, back_populates="items"),
        "exercise": relationship(Exercise),
    },
}

for _row in Row.__subclasses__():
    mapper_registry.map_imperatively(
        _row, _row.__table__, properties=_RELATIONSHIPS.get(_row, {})
    )
