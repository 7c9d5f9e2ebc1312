"""The free-exercise-db converter: mapping, tips, laterality, parents and validation."""

from __future__ import annotations

import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tracker.catalog.free_exercise_db import (
    DEFAULT_RATIO_NOTE,
    InvalidRecords,
    find_parent_name,
    infer_laterality,
    parse_file,
    split_tips,
)
from tracker.domain.errors import ImportFailed
from tracker.domain.exercise_def import ExerciseDef
from tracker.domain.model import Difficulty, Laterality

FIXTURE = Path(__file__).parent / "fixtures" / "free-exercise-db-small.json"
REAL_FILE = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "exercises"
    / "free-exercise-db.json"
)


@pytest.fixture(scope="module")
def entries() -> dict[str, ExerciseDef]:
    return {e.name: e for e in parse_file(FIXTURE)}


def record(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "Goblet_Squat",
        "name": "Goblet Squat",
        "force": "push",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "kettlebells",
        "primaryMuscles": ["quadriceps"],
        "secondaryMuscles": ["glutes"],
        "instructions": ["Hold the bell at your chest.", "Squat down and stand up."],
        "category": "strength",
        "images": [],
    }
    base.update(overrides)
    return base


def parse_text(text: str) -> list[ExerciseDef]:
    return parse_file(io.StringIO(text))


def parse_records(*records: object) -> list[ExerciseDef]:
    return parse_text(json.dumps(list(records)))


# ----------------------------------------------------------------------------- fixture import


def test_fixture_imports_every_record(entries: dict[str, ExerciseDef]) -> None:
    assert len(entries) == 11
    squat = entries["Barbell Back Squat"]
    assert squat == ExerciseDef(
        name="Barbell Back Squat",
        body_part="legs",
        equipment="barbell",
        target="quadriceps",
        secondary=("glutes", "hamstrings", "lower back"),
        difficulty=Difficulty.INTERMEDIATE,
        category="strength",
        laterality=Laterality.BILATERAL,
        steps=(
            "Step under a racked bar and rest it across your upper back. "
            "This will be your starting position.",
            "Unrack the bar, take two short steps back and set your feet at hip width.",
            "Sit down between your heels until your hips drop below your knees.",
            "Drive up through the whole foot to standing and breathe out near the top.",
        ),
        tips=(
            "Pull the bar down into your shoulders so it cannot roll.",
            "Keep your chest tall. Push your knees out over your toes.",
        ),
        source="free-exercise-db:Barbell_Back_Squat",
    )
    assert squat.rep_range == (8, 12)
    assert (squat.aliases, squat.mistakes, squat.faq) == ((), (), ())
    assert (squat.parent, squat.ratio, squat.ratio_note, squat.summary) == (None, None, None, None)


def test_path_text_stream_and_byte_stream_give_the_same_entries() -> None:
    from_path = parse_file(str(FIXTURE))
    with FIXTURE.open(encoding="utf-8") as stream:
        assert parse_file(stream) == from_path
    assert parse_file(io.BytesIO(b"\xef\xbb\xbf" + FIXTURE.read_bytes())) == from_path


def test_expert_level_becomes_advanced(entries: dict[str, ExerciseDef]) -> None:
    assert entries["Pistol Squat"].difficulty is Difficulty.ADVANCED
    assert entries["Dumbbell Curl"].difficulty == "beginner"


@pytest.mark.parametrize(
    ("name", "equipment", "body_part"),
    [
        ("Barbell Back Squat", "barbell", "legs"),
        ("EZ-Bar Skullcrusher", "barbell", "arms"),  # e-z curl bar
        ("Pistol Squat", "bodyweight", "legs"),  # body only
        ("Kettlebell Swing", "kettlebell", "legs"),
        ("Band Pull-Apart", "band", "shoulders"),
        ("Couch Stretch", "other", "legs"),  # equipment null
        ("Plate Neck Flexion", "other", "shoulders"),  # neck
        ("Cable Crossovers", "cable", "chest"),
        ("Dumbbell Curl", "dumbbell", "arms"),
    ],
)
def test_equipment_and_body_part_mapping(
    entries: dict[str, ExerciseDef], name: str, equipment: str, body_part: str
) -> None:
    assert (entries[name].equipment, entries[name].body_part) == (equipment, body_part)


