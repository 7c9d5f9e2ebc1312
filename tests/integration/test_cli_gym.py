"""`tracker gym` through the piped path (a plain line reader), on both engines."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal as D
from typing import Any

import pytest

from tests.helpers.cli import Tracker
from tests.helpers.stored import move_session_back, open_sessions, stored_sets, wipe_log
from tracker.cli.context import App
from tracker.cli.gym.commands import GymShell
from tracker.cli.params import local_now
from tracker.services.gym import open_gym


def gym(tracker: Tracker, *lines: str, args: tuple[str, ...] = ()) -> tuple[str, str]:
    result = tracker("gym", *args, input="".join(f"{line}\n" for line in lines))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result.stdout, result.stderr


def legs_routine(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100", "10x120", "8x140")
    tracker.ok("session", "finish")
    tracker.ok("routine", "add", "Legs A")
    tracker.ok("routine", "add-exercise", "legs a", "single leg press", "--sets", "2")
    tracker.ok("routine", "add-exercise", "legs a", "leg press", "--sets", "1", "--reps", "8-10")


def test_log_arguments_log_and_print_exactly_what_tracker_log_does(tracker: Tracker) -> None:
    args = ["single leg press", "-l", "10x60@8", "-r", "8x60", "--note", "seat 5"]
    expected = tracker.ok("log", *args).stdout
    rows = stored_sets(tracker.url)
    wipe_log(tracker.url)
    out, err = gym(tracker, shlex.join(args))
    assert err == ""
    # gym opens the session itself (and says so first); every line after is the same,
    # set ids included.
    started, _, logged = expected.partition("\n")
    assert started == "Started session #1."
    assert out.startswith("Started session #1. Type help for help.\n" + logged)
    assert stored_sets(tracker.url) == rows


def test_spec_and_side_lines_log_to_the_current_exercise(tracker: Tracker) -> None:
    out, err = gym(tracker, "single leg press", "-l 10x60 -r 10x62.5", "l 9x60", "r 8x62.5@9")
    assert err == ""
    rows = [(name, side, reps, load, rpe) for _, name, side, reps, load, _, rpe, _, _ in
            stored_sets(tracker.url)]
    assert rows == [
        ("Single Leg Press", "left", 10, D(60), None),
        ("Single Leg Press", "right", 10, D("62.5"), None),
        ("Single Leg Press", "left", 9, D(60), None),
        ("Single Leg Press", "right", 8, D("62.5"), D(9)),
    ]
    # Live feedback: each completed pair's LSI; 10x60 against 10x62.5 is 96.0.
    assert "  Pair LSI 96.0\n" in out
    assert out.count("Pair LSI") == 2
    assert out.rstrip().endswith("Finished session #1: 4 sets of 1 exercise.")
    assert open_sessions(tracker.url) == []


def test_enter_completes_a_side_typed_alone_on_a_first_time(tracker: Tracker) -> None:
    """No target yet (never logged): Enter repeats the side just typed on the other side,
    in its own unit; with the sides level there is still nothing to plan."""
    out, err = gym(tracker, "single leg press", "l 10x50lb", "", "", "r 8x40", "")
    rows = [(side, reps, load, unit) for _, _, side, reps, load, unit, *_ in
            stored_sets(tracker.url)]
    assert rows == [
        ("left", 10, D(50), "lb"), ("right", 10, D(50), "lb"),
        ("right", 8, D(40), "kg"), ("left", 8, D(40), "kg"),
    ]
    assert "#2 R 10 x 50 lb" in out and "#4 L 8 x 40 kg" in out
    assert err == (
        "Error: no target for Single Leg Press yet: type the set, e.g. -l 8x60 -r 8x60\n"
    )


def test_weak_pair_gets_the_cue(tracker: Tracker) -> None:
    out, _ = gym(tracker, "slp -l 10x50 -r 10x60")
    assert "Pair LSI 83.3 (left weaker): Start each set with your weaker side" in out


def test_routine_enter_logs_planned_pairs_weaker_side_first(tracker: Tracker) -> None:
    legs_routine(tracker)
    # Last time the right side was weaker: it goes first.
    tracker.ok("log", "slp", "-l", "10x60", "-r", "8x60")
    tracker.ok("session", "finish")
    out, err = gym(tracker, "", "", "", args=("legs a",))
    assert err == ""
    assert "Single Leg Press (1/2): 0 of 2 pairs done" in out
    # Double progression per side from suggest: hold the load, add a rep.
    assert "  Target: L 11 x 60 kg; R 9 x 60 kg (progression)" in out
    assert "  Last (" in out and "L 10 x 60 kg; R 8 x 60 kg" in out
    assert "Enter logs: R 9 x 60 kg then L 11 x 60 kg" in out
    rows = [(name, side, reps, load) for _, name, side, reps, load, *_ in stored_sets(tracker.url)]
    assert rows[5:] == [
        ("Single Leg Press", "right", 9, D(60)),
        ("Single Leg Press", "left", 11, D(60)),
        ("Single Leg Press", "right", 9, D(60)),
        ("Single Leg Press", "left", 11, D(60)),
        ("Leg Press", None, 9, D(140)),  # the progression's target, inside the routine's 8-10
    ]
    assert "Pair LSI 95.1" in out
    assert "R new best: most reps at this load" in out
    assert "Leg Press (2/2): 0 of 1 set done" in out
    assert "Routine done: type done to finish." in out


def test_start_target_uses_suggest_and_routine_reps(tracker: Tracker) -> None:
    legs_routine(tracker)
    tracker.ok("routine", "edit", "legs a", "--item", "1", "--reps", "12-15")
    out, _ = gym(tracker, "", args=("legs a",))
    # 40-50% of the 140 kg Leg Press top set is 56-70 kg: its lowest 5 kg machine step, 60 kg.
    assert "  Target: L 12 x 60 kg; R 12 x 60 kg (start)" in out
    rows = [(side, reps, load) for _, _, side, reps, load, *_ in stored_sets(tracker.url)][3:]
    assert rows == [("left", 12, D(60)), ("right", 12, D(60))]


def test_piped_session_resumes_with_routine_and_sets(tracker: Tracker) -> None:
    legs_routine(tracker)
    tracker.ok("routine", "add", "Other")
    # A session interrupted (no done, no end of input reached): simulate with a routine start
    # and sets, then a second gym process that resumes.
    from tracker.cli.context import App
    from tracker.cli.params import local_now
    from tracker.services.gym import open_gym

    app = App(db=tracker.url, lifter=None)
    status = open_gym(app.uow(), None, "legs a", local_now())
    app.close()
    tracker.ok("log", "slp", "-l", "10x55", "-r", "10x55")
    out, _ = gym(tracker, "show")
    assert f"Resumed session #{status.session_id}, routine Legs A, 2 sets so far." in out
    assert " >1. Single Leg Press 1/2" in out


def test_commands_skip_next_rest_plates_note_undo_help(tracker: Tracker) -> None:
    legs_routine(tracker)
    out, err = gym(
        tracker,
        "help",
        "plates 102.5",
        "rest 75",
        "-l 10x55 -r 10x55",
        "note seat at 5",
        "undo",  # the note, on both sets at once (one change)
        "undo",  # the pair itself
        "next",  # item 1 -> item 2
        "next",  # wraps round to item 1, still to do
        "skip",  # item 1 skipped -> item 2
        "next",  # nothing else left
        "skip",
        args=("legs a",),
    )
    # Single Leg Press is a machine with no sled here: as tracker plates --exercise says.
    sled = tracker.fails("plates", "102.5", "--exercise", "single leg press")
    assert err.replace("\n    ", " ") == (
        f"{sled}\nError: Leg Press is the last exercise left: skip it or type done\n"
    )
    assert "undo, redo, note TEXT, skip, next, plates LOAD," in out
    assert "Rest for Single Leg Press: 1:15." in out
    assert "Noted on 2 sets." in out
    assert out.count("Undid an edit; the set is again:") == 1
    assert "Undid a log: removed 2 sets:" in out
    assert "Leg Press (2/2): 0 of 1 set done" in out  # next: from item 1 to item 2
    assert "Skipped Single Leg Press." in out and "Skipped Leg Press." in out
    assert "Routine done: type done to finish." in out
    assert stored_sets(tracker.url)[3:] == []
    # rest is remembered for the exercise
    out, _ = gym(tracker, "slp")
    assert "Rest 1:15." in out


def test_plates_follow_the_current_exercises_equipment(tracker: Tracker) -> None:
    # A machine without its sled: never barbell maths, but what tracker plates says.
    asks = tracker.fails("plates", "107.5", "--exercise", "leg press")
    out, err = gym(tracker, "leg press", "plates 107.5")
    assert err.replace("\n    ", " ") == asks + "\n" and "bar 20" not in out
    tracker.ok("exercises", "edit", "leg press", "--sled", "50")
    sled = tracker.ok("plates", "107.5", "--exercise", "leg press").stdout
    assert sled == "107.5 kg: per horn 25 + 25 + 2.5 + 1.25 (sled not counted)\n"
    out, err = gym(tracker, "leg press", "plates 107.5", "dumbbell bench press", "plates 100")
    assert err == ""
    assert f"  Rest 2:00.\n{sled}" in out
    # Dumbbells take no plates: a barbell's, said so.
    assert "(Dumbbell Bench Press takes no plates; on a barbell:)\n100 kg: bar 20" in out


def test_note_goes_on_the_last_line(tracker: Tracker) -> None:
    gym(tracker, "leg press 10x100", "note felt easy")
    assert [row[7] for row in stored_sets(tracker.url)] == ["felt easy"]


def test_a_note_is_one_change_that_undo_and_redo_take_whole(tracker: Tracker) -> None:
    out, err = gym(tracker, "slp -l 10x60 -r 10x60", "note seat 5", "undo", "redo", "undo")
    assert err == ""
    noted = out[out.index("Noted on"):].splitlines()
    assert [re.sub(r", \d{4}-\d{2}-\d{2} \d{2}:\d{2}$", "", line) for line in noted] == [
        "Noted on 2 sets.",
        "Undid an edit; the set is again:",
        "  #1 Single Leg Press L 10 x 60 kg",
        "  #2 Single Leg Press R 10 x 60 kg",
        "Redid your tracker set edit.",
        "Back as they were: 2 sets:",
        '  #1 Single Leg Press L 10 x 60 kg ("seat 5")',
        '  #2 Single Leg Press R 10 x 60 kg ("seat 5")',
        "Undid an edit; the set is again:",
        "  #1 Single Leg Press L 10 x 60 kg",
        "  #2 Single Leg Press R 10 x 60 kg",
        "Finished session #1: 2 sets of 1 exercise.",
    ]
    assert [row[7] for row in stored_sets(tracker.url)] == [None, None]


def test_undoing_a_note_after_done_leaves_the_session_finished(tracker: Tracker) -> None:
    gym(tracker, "slp -l 10x60 -r 10x60", "note seat 5", "done")
    undone = tracker.ok("undo").stdout
    assert undone.startswith("Undid an edit; the set is again:\n  #1 Single Leg Press L 10 x 60")
    assert [row[7] for row in stored_sets(tracker.url)] == [None, None]
    assert open_sessions(tracker.url) == []
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 2 sets:")


def test_errors_are_one_line_and_the_session_goes_on(tracker: Tracker) -> None:
    out, err = gym(
        tracker,
        "10x100",
        "leg press 10xabc",
        "slp 10x60",
        "nonsense exercise 10x60",
        "rest forever",
        "leg press 10x100",
    )
    lines = err.strip().splitlines()
    assert len(lines) == 5 and all(line.startswith("Error: ") for line in lines)
    assert lines[0] == "Error: no current exercise: type its name first, e.g. single leg press"
    assert "Single Leg Press is unilateral" in lines[2]
    assert [row[1:5] for row in stored_sets(tracker.url)] == [("Leg Press", None, 10, D(100))]


def test_empty_input_keeps_no_session(tracker: Tracker) -> None:
    out, _ = gym(tracker)
    assert "Nothing logged: no session kept." in out
    assert open_sessions(tracker.url) == []


def test_done_finishes_and_ignores_the_rest(tracker: Tracker) -> None:
    out, _ = gym(tracker, "leg press 10x100", "done", "leg press 10x200")
    assert len(stored_sets(tracker.url)) == 1
    assert "Finished session #1: 1 set of 1 exercise." in out


def test_new_bests_per_side(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60")
    tracker.ok("session", "finish")
    out, _ = gym(tracker, "slp -l 10x65 -r 12x60")
    assert "L new best: heaviest" in out
    assert "R new best: most reps at this load" in out
    assert "new best e1RM" in out


def test_a_bodyweight_best_in_the_gym_is_the_reports(tracker: Tracker) -> None:
    """Bodyweight sets weighed with the weigh-in at their time, line after line (on SQLite
    the prompt keeps its bests between lines): a mark where report history has a PB."""
    tracker.ok("bodyweight", "add", "80", "--at", "3 days ago")
    tracker.ok("log", "pistol", "-l", "5xBW", "-r", "8xBW+10", "--at", "2 days ago")
    out, err = gym(tracker, "pistol -l 6xBW -r 2xBW+20", "pistol -l 7xBW -r 3xBW+20",
                   "pistol -l 6xBW+1 -r 1xBW+40")
    assert err == ""
    assert [line for line in out.splitlines() if line.startswith("  #")] == [
        "  #3 L 6 x BW  * new best e1RM",  # 96 beats 93.33
        "  #4 R 2 x BW+20 kg",  # 106.67 is below 114
        "  #5 L 7 x BW  * new best e1RM",  # 98.67 beats 96, logged a line before
        "  #6 R 3 x BW+20 kg",  # 110
        "  #7 L 6 x BW+1 kg",  # 97.2
        "  #8 R 1 x BW+40 kg  * new best e1RM",  # 120 beats 114
    ]
    history = tracker.json("report", "history", "pistol")["sessions"]
    assert [(e["side"], e["best_e1rm"], e["personal_best"]) for e in history] == [
        ("left", 93.33, True), ("right", 114.0, True),
        ("left", 98.67, True), ("right", 120.0, True),
    ]


def test_new_time_and_distance_bests_per_side(tracker: Tracker) -> None:
    """Issue 25: the gym logs through `tracker log`, so its lines carry the same marks."""
    tracker.ok("log", "6 m timed hop", "-l", "2.31s", "-r", "2.2s")
    tracker.ok("log", "single hop", "-l", "1.42m", "-r", "1.55m")
    tracker.ok("session", "finish")
    out, _ = gym(tracker, "timed hop -l 2.05s -r 2.40s", "single hop -l 1.4m -r 156cm")
    lines = [line for line in out.splitlines() if "new best" in line]
    assert len(lines) == 2, out
    assert "L 2.05 s" in lines[0] and lines[0].endswith("* new best time")
    assert "R 1.56 m" in lines[1] and lines[1].endswith("* new best distance")
    # A hop pair is judged like any pair, but without the cue to match reps it has none of.
    assert "  Pair LSI 85.4 (right weaker)\n" in out
    assert "match its reps" not in out


def test_plates_command_and_config(tracker: Tracker) -> None:
    assert tracker.ok("plates", "100").stdout == "100 kg: bar 20 + per side 25 + 15\n"
    tracker.ok("config", "set", "plates", "20x2,10x2,5x2,2.5x2")
    tracker.ok("config", "set", "bar", "15kg")
    data = tracker.json("plates", "100")
    assert data == {
        "exercise": None, "equipment": "barbell", "unit": "kg", "target": 100, "total": 90,
        "exact": False, "bar": 15, "per_side": [20, 10, 5, 2.5],
    }
    out = tracker.ok("plates", "100").stdout
    assert out.splitlines()[0] == "100 kg can't be made with your plates; nearest: 90 kg"
    settings = tracker.ok("config", "get").stdout
    assert "bar = 15 kg  (gym-wide)\n" in settings
    assert "plates = 20x2,10x2,5x2,2.5x2 kg  (gym-wide)\n" in settings
    tracker.ok("exercises", "edit", "leg press", "--sled", "50")
    # Single Leg Press takes its parent's sled: plates per horn for the load as logged.
    assert tracker.ok("plates", "70", "--exercise", "slp").stdout == (
        "70 kg: per horn 20 + 10 + 5 (sled not counted)\n"
    )


def test_plates_errors(tracker: Tracker) -> None:
    assert tracker.fails("plates", "heavy") == (
        'Error: can\'t read load "heavy": give a load such as 100 or 225lb'
    )
    assert tracker.fails("config", "set", "plates", "25,abc") == (
        'Error: can\'t read plate "abc": give a weight such as 2.5'
    )
    # A dumbbell has no sled to set (the advice to set one gave "per horn 15" once followed).
    assert tracker.fails("plates", "20", "--exercise", "dumbbell curl") == (
        "Error: Dumbbell Curl is loaded without plates (dumbbell): there are no plates to work out"
    )
    assert tracker.fails("plates", "20", "--exercise", "leg extension") == (
        "Error: Leg Extension is loaded without plates (machine); a plate-loaded machine needs "
        'its sled: tracker exercises edit "Leg Extension" --sled 0'
    )


def test_logging_another_routine_item_by_name_moves_the_routine(tracker: Tracker) -> None:
    legs_routine(tracker)
    tracker.ok("routine", "edit", "legs a", "--item", "2", "--sets", "2")
    out, err = gym(tracker, "leg press 8x140", "9x140", "show", args=("legs a",))
    assert err == ""
    # The second line went to Leg Press (now current), not to the first item.
    assert [row[1:5] for row in stored_sets(tracker.url)][3:] == [
        ("Leg Press", None, 8, D(140)),
        ("Leg Press", None, 9, D(140)),
    ]
    # Done with the last item, the routine wraps round to the first, still to do.
    assert "  Leg Press: 2 of 2 sets done\n  Next: Single Leg Press" in out
    assert " >1. Single Leg Press 0/2" in out


def test_unknown_routine_is_one_line_and_starts_nothing(tracker: Tracker) -> None:
    assert tracker.fails("gym", "nope", "--no-timer", input="") == (
        'Error: no routine named "nope" (routines: none yet); add one with: '
        'tracker routine add "nope"'
    )
    assert open_sessions(tracker.url) == [] and stored_sets(tracker.url) == []


def test_plates_in_pounds(tracker: Tracker) -> None:
    tracker.ok("config", "set", "unit", "lb")
    assert tracker.ok("plates", "225").stdout == "225 lb: bar 45 + per side 45 + 45\n"
    # A load in the other unit is converted exactly: 100 kg is 220.46 lb, nearest 220.
    assert tracker.ok("plates", "100kg").stdout.splitlines() == [
        "220.46 lb can't be made with your plates; nearest: 220 lb",
        "220 lb: bar 45 + per side 45 + 35 + 5 + 2.5",
    ]
    tracker.ok("config", "set", "bar", "35lb")
    assert tracker.json("plates", "135")["per_side"] == [45, 5]


def test_a_name_that_starts_with_a_number_is_a_name(tracker: Tracker) -> None:
    out, err = gym(tracker, "45 degree leg press", "10x100", "1 arm dumbbell row -l 10x30 -r 10x30")
    assert err == ""
    assert [row[1:5] for row in stored_sets(tracker.url)] == [
        ("Leg Press", None, 10, D(100)),
        ("One-Arm Dumbbell Row", "left", 10, D(30)),
        ("One-Arm Dumbbell Row", "right", 10, D(30)),
    ]


def test_a_dumbbell_target_says_what_its_load_is_per(tracker: Tracker) -> None:
    tracker.ok("log", "back squat", "5x100", "--at", "2 days ago")
    out, _ = gym(tracker, "bulgarian split squat")
    assert "  Target: L 8 x 14 kg; R 8 x 14 kg (start, per dumbbell, 2 held)" in out


def test_enter_logs_a_bodyweight_target_as_body_weight_plus_or_minus(tracker: Tracker) -> None:
    tracker.ok("log", "dips", "8xBW+10")
    tracker.ok("log", "pull-up", "8xBW-20")
    tracker.ok("session", "finish")
    out, err = gym(tracker, "dips", "", "pull-up", "", "done")
    assert err == ""
    assert "  Target: 9 x BW+10 kg (progression)" in out
    assert "Enter logs: 9 x BW-20 kg" in out
    # Stored as typed at the gym: 9xBW+10 and 9xBW-20, not a 10 kg or 20 kg set.
    shown = tracker.ok("session", "show", "last").stdout
    assert "9 x BW+10 kg" in shown and "9 x BW-20 kg" in shown


def _stored_targets(url: str, value: dict[str, Any] | None = None) -> dict[str, Any]:
    """gym_state.targets of the one open session as stored JSON, after writing ``value``."""
    import sqlalchemy as sa

    table = sa.table("gym_state", sa.column("targets", sa.JSON))
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            if value is not None:
                conn.execute(table.update().values(targets=value))
            stored: dict[str, Any] = conn.execute(sa.select(table.c.targets)).scalar_one()
            return stored
    finally:
        engine.dispose()


def test_targets_stored_before_the_typed_column_still_load_and_keep_their_form(
    tracker: Tracker,
) -> None:
    from tracker.cli.context import App
    from tracker.cli.params import local_now
    from tracker.services.gym import open_gym

    # The target comes from the sessions before the gym's (not from sets logged in it).
    tracker.ok("log", "leg press", "10x100", "--at", "2 days ago")
    app = App(db=tracker.url, lifter=None)
    open_gym(app.uow(), None, None, local_now())
    app.close()
    # Written as gym mode has stored targets since revision 0005.
    old = {
        "Bench Press": {"target": {"kind": "progression", "unit": "kg",
                                   "sides": {"both": ["57.5", 7]}}, "cue": None},
        "Single Leg Press": {"target": {"kind": "start", "unit": "kg",
                                        "sides": {"left": ["40", 8], "right": ["40", 8]}},
                             "cue": "Start each set with your weaker side."},
        "Back Squat": {"target": None, "no_target": "Back Squat has no history yet"},
    }
    _stored_targets(tracker.url, old)
    # Enter logs Leg Press's target: the session is kept, with its targets.
    out, _ = gym(tracker, "bench", "slp", "back squat", "leg press", "")
    assert "  Target: 7 x 57.5 kg (progression)" in out
    assert "  Target: L 8 x 40 kg; R 8 x 40 kg (start)" in out
    assert "Start each set with your weaker side." in out
    assert "  Target: none yet (no history to go on)" in out
    # Leg Press got its target now; the column was written again, the old entries unchanged.
    stored = _stored_targets(tracker.url)
    assert {name: stored[name] for name in old} == old
    assert stored["Leg Press"] == {
        "target": {"kind": "progression", "unit": "kg", "sides": {"both": ["100", 11]}},
        "cue": None,
    }


def finished_item_routine(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100")
    tracker.ok("session", "finish")
    tracker.ok("routine", "add", "R")
    tracker.ok("routine", "add-exercise", "R", "leg press", "--sets", "2")
    tracker.ok("routine", "add-exercise", "R", "single leg press", "--sets", "1")


def test_naming_a_finished_routine_item_makes_it_current(tracker: Tracker) -> None:
    """Its item done, Single Leg Press named (alias or full name) is still the one current:
    more sets go to it and Enter logs its next planned pair, not the routine's open item."""
    finished_item_routine(tracker)
    out, err = gym(
        tracker, "slp", "-l 10x50 -r 10x50", "slp", "", "single leg press", "l 9x50", "next",
        args=("R",),
    )
    assert err == ""
    rows = [row[1:5] for row in stored_sets(tracker.url)][1:]
    assert rows == [
        ("Single Leg Press", "left", 10, D(50)), ("Single Leg Press", "right", 10, D(50)),
        ("Single Leg Press", "left", 8, D(40)), ("Single Leg Press", "right", 8, D(40)),
        ("Single Leg Press", "left", 9, D(50)),
    ]
    # Each name printed its header, not Leg Press's (shown when the item was done, and after
    # next); Enter then logs its next planned pair.
    headers = [line for line in out.splitlines() if re.match(r"\S.* \(\d/2\): ", line)]
    assert headers == [
        "Leg Press (1/2): 0 of 2 sets done",
        "Single Leg Press (2/2): 0 of 1 pair done",
        "Leg Press (1/2): 0 of 2 sets done",
        "Single Leg Press (2/2): 1 of 1 pair done",
        "Single Leg Press (2/2): 1 of 1 pair done, 1 extra",
        "Leg Press (1/2): 0 of 2 sets done",
    ]
    assert "Rest 2:00. Enter logs: L 8 x 40 kg then R 8 x 40 kg\nSingle Leg Press\n" in out
    # Extra sets leave the routine where it was: next goes back to it.
    assert "  Single Leg Press: 1 of 1 pair done, 1 extra\n" in out
    assert "  Type next to go back to the routine (Leg Press).\n" in out


