"""Deletes that forgive: they show what goes and ask; `undo` steps back through every change."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.helpers.cli import Tracker


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.cli.confirm.stdin_is_terminal", lambda: True)


def sessions(tracker: Tracker) -> list[dict[str, Any]]:
    return list(json.loads(tracker.ok("session", "list", "--json").stdout))


def shown(tracker: Tracker, which: str = "last") -> dict[str, Any]:
    return dict(tracker.json("session", "show", which))


def test_session_delete_shows_the_session_and_asks(tracker: Tracker, at_a_terminal: None) -> None:
    tracker.ok("log", "squat", "5x100", "5x105", "--note", "belt on")
    kept = tracker.ok("session", "delete", "1", input="n\n").stdout
    assert kept.splitlines()[1:] == [
        "  Back Squat",
        "    Note: belt on",
        "    #1 5 x 100 kg",
        "    #2 5 x 105 kg",
        "Delete session #1 and its 2 sets? [y/N]: n",
        "Kept session #1.",
    ]
    assert len(shown(tracker)["sets"]) == 2
    deleted = tracker.ok("session", "delete", "1", input="y\n").stdout
    assert deleted.endswith("Deleted session #1 with 2 sets (tracker undo brings it back).\n")
    assert sessions(tracker) == []


def test_set_delete_shows_the_set_and_asks(tracker: Tracker, at_a_terminal: None) -> None:
    tracker.ok("log", "slp", "-l", "10x60@8", "--note", "wobbly")
    out = tracker.ok("set", "delete", "1", input="n\n").stdout
    assert out.splitlines()[0].startswith('  #1 Single Leg Press L 10 x 60 kg (RPE 8, "wobbly"), ')
    assert out.endswith("Delete set #1? [y/N]: n\nKept set #1.\n")
    assert tracker.ok("set", "delete", "1", input="y\n").stdout.endswith(
        "Deleted #1 Single Leg Press L 10 x 60 kg (tracker undo brings it back).\n"
    )
    assert shown(tracker)["sets"] == []


def test_without_a_terminal_a_delete_needs_yes(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    assert tracker.fails("session", "delete", "1") == (
        "Error: session delete asks for confirmation and there is no terminal to answer: "
        "add --yes to delete without asking"
    )
    assert tracker.fails("set", "delete", "1", input="y\n") == (
        "Error: set delete asks for confirmation and there is no terminal to answer: "
        "add --yes to delete without asking"
    )
    assert len(shown(tracker)["sets"]) == 1
    # A missing id is said before any question.
    assert tracker.fails("set", "delete", "9") == "Error: no set with id 9 for lifter me"
    tracker.ok("set", "delete", "1", "-y")
    assert shown(tracker)["sets"] == []


def test_undo_brings_a_deleted_session_back_exactly(tracker: Tracker) -> None:
    tracker.ok("session", "start", "--name", "Legs A", "--at", "2 hours ago")
    tracker.ok("log", "leg press", "10x100", "8x120kg", "--at", "90 minutes ago")
    tracker.ok("log", "slp", "-l", "10x60@8", "-r", "9x60", "--kind", "drop", "--note", "n")
    tracker.ok("session", "finish")
    before = shown(tracker)
    listed = sessions(tracker)
    tracker.ok("session", "delete", "1", "--yes")
    assert sessions(tracker) == []
    out = tracker.ok("undo").stdout
    assert out.startswith("Undid a delete: restored session #1 with 4 sets:\n")
    assert shown(tracker) == before
    assert sessions(tracker) == listed
    tracker.ok("log", "squat", "5x100")  # new rows get new ids
    assert shown(tracker)["sets"][0]["id"] == 5


def test_undo_steps_back_through_changes_of_every_kind(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "8x60")
    original = shown(tracker)
    tracker.ok("set", "edit", "2", "9x62.5", "--side", "left", "--rpe", "9", "--kind", "failure",
               "--note", "grind")
    tracker.ok("set", "delete", "1", "--yes")
    tracker.ok("log", "slp", "-l", "10x65")
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 1 set:\n")
    assert tracker.ok("undo").stdout.startswith("Undid a delete: restored 1 set to session #1:")
    assert tracker.ok("undo").stdout.startswith("Undid an edit; the set is again:\n")
    assert shown(tracker) == original
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 2 sets:")
    assert sessions(tracker) == []
    assert "nothing more to undo" in tracker.fails("undo")


def test_undo_of_a_log_puts_back_the_sessions_it_changed(tracker: Tracker) -> None:
    # A back-dated log that joins a finished session and moves its start...
    tracker.ok("log", "squat", "5x100", "--at", "10 hours ago")
    tracker.ok("log", "squat", "5x105", "--at", "9 hours ago")
    before = sessions(tracker)
    tracker.ok("log", "squat", "5x90", "--at", "12 hours ago")
    assert sessions(tracker)[0]["started_at"] != before[0]["started_at"]
    tracker.ok("undo")
    assert sessions(tracker) == before
    # ... and a log that closes a stale open session, which undo opens again.
    tracker.ok("session", "start", "--at", "5 hours ago")
    opened = sessions(tracker)
    out = tracker.ok("log", "squat", "5x100").stdout
    assert out.startswith("Closed session #2")
    tracker.ok("undo")
    assert sessions(tracker) == opened
    assert sessions(tracker)[0]["finished_at"] is None


def test_each_lifter_has_an_undo_stack_of_their_own(tracker: Tracker) -> None:
    tracker.ok("lifter", "add", "ana")
    tracker.ok("log", "squat", "5x100")
    tracker.ok("--lifter", "ana", "log", "squat", "5x60")
    tracker.ok("set", "delete", "1", "--yes")
    tracker.ok("--lifter", "ana", "undo")
    assert json.loads(tracker.ok("--lifter", "ana", "session", "list", "--json").stdout) == []
    assert shown(tracker)["sets"] == []  # my delete is still mine to undo
    tracker.ok("undo")
    assert [s["load"] for s in shown(tracker)["sets"]] == [100]


def test_a_failed_command_leaves_no_change_to_undo(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100")
    tracker.fails("set", "edit", "1", "--side", "left")  # bilateral: refused
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 1 set:")
    assert "nothing more to undo" in tracker.fails("undo")


def test_session_show_lists_sets_in_time_order_and_a_shared_note_once(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100", "--at", "30 minutes ago", "--note", "belt")
    tracker.ok("log", "squat", "5x80", "--at", "40 minutes ago", "--note", "belt")
    tracker.ok("log", "leg press", "10x100", "--note", "seat 4")
    tracker.ok("log", "leg press", "10x110", "--note", "seat 5")
    lines = tracker.ok("session", "show").stdout.splitlines()
    assert lines[1:] == [
        "  Back Squat",
        "    Note: belt",
        "    #2 5 x 80 kg",
        "    #1 5 x 100 kg",
        "  Leg Press",
        "    #3 10 x 100 kg  (seat 4)",
        "    #4 10 x 110 kg  (seat 5)",
    ]
    assert [s["id"] for s in shown(tracker)["sets"]] == [2, 1, 3, 4]  # JSON in the same order


def forget_history(url: str) -> None:
    """What a database logged before the undo history existed looks like."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM change_record"))
    finally:
        engine.dispose()


def test_a_database_from_before_the_history_undoes_its_last_logs(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x100")
    tracker.ok("log", "leg press", "10x110", "10x120")
    forget_history(tracker.url)
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 2 sets:")
    assert [s["load"] for s in shown(tracker)["sets"]] == [100]
    tracker.ok("undo")
    assert sessions(tracker) == []
    assert tracker.fails("undo") == "Error: nothing to undo: no logged sets"


def test_undo_steps_over_a_change_nothing_is_left_of(tracker: Tracker) -> None:
    from sqlalchemy import create_engine, text

    tracker.ok("log", "leg press", "10x100")
    tracker.ok("log", "leg press", "10x110")
    tracker.ok("set", "edit", "1", "10x105")
    engine = create_engine(tracker.url)
    try:
        with engine.begin() as conn:  # as an import --replace would, outside the history
            conn.execute(text("DELETE FROM workout_set WHERE id = 2"))
    finally:
        engine.dispose()
    assert tracker.ok("undo").stdout.startswith("Undid an edit; the set is again:\n  #1 Leg")
    # The log of set #2 left nothing to remove: undo goes on to the log before it.
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 1 set:\n  #1 Leg Press")
    assert sessions(tracker) == []
