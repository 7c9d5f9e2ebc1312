"""Issue 15, data and integrity: what goes in through a file obeys `log`'s limits, and every
round trip through an export is lossless (CR in notes, formula-like cells, rounded loads)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, select

from tests.helpers.cli import Tracker
from tracker.adapters.orm import TrainingSession, WorkoutSet

STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"


def stored(url: str) -> list[tuple[Decimal, int, str | None]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(WorkoutSet.load, WorkoutSet.reps, WorkoutSet.note).order_by(WorkoutSet.id)
            )
            return [(load, reps, note) for load, reps, note in rows]
    finally:
        engine.dispose()


def session_count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return len(conn.execute(select(TrainingSession.id)).all())
    finally:
        engine.dispose()


def test_a_note_with_a_bare_carriage_return_survives_the_csv_round_trip(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.ok("log", "leg press", "10x100", "--note", "ok\rmid", "--at", "2026-11-20 18:00")
    tracker.ok("log", "leg press", "8x100", "--note", "\tTAB", "--at", "2026-11-20 18:05")
    tracker.ok("log", "leg press", "8x100", "--note", "\r=CR", "--at", "2026-11-20 18:06")
    first = tmp_path / "first.csv"
    tracker.ok("export", "-o", str(first))
    text = first.read_bytes().decode()
    assert '"ok\rmid"' in text  # quoted, so a reader keeps the row whole
    assert ",'\tTAB\n" in text and "'\r=CR" in text  # neutralised like "=" and "+"
    tracker.ok("lifter", "add", "copy")
    tracker.ok("--lifter", "copy", "import", str(first))
    notes = [note for _, _, note in stored(tracker.url)]
    assert notes == ["ok\rmid", "\tTAB", "\r=CR"] * 2
    second = tmp_path / "second.csv"
    tracker.ok("export", "--lifter", "copy", "-o", str(second))
    assert second.read_bytes() == first.read_bytes().replace(b"\nme,", b"\ncopy,")


def test_over_precise_loads_are_rounded_to_three_decimals_and_counted(
    tracker: Tracker, tmp_path: Path
) -> None:
    rows = (
        '2024-11-28 17:36:08,"B",35m,"Leg Press",1,61.23496,10,0,0,\n'
        '2024-11-28 17:36:08,"B",35m,"Leg Press",2,60.5,10,0,0,\n'
    )
    path = tmp_path / "strong.csv"
    path.write_text(STRONG + rows)
    out = tracker.ok("import", str(path), "--unit", "kg").stdout
    assert "Rounded to 3 decimals (as tracker stores loads): 1 set." in out
    assert [load for load, _, _ in stored(tracker.url)] == [Decimal("61.235"), Decimal("60.5")]
    export = tracker.ok("export").stdout
    assert ",61.235,kg," in export and ",60.5,kg," in export


def test_import_refuses_what_log_refuses_and_stores_nothing(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.ok("log", "leg press", "10x100", "--at", "2026-11-20 18:00")
    tracker.ok("lifter", "add", "other")
    good = tmp_path / "good.csv"
    tracker.ok("export", "-o", str(good))
    header, row = good.read_text().splitlines()
    cases = {
        row.replace(",10,100,kg,", ",5000,100,kg,"): 'column "reps": reps "5000" is outside 0-100',
        row.replace(",10,100,kg,", ",10,999999,kg,"): 'column "load": load "999999" is outside',
        row.replace(",10,100,kg,", ",10,-5,kg,"): 'column "load": load "-5" is outside 0-2000',
        row.replace("2026-11-20", "1800-11-20"): "is before 1900",
        row.replace("2026-11-20", "2099-11-20"): "UTC is in the future",
        row + "\x00": 'column "note": contains a NUL character',
    }
    for bad_row, message in cases.items():
        bad = tmp_path / "bad.csv"
        bad.write_text(f"{header}\n{row.replace('2026-11-20', '2026-11-19')}\n{bad_row}\n")
        line = tracker.fails("--lifter", "other", "import", str(bad))
        assert line.startswith(f"Error: {bad}: line 3, column ") and message in line, line
    assert len(stored(tracker.url)) == 1 and session_count(tracker.url) == 1
