"""`tracker import`, `tracker export` and `tracker db backup` through the real CLI.

Runs on SQLite and PostgreSQL. The three real exports in ../shared/data/exports are read in
place (broken copies are made in tmp_path); the other files are written here by hand.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import create_engine, func, inspect, select

from tests.helpers.cli import Tracker, shared_file
from tracker.adapters.orm import Exercise, TrainingSession, WorkoutSet

EXPORTS = "data/exports"
STARTUP_TZ = os.environ.get("TZ")  # before any fixture changed it


class Counts(NamedTuple):
    sessions: int
    sets: int
    exercises: int


def counts(url: str) -> Counts:
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("workout_set"):
            return Counts(0, 0, 0)
        with engine.connect() as conn:

            def count(table: Any) -> int:
                return conn.execute(select(func.count()).select_from(table)).scalar_one()

            return Counts(count(TrainingSession), count(WorkoutSet), count(Exercise))
    finally:
        engine.dispose()


def lines_of(path: Path) -> list[str]:
    """The lines of a file as the CSV reader counts them (split at "\\n" only), ends kept."""
    *lines, last = path.read_bytes().decode("utf-8").split("\n")
    return [line + "\n" for line in lines] + ([last] if last else [])


def is_postgres(tracker: Tracker) -> bool:
    return tracker.url.startswith("postgresql")


# -- the real samples ----------------------------------------------------------------------

SAMPLES = [
    ("strong-sample.csv", "strong", 250, 15, "Loads in kg (your default; the file does not say"),
    ("hevy-sample.csv", "hevy", 7211, 335, "Loads in kg (from the file)."),
    ("fitnotes-sample.csv", "fitnotes", 750, 141, "Loads in lb (from the file)."),
]


@pytest.mark.parametrize(
    ("name", "fmt", "sets", "sessions", "unit_line"), SAMPLES, ids=[s[1] for s in SAMPLES]
)
def test_sample_imports_every_set_row_once(
    tracker: Tracker, name: str, fmt: str, sets: int, sessions: int, unit_line: str
) -> None:
    path = shared_file(f"{EXPORTS}/{name}")
    first = tracker.ok("import", str(path))
    out = first.stdout.splitlines()
    assert out[0] == f"Imported {sets} sets in {sessions} sessions ({fmt})."
    assert out[1].startswith(unit_line)
    assert any(line.startswith("Exercises matched to the catalog: ") for line in out)
    assert any(line.startswith("New custom exercises (") for line in out)
    assert not any(line.startswith("Skipped rows") for line in out)  # every row is a set
    assert first.stderr == ""  # CliRunner is not a terminal: no progress bar
    stored = counts(tracker.url)
    assert stored[:2] == (sessions, sets)

    again = tracker.ok("import", str(path)).stdout.splitlines()
    assert again[0] == f"Nothing new: everything in this file is already stored ({fmt})."
    assert f"Already imported, skipped: {sessions} sessions, {sets} sets." in again
    assert not any(line.startswith("New custom exercises") for line in again)
    assert counts(tracker.url) == stored


def exported(tracker: Tracker, *args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(tracker.ok("export", *args).stdout)))


def test_sample_names_map_onto_the_catalog(sqlite_tracker: Tracker) -> None:
    tracker = sqlite_tracker
    strong = shared_file(f"{EXPORTS}/strong-sample.csv")
    out = tracker.ok("import", str(strong), "--unit", "lb").stdout
    assert "Loads in lb (from --unit; the file does not say)." in out
    rows = exported(tracker)
    assert {row["unit"] for row in rows} == {"lb"}
    names = {row["exercise"] for row in rows}
    # "Bent Over Row (Barbell)", "Chest Press (Machine)", "Squat (Barbell)", "Leg Extension
    # (Machine)"; a dumbbell squat is not the barbell Back Squat.
    assert {"Barbell Row", "Machine Chest Press", "Back Squat", "Leg Extension"} <= names
    assert "Squat (Dumbbell)" in names

    fitnotes = shared_file(f"{EXPORTS}/fitnotes-sample.csv")
    tracker.ok("import", str(fitnotes))
    first_day = [row for row in exported(tracker) if row["session"] == "fitnotes:2022-09-14"]
    assert first_day[0]["session_started_at"] == "2022-09-14T00:00:00+00:00"
    assert [(r["exercise"], r["reps"], r["load"], r["unit"]) for r in first_day[:2]] == [
        ("Bench Press", "10", "45", "lb"),  # "Flat Barbell Bench Press"
        ("Bench Press", "10", "65", "lb"),
    ]
    assert "Dumbbell Bench Press" in {row["exercise"] for row in exported(tracker)}


def file_rows(path: Path, column: str, name: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row[column] == name]


def test_sample_bodyweight_lifts_keep_their_added_load_or_assistance(tracker: Tracker) -> None:
    """The real exports: Strong's "Pull Up (Assisted)" 10 x 77 kg is 77 kg of assistance
    (BW-77), Hevy's "Crunch (Weighted)" 15 x 10 kg is a Crunch at BW+10."""
    strong = shared_file(f"{EXPORTS}/strong-sample.csv")
    tracker.ok("import", str(strong))
    written = file_rows(strong, "Exercise Name", "Pull Up (Assisted)")
    stored = [row for row in exported(tracker) if row["exercise"] == "Pull Up (Assisted)"]
    assert len(stored) == len(written) == 5
    assert [(r["reps"], -Decimal(r["load"].lstrip("'")), r["bodyweight"]) for r in stored] == [
        (str(int(float(r["Reps"]))), Decimal(r["Weight"]), "1") for r in written
    ]
    tracker.ok("bodyweight", "add", "90", "--at", "2024-01-01 08:00")
    history = tracker.ok("report", "history", "Pull Up (Assisted)").stdout.splitlines()
    assert [line.split()[:5] for line in history[3:5]] == [
        ["2025-09-05", "10", "x", "BW-77", "kg"], ["2025-09-09", "6", "x", "BW-73", "kg"],
    ]  # not "10 x 77 kg" with an e1RM of 102.67 kg

    hevy = shared_file(f"{EXPORTS}/hevy-sample.csv")
    tracker.ok("import", str(hevy))
    written = file_rows(hevy, "exercise_title", "Crunch (Weighted)")
    stored = [row for row in exported(tracker) if row["exercise"] == "Crunch"]
    assert {row["bodyweight"] for row in stored} == {"1"}  # were "0" beside a filled weight
    weighted = sorted(Decimal(r["weight_kg"]) for r in written if r["weight_kg"])
    assert sorted(Decimal(r["load"]) for r in stored if r["load"] != "0") == weighted


