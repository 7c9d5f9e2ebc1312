"""The one output sink: stored text is shown escaped, the program's own colours survive."""

from __future__ import annotations

import pytest

from tracker.cli import context
from tracker.cli.layout import strip_ansi, visible_len
from tracker.cli.terminal import terminal_text


@pytest.fixture
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "use_color", lambda: True)


@pytest.mark.usefixtures("colour")
def test_own_colours_survive_and_stored_escapes_are_shown() -> None:
    stored = "Evil \x1b[31mred\x1b[0m \x1b]0;pwned\x07 \u202e"
    line = context.style(stored, bold=True) + "  " + stored
    shown = terminal_text(line)
    escaped = "Evil \\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 \\u202e"
    assert shown == f"\x1b[1m{escaped}\x1b[0m  {escaped}"
    assert visible_len(line) == len(escaped) * 2 + 2  # layout measures the escaped text


@pytest.mark.usefixtures("colour")
def test_a_stored_copy_of_an_untagged_colour_code_is_escaped() -> None:
    assert terminal_text("\x1b[1m") == "\\x1b[1m"
    assert "\x1b" not in terminal_text(strip_ansi(context.style("x", fg="green")) + "\x1b[32m")


def test_without_colour_style_adds_nothing() -> None:
    assert context.style("plain", bold=True) == "plain"
    assert terminal_text("tab\tand\nlines\r") == "tab\tand\nlines\r"


def test_a_line_holding_stored_controls_wraps_to_the_width_it_is_shown_at() -> None:
    from tracker.cli.layout import wrap_line

    lines = wrap_line("  Evil\x1b]0;pwned\x07 Press\u202e " * 3, width=30)
    assert len(lines) > 1 and all(len(terminal_text(line)) <= 30 for line in lines), lines


@pytest.mark.usefixtures("colour")
def test_a_table_keeps_its_status_colour_and_escapes_a_stored_line_break() -> None:
    from tracker.cli.render import table

    rows = [[context.style("balanced", fg="green"), "Evil\x1b]0;x\x07\nPress"]]
    last = terminal_text(table(rows, ["status", "exercise"])[-1])
    assert last == "\x1b[32mbalanced\x1b[0m  Evil\\x1b]0;x\\x07\\nPress"
