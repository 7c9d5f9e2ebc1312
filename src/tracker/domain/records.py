"""New bests: which logged sets beat the best estimated 1RM before them (pure rules)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.e1rm import estimate_1rm
from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit, convert


@dataclass(frozen=True, slots=True)
class LoggedSet:
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    kind: SetKind


def counts_for_best(kind: SetKind, load: Decimal, reps: int) -> bool:
    """Warm-ups, failed attempts (0 reps), bodyweight and assisted sets give no estimate."""
    return kind is not SetKind.WARMUP and load > 0 and reps > 0


def best_by_side(
    tops: Iterable[tuple[Side | None, int, Unit, Decimal]], unit: Unit
) -> dict[Side | None, Decimal]:
    """The best Epley e1RM per side from the heaviest load per (side, reps, unit)."""
    bests: dict[Side | None, Decimal] = {}
    for side, reps, row_unit, top in tops:
        if reps < 1 or top <= 0:
            continue
        value = estimate_1rm(convert(top, row_unit, unit), reps)
        if value > bests.get(side, Decimal(0)):
            bests[side] = value
    return bests


def new_bests(
    sets: Sequence[LoggedSet], bests: dict[Side | None, Decimal], unit: Unit
) -> list[bool]:
    """For each set, whether it beats the best before it (earlier sets of the batch included).

    The first sets ever logged on a side are not "new bests": there was nothing to beat.
    """
    running = dict(bests)
    flags = []
    for done in sets:
        previous = running.get(done.side)
        if previous is None or not counts_for_best(done.kind, done.load, done.reps):
            flags.append(False)
            continue
        value = estimate_1rm(convert(done.load, done.unit, unit), done.reps)
        flags.append(value > previous)
        if value > previous:
            running[done.side] = value
    return flags
