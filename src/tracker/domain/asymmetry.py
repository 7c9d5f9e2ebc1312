"""Left/right asymmetry of a unilateral lift, for one session and across sessions.

For unilateral tests (each side logged on its own) Bishop et al. (SCJ 2018) recommend the
percentage difference (max - min) / max x 100, which is exactly 100 - LSI where
LSI = weaker / stronger x 100. Both need no reference limb, so swapping left and right never
changes them. Thresholds follow the clinical LSI bands: >= 90 balanced, 85..90 watch, < 85
imbalanced (Gokeler 2017; PMC8127385).

Asymmetry scores are noisy: a 10-15 % difference in one session is within measurement noise
(MDC 13.9-22.9 %, dominance reversed between sessions in 21-38 % of people), so the session
trend below asks whether the same side is weaker again and again before calling it a pattern.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from enum import Enum, StrEnum
from fractions import Fraction

from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.units import round_display

_HUNDRED = Decimal(100)
BALANCED_MIN_LSI = Decimal(90)
WATCH_MIN_LSI = Decimal(85)
# A difference below this, seen in fewer than NOISE_MIN_SESSIONS sessions, is within noise.
NOISE_ASYMMETRY_PCT = Decimal(15)
NOISE_MIN_SESSIONS = 3
# Share of differing sessions that must agree on the weaker side once there are enough of them.
# Limb dominance reverses between sessions in 21-38% of people (domain-science 1.4): one
# contrary session in three is not enough to call a side weaker; one in four or more is.
MAJORITY_SHARE = Fraction(3, 4)
MAJORITY_MIN_SESSIONS = 4


class Verdict(Enum):
    """What the headline says about the latest sessions (tracker.wording.asymmetry writes it)."""

    NO_DATA = "no_data"  # no session has both sides measured this way
    NO_DIFFERENCE = "no_difference"  # no session had a weaker side
    TOO_FEW = "too_few"  # one side weaker, but in too few of the sessions
    SWAPPED = "swapped"  # each side weaker in some of the sessions
    EQUAL = "equal"  # one side weaker in the sessions, the figures over them equal
    LOWER_ON_OTHER = "lower_on_other"  # one side weaker in the sessions, the other lower overall
    WEAKER = "weaker"  # a consistent weaker side
    WITHIN_NOISE = "within_noise"  # a consistent weaker side, by a difference within noise


class Status(StrEnum):
    """The band of an LSI. With an involved side the LSI may exceed 100 and the band is that of
    its asymmetry |100 - LSI|: 90-110 balanced, 85-90 and 110-115 watch, beyond imbalanced
    (an involved side far stronger is as abnormal as one far weaker: Parkinson et al. 2021
    list < 90 % or > 110 %, and < 85 % or > 115 %, as abnormal)."""

    BALANCED = "balanced"  # LSI >= 90
    WATCH = "watch"  # 85 <= LSI < 90
    IMBALANCED = "imbalanced"  # LSI < 85


def _check(left: Decimal | None, right: Decimal | None) -> None:
    """Negative strength values are a caller bug, not an asymmetry."""
    for value in (left, right):
        if value is not None and value < 0:
            raise InvalidValue(f"a side's value must not be negative, got {value}")


def lsi(left: Decimal | None, right: Decimal | None) -> Decimal | None:
    """Limb symmetry index, weaker / stronger x 100, in 0..100.

    None when a side is missing or both are 0 (nothing to compare).
    """
    _check(left, right)
    if left is None or right is None:
        return None
    stronger, weaker = max(left, right), min(left, right)
    if stronger == 0:
        return None
    # Multiply first: weaker * 100 / stronger is exact whenever the ratio is (e.g. 85/100).
    return weaker * _HUNDRED / stronger


def weaker_side(left: Decimal | None, right: Decimal | None) -> Side | None:
    """The side with the lower value; None when they are equal or one is missing."""
    _check(left, right)
    if left is None or right is None or left == right:
        return None
    return Side.LEFT if left < right else Side.RIGHT


# Decimal arithmetic keeps 28 significant digits, so a repeating fraction is rounded in its
# last digit: 8 x 100 kg by Epley is 126.666...667, and 8 x 90 kg against it gives an LSI of
# 89.999...98 where the exact value is 90. Banding the LSI at 10 decimals (1e-10, far below
# any difference loads and reps can make, far above that rounding) keeps exact thresholds
# exact: no float and no last-digit rounding decides a status.
_BANDING_QUANTUM = Decimal("1e-10")


def _banded(index: Decimal) -> Decimal:
    """An LSI at the banding quantum (half-even): what its status and its display both read,
    so an exactly half-way LSI (5.67 against 18.666...67 is 30.375) shows half-up (30.38)
    even where its e1RMs' last digits put it a hair below (30.37499...). (An e1RM is held at
    1e-12 of its unit, domain.e1rm, which moves an LSI far less than this quantum.)"""
    return index.quantize(_BANDING_QUANTUM, rounding=ROUND_HALF_EVEN)


def at_least(index: Decimal, threshold: Decimal) -> bool:
    """An LSI-like figure against a threshold, at the banding quantum (exact thresholds stay
    exact)."""
    return _banded(index) >= threshold


def status_for(index: Decimal) -> Status:
    """Band an LSI: >= 90 balanced, >= 85 watch, otherwise imbalanced."""
    banded = _banded(index)
    if banded >= BALANCED_MIN_LSI:
        return Status.BALANCED
    if banded >= WATCH_MIN_LSI:
        return Status.WATCH
    return Status.IMBALANCED


def band_of(index: Decimal, involved: bool = False) -> Status:
    """The status of an LSI; with an involved side (the LSI may exceed 100) the band of its
    asymmetry |100 - LSI| (110.5 is watch like 89.5)."""
    return status_for(_HUNDRED - abs(_HUNDRED - index)) if involved else status_for(index)


def shown_lsi(index: Decimal, places: int, involved: bool = False) -> Decimal:
    """An LSI rounded for display (half-up) to ``places`` decimals, never onto a band edge the
    exact value is not on: when plain rounding would change the band (84.997 -> 85.00, watch,
    for an imbalanced value), it rounds toward the exact value instead (84.99), so the digits
    and the status agree. Text shows 1 decimal, JSON 2; every view calls this."""
    rounded = round_display(_banded(index), places)
    if band_of(rounded, involved) is band_of(index, involved):
        return rounded
    toward = ROUND_FLOOR if rounded > index else ROUND_CEILING
    return index.quantize(Decimal(1).scaleb(-places), rounding=toward)


def shown_asymmetry(index: Decimal, places: int, involved: bool = False) -> Decimal:
    """The asymmetry |100 - LSI| that goes with ``shown_lsi`` (84.99 -> 15.01, not 15.00)."""
    return abs(_HUNDRED - shown_lsi(index, places, involved))


@dataclass(frozen=True, slots=True)
class SessionComparison:
    """One session's value per side (e.g. best e1RM), in the same unit; None = side not logged."""

    date: dt.date
    left: Decimal | None
    right: Decimal | None


