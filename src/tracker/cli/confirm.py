"""Asking before a delete: a question on a terminal, `--yes` for scripts, never a silent yes."""

from __future__ import annotations

import sys

import click

from tracker.cli.context import UserError, echo
from tracker.cli.layout import terminal_width, wrap_line
from tracker.cli.terminal import terminal_text


def stdin_is_terminal() -> bool:
    """Whether a person can answer a question (tests replace this)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


yes_option = click.option(
    "--yes", "-y", is_flag=True, help="Do not ask for confirmation (for scripts)."
)
# `--yes` of the commands that store a set: log one the entry check questions.
plausible_option = click.option(
    "--yes", "-y", is_flag=True, help="Store a set even if it looks like a typo."
)


def delete_confirmed(yes: bool, command: str, shown: list[str], question: str, kept: str) -> bool:
    """--yes, or the person answered y to `question` after the lines `shown` (what would go);
    a no says what was `kept`. Refused before showing anything when nobody can answer."""
    if yes:
        return True
    if not stdin_is_terminal():
        raise UserError(
            f"{command} asks for confirmation and there is no terminal to answer: "
            "add --yes to delete without asking"
        )
    for line in shown:
        echo(line)
    if click.confirm(terminal_text(_wrapped(question)), default=False):
        return True
    echo(kept)
    return False


def _wrapped(question: str) -> str:
    """The question wrapped between words to the width, leaving room for " [y/N]: "."""
    width = terminal_width()
    return "\n".join(wrap_line(question, None if width is None else max(width - 8, 20), ""))


def ask(question: str) -> bool:
    """A yes/no question at the terminal, no by default (Ctrl-C or Ctrl-D: no)."""
    try:
        return click.confirm(terminal_text(_wrapped(question)), default=False)
    except click.Abort:
        return False
