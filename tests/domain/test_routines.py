"""Routine rules: rep ranges, rest, the next planned set or pair."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.routines import (
    PlannedSide,
    RoutineItemPlan,
    SideTarget,
    Target,
    default_rest,
    first_open_item,
    next_planned,
    parse_rep_range,
    parse_rest,
    reps_in_range,
    sets_done,
)
from tracker.domain.units import Unit

PAIR = Target(
    "progression", Unit.KG, {Side.LEFT: SideTarget(D(60), 11), Side.RIGHT: SideTarget(D(55), 9)}
)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("90s", 90), ("2m", 120), ("1:30", 90), ("0", 0)]
)
def test_parse_rest(text: str, seconds: int) -> None:
    assert parse_rest(text) == seconds


@pytest.mark.parametrize("text", ["soon", "1:75", "61m", "-5"])
def test_parse_rest_refuses(text: str) -> None:
    with pytest.raises(InvalidValue):
        parse_rest(text)


def test_rep_range() -> None:
    assert parse_rep_range("8-12") == (8, 12)
    assert parse_rep_range("10") == (10, 10)
    with pytest.raises(InvalidValue):
        parse_rep_range("12-8")


def test_default_rest_by_category() -> None:
    assert default_rest("strength") == 120
    assert default_rest("Cardio") == 60
    assert default_rest("unknown") == 90


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


def test_reps_in_range() -> None:
    assert reps_in_range(13, (8, 10)) == 10
    assert reps_in_range(6, (8, 10)) == 8
    assert reps_in_range(9, None) == 9


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


def test_records_per_side_heaviest_and_most_reps_at_a_load() -> None:
    from tracker.domain.model import SetKind
    from tracker.domain.records import HEAVIEST, MOST_REPS, LoggedSet, SideRecords

    records = SideRecords.from_rows(
        [(Side.LEFT, Unit.KG, D(60), 10), (Side.RIGHT, Unit.KG, D(60), 8),
         (Side.LEFT, Unit.LB, D(135), 5)],
        Unit.KG,
    )
    line = [
        LoggedSet(Side.LEFT, 11, D(60), Unit.KG, SetKind.WORKING, 1),  # more reps at 60
        LoggedSet(Side.RIGHT, 8, D("62.5"), Unit.KG, SetKind.WORKING, 2),  # heavier
        LoggedSet(Side.LEFT, 12, D(60), Unit.KG, SetKind.WARMUP, 3),  # warm-ups never count
        LoggedSet(Side.LEFT, 3, D(62), Unit.KG, SetKind.WORKING, 4),  # 135 lb is 61.23 kg
    ]
    assert records.beaten_by(line) == [
        (1, Side.LEFT, MOST_REPS), (2, Side.RIGHT, HEAVIEST), (4, Side.LEFT, HEAVIEST)
    ]
    # Kept up to date: the same sets again beat nothing.
    assert records.beaten_by(line) == []


def test_no_record_to_beat_on_a_new_side() -> None:
    from tracker.domain.model import SetKind
    from tracker.domain.records import LoggedSet, SideRecords

    records = SideRecords.from_rows([], Unit.KG)
    assert records.beaten_by([LoggedSet(None, 5, D(100), Unit.KG, SetKind.WORKING, 1)]) == []