def test_extra_primary_muscles_join_secondary_without_duplicates(
    entries: dict[str, ExerciseDef],
) -> None:
    skull = entries["EZ-Bar Skullcrusher"]
    assert skull.target == "triceps"
    assert skull.secondary == ("forearms", "chest")


def test_category_is_kept(entries: dict[str, ExerciseDef]) -> None:
    assert entries["Couch Stretch"].category == "stretching"


# ----------------------------------------------------------------------------- tips


def test_tip_label_mid_step_moves_to_tips_and_keeps_the_starting_position(
    entries: dict[str, ExerciseDef],
) -> None:
    squat = entries["Barbell Back Squat"]
    assert not any("Tip" in step for step in squat.steps)
    assert squat.steps[0].endswith("upper back. This will be your starting position.")


def test_parenthesised_tip_is_moved_out(entries: dict[str, ExerciseDef]) -> None:
    skull = entries["EZ-Bar Skullcrusher"]
    assert skull.steps[0] == "Lie on a flat bench and press the bar up over your chest."
    assert skull.tips == ("Hold the angled inner grips.",)


def test_dangling_tips_label_takes_the_next_sentence(entries: dict[str, ExerciseDef]) -> None:
    curl = entries["Alternating Dumbbell Curl"]
    assert curl.tips == ("Keep your wrists straight.",)
    assert curl.steps[:2] == (
        "Stand tall with a dumbbell in each hand.",
        "Curl the right dumbbell up while the left one waits at your side.",
    )


@pytest.mark.parametrize(
    ("step", "expected_step", "expected_tips"),
    [
        ("Press up. Tip: Breathe out.", "Press up.", ["Breathe out."]),
        ("Tip: Brace first. Then pull.", "", ["Brace first. Then pull."]),
        (
            "Grip the bar. Tip: Elbows in.This will be your starting position.",
            "Grip the bar. This will be your starting position.",
            ["Elbows in."],
        ),
        (
            "Lower slowly. Tip Ideally, take three seconds.",
            "Lower slowly.",
            ["Ideally, take three seconds."],
        ),
        ("Stand on the tip of your toes.", "Stand on the tip of your toes.", []),
        (
            "Reach overhead (tip: keep ribs down). Hold.",
            "Reach overhead. Hold.",
            ["Keep ribs down."],
        ),
    ],
)
def test_split_tips(step: str, expected_step: str, expected_tips: list[str]) -> None:
    text, tips, dangling = split_tips(step)
    assert (text, tips, dangling) == (expected_step, expected_tips, False)


def test_step_that_is_only_a_tip_is_dropped() -> None:
    (entry,) = parse_records(
        record(instructions=["Squat down.", "Tip: Keep your heels down.", "Stand up."])
    )
    assert entry.steps == ("Squat down.", "Stand up.")
    assert entry.tips == ("Keep your heels down.",)


# ----------------------------------------------------------------------------- laterality


@pytest.mark.parametrize(
    ("name", "laterality"),
    [
        # single limb
        ("One-Arm Dumbbell Row", "unilateral"),
        ("One Arm Chin-Up", "unilateral"),
        ("Single-Leg Leg Extension", "unilateral"),
        ("Single Leg Glute Bridge", "unilateral"),
        ("Kettlebell One-Legged Deadlift", "unilateral"),
        ("One Handed Hang", "unilateral"),
        ("Seated One-arm Cable Pulley Rows", "unilateral"),
        ("Unilateral Leg Press", "unilateral"),
        ("Kettlebell Pistol Squat", "unilateral"),
        # split stance
        ("Barbell Walking Lunge", "unilateral"),
        ("Dumbbell Lunges", "unilateral"),
        ("Split Squats", "unilateral"),
        ("Barbell Step Ups", "unilateral"),
        ("Step-up with Knee Raise", "unilateral"),
        ("Bulgarian Split Squat", "unilateral"),
        ("Smith Single-Leg Split Squat", "unilateral"),
        ("Kettlebell Turkish Get-Up (Lunge style)", "unilateral"),
        # alternating
        ("Alternate Hammer Curl", "alternating"),
        ("Standing Alternating Dumbbell Press", "alternating"),
        ("See-Saw Press (Alternating Side Press)", "alternating"),
        ("Double Kettlebell Alternating Hang Clean", "alternating"),
        ("Alternating Lunge", "alternating"),  # both legs work within the set
        # exclusions named in the reference note
        ("Chest Push (single response)", "bilateral"),
        ("Single-Cone Sprint Drill", "bilateral"),
        ("Single Dumbbell Raise", "bilateral"),
        ("Split Jerk", "bilateral"),
        ("Split Snatch", "bilateral"),
        # look-alikes
        ("Side Lateral Raise", "bilateral"),
        ("Two-Arm Kettlebell Row", "bilateral"),
        ("Double Leg Butt Kick", "bilateral"),
        ("One Knee To Chest", "bilateral"),
        ("Barbell Squat", "bilateral"),
        ("One-Arm Kettlebell Split Jerk", "unilateral"),
    ],
)
def test_infer_laterality(name: str, laterality: str) -> None:
    assert infer_laterality(name) == laterality


