"""The one equipment vocabulary: spellings, and which name words load a lift alike."""

from __future__ import annotations

import pytest

from tracker.domain.equipment import Equipment, equipment_key, loads_alike


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Barbell", Equipment.BARBELL),
        ("e-z curl bar", Equipment.BARBELL),
        ("Smith", Equipment.SMITH_MACHINE),
        ("kettlebells", Equipment.KETTLEBELL),
        ("sled", Equipment.OTHER),
    ],
)
def test_every_spelling_has_one_canonical_equipment(spelling: str, expected: Equipment) -> None:
    assert equipment_key(spelling) is expected


@pytest.mark.parametrize(
    ("word", "equipment", "alike"),
    [
        ("Cable", "machine", True),  # both weight stacks
        ("Plate Loaded", "machine", True),
        ("Weighted", "bodyweight", True),
        ("EZ Bar", "barbell", True),
        ("Cable", "dumbbell", False),  # "Hammer Curl (Cable)" is not the dumbbell curl
        ("Assisted", "bodyweight", False),  # not a word for any equipment
        ("Other", "other", False),  # unknown equipment agrees with nothing
        ("Dumbbell", "dumbbells", True),  # catalog spellings count
    ],
)
def test_name_words_agree_only_with_equipment_loaded_alike(
    word: str, equipment: str, alike: bool
) -> None:
    assert loads_alike(word, equipment) is alike
