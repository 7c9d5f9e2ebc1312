"""New-best marking and the rules a logged set follows (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.model import SetKind, Side
from tracker.domain.records import (
    DISTANCE,
    TIME,
    LoggedSet,
    MeasureBests,
    best_by_side,
    new_bests,
    new_measure_bests,
)
from tracker.domain.set_rules import check_loads, check_sides, kind_of
from tracker.domain.specs import parse_spec
from tracker.domain.units import Unit

KG = Unit.KG


def logged(reps: int, load: str, side: Side | None = None, kind: str = "working") -> LoggedSet:
    return LoggedSet(side, reps, Decimal(load), KG, SetKind(kind))


def test_a_set_beating_the_previous_best_is_marked_and_raises_the_bar() -> None:
    bests: dict[Side | None, Decimal] = {None: Decimal("76")}  # 8 x 60 with Epley: 60 x (1 + 8/30)
    flags = new_bests([logged(8, "62.5"), logged(8, "61"), logged(8, "65")], bests, KG)
    assert flags == [True, False, True]


def test_first_sets_failed_attempts_and_warm_ups_are_never_new_bests() -> None:
    assert new_bests([logged(5, "100", Side.LEFT)], {Side.RIGHT: Decimal(50)}, KG) == [False]
    bests: dict[Side | None, Decimal] = {None: Decimal(10)}
    assert new_bests([logged(0, "200", kind="failure"), logged(5, "200", kind="warmup")],
                     bests, KG) == [False, False]


def test_best_by_side_uses_epley_and_skips_failed_attempts() -> None:
    tops = [(Side.LEFT, 10, KG, Decimal(60)), (Side.LEFT, 0, KG, Decimal(200)),
            (None, 1, Unit.LB, Decimal(100))]
    assert best_by_side(tops, KG) == {Side.LEFT: Decimal(80), None: Decimal("45.359237")}


def test_a_set_of_more_than_12_reps_is_never_a_new_best() -> None:
    """Issue 22: formulas are used for 1-12 reps; 30 x 60 (Epley 120) beats nothing."""
    bests: dict[Side | None, Decimal] = {None: Decimal(80)}
    assert new_bests([logged(30, "60"), logged(12, "60")], bests, KG) == [False, True]
    assert best_by_side([(None, 30, KG, Decimal(60)), (None, 12, KG, Decimal(50))], KG) == {
        None: Decimal(70)
    }


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


def test_a_failed_attempt_is_a_failure_set() -> None:
    assert kind_of(parse_spec("0x60")[0], SetKind.WORKING) is SetKind.FAILURE
    assert kind_of(parse_spec("45s")[0], SetKind.WORKING) is SetKind.WORKING
    assert kind_of(parse_spec("5x60")[0], SetKind.DROP) is SetKind.DROP
