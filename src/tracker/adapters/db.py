"""Engine set-up and schema migration on first use.

Alembic is imported only when the schema is behind (new or older database): the common path
costs one `SELECT version_num` on an engine that is already open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from tracker.adapters.location import describe, sqlite_path, user_data_dir
from tracker.domain.errors import TrackerError

# Bumped with every new Alembic revision; a test checks it matches the migration scripts' head.
HEAD_REVISION = "0008"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# A PostgreSQL advisory lock key (any fixed 64-bit number; the repository holds the catalog's
# one): one schema migration at a time.
MIGRATION_LOCK = 0x7472_6163_6B01


class DatabaseError(TrackerError):
    """The database cannot be opened or is at a schema this version does not know."""


def create_app_engine(
    url: str, *, foreign_keys: bool = True, on_wait: Callable[[str], None] | None = None
) -> Engine:
    """An engine set up for real use.

    SQLite: foreign keys on, WAL journal (readers never block the writer), a busy timeout, and
    BEGIN IMMEDIATE so that two terminals writing at once wait for each other instead of failing
    with "database is locked" when a read transaction tries to become a write transaction.
    """
    path = sqlite_path(url)
    if path is not None:
        prepare_private_file(path)
    try:
        engine = create_engine(url)
    except ImportError as exc:
        scheme = url.split(":", 1)[0]
        raise DatabaseError(
            f'no driver for "{scheme}" is installed ({exc.name}); for PostgreSQL: '
            'pip install "tracker[postgres]" and use postgresql+psycopg://...'
        ) from None
    except ValueError as exc:  # e.g. a port that is not a number
        raise DatabaseError(f"can't use the database URL {describe(url)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, foreign_keys=foreign_keys, on_wait=on_wait)
    return engine


PRIVATE_FILE = 0o600  # training data is personal: owner only, whatever the umask
PRIVATE_DIR = 0o700


def private_dirs(folder: Path) -> None:
    """Create ``folder`` and missing parents as 700 (OSError if impossible); tracker's own
    data folder is kept 700."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        candidate.mkdir(mode=PRIVATE_DIR)
    if folder == user_data_dir() and folder.stat().st_mode & 0o077:
        folder.chmod(PRIVATE_DIR)


def make_private_dirs(folder: Path) -> None:
    """`private_dirs`, or a DatabaseError saying why the database folder can't be made."""
    try:
        private_dirs(folder)
    except FileExistsError:
        raise DatabaseError(
            f"can't create the database folder {folder}: a file is in the way"
        ) from None
    except OSError as error:
        raise DatabaseError(
            f"can't create the database folder {folder}: {error.strerror or error}"
        ) from None


def prepare_private_file(path: Path) -> None:
    """Create the SQLite file as 600 before SQLite does (its -wal and -shm files copy the
    database's mode), and take group and other access away from an existing one."""
    make_private_dirs(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE)
        os.close(descriptor)
    except OSError:
        return  # read-only or special: SQLite's own error says what is wrong
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            if companion.stat().st_mode & 0o077:
                companion.chmod(PRIVATE_FILE)


READ_ONLY = "tracker_read_only"  # execution option: a transaction that only reads
SQLITE_QUIET_WAIT_MS = 1_000  # two terminals logging at once: no message for this short wait
SQLITE_WRITE_WAIT_MS = 60_000  # how long a writer then queues behind another (an import)


def _configure_sqlite(
    engine: Engine, *, foreign_keys: bool, on_wait: Callable[[str], None] | None
) -> None:
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
        if connection.get_execution_options().get(READ_ONLY):
            # WAL: a reader sees the last commit and never waits for a writer.
            connection.exec_driver_sql("BEGIN")
            return
        raw = connection.connection.dbapi_connection
        assert raw is not None
        begin_immediate(raw, on_wait)


def begin_immediate(raw: Any, on_wait: Callable[[str], None] | None) -> None:
    """BEGIN IMMEDIATE: writers queue instead of failing half-way. One that has to wait says
    what for, then waits up to SQLITE_WRITE_WAIT_MS."""
    raw.execute(f"PRAGMA busy_timeout = {SQLITE_QUIET_WAIT_MS}")  # a short queue: silent
    try:
        raw.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
    finally:
        raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    if on_wait is not None:
        on_wait(
            "waiting for another tracker command that is writing to this database (an import?)"
            f" to finish, up to {SQLITE_WRITE_WAIT_MS // 1000} s ..."
        )
    raw.execute(f"PRAGMA busy_timeout = {SQLITE_WRITE_WAIT_MS}")
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseError(
                f"another command kept the database locked for over {SQLITE_WRITE_WAIT_MS // 1000}"
                " s (a long import?); try again when it has finished"
            ) from None
        raise
    finally:
        raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed package, or the repository's alembic/."""
    packaged = resources.files("tracker") / "_alembic"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "alembic"


