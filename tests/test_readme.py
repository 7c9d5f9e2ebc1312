"""Every `tracker` example in the README runs, in order, on one fresh database."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

README = Path(__file__).resolve().parents[1] / "README.md"


PIPED = re.compile(r"^printf (?P<text>'[^']*') \| (?P<command>tracker .*)$")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    return [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip().startswith("tracker ") or PIPED.match(line.strip())
    ]


def command_and_input(line: str) -> tuple[list[str], str | None]:
    """`tracker ...`, or `printf '...' | tracker ...` with printf's text as standard input."""
    piped = PIPED.match(line)
    if piped is None:
        return shlex.split(line)[1:], None
    text = shlex.split(piped["text"])[0].replace("\\n", "\n").replace("\\t", "\t")
    return shlex.split(piped["command"])[1:], text


def test_readme_has_examples() -> None:
    assert len(readme_commands()) >= 15


def test_every_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.cli import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "readme.db"))
    runner = CliRunner()
    for command in readme_commands():
        args, text = command_and_input(command)
        result = runner.invoke(cli, args, input=text)
        assert result.exit_code == 0, f"{command}\n{result.output}"
        assert "Error" not in result.output, f"{command}\n{result.output}"


def setup_command(heading: str) -> str:
    """The command of the ```sh block under a README heading, found as .ci/run finds it."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\n.*?^```sh\n(.*?)^```", text, flags=re.S | re.M)
    assert match, f"README.md has no ```sh block under ## {heading}"
    return match.group(1).strip()


def test_readme_setup_commands_work_on_a_stock_python() -> None:
    """PEP 668 systems refuse pip outside a virtual environment, and some have no `python`."""
    for heading in ("Install and run", "Install and test"):
        command = setup_command(heading)
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && "), command
        assert not re.search(r"(^|[ ;&|])python ", command), command
    assert setup_command("Install and test").endswith("python3 -m pytest")


def test_ci_runs_the_readme_setup_commands_as_written() -> None:
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'readme_command "Install and run"' in ci
    assert 'readme_command "Install and test"' in ci
    assert 'as_new_user "$install_and_run"' in ci
    assert 'as_new_user "$install_and_test"' in ci
    assert 'PATH="/usr/bin:/bin"' in ci
