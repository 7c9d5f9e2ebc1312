"""Import name matching on the fake unit of work: every spelling of the equipment vocabulary
counts alike, and a name that says other equipment never takes a catalog entry."""

from __future__ import annotations

import pytest

from tests.helpers.fake_catalog import with_catalog
from tracker.services.exercise_matching import ExerciseMatcher

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
