"""Plate maths: which plates to put on each side of a bar, or on each horn of a machine.

Exact Decimal arithmetic throughout. A target that the plates cannot make gives the nearest
loadable weight instead (the lighter one on a tie: a little light is safe, a little heavy is
not). A gym may have a limited number of each plate; plates go on in pairs, one per side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.specs import MAX_LOAD, MAX_LOAD_PLACES
from tracker.domain.units import Unit, format_load

# Usual commercial sets (domain-science 6.1): a 20 kg / 45 lb bar and these plates.
DEFAULT_BAR = {Unit.KG: Decimal(20), Unit.LB: Decimal(45)}
DEFAULT_PLATES = {
    Unit.KG: tuple(Decimal(p) for p in ("25", "20", "15", "10", "5", "2.5", "1.25")),
    Unit.LB: tuple(Decimal(p) for p in ("45", "35", "25", "10", "5", "2.5")),
}
# Beyond this many plates per side no real bar or horn is loaded; it also bounds the search.
MAX_PLATES_PER_SIDE = 20


@dataclass(frozen=True)
class Plate:
    """A plate weight and how many the gym has (None: as many as needed)."""

    weight: Decimal
    count: int | None = None

    @property
    def pairs(self) -> int:
        """How many can go on each side: plates are loaded in pairs."""
        return MAX_PLATES_PER_SIDE if self.count is None else self.count // 2


@dataclass(frozen=True)
class Loading:
    """The plates for one side, heaviest first, and the total they make.

    `total` is what the lifter moves as the target counts it: bar plus both sides for a barbell,
    plates on both horns for a plate-loaded machine.
    """

    target: Decimal
    total: Decimal
    per_side: tuple[Decimal, ...]
    bar: Decimal  # 0 for a machine: the sled is never counted as plates

    @property
    def exact(self) -> bool:
        return self.total == self.target


def parse_plates(text: str) -> tuple[Plate, ...]:
    """`25,20,15,10,5,2.5,1.25` or, with how many the gym has, `25x4,20x2,1.25x2`."""
    plates: dict[Decimal, Plate] = {}
    for item in text.replace(" ", "").split(","):
        if not item:
            continue
        weight_text, times, count_text = item.lower().partition("x")
        weight = _decimal(weight_text, item)
        count = None
        if times:
            if not count_text.isdigit() or int(count_text) < 1:
                raise InvalidValue(f'plate "{item}": write WEIGHTxCOUNT such as 25x4')
            count = int(count_text)
        if weight <= 0:
            raise InvalidValue(f'plate "{item}" must weigh more than 0')
        if weight in plates:
            raise InvalidValue(f"plate {format_load(weight)} is listed twice")
        plates[weight] = Plate(weight, count)
    if not plates:
        raise InvalidValue("give at least one plate, e.g. 25,20,15,10,5,2.5,1.25")
    return tuple(sorted(plates.values(), key=lambda p: p.weight, reverse=True))


def format_plates(plates: Sequence[Plate]) -> str:
    """The text parse_plates reads back."""
    return ",".join(
        format_load(p.weight, 3) + ("" if p.count is None else f"x{p.count}") for p in plates
    )


def _decimal(text: str, item: str) -> Decimal:
    try:
        value = Decimal(text)
    except ArithmeticError:
        raise InvalidValue(f'can\'t read plate "{item}": give a weight such as 2.5') from None
    if not value.is_finite():
        raise InvalidValue(f'can\'t read plate "{item}": give a weight such as 2.5')
    # As a load is typed (specs): a plate stored rounded (0.0004 -> 0) could not be read back,
    # and every `plates` and a backup's restore would then fail on it.
    if value > MAX_LOAD or value != value.quantize(Decimal(1).scaleb(-MAX_LOAD_PLACES)):
        raise InvalidValue(
            f'plate "{item}": give a weight up to {MAX_LOAD} with at most {MAX_LOAD_PLACES} '
            "decimals"
        )
    return value


def barbell_loading(target: Decimal, bar: Decimal, plates: Sequence[Plate]) -> Loading:
    """Plates per side for `target` on a bar weighing `bar` (the target includes the bar)."""
    if bar < 0:
        raise InvalidValue("the bar can't weigh less than 0")
    side = _nearest_side((target - bar) / 2, plates)
    return Loading(target, bar + 2 * sum(side, Decimal(0)), side, bar)


def machine_loading(target: Decimal, plates: Sequence[Plate]) -> Loading:
    """Plates per horn for `target` as logged on a plate-loaded machine (sled not counted)."""
    side = _nearest_side(target / 2, plates)
    return Loading(target, 2 * sum(side, Decimal(0)), side, Decimal(0))


def _nearest_side(wanted: Decimal, plates: Sequence[Plate]) -> tuple[Decimal, ...]:
    """The plates whose sum is nearest `wanted` (lighter on a tie), fewest plates first."""
    if wanted <= 0:
        return ()
    scale = _scale([p.weight for p in plates] + [wanted])
    goal = int(wanted * scale)  # exact: scale makes every value an integer
    largest = max(int(p.weight * scale) for p in plates)
    reachable = _reachable_sums(plates, scale, goal + largest)
    best = min(reachable, key=lambda total: (abs(total - goal), total))
    return tuple(Decimal(w) / scale for w in reachable[best])


def _scale(values: Sequence[Decimal]) -> int:
    """A power of ten that turns every value into a whole number."""
    places = max(max(0, -int(v.normalize().as_tuple().exponent)) for v in values)
    scale: int = 10**places
    return scale


def _reachable_sums(plates: Sequence[Plate], scale: int, limit: int) -> dict[int, tuple[int, ...]]:
    """Every per-side sum up to `limit` with the plates that make it.

    A dynamic programme over plate kinds (heaviest first) with bounded counts; for each sum it
    keeps the fewest plates, then the heaviest ones, so the answer is what a lifter would load.
    """
    reachable: dict[int, tuple[int, ...]] = {0: ()}
    for plate in sorted(plates, key=lambda p: p.weight, reverse=True):
        weight = int(plate.weight * scale)
        grown = dict(reachable)
        for total, used in reachable.items():
            for n in range(1, plate.pairs + 1):
                new_total = total + n * weight
                if new_total > limit or len(used) + n > MAX_PLATES_PER_SIDE:
                    break
                candidate = used + (weight,) * n
                known = grown.get(new_total)
                if known is None or _better(candidate, known):
                    grown[new_total] = candidate
        reachable = grown
    return reachable


def _better(candidate: tuple[int, ...], known: tuple[int, ...]) -> bool:
    if len(candidate) != len(known):
        return len(candidate) < len(known)
    return candidate > known  # heavier plates first in both: lexicographic is heaviest-first