def _is_consistent(agreeing: int, differing: int) -> bool:
    """Unanimous, or a 3/4 majority once at least 4 sessions differ."""
    if differing == 0:
        return False
    if agreeing == differing:
        return True
    return differing >= MAJORITY_MIN_SESSIONS and Fraction(agreeing, differing) >= MAJORITY_SHARE


# -- the report's headline: the lifter's state over the latest sessions ----------------------


def is_within_noise(asymmetry: Decimal | None, compared_sessions: int) -> bool:
    """No difference, or a difference below 15 % seen in fewer than 3 sessions (the one rule)."""
    if asymmetry is None:
        return False
    if asymmetry == 0:
        return True
    return abs(asymmetry) < NOISE_ASYMMETRY_PCT and compared_sessions < NOISE_MIN_SESSIONS


def lsi_of(left: Decimal | None, right: Decimal | None, involved: Side | None) -> Decimal | None:
    """Weaker / stronger x 100 or, with an involved side, involved / uninvolved x 100 (may
    exceed 100). None when a side is missing or the reference side is 0."""
    if involved is None:
        return lsi(left, right)
    _check(left, right)
    if left is None or right is None:
        return None
    mine, other = (left, right) if involved is Side.LEFT else (right, left)
    if other == 0:
        return None
    return mine * _HUNDRED / other


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the report says about now: the latest ``recent`` sessions with both sides logged."""

    recent: int  # sessions asked for (--recent)
    compared_sessions: int  # sessions used: compared ones among the latest, at most ``recent``
    first: dt.date | None  # the earliest of them
    left: Decimal | None  # each side's figure over them (best e1RM, or total volume / reps)
    right: Decimal | None
    lsi: Decimal | None
    asymmetry: Decimal | None  # 100 - LSI without an involved side; |100 - LSI| with one
    weaker_side: Side | None  # named only when the sessions agree on it
    status: Status | None
    left_weaker: int  # among those sessions
    right_weaker: int
    consistent_side: Side | None  # the side weaker in (3/4 of) the sessions that differed
    consistent_sessions: int  # sessions in which ``consistent_side`` was weaker
    within_noise: bool
    involved: Side | None
    verdict: Verdict


def judge(
    comparisons: Sequence[SessionComparison],
    recent: int,
    combine: str = "mean",
    involved: Side | None = None,
) -> Judgement:
    """The headline from the latest ``recent`` compared sessions (``combine``: how a side's
    figure over them is made, "mean" of the sessions' best e1RMs, "sum" for volume or reps).

    The mean, not each side's best: a side's best and the other side's best may come from
    different sessions, and a side weaker in most of them must not read "no difference"."""
    compared = [c for c in comparisons if c.left is not None and c.right is not None][-recent:]
    left = _combined([c.left for c in compared], combine)
    right = _combined([c.right for c in compared], combine)
    index = lsi_of(left, right, involved)
    asymmetry = None if index is None else abs(_HUNDRED - index)
    sides = [weaker_side(c.left, c.right) for c in compared]
    left_weaker, right_weaker = sides.count(Side.LEFT), sides.count(Side.RIGHT)
    agreeing = max(left_weaker, right_weaker)
    differing = left_weaker + right_weaker
    majority = Side.LEFT if left_weaker > right_weaker else Side.RIGHT
    # Consistent: the sessions that differ agree (all, or 3 in 4 once 4 or more differ), and
    # they are at least half of the sessions compared: one lower session in three is not a
    # weaker side.
    enough = 2 * agreeing >= len(compared)
    consistent = majority if _is_consistent(agreeing, differing) and enough else None
    lower = weaker_side(left, right) if left is not None and right is not None else None
    named = lower if lower is not None and lower is consistent else None
    status = None if index is None else band_of(index, involved is not None)
    result = Judgement(
        recent=recent,
        compared_sessions=len(compared),
        first=compared[0].date if compared else None,
        left=left,
        right=right,
        lsi=index,
        asymmetry=asymmetry,
        weaker_side=named,
        status=status,
        left_weaker=left_weaker,
        right_weaker=right_weaker,
        consistent_side=consistent,
        consistent_sessions=agreeing if consistent else 0,
        within_noise=is_within_noise(asymmetry, len(compared)),
        involved=involved,
        verdict=Verdict.NO_DATA,
    )
    return replace(result, verdict=verdict_of(result, lower))


def _combined(values: Sequence[Decimal | None], combine: str) -> Decimal | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    total = sum(present, Decimal(0))
    return total / len(present) if combine == "mean" else total


def lsi_text(index: Decimal, involved: bool = False) -> str:
    """An LSI in text: one decimal (JSON keeps two), on the side of its band (``shown_lsi``)."""
    return f"{shown_lsi(index, 1, involved):f}"


def pct_text(value: Decimal) -> str:
    """A percentage in text: one decimal, without a trailing .0."""
    text = f"{round_display(value, 1):f}"
    return text[:-2] if text.endswith(".0") else text


def verdict_of(result: Judgement, lower: Side | None) -> Verdict:
    """What to say about the latest sessions, agreeing with their rows; ``lower`` is the side
    lower over them (their means or sums)."""
    if result.compared_sessions == 0 or result.lsi is None or result.status is None:
        return Verdict.NO_DATA
    side = result.consistent_side
    if result.left_weaker + result.right_weaker == 0:
        return Verdict.NO_DIFFERENCE
    if side is None and min(result.left_weaker, result.right_weaker) == 0:
        return Verdict.TOO_FEW
    if side is None:
        return Verdict.SWAPPED
    if result.asymmetry == 0:
        return Verdict.EQUAL
    if side is not lower:
        return Verdict.LOWER_ON_OTHER
    return Verdict.WITHIN_NOISE if result.within_noise else Verdict.WEAKER
