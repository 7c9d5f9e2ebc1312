"""Dates as lifters type them: parse_when and parse_since, relative to a fixed ``now``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InvalidDate
from tracker.domain.when import parse_since, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 20, 18, 30, 42, 123456, tzinfo=BERLIN)  # a Friday


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> datetime:
    """A Berlin wall-clock time."""
    return datetime(year, month, day, hour, minute, second, us, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("NOW", NOW),
        ("today", NOW),
        ("yesterday", NOW - timedelta(days=1)),
        ("yesterday 18:00", at(2026, 11, 19, 18, 0)),
        ("Yesterday at 6pm", at(2026, 11, 19, 18, 0)),
        ("today 7am", at(2026, 11, 20, 7, 0)),
        ("today 07:15", at(2026, 11, 20, 7, 15)),
        ("2026-11-20 18:30", at(2026, 11, 20, 18, 30)),
        ("Nov 20 6:30pm", at(2026, 11, 20, 18, 30)),
        ("nov 19", at(2026, 11, 19, 18, 30, 42, 123456)),
        ("20 Nov 2026", at(2026, 11, 20, 18, 30, 42, 123456)),
        ("2025-01-02", at(2025, 1, 2, 18, 30, 42, 123456)),
        ("6pm", at(2026, 11, 20, 18, 0)),
        ("2 days ago", at(2026, 11, 18, 18, 30, 42, 123456)),
        ("3 hours ago", at(2026, 11, 20, 15, 30, 42, 123456)),
        ("90min", at(2026, 11, 20, 17, 0, 42, 123456)),
        ("an hour ago", at(2026, 11, 20, 17, 30, 42, 123456)),
        ("a day ago", at(2026, 11, 19, 18, 30, 42, 123456)),
        ("-2h", at(2026, 11, 20, 16, 30, 42, 123456)),
        ("90d", at(2026, 8, 22, 18, 30, 42, 123456)),
        ("4w", at(2026, 10, 23, 18, 30, 42, 123456)),
        ("2 weeks ago", at(2026, 11, 6, 18, 30, 42, 123456)),
        ("3 months", at(2026, 8, 20, 18, 30, 42, 123456)),
        ("3mo", at(2026, 8, 20, 18, 30, 42, 123456)),
        ("1y", at(2025, 11, 20, 18, 30, 42, 123456)),
        ("0d", NOW),
        ("monday", at(2026, 11, 16, 18, 30, 42, 123456)),
        ("fri", NOW),
        ("sat 10:00", at(2026, 11, 14, 10, 0)),
        ("Mon, 16 Nov 2026 09:00", at(2026, 11, 16, 9, 0)),
    ],
)
def test_parse_when(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.tzinfo is BERLIN
    assert result.replace(tzinfo=None) == expected.replace(tzinfo=None)  # same wall time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", at(2026, 11, 20)),
        ("yesterday", at(2026, 11, 19)),
        ("yesterday 18:00", at(2026, 11, 19, 18, 0)),
        ("20 Nov 2026", at(2026, 11, 20)),
        ("2026-01-05", at(2026, 1, 5)),
        ("nov 1", at(2026, 11, 1)),
        ("monday", at(2026, 11, 16)),
        ("2 days ago", at(2026, 11, 18, 18, 30, 42, 123456)),  # relative forms stay exact
        ("now", NOW),
    ],
)
def test_parse_since_starts_a_bare_date_at_midnight(text: str, expected: datetime) -> None:
    assert parse_since(text, NOW) == expected


def test_missing_parts_come_from_now_not_the_clock() -> None:
    now = datetime(2031, 3, 5, 12, 0, tzinfo=UTC)
    assert parse_when("Jan 20 6:30pm", now) == datetime(2031, 1, 20, 18, 30, tzinfo=UTC)
    assert parse_when("yesterday", now) == datetime(2031, 3, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (at(2026, 5, 31, 12, 0), "3 months", at(2026, 2, 28, 12, 0)),
        (at(2026, 5, 31, 12, 0), "1mo", at(2026, 4, 30, 12, 0)),
        (at(2026, 3, 31, 12, 0), "1 month ago", at(2026, 2, 28, 12, 0)),
        (at(2028, 5, 31, 12, 0), "3 months", at(2028, 2, 29, 12, 0)),
        (at(2028, 2, 29, 12, 0), "1y", at(2027, 2, 28, 12, 0)),
        (at(2026, 1, 15, 9, 0), "2 months", at(2025, 11, 15, 9, 0)),
    ],
)
def test_month_and_year_arithmetic(now: datetime, text: str, expected: datetime) -> None:
    assert parse_when(text, now) == expected


def test_hours_are_elapsed_time_across_a_dst_change() -> None:
    now = at(2026, 3, 29, 4, 0)  # CEST; clocks jumped from 02:00 to 03:00 this night
    three_hours_ago = parse_when("3 hours ago", now)
    assert three_hours_ago.replace(tzinfo=None) == datetime(2026, 3, 29, 0, 0)
    assert now.astimezone(UTC) - three_hours_ago.astimezone(UTC) == timedelta(hours=3)


def test_days_keep_the_wall_clock_time_across_a_dst_change() -> None:
    now = at(2026, 3, 29, 12, 0)
    assert parse_when("1d", now).replace(tzinfo=None) == datetime(2026, 3, 28, 12, 0)


def test_utc_now_gives_utc_results() -> None:
    now = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    assert parse_when("yesterday 18:00", now) == datetime(2026, 11, 19, 18, 0, tzinfo=UTC)
    assert parse_since("20 Nov 2026", now) == datetime(2026, 11, 20, tzinfo=UTC)
    assert parse_when("2 days ago", now).tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20T10:00Z", at(2026, 11, 20, 11, 0)),
        ("2026-11-20 10:00 UTC", at(2026, 11, 20, 11, 0)),
        ("2026-11-20T10:00+05:00", at(2026, 11, 20, 6, 0)),
        ("yesterday 10:00 +00:00", at(2026, 11, 19, 11, 0)),
    ],
)
def test_explicit_offsets_convert_to_nows_zone(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.tzinfo is BERLIN


def test_zone_names_are_refused_rather_than_guessed() -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_when("18:30 EST", NOW)
    assert str(caught.value) == (
        'unknown time zone "EST" in "18:30 EST": '
        "leave it out for local time or write an offset such as +01:00"
    )


def test_posix_style_named_offsets_are_refused() -> None:
    # dateutil would read "UTC+1" as one hour behind UTC.
    with pytest.raises(InvalidDate) as caught:
        parse_when("18:30 UTC+1", NOW)
    assert str(caught.value) == (
        '"UTC+1" is ambiguous in "18:30 UTC+1": write the offset alone, such as +01:00'
    )


@pytest.mark.parametrize("text", ["18:31", "18:31:42"])
def test_a_minute_ahead_is_tolerated(text: str) -> None:
    assert parse_when(text, NOW) > NOW


@pytest.mark.parametrize(
    ("text", "shown_as"),
    [
        ("Nov 25", "2026-11-25 18:30"),
        ("18:32", "2026-11-20 18:32"),
        ("2027-01-01 00:00", "2027-01-01 00:00"),
        ("today 23:00", "2026-11-20 23:00"),
        ("tomorrow", "2026-11-21 18:30"),
        ("tomorrow 6am", "2026-11-21 06:00"),
        ("-0d", None),
    ],
)
def test_future_dates_are_refused(text: str, shown_as: str | None) -> None:
    if shown_as is None:  # "-0d" is now itself, which is fine
        assert parse_when(text, NOW) == NOW
        return
    with pytest.raises(InvalidDate) as caught:
        parse_when(text, NOW)
    assert str(caught.value) == f'"{text}" is in the future ({shown_as}): give a time up to now'


def test_parse_since_refuses_the_future_too() -> None:
    with pytest.raises(InvalidDate, match="is in the future"):
        parse_since("Nov 25", NOW)


UNREADABLE = 'try "2026-11-20 18:30", "yesterday 18:00" or "2 days ago"'


@pytest.mark.parametrize(
    "text",
    ["blah", "", "   ", "tomorrow foo", "yesterday foo", "yesterday Nov 3", "today 18",
     "2 blah ago", "2026-13-45", "Feb 30 2026", "ago", "thu foo"],
)
def test_unreadable_dates(text: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_when(text, NOW)
    assert str(caught.value) == f'can\'t read date "{" ".join(text.split())}": {UNREADABLE}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3m", '"3m" is ambiguous: write min for minutes or mo for months'),
        ("3 m ago", '"3 m ago" is ambiguous: write min for minutes or mo for months'),
        ("1.5h", 'can\'t read date "1.5h": use a whole number, e.g. 90min'),
        ("9999999y", '"9999999y" is too far back: give a date from 1900 on'),
        ("99999999999d", '"99999999999d" is too far back: give a date from 1900 on'),
        ("0001-01-01", '"0001-01-01" is too far back: give a date from 1900 on'),
        ("1899-12-31 23:59", '"1899-12-31 23:59" is too far back: give a date from 1900 on'),
    ],
)
def test_other_date_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_when(text, NOW)
    assert str(caught.value) == message


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_when("now", datetime(2026, 11, 20, 18, 30))


# Property tests -------------------------------------------------------------------------------

ZONES = st.sampled_from([UTC, BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")])
NOWS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=ZONES)
DATE_ALPHABET = st.sampled_from("0123456789 -:/.,+TZamphdwmoyinovjanfebsecagtuESTUC")


@given(st.text(DATE_ALPHABET, max_size=20) | st.text(max_size=20), NOWS)
def test_any_text_is_a_past_aware_date_or_invalid_date(text: str, now: datetime) -> None:
    for parse in (parse_when, parse_since):
        try:
            result = parse(text, now)
        except InvalidDate as error:
            assert "\n" not in str(error)
            continue
        assert result.tzinfo is now.tzinfo
        assert result.astimezone(UTC) <= now.astimezone(UTC) + timedelta(minutes=1)


@given(st.integers(0, 80), st.sampled_from(["d", "w", "mo", "y", "h", "min"]), NOWS)
def test_relative_forms_lie_in_the_past(amount: int, unit: str, now: datetime) -> None:
    result = parse_when(f"{amount}{unit}", now)
    assert result == parse_when(f"{amount} {unit} ago", now) == parse_when(f"-{amount}{unit}", now)
    assert result.astimezone(UTC) <= now.astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [("5.11.2026", (2026, 11, 5)), ("13/11/2026", (2026, 11, 13)), ("11/13/2026", (2026, 11, 13)),
     ("2026.11.05", (2026, 11, 5)), ("2026/11/05", (2026, 11, 5)), ("11/11/2026", (2026, 11, 11))],
)
def test_numeric_dates_day_first_with_dots(text: str, day: tuple[int, int, int]) -> None:
    found = parse_when(text, NOW)
    assert (found.year, found.month, found.day) == day


@pytest.mark.parametrize("text", ["05/11/2026", "5/11", "12/1/2026 18:00"])
def test_slashed_dates_that_read_both_ways_are_refused(text: str) -> None:
    with pytest.raises(InvalidDate, match="could be day/month or month/day"):
        parse_when(text, NOW)
