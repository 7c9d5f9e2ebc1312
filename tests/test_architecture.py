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
    import click

    from tracker.cli import cli

    def walk(command: click.Command, path: str) -> None:
        assert command.help, f"{path} is missing its help"
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}")

    walk(cli, "tracker")


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
