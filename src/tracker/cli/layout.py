"""Text that fits the terminal: its width, wrapped paragraphs, tables that narrow or stack.

The width comes from `COLUMNS` when it is set, else from the terminal. Output that goes to a
pipe or a file (no terminal, no `COLUMNS`) is not wrapped: a script or `grep` sees one line per
row. Widths count what a person sees: colour codes take no column.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.cli.terminal import MIN_WIDTH as MIN_WIDTH
from tracker.cli.terminal import escaped
from tracker.cli.terminal import terminal_width as terminal_width
from tracker.wording import plural as plural  # the one plural; commands import it from here

# Prose longer than this is hard to read even on a wide screen.
PROSE_WIDTH = 100
GAP = "  "

ANSI_CODE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def visible_len(text: str) -> int:
    """Columns the text takes on screen: colour codes do not count, the escapes that stored
    control characters are shown as do."""
    return len(strip_ansi(text))


def strip_ansi(text: str) -> str:
    """The text as shown, without its colours."""
    return ANSI_CODE.sub("", escaped(text))


def prose_width(width: int | None = None) -> int:
    """The width to wrap paragraphs at: the terminal's, at most PROSE_WIDTH."""
    width = width if width is not None else terminal_width()
    return min(width, PROSE_WIDTH) if width is not None else PROSE_WIDTH


def wrap(
    text: str, width: int | None = None, indent: str = "", first: str | None = None
) -> list[str]:
    """A paragraph wrapped to the terminal (or `width`), with a hanging indent.

    Without a width (output to a pipe), prose still wraps at PROSE_WIDTH.
    """
    start = first if first is not None else indent
    columns = prose_width(width)
    # Never narrower than the indent plus a few letters, whatever the terminal says.
    columns = max(columns, visible_len(start) + 4, len(indent) + 4)
    lines = textwrap.wrap(
        strip_ansi(text),
        width=columns,
        initial_indent=start,
        subsequent_indent=indent,
        break_on_hyphens=False,  # keep "single-leg" on one line
    )
    return lines or [start.rstrip()]


def wrap_line(text: str, width: int | None = None, indent: str = "    ") -> list[str]:
    """One line of output as is when it fits; else wrapped with a hanging indent.

    Leading spaces of `text` are kept as the first line's indent.
    """
    width = width if width is not None else terminal_width()
    if width is None or visible_len(text) <= width:
        return [text]
    stripped = text.lstrip(" ")
    lead = text[: len(text) - len(stripped)]
    return wrap(stripped, width, indent=lead + indent, first=lead)


@dataclass(frozen=True)
class Column:
    """A table column: its header, a shorter header for narrow screens, alignment."""

    header: str
    short: str | None = None
    numeric: bool | None = None  # None: right-align cells that look like numbers


def _looks_numeric(text: str) -> bool:
    plain = strip_ansi(text).strip()
    return plain.replace(".", "", 1).replace("-", "", 1).isdigit()


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(width - visible_len(text), 0)
    return space + text if right else text + space


def table(
    rows: Sequence[Sequence[str]],
    columns: Sequence[Column | str],
    width: int | None = None,
    title_column: int = 0,
) -> list[str]:
    """Aligned columns that fit `width` (default: the terminal's).

    In order, until the table fits: shorter headers, one space between columns, text cells
    wrapped inside narrower columns (never inside a word), and at last a stacked layout: one
    block per row, its `title_column` first, then `header: value` lines.
    """
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]
    width = width if width is not None else terminal_width()
    cells = [[str(cell) for cell in row] for row in rows]
    headers = [c.header for c in cols]
    if width is None:
        return _render(cells, cols, headers, _natural(cells, headers), GAP)
    for headers in ([c.header for c in cols], [c.short or c.header for c in cols]):
        natural = _natural(cells, headers)
        for gap in (GAP, " "):
            if _total(natural, gap) <= width:
                return _render(cells, cols, headers, natural, gap)
    narrowed = _narrow(cells, cols, headers, width)
    if narrowed is not None:
        return _render(cells, cols, headers, narrowed, " ")
    return stacked(cells, cols, width, title_column)


def _natural(cells: list[list[str]], headers: list[str]) -> list[int]:
    return [
        max(visible_len(text) for text in column) for column in zip(headers, *cells, strict=False)
    ]


def _total(widths: list[int], gap: str) -> int:
    return sum(widths) + len(gap) * (len(widths) - 1)


def _narrow(
    cells: list[list[str]], cols: list[Column], headers: list[str], width: int
) -> list[int] | None:
    """Column widths that fit by wrapping text columns at word boundaries, or None."""
    natural = _natural(cells, headers)
    floors = []
    for index, column in enumerate(zip(headers, *cells, strict=False)):
        if _is_numeric_column(cols[index], column[1:]):
            floors.append(natural[index])
        else:
            longest_word = max(
                (len(word) for text in column for word in strip_ansi(text).split()), default=1
            )
            floors.append(min(natural[index], max(longest_word, 3)))
    if _total(floors, " ") > width:
        return None
    widths = list(natural)
    while _total(widths, " ") > width:
        # Take a column from the widest text column that can still give.
        candidates = [i for i, w in enumerate(widths) if w > floors[i]]
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _is_numeric_column(column: Column, values: Sequence[str]) -> bool:
    if column.numeric is not None:
        return column.numeric
    filled = [v for v in values if strip_ansi(v).strip()]
    return bool(filled) and all(_looks_numeric(v) for v in filled)


def _render(
    cells: list[list[str]], cols: list[Column], headers: list[str], widths: list[int], gap: str
) -> list[str]:
    def lines_of(row: Sequence[str], header: bool = False) -> list[str]:
        wrapped = []
        for text, w in zip(row, widths, strict=False):
            if visible_len(text) <= w:
                wrapped.append([text])
            else:
                wrapped.append(textwrap.wrap(strip_ansi(text), w, break_on_hyphens=False))
        height = max(len(parts) for parts in wrapped)
        out = []
        for line in range(height):
            parts = []
            for index, chunks in enumerate(wrapped):
                text = chunks[line] if line < len(chunks) else ""
                numeric = cols[index].numeric
                right = not header and (numeric if numeric is not None else _looks_numeric(text))
                parts.append(_pad(text, widths[index], right))
            out.append(gap.join(parts).rstrip())
        return out

    lines = lines_of(headers, header=True)
    lines.append(gap.join("-" * w for w in widths))
    for row in cells:
        lines += lines_of(row)
    return lines


def stacked(
    cells: list[list[str]], cols: list[Column], width: int, title_column: int = 0
) -> list[str]:
    """One block per row: the title cell, then `header: value` lines, wrapped to `width`."""
    lines: list[str] = []
    for row in cells:
        lines += wrap_line(row[title_column], width, indent="  ")
        for index, text in enumerate(row):
            if index == title_column or not strip_ansi(text).strip():
                continue
            label = f"  {cols[index].short or cols[index].header}: "
            longest = max(len(word) for word in strip_ansi(text).split())
            if len(label) + longest <= width:
                lines += wrap(text, width, indent=" " * len(label), first=label)
            else:  # the label takes a line of its own, the value goes under it
                lines.append(label.rstrip())
                lines += wrap(text, width, indent="    ")
    return lines
