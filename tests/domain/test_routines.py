"""Routine rules: rep ranges and rest (and the gym's per-side records)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.routines import (
    RoutineItemPlan,
    SideTarget,
    Target,
    default_rest,
    parse_rep_range,
    parse_rest,
    rest_for,
    target_of,
)
from tracker.domain.units import Unit


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
    from tracker.domain.records import HEAVIEST, MOST_REPS, LoggedSet, SideRecords

    records = SideRecords.from_rows([], Unit.KG)
    first = [LoggedSet(None, 5, D(100), Unit.KG, SetKind.WORKING, 1),
             LoggedSet(None, 5, D(110), Unit.KG, SetKind.WORKING, 2)]
    assert records.beaten_by(first) == []  # the first batch is "first time logged", unmarked
    # ... and the record the next batch must beat: 110 kg, 5 reps at it.
    again = [LoggedSet(None, 5, D(110), Unit.KG, SetKind.WORKING, 3),
             LoggedSet(None, 6, D(110), Unit.KG, SetKind.WORKING, 4),
             LoggedSet(None, 1, D(112), Unit.KG, SetKind.WORKING, 5)]
    assert records.beaten_by(again) == [(4, None, MOST_REPS), (5, None, HEAVIEST)]


def item(
    rep_low: int | None = None, rep_high: int | None = None, rest_s: int | None = None
) -> RoutineItemPlan:
    return RoutineItemPlan(1, "Squat", "bilateral", 3, rep_low, rep_high, rest_s)


def test_rest_is_the_items_then_the_exercises_then_the_categorys() -> None:
    assert rest_for(item(rest_s=75), 100, "strength") == 75
    assert rest_for(item(), 100, "strength") == 100
    assert rest_for(None, None, "Powerlifting") == 180
    assert rest_for(item(), None, "unknown") == 90


def test_an_items_rep_range_only_when_it_has_both_ends() -> None:
    assert item(8, 12).rep_range == (8, 12)
    assert item().rep_range is None


def test_plates_are_for_the_heaviest_side() -> None:
    sides: dict[Side | None, SideTarget] = {
        Side.LEFT: SideTarget(D(20), 8), Side.RIGHT: SideTarget(D(25), 8)
    }
    assert Target("start", Unit.KG, sides).top_load == D(25)


@dataclass(frozen=True)
class SuggestedSide:
    """A side of a load suggestion."""

    load: D
    reps_target: int
    unit: Unit | None = None
    bodyweight: bool = False


@dataclass
class Answer:
    """A load suggestion as a target is made of it."""

    kind: str = "progression"
    unit: Unit = Unit.KG
    over: str | None = None
    bodyweight: bool = False
    sides: Mapping[Side, SuggestedSide] | None = None
    suggested: D | None = None
    reps_target: int | None = None


def test_a_target_takes_the_reps_suggest_worked_out_to_the_routines_range() -> None:
    """suggest is asked with the routine item's range: its reps are the target's, never
    clamped afterwards (a clamp would hold 10 x 100 at 10 reps for ever on 8-10)."""
    answer = Answer(suggested=D(105), reps_target=8)
    ahead = Target("progression", Unit.KG, {None: SideTarget(D(105), 8)})
    assert target_of(answer, (8, 10)) == ahead
    assert target_of(answer, None) == ahead
    # A start begins at the range's low end; with no range and no reps, at 8.
    start = Answer("start", suggested=D(40))
    assert target_of(start, (10, 12)) == Target("start", Unit.KG, {None: SideTarget(D(40), 10)})
    assert target_of(start, None) == Target("start", Unit.KG, {None: SideTarget(D(40), 8)})


def test_a_carry_or_an_empty_answer_has_no_target() -> None:
    assert target_of(Answer("start", suggested=D(24), over="40m"), None) is None
    assert target_of(Answer(), None) is None


def test_a_side_on_body_weight_says_so_alone_unless_every_side_is() -> None:
    both = {
        Side.LEFT: SuggestedSide(D(10), 8, None, True),
        Side.RIGHT: SuggestedSide(D(5), 8, None, True),
    }
    every = target_of(Answer(bodyweight=True, sides=both), None)
    assert every is not None and every.bodyweight
    assert not any(side.bodyweight for side in every.sides.values())
    one = {
        Side.LEFT: SuggestedSide(D(10), 9, Unit.LB, bodyweight=True),
        Side.RIGHT: SuggestedSide(D(20), 8),
    }
    mixed = target_of(Answer(bodyweight=True, sides=one), (8, 9))
    assert mixed == Target(
        "progression",
        Unit.KG,
        {Side.LEFT: SideTarget(D(10), 9, Unit.LB, True), Side.RIGHT: SideTarget(D(20), 8)},
        False,
    )