def test_fixture_laterality_and_parents(entries: dict[str, ExerciseDef]) -> None:
    one_arm = entries["Single-Arm Cable Crossover"]
    assert one_arm.laterality is Laterality.UNILATERAL
    assert one_arm.parent == "Cable Crossovers"
    assert one_arm.ratio == (Decimal("0.40"), Decimal("0.50"))
    assert one_arm.ratio_note == DEFAULT_RATIO_NOTE
    alternating = entries["Alternating Dumbbell Curl"]
    assert alternating.laterality is Laterality.ALTERNATING
    assert alternating.parent == "Dumbbell Curl"
    pistol = entries["Pistol Squat"]  # no twin by name
    assert pistol.laterality is Laterality.UNILATERAL
    assert (pistol.parent, pistol.ratio, pistol.ratio_note) == (None, None, None)


def test_parent_may_come_from_the_catalog() -> None:
    (entry,) = parse_records(record(id="Single-Leg_Press", name="Single-Leg Press"))
    assert entry.parent is None
    (entry,) = parse_file(
        io.StringIO(json.dumps([record(id="Single-Leg_Press", name="Single-Leg Press")])),
        known_names=["Leg Press", "Barbell Squat"],
    )
    assert entry.parent == "Leg Press"


# ----------------------------------------------------------------------------- parents

# Pairs 1-20 ("twin") of shared/reference/unilateral-pairs-free-exercise-db.md.
TWINS = [
    ("Bent Over One-Arm Long Bar Row", "Bent Over Two-Arm Long Bar Row"),
    (
        "Seated Bent-Over One-Arm Dumbbell Triceps Extension",
        "Seated Bent-Over Two-Arm Dumbbell Triceps Extension",
    ),
    (
        "Standing Bent-Over One-Arm Dumbbell Triceps Extension",
        "Standing Bent-Over Two-Arm Dumbbell Triceps Extension",
    ),
    ("One Arm Dumbbell Preacher Curl", "Two-Arm Dumbbell Preacher Curl"),
    ("One-Arm Kettlebell Row", "Two-Arm Kettlebell Row"),
    ("One-Arm Kettlebell Clean", "Two-Arm Kettlebell Clean"),
    ("One-Arm Kettlebell Jerk", "Two-Arm Kettlebell Jerk"),
    ("One-Arm Open Palm Kettlebell Clean", "Open Palm Kettlebell Clean"),
    ("Kneeling Single-Arm High Pulley Row", "Kneeling High Pulley Row"),
    ("Seated One-Arm Dumbbell Palms-Up Wrist Curl", "Seated Dumbbell Palms-Up Wrist Curl"),
    ("Seated One-Arm Dumbbell Palms-Down Wrist Curl", "Seated Dumbbell Palms-Down Wrist Curl"),
    ("Dumbbell Lying One-Arm Rear Lateral Raise", "Dumbbell Lying Rear Lateral Raise"),
    ("Smith Machine One-Arm Upright Row", "Smith Machine Upright Row"),
    ("Single-Leg Leg Extension", "Leg Extensions"),
    ("Single-Arm Cable Crossover", "Cable Crossover"),
    ("One Arm Floor Press", "Floor Press"),
    ("One Arm Dumbbell Bench Press", "Dumbbell Bench Press"),
    ("Dumbbell One-Arm Shoulder Press", "Dumbbell Shoulder Press"),
    ("Standing Palm-In One-Arm Dumbbell Press", "Standing Palms-In Dumbbell Press"),
    ("One Arm Chin-Up", "Chin-Up"),
]
# Distractors: related names that must not be chosen over the twin.
DISTRACTORS = [
    "Barbell Squat",
    "Dumbbell Flyes",
    "Bent Over Two-Dumbbell Row",
    "Standing Dumbbell Press",
    "Kettlebell Floor Press",
    "Pullups",
]
KNOWN = [name for pair in TWINS for name in pair] + DISTRACTORS


