"""The rules of `tracker suggest` beyond one step: the unit a progression runs in, double
progression side by side, the weaker side's cap, and why no start can be given.

The answer's parts are values (``Basis``, ``SideStep``, ``NoStart``, the steps' ``StepReason``);
tracker.wording writes their sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from tracker.domain.loads import (
    LoadLabel,
    ProgressionStep,
    SessionSets,
    cap_weaker_side,
    next_load,
    round_down,
)
from tracker.domain.model import Laterality, Side
from tracker.domain.report_figures import ExerciseImbalance, last_session_figures
from tracker.domain.units import Unit, convert, plain, round_display


@dataclass(frozen=True)
class Basis:
    """The load a start is derived from: the parent's top working set, or one given."""

    exercise: str
    load: Decimal  # as logged (or given)
    unit: Unit
    reps: int | None
    date: dt.date | None
    instead_of: str | None = None  # the parent a related lift stands in for
    factor: Decimal | None = None
    bodyweight: bool = False  # load was added to body weight (BW+20), weighed at body_weight
    body_weight: Decimal | None = None  # that weigh-in, in ``unit``
    over: str | None = None  # a carry's distance or time, as typed: "40m", "60s"


# Why no start can be given (tracker.wording.suggest.no_start_text says what to do instead):
# - "measured": the exercise is done for time or distance, not reps;
# - "no_working_sets": only warm-ups or failed attempts logged, nothing to progress;
# - "bilateral": --basis given for a bilateral lift without a parent;
# - "no_history": a bilateral lift without a parent, never logged;
# - "no_ratio": no ratio links it to its parent (``parent``) or to any bilateral lift.
NoStartCause = Literal["measured", "no_working_sets", "bilateral", "no_history", "no_ratio"]


@dataclass(frozen=True, slots=True)
class NoStart:
    cause: NoStartCause
    exercise: str
    example: str  # a set of it in the log syntax: 3x10x20, 60s
    measure: str  # reps, time or distance
    parent: str | None = None
    lower_is_better: bool = False  # a timed test where less is better: progress is less time
    side_test: bool = False  # a test comparing the sides (a hop for distance or time)


def no_start(
    exercise: str,
    laterality: str,
    parent: str | None,
    with_basis: bool,
    logged: bool,
    measure: str,
    example: str,
    lower_is_better: bool = False,
    side_test: bool = False,
) -> NoStart:
    """Why no starting load can be given: the first that holds of the causes above."""
    cause: NoStartCause = "no_ratio"
    if measure != "reps" and not with_basis:
        cause = "measured"
    elif logged and not with_basis:
        cause = "no_working_sets"
    elif laterality == Laterality.BILATERAL and parent is None:
        cause = "bilateral" if with_basis else "no_history"
    return NoStart(cause, exercise, example, measure, parent, lower_is_better, side_test)


@dataclass(frozen=True, slots=True)
class SessionPlace:
    """A session among the lifter's, by its id and start: the gym's own session, whose target
    is worked out from the sessions before it, the ones its "Last" line reads
    (logbook.previous_session): every other session started no later. Sets logged in it
    earlier the same day (`tracker log` before the prompt opened) are today's, not last time's.
    """

    session_id: int
    started_at: dt.datetime

    def after(self, session_id: int, started_at: dt.datetime) -> bool:
        """Whether that session comes before this one (the one rule; the repository's query
        `recent_working_sets(before=...)` says it in SQL)."""
        return session_id != self.session_id and started_at <= self.started_at