# -- broken copies: nothing stored, the error names the line -------------------------------


def cut_after(path: Path, tmp: Path, line: int, text: str) -> Path:
    """The file up to `text` in `line`, and no further (a cut-off download)."""
    lines = lines_of(path)
    assert text in lines[line - 1], lines[line - 1]
    keep = lines[line - 1].index(text) + len(text)
    copy = tmp / f"cut-{path.name}"
    copy.write_text("".join(lines[: line - 1]) + lines[line - 1][:keep], encoding="utf-8")
    return copy


def garble(path: Path, tmp: Path, line: int, old: str, new: str) -> Path:
    lines = lines_of(path)
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    copy = tmp / f"garbled-{path.name}"
    copy.write_text("".join(lines), encoding="utf-8")
    return copy


BROKEN = [
    ("strong", lambda p, t: cut_after(p, t, 127, '"Leg Extension (Machine)",1,5'),
     'Error: line 127, column "Reps": missing value (the row has 6 of 10 columns)'),
    ("strong", lambda p, t: cut_after(p, t, 200, '"Seated Ro'),
     "Error: line 200: the file ends inside a quoted value (is it cut off?)"),
    ("strong", lambda p, t: garble(p, t, 101, ",25.0,4.0,", ",25.0,4.O,"),
     'Error: line 101, column "Reps": can\'t read number "4.O"'),
    # Cut after 3,000 good rows (more than one insert batch) inside a quoted date.
    ("hevy", lambda p, t: cut_after(p, t, 3001, '"Arms 2 + Weakpoint","16 Mar'),
     "Error: line 3001: the file ends inside a quoted value (is it cut off?)"),
    ("hevy", lambda p, t: cut_after(p, t, 5000, '"Triceps Pushdown",,"",1,"normal",'),
     'Error: line 5000, column "reps": missing value (the row has 10 of 14 columns)'),
    ("hevy", lambda p, t: garble(p, t, 2001, ",94,12,", ",9q4,12,"),
     'Error: line 2001, column "weight_kg": can\'t read number "9q4"'),
    # Stored as it was, this used to overflow PostgreSQL's INTEGER column half-way (traceback).
    ("hevy", lambda p, t: garble(p, t, 7000, ',"normal",,8,', ',"normal",,99999999999,'),
     'Error: line 7000, column "reps": reps "99999999999" is outside 0-100 (the limits of '
     'tracker log)'),
    ("fitnotes", lambda p, t: cut_after(p, t, 377, "2023-"),
     'Error: line 377, column "Exercise": missing value (the row has 1 of 10 columns)'),
    ("fitnotes", lambda p, t: garble(p, t, 301, ",35.0,lbs,", ",35.O,lbs,"),
     'Error: line 301, column "Weight": can\'t read number "35.O"'),
]


BROKEN_IDS = [
    "strong-cut",
    "strong-cut-in-quotes",
    "strong-garbled",
    "hevy-cut-in-quotes",
    "hevy-cut",
    "hevy-garbled",
    "hevy-huge-reps",
    "fitnotes-cut",
    "fitnotes-garbled",
]


@pytest.mark.parametrize(("fmt", "damage", "message"), BROKEN, ids=BROKEN_IDS)
def test_a_broken_copy_changes_nothing_and_names_the_line(
    tracker: Tracker,
    tmp_path: Path,
    fmt: str,
    damage: Callable[[Path, Path], Path],
    message: str,
) -> None:
    tracker.ok("import", str(write(tmp_path / "sides.csv", SIDES)))
    before = counts(tracker.url)
    broken = damage(shared_file(f"{EXPORTS}/{fmt}-sample.csv"), tmp_path)
    message = message.replace("Error: ", f"Error: {broken}: ", 1)  # the file, then the line
    assert tracker.fails("import", str(broken)) == message
    assert tracker.fails("import", str(broken), "--dry-run") == message
    assert counts(tracker.url) == before


# -- handmade files ------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
SIDES = STRONG_HEADER + (
    '2025-01-10 18:00:00,"Legs",1h,"Bulgarian Split Squat (Left)",1,20,10,0,0,,,8\n'
    '2025-01-10 18:00:00,"Legs",1h,"Bulgarian Split Squat (Right)",1,20,8,0,0,,,9\n'
    '2025-01-10 18:00:00,"Legs",1h,"Hanging Leg Raise L",1,0,12,0,0,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Hanging Leg Raise R",1,0,10,0,0,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Leg Press (Machine) - Left",W1,50,10,0,0,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Leg Press (Machine) - Right",W1,50,10,0,0,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Wobble Curl (Left)",1,10,10,0,0,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Wobble Curl (Right)",1,10,7,0,0,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Plank",1,0,0,0,60,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Rest Timer",1,0,0,0,90,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Running",1,0,0,5.2,1500,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Leg Press (Machine)",F1,100,0,0,0,failed,"felt ok",\n'
    '2025-01-10 18:00:00,"Legs",1h,"Flat Barbell Bench Press",D1,60,8,0,0,,,\n'
    '2025-01-10 18:00:00,"Legs",1h,"Bench Press (Barbell)",Note,0,0,0,0,some note,,\n'
    "\n"
    '2025-01-14 18:00:00,"Legs",1h,"Wobble Curl - Left",1,12,10,0,0,,,\n'
    '2025-01-14 18:00:00,"Legs",1h,"Wobble Curl - Right",1,12,8,0,0,,,\n'
)


def sets_of(tracker: Tracker, session: str) -> list[tuple[Any, ...]]:
    return [
        (s["exercise"], s["side"], s["reps"], s["load"], s["kind"], s["rpe"], s["duration_s"],
         s["distance"], s["note"], s["bodyweight"])
        for s in tracker.json("session", "show", session)["sets"]
    ]