@pytest.mark.parametrize(("unilateral", "bilateral"), TWINS, ids=[u for u, _ in TWINS])
def test_find_parent_name_finds_the_twins(unilateral: str, bilateral: str) -> None:
    assert find_parent_name(unilateral, KNOWN) == bilateral


@pytest.mark.parametrize(
    ("name", "known", "expected"),
    [
        ("Single-Arm Push-Up", ["Pushups"], "Pushups"),
        ("One Arm Push-Ups", ["Push-Up"], "Push-Up"),
        ("Single Leg Butt Kick", ["Butt Kick", "Double Leg Butt Kick"], "Double Leg Butt Kick"),
        ("One-Arm Kettlebell Snatch", ["Double Kettlebell Snatch"], "Double Kettlebell Snatch"),
        ("Alternate Hammer Curl", ["Hammer Curls"], "Hammer Curls"),
        ("Alternating Kettlebell Row", ["Two-Arm Kettlebell Row"], "Two-Arm Kettlebell Row"),
        ("Unilateral Leg Press", ["leg press"], "leg press"),
        ("Single-Leg Press", ["Press", "Leg Press"], "Leg Press"),
        ("Single Leg Press", ["Leg Presses"], "Leg Presses"),
        (
            "One-Arm Kettlebell Row",
            ["Kettlebell Row", "Two-Arm Kettlebell Row"],
            "Two-Arm Kettlebell Row",
        ),
        ("Barbell Lunge", ["Barbell Squat"], None),  # no laterality word, no twin
        ("One-Arm Dumbbell Row", ["Bent Over Two-Dumbbell Row"], None),  # "close", not a twin
        ("One-Arm Dumbbell Row", ["One-Arm Dumbbell Row"], None),  # never itself
        ("Alternating Lunge", ["Lunge"], None),  # the remainder is not bilateral
        ("Single-Arm Cable Crossover", [], None),
    ],
)
def test_find_parent_name_edge_cases(name: str, known: list[str], expected: str | None) -> None:
    assert find_parent_name(name, known) == expected


# ----------------------------------------------------------------------------- validation


def test_missing_name_names_the_record_by_id() -> None:
    bad = record(id="Barbell_Curl")
    del bad["name"]
    with pytest.raises(ImportFailed) as info:
        parse_records(record(), bad)
    assert str(info.value) == 'record 2 (id "Barbell_Curl"): missing field "name"'


def test_bad_level_names_the_record_and_the_allowed_values() -> None:
    records = [record(id=f"E{i}", name=f"Exercise {i}") for i in range(1, 5)]
    records[2]["level"] = "pro"
    with pytest.raises(ImportFailed) as info:
        parse_records(*records)
    assert str(info.value) == (
        'record 3 ("Exercise 3"): "level" must be one of beginner, intermediate, expert, got "pro"'
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"name": "  "},
            'record 1 (id "Goblet_Squat"): "name" must be a non-empty string, got "  "',
        ),
        ({"equipment": "sled"}, 'record 1 ("Goblet Squat"): "equipment" must be one of'),
        ({"category": "yoga"}, 'record 1 ("Goblet Squat"): "category" must be one of'),
        ({"primaryMuscles": []}, '"primaryMuscles" must be a non-empty list of muscles, got []'),
        ({"secondaryMuscles": ["hip flexors"]}, 'unknown muscle "hip flexors"'),
        ({"instructions": "Squat."}, '"instructions" must be a list of strings, got a string'),
        ({"instructions": ["Squat.", 3]}, '"instructions" must be a list of strings'),
        ({"id": None}, 'record 1 ("Goblet Squat"): "id" must be a non-empty string, got null'),
    ],
)
def test_malformed_fields(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ImportFailed) as info:
        parse_records(record(**overrides))
    assert message in str(info.value)


