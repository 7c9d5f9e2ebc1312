"""services.transfer on the fake unit of work: export, and the export imported back."""

from __future__ import annotations

import io
from datetime import UTC
from pathlib import Path

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tests.helpers.fake_log import log, planned
from tracker.adapters.orm import WorkoutSet
from tracker.domain.errors import ImportFailed
from tracker.domain.model import Side
from tracker.services.transfer import export, import_file


def logged() -> FakeUnitOfWork:
    uow = with_catalog("Leg Press", "Single Leg Press")
    log(uow, "leg press", planned("10x100 8x120"))
    log(uow, "single leg press", planned("10x60", Side.LEFT) + planned("8x60", Side.RIGHT))
    return uow


def test_an_export_imports_back_into_an_empty_database(tmp_path: Path) -> None:
    out = io.StringIO()
    assert export(logged(), None, "csv", None, out) == 4
    file = tmp_path / "mine.csv"
    file.write_text(out.getvalue(), encoding="utf-8")
    fresh = with_catalog("Leg Press", "Single Leg Press")
    report = import_file(fresh, None, file, "tracker", None, UTC)
    assert (report.sessions, report.sets) == (1, 4) and fresh.committed
    rows = sorted(fresh.store.table(WorkoutSet), key=lambda row: row.position)
    assert [(r.reps, str(r.load), r.side) for r in rows] == [
        (10, "100", None), (8, "120", None), (10, "60", Side.LEFT), (8, "60", Side.RIGHT),
    ]  # fmt: skip
    again = import_file(fresh, None, file, "tracker", None, UTC)
    assert (again.sessions, again.already_imported_sessions) == (0, 1)


def test_a_row_the_database_refuses_is_named_by_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TransferRows insert methods raise the domain's RowRefused; the service names the
    lines of the batch (it sees no database error)."""
    from tests.fakes import FakeTransferRows
    from tracker.domain.errors import RowRefused

    def refused(self: object, rows: object) -> None:
        raise RowRefused("CHECK constraint failed: reps")

    out = io.StringIO()
    export(logged(), None, "csv", None, out)
    file = tmp_path / "mine.csv"
    file.write_text(out.getvalue(), encoding="utf-8")
    monkeypatch.setattr(FakeTransferRows, "insert_sets", refused)
    fresh = with_catalog("Leg Press", "Single Leg Press")
    with pytest.raises(ImportFailed) as error:
        import_file(fresh, None, file, "tracker", None, UTC)
    problem = "the database refused a row (CHECK constraint failed: reps)"
    assert str(error.value) == f"lines 2-5: {problem}"


BODYWEIGHT_LIFTS = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    '2025-01-15 18:00:00,"W",1h,"Pull Up",1,0,8,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Pull Up",2,10,5,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Pull Up (Weighted)",1,20,3,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Pull Up (Assisted)",1,77,10,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Crunch (Weighted)",1,10,15,0,0,\n'
    '2025-01-15 18:00:00,"W",1h,"Plank",1,5,0,0,60,\n'
    '2025-01-15 18:00:00,"W",1h,"Bench Press (Barbell)",1,100,5,0,0,\n'
)


def test_app_loads_on_bodyweight_lifts_are_stored_as_log_stores_bw_plus_and_minus(
    tmp_path: Path,
) -> None:
    """A load an app wrote on a bodyweight lift is what was added (BW+x), or on an "Assisted"
    variant the assistance (BW-x); a barbell's load stays a load."""
    file = tmp_path / "strong.csv"
    file.write_text(BODYWEIGHT_LIFTS, encoding="utf-8")
    uow = with_catalog("Pull-Up", "Crunch", "Plank", "Bench Press")
    report = import_file(uow, None, file, None, None, UTC)
    assert report.created == {"Pull Up (Assisted)"}
    names = {e.id: e.name for e in uow.catalog.exercises()}
    rows = sorted(uow.store.table(WorkoutSet), key=lambda row: row.position)
    assert [(names[r.exercise_id], r.reps, str(r.load), r.bodyweight) for r in rows] == [
        ("Pull-Up", 8, "0", True),  # no weight: body weight alone
        ("Pull-Up", 5, "10", True),  # BW+10
        ("Pull-Up", 3, "20", True),  # BW+20
        ("Pull Up (Assisted)", 10, "-77", True),  # BW-77
        ("Crunch", 15, "10", True),  # BW+10
        ("Plank", 0, "5", True),  # a 60 s hold at BW+5
        ("Bench Press", 5, "100", False),
    ]
    assisted = next(e for e in uow.catalog.exercises() if e.name == "Pull Up (Assisted)")
    assert assisted.equipment == "bodyweight"

    # A tracker export says what each set is: its loads are restored as they are.
    typed = with_catalog("Pull-Up")
    log(typed, "pull-up", planned("10x77"))  # as typed: 77 kg, not BW+77
    out = io.StringIO()
    export(typed, None, "csv", None, out)
    mine = tmp_path / "mine.csv"
    mine.write_text(out.getvalue(), encoding="utf-8")
    fresh = with_catalog("Pull-Up")
    import_file(fresh, None, mine, "tracker", None, UTC)
    assert [(str(r.load), r.bodyweight) for r in fresh.store.table(WorkoutSet)] == [("77", False)]
