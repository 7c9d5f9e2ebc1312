"""Estimated one-rep max (e1RM) from a set of ``reps`` at ``load``.

Seven published formulas, all in Decimal arithmetic. Results are unrounded (current decimal
context precision, 28 significant digits by default); round only for display. Exponentials and
powers use ``Decimal.exp()`` and ``Decimal ** Decimal``, which are correctly rounded to the context
precision, so no float ever touches a load.

Estimates are only trustworthy for low rep counts: linear formulas lose accuracy beyond about
10 reps (Reynolds et al. 2006; Brzycki 1993), hence ``RELIABLE_MAX_REPS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from tracker.domain.errors import InvalidValue

Formula = Callable[[Decimal, int], Decimal]

DEFAULT_FORMULA = "epley"
RELIABLE_MAX_REPS = 12
_HUNDRED = Decimal(100)


def _check(load: Decimal, reps: int) -> None:
    """Reject inputs no formula can use."""
    if reps < 1:
        raise InvalidValue(f"reps must be at least 1 to estimate a 1RM, got {reps}")
    if load < 0:
        raise InvalidValue(f"load must not be negative, got {load}")


def epley(load: Decimal, reps: int) -> Decimal:
    """Epley (1985): w x (1 + r/30); a single rep is the 1RM itself.

    The raw formula gives 1.033w at r = 1, which would claim a lifter can beat the max they
    just performed; most apps special-case it, and so do we.
    """
    _check(load, reps)
    if reps == 1:
        return load
    # Multiply before dividing so that exact cases (e.g. 60 x 10 -> 80) stay exact.
    return load * (30 + reps) / 30


def brzycki(load: Decimal, reps: int) -> Decimal:
    """Brzycki (1993): w x 36 / (37 - r); undefined from r = 37 on (singular, then negative)."""
    _check(load, reps)
    if reps >= 37:
        raise InvalidValue(f"Brzycki is undefined for {reps} reps: it needs fewer than 37")
    return load * 36 / (37 - reps)


def lander(load: Decimal, reps: int) -> Decimal:
    """Lander (1985): 100w / (101.3 - 2.67123r); undefined from r = 37.92 on."""
    _check(load, reps)
    denominator = Decimal("101.3") - Decimal("2.67123") * reps
    if denominator <= 0:
        raise InvalidValue(f"Lander is undefined for {reps} reps: it needs fewer than 38")
    return _HUNDRED * load / denominator


def lombardi(load: Decimal, reps: int) -> Decimal:
    """Lombardi (1989): w x r^0.10 (very flat at high reps)."""
    _check(load, reps)
    return load * Decimal(reps) ** Decimal("0.10")


def mayhew(load: Decimal, reps: int) -> Decimal:
    """Mayhew et al. (1992): 100w / (52.2 + 41.9 e^(-0.055r))."""
    _check(load, reps)
    decay = (Decimal("-0.055") * reps).exp()
    return _HUNDRED * load / (Decimal("52.2") + Decimal("41.9") * decay)


def oconner(load: Decimal, reps: int) -> Decimal:
    """O'Conner et al. (1989): w x (1 + r/40); the most conservative of the seven."""
    _check(load, reps)
    return load * (40 + reps) / 40


def wathan(load: Decimal, reps: int) -> Decimal:
    """Wathan (1994): 100w / (48.8 + 53.8 e^(-0.075r))."""
    _check(load, reps)
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
    """Estimated 1RM of ``reps`` at ``load`` with the named formula (default Epley)."""
    return formula_for(formula)(load, reps)


def is_reliable(reps: int) -> bool:
    """True when a set has few enough reps (1..12) for its e1RM to be worth reporting."""
    return 1 <= reps <= RELIABLE_MAX_REPS


def best_estimate(
    sets: Iterable[tuple[int, Decimal]], formula: str = DEFAULT_FORMULA
) -> Decimal | None:
    """The highest e1RM over (reps, load) pairs; sets without reps or load do not count."""
    estimates = [estimate_1rm(load, reps, formula) for reps, load in sets if reps > 0 and load > 0]
    return max(estimates, default=None)


# The most reps each formula can estimate from: Brzycki's denominator 37 - r is zero at 37,
# Lander's 101.3 - 2.67123 r at 37.92. Beyond, a set is left out of the estimate (with a note).
_MAX_REPS = {"brzycki": 36, "lander": 37}


def max_reps_for(formula: str) -> int | None:
    """The highest rep count ``formula`` is defined for; None when it has no limit."""
    return _MAX_REPS.get(formula.strip().lower().replace("'", ""))
