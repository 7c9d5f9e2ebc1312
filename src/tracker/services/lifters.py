"""Lifters and their preferences."""

from __future__ import annotations

from tracker.adapters.orm import Lifter
from tracker.adapters.repository import DEFAULT_LIFTER, Repository
from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.units import Unit


def current_lifter(repo: Repository, name: str | None) -> Lifter:
    """The lifter a command works for; the default one is created on first use."""
    wanted = name or DEFAULT_LIFTER
    lifter = repo.lifter(wanted)
    if lifter is not None:
        return lifter
    if wanted != DEFAULT_LIFTER:
        raise NotFound(f'no lifter named "{wanted}"; add one with: tracker lifter add "{wanted}"')
    lifter = Lifter(name=DEFAULT_LIFTER, unit=Unit.KG.value)
    repo.add(lifter)
    repo.flush()
    return lifter


def add_lifter(uow: UnitOfWork, name: str, unit: str) -> Lifter:
    clean = name.strip()
    if not clean:
        raise InvalidValue("a lifter needs a name")
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
