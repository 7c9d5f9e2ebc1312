"""Backups of the whole database."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from tracker.adapters.db import backup_sqlite
from tracker.adapters.location import sqlite_path
from tracker.domain.errors import InvalidValue, TargetExists


def backup_database(url: str, target: Path | None, force: bool = False) -> Path:
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
    target = target.expanduser().absolute()
    if os.path.lexists(target):
        if not force:
            raise FileExistsError(str(target))
        if target.is_symlink() or not target.is_file():
            raise InvalidValue(f"{target} is not a regular file; give another FILE")
    try:
        backup_sqlite(source, target, replace=force)
    except TargetExists:
        raise FileExistsError(str(target)) from None
    except (OSError, sqlite3.Error) as error:
        # The copy was written under a temporary name: nothing that looks like a backup stays.
        reason = getattr(error, "strerror", None) or str(error)
        raise InvalidValue(f"can't write the backup {target}: {reason}") from None
    return target
