"""The gym prompt as a state machine: where a session stands in its routine, the working sets
done per exercise and side, and what an empty line logs next (a set, or a pair with the weaker
side first).

Pure values and rules: services/gym.py loads a GymPlan and stores its place, cli/gym feeds it
the lines the lifter types and renders what it answers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import Protocol, TypeVar

from tracker.domain.model import SetKind, SetSpec, Side
from tracker.domain.routines import RoutineItemPlan, RoutinePlan, Target
from tracker.domain.specs import format_spec
from tracker.domain.units import Unit, exact_text

# Working sets per exercise and side (None: a bilateral set).
Done = dict[str, dict[Side | None, int]]
Key = TypeVar("Key", bound=Hashable)


def count_working(
    sets: Iterable[tuple[Key, Side | None, SetKind]],
) -> dict[Key, dict[Side | None, int]]:
    """Working sets per exercise (any key) and side, warm-ups left out, in first-done order."""
    counts: dict[Key, dict[Side | None, int]] = {}
    for exercise, side, kind in sets:
        if kind is not SetKind.WARMUP:
            sides = counts.setdefault(exercise, {})
            sides[side] = sides.get(side, 0) + 1
    return counts


class SetDone(Protocol):
    """A stored set as the plan reads it (services.stored_sets.StoredSet is one)."""

    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    bodyweight: bool
    kind: SetKind
    duration_s: Decimal | None
    distance: Decimal | None
    distance_unit: str | None


@dataclass(frozen=True)
class PlannedSide:
    side: Side | None
    reps: int
    load: Decimal
    bodyweight: bool = False  # the load is added to body weight (negative: assisted)
    unit: Unit | None = None  # None: the target's unit
    # A timed or distance set (reps 0), as a side typed alone was: the other side mirrors it.
    duration_s: Decimal | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None

    @classmethod
    def of(cls, done: SetDone) -> PlannedSide:
        """A set done, to be done again."""
        return cls(
            done.side, done.reps, done.load, done.bodyweight, done.unit,
            done.duration_s, done.distance, done.distance_unit,
        )

    @property
    def measured(self) -> bool:
        return self.duration_s is not None or self.distance is not None

    def spec(self, unit: Unit) -> SetSpec:
        """What Enter logs for this set. A load of 0 is a bodyweight set: `8` or `60s`, as the
        lifter would type it; any other load of a bodyweight target is added to body weight
        (8xBW+10, 8xBW-20)."""
        if not self.load:
            return SetSpec(self.reps, None, None, False, self.duration_s, self.distance,
                           self.distance_unit)
        return SetSpec(
            self.reps, self.load, self.unit or unit, self.bodyweight,
            self.duration_s, self.distance, self.distance_unit,
        )


def next_planned(
    target: Target | None,
    done: dict[Side | None, int],
    weaker: Side | None,
    last: Mapping[Side, PlannedSide] | None = None,
) -> list[PlannedSide]:
    """What an empty line logs: the next set, or for a unilateral exercise the next pair.

    The weaker side goes first (left when neither is weaker yet); a side that is behind the
    other (one side typed on its own) is done first so the pair completes. With no target yet
    (a first time), that side repeats the other side's last set of the session (``last``).
    """
    if target is None:
        return _mirrored(done, last or {})
    if None in target.sides:
        only = target.sides[None]
        return [PlannedSide(None, only.reps, only.load, target.bodyweight)]
    first = weaker or Side.LEFT
    left, right = done.get(Side.LEFT, 0), done.get(Side.RIGHT, 0)
    if left != right:
        behind = Side.LEFT if left < right else Side.RIGHT
        return [_planned(target, behind)]
    return [_planned(target, first), _planned(target, first.other)]


def _mirrored(done: dict[Side | None, int], last: Mapping[Side, PlannedSide]) -> list[PlannedSide]:
    """The side behind, at the other side's last set; nothing when the sides are level."""
    left, right = done.get(Side.LEFT, 0), done.get(Side.RIGHT, 0)
    ahead = Side.LEFT if left > right else Side.RIGHT if right > left else None
    if ahead is None or ahead not in last:
        return []
    return [replace(last[ahead], side=ahead.other)]


