"""Left/right asymmetry of a unilateral lift, for one session and across sessions.

For unilateral tests (each side logged on its own) Bishop et al. (SCJ 2018) recommend the
percentage difference (max - min) / max x 100, which is exactly 100 - LSI where
LSI = weaker / stronger x 100. Both need no reference limb, so swapping left and right never
changes them. Thresholds follow the clinical LSI bands: >= 90 balanced, 85..90 watch, < 85
imbalanced (Gokeler 2017; PMC8127385).

Asymmetry scores are noisy: a 10-15 % difference in one session is within measurement noise
(MDC 13.9-22.9 %, dominance reversed between sessions in 21-38 % of people), so the session
trend below asks whether the same side is weaker again and again before calling it a pattern.
Whether the headline's difference is noise is judged against the lifter's own variation once
there are enough sessions (``noise_of``: Hopkins' typical error, Bishop et al. 2019), and
against a default of 15 % before.

Direction, here and nowhere else: for a test where less is better (a 6 m timed hop, a T-test;
``lower_is_better``) the slower side is the weaker one, the LSI is faster / slower x 100, and
with an involved side uninvolved time / involved time x 100, so a slower involved side scores
below 100 (domain-science 1.4b: uninvolved 2.00 s, involved 2.30 s -> LSI 86.96).
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
# Noise (``noise_of``): the typical error of the lifter's own signed per-session asymmetry over
# the last NOISE_WINDOW sessions with both sides, once there are NOISE_MIN_SESSIONS of them;
# with fewer, a difference below NOISE_ASYMMETRY_PCT is within noise, whatever the count.
NOISE_ASYMMETRY_PCT = Decimal(15)
NOISE_MIN_SESSIONS = 5
NOISE_WINDOW = 10
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
    """Limb symmetry index, weaker / stronger x 100, in 0..100: the lower value over the
    higher, which is also faster / slower for a test where less is better.

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


def weaker_side(
    left: Decimal | None, right: Decimal | None, lower_is_better: bool = False
) -> Side | None:
    """The side with the lower value (the higher one, a slower time, when ``lower_is_better``);
    None when they are equal or one is missing."""
    _check(left, right)
    if left is None or right is None or left == right:
        return None
    return Side.LEFT if (left < right) != lower_is_better else Side.RIGHT


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


def shown_beside(
    index: Decimal, places: int, threshold: Decimal, involved: bool = False
) -> Decimal:
    """``shown_lsi``, kept on the side of ``threshold`` (a readiness pass mark of at most one
    decimal) that the exact value is on: 94.996 against 95 shows 94.99, never "95.00 is below
    95". At the default 90, a band edge, it is ``shown_lsi`` itself."""
    shown = shown_lsi(index, places, involved)
    if (shown >= threshold) is at_least(index, threshold):
        return shown
    return index.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)


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


class NoiseFrom(StrEnum):
    """Where the noise a difference is judged against comes from."""

    OWN = "own"  # the lifter's own typical error for the exercise
    DEFAULT = "default"  # too few sessions: NOISE_ASYMMETRY_PCT


@dataclass(frozen=True, slots=True)
class Noise:
    """The noise a headline's difference is judged against, in asymmetry percentage points.

    ``squared`` is exact (a Fraction): the typical error squared, variance / 2, so that no
    square root, float or rounding decides whether a difference is below it; ``pct`` is its
    root for display only (28 significant digits; views round it with ``shown_noise``)."""

    squared: Fraction
    source: NoiseFrom
    sessions: int  # sessions it comes from (0 for the default)

    @property
    def pct(self) -> Decimal:
        if self.source is NoiseFrom.DEFAULT:
            return NOISE_ASYMMETRY_PCT
        return (Decimal(self.squared.numerator) / Decimal(self.squared.denominator)).sqrt()


DEFAULT_NOISE = Noise(Fraction(NOISE_ASYMMETRY_PCT) ** 2, NoiseFrom.DEFAULT, 0)


