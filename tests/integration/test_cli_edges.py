"""Edge cases found in review: hostile input, broken databases, zones and windows."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.cli import Tracker


def run_raw(*args: str) -> tuple[int, str]:
    from tracker.cli import cli

    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_corrupted_sqlite_file_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    code, err = run_raw("--db", str(broken), "session", "list")
    assert code == 3 and err.startswith("Error: ") and err.count("\n") == 1


@pytest.mark.parametrize("url", ["nonsense://x", "mysql://x@y/z", ""])
def test_unusable_database_urls_are_one_line(url: str) -> None:
    code, err = run_raw("--db", url, "session", "list")
    assert code in (1, 3) and err.startswith("Error: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["exercises", "edit", "slp", "--sled", "inf"], "--sled: give a number below 10000"),
        (["exercises", "edit", "slp", "--sled", "nan"], "--sled: give a number below 10000"),
        (["exercises", "edit", "slp", "--increment", "0.00001"], "at most 3 decimal places"),
        (["set", "delete", "99999999999999999999"], "99999999999999999999"),
        (["session", "show", "99999999999999999999"], 'session must be an id or "last"'),
        (["lifter", "add", "x" * 150], "at most 100 characters"),
        (["session", "start", "--name", "n" * 250], "at most 200 characters"),
        (["plates", "99999"], "Error: load must be between 0 and 2000, got 99999"),
        (["config", "set", "bar", "99999"], "Error: load must be between 0 and 2000, got 99999"),
        (["bodyweight", "add", "-5"], 'Error: "-5": a negative number is not allowed here'),
        (["config", "set", "bar", "-20"], 'Error: "-20": a negative number is not allowed here'),
        (["plates", "-10"], 'Error: "-10": a negative number is not allowed here'),
        (["suggest", "slp", "--basis", "99999"], "Error: --basis: load must be between 0 and 2000"),
    ],
)
def test_out_of_range_values_are_refused(tracker: Tracker, args: list[str], message: str) -> None:
    result = tracker(*args)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert message in result.stderr


def test_until_includes_the_whole_day(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "8x60", "--at", "2026-11-20 18:00")
    data = tracker.json("report", "imbalance", "--since", "2026-11-20", "--until", "2026-11-20")
    assert len(data["exercises"]) == 1 and data["to"] == "2026-11-20"
    assert "window is empty" in tracker.fails(
        "report", "imbalance", "--since", "2026-11-21", "--until", "2026-11-20"
    )


def test_times_follow_daylight_saving(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        tracker.ok("log", "squat", "5x100", "--at", "2026-07-01 18:00")
        shown = tracker.json("session", "show")
        assert shown["sets"][0]["performed_at"] == "2026-07-01T18:00:00-04:00"
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_names_in_any_script(tracker: Tracker) -> None:
    tracker.ok("exercises", "add", "Жим лёжа на наклонной", "--equipment", "barbell")
    tracker.ok("log", "жим лежа", "5x80")
    assert tracker.json("session", "show")["sets"][0]["exercise"] == "Жим лёжа на наклонной"


def test_undo_removes_only_the_last_command(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100", "5x105")
    tracker.ok("log", "squat", "5x110")
    assert tracker.ok("undo").stdout.startswith("Undid a log: removed 1 set:")
    assert [s["load"] for s in tracker.json("session", "show")["sets"]] == [100, 105]


def test_session_list_json_counts(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    (row,) = json.loads(tracker.ok("session", "list", "--json").stdout)
    assert (row["sets"], row["exercises"], row["finished_at"]) == (1, 1, None)


def test_set_edit_at_stays_within_its_session(tracker: Tracker) -> None:
    tracker.ok("log", "squat", "5x100")
    tracker.ok("set", "edit", "1", "--at", "1 hour ago")
    shown = tracker.json("session", "show")
    assert shown["started_at"] == shown["sets"][0]["performed_at"]
    assert "outside session #1" in tracker.fails("set", "edit", "1", "--at", "3 days ago")


def test_laterality_cannot_contradict_logged_sets(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x50", "-r", "10x50")
    assert "can't become bilateral" in tracker.fails("exercises", "edit", "slp", "--bilateral")
    tracker.ok("log", "leg press", "10x100")
    assert "can't become unilateral" in tracker.fails(
        "exercises", "edit", "leg press", "--unilateral"
    )
    assert tracker.json("suggest", "slp")["kind"] == "progression"


def test_hostile_options_are_one_line(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("log", "squat", "5x100")
    assert "can't write" in tracker.fails("export", "-o", str(tmp_path / "no" / "x.csv"))
    assert "contradict" in tracker.fails("log", "squat", "5x100", "--warmup", "--kind", "drop")
    assert "can't read --basis" in tracker.fails("suggest", "slp", "--basis", "abc")


def test_config_get_finds_increments_by_equipment(tracker: Tracker) -> None:
    tracker.ok("config", "set", "increment.dumbbell", "2.5kg")
    out = tracker.ok("config", "get", "increment.dumbbell").stdout
    assert out == "increment.dumbbell = 2.5 kg  (gym-wide)\n"


def test_list_search_matches_word_starts(tracker: Tracker) -> None:
    names = [row["name"] for row in tracker.json("exercises", "list", "ump")]
    assert "Box Jump" not in names
    assert "Box Jump" in [row["name"] for row in tracker.json("exercises", "list", "jum")]


def test_backup_of_postgres_touches_nothing(tmp_path: Path) -> None:
    code, err = run_raw("--db", "postgresql+psycopg://nobody@127.0.0.1:1/x", "db", "backup")
    assert code == 1 and "pg_dump" in err
