"""Every `tracker` example in the README runs, in order, on one fresh database."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

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


# Output the README shows in its prose, by the example command that prints it. Each line must
# appear in the README as written (so the two cannot drift apart) and in that command's output.
SHOWN = {
    "tracker log slp -l 10x60 -r 9x60 --rpe 8": ["* new best e1RM"],
    'tracker suggest "bulgarian split squat" --basis 100': [
        "Start at:  2 x 14 kg dumbbells (28 kg total)",
    ],
    'tracker report imbalance "6 m timed hop"': ["left: 2 trials, best 2.28 s"],
    "tracker config get": [
        "unit = kg  (lifter me)",
        "increment.barbell = 2.5 kg  (default)",
        "increment.dumbbell = 2.5 kg  (gym-wide)",
        "increment of Single Leg Press = 2.5 kg  (per exercise)",
    ],
}

# The README's JSON samples, by the example command whose output they describe: every key the
# sample shows must be in the output, at the same place (dates, figures and "..." vary).
JSON_SAMPLES = {
    '{"lifter": "me", "unit": "kg", "from"': "tracker report imbalance slp --metric volume --json",
    '{"since": "': "tracker report team --json",
}


def run_readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Run every example in order on one fresh database; each command's last output."""
    from tracker.cli import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "readme.db"))
    monkeypatch.setenv("COLUMNS", "100")
    runner = CliRunner()
    outputs: dict[str, str] = {}
    for command in readme_commands():
        args, text = command_and_input(command)
        result = runner.invoke(cli, args, input=text)
        assert result.exit_code == 0, f"{command}\n{result.output}"
        assert "Error" not in result.output, f"{command}\n{result.output}"
        outputs[command] = result.stdout
    return outputs


def readme_json_samples() -> list[str]:
    return re.findall(r"```json\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def missing_keys(sample: Any, actual: Any, where: str = "") -> list[str]:
    """Keys of `sample` absent from `actual`, recursively (lists: their first elements)."""
    if isinstance(sample, dict):
        if not isinstance(actual, dict):
            return [where or "top"]
        found = [f"{where}.{key}" for key in sample if key not in actual]
        for key in sample:
            if key in actual:
                found += missing_keys(sample[key], actual[key], f"{where}.{key}")
        return found
    if isinstance(sample, list) and sample and isinstance(sample[0], dict):
        return missing_keys(sample[0], actual[0], f"{where}[0]") if actual else [where]
    return []


def test_every_readme_example_runs_and_shows_what_the_readme_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = run_readme(tmp_path, monkeypatch)
    readme = README.read_text(encoding="utf-8")
    for command, lines in SHOWN.items():
        assert command in outputs, f"README no longer runs {command}"
        for line in lines:
            assert f"`{line}`" in readme, f"README no longer shows {line!r}"
            assert line in outputs[command], f"{command} does not print {line!r}"
    samples = readme_json_samples()
    for opening, command in JSON_SAMPLES.items():
        (sample,) = [json.loads(text) for text in samples if text.startswith(opening)]
        assert not missing_keys(sample, json.loads(outputs[command])), command


def test_the_key_check_finds_a_missing_key() -> None:
    sample = {"a": 1, "rows": [{"b": 2, "c": {"d": 3}}]}
    assert missing_keys(sample, {"a": 0, "rows": [{"b": 0, "c": {"d": 0}}]}) == []
    assert missing_keys(sample, {"a": 0, "rows": [{"b": 0, "c": {}}]}) == [".rows[0].c.d"]
    assert missing_keys(sample, {"rows": []}) == [".a", ".rows"]


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