def last_session_before(
    item: ExerciseImbalance, before: SessionPlace | None
) -> ExerciseImbalance:
    """`last_session_figures` of the sessions before ``before`` (all of them when None): the
    latest one with both sides measured before the gym's own session, which gives the cue and
    the weaker side's cap, as its "Last" line shows last time's sets."""
    if before is None:
        return last_session_figures(item)
    kept = tuple(s for s in item.sessions if before.after(s.session_id, s.started_at))
    return last_session_figures(replace(item, sessions=kept))


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """A working set of the exercise as a progression reads it (its load as logged)."""

    session_id: int
    date: dt.date  # the local date it was done
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    bodyweight: bool
    # Its session's place among those read, oldest first by start, then id: the order the
    # reports and the cue give sessions (a back-dated session is not the last; sessions
    # started together follow their ids), not the order of the sets' dates.
    place: int


def _latest(sets: Sequence[LoggedSet]) -> list[LoggedSet]:
    last = max(sets, key=lambda s: s.place).session_id
    return [s for s in sets if s.session_id == last]


def working_unit(sets: Sequence[LoggedSet], default: Unit) -> Unit:
    """The unit the lifter loads this exercise in: that of the latest session's sets, or of
    its heaviest set when the session mixed units (the load a step holds or raises).

    Progressing in that unit keeps every suggestion a load the equipment can make (40 kg + one
    5 kg step is 45 kg, not 98.18 lb; 8x60 kg and 8x135 lb hold 135 lb, not 61.23 kg).
    """
    if not sets:
        return default
    return max(_latest(sets), key=lambda s: convert(s.load, s.unit, Unit.KG)).unit


def logged_as_bodyweight(sets: Sequence[LoggedSet]) -> bool:
    """Whether the latest session's sets were logged against body weight (12xBW, 8xBW-20):
    then each load is what was added to it, or taken off by an assisted machine."""
    return any(s.bodyweight for s in _latest(sets))


def any_side_on_bodyweight(sets: Sequence[LoggedSet]) -> bool:
    """Whether any side's own latest session was logged against body weight (one side may be
    BW+10 while the other is a plain load): then the body weight is needed."""
    return any(
        logged_as_bodyweight([s for s in sets if s.side == side]) for side in {s.side for s in sets}
    )


def assisted(sets: Sequence[LoggedSet]) -> bool:
    """Whether the latest session's heaviest set was still assisted (BW-20: below BW)."""
    return max(s.load for s in _latest(sets)) < 0


def side_unit(sets: Sequence[LoggedSet], side: Side, default: Unit) -> Unit:
    """The unit a side was last logged in: its suggestion stays a load that side's equipment
    makes (135 lb + 5 lb, never 61.23 kg + 5 kg)."""
    # Stable: within its session, a side's sets keep the order they were logged in.
    units = [s.unit for s in sorted(sets, key=lambda s: s.place) if s.side == side]
    return units[-1] if units else default


def sessions_by_side(
    sets: Sequence[LoggedSet], unit: Unit, ignore_sides: bool = False
) -> dict[Side | None, list[SessionSets]]:
    """Each side's sessions, oldest first, loads in ``unit``; sides ignored: all under None."""
    grouped: dict[Side | None, dict[int, list[tuple[int, Decimal]]]] = {}
    dates: dict[int, dt.date] = {}
    places: dict[int, int] = {}
    for s in sets:
        side = None if ignore_sides else s.side
        grouped.setdefault(side, {}).setdefault(s.session_id, []).append(
            (s.reps, convert(s.load, s.unit, unit))
        )
        dates.setdefault(s.session_id, s.date)
        places.setdefault(s.session_id, s.place)
    order = sorted(places, key=places.__getitem__)
    return {
        side: [SessionSets(dates[sid], sessions[sid]) for sid in order if sid in sessions]
        for side, sessions in grouped.items()
    }


@dataclass(frozen=True)
class SideStep:
    """One side's double progression in the unit that side was last logged in (None: a
    bilateral lift's one step). Its label says whether the side was logged against body
    weight (BW+10, BW-20) in its own latest session; ``body_weight`` is the lifter's, in this
    side's unit, when known (the cap compares the mass moved when only one side is on BW)."""

    step: ProgressionStep
    unit: Unit
    increment: Decimal
    label: LoadLabel
    body_weight: Decimal | None = None