def target_sides(target: Target) -> list[PlannedSide]:
    """Each side of a target as a set to do, bilateral or left before right."""
    return [
        PlannedSide(side, found.reps, found.load, target.on_bodyweight(side), found.unit)
        for side, found in sorted(target.sides.items(), key=lambda kv: str(kv[0]))
    ]


def _planned(target: Target, side: Side) -> PlannedSide:
    found = target.sides.get(side) or target.sides.get(side.other)
    assert found is not None  # a unilateral target always has at least one side
    bodyweight = target.bodyweight or found.bodyweight
    return PlannedSide(side, found.reps, found.load, bodyweight, found.unit)


def typed_steps(steps: Sequence[PlannedSide], unit: Unit, default: Unit) -> list[str]:
    """Planned sets as `tracker log` reads them: `-l 8x55 -r 8x55`, `8x100`."""
    args = []
    for step in steps:
        if step.side is not None:
            args.append("-l" if step.side is Side.LEFT else "-r")
        args.append(format_spec(step.spec(unit), default))
    return args


def typed_set(done: SetDone, default: Unit) -> str:
    """A stored timed or distance set as it is typed: `60s`, `30min`, `40mx24`."""
    text = format_spec(PlannedSide.of(done).spec(default), default)
    minutes, seconds = divmod(done.duration_s or 0, 60)
    if minutes >= 2 and not seconds:  # a 30-minute run reads better as 30min than 1800s
        text = text.replace(f"{exact_text(done.duration_s or Decimal(0))}s", f"{minutes}min", 1)
    return text


def measure_of(sets: Sequence[SetDone]) -> str | None:
    """ "timed" or "distance" when the sets are all timed or distance sets (the exercise is
    done that way: no rep target fits it)."""
    if not sets or any(s.duration_s is None and s.distance is None for s in sets):
        return None
    return "timed" if sets[0].duration_s is not None else "distance"


def typed_example(
    today: Sequence[SetDone],
    last_time: Sequence[SetDone],
    done_for: str,
    example: str,
    unilateral: bool,
    default: Unit,
) -> tuple[str | None, str]:
    """A set to type for an exercise, each side given for a unilateral one, and how it is
    measured ("timed", "distance"; None for reps): as each side's last timed or distance set
    was (this session's latest, else last time's first; a side not done yet as the other),
    else the exercise's own `example` of a set (`8x60`, `60s`, `40mx24`) for how it is done
    (`done_for`: reps, time or distance)."""
    measure = measure_of(today or last_time)
    if measure is None:
        measure = {"time": "timed", "distance": "distance"}.get(done_for)
        return measure, f"-l {example} -r {example}" if unilateral else example
    latest_first = list(reversed(today)) if today else list(last_time)
    if not unilateral:
        return measure, typed_set(latest_first[0], default)
    # A hop test's sides differ (L 2.1 s, R 2.4 s): each side is offered its own figure.
    by_side: dict[Side | None, str] = {}
    for done in latest_first:
        by_side.setdefault(done.side, typed_set(done, default))
    left = by_side.get(Side.LEFT) or by_side.get(Side.RIGHT) or typed_set(latest_first[0], default)
    right = by_side.get(Side.RIGHT) or left
    return measure, f"-l {left} -r {right}"


def sets_done(done: dict[Side | None, int], unilateral: bool) -> int:
    """Sets of an item done so far: pairs for a unilateral exercise (both sides needed)."""
    if unilateral:
        return min(done.get(Side.LEFT, 0), done.get(Side.RIGHT, 0))
    return sum(done.values())


