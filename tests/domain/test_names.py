"""Exercise-name normalisation and resolution."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InvalidValue, NotFound, TrackerError
from tracker.domain.names import (
    AmbiguousName,
    NameEntry,
    check_length,
    normalize,
    normalize_all,
    plural,
    resolve,
    singular,
)

CATALOG = [
    NameEntry("Single Leg Press", ("Unilateral Leg Press",)),
    NameEntry("Leg Press", ("Sled Press",)),
    NameEntry("Single-Leg Calf Raise", ()),
    NameEntry("Standing Calf Raise", ()),
    NameEntry("Leg Curl", ("Hamstring Curl",)),
    NameEntry("Leg Extension", ()),
    NameEntry("Bench Press", ("BP", "Flat Bench")),
    NameEntry("Barbell Squat", ("Back Squat", "Squat")),
    NameEntry("Bulgarian Split Squat", ("BSS", "Rear-Foot Elevated Split Squat")),
    NameEntry("Romanian Deadlift", ("RDL",)),
    NameEntry("Deadlift", ()),
]


def test_normalize() -> None:
    assert normalize("Single-Leg  Press") == "single leg press"
    assert normalize("  Dumbbell (Incline) Press! ") == "dumbbell incline press"
    assert normalize("Café Curl") == "cafe curl"  # accents dropped, letters kept
    assert normalize("Жим лёжа") == "жим лежа"
    assert normalize("Dévelöppé") == normalize("Developpe")
    assert normalize("---") == ""


@given(st.lists(st.text(max_size=15), max_size=8))
def test_normalize_all_matches_normalize(texts: list[str]) -> None:
    assert normalize_all(texts) == [normalize(text) for text in texts]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Leg Press", "Leg Press"),
        ("leg press", "Leg Press"),
        ("  LEG   PRESS ", "Leg Press"),
        ("single-leg press", "Single Leg Press"),
        ("Single Leg Press", "Single Leg Press"),
        ("single_leg_press!", "Single Leg Press"),
        ("single leg calf raise", "Single-Leg Calf Raise"),
        ("Deadlift", "Deadlift"),
    ],
)
def test_exact_name(query: str, name: str) -> None:
    assert resolve(query, CATALOG) == name


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("bp", "Bench Press"),
        ("sled press", "Leg Press"),
        ("rdl", "Romanian Deadlift"),
        ("squat", "Barbell Squat"),
        ("back-squat", "Barbell Squat"),
        ("rear foot elevated split squat", "Bulgarian Split Squat"),
    ],
)
def test_alias(query: str, name: str) -> None:
    assert resolve(query, CATALOG) == name


def test_an_exact_name_beats_a_longer_name_it_starts() -> None:
    entries = [NameEntry("Leg Press Machine", ()), NameEntry("Leg Press", ())]
    assert resolve("leg press", entries) == "Leg Press"


def test_a_name_beats_another_exercises_alias() -> None:
    entries = [NameEntry("Press", ()), NameEntry("Overhead Press", ("Press",))]
    assert resolve("press", entries) == "Press"


@pytest.mark.parametrize(
    ("query", "name"),
    [("singlelegpress", "Single Leg Press"), ("single legpress", "Single Leg Press"),
     ("LegPress", "Leg Press"), ("benchpress", "Bench Press"), ("hamstringcurl", "Leg Curl")],
)
def test_spaces_removed(query: str, name: str) -> None:
    assert resolve(query, CATALOG) == name


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("leg pr", "Leg Press"),
        ("leg ext", "Leg Extension"),
        ("sing leg pr", "Single Leg Press"),
        ("s l p", "Single Leg Press"),
        ("bulg", "Bulgarian Split Squat"),
        ("roman", "Romanian Deadlift"),
        ("flat", "Bench Press"),
    ],
)
def test_prefix(query: str, name: str) -> None:
    assert resolve(query, CATALOG) == name


def test_a_space_free_prefix_does_not_cross_words() -> None:
    catalog = [NameEntry("Lunge Sprint"), NameEntry("Box Jump")]
    with pytest.raises(NotFound):
        resolve("lunges", catalog)  # "lunges" does not start the word "lunge"
    assert resolve("lunge spr", catalog) == "Lunge Sprint"


def test_ambiguous_prefix_lists_the_matches_sorted() -> None:
    with pytest.raises(AmbiguousName) as caught:
        resolve("leg", CATALOG)
    error = caught.value
    assert isinstance(error, TrackerError)
    # "leg" is a whole word of each of these names: every one is listed, none is picked.
    assert error.matches == (
        "Leg Curl", "Leg Extension", "Leg Press", "Single Leg Press", "Single-Leg Calf Raise"
    )
    assert str(error) == (
        '"leg" matches several exercises: Leg Curl, Leg Extension, Leg Press, Single Leg Press, '
        "Single-Leg Calf Raise; type more of the name"
    )


def test_ambiguous_lists_eight_then_counts_the_rest() -> None:
    entries = [NameEntry(f"Curl Variant {letter}", ()) for letter in "LKJIHGFEDCBA"]
    with pytest.raises(AmbiguousName) as caught:
        resolve("curl", entries)
    assert str(caught.value) == (
        '"curl" matches several exercises: Curl Variant A, Curl Variant B, Curl Variant C, '
        "Curl Variant D, Curl Variant E, Curl Variant F, Curl Variant G, Curl Variant H "
        "and 4 more; type more of the name"
    )


def test_two_entries_with_the_same_normalised_name_are_ambiguous() -> None:
    with pytest.raises(AmbiguousName, match="Leg Press, Leg-Press"):
        resolve("leg press", [NameEntry("Leg-Press", ()), NameEntry("Leg Press", ())])


def test_aliases_of_one_exercise_are_not_ambiguous() -> None:
    entries = [NameEntry("Barbell Row", ("Bent Row", "Bent-Over Row")), NameEntry("Curl", ())]
    assert resolve("bent", entries) == "Barbell Row"


def test_did_you_mean() -> None:
    with pytest.raises(NotFound) as caught:
        resolve("singel leg pres", CATALOG)
    message = str(caught.value)
    assert message.startswith(
        'no exercise named "singel leg pres"; did you mean: Single Leg Press, '
    )
    assert message.endswith("?")
    suggested = message.split("did you mean: ")[1].rstrip("?").split(", ")
    assert suggested[0] == "Single Leg Press"
    assert set(suggested) == {"Single Leg Press", "Leg Press", "Single-Leg Calf Raise"}


def test_suggestions_map_aliases_to_names_once() -> None:
    entries = [NameEntry("Barbell Row", ("Bent Row", "Bent-Over Row", "Bent Rows"))]
    with pytest.raises(NotFound) as caught:
        resolve("bnet row", entries)
    assert str(caught.value) == 'no exercise named "bnet row"; did you mean: Barbell Row?'


def test_no_suggestion() -> None:
    with pytest.raises(NotFound) as caught:
        resolve("xyzzy", CATALOG)
    assert str(caught.value) == 'no exercise named "xyzzy"; see: tracker exercises list'


@pytest.mark.parametrize("query", ["", "  ", "--"])
def test_empty_query(query: str) -> None:
    with pytest.raises(NotFound) as caught:
        resolve(query, CATALOG)
    assert str(caught.value) == "no exercise name given: type one; see: tracker exercises list"


def test_empty_catalog() -> None:
    with pytest.raises(NotFound, match="see: tracker exercises list"):
        resolve("squat", [])


def test_messages_are_one_line() -> None:
    with pytest.raises(NotFound) as caught:
        resolve("leg\npres", [NameEntry("Leg Curl", ())])
    assert str(caught.value).startswith('no exercise named "leg pres"')


@given(st.text(max_size=30))
def test_any_query_resolves_or_raises_a_tracker_error(query: str) -> None:
    try:
        name = resolve(query, CATALOG)
    except (NotFound, AmbiguousName) as error:
        assert "\n" not in str(error)
        return
    assert name in {entry.name for entry in CATALOG}


# A thousand names ------------------------------------------------------------------------------
# How fast they resolve is the benchmark's business (benchmarks/bench.py), never a timed test.

MODIFIERS = ["Single Leg", "Seated", "Standing", "Incline", "Decline", "Close Grip", "Wide Grip",
             "Reverse", "Kneeling", "Lying", "Alternating", "One Arm", "Smith Machine", "Cable",
             "Dumbbell", "Barbell", "Kettlebell", "Band", "Machine", "Landmine", "Paused",
             "Tempo", "Deficit", "Banded", "Chains"]
MOVEMENTS = ["Press", "Curl", "Row", "Squat", "Raise", "Extension", "Fly", "Pulldown",
             "Deadlift", "Lunge", "Dip", "Shrug", "Kickback", "Crunch", "Pushdown", "Thrust",
             "Bridge", "Step Up", "Good Morning", "Pullover", "Twist", "Carry", "Clean",
             "Snatch", "Jerk", "Swing", "Rollout", "Plank", "Hold", "Walk", "Jump", "Throw",
             "Slam", "Chop", "Pull", "Push", "Hug", "Sit Up", "Leg Raise",
             "Calf Raise"]
BIG = [NameEntry(f"{m} {b}", (f"{m}-{b} Alt",)) for m in MODIFIERS for b in MOVEMENTS]


@pytest.mark.parametrize("query", ["Chains Calf Raise", "chains-calf raise alt", "chai cal r"])
def test_one_of_a_thousand_names_resolves_by_name_alias_or_prefixes(query: str) -> None:
    assert len(BIG) == 1000
    assert resolve(query, BIG) == "Chains Calf Raise"


def test_a_typo_among_a_thousand_names_suggests_the_close_ones() -> None:
    with pytest.raises(NotFound, match="did you mean: Single Leg Press"):
        resolve("singel leg pres", BIG)


def test_a_word_of_many_of_a_thousand_names_is_ambiguous() -> None:
    with pytest.raises(AmbiguousName, match="Seated Bridge"):
        resolve("seated", BIG)


GYM = [
    NameEntry("Dumbbell Row", ()),
    NameEntry("Barbell Row", ("bent over row",)),
    NameEntry("One-Arm Dumbbell Row", ()),
    NameEntry("Rowing Machine", ("rowing", "erg")),
    NameEntry("Push-Up", ("press-up", "pushup")),
    NameEntry("Bench Press", ()),
    NameEntry("Leg Press", ()),
    NameEntry("Single Leg Press", ("slp",)),
    NameEntry("Single-Arm Dumbbell Shoulder Press", ()),
    NameEntry("Single-Arm Dumbbell Bench Press", ()),
    NameEntry("One-Arm Dumbbell Row Variant", ()),
    NameEntry("Suitcase Carry", ()),
    NameEntry("Back Squat", ("squat",)),
    NameEntry("Leg Curl", ("hamstring curl",)),
]


def test_a_whole_word_of_several_names_lists_them_and_picks_none() -> None:
    with pytest.raises(AmbiguousName) as caught:
        resolve("row", GYM)
    assert "Rowing Machine" not in caught.value.matches
    assert {"Dumbbell Row", "Barbell Row", "One-Arm Dumbbell Row"} <= set(caught.value.matches)
    with pytest.raises(AmbiguousName) as caught:
        resolve("press", GYM)
    assert {"Bench Press", "Leg Press", "Push-Up"} <= set(caught.value.matches)


def test_an_exact_alias_still_wins_and_a_unique_name_prefix_still_works() -> None:
    assert resolve("squat", GYM) == "Back Squat"
    assert resolve("rowing", GYM) == "Rowing Machine"
    assert resolve("suit", GYM) == "Suitcase Carry"
    assert resolve("sing leg", GYM) == "Single Leg Press"


def test_a_prefix_of_an_alias_word_never_picks_alone() -> None:
    with pytest.raises(NotFound) as caught:
        resolve("hams", GYM)  # only "hamstring curl", an alias, starts with it
    assert str(caught.value) == 'no exercise named "hams"; did you mean: Leg Curl?'
    with pytest.raises(NotFound, match="did you mean: Push-Up"):
        resolve("pres", [NameEntry("Push-Up", ("press-up",)), NameEntry("Squat", ())])


def test_did_you_mean_ranks_by_words_in_common() -> None:
    with pytest.raises(NotFound) as caught:
        resolve("single arm shoulder pres", GYM)
    suggested = str(caught.value).split("did you mean: ")[1].rstrip("?").split(", ")
    assert suggested[0] == "Single-Arm Dumbbell Shoulder Press"
    assert "Suitcase Carry" not in suggested


def test_single_arm_press_offers_the_single_arm_presses() -> None:
    with pytest.raises(AmbiguousName) as caught:
        resolve("single arm press", GYM)
    assert caught.value.matches == (
        "Single-Arm Dumbbell Bench Press", "Single-Arm Dumbbell Shoulder Press"
    )


BUILTIN = [
    NameEntry(entry["name"], tuple(entry["aliases"]))
    for entry in json.loads((files("tracker.catalog") / "builtin.json").read_text("utf-8"))[
        "exercises"
    ]
]


def test_row_lists_the_rows_of_the_built_in_catalog_and_picks_none() -> None:
    # A lifter typing "row" may mean any row, the erg included ("row erg" is one of its
    # aliases, as "press-up" lists Push-Up for "press"): the list says what to type; the erg
    # is never chosen for "row" alone, nor any one of the lifts.
    with pytest.raises(AmbiguousName) as caught:
        resolve("row", BUILTIN)
    assert caught.value.matches == (
        "Barbell Row", "Dumbbell Row", "One-Arm Dumbbell Row", "Rowing Machine",
        "Seated Cable Row", "Single-Arm Cable Row",
    )
    for erg in ("row erg", "erg", "rowing", "rower"):
        assert resolve(erg, BUILTIN) == "Rowing Machine"
    assert resolve("bent over row", BUILTIN) == "Barbell Row"
    assert resolve("single arm row", BUILTIN) == "One-Arm Dumbbell Row"


@pytest.mark.parametrize(
    ("word", "one"),
    [
        ("Extensions", "Extension"),
        ("Presses", "Press"),
        ("crunches", "crunch"),
        ("pushups", "pushup"),
        ("boxes", "box"),
        ("Ups", "Up"),
        ("Press", "Press"),  # singular already
        ("Circus", "Circus"),
        ("Tibialis", "Tibialis"),
        ("Up", "Up"),
    ],
)
def test_singular(word: str, one: str) -> None:
    assert singular(word) == one


@pytest.mark.parametrize(
    ("word", "many"),
    [("Extension", "Extensions"), ("Pullup", "Pullups"), ("Press", None), ("Crunch", None),
     ("Box", None), ("Push", None), ("90", None)],
)
def test_plural_only_for_a_plain_s(word: str, many: str | None) -> None:
    assert plural(word) == many


def test_a_name_over_its_limit_is_refused_with_its_length() -> None:
    assert check_length("xxx", "a session name", 3) == "xxx"
    with pytest.raises(InvalidValue) as refused:
        check_length("xxxx", "a lifter name", 3)
    assert str(refused.value) == "a lifter name can have at most 3 characters, got 4"
