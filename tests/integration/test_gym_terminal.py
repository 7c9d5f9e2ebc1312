"""`tracker gym` at a real terminal: a pseudo-terminal driven by pexpect, on both engines."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from tests.helpers.cli import Tracker
from tests.helpers.stored import open_sessions, stored_sets

pytestmark = pytest.mark.slow

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or "tracker"
# prompt_toolkit asks the terminal where the cursor is (CPR) before drawing the toolbar.
CPR_REQUEST = re.escape("\x1b[6n")


class Terminal:
    def __init__(self, url: str, *args: str, home: Path) -> None:
        env = {**os.environ, "TERM": "xterm", "HOME": str(home), "XDG_DATA_HOME": str(home)}
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(
            TRACKER, ["--db", url, "gym", *args], env=env, dimensions=(24, 60),
            encoding="utf-8", timeout=20,
        )

    def expect(self, pattern: str) -> str:
        """Wait for `pattern`, answering cursor position requests on the way."""
        while True:
            if self.child.expect([CPR_REQUEST, pattern]) == 0:
                self.child.send("\x1b[20;1R")
                continue
            return str(self.child.after)

    def send(self, text: str) -> None:
        self.child.send(text)


@pytest.fixture
def routine(tracker: Tracker) -> Tracker:
    tracker.ok("log", "leg press", "10x100", "10x120", "8x140")
    tracker.ok("session", "finish")
    tracker.ok("routine", "add", "Legs A")
    tracker.ok("routine", "add-exercise", "legs a", "leg press", "--sets", "1", "--rest", "45")
    tracker.ok("routine", "add-exercise", "legs a", "single leg press", "--sets", "2")
    return tracker


def test_completion_enter_to_accept_timer_and_done(routine: Tracker, tmp_path: Path) -> None:
    term = Terminal(routine.url, "legs a", home=tmp_path)
    term.expect("gym>")
    # Completion: a unique start completes to the full name.
    term.send("single leg p\t")
    term.expect("Single Leg Press")
    term.send("\r")
    term.expect(r"Target: L 8 x 60 kg; R 8 x 60 kg \(start\)")
    # The toolbar says what Enter logs; Enter accepts it (a pair, left first).
    term.expect(r"Enter L 8x60 R 8x60")
    term.send("\r")
    term.expect(r"#\d+ L 8 x 60 kg")
    term.expect(r"Pair LSI 100\.0")
    # The rest countdown runs in the toolbar.
    term.expect(r"rest 2:00 \| Single Leg Press")
    term.send("l 8x60\r")
    term.expect(r"#\d+ L 8 x 60 kg")
    # One side typed: Enter now logs the side that is behind.
    term.expect(r"Enter R 8x60")
    term.send("done\r")
    term.expect(r"Finished session #\d+: 3 sets of 1 exercise\.")
    term.child.expect(pexpect.EOF)
    rows = [(side, reps, load) for _, _, side, reps, load, *_ in stored_sets(routine.url)]
    assert rows[3:] == [("left", 8, 60), ("right", 8, 60), ("left", 8, 60)]
    assert open_sessions(routine.url) == []


def test_bell_at_zero_and_ctrl_d_finishes(routine: Tracker, tmp_path: Path) -> None:
    term = Terminal(routine.url, "legs a", home=tmp_path)
    term.expect("gym>")
    term.send("rest 1\r")
    term.expect("Rest for Leg Press: 0:01")
    term.expect("\x07")  # the terminal bell, once the second is over
    term.send("\x04")  # Ctrl-D ends the session like done
    term.expect("Nothing logged: no session kept.")
    term.child.expect(pexpect.EOF)


def test_errors_wrap_between_words_at_the_terminal_width(routine: Tracker, tmp_path: Path) -> None:
    term = Terminal(routine.url, "--no-timer", home=tmp_path)
    term.expect("gym>")
    term.send("leg press\r")
    term.expect("Rest 2:00")
    term.send("30s\r")
    term.expect(r"30sxBW")
    error = (term.child.before + term.child.after).split("Error: ", 1)[1]
    lines = ("Error: " + error).split("\r\n")
    # Broken at word boundaries within 60 columns (the terminal would split "machi|ne").
    assert len(lines) > 1 and all(len(line) <= 60 for line in lines), lines
    assert "done with a machine: write" in " ".join(line.strip() for line in lines)
    term.send("done\r")
    term.child.expect(pexpect.EOF)


def test_a_set_that_looks_like_a_typo_is_asked_about(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("log", "leg press", "10x100")
    term = Terminal(tracker.url, home=tmp_path)
    term.expect("gym>")
    term.send("leg press 10x1000\r")
    # Wrapped between words at the terminal's width, never mid-word.
    term.expect(r"more than twice your\r\nheaviest \(100 kg\)\. Log it\? \[y/N\]")
    term.send("n\r")
    term.expect(r"Not logged\.")
    term.expect("gym>")
    term.send("leg press 10x1100\r")
    term.expect(r"Log it\? \[y/N\]")
    term.send("y\r")
    term.expect(r"#\d+ 10 x 1100 kg")
    term.send("done\r")
    term.expect(r"Finished session #\d+: 2 sets of 1 exercise\.")
    term.child.expect(pexpect.EOF)
    assert [(reps, load) for _, _, _, reps, load, *_ in stored_sets(tracker.url)] == [
        (10, 100), (10, 1100),
    ]
