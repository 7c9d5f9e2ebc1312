"""The gym prompt's error boundaries: a database error raised outside a unit of work is one
line and the session goes on; whatever fails while the toolbar redraws never ends the prompt."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy.exc as sa_exc

from tests.helpers.cli import Tracker
from tracker.cli.context import App
from tracker.cli.gym import commands
from tracker.cli.gym.commands import GymShell
from tracker.cli.gym.toolbar import toolbar_text
from tracker.cli.params import local_now
from tracker.services.gym import open_gym


@pytest.fixture
def app(sqlite_tracker: Tracker) -> Iterator[App]:
    sqlite_tracker.ok("log", "leg press", "10x100")
    sqlite_tracker.ok("session", "finish")
    sqlite_tracker.ok("exercises", "add", "Foo Press", "--bilateral", "--equipment", "machine")
    sqlite_tracker.ok("routine", "add", "Legs A")
    sqlite_tracker.ok("routine", "add-exercise", "legs a", "leg press", "--sets", "1")
    sqlite_tracker.ok("routine", "add-exercise", "legs a", "foo press", "--sets", "1")
    app = App(db=sqlite_tracker.url, lifter=None)
    yield app
    app.close()


def shell_for(app: App) -> GymShell:
    status = open_gym(app.uow(), None, "legs a", local_now())
    return GymShell(app, status, interactive=False, timer=None)


def test_a_raw_database_error_is_one_line_and_the_session_goes_on(
    app: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As a failed rollback or close raises it: outside the unit of work's translation.
    def locked(app: App, args: list[str], memory: object = None) -> None:
        raise sa_exc.OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(commands, "log_from_args", locked)
    shell = shell_for(app)
    shell.handle("5x100")
    assert "Error: database unavailable: database is locked" in capsys.readouterr().err


def test_the_toolbar_never_breaks_the_prompt(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = shell_for(app)

    def broken(exercise: str) -> None:
        raise RuntimeError("any error while reading the brief")

    monkeypatch.setattr(shell, "brief", broken)
    assert toolbar_text(shell, 80) == "Leg Press"


def test_a_line_whose_place_fails_to_save_still_counts_for_the_records(
    app: App, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line is stored before its place is saved: if saving the place fails, the records
    the prompt keeps take the line in all the same (no false "new best" on the next line)."""
    shell = shell_for(app)

    def locked(*_: object) -> None:
        raise sa_exc.OperationalError("UPDATE", {}, Exception("database is locked"))

    shell.handle("leg press 10x100")  # the routine's first item: next comes Foo Press
    monkeypatch.setattr("tracker.services.gym.save_place", locked)
    shell.handle("leg press 10x120")  # an item by name, not the current: its place is saved
    assert "database is locked" in capsys.readouterr().err
    monkeypatch.undo()
    shell.handle("leg press 10x110")
    assert "new best: heaviest" not in capsys.readouterr().out  # 120 stands
