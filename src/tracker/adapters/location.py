"""Where the database lives. Imports nothing heavy: `tracker db path` must stay instant."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import quote

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
        return escape_password(value)
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


_QUERY_PASSWORD = re.compile(r"(?i)([?&](?:password|passwd|pass)=)[^&]*")


def _split_authority(url: str) -> tuple[str, str | None, str]:
    """(scheme://, user-info or None, host and the rest) of a URL.

    The user-info ends at the LAST "@" before the path: a password with an unescaped "@"
    ("u:p@ss@host") stays whole instead of leaking its tail into the host name."""
    scheme, sep, rest = url.partition("://")
    head = scheme + sep
    query_at = rest.find("?")
    authority_end = len(rest) if query_at < 0 else query_at
    at = rest.rfind("@", 0, authority_end)
    if at < 0:
        return head, None, rest
    return head, rest[:at], rest[at + 1 :]


def escape_password(url: str) -> str:
    """Percent-encode the "@" of an unescaped password, so every tool reads the host right."""
    head, userinfo, rest = _split_authority(url)
    if userinfo is None or "@" not in userinfo:
        return url
    user, sep, password = userinfo.partition(":")
    return f"{head}{quote(user, safe='%')}{sep}{quote(password, safe='%')}@{rest}"


def describe(url: str) -> str:
    """What `tracker db path` prints: the file for SQLite, the URL without password otherwise
    (neither in the user-info nor as a ?password= parameter)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    head, userinfo, rest = _split_authority(url)
    rest = _QUERY_PASSWORD.sub(r"\1***", rest)
    if userinfo is None:
        return head + rest
    user, sep, _ = userinfo.partition(":")
    return f"{head}{user}:***@{rest}" if sep else f"{head}{user}@{rest}"


def secrets_of(url: str) -> list[str]:
    """The password(s) a URL carries, to scrub from error messages."""
    from urllib.parse import unquote

    _, userinfo, rest = _split_authority(url)
    found = [m.group(0).split("=", 1)[1] for m in _QUERY_PASSWORD.finditer(rest)]
    if userinfo is not None and ":" in userinfo:
        found.append(userinfo.partition(":")[2])
    found += [unquote(secret) for secret in found]
    return [secret for secret in found if secret]
