"""What the warm gym prompt keeps of each exercise's history between lines (services.logbook's
LogMemory): a line issues as few statements with a long history as with none, another
connection's write is seen by the next line, undo and redo leave no stale best, and what is
kept equals what a fresh read finds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from tests.helpers.cli import Tracker
from tracker.cli.context import App
from tracker.cli.gym.commands import GymShell
from tracker.cli.params import local_now
from tracker.domain.records import MeasureBests
from tracker.domain.units import Unit
from tracker.services.catalog import resolve_exercise
from tracker.services.entry_check import EntryCheck
from tracker.services.gym import open_gym
from tracker.services.lifters import current_lifter
from tracker.services.logbook import best_e1rm_by_side, side_records

SLP = "Single Leg Press"


@pytest.fixture
def app_of() -> Iterator[Any]:
    apps: list[App] = []

    def make(url: str) -> App:
        apps.append(App(db=url, lifter=None))
        return apps[-1]

    yield make
    for app in apps:
        app.close()


def gym_shell(app: App) -> GymShell:
    status = open_gym(app.uow(), None, None, local_now())
    return GymShell(app, status, interactive=False, timer=None)


def line_output(shell: GymShell, capsys: pytest.CaptureFixture[str], line: str) -> str:
    capsys.readouterr()
    shell.handle(line)
    captured = capsys.readouterr()
    assert not captured.err, captured.err
    return captured.out


@pytest.fixture
def statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    yield seen
    event.remove(Engine, "before_cursor_execute", count)


def fill_history(url: str, sessions: int) -> None:
    """`sessions` past sessions of 12 sets each (Single Leg Press both sides, Leg Press),
    inserted straight with SQL: a long history in a fraction of a second."""
    engine = create_engine(url)
    with engine.begin() as con:
        lifter = con.execute(text("SELECT id FROM lifter")).scalar_one()
        slp, lp = (
            con.execute(text("SELECT id FROM exercise WHERE name = :n"), {"n": name}).scalar_one()
            for name in (SLP, "Leg Press")
        )
        start = datetime.now(UTC) - timedelta(days=sessions + 1)
        for s in range(sessions):
            when = start + timedelta(days=s)
            session = con.execute(
                text(
                    "INSERT INTO training_session (lifter_id, started_at, finished_at) "
                    "VALUES (:lifter, :start, :end) RETURNING id"
                ),
                {"lifter": lifter, "start": when, "end": when + timedelta(hours=1)},
            ).scalar_one()
            con.execute(
                text(
                    "INSERT INTO workout_set (session_id, lifter_id, exercise_id, side, reps, "
                    "load, unit, bodyweight, kind, performed_at, position) VALUES (:session, "
                    ":lifter, :exercise, :side, :reps, :load, 'kg', false, 'working', :at, :k)"
                ),
                [
                    {"session": session, "lifter": lifter, "exercise": slp if k < 8 else lp,
                     "side": ("left", "right")[k % 2] if k < 8 else None, "reps": 6 + k % 5,
                     "load": 40 + k % 3 if k < 8 else 80, "at": when, "k": k}
                    for k in range(12)
                ],
            )
    engine.dispose()


def statements_of_a_line(
    app: App, statements: list[str], capsys: pytest.CaptureFixture[str]
) -> list[int]:
    shell = gym_shell(app)
    counts = []
    for line in ["slp -l 10x60 -r 10x62.5", "leg press 10x100"] * 3:
        before = len(statements)
        line_output(shell, capsys, line)
        counts.append(len(statements) - before)
    return counts


def test_a_line_issues_the_same_few_statements_whatever_the_history(
    sqlite_tracker: Tracker, app_of: Any, statements: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite only: PostgreSQL has no data_version, so the prompt keeps nothing there (the
    next test shows it reads every line afresh)."""
    tracker = sqlite_tracker
    tracker.ok("lifter", "list")
    empty = statements_of_a_line(app_of(tracker.url), statements, capsys)
    fill_history(tracker.url, 300)  # 3,600 sets
    assert tracker.json("report", "imbalance")  # the history is there
    with_history = statements_of_a_line(app_of(tracker.url), statements, capsys)
    # The first line of each exercise reads its history; every later line only writes.
    assert with_history[2:] == empty[2:]
    assert max(empty[2:]) <= 20


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_another_connections_best_is_seen_by_the_next_line(
    tracker: Tracker, app_of: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    tracker.ok("log", "slp", "-l", "10x50", "-r", "10x50")
    shell = gym_shell(app_of(tracker.url))
    assert "new best" in line_output(shell, capsys, "slp -l 10x60 -r 10x60")
    tracker.ok("log", "slp", "-l", "10x100", "-r", "10x100", "--yes")  # another terminal
    out = line_output(shell, capsys, "slp -l 10x90 -r 10x90")
    assert "new best" not in out  # 100 from the other terminal stands
    tracker.ok("undo", "--yes")  # the other terminal takes the 90, then its 100, back
    tracker.ok("undo", "--yes")
    out = line_output(shell, capsys, "slp -l 10x95 -r 10x95")
    assert out.count("new best e1RM") == 2 and out.count("new best: heaviest") == 2


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_another_connections_timed_best_is_seen_by_the_next_line(
    tracker: Tracker, app_of: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    tracker.ok("log", "plank", "30s")
    shell = gym_shell(app_of(tracker.url))
    assert "new best time" in line_output(shell, capsys, "plank 40s")
    tracker.ok("log", "plank", "90s")
    assert "new best" not in line_output(shell, capsys, "plank 60s")


def test_undo_and_redo_in_the_prompt_keep_the_bests_right(
    sqlite_tracker: Tracker, app_of: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_tracker.ok("log", "slp", "-l", "10x50", "-r", "10x50")
    shell = gym_shell(app_of(sqlite_tracker.url))
    assert "new best" in line_output(shell, capsys, "slp -l 10x80 -r 10x80")
    line_output(shell, capsys, "undo")  # 80 is no longer the best
    out = line_output(shell, capsys, "slp -l 10x70 -r 10x70")
    assert out.count("new best e1RM") == 2 and out.count("new best: heaviest") == 2
    line_output(shell, capsys, "undo")
    line_output(shell, capsys, "redo")  # 70 is back
    assert "new best" not in line_output(shell, capsys, "slp -l 10x65 -r 10x65")
    assert "new best" in line_output(shell, capsys, "slp -l 10x75 -r 10x75")


def test_what_the_prompt_keeps_is_what_a_fresh_read_finds(
    sqlite_tracker: Tracker, app_of: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_tracker.ok("log", "slp", "-l", "10x50", "-r", "8x52.5")
    sqlite_tracker.ok("log", "plank", "45s")
    sqlite_tracker.ok("bodyweight", "add", "80")
    sqlite_tracker.ok("log", "pull-up", "8xBW+10")
    sqlite_tracker.ok("log", "6 m timed hop", "-l", "2.4s", "-r", "2.5s")
    app = app_of(sqlite_tracker.url)
    shell = gym_shell(app)
    for line in [
        "slp -l 12x40 -r 3x70", "slp -l 8x110lb -r 10x55 --yes", "plank 30s", "plank 70s",
        "slp -l 5x0 -r 10x57.5", "slp --warmup -l 5x90 -r 5x90 --yes", "leg press 10x100",
        "pull-up 10xBW", "pull-up 5xBW+20 --yes", "pull-up 8xBW-20",
        "6 m timed hop -l 2.31s -r 2.6s", "6 m timed hop -l 2.2s -r 2.45s",
        "single-leg hop for distance -l 1.52m -r 148cm", "single-leg hop for distance -l 1.6m",
    ]:
        line_output(shell, capsys, line)
    with app.uow() as uow:
        lifter = current_lifter(uow.lifters, None)
        unit = Unit(lifter.unit)
        for name, kept in shell.memory.exercises.items():
            exercise = resolve_exercise(uow.catalog, name)
            later = datetime.now(UTC) + timedelta(seconds=1)
            assert kept.bests == best_e1rm_by_side(
                uow.log, lifter, exercise, unit, later, EntryCheck(uow, lifter).body_weights
            )
            assert kept.measure_bests == MeasureBests.from_rows(
                uow.log.measure_bests(lifter, exercise, later), exercise.lower_is_better
            )
            assert kept.known == EntryCheck(uow, lifter).stored(exercise, later)
            assert kept.records == side_records(uow.log, lifter, exercise, 10**9)
            stored = uow.log.sets_of_exercise_in_session(lifter, exercise, shell.status.session_id)
            assert [s.id for s in kept.today] == [s.id for s in stored]
    assert set(shell.memory.exercises) == {
        SLP, "Plank", "Leg Press", "Pull-Up", "6 m Timed Hop", "Single-Leg Hop for Distance"
    }
    # Bodyweight sets weighed with the 80 kg weigh-in: 5xBW+20 (116.67) beats 8xBW+10 (114).
    pull_up = shell.memory.exercises["Pull-Up"].bests
    assert {side: round(best, 2) for side, best in pull_up.items()} == {None: Decimal("116.67")}


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_on_postgresql_the_prompt_keeps_nothing_between_lines(
    tracker: Tracker, app_of: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    shell = gym_shell(app_of(tracker.url))
    line_output(shell, capsys, "slp -l 10x60 -r 10x60")
    assert shell.memory.exercises == {}
