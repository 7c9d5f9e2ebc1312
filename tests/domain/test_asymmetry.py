"""Asymmetry metrics against domain-science.md section 1.3, and the session trend rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.asymmetry import (
    Judgement,
    NoiseFrom,
    SessionComparison,
    Status,
    Verdict,
    judge,
    lsi,
    lsi_of,
    shown_lsi,
    shown_noise,
    status_for,
    weaker_side,
)
from tracker.domain.e1rm import brzycki, epley, estimate_1rm
from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.units import round_display

D = Decimal


def known(value: Decimal | None) -> Decimal:
    """Narrow an optional result the test expects to exist."""
    assert value is not None
    return value


# domain-science 1.3: L, R, LSI (weak/strong), percentage difference (max - min) / max.
TABLE = [
    ("100", "85", "85.00", "15.00"),
    ("85", "100", "85.00", "15.00"),
    ("100", "90", "90.00", "10.00"),
    ("60", "50", "83.33", "16.67"),
    ("47.5", "50", "95.00", "5.00"),
    ("100", "100", "100.00", "0.00"),
]


@pytest.mark.parametrize(("left", "right", "index", "pct"), TABLE)
def test_worked_examples(left: str, right: str, index: str, pct: str) -> None:
    assert round_display(known(lsi(D(left), D(right)))) == D(index)
    assert round_display(100 - known(lsi(D(left), D(right)))) == D(pct)  # Bishop's % = 100 - LSI


def test_exact_values_stay_exact() -> None:
    assert lsi(D(100), D(85)) == D(85)
    assert lsi(D(100), D(90)) == D(90)


def test_unilateral_oracle_left_10x60_right_8x60_epley() -> None:
    left, right = estimate_1rm(D(60), 10), estimate_1rm(D(60), 8)
    assert (round_display(left), round_display(right)) == (D("80.00"), D("76.00"))
    assert round_display(known(lsi(left, right))) == D("95.00")
    assert weaker_side(left, right) is Side.RIGHT


def test_weaker_side() -> None:
    assert weaker_side(D(100), D(85)) is Side.RIGHT
    assert weaker_side(D(85), D(100)) is Side.LEFT
    assert weaker_side(D(100), D(100)) is None
    assert weaker_side(None, D(100)) is None


def test_missing_or_zero_sides() -> None:
    assert lsi(None, D(80)) is None
    assert lsi(D(80), None) is None
    assert lsi(D(0), D(0)) is None
    assert lsi(D(0), D(80)) == D(0)  # one side did nothing: maximal asymmetry


def test_negative_values_are_refused() -> None:
    with pytest.raises(InvalidValue):
        lsi(D(-1), D(5))
    with pytest.raises(InvalidValue):
        weaker_side(D(5), D(-1))


def test_status_thresholds_exactly_at_90_and_85() -> None:
    assert status_for(D(100)) is Status.BALANCED
    assert status_for(D(90)) is Status.BALANCED
    assert status_for(D("89.99")) is Status.WATCH
    assert status_for(D(85)) is Status.WATCH
    assert status_for(D("84.99")) is Status.IMBALANCED
    assert status_for(D(0)) is Status.IMBALANCED
    # Through lsi: 100 vs 90 is exactly on the balanced line, 100 vs 85 on the watch line.
    assert status_for(known(lsi(D(100), D(90)))) is Status.BALANCED
    assert status_for(known(lsi(D(85), D(100)))) is Status.WATCH
    assert status_for(known(lsi(D(60), D(50)))) is Status.IMBALANCED


def test_status_of_e1rms_exactly_on_a_line_despite_repeating_decimals() -> None:
    """8 x 100 kg is 126.666... by Epley: 28-digit Decimals round it, and 8 x 90 against it
    must still be exactly 90 (balanced), 5 x 85 against 5 x 100 exactly 85 (watch)."""
    assert status_for(known(lsi(epley(D(100), 8), epley(D(90), 8)))) is Status.BALANCED
    assert status_for(known(lsi(epley(D(85), 5), epley(D(100), 5)))) is Status.WATCH
    assert status_for(known(lsi(brzycki(D(100), 7), brzycki(D(90), 7)))) is Status.BALANCED
    assert status_for(D("89.9999")) is Status.WATCH  # a real shortfall is still one


def test_status_values_are_plain_strings() -> None:
    assert [s.value for s in Status] == ["balanced", "watch", "imbalanced"]


values = st.decimals(min_value=0, max_value=1000, places=3)


@given(left=values, right=values)
def test_lsi_is_symmetric_and_bounded(left: Decimal, right: Decimal) -> None:
    index = lsi(left, right)
    assert index == lsi(right, left)
    if index is not None:
        assert 0 <= index <= 100


@given(left=values, right=values)
def test_weaker_side_swaps_with_the_sides(left: Decimal, right: Decimal) -> None:
    side = weaker_side(left, right)
    mirrored = weaker_side(right, left)
    assert mirrored == (None if side is None else side.other)


# --- session trend -----------------------------------------------------------------------------


def sessions(*pairs: tuple[str | None, str | None]) -> list[SessionComparison]:
    start = date(2024, 3, 1)
    return [
        SessionComparison(
            start + timedelta(days=7 * i),
            None if left is None else D(left),
            None if right is None else D(right),
        )
        for i, (left, right) in enumerate(pairs)
    ]


def test_no_difference_is_within_noise_and_the_rule_is_one() -> None:
    from tracker.domain.asymmetry import DEFAULT_NOISE, is_within_noise

    assert is_within_noise(D(0), DEFAULT_NOISE) is True
    assert is_within_noise(D("14.99"), DEFAULT_NOISE) is True
    assert is_within_noise(D(15), DEFAULT_NOISE) is False
    # Below 15 % is within the default noise whatever the count (it was "fewer than 3").
    assert judge_of(("95", "100"), ("95", "100"), ("95", "100"), ("95", "100")).within_noise
    assert is_within_noise(None, DEFAULT_NOISE) is False
    # 85 exactly is not within 15 %; its repeating-fraction neighbour must not be either.
    assert is_within_noise(D(100) - D("85.00000000000000000000000001"), DEFAULT_NOISE) is False


def judge_of(*pairs: tuple[str, str | None], recent: int = 3) -> Judgement:
    from tracker.domain.asymmetry import judge

    return judge(sessions(*pairs), recent)


def test_signed_asymmetry_is_exact_and_keeps_the_side() -> None:
    from tracker.domain.asymmetry import signed_asymmetry

    assert signed_asymmetry(D(94), D(100)) == 6
    assert signed_asymmetry(D(100), D(94)) == -6
    assert signed_asymmetry(D(100), D(120)) == Fraction(50, 3)  # (120 - 100) / 120 x 100
    # With an involved side: LSI - 100, positive when the involved side is stronger.
    assert signed_asymmetry(D(110), D(100), Side.LEFT) == 10
    assert signed_asymmetry(D(110), D(100), Side.RIGHT) == Fraction(-100, 11)
    assert signed_asymmetry(D(0), D(0)) is None and signed_asymmetry(None, D(1)) is None


def test_a_small_difference_from_a_side_that_swings_is_noise() -> None:
    # The example: left swings about 20 % around right between sessions; the latest 3
    # sessions average 97 against 100, a 3 % difference: well within the lifter's own noise.
    swinging = (("120", "100"), ("80", "100"), ("120", "100"), ("80", "100"), ("91", "100"))
    result = judge_of(*swinging)
    assert result.asymmetry == 3 and result.within_noise is True
    assert result.noise.source is NoiseFrom.OWN and result.noise.sessions == 5
    # Signed: -50/3, 20, -50/3, 20, 9: mean 47/15, TE^2 = sample variance / 2, exactly.
    values = [Fraction(-50, 3), Fraction(20), Fraction(-50, 3), Fraction(20), Fraction(9)]
    mean = sum(values, Fraction(0)) / 5
    assert result.noise.squared == sum((v - mean) ** 2 for v in values) / 4 / 2
    assert round_display(result.noise.pct, 2) == D("13.17")


def test_a_steady_difference_over_five_identical_sessions_is_real() -> None:
    result = judge_of(*[("94", "100")] * 5)
    assert result.noise.squared == 0 and result.noise.source is NoiseFrom.OWN
    assert result.within_noise is False and result.verdict is Verdict.WEAKER
    assert shown_noise(result, 1) == 0


def test_own_noise_needs_five_sessions_with_both_sides() -> None:
    four = judge_of(("94", "100"), ("100", None), ("94", "100"), ("94", "100"), ("94", "100"))
    assert four.noise.source is NoiseFrom.DEFAULT and four.noise.pct == 15
    assert four.within_noise is True and four.verdict is Verdict.WITHIN_NOISE
    assert judge_of(*[("94", "100")] * 4).within_noise is True
    assert judge_of(*[("94", "100")] * 5).within_noise is False
    # A difference of 15 % or more is never within the default noise.
    assert judge_of(("85", "100")).within_noise is False


def test_own_noise_reads_the_last_ten_sessions_only() -> None:
    # An old session far off, then ten at 6 % +- 1: with the old one the TE would be large
    # and 6 % noise; the last ten alone give a TE below 1, and 6 % is real.
    steady = [("94", "100"), ("93", "100"), ("95", "100")] * 3 + [("94", "100")]
    result = judge_of(("50", "100"), *steady)
    assert result.noise.sessions == 10 and result.within_noise is False
    assert result.noise.pct < 1
    with_old = judge_of(("50", "100"), *steady[1:])
    assert with_old.noise.sessions == 10 and with_old.within_noise is True


def test_the_shown_noise_never_contradicts_the_verdict() -> None:
    from tracker.domain.asymmetry import Noise

    near = judge_of(("92.9", "100"))  # 7.1 %, within the default 15
    assert shown_noise(near, 1) == 15
    # An own TE of 7.1004 against a 7.1 % difference: within, so it shows 7.2, not 7.1.
    within = replace(near, noise=Noise(Fraction("7.1004") ** 2, NoiseFrom.OWN, 5))
    assert shown_noise(replace(within, within_noise=True), 1) == D("7.2")
    # A TE of 7.0996 against the same 7.1: real, and 7.1 is not below 7.1, so it shows 7.1.
    below = replace(near, noise=Noise(Fraction("7.0996") ** 2, NoiseFrom.OWN, 5))
    assert shown_noise(replace(below, within_noise=False), 1) == D("7.1")


def test_judge_uses_the_latest_compared_sessions_only() -> None:
    from tracker.domain.asymmetry import judge

    old_gap = sessions(("100", "80"), ("100", None), ("90", "90"), ("90", "90"), ("90", "90"))
    now = judge(old_gap, recent=3)
    assert (now.compared_sessions, now.lsi, now.weaker_side) == (3, D(100), None)
    assert now.within_noise is True
    assert now.verdict is Verdict.NO_DIFFERENCE
    everything = judge(old_gap, recent=4)
    # Means over 4 sessions: left 92.5, right 87.5; right lower in 1 of 4 is not consistent.
    assert everything.lsi == D("87.5") / D("92.5") * 100
    assert everything.weaker_side is None and everything.consistent_sessions == 0


def test_involved_side_lsi_can_exceed_100() -> None:
    from tracker.domain.asymmetry import judge, lsi_of

    assert lsi_of(D(110), D(100), Side.LEFT) == D(110)
    assert lsi_of(D(80), D(100), Side.LEFT) == D(80)
    assert lsi_of(D(80), D(100), Side.RIGHT) == D(125)
    result = judge(sessions(("80", "100")), recent=3, involved=Side.LEFT)
    assert result.lsi == D(80) and result.status is Status.IMBALANCED
    assert (result.verdict, result.consistent_side) == (Verdict.WEAKER, Side.LEFT)


@pytest.mark.parametrize(
    ("involved", "uninvolved", "status"),
    [
        ("110", "100", Status.BALANCED),
        ("111", "100", Status.WATCH),
        ("115", "100", Status.WATCH),
        ("115.5", "100", Status.IMBALANCED),
        ("150", "100", Status.IMBALANCED),
        ("250", "100", Status.IMBALANCED),
        ("90", "100", Status.BALANCED),
        ("85", "100", Status.WATCH),
        ("84.9", "100", Status.IMBALANCED),
    ],
)
def test_an_involved_side_far_stronger_is_not_balanced(
    involved: str, uninvolved: str, status: Status
) -> None:
    """The bands apply to |100 - LSI| (README): LSI 150 with an involved side is 50 % apart."""
    from tracker.domain.asymmetry import judge

    result = judge(sessions((involved, uninvolved)), recent=3, involved=Side.LEFT)
    assert result.lsi == D(involved) and result.status is status


# -- issue 22: bands and digits agree ---------------------------------------------------------


def test_an_lsi_just_under_a_band_edge_never_shows_the_edge() -> None:
    """84.997 is imbalanced: it shows 84.9 (text) and 84.99 (JSON), never 85.0 beside an exact
    85.0 that is watch; 89.997 is watch and shows 89.9 / 89.99, never 90.0."""
    from tracker.domain.asymmetry import band_of, lsi_text, shown_asymmetry, shown_lsi

    for exact, text, json, band in (
        ("84.997", "84.9", "84.99", Status.IMBALANCED),
        ("89.997", "89.9", "89.99", Status.WATCH),
        ("85", "85.0", "85.00", Status.WATCH),
        ("90", "90.0", "90.00", Status.BALANCED),
        ("84.96", "84.9", "84.96", Status.IMBALANCED),  # 84.96 -> 85.0 would cross
        ("84.94", "84.9", "84.94", Status.IMBALANCED),  # plain rounding already agrees
        ("92.36", "92.4", "92.36", Status.BALANCED),  # no edge near: plain half-up
    ):
        value = Decimal(exact)
        assert band_of(value) is band is status_for(value)
        assert (lsi_text(value), str(shown_lsi(value, 2))) == (text, json), exact
        assert band_of(shown_lsi(value, 1)) is band and band_of(shown_lsi(value, 2)) is band
    assert shown_asymmetry(Decimal("84.997"), 2) == Decimal("15.01")


def test_an_involved_lsi_above_100_rounds_toward_its_band_too() -> None:
    """With an involved side 110.003 is watch (|100 - LSI| > 10): it shows 110.01, not 110.00."""
    from tracker.domain.asymmetry import band_of, shown_lsi

    assert band_of(Decimal("110.003"), involved=True) is Status.WATCH
    assert shown_lsi(Decimal("110.003"), 2, involved=True) == Decimal("110.01")
    assert shown_lsi(Decimal("110.003"), 1, involved=True) == Decimal("110.1")
    assert shown_lsi(Decimal("109.996"), 2, involved=True) == Decimal("110.00")  # same band


@given(st.decimals(min_value=0, max_value=130, places=4), st.integers(1, 2), st.booleans())
def test_shown_lsi_is_always_in_the_exact_values_band(
    value: Decimal, places: int, involved: bool
) -> None:
    from tracker.domain.asymmetry import band_of, shown_lsi

    shown = shown_lsi(value, places, involved)
    assert band_of(shown, involved) is band_of(value, involved)
    assert abs(shown - value) < Decimal(1).scaleb(-places)


@pytest.mark.parametrize(("weak", "strong_load"), [("11.34", 32), ("5.67", 16)])
def test_an_exactly_half_way_lsi_rounds_half_up(weak: str, strong_load: int) -> None:
    """11.34 against 5 x 32 (37.333...) and 5.67 against 5 x 16 (18.666...7) are exactly
    30.375, whichever way the stronger side's last digit rounds: 30.38 and 30.4."""
    index = lsi(D(weak), estimate_1rm(D(strong_load), 5))
    assert index is not None
    assert shown_lsi(index, 2) == D("30.38") and shown_lsi(index, 1) == D("30.4")


