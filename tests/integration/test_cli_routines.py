"""`tracker routine ...` on both engines."""

from __future__ import annotations

from tests.helpers.cli import Tracker


def test_add_show_list_json(tracker: Tracker) -> None:
    assert tracker.ok("routine", "add", "Legs  A").stdout == 'Added routine "Legs A".\n'
    out = tracker.ok(
        "routine",
        "add-exercise",
        "legs a",
        "slp",
        "--sets",
        "4",
        "--reps",
        "10-15",
        "--rest",
        "1:30",
    ).stdout
    assert out == "Legs A\n  1. Single Leg Press: 4 sets, 10-15 reps, rest 1:30 (each side)\n"
    tracker.ok("routine", "add-exercise", "Legs A", "leg press")
    assert tracker.json("routine", "show", "LEGS A") == {
        "name": "Legs A",
        "items": [
            {"position": 1, "exercise": "Single Leg Press", "laterality": "unilateral",
             "sets": 4, "reps": [10, 15], "rest_s": 90},
            {"position": 2, "exercise": "Leg Press", "laterality": "bilateral",
             "sets": 3, "reps": None, "rest_s": None},
        ],
    }
    assert [r["name"] for r in tracker.json("routine", "list")] == ["Legs A"]
    assert tracker.ok("routine", "list").stdout == "Legs A: Single Leg Press, Leg Press\n"


def test_edit_move_remove_rename(tracker: Tracker) -> None:
    tracker.ok("routine", "add", "Push")
    for name in ("bench press", "overhead press", "dumbbell curl"):
        tracker.ok("routine", "add-exercise", "push", name)
    moved = tracker.ok("routine", "edit", "push", "--item", "3", "--move", "1", "--sets", "2")
    # What it prints is the order stored (it printed the order from before the move).
    assert moved.stdout.splitlines()[1:4] == [
        "  1. Dumbbell Curl: 2 sets", "  2. Bench Press: 3 sets", "  3. Overhead Press: 3 sets",
    ]
    tracker.ok("routine", "edit", "push", "--item", "3", "--remove")
    tracker.ok("routine", "edit", "push", "--rename", "Push B")
    data = tracker.json("routine", "show", "push b")
    assert [(i["exercise"], i["sets"]) for i in data["items"]] == [
        ("Dumbbell Curl", 2),
        ("Bench Press", 3),
    ]
    assert tracker.ok("routine", "remove", "push b").stdout == 'Removed routine "Push B".\n'
    assert tracker.json("routine", "list") == []


def test_save_from_last_session(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100", "10x120", "--warmup")
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60", "-l", "9x60", "-r", "8x60")
    tracker.ok("log", "leg press", "8x140")
    tracker.ok("routine", "save", "From last", "--from", "last")
    items = tracker.json("routine", "show", "from last")["items"]
    # Warm-ups left out (Leg Press counts from its working set), first-done order, a
    # left/right pair counted once.
    assert [(i["exercise"], i["sets"]) for i in items] == [
        ("Single Leg Press", 2),
        ("Leg Press", 1),
    ]
    session = tracker.json("session", "show", "last")["id"]
    tracker.ok("routine", "save", "By id", "--from", str(session))
    assert len(tracker.json("routine", "show", "by id")["items"]) == 2


def test_errors_are_one_line_and_store_nothing(tracker: Tracker) -> None:
    tracker.ok("routine", "add", "Legs")
    assert tracker.fails("routine", "add", "legs") == 'Error: a routine named "legs" already exists'
    assert tracker.fails("routine", "show", "arms") == (
        'Error: no routine named "arms" (routines: Legs); add one with: tracker routine add "arms"'
    )
    assert tracker.fails("routine", "add-exercise", "legs", "slp", "--reps", "12-8") == (
        "Error: --reps: reps must be 1 to 100, low before high, got 12-8"
    )
    assert tracker.fails("routine", "add-exercise", "legs", "slp", "--rest", "soon") == (
        'Error: --rest: can\'t read rest "soon": give seconds such as 90, 2m or 1:30'
    )
    assert tracker.fails("routine", "edit", "legs", "--sets", "2") == (
        "Error: say which exercise to change with --item N (see routine show)"
    )
    assert tracker.fails("routine", "save", "x", "--from", "last") == (
        "Error: no sessions yet to save a routine from"
    )
    assert tracker.json("routine", "show", "legs")["items"] == []
