"""Names for shell completion: exercises (with their aliases) and lifters."""

from __future__ import annotations

from tracker.adapters.unit_of_work import UnitOfWork


def exercise_names(uow: UnitOfWork) -> list[tuple[str, list[str]]]:
    """(name, aliases) of every exercise, sorted by name."""
    with uow:
        return sorted(uow.repo.exercise_names(), key=lambda pair: pair[0].lower())


def lifter_names(uow: UnitOfWork) -> list[str]:
    with uow:
        return [lifter.name for lifter in uow.repo.lifters()]
