"""Loads, names and set kinds through the CLI on both engines (issue 11): loads say what they
are per, names never pick what the lifter did not mean, one set syntax everywhere, timed and
distance sets."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import create_engine, select

from tests.helpers.cli import Tracker
from tests.helpers.stored import set_count
from tracker.adapters.orm import Exercise, WorkoutSet


def rows(url: str) -> list[dict[str, Any]]:
    """Every stored set with its exercise name, straight from the database."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                select(Exercise.name, WorkoutSet.side, WorkoutSet.reps, WorkoutSet.load,
                       WorkoutSet.bodyweight, WorkoutSet.kind, WorkoutSet.rpe,
                       WorkoutSet.duration_s, WorkoutSet.distance, WorkoutSet.distance_unit)
                .join(Exercise, Exercise.id == WorkoutSet.exercise_id)
                .order_by(WorkoutSet.id)
            )
            return [dict(row._mapping) for row in found]
    finally:
        engine.dispose()


# 1. per-implement loads -------------------------------------------------------------------


def test_a_dumbbell_start_names_the_dumbbells_and_their_total(tracker: Tracker) -> None:
    out = tracker.ok("suggest", "bulgarian split squat", "--basis", "100").stdout
    assert "Start at:  2 x 14 kg dumbbells (28 kg total)" in out
    assert "28 kg per side" not in out
    data = tracker.json("suggest", "bulgarian split squat", "--basis", "100")
    assert (data["per"], data["implements"], data["total"]) == ("implement", 2, 28)
    assert (data["suggested"], data["range"], data["ratio"]) == (14, [14, 16], [0.25, 0.35])
    assert data["sides"]["left"] == {"load": 14, "total": 28, "reps_target": 8}


def test_every_dumbbell_suggestion_names_the_dumbbells(tracker: Tracker) -> None:
    import json
    from importlib.resources import files

    catalog = json.loads((files("tracker.catalog") / "builtin.json").read_text("utf-8"))
    free_weights = [
        ex for ex in catalog["exercises"]
        if ex["equipment"] in ("dumbbell", "kettlebell") and ex["ratio"] and ex["parent"]
    ]
    assert len(free_weights) >= 12
    for ex in free_weights:
        name, thing = ex["name"], ex["equipment"]
        out = tracker.ok("suggest", name, "--basis", "100").stdout
        start = out.split("Start at:")[1].splitlines()[0]
        count = ex["implements"]
        assert f" {count} x " in start and f" {thing}" in start and "total)" in start, (name, out)
        data = tracker.json("suggest", name, "--basis", "100")
        assert (data["per"], data["implements"], data["implement"]) == ("implement", count, thing)
        assert data["total"] == data["suggested"] * count


def test_a_one_arm_row_compares_one_dumbbell_with_one_dumbbell(tracker: Tracker) -> None:
    data = tracker.json("suggest", "one-arm dumbbell row", "--basis", "30")
    # 90-100% of a 30 kg dumbbell is 27-30 kg; the 2 kg steps inside it: 28-30 (issue 23:
    # 26 kg, 86.7%, was below the band).
    assert (data["suggested"], data["range"], data["implements"], data["total"]) == (
        28, [28, 30], 1, 28
    )
    assert data["inside"] is True


def test_a_machine_start_stays_per_side(tracker: Tracker) -> None:
    data = tracker.json("suggest", "single leg press", "--basis", "150")
    assert (data["per"], data["suggested"], data["total"]) == ("side", 60, 60)
    assert "Start at:  60 kg per side" in tracker.ok("suggest", "slp", "--basis", "150").stdout


