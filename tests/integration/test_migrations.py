"""Migrations: first run, `alembic upgrade head`, drift, and the upgrade-with-backup path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from tests.helpers.stored import revision_of
from tracker.adapters import db as dbmod
from tracker.adapters.location import sqlite_path

REPO = Path(__file__).resolve().parents[2]


def schema_of(url: str) -> dict[str, object]:
    engine = create_engine(url)
    try:
        insp = inspect(engine)
        schema: dict[str, object] = {}
        for table in sorted(insp.get_table_names()):
            schema[table] = (
                sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)),
                sorted((i["name"], tuple(i["column_names"])) for i in insp.get_indexes(table)),
                sorted(str(fk["name"]) for fk in insp.get_foreign_keys(table)),
                autoincrement(engine, table),
            )
        return schema
    finally:
        engine.dispose()


def autoincrement(engine: Engine, table: str) -> bool:
    """Whether SQLite never reuses the table's ids (AUTOINCREMENT; PostgreSQL never does)."""
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as conn:
        sql = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": table},
        ).scalar_one()
    return "AUTOINCREMENT" in str(sql)


def migrate(url: str, notify: object = pytest.fail) -> bool:
    engine = dbmod.create_app_engine(url)
    try:
        return dbmod.ensure_schema(engine, url, notify)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def check_no_drift(url: str) -> None:
    from alembic import command

    engine = dbmod.create_app_engine(url)
    try:
        with engine.begin() as conn:
            command.check(dbmod.alembic_config(conn))  # raises if models and migrations differ
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    factory = request.getfixturevalue("pg_fresh_database_factory")
    url: str = factory()
    return url


def test_first_use_migrates_to_head_without_drift(fresh_url: str) -> None:
    assert migrate(fresh_url)
    assert revision_of(fresh_url) == dbmod.HEAD_REVISION
    check_no_drift(fresh_url)


def test_alembic_cli_and_first_run_give_the_same_schema(
    request: pytest.FixtureRequest, tmp_path: Path, fresh_url: str
) -> None:
    env = {**os.environ, "TRACKER_DB": fresh_url}
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=REPO, env=env, check=True, capture_output=True,
    )
    if fresh_url.startswith("sqlite"):
        auto_url = f"sqlite:///{tmp_path / 'auto.db'}"
    else:
        auto_url = request.getfixturevalue("pg_fresh_database_factory")()
    migrate(auto_url)
    assert schema_of(auto_url) == schema_of(fresh_url)


def test_head_constant_matches_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(dbmod.alembic_config())
    assert script.get_current_head() == dbmod.HEAD_REVISION


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    head = dbmod.HEAD_REVISION
    before_head = ScriptDirectory.from_config(dbmod.alembic_config()).get_revision(head)
    older = before_head.down_revision
    assert isinstance(older, str)
    url = f"sqlite:///{tmp_path / 't.db'}"
    dbmod.upgrade(url, older)  # a database the previous release left
    old_schema = schema_of(url)
    lines: list[str] = []
    assert migrate(url, lines.append)
    backup = tmp_path / f"t.db.before-{older}.bak"
    assert lines == [
        f"database upgraded from revision {older} to {head}; the old file was backed up to {backup}"
    ]
    assert schema_of(f"sqlite:///{backup}") == old_schema
    assert revision_of(f"sqlite:///{backup}") == older
    assert revision_of(url) == head  # (a PostgreSQL-only revision leaves SQLite's schema)
    check_no_drift(url)


@pytest.mark.parametrize("revision", ["0099", "0000", "zz9"])
def test_an_unknown_revision_is_refused(fresh_url: str, revision: str) -> None:
    migrate(fresh_url)
    set_version(fresh_url, revision)
    with pytest.raises(dbmod.DatabaseError, match=f'revision "{revision}", which this tracker'):
        migrate(fresh_url)


def set_version(url: str, revision: str | None) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
            if revision is not None:
                conn.execute(text("INSERT INTO alembic_version VALUES (:r)"), {"r": revision})
    finally:
        engine.dispose()


def test_sqlite_is_set_up_for_real_use(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    engine = dbmod.create_app_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == dbmod.SQLITE_BUSY_TIMEOUT_MS
    engine.dispose()
    assert sqlite_path(url) == tmp_path / "t.db"


def test_every_table_with_an_id_never_reuses_one(fresh_url: str) -> None:
    """Issue 23 (migration 0008): a change record names rows by id."""
    migrate(fresh_url)
    engine = create_engine(fresh_url)
    try:
        insp = inspect(engine)
        with_id = [
            table
            for table in insp.get_table_names()
            if insp.get_pk_constraint(table)["constrained_columns"] == ["id"]
        ]
        assert "workout_set" in with_id and "training_session" in with_id
        assert [table for table in with_id if not autoincrement(engine, table)] == []
    finally:
        engine.dispose()
