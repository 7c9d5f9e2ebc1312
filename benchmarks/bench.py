r"""tracker against floors run in the same process tree (issue 26), as markdown tables.

Usage: run it with the Python that has tracker's dependencies, the tree to measure first on
PYTHONPATH (the tracker subprocesses inherit the environment; `tracker` is the script next to
that Python, else `python -m tracker`). On this project's machine, with the shared venv:

    # smoke run (small sizes, a few minutes), from any checkout's root:
    PYTHONPATH=src /work/main/.venv/bin/python benchmarks/bench.py --quick
    # the full run (about an hour on 2 busy cores, most of it `report html` at 1M sets),
    # e.g. "after" on main:
    cd /work/main && PYTHONPATH=src .venv/bin/python benchmarks/bench.py --label after \
        --pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    # another tree measured with this script, e.g. "before" (a git worktree of 490b423):
    cd /work/main && PYTHONPATH=/work/wt/before/src .venv/bin/python benchmarks/bench.py \
        --label before --pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres

    --only startup|gym|report|pg|import   one part (repeatable; default: all)
    --runs N      interleaved runs per measure (default 7, --quick 3)
    --keep        keep the PostgreSQL databases (dropped by default)
    --report-sets 100000   only these sizes in the report part (default 100000,1000000)

Without --pg the PostgreSQL part is skipped. Every figure is a ratio to a floor measured
interleaved with it, run by run (floor, tracker, floor, tracker ...), on the same data, each a
process of its own: the ratio is of the medians, with the range of the runs' own ratios beside
it. Peak RSS is the largest of the runs (the process's own, from /usr/bin/time -f %M, which
also wraps the floors). Data is synthetic, dated backwards from now. Not run by the tests.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gym_pg  # noqa: E402

PYTHON = sys.executable
_SCRIPT = shutil.which("tracker", path=str(Path(PYTHON).parent))
TRACKER = [_SCRIPT] if _SCRIPT else [PYTHON, "-m", "tracker"]
PARTS = ("startup", "gym", "report", "pg", "import")
# A child's ru_maxrss counts its parent's RSS at the fork (Linux keeps the old memory's high-water
# mark across exec), and this process grows as it makes data: GNU time, a small process, reports
# the child's own peak instead. Without it, a peak below this process's own RSS means nothing.
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")
RSS_FILE = Path(tempfile.gettempdir()) / f"tracker-bench-rss-{os.getpid()}"


# --- running and timing -------------------------------------------------------------------


@dataclass
class Case:
    """One command measured: `before` runs untimed before each run (a fresh copy of a file)."""

    name: str
    cmd: list[str]
    env: dict[str, str]
    stdin: Path | None = None
    before: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)
    peak_kib: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run_once(case: Case) -> None:
    if case.before is not None:
        case.before()
    source = case.stdin.open("rb") if case.stdin else subprocess.DEVNULL
    cmd = [GNU_TIME, "-f", "%M", "-o", str(RSS_FILE), *case.cmd] if GNU_TIME else case.cmd
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=case.env, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    errors = proc.stderr.read()  # a child blocked on a full stderr pipe would never end
    _, status, usage = os.wait4(proc.pid, 0)
    case.times.append(time.perf_counter() - start)
    if case.stdin:
        source.close()  # type: ignore[union-attr]
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(case.cmd)}:\n{errors.decode(errors='replace')}")
    own = int(RSS_FILE.read_text().split()[-1]) if GNU_TIME else usage.ru_maxrss
    case.peak_kib = max(case.peak_kib, own)


def interleave(cases: list[Case], runs: int) -> None:
    """Each run runs every case once, in order: the load of the moment falls on all alike."""
    for _ in range(runs):
        for case in cases:
            run_once(case)


def ratio(ours: Case, floor: Case) -> str:
    """Ratio of the medians, and the range of the runs' own ratios."""
    each = [a / b for a, b in zip(ours.times, floor.times, strict=True)]
    return f"**{ours.median / floor.median:.2f}** ({min(each):.2f}-{max(each):.2f})"


def mib(case: Case) -> str:
    return f"{case.peak_kib / 1024:.0f}"


def quiet(cmd: list[str], env: dict[str, str]) -> None:
    subprocess.run(cmd, env=env, check=True, capture_output=True)


def progress(row: str) -> None:
    """A measured row, at once on stderr: a long run interrupted keeps what it measured."""
    print(f"{datetime.now(UTC):%H:%M:%S} {row}", file=sys.stderr, flush=True)


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