def test_sides_kinds_holds_and_catalog_names(tracker: Tracker, tmp_path: Path) -> None:
    path = write(tmp_path / "sides.csv", SIDES)
    out = tracker.ok("import", str(path)).stdout.splitlines()
    assert out == [
        "Imported 14 sets in 2 sessions (strong).",
        "Loads in kg (your default; the file does not say: if wrong, import again with --unit "
        "and --replace).",
        "Exercises matched to the catalog: 5.",
        "New custom exercises (3): Hanging Leg Raise (one side), Running, Wobble Curl",
        "Skipped rows (not sets): 1 rest timer, not a set",
        "Skipped rows (not sets): 1 notes only, not a set",
        "Skipped rows (not sets): 1 blank line",
    ]
    assert sets_of(tracker, "1") == [
        ("Bulgarian Split Squat", "left", 10, 20, "working", 8, None, None, None, False),
        ("Bulgarian Split Squat", "right", 8, 20, "working", 9, None, None, None, False),
        ("Hanging Leg Raise (one side)", "left", 12, 0, "working", None, None, None, None, True),
        ("Hanging Leg Raise (one side)", "right", 10, 0, "working", None, None, None, None, True),
        ("Single Leg Press", "left", 10, 50, "warmup", None, None, None, None, False),
        ("Single Leg Press", "right", 10, 50, "warmup", None, None, None, None, False),
        ("Wobble Curl", "left", 10, 10, "working", None, None, None, None, False),
        ("Wobble Curl", "right", 7, 10, "working", None, None, None, None, False),
        ("Plank", None, 0, 0, "working", None, 60, None, None, True),
        ("Running", None, 0, 0, "working", None, 1500, 5.2, None, False),
        ("Leg Press", None, 0, 100, "failure", None, None, None, "failed", False),
        ("Bench Press", None, 8, 60, "drop", None, None, None, None, False),
    ]
    session = tracker.json("session", "show", "1")
    assert (session["name"], session["notes"]) == ("Legs", "felt ok")
    assert session["finished_at"].startswith("2025-01-10T19:00:00")

    wobble = tracker.json("exercises", "show", "Wobble Curl")
    assert (wobble["laterality"], wobble["source"]) == ("unilateral", "import")
    one_side = tracker.json("exercises", "show", "Hanging Leg Raise (one side)")
    assert (one_side["laterality"], one_side["parent"]) == ("unilateral", "Hanging Leg Raise")

    report = tracker.json("report", "imbalance")
    by_name = {e["exercise"]: e for e in report["exercises"]}
    assert {"Wobble Curl", "Bulgarian Split Squat"} <= set(by_name)
    assert by_name["Wobble Curl"]["weaker_side"] == "right"
    assert by_name["Wobble Curl"]["compared_sessions"] == 2
    assert "Wobble Curl" in tracker.ok("report", "imbalance").stdout


def test_dry_run_stores_nothing(tracker: Tracker, tmp_path: Path) -> None:
    path = write(tmp_path / "sides.csv", SIDES)
    out = tracker.ok("import", str(path), "--dry-run").stdout.splitlines()
    assert out[0] == "Would import 14 sets in 2 sessions (strong)."
    assert "New custom exercises (3): Hanging Leg Raise (one side), Running, Wobble Curl" in out
    assert counts(tracker.url)[:2] == (0, 0)
    assert "Wobble Curl" not in tracker.ok("exercises", "list").stdout
    assert tracker.ok("import", str(path)).stdout.startswith("Imported 14 sets in 2 sessions")


def set_fields(row: dict[str, str]) -> dict[str, str]:
    """What a stored set is, as an export row gives it (no session or time)."""
    return {key: row[key] for key in ("exercise", "reps", "load", "unit", "bodyweight", "kind")}


FAILED_ZEROS = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    '2025-01-15 18:00:00,"W",1h,"Pull Up",1,0,8,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Pull Up",F,0,0,0,0,\n'
)


def test_a_strong_failed_set_of_zeros_is_stored_as_log_stores_0xbw(
    tracker: Tracker, tmp_path: Path
) -> None:
    """An F row with all zeros is a failed attempt, not a placeholder to skip."""
    out = tracker.ok("import", str(write(tmp_path / "pf.csv", FAILED_ZEROS))).stdout
    assert out.splitlines()[0] == "Imported 2 sets in 1 session (strong)."
    assert "Skipped rows" not in out
    assert sets_of(tracker, "last") == [
        ("Pull-Up", None, 8, 0, "working", None, None, None, None, True),
        ("Pull-Up", None, 0, 0, "failure", None, None, None, None, True),
    ]
    assert tracker.ok("session", "show", "last").stdout.splitlines()[2:] == [
        "    #1 8 x BW", "    #2 0 x BW  (failure)",
    ]
    tracker.ok("log", "pull-up", "8xBW", "0xBW", "--at", "2025-01-16 18:00")  # typed
    pull_up = {"exercise": "Pull-Up", "load": "0", "unit": "kg", "bodyweight": "1"}
    assert [set_fields(row) for row in exported(tracker)] == [
        {**pull_up, "reps": "8", "kind": "working"},
        {**pull_up, "reps": "0", "kind": "failure"},
    ] * 2  # imported as typed
    tracker.ok("bodyweight", "add", "80", "--at", "2025-01-01 08:00")
    history = tracker.ok("report", "history", "pull-up").stdout.splitlines()
    assert history[3].split() == ["2025-01-15", "8", "x", "BW", "101.33", "█" * 12, "640",
                                  "8", "PB"]


BODYWEIGHT_STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    '2025-01-15 18:00:00,"W",1h,"Pull Up",1,0,8,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Pull Up",2,10,5,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Pull Up (Assisted)",1,77,10,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Pull Up (Assisted)",2,70,6,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Bench Press (Barbell)",1,100,5,0,0,\n'
)
BODYWEIGHT_HEVY = (
    '"title","start_time","end_time","exercise_title","set_index","set_type","weight_kg",'
    '"reps","duration_seconds"\n'
    '"Abs","16 Jan 2025, 18:00","16 Jan 2025, 19:00","Crunch",0,"normal",,20,\n'
    '"Abs","16 Jan 2025, 18:00","16 Jan 2025, 19:00","Crunch (Weighted)",1,"normal",10,15,\n'
    '"Abs","16 Jan 2025, 18:00","16 Jan 2025, 19:00","Pull Up (Assisted)",0,"normal",30,8,\n'
)
BODYWEIGHT_FITNOTES = (
    "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
    '2025-01-17,Pull Up,Back,0.0,lbs,10,,,,""\n'
    '2025-01-17,Pull Up,Back,25.0,lbs,5,,,,""\n'
)


