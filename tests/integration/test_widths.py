"""Every command's text output fits the terminal: at COLUMNS=60 no line is longer than 60.

Each case runs on its own copy of one populated SQLite database (a log with sides, RPE, notes,
two sessions, a custom exercise with a long name), with COLUMNS set as a phone or a laptop
terminal would. Output that is data for another program (CSV or JSON export, completion
scripts) is not text output and is left out.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

WIDTHS = (60, 120)
LONG_NAME = "Rear-Foot-Elevated Dumbbell Split Squat With A Pause At The Bottom"
EMPTY_ROUTINE = "A routine with a long name and nothing in it yet"


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    input: str | None = None
    terminal: bool = False  # a person at the keyboard, to answer a confirmation
    before: tuple[str, ...] = ()  # a command to run first, not measured


def case(*args: str, **kw: object) -> object:
    return pytest.param(Case(args, **kw), id=" ".join(args)[:60])  # type: ignore[arg-type]


CASES = [
    case("session", "show"),
    case("session", "show", "1"),
    case("session", "list"),
    case("session", "finish"),
    case("session", "start", "--name", "A rather long session name for the phone test",
         before=("session", "finish")),
    case("session", "delete", "1", input="n\n", terminal=True),
    case("session", "delete", "1", "--yes"),
    case("set", "delete", "2", input="y\n", terminal=True),
    case("undo"),
    case("exercises", "list"),
    case("exercises", "list", "press", "--unilateral"),
    case("exercises", "list", "--muscle", "glutes", "--equipment", "machine"),
    case("exercises", "show", "single leg press"),
    case("exercises", "show", "bulgarian split squat"),
    case("exercises", "show", LONG_NAME),
    case("exercises", "add", LONG_NAME + " Two", "--unilateral", "--parent", "back squat"),
    case("exercises", "edit", LONG_NAME, "--sled", "20"),
    case("lifter", "list"),
    case("lifter", "add", "a lifter with a long name who trains on a phone"),
    case("config", "get"),
    case("config", "get", "increment.machine"),
    case("config", "set", "increment.dumbbell", "2.5kg"),
    case("db", "path"),
    case("db", "upgrade"),
    case("export", "-o", "EXPORT"),
    case("import", "EXPORT", "--dry-run"),
    case("--help"),
    *(case(group, "--help") for group in ("session", "set", "exercises", "report", "config")),
    case("log", "--help"),
    case("log", "single leg press", "-l", "10x60", "-r", "9x60", "--note", "x" * 70),
    case("log", "plank", "45s", "1:30"),
    case("log", "bulgarian split squat", "-l", "8x12", "-r", "8x12"),
    case("set", "edit", "1", "10x102.5", "--rpe", "9", "--note", "y" * 70),
    case("suggest", "single leg press"),
    case("suggest", "bulgarian split squat", "--basis", "100"),
    case("report", "imbalance"),
    case("report", "imbalance", "slp", "--recent", "2", "--involved", "left"),
    case("report", "history", "leg press"),
    case("report", "history", "slp", "--side", "left"),
    case("report", "summary"),
    case("report", "team"),
    case("report", "readiness"),
    case("report", "readiness", "--test", LONG_NAME, "--test", "slp"),
    case("bodyweight", "add", "82.5"),
    case("bodyweight", "list"),
    case("routine", "list"),
    case("routine", "show", "Legs B"),
    case("routine", "show", EMPTY_ROUTINE),
    case("routine", "add", EMPTY_ROUTINE + " either"),
    case("routine", "add-exercise", "Legs B", "leg curl", "--reps", "10-12", "--rest", "90"),
    case("routine", "edit", "Legs B", "--item", "1", "--sets", "4"),
    case("routine", "remove", EMPTY_ROUTINE),
    case("gym", input="slp\n-l 10x60 -r 10x60\nhelp\nplates 100\nshow\ndone\n"),
    case("plates", "142.5"),
    case("plates", "100", "--exercise", "back squat"),
]


@pytest.fixture(scope="module")
def populated(sqlite_template: Path) -> Iterator[Path]:
    """A short path (the database path is printed) holding a database with real-looking use."""
    folder = Path(tempfile.mkdtemp(prefix="w"))
    db = folder / "t.db"
    shutil.copy(sqlite_template, db)  # as the first command leaves a new database
    runner = CliRunner()
    from tracker.cli import cli

    def run(*args: str) -> None:
        result = runner.invoke(cli, ["--db", str(db), *args], env={"TZ": "UTC"})
        assert result.exit_code == 0, (args, result.output)

    run("log", "leg press", "10x100", "10x120", "8x140", "--at", "3 days ago")
    run(
        "log",
        "slp",
        "-l",
        "10x60",
        "-r",
        "8x60",
        "--rpe",
        "8",
        "--at",
        "3 days ago",
        "--note",
        "left knee felt a little unstable on the way down, slow the eccentric",
    )
    run("log", "leg press", "10x105", "10x125", "--at", "1 day ago")
    run("log", "slp", "-l", "10x62.5", "-r", "9x62.5", "--at", "1 day ago")
    run("log", "slp", "-l", "8x62.5", "--kind", "drop", "--at", "1 day ago")
    run(
        "exercises",
        "add",
        LONG_NAME,
        "--unilateral",
        "--equipment",
        "dumbbell",
        "--body-part",
        "legs",
        "--target",
        "quadriceps",
    )
    run("exercises", "edit", "single leg press", "--increment", "2.5", "--unit", "kg")
    run("routine", "add", "Legs B")
    for name in ("plank", "treadmill run", "slp", "bulgarian split squat", "leg press", LONG_NAME):
        run("routine", "add-exercise", "Legs B", name)
    run("routine", "add", EMPTY_ROUTINE)
    # Last a log, which `undo` takes back (it stops at a catalog edit).
    run("log", LONG_NAME, "--each", "8x20", "--note", "short note")
    run("export", "-o", str(folder / "e.csv"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", CASES)
def test_text_output_fits_the_terminal(
    command: Case, width: int, populated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.cli import cli

    folder = Path(tempfile.mkdtemp(prefix="w"))
    try:
        shutil.copy(populated / "t.db", folder / "t.db")
        export = str(populated / "e.csv")
        args = [export if arg == "EXPORT" else arg for arg in command.args]
        db = folder / "t.db"
        if command.args[0] == "import":
            db = folder / "empty.db"  # a fresh database to import into
        if command.terminal:
            monkeypatch.setattr("tracker.cli.confirm.stdin_is_terminal", lambda: True)
        if command.args[0] == "export":
            args = ["export", "-o", str(folder / "again.csv")]
        if command.before:
            first = CliRunner().invoke(cli, ["--db", str(folder / "t.db"), *command.before])
            assert first.exit_code == 0, first.output
        result = CliRunner().invoke(
            cli, ["--db", str(db), *args], input=command.input, env={"COLUMNS": str(width)}
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert result.exit_code == 0, (result.output, result.exception)
    lines = (result.stdout + result.stderr).splitlines()
    assert lines, "no output to measure"
    too_long = [line for line in lines if len(line) > width]
    assert not too_long, "\n".join(too_long)


def every_command_path() -> list[list[str]]:
    from tests.helpers.cli import walk_commands

    return [path for path, _ in walk_commands()]


def help_case(path: list[str]) -> object:
    return pytest.param(path, id=" ".join(path) or "tracker")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [help_case(path) for path in every_command_path()])
def test_every_help_text_fits(path: list[str], width: int) -> None:
    from tracker.cli import cli

    result = CliRunner().invoke(cli, [*path, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, (path, result.output)
    too_long = [line for line in result.stdout.splitlines() if len(line) > width]
    assert not too_long, too_long


def test_every_exercise_card_fits_a_phone(populated: Path) -> None:
    from tracker.cli import cli

    runner = CliRunner()
    db = ["--db", str(populated / "t.db")]
    names = [row["name"] for row in json.loads(runner.invoke(cli, [*db, "exercises", "list",
                                                                   "--json"]).stdout)]
    assert len(names) > 90
    for name in names:
        result = runner.invoke(cli, [*db, "exercises", "show", name], env={"COLUMNS": "60"})
        assert result.exit_code == 0, (name, result.output)
        too_long = [line for line in result.stdout.splitlines() if len(line) > 60]
        assert not too_long, (name, too_long)
