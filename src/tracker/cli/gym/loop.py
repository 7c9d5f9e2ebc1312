"""The read-eval loop: prompt_toolkit on a terminal, a plain line reader otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.context import echo

if TYPE_CHECKING:
    from tracker.cli.gym.commands import GymShell

PROMPT = "gym> "


def run_piped(shell: GymShell, lines: Iterable[str]) -> None:
    """One line at a time from a file or a pipe; the end of input finishes the session."""
    for line in lines:
        shell.handle(line.rstrip("\r\n"))
        if shell.finished:
            return
        shell.print_header()
        # A script (or a phone over SSH) sees each acknowledgement as soon as it is stored.
        sys.stdout.flush()
    if not shell.finished:
        shell.handle("done")


def history_path() -> Path | None:
    from tracker.bootstrap import user_data_dir

    try:
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / "gym_history"


def build_session(shell: GymShell, names: Iterable[tuple[str, list[str]]], **extra: Any) -> Any:
    """The prompt_toolkit session: completion of every name and alias in ``names``
    (services.completion.exercise_names), history, a toolbar refreshed twice a second."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    from tracker.cli.gym.completer import GymCompleter
    from tracker.cli.gym.toolbar import toolbar_text

    routine = shell.status.routine
    items = [item.exercise for item in routine.items] if routine else []
    path = extra.pop("history_file", history_path())
    history = FileHistory(str(path)) if path else InMemoryHistory()
    return PromptSession(
        completer=GymCompleter(
            sorted({n for name, aliases in names for n in (name, *aliases)}, key=str.lower), items
        ),
        complete_while_typing=False,
        history=history,
        bottom_toolbar=lambda: toolbar_text(shell),
        refresh_interval=0.5,
        **extra,
    )


def run_interactive(shell: GymShell, session: Any) -> None:
    """Prompt until `done` or Ctrl-D; Ctrl-C clears the line."""
    while not shell.finished:
        try:
            line = session.prompt(PROMPT)
        except KeyboardInterrupt:
            continue
        except EOFError:
            shell.handle("done")
            break
        shell.handle(line)
        if not shell.finished:
            shell.print_header()
    echo("")
