"""What a logged load is per, and how a ratio turns a bilateral basis into a starting load.

One convention for every exercise (the way lifters and the apps they come from log):

- a dumbbell or kettlebell load is the weight of ONE implement, the number written on it; the
  catalog says how many the exercise holds (Bulgarian Split Squat: 2, One-Arm Row: 1);
- a machine, cable or bodyweight load (added weight) is what one side moves, without the sled
  (``side``); on a bilateral machine it is the whole stack (``total``);
- a barbell load is the whole bar (``bar``).

Ratios keep their published meaning. When the variant and its parent are both logged per
implement the ratio compares one implement with one implement (a One-Arm Row at 90-100 % of the
Dumbbell Row's dumbbell). Otherwise the ratio gives the variant's total external load from the
parent's logged load (Bulgarian Split Squat: 25-35 % of the back squat, both dumbbells
together), and the total is shared between the implements held: a 100 kg squat gives 25-35 kg,
12.5-17.5 kg per dumbbell, rounded down to the dumbbell step: 2 x 12 kg (24 kg total).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from tracker.domain.equipment import BAR_EQUIPMENT, FREE_WEIGHTS, Equipment, equipment_key
from tracker.domain.errors import InvalidValue
from tracker.domain.loads import Lightest, StartSuggestion, lightest_start, starting_load
from tracker.domain.model import Laterality
from tracker.domain.units import Unit, format_load


class LoadPer(StrEnum):
    IMPLEMENT = "implement"  # one dumbbell or kettlebell
    SIDE = "side"  # what one side moves on a machine, cable or with added weight
    BAR = "bar"  # the whole barbell
    TOTAL = "total"  # the whole stack of a bilateral machine, or any other total


MAX_IMPLEMENTS = 4
MAX_RATIO = Decimal("1.5")  # a one-sided variant at up to 150 % of the parent's load


def is_ratio(low: Decimal, high: Decimal) -> bool:
    """0 < low <= high <= MAX_RATIO: the one rule of a ratio, typed or restored."""
    return low.is_finite() and high.is_finite() and 0 < low <= high <= MAX_RATIO

# Body parts whose sides are legs: each leg's set carries every implement held (a walking
# lunge with 2 dumbbells moves both on every step), whichever side is logged.
CARRIED_BY_LEGS = frozenset({"legs"})


@dataclass(frozen=True, slots=True)
class LoadConvention:
    """What an exercise's logged load is per, and how many implements it holds."""

    per: LoadPer
    implements: int  # dumbbells or kettlebells held; 1 for a bar; 0 for machines and bodyweight
    implement_name: str = ""  # "dumbbell" or "kettlebell" when per is IMPLEMENT

    def total(self, load: Decimal) -> Decimal:
        """The total external load of a set logged at ``load``."""
        return load * self.implements if self.per is LoadPer.IMPLEMENT else load

    @property
    def per_implement(self) -> str | None:
        """ "dumbbell" or "kettlebell" when a logged load (and a volume from it) is one
        implement's; None otherwise. Reports label such figures "per dumbbell"."""
        return self.implement_name if self.per is LoadPer.IMPLEMENT else None

    def moved(self, laterality: str, body_part: str) -> int:
        """How many times a logged load counts in the volume of one set as lifted: the
        implements that set actually moved. Both dumbbells of a bench press or of a Bulgarian
        split squat (each leg's set carries both); but in an alternating lift of the arms each
        side's set moves only the implement in that hand (an alternating curl holds 2
        dumbbells, and each arm's 10 x 10 kg moves one: 100 kg, not 200). Loads not per
        implement count once."""
        if self.per is not LoadPer.IMPLEMENT:
            return 1
        if laterality == Laterality.ALTERNATING and body_part not in CARRIED_BY_LEGS:
            return max(1, self.implements // 2)
        return self.implements


def convention_for(
    equipment: str, laterality: str, per: str | None = None, implements: int | None = None
) -> LoadConvention:
    """The stored convention, or the one the equipment implies when a field is not stored.

    A dumbbell exercise holds two dumbbells when bilateral and one when one-sided; the catalog
    overrides that where it differs (a Bulgarian Split Squat holds two).
    """
    key = equipment_key(equipment)
    one_sided = laterality != Laterality.BILATERAL
    if per is None:
        if key in FREE_WEIGHTS:
            per = LoadPer.IMPLEMENT.value
        elif key in BAR_EQUIPMENT:
            per = LoadPer.BAR.value
        else:
            per = LoadPer.SIDE.value if one_sided else LoadPer.TOTAL.value
    kind = LoadPer(per)
    if implements is None:
        if kind is LoadPer.IMPLEMENT:
            implements = 1 if one_sided else 2
        else:
            implements = 1 if kind is LoadPer.BAR else 0
    check_implements(kind, implements)
    name = key if key in FREE_WEIGHTS else Equipment.DUMBBELL
    return LoadConvention(kind, implements, name if kind is LoadPer.IMPLEMENT else "")


def check_implements(per: LoadPer, implements: int) -> None:
    if not 0 <= implements <= MAX_IMPLEMENTS:
        raise InvalidValue(f"implements must be 0 to {MAX_IMPLEMENTS}, got {implements}")
    if per is LoadPer.IMPLEMENT and implements < 1:
        raise InvalidValue("a load per implement needs at least 1 implement")


@dataclass(frozen=True, slots=True)
class ConvertedStart:
    """A starting load in the unit the variant is logged in, with its total external load."""

    start: StartSuggestion  # low/high/suggested are per implement for dumbbells
    convention: LoadConvention
    per_implement_ratio: bool  # the ratio compared one implement with one implement
    total_raw_low: Decimal  # the ratio applied, before sharing between implements
    total_raw_high: Decimal

    @property
    def total(self) -> Decimal:
        return self.convention.total(self.start.suggested)


def start_for_variant(
    basis: Decimal,
    basis_unit: Unit,
    ratio: tuple[Decimal, Decimal],
    increment: Decimal,
    unit: Unit,
    sled: Decimal | None,
    variant: LoadConvention,
    parent: LoadConvention,
    lightest: Lightest = "step",
    bar: Decimal | None = None,
    body_weight: Decimal | None = None,
) -> ConvertedStart:
    """The variant's starting load from a parent basis, in the unit the variant is logged in.

    The basis must be positive: a ratio of nothing is no advice. A share that rounds down to
    nothing starts at ``lightest`` (loads.lightest_start), never at 0 kg, and a bar exercise
    never below the empty ``bar``. With ``body_weight`` the basis is the parent's effective
    load and the start is added to body weight (loads.starting_load).
    """
    if basis <= 0:
        raise InvalidValue(
            f"the basis load must be more than 0, got {format_load(basis)}: give a working "
            "weight you lifted, such as 100"
        )
    both_implements = variant.per is LoadPer.IMPLEMENT and parent.per is LoadPer.IMPLEMENT
    share = variant.implements if variant.per is LoadPer.IMPLEMENT and not both_implements else 1
    if share <= 1:
        result = starting_load(basis, basis_unit, ratio, increment, unit, sled, body_weight)
        start = lightest_start(result, lightest, bar)
        return ConvertedStart(start, variant, both_implements, result.raw_low, result.raw_high)
    # The ratio gives the total over `share` implements: share it out before rounding, so that
    # each implement rounds down to a weight the rack has (12.5 kg -> a 12 kg dumbbell).
    divisor = Decimal(share)
    low, high = ratio
    shares = (low / divisor, high / divisor)
    result = starting_load(basis, basis_unit, shares, increment, unit, sled)
    totals = (result.raw_low * divisor, result.raw_high * divisor)
    # Keep the ratio as published (the total's share) in what is shown.
    shown = lightest_start(replace(result, ratio_low=low, ratio_high=high), lightest)
    return ConvertedStart(shown, variant, False, *totals)


# The bilateral-deficit study the catalog's ratio notes cite (builtin.json), as they cite it.
COSTA_2015 = (
    'Costa, Moreira, Cavalcanti, Krinski and Aoki 2015, "Effect of unilateral and bilateral '
    "resistance exercise on maximal voluntary strength, total volume of load lifted, and "
    'perceptual and metabolic responses", Biology of Sport 32(1):35-40'
)

# A one-implement variant of a lift that holds one implement per hand (One-Arm Kettlebell Row
# from the Two-Arm Kettlebell Row): both log one implement, so the ratio compares one with
# one, as the built-in One-Arm Dumbbell Row (90-100 %) does.
PER_IMPLEMENT_RATIO = (Decimal("0.9"), Decimal("1.0"))


def per_implement_note(implement: str) -> str:
    """The ratio source of a ``PER_IMPLEMENT_RATIO``, in the style of the built-in notes."""
    return (
        f"The parent is logged as the weight of one {implement} (per hand), tracker's convention "
        f"for dumbbells and kettlebells, so the ratio compares one {implement} with one "
        f"{implement}; a one-arm lift is not half of a bilateral load (the per-limb share of "
        f"about half measured on machines, {COSTA_2015}, is of a load both limbs move "
        f"together). Start at 90-100% of the per-{implement} weight. Coaching estimate, not a "
        "measured value; edit with tracker exercises edit."
    )


def holds_one_per_hand(variant: LoadConvention, parent: LoadConvention) -> bool:
    """Whether both lifts log one implement and the parent holds one in each hand: then a
    share of the parent's logged load is a share of one hand's, not of a load to halve."""
    both = variant.per is LoadPer.IMPLEMENT and parent.per is LoadPer.IMPLEMENT
    return both and parent.implements >= 2


@dataclass(frozen=True, slots=True)
class RelatedBasis:
    """A related bilateral lift that may stand in for a parent that was never logged."""

    exercise: str
    factor: Decimal  # parent working weight = factor x the related lift's working weight
    why: str


# Documented fallbacks (README, "Load suggestions"). A Romanian Deadlift is lighter than a
# conventional Deadlift; 60 % is a conservative coaching assumption, not a measured value,
# chosen at the low end so that the start derived from it errs light.
RELATED_BASES: dict[str, RelatedBasis] = {
    "Romanian Deadlift": RelatedBasis(
        "Deadlift",
        Decimal("0.6"),
        "a Romanian Deadlift is taken as 60% of a Deadlift, a conservative assumption",
    ),
}
