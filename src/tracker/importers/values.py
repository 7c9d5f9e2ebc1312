"""Reading cell values: numbers, durations, local times, units; errors name line and column.

The ``parse_*`` functions are pure and raise ``ValueError`` with a short message such as
``can't read number "6O.5"``; :class:`Cells` adds the line and the column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal, TypeVar

from dateutil import parser as dateparser

from tracker.domain import specs, when
from tracker.domain.errors import ImportFailed, InvalidValue
from tracker.domain.units import Unit, plain

UnitSource = Literal["file", "default"]
T = TypeVar("T")

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")
_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)")
_SPAN_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)(?![a-z])\s*",
    re.I,
)
_SPAN_SECONDS = {"h": 3600, "m": 60, "s": 1}
_ODD_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2009": " "})
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",  # Strong
    "%d %b %Y, %H:%M",  # Hevy, 2024-2025
    "%b %d, %Y, %I:%M %p",  # Hevy, 2026
    "%Y-%m-%d",  # FitNotes
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%dT%H:%M:%S",
)
_NO_DATE = datetime(1, 1, 1)  # dateutil fills missing parts from here; year 1 means "no date"
# One set of limits for every way a set comes in: an import never stores what `tracker log`
# refuses (the limits of domain.specs and domain.when, used here as they are). Reps may be 0
# in a file (timed holds, failed attempts). Loads and distances are stored to 3 decimals.
_STORED_QUANTUM = Decimal(1).scaleb(-specs.MAX_LOAD_PLACES)
_EARLIEST = when.EARLIEST.replace(tzinfo=UTC)
# Not typed at `log`; far beyond any real set and within NUMERIC(12, 4) and INTEGER columns.
MAX_NUMBER = Decimal(1_000_000)  # distances
MAX_COUNT = 100_000  # set positions
MAX_SECONDS = 10_000_000  # durations (about 115 days)
_DISTANCE_UNITS = {
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "mi": "mi", "mile": "mi", "miles": "mi", "ft": "ft", "feet": "ft", "foot": "ft",
    "yd": "yd", "yard": "yd", "yards": "yd",
}


def parse_decimal(text: str, decimal_comma: bool = False) -> Decimal:
    """``"61.25"`` -> Decimal; with ``decimal_comma`` also ``"61,25"``. No exponents, no NaN."""
    value = text.strip()
    if decimal_comma and _DECIMAL_COMMA.fullmatch(value):
        value = value.replace(",", ".")
    if not _NUMBER.fullmatch(value):
        raise ValueError(f'can\'t read number "{text}"')
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes this
        raise ValueError(f'can\'t read number "{text}"') from None


def stored_decimal(value: Decimal) -> tuple[Decimal, bool]:
    """``value`` as the database keeps it (3 decimals), and whether that rounded it.

    Apps export converted loads such as 61.23496: they are kept to 3 decimals, like `log`."""
    rounded = value.quantize(_STORED_QUANTUM, rounding=ROUND_HALF_UP)
    return (value, False) if rounded == value else (rounded, True)


def check_load(value: Decimal, bodyweight: bool = False) -> tuple[Decimal, bool]:
    """A load within `log`'s limits (0 to 2000; a bodyweight set's added load may be negative,
    the assistance of `8xBW-20`), to 3 decimals; ValueError names the problem."""
    most = specs.MAX_LOAD  # in the set's own unit
    low = -most if bodyweight else Decimal(0)
    if not low <= value <= most:
        limits = f"{low}-{most}" if bodyweight else f"0-{most}"
        raise ValueError(f'load "{value}" is outside {limits} (the limits of tracker log)')
    return stored_decimal(value)


def check_reps(value: int) -> int:
    if not 0 <= value <= specs.MAX_REPS:
        raise ValueError(
            f'reps "{value}" is outside 0-{specs.MAX_REPS} (the limits of tracker log)'
        )
    return value


def check_rpe(value: Decimal) -> Decimal:
    """RPE as `log` takes it: 1 to 10 in half points."""
    if not 1 <= value <= 10 or (value * 2) % 1 != 0:
        raise ValueError(f'RPE "{value}" is not 1 to 10 in half points')
    return value


def check_moment(value: datetime, now: datetime | None = None) -> datetime:
    """A time `log` would take: from 1900 up to now (and a minute of clock skew)."""
    latest = (now or datetime.now(UTC)) + when.FUTURE_TOLERANCE
    if value < _EARLIEST:
        raise ValueError(f"time {value:%Y-%m-%d %H:%M} is before {_EARLIEST.year}")
    if value > latest:
        raise ValueError(f"time {value:%Y-%m-%d %H:%M} UTC is in the future")
    return value


def parse_count(text: str, decimal_comma: bool = False) -> int:
    """A whole, non-negative number; exports write reps as ``"10"`` or ``"10.0"``."""
    value = parse_decimal(text, decimal_comma)
    if value != value.to_integral_value():
        raise ValueError(f'can\'t read whole number "{text}"')
    if value < 0:
        raise ValueError(f'negative number "{text}"')
    return int(value)


def _whole_seconds(value: Decimal) -> Decimal:
    """Seconds to the millisecond, as tracker stores times (a hop test's 2.31 s stays 2.31)."""
    return plain(value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def parse_duration(text: str, decimal_comma: bool = False) -> Decimal:
    """Seconds (to the millisecond) from ``"90"``, ``"2.31"``, ``"1:30"``, ``"0:01:30"``,
    ``"1h 5m"``, ``"45s"``.

    A plain number is seconds; else a clock time (with fractions or more than 59 seconds, as
    exports write them: ``"1:30.5"``) or a span of hours, minutes and seconds (``"1 hr 5 min"``,
    ``"2min"``). These read every time `log` reads (``specs.typed_seconds``) as it does."""
    value = text.strip()
    if _NUMBER.fullmatch(value) or (decimal_comma and _DECIMAL_COMMA.fullmatch(value)):
        seconds = parse_decimal(value, decimal_comma)
        if seconds < 0:
            raise ValueError(f'negative duration "{text}"')
        return _whole_seconds(seconds)
    clock = _CLOCK.fullmatch(value)
    if clock:
        hours, minutes, seconds_text = clock.groups()
        total = Decimal(hours or 0) * 3600 + Decimal(minutes) * 60 + Decimal(seconds_text)
        return _whole_seconds(total)
    total = Decimal(0)
    position = 0
    for part in _SPAN_PART.finditer(value):
        if part.start() != position:
            break
        total += Decimal(part.group(1)) * _SPAN_SECONDS[part.group(2)[0].lower()]
        position = part.end()
    if position == 0 or position != len(value):
        raise ValueError(f'can\'t read duration "{text}"')
    return _whole_seconds(total)


def parse_distance_unit(text: str) -> str:
    """``"miles"`` -> ``"mi"``, ``"Kms"`` -> ``"km"``; an unknown word is kept, lower-cased."""
    key = text.strip().lower().rstrip(".")
    return _DISTANCE_UNITS.get(key, key)


class UnsettledDate(ValueError):
    """A slash date that reads both ways (5/11/2024) before the file has shown which way round
    it writes its dates."""

    def __init__(self, written: str) -> None:
        super().__init__(f'"{written}" could be day/month or month/day')
        self.written = written


class DateOrder:
    """Which way round one file writes its numeric dates, settled once for the whole file by
    the first date that reads only one way (a day over 12: 28/10/2024; dots are day first, as
    `--at` reads them), then used for every date of the file: one reading per file."""

    __slots__ = ("day_first", "evidence")

    def __init__(self) -> None:
        self.day_first: bool | None = None  # None: not settled yet
        self.evidence = ""  # the date that settled it, as written

    def settle(self, text: str) -> bool:
        """Learn the order from ``text`` if it tells; whether the order is known."""
        if self.day_first is None:
            found = when.date_order(text)
            if found is not None and found[1] in (when.DAY_FIRST, when.MONTH_FIRST):
                self.day_first, self.evidence = found[1] == when.DAY_FIRST, found[0]
        return self.day_first is not None

    def day_first_for(self, text: str) -> bool:
        """How to read ``text`` (dateutil's ``dayfirst``). UnsettledDate: it reads both ways and
        no date before it settled the order; ValueError: it reads only the other way round."""
        found = when.date_order(text)
        if found is None:
            return False
        written, order = found
        if order == when.SAME:
            return bool(self.day_first)
        if order == when.EITHER:
            if self.day_first is None:
                raise UnsettledDate(written)
            return self.day_first
        day_first = order == when.DAY_FIRST
        if self.day_first is None:
            self.day_first, self.evidence = day_first, written
        elif self.day_first != day_first:
            settled = when.DAY_FIRST if self.day_first else when.MONTH_FIRST
            raise ValueError(
                f'"{written}" is {order}, but this file writes its dates {settled} '
                f'("{self.evidence}"): write them one way, best as YYYY-MM-DD'
            )
        return day_first


def _naive_local(text: str, formats: list[str], order: DateOrder) -> datetime:
    """Parse ``text``, trying ``formats`` first (and moving the one that fits to the front);
    else dateutil, numeric dates read in the file's ``order``."""
    value = " ".join(text.translate(_ODD_SPACES).split())
    for index, fmt in enumerate(formats):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if index:
            formats.insert(0, formats.pop(index))
        return parsed
    day_first = order.day_first_for(value)
    try:
        parsed = dateparser.parse(value, default=_NO_DATE, dayfirst=day_first)
    except (ValueError, OverflowError):
        raise ValueError(f'can\'t read date "{text}"') from None
    if parsed.year < 1900:
        raise ValueError(f'can\'t read date "{text}"')
    return parsed


class LocalTimes:
    """Turns the files' wall-clock times (in ``tz``) into aware UTC datetimes.

    Export rows repeat the workout's times on every set, so a small memo makes this cheap.
    """

    _MEMO_SIZE = 64

    def __init__(self, tz: tzinfo, now: datetime | None = None) -> None:
        self.tz = tz
        self.now = now or datetime.now(UTC)  # later times are refused, as `log` does
        self._memo: dict[str, datetime] = {}
        self._formats = list(_DATE_FORMATS)
        self.order = DateOrder()  # numeric dates: day or month first, one way per file

    def moment(self, text: str) -> datetime:
        """A date and time as UTC; a time with its own offset keeps it."""
        found = self._memo.get(text)
        if found is not None:
            return found
        local = _naive_local(text, self._formats, self.order)
        aware = local if local.tzinfo is not None else local.replace(tzinfo=self.tz)
        result = aware.astimezone(UTC)
        if len(self._memo) >= self._MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = result
        return result

    def day(self, text: str) -> date:
        """The calendar date as written (no time-zone shift)."""
        return _naive_local(text, self._formats, self.order).date()

    def start_of_day(self, day: date) -> datetime:
        """Local midnight of ``day`` as UTC."""
        local = datetime(day.year, day.month, day.day, tzinfo=self.tz)
        return local.astimezone(UTC)


class UnitTracker:
    """Resolves each load's unit (row cell, then header, then default); remembers the source."""

    def __init__(self, header_unit: Unit | None, default: Unit) -> None:
        self.header_unit = header_unit
        self.default = default
        self.file_unit: Unit | None = header_unit
        self.seen: set[Unit] = set()

    def resolve(self, row_unit: Unit | None) -> Unit:
        if row_unit is not None:
            unit = row_unit
            if self.file_unit is None:
                self.file_unit = row_unit
        elif self.header_unit is not None:
            unit = self.header_unit
        else:
            unit = self.default
        self.seen.add(unit)
        return unit

    @property
    def unit_used(self) -> Unit:
        return self.file_unit if self.file_unit is not None else self.default

    @property
    def unit_source(self) -> UnitSource:
        return "file" if self.file_unit is not None else "default"


class Positions:
    """0-based order of sets within each session (one small counter per session)."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def take(self, session_key: str) -> int:
        position = self._next.get(session_key, 0)
        self._next[session_key] = position + 1
        return position


@dataclass(frozen=True, slots=True)
class Context:
    """What a format parser needs besides the header."""

    default_unit: Unit
    times: LocalTimes
    decimal_comma: bool


@lru_cache(maxsize=1024)  # each row's first cell is compared with the header's
def header_key(name: str) -> str:
    """Compare headers by this: ``" Weight  (KG) "`` -> ``"weight (kg)"``."""
    return " ".join(name.replace("\ufeff", "").split()).lower()


class Columns:
    """Finds a format's columns in a header by their accepted spellings."""

    def __init__(self, header: Sequence[str], format_label: str) -> None:
        self.header = list(header)
        self.format_label = format_label
        self._index: dict[str, int] = {}
        for index, name in enumerate(header):
            self._index.setdefault(header_key(name), index)

    def find(self, *names: str) -> int | None:
        for name in names:
            index = self._index.get(name)
            if index is not None:
                return index
        return None

    def need(self, label: str, *names: str) -> int:
        """The column called ``label`` (or one of ``names``), else ImportFailed."""
        index = self.find(header_key(label), *names)
        if index is None:
            raise ImportFailed(
                f'line 1: not a {self.format_label} export: no column "{label}" '
                f"(the header is {','.join(self.header)!r})"
            )
        return index

    def matching(self, pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
        found = []
        for index, name in enumerate(self.header):
            match = pattern.fullmatch(header_key(name))
            if match:
                found.append((index, match))
        return found

    def weights(self, pattern: re.Pattern[str]) -> list[tuple[int, Unit | None]]:
        """The weight columns and the unit each header names (None: none), from `pattern`'s
        "unit" group. A unit tracker cannot read ("Weight (stones)") fails, naming the column:
        its loads are never read as another unit's, or as no load at all."""
        found: list[tuple[int, Unit | None]] = []
        for index, match in self.matching(pattern):
            text = match.group("unit")
            try:
                found.append((index, Unit.parse(text) if text else None))
            except InvalidValue:
                raise ImportFailed(
                    f'line 1, column "{self.header[index]}": unknown weight unit "{text}" '
                    "(tracker reads kg or lb: convert the file, or rename the column)"
                ) from None
        return found


# A file's cell values already read, by what read them and the cell as written: exports
# repeat the same loads, reps, dates and durations on thousands of rows. Only values read
# without an error are kept (a bad cell fails on its own line), and whether reading rounded
# them; at most MEMO_SIZE, then it starts again (memory stays flat).
Memo = dict[tuple[str, str], tuple[object, bool]]
MEMO_SIZE = 4096


class UnsettledOrder(ImportFailed):
    """A cell's date reads both ways and no row before it settled the file's order: the
    reader looks further on in the file for one that does (its ``column``)."""

    def __init__(self, error: ImportFailed, column: int) -> None:
        super().__init__(str(error))
        self.column = column


class Cells:
    """One CSV row with typed accessors; every error names the line and the column.

    With a :class:`Memo` (one per file) a cell whose text was read before by the same
    accessor is not parsed again."""

    __slots__ = ("line", "values", "header", "decimal_comma", "rounded", "_place", "memo")

    def __init__(
        self,
        line: int,
        values: Sequence[str],
        header: Sequence[str],
        decimal_comma: bool,
        place: str | None = None,
        memo: Memo | None = None,
    ) -> None:
        self.line = line
        self.values = values
        self.header = header
        self.decimal_comma = decimal_comma
        self.rounded = False  # a load or distance had more than 3 decimals
        self._place = place  # how errors name the row ("set 17" in JSON), else by its line
        self.memo = memo

    @property
    def place(self) -> str:
        return self._place or f"line {self.line}"

    def fail(self, column: int, message: str) -> ImportFailed:
        return ImportFailed(f'{self.place}, column "{self.header[column]}": {message}')

    def verbatim(self, column: int) -> str | None:
        """Free text exactly as written (names and notes survive a round trip unstripped)."""
        return self._no_nul(column, self.values[column])

    def text(self, column: int | None) -> str | None:
        return None if column is None else self._no_nul(column, self.values[column].strip())

    def _no_nul(self, column: int, value: str) -> str | None:
        if "\x00" in value:
            raise self.fail(column, "contains a NUL character (is the file binary or damaged?)")
        return value or None

    def need(self, column: int, value: T | None) -> T:
        """``value``, read from ``column``; a blank cell (None) is refused."""
        if value is None:
            raise self.fail(column, "missing value")
        return value

    def need_text(self, column: int) -> str:
        return self.need(column, self.text(column))

    def _read(self, column: int | None, parse: Callable[[str], T]) -> T | None:
        """The cell read by ``parse``, None when it is blank; a ValueError names the cell."""
        value = self.text(column)
        if value is None or column is None:
            return None
        try:
            return parse(value)
        except UnsettledDate as error:
            raise UnsettledOrder(self.fail(column, str(error)), column) from None
        except ValueError as error:
            raise self.fail(column, str(error)) from None

    def read(self, column: int | None, kind: str, parse: Callable[[str], T]) -> T | None:
        """``_read`` through the file's memo: ``kind`` names ``parse`` (the same kind, the same
        parse), and whether the value was rounded is remembered with it."""
        memo = self.memo
        if column is None:
            return None
        if memo is None:
            return self._read(column, parse)
        key = (kind, self.values[column])
        found = memo.get(key)
        if found is not None:
            if found[1]:
                self.rounded = True
            return found[0]  # type: ignore[return-value]
        before, self.rounded = self.rounded, False
        result = self._read(column, parse)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = (result, self.rounded)
        self.rounded |= before
        return result

    def _number(self, text: str) -> Decimal:
        """A number under MAX_NUMBER, to 3 decimals (``rounded`` notes that it was rounded)."""
        number = parse_decimal(text, self.decimal_comma)
        if abs(number) >= MAX_NUMBER:
            raise ValueError(f'number "{text}" is too large (under {MAX_NUMBER} expected)')
        number, rounded = stored_decimal(number)
        self.rounded |= rounded
        return number

    def number(self, column: int | None) -> Decimal | None:
        return self.read(column, "number", self._number)

    def load(self, column: int | None) -> Decimal | None:
        """A weight within `log`'s limits; blank or 0 (no load recorded) is None."""
        return self.read(column, "load", self._load)

    def _load(self, text: str) -> Decimal | None:
        # The number is already to 3 decimals: check_load gives it back as it is.
        return nonzero(check_load(self._number(text))[0])

    def reps(self, column: int | None) -> int | None:
        return self.read(column, "reps", self._reps)

    def _reps(self, text: str) -> int:
        return check_reps(parse_count(text, self.decimal_comma))

    def duration(self, column: int | None) -> Decimal | None:
        return self.read(column, "duration", self._seconds)

    def _seconds(self, text: str) -> Decimal:
        found = parse_duration(text, self.decimal_comma)
        if found > MAX_SECONDS:
            raise ValueError(f'duration "{text}" is too long (at most {MAX_SECONDS} s)')
        return found

    def unit(self, column: int | None) -> Unit | None:
        return self.read(column, "unit", _unit)

    def moment(self, column: int | None, times: LocalTimes) -> datetime | None:
        # One LocalTimes per file, as one memo: the kind needs no more to name it.
        return self.read(column, "moment", lambda text: check_moment(times.moment(text), times.now))

    def need_moment(self, column: int, times: LocalTimes) -> datetime:
        return self.need(column, self.moment(column, times))

    def need_day(self, column: int, times: LocalTimes) -> date:
        def day(text: str) -> date:
            found = times.day(text)
            check_moment(times.start_of_day(found), times.now)
            return found

        return self.need(column, self._read(column, day))

    def count(self, column: int, maximum: int) -> int | None:
        """A whole number from 0 to ``maximum`` (set positions)."""

        def count(text: str) -> int:
            number = parse_count(text, self.decimal_comma)
            if number > maximum:
                raise ValueError(f'number "{text}" is too large (at most {maximum})')
            return number

        return self._read(column, count)

    def instant(self, column: int) -> datetime | None:
        """An ISO 8601 time with its zone (tracker's own export), as UTC."""

        def instant(text: str) -> datetime:
            try:
                parsed = datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(f'can\'t read time "{text}"') from None
            if parsed.tzinfo is None:
                raise ValueError(f'time without a zone "{text}"')
            try:
                return check_moment(parsed.astimezone(UTC))
            except OverflowError as error:
                raise ValueError(str(error)) from None

        return self._read(column, instant)

    def choice(self, column: int, make: Callable[[str], T], what: str) -> T | None:
        """A value of a fixed vocabulary (``make`` raises ValueError on others)."""

        def choice(text: str) -> T:
            try:
                return make(text)
            except ValueError:
                raise ValueError(f'unknown {what} "{text}"') from None

        return self._read(column, choice)

    def rpe(self, column: int | None) -> Decimal | None:
        """RPE 1-10; 0 or blank means none was logged."""

        def rpe(text: str) -> Decimal | None:
            value = nonzero(self._number(text))
            return None if value is None else check_rpe(value)

        return self.read(column, "rpe", rpe)


def _unit(text: str) -> Unit:
    try:
        return Unit.parse(text)
    except InvalidValue:
        raise ValueError(f'can\'t read weight unit "{text}" (use kg or lb)') from None


def nonzero(value: Decimal | None) -> Decimal | None:
    """Apps write 0 for "not recorded" in weight, distance and time columns."""
    return None if value is None or value == 0 else value

