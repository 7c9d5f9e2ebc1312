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
