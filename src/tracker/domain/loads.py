"""Loadable weights: equipment increments, rounding, starting loads and double progression.

All loads are Decimals. Suggestions round *down* to the equipment increment (as Liftosaur
does): a suggestion a little light is safe, one a little heavy is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal

from tracker.domain.asymmetry import Judgement, Status
from tracker.domain.equipment import Equipment, equipment_key
from tracker.domain.errors import InvalidValue, NoBasis
from tracker.domain.model import Side
from tracker.domain.report_figures import reps_predicted
from tracker.domain.units import Unit, convert

# Smallest usual jump per equipment (domain-science 6.1). Gym-specific, hence overridable:
# - barbell / smith machine: a pair of 1.25 kg or 2.5 lb plates;
# - dumbbell: metric racks step 2 kg, US racks 5 lb;
# - machine stack: 5 kg / 10 lb plates; cable stacks are finer (2.5 kg / 5 lb);
# - kettlebell: 4 kg in metric sets; lb kettlebells come in 5 lb steps;
# - band, bodyweight (added weight) and anything else: 1 kg / 2.5 lb, a small safe default.
_STEPS: dict[Equipment, tuple[str, str]] = {  # (kg, lb)
    Equipment.BARBELL: ("2.5", "5"),
    Equipment.DUMBBELL: ("2", "5"),
    Equipment.MACHINE: ("5", "10"),
    Equipment.CABLE: ("2.5", "5"),
    Equipment.KETTLEBELL: ("4", "5"),
    Equipment.SMITH_MACHINE: ("2.5", "5"),
    Equipment.BAND: ("1", "2.5"),
    Equipment.BODYWEIGHT: ("1", "2.5"),
    Equipment.OTHER: ("1", "2.5"),
}
DEFAULT_INCREMENTS: dict[tuple[Equipment, Unit], Decimal] = {
    (kind, unit): Decimal(step)
    for kind, steps in _STEPS.items()
    for unit, step in zip((Unit.KG, Unit.LB), steps, strict=True)
}

# A per-side start at 40-50 % of the bilateral working load is a coaching heuristic (the
# single-leg press card); measured per-limb 1RMs are 50-56 % of bilateral (domain-science 5).
DEFAULT_UNILATERAL_RATIO = (Decimal("0.40"), Decimal("0.50"))

Action = Literal["increase", "hold", "decrease"]

# What a start is when the share rounds down to nothing: the smallest step the equipment
# loads (a stack's top plate, the lightest dumbbell) or the empty sled of a plate-loaded
# machine. Never "0 kg", which no lifter can pick up. "bar": the share is below the empty
# barbell, the lightest load a bar exercise can have. (A bodyweight start is BW+x or BW-x.)
Lightest = Literal["step", "sled", "bar"]


def increment_for(equipment: str, unit: Unit, override: Decimal | None = None) -> Decimal:
    """The load step for ``equipment`` in ``unit``; an override (the lifter's gym) wins."""
    if override is not None:
        _check_increment(override)
        return override
    return DEFAULT_INCREMENTS[(equipment_key(equipment), unit)]


def _check_increment(increment: Decimal) -> None:
    if increment <= 0:
        raise InvalidValue(f"the load increment must be positive, got {increment}")


def _round(x: Decimal, increment: Decimal, rounding: str) -> Decimal:
    _check_increment(increment)
    return (x / increment).to_integral_value(rounding=rounding) * increment


def round_down(x: Decimal, increment: Decimal) -> Decimal:
    """The largest multiple of ``increment`` that is <= x (61.25 by 2.5 -> 60.0)."""
    return _round(x, increment, ROUND_FLOOR)


def round_up(x: Decimal, increment: Decimal) -> Decimal:
    """The smallest multiple of ``increment`` that is >= x (61.25 by 2.5 -> 62.5)."""
    return _round(x, increment, ROUND_CEILING)


# --- starting load for a new (typically unilateral) variant ---------------------------------


@dataclass(frozen=True, slots=True)
class StartSuggestion:
    """A starting load derived from a basis load (e.g. the bilateral working weight)."""

    basis_load: Decimal  # as typed, in basis_unit
    basis_unit: Unit
    ratio_low: Decimal
    ratio_high: Decimal
    sled: Decimal | None  # carriage mass in ``unit``, lifted but not logged
    raw_low: Decimal  # exact, in ``unit``; may be negative with a heavy sled (or assisted)
    raw_high: Decimal
    low: Decimal  # the lowest step inside raw_low..raw_high (see _band_steps)
    high: Decimal  # the highest step inside it
    suggested: Decimal  # the low end: start light, add reps, then load
    increment: Decimal
    unit: Unit
    # Set when the share rounded down to nothing (see lightest_start): what the start is then.
    lightest: Lightest | None = None
    # False when no step lies inside the band: the start is then the nearest step below it
    # (or the lightest load the equipment allows, above it).
    inside: bool = True
    # Set for a bodyweight variant: loads are added to this body weight (negative: assisted).
    body_weight: Decimal | None = None


def lightest_start(
    start: StartSuggestion, lightest: Lightest, bar: Decimal | None = None
) -> StartSuggestion:
    """``start`` unchanged unless it is below what the equipment can make; then the lightest
    real start.

    A bar exercise (``bar``: the empty bar's weight) starts at the empty bar at least: inside
    the band when it is, else above it, said so (``lightest="bar"``). Otherwise only a start
    that rounded down to 0 changes: with plates or a stack it is one step, even above the
    ratio's share (a share below the smallest step cannot be loaded, and the lifter is told
    so); with an empty sled, 0 added is itself a load, so nothing is added, as on body weight.
    """
    if bar is not None:
        if start.suggested >= bar:
            return start
        inside = start.raw_low <= bar <= start.raw_high
        return replace(
            start, low=bar, high=max(start.high, bar), suggested=bar, inside=inside,
            lightest=None if inside else "bar",
        )
    if start.suggested > 0 or start.body_weight is not None:
        return start
    if lightest != "step":
        return replace(start, lightest=lightest)
    step = start.increment
    return replace(
        start, low=step, high=max(start.high, step), suggested=step, lightest=lightest,
        inside=start.raw_low <= step <= start.raw_high,
    )


def _per_side(ratio: Decimal, basis: Decimal, sled: Decimal) -> Decimal:
    """Added load for a share ``ratio`` of the total mass moved (domain-science 5).

    On a plate-loaded machine the carriage (sled) is lifted in both variants but never logged,
    so the share applies to basis + sled, and the sled is taken off again.
    """
    return ratio * (basis + sled) - sled


def starting_load(
    basis: Decimal,
    basis_unit: Unit,
    ratio: tuple[Decimal, Decimal],
    increment: Decimal,
    unit: Unit,
    sled: Decimal | None = None,
    body_weight: Decimal | None = None,
) -> StartSuggestion:
    """Suggest a start at ``ratio`` of ``basis``: the lowest loadable step in ``unit`` inside
    the band ratio x basis (see _band_steps), never negative.

    With ``body_weight`` (a bodyweight variant; ``basis`` is then the parent's effective load,
    body weight included) the band is of the mass moved and the loads are what is added to
    body weight: negative is assisted (BW-20), down to no mass moved at all. Otherwise a
    suggestion above raw_high means raw_high < 0 (a sled heavier than the share), and it is
    then 0: the empty sled is the lightest possible start.
    """
    ratio_low, ratio_high = ratio
    _check_start(basis, ratio_low, ratio_high, increment, sled)
    base = convert(basis, basis_unit, unit)
    carriage = sled if sled is not None else Decimal(0)
    raw_low = _per_side(ratio_low, base, carriage)
    raw_high = _per_side(ratio_high, base, carriage)
    floor = Decimal(0)
    if body_weight is not None:
        raw_low, raw_high, floor = raw_low - body_weight, raw_high - body_weight, -body_weight
    low, high = _band_steps(raw_low, raw_high, increment, floor)
    return StartSuggestion(
        basis_load=basis,
        basis_unit=basis_unit,
        ratio_low=ratio_low,
        ratio_high=ratio_high,
        sled=sled,
        raw_low=raw_low,
        raw_high=raw_high,
        low=low,
        high=high,
        suggested=low,
        increment=increment,
        unit=unit,
        inside=raw_low <= low <= raw_high,
        body_weight=body_weight,
    )


def _band_steps(
    raw_low: Decimal, raw_high: Decimal, increment: Decimal, floor: Decimal
) -> tuple[Decimal, Decimal]:
    """The lowest and highest steps inside raw_low..raw_high, never below ``floor``.

    Rounding the low end down would start below the band it quotes (40-50% of 140 kg is
    56-70 kg: 55 kg is 39.3%, while 60 kg is inside); the start is the lowest step inside the
    band, and only when no step lies inside (56-58 kg in 5 kg steps) the nearest step below
    (55 kg), which errs light, as a start should.
    """
    low, high = round_up(raw_low, increment), round_down(raw_high, increment)
    if low > high:  # no step inside: both are the step just below the band
        low = high
    return max(low, floor), max(high, floor)


def _check_start(
    basis: Decimal, low: Decimal, high: Decimal, increment: Decimal, sled: Decimal | None
) -> None:
    if basis < 0:
        raise InvalidValue(f"the basis load must not be negative, got {basis}")
    if not 0 <= low <= high:
        raise InvalidValue(f"the ratio must satisfy 0 <= low <= high, got {low}-{high}")
    if sled is not None and sled < 0:
        raise InvalidValue(f"the sled weight must not be negative, got {sled}")
    _check_increment(increment)


# --- double progression ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionSets:
    """One side's working sets in one session: (reps, load) pairs, loads in the target unit."""

    date: dt.date
    sets: Sequence[tuple[int, Decimal]]


@dataclass(frozen=True, slots=True)
class ProgressionStep:
    """What to load next session and why. ``from_load`` is the top load it was derived from."""

    load: Decimal
    reps_target: int
    action: Action
    reason: StepReason
    from_load: Decimal


@dataclass(frozen=True, slots=True)
class _Top:
    """The heaviest working load of a session and the reps done at it."""

    load: Decimal
    reps: tuple[int, ...]


def _top(session: SessionSets) -> _Top:
    if not session.sets:
        raise NoBasis(f"no working sets on {session.date.isoformat()} to progress from")
    load = max(set_load for _, set_load in session.sets)
    return _Top(load, tuple(reps for reps, set_load in session.sets if set_load == load))


def _fell_short(top: _Top, bottom: int) -> bool:
    return any(reps < bottom for reps in top.reps)


def _check_progression(rep_range: tuple[int, int], increment: Decimal) -> None:
    bottom, top = rep_range
    if not 1 <= bottom <= top:
        raise InvalidValue(f"the rep range must satisfy 1 <= low <= high, got {bottom}-{top}")
    _check_increment(increment)


@dataclass(frozen=True, slots=True)
class LoadLabel:
    """How a reason names a load: with its unit when known, as body weight plus or minus it
    for a bodyweight exercise (BW-20 kg is assisted), and per implement where a logged load is
    one dumbbell's (the lifter holds two). tracker.wording.loads writes it."""

    unit: Unit | None = None
    bodyweight: bool = False
    per: str = ""  # "dumbbell" or "kettlebell": a logged load is that of one


# What the newest session's sets at its top load X did, which decides the step:
# - "top": every set at X reached the top of the range (increase);
# - "some_top": one reached the top, another did not (hold, aim for the top on every set);
# - "below_top": none reached the top nor fell short (hold, one more rep than the best);
# - "short": a set fell below the bottom (hold); "short_twice": in two sessions in a row at X
#   (decrease).
Cause = Literal["top", "some_top", "below_top", "short", "short_twice"]


@dataclass(frozen=True, slots=True)
class StepReason:
    """Why a progression step, with the numbers its sentence names
    (tracker.wording.loads.step_reason writes it)."""

    cause: Cause
    at: Decimal  # X: the newest session's top load
    reps: tuple[int, ...]  # the reps done at X that session, in the order done
    rep_range: tuple[int, int]
    to: Decimal  # the load it leads to, before any cap
    reps_target: int
    label: LoadLabel
    weigh_in: bool = False  # restarts at the bottom of the range for want of a body weight
    capped_at: Decimal | None = None  # the stronger side's load the weaker side was held to
    converted_cap: bool = False  # that load in this side's unit, rounded down to its step
    # The cap compared the mass moved: one side on body weight (BW+10), the other a plain load;
    # ``capped_at`` is then the stronger side's mass in this side's terms, rounded down.
    by_mass: bool = False


def next_load(
    history: Sequence[SessionSets],
    rep_range: tuple[int, int],
    increment: Decimal,
    label: LoadLabel | None = None,
    body_weight: Decimal | None = None,
) -> ProgressionStep:
    """Double progression from the newest session of ``history`` (oldest first).

    X is the newest session's top (heaviest) working load:
    - every set at X reached the top of the range: X + increment, restart at the bottom;
    - a set at X fell below the bottom: hold X, or X - increment (never below 0) when the
      previous session also fell short at the same X;
    - a set at X reached the top but another did not: hold X and aim for the top on every set
      (the load goes up only when all of them get there, domain-science 8);
    - otherwise hold X and aim for one more rep than the best set at X.
    Increases and decreases move exactly one increment from X; holding keeps X as typed, even
    when it is not a multiple of the increment. A negative load is assisted (BW-20): up is
    less assistance (never past none at all), and a step down adds assistance. ``label`` only
    names loads in the reason; ``body_weight`` (same unit, bodyweight sets only) lets the
    restart after an increase follow the reps the last sets predict at the new load.
    """
    label = label or LoadLabel()
    _check_progression(rep_range, increment)
    if not history:
        raise NoBasis("no previous session to progress from")
    bottom, top_reps = rep_range
    newest = _top(history[-1])
    x = newest.load
    if all(reps >= top_reps for reps in newest.reps):
        # One step up; from assisted (X < 0) less assistance, never past none at all.
        up = min(x + increment, Decimal(0)) if x < 0 else x + increment
        restart = _restart_reps(newest, up, rep_range, body_weight)
        weigh_in = restart == bottom and label.bodyweight and body_weight is None
        reason = StepReason("top", x, newest.reps, rep_range, up, restart, label, weigh_in)
        return ProgressionStep(up, restart, "increase", reason, x)
    if _fell_short(newest, bottom):
        return _after_short(history, newest, rep_range, increment, label)
    # Hold X: chase the top on every set once one got there, else one more rep than the best.
    best = max(newest.reps)
    cause: Cause = "below_top" if best < top_reps else "some_top"
    target = best + 1 if best < top_reps else top_reps
    reason = StepReason(cause, x, newest.reps, rep_range, x, target, label)
    return ProgressionStep(x, target, "hold", reason, x)


def _restart_reps(
    newest: _Top, up: Decimal, rep_range: tuple[int, int], body_weight: Decimal | None
) -> int:
    """The reps to aim for after a step up: the bottom of the range (domain-science 8), unless
    the mass moved is known (a bodyweight lift with a body weight): then the reps the weakest
    set at X predicts at the new load (report_figures.reps_predicted), kept inside the
    range.

    A step of a few kilograms on an assisted machine is a small change in the mass moved, so
    twelve reps are followed by eight or nine, not by the bottom of the range.
    """
    bottom, top_reps = rep_range
    if body_weight is None:
        return bottom
    before, after = body_weight + newest.load, body_weight + up
    if before <= 0 or after <= 0:
        return bottom
    # Over 12 reps too: a prediction kept inside the range, not a figure shown.
    return max(bottom, min(reps_predicted(before, min(newest.reps), after), top_reps))


def _after_short(
    history: Sequence[SessionSets],
    newest: _Top,
    rep_range: tuple[int, int],
    increment: Decimal,
    label: LoadLabel,
) -> ProgressionStep:
    """Hold after one short session at X; step down after two in a row at the same X.

    Requiring the same X keeps one bad day after a deload from triggering a second deload.
    A step down never goes below 0 from a loaded set, and not from bodyweight alone (not
    every gym has an assisted machine); from an assisted set (X < 0) it adds assistance.
    """
    x, bottom = newest.load, rep_range[0]
    previous = _top(history[-2]) if len(history) >= 2 and history[-2].sets else None
    twice = previous is not None and previous.load == x and _fell_short(previous, bottom)
    if twice and x != 0:
        lower = x - increment if x < 0 else max(x - increment, Decimal(0))
        reason = StepReason("short_twice", x, newest.reps, rep_range, lower, bottom, label)
        return ProgressionStep(lower, bottom, "decrease", reason, x)
    reason = StepReason("short", x, newest.reps, rep_range, x, bottom, label)
    return ProgressionStep(x, bottom, "hold", reason, x)


def cap_weaker_side(
    left: ProgressionStep,
    right: ProgressionStep,
    weaker: Side | None,
    limit: Decimal | None = None,
    by_mass: bool = False,
) -> tuple[ProgressionStep, ProgressionStep]:
    """Never suggest the weaker side more load than the stronger side; returns (left, right).

    A capped step takes the stronger side's load (``limit`` instead when the sides are logged
    in different units: the stronger side's load in the weaker side's unit, rounded down to
    its step, so that it stays a load the lifter can pick up; ``by_mass``: the limit is the
    stronger side's mass moved in the weaker side's terms, one side being on body weight);
    its action is re-derived from where it started, its reps target is kept, and its reason
    says where it was capped.
    """
    if weaker is None:
        return left, right
    weak, strong = (left, right) if weaker is Side.LEFT else (right, left)
    ceiling = strong.load if limit is None else limit
    if weak.load <= ceiling:
        return left, right
    reason = replace(
        weak.reason, capped_at=ceiling, converted_cap=limit is not None, by_mass=by_mass
    )
    capped = replace(
        weak, load=ceiling, action=_action(weak.from_load, ceiling), reason=reason
    )
    return (capped, strong) if weaker is Side.LEFT else (strong, capped)


def _action(start: Decimal, end: Decimal) -> Action:
    if end > start:
        return "increase"
    if end < start:
        return "decrease"
    return "hold"


# --- the weaker-side cue -----------------------------------------------------------------------


def needs_cue(last: Judgement | None) -> bool:
    """Watch and imbalanced sides with a weaker side get the coaching cue; balanced do not."""
    return (
        last is not None
        and last.weaker_side is not None
        and last.status in (Status.WATCH, Status.IMBALANCED)
    )