def test_logging_a_finished_routine_item_by_name_keeps_it_current(tracker: Tracker) -> None:
    finished_item_routine(tracker)
    out, err = gym(tracker, "slp -l 10x50 -r 10x50", "slp -l 9x50 -r 9x50", "", args=("R",))
    assert err == ""
    rows = [row[1:5] for row in stored_sets(tracker.url)][5:]
    assert rows == [("Single Leg Press", "left", 8, D(40)), ("Single Leg Press", "right", 8, D(40))]


def measured_history(tracker: Tracker) -> None:
    tracker.ok("log", "plank", "60s", "1:30")
    tracker.ok("log", "treadmill", "30min", "5km")
    tracker.ok("log", "suitcase carry", "-l", "40mx24", "-r", "40mx24")
    tracker.ok("session", "finish")


def test_last_time_shows_timed_and_distance_sets_as_log_does(tracker: Tracker) -> None:
    measured_history(tracker)
    out, err = gym(tracker, "plank", "treadmill", "suitcase carry")
    assert err == ""
    last = [line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("  Last (")]
    assert last == ["1:00, 1:30", "30:00, 5 km", "L 40 m x 24 kg; R 40 m x 24 kg"]
    assert " 0 x " not in out
    assert "Target: none for timed sets; type the set, e.g. 60s" in out
    assert "Target: none for distance sets; type the set, e.g. -l 40mx24 -r 40mx24" in out