def test_app_loads_on_bodyweight_lifts_are_stored_as_log_stores_them(
    tracker: Tracker, other_db_url: str, tmp_path: Path
) -> None:
    """Strong, Hevy and FitNotes write the weight added to a bodyweight lift, or an
    "Assisted" variant's assistance: stored as `tracker log` stores 8xBW+10 and 8xBW-77."""
    for name, text in (("s.csv", BODYWEIGHT_STRONG), ("h.csv", BODYWEIGHT_HEVY),
                       ("f.csv", BODYWEIGHT_FITNOTES)):  # fmt: skip
        tracker.ok("import", str(write(tmp_path / name, text)))
    sessions = sorted(tracker.json("session", "list"), key=lambda s: str(s["started_at"]))
    strong, hevy, fitnotes = (str(s["id"]) for s in sessions)
    assert [row[:4] + row[-1:] for row in sets_of(tracker, strong)] == [
        ("Pull-Up", None, 8, 0, True),
        ("Pull-Up", None, 5, 10, True),  # BW+10: a belt
        ("Pull Up (Assisted)", None, 10, -77, True),  # BW-77: the counterweight
        ("Pull Up (Assisted)", None, 6, -70, True),
        ("Bench Press", None, 5, 100, False),  # a barbell's load stays a load
    ]
    assert [row[:4] + row[-1:] for row in sets_of(tracker, hevy)] == [
        ("Crunch", None, 20, 0, True),
        ("Crunch", None, 15, 10, True),
        ("Pull Up (Assisted)", None, 8, -30, True),
    ]
    assert [row[:4] + row[-1:] for row in sets_of(tracker, fitnotes)] == [
        ("Pull-Up", None, 10, 0, True),
        ("Pull-Up", None, 5, 25, True),  # BW+25 lb, beside the 10 x BW
    ]
    # The very rows `tracker log` stores for the sets typed so.
    tracker.ok("log", "pull up (assisted)", "10xBW-77", "--at", "2025-01-20 18:00")
    tracker.ok("log", "pull-up", "5xBW+25lb", "--at", "2025-01-20 18:05")
    rows = [set_fields(row) for row in exported(tracker)]
    assert rows[-2:] == [rows[2], rows[9]]  # the Strong BW-77 kg, the FitNotes BW+25 lb
    card = tracker.json("exercises", "show", "Pull Up (Assisted)")
    assert card["equipment"] == "bodyweight"  # the README's vocabulary, not "assisted"

    tracker.ok("bodyweight", "add", "90", "--at", "2025-01-01 08:00")
    history = tracker.ok("report", "history", "Pull Up (Assisted)").stdout.splitlines()
    assert history[1].split() == ["date", "side", "best", "set", "e1RM", "volume", "reps"]
    assert [line.split()[:6] for line in history[3:6]] == [
        ["2025-01-15", "6", "x", "BW-70", "kg", "24"],  # 20 kg moved: more than 10 x 13 kg
        ["2025-01-16", "8", "x", "BW-30", "kg", "76"],
        ["2025-01-20", "10", "x", "BW-77", "kg", "17.33"],
    ]

    # export -> restore -> export keeps them, byte for byte.
    for fmt in ("csv", "json"):
        first = tmp_path / f"first.{fmt}"
        tracker.ok("export", "--format", fmt, "-o", str(first))
        restored = Tracker(other_db_url, tracker.runner)
        restored.ok("import", str(first), "--replace")
        second = tmp_path / f"second.{fmt}"
        restored.ok("export", "--format", fmt, "-o", str(second))
        assert second.read_bytes() == first.read_bytes()


HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles",'
    '"duration_seconds","rpe"\n'
    '"Push","7 May 2025, 06:13","7 May 2025, 07:00","=cmd|x","Bench Press (Barbell)",,'
    '"pause reps",0,"warmup",95,10,,,\n'
    '"Push","7 May 2025, 06:13","7 May 2025, 07:00","=cmd|x","Bench Press (Barbell)",,'
    '"",1,"normal",185,5,,,8.5\n'
    '"Push","7 May 2025, 06:13","7 May 2025, 07:00","=cmd|x","Bench Press (Barbell)",,'
    '"",2,"failure",185,0,,,10\n'
    '"Push","7 May 2025, 06:13","7 May 2025, 07:00","=cmd|x","Bench Press (Barbell)",,'
    '"",3,"dropset",135,8,,,\n'
    '"Push","7 May 2025, 06:13","7 May 2025, 07:00","=cmd|x","Plank",,"",0,"normal",,,,45,\n'
    '"Push","7 May 2025, 06:13","7 May 2025, 07:00","=cmd|x","Treadmill",,"",0,"normal",'
    ",,1.5,900,\n"
    '"Push","7 May 2025, 06:13","7 May 2025, 07:00","=cmd|x","Dips",,"a note",0,"normal",,,,,\n'
)


def test_hevy_kinds_rpe_notes_and_pounds(tracker: Tracker, tmp_path: Path) -> None:
    out = tracker.ok("import", str(write(tmp_path / "hevy.csv", HEVY))).stdout.splitlines()
    assert out[:2] == ["Imported 6 sets in 1 session (hevy).", "Loads in lb (from the file)."]
    assert out[-1] == "Skipped rows (not sets): 1 notes only, not a set"
    assert sets_of(tracker, "last") == [
        ("Bench Press", None, 10, 95, "warmup", None, None, None, "pause reps", False),
        ("Bench Press", None, 5, 185, "working", 8.5, None, None, None, False),
        ("Bench Press", None, 0, 185, "failure", 10, None, None, None, False),
        ("Bench Press", None, 8, 135, "drop", None, None, None, None, False),
        ("Plank", None, 0, 0, "working", None, 45, None, None, True),
        ("Treadmill Run", None, 0, 0, "working", None, 900, 1.5, None, False),
    ]
    session = tracker.json("session", "show", "last")
    assert (session["name"], session["notes"]) == ("Push", "=cmd|x")
    assert {s["unit"] for s in session["sets"]} == {"lb"}


