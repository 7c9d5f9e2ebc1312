"""Names for shell completion: exercises (with their aliases), lifters and routines."""

from __future__ import annotations

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.services.lifters import find_lifter


def exercise_names(uow: AbstractUnitOfWork, lifter_name: str | None) -> list[tuple[str, list[str]]]:
    """(name, aliases) of every exercise the lifter sees, sorted by name (the read path: a
    Tab press at the gym must not wait for the ORM)."""
    with uow.reads() as reads:
        lifter = find_lifter(reads, lifter_name)
        names = reads.exercise_names(None if lifter is None else lifter.id)
    return sorted(names, key=lambda pair: pair[0].lower())


def lifter_names(uow: AbstractUnitOfWork) -> list[str]:
    with uow.reads() as reads:
        return [lifter.name for lifter in reads.lifters()]


def routine_names(uow: AbstractUnitOfWork, lifter_name: str | None) -> list[str]:
    """The lifter's routines, by name (none while the lifter does not exist)."""
    with uow.reads() as reads:
        lifter = find_lifter(reads, lifter_name)
        return [] if lifter is None else reads.routine_names(lifter.id)
