"""Where the database lives. Imports nothing heavy: `tracker db path` must stay instant."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import quote

from tracker.domain.errors import DatabaseUrlError as DatabaseUrlError
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
        if "\x00" in value or "%00" in value:  # the driver would cut the URL there
            raise DatabaseUrlError("the database URL holds a NUL character (%00): remove it")
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
_RAW_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")  # a "%" that starts no %XX escape
_ENCODED = {"/": "%2F", "?": "%3F", "#": "%23", "%": "%25"}


def _split_authority(url: str) -> tuple[str, str | None, str]:
    """(scheme://, user-info or None, host and the rest) of a URL.

    The user-info ends at the LAST "@": a password with an unescaped "@" ("u:p@ss@host") stays
    whole instead of leaking its tail into the host name. A user-info with a password cannot
    hold a raw "/", "?", "#" or "%": the URL is refused (DatabaseUrlError), never half-masked
    (for "u:p@ss/w?rd@host", "u:p" then host "ss" is a reading as good as any)."""
    scheme, sep, rest = url.partition("://")
    head = scheme + sep
    at = rest.rfind("@")
    if at < 0 or scheme.startswith("sqlite"):  # a SQLite URL names a file, no host
        return head, None, rest
    userinfo = rest[:at]
    raw = [char for char in "/?#" if char in userinfo]
    if raw and ":" not in userinfo:
        return head, None, rest  # an "@" in the path or the query, and no password
    raw += ["%"] if _RAW_PERCENT.search(userinfo) else []
    if raw:
        chars = " and ".join(f'"{char}"' for char in raw)
        codes = ", ".join(f"{_ENCODED[char]} for {char}" for char in raw)
        later_at = ' (or an "@" after the host is not written %40)' if raw != ["%"] else ""
        raise DatabaseUrlError(
            f"the database URL's user or password holds a raw {chars}{later_at}, which makes "
            f'the URL ambiguous: percent-encode it ({codes}; urllib.parse.quote(password, safe="")'
            " does it)"
        )
    return head, userinfo, rest[at + 1 :]


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
