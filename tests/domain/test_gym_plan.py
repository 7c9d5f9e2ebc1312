"""The gym prompt's state machine: the next planned set or pair, where the routine stands, and
the moves a line makes (no database: a GymPlan is plain values)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D

from tracker.domain.gym_plan import (
    GymPlan,
    PlannedSide,
    Stuck,
    count_working,
    first_open_item,
    measure_of,
    next_planned,
    sets_done,
    target_sides,
    typed_example,
    typed_set,
    typed_steps,
)
from tracker.domain.model import SetKind, Side
from tracker.domain.routines import RoutineItemPlan, RoutinePlan, SideTarget, Target
from tracker.domain.units import Unit

PAIR = Target(
    "progression", Unit.KG, {Side.LEFT: SideTarget(D(60), 11), Side.RIGHT: SideTarget(D(55), 9)}
)


def test_pair_left_first_when_no_side_is_weaker() -> None:
    assert next_planned(PAIR, {}, None) == [
        PlannedSide(Side.LEFT, 11, D(60)),
        PlannedSide(Side.RIGHT, 9, D(55)),
    ]


def test_pair_weaker_side_first() -> None:
    assert [p.side for p in next_planned(PAIR, {}, Side.RIGHT)] == [Side.RIGHT, Side.LEFT]


def test_side_behind_completes_the_pair() -> None:
    assert next_planned(PAIR, {Side.LEFT: 2, Side.RIGHT: 1}, Side.LEFT) == [
        PlannedSide(Side.RIGHT, 9, D(55))
    ]


def test_one_side_target_serves_both() -> None:
    target = Target("progression", Unit.KG, {Side.LEFT: SideTarget(D(60), 10)})
    assert next_planned(target, {}, None)[1] == PlannedSide(Side.RIGHT, 10, D(60))


def test_bilateral_and_no_target() -> None:
    target = Target("progression", Unit.KG, {None: SideTarget(D(100), 8)})
    assert next_planned(target, {None: 2}, None) == [PlannedSide(None, 8, D(100))]
    assert next_planned(None, {}, None) == []


def test_without_a_target_the_side_behind_repeats_the_other_sides_last_set() -> None:
    left = PlannedSide(Side.LEFT, 10, D(50), unit=Unit.LB)
    assert next_planned(None, {Side.LEFT: 1}, None, {Side.LEFT: left}) == [
        PlannedSide(Side.RIGHT, 10, D(50), unit=Unit.LB)
    ]
    assert next_planned(None, {Side.LEFT: 1, Side.RIGHT: 1}, None, {Side.LEFT: left}) == []
    assert next_planned(None, {Side.RIGHT: 1}, None, {Side.LEFT: left}) == []


def test_sets_done_counts_pairs() -> None:
    assert sets_done({Side.LEFT: 3, Side.RIGHT: 2}, unilateral=True) == 2
    assert sets_done({None: 3}, unilateral=False) == 3


def test_first_open_item_skips_done_and_skipped() -> None:
    items = [
        RoutineItemPlan(1, "A", "bilateral", 2, None, None, None),
        RoutineItemPlan(2, "B", "unilateral", 1, None, None, None),
        RoutineItemPlan(3, "C", "bilateral", 1, None, None, None),
    ]
    done: dict[str, dict[Side | None, int]] = {"A": {None: 2}, "B": {Side.LEFT: 1}}
    assert first_open_item(items, done, set(), 0) == 1
    assert first_open_item(items, done, {2}, 0) == 2
    assert first_open_item(items, {**done, "C": {None: 1}}, {2}, 0) is None
    # From the last item, an earlier unfinished one comes next.
    assert first_open_item(items, {"B": {Side.LEFT: 1, Side.RIGHT: 1}}, set(), 1) == 2
    assert first_open_item(items, {"C": {None: 1}}, set(), 2) == 0


@dataclass
class Done:
    """A stored set as the plan reads one."""

    side: Side | None
    reps: int = 8
    load: D = D(60)
    unit: Unit = Unit.KG
    bodyweight: bool = False
    kind: SetKind = SetKind.WORKING
    duration_s: D | None = None
    distance: D | None = None
    distance_unit: str | None = None


def plan(*items: tuple[str, str, int], exercise: str | None = None) -> GymPlan:
    """A session following a routine of (exercise, laterality, sets) items."""
    routine = RoutinePlan(
        "Legs A",
        tuple(
            RoutineItemPlan(n, name, laterality, sets, None, None, None)
            for n, (name, laterality, sets) in enumerate(items, start=1)
        ),
    )
    return GymPlan(1, True, None, routine, 0, set(), exercise)


LEGS = (
    ("Squat", "bilateral", 2), ("Single Leg Press", "unilateral", 1), ("Calf Raise", "bilateral", 1)
)


def test_the_routine_goes_item_by_item_as_sets_are_logged() -> None:
    legs = plan(*LEGS)
    assert legs.current_exercise() == "Squat"
    assert legs.log("Squat", [Done(None)]) is False
    progress = legs.progress("Squat")
    assert progress is not None and (progress.done, progress.finished) == (1, False)
    legs.log("Squat", [Done(None, kind=SetKind.WARMUP), Done(None)])
    assert legs.done == {"Squat": {None: 2}} and legs.sets_logged == 3
    progress = legs.progress("Squat")
    assert progress is not None and progress.finished and not progress.aside
    assert progress.then == "Single Leg Press"
    legs.log("Single Leg Press", [Done(Side.LEFT)])
    assert legs.current_exercise() == "Single Leg Press"  # a pair needs both sides
    legs.log("Single Leg Press", [Done(Side.RIGHT)])
    assert legs.current_exercise() == "Calf Raise"


def test_an_item_logged_by_name_becomes_current_and_its_place_is_to_be_stored() -> None:
    legs = plan(*LEGS)
    assert legs.log("Calf Raise", [Done(None)]) is True
    assert legs.position == 2 and legs.exercise is None
    # The finished item stays the routine's aim; the routine wraps round to the first open item.
    assert legs.current_exercise() == "Squat"


def test_a_finished_item_named_again_stands_aside_for_extra_sets() -> None:
    legs = plan(*LEGS)
    legs.log("Squat", [Done(None), Done(None)])
    assert legs.make_current("Squat") is True
    assert legs.exercise == "Squat" and legs.current_item() is None
    legs.log("Squat", [Done(None)])
    progress = legs.progress("Squat")
    assert progress is not None and progress.aside and progress.done == 3
    assert progress.then == "Single Leg Press"  # `next` goes back to the routine there
    legs.next_item()
    assert legs.exercise is None and legs.current_exercise() == "Single Leg Press"


def test_an_exercise_outside_the_routine_stands_in_front_of_it() -> None:
    legs = plan(*LEGS)
    assert legs.make_current("Bench Press") is False
    assert legs.current_exercise() == "Bench Press"
    assert legs.routine_item() == legs.item_for("Squat")
    assert legs.log("Dips", [Done(None)]) is False
    assert legs.exercise == "Dips" and legs.progress("Dips") is None


def test_skip_and_next_move_through_the_routine_or_refuse() -> None:
    legs = plan(*LEGS)
    skipped = legs.skip()
    assert not isinstance(skipped, Stuck) and skipped.exercise == "Squat" and legs.skipped == {1}
    assert legs.current_exercise() == "Single Leg Press"
    assert legs.next_item() is None
    assert legs.current_exercise() == "Calf Raise"
    # Round to the earlier item left unfinished (a skipped one stays passed).
    assert legs.next_item() is None
    assert legs.current_exercise() == "Single Leg Press"
    legs.skip()
    assert legs.next_item() is Stuck.LAST_LEFT
    assert legs.current_exercise() == "Calf Raise"  # the place is unchanged
    legs.skip()
    assert legs.current_exercise() is None
    assert legs.skip() is Stuck.NOTHING_TO_SKIP
    assert legs.next_item() is Stuck.NO_NEXT
    assert legs.routine is not None
    legs.go_to(legs.routine.items[0])
    assert legs.skipped == {2, 3} and legs.current_exercise() == "Squat"


def test_an_item_named_by_its_first_words_when_only_one_matches() -> None:
    legs = plan(*LEGS, ("Single Leg Curl", "unilateral", 1))
    assert legs.item_named("calf") == "Calf Raise"
    assert legs.item_named("single  leg p") == "Single Leg Press"
    assert legs.item_named("single") is None
    assert GymPlan(1, True, None, None, 0, set(), None).item_named("calf") is None


def test_a_side_typed_alone_is_mirrored_and_asks_for_the_switch() -> None:
    legs = plan(*LEGS)
    assert legs.switching_sides("Single Leg Press", [Side.LEFT]) is False  # nothing counted yet
    legs.log("Single Leg Press", [Done(Side.LEFT, 10, D(50), Unit.LB)])
    assert legs.switching_sides("Single Leg Press", [Side.LEFT])
    assert not legs.switching_sides("Single Leg Press", [Side.LEFT, None])
    assert legs.planned("Single Leg Press", None, None) == [
        PlannedSide(Side.RIGHT, 10, D(50), unit=Unit.LB)
    ]
    legs.log("Single Leg Press", [Done(Side.RIGHT, 10, D(50), Unit.LB)])
    assert legs.planned("Single Leg Press", None, None) == []
    assert legs.planned("Single Leg Press", PAIR, Side.RIGHT)[0].side is Side.RIGHT


def test_undo_reloads_the_counts_and_carries_the_place_on() -> None:
    legs = plan(*LEGS)
    legs.make_current("Bench Press")
    legs.log("Bench Press", [Done(Side.LEFT, 0, duration_s=D(45))])
    reloaded = GymPlan(1, False, None, None, 0, set(), None)
    reloaded.carry_on(legs)
    assert reloaded.routine == legs.routine and reloaded.exercise == "Bench Press"
    assert reloaded.last_sets == legs.last_sets and reloaded.today == {}


def test_what_enter_types_for_a_planned_set() -> None:
    steps = [PlannedSide(Side.LEFT, 8, D(55)), PlannedSide(Side.RIGHT, 8, D("57.5"), unit=Unit.LB)]
    assert typed_steps(steps, Unit.KG, Unit.KG) == ["-l", "8x55", "-r", "8x57.5lb"]
    assert typed_steps([PlannedSide(None, 8, D(0))], Unit.KG, Unit.KG) == ["8"]
    assisted = PlannedSide(None, 8, D(-20), bodyweight=True)
    assert typed_steps([assisted], Unit.KG, Unit.LB) == ["8xBW-20kg"]


def test_a_measured_set_as_typed() -> None:
    assert typed_set(Done(None, 0, D(0), duration_s=D(60)), Unit.KG) == "60s"
    assert typed_set(Done(None, 0, D(0), duration_s=D(1800)), Unit.KG) == "30min"
    assert typed_set(Done(None, 0, D(24), distance=D(40), distance_unit="m"), Unit.KG) == "40mx24"
    assert measure_of([Done(None, 0, duration_s=D(30))]) == "timed"
    assert measure_of([Done(None, 0, distance=D(40), distance_unit="m")]) == "distance"
    assert measure_of([Done(None, 0, duration_s=D(30)), Done(None)]) is None
    assert measure_of([]) is None


def test_working_sets_are_counted_per_exercise_and_side_in_first_done_order() -> None:
    sets = [
        ("Squat", None, SetKind.WARMUP),
        ("Lunge", Side.LEFT, SetKind.WORKING),
        ("Squat", None, SetKind.WORKING),
        ("Lunge", Side.RIGHT, SetKind.WORKING),
        ("Lunge", Side.LEFT, SetKind.WORKING),
        ("Curl", None, SetKind.WARMUP),
    ]
    counted = count_working(sets)
    assert counted == {"Lunge": {Side.LEFT: 2, Side.RIGHT: 1}, "Squat": {None: 1}}
    assert list(counted) == ["Lunge", "Squat"]


def test_a_target_shown_side_by_side_left_first_with_its_bodyweight() -> None:
    mixed = Target(
        "progression",
        Unit.KG,
        {Side.RIGHT: SideTarget(D(10), 8, bodyweight=True), Side.LEFT: SideTarget(D(20), 9)},
    )
    assert target_sides(mixed) == [
        PlannedSide(Side.LEFT, 9, D(20), False),
        PlannedSide(Side.RIGHT, 8, D(10), True),
    ]
    dips = Target("start", Unit.LB, {None: SideTarget(D(-20), 6, Unit.KG)}, bodyweight=True)
    assert target_sides(dips) == [PlannedSide(None, 6, D(-20), True, Unit.KG)]


def test_the_example_to_type_follows_the_last_measured_set_else_the_exercise() -> None:
    plank = [Done(None, 0, D(0), duration_s=D(60))]
    later = [Done(None, 0, D(0), duration_s=D(90))]
    assert typed_example([], plank, "reps", "8x60", False, Unit.KG) == ("timed", "60s")
    assert typed_example(later, plank, "reps", "8x60", False, Unit.KG) == ("timed", "90s")
    walk = [Done(Side.LEFT, 0, D(24), distance=D(40), distance_unit="m")]
    sided = ("distance", "-l 40mx24 -r 40mx24")
    assert typed_example([], walk, "reps", "8x60", True, Unit.KG) == sided
    assert typed_example([], [Done(None)], "reps", "8x60", False, Unit.KG) == (None, "8x60")
    assert typed_example([], [], "time", "60s", True, Unit.KG) == ("timed", "-l 60s -r 60s")
    assert typed_example([], [], "distance", "40mx24", False, Unit.KG) == ("distance", "40mx24")


def test_each_side_is_offered_its_own_last_figure() -> None:
    """A hop test's sides differ: L 2.1 s, R 2.4 s last time is hinted as such, not 2.1 twice;
    this session's latest set of a side wins; a side not done yet is offered the other's."""
    def hop(side: Side, seconds: str) -> Done:
        return Done(side, 0, D(0), duration_s=D(seconds))

    last_time = [hop(Side.LEFT, "2.1"), hop(Side.LEFT, "2.2"), hop(Side.RIGHT, "2.4")]
    hint = typed_example([], last_time, "time", "60s", True, Unit.KG)
    assert hint == ("timed", "-l 2.1s -r 2.4s")
    today = [hop(Side.LEFT, "2.3"), hop(Side.RIGHT, "2.5"), hop(Side.LEFT, "2.0")]
    assert typed_example(today, last_time, "time", "60s", True, Unit.KG)[1] == "-l 2s -r 2.5s"
    only_left = [hop(Side.LEFT, "2.3")]
    assert typed_example(only_left, [], "time", "60s", True, Unit.KG)[1] == "-l 2.3s -r 2.3s"


def test_an_empty_line_needs_a_current_exercise() -> None:
    legs = plan(("Squat", "bilateral", 1))
    assert legs.entering() == "Squat"
    legs.log("Squat", [Done(None)])
    assert legs.entering() is Stuck.ROUTINE_DONE
    assert GymPlan(1, True, None, None, 0, set(), None).entering() is Stuck.NOTHING_PLANNED
    assert GymPlan(1, True, None, None, 0, set(), "Dip").entering() == "Dip"
