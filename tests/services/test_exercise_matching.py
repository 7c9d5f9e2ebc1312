"""Import name matching on the fake unit of work: every spelling of the equipment vocabulary
counts alike, and a name that says other equipment never takes a catalog entry."""

from __future__ import annotations

import pytest

from tests.helpers.fake_catalog import with_catalog
from tracker.services.exercise_matching import ExerciseMatcher, body_load_sign

CATALOG = ("Lateral Raise", "Turkish Get-Up", "Barbell Curl", "Hammer Curl", "Cable Crunch")


@pytest.mark.parametrize(
    ("raw", "catalog_name"),
    [
        ("Lateral Raise (Dumbbell)", "Lateral Raise"),
        # Plurals and abbreviations in brackets mean what the word does (they used to make
        # custom exercises "Lateral Raise (DB)" and "Turkish Get-Up (Kettlebells)").
        ("Lateral Raise (Dumbbells)", "Lateral Raise"),
        ("Lateral Raise (DB)", "Lateral Raise"),
        ("Turkish Get-Up (Kettlebell)", "Turkish Get-Up"),
        ("Turkish Get-Up (Kettlebells)", "Turkish Get-Up"),
        ("Turkish Get-Up (KB)", "Turkish Get-Up"),
        ("Curl (Barbell)", "Barbell Curl"),
        ("BB Curl", "Barbell Curl"),
        ("Curl (E-Z Bar)", "Barbell Curl"),
        ("Crunch (Cables)", "Cable Crunch"),
    ],
)
def test_every_spelling_of_the_equipment_maps_alike(raw: str, catalog_name: str) -> None:
    uow = with_catalog(*CATALOG)
    assert ExerciseMatcher(uow.catalog).find(raw, sided=False).name == catalog_name


@pytest.mark.parametrize(
    "raw", ["Hammer Curl (Cable)", "Hammer Curl (Cables)", "Lateral Raise (Trap Bar)"]
)
def test_other_equipment_makes_a_custom_exercise(raw: str) -> None:
    uow = with_catalog(*CATALOG)
    matcher = ExerciseMatcher(uow.catalog)
    assert matcher.find(raw, sided=False).name == raw
    assert matcher.created == {raw}


@pytest.mark.parametrize(
    ("raw", "equipment", "sign"),
    [
        ("Pull Up", "bodyweight", 1),  # a belt: BW+x
        ("Pull Up (Weighted)", "bodyweight", 1),
        ("Crunch (Weighted)", "other", 1),  # the word says it, whatever the entry's equipment
        ("Pull Up (Assisted)", "bodyweight", -1),  # a counterweight: BW-x
        ("Pull Up (Assisted)", "assisted", -1),  # made so by an older import
        ("Pull Up (Assisted)", "machine", -1),
        ("Back Pull", "assisted", -1),
        ("Push Up (Bodyweight)", "bodyweight", 1),
        ("Bench Press (Barbell)", "barbell", 0),  # 100 kg is 100 kg
        ("Lat Pulldown", "cable", 0),
        ("Lunge (Dumbbell)", "bodyweight", 0),  # the dumbbells are the load
        ("Back Extension (Weighted Hyperextension)", "other", 0),  # no variant word: a name
    ],
)
def test_a_load_on_a_bodyweight_lift_is_added_or_assistance(
    raw: str, equipment: str, sign: int
) -> None:
    assert body_load_sign(raw, equipment) == sign


@pytest.mark.parametrize(
    ("raw", "equipment"),
    [
        ("Pull Up (Assisted)", "bodyweight"),  # not "assisted": no equipment of the vocabulary
        ("Decline Crunch (Weighted)", "bodyweight"),
        ("Spider Drag (EZ Bar)", "ez bar"),
        ("Hammer Curl (Cable)", "cable"),
        ("Zottman Wobble", "other"),
    ],
)
def test_a_made_exercise_takes_the_equipment_of_the_vocabulary(raw: str, equipment: str) -> None:
    uow = with_catalog(*CATALOG)
    assert ExerciseMatcher(uow.catalog).find(raw, sided=False).equipment == equipment
