"""The team view's trend and ordering rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tracker.domain.asymmetry import Judgement, SessionComparison, judge
from tracker.domain.model import Side
from tracker.domain.trend import Trend, attention_order, headline_trend


def judged(*rights: int, involved: Side | None = None) -> Judgement:
    """Left 100 against these rights, one session each, judged as the report's headline."""
    sessions = [SessionComparison(date(2026, 12, day + 1), D(100), D(r)) for day, r in
                enumerate(rights)]
    return judge(sessions, len(sessions), involved=involved)


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (judged(95), judged(90), Trend.IMPROVING),  # exactly +5
        (judged(95), judged(91), Trend.STABLE),
        (judged(85), judged(90), Trend.WORSENING),  # exactly -5
        (judged(85), judged(89), Trend.STABLE),
        (judged(95), None, None),  # no headline before: no trend
        # Involved right: 120 is as far from 100 as 80, so 120 after 110 is worsening.
        (judged(120, involved=Side.RIGHT), judged(110, involved=Side.RIGHT), Trend.WORSENING),
    ],
)
def test_trend_compares_the_headline_with_the_headline_before_it(
    now: Judgement, before: Judgement | None, expected: Trend | None
) -> None:
    assert headline_trend(now, before) == expected


def test_attention_order_puts_imbalanced_first_then_lowest_lsi() -> None:
    rows = [("balanced", D(92)), ("watch", D(88)), ("imbalanced", D(84)), ("imbalanced", D(70)),
            ("balanced", D(90))]
    assert sorted(rows, key=lambda r: attention_order(*r)) == [
        ("imbalanced", D(70)), ("imbalanced", D(84)), ("watch", D(88)), ("balanced", D(90)),
        ("balanced", D(92)),
    ]