def test_record_that_is_not_an_object() -> None:
    with pytest.raises(ImportFailed, match=r"^record 2: expected an object, got a list$"):
        parse_records(record(), ["Goblet Squat"])


def test_every_record_is_checked_and_nothing_is_returned() -> None:
    bad_level = record(id="A", name="A", level="pro")
    no_id = record(name="B")
    del no_id["id"]
    with pytest.raises(InvalidRecords) as info:
        parse_records(record(), bad_level, record(id="C", name="C"), no_id)
    assert str(info.value).endswith("(and 1 more invalid record)")
    assert info.value.problems == (
        'record 2 ("A"): "level" must be one of beginner, intermediate, expert, got "pro"',
        'record 4 ("B"): missing field "id"',
    )


def test_duplicate_names_are_rejected() -> None:
    with pytest.raises(
        ImportFailed, match=r'^record 2 \("goblet squat"\): duplicate name, same as record 1$'
    ):
        parse_records(record(), record(id="G2", name="goblet  squat"))


TOP_LEVEL = "expected a JSON list of exercise records at the top level, got "


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"name": "Goblet Squat"}', TOP_LEVEL + "an object"),
        ("42", TOP_LEVEL + "a number"),
        ('[\n  {"id": "A",\n   "name": "A"\n  ,,]', "not valid JSON at line 4 column 4: "),
        ("", "not valid JSON at line 1 column 1: Expecting value"),
    ],
)
def test_file_level_errors(text: str, message: str) -> None:
    with pytest.raises(ImportFailed) as info:
        parse_text(text)
    assert str(info.value).startswith(message)


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="^cannot read .*missing.json: "):
        parse_file(tmp_path / "missing.json")
    with pytest.raises(ImportFailed, match="^not UTF-8 text at byte 1$"):
        parse_file(io.BytesIO(b"[\xff]"))


def test_empty_list_is_fine() -> None:
    assert parse_text("[]") == []


# ----------------------------------------------------------------------------- the real file


@pytest.fixture(scope="module")
def real_entries() -> list[ExerciseDef]:
    if not REAL_FILE.exists():
        pytest.skip(f"{REAL_FILE} is absent (the shared data folder sits beside the checkout)")
    return parse_file(REAL_FILE)


def test_real_file_counts(real_entries: list[ExerciseDef]) -> None:
    assert len(real_entries) == 873
    by_laterality = Counter(e.laterality for e in real_entries)
    assert by_laterality == {"bilateral": 770, "unilateral": 87, "alternating": 16}
    non_bilateral = by_laterality[Laterality.UNILATERAL] + by_laterality[Laterality.ALTERNATING]
    assert 90 <= non_bilateral <= 110
    assert Counter(e.difficulty for e in real_entries) == {
        "beginner": 523,
        "intermediate": 293,
        "advanced": 57,
    }
    assert sum(e.parent is not None for e in real_entries) == 35
    assert sum(len(e.tips) for e in real_entries) == 309
    assert all(e.source.startswith("free-exercise-db:") for e in real_entries)


def test_real_file_steps(real_entries: list[ExerciseDef]) -> None:
    # Five upstream records have an empty "instructions" list (see the reference note).
    without = {e.name for e in real_entries if not e.steps}
    assert without == {
        "Iron Cross",
        "One-Arm Kettlebell Swings",
        "Push Press",
        "Side Bridge",
        "Side Jackknife",
    }
    assert not any("Tip:" in step for e in real_entries for step in e.steps)


def test_real_file_twins(real_entries: list[ExerciseDef]) -> None:
    parents = {e.name: e.parent for e in real_entries}
    for unilateral, bilateral in TWINS:
        assert parents[unilateral] == bilateral, unilateral
