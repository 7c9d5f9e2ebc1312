"""The terminal's width, and what may reach the terminal: kept light for `tracker --help`."""

from __future__ import annotations

import os
import re
import sys

# The narrowest layout worth drawing; a phone in portrait is about 60 columns.
MIN_WIDTH = 20


def terminal_width() -> int | None:
    """COLUMNS when set, else the terminal's width; None when output is not a terminal."""
    value = os.environ.get("COLUMNS", "").strip()
    if value.isdigit() and int(value) > 0:
        return max(int(value), MIN_WIDTH)
    try:
        if sys.stdout.isatty():
            return max(os.get_terminal_size(sys.stdout.fileno()).columns, MIN_WIDTH)
    except (OSError, ValueError, AttributeError):
        pass
    return None


# The colour codes this program writes carry a tag drawn afresh for each run (digits, so that
# they still read as colour codes to the layout), so that output can tell them from an escape
# sequence some stored text holds: that is shown escaped, and only tagged codes reach the
# terminal, untagged, at the one output sink (cli.context.echo). Stored text cannot guess it.
_TAG = str(int.from_bytes(os.urandom(8), "big"))
_OWN_CODE = re.compile(f"\x1b\\[{_TAG};([0-9;]*m)")


def tagged(styled: str) -> str:
    """The colour codes of ``styled`` (whose text is already escaped) marked as the program's."""
    return styled.replace("\x1b[", f"\x1b[{_TAG};")


def escaped(text: str, one_line: bool = False) -> str:
    """``text`` with every control character shown as an escape (line breaks and tabs too for
    ``one_line``) but the program's own colour codes, still tagged: what the layout measures
    and wraps."""
    from tracker.domain.text_safety import shown_safe  # not needed by `tracker --help`

    parts = _OWN_CODE.split(text)  # text, code, text, code ... text
    parts[::2] = [shown_safe(part, one_line) for part in parts[::2]]
    parts[1::2] = [f"\x1b[{_TAG};{code}" for code in parts[1::2]]
    return "".join(parts)


def terminal_text(text: str) -> str:
    """What reaches the terminal: the program's own colours, and every other control character
    (from a name, a note, an error) shown escaped (`\\x1b`, `\\u202e`)."""
    return _OWN_CODE.sub(lambda code: "\x1b[" + code.group(1), escaped(text))
