"""A routine stored from plain values, so that a service builds no ORM rows itself.

Beside `repository.py` (the general store): a restore names each item by its exercise, set
count, rep range and rest, and the routine's rows are made here.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.adapters.orm import Exercise, Lifter, Routine, RoutineItem
from tracker.adapters.repository import AbstractRepository

# One item: (exercise, sets, rep range or None, rest in seconds or None).
ItemValues = tuple[Exercise, int, tuple[int, int] | None, int | None]


def add_routine(
    repo: AbstractRepository, lifter: Lifter, name: str, items: Iterable[ItemValues]
) -> None:
    """Store the routine ``name`` of ``items`` in order, flushed: the next look-up sees it."""
    routine = Routine(lifter_id=lifter.id, name=name)
    for position, (exercise, sets, rep_range, rest_s) in enumerate(items):
        low, high = rep_range or (None, None)
        routine.items.append(
            RoutineItem(
                exercise=exercise,
                position=position,
                sets=sets,
                rep_low=low,
                rep_high=high,
                rest_s=rest_s,
            )
        )
    repo.add(routine)
    repo.flush()
