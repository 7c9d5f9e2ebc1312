"""`tracker import` of a file whose dates are numeric (a spreadsheet re-saved it): one reading
of day and month per file, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import Tracker

STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"


def strong_file(tmp_path: Path, *dates: str) -> Path:
    rows = [f'{day} 18:00,"{n}",1h,"Squat (Barbell)",1,100,5,0,0,\n' for n, day in enumerate(dates)]
    path = tmp_path / "dates.csv"
    path.write_text(STRONG + "".join(rows), encoding="utf-8")
    return path


def starts(tracker: Tracker) -> list[str]:
    return sorted(session["started_at"] for session in tracker.json("session", "list"))


def test_day_first_dates_are_stored_day_first(tracker: Tracker, tmp_path: Path) -> None:
    path = strong_file(tmp_path, "05/11/2024", "28/10/2024", "12/11/2024", "19.11.2024")
    tracker.ok("import", str(path))
    assert starts(tracker) == [
        "2024-10-28T18:00:00+00:00", "2024-11-05T18:00:00+00:00",
        "2024-11-12T18:00:00+00:00", "2024-11-19T18:00:00+00:00",
    ]


def test_dates_that_read_both_ways_are_refused_and_nothing_is_stored(
    tracker: Tracker, tmp_path: Path
) -> None:
    path = strong_file(tmp_path, "2024-11-01", "05/11/2024", "12/11/2024")
    assert tracker.fails("import", str(path)) == (
        f'Error: {path}: line 3, column "Date": "05/11/2024" could be day/month or month/day, '
        "and no other date in the file says which (none has a day over 12): import the app's "
        "own export, or write the dates as YYYY-MM-DD"
    )
    assert tracker.json("session", "list") == []
