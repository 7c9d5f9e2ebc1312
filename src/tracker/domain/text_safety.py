"""Stored text made safe for a terminal and for JSON, and typed text checked for controls.

Names and notes can come from an imported or shared file, so any of them may hold ESC (which
starts a sequence that sets the window title or clears the screen), BEL, CSI (0x9b) or a
right-to-left override that hides or reorders text. Everything shown is passed through
`shown_safe`, every JSON document through `json_text`; typed entry refuses such characters
(`refuse_controls`); import and restore keep them, so a restore stays exact.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.domain.errors import InvalidValue

# C0 controls but TAB, LF and CR; DEL and the C1 controls; the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a one-line name can't hold besides: the line and paragraph breaks and the tab.
LINE_BREAK = re.compile("[\t\n\r\u2028\u2029]")
_ONE_LINE = re.compile(f"{CONTROL.pattern}|{LINE_BREAK.pattern}")
# Typed bytes that are not UTF-8 arrive as lone surrogates, which no database can store.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")  # \x1b, \x9b, \u202e


def shown_safe(text: str, one_line: bool = False) -> str:
    """``text`` with every control character shown as its escape: ESC -> ``\\x1b``; for a
    table cell or a name (``one_line``) line breaks and tabs too (LF -> ``\\n``)."""
    return (_ONE_LINE if one_line else CONTROL).sub(_visible, text)


def holds_controls(text: str) -> bool:
    return CONTROL.search(text) is not None


def texts_with_controls(value: Any) -> set[str]:
    """Every distinct text inside ``value`` (strings, lists, dicts, dataclasses) that holds a
    control character: what an import reports it kept."""
    from dataclasses import fields, is_dataclass

    if isinstance(value, str):
        return {value} if holds_controls(value) else set()
    if is_dataclass(value) and not isinstance(value, type):
        value = [getattr(value, f.name) for f in fields(value)]
    elif isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple | set | frozenset):
        return set().union(*map(texts_with_controls, value)) if value else set()
    return set()


def refuse_controls(text: str, what: str, one_line: bool = False) -> str:
    """``text`` as typed, refused with one line when it holds a control character (and, for a
    ``one_line`` name, a line break or a tab): `what` names it ("a lifter name")."""
    found = (
        CONTROL.search(text)
        or (LINE_BREAK.search(text) if one_line else None)
        or _SURROGATE.search(text)
    )
    if found is not None:
        raise InvalidValue(f"{what} can't hold control characters (found {_visible(found)})")
    return text


def json_text(data: Any, **options: Any) -> str:
    """``json.dumps`` with non-ASCII text kept readable, but every control character written
    as a ``\\u`` escape (json.dumps leaves DEL, C1 and the bidi controls raw); decoding gives the
    stored text back exactly."""
    import json  # not at import: `tracker --help` loads this module through cli/terminal.py

    dumped = json.dumps(data, ensure_ascii=False, **options)
    # Outside strings JSON is plain ASCII: every match lies inside a string.
    return CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
