"""Logging sets through the real CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from tests.helpers.cli import Tracker
from tests.helpers.stored import set_count
from tracker.adapters.orm import WorkoutSet


def stored_sets(url: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(WorkoutSet.side, WorkoutSet.reps, WorkoutSet.load, WorkoutSet.unit,
                       WorkoutSet.kind, WorkoutSet.rpe, WorkoutSet.position)
                .order_by(WorkoutSet.position)
            )
            return [tuple(row) for row in rows]
    finally:
        engine.dispose()


def test_bilateral_and_unilateral_sets_show_up_in_the_session(tracker: Tracker) -> None:
    first = tracker.ok("log", "leg press", "10x100", "10x120", "8x140")
    assert first.stdout.startswith("Started session #1.\nLeg Press\n")
    assert "#3 8 x 140 kg" in first.stdout
    tracker.ok("log", "single leg press", "--left", "10x60", "--right", "8x60")
    data = tracker.json("session", "show", "last")
    assert set(data) >= {"id", "lifter", "name", "started_at", "finished_at", "sets"}
    assert data["lifter"] == "me"
    assert [(s["exercise"], s["side"], s["reps"], s["load"], s["unit"]) for s in data["sets"]] == [
        ("Leg Press", None, 10, 100, "kg"),
        ("Leg Press", None, 10, 120, "kg"),
        ("Leg Press", None, 8, 140, "kg"),
        ("Single Leg Press", "left", 10, 60, "kg"),
        ("Single Leg Press", "right", 8, 60, "kg"),
    ]
    one = data["sets"][0]
    assert set(one) >= {"id", "exercise", "side", "reps", "load", "unit", "rpe", "kind",
                        "performed_at", "note"}
    assert one["performed_at"].endswith("+00:00")  # ISO 8601 with offset (TZ=UTC in tests)
    text = tracker.ok("session", "show").stdout
    assert "L 10 x 60 kg" in text and "R 8 x 60 kg" in text


def test_cardio_machines_take_a_time_or_distance_without_a_load(tracker: Tracker) -> None:
    """A treadmill is a machine, but 30 minutes on it needs no load; a leg press still does."""
    out = tracker.ok("log", "treadmill", "30min", "5km", "1:05:00").stdout
    assert "#1 30:00" in out and "#2 5 km" in out and "#3 1:05:00" in out
    tracker.ok("log", "rowing machine", "2000m")
    sets = tracker.json("session", "show", "last")["sets"]
    assert [(s["duration_s"], s["distance"], s["distance_unit"]) for s in sets] == [
        (1800, None, None), (None, 5, "km"), (3900, None, None), (None, 2000, "m"),
    ]
    line = tracker.fails("log", "leg press", "30s")
    assert line == (
        'Error: "30s" has no load, and Leg Press is done with a machine: write the load or '
        "bodyweight, e.g. 30sx60 or 30sxBW"
    )
    assert len(tracker.json("session", "show", "last")["sets"]) == 4


def test_spec_syntax_is_stored_exactly_as_typed(tracker: Tracker) -> None:
    tracker.ok("log", "bench", "10x60", "10x60kg", "8x135lb", "8x61.25", "2x5x100", "12xBW")
    assert stored_sets(tracker.url) == [
        (None, 10, 60, "kg", "working", None, 0),
        (None, 10, 60, "kg", "working", None, 1),
        (None, 8, 135, "lb", "working", None, 2),
        (None, 8, pytest.approx(61.25), "kg", "working", None, 3),
        (None, 5, 100, "kg", "working", None, 4),
        (None, 5, 100, "kg", "working", None, 5),
        (None, 12, 0, "kg", "working", None, 6),
    ]
    data = tracker.json("session", "show")
    assert [s["load"] for s in data["sets"]][:4] == [60, 60, 135, 61.25]
    assert data["sets"][6]["bodyweight"] is True


def test_sides_keep_the_order_they_were_done_in(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "9x60", "-l", "10x65", "-r", "8x65")
    tracker.ok("log", "bss", "--each", "8x20")
    sides = [(s["exercise"], s["side"], s["reps"]) for s in tracker.json("session", "show")["sets"]]
    assert sides == [
        ("Single Leg Press", "left", 10), ("Single Leg Press", "right", 9),
        ("Single Leg Press", "left", 10), ("Single Leg Press", "right", 8),
        ("Bulgarian Split Squat", "left", 8), ("Bulgarian Split Squat", "right", 8),
    ]


def test_unit_default_rpe_warmup_kind_and_note(tracker: Tracker) -> None:
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("log", "squat", "5x135", "--warmup")
    tracker.ok("log", "squat", "5x225", "--rpe", "8.5", "--note", "belt")
    tracker.ok("log", "squat", "3x100kg@9", "--kind", "failure")
    sets = tracker.json("session", "show")["sets"]
    assert [(s["load"], s["unit"], s["kind"], s["rpe"], s["note"]) for s in sets] == [
        (135, "lb", "warmup", None, None),
        (225, "lb", "working", 8.5, "belt"),
        (100, "kg", "failure", 9, None),
    ]


BAD_INPUTS = [
    (["log", "leg press", "10x"], 'can\'t read set "10x"'),
    (["log", "leg press", "x60"], 'can\'t read set "x60"'),
    (["log", "leg press", "ten", "x", "60"], 'can\'t read set "ten"'),
    (["log", "leg press", "101x60"], "reps must be between 0 and 100"),
    (["log", "leg press", "10x-5"], "negative"),
    (["log", "leg press", "10x100", "10x120", "banana"], 'can\'t read set "banana"'),
    (["log", "singel leg pres", "10x60"], "did you mean: Single Leg Press"),
    (["log", "single leg press", "10x60"], "--left"),
    (["log", "leg press", "--left", "10x60"], "bilateral"),
    # issue 11: nothing the lifter did not mean is stored
    (["log", "slp", "--left", "10x60", "--right"],
     "Error: --right has no set after it: write the set, e.g. --right 10x60"),
    (["log", "slp", "-l", "12", "-r", "12"],
     'Error: "12" has no load, and Single Leg Press is done with a machine: write the load or '
     "bodyweight, e.g. 12x60 or 12xBW"),
    (["log", "row", "8x60"], 'Error: "row" matches several exercises: Barbell Row, '),
    (["log", "press", "5x40"], 'Error: "press" matches several exercises: '),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD_INPUTS, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_bad_input_stores_nothing_and_prints_one_line(
    tracker: Tracker, args: list[str], message: str
) -> None:
    tracker.ok("log", "leg press", "10x50")
    line = tracker.fails(*args)
    assert line.startswith("Error: ") and message in line
    assert set_count(tracker.url) == 1


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--rpe", "11", "RPE must be 1 to 10"),
        ("--rpe", "7.3", "RPE must be 1 to 10"),
        ("--at", "in 2 days", "can't read date"),
        ("--at", "2099-01-01", "future"),
        ("--at", "blah", "can't read date"),
    ],
)
def test_bad_options_are_refused(tracker: Tracker, option: str, value: str, message: str) -> None:
    line = tracker.fails("log", "leg press", "10x100", option, value)
    assert line.startswith(f"Error: {option}: ") and message in line
    assert set_count(tracker.url) == 0


def test_previous_session_and_new_best_are_shown(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "8x60", "--at", "3 days ago")
    out = tracker.ok("log", "slp", "-l", "10x65", "-r", "8x55").stdout
    assert "Last time" in out and "L 10 x 60 kg; R 8 x 60 kg" in out
    left_line = next(line for line in out.splitlines() if "L 10 x 65 kg" in line)
    right_line = next(line for line in out.splitlines() if "R 8 x 55 kg" in line)
    assert "new best e1RM" in left_line
    assert "new best e1RM" not in right_line


def test_a_bodyweight_best_is_marked_as_report_history_weighs_it(tracker: Tracker) -> None:
    """A bodyweight set's e1RM takes the weigh-in at or before it (the earliest for a set
    before them all: 176 lb for 2 Nov), kg and lb mixed exactly, assisted sets included; the
    log's mark is the history's personal best after the first session."""
    first = tracker.ok("log", "pistol", "-l", "8xBW-10", "-r", "5xBW+10lb",
                       "--at", "2026-11-02 10:00").stdout
    tracker.ok("bodyweight", "add", "176", "--unit", "lb", "--at", "2026-11-05 07:00")
    tracker.ok("bodyweight", "add", "70", "--at", "2026-11-20 07:00")
    outs = [
        tracker.ok("log", "pistol", "-l", left, "-r", right, "--at", at).stdout
        for left, right, at in [
            ("8xBW-12", "5xBW+5", "2026-11-10 10:00"),  # R 98.97 beats 98.43 (weighed 176 lb)
            ("8xBW-11", "5xBW+12", "2026-11-12 10:00"),  # L 87.19 is below 88.45 (2 Nov)
            ("8xBW-1", "5xBW+14", "2026-11-21 10:00"),  # 70 kg now: 87.4 and 98, no best
        ]
    ]
    assert "new best" not in first
    assert [[line for line in out.splitlines() if line.startswith("  #")] for out in outs] == [
        ["  #3 L 8 x BW-12 kg", "  #4 R 5 x BW+5 kg  * new best e1RM"],
        ["  #5 L 8 x BW-11 kg", "  #6 R 5 x BW+12 kg  * new best e1RM"],
        ["  #7 L 8 x BW-1 kg", "  #8 R 5 x BW+14 kg"],
    ]
    history = tracker.json("report", "history", "pistol")["sessions"]
    assert [(e["side"], e["best_e1rm"], e["personal_best"]) for e in history[2:]] == [
        ("left", 85.92, False), ("right", 98.97, True),
        ("left", 87.19, False), ("right", 107.14, True),
        ("left", 87.4, False), ("right", 98.0, False),
    ]


def test_each_stored_bodyweight_set_keeps_the_weigh_in_of_its_time(tracker: Tracker) -> None:
    """Sets alike but for their weigh-in are not one: 5xBW at 80 kg (93.33) is the left best
    that 5xBW+25 at 60 kg (99.17) beats, not 5xBW+10 weighed at 80 (105); a weigh-in at the
    very time of a set weighs it (5xBW+30 at 60 kg: 105, which 5xBW+33 beats)."""
    tracker.ok("bodyweight", "add", "80", "--at", "2026-11-01 07:00")
    tracker.ok("bodyweight", "add", "60", "--at", "2026-11-10 10:00")
    outs = [
        tracker.ok("log", "pistol", "-l", left, "-r", right, "--at", at).stdout
        for left, right, at in [
            ("5xBW", "5xBW", "2026-11-02 10:00"),
            ("5xBW+10", "5xBW+30", "2026-11-10 10:00"),
            ("5xBW+25", "5xBW+33", "2026-11-12 10:00"),
        ]
    ]
    assert [[line for line in out.splitlines() if line.startswith("  #")] for out in outs] == [
        ["  #1 L 5 x BW", "  #2 R 5 x BW"],
        ["  #3 L 5 x BW+10 kg", "  #4 R 5 x BW+30 kg  * new best e1RM"],
        ["  #5 L 5 x BW+25 kg  * new best e1RM", "  #6 R 5 x BW+33 kg  * new best e1RM"],
    ]
    history = tracker.json("report", "history", "pistol")["sessions"]
    assert [(e["best_e1rm"], e["personal_best"]) for e in history[2:]] == [
        (81.67, False), (105.0, True), (99.17, True), (108.5, True),
    ]


def test_a_bodyweight_set_without_any_weigh_in_is_no_best(tracker: Tracker) -> None:
    """With no weigh-in the report knows no load, so no e1RM: nothing to mark, either way."""
    tracker.ok("log", "pistol", "-l", "5xBW", "-r", "8xBW+10", "--at", "2026-11-02 10:00")
    out = tracker.ok("log", "pistol", "-l", "9xBW", "-r", "8xBW+20", "--at", "2026-11-09 10:00")
    assert "new best" not in out.stdout
    history = tracker.json("report", "history", "pistol")["sessions"]
    assert [(e["best_e1rm"], e["personal_best"]) for e in history] == [(None, False)] * 4


def marks(out: str, typed: str) -> list[str]:
    """The new-best marks on the log line of the set shown as `typed`."""
    line = next(line for line in out.splitlines() if typed in line)
    return [part.strip() for part in line.split("*")[1:]]


def test_a_shorter_timed_hop_is_a_new_best_a_slower_one_is_not(tracker: Tracker) -> None:
    """Issue 25: the 6 m Timed Hop is lower-is-better, so the best is the shortest time."""
    first = tracker.ok("log", "6 m timed hop", "-l", "2.31s", "-r", "2.2s", "--at", "2 days ago")
    assert "new best" not in first.stdout  # nothing to beat yet
    out = tracker.ok("log", "6 m timed hop", "-l", "2.05s", "-r", "2.40s").stdout
    assert marks(out, "L 2.05") == ["new best time"]
    assert marks(out, "R 2.4") == []
    out = tracker.ok("log", "6 m timed hop", "-l", "2.06s", "--warmup", "-l", "1.9s").stdout
    assert marks(out, "L 2.06") == []  # slower than 2.05 s (and a warm-up)
    out = tracker.ok("log", "6 m timed hop", "-l", "2.04s", "-l", "2.049s").stdout
    assert marks(out, "L 2.04") == ["new best time"]  # the warm-up's 1.9 s set no bar
    assert marks(out, "L 2.049") == []  # the batch counts in order: 2.04 s came first


def test_a_longer_hop_for_distance_is_a_new_best_in_any_unit(tracker: Tracker) -> None:
    tracker.ok("log", "single-leg hop for distance", "-l", "1.42m", "-r", "1.55m",
               "--at", "2 days ago")
    out = tracker.ok("log", "single-leg hop for distance", "-l", "143cm", "-r", "1.55m").stdout
    assert marks(out, "L 1.43") == ["new best distance"]
    assert marks(out, "R 1.55") == []  # equal is no new best


def test_a_longer_plank_is_a_new_best(tracker: Tracker) -> None:
    tracker.ok("log", "plank", "60s", "--at", "2 days ago")
    out = tracker.ok("log", "plank", "1:15", "50s").stdout
    lines = [line for line in out.splitlines() if line.startswith("  #")]
    assert ["new best time" in line for line in lines] == [True, False]


def test_a_stale_open_session_is_closed_not_extended(tracker: Tracker) -> None:
    tracker.ok("session", "start", "--at", "yesterday 08:00")
    tracker.ok("log", "squat", "5x100", "--at", "yesterday 08:10")
    out = tracker.ok("log", "squat", "5x100").stdout
    assert "Closed session #1" in out and "Started session #2." in out
    sessions = json.loads(tracker.ok("session", "list", "--json").stdout)
    assert [s["sets"] for s in sessions] == [1, 1]
    assert sessions[1]["finished_at"] == sessions[1]["started_at"].replace("08:00", "08:10")


def test_a_finished_session_is_not_reopened(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("session", "finish")
    out = tracker.ok("log", "bench press", "5x80").stdout
    assert "Started session #2." in out


def test_back_dated_sets_share_one_finished_session(tracker: Tracker) -> None:
    for when in ("2 days ago", "2 days ago"):
        tracker.ok("log", "squat", "5x100", "--at", when)
    tracker.ok("log", "squat", "5x90", "--at", "3 days ago")  # more than 4 h apart: its own
    sessions = json.loads(tracker.ok("session", "list", "--json").stdout)
    assert [s["sets"] for s in sessions] == [2, 1]
    assert all(s["finished_at"] is not None for s in sessions)
    # Not "no open session": the session of the sets just logged is finished already.
    out = " ".join(tracker.ok("session", "finish").stdout.split())
    assert out.startswith("Session #2 is already finished, at its last set (")
    assert out.endswith("back-dated sets (--at) are stored in a finished session, and 4 hours "
                        "without a set finish one.")
    assert [s["finished_at"] for s in json.loads(
        tracker.ok("session", "list", "--json").stdout)] == [s["finished_at"] for s in sessions]


def test_a_set_before_the_open_session_moves_its_start(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("log", "squat", "5x90", "--at", "2 hours ago")
    (session,) = json.loads(tracker.ok("session", "list", "--json").stdout)
    assert session["sets"] == 2
    shown = tracker.json("session", "show")
    assert shown["started_at"] == shown["sets"][0]["performed_at"]  # sets in time order


def test_session_start_finish_and_list(tracker: Tracker) -> None:
    tracker.ok("session", "start", "--name", "Legs A")
    assert "still open" in tracker.fails("session", "start")
    tracker.ok("log", "leg press", "10x100")
    assert "Finished session #1: 1 set of 1 exercise" in tracker.ok("session", "finish").stdout
    assert "no open session" in tracker.fails("session", "finish")
    listing = tracker.ok("session", "list").stdout
    assert "Legs A" in listing
    assert "no session #99" in tracker.fails("session", "show", "99")


def test_undo_edit_and_delete(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100")
    tracker.ok("log", "slp", "-l", "10x60", "-r", "8x60")
    out = tracker.ok("undo").stdout
    assert out.startswith("Undid a log: removed 2 sets:")
    assert "Single Leg Press L 10 x 60 kg" in out
    assert set_count(tracker.url) == 1
    tracker.ok("set", "edit", "1", "12x102.5", "--rpe", "9", "--note", "easy")
    (only,) = tracker.json("session", "show")["sets"]
    assert (only["reps"], only["load"], only["rpe"], only["note"]) == (12, 102.5, 9, "easy")
    assert "bilateral" in tracker.fails("set", "edit", "1", "--side", "left")
    tracker.ok("set", "delete", "1", "--yes")
    assert "no set with id 1" in tracker.fails("set", "delete", "1", "--yes")
    assert "Undid a delete: restored 1 set" in tracker.ok("undo").stdout
    assert tracker.ok("undo").stdout.startswith(
        "Undid an edit; the set is again:\n  #1 Leg Press 10 x 100 kg, "
    )
    (back,) = tracker.json("session", "show")["sets"]
    assert (back["reps"], back["load"], back["rpe"], back["note"]) == (10, 100, None, None)
    assert "Undid a log: removed 1 set" in tracker.ok("undo").stdout
    assert set_count(tracker.url) == 0
    assert tracker.fails("undo") == ("Error: nothing more to undo: every recorded change is undone")


def test_every_query_is_scoped_to_one_lifter(tracker: Tracker) -> None:
    tracker.ok("lifter", "add", "ana", "--unit", "lb")
    tracker.ok("--lifter", "ana", "log", "leg press", "10x300")
    tracker.ok("log", "leg press", "10x100")
    assert [s["load"] for s in tracker.json("--lifter", "ana", "session", "show")["sets"]] == [300]
    assert tracker.json("--lifter", "ana", "session", "show")["sets"][0]["unit"] == "lb"
    assert [s["load"] for s in tracker.json("session", "show")["sets"]] == [100]
    assert 'no lifter named "bob"' in tracker.fails("--lifter", "bob", "session", "list")
    assert "ana (lb)" in tracker.ok("lifter", "list").stdout
    env_result = tracker.ok("session", "show", "--json", env={"TRACKER_LIFTER": "ana"})
    assert json.loads(env_result.stdout)["lifter"] == "ana"


def test_session_delete_removes_its_sets(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100", "5x100")
    assert tracker.ok("session", "delete", "1", "--yes").stdout == (
        "Deleted session #1 with 2 sets (tracker undo brings it back).\n"
    )
    assert set_count(tracker.url) == 0
    assert "no session #1" in tracker.fails("session", "delete", "1", "--yes")


def test_a_recent_set_inside_a_finished_session_joins_it(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100", "--at", "3 hours ago")
    tracker.ok("log", "squat", "5x110", "--at", "1 hour ago")
    tracker.ok("session", "finish")
    out = tracker.ok("log", "squat", "5x105", "--at", "2 hours ago").stdout
    assert "Started session" not in out
    sessions = json.loads(tracker.ok("session", "list", "--json").stdout)
    assert [s["sets"] for s in sessions] == [3]


def test_undo_removes_a_session_that_held_only_those_sets(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100", "--at", "2 days ago")
    tracker.ok("undo")
    assert json.loads(tracker.ok("session", "list", "--json").stdout) == []
