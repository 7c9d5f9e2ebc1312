"""The entry check: a set that looks like a typo is refused by one-shot commands unless --yes,
questioned by gym mode, and kept but listed by import (both engines)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from tests.helpers.cli import Tracker
from tests.helpers.stored import stored_sets


def loads(tracker: Tracker) -> list[tuple[str | None, int, D]]:
    return [(side, reps, load) for _, _, side, reps, load, *_ in stored_sets(tracker.url)]


def test_a_lb_lifters_extra_zero_is_refused_and_yes_logs_it(tracker: Tracker) -> None:
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("log", "slp", "-l", "10x110", "-r", "10x110")
    line = tracker.fails("log", "slp", "-l", "10x1100")
    assert line == (
        "Error: 10x1100 (left) on Single Leg Press is more than twice your heaviest (110 lb): "
        "a typo? Add --yes to log it as typed"
    )
    assert loads(tracker) == [("left", 10, D(110)), ("right", 10, D(110))]
    tracker.ok("log", "slp", "-l", "10x1100", "--yes")
    assert loads(tracker)[-1] == ("left", 10, D(1100))


def test_reps_and_load_swapped_are_refused(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100", "10x120", "8x140")
    line = tracker.fails("log", "leg press", "100x10")
    assert line == (
        "Error: 100x10 on Leg Press is less than 0.4 of your lightest (100 kg): a typo? "
        "Add --yes to log it as typed"
    )
    line = tracker.fails("log", "leg press", "10x100", "100x100")  # a command stores all or none
    assert "100x100 on Leg Press is more than 3 times your most reps (10)" in line
    assert len(loads(tracker)) == 3


def test_first_sets_meet_only_the_limits(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x2000")  # a first set: only the absolute limits
    assert "between 0 and 2000" in tracker.fails("log", "deadlift", "5x2001")
    # A first session's ramp meets no history: its sets do not question each other.
    tracker.ok("log", "deadlift", "10x20", "8x60", "5x100")
    assert "more than twice your heaviest (100 kg)" in tracker.fails("log", "deadlift", "5x201")


def test_warm_ups_are_neither_checked_nor_counted(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100")
    tracker.ok("log", "leg press", "10x20", "--warmup")  # not checked
    tracker.ok("log", "leg press", "10x60")  # the warm-up is no lightest
    assert "less than 0.4 of your lightest (60 kg)" in tracker.fails("log", "leg press", "10x20")


def test_body_weight_counts_in_the_load(tracker: Tracker) -> None:
    tracker.ok("bodyweight", "add", "80")
    tracker.ok("log", "pull-up", "8xBW")
    tracker.ok("log", "pull-up", "6xBW+20")  # 100 kg against 80: fine
    line = tracker.fails("log", "pull-up", "6xBW+200")
    assert "more than twice your heaviest (100 kg)" in line


def test_set_edit_ignores_the_set_being_edited(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100", "10x100")
    line = tracker.fails("set", "edit", "2", "10x1000")
    assert line.startswith("Error: 10x1000 on Leg Press is more than twice your heaviest")
    assert loads(tracker)[1] == (None, 10, D(100))
    tracker.ok("set", "edit", "2", "10x1000", "--yes")
    # The one heavy set does not vouch for itself: 10x900 is still refused for it ...
    assert "more than twice" in tracker.fails("set", "edit", "2", "10x900")
    # ... and a note, which changes no figure, is not checked.
    tracker.ok("set", "edit", "2", "--note", "typo?")
    # Moved to another exercise, a set meets that exercise's history.
    tracker.ok("log", "slp", "-l", "10x40", "-r", "10x40")
    assert "Single Leg Press" in tracker.fails(
        "set", "edit", "2", "--exercise", "slp", "--side", "left"
    )


def test_piped_gym_refuses_a_questioned_line_unless_it_ends_with_yes(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x50", "-r", "10x50")
    tracker.ok("session", "finish")
    result = tracker("gym", input="slp\nl 9x110\nl 9x110 --yes\nl 9x50\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.replace("\n    ", " ") == (
        "Error: 9x110 (left) on Single Leg Press is more than twice your heaviest (50 kg): "
        "a typo? Add --yes to log it as typed\n"
    )
    assert loads(tracker)[2:] == [("left", 9, D(110)), ("left", 9, D(50))]


def test_import_keeps_questioned_rows_and_lists_them(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("log", "leg press", "10x100", "10x120")
    tracker.ok("session", "finish")
    export = tmp_path / "sets.csv"
    tracker.ok("export", "-o", str(export))
    header = export.read_text().splitlines()[0]
    at = "2025-11-20T18:00:00+00:00"
    row = f"me,tracker:{at},,{at},{at},,Leg Press,,{{}},kg,0,,,,,working,{at},{{}},"
    export.write_text("\n".join([header, row.format("100,10", 0), row.format("10,110", 1)]))
    out = tracker.ok("import", str(export), env={"COLUMNS": "200"}).stdout
    assert "Imported 2 sets in 1 session" in out
    assert (
        "Kept, though they look like typos (1):\n"
        "  line 2: Leg Press 100 x 10 kg is less than 0.4 of your lightest (100 kg)\n"
    ) in out
    assert len(loads(tracker)) == 4


def test_done_with_words_after_it_is_unknown_input(tracker: Tracker) -> None:
    result = tracker("gym", input="leg press 10x100\ndone now please\nleg press 10x110\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.replace("\n    ", " ") == (
        'Error: unknown input "done now please": done takes nothing after it (type help for '
        "what a line can be)\n"
    )
    assert [load for _, _, load in loads(tracker)] == [D(100), D(110)]
    assert "Finished session #1: 2 sets of 1 exercise." in result.stdout


def test_a_root_command_typo_gets_did_you_mean(tracker: Tracker) -> None:
    for typed, meant in (("lof", "'log'"), ("sesion", "'session'")):
        result = tracker(typed)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == (
            f"Error: No such command '{typed}'. Did you mean {meant}?"
        )
    assert "'suggest'" in tracker("sugest").stderr


def test_an_empty_lifter_is_refused(tracker: Tracker) -> None:
    for empty in ("", "  "):
        line = tracker.fails("--lifter", empty, "log", "squat", "5x100")
        assert line == "Error: --lifter is empty: give a lifter's name, or leave it out for 'me'"
    assert tracker.json("session", "list") == []


def test_a_control_character_in_a_name_does_not_resolve(tracker: Tracker) -> None:
    line = tracker.fails("log", "leg\npress", "10x100")
    assert line == (
        'Error: no exercise named "leg\\npress": a name has no line break, tab or other control '
        "character; type it on one line"
    )
    assert "control character" in tracker.fails("log", "leg press\x07", "10x100")
    assert "control character" in tracker.fails("suggest", "single leg\tpress")
    assert tracker.json("session", "list") == []


def test_import_rows_meet_the_files_earlier_sessions(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("log", "squat", "5x100")  # makes the export header
    export = tmp_path / "sets.csv"
    tracker.ok("export", "-o", str(export))
    header = export.read_text().splitlines()[0]
    rows = []
    for line, (day, sets) in enumerate((("20", "10,20"), ("20", "8,60"), ("27", "100,10"))):
        at = f"2025-11-{day}T18:00:00+00:00"
        rows.append(f"me,tracker:{at},,{at},{at},,Leg Press,,{sets},kg,0,,,,,working,{at},{line},")
    export.write_text("\n".join([header, *rows]))
    out = tracker.ok("import", str(export), env={"COLUMNS": "200"}).stdout
    # The ramp of the first session is no typo; the swapped set a week later is.
    assert (
        "Kept, though they look like typos (1):\n"
        "  line 4: Leg Press 100 x 10 kg is more than 3 times your most reps (10)\n"
    ) in out