def first_open_item(
    items: Sequence[RoutineItemPlan], done: Done, skipped: set[int], start: int
) -> int | None:
    """The first item from `start` on (0-based) with sets still to do and not skipped,
    wrapping round to earlier items left unfinished."""
    order: list[int] = [*range(start, len(items)), *range(min(start, len(items)))]
    for index in order:
        item = items[index]
        if item.position in skipped:
            continue
        if sets_done(done.get(item.exercise, {}), item.unilateral) < item.sets:
            return index
    return None


@dataclass(frozen=True)
class Progress:
    """A routine item after a line logged to it."""

    item: RoutineItemPlan
    done: int  # sets (pairs) done, beyond the plan when the finished item was named again
    aside: bool  # the item is current as an exercise of its own (extra sets of it)
    then: str | None  # the routine's next exercise (None: the routine is done)

    @property
    def finished(self) -> bool:
        return self.done >= self.item.sets


class Stuck(Enum):
    """Why the plan cannot do what a line asks (tracker.wording.gym.stuck_text says what to
    type instead)."""

    ROUTINE_DONE = "routine_done"  # an empty line: every routine item is done or skipped
    NOTHING_PLANNED = "nothing_planned"  # an empty line: no routine and no exercise named
    NOTHING_TO_SKIP = "nothing_to_skip"  # skip: no routine item is current
    NO_NEXT = "no_next"  # next: no routine item is current and no exercise stands aside
    LAST_LEFT = "last_left"  # next: the current item is the only one left (it stays current)


