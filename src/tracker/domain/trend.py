"""Where a lifter's symmetry is heading, and which rows a coach should look at first.

The team view compares the imbalance headline (the latest N sessions with both sides) with
the same headline over the N sessions before them: an asymmetry 5 points or more lower is
improving, 5 or more higher is worsening, anything between is stable (on the weaker / stronger
scale that is the LSI 5 points higher or lower). Fewer than 2N sessions give no trend.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tracker.domain.asymmetry import Judgement

TREND_POINTS = Decimal(5)
# Status order for a coach: who needs attention first.
STATUS_ORDER = {"imbalanced": 0, "watch": 1, "balanced": 2}


class Trend(StrEnum):
    IMPROVING = "improving"
    STABLE = "stable"
    WORSENING = "worsening"


def headline_trend(now: Judgement, before: Judgement | None) -> Trend | None:
    """Improving, stable or worsening from ``before`` to ``now`` (asymmetry |100 - LSI|, so
    that an involved side far stronger is not "improving"); None without ``before``."""
    if before is None or now.asymmetry is None or before.asymmetry is None:
        return None
    change = before.asymmetry - now.asymmetry
    if change >= TREND_POINTS:
        return Trend.IMPROVING
    if change <= -TREND_POINTS:
        return Trend.WORSENING
    return Trend.STABLE


def attention_order(status: str, lsi: Decimal) -> tuple[int, Decimal]:
    """Sort key: imbalanced, then watch, then balanced; the lowest LSI first within each."""
    return STATUS_ORDER.get(status, len(STATUS_ORDER)), lsi
