"""Equal figures compare equal in every view (no rounding artefact decides an equality or an
order), and suggest's steps, cue and cap read the same last sessions; on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.helpers.cli import Tracker

ROW = "single-arm cable row"


def headline(tracker: Tracker, exercise: str) -> dict[str, Any]:
    (item,) = tracker.json("report", "imbalance", exercise)["exercises"]
    return dict(item)


def test_a_half_way_lsi_from_sql_rounds_half_up_in_lb(tracker: Tracker) -> None:
    """11.34 lb against 5 x 32 lb (37.333... lb) is exactly 30.375: 30.38 in every view."""
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("log", ROW, "-l", "5x32", "-r", "5x32", "--at", "2026-12-01 18:00")
    tracker.ok("session", "finish")
    tracker.ok("log", ROW, "-l", "1x11.34", "-r", "5x32", "--at", "2026-12-03 18:00", "--yes")
    tracker.ok("session", "finish")
    assert tracker.json("suggest", ROW)["imbalance"]["lsi"] == 30.38
    assert headline(tracker, ROW)["sessions"][-1]["lsi"] == 30.38


def test_a_half_way_lsi_whose_stronger_side_rounds_up(tracker: Tracker) -> None:
    """5.67 against 5 x 16 (18.666...7) is exactly 30.375 too: 30.38, not 30.37."""
    tracker.ok("log", ROW, "-l", "1x5.67", "-r", "5x16", "--at", "2026-12-03 18:00", "--yes")
    assert headline(tracker, ROW)["sessions"][-1]["lsi"] == 30.38
    assert tracker.json("suggest", ROW)["imbalance"]["lsi"] == 30.38


def test_a_bodyweight_side_equal_to_a_loaded_side_is_not_weaker(tracker: Tracker) -> None:
    """8 x 175 lb against 8 x (165 + 10) lb: equal sides, no weaker side, no cap."""
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("bodyweight", "add", "165", "--at", "2026-11-01 08:00")
    tracker.ok("log", ROW, "-l", "8x175", "-r", "8xBW+10", "--at", "2026-12-03 18:00", "--yes")
    report = headline(tracker, ROW)
    assert report["lsi"] == 100.0 and report["weaker_side"] is None
    text = tracker.ok("report", "imbalance", ROW).stdout
    assert "side weaker" not in text
    assert "stronger in the last session" not in tracker.ok("suggest", ROW).stdout


def test_mixed_units_equal_sides_are_equal(tracker: Tracker) -> None:
    """In lb, 8 x 100 kg (SQL) against 8 x (90 kg + 10 kg) weighed in kg: equal sides."""
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("bodyweight", "add", "90", "--unit", "kg", "--at", "2026-11-01 08:00")
    tracker.ok("log", ROW, "-l", "8x100kg", "-r", "8xBW+10kg", "--at", "2026-12-03 18:00",
               "--yes")
    report = headline(tracker, ROW)
    assert report["lsi"] == 100.0 and report["weaker_side"] is None


def test_sessions_started_the_same_minute_follow_their_ids(tracker: Tracker) -> None:
    """Sessions all at 18:00: the steps, like the cue, read the last (12 x 50 and 6 x 50)."""
    for _ in range(8):
        tracker.ok("log", ROW, "-l", "10x40", "-r", "10x40", "--at", "2026-12-01 18:00")
        tracker.ok("session", "finish")
    tracker.ok("log", ROW, "-l", "12x50", "-r", "6x50", "--at", "2026-12-01 18:00", "--yes")
    tracker.ok("session", "finish")
    text = " ".join(tracker.ok("suggest", ROW).stdout.split())
    assert "Last session: LSI 85.7" in text
    assert "The set at 50 kg reached 12 reps" in text and "at 40 kg" not in text


def test_a_back_dated_session_is_not_the_last(tracker: Tracker) -> None:
    """Session 3 back-dated to 08:00 on session 2's day (18:00): the steps, like the cue and
    the cap, read session 2, the last one by start."""
    tracker.ok("log", ROW, "-l", "10x40", "-r", "10x40", "--at", "2026-11-28 18:00")
    tracker.ok("session", "finish")
    tracker.ok("log", ROW, "-l", "12x40", "-r", "6x40", "--at", "2026-12-01 18:00", "--yes")
    tracker.ok("session", "finish")
    tracker.ok("log", ROW, "-l", "10x30", "-r", "10x30", "--at", "2026-12-01 08:00", "--yes")
    tracker.ok("session", "finish")
    text = " ".join(tracker.ok("suggest", ROW).stdout.split())
    assert "Last session: LSI 85.7" in text
    assert "The set at 40 kg reached 12 reps" in text and "at 30 kg" not in text
