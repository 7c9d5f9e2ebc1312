"""Issue 23: import refuses what it cannot read, naming the row and the column, and never
stores something else (a load read as no load, "maybe" as 0, a session ending before it
starts, a format it does not know), through the real CLI on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from tests.helpers.cli import Tracker

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def stored_sets(url: str) -> list[tuple[int, str, str, bool]]:
    """(reps, load, unit, bodyweight) of every stored set."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not conn.dialect.has_table(conn, "workout_set"):
                return []
            rows = conn.execute(
                text("SELECT reps, load, unit, bodyweight FROM workout_set ORDER BY id")
            )
            return [(int(r), str(load), str(u), bool(bw)) for r, load, u, bw in rows]
    finally:
        engine.dispose()


def test_a_pounds_header_imports_pounds_exactly(tracker: Tracker) -> None:
    out = tracker.ok("import", str(FIXTURES / "fitnotes-pounds-header.csv")).stdout
    assert "Loads in lb (from the file)." in out.splitlines()
    loads = [(reps, float(load), unit, bw) for reps, load, unit, bw in stored_sets(tracker.url)]
    assert loads == [(5, 100.0, "lb", False), (5, 102.5, "lb", False)]  # never 5 x BW


def test_an_unknown_unit_in_a_header_is_refused_naming_the_column(tracker: Tracker) -> None:
    path = FIXTURES / "fitnotes-stones-header.csv"
    line = tracker.fails("import", str(path))
    assert line == (
        f'Error: {path}: line 1, column "Weight (stones)": unknown weight unit "stones" '
        "(tracker reads kg or lb: convert the file, or rename the column)"
    )
    assert stored_sets(tracker.url) == []


def test_an_unreadable_bodyweight_flag_is_refused_not_stored_as_0(tracker: Tracker) -> None:
    path = FIXTURES / "tracker-bodyweight-maybe.csv"
    line = tracker.fails("import", str(path))
    assert line == (
        f'Error: {path}: line 3, column "bodyweight": can\'t read "maybe" (write 1 or 0)'
    )
    assert stored_sets(tracker.url) == []


def test_a_session_that_finishes_before_it_starts_is_refused(tracker: Tracker) -> None:
    path = FIXTURES / "tracker-finishes-before-start.csv"
    line = tracker.fails("import", str(path))
    assert line == (
        f"Error: {path}: line 3: the session finishes (2026-11-21T17:00:00+00:00) before it starts "
        "(2026-11-21T18:00:00+00:00)"
    )
    assert stored_sets(tracker.url) == []


def test_a_newer_format_version_is_refused(tracker: Tracker) -> None:
    path = FIXTURES / "tracker-version-999.json"
    line = tracker.fails("import", str(path))
    assert line == (
        f"Error: {path}: format version 999 is newer than this tracker reads (1): update "
        "tracker to import it"
    )
    assert stored_sets(tracker.url) == []
