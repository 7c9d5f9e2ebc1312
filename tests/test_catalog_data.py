"""Integrity of the built-in exercise catalog data file (pure: no database)."""

import json
import re
from importlib.resources import files
from typing import Any

import pytest

from tracker.domain.names import normalize

CATALOG = json.loads((files("tracker.catalog") / "builtin.json").read_text(encoding="utf-8"))
EXERCISES: list[dict[str, Any]] = CATALOG["exercises"]
BY_NAME: dict[str, dict[str, Any]] = {ex["name"]: ex for ex in EXERCISES}

BODY_PARTS = {"legs", "back", "chest", "shoulders", "arms", "core", "full body", "cardio"}
EQUIPMENT = {
    "barbell",
    "dumbbell",
    "machine",
    "cable",
    "kettlebell",
    "bodyweight",
    "band",
    "smith machine",
    "other",
}
COMMON_EQUIPMENT = {"barbell", "dumbbell", "machine", "cable", "kettlebell", "bodyweight", "band"}
DIFFICULTIES = {"beginner", "intermediate", "advanced"}
CATEGORIES = {
    "strength",
    "cardio",
    "stretching",
    "plyometrics",
    "powerlifting",
    "olympic weightlifting",
    "strongman",
}
LATERALITIES = {"bilateral", "unilateral", "alternating"}
MUSCLES = {
    "abdominals",
    "abductors",
    "adductors",
    "biceps",
    "calves",
    "cardiovascular system",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "hip flexors",
    "lats",
    "lower back",
    "middle back",
    "neck",
    "obliques",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
}
FIELDS = {
    "name",
    "aliases",
    "body_part",
    "equipment",
    "target",
    "secondary",
    "difficulty",
    "category",
    "laterality",
    "parent",
    "ratio",
    "ratio_note",
    "load_per",
    "implements",
    "rep_range",
    "summary",
    "steps",
    "tips",
    "mistakes",
    "faq",
}
# Timed or distance work: no rep range. Everything else must have one.
HOP_TESTS = {"Single-Leg Hop for Distance", "Triple Hop for Distance",
             "Crossover Hop for Distance", "6 m Timed Hop"}
TIMED = {"Plank", "Farmer's Carry", "Suitcase Carry", *HOP_TESTS}
# Words of a name that stay lower case: "Single-Leg Hop for Distance", "6 m Timed Hop".
LOWER_CASE_WORDS = {"for", "m"}
# Inherently one-sided lifts with no bilateral counterpart in the catalog.
STANDALONE_UNILATERAL = {"Turkish Get-Up"}
# Pairs the product brief requires by exact name.
REQUIRED_PAIRS = {
    "Single Leg Press": "Leg Press",
    "Bulgarian Split Squat": "Back Squat",
    "Single-Leg Romanian Deadlift": "Romanian Deadlift",
    "Single-Leg Leg Extension": "Leg Extension",
    "Single-Leg Leg Curl": "Leg Curl",
    "Single-Leg Calf Raise": "Standing Calf Raise",
    "Single-Leg Hip Thrust": "Hip Thrust",
    "One-Arm Dumbbell Row": "Dumbbell Row",
    "Single-Arm Dumbbell Bench Press": "Dumbbell Bench Press",
    "Single-Arm Dumbbell Shoulder Press": "Dumbbell Shoulder Press",
    "Single-Arm Cable Row": "Seated Cable Row",
    "Single-Arm Lat Pulldown": "Lat Pulldown",
}


def _ids(ex: dict[str, Any]) -> str:
    return str(ex["name"])


def _text_list(value: object, minimum: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= minimum
        and all(isinstance(s, str) and s.strip() == s and s for s in value)
    )


def test_top_level_shape() -> None:
    assert CATALOG["version"] == 1
    assert isinstance(EXERCISES, list)
    assert len(EXERCISES) >= 60


@pytest.mark.parametrize("ex", EXERCISES, ids=_ids)
def test_fields_and_allowed_values(ex: dict[str, Any]) -> None:
    assert set(ex) - {"lower_is_better"} == FIELDS  # true only for a test where less is better
    assert ex.get("lower_is_better", True) is True
    name = ex["name"]
    assert isinstance(name, str) and name.strip() == name
    assert all(word[0].isupper() or word[0].isdigit() or word in LOWER_CASE_WORDS
               for word in name.split(" "))
    assert ex["body_part"] in BODY_PARTS
    assert ex["equipment"] in EQUIPMENT
    assert ex["difficulty"] in DIFFICULTIES
    assert ex["category"] in CATEGORIES
    assert ex["laterality"] in LATERALITIES
    assert ex["target"] in MUSCLES
    assert isinstance(ex["secondary"], list)
    assert all(m in MUSCLES and m != ex["target"] for m in ex["secondary"])
    assert len(set(ex["secondary"])) == len(ex["secondary"])
    assert isinstance(ex["summary"], str) and ex["summary"].strip()


