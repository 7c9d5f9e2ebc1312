"""Stored text cannot drive the terminal: every command shows names and notes that hold
control characters escaped, JSON writes them as \\u escapes, typed entry refuses them, and an
import keeps them exactly (issue 21), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import Result

from tests.helpers.cli import Tracker
from tracker.domain.text_safety import texts_with_controls

TITLE = "\x1b]0;pwned\x07"  # ESC ... BEL: sets the window title
CSI = "\x9b2J"  # the one-byte CSI: clears the screen
RLO = "\u202e"  # right-to-left override: shows text backwards
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
EXERCISE = f"Evil{TITLE} Press{CSI}{RLO}"
LIFTER = f"Eve{TITLE}{RLO}"
ROUTINE = f"Legs{CSI} A{RLO}"
SESSION = f"Day{TITLE}{RLO}"
NOTE = f"seat 5{TITLE}{CSI}{RLO}"
SUMMARY, ALIAS = f"odd {TITLE}", f"evl{RLO}"


def at(days_ago: int, minute: int) -> str:
    day = datetime.now(UTC).replace(hour=10, minute=minute, second=0, microsecond=0)
    return (day - timedelta(days=days_ago)).isoformat()


def hostile_export() -> dict[str, object]:
    """A tracker JSON export (as a shared file could be) whose every text is hostile."""
    definition = {
        "name": EXERCISE, "laterality": "unilateral", "equipment": "machine",
        "parent": "Leg Press", "summary": SUMMARY, "aliases": [ALIAS],
    }
    sets = []
    for day in (2, 1):
        session = at(day, 0)
        for position, (side, reps) in enumerate((("left", 10), ("right", 8))):
            sets.append({
                "lifter": LIFTER, "session": f"tracker:{session}", "session_name": SESSION,
                "session_started_at": session, "session_finished_at": "",
                "session_notes": NOTE, "exercise": EXERCISE, "side": side, "reps": str(reps),
                "load": "60", "unit": "kg", "bodyweight": "0", "duration_s": "", "distance": "",
                "distance_unit": "", "rpe": "", "kind": "working",
                "performed_at": at(day, position + 1),
                "position": str(position), "note": NOTE,
            })
    return {
        "format": "tracker", "version": 1, "lifter": LIFTER, "unit": "kg",
        "exercises": [definition], "body_weights": [], "involved_sides": [],
        "routines": [{"name": ROUTINE, "items": [
            {"exercise": EXERCISE, "sets": 3, "rep_range": None, "rest_s": None}]}],
        "exercise_rests": [], "settings": {}, "sets": sets,
    }


def shown(result: Result) -> str:
    """Everything the command wrote, stdout and stderr, checked to hold no raw control."""
    text = result.stdout + result.stderr
    for raw in RAW:
        assert raw not in text, (raw, text)
    return text


@pytest.fixture
def hostile(tracker: Tracker, tmp_path: Path) -> Callable[..., str]:
    """`tracker` with the hostile export imported; runs a command as its lifter and returns
    what it showed, after checking that none of it is a raw control character."""
    path = tmp_path / "shared.json"
    path.write_text(json.dumps(hostile_export(), ensure_ascii=False), encoding="utf-8")
    summary = shown(tracker.ok("import", str(path)))
    assert "Text holding control characters (kept, shown escaped): 7 values." in summary

    def run(*args: str, code: int = 0, stdin: str | None = None) -> str:
        result = tracker("--lifter", LIFTER, *args, input=stdin)
        assert result.exit_code == code, (result.output, result.exception)
        narrow = tracker("--lifter", LIFTER, *args, input=stdin, env={"COLUMNS": "60"})
        if not {"--json", "--html", "html", "export"} & set(args):  # text, not a document
            too_wide = [line for line in shown(narrow).splitlines() if len(line) > 60]
            assert not too_wide, too_wide  # the escapes count in the width
        return shown(result)

    return run


def test_every_view_shows_stored_controls_escaped(hostile: Callable[..., str]) -> None:
    escaped_exercise = "Evil\\x1b]0;pwned\\x07 Press\\x9b2J\\u202e"
    outputs = {
        args: hostile(*args)
        for args in [
            ("report", "imbalance"), ("report", "history", EXERCISE), ("report", "summary"),
            ("session", "list"), ("session", "show"), ("exercises", "list", "evil"),
            ("exercises", "show", EXERCISE), ("routine", "list"), ("routine", "show", ROUTINE),
            ("suggest", EXERCISE), ("report", "team"), ("lifter", "list"),
            ("report", "html"), ("report", "team", "--html"), ("exercises", "list"),
        ]
    }
    for args in [("report", "imbalance"), ("report", "history", EXERCISE), ("session", "show")]:
        assert escaped_exercise in outputs[args], outputs[args]
    assert "seat 5\\x1b]0;pwned\\x07\\x9b2J\\u202e" in outputs[("session", "show")]
    assert "Legs\\x9b2J A\\u202e" in outputs[("routine", "list")]
    assert "Eve\\x1b]0;pwned\\x07\\u202e" in outputs[("lifter", "list")]
    for page in (outputs[("report", "html")], outputs[("report", "team", "--html")]):
        assert escaped_exercise in page  # shown like the terminal, autoescaped as HTML


def test_the_gym_prompt_shows_stored_controls_escaped(hostile: Callable[..., str]) -> None:
    out = hostile("gym", ROUTINE, stdin="show\nl 10x60\nnote fine\nr 10x60\ndone\n")
    assert "Evil\\x1b]0;pwned\\x07 Press\\x9b2J\\u202e" in out


def test_a_routine_of_an_imported_hostile_exercise_runs_in_the_gym(
    hostile: Callable[..., str],
) -> None:
    """The routine's stored name finds its exercise (only typed names are refused for control
    characters): Enter logs the planned pair, and the sets are stored."""
    out = hostile("gym", ROUTINE, stdin="-l 10x60 -r 10x60\n\ndone\n")
    assert "Error" not in out
    sessions = json.loads(hostile("session", "list", "--json"))
    assert sessions[0]["sets"] == 4 and sessions[0]["finished_at"]


def test_error_lines_and_did_you_mean_show_stored_controls_escaped(
    hostile: Callable[..., str],
) -> None:
    did_you_mean = hostile("log", "evil pwned pres", "10x60", code=1)
    assert did_you_mean.startswith('Error: no exercise named "evil pwned pres"; did you mean')
    assert "Evil\\x1b]0;pwned\\x07 Press\\x9b2J\\u202e" in did_you_mean
    assert len(did_you_mean.splitlines()) == 1  # no terminal, no COLUMNS: one line
    hostile("routine", "show", "legs b", code=1)
    hostile("exercises", "remove", EXERCISE, code=1)
    hostile("log", EXERCISE, "10x60", "--note", NOTE, code=1)


def test_json_escapes_controls_as_u_sequences_and_decodes_to_the_stored_text(
    hostile: Callable[..., str],
) -> None:
    for args in [("session", "show"), ("routine", "show", ROUTINE), ("report", "team"),
                 ("exercises", "show", EXERCISE), ("report", "imbalance")]:
        out = hostile(*args, "--json")
        assert "\\u001b]0;pwned\\u0007" in out and "\\u202e" in out, out
        decoded = texts_with_controls(json.loads(out))  # the stored texts, exactly
        assert decoded and decoded <= {EXERCISE, LIFTER, ROUTINE, SESSION, NOTE, SUMMARY, ALIAS}, (
            decoded
        )
    session = json.loads(hostile("session", "show", "--json"))
    assert session["name"] == SESSION and session["sets"][0]["note"] == NOTE
    export = hostile("export", "--format", "json")
    assert json.loads(export)["routines"][0]["name"] == ROUTINE


def test_typed_entry_refuses_control_characters_with_one_line(tracker: Tracker) -> None:
    tracker.ok("routine", "add", "Legs A")
    refusals = [
        (("exercises", "add", f"Odd{RLO}Press"), "an exercise name", "\\u202e"),
        (("exercises", "add", "Odd Press", "--alias", f"op{CSI}"), "an alias", "\\x9b"),
        (("exercises", "edit", "leg press", "--rename", f"Leg{TITLE}"), "an exercise name",
         "\\x1b"),
        (("routine", "add", f"Legs{TITLE}"), "a routine name", "\\x1b"),
        (("routine", "edit", "Legs A", "--rename", f"B{RLO}"), "a routine name", "\\u202e"),
        (("lifter", "add", f"bob{TITLE}"), "a lifter name", "\\x1b"),
        (("lifter", "add", "a\nb"), "a lifter name", "\\n"),
        (("routine", "add", "bad\tname"), "a routine name", "\\t"),
        (("routine", "edit", "Legs A", "--rename", "B\nC"), "a routine name", "\\n"),
        (("session", "start", "--name", f"Day{CSI}"), "a session name", "\\x9b"),
        (("log", "leg press", "10x100", "--note", NOTE), "a note", "\\x1b"),
    ]
    for args, what, found in refusals:
        line = tracker.fails(*args)
        assert line == f"Error: {what} can't hold control characters (found {found})", line
    tracker.ok("log", "leg press", "10x100", "--note", "seat 5\ttab and\nnewline are text")
    assert tracker.fails("set", "edit", "1", "--note", f"x{RLO}") == (
        "Error: a note can't hold control characters (found \\u202e)"
    )
    out = tracker.ok("gym", input=f"leg press\n10x100\nnote x{TITLE}\ndone\n").output
    assert "Error: a note can't hold control characters (found \\x1b)" in out
    assert tracker.json("session", "show", "1")["sets"][0]["note"].startswith("seat 5\t")


def test_an_export_with_controls_restores_byte_identical(
    hostile: Callable[..., str], tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    tracker.ok("--lifter", LIFTER, "export", "--format", "json", "-o", str(first))
    assert not any(raw in first.read_text(encoding="utf-8") for raw in RAW)
    restored = Tracker(new_sqlite("restored.db"), tracker.runner)
    shown(restored.ok("import", str(first)))
    restored.ok("--lifter", LIFTER, "export", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_error_lines_wrap_to_columns_and_stay_one_line_without(tracker: Tracker) -> None:
    long = "leg press " + "nonsense " * 12
    unwrapped = tracker("log", long, "10x60")
    assert len(unwrapped.stderr.splitlines()) == 1
    wrapped = tracker("log", long, "10x60", env={"COLUMNS": "60"})
    lines = wrapped.stderr.splitlines()
    assert len(lines) > 1 and all(len(line) <= 60 for line in lines), lines
    assert lines[0].startswith("Error: ") and lines[1].startswith("    ")
    assert " ".join(line.strip() for line in lines) == unwrapped.stderr.strip()


def test_shell_completion_lists_stored_names_escaped(
    hostile: Callable[..., str], tracker: Tracker
) -> None:
    from tracker.cli import cli

    escaped_exercise = "Evil\\x1b]0;pwned\\x07 Press\\x9b2J\\u202e"
    for words, name in [
        ("tracker gym ", "Legs\\x9b2J A\\u202e"),
        ("tracker log ev", escaped_exercise),
    ]:
        env = {
            "TRACKER_DB": tracker.url, "TRACKER_LIFTER": LIFTER, "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1), "_TRACKER_COMPLETE": "bash_complete",
        }
        result = tracker.runner.invoke(cli, [], prog_name="tracker", env=env)
        assert name in shown(result), result.output


def test_a_stored_name_with_controls_can_be_renamed_to_a_clean_one(
    hostile: Callable[..., str],
) -> None:
    # Its old name and imported alias are kept as aliases: stored text, not typed.
    hostile("exercises", "edit", EXERCISE, "--rename", "Clean Press")
    hostile("routine", "edit", ROUTINE, "--rename", "Legs A")
    assert "Clean Press" in hostile("exercises", "show", EXERCISE)
    assert "Legs A" in hostile("routine", "list")