def test_enter_never_logs_rep_sets_for_timed_or_distance_exercises(tracker: Tracker) -> None:
    measured_history(tracker)
    out, err = gym(tracker, "plank", "", "suitcase carry", "", "l 40mx24", "", "")
    # Enter on a first side mirrors it on the other, as a time or distance, never 0 reps.
    assert "#7 L 40 m x 24 kg" in out and "#8 R 40 m x 24 kg" in out
    rows = [row[1:6] for row in stored_sets(tracker.url)][6:]
    assert rows == [
        ("Suitcase Carry", "left", 0, D(24), "kg"), ("Suitcase Carry", "right", 0, D(24), "kg")
    ]
    assert err.splitlines() == [
        "Error: no target for Plank (timed sets): type the set, e.g. 60s",
        *["Error: no target for Suitcase Carry (distance sets): type the set, e.g. -l 40mx24 -r "
          "40mx24"] * 2,
    ]  # fmt: skip


def test_enter_without_a_target_hints_a_set_in_the_exercises_own_syntax(tracker: Tracker) -> None:
    """Issue 23 item 4: a hold, cardio, a unilateral lift and a carry each hint a set typed
    their own way, and following the hint logs it; Plank, logged today, has history."""
    tracker.ok("log", "plank", "60s")
    names = ("plank", "treadmill", '"single leg press"', '"suitcase carry"')
    out, err = gym(tracker, *[line for name in names for line in (name, "")])
    assert err.splitlines() == [
        "Error: no target for Plank (timed sets): type the set, e.g. 60s",
        "Error: no target for Treadmill Run (timed sets): type the set, e.g. 30min",
        "Error: no target for Single Leg Press yet: type the set, e.g. -l 8x60 -r 8x60",
        "Error: no target for Suitcase Carry (distance sets): type the set, e.g. -l 40mx24 -r "
        "40mx24",
    ]
    targets = [line for line in out.splitlines() if line.startswith("  Target:")]
    assert targets == [
        "  Target: none for timed sets; type the set, e.g. 60s",
        "  Target: none for timed sets; type the set, e.g. 30min",
        "  Target: none yet (no history to go on); type the set, e.g. -l 8x60 -r 8x60",
        "  Target: none for distance sets; type the set, e.g. -l 40mx24 -r 40mx24",
    ]
    hints = [
        "plank 60s",
        "treadmill 30min",
        "slp -l 8x60 -r 8x60",
        "suitcase carry -l 40mx24 -r 40mx24",
    ]
    out, err = gym(tracker, *hints)
    assert err == ""
    assert len(stored_sets(tracker.url)) == 7