# --- synthetic data -----------------------------------------------------------------------


def history_dates(count: int, now: datetime | None = None) -> list[datetime]:
    """``count`` workout start times, oldest first, the last one a day before ``now``: one a
    day, or closer together when a day each would reach back more than ten years (tracker
    refuses sets dated in the future, so a history must end in the past)."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    step = min(timedelta(days=1), timedelta(days=3650) / max(count, 1))
    last = now - timedelta(days=1)
    return [last - step * (count - 1 - i) for i in range(count)]


def new_database(db: Path, env: dict[str, str]) -> None:
    """A database made by tracker itself: schema, built-in catalog and the lifter 'me'."""
    quiet([*TRACKER, "lifter", "list"], {**env, "TRACKER_DB": str(db)})


UNILATERAL = (
    "SELECT id FROM exercise WHERE laterality = 'unilateral' AND parent_id IS NOT NULL "
    "ORDER BY name LIMIT 6"
)
SLP = "SELECT exercise_id FROM exercise_alias WHERE key = 'slp'"


def fill_sets(db: Path, n_sets: int, exercise_sql: str = UNILATERAL, per_session: int = 24) -> None:
    """Working sets of unilateral exercises (left, right, left ...) straight into a database
    tracker made, for the lifter 'me', in finished sessions dated backwards from now."""
    rng = random.Random(7)
    con = sqlite3.connect(db)
    lifter = con.execute("SELECT id FROM lifter WHERE name = 'me'").fetchone()[0]
    exercises = [row[0] for row in con.execute(exercise_sql)]
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    n_sessions = -(-n_sets // per_session)
    starts = history_dates(n_sessions)
    con.executemany(
        "INSERT INTO training_session (lifter_id, started_at, finished_at) VALUES (?, ?, ?)",
        [(lifter, s.strftime(fmt), (s + timedelta(hours=1)).strftime(fmt)) for s in starts],
    )
    first = con.execute("SELECT min(id) FROM training_session").fetchone()[0]
    per_exercise = max(1, per_session // len(exercises))
    rows: list[tuple[object, ...]] = []
    for s, started in enumerate(starts):
        when = (started + timedelta(minutes=5)).strftime(fmt)
        for k in range(min(per_session, n_sets - s * per_session)):
            rows.append(
                (
                    first + s,
                    lifter,
                    exercises[(k // per_exercise) % len(exercises)],
                    "left" if k % 2 == 0 else "right",
                    rng.randint(6, 12),
                    40 + s // 10 * 2.5 + rng.choice((0, 2.5, 5)),
                    "kg",
                    0,
                    "working",
                    when,
                    k,
                )
            )
        if len(rows) >= 100_000 or s == n_sessions - 1:
            con.executemany(
                "INSERT INTO workout_set (session_id, lifter_id, exercise_id, side, reps, load, "
                "unit, bodyweight, kind, performed_at, position) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            rows.clear()
    con.commit()
    con.execute("ANALYZE")
    con.close()


def fresh_copy(base: Path, db: Path) -> Callable[[], None]:
    def copy() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(base, db)

    return copy


# --- start-up -----------------------------------------------------------------------------

# Issue 16's start-up targets. `tracker` pauses the garbage collector during start-up and
# freezes what it imported (cli/startup.py); FROZEN is a floor that does the same.
FROZEN = "import gc; gc.disable(); import sqlalchemy.orm, click; gc.freeze()"
STARTUP = (
    (["--help"], "import click", "1.3"),
    (["session", "list"], "import sqlalchemy.orm, click", "1.2"),
    (["session", "list"], FROZEN, "1.2"),
    (["lifter", "list"], "import sqlalchemy.orm, click", "1.2"),
)


def startup(tmp: Path, env: dict[str, str], runs: int) -> list[str]:
    local = {**env, "TRACKER_DB": str(tmp / "startup.db")}
    quiet([*TRACKER, "log", "leg press", "8x100"], local)
    out = [
        "| command | median s | floor | median s | ratio (range) | goal |",
        "|---|---|---|---|---|---|",
    ]
    for args, floor_code, goal in STARTUP:
        ours = Case("tracker", [*TRACKER, *args], local)
        floor = Case("floor", [PYTHON, "-c", floor_code], local)
        interleave([floor, ours], runs)
        out.append(
            f"| `tracker {' '.join(args)}` | {ours.median:.3f} | `python -c '{floor_code}'` "
            f"| {floor.median:.3f} | {ratio(ours, floor)} | {goal} |"
        )
        progress(out[-1])
    return out


# --- 1. the gym line ----------------------------------------------------------------------

GYM_LINE = "slp -l 10x60 -r 10x62.5\n"
# The same two rows a gym line stores, each line its own durable transaction, WAL. tracker sets
# no `synchronous` (adapters/db.py), so SQLite's default applies: FULL; the floor says so.
RAW_WRITE = """
import sqlite3, sys
from datetime import UTC, datetime
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA synchronous = FULL")
con.execute("PRAGMA foreign_keys = ON")
lifter = con.execute("SELECT id FROM lifter WHERE name = 'me'").fetchone()[0]
exercise = con.execute("SELECT exercise_id FROM exercise_alias WHERE key = 'slp'").fetchone()[0]
now = lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
session = con.execute("INSERT INTO training_session (lifter_id, started_at) VALUES (?, ?)",
                      (lifter, now())).lastrowid
