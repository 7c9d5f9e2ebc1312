"""The text layout every command shares: widths, wrapping, tables, plurals."""

from __future__ import annotations

import pytest

from tracker.cli.layout import Column, plural, table, terminal_width, visible_len, wrap, wrap_line
from tracker.cli.terminal import tagged

RED = tagged("\x1b[31m")  # the program's own colour codes (stored text's are escaped)
RESET = tagged("\x1b[0m")


def test_plurals() -> None:
    assert plural(1, "set") == "1 set"
    assert plural(0, "set") == "0 sets"
    assert plural(2, "exercise") == "2 exercises"
    assert plural(3, "entry") == "3 entries"
    assert plural(2, "body part") == "2 body parts"


def test_colour_codes_take_no_column() -> None:
    assert visible_len(f"{RED}imbalanced{RESET}") == len("imbalanced")
    rows = [[f"{RED}imbalanced{RESET}", "80"], ["balanced", "95"]]
    lines = table(rows, ["status", "lsi"], width=60)
    assert [visible_len(line) for line in lines] == [len(lines[1])] * 4


def test_width_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert terminal_width() == 60
    monkeypatch.setenv("COLUMNS", "5")
    assert terminal_width() == 20  # never narrower than a usable minimum
    monkeypatch.delenv("COLUMNS")
    assert terminal_width() is None  # pytest's stdout is not a terminal: no wrapping


def test_a_table_that_fits_keeps_two_spaces_and_aligns_numbers() -> None:
    lines = table([["Leg Press", "3"], ["Squat", "12"]], ["exercise", "sets"], width=60)
    assert lines == [
        "exercise   sets",
        "---------  ----",
        "Leg Press     3",
        "Squat        12",
    ]


def test_a_wide_table_takes_short_headers_then_wraps_text_columns() -> None:
    rows = [["Alternating Dumbbell Shoulder Press", "shoulders", "dumbbell", "12"]]
    columns: list[Column | str] = [
        Column("name"), Column("body part", "part"), Column("equipment", "equip."), "sets"
    ]
    lines = table(rows, columns, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert lines[0].split() == ["name", "part", "equip.", "sets"]
    assert lines[2].split() == ["Alternating", "shoulders", "dumbbell", "12"]
    assert " ".join(line[:16].strip() for line in lines[2:]) == (
        "Alternating Dumbbell Shoulder Press"
    )


def test_a_table_that_cannot_fit_stacks() -> None:
    rows = [["Single Leg Press", "unilateral", "glutes, quadriceps", "1234567"]]
    lines = table(rows, ["name", "laterality", "muscles", "volume"], width=20)
    assert lines == [
        "Single Leg Press",
        "  laterality:",
        "    unilateral",  # the label and the value do not fit one line of 20
        "  muscles:",
        "    glutes,",
        "    quadriceps",
        "  volume: 1234567",
    ]


def test_wrap_keeps_hyphenated_words_and_indents() -> None:
    lines = wrap("a single-leg press " * 6, width=30, indent="    ", first="  - ")
    assert lines[0].startswith("  - a single-leg")
    assert all(line.startswith("    ") for line in lines[1:])
    assert all(len(line) <= 30 for line in lines)


def test_wrap_line_leaves_short_lines_and_pipes_alone() -> None:
    assert wrap_line("  #1 Leg Press 10 x 100 kg", width=60) == ["  #1 Leg Press 10 x 100 kg"]
    long = "  " + "word " * 30
    assert wrap_line(long.rstrip(), width=None) == [long.rstrip()]
    wrapped = wrap_line(long.rstrip(), width=40)
    assert all(len(line) <= 40 for line in wrapped) and wrapped[1].startswith("      ")
