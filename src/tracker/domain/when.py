"""Dates and times as lifters type them: "yesterday 18:00", "Nov 20 6:30pm", "2 days ago".

Everything is relative to a ``now`` passed in by the caller (timezone-aware, local time), so the
parsers are deterministic; nothing here reads the clock.  Results are aware datetimes in
``now``'s tzinfo.

Accepted forms:

* ``now``; ``today``, ``yesterday`` or a weekday ("monday", "fri": the most recent one, today
  included), optionally followed by a time ("yesterday 18:00", "today 7am", "mon 18:30").
  ``tomorrow`` is read too, only to be refused as lying in the future.
* Relative, meaning that long before now: "2 days ago", "3 hours ago", "90d", "4w", "3 months",
  "3mo", "1y", "-2h", "an hour ago".  Units: s, min, h, d, w, mo, y and their spelled-out forms;
  a bare "m" is refused as ambiguous (minutes or months?).  A bare "10h" is therefore ten hours
  ago, not 10:00.  Seconds, minutes and hours are elapsed time (exact across a DST change); days
  and longer are calendar steps that keep the wall-clock time ("1mo" before 31 May is 30 April).
* Anything python-dateutil reads ("2026-11-20 18:30", "Nov 20 6:30pm", "20 Nov 2026").  Missing
  date parts come from ``now``.  A time without minutes means on the hour ("6pm" is 18:00:00).
  A date without a time takes now's time of day in ``parse_when`` and midnight in
  ``parse_since``.  An explicit UTC offset or "UTC"/"Z" is honoured and converted to now's zone;
  other zone names ("EST") are refused because their meaning is ambiguous.

Anything more than a minute after ``now`` is refused: the log records what has happened.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from dateutil import parser as date_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from tracker.domain.errors import InvalidDate
from tracker.domain.specs import shown

FUTURE_TOLERANCE = timedelta(minutes=1)  # clock skew between devices, typing a minute ahead
EARLIEST = datetime(1900, 1, 1)  # nobody logged sets before; also keeps far dates off the edges

_RELATIVE = re.compile(
    r"-?\s*(?:(?P<amount>[0-9]+(?:[.,][0-9]+)?)\s*|(?P<article>an?)\s+)(?P<unit>[a-z]+)(?:\s+ago)?"
)
_NAMED_DAY = re.compile(r"(?P<word>[a-z]+)\b\s*(?P<rest>.*)", re.IGNORECASE)
_WEEKDAYS = {"mon": MO, "monday": MO, "tue": TU, "tues": TU, "tuesday": TU, "wed": WE,
             "wednesday": WE, "thu": TH, "thur": TH, "thurs": TH, "thursday": TH, "fri": FR,
             "friday": FR, "sat": SA, "saturday": SA, "sun": SU, "sunday": SU}
_NAMED_OFFSET = re.compile(r"\b(?:utc|gmt)\s*[+-]\s*[0-9:]+", re.IGNORECASE)
_UTC_NAMES = frozenset({"UTC", "GMT", "Z", "UT"})
_MAX_AMOUNT_DIGITS = 7  # beyond this every unit leaves the datetime range anyway

_ELAPSED = {"s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds",
            "seconds": "seconds", "min": "minutes", "mins": "minutes", "minute": "minutes",
            "minutes": "minutes", "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours",
            "hours": "hours"}
_DAYS_PER = {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7}
_MONTHS_PER = {"mo": 1, "mos": 1, "month": 1, "months": 1,
               "y": 12, "yr": 12, "yrs": 12, "year": 12, "years": 12}


def parse_when(text: str, now: datetime) -> datetime:
    """When something happened; a bare date takes now's time of day."""
    return _parse(text, now, start_of_day=False)


def parse_since(text: str, now: datetime) -> datetime:
    """The start of a period; like parse_when, but a bare date means that day's midnight."""
    return _parse(text, now, start_of_day=True)


def _parse(text: str, now: datetime, *, start_of_day: bool) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")  # a programming error, not a user one
    flat = " ".join(text.split())
    result = _interpret(flat, now, start_of_day)
    # Checked on the wall time first: converting year-1 values to UTC can overflow.
    if result.replace(tzinfo=None) < EARLIEST:
        raise _too_far(flat)
    if result.astimezone(UTC) > now.astimezone(UTC) + FUTURE_TOLERANCE:
        raise InvalidDate(
            f'"{shown(flat)}" is in the future ({result:%Y-%m-%d %H:%M}): give a time up to now'
        )
    return result


