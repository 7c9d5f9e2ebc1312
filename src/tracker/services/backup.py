"""Backups of the whole database."""

from __future__ import annotations

import contextlib
import sqlite3
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
    try:
        backup_sqlite(source, target)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)  # no half-written copy that looks like a backup
        reason = getattr(error, "strerror", None) or str(error)
        raise InvalidValue(f"can't write the backup {target}: {reason}") from None
    return target
