"""Per-side personal records gym mode announces: heaviest load, most reps at a load.

(The best estimated 1RM is the logbook's.) Loads compare in one unit, exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit, convert

HEAVIEST = "heaviest"
MOST_REPS = "most reps at this load"


@dataclass(frozen=True)
class LoggedSet:
    id: int
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    kind: SetKind


@dataclass
class SideRecords:
    unit: Unit
    heaviest: dict[Side | None, Decimal] = field(default_factory=dict)
    reps_at: dict[tuple[Side | None, Decimal], int] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[Side | None, Unit, Decimal, int]], unit: Unit
    ) -> SideRecords:
        """From (side, unit, load, most reps) of the working sets logged before."""
        records = cls(unit)
        for side, row_unit, load, reps in rows:
            value = convert(load, row_unit, unit)
            records.heaviest[side] = max(records.heaviest.get(side, value), value)
            key = (side, value)
            records.reps_at[key] = max(records.reps_at.get(key, reps), reps)
        return records

    def beaten_by(self, sets: Iterable[LoggedSet]) -> list[tuple[int, Side | None, str]]:
        """(set id, side, what) for each record a set beats, updating the records.

        A side with no earlier working set has no record to beat (as with e1RM).
        """
        found: list[tuple[int, Side | None, str]] = []
        for logged in sets:
            if logged.kind is SetKind.WARMUP or logged.reps <= 0:
                continue
            value = convert(logged.load, logged.unit, self.unit)
            top = self.heaviest.get(logged.side)
            if top is None:
                continue
            if value > top and logged.load > 0:
                found.append((logged.id, logged.side, HEAVIEST))
                self.heaviest[logged.side] = value
            previous = self.reps_at.get((logged.side, value))
            if previous is not None and logged.reps > previous:
                found.append((logged.id, logged.side, MOST_REPS))
            self.reps_at[(logged.side, value)] = max(previous or 0, logged.reps)
        return found