def test_a_hop_test_and_a_hold_hint_their_own_figures(tracker: Tracker) -> None:
    """A hop test is hinted as a hop's time or distance, not a minute's hold; once done, the
    hint is the last set's own figure, each side its own (a 2.1 s and a 2.4 s hop, a 45 s
    plank), not the exercise's."""
    hops = ("6 m timed hop", "single-leg hop for distance")
    out, err = gym(tracker, *[line for name in hops for line in (name, "")])
    assert err.splitlines() == [
        "Error: no target for 6 m Timed Hop (timed sets): type the set, e.g. -l 2.3s -r 2.3s",
        "Error: no target for Single-Leg Hop for Distance (distance sets): type the set, e.g. "
        "-l 1.5m -r 1.5m",
    ]
    tracker.ok("log", "6 m timed hop", "-l", "2.1s", "-r", "2.4s")
    tracker.ok("log", "plank", "45s")
    tracker.ok("session", "finish")
    out, err = gym(tracker, "6 m timed hop", "", "plank", "")
    targets = [line for line in out.splitlines() if line.startswith("  Target:")]
    assert targets == [
        "  Target: none for timed sets; type the set, e.g. -l 2.1s -r 2.4s",
        "  Target: none for timed sets; type the set, e.g. 45s",
    ]
    assert err.splitlines() == [
        "Error: no target for 6 m Timed Hop (timed sets): type the set, e.g. -l 2.1s -r 2.4s",
        "Error: no target for Plank (timed sets): type the set, e.g. 45s",
    ]


