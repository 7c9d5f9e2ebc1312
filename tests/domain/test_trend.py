"""The team view's trend and ordering rules."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tracker.domain.trend import Trend, attention_order, baseline, lsi_trend


@pytest.mark.parametrize(
    ("latest", "earlier", "expected"),
    [
        (D(95), [D(90), D(90), D(90)], Trend.IMPROVING),  # exactly +5
        (D("94.99"), [D(90), D(90), D(90)], Trend.STABLE),
        (D(85), [D(90), D(90), D(90)], Trend.WORSENING),  # exactly -5
        (D("85.01"), [D(90), D(90), D(90)], Trend.STABLE),
        (D(80), [D(100), D(90), D(90), D(90)], Trend.WORSENING),  # only the three before count
        (D(95), [D(90), D(90)], None),  # fewer than three earlier sessions: no trend
    ],
)
def test_trend_against_the_mean_of_the_three_sessions_before(
    latest: D, earlier: list[D], expected: Trend | None
) -> None:
    assert lsi_trend(latest, earlier) == expected


def test_baseline_is_exact() -> None:
    assert baseline([D(90), D(90), D(95)]) == D(275) / 3
    assert baseline([D(90)]) is None


def test_attention_order_puts_imbalanced_first_then_lowest_lsi() -> None:
    rows = [("balanced", D(92)), ("watch", D(88)), ("imbalanced", D(84)), ("imbalanced", D(70)),
            ("balanced", D(90))]  # fmt: skip
    assert sorted(rows, key=lambda r: attention_order(*r)) == [
        ("imbalanced", D(70)), ("imbalanced", D(84)), ("watch", D(88)), ("balanced", D(90)),
        ("balanced", D(92)),
    ]  # fmt: skip
