"""A lifter's body weight log and involved (injured) sides."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.bodyweight import BodyWeight, check_body_weight
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.model import Side
from tracker.domain.units import Unit
from tracker.services.catalog import resolve_exercise
from tracker.services.lifters import current_lifter


def add_body_weight(
    uow: UnitOfWork, lifter_name: str | None, weight: Decimal, unit: str | None, at: datetime
) -> BodyWeight:
    """Log a weigh-in (in the lifter's unit unless ``unit`` says otherwise)."""
    check_body_weight(weight)
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        entry = BodyWeight(at, weight, Unit.parse(unit) if unit else Unit(lifter.unit))
        uow.body_weights().add(lifter.id, entry.measured_at, entry.weight, entry.unit)
        uow.commit()
    return entry


def list_body_weights(uow: UnitOfWork, lifter_name: str | None) -> list[BodyWeight]:
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        entries = uow.body_weights().of_lifter(lifter.id)
        uow.commit()
    return entries


def set_involved(
    uow: UnitOfWork, lifter_name: str, side: Side | None, exercise: str | None
) -> str | None:
    """Keep the lifter's involved side (for one exercise, or all); None forgets it.

    Returns the exercise's catalog name, or None for every exercise.
    """
    with uow:
        lifter = uow.repo.lifter(lifter_name.strip())
        if lifter is None:
            raise NotFound(f'no lifter named "{lifter_name.strip()}"')
        exercise_id = None
        name = None
        if exercise is not None:
            found = resolve_exercise(uow.repo, exercise)
            if found.laterality == "bilateral":
                raise InvalidValue(f"{found.name} is bilateral: it has no involved side")
            exercise_id, name = found.id, found.name
        uow.involved_sides().set(lifter.id, exercise_id, side)
        uow.commit()
    return name
