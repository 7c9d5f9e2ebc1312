"""Backups of the whole database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tracker.adapters.db import backup_sqlite
from tracker.adapters.location import sqlite_path
from tracker.domain.errors import InvalidValue


def backup_database(url: str, target: Path | None) -> Path:
    """SQLite's online backup API: a consistent copy even while another process writes."""
    source = sqlite_path(url)
    if source is None:
        raise InvalidValue(
            "backup copies SQLite files only; for PostgreSQL use pg_dump, "
            "e.g. pg_dump -Fc DBNAME > tracker.dump"
        )
    if target is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = source.with_name(f"tracker-backup-{stamp}.db")
    target = target.expanduser().resolve()
    if target.exists():
        raise FileExistsError(str(target))
    backup_sqlite(source, target)
    return target
