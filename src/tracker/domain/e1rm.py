"""Estimated one-rep max (e1RM) from a set of ``reps`` at ``load``.

Seven published formulas, all in Decimal arithmetic. Every estimate is held at 1e-12 of its
unit (:func:`held`) and otherwise unrounded; round further only for display. Exponentials and
powers use ``Decimal.exp()`` and ``Decimal ** Decimal``, which are correctly rounded to the context
precision, so no float ever touches a load.

Two rules hold for every formula (domain-science 2.3):
- a single is the load itself: the raw formulas give 1.0139w (Lander) to 1.0886w (Mayhew) at
  r = 1, which would claim a lifter can beat the max they just performed;
- a formula is used for sets of 1 to ``MAX_REPS`` (12) reps only. Linear formulas lose accuracy
  beyond about 10 reps ("no more than 10 repetitions should be used in linear equations",
  Reynolds, Gordon & Robergs 2006; Brzycki 1993), and Brzycki and Lander blow up towards their
  poles (36 x 40 kg is 1,440 kg by Brzycki). ``estimate_in_range`` leaves
  a set beyond that out; the raw functions stay defined up to their poles for the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from functools import wraps

from tracker.domain.errors import InvalidValue

Formula = Callable[[Decimal, int], Decimal]

DEFAULT_FORMULA = "epley"
# Every formula is used for 1..MAX_REPS reps (domain-science 2.3; the README cites it).
MAX_REPS = 12
_HUNDRED = Decimal(100)
# Decimal keeps 28 significant digits, so a repeating e1RM is rounded in its last digit, and
# two orders of the same arithmetic (convert then estimate, or estimate in kg then convert, as
# the reports' SQL path does) can differ there: 8 x 175 lb is 221.666...67 one way, ...66 the
# other. Every e1RM is held at 1e-12 of its unit, which maps both onto one value: a linear
# e1RM is a rational whose denominator divides 40,000 x 45,359,237, so when it is not exactly
# on a half-way point of the quantum it is at least 1/(2e12 x 1.9e12), about 2.7e-25, from
# one, far more than the last-digit error of any load below 10,000 (about 1e-23).
E1RM_QUANTUM = Decimal("1e-12")


def held(e1rm: Decimal) -> Decimal:
    """An e1RM held at :data:`E1RM_QUANTUM` (half-even); a value already that exact is kept
    as it is (80 stays 80)."""
    quantized = e1rm.quantize(E1RM_QUANTUM, rounding=ROUND_HALF_EVEN)
    return e1rm if quantized == e1rm else quantized


def _single_is_the_load(raw: Formula) -> Formula:
    """The formula with the inputs no formula can use refused, and a single rep giving the
    load itself."""

    @wraps(raw)
    def formula(load: Decimal, reps: int) -> Decimal:
        if reps < 1:
            raise InvalidValue(f"reps must be at least 1 to estimate a 1RM, got {reps}")
        if load < 0:
            raise InvalidValue(f"load must not be negative, got {load}")
        return load if reps == 1 else raw(load, reps)

    return formula


@_single_is_the_load
def epley(load: Decimal, reps: int) -> Decimal:
    """Epley (1985): w x (1 + r/30) (1.033w at r = 1, hence the single rule)."""
    # Multiply before dividing so that exact cases (e.g. 60 x 10 -> 80) stay exact.
    return load * (30 + reps) / 30


def epley_reps(one_rm: Decimal, load: Decimal) -> int:
    """Epley inverted: the whole reps it predicts at ``load`` for ``one_rm``, rounded down
    (r = 30 x (1RM / w - 1)), held first (:func:`held`): a repeating e1RM must give back its
    own reps, not one fewer (21.333... at 20 kg is 2 reps, not 1.999...)."""
    return int(held(30 * (one_rm / load - 1)).to_integral_value(rounding=ROUND_FLOOR))


@_single_is_the_load
def brzycki(load: Decimal, reps: int) -> Decimal:
    """Brzycki (1993): w x 36 / (37 - r); undefined from r = 37 on (singular, then negative)."""
    if reps >= 37:
        raise InvalidValue(f"Brzycki is undefined for {reps} reps: it needs fewer than 37")
    return load * 36 / (37 - reps)


@_single_is_the_load
def lander(load: Decimal, reps: int) -> Decimal:
    """Lander (1985): 100w / (101.3 - 2.67123r); undefined from r = 37.92 on."""
    denominator = Decimal("101.3") - Decimal("2.67123") * reps
    if denominator <= 0:
        raise InvalidValue(f"Lander is undefined for {reps} reps: it needs fewer than 38")
    return _HUNDRED * load / denominator


@_single_is_the_load
def lombardi(load: Decimal, reps: int) -> Decimal:
    """Lombardi (1989): w x r^0.10 (very flat at high reps)."""
    return load * Decimal(reps) ** Decimal("0.10")


@_single_is_the_load
def mayhew(load: Decimal, reps: int) -> Decimal:
    """Mayhew et al. (1992): 100w / (52.2 + 41.9 e^(-0.055r))."""
    decay = (Decimal("-0.055") * reps).exp()
    return _HUNDRED * load / (Decimal("52.2") + Decimal("41.9") * decay)


@_single_is_the_load
def oconner(load: Decimal, reps: int) -> Decimal:
    """O'Conner et al. (1989): w x (1 + r/40); the most conservative of the seven."""
    return load * (40 + reps) / 40


@_single_is_the_load
def wathan(load: Decimal, reps: int) -> Decimal:
    """Wathan (1994): 100w / (48.8 + 53.8 e^(-0.075r))."""
    decay = (Decimal("-0.075") * reps).exp()
    return _HUNDRED * load / (Decimal("48.8") + Decimal("53.8") * decay)


FORMULAS: dict[str, Formula] = {
    "epley": epley,
    "brzycki": brzycki,
    "lander": lander,
    "lombardi": lombardi,
    "mayhew": mayhew,
    "oconner": oconner,
    "wathan": wathan,
}


def formula_for(name: str) -> Formula:
    """Look a formula up by name, forgiving case, spaces and the apostrophe in O'Conner."""
    key = name.strip().lower().replace("'", "")
    try:
        return FORMULAS[key]
    except KeyError:
        valid = ", ".join(FORMULAS)
        raise InvalidValue(f"unknown e1RM formula {name!r}: use one of {valid}") from None


def estimate_1rm(load: Decimal, reps: int, formula: str = DEFAULT_FORMULA) -> Decimal:
    """Estimated 1RM of ``reps`` at ``load`` with the named formula (default Epley), held at
    1e-12 of the load's unit."""
    return held(formula_for(formula)(load, reps))


def in_range(reps: int) -> bool:
    """True when a set has 1..12 reps: the only sets any formula estimates from."""
    return 1 <= reps <= MAX_REPS


is_reliable = in_range  # the reports' "reliable" flag: every estimate is now in range


def estimate_in_range(load: Decimal, reps: int, formula: str = DEFAULT_FORMULA) -> Decimal | None:
    """The e1RM of a set that may decide an estimate, or None: no reps, no load, or more than
    ``MAX_REPS`` reps (such a set never decides an estimate)."""
    if not in_range(reps) or load <= 0:
        return None
    return estimate_1rm(load, reps, formula)