def signed_asymmetry(
    left: Decimal | None,
    right: Decimal | None,
    involved: Side | None = None,
    lower_is_better: bool = False,
) -> Fraction | None:
    """One session's signed asymmetry in per cent, exact: (right - left) / max(left, right) x
    100 (positive: right stronger), or with an involved side (involved - uninvolved) /
    uninvolved x 100 = LSI - 100 (positive: the involved side stronger). Its size is the
    session's asymmetry, 100 - LSI (|100 - LSI| with an involved side), as ``lsi_of`` gives
    it; the sign keeps which side was lower, so sides swapping between sessions count as
    variation. A time where less is better, with an involved side, is (uninvolved - involved)
    / involved x 100, again LSI - 100. None where the session has no LSI (a side missing, or
    the reference 0)."""
    _check(left, right)
    if left is None or right is None:
        return None
    if involved is None:
        reference, difference = max(left, right), right - left
    else:
        mine, reference = (left, right) if involved is Side.LEFT else (right, left)
        difference = mine - reference
        if lower_is_better:
            reference, difference = mine, -difference
    if reference == 0:
        return None
    return Fraction(difference) * 100 / Fraction(reference)


def noise_of(
    comparisons: Sequence[SessionComparison],
    involved: Side | None = None,
    lower_is_better: bool = False,
) -> Noise:
    """The lifter's own noise for an exercise: the typical error (Hopkins; Bishop et al. 2019,
    domain-science 1.4b) of the signed per-session asymmetry over the last NOISE_WINDOW
    sessions with both sides, TE = SD / sqrt 2 (SD the sample standard deviation, n - 1),
    once there are NOISE_MIN_SESSIONS of them; before, the default (15 %). Per-session
    asymmetries, not each side's bests, so steady progress on both sides does not inflate it;
    five identical sessions have a TE of 0, and any difference they show is real."""
    asymmetries: list[Fraction] = []
    for c in reversed(comparisons):  # the last NOISE_WINDOW with an asymmetry, latest first
        a = signed_asymmetry(c.left, c.right, involved, lower_is_better)
        if a is not None:
            asymmetries.append(a)
            if len(asymmetries) == NOISE_WINDOW:
                break
    asymmetries.reverse()
    count = len(asymmetries)
    if count < NOISE_MIN_SESSIONS:
        return DEFAULT_NOISE
    mean = sum(asymmetries, Fraction(0)) / count
    variance = sum(((a - mean) ** 2 for a in asymmetries), Fraction(0)) / (count - 1)
    return Noise(variance / 2, NoiseFrom.OWN, count)


def is_within_noise(asymmetry: Decimal | None, noise: Noise = DEFAULT_NOISE) -> bool:
    """No difference, or a difference below the noise (the one rule): squares compared exactly,
    the asymmetry at the banding quantum as its status reads it (so 85.000...01 from a
    repeating fraction is not within a 15 % noise that an exact 85 is not within)."""
    if asymmetry is None:
        return False
    if asymmetry == 0:
        return True
    return Fraction(_banded(abs(asymmetry))) ** 2 < noise.squared


def shown_noise(result: Judgement, places: int) -> Decimal:
    """The noise rounded for display (half-up) to ``places`` decimals, beside the asymmetry
    ``shown_asymmetry`` shows: where plain rounding would make the shown figures disagree with
    ``within_noise`` (an asymmetry shown 7.1 against a noise shown 7.1 and called noise), the
    noise rounds toward the verdict instead (up when within noise, down when not)."""
    rounded = round_display(result.noise.pct, places)
    if result.lsi is None or result.asymmetry == 0:
        return rounded
    shown = shown_asymmetry(result.lsi, places, result.involved is not None)
    if (shown < rounded) is result.within_noise:
        return rounded
    toward = ROUND_CEILING if result.within_noise else ROUND_FLOOR
    return result.noise.pct.quantize(Decimal(1).scaleb(-places), rounding=toward)


