"""The layers stay apart, and the CLI starts without the database stack."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tracker

PACKAGE = Path(tracker.__file__).resolve().parent
INFRASTRUCTURE = ("sqlalchemy", "alembic", "click", "psycopg")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").glob("*.py")), ids=lambda p: p.name)
def test_domain_imports_no_infrastructure(path: Path) -> None:
    leaks = {m for m in imported_modules(path) if m.split(".")[0] in INFRASTRUCTURE}
    leaks |= {
        m
        for m in imported_modules(path)
        if m.startswith(("tracker.adapters", "tracker.cli", "tracker.services"))
    }
    assert not leaks, f"{path.name} imports {sorted(leaks)}"


def loaded_modules(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_domain_package_loads_without_infrastructure() -> None:
    modules = loaded_modules(
        "import importlib, pkgutil, tracker.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('tracker.domain.' + m.name)"
    )
    assert not {m for m in modules if m.split(".")[0] in INFRASTRUCTURE}


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_no_database_stack(flag: str) -> None:
    modules = loaded_modules(
        "import sys; sys.argv = ['tracker', '" + flag + "']\n"
        "from tracker.cli import cli\n"
        "try:\n    cli(prog_name='tracker')\nexcept SystemExit:\n    pass"
    )
    assert "click" in modules
    assert not {m for m in modules if m.split(".")[0] in ("sqlalchemy", "alembic")}


def test_every_command_has_help() -> None:
    from tracker.cli import walk_commands

    paths = []
    for path, command in walk_commands():
        assert command.help, f"tracker {' '.join(path)} is missing its help"
        paths.append(path)
    assert ["report", "team"] in paths and ["session", "list"] in paths  # the walk goes deep


def test_the_lazy_command_map_matches_the_commands() -> None:
    """`tracker --help` lists commands from tracker.cli.COMMANDS without importing them: each
    entry must load a command of that name whose own short help is the map's."""
    from tracker.cli import COMMANDS, load_command

    for name, lazy in COMMANDS.items():
        command = load_command(name)
        assert command.name == name, lazy.target
        assert command.get_short_help_str(10_000) == lazy.help, name


def test_a_one_shot_command_imports_only_its_own_module() -> None:
    modules = loaded_modules(
        "from tracker.cli import cli\n"
        "try:\n    cli(['db', 'path'], prog_name='tracker')\nexcept SystemExit:\n    pass"
    )
    assert "tracker.cli.db_cmds" in modules
    others = {"tracker.cli.exercises", "tracker.cli.coach", "tracker.cli.gym", "jinja2"}
    assert not others & modules


@pytest.mark.parametrize("name", ["logbook.py", "suggest.py"])
def test_logging_and_suggest_services_hold_no_queries(name: str) -> None:
    """Queries live behind named repository methods; rules live in the domain (issue 16)."""
    import re

    text = (PACKAGE / "services" / name).read_text(encoding="utf-8")
    for pattern in (r"select\(", r"\.execute\(", r"\.session\b", r"\bsqlalchemy\b"):
        assert not re.search(pattern, text), f"{name} contains {pattern}"
    # Typed results: dict[str, Any] only inside as_json, which renders the documented JSON.
    outside_json = re.sub(r"def as_json\(self\).*?return data\n", "", text, flags=re.S)
    assert "dict[str, Any]" not in outside_json
