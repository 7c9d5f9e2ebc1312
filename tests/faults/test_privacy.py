"""Issue 15, privacy and security: private files whatever the umask, exports and backups that
never replace or follow what they should not, no password on screen, no raw control codes."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.cli import Tracker


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def run(*args: str) -> tuple[int, str, str]:
    from tracker.cli import cli

    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_database_wal_shm_and_folder_are_private_whatever_the_umask(
    loose_umask: None, tmp_path: Path
) -> None:
    code, _, _ = run("log", "leg press", "10x100")  # the default database, made on first use
    assert code == 0
    folder = Path(os.environ["XDG_DATA_HOME"]) / "tracker"
    assert mode(folder) == 0o700
    files = [folder / name for name in ("tracker.db", "tracker.db-wal", "tracker.db-shm")]
    present = [path for path in files if path.exists()]
    assert files[0] in present and all(mode(path) == 0o600 for path in present)
    code, out, _ = run("db", "backup", str(tmp_path / "copy.db"))
    assert code == 0 and mode(tmp_path / "copy.db") == 0o600
    assert not list(tmp_path.glob(".copy.db.*"))  # no temporary file left behind


def test_an_existing_world_readable_database_is_made_private(
    loose_umask: None, tmp_path: Path
) -> None:
    db = tmp_path / "old.db"
    assert run("--db", str(db), "log", "leg press", "10x100")[0] == 0
    db.chmod(0o644)
    assert run("--db", str(db), "session", "list")[0] == 0
    assert mode(db) == 0o600


def test_export_refuses_to_overwrite_without_force_and_never_follows_a_link(
    tracker: Tracker, tmp_path: Path, loose_umask: None
) -> None:
    tracker.ok("log", "leg press", "10x100")
    out = tmp_path / "out.csv"
    tracker.ok("export", "-o", str(out))
    assert mode(out) == 0o600
    out.write_text("keep me")
    line = tracker.fails("export", "-o", str(out))
    assert line == f"Error: {out} already exists; give another FILE, or --force to replace it"
    assert out.read_text() == "keep me"
    out.chmod(0o640)
    tracker.ok("export", "-o", str(out), "--force")
    assert out.read_text().startswith("lifter,session,") and mode(out) == 0o640
    secret = tmp_path / "secret.txt"
    secret.write_text("precious")
    link = tmp_path / "link.csv"
    link.symlink_to(secret)
    assert "already exists" in tracker.fails("export", "-o", str(link))
    assert "is not a regular file" in tracker.fails("export", "-o", str(link), "--force")
    assert secret.read_text() == "precious" and link.is_symlink()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "is not a regular file" in tracker.fails("export", "-o", str(fifo), "--force")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_backup_refuses_an_existing_file_unless_forced(
    sqlite_tracker: Tracker, tmp_path: Path
) -> None:
    sqlite_tracker.ok("log", "leg press", "10x100")
    target = tmp_path / "b.db"
    target.write_text("an older backup")
    assert "--force to replace it" in sqlite_tracker.fails("db", "backup", str(target))
    assert target.read_text() == "an older backup"
    sqlite_tracker.ok("db", "backup", str(target), "--force")
    assert target.read_bytes().startswith(b"SQLite format 3")
    assert mode(target) == 0o600


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://u:hunter2@db.example/x", "postgresql+psycopg://u:***@db.example/x"),
        ("postgresql+psycopg://u:p@ss@db.example/x", "postgresql+psycopg://u:***@db.example/x"),
        (
            "postgresql+psycopg://u@db.example/x?sslmode=require&password=hunter2",
            "postgresql+psycopg://u@db.example/x?sslmode=require&password=***",
        ),
    ],
)
def test_db_path_never_shows_a_password(url: str, shown: str) -> None:
    code, out, _ = run("--db", url, "db", "path")
    assert code == 0 and out == shown + "\n"


def test_connection_errors_never_show_a_password() -> None:
    pytest.importorskip("psycopg")
    code, _, err = run("--db", "postgresql+psycopg://u:p@ss@127.0.0.1:1/x", "session", "list")
    assert code == 3 and "p@ss" not in err and "ss@" not in err


def test_control_characters_are_escaped_on_display(tracker: Tracker, tmp_path: Path) -> None:
    # Typed entry refuses them (tests/integration/test_terminal_safety.py); a file brings them.
    assert tracker.fails("session", "start", "--name", "Legs\nA") == (
        "Error: a session name can't hold control characters (found \\n)"
    )
    header = (
        "lifter,session,session_name,session_started_at,session_finished_at,session_notes,"
        "exercise,side,reps,load,unit,bodyweight,duration_s,distance,distance_unit,rpe,kind,"
        "performed_at,position,note"
    )
    at = "2026-01-05T10:00:00+00:00"
    row = (
        f'me,tracker:1,"Legs\nA\x1b]0;pwned\x07",{at},,,Leg Press,,10,100,kg,0,,,,,working,{at},0,'
    )
    shared = tmp_path / "shared.csv"
    shared.write_text(f'{header}\n{row}"ok\rmid \x1b[2J"\n', encoding="utf-8")
    tracker.ok("import", str(shared), "--from", "tracker")
    listing = tracker.ok("session", "list").stdout
    assert "\x1b" not in listing and "Legs\\nA\\x1b]0;pwned\\x07" in listing
    assert len(listing.splitlines()) == 3  # header, rule, one row
    shown = tracker.ok("session", "show").stdout
    assert "\x1b" not in shown and "\r" not in shown and "ok\\rmid \\x1b[2J" in shown
    data = tracker.json("session", "show")  # JSON keeps the stored text exactly
    assert data["name"] == "Legs\nA\x1b]0;pwned\x07"


def test_a_span_across_a_daylight_saving_change_shows_its_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tracker.cli.render import local_span

    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        # Clocks went back at 01:00 UTC on 2026-10-25: 01:50 BST is followed by 01:10 GMT.
        start = datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
        end = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)
        assert local_span(start, end) == ("2026-10-25 01:50 +0100", "01:10 +0000")
        assert local_span(end, end) == ("2026-10-25 01:10", "01:10")
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
