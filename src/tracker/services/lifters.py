"""Lifters and their preferences."""

from __future__ import annotations

from tracker.adapters.orm import Lifter
from tracker.adapters.repository import DEFAULT_LIFTER, Repository
from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.units import Unit


def current_lifter(repo: Repository, name: str | None) -> Lifter:
    """The lifter a command works for; the default one is created on first use."""
    lifter = _find_lifter(repo, name)
    repo.view_as(lifter)  # the command sees built-ins and this lifter's own exercises only
    return lifter


def _find_lifter(repo: Repository, name: str | None) -> Lifter:
    if name is None:  # a PostgreSQL role mapped to a lifter (admin grant) is that lifter
        mine = repo.lifter_for_current_role()
        if mine is not None:
            return mine
    wanted = name or DEFAULT_LIFTER
    lifter = repo.lifter(wanted)
    if lifter is not None:
        return lifter
    if wanted != DEFAULT_LIFTER:
        raise NotFound(f'no lifter named "{wanted}"; add one with: tracker lifter add "{wanted}"')
    return repo.add_lifter_if_missing(DEFAULT_LIFTER, Unit.KG.value)


def add_lifter(uow: UnitOfWork, name: str, unit: str) -> Lifter:
    clean = name.strip()
    if not clean:
        raise InvalidValue("a lifter needs a name")
    if len(clean) > 100:
        raise InvalidValue(f"a lifter name can have at most 100 characters, got {len(clean)}")
    with uow:
        if uow.repo.lifter(clean) is not None:
            raise Conflict(f'a lifter named "{clean}" already exists')
        lifter = Lifter(name=clean, unit=Unit.parse(unit).value)
        uow.repo.add(lifter)
        uow.commit()
        return lifter


def list_lifters(uow: UnitOfWork) -> list[tuple[str, str]]:
    with uow:
        current_lifter(uow.repo, None)  # make sure the default lifter exists
        uow.commit()
        return [(lifter.name, lifter.unit) for lifter in uow.repo.lifters()]


def set_unit(uow: UnitOfWork, lifter_name: str | None, unit: str) -> Unit:
    parsed = Unit.parse(unit)
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        lifter.unit = parsed.value
        uow.commit()
    return parsed


def get_unit(uow: UnitOfWork, lifter_name: str | None) -> Unit:
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        uow.commit()
        return Unit(lifter.unit)


def set_increment(
    uow: UnitOfWork, lifter_name: str | None, equipment: str, value: str
) -> tuple[str, str, str]:
    """A gym-wide load step for one kind of equipment, in kg or lb ("2.5kg", "5lb", "2.5")."""
    from tracker.domain.loads import equipment_key
    from tracker.domain.specs import parse_spec

    key = equipment_key(equipment)
    if key == "other" and equipment.strip().lower() != "other":
        raise InvalidValue(
            f'unknown equipment "{equipment}": use barbell, dumbbell, machine, cable, '
            "kettlebell, smith machine, band, bodyweight or other"
        )
    (spec,) = parse_spec(f"1x{value.strip()}")
    if spec.load is None or spec.load <= 0:
        raise InvalidValue(f'the increment must be a load above 0, such as 2.5kg, got "{value}"')
    with uow:
        unit = spec.unit or Unit(current_lifter(uow.repo, lifter_name).unit)
        step = f"{spec.load.normalize():f}"
        uow.repo.set_setting(f"increment.{key}.{unit.value}", step)
        uow.commit()
    return key, step, unit.value


def all_settings(uow: UnitOfWork, lifter_name: str | None) -> dict[str, str]:
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        settings = {"unit": lifter.unit}
        settings.update(sorted(uow.repo.settings("increment.").items()))
        uow.commit()
        return settings
