"""The gym prompt session in-process, fed by prompt_toolkit's pipe input (fast, no terminal)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal as D

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from tests.helpers.cli import Tracker
from tests.helpers.stored import stored_sets
from tracker.cli.context import App
from tracker.cli.gym.commands import GymShell
from tracker.cli.gym.completer import GymCompleter
from tracker.cli.gym.loop import build_session, run_interactive
from tracker.cli.gym.timer import RestTimer
from tracker.cli.gym.toolbar import toolbar_text
from tracker.cli.params import local_now
from tracker.services.completion import exercise_names
from tracker.services.gym import open_gym


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def app(sqlite_tracker: Tracker) -> Iterator[App]:
    sqlite_tracker.ok("log", "leg press", "10x100", "10x120", "8x140")
    sqlite_tracker.ok("session", "finish")
    sqlite_tracker.ok("routine", "add", "Legs A")
    sqlite_tracker.ok("routine", "add-exercise", "legs a", "slp", "--sets", "1", "--rest", "90")
    app = App(db=sqlite_tracker.url, lifter=None)
    yield app
    app.close()


def shell_for(app: App, clock: Clock, rings: list[int]) -> GymShell:
    status = open_gym(app.uow(), None, "legs a", local_now())
    return GymShell(
        app, status, interactive=True, timer=RestTimer(clock), bell=lambda: rings.append(1)
    )


def test_prompt_session_completes_accepts_and_finishes(app: App) -> None:
    clock, rings = Clock(), list[int]()
    shell = shell_for(app, clock, rings)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        session = build_session(shell, exercise_names(app.uow(), None), history_file=None)
        pipe.send_text("single leg p\t\r")  # completes to the full name, makes it current
        pipe.send_text("\r")  # Enter accepts the planned pair
        pipe.send_text("done\r")
        run_interactive(shell, session)
    rows = [(side, reps, load) for _, _, side, reps, load, *_ in stored_sets(app.url)]
    assert rows[3:] == [("left", 8, D(60)), ("right", 8, D(60))]
    assert shell.finished
    assert shell.status.exercise is None  # back on the routine's item


def test_toolbar_counts_down_and_rings_once(app: App) -> None:
    clock, rings = Clock(), list[int]()
    shell = shell_for(app, clock, rings)
    assert toolbar_text(shell) == "Single Leg Press | Enter L 8x60 R 8x60"
    shell.handle("")
    # The one pair was the whole routine.
    assert toolbar_text(shell) == "rest 1:30 | routine done: type done"
    clock.now += 29.5
    assert toolbar_text(shell).startswith("rest 1:01 | ")
    assert rings == []
    clock.now += 61
    assert toolbar_text(shell).startswith("rest over: go")
    assert toolbar_text(shell).startswith("rest over: go")
    assert rings == [1]


def test_side_rest_between_sides(app: App) -> None:
    clock, rings = Clock(), list[int]()
    shell = shell_for(app, clock, rings)
    shell.side_rest = 15
    shell.handle("l 8x60")
    assert toolbar_text(shell).startswith("switch sides 0:15 | Single Leg Press | Enter R 8x60")
    shell.handle("r 8x60")
    assert toolbar_text(shell).startswith("rest 1:30")


def test_completer_offers_commands_routine_items_then_exercises() -> None:
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    completer = GymCompleter(
        ["Leg Press", "Single Leg Press", "Seated Calf Raise"], ["Single Leg Press"]
    )

    def texts(typed: str) -> list[str]:
        return [c.text for c in completer.get_completions(Document(typed), CompleteEvent())]

    assert texts("s") == ["skip", "show", "Single Leg Press", "Seated Calf Raise"]
    assert texts("press") == ["Single Leg Press", "Leg Press"]
    assert texts("10x") == []
    assert texts("slp -l 1") == []


def test_toolbar_follows_a_finished_item_named_again(app: App) -> None:
    shell = shell_for(app, Clock(), [])
    shell.handle("")  # the routine's one pair: the routine is done
    assert toolbar_text(shell).endswith("routine done: type done")
    shell.handle("slp")
    assert toolbar_text(shell).endswith("| Single Leg Press | Enter L 8x60 R 8x60")


def test_toolbar_mirrors_a_distance_side_as_a_distance(app: App) -> None:
    shell = shell_for(app, Clock(), [])
    shell.handle("suitcase carry")
    shell.handle("l 40mx24")
    assert toolbar_text(shell).endswith("| Suitcase Carry | Enter R 40mx24")
    shell.handle("")
    rows = [(side, reps, load) for _, _, side, reps, load, *_ in stored_sets(app.url)]
    assert rows[3:] == [("left", 0, D(24)), ("right", 0, D(24))]


def test_toolbar_fits_the_width_without_cutting_a_load(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    shell = shell_for(app, clock, [])
    shell.handle("slp")
    assert shell.timer is not None
    shell.timer.start(90)
    assert toolbar_text(shell, 60) == "rest 1:30 | Single Leg Press | Enter L 8x60 R 8x60"
    # Narrower: the name gives way first, then whole sets (never part of a load).
    assert toolbar_text(shell, 47) == "rest 1:30 | Single Leg... | Enter L 8x60 R 8x60"
    assert toolbar_text(shell, 40) == "rest 1:30 | Enter L 8x60 R 8x60"
    monkeypatch.setenv("COLUMNS", "30")  # the terminal's width
    assert toolbar_text(shell) == "rest 1:30 | Enter L 8x60 ..."


def test_toolbar_fit_drops_whole_tokens() -> None:
    from tracker.cli.gym.toolbar import fit

    parts = (["rest 1:23"], "Single-Leg Romanian Deadlift", ["R 8x40", "L 10x110"])
    assert fit(*parts, 60) == "rest 1:23 | Single-Leg Romanian D... | Enter R 8x40 L 10x110"
    assert fit(*parts, 30) == "rest 1:23 | Enter R 8x40 ..."
    assert fit(*parts, 20) == "rest 1:23"


@pytest.mark.parametrize(
    ("typed", "planned"),
    [
        ("l 8xbw+10", "R 8xBW+10"),
        ("l 8xbw-20", "R 8xBW-20"),
        ("l 8xbw", "R 8xBW"),
        ("l 8x100lb", "R 8x100lb"),
    ],
)
def test_toolbar_writes_a_planned_load_as_it_would_be_typed(
    app: App, typed: str, planned: str
) -> None:
    # A body-weight target's load is added to body weight, and a load in another unit than
    # the exercise's says so: "8x10" for BW+10 or for 100 lb would be a different load.
    shell = shell_for(app, Clock(), [])
    shell.handle("pistol squat" if "bw" in typed else "bulgarian split squat")
    shell.handle(typed)
    assert toolbar_text(shell, 80).endswith(f"| Enter {planned}"), toolbar_text(shell, 80)
