"""The figures of the imbalance, history and summary reports, as plain values.

Everything here is exact Decimal arithmetic on loads as typed; nothing rounds before display.
The reports' SQL path (adapters) and the pure oracle of the tests (tests/helpers/report_oracle.py)
both end in these types and functions, so a property test can compare the two field by field.

Rules that decide an equality or an order, and hold on every path:
- a side's best set in a session is the one with the highest e1RM, then the heaviest load (in
  the lifter's unit), then the fewest reps;
- across sessions, the earliest session that reached the best e1RM keeps it (a later equal
  e1RM is not a new best, so it is not a personal best either);
- every formula is used for sets of 1 to 12 reps (domain.e1rm); a set beyond that is left out
  of the e1RM, counted, and noted; it still counts as sets, reps and volume. A side with no set
  in range is compared by best-set reps at a load both sides lifted, else by volume
  (``compared_by``);
- reps and duration compare each side's best set per session (like with like: one more set is
  not more strength); volume and distance compare totals, best_distance the longest single
  distance (a hop test's best trial) (``aggregate``);
- an exercise whose sets are all unloaded timed sets (a timed hop) is compared by duration,
  all unloaded distance sets (a hop for distance) by best_distance, without --metric;
- a test where less is better (``lower_is_better``) compares its times the other way: a
  side's best set is its shortest time, and the slower side is the weaker (domain.asymmetry);
- bodyweight sets without a body weight logged have no known load, so they never give an e1RM.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum

from tracker.domain.asymmetry import Judgement, SessionComparison, at_least, judge, lsi_of
from tracker.domain.bodyweight import BodyWeight, bodyweight_load, bodyweight_text
from tracker.domain.e1rm import (
    MAX_REPS,
    epley,
    epley_reps,
    estimate_in_range,
    held,
    is_reliable,
)
from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.units import Unit, convert, exact_text

METRICS = ("e1rm", "volume", "reps", "duration", "distance", "best_distance")
# What a side's figure in a session is: its best set, or the total of its sets.
BEST_SET_METRICS = ("e1rm", "reps", "duration", "reps_at_load", "best_distance")
# The metrics a lower-is-better test compares the other way: its times.
DIRECTED_METRICS = ("duration",)
# What weighs the loads the sides lifted: a side stronger by them may cap the other's load.
LOAD_METRICS = ("e1rm", "reps_at_load")


def aggregate_of(compared_by: str) -> str:
    """ "best_set" for e1RM, reps, duration and best_distance (like with like), "total" for
    volume and distance."""
    return "best_set" if compared_by in BEST_SET_METRICS else "total"


# What a figure compared by each metric is in; loads (e1RM, volume) are in the lifter's unit.
_FIGURE_UNITS = {"distance": "m", "best_distance": "m", "duration": "s", "reps": "reps",
                 "reps_at_load": "reps"}


def figure_unit(compared_by: str, load_unit: str) -> str:
    """The unit of a figure compared by ``compared_by``: m, s, reps, or ``load_unit``."""
    return _FIGURE_UNITS.get(compared_by, load_unit)


MEASURE_UNITS = ("s", "m")  # a time or a distance: logged to the thousandth (2.004 s)


def figure_places(unit: str) -> int:
    """The decimals a report figure in ``unit`` (figure_unit's names) is shown to, in text,
    JSON and HTML alike: a time or distance to the thousandth it was logged with, else 2."""
    return 3 if unit in MEASURE_UNITS else 2


def is_lower_better(compared_by: str, lower_is_better: bool) -> bool:
    """Whether a comparison by ``compared_by`` of an exercise marked ``lower_is_better`` takes
    the lower figure as the better one: its times do; its loads, reps and distances do not."""
    return lower_is_better and compared_by in DIRECTED_METRICS


# Distances are compared in metres; a unit not listed here is left out (and counted).
METRES_PER = {
    "m": Decimal(1),
    "km": Decimal(1000),
    "mi": Decimal("1609.344"),
    "yd": Decimal("0.9144"),
    "ft": Decimal("0.3048"),
}


def metres(distance: Decimal | None, unit: str | None) -> Decimal | None:
    """A distance in metres (exact), or None when absent or in an unknown unit."""
    if distance is None or unit not in METRES_PER:
        return None
    return distance * METRES_PER[unit]


DEFAULT_RECENT = 3


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What a report reads: one lifter's sets (within [since, until] when given), their loads
    in ``unit``, bodyweight sets weighed with ``body_weights``, compared by these rules."""

    lifter_id: int
    unit: Unit
    body_weights: Sequence[BodyWeight] = ()
    metric: str = "e1rm"
    formula: str = "epley"
    recent: int = DEFAULT_RECENT
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    @property
    def all_time(self) -> ReportRequest:
        return replace(self, since=None, until=None)


@dataclass(frozen=True, slots=True)
class BestMeasures:
    """A side's longest hold and longest distance in one session (timed and distance sets)."""

    time_s: Decimal | None = None
    distance: Decimal | None = None  # as typed, in distance_unit
    distance_unit: str | None = None


def best_measures(
    measures: Iterable[tuple[Decimal | None, Decimal | None, str | None]],
    lower_is_better: bool = False,
) -> BestMeasures:
    """From (duration s, distance, its unit) of working sets: the longest time (the shortest
    when ``lower_is_better``), and the longest distance compared exactly in metres (5 km beats
    400 m), shown as typed."""
    time_s: Decimal | None = None
    longest: tuple[Decimal, Decimal, str] | None = None
    pick = min if lower_is_better else max
    for duration, distance, unit in measures:
        if duration:
            time_s = duration if time_s is None else pick(time_s, duration)
        in_metres = metres(distance, unit)
        if distance and unit and in_metres is not None:
            if longest is None or in_metres > longest[0]:
                longest = (in_metres, distance, unit)
    if longest is None:
        return BestMeasures(time_s)
    return BestMeasures(time_s, longest[1], longest[2])


@dataclass(frozen=True, slots=True)
class SetGroup:
    """Working sets of one side in one session with the same reps and unit.

    ``load`` is the heaviest load among them (what an e1RM needs), ``volume`` the sum of
    reps x load over all of them, both in ``unit`` as typed. A raw set is a group of one.
    """

    reps: int
    load: Decimal
    unit: Unit
    count: int = 1
    volume: Decimal | None = None  # None: reps x load x count
    bodyweight: bool = False  # a bodyweight set whose load is unknown (no body weight logged)
    typed: str | None = None  # how the load was typed, when not "LOAD UNIT" ("BW+20 kg")
    duration: Decimal = Decimal(0)  # seconds, summed over the group
    distance: Decimal = Decimal(0)  # metres, summed over the group
    longest: Decimal = Decimal(0)  # seconds of the group's longest set
    shortest: Decimal = Decimal(0)  # seconds of the group's shortest timed set (0: none timed)
    farthest: Decimal = Decimal(0)  # metres of the group's longest distance set
    unloaded_timed: int = 0  # sets measured by time alone: no reps, no load (a timed hop)
    unloaded_distance: int = 0  # sets measured by distance alone (a hop for distance)

    @property
    def total_volume(self) -> Decimal:
        if self.volume is not None:
            return self.volume
        # An assisted set with no weigh-in to add (8xBW-20: load -20) lifts no load of its own.
        return self.reps * max(self.load, Decimal(0)) * self.count


@dataclass(frozen=True, slots=True)
class BestSet:
    """The set behind a best e1RM: in the lifter's unit, and as it was typed."""

    e1rm: Decimal
    reps: int
    load: Decimal  # in the lifter's unit
    typed_load: Decimal
    typed_unit: str
    typed: str | None = None  # "BW+20 kg" for a bodyweight set

    @property
    def as_typed(self) -> str:
        return self.typed or f"{exact_text(self.typed_load)} {self.typed_unit}"

    @property
    def reliable(self) -> bool:
        return is_reliable(self.reps)

    def beats(self, other: BestSet | None) -> bool:
        """Higher e1RM, then heavier load, then fewer reps (see the module docstring)."""
        if other is None:
            return True
        return (self.e1rm, self.load, -self.reps) > (other.e1rm, other.load, -other.reps)


@dataclass(frozen=True, slots=True)
class SideFigures:
    """One side's working sets in one session, or over a window of sessions."""

    sets: int = 0
    reps: int = 0
    volume: Decimal = Decimal(0)  # in the lifter's unit
    best_e1rm: Decimal | None = None
    best_set: BestSet | None = None  # may be filled later by the SQL path
    out_of_range: int = 0  # sets the formula cannot estimate, left out of best_e1rm
    unweighed: int = 0  # bodyweight sets without a body weight logged: no e1RM
    duration: Decimal = Decimal(0)  # seconds of timed sets
    distance: Decimal = Decimal(0)  # metres of distance sets
    best_reps: int = 0  # the most reps in one set
    longest: Decimal = Decimal(0)  # seconds of the longest timed set
    shortest: Decimal = Decimal(0)  # seconds of the shortest timed set (0: none timed)
    farthest: Decimal = Decimal(0)  # metres of the longest distance set
    unloaded_timed: int = 0  # sets measured by time alone (see SetGroup)
    unloaded_distance: int = 0  # sets measured by distance alone
    # Per load (exact kg) the most reps in one set at it; complete only from raw sets, which
    # is how every path reads a side it compares by reps at a load.
    reps_at_load: tuple[tuple[Decimal, int], ...] = ()

    @property
    def volume_or_none(self) -> Decimal | None:
        """The volume, None for a side whose sets are all timed or distance sets (the only
        counted sets without reps): a 24 kg carry over 60 s has no reps x load, and 0 would
        read as nothing lifted; its duration or distance compares it."""
        return None if self.sets and not self.reps else self.volume

    def metric(self, name: str, lower_is_better: bool = False) -> Decimal | None:
        """The side's figure for ``name``: its best set (e1RM, reps in one set, longest set or
        the shortest when ``lower_is_better``, longest distance) or its total (volume,
        distance)."""
        if name == "e1rm":
            return self.best_e1rm
        if not self.sets:
            return None
        if name == "duration":
            best = self.shortest if is_lower_better(name, lower_is_better) else self.longest
            return best if best else None
        if name == "best_distance":
            return self.farthest if self.farthest else None
        if name == "distance":
            return self.distance if self.distance else None
        if name == "volume":
            return self.volume_or_none  # all timed or distance sets: none, not 0, to compare
        return Decimal(self.best_reps) if self.best_reps else None  # no set with reps: not compared


def bodyweight_group(
    reps: int, added: Decimal, unit: Unit, moment: dt.datetime, body_weights: Sequence[BodyWeight]
) -> SetGroup:
    """A bodyweight set (``added`` typed with it) weighed with the body weight at ``moment``."""
    typed = bodyweight_text(added, unit)
    known = bodyweight_load(added, unit, body_weights, moment)
    if known is None:
        return SetGroup(reps, added, unit, bodyweight=True, typed=typed)
    return SetGroup(reps, known[0], known[1], typed=typed)


def set_group(
    reps: int,
    load: Decimal,
    unit: Unit,
    bodyweight: bool,
    moment: dt.datetime,
    body_weights: Sequence[BodyWeight],
    duration: Decimal | None = None,
    distance: Decimal | None = None,
) -> SetGroup:
    """One working set as every report path reads it: a bodyweight set weighed with the body
    weight at ``moment``, its duration (s) and distance (m) kept."""
    group = SetGroup(reps, load, unit)
    if bodyweight:
        group = bodyweight_group(reps, load, unit, moment, body_weights)
    unloaded = bodyweight and load == 0 and reps == 0  # `45s` or `1.8m`, nothing added
    return replace(
        group, duration=duration or Decimal(0), distance=distance or Decimal(0),
        longest=duration or Decimal(0), shortest=duration or Decimal(0),
        farthest=distance or Decimal(0),
        unloaded_timed=int(unloaded and bool(duration) and not distance),
        unloaded_distance=int(unloaded and bool(distance) and not duration),
    )


def best_set_of(groups: Iterable[SetGroup], unit: Unit, formula: str) -> BestSet | None:
    """The best set among groups by the rule in the module docstring (None: no estimate)."""
    best: BestSet | None = None
    for group in groups:
        if group.bodyweight:
            continue
        load = convert(group.load, group.unit, unit)
        e1rm = estimate_in_range(load, group.reps, formula)
        if e1rm is None:
            continue
        candidate = BestSet(e1rm, group.reps, load, group.load, group.unit.value, group.typed)
        if candidate.beats(best):
            best = candidate
    return best


def set_e1rm(
    reps: int, load: Decimal, typed: Unit, unit: Unit, formula: str = "epley"
) -> Decimal | None:
    """One loaded set's e1RM in ``unit`` by the report's rules (None where they give none), as
    the SQL key's counterpart in tests (records.e1rm_of weighs a bodyweight set as well)."""
    best = best_set_of([SetGroup(reps, load, typed)], unit, formula)
    return None if best is None else best.e1rm


# The linear formulas, e1RM = load x (base + reps) / base with a single rep the load itself
# (domain.e1rm): the reports' SQL path finds a side's best set of these as an exact integer key.
LINEAR_BASE = {"epley": 30, "oconner": 40}


def reps_predicted(load: Decimal, reps: int, at: Decimal) -> int:
    """The whole reps that ``reps`` at ``load`` predict at the load ``at`` (Epley, and its
    inverse): the restart after a bodyweight step up (domain.loads)."""
    return epley_reps(epley(load, reps), at)


def e1rm_of_key(key: int, per_kg: int, formula: str, unit: Unit) -> Decimal:
    """The e1RM in ``unit`` of a set whose key is its load in 1/``per_kg`` kg x (base + reps)
    (x base for a single) by a linear ``formula``: held by the rule :func:`best_set_of`'s
    estimate is held by, so the SQL path's figure equals the set-by-set one to the last digit."""
    kg = Decimal(key) / (Decimal(per_kg) * LINEAR_BASE[formula])
    return held(convert(kg, Unit.KG, unit))


def side_figures(groups: Sequence[SetGroup], unit: Unit, formula: str) -> SideFigures:
    """One side's figures in one session from its working sets (grouped or raw)."""
    best = best_set_of(groups, unit, formula)
    return SideFigures(
        sets=sum(g.count for g in groups),
        reps=sum(g.reps * g.count for g in groups),
        volume=sum((convert(g.total_volume, g.unit, unit) for g in groups), Decimal(0)),
        best_e1rm=None if best is None else best.e1rm,
        best_set=best,
        out_of_range=sum(g.count for g in groups if is_out_of_range(g.reps, g.load, g.bodyweight)),
        unweighed=sum(g.count for g in groups if g.bodyweight),
        duration=sum((g.duration for g in groups), Decimal(0)),
        distance=sum((g.distance for g in groups), Decimal(0)),
        best_reps=max((g.reps for g in groups), default=0),
        longest=max((g.longest for g in groups), default=Decimal(0)),
        shortest=_shortest(g.shortest for g in groups),
        farthest=max((g.farthest for g in groups), default=Decimal(0)),
        unloaded_timed=sum(g.unloaded_timed for g in groups),
        unloaded_distance=sum(g.unloaded_distance for g in groups),
        reps_at_load=_reps_at_load(
            (convert(g.load, g.unit, Unit.KG), g.reps)
            for g in groups
            if not g.bodyweight and g.load > 0 and g.reps > 0
        ),
    )


def _shortest(times: Iterable[Decimal]) -> Decimal:
    """The shortest of the times that were timed (0: none)."""
    return min((t for t in times if t), default=Decimal(0))


def is_out_of_range(reps: int, load: Decimal, unknown_load: bool = False) -> bool:
    """A loaded set with more reps than any formula is used for (it counts, but estimates
    nothing): the rule the SQL path counts too."""
    return reps > MAX_REPS and load > 0 and not unknown_load


def _reps_at_load(pairs: Iterable[tuple[Decimal, int]]) -> tuple[tuple[Decimal, int], ...]:
    """(load, reps) pairs as the most reps per load, heaviest load first."""
    most: dict[Decimal, int] = {}
    for load, reps in pairs:
        most[load] = max(most.get(load, 0), reps)
    return tuple(sorted(most.items(), reverse=True))


def combined(first: SideFigures | None, second: SideFigures | None) -> SideFigures | None:
    """Two parts of one side's sets in one session (e.g. loaded and bodyweight sets) as one."""
    if first is None or second is None:
        return first or second
    best_set: BestSet | None
    if first.best_e1rm is None or (
        second.best_e1rm is not None and second.best_e1rm > first.best_e1rm
    ):
        best_e1rm, best_set = second.best_e1rm, second.best_set
    elif second.best_e1rm is None or first.best_e1rm > second.best_e1rm:
        best_e1rm, best_set = first.best_e1rm, first.best_set
    else:  # equal: the tie rule needs both sets; unknown ones are named later
        best_e1rm = first.best_e1rm
        best_set = None
        if first.best_set is not None and second.best_set is not None:
            best_set = second.best_set if second.best_set.beats(first.best_set) else first.best_set
    reps_at_load = _reps_at_load(first.reps_at_load + second.reps_at_load)
    return summed((first, second), best_e1rm, best_set, reps_at_load)


def summed(
    parts: Sequence[SideFigures],
    best_e1rm: Decimal | None,
    best_set: BestSet | None,
    reps_at_load: tuple[tuple[Decimal, int], ...] = (),
) -> SideFigures:
    """One side's figures over parts of its sets: counts and totals added, the most reps in
    one set and the longest set kept, with the best e1RM the caller chose."""
    # One pass (a window may hold thousands of sessions), adding in order as sum() would.
    sets = reps = out_of_range = unweighed = best_reps = timed = distanced = 0
    volume = duration = distance = longest = farthest = Decimal(0)
    shortest: Decimal | None = None
    for f in parts:
        sets += f.sets
        reps += f.reps
        volume += f.volume
        out_of_range += f.out_of_range
        unweighed += f.unweighed
        duration += f.duration
        distance += f.distance
        best_reps = max(best_reps, f.best_reps)
        longest = max(longest, f.longest)
        if f.shortest and (shortest is None or f.shortest < shortest):
            shortest = f.shortest
        farthest = max(farthest, f.farthest)
        timed += f.unloaded_timed
        distanced += f.unloaded_distance
    return SideFigures(
        sets=sets,
        reps=reps,
        volume=volume,
        best_e1rm=best_e1rm,
        best_set=best_set,
        out_of_range=out_of_range,
        unweighed=unweighed,
        duration=duration,
        distance=distance,
        best_reps=best_reps,
        longest=longest,
        shortest=Decimal(0) if shortest is None else shortest,
        farthest=farthest,
        unloaded_timed=timed,
        unloaded_distance=distanced,
        reps_at_load=reps_at_load,
    )


@dataclass(frozen=True, slots=True)
class SessionSides:
    """One exercise in one session: each side's figures (None = side not logged)."""

    session_id: int
    started_at: dt.datetime
    left: SideFigures | None
    right: SideFigures | None

    @property
    def date(self) -> dt.date:
        return self.started_at.astimezone().date()

    def side(self, side: Side) -> SideFigures | None:
        return self.left if side is Side.LEFT else self.right


def in_order(sessions: Iterable[SessionSides]) -> list[SessionSides]:
    return sorted(sessions, key=lambda s: (s.started_at, s.session_id))


def window_figures(sessions: Sequence[SessionSides], side: Side) -> SideFigures:
    """One side over sessions in order: sums, and the earliest best e1RM."""
    if side is Side.LEFT:
        present = [s.left for s in sessions if s.left is not None]
    else:
        present = [s.right for s in sessions if s.right is not None]
    best = best_session(sessions, side)
    figures = None if best is None else best.side(side)
    if figures is None:
        return summed(present, None, None)
    return summed(present, figures.best_e1rm, figures.best_set)


def best_session(sessions: Sequence[SessionSides], side: Side) -> SessionSides | None:
    """The earliest session holding the side's best e1RM."""
    best: SessionSides | None = None
    top: Decimal | None = None
    left = side is Side.LEFT
    for session in sessions:
        figures = session.left if left else session.right
        if figures is None or (e1rm := figures.best_e1rm) is None:
            continue
        if top is None or e1rm > top:
            best, top = session, e1rm
    return best


@dataclass(frozen=True, slots=True)
class AllTime:
    """Best e1RM per side over the lifter's whole history, whatever the window."""

    left: BestSet | None
    right: BestSet | None
    involved: Side | None = None  # the report's involved side: the LSI is then involved / other

    @property
    def lsi(self) -> Decimal | None:
        if self.left is None or self.right is None:
            return None
        return lsi_of(self.left.e1rm, self.right.e1rm, self.involved)


@dataclass(frozen=True, slots=True)
class ExerciseImbalance:
    exercise: str
    left: SideFigures  # over the window
    right: SideFigures
    sessions: tuple[SessionSides, ...]
    comparisons: tuple[SessionComparison, ...]  # per session, the compared metric
    judgement: Judgement  # the headline: the latest `recent` compared sessions
    all_time: AllTime
    notes: tuple[str, ...] = ()
    # The metric asked for; "reps" for unweighed bodyweight work; "reps_at_load" or "volume"
    # when a side has no set in the formulas' range.
    compared_by: str = "e1rm"
    per: str | None = None  # "dumbbell" or "kettlebell": loads and volume are per implement
    pre_injury: PreInjury | None = None  # EPIC and recovery, for an exercise with an injury date

    @property
    def aggregate(self) -> str:
        return aggregate_of(self.compared_by)

    def session_lsi(self, comparison: SessionComparison) -> Decimal | None:
        judged = self.judgement
        return lsi_of(comparison.left, comparison.right, judged.involved, judged.lower_is_better)

    def session_epic(self, comparison: SessionComparison) -> Decimal | None:
        """One session after the injury date against the pre-injury reference: the involved
        side's figure / the uninvolved side's before x 100 (per session: a total reference is
        divided by its sessions). None before the injury date or without a reference."""
        found, involved = self.pre_injury, self.judgement.involved
        if found is None or found.uninvolved is None or involved is None or not found.sessions:
            return None
        if comparison.date < found.until:
            return None
        mine = comparison.left if involved is Side.LEFT else comparison.right
        reference = found.uninvolved
        if self.aggregate == "total":
            reference = reference / found.sessions
        return against_reference(mine, reference, self.judgement.lower_is_better)


@dataclass(frozen=True, slots=True)
class ImbalanceReport:
    lifter: str
    unit: Unit
    since: dt.date | None
    until: dt.date | None
    metric: str
    formula: str
    recent: int
    involved: Side | None
    exercises: tuple[ExerciseImbalance, ...]

    @property
    def first_date(self) -> dt.date | None:
        """--since, or the first session's date (sessions are in order)."""
        dates = [e.comparisons[0].date for e in self.exercises if e.comparisons]
        return self.since or (min(dates) if dates else None)

    @property
    def last_date(self) -> dt.date | None:
        dates = [e.comparisons[-1].date for e in self.exercises if e.comparisons]
        return self.until or (max(dates) if dates else None)


def exercise_imbalance(
    name: str,
    sessions: Sequence[SessionSides],
    metric: str,
    recent: int,
    all_time: AllTime,
    involved: Side | None = None,
    per: str | None = None,
    lower_is_better: bool = False,
) -> ExerciseImbalance:
    """Window figures per side, per-session comparisons and the headline about now (the
    exercise's ``lower_is_better`` turns the comparison of its times around)."""
    ordered = in_order(sessions)
    left, right = window_figures(ordered, Side.LEFT), window_figures(ordered, Side.RIGHT)
    notes = notes_for(left, right)
    measured = measured_by(left, right)
    if metric == "e1rm" and measured is not None:
        metric = measured
    elif metric == "e1rm" and only_unweighed(left, right):
        metric = "reps"
        notes += (UNWEIGHED_NOTE,)
    elif metric == "e1rm" and no_set_in_range(left, right):
        metric = "reps_at_load" if any(shared_load(s) for s in ordered) else "volume"
        notes += (OUT_OF_RANGE_NOTE[metric],)
    lower = is_lower_better(metric, lower_is_better)
    comparisons = tuple(session_comparison(s, metric, lower) for s in ordered)
    combine = "mean" if aggregate_of(metric) == "best_set" else "sum"
    judgement = judge(comparisons, recent, combine=combine, involved=involved,
                      lower_is_better=lower)
    return ExerciseImbalance(
        exercise=name,
        left=left,
        right=right,
        sessions=tuple(ordered),
        comparisons=comparisons,
        judgement=judgement,
        all_time=all_time,
        notes=notes,
        compared_by=metric,
        per=per,
    )


def measured_by(left: SideFigures, right: SideFigures) -> str | None:
    """ "duration" when every set of both sides is an unloaded timed set (a timed hop),
    "best_distance" when every one is an unloaded distance set (a hop for distance): what such
    an exercise is compared by without --metric. None otherwise."""
    total = left.sets + right.sets
    if not left.sets or not right.sets:
        return None
    if left.unloaded_timed + right.unloaded_timed == total:
        return "duration"
    if left.unloaded_distance + right.unloaded_distance == total:
        return "best_distance"
    return None


def no_set_in_range(left: SideFigures, right: SideFigures) -> bool:
    """A side whose loaded sets all have more reps than the formulas are used for: an e1RM
    comparison would rest on one side only (or on a blown-up estimate), so it is not made."""
    return any(f.best_e1rm is None and f.out_of_range > 0 for f in (left, right))


def needs_raw_sets(sessions: Sequence[SessionSides], metric: str) -> bool:
    """Whether the comparison reads reps per load, which only raw sets give (the SQL path then
    reads the exercise's sets one by one)."""
    if metric != "e1rm" or all(
        any(f is not None and f.best_e1rm is not None for f in (s.side(side) for s in sessions))
        for side in Side
    ):
        return False  # each side has an estimate: no_set_in_range is False, found without sums
    ordered = in_order(sessions)
    left, right = window_figures(ordered, Side.LEFT), window_figures(ordered, Side.RIGHT)
    return not only_unweighed(left, right) and no_set_in_range(left, right)


def shared_load(session: SessionSides) -> Decimal | None:
    """The heaviest load (kg, exact) both sides lifted in the session, or None."""
    if session.left is None or session.right is None:
        return None
    right = {load for load, _ in session.right.reps_at_load}
    return next((load for load, _ in session.left.reps_at_load if load in right), None)


def session_comparison(
    session: SessionSides, metric: str, lower_is_better: bool = False
) -> SessionComparison:
    """Each side's figure in one session; "reps_at_load": the most reps in one set at the
    heaviest load both sides lifted (no such load: not compared)."""
    if metric != "reps_at_load":
        return SessionComparison(
            session.date,
            None if session.left is None else session.left.metric(metric, lower_is_better),
            None if session.right is None else session.right.metric(metric, lower_is_better),
        )
    load = shared_load(session)
    if load is None or session.left is None or session.right is None:
        return SessionComparison(session.date, None, None)
    left, right = dict(session.left.reps_at_load), dict(session.right.reps_at_load)
    return SessionComparison(session.date, Decimal(left[load]), Decimal(right[load]))


OUT_OF_RANGE_NOTE = {
    "reps_at_load": "A side has no set of 1-12 reps: compared by the most reps in one set at "
    "a load both sides lifted.",
    "volume": "A side has no set of 1-12 reps and the sides share no load: compared by volume.",
}


# -- one figure, named by its scope: what every view renders -------------------------------
# Every view of an LSI (report imbalance, report team, the HTML page, the suggest cue, the gym's
# pair line) renders a Judgement made by ``exercise_imbalance`` over some sessions, and says
# which sessions: the latest ``recent`` ones ("recent", the headline), the latest one
# ("last_session", the cue), or the best of each side ever ("all_time").
SCOPES = ("recent", "last_session", "all_time")


def last_session_figures(item: ExerciseImbalance) -> ExerciseImbalance:
    """The latest session with both sides measured, judged alone by the headline's rules, with
    what it compared (``compared_by``: the latest session alone may have no set in the
    formulas' range, and so be compared by reps at a load or by volume)."""
    return _judged(item, item.sessions, 1)


def headline_before(item: ExerciseImbalance) -> Judgement | None:
    """The headline over the ``recent`` compared sessions before the headline's own (the
    team view's trend compares the two); None until there are twice ``recent`` of them."""
    recent = item.judgement.recent
    compared = [
        i for i, c in enumerate(item.comparisons) if c.left is not None and c.right is not None
    ]
    if len(compared) < 2 * recent:
        return None
    return _judged(item, item.sessions[: compared[-recent]], recent).judgement


def by_volume(item: ExerciseImbalance) -> ExerciseImbalance:
    """The same sessions compared by volume (`report imbalance --metric volume` of them, without
    the all-time bests and the pre-injury reference): the HTML page's volume chart."""
    return _judged(item, item.sessions, item.judgement.recent, "volume")


def _judged(
    item: ExerciseImbalance, sessions: Sequence[SessionSides], recent: int, metric: str = ""
) -> ExerciseImbalance:
    """``sessions`` of ``item`` judged by its rules (by ``metric``, else what it compared)."""
    involved = item.judgement.involved
    return exercise_imbalance(
        item.exercise, sessions, metric or item.compared_by, recent, AllTime(None, None, involved),
        involved, item.per, item.judgement.lower_is_better,
    )


def pair_judgement(
    left: Sequence[SetGroup],
    right: Sequence[SetGroup],
    when: dt.datetime,
    unit: Unit,
    involved: Side | None = None,
    formula: str = "epley",
    lower_is_better: bool = False,
) -> Judgement:
    """One left set against one right set (the gym's pair line), judged as a session holding
    only them: what `report imbalance` says of such a session."""
    figures = [side_figures(groups, unit, formula) for groups in (left, right)]
    if no_set_in_range(*figures):
        # Sets beyond the formulas' range decide no estimate: `report imbalance` gives such a
        # session no e1RM figure, and the pair line gives none either.
        return judge((), 1, involved=involved)
    session = SessionSides(0, when, *figures)
    none = AllTime(None, None, involved)
    return exercise_imbalance("", [session], "e1rm", 1, none, involved,
                              lower_is_better=lower_is_better).judgement


# -- the pre-injury reference: EPIC and recovery (domain-science 1.4b) --------------------------
# Wellsandt, Failla & Snyder-Mackler (JOSPT 2017): the uninvolved side deconditions too, so an
# LSI against it flatters; the estimated pre-injury capacity (EPIC) divides the involved side
# now by the uninvolved side before the injury, which predicted second ACL injuries far better.
# "Before the injury" is the sessions before the stored injury date (the injury or the
# operation, as the physio chooses), within LOOKBACK_MONTHS of it; "now" is the headline.
LOOKBACK_MONTHS = 6


class NoReference(Enum):
    """Why an exercise with an injury date has no EPIC (tracker.wording.asymmetry says it)."""

    NO_SIDE = "no_side"  # the report compares weaker / stronger: no involved side
    NO_HEADLINE = "no_headline"  # no session now with both sides measured
    HEADLINE_BEFORE = "headline_before"  # the headline's sessions start before the injury date
    NO_SESSIONS = "no_sessions"  # no session with both sides measured in the look-back
    TOO_FEW = "too_few"  # totals (volume, distance) over fewer sessions than the headline's


@dataclass(frozen=True, slots=True)
class PreInjury:
    """An exercise's figures against the pre-injury reference: each side's figure over the
    latest ``sessions`` compared sessions before ``until`` (the injury date, at most
    ``recent`` of them: as many as the headline compares), the same statistic as the
    headline's (a mean of session bests, or a total); EPIC = involved now / uninvolved
    before x 100, recovery = involved now / involved before x 100 (inverted for a test where
    lower is better). None where ``missing`` says why."""

    until: dt.date
    since: dt.date  # the look-back's first day
    sessions: int
    uninvolved: Decimal | None
    involved: Decimal | None
    epic: Decimal | None
    recovery: Decimal | None
    missing: NoReference | None = None
    headline_sessions: int = 0  # the headline's compared sessions (what ``sessions`` matches)
    lower_is_better: bool = False  # times: both ratios are before / now


def kept_for(
    sides: Mapping[int | None, Side], dates: Mapping[int | None, dt.date], exercise_id: int | None
) -> tuple[Side | None, dt.date | None]:
    """The involved side kept for the exercise and its injury date, else the lifter's for
    every exercise (key None): a side and its date go together, never one from each."""
    key = exercise_id if exercise_id in sides else None
    return sides.get(key), dates.get(key)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def against_reference(
    now: Decimal | None, before: Decimal | None, lower_is_better: bool = False
) -> Decimal | None:
    """Now against a reference x 100, exact: now / before (before / now where lower is
    better, a time); None when either is missing or the divisor is 0. The LSI's own rule,
    with now as the involved side and the reference as the other (one direction rule)."""
    return lsi_of(now, before, Side.LEFT, lower_is_better)


def pre_injury_of(
    item: ExerciseImbalance,
    everything: Sequence[SessionSides],
    injury_date: dt.date,
    lookback_months: int = LOOKBACK_MONTHS,
) -> PreInjury:
    """EPIC and recovery of ``item`` (its headline now) against its sessions before
    ``injury_date`` among ``everything`` (the whole history, whatever the report's window),
    both inverted where the headline compares times of a test where less is better."""
    judged = item.judgement
    lower = judged.lower_is_better
    since = months_before(injury_date, lookback_months)
    k = judged.compared_sessions
    missing = PreInjury(injury_date, since, 0, None, None, None, None, headline_sessions=k,
                        lower_is_better=lower)
    involved = judged.involved
    if involved is None:
        return replace(missing, missing=NoReference.NO_SIDE)
    before = [s for s in in_order(everything) if since <= s.date < injury_date]
    combine = "mean" if aggregate_of(item.compared_by) == "best_set" else "sum"
    then = judge([session_comparison(s, item.compared_by, lower) for s in before], max(k, 1),
                 combine=combine, involved=involved, lower_is_better=lower)
    mine, other = (then.left, then.right) if involved is Side.LEFT else (then.right, then.left)
    found = replace(missing, sessions=then.compared_sessions, uninvolved=other, involved=mine)
    if k == 0:
        return replace(found, missing=NoReference.NO_HEADLINE)
    if judged.first is not None and judged.first < injury_date:
        return replace(found, missing=NoReference.HEADLINE_BEFORE)
    if then.compared_sessions == 0:
        return replace(found, missing=NoReference.NO_SESSIONS)
    if combine == "sum" and then.compared_sessions < k:
        return replace(found, missing=NoReference.TOO_FEW)
    now = judged.left if involved is Side.LEFT else judged.right
    return replace(
        found,
        epic=against_reference(now, other, lower),
        recovery=against_reference(now, mine, lower),
    )


# -- return-to-sport readiness: LSI and, where it exists, EPIC at a threshold ----------------
READINESS_THRESHOLD = Decimal(90)  # Gokeler 2017; Wellsandt 2017: >= 90 on every test
# The battery: quadriceps strength and the four single-leg hop tests (domain-science 1.4b).
READINESS_BATTERY = (
    "Single-Leg Leg Extension",
    "Single-Leg Hop for Distance",
    "Triple Hop for Distance",
    "Crossover Hop for Distance",
    "6 m Timed Hop",
)


class Missing(Enum):
    """Why a readiness test has no figures (tracker.wording.asymmetry says it)."""

    UNKNOWN = "unknown"  # no such exercise in the catalog
    BILATERAL = "bilateral"  # no sides to compare
    NEVER_DONE = "never_done"  # no set of it logged
    NOT_SINCE = "not_since"  # logged, but not since the injury date
    NO_LSI = "no_lsi"  # logged, but no session with both sides measured


@dataclass(frozen=True, slots=True)
class ReadinessVerdict:
    """One readiness test: passed, the criteria that decided (those that exist) and those of
    them it failed."""

    passed: bool
    criteria: tuple[str, ...]  # "lsi", and "epic" where a pre-injury reference exists
    failed: tuple[str, ...] = ()


READINESS_THRESHOLDS = (Decimal(50), Decimal(100))  # a pass mark is a share of the reference


def check_threshold(threshold: Decimal) -> Decimal:
    """A readiness pass mark: 50 to 100 %, at most one decimal (so that a figure shown to the
    hundredth never reads as equal to it while failing it)."""
    low, high = READINESS_THRESHOLDS
    whole_tenths = threshold.is_finite() and threshold == round(threshold, 1)
    if not whole_tenths or not low <= threshold <= high:
        raise InvalidValue(
            f"--threshold must be a percentage from {low} to {high} with at most one decimal, "
            f"got {threshold}"
        )
    return threshold


def readiness_verdict(
    lsi: Decimal | None, epic: Decimal | None, threshold: Decimal = READINESS_THRESHOLD
) -> ReadinessVerdict:
    """Pass when LSI >= threshold and, where EPIC exists, EPIC >= threshold (compared at the
    banding quantum, as every LSI band is: 89.99999999999 from a repeating e1RM is 90).
    No LSI (a test never done, or one side missing) never passes."""
    if lsi is None:
        return ReadinessVerdict(False, ())
    figures = {"lsi": lsi} if epic is None else {"lsi": lsi, "epic": epic}
    failed = tuple(name for name, value in figures.items() if not at_least(value, threshold))
    return ReadinessVerdict(not failed, tuple(figures), failed)


def weeks_since(day: dt.date, today: dt.date) -> int:
    """Whole weeks from ``day`` to ``today`` (the readiness report's heading)."""
    return (today - day).days // 7


UNWEIGHED_NOTE = (
    "Bodyweight sets and no body weight logged: compared by reps "
    "(log one with: tracker bodyweight add WEIGHT)."
)


def only_unweighed(left: SideFigures, right: SideFigures) -> bool:
    """Every set is a bodyweight set of unknown load: an e1RM comparison has nothing to use."""
    total = left.sets + right.sets
    return total > 0 and left.unweighed + right.unweighed == total


def notes_for(left: SideFigures, right: SideFigures) -> tuple[str, ...]:
    """Why some sets are missing from the estimate."""
    skipped = left.out_of_range + right.out_of_range
    if not skipped:
        return ()
    sets = "1 set" if skipped == 1 else f"{skipped} sets"
    return (
        f"{sets} of more than {MAX_REPS} reps left out of the e1RM: no formula is reliable there.",
    )


def sort_exercises(exercises: Iterable[ExerciseImbalance]) -> tuple[ExerciseImbalance, ...]:
    """Most asymmetric first; exercises without a comparison last; then by name."""

    def key(item: ExerciseImbalance) -> tuple[bool, Decimal, str]:
        asym = item.judgement.asymmetry
        return (asym is None, -(abs(asym) if asym is not None else Decimal(0)), item.exercise)

    return tuple(sorted(exercises, key=key))


# -- history ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    date: dt.date
    session_id: int
    side: Side | None
    figures: SideFigures
    personal_best: bool
    session_sets: int = 0  # the session's working sets of the exercise, counted as the report says
    best: BestMeasures = BestMeasures()  # longest hold and distance (timed and distance sets)


@dataclass(frozen=True, slots=True)
class HistoryReport:
    lifter: str
    exercise: str
    unit: Unit
    formula: str
    laterality: str
    entries: tuple[HistoryEntry, ...]
    sets_counted_as: str = "pairs"
    per: str | None = None  # "dumbbell" or "kettlebell": loads and volume are per implement
    lower_is_better: bool = False  # the exercise's: its best time is the shortest (best_measures)


@dataclass(frozen=True, slots=True)
class SideSession:
    """One side (None: a bilateral exercise) of one session, for the history."""

    session_id: int
    started_at: dt.datetime
    side: Side | None
    figures: SideFigures


def history_entries(
    rows: Iterable[SideSession],
    only_side: Side | None,
    since: dt.datetime | None,
    pairs: bool = True,
) -> tuple[HistoryEntry, ...]:
    """Sessions in order, personal bests marked against the whole history before them; each
    entry also gives its session's set count (a left/right pair as one set when ``pairs``)."""
    ordered = sorted(
        rows, key=lambda r: (r.started_at, r.session_id, "" if r.side is None else r.side.value)
    )
    per_session: dict[int, dict[Side | None, int]] = defaultdict(dict)
    for row in ordered:
        per_session[row.session_id][row.side] = row.figures.sets
    counted = {session_id: counted_sets(sets, pairs) for session_id, sets in per_session.items()}
    best_so_far: dict[Side | None, Decimal] = {}
    entries = []
    for row in ordered:
        if only_side is not None and row.side != only_side:
            continue
        e1rm = row.figures.best_e1rm
        record = e1rm is not None and e1rm > best_so_far.get(row.side, Decimal(0))
        if record and e1rm is not None:
            best_so_far[row.side] = e1rm
        if since is not None and row.started_at < since:
            continue
        entries.append(
            HistoryEntry(row.started_at.astimezone().date(), row.session_id, row.side,
                         row.figures, record, counted[row.session_id])
        )
    return tuple(entries)


# -- summary ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExerciseSession:
    """One exercise's working sets in one session, per side (None: no side)."""

    session_id: int
    started_at: dt.datetime
    body_part: str
    sets: dict[Side | None, int]
    reps: int
    # In the lifter's unit, of the total external load: a set with two 30 kg dumbbells
    # moves 60 kg a rep (the load is logged per dumbbell).
    volume: Decimal


def counted_sets(sets: dict[Side | None, int], pairs: bool) -> int:
    """An exercise's sets in one session: a left/right pair is one set (pairs, as programmes
    count them: max(left, right)), or each side counts (sides)."""
    if not pairs:
        return sum(sets.values())
    return max(sets.get(Side.LEFT, 0), sets.get(Side.RIGHT, 0)) + sets.get(None, 0)


@dataclass
class SummaryBucket:
    key: str
    sessions: set[int] = field(default_factory=set)
    sets: int = 0
    reps: int = 0
    volume: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class SummaryReport:
    lifter: str
    unit: Unit
    since: dt.date | None
    sets_counted_as: str  # "pairs" or "sides"
    sessions: int
    sets: int
    volume: Decimal
    weeks: tuple[SummaryBucket, ...]
    body_parts: tuple[SummaryBucket, ...]


def summary_of(
    lifter: str,
    unit: Unit,
    since: dt.datetime | None,
    rows: Iterable[ExerciseSession],
    pairs: bool = True,
) -> SummaryReport:
    """Sessions, sets, reps and volume per ISO week (local time) and per body part."""
    weeks: dict[str, SummaryBucket] = {}
    parts: dict[str, SummaryBucket] = {}
    sessions: set[int] = set()
    for row in rows:
        sessions.add(row.session_id)
        year, week, _ = row.started_at.astimezone().isocalendar()
        week_key = f"{year}-W{week:02d}"
        for bucket in (
            weeks.setdefault(week_key, SummaryBucket(week_key)),
            parts.setdefault(row.body_part, SummaryBucket(row.body_part)),
        ):
            bucket.sessions.add(row.session_id)
            bucket.sets += counted_sets(row.sets, pairs)
            bucket.reps += row.reps
            bucket.volume += row.volume
    return SummaryReport(
        lifter=lifter,
        unit=unit,
        since=since.date() if since else None,
        sets_counted_as="pairs" if pairs else "sides",
        sessions=len(sessions),
        sets=sum(b.sets for b in weeks.values()),
        volume=sum((b.volume for b in weeks.values()), Decimal(0)),
        weeks=tuple(weeks[k] for k in sorted(weeks)),
        body_parts=tuple(sorted(parts.values(), key=lambda b: (-b.volume, b.key))),
    )
