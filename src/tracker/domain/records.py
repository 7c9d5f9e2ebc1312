"""Personal records, as pure rules over logged sets.

New bests of the estimated 1RM and of a timed or distance set's measure (the logbook marks them
on every `tracker log`), and the per-side records gym mode announces: heaviest load, most reps
at a load. Loads compare in one unit, distances in metres, times in seconds, all exactly.

A set's e1RM is the one `report history` gives it (:func:`e1rm_of`): a bodyweight set (``8xBW``,
``8xBW+10``, ``8xBW-20``) weighed by the report's own rule (report_figures.bodyweight_group:
the weigh-in at or before the set, the earliest for a set before them all; with no weigh-in
logged its load is unknown and it estimates nothing), then estimated by the report's rules
(report_figures.best_set_of: 1-12 reps, a load above 0), by Epley.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.bodyweight import BodyWeight
from tracker.domain.e1rm import DEFAULT_FORMULA
from tracker.domain.model import SetKind, Side
from tracker.domain.report_figures import SetGroup, best_set_of, bodyweight_group, metres
from tracker.domain.units import Unit, convert

E1RM = "e1RM"  # a set's best estimated 1RM (new_bests)
HEAVIEST = "heaviest"
MOST_REPS = "most reps at this load"
TIME = "time"  # a timed set's best: the longest, or the shortest when lower is better
DISTANCE = "distance"  # a distance set's best: the longest


@dataclass(frozen=True, slots=True)
class LoggedSet:
    side: Side | None
    reps: int
    load: Decimal  # as typed; a bodyweight set's added load (negative: assisted)
    unit: Unit
    kind: SetKind
    id: int = 0  # the stored set's id, where records name the set
    duration_s: Decimal | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None
    # A bodyweight set's time, which picks the weigh-in that weighs it; None: a loaded set.
    bodyweight_at: dt.datetime | None = None


def e1rm_of(done: LoggedSet, unit: Unit, body_weights: Sequence[BodyWeight]) -> Decimal | None:
    """The set's e1RM in ``unit`` as `report history` reads the set (see the module docstring),
    None where it gives none; warm-ups give none. ``body_weights``: the lifter's weigh-ins in
    time order (only bodyweight sets read them)."""
    if done.kind is SetKind.WARMUP:
        return None
    group = SetGroup(done.reps, done.load, done.unit)
    if done.bodyweight_at is not None:
        group = bodyweight_group(done.reps, done.load, done.unit, done.bodyweight_at, body_weights)
    best = best_set_of([group], unit, DEFAULT_FORMULA)  # the reports' default, Epley
    return None if best is None else best.e1rm


def best_by_side(
    tops: Iterable[LoggedSet], unit: Unit, body_weights: Sequence[BodyWeight]
) -> dict[Side | None, Decimal]:
    """The best e1RM per side (:func:`e1rm_of`) of these sets: a history's heaviest set per
    (side, reps, unit), and for bodyweight sets per weigh-in too, stands for all its sets."""
    bests: dict[Side | None, Decimal] = {}
    for done in tops:
        value = e1rm_of(done, unit, body_weights)
        if value is not None and value > bests.get(done.side, Decimal(0)):
            bests[done.side] = value
    return bests


def bests_with(
    bests: dict[Side | None, Decimal],
    sets: Iterable[LoggedSet],
    unit: Unit,
    body_weights: Sequence[BodyWeight],
) -> dict[Side | None, Decimal]:
    """The best per side once `sets` are stored too: what best_by_side reads of the history
    with them (a warm process keeps its bests so instead of reading them again)."""
    merged = dict(bests)
    for side, value in best_by_side(sets, unit, body_weights).items():
        merged[side] = max(merged.get(side, value), value)
    return merged


def new_bests(
    sets: Sequence[LoggedSet],
    bests: dict[Side | None, Decimal],
    unit: Unit,
    body_weights: Sequence[BodyWeight],
) -> list[bool]:
    """For each set, whether its e1RM (:func:`e1rm_of`) beats the best before it (earlier sets
    of the batch included).

    The first sets ever logged on a side are not "new bests": there was nothing to beat.
    """
    running = dict(bests)
    flags = []
    for done in sets:
        previous = running.get(done.side)
        value = None if previous is None else e1rm_of(done, unit, body_weights)
        beaten = previous is not None and value is not None and value > previous
        flags.append(beaten)
        if beaten and value is not None:
            running[done.side] = value
    return flags


@dataclass(frozen=True, slots=True)
class MeasureBests:
    """Per side, the best time (seconds) and the longest distance (metres) logged before."""

    time: dict[Side | None, Decimal] = field(default_factory=dict)
    distance: dict[Side | None, Decimal] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[Side | None, Decimal | None, Decimal | None, Decimal | None]],
        lower_is_better: bool,
    ) -> MeasureBests:
        """From (side, longest time, shortest time, longest distance in metres) per side."""
        bests = cls()
        for side, longest, shortest, farthest in rows:
            time = shortest if lower_is_better else longest
            if time is not None:
                bests.time[side] = time
            if farthest is not None:
                bests.distance[side] = farthest
        return bests

    def with_sets(self, sets: Iterable[LoggedSet], lower_is_better: bool) -> MeasureBests:
        """These bests once `sets` are stored too: what from_rows reads of the history with
        them (a set's time above 0 s and its distance above 0 m, warm-ups left out)."""
        time, distance = dict(self.time), dict(self.distance)
        for done in sets:
            if done.kind is SetKind.WARMUP:
                continue
            if done.duration_s is not None and done.duration_s > 0:
                value, previous = done.duration_s, time.get(done.side)
                better = min if lower_is_better else max
                time[done.side] = value if previous is None else better(previous, value)
            far = None if done.distance is None else metres(done.distance, done.distance_unit)
            if far is not None and far > 0:
                distance[done.side] = max(distance.get(done.side, far), far)
        return MeasureBests(time, distance)


def new_measure_bests(
    sets: Sequence[LoggedSet], bests: MeasureBests, lower_is_better: bool
) -> list[str | None]:
    """For each set, :data:`TIME` or :data:`DISTANCE` when its measure beats that side's best
    before it (earlier sets of the batch included), else None.

    A time is better when longer, or shorter when ``lower_is_better`` (a timed hop); a distance
    when longer, compared in metres. Warm-ups count for nothing, and the first measure ever
    logged on a side is no "new best": there was nothing to beat (as with e1RM).
    """
    running = {TIME: dict(bests.time), DISTANCE: dict(bests.distance)}
    flags: list[str | None] = []
    for done in sets:
        what, value = _measure(done)
        if what is None or value is None or done.kind is SetKind.WARMUP:
            flags.append(None)
            continue
        side_bests = running[what]
        previous = side_bests.get(done.side)
        shorter_wins = what == TIME and lower_is_better
        beaten = previous is not None and (value < previous if shorter_wins else value > previous)
        flags.append(what if beaten else None)
        if previous is None or beaten:
            side_bests[done.side] = value
    return flags


def _measure(done: LoggedSet) -> tuple[str | None, Decimal | None]:
    """The set's measure to compare: (TIME, seconds), (DISTANCE, metres) or (None, None)."""
    if done.duration_s is not None and done.duration_s > 0:
        return TIME, done.duration_s
    if done.distance is not None:
        return DISTANCE, metres(done.distance, done.distance_unit)
    return None, None


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

        A side with no earlier working set has no record to beat (as with e1RM): its first
        sets, the whole batch, become its records unmarked, for the next batch to beat.
        """
        found: list[tuple[int, Side | None, str]] = []
        first_time: set[Side | None] = set()
        for logged in sets:
            if logged.kind is SetKind.WARMUP or logged.reps <= 0:
                continue
            value = convert(logged.load, logged.unit, self.unit)
            top = self.heaviest.get(logged.side)
            if top is None or logged.side in first_time:
                first_time.add(logged.side)
                self.heaviest[logged.side] = value if top is None else max(top, value)
                key = (logged.side, value)
                self.reps_at[key] = max(self.reps_at.get(key, 0), logged.reps)
                continue
            if value > top and logged.load > 0:
                found.append((logged.id, logged.side, HEAVIEST))
                self.heaviest[logged.side] = value
            previous = self.reps_at.get((logged.side, value))
            if previous is not None and logged.reps > previous:
                found.append((logged.id, logged.side, MOST_REPS))
            self.reps_at[(logged.side, value)] = max(previous or 0, logged.reps)
        return found
