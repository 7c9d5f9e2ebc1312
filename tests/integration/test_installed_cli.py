"""The installed `tracker` executable, as a lifter runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXE = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
pytestmark = pytest.mark.skipif(EXE is None, reason="the tracker console script is not installed")


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    return subprocess.run(
        [EXE, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "TZ": "UTC",
        "TRACKER_DB": "",
    }


def test_first_run_from_an_empty_directory(tmp_path: Path, env: dict[str, str]) -> None:
    cwd = tmp_path / "empty"
    cwd.mkdir()
    env["TRACKER_DB"] = str(tmp_path / "x" / "t.db")
    assert run("--help", cwd=cwd, env=env).returncode == 0
    assert run("--version", cwd=cwd, env=env).stdout.startswith("tracker, version ")
    logged = run("log", "leg press", "10x100", cwd=cwd, env=env)
    assert logged.returncode == 0, logged.stderr
    assert "Started session #1." in logged.stdout
    shown = json.loads(run("session", "show", "--json", cwd=cwd, env=env).stdout)
    assert shown["sets"][0]["load"] == 100
    assert run("db", "path", cwd=cwd, env=env).stdout.strip() == env["TRACKER_DB"]
    assert list(cwd.iterdir()) == []  # nothing created in the current directory


def test_default_location_is_the_user_data_folder(tmp_path: Path, env: dict[str, str]) -> None:
    del env["TRACKER_DB"]
    cwd = tmp_path / "empty"
    cwd.mkdir()
    expected = Path(env["XDG_DATA_HOME"]) / "tracker" / "tracker.db"
    assert run("db", "path", cwd=cwd, env=env).stdout.strip() == str(expected)
    assert run("lifter", "list", cwd=cwd, env=env).returncode == 0
    assert expected.exists() and list(cwd.iterdir()) == []


def test_bad_input_is_one_line_without_traceback(tmp_path: Path, env: dict[str, str]) -> None:
    env["TRACKER_DB"] = str(tmp_path / "t.db")
    result = run("log", "leg press", "10x", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: can't read set")
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_line(tmp_path: Path, env: dict[str, str]) -> None:
    env["TRACKER_DB"] = "postgresql+psycopg://nobody@127.0.0.1:1/nowhere"
    result = run("session", "list", cwd=tmp_path, env=env)
    assert result.returncode == 3
    assert result.stderr.startswith("Error: database unavailable")
    assert result.stderr.count("\n") == 1


def test_two_terminals_logging_at_once(tmp_path: Path, env: dict[str, str]) -> None:
    """Two processes write the same SQLite file at the same time; both succeed."""
    env["TRACKER_DB"] = str(tmp_path / "shared.db")
    assert run("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    script = (
        "import sys\n"
        "from tracker.cli import cli\n"
        "for i in range(15):\n"
        "    try:\n"
        "        cli(['log', sys.argv[1], '10x100'], standalone_mode=False)\n"
        "    except SystemExit as e:\n"
        "        if e.code: raise\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, name],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("leg press", "bench press")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    sessions = json.loads(run("session", "list", "--json", cwd=tmp_path, env=env).stdout)
    assert sum(s["sets"] for s in sessions) == 30