NO_VERSION_ROW = "<empty>"  # an alembic_version table without a row: revision unknown


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision; None for a database that has none yet, and
    NO_VERSION_ROW when the version table exists but is empty."""
    try:
        with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, ProgrammingError):
        return None
    if not rows:
        return NO_VERSION_ROW
    return str(rows[0][0])


def current_revision_of(url: str) -> str | None:
    engine = create_app_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def known_revisions() -> set[str]:
    """Every revision the migration scripts know (imports Alembic: only when behind)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def check_revision(revision: str) -> None:
    """Refuse a revision the scripts do not know: one line instead of Alembic's trace."""
    if revision == NO_VERSION_ROW:
        raise DatabaseError(
            "the database's alembic_version table is empty, so its schema revision is unknown; "
            "restore the database from a backup, or use a new one"
        )
    if revision not in known_revisions():
        raise DatabaseError(
            f'the database is at schema revision "{revision}", which this tracker does not know '
            f"(it knows up to {HEAD_REVISION}): if it is newer than this tracker knows, upgrade "
            "tracker; otherwise restore a backup"
        )


def refuse_migration_by_a_lifter_role(engine: Engine) -> None:
    """On a shared PostgreSQL database only the owner of the tables migrates."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        owner = conn.scalar(
            text(
                "SELECT tableowner = current_user OR (SELECT rolsuper FROM pg_roles "
                "WHERE rolname = current_user) FROM pg_tables "
                "WHERE tablename = 'lifter' AND schemaname = current_schema()"
            )
        )
    if owner is False:
        raise DatabaseError(
            f"the database schema is older than this tracker ({HEAD_REVISION}); ask its owner "
            "to run tracker db upgrade (a lifter's role never migrates)"
        )


def missing_tables(engine: Engine) -> list[str]:
    """Tables of the current schema the database lacks (someone dropped one)."""
    from sqlalchemy import inspect

    from tracker.adapters.tables import metadata

    present = set(inspect(engine).get_table_names())
    return sorted(set(metadata.tables) - present)


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
            if conn.dialect.name == "postgresql":
                # Two first commands at once: the second waits here, then finds the schema
                # at head (Alembic reads the version after the lock) and does nothing.
                conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            command.upgrade(alembic_config(conn), revision)
    finally:
        engine.dispose()


class TargetExists(FileExistsError):
    """The file to write exists already (and was left as it was)."""


def publish_new(partial: Path, target: Path) -> None:
    """Give the finished ``partial`` file the name ``target`` unless that name exists (also a
    symlink, a FIFO, a device): a hard link is atomic and never replaces anything."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise TargetExists(str(target)) from None
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise TargetExists(str(target)) from None
        os.replace(partial, target)


def backup_sqlite(source: Path, target: Path, *, replace: bool = False) -> None:
    """A consistent copy through SQLite's online backup API, safe while others write.

    The copy is written to a temporary name (600) and renamed when complete, so a file named
    ``target`` is only ever a finished backup. Without ``replace`` an existing target is kept
    (FileExistsError), even one that appears while the copy runs."""
    private_dirs(target.parent)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(descriptor)  # mkstemp makes it 600
    partial = Path(name)
    try:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                with dst:
                    src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if replace:
            os.replace(partial, target)
        else:
            publish_new(partial, target)
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def ensure_schema(engine: Engine, url: str, notify: Callable[[str], None]) -> bool:
    """Bring the database to head. Returns True when a migration ran.

    A new database is created silently. An older one is first backed up (SQLite: a copy beside
    the file named with the old revision) and `notify` gets one line saying so.
    """
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return False
    if revision is not None:
        check_revision(revision)
        refuse_migration_by_a_lifter_role(engine)
        note = f"database upgraded from revision {revision} to {HEAD_REVISION}"
        path = sqlite_path(url)
        if path is not None:
            backup = path.with_name(f"{path.name}.before-{revision}.bak")
            backup_sqlite(path, backup, replace=True)
            note += f"; the old file was backed up to {backup}"
        engine.dispose()  # release our connections so the migration can take the lock
        upgrade(url)
        notify(note)
        return True
    engine.dispose()
    upgrade(url)
    return True
