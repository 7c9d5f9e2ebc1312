"""Shared fixtures: real databases (SQLite files, and PostgreSQL when configured), the CLI.

PostgreSQL runs when TRACKER_TEST_PG_URL points at a server (e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/postgres). Each test run creates its own database
and drops it at the end; each test finds it reset (tests/helpers/seeded_postgres.py). Under
CI=true a missing server is an error, not a skip.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.helpers.cli import PG_ENV, Tracker
from tests.helpers.seeded_postgres import SeededDatabase


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user's database, lifter or colours."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    for name in ("TRACKER_DB", "TRACKER_LIFTER", "NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")


def _pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests are required")
        return None
    return url


@pytest.fixture(scope="session")
def pg_database() -> Iterator[SeededDatabase | None]:
    """A PostgreSQL database for the whole run (each xdist worker has its own), migrated and
    holding the built-in catalog as the first command leaves it; dropped at the end."""
    admin = _pg_admin_url()
    if admin is None:
        yield None
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tracker.bootstrap import open_database

    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(admin).set(database=name).render_as_string(hide_password=False)
        open_database(url, notify=lambda line: None).dispose()
        seeded = SeededDatabase(url)
        yield seeded
        seeded.dispose()
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(scope="session")
def pg_fresh_database_factory() -> Iterator[Any]:
    """Make empty PostgreSQL databases on demand (for migration tests); drops them all."""
    admin = _pg_admin_url()
    created: list[str] = []
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(admin, isolation_level="AUTOCOMMIT") if admin else None

    def make() -> str:
        if engine is None or admin is None:
            pytest.skip(f"{PG_ENV} is not set")
        name = f"tracker_mig_{uuid.uuid4().hex[:10]}"
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(admin).set(database=name).render_as_string(hide_password=False)

    yield make
    if engine is not None:
        with engine.connect() as conn:
            for name in created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database at head with the built-in catalog and no lifter: what the first
    command makes, made once (about half a second) and copied for every test."""
    from tracker.bootstrap import open_database

    path = tmp_path_factory.mktemp("template") / "tracker.db"
    open_database(f"sqlite:///{path}", notify=lambda line: None).dispose()
    assert not path.with_name("tracker.db-wal").exists()  # all in the one file to copy
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each engine, as the first command leaves a new database: a copy of
    the SQLite template, or the session's PostgreSQL database reset."""
    if request.param == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), tmp_path / "tracker.db")
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    seeded: SeededDatabase | None = request.getfixturevalue("pg_database")
    if seeded is None:
        pytest.skip(f"{PG_ENV} is not set")
    seeded.reset()
    yield seeded.url


@pytest.fixture
def tracker(db_url: str) -> Tracker:
    return Tracker(db_url, CliRunner())


@pytest.fixture
def sqlite_tracker(tmp_path: Path) -> Tracker:
    return Tracker(f"sqlite:///{tmp_path / 'tracker.db'}", CliRunner())
