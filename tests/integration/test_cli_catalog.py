"""The exercise catalog through the real CLI, on SQLite and PostgreSQL: cards, look-ups, the
built-in refresh, custom exercises and the free-exercise-db import."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, func, select, update

from tests.helpers.cli import Tracker, shared_file
from tracker.adapters.orm import Exercise, ExerciseAlias, Setting

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "free-exercise-db-small.json"


def builtin() -> dict[str, Any]:
    from tracker.catalog.builtin import builtin_bytes

    data: dict[str, Any] = json.loads(builtin_bytes())
    return data


def builtin_entry(name: str) -> dict[str, Any]:
    return next(e for e in builtin()["exercises"] if e["name"] == name)


def query(url: str, statement: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(statement))
    finally:
        engine.dispose()


def execute(url: str, statement: Any) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(statement)
    finally:
        engine.dispose()


def row_counts(url: str) -> tuple[int, int, int]:
    """Rows of exercise, exercise_alias and setting: what an import may change."""
    return tuple(
        query(url, select(func.count()).select_from(table))[0][0]
        for table in (Exercise, ExerciseAlias, Setting)
    )


def stored(url: str, name: str) -> Any:
    rows = query(url, select(Exercise).where(Exercise.name == name))
    return rows[0] if rows else None


def flat(text: str) -> str:
    """Output with the line wrapping undone."""
    return " ".join(text.split())


# -- show ----------------------------------------------------------------------------------


def test_show_single_leg_press_has_every_fact_of_the_reference_card(tracker: Tracker) -> None:
    card = shared_file("reference/single-leg-press.md").read_text(encoding="utf-8")
    out = tracker.ok("exercises", "show", "single leg press").stdout
    assert out.startswith("Single Leg Press\n")
    text = flat(out)
    facts = dict(re.findall(r"^- \*\*(.+?):\*\* (.+)$", card, re.MULTILINE))
    assert set(facts) == {"Body Part", "Equipment", "Target Muscle", "Secondary Muscles",
                          "Difficulty", "Category"}
    assert f"Body part: {facts['Body Part'].lower()}" in text
    assert f"Equipment: {facts['Equipment'].lower()}" in text
    assert f"Target muscle: {facts['Target Muscle'].lower()}" in text
    assert f"Secondary muscles: {facts['Secondary Muscles'].lower()}" in text
    assert f"Difficulty: {facts['Difficulty'].lower()}" in text
    assert f"Category: {facts['Category'].lower()}" in text
    entry = builtin_entry("Single Leg Press")
    reference_steps = re.findall(r"^\d\. ", card, re.MULTILINE)
    assert len(entry["steps"]) == len(reference_steps) == 6
    for number, step in enumerate(entry["steps"], 1):
        assert f"{number}. {step}" in text
    assert "7. " not in text
    assert len(entry["tips"]) == len(entry["mistakes"]) == 3
    for item in entry["tips"] + entry["mistakes"]:
        assert f"- {item}" in text
    assert "Load roughly 40-50% of your usual two-leg Leg Press weight" in text
    questions = re.findall(r"^### (.+)$", card, re.MULTILINE)
    assert len(questions) == 5
    for question in questions:
        assert f"Q: {question}" in text
    for heading in ("Quick facts", "How to perform", "Tips", "Common mistakes", "FAQ",
                    "Related exercises"):
        assert f"\n{heading}\n" in out
    assert "Bilateral parent: Leg Press (start at 40%-50% of its load)" in text
    assert "Unilateral/bilateral: Leg Press" in text
    assert "Same body part (legs): " in text and "Same equipment (machine): " in text
    assert "Same target (glutes): " in text and "Hip Thrust" in text


#: Exercise columns that the card spells differently; id and key are internal.
CARD_KEY = {"parent_id": "parent", "ratio_low": "ratio", "ratio_high": "ratio",
            "rep_low": "rep_range", "rep_high": "rep_range"}
INTERNAL = {"id", "key", "owner_id"}  # owner_id: only its owner sees the card at all


def test_show_json_has_every_field(tracker: Tracker) -> None:
    card = tracker.json("exercises", "show", "SLP")
    for column in Exercise.__table__.columns:
        if column.name not in INTERNAL:
            assert CARD_KEY.get(column.name, column.name) in card, column.name
    assert {"aliases", "variants", "related"} <= set(card)
    entry = builtin_entry("Single Leg Press")
    for key in ("name", "body_part", "equipment", "target", "secondary", "difficulty",
                "category", "laterality", "parent", "ratio", "ratio_note", "rep_range",
                "summary", "steps", "tips", "mistakes", "faq"):
        assert card[key] == entry[key], key
    assert sorted(card["aliases"]) == sorted(entry["aliases"])
    assert (card["source"], card["edited"], card["variants"]) == ("builtin", False, [])
    assert (card["sled"], card["sled_unit"], card["increment"]) == (None, None, None)
    assert card["related"]["partners"] == ["Leg Press"]
    assert set(card["related"]) == {"partners", "same_body_part", "same_equipment",
                                    "same_target"}
    assert "Single Leg Press" not in card["related"]["same_target"]
    parent = tracker.json("exercises", "show", "leg press")
    assert parent["variants"] == ["Single Leg Press"]
    assert parent["related"]["partners"] == ["Single Leg Press"]


def test_show_text_escapes_control_characters_the_json_keeps(tracker: Tracker) -> None:
    # Card text can come from an imported file: an escape sequence must not reach the terminal
    # (this one would set the window title, that one clear the screen).
    tracker.ok("exercises", "add", "Odd Press", "--equipment", "machine",
               "--summary", "odd \x1b]0;title\x07 summary", "--tip", "tip \x1b[2J")
    out = tracker.ok("exercises", "show", "odd press").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "odd \\x1b]0;title\\x07 summary" in out and "- tip \\x1b[2J" in out
    assert "Laterality:         bilateral" in out  # enum fields keep their value
    card = tracker.json("exercises", "show", "odd press")
    assert (card["summary"], card["tips"]) == ("odd \x1b]0;title\x07 summary", ["tip \x1b[2J"])


def test_first_use_loads_the_whole_builtin_catalog(tracker: Tracker) -> None:
    tracker.ok("exercises", "list")
    entries = builtin()["exercises"]
    rows = query(tracker.url, select(Exercise.name, Exercise.source, Exercise.edited))
    assert sorted(rows) == sorted((e["name"], "builtin", False) for e in entries)
    (setting,) = query(tracker.url, select(Setting.value).where(
        Setting.key == "catalog.builtin_hash"))
    from tracker.catalog.builtin import builtin_bytes

    assert setting[0] == hashlib.sha256(builtin_bytes()).hexdigest()[:16]


# -- name resolution -----------------------------------------------------------------------


def test_names_resolve_by_case_punctuation_alias_and_prefix(tracker: Tracker) -> None:
    for typed in (
        "Single Leg Press",
        "single-leg press",
        "SINGLE LEG PRESS",
        "singlelegpress",
        "slp",
        "One Leg Press",
        "sing leg pr",
        "single leg p",
        "  single   leg press ",
    ):
        assert tracker.json("exercises", "show", typed)["name"] == "Single Leg Press", typed
    assert tracker.json("exercises", "show", "bulg")["name"] == "Bulgarian Split Squat"
    assert tracker.json("exercises", "show", "hack sq")["name"] == "Hack Squat"
    # "hack" is a whole word of two names: it lists both and picks neither (issue 11).
    assert "Hack Squat, Single-Leg Hack Squat" in tracker.fails("exercises", "show", "hack")


def test_a_misspelt_name_fails_with_suggestions(tracker: Tracker) -> None:
    expected = ('Error: no exercise named "singel leg pres"; did you mean: Single Leg Press, '
                "Single-Leg Romanian Deadlift, Leg Press?")
    assert tracker.fails("exercises", "show", "singel leg pres") == expected
    assert tracker.fails("exercises", "show", "singel leg pres", "--json") == expected
    assert tracker.fails("log", "singel leg pres", "10x60") == expected  # every command
    assert tracker.fails("exercises", "remove", "zzqx") == (
        'Error: no exercise named "zzqx"; see: tracker exercises list'
    )


def test_an_ambiguous_prefix_lists_the_candidates(tracker: Tracker) -> None:
    expected = ('Error: "incl" matches several exercises: Incline Bench Press, Incline Dumbbell '
                "Press; type more of the name")
    assert tracker.fails("exercises", "show", "incl") == expected
    assert tracker.fails("exercises", "edit", "incl", "--sled", "20") == expected
    assert tracker.fails("exercises", "remove", "incl") == expected
    assert stored(tracker.url, "Incline Bench Press").sled is None
    # A whole word of several names lists every one of them.
    assert tracker.fails("exercises", "edit", "leg", "--sled", "20").startswith(
        'Error: "leg" matches several exercises: Hanging Leg Raise, Leg Curl, Leg Extension, '
    )
    assert stored(tracker.url, "Leg Press").sled is None


# -- list ----------------------------------------------------------------------------------


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]


def test_list_filters(tracker: Tracker) -> None:
    rows = tracker.json("exercises", "list", "--muscle", "glutes", "--equipment", "machine")
    assert "Single Leg Press" in names(rows)
    for row in rows:
        assert row["equipment"] == "machine"
        assert "glutes" in [row["target"], *row["secondary"]]
    assert set(rows[0]) == {"name", "aliases", "body_part", "equipment", "target", "secondary",
                            "difficulty", "category", "laterality", "parent", "source"}
    text = tracker.ok("exercises", "list", "--muscle", "Glutes", "--equipment", "MACHINE").stdout
    assert "Single Leg Press" in text and "unilateral (of Leg Press)" in text
    assert text.endswith(f"\n{len(rows)} exercises\n")

    legs = tracker.json("exercises", "list", "--body-part", "legs")
    assert {r["body_part"] for r in legs} == {"legs"} and "Single Leg Press" in names(legs)
    full = tracker.json("exercises", "list", "--body-part", "full body", "--difficulty", "advanced")
    assert names(full) == ["Power Clean", "Turkish Get-Up"]
    cardio = tracker.json("exercises", "list", "--category", "cardio")
    assert {r["category"] for r in cardio} == {"cardio"} and "Rowing Machine" in names(cardio)
    one_side = tracker.json("exercises", "list", "--unilateral")
    assert {r["laterality"] for r in one_side} == {"unilateral", "alternating"}
    assert "Walking Lunge" in names(one_side) and "Leg Press" not in names(one_side)
    presses = tracker.json("exercises", "list", "press", "--unilateral")
    assert names(presses) == ["Alternating Dumbbell Shoulder Press",
                              "Single Leg Press", "Single-Arm Dumbbell Bench Press",
                              "Single-Arm Dumbbell Shoulder Press"]
    assert names(tracker.json("exercises", "list", "rfess")) == ["Bulgarian Split Squat"]
    assert tracker.json("exercises", "list", "zzqx") == []
    assert tracker.ok("exercises", "list", "zzqx").stdout == "No exercises match.\n"
    result = tracker("exercises", "list", "--difficulty", "expert")
    assert result.exit_code == 2  # a Click usage error: the choices are listed


# -- add, edit, remove ---------------------------------------------------------------------


def test_add_a_unilateral_variant_with_parent_and_ratio(tracker: Tracker) -> None:
    out = tracker.ok("exercises", "add", "Single Leg Pendulum Press", "--unilateral",
                     "--parent", "Leg Press", "--ratio", "0.4-0.5", "--alias", "slpp",
                     "--equipment", "Machine", "--target", "quadriceps",
                     "--secondary", "glutes, adductors", "--step", "Sit.", "--step", "Press.",
                     "--tip", "Go slow.", "--rep-range", "10-15").stdout
    assert out == "added Single Leg Pendulum Press\n"
    card = tracker.json("exercises", "show", "slpp")
    assert card["name"] == "Single Leg Pendulum Press"
    assert (card["laterality"], card["parent"], card["ratio"]) == ("unilateral", "Leg Press",
                                                                   [0.4, 0.5])
    assert (card["equipment"], card["target"], card["secondary"]) == (
        "machine", "quadriceps", ["glutes", "adductors"])
    assert (card["steps"], card["tips"], card["rep_range"]) == (["Sit.", "Press."],
                                                                ["Go slow."], [10, 15])
    assert (card["source"], card["edited"], card["aliases"]) == ("custom", False, ["slpp"])
    row = stored(tracker.url, "Single Leg Pendulum Press")
    parent = stored(tracker.url, "Leg Press")
    assert row.parent_id == parent.id and row.key == "single leg pendulum press"
    assert (float(row.ratio_low), float(row.ratio_high)) == (0.4, 0.5)
    assert "Single Leg Pendulum Press" in tracker.json("exercises", "show", "leg press")["variants"]
    text = flat(tracker.ok("exercises", "show", "single leg pendulum").stdout)
    assert "Bilateral parent: Leg Press (start at 40%-50% of its load)" in text
    # Percentages work too, and the new exercise is loggable by its alias.
    tracker.ok("exercises", "add", "Pendulum Squat", "--ratio", "40-50%", "--target", "quads")
    assert tracker.json("exercises", "show", "pendulum squat")["ratio"] == [0.4, 0.5]
    tracker.ok("log", "slpp", "--left", "10x40")


def test_lower_is_better_is_set_shown_and_cleared(tracker: Tracker) -> None:
    """A test where less is better (a timed run) says so on its card; edit turns it back."""
    tracker.ok("exercises", "add", "Cone Shuttle", "--unilateral", "--lower-is-better")
    card = tracker.json("exercises", "show", "cone shuttle")
    assert card["lower_is_better"] is True
    assert "Better result:      lower (less is better)" in tracker.ok(
        "exercises", "show", "cone shuttle").stdout
    assert stored(tracker.url, "Cone Shuttle").lower_is_better is True
    tracker.ok("exercises", "edit", "cone shuttle", "--higher-is-better")
    assert tracker.json("exercises", "show", "cone shuttle")["lower_is_better"] is False
    assert "Better result" not in tracker.ok("exercises", "show", "cone shuttle").stdout
    tracker.ok("exercises", "edit", "cone shuttle", "--target", "calves")  # left as it is
    assert tracker.json("exercises", "show", "cone shuttle")["lower_is_better"] is False
    tracker.ok("exercises", "edit", "leg press", "--lower-is-better")
    assert tracker.json("exercises", "show", "leg press")["edited"] is True
    assert tracker.json("exercises", "show", "squat")["lower_is_better"] is False


def test_equipment_is_stored_in_its_one_spelling(tracker: Tracker) -> None:
    """`--equipment DB` or "dumbbells" is the dumbbell: the load convention follows it."""
    tracker.ok("exercises", "add", "Moon Press", "--equipment", "DB")
    card = tracker.json("exercises", "show", "moon press")
    assert (card["equipment"], card["load_per"], card["implements"]) == ("dumbbell", "implement", 2)
    tracker.ok("exercises", "edit", "moon press", "--equipment", "Smith")
    assert tracker.json("exercises", "show", "moon press")["equipment"] == "smith machine"


def test_add_refuses_bad_values_and_stores_nothing(tracker: Tracker) -> None:
    tracker.ok("exercises", "list")
    before = row_counts(tracker.url)
    cases = {
        ("Squat",): 'Error: "Squat" is already taken by the exercise "Back Squat"',
        ("single-leg press",): 'Error: "single-leg press" is already taken by the exercise '
                               '"Single Leg Press"',
        ("!!!",): "Error: an exercise needs a name with letters or digits",
        ("x" * 201,): "Error: an exercise name can be at most 200 characters long",
        ("Foo", "--alias", "slp"): 'Error: the alias "slp" is already used by the exercise '
                                   '"Single Leg Press"',
        ("Foo", "--alias", "Leg Press"): 'Error: the alias "Leg Press" is already used by the '
                                         'exercise "Leg Press"',
        ("Foo", "--parent", "slp"): 'Error: the parent must be a bilateral exercise; '
                                    '"Single Leg Press" is not',
        ("Foo", "--parent", "nothing like it"): 'Error: no exercise named "nothing like it"; '
                                                "see: tracker exercises list",
        ("Foo", "--ratio", "abc"): 'Error: can\'t read ratio "abc": write it like 0.4-0.5 or '
                                   "40-50%",
        ("Foo", "--ratio", "0.6-0.4"): 'Error: ratio "0.6-0.4" must be between 0 and 1.5 with '
                                       "low <= high",
        ("Foo", "--rep-range", "12"): 'Error: rep range must look like 8-12, got "12"',
        ("Foo", "--rep-range", "12-8"): "Error: the rep range must be like 8-12, with "
                                        "1 <= low <= high <= 100",
        ("Foo", "--increment", "0"): "Error: the increment must be greater than 0",
        ("Foo", "--body-part", "b" * 51): "Error: the body part can be at most 50 characters "
                                          "long",
        ("Foo", "--alias", "a" * 201): "Error: an alias can be at most 200 characters long",
        ("Foo", "--equipment", "rocket"): 'Error: unknown equipment "rocket": use one of '
                                          "barbell, dumbbell, machine, cable, kettlebell, "
                                          "smith machine, band, bodyweight, other",
    }
    for args, expected in cases.items():
        assert tracker.fails("exercises", "add", *args) == expected, args
    assert row_counts(tracker.url) == before


def test_edits_mark_edited_and_aliases_of_other_exercises_are_refused(tracker: Tracker) -> None:
    out = tracker.ok("exercises", "edit", "hack sq", "--sled", "20", "--unit", "kg",
                     "--increment", "2.5", "--summary", "My hack.").stdout
    assert out == "updated Hack Squat\n"
    card = tracker.json("exercises", "show", "hack squat")
    assert (card["edited"], card["sled"], card["sled_unit"], card["increment"]) == (
        True, 20, "kg", 2.5)
    assert card["summary"] == "My hack." and card["steps"] == builtin_entry("Hack Squat")["steps"]
    assert "Sled weight: 20 kg" in flat(tracker.ok("exercises", "show", "hack squat").stdout)

    before = sorted(tracker.json("exercises", "show", "leg curl")["aliases"])
    assert tracker.fails(
        "exercises", "edit", "leg curl", "--alias", "ham curl", "--alias", "leg press machine"
    ) == ('Error: the alias "leg press machine" is already used by the exercise "Leg Press"')
    assert tracker.fails("exercises", "edit", "leg curl", "--alias", "Leg Press") == (
        'Error: the alias "Leg Press" is already used by the exercise "Leg Press"'
    )
    assert tracker.fails("exercises", "edit", "leg curl", "--rename", "Leg Press") == (
        'Error: "Leg Press" is already taken by the exercise "Leg Press"')
    after = tracker.json("exercises", "show", "leg curl")
    assert sorted(after["aliases"]) == before and after["edited"] is False  # rolled back

    # --alias replaces the list; its own name and duplicates are dropped.
    tracker.ok("exercises", "edit", "leg curl", "--alias", "ham curl", "--alias", "Ham-Curl",
               "--alias", "leg curl")
    assert tracker.json("exercises", "show", "ham curl")["aliases"] == ["ham curl"]
    rows = query(tracker.url, select(ExerciseAlias.alias).join(Exercise)
                 .where(Exercise.name == "Leg Curl"))
    assert rows == [("ham curl",)]


def test_rename_keeps_the_old_name_as_an_alias(tracker: Tracker) -> None:
    assert tracker.ok("exercises", "edit", "leg press", "--rename", "Leg press").stdout == (
        "updated Leg press\n")  # a change of case only
    assert tracker.ok("exercises", "edit", "leg press", "--rename", "Leg Presses").stdout == (
        "updated Leg Presses\n")  # one of its own aliases
    card = tracker.json("exercises", "show", "leg press")  # the old name still finds it
    assert card["name"] == "Leg Presses" and card["edited"] is True
    assert "leg presses" not in [a.lower() for a in card["aliases"]]
    assert "Leg press" in card["aliases"] and "sled leg press" in card["aliases"]
    assert tracker.json("exercises", "show", "slp")["parent"] == "Leg Presses"


def test_remove_refuses_while_sets_refer_to_it(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100", "10x120", "8x140")
    tracker.ok("log", "slp", "--left", "10x60")
    assert tracker.fails("exercises", "remove", "leg press") == (
        'Error: "Leg Press" has 3 logged sets; delete those sets first (tracker set delete ID)'
    )
    assert tracker.fails("exercises", "remove", "single-leg press") == (
        'Error: "Single Leg Press" has 1 logged set; delete those sets first '
        "(tracker set delete ID)"
    )
    assert stored(tracker.url, "Leg Press") is not None

    tracker.ok("exercises", "add", "Landmine Press", "--alias", "landmine", "--unilateral")
    assert tracker.ok("exercises", "remove", "landmine").stdout == "removed Landmine Press\n"
    assert stored(tracker.url, "Landmine Press") is None
    assert query(tracker.url, select(ExerciseAlias).where(ExerciseAlias.key == "landmine")) == []
    # A built-in parent without sets can go; its one-side variant stays, unlinked.
    assert tracker.ok("exercises", "remove", "hack squat").stdout == "removed Hack Squat\n"
    child = tracker.json("exercises", "show", "single-leg hack squat")
    assert (
        child["parent"] is None and stored(tracker.url, "Single-Leg Hack Squat").parent_id is None
    )


# -- the built-in catalog refresh ----------------------------------------------------------


def test_refresh_updates_unedited_entries_and_keeps_the_lifters(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.ok("exercises", "edit", "leg press", "--summary", "Mine.", "--sled", "50")
    tracker.ok("exercises", "edit", "leg curl", "--rename", "Machine Curl")
    tracker.ok("exercises", "add", "Sissy Squat", "--body-part", "legs", "--target", "quads")
    old_curl = builtin_entry("Leg Curl")["summary"]
    data = builtin()
    for entry in data["exercises"]:
        if entry["name"] in {"Leg Press", "Hack Squat", "Leg Curl", "Single-Leg Leg Curl"}:
            entry["summary"] = f"New {entry['name']}."
        if entry["name"] == "Hack Squat":
            entry["aliases"].append("hacky")
            entry["tips"] = ["A new tip."]
    data["exercises"] += [
        {"name": "Sissy Squat", "body_part": "legs", "equipment": "bodyweight",
         "target": "quadriceps", "summary": "Built-in sissy squat."},
        {"name": "Pendulum Squat", "aliases": ["pendulum"], "body_part": "legs",
         "equipment": "machine", "target": "quadriceps", "summary": "A new one."},
    ]
    new = json.dumps(data).encode()
    monkeypatch.setattr("tracker.services.builtin_catalog.builtin_bytes", lambda: new)

    tracker.ok("exercises", "list")  # any command refreshes
    hack = tracker.json("exercises", "show", "hacky")
    assert (hack["name"], hack["summary"], hack["tips"]) == ("Hack Squat", "New Hack Squat.",
                                                             ["A new tip."])
    assert hack["edited"] is False
    press = tracker.json("exercises", "show", "leg press")
    assert (press["summary"], press["sled"], press["edited"]) == ("Mine.", 50, True)
    sissy = tracker.json("exercises", "show", "sissy squat")
    assert (sissy["source"], sissy["target"], sissy["summary"]) == ("custom", "quads", None)
    pendulum = tracker.json("exercises", "show", "pendulum")
    assert (pendulum["name"], pendulum["source"]) == ("Pendulum Squat", "builtin")
    # The renamed Leg Curl is not added back; its one-leg variant keeps pointing at it.
    assert stored(tracker.url, "Leg Curl") is None
    curl = tracker.json("exercises", "show", "leg curl")
    assert (curl["name"], curl["summary"]) == ("Machine Curl", old_curl)
    single = tracker.json("exercises", "show", "single-leg leg curl")
    assert (single["parent"], single["summary"]) == ("Machine Curl", "New Single-Leg Leg Curl.")
    (digest,) = query(tracker.url, select(Setting.value).where(
        Setting.key == "catalog.builtin_hash"))
    assert digest[0] == hashlib.sha256(new).hexdigest()[:16]

    # Same hash: nothing is rewritten. A changed stored hash: unedited entries are refreshed.
    execute(tracker.url, update(Exercise).where(Exercise.name == "Hack Squat")
            .values(summary="Changed behind its back."))
    tracker.ok("exercises", "list")
    assert tracker.json("exercises", "show", "hack squat")["summary"] == "Changed behind its back."
    execute(tracker.url, update(Setting).where(Setting.key == "catalog.builtin_hash")
            .values(value="stale"))
    tracker.ok("exercises", "list")
    assert tracker.json("exercises", "show", "hack squat")["summary"] == "New Hack Squat."
    assert tracker.json("exercises", "show", "leg press")["summary"] == "Mine."


def test_the_hop_tests_are_built_in_and_the_timed_one_is_lower_is_better(
    tracker: Tracker,
) -> None:
    for name in ("Single-Leg Hop for Distance", "Triple Hop for Distance",
                 "Crossover Hop for Distance", "6 m Timed Hop"):
        card = tracker.json("exercises", "show", name)
        assert (card["source"], card["laterality"], card["category"]) == (
            "builtin", "unilateral", "plyometrics")
        assert card["lower_is_better"] is (name == "6 m Timed Hop"), name
    assert tracker.json("exercises", "show", "timed hop")["name"] == "6 m Timed Hop"
    assert "Better result:      lower (less is better)" in tracker.ok(
        "exercises", "show", "6 m timed hop").stdout


@pytest.mark.parametrize(("name", "measure"), [
    ("6 m timed hop", "time"),
    ("single-leg hop for distance", "distance"),
    ("triple hop for distance", "distance"),
    ("plank", "time"),
    ("farmer's carry", "distance"),
])
def test_a_card_measured_by_time_or_distance_says_so_instead_of_a_rep_range(
    tracker: Tracker, name: str, measure: str
) -> None:
    """A hop test, a hold or a carry has no rep range (the stored one is the column's
    default): its card says what it is measured by; the JSON keeps rep_range as stored."""
    out = tracker.ok("exercises", "show", name).stdout
    assert f"  Measured by:        {measure}\n" in out
    assert "Rep range" not in out
    card = tracker.json("exercises", "show", name)
    assert (card["measured_by"], card["rep_range"]) == (measure, [8, 12])


def test_the_timed_hop_card_says_time_and_that_less_is_better(tracker: Tracker) -> None:
    out = tracker.ok("exercises", "show", "6 m timed hop").stdout
    assert (
        "  Laterality:         unilateral\n"
        "  Better result:      lower (less is better)\n"
        "  Measured by:        time\n"
        "  Load logged:        added weight (BW+10)"
    ) in out


def test_a_card_done_for_reps_keeps_its_rep_range(tracker: Tracker) -> None:
    out = tracker.ok("exercises", "show", "bench press").stdout
    assert (
        "  Laterality:         bilateral\n"
        "  Rep range:          5-8\n"
        "  Load logged:        the whole bar\n"
    ) in out
    assert "Measured by" not in out
    card = tracker.json("exercises", "show", "bench press")
    assert (card["measured_by"], card["rep_range"]) == ("reps", [5, 8])


def test_a_card_is_measured_as_the_lifter_logged_it(tracker: Tracker) -> None:
    """The lifter's own sets decide first (suggest and gym mode read the same rule): a custom
    exercise logged by time is measured by time, and so is a pull-up its lifter logs as a
    dead hang; another lifter's pull-up card keeps its rep range."""
    tracker.ok("exercises", "add", "Wall Hold", "--target", "quads")
    assert "Rep range:          8-12" in tracker.ok("exercises", "show", "wall hold").stdout
    tracker.ok("log", "wall hold", "45s")
    out = tracker.ok("exercises", "show", "wall hold").stdout
    assert "Measured by:        time" in out and "Rep range" not in out
    tracker.ok("lifter", "add", "ana")
    tracker.ok("log", "pull-up", "30s")
    assert tracker.json("exercises", "show", "pull-up")["measured_by"] == "time"
    ana = tracker.ok("--lifter", "ana", "exercises", "show", "pull-up").stdout
    assert "Rep range:" in ana and "Measured by" not in ana


