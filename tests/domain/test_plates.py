"""Plate maths: exact, nearest loadable weight, limited plate counts."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.plates import (
    DEFAULT_PLATES,
    Plate,
    barbell_loading,
    format_plates,
    machine_loading,
    parse_plates,
)
from tracker.domain.units import Unit

KG = [Plate(w) for w in DEFAULT_PLATES[Unit.KG]]
LB = [Plate(w) for w in DEFAULT_PLATES[Unit.LB]]


def test_barbell_100kg_is_bar_plus_25_and_15_per_side() -> None:
    loading = barbell_loading(D(100), D(20), KG)
    assert loading.per_side == (D(25), D(15))
    assert loading.total == D(100) and loading.exact


def test_barbell_exact_with_small_plates() -> None:
    loading = barbell_loading(D("102.5"), D(20), KG)
    assert loading.per_side == (D(25), D(15), D("1.25"))
    assert loading.total == D("102.5")


def test_lb_plates_225_is_two_plates_a_side() -> None:
    assert barbell_loading(D(225), D(45), LB).per_side == (D(45), D(45))


def test_unloadable_target_gives_nearest_lighter_on_tie() -> None:
    # The smallest pair (2 x 1.25) moves the bar 2.5 kg: 101.25 is halfway between 100 and 102.5.
    loading = barbell_loading(D("101.25"), D(20), KG)
    assert loading.total == D(100) and not loading.exact


def test_unloadable_target_gives_nearest_heavier_when_closer() -> None:
    loading = barbell_loading(D("102"), D(20), KG)
    assert loading.total == D("102.5")


def test_target_below_the_bar_is_the_empty_bar() -> None:
    loading = barbell_loading(D(15), D(20), KG)
    assert loading.per_side == () and loading.total == D(20)


def test_limited_plates_use_what_the_gym_has() -> None:
    plates = parse_plates("25x2,20x2,10x4,5x2")
    # 140 kg is 60 per side: one 25 and one 20 per side, then 10 + 5.
    loading = barbell_loading(D(140), D(20), plates)
    assert loading.per_side == (D(25), D(20), D(10), D(5))
    # 200 kg cannot be made: the most per side is 25+20+10+10+5 = 70, so 160 total.
    heavy = barbell_loading(D(200), D(20), plates)
    assert heavy.total == D(160) and heavy.per_side == (D(25), D(20), D(10), D(10), D(5))


def test_odd_plate_count_leaves_one_on_the_rack() -> None:
    assert Plate(D(20), 3).pairs == 1


def test_fewest_plates_not_greedy() -> None:
    # Greedy from 25 would take 25+5+5 for 35 per side; 20+15 is two plates.
    loading = barbell_loading(D(90), D(20), [Plate(D(25)), Plate(D(20)), Plate(D(15)), Plate(D(5))])
    assert loading.per_side == (D(20), D(15))


def test_machine_counts_plates_on_both_horns_and_no_bar() -> None:
    loading = machine_loading(D(90), KG)
    assert loading.per_side == (D(25), D(20)) and loading.bar == 0 and loading.total == D(90)


def test_exact_decimal_with_fractional_plates() -> None:
    loading = barbell_loading(D("20.5"), D(20), parse_plates("0.25,0.5"))
    assert loading.per_side == (D("0.25"),) and loading.total == D("20.5")


def test_parse_and_format_round_trip() -> None:
    text = "25x4,20x2,15,10,5,2.5,1.25x2"
    assert format_plates(parse_plates(text)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "give at least one plate"),
        ("25,abc", 'can\'t read plate "abc"'),
        ("25x0", 'plate "25x0": write WEIGHTxCOUNT'),
        ("25,25", "listed twice"),
        ("-5", "must weigh more than 0"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_plates(text)
