"""`undo` steps back over weigh-ins, settings, routines and sessions too, most recent first,
and stops (one line, nothing undone) at a change it can't take back: the exercise catalog,
an import. Never does it step silently past such a change to an older log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers.cli import Tracker


def sets(tracker: Tracker) -> list[Any]:
    """Every set of the lifter, by id."""
    rows = json.loads(tracker.ok("export", "--format", "json").stdout)["sets"]
    return sorted((row["exercise"], int(row["reps"]), float(row["load"])) for row in rows)


def weigh_ins(tracker: Tracker, *lifter: str) -> list[float]:
    listed = json.loads(tracker.ok(*lifter, "bodyweight", "list", "--json").stdout)
    return [entry["weight"] for entry in listed]


def config(tracker: Tracker, key: str) -> list[str]:
    return tracker.ok("config", "get", key).stdout.splitlines()


def test_undo_after_a_weigh_in_takes_back_the_weigh_in_not_the_log(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    logged = sets(tracker)
    tracker.ok("bodyweight", "add", "82.5", "--at", "1 hour ago")
    out = tracker.ok("undo").stdout
    assert out.startswith("Undid a weigh-in: removed body weight 82.5 kg at ")
    assert weigh_ins(tracker) == []
    assert sets(tracker) == logged
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 1 set:")


def test_log_then_weigh_in_undo_twice_takes_both_back_newest_first(tracker: Tracker) -> None:
    tracker.ok("bodyweight", "add", "80")
    tracker.ok("log", "squat", "5x100")
    tracker.ok("bodyweight", "add", "181", "--unit", "lb")
    assert tracker.ok("undo").stdout.startswith("Undid a weigh-in: removed body weight 181 lb")
    assert weigh_ins(tracker) == [80]
    assert sets(tracker) == [("Back Squat", 5, 100)]
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 1 set:")
    assert sets(tracker) == []
    # The first weigh-in was made before the (latest) session started: undo asks first.
    assert "undo would take back your tracker bodyweight add" in tracker.fails("undo")
    out = tracker.ok("undo", "--yes").stdout
    assert out.startswith("Undid a weigh-in: removed body weight 80 kg")
    assert "nothing more to undo" in tracker.fails("undo")


def test_undo_of_config_set_puts_the_old_value_back(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("config", "set", "increment.dumbbell", "2kg")
    tracker.ok("config", "set", "increment.dumbbells", "1.25kg")
    tracker.ok("config", "set", "bar", "15kg")
    assert tracker.ok("undo").stdout == "Undid config set bar 15 kg: bar is back to its default.\n"
    assert tracker.ok("undo").stdout == (
        "Undid config set increment.dumbbell 1.25 kg: increment.dumbbell = 2 kg again.\n"
    )
    assert "increment.dumbbell = 2 kg  (gym-wide; only for lifts you log in kg)" in config(
        tracker, "increment.dumbbell"
    )
    assert tracker.ok("undo").stdout == (
        "Undid config set increment.dumbbell 2 kg: increment.dumbbell is back to its default.\n"
    )
    assert tracker.ok("undo").stdout == "Undid config set unit lb: unit = kg again.\n"
    assert config(tracker, "unit") == ["unit = kg  (lifter me)"]
    assert config(tracker, "increment.dumbbell") == ["increment.dumbbell = 2 kg  (default)"]
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 1 set:")


def test_a_gym_wide_setting_another_lifter_changed_since_is_left_alone(tracker: Tracker) -> None:
    tracker.ok("lifter", "add", "ana")
    tracker.ok("config", "set", "increment.dumbbell", "2kg")
    tracker.ok("--lifter", "ana", "config", "set", "increment.dumbbell", "1kg")
    assert tracker.ok("undo").stdout == (
        "Undid config set increment.dumbbell 2 kg: left as it is (increment.dumbbell = 1 kg): "
        "another lifter has changed it since.\n"
    )
    assert "increment.dumbbell = 1 kg  (gym-wide)" in config(tracker, "increment.dumbbell")
    assert tracker.ok("--lifter", "ana", "undo").stdout == (
        "Undid config set increment.dumbbell 1 kg: increment.dumbbell = 2 kg again.\n"
    )


def test_undo_of_an_involved_side_puts_the_old_one_back(tracker: Tracker) -> None:
    tracker.ok("lifter", "list")  # the default lifter, made on first use
    tracker.ok("lifter", "edit", "me", "--involved", "left")
    tracker.ok("lifter", "edit", "me", "--involved", "right")
    assert tracker.ok("undo").stdout == (
        "Undid lifter edit me --involved right: involved side left for every exercise again.\n"
    )
    assert tracker.ok("undo").stdout == (
        "Undid lifter edit me --involved left: no involved side for every exercise again.\n"
    )


def test_undo_of_an_injury_date_puts_the_old_one_back(tracker: Tracker) -> None:
    tracker.ok("lifter", "list")
    assert tracker.ok(
        "lifter", "edit", "me", "--involved", "left", "--injury-date", "2026-03-02"
    ).stdout == (
        "me: involved side left for every exercise\n"
        "me: injury date 2026-03-02 for every exercise\n"
    )
    tracker.ok("lifter", "edit", "me", "--involved", "none")  # forgets the date with the side
    assert tracker.ok("undo").stdout == (
        "Undid lifter edit me --involved none: involved side left, injury date 2026-03-02 for "
        "every exercise again.\n"
    )
    tracker.ok("lifter", "edit", "me", "--injury-date", "none")
    assert tracker.ok("undo").stdout == (
        "Undid lifter edit me --injury-date none: involved side left, injury date 2026-03-02 "
        "for every exercise again.\n"
    )
    tracker.ok("lifter", "edit", "me", "--injury-date", "2026-04-01")
    assert tracker.ok("undo").stdout == (
        "Undid lifter edit me --injury-date 2026-04-01: involved side left, injury date "
        "2026-03-02 for every exercise again.\n"
    )


def test_undo_steps_back_through_routine_commands(tracker: Tracker) -> None:
    def routines() -> Any:
        return tracker.json("routine", "list")

    tracker.ok("routine", "add", "Legs A")
    tracker.ok("routine", "add-exercise", "Legs A", "squat", "--sets", "5")
    tracker.ok("routine", "add-exercise", "Legs A", "leg press")
    planned = routines()
    tracker.ok("routine", "edit", "Legs A", "--rename", "Legs B", "--item", "1", "--move", "2")
    tracker.ok("routine", "remove", "Legs B")
    assert routines() == []
    out = tracker.ok("undo").stdout
    assert out.startswith("Undid routine remove; the routine is again:\nLegs B\n")
    assert tracker.ok("undo").stdout == (
        "Undid routine edit; the routine is again:\n"
        "Legs A\n"
        "  1. Back Squat: 5 sets\n"
        "  2. Leg Press: 3 sets\n"
    )
    assert routines() == planned
    assert "Undid routine add-exercise;" in tracker.ok("undo").stdout
    assert "Undid routine add-exercise;" in tracker.ok("undo").stdout
    assert tracker.ok("undo").stdout == 'Undid routine add: removed routine "Legs A".\n'
    assert routines() == []


def test_a_failed_routine_edit_leaves_nothing_to_undo(tracker: Tracker) -> None:
    tracker.ok("routine", "add", "Legs A")
    tracker.fails("routine", "edit", "Legs A", "--item", "3", "--sets", "4")
    assert tracker.ok("undo").stdout == 'Undid routine add: removed routine "Legs A".\n'


def test_undo_of_session_start_and_finish(tracker: Tracker) -> None:
    def listed() -> Any:
        return json.loads(tracker.ok("session", "list", "--json").stdout)

    tracker.ok("session", "start", "--name", "Legs A", "--at", "1 hour ago")
    tracker.ok("log", "squat", "5x100")
    tracker.ok("session", "finish")
    assert listed()[0]["finished_at"] is not None
    assert tracker.ok("undo").stdout == 'Undid session finish: session #1 "Legs A" is open again.\n'
    assert listed()[0]["finished_at"] is None
    tracker.ok("undo")  # the log
    assert tracker.ok("undo").stdout == (
        'Undid session start: removed session #1 "Legs A", with no sets.\n'
    )
    assert listed() == []


def test_undo_stops_at_a_catalog_edit_and_never_steps_past_it(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("exercises", "edit", "squat", "--increment", "5")
    refused = tracker.fails("undo")
    assert refused == (
        "Error: your last change was to the exercise catalog (tracker exercises): undo can't "
        "take it back, nor go past it to older changes"
    )
    assert sets(tracker) == [("Back Squat", 5, 100)]
    tracker.ok("bodyweight", "add", "80")
    tracker.ok("exercises", "add", "My Press")
    tracker.ok("exercises", "remove", "My Press")
    assert tracker.fails("undo") == refused  # one mark for a run of catalog changes
    assert weigh_ins(tracker) == [80]


def test_catalog_edits_mark_only_the_history_of_the_lifter_who_made_them(
    tracker: Tracker,
) -> None:
    tracker.ok("lifter", "add", "ana")
    tracker.ok("--lifter", "ana", "log", "squat", "5x60")
    tracker.ok("exercises", "edit", "squat", "--increment", "5")
    assert tracker.ok("--lifter", "ana", "undo").stdout.startswith("Undid a log: removed 1 set")


def test_undo_stops_at_an_import(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("log", "squat", "5x100", "--at", "2 days ago")
    export = tmp_path / "export.json"
    export.write_text(tracker.ok("export", "--format", "json").stdout, encoding="utf-8")
    tracker.ok("session", "delete", "1", "--yes")
    tracker.ok("log", "bench", "5x80")
    tracker.ok("import", str(export))
    assert tracker.fails("undo") == (
        "Error: your last change was an import (tracker import): undo can't take it back, nor "
        "go past it to older changes; tracker session delete ID removes an imported session"
    )
    assert sets(tracker) == [("Back Squat", 5, 100), ("Bench Press", 5, 80)]
    tracker.ok("import", str(export))  # nothing new to store: no change, no mark
    tracker.ok("bodyweight", "add", "80")
    assert tracker.ok("undo").stdout.startswith("Undid a weigh-in")
    assert "an import" in tracker.fails("undo")
