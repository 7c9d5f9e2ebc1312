"""Issue 15, "Errors": every case that printed a traceback is one line with its exit code
(README, "Exit codes": 1 bad input, 3 the database cannot be used)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from tests.helpers.cli import Tracker


@pytest.fixture(params=["sqlite", "postgres"])
def own_db(request: pytest.FixtureRequest) -> Tracker:
    """A database of its own as the first command leaves a new one (tests here damage the
    schema: never the shared one)."""
    if request.param == "sqlite":
        return Tracker(request.getfixturevalue("new_sqlite")("own.db"), CliRunner())
    return Tracker(request.getfixturevalue("pg_new_database_factory")(), CliRunner())


def run(*args: str) -> tuple[int, str]:
    from tracker.cli import cli

    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize("ratio", ["nan-nan", "0.4-nan", "inf", "-inf-0.5"])
def test_a_ratio_that_is_not_a_number(tracker: Tracker, ratio: str) -> None:
    line = tracker.fails("exercises", "edit", "single leg press", "--ratio", ratio)
    assert line.startswith(f'Error: can\'t read ratio "{ratio}"')


def test_an_import_whose_first_line_is_over_the_csv_field_limit(
    tracker: Tracker, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text("a" * 140_000 + "\n")
    assert "field larger than field limit" in tracker.fails("import", str(huge))
    assert "field larger than field limit" in tracker.fails(
        "import", "--from", "tracker", str(huge)
    )


def test_deeply_nested_json(tracker: Tracker, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "tracker", "sets": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert "nested too deeply" in tracker.fails("import", str(deep))
    assert "nested too deeply" in tracker.fails("exercises", "import", str(deep))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://u@localhost:abc/x", "can't use the database URL"),
        ("postgresql+psycopg://u@localhost:99999/x", "database unavailable"),
        ("postgresql+psycopg://u@no-such-host.invalid/x", "database unavailable"),
    ],
)
def test_database_urls_with_a_bad_port_or_host_exit_3(url: str, message: str) -> None:
    pytest.importorskip("psycopg")
    code, err = run("--db", url, "session", "list")
    assert code == 3 and message in one_line(err)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/etc/passwd/x.db", "a file is in the way"),
        ("/proc/no-such-process/x.db", "No such file or directory"),
    ],
)
def test_a_database_folder_that_cannot_be_made_exits_3(path: str, reason: str) -> None:
    code, err = run("--db", path, "session", "list")
    parent = str(Path(path).parent)
    assert code == 3
    assert one_line(err) == f"Error: can't create the database folder {parent}: {reason}"


def set_version(url: str, revision: str | None) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
            if revision is not None:
                conn.execute(text("INSERT INTO alembic_version VALUES (:r)"), {"r": revision})
    finally:
        engine.dispose()


def test_alembic_version_empty_or_unknown_is_one_line(own_db: Tracker, tmp_path: Path) -> None:
    own_db.ok("log", "leg press", "10x100")
    set_version(own_db.url, None)
    assert "alembic_version table is empty" in own_db.fails("session", "list", code=3)
    set_version(own_db.url, "0000")
    line = own_db.fails("db", "upgrade", code=3)
    assert 'schema revision "0000", which this tracker does not know' in line
    assert not list(tmp_path.glob("*.bak"))  # no "before-.bak" copies of a database we refused
    set_version(own_db.url, "0001")


def test_a_dropped_table_is_not_reported_as_up_to_date(own_db: Tracker) -> None:
    own_db.ok("log", "leg press", "10x100")
    engine = create_engine(own_db.url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE workout_set"))
    engine.dispose()
    line = own_db.fails("db", "upgrade", code=3)
    assert "lacks the table(s) workout_set" in line
    own_db.fails("session", "list", code=3)


def test_export_to_stdout_writes_nothing_when_it_fails(own_db: Tracker) -> None:
    own_db.ok("log", "leg press", "10x100")
    engine = create_engine(own_db.url)
    with engine.begin() as conn:  # the sets' exercise is gone: the export query fails
        conn.execute(text("DROP TABLE training_session CASCADE" if "postgres" in own_db.url
                          else "DROP TABLE training_session"))
    engine.dispose()
    result = own_db("export")
    assert result.exit_code == 3 and result.stdout == ""


def test_a_disk_error_during_an_import_blames_the_database_not_the_rows(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from tracker.adapters.repository import SqlTransferRows

    def failing_disk(self: SqlTransferRows, rows: list[object]) -> None:
        raise OperationalError("INSERT INTO workout_set ...", {}, Exception("disk I/O error"))

    tracker.ok("log", "leg press", "10x100", "--at", "2026-11-20 18:00")
    exported = tmp_path / "mine.csv"
    tracker.ok("export", "-o", str(exported))
    tracker.ok("lifter", "add", "other")
    monkeypatch.setattr(SqlTransferRows, "insert_sets", failing_disk)
    line = tracker.fails("--lifter", "other", "import", str(exported), code=3)
    assert line == "Error: database unavailable: disk I/O error"


def test_a_row_the_database_refuses_during_an_import_names_its_lines(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are checked before they are inserted; should the database still refuse one (here a
    set with no reps, against NOT NULL), the import names the lines of the batch, and stores
    nothing."""
    from tracker.services import transfer

    checked = transfer.set_values

    def no_reps(*args: Any) -> dict[str, Any]:
        return checked(*args) | {"reps": None}

    tracker.ok("log", "leg press", "10x100", "8x100", "--at", "2026-11-20 18:00")
    exported = tmp_path / "mine.csv"
    tracker.ok("export", "-o", str(exported))
    tracker.ok("lifter", "add", "other")
    monkeypatch.setattr(transfer, "set_values", no_reps)
    line = tracker.fails("--lifter", "other", "import", str(exported))
    refused = f"Error: {exported}: lines 2-3: the database refused a row ("
    assert line.startswith(refused) and line.endswith(")")
    if "sqlite" in tracker.url:
        assert line == refused + "NOT NULL constraint failed: workout_set.reps)"
    assert "no sessions yet" in tracker.fails("--lifter", "other", "session", "show")