def test_error_lines_wrap_at_words_to_the_terminal(tracker: Tracker) -> None:
    result = tracker("gym", input="leg press\n30s\nnote\n", env={"COLUMNS": "60"})
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: ") and len(lines) > 2
    assert all(len(line) <= 60 for line in lines), lines
    # Broken between words only: joined back, the message is whole.
    joined = " ".join(line.strip() for line in lines)
    assert "done with a machine: write the load" in joined


def test_a_target_shows_each_side_on_its_own_terms(tracker: Tracker) -> None:
    """One side logged as a plain load, the other against body weight: the gym's target and
    what Enter logs keep each side's terms, as suggest gives them."""
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("log", "single-arm cable row", "-l", "8x175", "-r", "8xBW+10", "--yes")
    tracker.ok("session", "finish")
    out, err = gym(tracker, "single-arm cable row", "", "done")
    assert err == ""
    assert "  Target: L 10 x 175 lb; R 10 x BW+10 lb (progression)" in out
    shown = tracker.ok("session", "show", "last").stdout
    assert "10 x 175 lb" in shown and "10 x BW+10 lb" in shown and "BW+175" not in shown


@pytest.fixture
def shell_of(tracker: Tracker) -> Iterator[Callable[..., GymShell]]:
    """A piped gym prompt in this process (as `tracker gym` makes it), to write to the
    database between its lines."""
    apps: list[App] = []

    def make(routine: str | None = None) -> GymShell:
        apps.append(App(db=tracker.url, lifter=None))
        status = open_gym(apps[-1].uow(), None, routine, local_now())
        return GymShell(apps[-1], status, interactive=False, timer=None)

    yield make
    for app in apps:
        app.close()


