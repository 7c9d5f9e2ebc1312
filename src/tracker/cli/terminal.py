"""The terminal's width, on its own so that `tracker --help` needs nothing heavier."""

from __future__ import annotations

import os
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