def test_a_custom_exercise_with_a_new_built_ins_name_is_kept_and_said_once(
    tracker: Tracker,
) -> None:
    """A lifter who made their own "Triple Hop for Distance" before the catalog had one keeps
    theirs when it arrives, and is told so once."""
    tracker.ok("exercises", "list")
    execute(tracker.url, delete(ExerciseAlias).where(ExerciseAlias.exercise_id.in_(
        select(Exercise.id).where(Exercise.name == "Triple Hop for Distance"))))
    execute(tracker.url, delete(Exercise).where(Exercise.name == "Triple Hop for Distance"))
    tracker.ok("exercises", "add", "Triple Hop for Distance", "--unilateral",
               "--target", "calves")
    stale = update(Setting).where(Setting.key == "catalog.builtin_hash").values(value="old")
    execute(tracker.url, stale)  # an upgrade brings the catalog that has it
    said = tracker.ok("exercises", "show", "triple hop for distance")
    assert said.stderr == ('Kept your exercise "Triple Hop for Distance": the built-in catalog '
                           "now has one of that name, and yours stays as it is.\n")
    card = tracker.json("exercises", "show", "triple hop for distance")
    assert (card["source"], card["target"]) == ("custom", "calves")
    execute(tracker.url, stale)  # the next catalog change says nothing more about it
    assert tracker.ok("exercises", "list").stderr == ""
    assert tracker.json("exercises", "show", "triple hop")["name"] == "Triple Hop for Distance"