def progression_steps(
    sets: Sequence[LoggedSet],
    laterality: str,
    rep_range: tuple[int, int],
    unit: Unit,
    increment: Callable[[Unit, bool], Decimal],
    implement: str = "",
    body_weight: Decimal | None = None,
) -> dict[Side | None, SideStep]:
    """Double progression from the recent sessions: one step under None for a bilateral lift
    (or one whose sets name no side), else one per side logged, each in its own unit and on
    its own terms: a side is bodyweight-relative (or assisted) as its own latest session was,
    whatever the other side's. ``increment`` gives the step in a unit (True: of an assisted
    machine's stack); ``body_weight`` (in ``unit``) gives a bodyweight side the mass moved."""
    per_side = sessions_by_side(sets, unit)
    if laterality == Laterality.BILATERAL or set(per_side) == {None}:
        history = per_side.get(None) or sessions_by_side(sets, unit, ignore_sides=True)[None]
        bodyweight = logged_as_bodyweight(sets)
        label = LoadLabel(unit, bodyweight, implement)
        step_by = increment(unit, bodyweight and assisted(sets))
        step = next_load(history, rep_range, step_by, label, body_weight if bodyweight else None)
        return {None: SideStep(step, unit, step_by, label, body_weight)}
    steps: dict[Side | None, SideStep] = {}
    for side in (side for side in Side if per_side.get(side)):
        own_sets = [s for s in sets if s.side == side]
        bodyweight = logged_as_bodyweight(own_sets)
        in_unit = side_unit(sets, side, unit)
        own = LoadLabel(in_unit, bodyweight, implement)
        weight = None if body_weight is None else convert(body_weight, unit, in_unit)
        step_by = increment(in_unit, bodyweight and assisted(own_sets))
        history = sessions_by_side(sets, in_unit)[side]
        step = next_load(history, rep_range, step_by, own, weight if bodyweight else None)
        steps[side] = SideStep(step, in_unit, step_by, own, weight)
    return steps


def capped(
    left: SideStep, right: SideStep, weaker: Side | None
) -> tuple[ProgressionStep, ProgressionStep]:
    """The weaker side never gets more than the stronger: compared in the weaker side's unit
    and rounded down to its step when the sides are logged in different units.

    When one side is logged against body weight (BW+10) and the other as a plain load, the
    mass moved is compared (the load plus the body weight on the bodyweight side) and the
    cap is said in the weaker side's own terms, rounded down to its step; without a known
    body weight the two cannot be compared, and nothing is capped.
    """
    if weaker is None:
        return cap_weaker_side(left.step, right.step, weaker)
    weak, strong = (left, right) if weaker is Side.LEFT else (right, left)
    if weak.label.bodyweight is not strong.label.bodyweight:
        if weak.body_weight is None or strong.body_weight is None:
            return left.step, right.step
        moved = strong.step.load + (strong.body_weight if strong.label.bodyweight else 0)
        own = convert(moved, strong.unit, weak.unit) - (
            weak.body_weight if weak.label.bodyweight else 0
        )
        limit = round_down(own, weak.increment)
        return cap_weaker_side(left.step, right.step, weaker, limit, by_mass=True)
    if left.unit is right.unit:
        return cap_weaker_side(left.step, right.step, weaker)
    limit = round_down(convert(strong.step.load, strong.unit, weak.unit), weak.increment)
    return cap_weaker_side(left.step, right.step, weaker, limit)


def as_shown(load: Decimal) -> Decimal:
    """A target load as the lifter reads it. A load typed in this unit (at most 3 decimals) is
    kept exactly; one carried over from a set logged in the other unit (a session that mixed
    kg and lb) is its conversion to two decimals, as the reason names it (132.28 lb, not
    132.27735731092656)."""
    if load == load.quantize(Decimal("0.001")):
        return plain(load)
    return plain(round_display(load))