@pytest.mark.parametrize("ex", EXERCISES, ids=_ids)
def test_aliases_are_lower_case_strings(ex: dict[str, Any]) -> None:
    assert isinstance(ex["aliases"], list)
    for alias in ex["aliases"]:
        assert isinstance(alias, str) and alias
        assert alias == alias.lower() == alias.strip()


@pytest.mark.parametrize("ex", EXERCISES, ids=_ids)
def test_coaching_content_present(ex: dict[str, Any]) -> None:
    assert _text_list(ex["steps"], 3)
    assert _text_list(ex["tips"], 2)
    assert _text_list(ex["mistakes"], 2)
    faq = ex["faq"]
    assert isinstance(faq, list) and len(faq) >= 1
    for item in faq:
        assert set(item) == {"q", "a"}
        assert item["q"].strip().endswith("?")
        assert item["a"].strip()


@pytest.mark.parametrize("ex", EXERCISES, ids=_ids)
def test_rep_range(ex: dict[str, Any]) -> None:
    rep_range = ex["rep_range"]
    if rep_range is None:
        assert ex["category"] == "cardio" or ex["name"] in TIMED
        return
    assert isinstance(rep_range, list) and len(rep_range) == 2
    low, high = rep_range
    assert isinstance(low, int) and isinstance(high, int)
    assert 1 <= low <= high <= 30


def test_names_and_aliases_unique_after_normalising() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for ex in EXERCISES:
        for key in [ex["name"], *ex["aliases"]]:
            norm = normalize(key)
            assert norm, f"{key!r} normalises to nothing"
            if norm in seen:
                clashes.append((norm, seen[norm], ex["name"]))
            seen[norm] = ex["name"]
    assert clashes == []


@pytest.mark.parametrize("ex", EXERCISES, ids=_ids)
def test_parent_and_ratio_consistency(ex: dict[str, Any]) -> None:
    parent = ex["parent"]
    if ex["laterality"] == "bilateral" or parent is None:
        assert parent is None
        assert ex["ratio"] is None
        assert ex["ratio_note"] is None
        return
    assert parent in BY_NAME, f"parent {parent!r} is not in the catalog"
    assert BY_NAME[parent]["laterality"] == "bilateral"
    ratio = ex["ratio"]
    assert isinstance(ratio, list) and len(ratio) == 2
    low, high = ratio
    assert 0 < low <= high <= 1.2
    note = ex["ratio_note"]
    assert isinstance(note, str) and note.strip()
    # A cited study (authors, year, "title"), the reference card, or an honest estimate.
    assert '"' in note or "reference card" in note.lower() or "estimate" in note.lower()


@pytest.mark.parametrize(
    "ex",
    [ex for ex in EXERCISES if ex["laterality"] == "unilateral" and ex["category"] == "strength"],
    ids=_ids,
)
def test_unilateral_strength_has_parent_and_ratio(ex: dict[str, Any]) -> None:
    if ex["name"] in STANDALONE_UNILATERAL:
        assert ex["parent"] is None and ex["ratio"] is None
        return
    assert ex["parent"] is not None
    assert ex["ratio"] is not None
    assert ex["ratio_note"]


def test_enough_unilateral_pairs() -> None:
    paired = [ex for ex in EXERCISES if ex["laterality"] == "unilateral" and ex["parent"]]
    assert len(paired) >= 20
    assert any(ex["laterality"] == "alternating" and ex["parent"] for ex in EXERCISES)


@pytest.mark.parametrize(("child", "parent"), sorted(REQUIRED_PAIRS.items()))
def test_required_pairs(child: str, parent: str) -> None:
    assert BY_NAME[child]["parent"] == parent
    assert BY_NAME[child]["laterality"] == "unilateral"


def test_coverage_of_body_parts_and_equipment() -> None:
    assert {ex["body_part"] for ex in EXERCISES} == BODY_PARTS
    assert COMMON_EQUIPMENT <= {ex["equipment"] for ex in EXERCISES}