insert = ("INSERT INTO workout_set (session_id, lifter_id, exercise_id, side, reps, load, unit, "
          "bodyweight, kind, performed_at, position, batch) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
for i in range(int(sys.argv[2])):
    con.execute("BEGIN IMMEDIATE")
    when = now()
    con.execute(insert, (session, lifter, exercise, "left", 10, 60, "kg", 0, "working", when,
                         2 * i, i))
    con.execute(insert, (session, lifter, exercise, "right", 10, 62.5, "kg", 0, "working", when,
                         2 * i + 1, i))
    con.execute("COMMIT")
"""


def gym(tmp: Path, env: dict[str, str], runs: int, history: int, lines: int) -> list[str]:
    """Per line = (T(`lines` lines piped to `tracker gym`) - T(0 lines)) / `lines`, on an
    empty log and on one with `history` sets of Single Leg Press; the floor is RAW_WRITE
    timed the same way on a copy of the same database."""
    empty, script = tmp / "gym-0.txt", tmp / f"gym-{lines}.txt"
    empty.write_text("", encoding="utf-8")
    script.write_text(GYM_LINE * lines, encoding="utf-8")
    raw_lines = 10 * lines  # the floor's lines cost little: more of them, less noise
    per_line: dict[tuple[int, str], list[float]] = {}
    peaks: dict[int, Case] = {}
    cases: list[Case] = []
    for sets in (0, history):
        base = tmp / f"gym-base-{sets}.db"
        new_database(base, env)
        if sets:
            fill_sets(base, sets, SLP, per_session=8)
        db = tmp / f"gym-{sets}.db"
        local = {**env, "TRACKER_DB": str(db)}
        fresh = fresh_copy(base, db)
        raw = [PYTHON, "-c", RAW_WRITE, str(db)]
        cases += [
            Case(f"{sets}-floor-0", [*raw, "0"], local, before=fresh),
            Case(f"{sets}-floor-n", [*raw, str(raw_lines)], local, before=fresh),
            Case(f"{sets}-gym-0", [*TRACKER, "gym"], local, stdin=empty, before=fresh),
            Case(f"{sets}-gym-n", [*TRACKER, "gym"], local, stdin=script, before=fresh),
        ]
    interleave(cases, runs)
    by_name = {case.name: case for case in cases}
    for sets in (0, history):
        for who, count in (("floor", raw_lines), ("gym", lines)):
            zero, full = by_name[f"{sets}-{who}-0"], by_name[f"{sets}-{who}-n"]
            per_line[sets, who] = [
                (n - z) / count for n, z in zip(full.times, zero.times, strict=True)
            ]
        peaks[sets] = by_name[f"{sets}-gym-n"]

    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000

    def rel(top: list[float], bottom: list[float]) -> str:
        each = [a / b for a, b in zip(top, bottom, strict=True)]
        return (
            f"**{statistics.median(top) / statistics.median(bottom):.2f}** "
            f"({min(each):.2f}-{max(each):.2f})"
        )

    empty_gym, full_gym = per_line[0, "gym"], per_line[history, "gym"]
    out = [
        f"Per line = (T({lines} lines piped to `tracker gym`) - T(0 lines)) / {lines}, each "
        f"line `{GYM_LINE.strip()}` (2 rows); the raw write is the same 2 rows per line with "
        "Python's sqlite3, one transaction a line, WAL, synchronous FULL, into a copy of the "
        f"same database, timed the same way over {raw_lines} lines.",
        "",
        "| history | tracker ms/line | raw write ms/line | x raw write (range) "
        "| x empty log (range) | gym peak RSS MiB | goal |",
        "|---|---|---|---|---|---|---|",
        f"| empty log | {ms(empty_gym):.2f} | {ms(per_line[0, 'floor']):.2f} "
        f"| {rel(empty_gym, per_line[0, 'floor'])} | 1 | {mib(peaks[0])} | |",
        f"| {history:,} sets of Single Leg Press | {ms(full_gym):.2f} "
        f"| {ms(per_line[history, 'floor']):.2f} | {rel(full_gym, per_line[history, 'floor'])} "
        f"| {rel(full_gym, empty_gym)} | {mib(peaks[history])} | 3x raw, 1.5x empty |",
    ]
    return out


# --- 2 and 3. reports on SQLite -----------------------------------------------------------

# The raw pivot (hand SQL for psql too): best Epley e1RM (x30, exact for loads in SQLite's
# REAL) per exercise, session and side, left and right side by side per session, the last 3
# sessions with both sides per exercise.
PIVOT_SQL = """
WITH per_side AS (
  SELECT s.exercise_id, s.session_id, t.started_at, s.side, max(s.load * (30 + s.reps)) AS best
  FROM workout_set s JOIN training_session t ON t.id = s.session_id
  WHERE s.lifter_id = (SELECT id FROM lifter WHERE name = '{lifter}')
    AND t.lifter_id = s.lifter_id
    AND s.side IS NOT NULL AND s.kind <> 'warmup' AND s.reps >= 1 AND s.load > 0
  GROUP BY s.exercise_id, s.session_id, t.started_at, s.side
), pivot AS (
  SELECT exercise_id, session_id, started_at,
         max(CASE WHEN side = 'left' THEN best END) AS left_best,
         max(CASE WHEN side = 'right' THEN best END) AS right_best
  FROM per_side GROUP BY exercise_id, session_id, started_at
), ranked AS (
  SELECT pivot.*, row_number() OVER (
           PARTITION BY exercise_id ORDER BY started_at DESC, session_id DESC) AS rank
  FROM pivot WHERE left_best IS NOT NULL AND right_best IS NOT NULL
)
SELECT e.name, r.session_id, r.started_at, r.left_best, r.right_best
FROM ranked r JOIN exercise e ON e.id = r.exercise_id
WHERE r.rank <= 3 ORDER BY e.name, r.rank
"""
# The same pivot for every session, as `report imbalance --json` lists them (its "sessions"):
# the least any tracker could do to print what that JSON holds.
PIVOT_ALL_SQL = (
    PIVOT_SQL.split("), ranked AS (")[0]
    + """)
