"""The one exercise definition: its JSON field checks and the checks of what a lifter types."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib.resources import files
from typing import Any

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.exercise_def import (
    BadField,
    ExerciseDef,
    FaqEntry,
    check_alias,
    check_increment,
    check_rep_range,
    check_sled,
    clean_field,
    clean_name,
    definition_from_json,
    parse_ratio,
    parse_rep_range,
)
from tracker.domain.model import Laterality

REPS = "must be [low, high] whole numbers with 1 <= low <= high <= 100"
# (a change to a valid definition, the field refused, the problem).
REFUSED: list[tuple[dict[str, Any], str, str]] = [
    ({"name": ""}, "name", "a name of 1 to 200 characters is needed"),
    ({"name": "x" * 201}, "name", "a name of 1 to 200 characters is needed"),
    ({"name": "?!"}, "name", "a name of 1 to 200 characters is needed"),
    ({"name": 7}, "name", "a name of 1 to 200 characters is needed"),
    ({"body_part": "x" * 51}, "body_part", "must be text of at most 50 characters"),
    ({"target": 3}, "target", "must be text of at most 50 characters"),
    ({"difficulty": "easy"}, "difficulty", "must be one of advanced, beginner, intermediate"),
    ({"difficulty": None}, "difficulty", "must be one of advanced, beginner, intermediate"),
    ({"laterality": "sideways"}, "laterality", "must be one of alternating, bilateral, unilateral"),
    ({"sled_unit": "stone"}, "sled_unit", "must be one of kg, lb"),
    ({"load_per": "hand"}, "load_per", "must be one of bar, implement, side, total"),
    ({"secondary": "glutes"}, "secondary", "must be a list of text"),
    ({"steps": [1]}, "steps", "must be a list of text"),
    ({"faq": ["q?"]}, "faq", 'must be a list of {"q": ..., "a": ...}'),
    ({"summary": 1}, "summary", "must be text"),
    ({"ratio": [0.4]}, "ratio", "must be [low, high]"),
    ({"ratio": ["x", "y"]}, "ratio", "must be two numbers"),
    ({"ratio": [0.5, 0.4]}, "ratio", "must be two numbers with 0 < low <= high <= 1.5"),
    ({"ratio": [0.5, 1.6]}, "ratio", "must be two numbers with 0 < low <= high <= 1.5"),
    ({"lower_is_better": "yes"}, "lower_is_better", "must be true or false"),
    ({"lower_is_better": 1}, "lower_is_better", "must be true or false"),
    ({"implements": 5}, "implements", "must be a whole number from 0 to 4"),
    ({"implements": True}, "implements", "must be a whole number from 0 to 4"),
    ({"rep_range": [12, 3]}, "rep_range", REPS),
    ({"rep_range": [1, 101]}, "rep_range", REPS),
    ({"rep_range": None}, "rep_range", REPS),
    ({"colour": "red"}, "colour", "not a field of an exercise"),
    (
        {"equipment": "spaceship"},
        "equipment",
        'unknown equipment "spaceship": use one of barbell, dumbbell, machine, cable, '
        "kettlebell, smith machine, band, bodyweight, other",
    ),
]


@pytest.mark.parametrize(("change", "key", "problem"), REFUSED)
def test_a_refused_field_is_named(change: dict[str, Any], key: str, problem: str) -> None:
    with pytest.raises(BadField) as refused:
        definition_from_json({"name": "Zercher Carry"} | change)
    assert (refused.value.key, str(refused.value)) == (key, f'"{key}": {problem}')


def test_the_first_refused_group_is_named() -> None:
    with pytest.raises(BadField, match='"name"'):
        definition_from_json({"name": "", "ratio": "x", "rep_range": [0, 0]})


def test_missing_and_empty_fields_take_the_database_defaults() -> None:
    empty: dict[str, Any] = {"body_part": "", "equipment": None, "aliases": [], "ratio": None}
    assert definition_from_json({"name": "  Zercher   Carry "} | empty) == ExerciseDef(
        name="Zercher Carry"
    )


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("dumbbell", "dumbbell"),
        ("DB", "dumbbell"),  # the spellings `exercises add --equipment` takes
        ("Kettlebells", "kettlebell"),
        ("smith", "smith machine"),
        ("assisted", "assisted"),  # what an import stores from a name, kept as stored
        ("ez bar", "ez bar"),
        ("trap bar", "trap bar"),
    ],
)
def test_equipment_is_read_in_the_vocabularys_words(written: str, stored: str) -> None:
    assert definition_from_json({"name": "Carry", "equipment": written}).equipment == stored


def test_every_field_is_read() -> None:
    texts = dict(body_part="legs", equipment="machine", target="quadriceps", summary="s")
    lists = dict(aliases=["SLP"], secondary=["glutes"], steps=["a"], tips=["b"], mistakes=["c"])
    choices = dict(difficulty="beginner", laterality="unilateral", increment_unit="kg")
    data: dict[str, Any] = {"name": "Single Leg Press", "category": "strength"}
    data |= texts | lists | choices
    data |= {"parent": "Leg Press", "source": "builtin", "ratio": [0.4, "0.5"], "ratio_note": "n"}
    data |= {"sled_unit": "lb", "load_per": "side", "implements": 0, "rep_range": [10, 15]}
    data |= {"faq": [{"q": "Q?", "a": "A."}], "edited": True, "lower_is_better": True}
    definition = definition_from_json(data)
    assert definition.ratio == (Decimal("0.4"), Decimal("0.5"))
    assert definition.laterality is Laterality.UNILATERAL
    assert definition.faq == (FaqEntry("Q?", "A."),)
    assert (definition.rep_range, definition.edited) == ((10, 15), True)
    assert definition.lower_is_better is True
    assert (definition.source, definition.parent) == ("builtin", "Leg Press")
    assert (definition.aliases, definition.secondary) == (("SLP",), ("glutes",))
    assert (definition.increment, definition.sled) == (None, None)  # the caller's (worded apart)


def test_the_built_in_catalog_passes_the_checks() -> None:
    catalog = json.loads((files("tracker.catalog") / "builtin.json").read_bytes())
    for entry in catalog["exercises"]:
        given = {key: value for key, value in entry.items() if value is not None}
        assert definition_from_json(given).name == entry["name"]


# -- what a lifter types -----------------------------------------------------------------------

TYPED_REFUSALS: list[tuple[Any, Any, str]] = [
    (clean_name, "?!", "an exercise needs a name with letters or digits"),
    (clean_name, "x" * 201, "an exercise name can be at most 200 characters long"),
    (clean_name, "leg\x07press", "an exercise name can't hold control characters"),
    (check_alias, "x" * 201, "an alias can be at most 200 characters long"),
    (lambda v: clean_field(v, "body_part"), "x" * 51, "the body part can be at most 50 characters"),
    (check_increment, Decimal(0), "the increment must be greater than 0"),
    (check_sled, Decimal(-1), "the sled weight can't be negative"),
    (check_rep_range, (12, 8), "the rep range must be like 8-12, with 1 <= low <= high <= 100"),
    (parse_rep_range, "8 to 12", 'rep range must look like 8-12, got "8 to 12"'),
    (parse_ratio, "x", 'can\'t read ratio "x": write it like 0.4-0.5 or 40-50%'),
    (parse_ratio, "NaN", 'can\'t read ratio "NaN": write it like 0.4-0.5 or 40-50%'),
    (parse_ratio, "2-3", 'ratio "2-3" is above 1.5'),
    (parse_ratio, "0.5-0.4", 'ratio "0.5-0.4" must be between 0 and 1.5 with low <= high'),
]


@pytest.mark.parametrize(("check", "value", "message"), TYPED_REFUSALS)
def test_typed_values_are_refused_with_one_line(check: Any, value: Any, message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        check(value)
    assert str(refused.value).startswith(message)


TYPED_VALUES: list[tuple[Any, Any, Any]] = [
    (clean_name, "  Zercher   Carry ", "Zercher Carry"),
    (lambda v: clean_field(v, "target"), " Upper  Back ", "upper back"),
    (check_rep_range, (1, 100), (1, 100)),
    (parse_rep_range, "8-12", (8, 12)),
    (parse_ratio, "0.4-0.5", (Decimal("0.4"), Decimal("0.5"))),
    (parse_ratio, "40-50%", (Decimal("0.4"), Decimal("0.5"))),
    (parse_ratio, "0.45", (Decimal("0.45"), Decimal("0.45"))),
    (parse_ratio, "150%", (Decimal("1.5"), Decimal("1.5"))),
]


@pytest.mark.parametrize(("check", "value", "expected"), TYPED_VALUES)
def test_typed_values_are_read(check: Any, value: Any, expected: Any) -> None:
    assert check(value) == expected
