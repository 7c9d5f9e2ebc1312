"""Each side of a unilateral progression on its own terms: a side logged against body weight
(BW+10) beside one logged as a plain load, and the weaker side's cap between them (compared
by the mass moved, said in the weaker side's terms)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.domain.model import Side
from tracker.domain.suggestion import (
    LoggedSet,
    SideStep,
    any_side_on_bodyweight,
    capped,
    progression_steps,
)
from tracker.domain.units import Unit

D = Decimal
KG, LB = Unit.KG, Unit.LB
DAY = date(2026, 12, 3)


def logged(side: Side, reps: int, load: str, bodyweight: bool, unit: Unit = LB) -> LoggedSet:
    return LoggedSet(1, DAY, side, reps, D(load), unit, bodyweight, 0)


def step_of(unit: Unit, assisted: bool) -> Decimal:
    """Plates of 5 lb / 2.5 kg; an assisted machine's stack in 10 lb / 5 kg."""
    if assisted:
        return D(10) if unit is LB else D(5)
    return D(5) if unit is LB else D("2.5")


def steps(
    *sets: LoggedSet, body_weight: str | None = "165", unit: Unit = LB
) -> tuple[SideStep, SideStep]:
    weight = None if body_weight is None else D(body_weight)
    found = progression_steps(list(sets), "unilateral", (8, 12), unit, step_of, "", weight)
    return found[Side.LEFT], found[Side.RIGHT]


def test_each_side_is_labelled_by_its_own_sets() -> None:
    left, right = steps(logged(Side.LEFT, 8, "175", False), logged(Side.RIGHT, 8, "10", True))
    assert (left.label.bodyweight, right.label.bodyweight) == (False, True)
    assert (left.step.load, right.step.load) == (D(175), D(10))
    assert any_side_on_bodyweight([logged(Side.LEFT, 8, "175", False)]) is False


def test_assistance_is_per_side() -> None:
    # The right side was assisted (BW-20): its step is the stack's; the left's the plates'.
    left, right = steps(logged(Side.LEFT, 12, "50", False), logged(Side.RIGHT, 12, "-20", True))
    assert (left.increment, right.increment) == (D(5), D(10))
    assert (left.step.load, right.step.load) == (D(55), D(-10))


def test_a_weaker_bodyweight_side_is_capped_by_the_mass_the_loaded_side_moves() -> None:
    # Left 175 lb holds; right BW+20 at 12 reps would go to BW+25 (190 lb moved at 165 lb):
    # the weaker right is held to the 175 lb the left moves, BW+10 in its own terms.
    left, right = steps(logged(Side.LEFT, 9, "175", False), logged(Side.RIGHT, 12, "20", True))
    assert right.step.load == D(25)
    kept, capped_right = capped(left, right, Side.RIGHT)
    assert kept == left.step
    assert (capped_right.load, capped_right.action) == (D(10), "decrease")
    reason = capped_right.reason
    assert (reason.capped_at, reason.converted_cap, reason.by_mass) == (D(10), True, True)


def test_a_weaker_loaded_side_is_capped_by_the_mass_the_bodyweight_side_moves() -> None:
    # Left BW+10 (175 lb moved) holds; right 180 lb at 12 reps would go to 185 lb: held to
    # 175 lb, the left's mass moved, rounded down to the right's 5 lb step.
    left, right = steps(logged(Side.LEFT, 9, "10", True), logged(Side.RIGHT, 12, "180", False))
    _, capped_right = capped(left, right, Side.RIGHT)
    assert (capped_right.load, capped_right.reason.capped_at) == (D(175), D(175))
    assert capped_right.reason.by_mass
    # In the other unit: 175 lb is 79.38 kg, rounded down to the 2.5 kg step.
    left, right = steps(
        logged(Side.LEFT, 9, "10", True), logged(Side.RIGHT, 12, "85", False, KG)
    )
    _, capped_right = capped(left, right, Side.RIGHT)
    assert (capped_right.load, right.unit) == (D("77.5"), KG)


def test_no_cap_between_a_bodyweight_and_a_loaded_side_without_a_body_weight() -> None:
    left, right = steps(
        logged(Side.LEFT, 9, "175", False), logged(Side.RIGHT, 12, "20", True), body_weight=None
    )
    assert capped(left, right, Side.RIGHT) == (left.step, right.step)
    assert right.step.reason.capped_at is None


def test_sides_on_the_same_terms_are_capped_as_before() -> None:
    left, right = steps(logged(Side.LEFT, 9, "10", True), logged(Side.RIGHT, 12, "20", True))
    _, capped_right = capped(left, right, Side.RIGHT)
    assert (capped_right.load, capped_right.reason.by_mass) == (D(10), False)
    assert not capped_right.reason.converted_cap