def lines_of(shell: GymShell, capsys: pytest.CaptureFixture[str], line: str) -> list[str]:
    capsys.readouterr()
    shell.handle(line)
    shell.print_header()
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


def test_a_prompt_idle_past_the_gap_goes_on_with_the_session_its_line_started(
    tracker: Tracker, shell_of: Callable[..., GymShell], capsys: pytest.CaptureFixture[str]
) -> None:
    shell = shell_of()
    lines_of(shell, capsys, "slp -l 10x60 -r 10x60")
    move_session_back(tracker.url, 1, timedelta(hours=5))  # left idle for 5 hours
    logged = lines_of(shell, capsys, "-l 10x50 -r 10x60")
    assert [re.sub(r"\(\d{4}-\d{2}-\d{2}\)", "(DAY)", line) for line in logged] == [
        "Closed session #1 (no sets for 4 hours).",
        "Started session #2.",
        "Single Leg Press",
        "  #3 L 10 x 50 kg",
        "  #4 R 10 x 60 kg",
        "  Last time (DAY): L 10 x 60 kg; R 10 x 60 kg",
        "  Pair LSI 83.3 (left weaker): Start each set with your weaker side and match its "
        "reps on the stronger side.",
    ]
    # The prompt works on session #2 now: its sets, and done finishes it.
    assert lines_of(shell, capsys, "show")[0] == "Session #2: 2 sets so far."
    assert lines_of(shell, capsys, "done") == ["Finished session #2: 2 sets of 1 exercise."]
    assert open_sessions(tracker.url) == []
    assert [row[8] for row in stored_sets(tracker.url)] == [1, 1, 2, 2]