def test_the_log_hint_names_the_dumbbells(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    out = tracker.ok("log", "bss", "-l", "10x12", "-r", "10x12").stdout
    assert out.startswith("Bulgarian Split Squat  (load per dumbbell, 2 dumbbells held)\n")
    assert "Suggested start from Back Squat: 2 x 14 kg dumbbells (28 kg total) each side" in out


# 9. and 10. suggestions -----------------------------------------------------------------------


def test_a_basis_of_zero_or_less_is_refused(tracker: Tracker) -> None:
    for basis in ("0", "0kg"):
        assert tracker.fails("suggest", "slp", "--basis", basis) == (
            f'Error: --basis must be more than 0, got "{basis}": give a working weight you '
            "lifted, such as 150 or 330lb"
        )
    assert tracker.fails("suggest", "slp", "--basis", "-5") == (
        "Error: --basis: load can't be negative, got -5: write the weight lifted"
    )


def test_a_bilateral_lift_without_history_says_what_to_do(tracker: Tracker) -> None:
    assert tracker.fails("suggest", "squat") == (
        'Error: Back Squat has no history yet: log a session first (tracker log "Back Squat" '
        "8x60), then tracker suggest gives the next load"
    )
    tracker.ok("log", "squat", "8x60")
    assert tracker.json("suggest", "squat")["kind"] == "progression"


def test_single_leg_rdl_starts_from_a_deadlift_when_no_rdl_was_logged(tracker: Tracker) -> None:
    tracker.ok("log", "deadlift", "5x140")
    data = tracker.json("suggest", "single-leg romanian deadlift")
    assert data["basis"]["exercise"] == "Deadlift"
    assert (data["basis"]["instead_of"], data["basis"]["factor"]) == ("Romanian Deadlift", 0.6)
    # 140 x 0.6 = 84; 30-40% = 25.2-33.6 kg, one dumbbell, the 2 kg steps inside: 26-32.
    assert (data["suggested"], data["range"]) == (26, [26, 32])
    assert "Romanian Deadlift was never logged" in data["rationale"]
    assert "Deadlift top working set, 140 kg" in data["rationale"]
    tracker.ok("log", "romanian deadlift", "8x100")
    assert tracker.json("suggest", "single-leg rdl")["basis"]["exercise"] == "Romanian Deadlift"


def test_why_is_wrapped_to_the_terminal_width(tracker: Tracker) -> None:
    out = tracker.ok("suggest", "bss", "--basis", "100", env={"COLUMNS": "60"}).stdout
    why = out[out.index("  Why:") :].splitlines()
    assert len(why) > 2
    assert all(len(line) <= 60 for line in out.splitlines()), out


# 2. and 3. names ----------------------------------------------------------------------------


def test_ambiguous_words_list_candidates_and_store_nothing(tracker: Tracker) -> None:
    line = tracker.fails("log", "row", "8x60")
    assert line.startswith('Error: "row" matches several exercises: Barbell Row, Dumbbell Row')
    line = tracker.fails("log", "press", "5x40")
    assert "Bench Press" in line and "Leg Press" in line and "type more of the name" in line
    line = tracker.fails("log", "single arm press", "5x10")
    assert line == (
        'Error: "single arm press" matches several exercises: Single-Arm Dumbbell Bench Press, '
        "Single-Arm Dumbbell Shoulder Press; type more of the name"
    )
    assert set_count(tracker.url) == 0


def test_exact_aliases_and_unique_prefixes_still_work(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("log", "dl", "5x120")
    tracker.ok("log", "bulg", "-l", "8x12", "-r", "8x12")
    assert [r["name"] for r in rows(tracker.url)] == [
        "Back Squat", "Deadlift", "Bulgarian Split Squat", "Bulgarian Split Squat"
    ]


def test_did_you_mean_ranks_by_shared_words(tracker: Tracker) -> None:
    line = tracker.fails("log", "single arm shoulder pres", "5x10")
    assert line.startswith(
        'Error: no exercise named "single arm shoulder pres"; did you mean: '
        "Single-Arm Dumbbell Shoulder Press"
    )


def test_set_edit_moves_a_set_to_another_exercise(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60")
    out = tracker.ok("set", "edit", "2", "--exercise", "leg press").stdout
    assert out == "#2 Leg Press 10 x 60 kg (working)\n"
    assert [(r["name"], r["side"]) for r in rows(tracker.url)] == [
        ("Single Leg Press", "left"), ("Leg Press", None)
    ]
    assert tracker.fails("set", "edit", "2", "--exercise", "bss") == (
        "Error: Bulgarian Split Squat is unilateral: give the set a side with --side left or "
        "--side right"
    )
    out = tracker.ok("set", "edit", "2", "--exercise", "bss", "--side", "right", "8x12").stdout
    assert out == "#2 Bulgarian Split Squat R 8 x 12 kg (working)\n"


# 4.-7. set syntax ---------------------------------------------------------------------------


def test_set_edit_takes_rpe_and_prints_the_whole_set(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100")
    out = tracker.ok("set", "edit", "1", "12x60@10", "--note", "last set").stdout
    assert out == "#1 Leg Press 12 x 60 kg (working, RPE 10, last set)\n"
    (row,) = rows(tracker.url)
    assert (row["reps"], row["load"], row["rpe"]) == (12, Decimal(60), Decimal(10))
    assert "has no load" in tracker.fails("set", "edit", "1", "12")
    assert "2 sets" in tracker.fails("set", "edit", "1", "2x12x60")


def test_a_set_moved_to_a_machine_needs_a_load_as_a_log_does(tracker: Tracker) -> None:
    tracker.ok("log", "plank", "45s")
    tracker.ok("log", "pull-up", "12")
    tracker.ok("log", "leg press", "10xBW")
    refused = tracker.fails("log", "leg press", "45s")
    assert refused == (
        'Error: "45s" has no load, and Leg Press is done with a machine: write the load or '
        "bodyweight, e.g. 45sx60 or 45sxBW"
    )
    assert tracker.fails("set", "edit", "1", "--exercise", "leg press") == refused
    assert tracker.fails("set", "edit", "2", "--exercise", "leg press") == (
        'Error: "12" has no load, and Leg Press is done with a machine: write the load or '
        "bodyweight, e.g. 12x60 or 12xBW"
    )
    assert [row["name"] for row in rows(tracker.url)] == ["Plank", "Pull-Up", "Leg Press"]
    # Given as bodyweight, or with its load, the set moves; a machine's bodyweight set was
    # typed as such, and moves to another machine as it is.
    assert tracker.ok("set", "edit", "1", "45sxBW", "--exercise", "leg press").stdout == (
        "#1 Leg Press 45 s (working)\n"
    )
    assert tracker.ok("set", "edit", "3", "--exercise", "hack squat").stdout == (
        "#3 Hack Squat 10 x BW (working)\n"
    )


def test_a_side_flag_without_a_set_stores_nothing(tracker: Tracker) -> None:
    for args in (["-l", "10x60", "-r"], ["--right", "--left", "10x60"], ["--each"]):
        line = tracker.fails("log", "slp", *args)
        assert "has no set after it" in line, args
    assert set_count(tracker.url) == 0


def test_bare_reps_are_bodyweight_only_where_no_load_is_needed(tracker: Tracker) -> None:
    assert tracker.fails("log", "slp", "-l", "12", "-r", "12") == (
        'Error: "12" has no load, and Single Leg Press is done with a machine: write the load '
        "or bodyweight, e.g. 12x60 or 12xBW"
    )
    assert set_count(tracker.url) == 0
    tracker.ok("log", "pull-up", "12", "8xBW-20")
    tracker.ok("log", "slp", "-l", "12xBW", "-r", "12xBW")
    stored = [(r["reps"], r["load"], r["bodyweight"]) for r in rows(tracker.url)]
    assert stored == [(12, 0, True), (8, Decimal(-20), True), (12, 0, True), (12, 0, True)]
    assert "8 x BW-20 kg" in tracker.ok("session", "show").stdout


def test_a_failed_attempt_is_stored_and_never_estimated(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100", "--at", "2 days ago")
    out = tracker.ok("log", "squat", "0x140", "--at", "2 days ago").stdout
    assert "0 x 140 kg (failure)" in out and "new best" not in out
    assert [(r["reps"], r["kind"]) for r in rows(tracker.url)] == [(5, "working"), (0, "failure")]
    # The failed 140 is not the basis of anything: the next load comes from 5 x 100.
    assert tracker.json("suggest", "squat")["suggested"] == 100
    out = tracker.ok("log", "squat", "5x100").stdout
    assert "Last time" in out and "5 x 100 kg, 0 x 140 kg (failure)" in out


# 8. timed and distance sets -------------------------------------------------------------------


def test_timed_and_distance_sets_are_stored_per_side(tracker: Tracker) -> None:
    tracker.ok("log", "plank", "60s", "1:30", "2min")
    tracker.ok("log", "suitcase carry", "-l", "40mx24", "-r", "40mx24")
    tracker.ok("log", "farmer's carry", "3x40mx20")
    stored = [(r["name"], r["side"], r["reps"], r["load"], r["duration_s"], r["distance"],
               r["distance_unit"]) for r in rows(tracker.url)]
    assert (
        stored
        == [
            ("Plank", None, 0, 0, 60, None, None),
            ("Plank", None, 0, 0, 90, None, None),
            ("Plank", None, 0, 0, 120, None, None),
            ("Suitcase Carry", "left", 0, Decimal(24), None, Decimal(40), "m"),
            ("Suitcase Carry", "right", 0, Decimal(24), None, Decimal(40), "m"),
        ]
        + [("Farmer's Carry", None, 0, Decimal(20), None, Decimal(40), "m")] * 3
    )
    assert all(r["kind"] == "working" for r in rows(tracker.url))
    shown = tracker.json("session", "show")["sets"]
    assert [s["duration_s"] for s in shown[:3]] == [60, 90, 120]
    assert (shown[3]["distance"], shown[3]["distance_unit"], shown[3]["side"]) == (40, "m", "left")
    text = tracker.ok("session", "show").stdout
    assert "    #2 1:30\n" in text and "#4 L 40 m x 24 kg" in text and "#6 40 m x 20 kg" in text
    exported = tracker.ok("export", "--format", "csv").stdout
    assert ",Plank,,0,0,kg,1,90,,," in exported
    assert ",Suitcase Carry,left,0,24,kg,0,,40,m," in exported


def test_decimal_seconds_and_centimetres_are_kept_exactly(
    tracker: Tracker, other_db_url: str, tmp_path: Any
) -> None:
    tracker.ok("log", "suitcase carry", "-l", "2.30sx24", "-r", "2sx24", "-l", "152cmx24")
    stored = [(r["side"], r["duration_s"], r["distance"], r["distance_unit"])
              for r in rows(tracker.url)]
    assert stored == [("left", Decimal("2.3"), None, None), ("right", Decimal(2), None, None),
                      ("left", None, Decimal("1.52"), "m")]
    shown = tracker.json("session", "show")["sets"]
    assert [s["duration_s"] for s in shown] == [2.3, 2, None]
    assert "#1 L 2.3 s x 24 kg" in tracker.ok("session", "show").stdout
    report = tracker.json("report", "imbalance", "suitcase carry", "--metric", "duration")
    (item,) = report["exercises"]
    assert (item["left"]["duration_s"], item["right"]["duration_s"]) == (2.3, 2)
    assert item["lsi"] == 86.96  # 2.00 / 2.30 x 100, decimal seconds summed exactly in SQL
    exported = tmp_path / "hops.json"
    tracker.ok("export", "--format", "json", "-o", str(exported))
    restored = Tracker(other_db_url, tracker.runner)
    restored.ok("import", str(exported), "--from", "tracker")
    assert [r["duration_s"] for r in rows(restored.url)] == [Decimal("2.3"), Decimal(2), None]


def test_a_loaded_carry_without_a_load_is_refused(tracker: Tracker) -> None:
    assert tracker.fails("log", "farmer's carry", "40m") == (
        'Error: "40m" has no load, and Farmer\'s Carry is done with a dumbbell: write the load '
        "or bodyweight, e.g. 40mx60 or 40mxBW"
    )
    assert "a distance must be more than 0" in tracker.fails("log", "plank", "0m")
    assert set_count(tracker.url) == 0


def test_history_shows_the_best_time_and_distance(tracker: Tracker) -> None:
    tracker.ok("log", "plank", "45s", "1:30", "60s", "--at", "2 days ago")
    tracker.ok("log", "plank", "2min")
    tracker.ok("log", "suitcase carry", "-l", "40mx24", "-l", "60mx20", "-r", "50mx24")
    data = tracker.json("report", "history", "plank")
    assert [s["best_time_s"] for s in data["sessions"]] == [90, 120]
    carry = tracker.json("report", "history", "suitcase carry")["sessions"]
    assert [(s["side"], s["best_distance"]) for s in carry] == [
        ("left", {"distance": 60, "unit": "m"}), ("right", {"distance": 50, "unit": "m"})
    ]
    text = tracker.ok("report", "history", "plank").stdout
    assert "best time" in text and "2:00" in text


def test_assisted_sets_add_no_negative_volume(tracker: Tracker) -> None:
    tracker.ok("log", "pull-up", "8xBW-20", "5xBW+10")
    data = tracker.json("report", "history", "pull-up")
    assert data["sessions"][0]["volume"] == 50
    assert tracker.json("report", "summary")["volume"] == 50


def test_custom_exercises_say_what_their_load_is_per(
    tracker: Tracker, tmp_path: Any, new_sqlite: Callable[[str], str]
) -> None:
    tracker.ok("exercises", "add", "Landmine Lunge", "--unilateral", "--equipment", "dumbbell",
               "--per", "implement", "--implements", "2", "--parent", "back squat",
               "--ratio", "0.2-0.3")
    data = tracker.json("suggest", "landmine lunge", "--basis", "100")
    # 20-30 kg in total over two dumbbells: 10-15 kg each, 2 kg steps: 10-14.
    assert (data["suggested"], data["range"], data["total"]) == (10, [10, 14], 20)
    assert tracker.fails("exercises", "edit", "landmine lunge", "--implements", "0") == (
        "Error: a load per implement needs at least 1 implement"
    )
    card = tracker.json("exercises", "show", "landmine lunge")
    assert (card["load_per"], card["implements"]) == ("implement", 2)
    assert (
        "  Load logged:        per dumbbell (2 held)\n"
        in tracker.ok("exercises", "show", "landmine lunge").stdout
    )
    assert "  Load logged:        per side\n" in tracker.ok("exercises", "show", "slp").stdout
    target = tmp_path / "out.json"
    tracker.ok("export", "--format", "json", "-o", str(target))
    fresh = Tracker(new_sqlite("fresh.db"), tracker.runner)
    fresh.ok("import", str(target))
    card = fresh.json("exercises", "show", "landmine lunge")
    assert (card["load_per"], card["implements"]) == ("implement", 2)


def test_suggest_on_timed_sets_only_says_what_counts(tracker: Tracker) -> None:
    tracker.ok("log", "plank", "60s")
    assert tracker.fails("suggest", "plank") == (
        "Error: Plank is done for time, and tracker suggest gives loads for sets of reps: log "
        'it as you do it (tracker log "Plank" 60s) and add time or load from session to session'
    )


def test_undo_delete_and_edit_show_times_distances_and_fixed_failures(tracker: Tracker) -> None:
    tracker.ok("log", "suitcase carry", "-l", "40mx24", "-r", "40mx24")
    tracker.ok("log", "squat", "0x100")
    assert tracker.ok("set", "edit", "3", "5x100").stdout == "#3 Back Squat 5 x 100 kg (working)\n"
    assert rows(tracker.url)[2]["kind"] == "working"
    assert tracker.ok("set", "delete", "2", "--yes").stdout == (
        "Deleted #2 Suitcase Carry R 40 m x 24 kg (tracker undo brings it back).\n"
    )
    restored = tracker.ok("undo").stdout.splitlines()
    assert restored[0] == "Undid a delete: restored 1 set to session #1:"
    assert restored[1].startswith("  #2 Suitcase Carry R 40 m x 24 kg, ")
    edited_back = tracker.ok("undo").stdout.splitlines()
    assert edited_back[1].startswith("  #3 Back Squat 0 x 100 kg (failure), ")
    assert rows(tracker.url)[2]["kind"] == "failure"
    removed = tracker.ok("undo").stdout.splitlines()
    assert removed[0] == "Undid a log: removed 1 set:"
    removed = tracker.ok("undo").stdout.splitlines()
    assert removed[1].startswith("  #1 Suitcase Carry L 40 m x 24 kg, ")


def test_a_bodyweight_parent_gives_no_zero_start(tracker: Tracker) -> None:
    tracker.ok("log", "glute bridge", "12")
    assert tracker.fails("suggest", "single-leg glute bridge") == (
        "Error: your Glute Bridge sets were logged as BW: log your body weight (tracker "
        "bodyweight add WEIGHT) and Single-Leg Glute Bridge starts from the load you moved"
    )


def test_an_assisted_set_survives_an_export_round_trip(tracker: Tracker, tmp_path: Any) -> None:
    tracker.ok("log", "pull-up", "8xBW-20")
    exported = tmp_path / "out.csv"
    tracker.ok("export", "-o", str(exported))
    tracker.ok("session", "delete", "1", "--yes")
    assert rows(tracker.url) == []
    tracker.ok("import", str(exported))
    (row,) = rows(tracker.url)
    assert (row["reps"], row["load"], row["bodyweight"]) == (8, -20, True)


def test_assisted_sets_read_bw_minus_and_machines_progress_per_side(tracker: Tracker) -> None:
    tracker.ok("bodyweight", "add", "80", "--at", "2 days ago")
    tracker.ok("log", "pull-up", "8xBW-20")
    (entry,) = tracker.json("report", "history", "pull-up")["sessions"]
    assert entry["best_set"]["as_typed"] == "BW-20 kg" and entry["volume"] == 480
    tracker.ok("log", "slp", "-l", "10x60", "-r", "9x60")
    lines = tracker.ok("suggest", "slp").stdout.splitlines()
    assert lines[1].split() == ["left", "60", "kg", "x", "11", "per", "side"]
