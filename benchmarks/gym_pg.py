"""A gym on PostgreSQL: 200 lifters x 25,000 sets, reports and logging as ratios to a floor.

    python benchmarks/bench.py --gym-pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Makes its own database (dropped at the end unless --keep), seeds it with COPY, then times, as
ratios to `python -c "import sqlalchemy.orm, click"` measured in the same run: one lifter's
`report imbalance`, `report team` over every lifter, `tracker log`, and `tracker import`
against a plain COPY of the same file. The query plans of both reports (EXPLAIN ANALYZE) are
returned for BENCHMARKS.md.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

LIFTERS = 200
SETS_PER_LIFTER = 25_000
SETS_PER_SESSION = 24  # 6 unilateral exercises x 2 sets a side
DAYS_BETWEEN_SESSIONS = 1.75  # 4 sessions a week: 25,000 sets reach back about 5 years
IMPORT_SETS = 50_000


def admin(url: str) -> Any:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(plain, autocommit=True)


def plain_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(admin_url: str) -> str:
    from sqlalchemy.engine import make_url

    name = f"tracker_gym_{uuid.uuid4().hex[:8]}"
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


def seed(url: str, tracker: Callable[..., None], lifters: int, sets: int) -> dict[str, float]:
    """Schema and catalog by tracker itself, then lifters, sessions and sets by COPY."""
    import psycopg

    timings: dict[str, float] = {}
    tracker("lifter", "list")  # migrates and loads the built-in catalog
    rng = random.Random(14)
    now = datetime.now(UTC).replace(microsecond=0)
    sessions_per_lifter = -(-sets // SETS_PER_SESSION)
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
        with conn.cursor().copy("COPY lifter (id, name, unit, created_at) FROM STDIN") as copy:
            for i in range(lifters):
                copy.write(f"{first_lifter + i}\tlifter{i + 1:03d}\tkg\t{now.isoformat()}\n")
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
                for s in range(sessions_per_lifter):
                    sid += 1
                    when = now - timedelta(days=(sessions_per_lifter - s) * DAYS_BETWEEN_SESSIONS)
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
                for s in range(sessions_per_lifter):
                    sid += 1
                    when = now - timedelta(days=(sessions_per_lifter - s) * DAYS_BETWEEN_SESSIONS)
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


def strong_file(path: Path, n_sets: int) -> None:
    names = ["Single Leg Press (Left)", "Single Leg Press (Right)", "Leg Press", "Squat (Barbell)"]
    start = datetime(2019, 1, 1, 18, 0)
    lines = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"]
    for i in range(n_sets):
        day = (start + timedelta(days=i // 20)).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f'{day},W,1h 5m,"{names[(i // 5) % 4]}",{i % 5 + 1},{50 + i % 40},'
                     f"{5 + i % 6},0,0,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def plain_copy_seconds(url: str, path: Path) -> float:
    """The floor for an import: COPY of the same CSV into a bare table (no parsing at all)."""
    import psycopg

    with psycopg.connect(plain_url(url)) as conn:
        conn.execute(
            "CREATE TEMP TABLE raw (d text, w text, dur text, e text, o int, kg numeric, "
            "reps int, dist numeric, secs int, rpe text)"
        )
        start = time.perf_counter()
        with conn.cursor().copy("COPY raw FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            copy.write(path.read_bytes())
        conn.commit()
        return time.perf_counter() - start


def explain(url: str, run: Callable[[], object]) -> list[str]:
    """EXPLAIN ANALYZE of every statement `run` sends that reads workout_set."""
    import psycopg
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    captured: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        head = statement.lstrip().upper()
        reads_sets = "workout_set" in statement and head.startswith(("SELECT", "WITH"))
        if reads_sets or head.startswith("SET LOCAL"):  # replay the query's own settings too
            captured.append((statement, params))

    event.listen(Engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(Engine, "before_cursor_execute", capture)
    plans = []
    with psycopg.connect(plain_url(url)) as conn:
        for statement, params in captured:
            if statement.lstrip().upper().startswith("SET LOCAL"):
                conn.execute(statement)
                continue
            rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params).fetchall()
            plans.append("\n".join(row[0] for row in rows))
    return plans


def gym(admin_url: str, runs: int, timed: Callable[..., tuple[float, int]],
        python: str, tracker_bin: str, keep: bool, scale: float = 1.0,
        reuse: str | None = None) -> list[str]:
    """Seed a new database (or measure again on `reuse`, a gym seeded before) and measure."""
    lifters = max(2, round(LIFTERS * scale))
    sets = max(SETS_PER_SESSION * 5, round(SETS_PER_LIFTER * scale))
    url = reuse or create_database(admin_url)
    env = {**os.environ, "TRACKER_DB": url, "NO_COLOR": "1"}
    env.pop("TRACKER_LIFTER", None)

    def tracker(*args: str) -> None:
        subprocess.run([tracker_bin, *args], env=env, check=True, capture_output=True)

    out: list[str] = []
    try:
        seeded = seed(url, tracker, lifters, sets) if reuse is None else {}
        floor, _ = timed([python, "-c", "import sqlalchemy.orm, click"], env, runs)
        one = [tracker_bin, "--lifter", "lifter001"]
        rows = [("`python -c 'import sqlalchemy.orm, click'` (the floor)", floor, 1.0, "")]
        cases = [
            (f"`report imbalance --json`, one lifter ({sets:,} sets, all history)",
             [*one, "report", "imbalance", "--json"], "1.5"),
            (f"`report team --json`, {lifters} lifters (default window 12w)",
             [tracker_bin, "report", "team", "--json"], "3"),
            ("`log slp -l 10x60 -r 10x60`, one lifter",
             [*one, "log", "slp", "-l", "10x60", "-r", "10x60"], "1.2"),
            ("`session list`, one lifter (start-up and one small query, for reference)",
             [*one, "session", "list", "--since", "1w"], ""),
        ]
        for label, cmd, goal in cases:
            seconds, _ = timed(cmd, env, runs)
            rows.append((label, seconds, seconds / floor, goal))
        import_file = Path(f"/tmp/gym-import-{uuid.uuid4().hex[:6]}.csv")
        import_sets = max(1000, round(IMPORT_SETS * scale))
        strong_file(import_file, import_sets)
        try:
            importer = f"importer-{uuid.uuid4().hex[:6]}"
            tracker("lifter", "add", importer)
            seconds, _ = timed([tracker_bin, "--lifter", importer, "import", str(import_file),
                                "--unit", "kg"], env, 1)
            copy_seconds = plain_copy_seconds(url, import_file)
        finally:
            import_file.unlink(missing_ok=True)
        from tracker.adapters.unit_of_work import UnitOfWork
        from tracker.bootstrap import open_database
        from tracker.services.coach import team_report
        from tracker.services.reports import imbalance_report

        engine = open_database(url, notify=lambda line: None)
        since = datetime.now(UTC) - timedelta(weeks=12)
        imbalance_plans = explain(
            url, lambda: imbalance_report(UnitOfWork(engine), "lifter001", None, None, None)
        )
        team_plans = explain(url, lambda: team_report(UnitOfWork(engine), since))
        engine.dispose()
    finally:
        if not keep and reuse is None:
            drop_database(admin_url, url)
    out += [
        f"## A gym on PostgreSQL: {lifters} lifters x {sets:,} sets (median of {runs} runs)",
        "",
        f"Seeded {int(seeded['sets']):,} sets in {int(seeded['sessions']):,} sessions with COPY "
        f"in {seeded['copy']:.0f} s, secondary indexes rebuilt in {seeded['indexes']:.0f} s, "
        f"VACUUM ANALYZE {seeded['vacuum_analyze']:.0f} s."
        if seeded
        else "Measured again on the database seeded before.",
        "",
        "| command | seconds | x floor | goal |",
        "|---|---|---|---|",
        *[f"| {label} | {t:.3f} | {r:.2f} | {goal and goal + 'x'} |" for label, t, r, goal in rows],
        "",
        "| import | seconds | sets/s | x plain COPY of the same file |",
        "|---|---|---|---|",
        f"| `tracker import`, Strong CSV, {import_sets:,} sets, into the seeded database | "
        f"{seconds:.2f} | {import_sets / seconds:,.0f} | {seconds / copy_seconds:.0f} |",
        f"| `COPY ... FROM STDIN (FORMAT csv)` of the same file into a bare table | "
        f"{copy_seconds:.3f} | {import_sets / copy_seconds:,.0f} | 1 |",
        "",
        "### Plan: `report imbalance`, one lifter (EXPLAIN ANALYZE)",
        "",
        f"```\n{imbalance_plans[0]}\n```",
        "",
        f"Then {len(imbalance_plans) - 1} look-ups of one side's sets in one session (the best "
        "set per side), each an index scan, e.g.:",
        "",
        *[f"```\n{plan}\n```\n" for plan in imbalance_plans[1:2]],
        "### Plan: `report team`, every lifter (EXPLAIN ANALYZE)",
        "",
        *[f"```\n{plan}\n```\n" for plan in team_plans],
    ]
    return out
