"""Streaming reader for app exports: detect the format, then yield one set per row.

Nothing is held per row: the CSV module reads the stream line by line and each set is yielded
as soon as its row is read. What is kept grows only with the number of workouts (a position
counter each) and, for skipped rows, with a few line numbers per reason. The one exception: a
file whose first numeric dates read both ways (5/11/2024) holds the rows after them, unparsed
and at most MAX_WAITING, until a date says whether it writes the day or the month first.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Callable, Iterator
from datetime import tzinfo
from typing import TextIO

from tracker.domain.errors import ImportFailed
from tracker.domain.units import Unit
from tracker.importers.apps import AppParser, FitNotesParser, HevyParser, StrongParser
from tracker.importers.records import BLANK_LINE, REPEATED_HEADER, ImportedSet, Skipped
from tracker.importers.values import (
    Cells,
    Context,
    LocalTimes,
    Memo,
    UnitSource,
    UnsettledOrder,
    header_key,
)

_DELIMITERS = (",", ";", "\t")


_PARSERS: dict[str, Callable[[list[str], Context], AppParser]] = {
    "strong": StrongParser,
    "hevy": HevyParser,
    "fitnotes": FitNotesParser,
}


def _show(header: list[str]) -> str:
    text = ",".join(header)
    return text if len(text) <= 80 else text[:77] + "..."


def detect_format(header: list[str]) -> str:
    """``"strong"``, ``"hevy"`` or ``"fitnotes"`` from a header row, else ImportFailed."""
    keys = {header_key(name) for name in header}
    for app in (HevyParser, StrongParser, FitNotesParser):  # in this order
        if app.matches(keys):
            return app.name
    raise ImportFailed(
        f'unrecognised header "{_show(header)}"; use --from strong|hevy|fitnotes|tracker'
    )


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of , ; and tab outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def csv_problem(error: csv.Error) -> str:
    """What a csv.Error means for the person importing (tracker's own CSV says the same)."""
    text = str(error)
    if "unexpected end of data" in text:
        return "the file ends inside a quoted value (is it cut off?)"
    return f"can't read the row: {text}"


def _decode_problem(error: UnicodeDecodeError) -> str:
    # Text streams decode whole chunks, so the line of the bad byte is not known here.
    return f"the file is not {error.encoding} text (export it again as UTF-8)"


class ImportReader:
    """Iterate once to get the sets; afterwards ``skipped`` and the unit fields are final.

    ``format``, ``delimiter`` and ``header`` are known as soon as the reader is made.
    ``skipped`` keeps the first :attr:`KEEP_PER_REASON` rows of each reason;
    ``skipped_counts`` counts them all.
    """

    KEEP_PER_REASON = 100
    # Rows read ahead, at most, for a date that says whether the file writes day or month
    # first (a real log has a day over 12 within weeks; this is about a year of sets).
    MAX_WAITING = 20_000

    def __init__(self, stream: TextIO, fmt: str | None, default_unit: Unit, tz: tzinfo) -> None:
        try:
            first = stream.readline()
        except UnicodeDecodeError as error:
            raise ImportFailed(_decode_problem(error)) from None
        if not first:
            raise ImportFailed("line 1: the file is empty (no header row)")
        if not first.strip():
            raise ImportFailed(
                "line 1 is blank: an export starts with its header row (remove the blank lines "
                "before it)"
            )
        first = first.removeprefix("\ufeff")
        self.delimiter = sniff_delimiter(first)
        try:
            self.header = next(csv.reader([first], delimiter=self.delimiter))
        except csv.Error as error:  # e.g. a header over the field size limit: not an export
            raise ImportFailed(f"line 1: {csv_problem(error)}") from None
        if fmt is None:
            self.format = detect_format(self.header)
        elif fmt.lower() in _PARSERS:
            self.format = fmt.lower()
        else:
            raise ImportFailed(f'unknown format "{fmt}"; use strong, hevy or fitnotes')
        self._times = LocalTimes(tz)
        context = Context(
            default_unit=default_unit,
            times=self._times,
            decimal_comma=self.delimiter != ",",
        )
        self._parser = _PARSERS[self.format](self.header, context)
        self._stream = stream
        self._header_keys = [header_key(name) for name in self.header]
        self._used = False
        self.skipped: list[Skipped] = []
        self.skipped_counts: dict[str, int] = {}
        self.sets_read = 0

    @property
    def unit_used(self) -> Unit:
        """The file's load unit (from the header or the first unit cell), else the default."""
        return self._parser.units.unit_used

    @property
    def unit_source(self) -> UnitSource:
        """``"file"`` when the file names its unit, ``"default"`` when the default was used."""
        return self._parser.units.unit_source

    @property
    def units_seen(self) -> frozenset[Unit]:
        """Every unit given to a load so far; two means the file mixes kg and lb rows."""
        return frozenset(self._parser.units.seen)

    def _skip(self, line: int, reason: str) -> None:
        count = self.skipped_counts.get(reason, 0)
        self.skipped_counts[reason] = count + 1
        if count < self.KEEP_PER_REASON:
            self.skipped.append(Skipped(line, reason))

    def __iter__(self) -> Iterator[ImportedSet]:
        if self._used:
            raise RuntimeError("an ImportReader reads its stream once")
        self._used = True
        return self._sets()

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each CSV row with the line it starts on."""
        rows = csv.reader(self._stream, delimiter=self.delimiter, strict=True)
        done = 0  # lines consumed after the header
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                raise ImportFailed(f"line {done + 2}: {csv_problem(error)}") from None
            except UnicodeDecodeError as error:
                raise ImportFailed(_decode_problem(error)) from None
            yield done + 2, values
            done = rows.line_num

    def _sets(self) -> Iterator[ImportedSet]:
        width = len(self.header)
        parser = self._parser
        decimal_comma = self.delimiter != ","
        memo: Memo = {}
        rows = self._rows()
        # Rows read ahead to settle the order of the file's dates, not parsed yet.
        waiting: deque[tuple[int, list[str]]] = deque()
        unsettled = ""  # why the order stays unknown, once rows were read ahead
        while True:
            if waiting:
                line, values = waiting.popleft()
            else:
                found = next(rows, None)
                if found is None:
                    return
                line, values = found
            if not "".join(values).strip():  # every cell blank
                self._skip(line, BLANK_LINE)
                continue
            if len(values) != width:
                self._check_width(values, line)
            if (
                header_key(values[0]) == self._header_keys[0]
                and [header_key(value) for value in values] == self._header_keys
            ):
                self._skip(line, REPEATED_HEADER)
                continue
            cells = Cells(line, values, self.header, decimal_comma, memo=memo)
            try:
                result = parser.parse(cells)
            except UnsettledOrder as error:
                if unsettled:
                    raise ImportFailed(
                        f"{error}, and {unsettled}: import the app's own export, or write the "
                        "dates as YYYY-MM-DD"
                    ) from None
                waiting.appendleft((line, values))
                unsettled = self._read_ahead(rows, waiting, error.column)
                continue
            if isinstance(result, str):
                self._skip(line, result)
                continue
            self.sets_read += 1
            yield result

    def _read_ahead(
        self, rows: Iterator[tuple[int, list[str]]], waiting: deque[tuple[int, list[str]]],
        column: int,
    ) -> str:
        """Read rows into ``waiting`` until a date in ``column`` settles the file's order of
        day and month; "" when one did, else why none did. At most MAX_WAITING rows wait
        (memory stays bounded)."""
        order = self._times.order
        while len(waiting) < self.MAX_WAITING:
            found = next(rows, None)
            if found is None:
                return "no other date in the file says which (none has a day over 12)"
            waiting.append(found)
            values = found[1]
            if column < len(values) and order.settle(values[column]):
                return ""
        return f"none of the next {self.MAX_WAITING:,} rows has a day over 12 to say which"

    def _check_width(self, values: list[str], line: int) -> None:
        width = len(self.header)
        if len(values) < width:
            raise ImportFailed(
                f'line {line}, column "{self.header[len(values)]}": missing value '
                f"(the row has {len(values)} of {width} columns)"
            )
        raise ImportFailed(
            f"line {line}, column {width + 1}: the row has {len(values)} of {width} columns "
            f'(is a "{self.delimiter}" inside a value not quoted?)'
        )


def read_export(stream: TextIO, fmt: str | None, default_unit: Unit, tz: tzinfo) -> ImportReader:
    """Read a Strong, Hevy or FitNotes CSV export from ``stream``, one set at a time.

    ``fmt`` None detects the format from the header (comma, semicolon or tab; a BOM is
    ignored). ``default_unit`` applies to loads when the file does not say its unit; times
    in the file are wall-clock times in ``tz`` and come out in UTC. Raises ImportFailed,
    naming the line and the column, for a header it cannot use and (while iterating) for a
    row it cannot read.
    """
    return ImportReader(stream, fmt, default_unit, tz)