def _interpret(flat: str, now: datetime, start_of_day: bool) -> datetime:
    """Try the forms in order: now, relative, a named day, then dateutil."""
    if flat.lower() == "now":
        return now
    relative = _RELATIVE.fullmatch(flat.lower())
    if relative is not None and _is_unit(relative["unit"], flat):
        return _ago(now, relative["amount"], relative["unit"], flat)
    named = _named(flat, now, start_of_day)
    return named if named is not None else _absolute(flat, now, start_of_day)


def _named(flat: str, now: datetime, start_of_day: bool) -> datetime | None:
    """A named day, alone or with a time; None leaves the text to dateutil."""
    match = _NAMED_DAY.fullmatch(flat)
    word = match["word"].lower() if match is not None else ""
    day = _named_day(word, now)
    if match is None or day is None:
        return None
    result = _on_day(day, match["rest"], now, flat, start_of_day)
    if result is None and word in ("today", "yesterday", "tomorrow"):
        raise _unreadable(flat)
    return result  # None: a weekday before a date ("Mon, 20 Nov 2026 18:30") is dateutil's


def _is_unit(unit: str, flat: str) -> bool:
    """Whether a relative form's unit is ours; "3 nov" is left to dateutil as a date."""
    if unit == "m":
        raise InvalidDate(f'"{shown(flat)}" is ambiguous: write min for minutes or mo for months')
    return unit in _ELAPSED or unit in _DAYS_PER or unit in _MONTHS_PER


def _ago(now: datetime, amount_text: str | None, unit: str, flat: str) -> datetime:
    """``now`` minus an amount (None: "a day ago", "an hour ago") of a unit."""
    if amount_text is not None and not amount_text.isdigit():
        raise InvalidDate(f'can\'t read date "{shown(flat)}": use a whole number, e.g. 90min')
    if amount_text is not None and len(amount_text) > _MAX_AMOUNT_DIGITS:
        raise _too_far(flat)
    amount = 1 if amount_text is None else int(amount_text)
    try:
        if unit in _ELAPSED:
            # Through UTC, so that "3 hours ago" is three real hours even across a DST change.
            elapsed = timedelta(**{_ELAPSED[unit]: amount})
            return (now.astimezone(UTC) - elapsed).astimezone(now.tzinfo)
        if unit in _DAYS_PER:
            return now - relativedelta(days=amount * _DAYS_PER[unit])
        return now - relativedelta(months=amount * _MONTHS_PER[unit])
    except (OverflowError, ValueError):
        raise _too_far(flat) from None


def _too_far(flat: str) -> InvalidDate:
    return InvalidDate(f'"{shown(flat)}" is too far back: give a date from {EARLIEST.year} on')


def _named_day(word: str, now: datetime) -> datetime | None:
    """today, yesterday, tomorrow or a weekday (the latest, today included), at now's time."""
    if word == "today":
        return now
    if word == "yesterday":
        return now - relativedelta(days=1)
    if word == "tomorrow":  # read only to say clearly that it lies in the future
        return now + relativedelta(days=1)
    weekday = _WEEKDAYS.get(word)
    return None if weekday is None else now + relativedelta(weekday=weekday(-1))


def _on_day(
    day: datetime, rest: str, now: datetime, flat: str, start_of_day: bool
) -> datetime | None:
    """A named day, alone or followed by a time of day; None if ``rest`` is not just a time."""
    if not rest:
        return day.replace(hour=0, minute=0, second=0, microsecond=0) if start_of_day else day
    midnight = day.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
    try:
        first, has_time = _dateutil(rest, midnight, flat)
    except InvalidDate:
        return None
    # "yesterday Nov 3" or "today 18" (dateutil: the 18th) name a date, not a time of day.
    if not has_time or first.date() != midnight.date():
        return None
    return _localize(first, now, flat)


def _absolute(flat: str, now: datetime, start_of_day: bool) -> datetime:
    """A date and/or time read by dateutil, missing parts taken from ``now``."""
    midnight = now.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
    first, has_time = _dateutil(flat, midnight, flat)
    if not has_time and not start_of_day:
        first = first.replace(
            hour=now.hour, minute=now.minute, second=now.second, microsecond=now.microsecond
        )
    return _localize(first, now, flat)


