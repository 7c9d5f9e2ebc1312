"""Issue 15, faults and concurrency with real processes: parallel first commands on a new
database, 16 writers at once, and kill -9 in the middle of an import (both engines)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from tracker.adapters.orm import Lifter, TrainingSession, WorkoutSet

WRITERS = 16


@pytest.fixture(params=["sqlite", "postgres"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database no command has touched yet."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'new.db'}"
    url: str = request.getfixturevalue("pg_fresh_database_factory")()
    return url


def tracker_process(url: str, *args: str, quiet: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "TRACKER_DB": url, "TZ": "UTC"}
    pipe = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        env=env, stdout=pipe, stderr=pipe, text=True,
    )


def test_sixteen_first_commands_logging_at_once(new_db: str) -> None:
    """Migration, catalog seeding, the default lifter, the open session and set positions
    are all contended at once: every command succeeds and the rows come out consistent."""
    processes = [tracker_process(new_db, "log", "leg press", "10x100") for _ in range(WRITERS)]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0 and "Traceback" not in err, err
    engine = create_engine(new_db)
    try:
        with engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(Lifter)) == 1
            sessions = conn.execute(select(TrainingSession.id, TrainingSession.finished_at)).all()
            assert len(sessions) == 1 and sessions[0].finished_at is None
            positions = conn.scalars(select(WorkoutSet.position)).all()
            assert sorted(positions) == list(range(WRITERS))  # no duplicates, no gaps
    finally:
        engine.dispose()


def test_first_commands_that_only_read_at_once(new_db: str) -> None:
    """Listings on a new database each make the default lifter if it is missing: they queue
    for that write as writers do (a read transaction upgraded to a write failed with
    "database is locked" in about one run in three)."""
    commands = [("session", "list"), ("lifter", "list"), ("session", "list", "--json")] * 3
    processes = [tracker_process(new_db, *args) for args in commands]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        # A command that queues behind another's first write may say it waits: nothing else.
        said = [line for line in err.splitlines() if not line.startswith("waiting for another")]
        assert process.returncode == 0 and said == [], err
    engine = create_engine(new_db)
    try:
        with engine.connect() as conn:
            assert conn.scalars(select(Lifter.name)).all() == ["me"]
    finally:
        engine.dispose()


def strong_file(path: Path, workouts: int) -> Path:
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    rows = []
    for day in range(workouts):
        date = f"20{10 + day // 300:02d}-{1 + day % 12:02d}-{1 + day % 28:02d} 18:{day % 60:02d}:00"
        for order in range(1, 11):
            rows.append(f'{date},"W{day}",1h,"Custom Move {day % 50}",{order},60,10,0,0,\n')
    path.write_text(header + "".join(rows))
    return path


def count_sets(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(WorkoutSet)) or 0
    finally:
        engine.dispose()


def import_has_begun_writing(url: str, wal: Path | None, baseline: int) -> bool:
    """True once the importer's uncommitted rows reach the database files (SQLite: its WAL
    grows; PostgreSQL: an INSERT into workout_set is running)."""
    if wal is not None:
        return wal.exists() and wal.stat().st_size > baseline + 1_000_000
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(
                conn.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND query LIKE 'INSERT INTO workout_set%'"
                    )
                )
            )
    finally:
        engine.dispose()


def test_kill_9_during_an_import_leaves_all_or_nothing(new_db: str, tmp_path: Path) -> None:
    """Killed while its rows are being written, an import leaves none of them, and the next
    command works (no lock, journal or half-made rows left behind)."""
    first = tracker_process(new_db, "log", "leg press", "10x100")
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    big = strong_file(tmp_path / "big.csv", 4_000)
    wal = tmp_path / "new.db-wal" if new_db.startswith("sqlite") else None
    baseline = wal.stat().st_size if wal is not None and wal.exists() else 0
    importer = tracker_process(new_db, "import", str(big), "--unit", "kg", quiet=True)
    while importer.poll() is None and not import_has_begun_writing(new_db, wal, baseline):
        time.sleep(0.02)  # waiting for a state, not measuring time
    killed_in_flight = importer.poll() is None
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=60)
    if killed_in_flight:
        assert count_sets(new_db) == 1  # nothing of the import, and the earlier set kept
    after = tracker_process(new_db, "import", str(big), "--unit", "kg")
    _, err = after.communicate(timeout=600)
    assert after.returncode == 0, err
    assert count_sets(new_db) == 1 + 40_000
