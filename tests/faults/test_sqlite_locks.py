"""Issue 15, SQLite under a long writer: reads never wait; a writer says what it waits for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.conftest import Tracker

from tracker.adapters import db as dbmod


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
        assert result.stderr.splitlines() == [
            "waiting for another tracker command that is writing to this database (an import?) "
            "to finish, up to 0 s ...",
            "Error: another command kept the database locked for over 0 s (a long import?); "
            "try again when it has finished",
        ]
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    sqlite_tracker.ok("log", "leg press", "8x100")  # the lock is gone: it goes through