def _dateutil(text: str, default: datetime, flat: str) -> tuple[datetime, bool]:
    """Parse with dateutil; also tell whether the text gave a time of day.

    dateutil does not report which fields it found, so the text is read twice with defaults
    one hour apart: if the hours agree, the text named the hour.
    """

    def zone(name: str | None, offset: int | None) -> tzinfo | None:
        # Explicit offsets and UTC are unambiguous; names like "EST" or "CST" are not.
        if offset is not None:
            return timezone(timedelta(seconds=offset))
        if name is None:
            return None
        if name.upper() in _UTC_NAMES:
            return UTC
        raise InvalidDate(
            f'unknown time zone "{shown(name)}" in "{shown(flat)}": '
            "leave it out for local time or write an offset such as +01:00"
        )

    named_offset = _NAMED_OFFSET.search(text)
    if named_offset is not None:
        # dateutil reads "UTC+1" the POSIX way, as one hour *behind* UTC; nobody means that.
        raise InvalidDate(
            f'"{named_offset[0]}" is ambiguous in "{shown(flat)}": '
            "write the offset alone, such as +01:00"
        )
    dayfirst = _day_first(text, flat)
    try:
        first = date_parser.parse(text, default=default, tzinfos=zone, dayfirst=dayfirst)
        second = date_parser.parse(
            text, default=default.replace(hour=1), tzinfos=zone, dayfirst=dayfirst
        )
    except (ValueError, OverflowError):
        raise _unreadable(flat) from None
    return first, first.hour == second.hour


# 5/11, 5/11/2026 and 5.11.2026 (dots only with a year: 18.30 is a time), not 2026/11/05.
_NUMERIC_DATE = re.compile(
    r"(?<![\d./])(\d{1,2})(?:(/)(\d{1,2})(?:/\d{2,4})?|(\.)(\d{1,2})\.\d{2,4})(?![\d./])"
)


DAY_FIRST = "day first"
MONTH_FIRST = "month first"
EITHER = "either"  # 5/11: both readings are dates, different ones
SAME = "same"  # 5/5: both readings are the same date


def date_order(text: str) -> tuple[str, str] | None:
    """The first numeric date in ``text`` (5/11, 5/11/2026, 5.11.2026) and how it reads:
    DAY_FIRST (dots, as written across Europe, or a first number over 12: 13/11),
    MONTH_FIRST (a second number over 12: 11/13), SAME (5/5) or EITHER (5/11). None: no
    such date (2026-11-05, 2026/11/05, "Nov 5")."""
    found = _NUMERIC_DATE.search(text)
    if found is None:
        return None
    if found[4] == ".":
        return found[0], DAY_FIRST
    first, second = int(found[1]), int(found[3])
    if first > 12:
        return found[0], DAY_FIRST
    if second > 12:
        return found[0], MONTH_FIRST
    return found[0], SAME if first == second else EITHER


def _day_first(text: str, flat: str) -> bool:
    """How to read 5.11.2026 and 5/11/2026. Dots are written day first (5 November) across
    Europe; with slashes both orders are common, so 5/11 is refused as ambiguous unless one
    number cannot be a month (13/11 is 13 November, 11/13 is 13 November too)."""
    found = date_order(text)
    if found is None:
        return False
    written, order = found
    if order == EITHER:
        raise InvalidDate(
            f'"{written}" in "{shown(flat)}" could be day/month or month/day: '
            "write it as YYYY-MM-DD (2026-11-05), or day first with dots (5.11.2026)"
        )
    return order == DAY_FIRST


def _localize(value: datetime, now: datetime, flat: str) -> datetime:
    """Naive means local wall time; aware values are converted to now's zone."""
    if value.tzinfo is None:
        return value.replace(tzinfo=now.tzinfo)
    try:
        return value.astimezone(now.tzinfo)
    except OverflowError:  # an offset pushed the value past datetime's range
        raise _unreadable(flat) from None


def _unreadable(flat: str) -> InvalidDate:
    return InvalidDate(
        f'can\'t read date "{shown(flat)}": '
        'try "2026-11-20 18:30", "yesterday 18:00" or "2 days ago"'
    )
