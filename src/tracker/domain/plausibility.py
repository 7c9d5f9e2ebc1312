"""Is a set typed at entry plausible, or a typo (`10x1100` for `10x110`, `100x10` for `10x100`)?

A working set is questioned when, against the lifter's working sets of the same exercise, its
effective load (body weight included, in kg) is more than twice the heaviest or less than 0.4
of the lightest, or its reps are more than three times the most and above 30. Warm-ups are
neither checked nor counted; an exercise's first set meets only the absolute limits of the set
syntax (reps up to 100, loads up to 2000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.units import Unit, convert, format_load

LOAD_ABOVE = Decimal(2)  # more than twice the heaviest
LOAD_BELOW = Decimal("0.4")  # less than 0.4 of the lightest
REPS_ABOVE = 3  # more than three times the most reps ...
REPS_FLOOR = 30  # ... and above 30 (a 10-rep lifter may well do 25 on a light day)


@dataclass(frozen=True, slots=True)
class Known:
    """What the check needs of the working sets stored so far: loads in kg, None if none.

    Loads of 0 (a cardio set, a bodyweight set without a weigh-in) take no part.
    """

    heaviest: Decimal | None = None
    lightest: Decimal | None = None
    most_reps: int = 0

    def with_set(self, load_kg: Decimal | None, reps: int) -> Known:
        """These sets plus one more (a command's later sets meet its earlier ones)."""
        if load_kg is None or load_kg <= 0:
            return Known(self.heaviest, self.lightest, max(self.most_reps, reps))
        return Known(
            load_kg if self.heaviest is None else max(self.heaviest, load_kg),
            load_kg if self.lightest is None else min(self.lightest, load_kg),
            max(self.most_reps, reps),
        )


def effective_kg(
    load: Decimal, unit: Unit, bodyweight: bool, body_weight_kg: Decimal | None
) -> Decimal | None:
    """What a set moves in kg: its load, or body weight plus the added load (None: a
    bodyweight set without a weigh-in, whose load is unknown)."""
    added = convert(load, unit, Unit.KG)
    if not bodyweight:
        return added
    return None if body_weight_kg is None else body_weight_kg + added


def doubt(known: Known, load_kg: Decimal | None, reps: int, unit: Unit) -> str | None:
    """Why a working set of effective load ``load_kg`` and ``reps`` looks like a typo against
    ``known`` (figures shown in ``unit``), or None when it is plausible."""
    if load_kg is not None and load_kg > 0:
        if known.heaviest is not None and load_kg > LOAD_ABOVE * known.heaviest:
            return f"more than twice your heaviest ({_shown(known.heaviest, unit)})"
        if known.lightest is not None and load_kg < LOAD_BELOW * known.lightest:
            return f"less than 0.4 of your lightest ({_shown(known.lightest, unit)})"
    if known.most_reps and reps > REPS_ABOVE * known.most_reps and reps > REPS_FLOOR:
        return f"more than 3 times your most reps ({known.most_reps})"
    return None


def _shown(kg: Decimal, unit: Unit) -> str:
    return f"{format_load(convert(kg, Unit.KG, unit))} {unit}"