def test_the_unit_of_work_raises_database_errors_as_domain_errors(tmp_path: Path) -> None:
    """The CLI recognises no SQLAlchemy error: the unit of work (and its read path) raises the
    domain's instead, with the same one line; anything else stays the bug it is."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    from tracker.adapters.db import create_app_engine
    from tracker.adapters.unit_of_work import UnitOfWork
    from tracker.domain.errors import ConstraintViolation, DatabaseError

    engine = create_app_engine(f"sqlite:///{tmp_path / 't.db'}")
    taken = IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: lifter.name"))
    try:
        with pytest.raises(ConstraintViolation, match="^the database refused the change: UNIQ"):
            with UnitOfWork(engine):
                raise taken
        with pytest.raises(DatabaseError, match="^database unavailable: disk I/O error$"):
            with UnitOfWork(engine).reads():
                raise OperationalError("SELECT", {}, Exception("disk I/O error"))
        with pytest.raises(KeyError), UnitOfWork(engine):
            raise KeyError("a bug")
    finally:
        engine.dispose()


def test_a_rollback_that_fails_is_a_domain_error_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection lost under a command fails the unit of work's own rollback: that error is
    the domain's as well (the gym prompt shows it as one line and goes on)."""
    from sqlalchemy.exc import IntegrityError, OperationalError
    from sqlalchemy.orm import Session

    from tracker.adapters.db import create_app_engine
    from tracker.adapters.unit_of_work import UnitOfWork
    from tracker.domain.errors import ConstraintViolation, DatabaseError

    def lost(session: Session) -> None:
        raise OperationalError("ROLLBACK", {}, Exception("server closed the connection"))

    engine = create_app_engine(f"sqlite:///{tmp_path / 't.db'}")
    monkeypatch.setattr(Session, "rollback", lost)
    try:
        with pytest.raises(DatabaseError, match="^database unavailable: server closed the conn"):
            with UnitOfWork(engine):
                pass
        # The command's own error says more than the failed rollback after it.
        with pytest.raises(ConstraintViolation):
            with UnitOfWork(engine):
                raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: x"))
    finally:
        engine.dispose()
