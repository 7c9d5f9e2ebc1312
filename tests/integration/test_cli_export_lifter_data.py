"""A JSON export carries the lifter's weigh-ins, involved sides, routines and rests and the
gym-wide settings: a restore into an empty database gives the same reports and the same
bytes on export, through the real CLI on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, inspect, select

from tests.helpers.cli import Tracker, isolate
from tracker.adapters.orm import BodyWeight, InvolvedSide, Routine, Setting, WorkoutSet

LIFTER_KEYS = ("body_weights", "involved_sides", "routines", "exercise_rests", "settings")


def rows(url: str) -> dict[str, int]:
    """How many rows each table the restore writes holds (0 for a database not made yet);
    of the setting table, the gym-wide settings an export carries."""
    engine = create_engine(url)
    try:
        tables = (WorkoutSet, BodyWeight, InvolvedSide, Routine, Setting)
        if not inspect(engine).has_table("workout_set"):
            return {table.__table__.name: 0 for table in tables}
        with engine.connect() as conn:
            counts = {
                table.__table__.name: conn.execute(
                    select(func.count()).select_from(table)
                ).scalar_one()
                for table in tables
            }
            gym = Setting.key.startswith("bar.") | Setting.key.startswith("plates.")
            gym |= Setting.key.startswith("increment.")
            counts["setting"] = conn.execute(
                select(func.count()).select_from(Setting).where(gym)
            ).scalar_one()
            return counts
    finally:
        engine.dispose()


def ana(tracker: Tracker, *args: str, **kwargs: Any) -> str:
    return str(tracker.ok("--lifter", "ana", *args, **kwargs).stdout)


def log_ana(tracker: Tracker) -> None:
    """Bodyweight sets across two weigh-ins (one in lb), one-side sets with involved sides,
    routines with overrides, a rest of her own, and gym-wide bar, plates and increment."""
    tracker.ok("lifter", "add", "ana", "--unit", "kg")
    ana(tracker, "bodyweight", "add", "80", "--at", "2025-03-01 08:00")
    ana(tracker, "bodyweight", "add", "176.5", "--unit", "lb", "--at", "2025-03-10 08:00")
    ana(tracker, "log", "pull up", "12xBW", "8xBW+20", "--at", "2025-03-01 10:20")
    ana(tracker, "log", "pull up", "10xBW", "6xBW+10", "--at", "2025-03-10 10:20")
    ana(tracker, "log", "slp", "-l", "10x60", "-r", "10x50", "--at", "2025-03-01 10:40")
    ana(tracker, "log", "slp", "-l", "10x62.5", "-r", "10x55", "--at", "2025-03-10 10:40")
    tracker.ok("lifter", "edit", "ana", "--involved", "right")
    tracker.ok("lifter", "edit", "ana", "--involved", "left", "--exercise", "single leg press",
               "--injury-date", "2026-01-05")
    ana(tracker, "routine", "add", "Pull day")
    ana(tracker, "routine", "add-exercise", "pull day", "pull up", "--sets", "4", "--reps",
        "6-10", "--rest", "2m")
    ana(tracker, "routine", "add-exercise", "pull day", "slp")
    ana(tracker, "routine", "add", "Empty for now")
    ana(tracker, "gym", input="slp\nrest 75\n")
    tracker.ok("config", "set", "bar", "15kg")
    tracker.ok("config", "set", "plates", "25x4,20x2,1.25x2")
    tracker.ok("config", "set", "increment.dumbbell", "1kg")


@pytest.fixture(scope="module")
def ana_export(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Ana's JSON export after `log_ana`, made once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("ana")
    shutil.copy(sqlite_template, folder / "tracker.db")
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate(monkeypatch, folder / "home")
        tracker = Tracker(f"sqlite:///{folder / 'tracker.db'}", CliRunner())
        log_ana(tracker)
        tracker.ok("export", "--lifter", "ana", "--format", "json", "-o", str(folder / "ana.json"))
    return (folder / "ana.json").read_text(encoding="utf-8")


def reports(tracker: Tracker) -> dict[str, Any]:
    return {
        "history": tracker.json("--lifter", "ana", "report", "history", "pull up"),
        "imbalance": tracker.json("--lifter", "ana", "report", "imbalance"),
        "routines": tracker.json("--lifter", "ana", "routine", "list"),
        "bodyweight": tracker.json("--lifter", "ana", "bodyweight", "list"),
        "config": ana(tracker, "config", "get"),
    }


def test_json_restore_gives_the_same_reports_and_bytes(
    tracker: Tracker, other_db_url: str, tmp_path: Path
) -> None:
    log_ana(tracker)
    first = tmp_path / "first.json"
    tracker.ok("export", "--lifter", "ana", "--format", "json", "-o", str(first))
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["exercise_rests"] == [{"exercise": "Single Leg Press", "seconds": 75}]
    assert data["involved_sides"] == [
        {"exercise": None, "side": "right", "injury_date": None},
        {"exercise": "Single Leg Press", "side": "left", "injury_date": "2026-01-05"},
    ]
    assert data["settings"]["increment.dumbbell.kg"] == "1"

    restored = Tracker(other_db_url, tracker.runner)
    out = restored.ok("import", str(first)).stdout.splitlines()
    assert out[0] == "Imported 8 sets in 2 sessions (tracker)."
    assert out[2] == (
        "Also restored: 2 weigh-ins, 2 involved sides, 2 routines, 1 exercise rest, 3 gym settings."
    )
    second = tmp_path / "second.json"
    restored.ok("export", "--lifter", "ana", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()

    before = reports(tracker)
    assert before == reports(restored)
    # Bodyweight sets weigh the weigh-ins (without them: volume of the reps alone, no e1RM),
    # and the imbalance reads the involved side.
    assert all(s["best_e1rm"] is not None for s in before["history"]["sessions"])
    assert before["imbalance"]["exercises"][0]["involved"] == "left"
    assert "Rest 1:15." in ana(restored, "gym", input="slp\n")

    # Importing again, here or into the source, adds nothing.
    counted = rows(restored.url)
    for target in (restored, tracker):
        again = target.ok("import", str(first)).stdout
        assert again.startswith("Nothing new: everything in this file is already stored")
    assert rows(restored.url) == counted


def test_an_export_without_the_new_keys_still_imports(
    ana_export: str, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    data = json.loads(ana_export)
    older = tmp_path / "older.json"
    older.write_text(json.dumps({k: v for k, v in data.items() if k not in LIFTER_KEYS}))
    fresh = Tracker(new_sqlite("fresh.db"), CliRunner())
    assert "Imported 8 sets in 2 sessions" in fresh.ok("import", str(older)).stdout
    assert rows(fresh.url) == {
        "workout_set": 8, "body_weight": 0, "involved_side": 0, "routine": 0, "setting": 0,
    }


def test_what_the_database_has_wins(
    ana_export: str, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    first = tmp_path / "first.json"
    first.write_text(ana_export, encoding="utf-8")
    other = Tracker(new_sqlite("other.db"), CliRunner())
    other.ok("lifter", "add", "ana")
    ana(other, "routine", "add", "Pull Day")
    ana(other, "routine", "add-exercise", "pull day", "chin up")
    other.ok("config", "set", "bar", "20kg")
    other.ok("lifter", "edit", "ana", "--involved", "right", "--exercise", "slp")
    out = other.ok("import", str(first)).stdout
    assert "Also restored: 2 weigh-ins, 1 involved side, 1 routine, 1 exercise rest, " in out
    routines = {r["name"]: r for r in other.json("--lifter", "ana", "routine", "list")}
    assert [i["exercise"] for i in routines["Pull Day"]["items"]] == ["Chin-Up"]
    assert "Empty for now" in routines
    assert "bar = 20 kg  (gym-wide)" in ana(other, "config", "get")
    # Hers here (right) stays, where the file says left.
    assert other.json("--lifter", "ana", "report", "imbalance")["exercises"][0]["involved"] == (
        "right"
    )


def test_undo_stops_at_an_import_of_weigh_ins_alone(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    sqlite_tracker.ok("bodyweight", "add", "80", "--at", "2025-03-01 08:00")
    first = tmp_path / "first.json"
    sqlite_tracker.ok("export", "--format", "json", "-o", str(first))
    fresh = Tracker(new_sqlite("fresh.db"), sqlite_tracker.runner)
    fresh.ok("bodyweight", "add", "70", "--at", "2025-02-01 08:00")
    assert "Also restored: 1 weigh-in." in fresh.ok("import", str(first)).stdout
    assert "your last change was an import" in fresh.fails("undo")
    assert [w["weight"] for w in fresh.json("bodyweight", "list")] == [70, 80]


def edit(data: dict[str, Any], path: str, value: Any) -> None:
    """Set data[a][0][b]... along "a.0.b" (a number indexes a list)."""
    *steps, last = path.split(".")
    target: Any = data
    for step in steps:
        target = target[int(step)] if step.isdigit() else target[step]
    target[int(last) if last.isdigit() else last] = value


BAD_VALUES = [
    ("body_weights.0.weight", "900", 'body weight 1, "weight": body weight must be'),
    ("body_weights.0.weight", 80, 'body weight 1, "weight": must be a number as text'),
    ("body_weights.0.measured_at", "2025-03-01", 'body weight 1, "measured_at"'),
    ("body_weights.1.unit", "st", 'body weight 2, "unit": must be kg or lb'),
    ("involved_sides.1.side", "up", 'involved side 2, "side": must be left or right'),
    ("involved_sides.0.exercise", "Pull-Up", 'involved side 1, "exercise": Pull-Up is bilat'),
    ("involved_sides.0.exercise", "Moon Press", 'involved side 1, "exercise": no exercise "Moon'),
    ("routines.1.name", " ", 'routine 2, "name"'),
    ("routines.1.items.0.sets", 0, 'routine 2, item 1, "sets"'),
    ("routines.1.items.0.rep_range", [10, 6], 'routine 2, item 1, "rep_range"'),
    ("routines.1.items.1.rest_s", "90", 'routine 2, item 2, "rest_s"'),
    ("exercise_rests.0.seconds", 99999, 'exercise rest 1, "seconds"'),
    ("settings.bar.kg", "heavy", 'settings, "bar.kg": must be a number'),
    ("settings.colour", "red", 'settings, "colour": not a setting tracker keeps'),
    ("body_weights", {}, '"body_weights" is not a list'),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_VALUES, ids=[b[2] for b in BAD_VALUES])
def test_bad_values_change_nothing_and_name_their_place(
    ana_export: str, tmp_path: Path, path: str, value: Any, message: str,
    new_sqlite: Callable[[str], str],
) -> None:
    data = json.loads(ana_export)
    if path.startswith("settings."):
        data["settings"][path.removeprefix("settings.")] = value
    else:
        edit(data, path, value)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    fresh = Tracker(new_sqlite("fresh.db"), CliRunner())
    fresh.ok("lifter", "list")
    before = rows(fresh.url)
    line = fresh.fails("import", str(bad))
    assert line.startswith("Error: ") and message in line, line
    assert rows(fresh.url) == before


@pytest.mark.parametrize("who", ["me", "bob"])
@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_a_restore_into_a_fresh_database_gives_the_lifter_back_exactly(
    tracker: Tracker, other_db_url: str, tmp_path: Path, who: str, unit: str
) -> None:
    """Issue 23: the default lifter's unit came back as the auto-created kg (and every report
    switched unit), silently. In a fresh database only the auto-created `me` exists."""
    if who != "me":
        tracker.ok("lifter", "add", who, "--unit", unit)
    else:
        tracker.ok("config", "set", "unit", unit)
    tracker.ok("--lifter", who, "log", "leg press", "10x100", "--at", "2025-03-01 10:00")
    tracker.ok("--lifter", who, "bodyweight", "add", "80", "--at", "2025-03-01 08:00")
    first = tmp_path / "first.json"
    tracker.ok("--lifter", who, "export", "--format", "json", "-o", str(first))

    restored = Tracker(other_db_url, tracker.runner)
    restored.ok("lifter", "list")  # the fresh database and its auto-created default lifter
    out = restored.ok("import", str(first)).stdout
    told = "unit lb, 1 weigh-in" if unit == "lb" and who == "me" else "1 weigh-in"
    assert f"Also restored: {told}." in out.splitlines()
    second = tmp_path / "second.json"
    restored.ok("--lifter", who, "export", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert restored.ok("--lifter", who, "config", "get", "unit").stdout.startswith(f"unit = {unit}")


def test_a_restore_keeps_the_unit_of_a_lifter_with_data_and_says_so(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("log", "leg press", "10x100", "--at", "2025-03-01 10:00")
    first = tmp_path / "first.json"
    tracker.ok("export", "--format", "json", "-o", str(first))
    tracker.ok("config", "set", "unit", "kg")
    out = tracker.ok("import", str(first)).stdout
    assert (
        "Kept this lifter's unit (they have data here); the file's is lb: tracker config set "
        "unit lb to use it."
    ) in out.splitlines()
    assert tracker.ok("config", "get", "unit").stdout.startswith("unit = kg")
