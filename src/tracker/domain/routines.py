"""Routines: rep ranges, rest times, and the targets the gym prompt works to.

Pure values: the service fills them from the database, the prompt renders them (the prompt's
own state machine is gym_plan.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.names import check_length
from tracker.domain.specs import MAX_REPS, typed_seconds
from tracker.domain.text_safety import refuse_controls
from tracker.domain.units import Unit

MAX_SETS_PER_ITEM = 20
MAX_REST_S = 3600
MAX_ROUTINE_NAME = 100

# Rest between sets when neither the routine item nor the exercise says (seconds). Heavy
# multi-joint lifting needs the longest rest; conditioning and stretching the shortest.
DEFAULT_REST_BY_CATEGORY = {
    "strength": 120,
    "powerlifting": 180,
    "olympic weightlifting": 180,
    "strongman": 180,
    "plyometrics": 90,
    "cardio": 60,
    "stretching": 30,
}
DEFAULT_REST_S = 90

# What rest reads beyond a typed time: bare seconds, and minutes as `m` (in a set, metres).
_REST = re.compile(r"(?P<num>[0-9]+)\s*(?P<minutes>m)?")


def default_rest(category: str) -> int:
    return DEFAULT_REST_BY_CATEGORY.get(category.strip().lower(), DEFAULT_REST_S)


def rest_for(item: RoutineItemPlan | None, own: int | None, category: str) -> int:
    """Rest between sets: the routine item's, else the exercise's own, else its category's."""
    if item is not None and item.rest_s is not None:
        return item.rest_s
    return own if own is not None else default_rest(category)


def parse_rest(text: str) -> int:
    """Seconds of rest: `90`, `2m`, or a time as the set syntax reads it (`90s`, `2min`,
    `1:30`); 0 turns the timer off."""
    clean = text.strip().lower()
    match = _REST.fullmatch(clean)
    if match is not None:
        seconds: Decimal | None = Decimal(match["num"]) * (60 if match["minutes"] else 1)
    else:
        seconds = typed_seconds(clean)
    if seconds is not None and seconds > MAX_REST_S:
        raise InvalidValue(f"rest can be at most {MAX_REST_S // 60} minutes, got {text}")
    if seconds is None or seconds % 1:  # 1.51min is 90.6 s
        raise InvalidValue(f'can\'t read rest "{text}": give seconds such as 90, 2m or 1:30')
    return int(seconds)