def test_a_session_closed_from_another_terminal_is_left_for_the_open_one(
    tracker: Tracker, shell_of: Callable[..., GymShell], capsys: pytest.CaptureFixture[str]
) -> None:
    tracker.ok("routine", "add", "Legs A")
    tracker.ok("routine", "add-exercise", "legs a", "single leg press", "--sets", "2")
    tracker.ok("routine", "add-exercise", "legs a", "leg press", "--sets", "1")
    shell = shell_of("legs a")
    lines_of(shell, capsys, "slp -l 10x60 -r 10x60")
    tracker.ok("session", "finish")
    tracker.ok("log", "bench press", "5x80")  # starts session #2 there
    logged = lines_of(shell, capsys, "-l 10x60 -r 10x60")
    assert [re.sub(r"\(\d{4}-\d{2}-\d{2}\)", "(DAY)", line) for line in logged] == [
        "Single Leg Press",
        "  #4 L 10 x 60 kg",
        "  #5 R 10 x 60 kg",
        "  Last time (DAY): L 10 x 60 kg; R 10 x 60 kg",
        "  Session #1 was closed: these sets and the next go to session #2.",
        "  Pair LSI 100.0",
        "  Single Leg Press: 1 of 2 pairs done",
    ]
    assert lines_of(shell, capsys, "done") == ["Finished session #2: 3 sets of 2 exercises."]
    assert [row[8] for row in stored_sets(tracker.url)] == [1, 1, 2, 2, 2]
    assert open_sessions(tracker.url) == []


