"""The test process's engines share compiled statements (tests/helpers/shared_sql_cache.py) only
where they would compile them alike: a second engine of the same kind reuses the first one's
compiled SQL, an engine set up to compile differently compiles its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Integer, Select, bindparam, create_engine, select, text
from sqlalchemy.engine import CursorResult

from tests.helpers.shared_sql_cache import CACHE, dialect_signature

STATEMENT: Select[tuple[int]] = select(bindparam("shared_cache_probe", type_=Integer) + 1)


def run(engine: Engine, value: int) -> tuple[int, Any, Any]:
    """The statement's answer on ``engine``, whether it hit the cache, and its SQL."""
    try:
        with engine.connect() as conn:
            result: CursorResult[Any] = conn.execute(STATEMENT, {"shared_cache_probe": value})
            context = result.context
            return result.scalar_one(), context.cache_hit, context.compiled
    finally:
        engine.dispose()


def test_a_second_engine_reuses_the_compiled_sql(tmp_path: Path) -> None:
    first = run(create_engine(f"sqlite:///{tmp_path / 'a.db'}"), 1)
    second_engine = create_engine(f"sqlite:///{tmp_path / 'b.db'}")
    second = run(second_engine, 41)
    assert (first[0], second[0]) == (2, 42)  # each its own parameter
    assert second[1] == second_engine.dialect.CACHE_HIT
    assert second[2] is first[2]


def test_an_engine_that_compiles_otherwise_compiles_its_own(tmp_path: Path) -> None:
    run(create_engine(f"sqlite:///{tmp_path / 'a.db'}"), 1)
    named = create_engine(f"sqlite:///{tmp_path / 'b.db'}", paramstyle="named")
    answer, hit, compiled = run(named, 2)
    assert answer == 3
    assert hit != named.dialect.CACHE_HIT
    assert ":shared_cache_probe" in str(compiled)  # its own parameter style, not "?"


def test_settings_tell_dialects_apart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    plain, again = create_engine(url), create_engine(url)
    other = create_engine(url, json_serializer=lambda value: json.dumps(value, indent=1))
    try:
        for engine in (plain, again, other):
            with engine.connect() as conn:  # a dialect's settings are complete once connected
                conn.execute(text("SELECT 1"))
        assert plain.dialect is not again.dialect
        assert dialect_signature(plain.dialect) == dialect_signature(again.dialect)
        assert dialect_signature(plain.dialect) != dialect_signature(other.dialect)
    finally:
        for engine in (plain, again, other):
            engine.dispose()


def test_every_connection_uses_the_shared_cache(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        with engine.connect() as conn:
            assert conn.get_execution_options()["compiled_cache"] is CACHE
    finally:
        engine.dispose()
