"""Issue 23: undo that cannot surprise. Ids are never reused (an undo cannot put one lifter's
set into another lifter's session), undo of a change older than the latest session asks
first, and redo steps forward again, through the real CLI on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.helpers.cli import Tracker


def sessions(url: str) -> list[tuple[int, str, int]]:
    """(session id, its lifter, its sets) of every session."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            result = conn.execute(text(
                "SELECT s.id, l.name, (SELECT count(*) FROM workout_set w "
                "WHERE w.session_id = s.id AND w.lifter_id = s.lifter_id) "
                "FROM training_session s JOIN lifter l ON l.id = s.lifter_id ORDER BY s.id"
            ))
            return [(int(i), str(name), int(count)) for i, name, count in result]
    finally:
        engine.dispose()


def test_undo_of_a_deleted_session_never_reaches_another_lifters(tracker: Tracker) -> None:
    tracker.ok("lifter", "add", "bob")
    tracker.ok("log", "leg press", "1x11")
    tracker.ok("session", "delete", "1", "--yes")
    bob = tracker.ok("--lifter", "bob", "log", "squat", "1x12").stdout
    assert "Started session #2." in bob  # never #1 again
    assert "restored session #1 with 1 set" in tracker.ok("undo").stdout
    assert sessions(tracker.url) == [(1, "me", 1), (2, "bob", 1)]
    assert "#1 " in tracker.ok("session", "list").stdout
    listed = tracker.ok("--lifter", "bob", "session", "show", "2", "--json").stdout
    assert "Leg Press" not in listed and "Back Squat" in listed


def test_undo_of_a_change_before_the_latest_session_asks_first(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 23: two extra undos removed whole earlier logs without a word. Undoing today's
    session away does not open the way into an older one: the latest session of the run of
    undos counts."""
    tracker.ok("log", "leg press", "10x100", "--at", "2 days ago", "--note", "heavy")
    tracker.ok("log", "squat", "5x100")
    tracker.ok("log", "squat", "5x102.5")
    tracker.ok("undo")
    tracker.ok("undo")  # today's first log, and session #2 with it
    line = tracker.fails("undo")
    assert line.startswith("Error: undo would take back your tracker log made "), line
    assert ", before your latest session #2 started (" in line
    assert line.endswith("): add --yes to undo it")
    assert sessions(tracker.url) == [(1, "me", 1)]
    monkeypatch.setattr("tracker.cli.confirm.stdin_is_terminal", lambda: True)
    assert tracker.fails("undo") == line  # one-shot: --yes, even at a terminal
    assert "Undid a log: removed 1 set:" in tracker.ok("undo", "--yes").stdout
    assert sessions(tracker.url) == []


def test_the_gym_prompt_asks_or_takes_undo_yes(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.ok("log", "squat", "5x100", "--at", "2 days ago")
    piped = tracker("gym", input="undo\ndone\n")
    assert "add --yes to undo it" in piped.stderr
    assert sessions(tracker.url) == [(1, "me", 1)]
    monkeypatch.setattr("tracker.cli.confirm.stdin_is_terminal", lambda: True)
    asked = tracker.ok("gym", input="undo\nn\ndone\n").stdout
    assert "Undo it? [y/N]" in asked and "Nothing undone." in asked
    assert sessions(tracker.url) == [(1, "me", 1)]
    monkeypatch.undo()
    out = tracker.ok("gym", input="undo --yes\ndone\n").stdout
    assert "Undid a log: removed 1 set:" in out
    assert sessions(tracker.url) == []


def test_undo_inside_the_latest_session_does_not_ask(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("session", "finish")
    tracker.ok("log", "squat", "5x100")
    tracker.ok("set", "delete", "2", "--yes")
    assert "Undid a delete" in tracker.ok("undo").stdout
    assert "Undid a log" in tracker.ok("undo").stdout  # the log that started session #2
    assert "tracker session finish" in tracker.fails("undo")  # before session #2: asks


def set_ids(url: str) -> list[tuple[int, int, str]]:
    """(set id, session id, load) of every set."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, session_id, load FROM workout_set ORDER BY id"))
            return [(int(i), int(session), f"{float(load):g}") for i, session, load in rows]
    finally:
        engine.dispose()


NOTHING_TO_REDO = "Error: nothing to redo: redo steps forward after undo, until a new change"


def test_redo_steps_forward_again_with_the_same_ids(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("log", "squat", "5x102.5", "--note", "x")
    logged = set_ids(tracker.url)
    assert logged == [(1, 1, "100"), (2, 1, "102.5")]
    tracker.ok("undo")
    tracker.ok("undo")
    assert set_ids(tracker.url) == [] and sessions(tracker.url) == []
    assert tracker.ok("redo").stdout.startswith(
        "Redid your tracker log.\nSession #1 is back.\nBack as they were: 1 set:\n"
        "  #1 Back Squat 5 x 100 kg, "
    )
    assert "#2 Back Squat 5 x 102.5 kg" in tracker.ok("redo").stdout
    assert set_ids(tracker.url) == logged
    assert tracker.fails("redo") == NOTHING_TO_REDO
    # And back again, by the records of the first time.
    assert "Undid a log: removed 1 set:" in tracker.ok("undo").stdout
    assert set_ids(tracker.url) == logged[:1]


def test_redo_of_an_undone_delete_removes_the_same_set_again(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100", "5x105")
    tracker.ok("set", "delete", "2", "--yes")
    tracker.ok("undo")
    out = tracker.ok("redo").stdout
    assert out.startswith("Redid your tracker set delete.\nRemoved again: 1 set:\n  #2 Back")
    assert set_ids(tracker.url) == [(1, 1, "100")]
    assert "restored 1 set to session #1" in tracker.ok("undo").stdout
    assert set_ids(tracker.url) == [(1, 1, "100"), (2, 1, "105")]


def test_any_new_change_clears_redo(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("log", "squat", "5x105")
    tracker.ok("undo")
    tracker.ok("config", "set", "unit", "lb")
    assert tracker.fails("redo") == NOTHING_TO_REDO
    tracker.ok("undo")  # the unit, and only it, can be redone now
    assert tracker.ok("redo").stdout == "Redid your tracker config set.\n"
    assert tracker.ok("config", "get", "unit").stdout.startswith("unit = lb")
    assert tracker.fails("redo") == NOTHING_TO_REDO
    assert set_ids(tracker.url) == [(1, 1, "100")]


def test_redo_in_the_gym_prompt(tracker: Tracker) -> None:
    out = tracker.ok("gym", input="squat\n5x100\nundo\nredo\ndone\n").stdout
    assert "Redid your tracker log." in out
    assert set_ids(tracker.url) == [(1, 1, "100")]
