"""Numeric dates in app exports (5/11/2024, 5.11.2024): one reading per file.

A file re-saved by a spreadsheet writes its dates as the spreadsheet's locale does. The order
of day and month is settled once per file, by the first date that reads only one way (a day
over 12; dots are day first, as `--at` reads them); a file whose dates all read both ways is
refused, naming the first of them.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest

from tracker.domain.errors import ImportFailed
from tracker.domain.units import Unit
from tracker.importers import ImportReader, read_export
from tracker.importers.values import LocalTimes

STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
FITNOTES = "Date,Exercise,Category,Weight (kgs),Reps\n"
HEVY = (
    '"title","start_time","end_time","exercise_title","set_index","set_type","weight_kg","reps"\n'
)


def strong(*dates: str) -> str:
    rows = [f'{day} 18:00,"{n}",1h,"Squat (Barbell)",1,100,5,0,0,\n' for n, day in enumerate(dates)]
    return STRONG + "".join(rows)


def reader(text: str) -> ImportReader:
    return read_export(io.StringIO(text), None, Unit.KG, UTC)


def starts(text: str) -> list[date]:
    return [row.started_at.date() for row in reader(text)]


def failure(text: str) -> str:
    with pytest.raises(ImportFailed) as caught:
        list(reader(text))
    return str(caught.value)


def test_a_day_over_12_settles_day_first_for_the_whole_file() -> None:
    # The reviewer's file: month first, 05/11 and 12/11 became 11 May and 11 December.
    found = starts(strong("28/10/2024", "05/11/2024", "12/11/2024", "19/11/2024"))
    assert found == [date(2024, 10, 28), date(2024, 11, 5), date(2024, 11, 12), date(2024, 11, 19)]


def test_dates_before_the_one_that_settles_the_order_are_read_the_same_way() -> None:
    text = strong("05/11/2024", "12/11/2024", "19/11/2024", "03/12/2024")
    head, first, rest = text.split("\n", 2)
    found = starts(f"{head}\n{first}\n\n{rest}")  # a blank line waits too, and is skipped
    assert found == [date(2024, 11, 5), date(2024, 11, 12), date(2024, 11, 19), date(2024, 12, 3)]


def test_a_month_first_file_is_read_month_first() -> None:
    found = starts(strong("11/05/2024", "11/12/2024", "11/19/2024"))
    assert found == [date(2024, 11, 5), date(2024, 11, 12), date(2024, 11, 19)]


def test_dots_are_day_first() -> None:
    assert starts(strong("05.11.2024", "12.11.2024")) == [date(2024, 11, 5), date(2024, 11, 12)]


def test_the_same_day_and_month_needs_no_order() -> None:
    assert starts(strong("05/05/2024", "2024-05-06 18:00:00"[:10])) == [
        date(2024, 5, 5), date(2024, 5, 6),
    ]


def test_a_file_whose_dates_all_read_both_ways_is_refused_at_the_first() -> None:
    assert failure(strong("05/05/2024", "05/11/2024", "12/11/2024")) == (
        'line 3, column "Date": "05/11/2024" could be day/month or month/day, and no other '
        "date in the file says which (none has a day over 12): import the app's own export, or "
        "write the dates as YYYY-MM-DD"
    )


def test_a_file_writing_both_orders_is_refused_where_it_turns() -> None:
    assert failure(strong("10/28/2024", "05/11/2024", "19/11/2024")) == (
        'line 4, column "Date": "19/11/2024" is day first, but this file writes its dates month '
        'first ("10/28/2024"): write them one way, best as YYYY-MM-DD'
    )


def test_rows_wait_for_the_order_in_bounded_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImportReader, "MAX_WAITING", 3)
    text = strong("05/11/2024", "06/11/2024", "07/11/2024", "08/11/2024", "13/11/2024")
    assert failure(text) == (
        'line 2, column "Date": "05/11/2024" could be day/month or month/day, and none of the '
        "next 3 rows has a day over 12 to say which: import the app's own export, or write the "
        "dates as YYYY-MM-DD"
    )
    settled = strong("05/11/2024", "06/11/2024", "13/11/2024")  # within the limit
    assert starts(settled) == [date(2024, 11, 5), date(2024, 11, 6), date(2024, 11, 13)]


def test_fitnotes_slash_dates_are_settled_too() -> None:
    text = FITNOTES + "05/11/2024,Squat,Legs,100,5\n13/11/2024,Squat,Legs,100,5\n"
    assert starts(text) == [date(2024, 11, 5), date(2024, 11, 13)]
    with pytest.raises(ImportFailed, match=r'^line 2, column "Date": "05/11/2024" could be'):
        list(reader(FITNOTES + "05/11/2024,Squat,Legs,100,5\n"))


def test_hevy_start_and_end_times_read_the_same_way() -> None:
    rows = [
        '"A","05/11/2024 18:00","05/11/2024 19:00","Squat (Barbell)",0,"normal",100,5\n',
        '"B","13/11/2024 18:00","13/11/2024 19:10","Squat (Barbell)",0,"normal",100,5\n',
    ]
    found = [(row.started_at, row.finished_at) for row in reader(HEVY + "".join(rows))]
    assert found == [
        (datetime(2024, 11, 5, 18, tzinfo=UTC), datetime(2024, 11, 5, 19, tzinfo=UTC)),
        (datetime(2024, 11, 13, 18, tzinfo=UTC), datetime(2024, 11, 13, 19, 10, tzinfo=UTC)),
    ]


def test_local_times_keep_one_order() -> None:
    times = LocalTimes(UTC)
    with pytest.raises(ValueError, match="could be day/month or month/day"):
        times.moment("05/11/2024 18:00")
    assert times.moment("5.11.2024 18:00") == datetime(2024, 11, 5, 18, tzinfo=UTC)
    assert times.moment("06/11/2024 18:00") == datetime(2024, 11, 6, 18, tzinfo=UTC)
    assert times.day("07/11/2024") == date(2024, 11, 7)
    with pytest.raises(ValueError, match=r'"11/28/2024" is month first'):
        times.moment("11/28/2024 18:00")


def test_year_first_and_named_months_are_not_numeric_dates() -> None:
    times = LocalTimes(UTC)
    assert times.moment("2024/11/05 18:00") == datetime(2024, 11, 5, 18, tzinfo=UTC)
    assert times.moment("Tuesday, 5 November 2024 18:00") == datetime(2024, 11, 5, 18, tzinfo=UTC)
    assert times.order.day_first is None
