"""Cell readers: numbers, durations, dates and delimiters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from tracker.domain.specs import typed_seconds
from tracker.importers import sniff_delimiter
from tracker.importers.values import (
    LocalTimes,
    parse_count,
    parse_decimal,
    parse_distance_unit,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90), ("90.0", 90), ("59.5", Decimal("59.5")), ("2.3105", Decimal("2.311")),
        ("0", 0), ("1:30", 90), ("0:01:30", 90),
        ("1:05:00", 3900), ("1h 5m", 3900), ("35m", 2100), ("45s", 45), ("1h", 3600),
        ("2h 38m", 9480), ("1h5m30s", 3930), ("1 hr 2 min", 3720), ("1.5h", 5400),
    ],
)
def test_parse_duration(text: str, seconds: Decimal | int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["45s", "90 sec", "2.31s", "3 secs", "1:30", "1:30.5", "1:05:00", "12:59:59", "2min",
     "1.5min", "2 mins", "100:00"],
)
def test_parse_duration_reads_every_typed_time_as_log_does(text: str) -> None:
    typed = typed_seconds(text)
    assert typed is not None and parse_duration(text) == typed


@pytest.mark.parametrize("text", ["", "h", "5 parsecs", "1h 5", "m5", "-3", "1:xx"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def test_parse_decimal_is_exact_and_strict() -> None:
    assert parse_decimal("61.25") == Decimal("61.25")
    assert parse_decimal(" -5 ") == Decimal("-5")
    assert parse_decimal("102,5", decimal_comma=True) == Decimal("102.5")
    for bad in ["6O.5", "1e3", "NaN", "inf", "1,5", "1.2.3", "", "--1"]:
        with pytest.raises(ValueError, match=f'can\'t read number "{bad}"'):
            parse_decimal(bad)


def test_parse_count() -> None:
    assert parse_count("13.0") == 13
    with pytest.raises(ValueError, match="whole number"):
        parse_count("12.5")


def test_parse_distance_unit() -> None:
    assert [parse_distance_unit(u) for u in ["km", "Miles", "mi.", "metres", "furlong"]] == [
        "km", "mi", "mi", "m", "furlong",
    ]


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("2024-11-28 17:36:08", datetime(2024, 11, 28, 17, 36, 8)),
        ("15 Sep 2025, 07:48", datetime(2025, 9, 15, 7, 48)),
        ("May 7, 2026, 6:13 AM", datetime(2026, 5, 7, 6, 13)),
        ("May 7, 2026, 12:05 PM", datetime(2026, 5, 7, 12, 5)),
        ("2024-01-05 6:30:00\u202fPM", datetime(2024, 1, 5, 18, 30)),
        ("2024-01-05T06:30:00", datetime(2024, 1, 5, 6, 30)),
        ("Friday, 5 January 2024 18:30", datetime(2024, 1, 5, 18, 30)),  # via dateutil
        ("2024/01/05 18:30", datetime(2024, 1, 5, 18, 30)),
    ],
)
def test_local_times_become_utc(text: str, local: datetime) -> None:
    times = LocalTimes(timezone(timedelta(hours=2)))
    assert times.moment(text) == local.replace(tzinfo=UTC) - timedelta(hours=2)
    assert times.moment(text).tzinfo is UTC


def test_a_time_with_its_own_offset_keeps_it() -> None:
    times = LocalTimes(timezone(timedelta(hours=2)))
    assert times.moment("2024-01-05T06:30:00+00:00") == datetime(2024, 1, 5, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["17:36", "yesterday", "2024-13-45", "32 Sep 2025, 07:48"])
def test_unreadable_dates(text: str) -> None:
    with pytest.raises(ValueError, match="can't read date"):
        LocalTimes(UTC).moment(text)


def test_days_and_local_midnight() -> None:
    times = LocalTimes(timezone(timedelta(hours=-5)))
    assert times.day("2022-09-14") == date(2022, 9, 14)
    assert times.start_of_day(date(2022, 9, 14)) == datetime(2022, 9, 14, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [
        ("Date,Workout Name,Exercise Name\n", ","),
        ("Date;Workout Name;Exercise Name\n", ";"),
        ('"a;b","c;d",e,f\n', ","),  # delimiters inside quotes do not count
        ("Date\tExercise\tReps\n", "\t"),
        ("Date\n", ","),
    ],
)
def test_sniff_delimiter(line: str, delimiter: str) -> None:
    assert sniff_delimiter(line) == delimiter