def test_tracker_time_zone_rules_apply_per_date(
    sqlite_tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wall-clock times in the file are local: summer and winter get their own offsets."""
    text = STRONG_HEADER + (
        '2025-01-10 18:00:00,"Winter",1h,"Leg Press",1,100,10,0,0,,,\n'
        '2025-07-10 18:00:00,"Summer",1h,"Leg Press",1,100,10,0,0,,,\n'
    )
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        sqlite_tracker.ok("import", str(write(tmp_path / "zones.csv", text)))
    finally:  # leave the process's zone as it was at start-up
        if STARTUP_TZ is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = STARTUP_TZ
        time.tzset()
        monkeypatch.setenv("TZ", "UTC")
    exported = list(csv.DictReader(io.StringIO(sqlite_tracker.ok("export").stdout)))
    assert [row["session_started_at"] for row in exported] == [
        "2025-01-10T17:00:00+00:00",
        "2025-07-10T16:00:00+00:00",
    ]


def test_bad_handmade_files_fail_with_one_line(tracker: Tracker, tmp_path: Path) -> None:
    unknown = write(tmp_path / "what.csv", "a,b,c\n1,2,3\n")
    assert tracker.fails("import", str(unknown)) == (
        f'Error: {unknown}: unrecognised header "a,b,c"; use --from strong|hevy|fitnotes|tracker'
    )
    empty = write(tmp_path / "empty.csv", "")
    assert tracker.fails("import", str(empty)) == (
        f"Error: {empty}: line 1: the file is empty (no header row)"
    )
    latin = tmp_path / "latin.csv"
    latin.write_bytes(STRONG_HEADER.encode() + SIDES.splitlines()[1].encode() + b"\xe9\xff\n")
    assert tracker.fails("import", str(latin)).startswith(f"Error: {latin}: the file is not utf-8")
    long_name = STRONG_HEADER + f'2025-01-10 18:00:00,"{"x" * 201}",1h,"Curl",1,10,10,0,0,,,\n'
    long = write(tmp_path / "long.csv", long_name)
    assert tracker.fails("import", str(long)) == (
        f"Error: {long}: line 2: the session name is longer than 200 characters"
    )
    assert counts(tracker.url)[:2] == (0, 0)


def test_progress_bar_only_on_a_terminal(
    sqlite_tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    hevy = shared_file(f"{EXPORTS}/hevy-sample.csv")
    monkeypatch.setattr("tracker.cli.transfer.on_terminal", lambda: True)
    result = sqlite_tracker.ok("import", str(hevy), "--dry-run")
    assert "Importing" in result.stderr  # click draws the bar (only its label off a terminal)
    assert result.stdout.startswith("Would import 7211 sets in 335 sessions (hevy).")


# -- export and restore --------------------------------------------------------------------


def log_everything(tracker: Tracker, tmp_path: Path) -> None:
    """Sides, kg and lb, RPE, kinds, notes a spreadsheet would run, bodyweight, a name."""
    tracker.ok("session", "start", "--at", "2025-03-01 10:00", "--name", "Legs A")
    tracker.ok("log", "leg press", "10x100", "8x135lb", "8x61.25", "--at", "2025-03-01 10:05")
    tracker.ok("log", "slp", "-l", "10x60", "-r", "8x60@8.5", "--at", "2025-03-01 10:10")
    tracker.ok("log", "squat", "5x60", "--warmup", "--note", "=SUM(A1:A9)",
               "--at", "2025-03-01 10:15")
    tracker.ok("log", "pull up", "12xBW", "8xBW+20", "--note", "-tight, then +1",
               "--at", "2025-03-01 10:20")
    tracker.ok("log", "bench", "3x100", "--kind", "failure", "--rpe", "10", "--note",
               "'=already quoted", "--at", "2025-03-01 10:25")
    tracker.ok("log", "bench", "1x100", "--kind", "drop", "--note", "@home\nline two",
               "--at", "2025-03-01 10:26")
    tracker.ok("session", "finish", "--at", "2025-03-01 11:00")
    tracker.ok("import", str(write(tmp_path / "sides.csv", SIDES)), "--unit", "lb")
    tracker.ok("log", "bench", "5x100", "--at", "2025-03-03 10:00")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_restore_export_is_byte_identical(
    tracker: Tracker, other_db_url: str, tmp_path: Path, fmt: str
) -> None:
    log_everything(tracker, tmp_path)
    first = tmp_path / f"first.{fmt}"
    tracker.ok("export", "--format", fmt, "-o", str(first))
    restored = Tracker(other_db_url, tracker.runner)
    out = restored.ok("import", str(first), "--from", "tracker").stdout.splitlines()
    assert out[:2] == ["Imported 25 sets in 4 sessions (tracker).",
                       "Loads in kg and lb (from the file)."]
    second = tmp_path / f"second.{fmt}"
    restored.ok("export", "--format", fmt, "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert counts(restored.url)[:2] == counts(tracker.url)[:2]

    legs_a = next(s["id"] for s in restored.json("session", "list") if s["name"] == "Legs A")
    notes = [s["note"] for s in restored.json("session", "show", str(legs_a))["sets"]]
    assert "=SUM(A1:A9)" in notes and "'=already quoted" in notes and "@home\nline two" in notes
    # Restoring into the database it came from, or again, adds nothing.
    for target in (tracker, restored):
        again = target.ok("import", str(first), "--from", "tracker").stdout
        assert again.startswith("Nothing new: everything in this file is already stored")
    assert counts(restored.url)[:2] == counts(tracker.url)[:2]


def test_csv_export_fields_and_neutralised_cells(sqlite_tracker: Tracker, tmp_path: Path) -> None:
    tracker = sqlite_tracker
    log_everything(tracker, tmp_path)
    text = tracker.ok("export").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 25
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell
    by_note = {row["note"]: row for row in rows}
    assert set(by_note) >= {"'=SUM(A1:A9)", "'-tight, then +1", "''=already quoted",
                            "'@home\nline two"}
    legs = [row for row in rows if row["session_name"] == "Legs A"]
    assert [(r["exercise"], r["side"], r["reps"], r["load"], r["unit"], r["bodyweight"],
             r["rpe"], r["kind"]) for r in legs[:9]] == [
        ("Leg Press", "", "10", "100", "kg", "0", "", "working"),
        ("Leg Press", "", "8", "135", "lb", "0", "", "working"),
        ("Leg Press", "", "8", "61.25", "kg", "0", "", "working"),
        ("Single Leg Press", "left", "10", "60", "kg", "0", "", "working"),
        ("Single Leg Press", "right", "8", "60", "kg", "0", "8.5", "working"),
        ("Back Squat", "", "5", "60", "kg", "0", "", "warmup"),
        ("Pull-Up", "", "12", "0", "kg", "1", "", "working"),
        ("Pull-Up", "", "8", "20", "kg", "1", "", "working"),
        ("Bench Press", "", "3", "100", "kg", "0", "10", "failure"),
    ]
    assert legs[0]["session_started_at"] == "2025-03-01T10:00:00+00:00"
    assert legs[0]["session_finished_at"] == "2025-03-01T11:00:00+00:00"
    assert legs[0]["performed_at"] == "2025-03-01T10:05:00+00:00"
    running = next(row for row in rows if row["exercise"] == "Running")
    # Imported with --unit lb from a file without distance units: miles, as Strong shows them.
    distance = [running[k] for k in ("duration_s", "distance", "distance_unit")]
    assert distance == ["1500", "5.2", "mi"]

    document = json.loads(tracker.ok("export", "--format", "json").stdout)
    assert document["format"] == "tracker" and len(document["sets"]) == 25
    assert "=SUM(A1:A9)" in {row["note"] for row in document["sets"]}  # JSON: as typed


def test_export_since_lifter_and_file(sqlite_tracker: Tracker, tmp_path: Path) -> None:
    tracker = sqlite_tracker
    log_everything(tracker, tmp_path)
    recent = list(csv.DictReader(io.StringIO(tracker.ok("export", "--since", "2025-03-02").stdout)))
    assert [(r["session_started_at"], r["exercise"]) for r in recent] == [
        ("2025-03-03T10:00:00+00:00", "Bench Press")
    ]
    tracker.ok("lifter", "add", "sam", "--unit", "lb")
    tracker.ok("--lifter", "sam", "log", "squat", "5x225", "--at", "2025-03-02 09:00")
    sams = list(csv.DictReader(io.StringIO(tracker.ok("export", "--lifter", "sam").stdout)))
    assert [(r["lifter"], r["exercise"], r["load"], r["unit"]) for r in sams] == [
        ("sam", "Back Squat", "225", "lb")
    ]
    target = tmp_path / "out" / "all.json"
    target.parent.mkdir()
    assert tracker.fails("export", "--lifter", "nobody", "-o", str(target)) == (
        'Error: no lifter named "nobody"; add one with: tracker lifter add "nobody"'
    )
    assert list(target.parent.iterdir()) == []
    result = tracker.ok("export", "--format", "json", "-o", str(target))
    assert result.stdout == "" and result.stderr == f"Exported 25 sets to {target}\n"
    assert len(json.loads(target.read_text(encoding="utf-8"))["sets"]) == 25
    assert [p.name for p in target.parent.iterdir()] == ["all.json"]  # no .part left behind


def test_broken_tracker_exports_change_nothing(
    tracker: Tracker, other_db_url: str, tmp_path: Path
) -> None:
    log_everything(tracker, tmp_path)
    good_csv = tracker.ok("export").stdout
    good_json = tracker.ok("export", "--format", "json").stdout
    target = Tracker(other_db_url, tracker.runner)
    target.ok("log", "leg press", "10x100")
    before = counts(target.url)

    lines = good_csv.splitlines(keepends=True)
    cut = write(tmp_path / "cut.csv", "".join(lines[:12]) + lines[12][:70])
    assert target.fails("import", str(cut)) == (
        f'Error: {cut}: line 13, column "session_finished_at": the row has 4 of 20 columns'
    )
    garbled = write(tmp_path / "garbled.csv", good_csv.replace(",61.25,kg,", ",61.2S,kg,"))
    assert target.fails("import", str(garbled)) == (
        f'Error: {garbled}: line 18, column "load": can\'t read number "61.2S"'
    )
    in_quote = write(tmp_path / "quote.csv", good_csv[: good_csv.index("@home") + 3])
    assert target.fails("import", str(in_quote)) == (
        f"Error: {in_quote}: line 25: the file ends inside a quoted value (is it cut off?)"
    )
    big = write(tmp_path / "big.csv", good_csv.replace(",8,135,lb,", ",99999999,135,lb,"))
    assert target.fails("import", str(big)) == (
        f'Error: {big}: line 17, column "reps": reps "99999999" is outside 0-100 (the limits of '
        "tracker log)"
    )
    cut_json = write(tmp_path / "cut.json", good_json[: len(good_json) // 2])
    assert target.fails("import", str(cut_json)).startswith(f"Error: {cut_json}: line ")
    bad_json = write(tmp_path / "bad.json", good_json.replace('"61.25"', '"sixty"'))
    assert target.fails("import", str(bad_json)) == (
        f'Error: {bad_json}: set 17, column "load": can\'t read number "sixty"'
    )
    assert counts(target.url) == before


# -- backup --------------------------------------------------------------------------------


def test_db_backup(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("log", "leg press", "10x100")
    target = tmp_path / "copy.db"
    if is_postgres(tracker):
        assert tracker.fails("db", "backup", str(target)) == (
            "Error: backup copies SQLite files only; for PostgreSQL use pg_dump, "
            "e.g. pg_dump -Fc DBNAME > tracker.dump"
        )
        assert not target.exists()
        return
    out = tracker.ok("db", "backup", str(target)).stdout
    assert out == f"backed up to {target.resolve()}\n"
    copy = Tracker(f"sqlite:///{target}", tracker.runner)
    assert counts(copy.url) == counts(tracker.url)
    assert counts(copy.url).sets == 1
    assert tracker.fails("db", "backup", str(target)) == (
        f"Error: {target.resolve()} already exists; give another FILE, or --force to replace it"
    )
    beside = tracker.ok("db", "backup").stdout
    assert beside.startswith(f"backed up to {tmp_path.resolve() / 'tracker-backup-'}")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    error = tracker.fails("db", "backup", str(blocked / "copy.db"))
    assert error.startswith(f"Error: can't write the backup {(blocked / 'copy.db').resolve()}: ")


EQUIPMENT = STRONG_HEADER + "".join(
    f'2025-02-01 18:00:00,"Mixed",1h,"{name}",1,30,10,0,0,,,\n'
    for name in (
        "Pull Up (Assisted)", "Hammer Curl (Cable)", "Bench Press (Smith Machine)",
        "Deadlift (Trap bar)", "Bench Press (Barbell)", "Lat Pulldown (Cable)",
        "Crunch (Weighted)", "Seated Leg Curl (Machine)",
    )
)


def test_equipment_words_must_agree_with_the_catalog(
    sqlite_tracker: Tracker, tmp_path: Path
) -> None:
    sqlite_tracker.ok("import", str(write(tmp_path / "eq.csv", EQUIPMENT)))
    names = [row["exercise"] for row in exported(sqlite_tracker)]
    assert names == [
        "Pull Up (Assisted)",  # assistance is not added load on a Pull-Up
        "Hammer Curl (Cable)",  # not the dumbbell Hammer Curl
        "Bench Press (Smith Machine)",
        "Deadlift (Trap bar)",
        "Bench Press",
        "Lat Pulldown",
        "Crunch",
        "Leg Curl",
    ]


def test_imported_sessions_are_closed(sqlite_tracker: Tracker) -> None:
    sqlite_tracker.ok("import", str(shared_file(f"{EXPORTS}/fitnotes-sample.csv")))
    assert "Started session" in sqlite_tracker.ok("session", "start").stdout


def test_replace_fixes_an_import_with_the_wrong_unit(tracker: Tracker) -> None:
    strong = shared_file(f"{EXPORTS}/strong-sample.csv")
    tracker.ok("import", str(strong))
    out = tracker.ok("import", str(strong), "--unit", "lb", "--replace").stdout
    assert "Imported 250 sets in 15 sessions" in out and "Replaced 15 stored sessions." in out
    assert counts(tracker.url).sets == 250
    assert {row["unit"] for row in exported(tracker)} == {"lb"}


def test_a_tracker_export_restores_to_its_lifter(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("lifter", "add", "bob", "--unit", "lb")
    tracker.ok("--lifter", "bob", "log", "squat", "5x225")
    out = tmp_path / "bob.csv"
    tracker.ok("export", "--lifter", "bob", "-o", str(out))
    tracker.ok("session", "delete", "1", "--help")
    tracker.ok("--lifter", "bob", "session", "delete", "1", "--yes")
    tracker.ok("import", str(out))
    assert tracker.json("--lifter", "bob", "session", "show")["sets"][0]["load"] == 225
    assert "no sessions yet" in tracker.fails("session", "show")  # not filed under "me"


def test_restoring_into_an_empty_database_creates_the_lifter(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    sqlite_tracker.ok("lifter", "add", "ana", "--unit", "lb")
    sqlite_tracker.ok("--lifter", "ana", "log", "slp", "-l", "10x100", "-r", "10x95")
    out = tmp_path / "ana.json"
    sqlite_tracker.ok("export", "--lifter", "ana", "--format", "json", "-o", str(out))
    fresh = Tracker(new_sqlite("fresh.db"), sqlite_tracker.runner)
    fresh.ok("import", str(out))
    assert "ana (lb)" in fresh.ok("lifter", "list").stdout
    assert len(fresh.json("--lifter", "ana", "session", "show")["sets"]) == 2


def test_json_export_restores_the_lifters_own_exercises(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    source = sqlite_tracker
    source.ok("exercises", "edit", "leg press", "--sled", "50")
    source.ok("exercises", "add", "Landmine Single-Arm Press", "--unilateral", "--parent",
              "Overhead Press", "--ratio", "0.3-0.4", "--equipment", "barbell",
              "--alias", "lm press", "--increment", "1.25", "--rep-range", "6-10")
    source.ok("log", "lm press", "-l", "8x20", "-r", "7x20")
    first = tmp_path / "first.json"
    source.ok("export", "--format", "json", "-o", str(first))
    fresh = Tracker(new_sqlite("fresh.db"), source.runner)
    fresh.ok("import", str(first))
    card = fresh.json("exercises", "show", "lm press")
    assert (card["name"], card["laterality"], card["parent"]) == (
        "Landmine Single-Arm Press",
        "unilateral",
        "Overhead Press",
    )
    assert (card["ratio"], card["increment"], card["rep_range"]) == ([0.3, 0.4], 1.25, [6, 10])
    assert fresh.json("exercises", "show", "leg press")["sled"] == 50
    second = tmp_path / "second.json"
    fresh.ok("export", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_replace_never_loses_sets_logged_by_hand(tracker: Tracker) -> None:
    strong = shared_file(f"{EXPORTS}/strong-sample.csv")
    tracker.ok("import", str(strong))
    # joins session #1 (--yes: far above the sample's leg press, which the entry check sees)
    tracker.ok("log", "leg press", "10x200", "--at", "2024-11-28 17:50", "--yes")
    before = counts(tracker.url)
    line = tracker.fails("import", str(strong), "--unit", "lb", "--replace")
    assert "holds sets you logged by hand" in line
    assert counts(tracker.url) == before


def test_json_export_restores_without_its_suffix_and_keeps_the_lifters_unit(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    sqlite_tracker.ok("lifter", "add", "carol", "--unit", "lb")
    sqlite_tracker.ok("--lifter", "carol", "log", "squat", "10x100kg")
    backup = tmp_path / "backup"
    sqlite_tracker.ok("--lifter", "carol", "export", "--format", "json", "-o", str(backup))
    fresh = Tracker(new_sqlite("fresh.db"), sqlite_tracker.runner)
    fresh.ok("import", str(backup))
    assert "carol (lb)" in fresh.ok("lifter", "list").stdout


BAD_DEFINITIONS = [
    ({"ratio": ["x", "y"]}, '"ratio"'),
    ({"rep_range": [12, 3]}, '"rep_range"'),
    ({"laterality": "sideways"}, '"laterality"'),
    ({"secondary": "glutes"}, '"secondary"'),
    ({"faq": ["q?"]}, '"faq"'),
    ({"sled_unit": "stone"}, '"sled_unit"'),
    ({"colour": "red"}, '"colour"'),
    ({"equipment": "spaceship"}, '"equipment"'),
]


@pytest.mark.parametrize(("change", "message"), BAD_DEFINITIONS)
def test_bad_exercise_definitions_change_nothing(
    sqlite_tracker: Tracker, tmp_path: Path, change: dict[str, Any], message: str,
    new_sqlite: Callable[[str], str],
) -> None:
    sqlite_tracker.ok("exercises", "add", "Zercher Carry", "--equipment", "barbell")
    sqlite_tracker.ok("log", "zercher carry", "1x100")
    good = tmp_path / "good.json"
    sqlite_tracker.ok("export", "--format", "json", "-o", str(good))
    data = json.loads(good.read_text(encoding="utf-8"))
    data["exercises"][0].update(change)
    bad = write(tmp_path / "bad.json", json.dumps(data))
    fresh = Tracker(new_sqlite("fresh.db"), sqlite_tracker.runner)
    fresh.ok("lifter", "list")
    before = counts(fresh.url)
    line = fresh.fails("import", str(bad))
    assert line.startswith(f"Error: {bad}: exercise 1, ") and message in line
    assert counts(fresh.url) == before


def restore_changed(
    source: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str], change: dict[str, Any],
    drop: tuple[str, ...] = (),
) -> tuple[Tracker, int, str]:
    """Restore an export of one custom exercise, its definition changed, into a fresh database:
    the fresh tracker, the exit code and the error line (or the output)."""
    source.ok("exercises", "add", "Zercher Carry", "--equipment", "barbell", "--summary", "Hold")
    source.ok("log", "zercher carry", "1x100")
    good = tmp_path / "good.json"
    source.ok("export", "--format", "json", "-o", str(good))
    data = json.loads(good.read_text(encoding="utf-8"))
    data["exercises"][0].update(change)
    for key in drop:
        del data["exercises"][0][key]
    bad = write(tmp_path / "changed.json", json.dumps(data))
    fresh = Tracker(new_sqlite("fresh.db"), source.runner)
    fresh.ok("lifter", "list")
    before = counts(fresh.url)
    result = fresh("import", str(bad))
    if result.exit_code:
        assert counts(fresh.url) == before  # all or nothing
        return fresh, result.exit_code, result.stderr.strip()
    return fresh, result.exit_code, result.stdout


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"colour": "red"}, 'Error: exercise 1, "colour": not a field of an exercise'),
        (
            {"equipment": "spaceship"},
            'Error: exercise 1, "equipment": unknown equipment "spaceship": use one of '
            "barbell, dumbbell, machine, cable, kettlebell, smith machine, band, bodyweight, "
            "other",
        ),
    ],
)
def test_a_restore_refuses_what_no_command_could_make_in_one_line(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str],
    change: dict[str, Any], expected: str,
) -> None:
    fresh, code, line = restore_changed(sqlite_tracker, tmp_path, new_sqlite, change)
    named = expected.replace("Error: ", f"Error: {tmp_path / 'changed.json'}: ", 1)
    assert (code, line) == (1, named)
    assert "zercher carry" not in fresh.ok("exercises", "list").stdout.lower()


def test_an_older_export_without_a_later_field_restores_it_as_the_default(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    """README: an export holds the fields it lists; one written before a field existed still
    restores, the field taking the default a new exercise has."""
    dropped = ("summary", "faq", "load_per", "implements", "edited", "source", "ratio_note")
    fresh, code, out = restore_changed(sqlite_tracker, tmp_path, new_sqlite, {}, dropped)
    assert code == 0, out
    card = fresh.json("exercises", "show", "zercher carry")
    assert (card["equipment"], card["summary"]) == ("barbell", None)


def test_a_restore_reads_equipment_as_exercises_add_does(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    fresh, code, out = restore_changed(
        sqlite_tracker, tmp_path, new_sqlite, {"equipment": "DB"}
    )
    assert code == 0, out
    assert fresh.json("exercises", "show", "zercher carry")["equipment"] == "dumbbell"


def test_a_rich_export_restores_byte_identical(
    tracker: Tracker, other_db_url: str, tmp_path: Path
) -> None:
    """Custom exercises with every field a command sets, an edited built-in, and exercises an
    import made, one with a variant of the vocabulary as its equipment ("ez bar")."""
    tracker.ok("exercises", "add", "Landmine Single-Arm Press", "--unilateral", "--parent",
               "Overhead Press", "--ratio", "40-50%", "--equipment", "Smith",
               "--alias", "lm press", "--alias", "lmp", "--body-part", "shoulders",
               "--target", "front delts", "--secondary", "triceps, core",
               "--difficulty", "advanced", "--category", "strength", "--increment", "1.25",
               "--sled", "2.5", "--unit", "lb", "--per", "side", "--rep-range", "6-10",
               "--summary", "A press from a bar anchored in a corner.", "--step", "Grip",
               "--step", "Press", "--tip", "Brace", "--mistake", "Leaning back")
    tracker.ok("exercises", "add", "Suitcase Hold", "--equipment", "kettlebells", "--alternating",
               "--per", "implement", "--implements", "1", "--category", "stretching")
    tracker.ok("exercises", "add", "Cone Shuttle", "--unilateral", "--lower-is-better")
    tracker.ok("exercises", "edit", "leg press", "--sled", "50", "--tip", "Feet high")
    tracker.ok("log", "lm press", "-l", "8x20", "-r", "7x20")
    made = tmp_path / "made.csv"
    tracker.ok("export", "-o", str(made))
    header, row = list(csv.reader(io.StringIO(made.read_text(encoding="utf-8"))))[:2]
    more = io.StringIO()
    writer = csv.DictWriter(more, header, lineterminator="\n")
    writer.writeheader()
    for name in ("Back Pull Up (Assisted)", "Spider Drag (EZ Bar)"):  # new exercises of an import
        writer.writerow(dict(zip(header, row, strict=True), session=name, exercise=name, side=""))
    tracker.ok("import", str(write(tmp_path / "more.csv", more.getvalue())))
    first = tmp_path / "first.json"
    tracker.ok("export", "--format", "json", "-o", str(first))
    equipment = {d["name"]: d["equipment"] for d in json.loads(first.read_text())["exercises"]}
    assert equipment["Back Pull Up (Assisted)"] == "bodyweight"  # the vocabulary's word
    assert equipment["Spider Drag (EZ Bar)"] == "ez bar"
    assert equipment["Landmine Single-Arm Press"] == "smith machine"
    lower = {d["name"]: d["lower_is_better"] for d in json.loads(first.read_text())["exercises"]}
    assert (lower["Cone Shuttle"], lower["Suitcase Hold"]) == (True, False)
    restored = Tracker(other_db_url, tracker.runner)
    restored.ok("import", str(first))
    second = tmp_path / "second.json"
    restored.ok("export", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_restore_keeps_the_exercises_made_here(
    sqlite_tracker: Tracker, tmp_path: Path, new_sqlite: Callable[[str], str]
) -> None:
    sqlite_tracker.ok("exercises", "add", "Zercher Carry", "--unilateral")
    sqlite_tracker.ok("log", "zercher carry", "--each", "1x100")
    exported_file = tmp_path / "a.json"
    sqlite_tracker.ok("export", "--format", "json", "-o", str(exported_file))
    other = Tracker(new_sqlite("other.db"), sqlite_tracker.runner)
    other.ok("exercises", "add", "Zercher Carry", "--equipment", "barbell")
    other.ok("exercises", "edit", "leg press", "--sled", "80")
    other.ok("import", str(exported_file))
    card = other.json("exercises", "show", "zercher carry")
    assert (card["laterality"], card["equipment"]) == ("bilateral", "barbell")
    assert other.json("exercises", "show", "leg press")["sled"] == 80
