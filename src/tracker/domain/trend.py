"""Where a lifter's symmetry is heading, and which rows a coach should look at first.

The team view compares the latest session's LSI with the mean of the three sessions before it:
5 LSI points or more higher is improving, 5 or more lower is worsening, anything between is
stable. Fewer than three earlier sessions give no trend: one or two sessions are within the
measurement noise of an asymmetry score (domain-science 1.4).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

TREND_POINTS = Decimal(5)
TREND_BASELINE_SESSIONS = 3
# Status order for a coach: who needs attention first.
STATUS_ORDER = {"imbalanced": 0, "watch": 1, "balanced": 2}


class Trend(StrEnum):
    IMPROVING = "improving"
    STABLE = "stable"
    WORSENING = "worsening"


def baseline(earlier: Sequence[Decimal]) -> Decimal | None:
    """Mean LSI of the TREND_BASELINE_SESSIONS sessions before the latest (oldest first)."""
    if len(earlier) < TREND_BASELINE_SESSIONS:
        return None
    window = earlier[-TREND_BASELINE_SESSIONS:]
    return sum(window, Decimal(0)) / len(window)


def lsi_trend(latest: Decimal, earlier: Sequence[Decimal]) -> Trend | None:
    """Improving, stable or worsening against the baseline; None without three earlier LSIs."""
    mean = baseline(earlier)
    if mean is None:
        return None
    change = latest - mean
    if change >= TREND_POINTS:
        return Trend.IMPROVING
    if change <= -TREND_POINTS:
        return Trend.WORSENING
    return Trend.STABLE


def attention_order(status: str, lsi: Decimal) -> tuple[int, Decimal]:
    """Sort key: imbalanced, then watch, then balanced; the lowest LSI first within each."""
    return STATUS_ORDER.get(status, len(STATUS_ORDER)), lsi
