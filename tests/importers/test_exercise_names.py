"""Side markers, equipment suffixes and catalog candidates in exercise names."""

from __future__ import annotations

import pytest

from tracker.domain.model import Side
from tracker.importers import candidate_names, normalize_exercise_name, split_side

L, R = Side.LEFT, Side.RIGHT


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bulgarian Split Squat (Left)", ("Bulgarian Split Squat", L)),
        ("Hanging Leg Raise L", ("Hanging Leg Raise", L)),
        ("Single Leg Press - Right", ("Single Leg Press", R)),
        ("Lunge (R)", ("Lunge", R)),
        ("Left Single Arm Row", ("Single Arm Row", L)),
        ("Right Leg Extension", ("Leg Extension", R)),
        ("Romanian Deadlift (Barbell) - Left", ("Romanian Deadlift (Barbell)", L)),
        ("Lunge (Dumbbell, Left)", ("Lunge (Dumbbell)", L)),
        ("Lunge (Left) (Dumbbell)", ("Lunge (Dumbbell)", L)),
        ("Cable Kickback [Right Leg]", ("Cable Kickback", R)),
        ("Single Arm Row left side", ("Single Arm Row", L)),
        ("Step Up \u2013 R", ("Step Up", R)),
        ("Row_L", ("Row", L)),
        ("  Leg Curl   r ", ("Leg Curl", R)),
        # Not sides: letters inside words, names of both sides, nothing left over.
        ("Leg Raise", ("Leg Raise", None)),
        ("Lying Leg Raise", ("Lying Leg Raise", None)),
        ("L-Sit", ("L-Sit", None)),
        ("L Sit Hold", ("L Sit Hold", None)),
        ("Lunge L/R", ("Lunge L/R", None)),
        ("Left-Right Lunge", ("Left-Right Lunge", None)),
        ("Lunge (Left) R", ("Lunge (Left) R", None)),
        ("Left", ("Left", None)),
        ("Leftover Press", ("Leftover Press", None)),
        ("Seated Row (Machine)", ("Seated Row (Machine)", None)),
    ],
)
def test_split_side(name: str, expected: tuple[str, Side | None]) -> None:
    assert split_side(name) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bench Press (Barbell)", ("Bench Press", "barbell")),
        ("Flat Barbell Bench Press", ("Bench Press", "barbell")),
        ("Flat Dumbbell Bench Press", ("Bench Press", "dumbbell")),
        ("Incline Dumbbell Bench Press", ("Incline Bench Press", "dumbbell")),
        ("Leg Press (Machine)", ("Leg Press", "machine")),
        ("Bent Over Row (Barbell)", ("Bent Over Row", "barbell")),
        ("Squat (Smith Machine)", ("Squat", "smith machine")),
        ("Pull Up (Assisted)", ("Pull Up", "assisted")),
        ("Crunch (Weighted)", ("Crunch", "weighted")),
        ("Goblet Squat (Kettlebell)", ("Goblet Squat", "kettlebell")),
        ("Face Pull (Band)", ("Face Pull", "band")),
        ("Push Up (Bodyweight)", ("Push Up", "bodyweight")),
        ("Triceps Extension (Cable)", ("Triceps Extension", "cable")),
        ("EZ Bar Biceps Curl", ("Biceps Curl", "ez bar")),
        ("Meadows Incline DB Lateral Raise", ("Meadows Incline Lateral Raise", "dumbbell")),
        ("Seated Cable Row - V Grip (Cable)", ("Seated Row - V Grip", "cable")),
        ("Flat Bench Press", ("Bench Press", None)),
        # Every spelling of domain/equipment.py: plurals, abbreviations, catalog spellings.
        ("Goblet Squat (Kettlebells)", ("Goblet Squat", "kettlebell")),
        ("Lateral Raise (DB)", ("Lateral Raise", "dumbbell")),
        ("Crunch (Body Only)", ("Crunch", "bodyweight")),
        ("Curl (E-Z Bar)", ("Curl", "ez bar")),
        ("BB Shrug", ("Shrug", "barbell")),
        ("KB Swing", ("Swing", "kettlebell")),
        ("Trap Bar Deadlift", ("Deadlift", "trap bar")),
        # Words that are part of a lift's own name when they lead it, or end it.
        ("Band Pull-Apart", ("Band Pull-Apart", None)),
        ("Weighted Dip", ("Weighted Dip", None)),
        ("Smith Incline Shoulder Raise", ("Smith Incline Shoulder Raise", None)),
        ("Front Squats With Two Kettlebells", ("Front Squats With Two Kettlebells", None)),
        # Brackets that are not equipment stay, and so do names that are only equipment.
        ("Back Extension (Weighted Hyperextension)",
         ("Back Extension (Weighted Hyperextension)", None)),
        ("Shoulder Press (Machine Plates)", ("Shoulder Press (Machine Plates)", None)),
        ("Machine", ("Machine", None)),
        ("Lying Leg Raise", ("Lying Leg Raise", None)),
    ],
)
def test_normalize_exercise_name(raw: str, expected: tuple[str, str | None]) -> None:
    assert normalize_exercise_name(raw) == expected


def test_candidates_go_from_specific_to_general() -> None:
    assert candidate_names("Bent Over Row (Barbell)")[:4] == [
        "Bent Over Row (Barbell)",
        "Barbell Bent Over Row",
        "Bent Over Barbell Row",  # free-exercise-db spells it this way
        "Bent Over Row",  # ("Bent Over Row Barbell" normalises like the name itself)
    ]
    assert candidate_names("Bench Press (Dumbbell)")[:3] == [
        "Bench Press (Dumbbell)", "Dumbbell Bench Press", "Bench Press",
    ]
    assert candidate_names("Crunch (Machine)")[:3] == [
        "Crunch (Machine)", "Machine Crunch", "Crunch",
    ]


def test_candidates_cover_sides_word_order_and_plurals() -> None:
    names = candidate_names("Single Leg Press (Machine) - Left")
    assert names[1] == "Single Leg Press (Machine)"
    assert "Machine Single Leg Press" in names and "Single Leg Press" in names
    assert "Close Grip Lat Pulldown" in candidate_names("Lat Pulldown - Close Grip (Cable)")
    assert "Hammer Curl" in candidate_names("Curl, Hammer")
    assert {"Leg Extensions", "Pullups"} <= {
        *candidate_names("Leg Extension (Machine)"), *candidate_names("Pull Up"),
    }
    assert "Bench Pres" not in candidate_names("Bench Press")
    assert "Leg Press" in candidate_names("Leg Presses")
    assert {"Pull Up", "Pullups"} <= set(candidate_names("Pull Ups"))


def test_blank_names_give_no_candidates() -> None:
    assert candidate_names("  ") == []
    assert split_side("") == ("", None)


def test_candidates_are_unique_after_normalising() -> None:
    from tracker.domain.names import normalize

    for raw in ["Flat Barbell Bench Press", "Pull-Up", "Lunge (Dumbbell) (Left)"]:
        keys = [normalize(name) for name in candidate_names(raw)]
        assert len(keys) == len(set(keys))
        assert candidate_names(raw)[0] == raw
