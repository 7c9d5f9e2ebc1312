"""New-best marking and the rules a logged set follows (pure)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tracker.domain.bodyweight import BodyWeight
from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.model import SetKind, Side
from tracker.domain.records import (
    DISTANCE,
    TIME,
    LoggedSet,
    MeasureBests,
    best_by_side,
    bests_with,
    e1rm_of,
    new_bests,
    new_measure_bests,
)
from tracker.domain.report_figures import set_group, side_figures
from tracker.domain.set_rules import as_typed, check_loads, check_sides, kind_of
from tracker.domain.specs import parse_spec
from tracker.domain.units import Unit

KG = Unit.KG
NONE: tuple[BodyWeight, ...] = ()  # no weigh-in: only bodyweight sets read them


def logged(reps: int, load: str, side: Side | None = None, kind: str = "working") -> LoggedSet:
    return LoggedSet(side, reps, Decimal(load), KG, SetKind(kind))


def test_a_set_beating_the_previous_best_is_marked_and_raises_the_bar() -> None:
    bests: dict[Side | None, Decimal] = {None: Decimal("76")}  # 8 x 60 with Epley: 60 x (1 + 8/30)
    flags = new_bests([logged(8, "62.5"), logged(8, "61"), logged(8, "65")], bests, KG, NONE)
    assert flags == [True, False, True]


def test_first_sets_failed_attempts_and_warm_ups_are_never_new_bests() -> None:
    assert new_bests([logged(5, "100", Side.LEFT)], {Side.RIGHT: Decimal(50)}, KG, NONE) == [
        False
    ]
    bests: dict[Side | None, Decimal] = {None: Decimal(10)}
    assert new_bests([logged(0, "200", kind="failure"), logged(5, "200", kind="warmup")],
                     bests, KG, NONE) == [False, False]


def test_best_by_side_uses_epley_and_skips_failed_attempts() -> None:
    tops = [logged(10, "60", Side.LEFT), logged(0, "200", Side.LEFT),
            LoggedSet(None, 1, Decimal(100), Unit.LB, SetKind.WORKING)]
    assert best_by_side(tops, KG, NONE) == {Side.LEFT: Decimal(80), None: Decimal("45.359237")}


def test_a_set_of_more_than_12_reps_is_never_a_new_best() -> None:
    """Issue 22: formulas are used for 1-12 reps; 30 x 60 (Epley 120) beats nothing."""
    bests: dict[Side | None, Decimal] = {None: Decimal(80)}
    assert new_bests([logged(30, "60"), logged(12, "60")], bests, KG, NONE) == [False, True]
    assert best_by_side([logged(30, "60"), logged(12, "50")], KG, NONE) == {None: Decimal(70)}


# -- bodyweight sets: weighed as report history weighs them ----------------------------------

def nov(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


WEIGH_INS = (BodyWeight(nov(5, 7), Decimal(176), Unit.LB), BodyWeight(nov(20, 7), Decimal(70), KG))


def bw(reps: int, added: str, day: int, side: Side | None = None, unit: Unit = KG,
       kind: str = "working") -> LoggedSet:
    """``{reps}xBW{added}`` done on ``day`` November."""
    return LoggedSet(side, reps, Decimal(added), unit, SetKind(kind), bodyweight_at=nov(day))


def reports_e1rm(done: LoggedSet, weigh_ins: tuple[BodyWeight, ...], unit: Unit) -> Decimal | None:
    """The set's e1RM in report history: its session figure were it the session's only set."""
    moment = done.bodyweight_at or nov(1)
    group = set_group(done.reps, done.load, done.unit, done.bodyweight_at is not None, moment,
                      weigh_ins)
    return side_figures([group], unit, "epley").best_e1rm


@pytest.mark.parametrize("done", [
    bw(8, "-10", 2), bw(5, "10", 2, unit=Unit.LB), bw(5, "5", 10), bw(8, "-1", 21),
    bw(5, "0", 20), bw(12, "40", 30, unit=Unit.LB), bw(1, "-90", 21), bw(13, "0", 10),
    bw(5, "0", 10, kind="drop"), logged(8, "60"), LoggedSet(None, 3, Decimal(100), Unit.LB,
                                                             SetKind.FAILURE),
])
@pytest.mark.parametrize("unit", [KG, Unit.LB])
def test_a_sets_e1rm_is_the_one_report_history_gives_it(done: LoggedSet, unit: Unit) -> None:
    assert e1rm_of(done, unit, WEIGH_INS) == reports_e1rm(done, WEIGH_INS, unit)
    assert e1rm_of(done, unit, NONE) == reports_e1rm(done, NONE, unit)


def test_a_bodyweight_set_takes_the_weigh_in_at_or_before_it() -> None:
    # 2 Nov is before every weigh-in: the earliest weighs it (176 lb = 79.83225712 kg).
    assert e1rm_of(bw(8, "-10", 2), KG, WEIGH_INS) == Decimal("69.83225712") * 38 / 30
    assert e1rm_of(bw(8, "-10", 12), KG, WEIGH_INS) == Decimal("69.83225712") * 38 / 30
    assert e1rm_of(bw(8, "-10", 21), KG, WEIGH_INS) == Decimal(60) * 38 / 30  # 70 kg by then
    # Added in lb on a lb weigh-in, shown in lb: exact.
    assert e1rm_of(bw(5, "10", 2, unit=Unit.LB), Unit.LB, WEIGH_INS) == Decimal(186) * 35 / 30
    assert e1rm_of(bw(1, "-90", 21), KG, WEIGH_INS) is None  # assisted beyond body weight
    assert e1rm_of(bw(5, "0", 2, kind="warmup"), KG, WEIGH_INS) is None


def test_bodyweight_bests_follow_the_weigh_in_of_each_set() -> None:
    """The history of the CLI test: a mark where report history has a personal best."""
    left, right = Side.LEFT, Side.RIGHT
    history = [bw(8, "-10", 2, left), bw(5, "10", 2, right, Unit.LB)]
    bests = best_by_side(history, KG, WEIGH_INS)
    # 69.83225712 kg x 38 / 30 and 186 lb (98.43 kg) x 35 / 30
    assert bests == {left: Decimal("88.454192352"), right: Decimal("98.42954429")}
    sessions = [
        [bw(8, "-12", 10, left), bw(5, "5", 10, right)],  # 85.92, R 98.97 beats 98.43
        [bw(8, "-11", 12, left), bw(5, "12", 12, right)],  # L 87.19 is below 88.45
        [bw(8, "-1", 21, left), bw(5, "14", 21, right)],  # 70 kg: 87.4 and 98
    ]
    flags = []
    for sets in sessions:
        flags.append(new_bests(sets, bests, KG, WEIGH_INS))
        bests = bests_with(bests, sets, KG, WEIGH_INS)
    assert flags == [[False, True], [False, True], [False, False]]
    assert bests == best_by_side(history + sum(sessions, []), KG, WEIGH_INS)
    # Weighed with the latest weigh-in instead (70 kg), the last session would beat both.
    latest = WEIGH_INS[1:]
    assert new_bests(sessions[2], best_by_side(history + sessions[1], KG, latest), KG,
                     latest) == [True, True]


def test_without_a_weigh_in_a_bodyweight_set_has_no_best_to_beat_or_be() -> None:
    sets = [bw(5, "0", 2, Side.LEFT), bw(8, "20", 9, Side.LEFT)]
    assert best_by_side(sets, KG, NONE) == {}
    assert new_bests(sets, {Side.LEFT: Decimal(50)}, KG, NONE) == [False, False]
    assert bests_with({Side.LEFT: Decimal(50)}, sets, KG, NONE) == {Side.LEFT: Decimal(50)}
    # A loaded set of the same side still counts: only the unknown load gives nothing.
    assert new_bests([logged(5, "60", Side.LEFT)], {Side.LEFT: Decimal(50)}, KG, NONE) == [True]


def timed(seconds: str, side: Side | None = Side.LEFT, kind: str = "working") -> LoggedSet:
    return LoggedSet(side, 0, Decimal(0), KG, SetKind(kind), duration_s=Decimal(seconds))


def far(distance: str, unit: str, side: Side | None = Side.LEFT) -> LoggedSet:
    return LoggedSet(side, 0, Decimal(0), KG, SetKind.WORKING, distance=Decimal(distance),
                     distance_unit=unit)


def test_a_time_is_best_when_longest_or_shortest_when_lower_is_better() -> None:
    before = MeasureBests(time={Side.LEFT: Decimal("2.31")})
    sets = [timed("2.05"), timed("2.40"), timed("2.31")]
    assert new_measure_bests(sets, before, lower_is_better=True) == [TIME, None, None]
    assert new_measure_bests(sets, before, lower_is_better=False) == [None, TIME, None]


def test_the_stored_rows_give_the_best_time_the_exercise_asks_for() -> None:
    rows = [(Side.LEFT, Decimal("2.40"), Decimal("2.05"), None),
            (Side.RIGHT, None, None, Decimal("1.55"))]
    assert MeasureBests.from_rows(rows, lower_is_better=True) == MeasureBests(
        {Side.LEFT: Decimal("2.05")}, {Side.RIGHT: Decimal("1.55")}
    )
    assert MeasureBests.from_rows(rows, lower_is_better=False).time == {
        Side.LEFT: Decimal("2.40")
    }


def test_distances_compare_in_metres_across_units() -> None:
    before = MeasureBests(distance={Side.LEFT: Decimal("1.42")})
    sets = [far("141", "cm"), far("0.00143", "km"), far("1.43", "m"), far("1", "mi")]
    assert new_measure_bests(sets, before, lower_is_better=True) == [
        None, DISTANCE, None, DISTANCE
    ]


def test_the_first_measure_on_a_side_is_no_best_but_the_batch_counts_in_order() -> None:
    before = MeasureBests(time={Side.RIGHT: Decimal(30)})
    sets = [timed("40"), timed("45"), timed("44"), timed("50", Side.RIGHT)]
    assert new_measure_bests(sets, before, lower_is_better=False) == [None, TIME, None, TIME]


def test_warm_ups_and_unmeasured_sets_are_never_measure_bests() -> None:
    before = MeasureBests(time={None: Decimal(60)}, distance={None: Decimal(20)})
    sets = [timed("90", None, kind="warmup"), logged(10, "100"), timed("61", None)]
    assert new_measure_bests(sets, before, lower_is_better=False) == [None, None, TIME]
    # The warm-up raised no bar: 61 s beats the 60 s before it.


def test_side_rules() -> None:
    check_sides("Single Leg Press", "unilateral", [Side.LEFT, Side.RIGHT])
    with pytest.raises(InvalidValue, match="give each set a side"):
        check_sides("Single Leg Press", "unilateral", [Side.LEFT, None])
    with pytest.raises(InvalidValue, match="is bilateral"):
        check_sides("Leg Press", "bilateral", [Side.LEFT])
    with pytest.raises(InvalidValue, match="no sets given"):
        check_sides("Leg Press", "bilateral", [])


def test_a_bare_count_needs_a_load_on_loaded_equipment_only() -> None:
    with pytest.raises(InvalidSpec, match=r"e\.g\. 12x60 or 12xBW$"):
        check_loads("Leg Press", "machine", parse_spec("12"))
    check_loads("Pull-Up", "bodyweight", parse_spec("12"))
    check_loads("Leg Press", "machine", parse_spec("12xBW"))


def test_a_stored_bodyweight_set_is_as_typed_for_its_exercise() -> None:
    (bare,) = parse_spec("12")
    (stored,) = parse_spec("12xBW")  # a set stored with no load reads back as this
    assert as_typed(stored, "body only").load_given is False
    with pytest.raises(InvalidSpec, match='"12" has no load'):
        check_loads("Leg Press", "machine", [as_typed(stored, "body only")])
    check_loads("Hack Squat", "machine", [as_typed(stored, "machine")])  # typed 12xBW
    assert as_typed(stored, "body only") == bare
    (loaded,) = parse_spec("12x20")
    assert as_typed(loaded, "body only") is loaded


def test_a_failed_attempt_is_a_failure_set() -> None:
    assert kind_of(parse_spec("0x60")[0], SetKind.WORKING) is SetKind.FAILURE
    assert kind_of(parse_spec("45s")[0], SetKind.WORKING) is SetKind.WORKING
    assert kind_of(parse_spec("5x60")[0], SetKind.DROP) is SetKind.DROP
