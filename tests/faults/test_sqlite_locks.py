"""Issue 15, SQLite under a long writer: reads never wait; a writer says what it waits for."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import Tracker
from tracker.adapters import db as dbmod

WAITED = [
    "waiting for another command or program that has locked this database (an import? a "
    "sqlite3 shell?) to finish, up to 0 s ...",
    "Error: another command or program kept the database locked for over 0 s (a long import? "
    "a sqlite3 shell?); try again when it has finished",
]


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every lock wait fails at once (the limits are constants of adapters/db.py): no test
    sleeps or races a clock."""
    monkeypatch.setattr(dbmod, "SQLITE_BUSY_TIMEOUT_MS", 0)
    monkeypatch.setattr(dbmod, "SQLITE_WRITE_WAIT_MS", 0)
    monkeypatch.setattr(dbmod, "SQLITE_QUIET_WAIT_MS", 0)


def test_reads_do_not_wait_for_a_writer_and_a_waiting_writer_says_why(
    sqlite_tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_tracker.ok("log", "leg press", "10x100")
    writer = sqlite3.connect(tmp_path / "tracker.db", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another command holds the write lock (an import)
        writer.execute("INSERT INTO setting (key, value) VALUES ('x', 'uncommitted')")
        monkeypatch.setattr(dbmod, "SQLITE_BUSY_TIMEOUT_MS", 0)  # a wait would fail at once
        monkeypatch.setattr(dbmod, "SQLITE_WRITE_WAIT_MS", 0)
        monkeypatch.setattr(dbmod, "SQLITE_QUIET_WAIT_MS", 0)
        for read in (["session", "list"], ["export"], ["report", "summary"], ["exercises", "list"]):
            sqlite_tracker.ok(*read)
        result = sqlite_tracker("log", "leg press", "8x100")
        assert result.exit_code == 3
        assert result.stderr.splitlines() == WAITED
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    sqlite_tracker.ok("log", "leg press", "8x100")  # the lock is gone: it goes through


def test_another_programs_exclusive_lock_is_waited_for_with_a_notice_then_one_line(
    sqlite_tracker: Tracker, tmp_path: Path, no_waiting: None
) -> None:
    sqlite_tracker.ok("log", "leg press", "10x100")
    holder = sqlite3.connect(tmp_path / "tracker.db", isolation_level=None)
    try:  # a sqlite3 shell: PRAGMA locking_mode=EXCLUSIVE, then a write keeps the lock
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("INSERT INTO setting (key, value) VALUES ('x', 'held')")
        for command in (["session", "list"], ["log", "leg press", "8x100"]):
            result = sqlite_tracker(*command)
            assert (result.exit_code, result.stdout) == (3, "")
            assert result.stderr.splitlines() == WAITED
    finally:
        holder.close()
    sqlite_tracker.ok("log", "leg press", "8x100")  # the lock is gone: it goes through


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` made read-only for tracker: chmod for a user; root, whom modes do not stop,
    gets the immutable flag instead (skipped where the file system has none)."""
    if os.geteuid() != 0:
        old = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(old)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"running as root and chattr +i fails here: {made.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_shm_file_is_one_line_naming_it(
    sqlite_tracker: Tracker, tmp_path: Path
) -> None:
    sqlite_tracker.ok("log", "leg press", "10x100")
    shm = tmp_path / "tracker.db-shm"
    other = sqlite3.connect(tmp_path / "tracker.db")
    other.execute("SELECT count(*) FROM setting").fetchall()
    left = shm.read_bytes()
    other.close()  # as a program that died would, it leaves its -shm file behind
    shm.write_bytes(left)
    with read_only(shm):
        for command in (["log", "leg press", "8x100"], ["db", "upgrade"]):
            assert sqlite_tracker.fails(*command, code=3) == (
                f"Error: the database's -shm file {shm} is read-only, so tracker can't use "
                f"the database: make it writable (chmod u+w {shm})"
            )
        sqlite_tracker.ok("session", "list")  # SQLite still reads it
    sqlite_tracker.ok("log", "leg press", "8x100")


def test_a_read_only_database_or_folder_is_one_line_naming_it(
    sqlite_tracker: Tracker, tmp_path: Path
) -> None:
    sqlite_tracker.ok("log", "leg press", "10x100")
    assert [path.name for path in tmp_path.iterdir()] == ["tracker.db"]  # no -wal or -shm left
    with read_only(tmp_path):
        for command in (["session", "list"], ["log", "leg press", "8x100"]):
            assert sqlite_tracker.fails(*command, code=3) == (
                f"Error: the database folder {tmp_path} is read-only, so SQLite can't make the "
                f"database's -wal and -shm files there: make it writable (chmod u+w {tmp_path})"
            )
    database = tmp_path / "tracker.db"
    with read_only(database):
        assert sqlite_tracker.fails("log", "leg press", "8x100", code=3) == (
            f"Error: the database {database} is read-only, so tracker can't use the "
            f"database: make it writable (chmod u+w {database})"
        )
    assert len(sqlite_tracker.json("session", "show")["sets"]) == 1
