"""Routine rules: rep ranges and rest (and the gym's per-side records)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.routines import default_rest, parse_rep_range, parse_rest, reps_in_range
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


def test_reps_in_range() -> None:
    assert reps_in_range(13, (8, 10)) == 10
    assert reps_in_range(6, (8, 10)) == 8
    assert reps_in_range(9, None) == 9


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
