"""A lifter's body weight log and involved (injured) sides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.bodyweight import BodyWeight, check_body_weight
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.model import DEFAULT_LIFTER, Side
from tracker.domain.units import Unit
from tracker.services.catalog import resolve_exercise
from tracker.services.history_settings import KEEP, Keep, record_involved, record_weigh_in
from tracker.services.lifters import current_lifter


def add_body_weight(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    weight: Decimal,
    unit: str | None,
    at: datetime,
) -> BodyWeight:
    """Log a weigh-in (in the lifter's unit unless ``unit`` says otherwise)."""
    check_body_weight(weight)
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        entry = BodyWeight(at, weight, Unit.parse(unit) if unit else Unit(lifter.unit))
        weigh_in_id = uow.body_weights().add(lifter.id, entry.measured_at, entry.weight, entry.unit)
        record_weigh_in(uow.journal, lifter, weigh_in_id)
        uow.commit()
    return entry


def list_body_weights(uow: AbstractUnitOfWork, lifter_name: str | None) -> list[BodyWeight]:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        entries = uow.body_weights().of_lifter(lifter.id)
        uow.commit()
    return entries


@dataclass(frozen=True, slots=True)
class InvolvedSet:
    exercise: str | None  # the exercise's catalog name; None: every exercise
    # An exercise's own side set without a date of its own: every exercise's injury date,
    # which no longer applies to it (its EPIC needs a date of its own).
    shadowed_date: date | None = None


def set_involved(
    uow: AbstractUnitOfWork,
    lifter_name: str,
    side: Side | None | Keep,
    exercise: str | None,
    injury_date: date | None | Keep = KEEP,
) -> InvolvedSet:
    """Keep the lifter's involved side (for one exercise, or all) and its injury date, the
    date that ends the pre-injury reference of `report imbalance`'s EPIC; None forgets
    either, KEEP leaves it as it is. A date needs an involved side there (given or kept)."""
    if side is None and injury_date is not KEEP and injury_date is not None:
        raise InvalidValue("--involved none forgets the injury date too: give no --injury-date")
    with uow:
        wanted = lifter_name.strip()
        lifter = uow.lifters.lifter(wanted)
        if lifter is None and wanted == DEFAULT_LIFTER:
            lifter = current_lifter(uow.lifters, DEFAULT_LIFTER)  # made on first use, as elsewhere
        if lifter is None:
            raise NotFound(f'no lifter named "{wanted}"')
        uow.lifters.view_as(lifter)  # the exercise as this lifter sees it: their own custom ones
        chosen: tuple[int, str] | None = None  # the exercise's id and name; None: every one
        if exercise is not None:
            found = resolve_exercise(uow.catalog, exercise)
            if found.laterality == "bilateral":
                raise InvalidValue(f"{found.name} is bilateral: it has no involved side")
            chosen = (found.id, found.name)
        exercise_id = chosen[0] if chosen else None
        record_involved(uow, lifter, chosen, side, injury_date)
        sides = uow.involved_sides()
        if side is not KEEP:
            sides.set(lifter.id, exercise_id, side)
        if injury_date is not KEEP and side is not None:
            if not sides.set_injury_date(lifter.id, exercise_id, injury_date):
                where = chosen[1] if chosen else "every exercise"
                everyone = sides.of_lifter(lifter.id).get(None) if chosen else None
                if everyone is not None:  # the side it has is every exercise's
                    raise InvalidValue(
                        f"{where} has no involved side of its own (every exercise's, "
                        f"{everyone.value}, applies): give --involved {everyone.value} with "
                        "--injury-date for it alone, or leave out --exercise"
                    )
                raise InvalidValue(
                    f"no involved side for {where}: give --involved left or right with "
                    "--injury-date"
                )
        shadowed = None
        if chosen and isinstance(side, Side) and injury_date is KEEP:
            dates = sides.injury_dates(lifter.id)
            shadowed = None if exercise_id in dates else dates.get(None)
        uow.commit()
    return InvolvedSet(chosen[1] if chosen else None, shadowed)


def involved_by_exercise(uow: AbstractUnitOfWork, lifter_name: str) -> list[tuple[str, Side]]:
    """The involved sides a lifter keeps for single exercises, by exercise name: they still
    apply after the side for every exercise is cleared."""
    with uow:
        lifter = uow.lifters.lifter(lifter_name.strip())
        if lifter is None:
            return []
        kept = uow.involved_sides().of_lifter(lifter.id)
        named = [(uow.catalog.exercise_by_id(ex_id), side) for ex_id, side in kept.items() if ex_id]
        return sorted((exercise.name, side) for exercise, side in named if exercise is not None)