SELECT e.name, p.session_id, p.started_at, p.left_best, p.right_best
FROM pivot p JOIN exercise e ON e.id = p.exercise_id
ORDER BY e.name, p.started_at, p.session_id
"""
)
RAW_PIVOT = """
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
print(json.dumps(con.execute(sys.argv[2]).fetchall()))
"""


def reports(tmp: Path, env: dict[str, str], runs: int, sizes: list[int]) -> list[str]:
    out = [
        "| sets | pivot s | `report imbalance --json` s | x pivot (range) "
        "| x every-session pivot (range) "
        "| `report html` s | x pivot (range) | html x imbalance (range) "
        "| peak RSS MiB: pivot / imbalance / html |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n in sizes:
        db = tmp / f"report-{n}.db"
        new_database(db, env)
        fill_sets(db, n)
        local = {**env, "TRACKER_DB": str(db)}
        pivot = Case(
            "pivot", [PYTHON, "-c", RAW_PIVOT, str(db), PIVOT_SQL.format(lifter="me")], local
        )
        every = Case(
            "every", [PYTHON, "-c", RAW_PIVOT, str(db), PIVOT_ALL_SQL.format(lifter="me")], local
        )
        imbalance = Case("imbalance", [*TRACKER, "report", "imbalance", "--json"], local)
        html = Case("html", [*TRACKER, "report", "html", "-o", str(tmp / "report.html")], local)
        interleave([pivot, every, imbalance, html], runs)
        out.append(
            f"| {n:,} | {pivot.median:.3f} | {imbalance.median:.3f} | {ratio(imbalance, pivot)} "
            f"| {ratio(imbalance, every)} | {html.median:.3f} | {ratio(html, pivot)} "
            f"| {ratio(html, imbalance)} "
            f"| {mib(pivot)} / {mib(imbalance)} / {mib(html)} |"
        )
        progress(out[-1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    out += ["", "Goals: imbalance 1.5x the pivot; html 2x imbalance; memory flat in sets."]
    return out


# --- 4. PostgreSQL ------------------------------------------------------------------------


def postgres(
    admin_url: str, env: dict[str, str], runs: int, sizes: list[tuple[int, int, str]], keep: bool
) -> list[str]:
    out = [
        "One lifter's `tracker --lifter lifter001 report imbalance --json`, against the pivot "
        "above as hand-written SQL run by `psql` and against `python -c "
        '"import sqlalchemy.orm, click"`.',
        "",
        "| lifters x sets each | seeding | tracker s | psql s | x psql (range) "
        "| import floor s | x import floor (range) | tracker peak RSS MiB | goal |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for lifters, sets, goal in sizes:
        url = gym_pg.create_database(admin_url, f"{lifters}x{sets}")
        try:
            local = {**env, "TRACKER_DB": url}
            local.pop("TRACKER_LIFTER", None)
            seeded = gym_pg.seed(
                url,
                lambda *args, env=local: quiet([*TRACKER, *args], env),
                lifters,
                sets,
                history_dates,
            )
            psql = Case(
                "psql",
                [
                    "psql",
                    gym_pg.plain_url(url),
                    "-X",
                    "-q",
                    "-A",
                    "-t",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-c",
                    PIVOT_SQL.format(lifter="lifter001"),
                ],
                local,
            )
            imports = Case("import", [PYTHON, "-c", "import sqlalchemy.orm, click"], local)
            ours = Case(
                "tracker",
                [*TRACKER, "--lifter", "lifter001", "report", "imbalance", "--json"],
                local,
            )
            interleave([psql, imports, ours], runs)
        finally:
            if not keep:
                gym_pg.drop_database(admin_url, url)
        out.append(
            f"| {lifters} x {sets:,} | {int(seeded['sets']):,} sets by COPY in "
            f"{seeded['copy'] + seeded['indexes'] + seeded['vacuum_analyze']:.0f} s "
            f"| {ours.median:.3f} | {psql.median:.3f} | {ratio(ours, psql)} "
            f"| {imports.median:.3f} | {ratio(ours, imports)} | {mib(ours)} "
            f"| {goal} |"
        )
        progress(out[-1])
        if keep:
            out.append(f"| kept: `{url}` | | | | | | | | |")
    return out


# --- 5. import ----------------------------------------------------------------------------

STRONG_HEADER = [
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "RPE",
]


def strong_csv(path: Path, n_sets: int) -> None:
    """A Strong export: 20 sets a workout, dated backwards from now."""
    names = ["Bench Press (Barbell)", "Squat (Barbell)", "Leg Press", "Bent Over Row (Barbell)"]
    days = history_dates(n_sets // 20 + 1, datetime.now())
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(STRONG_HEADER)
        for i in range(n_sets):
            out.writerow(
                [
                    days[i // 20].strftime("%Y-%m-%d %H:%M:%S"),
                    "W",
                    "1h 5m",
                    names[(i // 5) % 4],
                    i % 5 + 1,
                    50 + i % 40,
                    5 + i % 6,
                    0,
                    0,
                    "",
                ]
            )


# csv.reader + executemany into a table of the file's columns, numbers converted, WAL.
RAW_IMPORT = """
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("PRAGMA journal_mode = WAL")
con.execute("CREATE TABLE strong (date TEXT, workout TEXT, duration TEXT, exercise TEXT, "
            "set_order INTEGER, weight REAL, reps INTEGER, distance REAL, seconds REAL, rpe REAL)")