@dataclass
class GymPlan:
    """Where one gym session stands, and the moves a line makes.

    The routine's current item is the first open one from `position` (0-based) on, skipped
    items (1-based positions) passed by; an exercise made current outside the routine
    (`exercise`) stands in front of it until `next`.
    """

    session_id: int
    started: bool  # a new session (else an open one resumed)
    closed_session: int | None  # a stale open session closed on the way
    routine: RoutinePlan | None
    position: int
    skipped: set[int]
    exercise: str | None
    done: Done = field(default_factory=dict)
    sets_logged: int = 0
    # Each exercise's last working set per side: an empty line completes a pair with it.
    last_sets: dict[str, dict[Side, PlannedSide]] = field(default_factory=dict)
    # Each exercise's working sets logged by this prompt: is it done for time or distance?
    today: dict[str, list[SetDone]] = field(default_factory=dict)

    # -- where the session stands --------------------------------------------------------
    def routine_item(self) -> RoutineItemPlan | None:
        """The routine's current item, whatever exercise stands in front of it."""
        if self.routine is None:
            return None
        index = first_open_item(self.routine.items, self.done, self.skipped, self.position)
        return None if index is None else self.routine.items[index]

    def current_item(self) -> RoutineItemPlan | None:
        return None if self.exercise is not None else self.routine_item()

    def current_exercise(self) -> str | None:
        item = self.current_item()
        return self.exercise or (item.exercise if item else None)

    def entering(self) -> str | Stuck:
        """The exercise an empty line logs to; none when the routine is done or none runs."""
        exercise = self.current_exercise()
        if exercise is not None:
            return exercise
        return Stuck.NOTHING_PLANNED if self.routine is None else Stuck.ROUTINE_DONE

    def item_for(self, exercise: str) -> RoutineItemPlan | None:
        items = self.routine.items if self.routine else ()
        return next((i for i in items if i.exercise == exercise), None)

    def item_named(self, typed: str) -> str | None:
        """A routine item the typed words begin (`sing` -> Single Leg Press), when only one."""
        if self.routine is None:
            return None
        wanted = " ".join(typed.lower().split())
        found = {i.exercise for i in self.routine.items if i.exercise.lower().startswith(wanted)}
        return found.pop() if len(found) == 1 else None

    def done_of(self, exercise: str) -> dict[Side | None, int]:
        return self.done.get(exercise, {})

    def sets_done(self, item: RoutineItemPlan) -> int:
        return sets_done(self.done_of(item.exercise), item.unilateral)

    def planned(
        self, exercise: str, target: Target | None, weaker: Side | None
    ) -> list[PlannedSide]:
        """What an empty line logs for the exercise (next_planned)."""
        return next_planned(target, self.done_of(exercise), weaker, self.last_sets.get(exercise))

    # -- moving ----------------------------------------------------------------------------
    def go_to(self, item: RoutineItemPlan) -> None:
        """Make a routine item current, un-skipping it."""
        self.position = item.position - 1
        self.skipped.discard(item.position)
        self.exercise = None

    def follow(self, item: RoutineItemPlan) -> None:
        """The routine goes to an item with sets to do; a finished item becomes current as an
        exercise of its own (the routine would pass it by), so more sets go to it."""
        if self.sets_done(item) < item.sets:
            self.go_to(item)
        else:
            self.exercise = item.exercise

    def make_current(self, exercise: str | None) -> bool:
        """An exercise named (its full name): a routine item is followed (True: its place is
        to be stored), any other stands in front of the routine."""
        item = self.item_for(exercise) if exercise else None
        if item is None:
            self.exercise = exercise
            return False
        self.follow(item)
        return True

    def skip(self) -> RoutineItemPlan | Stuck:
        item = self.current_item()
        if item is None:
            return Stuck.NOTHING_TO_SKIP
        self.skipped.add(item.position)
        return item

    def next_item(self) -> Stuck | None:
        """Back to the routine from an exercise outside it, else on to the routine's next item
        (round to an earlier unfinished one)."""
        item = self.current_item()
        if self.exercise is not None:
            self.exercise = None
        elif item is None:
            return Stuck.NO_NEXT
        else:
            self.position = item.position  # the item after it (positions are 1-based)
            if self.current_item() == item:  # wrapped round to it: nothing else is left
                self.position = item.position - 1
                return Stuck.LAST_LEFT
        return None

    def carry_on(self, before: GymPlan) -> None:
        """Reloaded after an undo or redo: the routine, exercise and each side's last set go
        on as they were (the sets of today are read again)."""
        self.routine, self.exercise = before.routine, before.exercise
        self.last_sets = before.last_sets

    # -- a logged line ---------------------------------------------------------------------
    def log(self, exercise: str, sets: Sequence[SetDone]) -> bool:
        """Count a stored line's sets. A routine item logged by name becomes current (a
        finished one as an exercise of its own, for more sets and Enter): True, its place is
        to be stored. Any other exercise stands in front of the routine (not stored for a
        resume: that would cost a write on every line)."""
        self.sets_logged += len(sets)
        item = self.item_for(exercise)
        named = exercise != self.current_exercise()
        if item is not None and named:
            self.follow(item)
        elif named:
            self.exercise = exercise
        done = self.done.setdefault(exercise, {})
        for logged in sets:
            if logged.kind is SetKind.WARMUP:
                continue
            done[logged.side] = done.get(logged.side, 0) + 1
            self.today.setdefault(exercise, []).append(logged)
            step = PlannedSide.of(logged)
            if logged.side is not None and (logged.reps or step.measured):
                self.last_sets.setdefault(exercise, {})[logged.side] = step
        return item is not None and named

    def progress(self, exercise: str) -> Progress | None:
        """The routine item of the exercise after a line: sets done, and what comes next."""
        item = self.item_for(exercise)
        if item is None:
            return None
        aside = self.exercise == item.exercise
        if aside:
            ahead = self.routine_item()
            then = ahead.exercise if ahead else None
        else:
            then = self.current_exercise()
        return Progress(item, self.sets_done(item), aside, then)

    def switching_sides(self, exercise: str, sides: Sequence[Side | None]) -> bool:
        """One side typed on its own, the other side now behind: time to switch sides."""
        done = self.done_of(exercise)
        behind = done.get(Side.LEFT, 0) != done.get(Side.RIGHT, 0)
        return bool(sides) and None not in sides and behind
