"""PostgreSQL databases for benchmarks/bench.py: made with a unique name, seeded with COPY, dropped.

`seed` lets tracker make the schema and load the built-in catalog, then writes N lifters
(lifter001, lifter002 ...), each with the given number of working sets of six unilateral
exercises (24 sets a session, two a side of each), dated backwards from now, straight into the
tables with COPY. Secondary indexes are dropped around the COPY and built once after it.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

SETS_PER_SESSION = 24  # 6 unilateral exercises x 2 sets a side


def plain_url(url: str) -> str:
    """The libpq form of a SQLAlchemy URL (for psycopg and psql)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def admin(url: str) -> Any:
    import psycopg

    return psycopg.connect(plain_url(url), autocommit=True)


def create_database(admin_url: str, tag: str) -> str:
    """A new empty database on the server of `admin_url`; its SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    name = f"tracker_bench_{tag}_{uuid.uuid4().hex[:8]}"
    with admin(admin_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, url: str) -> None:
    from sqlalchemy.engine import make_url

    with admin(admin_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def _chunks(rows: Iterator[str], size: int = 200_000) -> Iterator[bytes]:
    buffer: list[str] = []
    for row in rows:
        buffer.append(row)
        if len(buffer) >= size:
            yield "".join(buffer).encode()
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode()


def seed(
    url: str,
    tracker: Callable[..., None],
    lifters: int,
    sets: int,
    dates: Callable[[int], list[datetime]],
) -> dict[str, float]:
    """Schema and catalog by tracker itself, then lifters, sessions and sets by COPY.

    `dates(n)` gives a lifter's n session start times, oldest first, all in the past.
    Returns the seconds each step took and the counts stored.
    """
    import psycopg

    timings: dict[str, float] = {}
    tracker("lifter", "list")  # migrates and loads the built-in catalog
    rng = random.Random(14)
    sessions_per_lifter = -(-sets // SETS_PER_SESSION)
    starts = dates(sessions_per_lifter)
    with psycopg.connect(plain_url(url), autocommit=False) as conn:
        exercises = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM exercise WHERE laterality = 'unilateral' "
                "AND parent_id IS NOT NULL ORDER BY name LIMIT 6"
            )
        ]
        first_lifter = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM lifter").fetchone()[0]
        start = time.perf_counter()
        created = starts[0].isoformat()
        with conn.cursor().copy("COPY lifter (id, name, unit, created_at) FROM STDIN") as copy:
            for i in range(lifters):
                copy.write(f"{first_lifter + i}\tlifter{i + 1:03d}\tkg\t{created}\n")
        # Secondary indexes are rebuilt once after the load: far cheaper than maintaining them
        # row by row during COPY.
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
            "('workout_set', 'training_session') AND indexname NOT LIKE 'pk_%' "
            "AND indexname NOT LIKE 'uq_%'"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')

        def session_rows() -> Iterator[str]:
            sid = 0
            for lifter in range(lifters):
                for when in starts:
                    sid += 1
                    end = when + timedelta(hours=1)
                    yield f"{sid}\t{first_lifter + lifter}\t{when.isoformat()}\t{end.isoformat()}\n"

        with conn.cursor().copy(
            "COPY training_session (id, lifter_id, started_at, finished_at) FROM STDIN"
        ) as copy:
            for chunk in _chunks(session_rows()):
                copy.write(chunk)

        def set_rows() -> Iterator[str]:
            sid = 0
            for lifter in range(lifters):
                strength = 40 + rng.random() * 40
                weak_side = rng.choice(("left", "right"))
                deficit = rng.choice((0, 0, 2.5, 5, 10))  # kg the weaker side lifts less
                remaining = sets
                for s, when in enumerate(starts):
                    sid += 1
                    stamp = (when + timedelta(minutes=5)).isoformat()
                    base = strength + s // 20 * 2.5
                    for k in range(min(SETS_PER_SESSION, remaining)):
                        side = "left" if k % 2 == 0 else "right"
                        handicap = deficit if side == weak_side else 0
                        load = base + rng.choice((0, 2.5, 5)) - handicap
                        yield (
                            f"{sid}\t{first_lifter + lifter}\t{exercises[k // 4]}\t{side}\t"
                            f"{rng.randint(6, 12)}\t{load:.1f}\tkg\tf\tworking\t{stamp}\t{k}\n"
                        )
                    remaining -= SETS_PER_SESSION

        with conn.cursor().copy(
            "COPY workout_set (session_id, lifter_id, exercise_id, side, reps, load, unit, "
            "bodyweight, kind, performed_at, position) FROM STDIN"
        ) as copy:
            for chunk in _chunks(set_rows()):
                copy.write(chunk)
        timings["copy"] = time.perf_counter() - start
        start = time.perf_counter()
        for _, definition in indexes:
            conn.execute(definition)
        conn.execute(
            "SELECT setval('training_session_id_seq', (SELECT max(id) FROM training_session))"
        )
        conn.execute("SELECT setval('lifter_id_seq', (SELECT max(id) FROM lifter))")
        conn.commit()
        timings["indexes"] = time.perf_counter() - start
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        start = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        timings["vacuum_analyze"] = time.perf_counter() - start
        timings["sets"] = conn.execute("SELECT count(*) FROM workout_set").fetchone()[0]
        timings["sessions"] = conn.execute("SELECT count(*) FROM training_session").fetchone()[0]
    return timings


def server_version(admin_url: str) -> str:
    with admin(admin_url) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])
