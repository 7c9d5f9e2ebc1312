"""Where the database lives. Imports nothing heavy: `tracker db path` must stay instant."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tracker.domain.errors import InvalidValue

ENV_DB = "TRACKER_DB"


def user_data_dir() -> Path:
    """The platform's per-user data folder for tracker (never the current directory)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tracker"


def resolve_url(db: str | None) -> str:
    """Turn --db / TRACKER_DB / the default into a SQLAlchemy URL.

    A value with "://" is a URL already (sqlite:///..., postgresql+psycopg://...); anything else
    is a file path for SQLite, made absolute so that the cwd never matters.
    """
    if db is not None and not db.strip():
        raise InvalidValue("--db / TRACKER_DB is empty: give a file path or a database URL")
    value = db or str(user_data_dir() / "tracker.db")
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, or None for other engines and in-memory databases."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def describe(url: str) -> str:
    """What `tracker db path` prints: the file for SQLite, the URL without password otherwise."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    head, sep, tail = url.partition("@")
    if sep and ":" in head.split("//", 1)[-1]:
        scheme, _, creds = head.partition("//")
        user = creds.split(":", 1)[0]
        return f"{scheme}//{user}:***@{tail}"
    return url
