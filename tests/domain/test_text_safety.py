"""Stored text shown safely, written to JSON safely, refused when typed (issue 21)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InvalidValue
from tracker.domain.text_safety import (
    json_text,
    refuse_controls,
    shown_safe,
    texts_with_controls,
)

CONTROLS = [
    *map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]),
    *map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]),
]


def test_every_control_character_is_shown_as_its_escape() -> None:
    assert len(CONTROLS) == 29 + 1 + 32 + 5 + 4
    for char in CONTROLS:
        shown = shown_safe(f"a{char}b")
        assert char not in shown and shown.startswith("a\\") and shown.endswith("b"), shown
    assert shown_safe("\x1b]0;pwned\x07 \x9b2J \u202eevil") == (
        "\\x1b]0;pwned\\x07 \\x9b2J \\u202eevil"
    )


def test_tab_line_breaks_and_other_text_are_kept_unless_one_line() -> None:
    text = "Légs\tA\r\nnext\u2028ünï 💪 \u200d"
    assert shown_safe(text) == text
    assert shown_safe(text, one_line=True) == "Légs\\tA\\r\\nnext\\u2028ünï 💪 \u200d"


@given(st.text())
def test_shown_text_holds_no_control_character(text: str) -> None:
    shown = shown_safe(text, one_line=True)
    assert not any(char in shown for char in CONTROLS + ["\n", "\r", "\t"])


@given(
    st.recursive(
        st.text() | st.none(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
    )
)
def test_json_text_escapes_every_control_and_decodes_to_the_same_data(data: object) -> None:
    dumped = json_text(data)
    assert not any(char in dumped for char in CONTROLS)
    assert json.loads(dumped) == data


def test_json_text_writes_u_escapes_and_keeps_other_text_readable() -> None:
    assert json_text({"name": "Évil\x1b\x7f\x9b\u202e"}) == (
        '{"name": "Évil\\u001b\\u007f\\u009b\\u202e"}'
    )


@pytest.mark.parametrize(
    ("text", "one_line", "found"),
    [("a\x1bb", False, "\\x1b"), ("\u202e", False, "\\u202e"), ("x\x9b", False, "\\x9b"),
     ("a\nb", True, "\\n"), ("a\tb", True, "\\t"), ("a\udc9b", False, "\\udc9b")],
)
def test_typed_text_with_a_control_is_refused_naming_it(
    text: str, one_line: bool, found: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        refuse_controls(text, "a note", one_line=one_line)
    assert str(refused.value) == f"a note can't hold control characters (found {found})"


def test_typed_text_without_controls_is_kept_as_typed() -> None:
    assert refuse_controls("seat 5\tpin 3\nnext time", "a note") == "seat 5\tpin 3\nnext time"
    assert refuse_controls("Zoë's press", "a lifter name", one_line=True) == "Zoë's press"


def test_texts_with_controls_are_found_in_nested_data() -> None:
    @dataclass
    class Item:
        name: str
        notes: list[str]

    data = [Item("a\x1b", ["ok", "b\u202e"]), {"k\x9b": "fine"}, ("a\x1b", None, 3)]
    assert texts_with_controls(data) == {"a\x1b", "b\u202e", "k\x9b"}
    assert texts_with_controls(["plain", Item("x", [])]) == set()