def number(text, kind):
    return kind(text) if text else None
with open(sys.argv[2], newline="", encoding="utf-8") as handle:
    rows = csv.reader(handle)
    next(rows)
    con.executemany("INSERT INTO strong VALUES (?,?,?,?,?,?,?,?,?,?)", (
        (r[0], r[1], r[2], r[3], int(r[4]), float(r[5]), int(r[6]), number(r[7], float),
         number(r[8], float), number(r[9], float)) for r in rows))
con.commit()
"""


def imports(tmp: Path, env: dict[str, str], runs: int, n: int) -> list[str]:
    path = tmp / f"strong-{n}.csv"
    strong_csv(path, n)
    base, db, floor_db = tmp / "import-base.db", tmp / "import.db", tmp / "import-floor.db"
    new_database(base, env)
    local = {**env, "TRACKER_DB": str(db)}

    def no_floor_db() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{floor_db}{suffix}").unlink(missing_ok=True)

    floor = Case(
        "floor", [PYTHON, "-c", RAW_IMPORT, str(floor_db), str(path)], local, before=no_floor_db
    )
    ours = Case("import", [*TRACKER, "import", str(path)], local, before=fresh_copy(base, db))
    interleave([floor, ours], runs)
    return [
        "| sets | tracker s | µs a set | floor s | x floor (range) "
        "| peak RSS MiB: tracker / floor | goal |",
        "|---|---|---|---|---|---|---|",
        f"| {n:,} | {ours.median:.2f} | {ours.median / n * 1e6:.0f} | {floor.median:.3f} "
        f"| {ratio(ours, floor)} | {mib(ours)} / {mib(floor)} | 4x |",
    ]


# --- the run ------------------------------------------------------------------------------


def describe(env: dict[str, str], label: str, pg: str | None) -> list[str]:
    where = subprocess.run(
        [PYTHON, "-c", "import tracker; print(tracker.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tree = Path(where).parent
    commit = subprocess.run(
        ["git", "-C", str(tree), "log", "-1", "--format=%h %s"],
        capture_output=True,
        text=True,
    ).stdout.strip()[:100]
    dirty = subprocess.run(
        ["git", "-C", str(tree), "status", "--porcelain", "--", "."],
        capture_output=True,
        text=True,
    ).stdout.strip()
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    lines = [
        f"- label: **{label}**; tracker from `{tree}`, commit `{commit or 'not a git tree'}`"
        + (" (with uncommitted changes)" if dirty else ""),
        f"- {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores ({cpu}); Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}" + (f"; PostgreSQL {gym_pg.server_version(pg)}" if pg else ""),
        f"- load average (1/5/15 min) at the start: {load()}",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--only", action="append", choices=PARTS, help="run only this part")
    parser.add_argument("--runs", type=int, help="interleaved runs per measure (7; quick 3)")
    parser.add_argument("--label", default="this tree", help="what is measured (before, after)")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL server to make databases on")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    parser.add_argument(
        "--report-sets", metavar="N,N", help="sizes of the SQLite report part (100000,1000000)"
    )
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    parts = args.only or list(PARTS)
    # As an installed tracker runs: with its bytecode cached.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    started = time.perf_counter()
    out = [f"# tracker benchmark ({'quick, ' if args.quick else ''}median of {runs} runs)", ""]
    out += describe(env, args.label, args.pg if "pg" in parts else None)
    print("\n".join(out), flush=True)
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmpdir:
        tmp = Path(tmpdir)
        env["TRACKER_DB"] = str(tmp / "default.db")
        titles = {
            "startup": "Start-up against a bare import",
            "gym": "1. The gym line",
            "report": "2, 3. `report imbalance` and `report html` on SQLite against a raw pivot",
            "pg": "4. `report imbalance` for one lifter on PostgreSQL",
            "import": "5. `tracker import` of a Strong CSV against csv.reader + executemany",
        }
        for part in PARTS:
            if part not in parts:
                continue
            if part == "pg" and not args.pg:
                section = ["Skipped: no --pg URL."]
            else:
                began, load_before = time.perf_counter(), load()
                if part == "startup":
                    section = startup(tmp, env, runs)
                elif part == "gym":
                    section = gym(tmp, env, runs, *((2_000, 30) if args.quick else (40_000, 300)))
                elif part == "report":
                    sizes = [10_000, 30_000] if args.quick else [100_000, 1_000_000]
                    if args.report_sets:
                        sizes = [int(n) for n in args.report_sets.split(",")]
                    section = reports(tmp, env, runs, sizes)
                elif part == "pg":
                    big, small = (
                        ((3, 20_000), (3, 1_000)) if args.quick else ((20, 250_000), (20, 5_000))
                    )
                    pg_sizes = [(*big, "1.5x psql"), (*small, "1.5x import")]
                    section = postgres(args.pg, env, runs, pg_sizes, args.keep)
                else:
                    section = imports(tmp, env, runs, 5_000 if args.quick else 100_000)
                section += [
                    "",
                    f"Load average {load_before} at the start, {load()} at the end; "
                    f"{time.perf_counter() - began:.0f} s.",
                ]
            text = "\n".join(["", f"## {titles[part]}", "", *section])
            print(text, flush=True)
    RSS_FILE.unlink(missing_ok=True)
    print(f"\nWhole run: {time.perf_counter() - started:.0f} s, load average at the end {load()}.")


if __name__ == "__main__":
    main()
