"""Engine set-up and schema migration on first use.

Alembic is imported only when the schema is behind (new or older database): the common path
costs one `SELECT version_num` on an engine that is already open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from tracker.adapters.location import describe, sqlite_path, user_data_dir
from tracker.domain.errors import DatabaseError as DatabaseError
from tracker.domain.errors import TargetExists as TargetExists

# Bumped with every new Alembic revision; a test checks it matches the migration scripts' head.
HEAD_REVISION = "0011"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# A PostgreSQL advisory lock key (any fixed 64-bit number; postgres_rows.py holds the
# catalog's one): one schema migration at a time.
MIGRATION_LOCK = 0x7472_6163_6B01


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
        _configure_sqlite(engine, path, foreign_keys=foreign_keys, on_wait=on_wait)
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


def sqlite_files(path: Path) -> tuple[Path, Path, Path]:
    """The database file and the -wal and -shm files SQLite keeps beside it."""
    return path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def prepare_private_file(path: Path) -> None:
    """Create the SQLite file as 600 before SQLite does (its -wal and -shm files copy the
    database's mode), and take group and other access away from an existing one."""
    make_private_dirs(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE)
        os.close(descriptor)
    except OSError:
        return  # read-only or special: SQLite's own error says what is wrong
    for companion in sqlite_files(path):
        with contextlib.suppress(OSError):
            if companion.stat().st_mode & 0o077:
                companion.chmod(PRIVATE_FILE)


READ_ONLY = "tracker_read_only"  # execution option: a transaction that only reads
SQLITE_QUIET_WAIT_MS = 1_000  # two terminals logging at once: no message for this short wait
SQLITE_WRITE_WAIT_MS = 60_000  # how long a command then queues behind another (an import)


def _configure_sqlite(
    engine: Engine,
    path: Path | None,
    *,
    foreign_keys: bool,
    on_wait: Callable[[str], None] | None,
) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        # The first statement reads the file: another program's exclusive lock (a sqlite3
        # shell with locking_mode=EXCLUSIVE) makes every command, readers too, wait here.
        # Silent for longer: parallel first commands take turns here to switch to WAL.
        quiet = SQLITE_BUSY_TIMEOUT_MS
        wait_for_lock(dbapi_connection, "PRAGMA journal_mode = WAL", on_wait, quiet)
        cursor = dbapi_connection.cursor()
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
        with _read_only_said(path):  # SQLAlchemy does not wrap an error of this event
            wait_for_lock(raw, "BEGIN IMMEDIATE", on_wait)  # writers queue, never fail half-way

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> DatabaseError | None:
        error = context.original_exception
        if isinstance(error, sqlite3.Error) and path is not None:
            return read_only_error(path, error)
        return None


def wait_for_lock(
    raw: Any, statement: str, on_wait: Callable[[str], None] | None, quiet: int | None = None
) -> None:
    """Run ``statement``; one that finds the database locked by another command or program
    for ``quiet`` ms (SQLITE_QUIET_WAIT_MS) says what it waits for, then waits up to
    SQLITE_WRITE_WAIT_MS."""
    # A short queue is silent.
    if _ran_within(raw, statement, SQLITE_QUIET_WAIT_MS if quiet is None else quiet):
        return
    seconds = SQLITE_WRITE_WAIT_MS // 1000
    if on_wait is not None:
        on_wait(
            "waiting for another command or program that has locked this database (an import?"
            f" a sqlite3 shell?) to finish, up to {seconds} s ..."
        )
    if not _ran_within(raw, statement, SQLITE_WRITE_WAIT_MS):
        raise DatabaseError(
            f"another command or program kept the database locked for over {seconds} s "
            "(a long import? a sqlite3 shell?); try again when it has finished"
        )


def _ran_within(raw: Any, statement: str, wait_ms: int) -> bool:
    """Run ``statement``, waiting up to ``wait_ms`` for a lock; False if it stayed locked."""
    raw.execute(f"PRAGMA busy_timeout = {wait_ms}")
    try:
        raw.execute(statement)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return False
        raise
    finally:
        raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    return True


def read_only_error(path: Path, error: sqlite3.Error) -> DatabaseError | None:
    """SQLite's "attempt to write a readonly database" or "unable to open database file" as
    one line naming the file (or folder) that is read-only; None when none is."""
    text = str(error)
    if "readonly" not in text and "unable to open" not in text:
        return None
    for file in sqlite_files(path):
        if os.path.lexists(file) and not os.access(file, os.W_OK):
            role = "database" if file == path else f"database's {file.name[-4:]} file"
            return DatabaseError(
                f"the {role} {file} is read-only, so tracker can't use the database: make it "
                f"writable (chmod u+w {file})"
            )
    if not os.access(path.parent, os.W_OK):
        return DatabaseError(
            f"the database folder {path.parent} is read-only, so SQLite can't make the "
            f"database's -wal and -shm files there: make it writable (chmod u+w {path.parent})"
        )
    return None


@contextlib.contextmanager
def _read_only_said(path: Path | None) -> Iterator[None]:
    """A raw sqlite3 error as one line when a file is read-only (handle_error does the same
    for the errors SQLAlchemy wraps)."""
    try:
        yield
    except sqlite3.OperationalError as error:
        said = read_only_error(path, error) if path is not None else None
        if said is None:
            raise
        raise said from None


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


# PostgreSQL: the connected role owns the tables (or is a superuser): it migrates and grants.
OWNS_THE_TABLES = (
    "SELECT tableowner = current_user OR (SELECT rolsuper FROM pg_roles "
    "WHERE rolname = current_user) FROM pg_tables "
    "WHERE tablename = 'lifter' AND schemaname = current_schema()"
)


def refuse_migration_by_a_lifter_role(engine: Engine) -> None:
    """On a shared PostgreSQL database only the owner of the tables migrates."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        owner = conn.scalar(text(OWNS_THE_TABLES))
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
        with contextlib.closing(sqlite3.connect(source)) as src:
            with contextlib.closing(sqlite3.connect(partial)) as dst:
                with dst:
                    src.backup(dst)
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
