"""kill -9 in the middle of a piped gym session: acknowledged sets stay, none half-written."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.helpers.cli import Tracker
from tests.helpers.stored import open_sessions, stored_sets

pytestmark = pytest.mark.slow

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"
ACK = re.compile(r"^  #(\d+) (?:([LR]) )?(\d+) x (\S+) kg")
LINES = [("slp -l 10x60 -r 9x62.5", 2), ("leg press 10x100", 1)]


def sets_per_line(url: str) -> Counter[tuple[str, int]]:
    """How many sets each logged line (batch) stored, by exercise."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT e.name, s.batch FROM workout_set s "
                    "JOIN exercise e ON e.id = s.exercise_id"
                )
            ).all()
    finally:
        engine.dispose()
    return Counter((name, batch) for name, batch in rows)


def test_kill_9_mid_session_keeps_every_acknowledged_set(tracker: Tracker) -> None:
    tracker.ok("lifter", "list")  # create and migrate the database first
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [TRACKER, "--db", tracker.url, "gym"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    acked: dict[int, tuple[str | None, int, D]] = {}
    try:
        for n in range(30):
            line, sets = LINES[n % 2]
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            seen = 0
            while seen < sets:
                out = proc.stdout.readline()
                assert out, proc.stderr.read() if proc.stderr else "no output"
                match = ACK.match(out)
                if match:
                    side = {"L": "left", "R": "right"}.get(match[2] or "")
                    acked[int(match[1])] = (side, int(match[3]), D(match[4]))
                    seen += 1
        # One more line, and the kill lands while it may be half-way through its transaction.
        proc.stdin.write(LINES[0][0] + "\n")
        proc.stdin.flush()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    rows = {row[0]: (row[2], row[3], row[4]) for row in stored_sets(tracker.url)}
    assert len(acked) == 45
    assert {i: rows.get(i) for i in acked} == acked  # every acknowledged set, as typed
    # Nothing half-written: each line's sets are all there or not at all.
    per_line = sets_per_line(tracker.url)
    assert {(name, n) for (name, _), n in per_line.items()} == {
        ("Single Leg Press", 2),
        ("Leg Press", 1),
    }
    assert sum(per_line.values()) == len(rows) and len(rows) in (45, 47)
    # The session stays open, and tracker gym resumes it.
    (session,) = open_sessions(tracker.url)
    out = tracker.ok("gym", input="show\n").stdout
    assert out.startswith(f"Resumed session #{session}, {len(rows)} sets so far.")


def test_piped_gym_never_loads_prompt_toolkit(tmp_path: Path) -> None:
    """The scripting path stays as light as a one-shot command."""
    code = (
        "import sys\n"
        "from tracker.cli import cli\n"
        "cli(['gym'], standalone_mode=False)\n"
        "print('prompt_toolkit' in sys.modules)\n"
    )
    env = {**os.environ, "TRACKER_DB": str(tmp_path / "t.db"), "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], input="leg press 10x100\n", env=env,
        capture_output=True, text=True, check=True,
    ).stdout
    assert out.splitlines()[-1] == "False"
    assert "  #1 10 x 100 kg" in out
