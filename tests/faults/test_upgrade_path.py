"""Issue 15, a real upgrade path: a database as revision 0001 made it (tests/fixtures/
revisions/0001.sql) upgraded to head on both engines keeps every row and value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.helpers.stored import revision_of
from tracker.adapters import db as dbmod

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "revisions"
TABLES = ("lifter", "setting", "exercise", "exercise_alias", "training_session", "workout_set")


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    made: str = request.getfixturevalue("pg_fresh_database_factory")()
    return made


def load_fixture(url: str, revision: str) -> None:
    zone = "+00" if url.startswith("postgresql") else ""
    script = (FIXTURES / f"{revision}.sql").read_text().replace("{Z}", zone)
    statements = [s for s in script.split(";\n") if s.strip(" \n").replace("--", "", 1)]
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                body = "\n".join(
                    line for line in statement.splitlines() if not line.startswith("--")
                )
                if body.strip():
                    conn.exec_driver_sql(body)
    finally:
        engine.dispose()


def rows(url: str, columns_of: dict[str, list[str]] | None = None) -> dict[str, list[Any]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found: dict[str, list[Any]] = {}
            for table in TABLES:
                columns = "*" if columns_of is None else ", ".join(columns_of[table])
                result = conn.execute(text(f"SELECT {columns} FROM {table} ORDER BY 1"))
                found[table] = [tuple(row) for row in result]
            return found
    finally:
        engine.dispose()


def columns(url: str) -> dict[str, list[str]]:
    from sqlalchemy import inspect

    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        return {t: [c["name"] for c in inspector.get_columns(t)] for t in TABLES}
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", ["0001", "0007"])  # every revision adds its fixture
def test_an_old_database_upgrades_to_head_with_every_row(url: str, revision: str) -> None:
    dbmod.upgrade(url, revision)
    load_fixture(url, revision)
    old_columns = columns(url)
    before = rows(url, old_columns)
    assert [len(before[t]) for t in TABLES] == [2, 3, 3, 2, 3, 5]
    lines: list[str] = []
    engine = dbmod.create_app_engine(url)
    try:
        migrated = dbmod.ensure_schema(engine, url, lines.append)
    finally:
        engine.dispose()
    assert migrated == (revision != dbmod.HEAD_REVISION)
    assert revision_of(url) == dbmod.HEAD_REVISION
    assert rows(url, old_columns) == before  # every old column of every row, unchanged
    if migrated and url.startswith("sqlite"):
        assert lines and "backed up" in lines[0]


def policies(url: str) -> list[tuple[str, str]]:
    """The row-level security policies of a PostgreSQL database (none on SQLite)."""
    if not url.startswith("postgresql"):
        return []
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            query = "SELECT tablename, policyname FROM pg_policies ORDER BY 1, 2"
            result = conn.execute(text(query))
            return [(str(table), str(name)) for table, name in result]
    finally:
        engine.dispose()


def test_a_0007_database_upgrades_and_never_reuses_a_deleted_id(url: str) -> None:
    """Issue 23: SQLite gave a deleted newest session's id to the next session (another
    lifter's), and an undo then reached the wrong one. 0008 makes SQLite ids AUTOINCREMENT and
    leaves PostgreSQL, whose sequences never reuse, and its policies as they were."""
    from click.testing import CliRunner

    from tests.helpers.cli import Tracker

    dbmod.upgrade(url, "0007")
    load_fixture(url, "0007")
    if url.startswith("postgresql"):  # the fixture's explicit ids: sequences as a real log has
        engine = create_engine(url)
        with engine.begin() as conn:
            for table in ("lifter", "exercise", "training_session", "workout_set"):
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                ))
        engine.dispose()
    before = policies(url)
    engine = dbmod.create_app_engine(url)
    try:
        dbmod.ensure_schema(engine, url, lambda line: None)
    finally:
        engine.dispose()
    assert revision_of(url) == dbmod.HEAD_REVISION
    assert policies(url) == before
    tracker = Tracker(url, CliRunner())
    # Session 3 and set 5, alice's, are the newest: deleted, their ids are never given again.
    tracker.ok("--lifter", "alice", "session", "delete", "3", "--yes")
    out = tracker.ok("log", "leg press", "1x5", "--at", "2026-11-26 18:00", "--yes").stdout
    assert "Started session #4." in out and "#6 1 x 5 kg" in out
    assert "restored session #3" in tracker.ok("--lifter", "alice", "undo").stdout
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            owners = conn.execute(text("SELECT id, lifter_id FROM training_session ORDER BY id"))
            assert [tuple(row) for row in owners] == [(1, 1), (2, 1), (3, 2), (4, 1)]
    finally:
        engine.dispose()
