"""The one equipment vocabulary: spellings, name words, and which words load a lift alike.

Every word is listed on its own: dropping one from domain/equipment.py fails a case here.
"""

from __future__ import annotations

import pytest

from tracker.domain.equipment import (
    LEADING_WORDS,
    NAME_HINTS,
    Equipment,
    equipment_key,
    loads_alike,
    name_hint,
    written_in_name,
)

E = Equipment

SPELLINGS = [
    # canonical names, any case
    ("Barbell", E.BARBELL),
    ("dumbbell", E.DUMBBELL),
    ("Machine", E.MACHINE),
    ("cable", E.CABLE),
    ("kettlebell", E.KETTLEBELL),
    ("Smith Machine", E.SMITH_MACHINE),
    ("band", E.BAND),
    ("bodyweight", E.BODYWEIGHT),
    ("other", E.OTHER),
    # plurals
    ("barbells", E.BARBELL),
    ("Dumbbells", E.DUMBBELL),
    ("kettlebells", E.KETTLEBELL),
    ("machines", E.MACHINE),
    ("cables", E.CABLE),
    ("bands", E.BAND),
    # abbreviations
    ("BB", E.BARBELL),
    ("db", E.DUMBBELL),
    ("KB", E.KETTLEBELL),
    # catalog and app spellings
    ("e-z curl bar", E.BARBELL),
    ("EZ curl bar", E.BARBELL),
    ("EZ-Bar", E.BARBELL),
    ("Smith", E.SMITH_MACHINE),
    ("body only", E.BODYWEIGHT),
    ("Body Weight", E.BODYWEIGHT),
    # not equipment of a kind the tracker knows
    ("sled", E.OTHER),
    ("medicine ball", E.OTHER),
    ("trap bar", E.OTHER),
    ("assisted", E.OTHER),
    ("", E.OTHER),
]


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_every_spelling_has_one_canonical_equipment(spelling: str, expected: Equipment) -> None:
    assert equipment_key(spelling) is expected


NAME_WORDS = [
    # canonical names give themselves
    *((kind.value.title(), kind.value) for kind in E if kind is not E.OTHER),
    # other spellings give their canonical equipment
    ("Dumbbells", "dumbbell"),
    ("Kettlebells", "kettlebell"),
    ("Barbells", "barbell"),
    ("Machines", "machine"),
    ("Cables", "cable"),
    ("Bands", "band"),
    ("DB", "dumbbell"),
    ("KB", "kettlebell"),
    ("BB", "barbell"),
    ("Smith", "smith machine"),
    ("Body Only", "bodyweight"),
    ("Body Weight", "bodyweight"),
    # variant words give themselves, one spelling each
    ("EZ Bar", "ez bar"),
    ("EZ-Bar", "ez bar"),
    ("E-Z Bar", "ez bar"),
    ("EZ Curl Bar", "ez bar"),
    ("e-z curl bar", "ez bar"),
    ("Trap Bar", "trap bar"),
    ("Weighted", "weighted"),
    ("Assisted", "assisted"),
    ("Plate Loaded", "plate loaded"),
]


@pytest.mark.parametrize(("word", "hint"), NAME_WORDS)
def test_every_name_word_gives_its_hint(word: str, hint: str) -> None:
    assert name_hint(word) == hint


def test_the_name_words_are_exactly_those_listed() -> None:
    listed = {word.lower().replace("-", " ") for word, _ in NAME_WORDS}
    assert set(NAME_HINTS) == listed


@pytest.mark.parametrize("word", ["Other", "Hyperextension", "Machine Plates", "Bar", "Dumb"])
def test_other_words_give_no_hint(word: str) -> None:
    assert name_hint(word) is None


def test_words_before_the_lift_that_only_say_the_equipment() -> None:
    assert LEADING_WORDS == {
        "barbell", "bb", "dumbbell", "dumbbells", "db", "kettlebell", "kb", "machine", "cable",
        "smith machine", "ez bar", "trap bar",
    }
    assert LEADING_WORDS <= set(NAME_HINTS)
    # Part of a lift's own name there: "Band Pull-Apart", "Weighted Dip", "Smith Incline
    # Shoulder Raise" (a machine lift), "Front Squats With Two Kettlebells".
    for word in ("band", "bodyweight", "weighted", "assisted", "smith", "kettlebells"):
        assert word not in LEADING_WORDS


def test_hints_are_written_as_catalogs_write_them() -> None:
    assert written_in_name("ez bar") == "EZ Bar"
    assert written_in_name("smith machine") == "Smith Machine"
    assert written_in_name("dumbbell") == "Dumbbell"


@pytest.mark.parametrize(
    ("word", "equipment", "alike"),
    [
        ("Cable", "machine", True),  # both weight stacks
        ("Plate Loaded", "machine", True),
        ("Weighted", "bodyweight", True),
        ("EZ Bar", "barbell", True),
        ("E-Z Bar", "barbell", True),
        ("Cable", "dumbbell", False),  # "Hammer Curl (Cable)" is not the dumbbell curl
        ("Assisted", "bodyweight", False),  # not a word for any equipment
        ("Trap Bar", "barbell", False),  # the trap-bar deadlift is not the deadlift
        ("Other", "other", False),  # unknown equipment agrees with nothing
        ("Dumbbell", "dumbbells", True),  # catalog spellings count
        ("DB", "dumbbell", True),  # and so do name spellings
        ("Kettlebells", "kettlebell", True),
        ("Smith", "barbell", False),
    ],
)
def test_name_words_agree_only_with_equipment_loaded_alike(
    word: str, equipment: str, alike: bool
) -> None:
    assert loads_alike(word, equipment) is alike
