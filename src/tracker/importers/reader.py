"""Streaming reader for app exports: detect the format, then yield one set per row.

Nothing is held per row: the CSV module reads the stream line by line and each set is yielded
as soon as its row is read. What is kept grows only with the number of workouts (a position
counter each) and, for skipped rows, with a few line numbers per reason.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import tzinfo
from typing import TextIO

from tracker.domain.errors import ImportFailed
from tracker.domain.units import Unit
from tracker.importers.apps import AppParser, FitNotesParser, HevyParser, StrongParser
from tracker.importers.records import BLANK_LINE, REPEATED_HEADER, ImportedSet, Skipped
from tracker.importers.values import Cells, Context, LocalTimes, Memo, UnitSource, header_key

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
    return f"the file is not {error.encoding} text (export it again as UTF-8, or name its encoding)"


class ImportReader:
    """Iterate once to get the sets; afterwards ``skipped`` and the unit fields are final.

    ``format``, ``delimiter`` and ``header`` are known as soon as the reader is made.
    ``skipped`` keeps the first :attr:`KEEP_PER_REASON` rows of each reason;
    ``skipped_counts`` counts them all.
    """

    KEEP_PER_REASON = 100

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
        context = Context(
            default_unit=default_unit,
            times=LocalTimes(tz),
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

    def _sets(self) -> Iterator[ImportedSet]:
        rows = csv.reader(self._stream, delimiter=self.delimiter, strict=True)
        width = len(self.header)
        parser = self._parser
        decimal_comma = self.delimiter != ","
        memo: Memo = {}
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
            line = done + 2
            done = rows.line_num
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
            result = parser.parse(cells)
            if isinstance(result, str):
                self._skip(line, result)
                continue
            self.sets_read += 1
            yield result

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
