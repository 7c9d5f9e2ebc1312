"""Shell completion through the installed `tracker`, as bash runs it: real processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXE = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
BASH = shutil.which("bash")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(EXE is None, reason="the tracker console script is not installed"),
]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    assert EXE is not None
    environment = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
        "TZ": "UTC",
        "TRACKER_DB": str(tmp_path / "t.db"),
        "PATH": f"{Path(EXE).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    environment.pop("COLUMNS", None)
    return environment


@pytest.fixture
def made(env: dict[str, str], sqlite_template: Path) -> None:
    """The database of `env` as the first command leaves a new one (a copy of the template),
    for tests of completion on a database in use rather than of the first run."""
    shutil.copy(sqlite_template, env["TRACKER_DB"])


def tracker(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    result = subprocess.run(
        [EXE, *args], env=env, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return result


def protocol(env: dict[str, str], words: str, cword: int) -> list[str]:
    """Click's bash protocol: what `tracker` answers for COMP_WORDS/COMP_CWORD."""
    answer = tracker(
        {**env, "COMP_WORDS": words, "COMP_CWORD": str(cword), "_TRACKER_COMPLETE": "bash_complete"}
    )
    assert answer.stderr == ""
    return [line for line in answer.stdout.splitlines() if line]


def bash_completes(env: dict[str, str], words: list[str]) -> list[str]:
    """COMPREPLY after bash runs the script of `tracker completion bash` on a command line
    whose last word is being completed (words as bash splits them, escapes included)."""
    if BASH is None:
        pytest.skip("bash is not installed")
    array = " ".join("'" + word.replace("'", "'\\''") + "'" for word in words)
    script = (
        'eval "$(tracker completion bash)"\n'
        f"COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}\n"
        "_tracker_completion tracker\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", script], env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_bash_completes_an_exercise_name_with_spaces_as_one_word(env: dict[str, str]) -> None:
    # Typed `tracker log single\ leg\ p`: bash passes the escaped word; the answer is quoted
    # for the shell so that the name stays one argument.
    assert bash_completes(env, ["tracker", "log", "single\\ leg\\ p"]) == ["Single\\ Leg\\ Press"]
    # An alias completes to the name it stands for; a word inside a name is found too.
    assert bash_completes(env, ["tracker", "log", "slp"]) == ["Single\\ Leg\\ Press"]
    assert "Bulgarian\\ Split\\ Squat" in bash_completes(env, ["tracker", "suggest", "bulg"])


@pytest.mark.usefixtures("made")
def test_exercises_of_this_database_complete(env: dict[str, str]) -> None:
    tracker(env, "exercises", "add", "Landmine Press", "--unilateral", "--equipment", "barbell")
    assert protocol(env, "tracker report history landm", 3) == ["plain,Landmine Press"]
    assert protocol(env, "tracker exercises show landm", 3) == ["plain,Landmine Press"]
    # Names that start with what was typed come before names with a word that does.
    assert protocol(env, "tracker log leg", 2) == [
        "plain,Leg Curl",
        "plain,Leg Extension",
        "plain,Leg Press",
    ]


@pytest.mark.usefixtures("made")
def test_only_the_lifters_own_custom_exercises_complete(env: dict[str, str]) -> None:
    tracker(env, "lifter", "add", "ana")
    tracker(env, "--lifter", "ana", "exercises", "add", "Landmine Press", "--equipment", "barbell")
    assert protocol(env, "tracker --lifter ana log landm", 4) == ["plain,Landmine Press"]
    assert protocol(env, "tracker log landm", 2) == []  # the default lifter's view
    assert protocol(env, "tracker --lifter nobody log landm", 4) == []


@pytest.mark.usefixtures("made")
def test_lifters_config_keys_and_commands_complete(env: dict[str, str]) -> None:
    tracker(env, "lifter", "add", "ana")
    assert protocol(env, "tracker --lifter a", 2) == ["plain,ana"]
    assert protocol(env, "tracker config get increment.d", 3) == ["plain,increment.dumbbell"]
    assert protocol(env, "tracker config set u", 3) == ["plain,unit"]
    assert "plain,completion" in protocol(env, "tracker co", 1)
    assert "plain,--yes" in protocol(env, "tracker session delete 1 --", 4)


def test_a_database_that_cannot_open_completes_nothing(env: dict[str, str]) -> None:
    env["TRACKER_DB"] = "postgresql+psycopg://nobody@127.0.0.1:1/nowhere"
    assert protocol(env, "tracker log leg", 2) == []


def test_completion_prints_each_shells_script(env: dict[str, str]) -> None:
    assert (
        "complete -o nosort -F _tracker_completion tracker"
        in tracker(env, "completion", "bash").stdout
    )
    assert tracker(env, "completion", "zsh").stdout.startswith("#compdef tracker")
    assert "complete --no-files --command tracker" in tracker(env, "completion", "fish").stdout
    bad = subprocess.run(
        [str(EXE), "completion", "powershell"], env=env, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "powershell" in bad.stderr


def test_the_bash_script_refuses_a_click_script_it_cannot_change() -> None:
    """Our two changes replace one line each of Click's script: a Click whose script lacks
    one (or holds it twice) is refused, not given a script that splits names again."""
    from click.shell_completion import BashComplete

    from tracker.cli.complete import _bash_script

    ours = _bash_script(BashComplete.source_template)
    assert "read -r type value" in ours and 'COMPREPLY+=("$value")' in ours
    for changed in ("", BashComplete.source_template * 2):
        with pytest.raises(RuntimeError, match="Click's bash completion script changed"):
            _bash_script(changed)


@pytest.mark.usefixtures("made")
def test_routines_lifters_and_exercise_options_complete(env: dict[str, str]) -> None:
    tracker(env, "routine", "add", "Legs A")
    tracker(env, "routine", "add", "Push")
    assert protocol(env, "tracker gym l", 2) == ["plain,Legs A"]
    assert protocol(env, "tracker routine show ", 3) == ["plain,Legs A", "plain,Push"]
    assert protocol(env, "tracker --lifter nobody gym ", 4) == []
    tracker(env, "lifter", "add", "ana")
    assert protocol(env, "tracker lifter edit a", 3) == ["plain,ana"]
    assert protocol(env, "tracker lifter edit me --involved left --exercise bulg", 7) == [
        "plain,Bulgarian Split Squat"
    ]
    keys = protocol(env, "tracker config set ", 3)
    assert {"plain,unit", "plain,bar", "plain,plates"} <= set(keys)