def header(out: str, exercise: str) -> list[str]:
    """The lines the prompt shows for an exercise, its last date written DATE."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(exercise))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("  Rest "))
    return [re.sub(r"\(\d{4}-\d\d-\d\d\)", "(DATE)", line) for line in lines[start : end + 1]]


def test_a_routines_rep_range_decides_when_the_load_goes_up(tracker: Tracker) -> None:
    """The routine's 12-15 overrides the leg press's own 8-12: 12 reps is its bottom (add a
    rep), not the top (add load); its 8-10 makes 10 reps the top, where the exercise's range
    would hold 100 kg and the old clamp kept the lifter at 10 x 100 for ever."""
    tracker.ok("routine", "add", "Pump")
    tracker.ok("routine", "add-exercise", "Pump", "leg press", "--sets", "2", "--reps", "12-15")
    tracker.ok("routine", "add", "Heavy")
    tracker.ok("routine", "add-exercise", "Heavy", "leg press", "--sets", "2", "--reps", "8-10")
    tracker.ok("log", "leg press", "12x100", "12x100", "--at", "2 days ago")
    out, err = gym(tracker, "", "done", args=("pump",))
    assert err == ""
    assert header(out, "Leg Press (1/1)") == [
        "Leg Press (1/1): 0 of 2 sets done",
        "  Target: 13 x 100 kg (progression)",
        "  Last (DATE): 12 x 100 kg, 12 x 100 kg",
        "  Rest 2:00. Enter logs: 13 x 100 kg",
    ]
    assert [(reps, load) for _, _, _, reps, load, *_ in stored_sets(tracker.url)][2:] == [
        (13, D(100))
    ]
    wipe_log(tracker.url)
    tracker.ok("log", "leg press", "10x100", "10x100", "--at", "2 days ago")
    out, err = gym(tracker, "done", args=("heavy",))
    assert err == ""
    assert header(out, "Leg Press (1/1)")[1] == "  Target: 8 x 105 kg (progression)"
    # `tracker suggest` keeps the exercise's own 8-12: hold 100 kg, aim for 11 reps.
    answer = tracker.json("suggest", "leg press")
    assert (answer["suggested"], answer["reps_target"]) == (100, 11)


def test_the_target_is_last_times_not_from_sets_logged_before_the_prompt(
    tracker: Tracker,
) -> None:
    """Squats logged earlier today, then `tracker gym` in the same session: the target comes
    from the session "Last" shows (both sets at the top of 5-8: one step up), not 5 x 80."""
    tracker.ok("log", "squat", "8x100", "8x100", "--at", "3 days ago")
    tracker.ok("log", "squat", "5x80")
    out, err = gym(tracker, "squat", "done")
    assert err == ""
    assert header(out, "Back Squat") == [
        "Back Squat",
        "  Target: 5 x 102.5 kg (progression)",
        "  Last (DATE): 8 x 100 kg, 8 x 100 kg",
        "  Plates: 102.5 kg: bar 20 + per side 25 + 15 + 1.25",
        "  Rest 2:00. Enter logs: 5 x 102.5 kg",
    ]


def test_the_cue_is_last_times_not_from_a_pair_logged_before_the_prompt(
    tracker: Tracker,
) -> None:
    """The weaker-side cue comes with the target from the session "Last" shows: the left side
    was weaker two days ago, today's pair (logged before the prompt opened) is level."""
    tracker.ok("log", "slp", "-l", "10x40", "-r", "10x60", "--at", "2 days ago")
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60")
    out, err = gym(tracker, "slp", "done")
    assert err == ""
    lines = header(out, "Single Leg Press")
    assert lines[:3] == [
        "Single Leg Press",
        "  Target: L 11 x 40 kg; R 11 x 60 kg (progression)",
        "  Last (DATE): L 10 x 40 kg; R 10 x 60 kg",
    ]
    assert "Start each set with your weaker side" in " ".join(lines)
    assert lines[-1] == "  Rest 2:00. Enter logs: L 11 x 40 kg then R 11 x 60 kg"
    # The other way round: level last time, no cue, whatever today's pair.
    wipe_log(tracker.url)
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60", "--at", "2 days ago")
    tracker.ok("log", "slp", "-l", "10x40", "-r", "10x60")
    out, err = gym(tracker, "slp", "done")
    assert err == ""
    assert header(out, "Single Leg Press") == [
        "Single Leg Press",
        "  Target: L 11 x 60 kg; R 11 x 60 kg (progression)",
        "  Last (DATE): L 10 x 60 kg; R 10 x 60 kg",
        "  Rest 2:00. Enter logs: L 11 x 60 kg then R 11 x 60 kg",
    ]


def test_plates_that_would_be_stored_rounded_are_refused(tracker: Tracker) -> None:
    """0.0004 was stored as 0, and every `plates` and the backup's restore then failed."""
    assert tracker.fails("config", "set", "plates", "25,20,0.0004") == (
        'Error: plate "0.0004": give a weight up to 2000 with at most 3 decimals'
    )
    assert tracker.fails("config", "set", "plates", "1e400") == (
        'Error: plate "1e400": give a weight up to 2000 with at most 3 decimals'
    )
    tracker.ok("config", "set", "plates", "25,2.5,1.25")