def lsi_of(
    left: Decimal | None,
    right: Decimal | None,
    involved: Side | None,
    lower_is_better: bool = False,
) -> Decimal | None:
    """Weaker / stronger x 100 or, with an involved side, involved / uninvolved x 100 (may
    exceed 100); when ``lower_is_better`` (times) uninvolved / involved x 100, so that a
    slower involved side scores below 100. None when a side is missing or the divisor is 0."""
    if involved is None:
        return lsi(left, right)
    _check(left, right)
    if left is None or right is None:
        return None
    mine, other = (left, right) if involved is Side.LEFT else (right, left)
    if lower_is_better:
        mine, other = other, mine
    if other == 0:
        return None
    return mine * _HUNDRED / other


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the report says about now: the latest ``recent`` sessions with both sides logged."""

    recent: int  # sessions asked for (--recent)
    compared_sessions: int  # sessions used: compared ones among the latest, at most ``recent``
    first: dt.date | None  # the earliest of them
    last: dt.date | None  # and the latest (a later session with one side alone is not)
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
    within_noise: bool  # the asymmetry below ``noise`` (or none at all): is_within_noise
    involved: Side | None
    verdict: Verdict
    noise: Noise = DEFAULT_NOISE  # the lifter's own (5+ sessions with both sides) or 15 %
    lower_is_better: bool = False  # the figures are times of a test where less is better

    @property
    def status_text(self) -> str:
        """The status as every view names it: "incomplete" when no session compared both
        sides."""
        return self.status.value if self.status else "incomplete"


def judge(
    comparisons: Sequence[SessionComparison],
    recent: int,
    combine: str = "mean",
    involved: Side | None = None,
    lower_is_better: bool = False,
) -> Judgement:
    """The headline from the latest ``recent`` compared sessions (``combine``: how a side's
    figure over them is made, "mean" of the sessions' best e1RMs, "sum" for volume or reps;
    ``lower_is_better``: the figures are times, the higher one the weaker side), its
    difference judged against the noise of the sessions up to the latest (``noise_of``).

    The mean, not each side's best: a side's best and the other side's best may come from
    different sessions, and a side weaker in most of them must not read "no difference"."""
    both = [c for c in comparisons if c.left is not None and c.right is not None]
    compared = both[-recent:]
    noise = noise_of(both, involved, lower_is_better)
    left = _combined([c.left for c in compared], combine)
    right = _combined([c.right for c in compared], combine)
    index = lsi_of(left, right, involved, lower_is_better)
    asymmetry = None if index is None else abs(_HUNDRED - index)
    sides = [weaker_side(c.left, c.right, lower_is_better) for c in compared]
    left_weaker, right_weaker = sides.count(Side.LEFT), sides.count(Side.RIGHT)
    agreeing = max(left_weaker, right_weaker)
    differing = left_weaker + right_weaker
    majority = Side.LEFT if left_weaker > right_weaker else Side.RIGHT
    # Consistent: the sessions that differ agree (all, or 3 in 4 once 4 or more differ), and
    # they are at least half of the sessions compared: one lower session in three is not a
    # weaker side.
    enough = 2 * agreeing >= len(compared)
    consistent = majority if _is_consistent(agreeing, differing) and enough else None
    lower = None
    if left is not None and right is not None:
        lower = weaker_side(left, right, lower_is_better)
    named = lower if lower is not None and lower is consistent else None
    status = None if index is None else band_of(index, involved is not None)
    result = Judgement(
        recent=recent,
        compared_sessions=len(compared),
        first=compared[0].date if compared else None,
        last=compared[-1].date if compared else None,
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
        within_noise=is_within_noise(asymmetry, noise),
        involved=involved,
        verdict=Verdict.NO_DATA,
        noise=noise,
        lower_is_better=lower_is_better,
    )
    return replace(result, verdict=verdict_of(result, lower))


def _combined(values: Sequence[Decimal | None], combine: str) -> Decimal | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    total = sum(present, Decimal(0))
    return total / len(present) if combine == "mean" else total


def lsi_text(index: Decimal, involved: bool = False, threshold: Decimal | None = None) -> str:
    """An LSI in text: one decimal (JSON keeps two), on the side of its band (``shown_lsi``)
    and of a readiness ``threshold`` (``shown_beside``)."""
    if threshold is not None:
        return f"{shown_beside(index, 1, threshold, involved):f}"
    return f"{shown_lsi(index, 1, involved):f}"


def pct_text(value: Decimal) -> str:
    """A percentage in text: one decimal, without a trailing .0."""
    text = f"{round_display(value, 1):f}"
    return text[:-2] if text.endswith(".0") else text


def verdict_of(result: Judgement, lower: Side | None) -> Verdict:
    """What to say about the latest sessions, agreeing with their rows; ``lower`` is the side
    weaker over them (lower means or sums; higher times when less is better)."""
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
