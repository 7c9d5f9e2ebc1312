"""What a gym line is: a command word, sets of the current exercise, or `tracker log`'s
arguments (an exercise name first)."""

from __future__ import annotations

import re
import shlex

from tracker.cli.logging_cmds import SIDE_MARKERS

COMMAND_WORDS = ("undo", "redo", "note", "skip", "next", "plates", "rest", "show", "help", "done")
# Command words that take nothing after them (`undo` takes only --yes).
BARE_WORDS = ("undo", "redo", "skip", "next", "show", "help", "done")
UNDO_YES = ("--yes", "-y")
# Side words without the dash, quicker to type on a phone: `l 10x60`.
SHORT_SIDES = {"l": "-l", "left": "-l", "r": "-r", "right": "-r", "each": "--each"}
_SPEC_START = re.compile(r"\d")


def split_line(line: str) -> list[str]:
    """Shell-like words; an unbalanced quote (Farmer's Walk) falls back to plain words."""
    try:
        return shlex.split(line)
    except ValueError:
        return line.split()


def is_set_token(token: str) -> bool:
    lowered = token.lower()
    return (
        bool(_SPEC_START.match(token))
        or lowered in SHORT_SIDES
        or token.split("=")[0] in SIDE_MARKERS
        or lowered.startswith("bw")
    )


def is_set_line(tokens: list[str]) -> bool:
    """Sets for the current exercise: `10x100`, `l 10x60`; not a name that starts with a
    number, such as `45 degree leg press` (its second word is no set)."""
    if not tokens or not is_set_token(tokens[0]):
        return False
    return len(tokens) == 1 or is_set_token(tokens[1]) or tokens[1].startswith("-")


def name_and_args(tokens: list[str]) -> tuple[str, list[str]]:
    """`single leg press -l 10x60`: the leading words are the name (quoted or not)."""
    for index, token in enumerate(tokens):
        if index and (token.startswith("-") or _SPEC_START.match(token)):
            return " ".join(tokens[:index]), tokens[index:]
    return " ".join(tokens), []
