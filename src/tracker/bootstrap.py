"""The composition root: the one place that wires the adapters for the command line.

`cli/` imports no adapter (tests/test_architecture.py): it asks this module for the database
URL, an engine with the schema at head, units of work, private files and the paths it shows.
Nothing heavy is imported at module level (`tracker db path` and `--help` stay instant);
SQLAlchemy loads with the first engine.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from tracker.adapters.location import describe as describe
from tracker.adapters.location import resolve_url as resolve_url
from tracker.adapters.location import secrets_of as secrets_of
from tracker.adapters.location import sqlite_path as sqlite_path
from tracker.adapters.location import user_data_dir as user_data_dir
from tracker.domain.errors import TrackerError

if TYPE_CHECKING:
    from tracker.adapters.unit_of_work import Engine as Engine
    from tracker.adapters.unit_of_work import UnitOfWork as UnitOfWork


def open_database(url: str, notify: Callable[[str], None]) -> Engine:
    """The engine, with the schema at head (migrated on first use) and the built-in catalog
    loaded."""
    from tracker.adapters.db import create_app_engine, ensure_schema
    from tracker.adapters.unit_of_work import UnitOfWork

    engine = create_app_engine(url, on_wait=notify)
    try:
        if ensure_schema(engine, url, notify):
            engine.dispose()
            engine = create_app_engine(url, on_wait=notify)
        from tracker.services.builtin_catalog import ensure_builtin_catalog

        for line in ensure_builtin_catalog(UnitOfWork(engine)):
            notify(line)
    except BaseException:
        engine.dispose()  # no connection left for the garbage collector to close
        raise
    return engine


def open_engine(url: str, notify: Callable[[str], None]) -> Engine:
    """`open_database`, its database errors raised as domain errors."""
    from tracker.adapters.unit_of_work import domain_errors

    with domain_errors():
        return open_database(url, notify=notify)


def unit_of_work(engine: Engine, viewer: str | None, read_only: bool) -> UnitOfWork:
    """A lifter's unit of work (its unrecorded changes marked in the lifter's undo history)."""
    from tracker.adapters.unit_of_work import UnitOfWork

    return UnitOfWork(engine, viewer=viewer, read_only=read_only, mark_unrecorded=True)


class SchemaState(NamedTuple):
    before: str | None  # the database's revision, None when empty
    lacking: list[str]  # tables gone from a database whose version row says it has them
    head: str  # this tracker's revision


def schema_state(url: str) -> SchemaState:
    """Where the database's schema stands, read before any migration."""
    from tracker.adapters.db import (
        HEAD_REVISION,
        NO_VERSION_ROW,
        create_app_engine,
        current_revision,
        missing_tables,
    )
    from tracker.adapters.unit_of_work import domain_errors

    with domain_errors():
        engine = create_app_engine(url)
        try:
            before = current_revision(engine)
            # At head by its version row, yet a table is gone: say so instead of "already at".
            lacking = missing_tables(engine) if before not in (None, NO_VERSION_ROW) else []
        finally:
            engine.dispose()
    return SchemaState(before, lacking, HEAD_REVISION)


def new_private_file(target: Path, *, force: bool) -> AbstractContextManager[IO[str]]:
    """adapters/files.py's `new_private_file`: mode 600, whole or absent, never via a link."""
    from tracker.adapters.files import new_private_file

    return new_private_file(target, force=force)


def domain_error(exc: BaseException) -> TrackerError | None:
    """A database error raised outside any unit of work (closing an engine, say) as the domain
    error a unit of work would have raised; None for anything else."""
    if "sqlalchemy" not in sys.modules:  # no database error without the database stack
        return None
    from tracker.adapters.unit_of_work import domain_error

    return domain_error(exc)
