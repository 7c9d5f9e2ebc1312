"""Names for shell completion: exercises (with their aliases) and lifters."""

from __future__ import annotations

from tracker.adapters.unit_of_work import AbstractUnitOfWork


def exercise_names(uow: AbstractUnitOfWork) -> list[tuple[str, list[str]]]:
    """(name, aliases) of every exercise, sorted by name."""
    with uow:
        return sorted(uow.repo.exercise_names(), key=lambda pair: pair[0].lower())


def lifter_names(uow: AbstractUnitOfWork) -> list[str]:
    with uow.reads() as reads:
        return [lifter.name for lifter in reads.lifters()]