# -- direction: tests where less is better (domain-science 1.4b) ------------------------------


def test_a_timed_hop_with_an_involved_side_is_uninvolved_time_over_involved_time() -> None:
    """6 m timed hop: uninvolved 2.00 s, involved 2.30 s -> LSI 86.96 (the slower involved
    side scores below 100), whichever side is involved."""
    index = lsi_of(Decimal("2.00"), Decimal("2.30"), Side.RIGHT, lower_is_better=True)
    assert index is not None and round(index, 2) == Decimal("86.96")
    assert lsi_of(Decimal("2.30"), Decimal("2.00"), Side.LEFT, True) == index
    # Higher is better: the same numbers are involved / uninvolved, above 100.
    assert round(lsi_of(Decimal("2.00"), Decimal("2.30"), Side.RIGHT) or 0, 2) == Decimal("115.00")


def test_without_an_involved_side_a_time_is_faster_over_slower_and_the_slower_is_weaker() -> None:
    left, right = Decimal("2.00"), Decimal("2.30")
    assert lsi(left, right) == left * 100 / right  # faster / slower: the same lower / higher
    assert weaker_side(left, right, lower_is_better=True) is Side.RIGHT
    assert weaker_side(left, right) is Side.LEFT
    assert weaker_side(left, left, lower_is_better=True) is None


def test_the_headline_of_a_timed_test_names_the_slower_side() -> None:
    # Five sessions: the lifter's own noise (about 0.4 %) decides, and 13 % is beyond it.
    days = [date(2026, 12, 1) + timedelta(days=i) for i in range(5)]
    times = [("2.05", "2.35"), ("1.95", "2.25"), ("2.00", "2.30"), ("2.10", "2.40"),
             ("1.90", "2.20")]
    comparisons = [SessionComparison(d, Decimal(a), Decimal(b)) for d, (a, b) in
                   zip(days, times, strict=True)]
    judged = judge(comparisons, 3, lower_is_better=True)
    assert (judged.weaker_side, judged.right_weaker) == (Side.RIGHT, 3)
    assert judged.lower_is_better
    assert judged.lsi is not None and round(judged.lsi, 2) == Decimal("86.96")  # 2.00 / 2.30
    assert judged.verdict is Verdict.WEAKER and judged.status is Status.WATCH
    involved = judge(comparisons, 3, involved=Side.RIGHT, lower_is_better=True)
    assert involved.lsi == judged.lsi and involved.weaker_side is Side.RIGHT
    assert judge(comparisons, 3).weaker_side is Side.LEFT  # read as strength: the other way
