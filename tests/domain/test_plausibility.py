"""The entry check's rule (tracker.domain.plausibility), on plain values."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tracker.domain.plausibility import Known, doubt, effective_kg
from tracker.domain.units import Unit

LEG_PRESS = Known(heaviest=D(140), lightest=D(100), most_reps=10)


def test_a_first_set_meets_no_history() -> None:
    assert doubt(Known(), D(2000), 100, Unit.KG) is None


@pytest.mark.parametrize(
    ("load", "reps", "reason"),
    [
        (D(280), 8, None),  # exactly twice the heaviest
        (D("280.001"), 8, "more than twice your heaviest (140 kg)"),
        (D(40), 10, None),  # exactly 0.4 of the lightest
        (D("39.999"), 10, "less than 0.4 of your lightest (100 kg)"),
        (D(100), 30, None),  # 3 times the most and 30: not above either
        (D(100), 31, "more than 3 times your most reps (10)"),
    ],
)
def test_the_bounds_are_strict(load: D, reps: int, reason: str | None) -> None:
    assert doubt(LEG_PRESS, load, reps, Unit.KG) == reason


def test_many_reps_are_questioned_only_above_30() -> None:
    light = Known(heaviest=D(20), lightest=D(20), most_reps=5)
    assert doubt(light, D(20), 16, Unit.KG) is None  # more than 3 x 5, but not above 30
    assert doubt(light, D(20), 31, Unit.KG) == "more than 3 times your most reps (5)"


def test_reps_and_load_swapped_are_questioned() -> None:
    assert doubt(LEG_PRESS, D(10), 100, Unit.KG) == "less than 0.4 of your lightest (100 kg)"


def test_figures_are_shown_in_the_lifters_unit() -> None:
    heaviest = effective_kg(D(110), Unit.LB, False, None)
    assert heaviest is not None
    known = Known().with_set(heaviest, 10)
    typo = effective_kg(D(1100), Unit.LB, False, None)
    assert doubt(known, typo, 10, Unit.LB) == "more than twice your heaviest (110 lb)"


def test_body_weight_is_part_of_the_load() -> None:
    assert effective_kg(D(20), Unit.KG, True, D(80)) == D(100)
    assert effective_kg(D(-20), Unit.KG, True, D(80)) == D(60)
    assert effective_kg(D(20), Unit.KG, True, None) is None  # no weigh-in: unknown
    pull_ups = Known().with_set(D(80), 8)
    # Twenty kilos on a belt is no typo, though it is far above 0 added.
    assert doubt(pull_ups, effective_kg(D(20), Unit.KG, True, D(80)), 8, Unit.KG) is None
    assert doubt(pull_ups, effective_kg(D(90), Unit.KG, True, D(80)), 8, Unit.KG) is not None


def test_unknown_and_zero_loads_take_no_part() -> None:
    known = Known().with_set(None, 12).with_set(D(0), 8)
    assert known == Known(None, None, 12)
    assert doubt(LEG_PRESS, None, 10, Unit.KG) is None
    assert doubt(LEG_PRESS, D(0), 10, Unit.KG) is None


def test_with_set_widens_the_bounds() -> None:
    known = Known().with_set(D(100), 10).with_set(D(60), 12).with_set(D(120), 5)
    assert known == Known(heaviest=D(120), lightest=D(60), most_reps=12)
