"""Body weight, and the load of a bodyweight set (``12xBW``, ``8xBW+20``).

A bodyweight set's load is the latest body weight logged on or before it (the earliest one for
sets logged before any weigh-in), plus the added load typed with it. Without any body weight
logged its load is unknown: it counts as sets and reps, and gives no e1RM.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.units import Unit, convert, format_load

MAX_BODY_WEIGHT = Decimal(700)


@dataclass(frozen=True, slots=True)
class BodyWeight:
    measured_at: dt.datetime
    weight: Decimal
    unit: Unit


def check_body_weight(weight: Decimal) -> Decimal:
    """A body weight a person can have, with at most 3 decimals."""
    if not weight.is_finite() or weight <= 0 or weight > MAX_BODY_WEIGHT:
        raise InvalidValue(
            f"body weight must be above 0 and at most {MAX_BODY_WEIGHT}, got {weight}"
        )
    if weight != weight.quantize(Decimal("0.001")):
        raise InvalidValue(f"body weight takes at most 3 decimal places, got {weight}")
    return weight


def body_weight_at(entries: Sequence[BodyWeight], moment: dt.datetime) -> BodyWeight | None:
    """The latest entry on or before ``moment``; the earliest for a moment before them all.

    ``entries`` must be in time order.
    """
    if not entries:
        return None
    index = bisect_right(entries, moment, key=lambda e: e.measured_at)
    return entries[index - 1] if index else entries[0]


def bodyweight_text(added: Decimal, unit: Unit | str) -> str:
    """A bodyweight load as typed: "BW", "BW+20 kg", "BW-20 kg" (assisted)."""
    if added == 0:
        return "BW"
    sign = "+" if added > 0 else "-"
    return f"BW{sign}{format_load(abs(added))} {unit}"


def bodyweight_load(
    added: Decimal, unit: Unit, entries: Sequence[BodyWeight], moment: dt.datetime
) -> tuple[Decimal, Unit] | None:
    """Body weight at ``moment`` plus the added load, in the body weight's unit (exact)."""
    weighed = body_weight_at(entries, moment)
    if weighed is None:
        return None
    return weighed.weight + convert(added, unit, weighed.unit), weighed.unit
