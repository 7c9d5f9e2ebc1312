"""Running the real CLI in-process, and the data folder beside the checkout."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

PG_ENV = "TRACKER_TEST_PG_URL"
SHARED = Path(__file__).resolve().parents[3] / "shared"  # beside the checkout


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Never touch the real user's database, lifter or colours: ``home`` stands in for theirs."""
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    for name in ("TRACKER_DB", "TRACKER_LIFTER", "NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")


def walk_commands() -> Iterator[tuple[list[str], click.Command]]:
    """Every command path and command of `tracker`, loading every module."""
    from tracker.cli import cli

    def walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
        yield path, command
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub, [*path, name])

    yield from walk(cli, [])


def shared_file(relative: str) -> Path:
    """A file from ../shared, or a skip saying why it is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder sits beside the checkout)")
    return path


@dataclass
class Tracker:
    """Runs the real CLI in-process against one database."""

    url: str
    runner: CliRunner

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        from tracker.cli import cli

        return self.runner.invoke(cli, ["--db", self.url, *args], input=input, env=env)

    def ok(self, *args: str, **kwargs: Any) -> Result:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    def fails(self, *args: str, code: int = 1, **kwargs: Any) -> str:
        """Run a command that must fail with one clean line; return that line."""
        result = self(*args, **kwargs)
        assert result.exit_code == code, (result.exit_code, result.output, result.exception)
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        return lines[0]

    def json(self, *args: str) -> Any:
        import json

        return json.loads(self.ok(*args, "--json").stdout)