def test_single_leg_press_carries_reference_card() -> None:
    slp = BY_NAME["Single Leg Press"]
    assert slp["body_part"] == "legs"
    assert slp["equipment"] == "machine"
    assert slp["target"] == "glutes"
    assert slp["secondary"] == ["quadriceps", "hamstrings", "calves"]
    assert slp["difficulty"] == "intermediate"
    assert slp["category"] == "strength"
    assert slp["laterality"] == "unilateral"
    assert slp["parent"] == "Leg Press"
    assert slp["ratio"] == [0.4, 0.5]
    assert "imbalance" in slp["summary"]
    assert len(slp["steps"]) == 6
    assert len(slp["tips"]) == 3
    assert any("40" in tip and "50" in tip for tip in slp["tips"])
    assert any("90 degrees" in tip for tip in slp["tips"])
    assert len(slp["mistakes"]) == 3
    assert [item["q"] for item in slp["faq"]] == [
        "Why do Single Leg Press instead of bilateral?",
        "Is Single Leg Press safe for the knees?",
        "Should I lock out my knee at the top?",
        "What muscles does the Single Leg Press work?",
        "Is the Single Leg Press good for beginners?",
    ]


@pytest.mark.parametrize("ex", EXERCISES, ids=_ids)
def test_every_entry_says_what_its_load_is_per(ex: dict[str, Any]) -> None:
    from tracker.domain.load_convention import LoadPer, convention_for

    assert ex["load_per"] in {per.value for per in LoadPer}
    assert isinstance(ex["implements"], int)
    convention = convention_for(ex["equipment"], ex["laterality"], ex["load_per"],
                                ex["implements"])
    if ex["equipment"] in ("dumbbell", "kettlebell"):
        assert convention.per is LoadPer.IMPLEMENT and ex["implements"] >= 1
    else:
        assert convention.per is not LoadPer.IMPLEMENT


def test_every_unilateral_entry_has_both_load_fields() -> None:
    one_sided = [ex for ex in EXERCISES if ex["laterality"] != "bilateral"]
    assert len(one_sided) > 20
    for ex in one_sided:
        assert ex["load_per"] is not None and ex["implements"] is not None, ex["name"]


def test_two_dumbbell_variants_say_so() -> None:
    implements = {ex["name"]: ex["implements"] for ex in EXERCISES}
    assert implements["Bulgarian Split Squat"] == 2
    assert implements["One-Arm Dumbbell Row"] == 1
    assert implements["Reverse Lunge"] == implements["Step-Up"] == 2


@pytest.mark.parametrize("ex", EXERCISES, ids=_ids)
def test_notes_cite_sources_a_reader_can_find(ex: dict[str, Any]) -> None:
    """Authors, year and title; never a file outside the repository."""
    text = json.dumps(ex, ensure_ascii=False)
    assert ".md" not in text and "domain-science" not in text
    note = ex["ratio_note"] or ""
    # Every year cited comes with a quoted title right after "Authors YEAR, ".
    for match in re.finditer(r"\b(?:19|20)\d\d\b", note):
        assert note[match.end() :].startswith(', "'), (ex["name"], note[match.start() - 40 :])


_ONE_SIDE_WORDS = re.compile(r"^(?:single[- ](?:leg|arm)|one[- ](?:arm|leg)|alternating)\s+", re.I)


def test_every_one_sided_variant_with_a_twin_has_a_ratio_or_says_none_is_published() -> None:
    by_key = {ex["name"].casefold(): ex for ex in EXERCISES}
    checked = 0
    for ex in EXERCISES:
        if ex["laterality"] == "bilateral":
            continue
        twin = by_key.get(_ONE_SIDE_WORDS.sub("", ex["name"]).casefold())
        if twin is None or twin["laterality"] != "bilateral":
            continue
        checked += 1
        linked = ex["parent"] is not None and ex["ratio"] is not None
        assert linked or "no published ratio" in (ex["ratio_note"] or ""), ex["name"]
    assert checked >= 10


@pytest.mark.parametrize("name", sorted(HOP_TESTS))
def test_the_hop_tests_are_one_legged_and_only_the_timed_one_is_lower_is_better(
    name: str,
) -> None:
    """The return-to-sport hop battery: distance per leg (more is better) or time (less)."""
    hop = BY_NAME[name]
    assert (hop["laterality"], hop["equipment"], hop["rep_range"]) == (
        "unilateral", "bodyweight", None)
    assert hop.get("lower_is_better", False) is (name == "6 m Timed Hop")
    assert any("Noyes" in item["a"] and "1991" in item["a"] for item in hop["faq"])
