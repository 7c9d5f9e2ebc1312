"""Engine set-up and schema migration on first use.

Alembic is imported only when the schema is behind (new or older database): the common path
costs one `SELECT version_num` on an engine that is already open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from tracker.adapters.location import sqlite_path
from tracker.domain.errors import TrackerError

# Bumped with every new Alembic revision; a test checks it matches the migration scripts' head.
HEAD_REVISION = "0003"
SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(TrackerError):
    """The database cannot be opened or is at a schema this version does not know."""


def create_app_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine set up for real use.

    SQLite: foreign keys on, WAL journal (readers never block the writer), a busy timeout, and
    BEGIN IMMEDIATE so that two terminals writing at once wait for each other instead of failing
    with "database is locked" when a read transaction tries to become a write transaction.
    """
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
    except ImportError as exc:
        scheme = url.split(":", 1)[0]
        raise DatabaseError(
            f'no driver for "{scheme}" is installed ({exc.name}); for PostgreSQL: '
            'pip install "tracker[postgres]" and use postgresql+psycopg://...'
        ) from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, foreign_keys=foreign_keys)
    return engine


def _configure_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed package, or the repository's alembic/."""
    packaged = resources.files("tracker") / "_alembic"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "alembic"


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, or None for a database that has none yet."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        return None


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Run Alembic on its own engine (SQLite foreign keys off, as batch mode requires)."""
    from alembic import command

    engine = create_app_engine(url, foreign_keys=False)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
    finally:
        engine.dispose()


def backup_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, safe while others write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            with dst:
                src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def ensure_schema(engine: Engine, url: str, notify: Callable[[str], None]) -> bool:
    """Bring the database to head. Returns True when a migration ran.

    A new database is created silently. An older one is first backed up (SQLite: a copy beside
    the file named with the old revision) and `notify` gets one line saying so.
    """
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision > HEAD_REVISION:
        raise DatabaseError(
            f"the database is at schema revision {revision}, newer than this tracker knows "
            f"({HEAD_REVISION}); upgrade tracker"
        )
    if revision is not None:
        note = f"database upgraded from revision {revision} to {HEAD_REVISION}"
        path = sqlite_path(url)
        if path is not None:
            backup = path.with_name(f"{path.name}.before-{revision}.bak")
            backup_sqlite(path, backup)
            note += f"; the old file was backed up to {backup}"
        engine.dispose()  # release our connections so the migration can take the lock
        upgrade(url)
        notify(note)
        return True
    engine.dispose()
    upgrade(url)
    return True