def format_rest(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def parse_rep_range(text: str) -> tuple[int, int]:
    """`8-12` or a single `10`."""
    low_text, dash, high_text = text.strip().partition("-")
    if not low_text.strip().isdigit() or (dash and not high_text.strip().isdigit()):
        raise InvalidValue(f'can\'t read reps "{text}": give a range such as 8-12, or 10')
    low = int(low_text)
    high = int(high_text) if dash else low
    if not is_rep_range((low, high)):
        raise InvalidValue(f"reps must be 1 to {MAX_REPS}, low before high, got {text}")
    return low, high


def is_rep_range(value: object) -> bool:
    """Two whole numbers, 1 <= low <= high <= MAX_REPS: the one rule of every rep range
    (routine items and exercises; typed, edited, imported or restored)."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        return False
    low, high = value
    whole = all(isinstance(r, int) and not isinstance(r, bool) for r in value)
    return whole and 1 <= low <= high <= MAX_REPS


def check_set_count(sets: int) -> int:
    if not 1 <= sets <= MAX_SETS_PER_ITEM:
        raise InvalidValue(f"sets must be 1 to {MAX_SETS_PER_ITEM}, got {sets}")
    return sets


def typed_routine_name(name: str) -> str:
    """A routine name as typed: control characters, line breaks and tabs refused (an imported
    one keeps them)."""
    return check_routine_name(refuse_controls(name, "a routine name", one_line=True))


def check_routine_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise InvalidValue("a routine needs a name")
    return check_length(clean, "a routine name", MAX_ROUTINE_NAME)


@dataclass(frozen=True)
class RoutineItemPlan:
    position: int  # 1-based, as shown
    exercise: str
    laterality: str
    sets: int
    rep_low: int | None  # None: the exercise's own range applies
    rep_high: int | None
    rest_s: int | None  # None: the exercise's rest, else the category default

    @property
    def unilateral(self) -> bool:
        return self.laterality != "bilateral"

    @property
    def rep_range(self) -> tuple[int, int] | None:
        """The item's own rep range, which overrides the exercise's."""
        if self.rep_low is None or self.rep_high is None:
            return None
        return self.rep_low, self.rep_high


@dataclass(frozen=True)
class RoutinePlan:
    name: str
    items: tuple[RoutineItemPlan, ...]


@dataclass(frozen=True)
class SideTarget:
    load: Decimal
    reps: int
    unit: Unit | None = None  # this side's own unit when not the target's (sides logged apart)
    # This side alone is added to body weight (one side BW+10, the other a plain load).
    bodyweight: bool = False


@dataclass(frozen=True)
class Target:
    """Today's target: per side for a unilateral exercise (keys left/right), else key None."""

    kind: str  # "start" or "progression"
    unit: Unit
    sides: dict[Side | None, SideTarget]
    # Loads are added to body weight: 10 is BW+10, -20 an assisted BW-20, 0 body weight alone
    # (every side's; a side may also be on body weight alone: SideTarget.bodyweight).
    bodyweight: bool = False

    def on_bodyweight(self, side: Side | None) -> bool:
        """Whether that side's load is added to body weight (the whole target's or its own)."""
        found = self.sides.get(side)
        return self.bodyweight or (found is not None and found.bodyweight)

    @property
    def top_load(self) -> Decimal:
        """The heaviest side's load: the one plates are shown for."""
        return max(side.load for side in self.sides.values())


@dataclass(frozen=True)
class SessionTarget:
    """An exercise's target as fixed the first time the prompt showed it in a session (a
    resumed session must not recompute it from the sets it already holds)."""

    target: Target | None
    cue: str | None = None  # the weaker-side cue that came with it
    no_target: str | None = None  # why there is none: what suggest said


class SuggestedSide(Protocol):
    """A side of a load suggestion (services.suggest.SideTarget is one)."""

    @property
    def load(self) -> Decimal: ...
    @property
    def reps_target(self) -> int: ...
    @property
    def unit(self) -> Unit | None: ...
    @property
    def bodyweight(self) -> bool: ...


class Suggested(Protocol):
    """A load suggestion, as a target is made of it (services.suggest.Suggestion is one)."""

    kind: str
    unit: Unit
    over: str | None
    bodyweight: bool
    suggested: Decimal | None
    reps_target: int | None

    @property
    def sides(self) -> Mapping[Side, SuggestedSide] | None: ...


def target_of(answer: Suggested, rep_range: tuple[int, int] | None) -> Target | None:
    """Today's target from a load suggestion asked with the routine item's ``rep_range``
    (services.suggest works to it: its reps are the target's). Only a bilateral start names
    no reps: it begins at that range's low end, else at 8."""
    if answer.over is not None:  # a carry's start is a distance or time: no rep target
        return None
    # The whole target is on body weight unless a side is not (each side on its own terms):
    # then a side says so alone.
    every = answer.bodyweight and all(value.bodyweight for value in (answer.sides or {}).values())
    sides: dict[Side | None, SideTarget] = {
        side: SideTarget(value.load, value.reps_target, value.unit, value.bodyweight and not every)
        for side, value in (answer.sides or {}).items()
    }
    if not sides and answer.suggested is not None:
        only = answer.reps_target or (rep_range[0] if rep_range else 8)
        sides[None] = SideTarget(answer.suggested, only)
    return Target(answer.kind, answer.unit, sides, every) if sides else None
