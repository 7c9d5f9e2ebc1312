"""Shared fixtures: real databases (SQLite files, and PostgreSQL when configured), the CLI.

PostgreSQL runs when TRACKER_TEST_PG_URL points at a server (e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/postgres). Each test run creates its own databases
and drops them at the end; each test finds the shared one reset (tests/helpers/seeded_postgres.py).
Under CI=true a missing server is an error, not a skip.

Temporary files (SQLite databases too) go to a RAM file system where there is one, and
PostgreSQL commits do not wait for the disk (tests/helpers/fast_storage.py). Bytecode is kept
between runs even where PYTHONDONTWRITEBYTECODE is set, outside the source tree
(tests/helpers/bytecode_cache.py). The engines of a test process share one compiled-statement
cache (tests/helpers/shared_sql_cache.py).
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from tests.helpers import bytecode_cache, fast_storage, shared_sql_cache
from tests.helpers.cli import PG_ENV, Tracker, isolate
from tests.helpers.postgres_server import PostgresServer
from tests.helpers.seeded_postgres import SeededDatabase

# No time limit per example: a property holds or not whatever the machine's load (Hypothesis'
# default 200 ms deadline fails a correct example when both cores are busy).
settings.register_profile("tracker", deadline=None)
settings.load_profile("tracker")

TEMP_ROOT = "PYTEST_DEBUG_TEMPROOT"  # pytest's own variable for the root of its temporary files


def pytest_configure(config: pytest.Config) -> None:
    """Storage that does not wait for the disk (tests/helpers/fast_storage.py), unless the
    run chose where its temporary files go; bytecode kept between runs where the environment
    turned it off (tests/helpers/bytecode_cache.py); one compiled-statement cache for the
    process's engines (each command run in-process compiled all of its SQL again:
    tests/helpers/shared_sql_cache.py)."""
    shared_sql_cache.install()
    chosen = config.option.basetemp or os.environ.get("TMPDIR") or os.environ.get(TEMP_ROOT)
    if not chosen and (ram := fast_storage.ram_disk()) is not None:
        os.environ[TEMP_ROOT] = str(ram)  # where pytest's tmp_path_factory makes its folders
    # Before the xdist workers start: they and every subprocess inherit the setting.
    bytecode_cache.keep_bytecode(os.environ.get(TEMP_ROOT))
    if os.environ.get(PG_ENV):
        os.environ["PGOPTIONS"] = fast_storage.postgres_options(os.environ.get("PGOPTIONS"))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Less garbage collecting, which took a fifth of the run's own time: what importing and
    collecting made (modules, strategies, the ORM's mappings) lives for the whole run, so the
    collector stops walking it again (nothing a test makes is frozen); and it runs after
    10,000 new objects instead of 700 (the caches of the code under test keep some 400,000
    objects that every full collection walks). Garbage is still collected, only in bigger
    batches, and pytest collects once more at the end of the run: a resource left open still
    fails the run (filterwarnings = error), if in a later test than the one that left it."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user's database, lifter or colours."""
    isolate(monkeypatch, tmp_path_factory.mktemp("home"))


def _pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests are required")
        return None
    return url


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer | None]:
    """The PostgreSQL server, None without one; drops every database the run made on it."""
    admin = _pg_admin_url()
    if admin is None:
        yield None
        return
    server = PostgresServer(admin)
    try:
        yield server
    finally:
        server.drop_all()


def _needs(server: PostgresServer | None) -> PostgresServer:
    if server is None:
        pytest.skip(f"{PG_ENV} is not set")
    return server


@pytest.fixture(scope="session")
def pg_database(pg_server: PostgresServer | None) -> Iterator[SeededDatabase | None]:
    """A PostgreSQL database for the whole run (each xdist worker has its own), migrated and
    holding the built-in catalog as the first command leaves it."""
    if pg_server is None:
        yield None
        return
    seeded = SeededDatabase(pg_server.migrated())
    yield seeded
    seeded.dispose()


@pytest.fixture(scope="session")
def pg_fresh_database_factory(pg_server: PostgresServer | None) -> Callable[[], str]:
    """Make empty PostgreSQL databases on demand (for migration and first-run tests)."""
    return lambda: _needs(pg_server).empty()


@pytest.fixture(scope="session")
def pg_new_database_factory(pg_server: PostgresServer | None) -> Callable[[], str]:
    """Make PostgreSQL databases as the first command leaves a new one, on demand: for tests
    that need one of their own (a second database, or a schema they damage)."""
    return lambda: _needs(pg_server).migrated()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database at head with the built-in catalog and no lifter: what the first
    command makes, made once (about half a second) and copied for every test."""
    from tracker.bootstrap import open_database

    path = tmp_path_factory.mktemp("template") / "tracker.db"
    open_database(f"sqlite:///{path}", notify=lambda line: None).dispose()
    assert not path.with_name("tracker.db-wal").exists()  # all in the one file to copy
    return path


@pytest.fixture
def new_sqlite(sqlite_template: Path, tmp_path: Path) -> Callable[[str], str]:
    """``new_sqlite(name)``: the URL of a SQLite database ``name`` in tmp_path as the first
    command leaves a new one (a copy of the template). Tests of the first command itself
    (migration, file modes, parallel first runs) start from no file instead."""

    def make(name: str = "tracker.db") -> str:
        path = tmp_path / name
        assert not path.exists(), path
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"

    return make


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each engine, as the first command leaves a new database: a copy of
    the SQLite template, or the session's PostgreSQL database reset."""
    if request.param == "sqlite":
        yield request.getfixturevalue("new_sqlite")()
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
def other_db_url(db_url: str, request: pytest.FixtureRequest) -> str:
    """Another database on the same engine as ``db_url``, as the first command leaves a new
    one (a restore's target, say)."""
    if db_url.startswith("sqlite"):
        make: Callable[[str], str] = request.getfixturevalue("new_sqlite")
        return make("other.db")
    new: Callable[[], str] = request.getfixturevalue("pg_new_database_factory")
    return new()


@pytest.fixture
def sqlite_tracker(new_sqlite: Callable[[str], str]) -> Tracker:
    """The CLI on a SQLite database in tmp_path/tracker.db, as the first command leaves it."""
    return Tracker(new_sqlite("tracker.db"), CliRunner())