def test_a_removed_builtin_stays_removed_after_a_refresh(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.ok("exercises", "remove", "hack squat")
    data = builtin()
    data["exercises"][0]["summary"] = "Changed so that the catalog refreshes."
    new = json.dumps(data).encode()
    monkeypatch.setattr("tracker.services.builtin_catalog.builtin_bytes", lambda: new)
    tracker.ok("exercises", "list")
    assert stored(tracker.url, "Hack Squat") is None
    assert stored(tracker.url, data["exercises"][0]["name"]).summary == (
        "Changed so that the catalog refreshes."
    )


def test_two_commands_loading_the_catalog_at_once(
    pg_fresh_database_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two first uses of a PostgreSQL database race to load the catalog; both succeed.
    (SQLite writers queue on BEGIN IMMEDIATE, so they cannot race here.)"""
    db_url: str = pg_fresh_database_factory()  # the shared test database holds the catalog
    from tracker.adapters.db import create_app_engine, ensure_schema
    from tracker.adapters.exercise_rows import write_definition
    from tracker.adapters.unit_of_work import UnitOfWork
    from tracker.services import builtin_catalog, catalog

    engine = create_app_engine(db_url)
    ensure_schema(engine, db_url, lambda line: None)
    import threading

    real = write_definition
    others: list[threading.Thread] = []
    failures: list[BaseException] = []

    def load_in_other_command() -> None:
        other = create_app_engine(db_url)
        try:
            # waits for the first one's lock
            builtin_catalog.ensure_builtin_catalog(UnitOfWork(other))
        except BaseException as error:  # reported by the assertion below
            failures.append(error)
        finally:
            other.dispose()

    def racing(exercise: Any, entry: Any, own: bool = False) -> None:
        if not others:  # this command is loading the catalog; the other one starts now
            others.append(threading.Thread(target=load_in_other_command))
            others[0].start()
        real(exercise, entry, own)

    monkeypatch.setattr(catalog, "write_definition", racing)
    try:
        builtin_catalog.ensure_builtin_catalog(UnitOfWork(engine))
    finally:
        engine.dispose()
    others[0].join()
    assert not failures and row_counts(db_url)[0] == len(builtin()["exercises"])


# -- import --------------------------------------------------------------------------------


def test_import_the_small_fixture_twice(tracker: Tracker) -> None:
    first = tracker.ok("exercises", "import", str(SMALL)).stdout
    assert first == "3 added, 8 matched existing, 0 linked to a bilateral parent, 0 skipped\n"
    counts = row_counts(tracker.url)
    second = tracker.ok("exercises", "import", str(SMALL)).stdout
    assert second == "0 added, 11 matched existing, 0 linked to a bilateral parent, 0 skipped\n"
    assert row_counts(tracker.url) == counts
    card = tracker.json("exercises", "show", "ez bar skullcrusher")
    assert (card["name"], card["equipment"], card["target"], card["secondary"]) == (
        "EZ-Bar Skullcrusher", "barbell", "triceps", ["forearms", "chest"])
    assert (card["difficulty"], card["source"]) == (
        "intermediate",
        "free-exercise-db:EZ-Bar_Skullcrusher",
    )
    assert card["tips"] == ["Hold the angled inner grips."]
    assert card["steps"][0] == "Lie on a flat bench and press the bar up over your chest."
    stretch = tracker.json("exercises", "show", "couch stretch")
    assert (stretch["category"], stretch["equipment"], stretch["body_part"]) == (
        "stretching", "other", "legs")
    # Matched records leave the existing (built-in) card as it was.
    assert tracker.json("exercises", "show", "kettlebell swing")["source"] == "builtin"


def record(name: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": name.replace(" ", "_"), "name": name, "level": "beginner", "equipment": "barbell",
        "primaryMuscles": ["shoulders"], "secondaryMuscles": ["triceps"], "category": "strength",
        "instructions": ["Press the bar up.", "Lower it."],
    }
    return base | fields


def test_import_links_one_side_variants_and_reports_skips(tracker: Tracker, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([
        record("Landmine Press"), record("One-Arm Landmine Press"),
        record("Alternating Landmine Press"), record("!!!"), record("L" * 201),
        record("Barbell Shrug", id="Barbell_Shrug"),
    ]))
    out = tracker.ok("exercises", "import", str(path)).stdout
    assert out == (
        "3 added, 1 matched existing, 2 linked to a bilateral parent, 2 skipped\n"
        "  skipped 1: name has no letters or digits\n"
        "  skipped 1: name longer than 200 characters\n"
    )
    one = tracker.json("exercises", "show", "one arm landmine press")
    assert (one["laterality"], one["parent"], one["ratio"]) == ("unilateral", "Landmine Press",
                                                                [0.4, 0.5])
    alternating = tracker.json("exercises", "show", "alternating landmine")
    assert (alternating["laterality"], alternating["parent"], alternating["ratio"]) == (
        "alternating", "Landmine Press", [0.9, 1.0])
    assert "Costa, Moreira" in alternating["ratio_note"]
    assert "domain-science" not in alternating["ratio_note"] + one["ratio_note"]
    assert tracker.json("exercises", "show", "landmine press")["variants"] == [
        "Alternating Landmine Press", "One-Arm Landmine Press"]
    assert query(tracker.url, select(Exercise).where(Exercise.name.like("LLL%"))) == []


def test_a_one_kettlebell_variant_starts_at_90_to_100_percent_of_the_bell(
    tracker: Tracker, tmp_path: Path
) -> None:
    # Both rows log one kettlebell (domain/load_convention.py): 40-50 % of the two-arm row's
    # bell gave a 4 kg bell from a 16 kg one; per implement, as the built-in One-Arm Dumbbell
    # Row, it is 90-100 %: 14.4-16 kg, a 12 kg bell in 4 kg steps.
    path = tmp_path / "rows.json"
    bells = {"equipment": "kettlebells", "primaryMuscles": ["middle back"]}
    path.write_text(json.dumps([
        record("Two-Arm Kettlebell Row", **bells), record("One-Arm Kettlebell Row", **bells),
        record("Cable Row Z", equipment="cable"), record("One-Arm Cable Row Z", equipment="cable"),
    ]))
    tracker.ok("exercises", "import", str(path))
    card = tracker.json("exercises", "show", "one-arm kettlebell row")
    assert (card["parent"], card["ratio"]) == ("Two-Arm Kettlebell Row", [0.9, 1.0])
    note = card["ratio_note"]
    assert "Costa, Moreira, Cavalcanti, Krinski and Aoki 2015" in note
    assert '"Effect of unilateral and bilateral resistance exercise' in note
    assert "domain-science" not in note
    data = tracker.json("suggest", "one-arm kettlebell row", "--basis", "16")
    assert (data["ratio_of"], data["range"], data["suggested"]) == ("implement", [16, 16], 16)
    # A load both arms share (a cable stack) keeps the per-side share, with its study cited.
    cable = tracker.json("exercises", "show", "one-arm cable row z")
    assert cable["ratio"] == [0.4, 0.5] and "Costa, Moreira" in cable["ratio_note"]
    assert "domain-science" not in cable["ratio_note"]


def test_a_malformed_file_changes_nothing(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("exercises", "add", "Mine", "--alias", "my lift")
    before = row_counts(tracker.url)
    records = json.loads(SMALL.read_text())
    truncated = tmp_path / "truncated.json"
    truncated.write_text(SMALL.read_text()[:2000])
    error = tracker.fails("exercises", "import", str(truncated))
    assert error.startswith("Error: not valid JSON at line "), error
    bad_level = tmp_path / "bad-level.json"
    records[2]["level"] = "master"
    bad_level.write_text(json.dumps(records))
    assert tracker.fails("exercises", "import", str(bad_level)) == (
        'Error: record 3 ("Cable Crossovers"): "level" must be one of beginner, intermediate, '
        'expert, got "master"'
    )
    records[2]["level"] = "beginner"
    records[7]["primaryMuscles"] = []
    records[9].pop("name")
    two_bad = tmp_path / "two-bad.json"
    two_bad.write_text(json.dumps(records))
    assert tracker.fails("exercises", "import", str(two_bad)) == (
        'Error: record 8 ("Couch Stretch"): "primaryMuscles" must be a non-empty list of '
        "muscles, got [] (and 1 more invalid record)"
    )
    not_a_list = tmp_path / "object.json"
    not_a_list.write_text('{"exercises": []}')
    assert tracker.fails("exercises", "import", str(not_a_list)) == (
        "Error: expected a JSON list of exercise records at the top level, got an object"
    )
    assert row_counts(tracker.url) == before
    missing = tracker("exercises", "import", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_import_the_real_free_exercise_db_twice(tracker: Tracker, tmp_path: Path) -> None:
    source = shared_file("data/exercises/free-exercise-db.json")
    records = json.loads(source.read_text(encoding="utf-8"))
    assert len(records) == 873
    corrupt = tmp_path / "corrupt.json"
    records[499]["level"] = "elite"
    corrupt.write_text(json.dumps(records))
    tracker.ok("exercises", "list")
    before = row_counts(tracker.url)
    assert tracker.fails("exercises", "import", str(corrupt)) == (
        f'Error: record 500 ({json.dumps(records[499]["name"])}): "level" must be one of '
        'beginner, intermediate, expert, got "elite"'
    )
    assert row_counts(tracker.url) == before

    first = tracker.ok("exercises", "import", str(source)).stdout
    assert first == "812 added, 61 matched existing, 29 linked to a bilateral parent, 0 skipped\n"
    after = row_counts(tracker.url)
    assert after[0] == before[0] + 812
    second = tracker.ok("exercises", "import", str(source)).stdout
    assert second == "0 added, 873 matched existing, 0 linked to a bilateral parent, 0 skipped\n"
    assert row_counts(tracker.url) == after

    # The bigger catalog still answers the done-when checks.
    rows = tracker.json("exercises", "list", "--muscle", "glutes", "--equipment", "machine")
    assert "Single Leg Press" in names(rows)
    assert tracker.fails("exercises", "show", "singel leg pres").startswith(
        'Error: no exercise named "singel leg pres"; did you mean: Single Leg Press'
    )
    assert tracker.json("exercises", "show", "single leg press")["source"] == "builtin"


def test_a_restored_definition_hangs_only_off_a_bilateral_parent(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    """The rule `exercises edit --parent` enforces holds for a hand-edited export too."""
    sqlite_tracker.ok("exercises", "add", "Zercher Carry", "--unilateral")
    sqlite_tracker.ok("exercises", "add", "Zercher Hold", "--unilateral", "--parent", "squat")
    sqlite_tracker.ok("exercises", "add", "Zercher Walk", "--unilateral", "--parent", "squat")
    exported = tmp_path / "mine.json"
    sqlite_tracker.ok("export", "--format", "json", "-o", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    for definition in data["exercises"]:
        if definition["name"] == "Zercher Hold":
            definition["parent"] = "Zercher Carry"  # one-sided: not a parent
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    fresh = Tracker(new_sqlite("fresh.db"), sqlite_tracker.runner)
    fresh.ok("import", str(edited))
    assert fresh.json("exercises", "show", "Zercher Hold")["parent"] is None
    assert fresh.json("exercises", "show", "Zercher Walk")["parent"] == "Back Squat"


@pytest.mark.parametrize(
    ("name", "logged"),
    [("treadmill", "none: log the time or distance (20min, 5km)"),
     ("jump rope", "none: log the time or distance (20min, 5km)"),
     ("burpee", "added weight (BW+10)"),  # a cardio exercise done for reps keeps its load
     ("resistance band pull-apart", "the total\n"),
     ("leg press", "the whole stack\n"),
     ("cable row", "the whole stack\n")],
)
def test_load_logged_says_what_a_load_is_and_only_a_stack_is_a_stack(
    tracker: Tracker, name: str, logged: str
) -> None:
    """A treadmill's card said "Load logged: the whole stack", and so did a band's."""
    assert f"  Load logged:        {logged}" in tracker.ok("exercises", "show", name).stdout


def test_remove_refuses_while_a_lifters_data_names_it(tracker: Tracker) -> None:
    """A routine item or an involved side (a physio's injury date) went with the exercise,
    any lifter's, and undo could not bring them back."""
    tracker.ok("routine", "add", "Legs")
    tracker.ok("routine", "add-exercise", "Legs", "hack squat", "--sets", "4")
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", "2026-07-20",
               "--exercise", "single-leg hack squat")
    tracker.ok("lifter", "add", "bob")
    assert tracker.fails("--lifter", "bob", "exercises", "remove", "hack squat") == (
        'Error: "Hack Squat" is named by 1 routine item, which removing it would delete too; '
        "take it out of those first"
    )
    assert tracker.fails("exercises", "remove", "single-leg hack squat") == (
        'Error: "Single-Leg Hack Squat" is named by 1 involved side, which removing it would '
        "delete too; take it out of those first"
    )
    assert [i["exercise"] for i in tracker.json("routine", "show", "legs")["items"]] == [
        "Hack Squat"]
    tracker.ok("routine", "edit", "legs", "--item", "1", "--remove")
    assert tracker.ok("exercises", "remove", "hack squat").stdout == "removed Hack Squat\n"


def test_a_variant_made_bilateral_leaves_its_parent_and_ratio(tracker: Tracker) -> None:
    """A two-sided lift is no one-side variant: suggest gave it 40-50% of the parent."""
    tracker.ok("log", "leg press", "10x100")
    tracker.ok("exercises", "add", "Uni Row 3", "--unilateral", "--parent", "leg press",
               "--ratio", "0.4-0.5", "--equipment", "machine")
    tracker.ok("exercises", "edit", "uni row 3", "--bilateral")
    card = tracker.json("exercises", "show", "uni row 3")
    assert (card["laterality"], card["parent"], card["ratio"]) == ("bilateral", None, None)
    assert "has no history yet" in tracker.fails("suggest", "uni row 3")


def test_an_edited_ratio_shows_as_it_is_and_drops_the_note_it_replaced(tracker: Tracker) -> None:
    tracker.ok("exercises", "edit", "slp", "--ratio", "0.425-0.475")
    card = tracker.ok("exercises", "show", "slp").stdout
    assert "Leg Press (start at 42.5%-47.5% of its load)" in card  # it said 42%-48%
    assert "Ratio source" not in card  # the built-in's note cited 40-50%
    tracker.ok("log", "leg press", "10x140")
    assert "42.5-47.5% of" in " ".join(tracker.ok("suggest", "slp").stdout.split())


def test_another_lifters_alias_is_refused_with_its_own_line(tracker: Tracker) -> None:
    """On SQLite the unique index answered with a raw "UNIQUE constraint failed" line."""
    tracker.ok("exercises", "add", "Cossack Squat X", "--alias", "csx", "--equipment",
               "bodyweight")
    tracker.ok("lifter", "add", "bob")
    tracker.ok("--lifter", "bob", "exercises", "add", "Bob Thing", "--equipment", "machine")
    assert tracker.fails("--lifter", "bob", "exercises", "edit", "bob thing", "--alias", "csx") == (
        "Error: that name is the name of another lifter's exercise: choose another"
    )
