"""Value objects of the training log."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from tracker.domain.units import Unit

DEFAULT_LIFTER = "me"  # whom a command works for when it names no lifter


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class SetKind(StrEnum):
    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"


class Laterality(StrEnum):
    BILATERAL = "bilateral"
    UNILATERAL = "unilateral"
    ALTERNATING = "alternating"


class Difficulty(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


@dataclass(frozen=True, slots=True)
class SetSpec:
    """One set as typed: reps (or a time or distance), and a load in a unit.

    A None load is bodyweight; ``8xBW-20`` (assisted) is bodyweight with load -20. Reps 0 with
    no time or distance is a failed attempt. A timed or distance set has reps 0 and its
    ``duration_s`` or ``distance`` (``distance_unit`` m, km or mi).
    """

    reps: int
    load: Decimal | None
    unit: Unit | None  # None: the lifter's default unit applies
    bodyweight: bool = False
    duration_s: Decimal | None = None  # exact seconds: 2.31 s stays 2.31
    distance: Decimal | None = None
    distance_unit: str | None = None
    # False when no load was typed at all ("12", "45s"): bodyweight, unless the exercise needs
    # a load. How it was typed, not what was lifted, so it takes no part in equality.
    load_given: bool = field(default=True, compare=False)

    @property
    def measured(self) -> bool:
        """A timed or distance set rather than reps."""
        return self.duration_s is not None or self.distance is not None

    @property
    def failed(self) -> bool:
        """A failed attempt: 0 reps, no time, no distance."""
        return self.reps == 0 and not self.measured
