"""Each CLI test finds what a new database gives the first command, though no test migrates
one: SQLite tests get a copy of a template file, PostgreSQL tests the session's database reset
(tests/helpers/seeded_postgres.py) or a copy of a template database
(tests/helpers/postgres_server.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from tests.helpers.cli import PG_ENV, Tracker
from tests.helpers.postgres_server import PRIVILEGES
from tests.helpers.seeded_postgres import TABLES, SeededDatabase
from tracker.bootstrap import open_database


def contents(url: str) -> dict[str, Any]:
    """Every table's rows (ids included) and every sequence's state, and the privileges on
    the database itself."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found: dict[str, Any] = {
                table: conn.execute(text(f"SELECT t::text FROM {table} t ORDER BY 1")).all()
                for table in conn.execute(text(TABLES)).scalars()
            }
            found["sequences"] = conn.execute(
                text("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
            ).all()
            name = conn.execute(text("SELECT current_database()")).scalar()
            found["database"] = conn.execute(text(PRIVILEGES), {"name": name}).scalar()
            return found
    finally:
        engine.dispose()


def test_a_reset_database_is_a_new_one(
    pg_database: SeededDatabase | None, pg_fresh_database_factory: Any
) -> None:
    if pg_database is None:
        pytest.skip(f"{PG_ENV} is not set")
    fresh_url: str = pg_fresh_database_factory()
    open_database(fresh_url, notify=lambda line: None).dispose()
    fresh, used = Tracker(fresh_url, CliRunner()), Tracker(pg_database.url, CliRunner())
    pg_database.reset()
    # Lifter data, a custom exercise with an alias, an edited and a removed built-in.
    used.ok("log", "squat", "5x100")
    used.ok("exercises", "add", "Pendulum Press", "--parent", "Leg Press", "--alias", "pp")
    used.ok("exercises", "edit", "leg curl", "--alias", "ham curl")
    used.ok("exercises", "remove", "hack squat")
    assert contents(pg_database.url) != contents(fresh_url)

    pg_database.reset()
    assert contents(pg_database.url) == contents(fresh_url)
    for tracker in (fresh, used):  # the next ids are a new database's too
        tracker.ok("exercises", "add", "Pendulum Press", "--alias", "pp")
        tracker.ok("log", "pendulum press", "5x50")
    timeless = ("exercise", "exercise_alias", "setting", "sequences")  # sets hold their time
    assert [contents(pg_database.url)[key] for key in timeless] == [
        contents(fresh_url)[key] for key in timeless
    ]


TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?")


def sqlite_contents(path: Path) -> dict[str, Any]:
    """The schema (a table's lines sorted: Alembic's batch mode writes its constraints in any
    order), every table's rows with their times blanked, the file's settings and mode."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            schema = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY 2"))
            found: dict[str, Any] = {
                "schema": [
                    (kind, name, sorted(line.strip(" ,") for line in (sql or "").splitlines()))
                    for kind, name, sql in schema
                ]
            }
            tables = text("SELECT name FROM sqlite_master WHERE type = 'table'")
            for table in conn.execute(tables).scalars():
                rows = conn.execute(text(f'SELECT * FROM "{table}" ORDER BY 1'))
                found[table] = [
                    [TIME.sub("<time>", v) if isinstance(v, str) else v for v in row]
                    for row in rows
                ]
            for pragma in ("journal_mode", "user_version", "application_id", "auto_vacuum"):
                found[pragma] = conn.execute(text(f"PRAGMA {pragma}")).scalar()
            found["mode"] = path.stat().st_mode
            return found
    finally:
        engine.dispose()


def test_a_copied_sqlite_template_is_a_new_database(
    new_sqlite: Callable[[str], str], tmp_path: Path
) -> None:
    fresh = Tracker(f"sqlite:///{tmp_path / 'fresh.db'}", CliRunner())
    copied = Tracker(new_sqlite("copied.db"), CliRunner())
    for tracker in (fresh, copied):  # fresh's first command makes its database
        tracker.ok("exercises", "add", "Pendulum Press", "--alias", "pp")
    found = [sqlite_contents(tmp_path / name) for name in ("fresh.db", "copied.db")]
    assert found[0] == found[1]
