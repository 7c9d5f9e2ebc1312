"""Each PostgreSQL CLI test finds what a new database gives the first command, though the
session's database is only reset between tests (tests/helpers/seeded_postgres.py)."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from tests.helpers.cli import PG_ENV, Tracker
from tests.helpers.seeded_postgres import TABLES, SeededDatabase
from tracker.bootstrap import open_database


def contents(url: str) -> dict[str, Any]:
    """Every table's rows (ids included) and every sequence's state."""
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
