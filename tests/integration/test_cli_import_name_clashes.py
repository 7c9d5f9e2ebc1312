"""`tracker import` of a custom exercise whose name another lifter's exercise holds (names are
unique database-wide): the new one is named after the lifter the rows go to, on SQLite and
PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import Tracker
from tracker.services import exercise_matching

STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    '2024-11-05 18:00:00,"A",1h,"Landmine Press",1,40,8,0,0,\n'
)


def own_exercises(tracker: Tracker, lifter: str) -> list[str]:
    rows = tracker.json("--lifter", lifter, "exercises", "list")
    return sorted(row["name"] for row in rows if "landmine" in row["name"].lower())


def strong_file(tmp_path: Path) -> Path:
    path = tmp_path / "strong.csv"
    path.write_text(STRONG, encoding="utf-8")
    return path


def test_a_restore_names_the_clash_after_the_files_lifter(
    tracker: Tracker, other_db_url: str, tmp_path: Path
) -> None:
    source = Tracker(other_db_url, tracker.runner)
    source.ok("lifter", "add", "ann")
    source.ok("--lifter", "ann", "exercises", "add", "Landmine Press")
    source.ok("--lifter", "ann", "log", "Landmine Press", "8x40", "--at", "2024-11-05 18:00")
    export = tmp_path / "ann.json"
    source.ok("export", "--lifter", "ann", "--format", "json", "-o", str(export))
    tracker.ok("lifter", "add", "ann")
    tracker.ok("lifter", "add", "bob")
    tracker.ok("--lifter", "bob", "exercises", "add", "Landmine Press")

    restored = tracker.ok("import", str(export)).stdout
    assert "New custom exercises (1): Landmine Press (ann)\n" in restored
    assert own_exercises(tracker, "ann") == ["Landmine Press (ann)"]
    # The default lifter's import of the same name gets its own, and is not refused.
    tracker.ok("import", str(strong_file(tmp_path)))
    assert own_exercises(tracker, "me") == ["Landmine Press (me)"]
    assert own_exercises(tracker, "bob") == ["Landmine Press"]


def test_a_taken_lifter_name_gets_a_number(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("lifter", "add", "ann")
    tracker.ok("lifter", "add", "bob")
    tracker.ok("--lifter", "bob", "exercises", "add", "Landmine Press")
    tracker.ok("--lifter", "ann", "exercises", "add", "Landmine Press (me)")  # an older import's
    out = tracker.ok("import", str(strong_file(tmp_path))).stdout
    assert "New custom exercises (1): Landmine Press (me 2)\n" in out
    assert own_exercises(tracker, "me") == ["Landmine Press (me 2)"]


def test_no_free_name_stops_the_import_naming_the_exercise(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exercise_matching, "MAX_SUFFIX", 2)
    tracker.ok("lifter", "add", "ann")
    tracker.ok("--lifter", "ann", "exercises", "add", "Landmine Press")
    tracker.ok("--lifter", "ann", "exercises", "add", "Landmine Press (me)")
    tracker.ok("--lifter", "ann", "exercises", "add", "Landmine Press (me 2)")
    path = strong_file(tmp_path)
    assert tracker.fails("import", str(path)) == (
        f'Error: {path}: exercise "Landmine Press": other lifters hold that name and '
        '"Landmine Press (me)" to "Landmine Press (me 2)": rename the exercise in the file'
    )
    assert tracker.json("session", "list") == []
