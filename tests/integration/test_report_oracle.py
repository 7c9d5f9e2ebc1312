"""The reports' SQL path equals the pure oracle (domain.report_oracle), on both engines.

Hypothesis writes random training logs straight into the database (the CLI path is covered by
the reproductions in test_cli_reports.py; seeding through it would not fit the CI budget), then
`report imbalance --json`, `report history --json` and `report summary --json` must equal the
oracle's reports field by field: numbers to 0.01, every count and every side exactly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, delete, insert, select, update
from tests.conftest import Tracker

from tracker.adapters.orm import BodyWeight as BodyWeightRow
from tracker.adapters.orm import Exercise, Lifter, TrainingSession, WorkoutSet
from tracker.cli.context import App
from tracker.cli.report_json import history_json, imbalance_json, summary_json
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.model import Side
from tracker.domain.report_oracle import (
    LoggedSet,
    oracle_history,
    oracle_imbalance,
    oracle_summary,
)
from tracker.domain.units import Unit

EXAMPLES = int(os.environ.get("TRACKER_ORACLE_EXAMPLES", "200"))  # CI: at least 200
BASE = datetime(2025, 6, 1, 17, 30, tzinfo=UTC)
# Two dumbbells held, logged per dumbbell: Bulgarian Split Squat (one-sided, each leg's set
# carries both), Dumbbell Bench; the Alternating Dumbbell Curl holds two, but each arm's set
# moves one (issue 22: 10x10 a side is 200 kg, not 400).
UNILATERAL = (
    "Single Leg Press", "One-Arm Dumbbell Row", "Bulgarian Split Squat",
    "Alternating Dumbbell Curl",
)
BILATERAL = ("Back Squat", "Dumbbell Bench Press")
LOAD_COUNTS = {"Bulgarian Split Squat": 2, "Dumbbell Bench Press": 2}  # the others: 1
# Exercises whose loads (and volume in history and imbalance) are per dumbbell.
PER_DUMBBELL = ("One-Arm Dumbbell Row", "Bulgarian Split Squat", "Alternating Dumbbell Curl",
                "Dumbbell Bench Press")
FORMULAS = ("epley", "brzycki", "lander", "lombardi", "mayhew", "oconner", "wathan")

# Loads a lifter types: whole numbers, halves and quarters, 3 decimals, repeated often so
# that ties between sides and between sessions are common.
LOADS = st.sampled_from(
    [
        Decimal(x)
        for x in (
            "0",
            "20",
            "25",
            "34",
            "32",
            "52.5",
            "60",
            "61.25",
            "62.5",
            "135",
            "11.34",
            "0.125",
            "100",
            "99.999",
        )
    ]
)


@dataclass(frozen=True)
class Drawn:
    lifter: int  # 0: the reported lifter, 1: someone else
    session: int  # index into the sessions
    exercise: str
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    kind: str
    bodyweight: bool
    duration_s: int | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None


@st.composite
def drawn_set(draw: st.DrawFn) -> Drawn:
    exercise = draw(st.sampled_from(UNILATERAL + BILATERAL))
    unilateral = exercise in UNILATERAL
    return Drawn(
        lifter=draw(st.sampled_from([0, 0, 0, 1])),
        session=draw(st.integers(0, 7)),
        exercise=exercise,
        side=draw(st.sampled_from([Side.LEFT, Side.RIGHT])) if unilateral else None,
        reps=draw(st.one_of(st.integers(1, 12), st.integers(13, 100), st.just(0))),  # 0: failed
        load=draw(LOADS),
        unit=draw(st.sampled_from([Unit.KG, Unit.KG, Unit.LB])),
        kind=draw(st.sampled_from(["working", "working", "working", "warmup", "drop", "failure"])),
        bodyweight=draw(st.booleans().map(lambda b: b and draw(st.booleans()))),
        duration_s=draw(st.one_of(st.none(), st.integers(0, 300))),
        distance=draw(
            st.one_of(st.none(), st.sampled_from([Decimal("20"), Decimal("0.125"), Decimal("1.5")]))
        ),
        distance_unit=draw(st.sampled_from(["m", "km", "mi", "yd", "ft", "laps"])),
    )


def mirrored(sets: list[Drawn]) -> list[Drawn]:
    """Copy some sets to the other side: exact ties ("the hold week") become common."""
    out = list(sets)
    for s in sets[::2]:
        if s.side is not None:
            other = Side.RIGHT if s.side is Side.LEFT else Side.LEFT
            out.append(replace(s, side=other))
    return out


WEIGH_INS = st.lists(
    st.tuples(
        st.integers(0, 1),  # lifter
        st.integers(0, 60 * 24),  # hours before BASE
        st.sampled_from([Decimal("82.5"), Decimal("80"), Decimal("181.5"), Decimal("79.125")]),
        st.sampled_from([Unit.KG, Unit.LB]),
    ),
    max_size=3,
)


@st.composite
def training_log(draw: st.DrawFn) -> tuple[list[Drawn], list[datetime]]:
    sets = draw(st.lists(drawn_set(), min_size=6, max_size=30))
    if draw(st.booleans()):
        sets = mirrored(sets)
    if draw(st.booleans()):
        # The left side only beyond the formulas' 12 reps: compared by reps at a shared load
        # (read set by set) or by volume (issue 22).
        sets = [replace(s, reps=s.reps + 12) if s.side is Side.LEFT and 0 < s.reps <= 12 else s
                for s in sets]
    # Back-dated sessions: any order of ids against dates, some on the same day.
    offsets = draw(st.lists(st.integers(0, 60 * 24), min_size=8, max_size=8))
    starts = [BASE - timedelta(hours=h) for h in offsets]
    return sets, starts


@dataclass
class Seeder:
    url: str

    def __post_init__(self) -> None:
        self.engine = create_engine(self.url)
        with self.engine.begin() as conn:
            conn.execute(delete(WorkoutSet))
            conn.execute(delete(TrainingSession))
            names = UNILATERAL + BILATERAL
            rows = conn.execute(
                select(Exercise.name, Exercise.id, Exercise.body_part, Exercise.laterality).where(
                    Exercise.name.in_(names)
                )
            )
            self.exercises = {name: (ex_id, part, lat) for name, ex_id, part, lat in rows}
            # How often the summary's volume counts a logged load: written out here, not
            # taken from the code under test (two dumbbells held: the load counts twice).
            self.load_counts = {name: LOAD_COUNTS.get(name, 1) for name in self.exercises}
            self.lifters = [
                conn.execute(select(Lifter.id).where(Lifter.name == name)).scalar_one()
                for name in ("me", "other")
            ]
        assert set(self.exercises) == set(names)

    def seed(
        self,
        sets: list[Drawn],
        starts: list[datetime],
        unit: Unit,
        weigh_ins: list[tuple[int, int, Decimal, Unit]],
    ) -> tuple[list[LoggedSet], list[BodyWeight]]:
        """Store the sets and weigh-ins (both lifters); return the reported lifter's as the
        oracle sees them."""
        logged = []
        with self.engine.begin() as conn:
            conn.execute(delete(WorkoutSet))
            conn.execute(delete(TrainingSession))
            conn.execute(delete(BodyWeightRow))
            mine = []
            for lifter, hours, weight, weight_unit in weigh_ins:
                at = BASE - timedelta(hours=hours)
                conn.execute(insert(BodyWeightRow).values(
                    lifter_id=self.lifters[lifter], measured_at=at, weight=weight,
                    unit=weight_unit.value))
                if lifter == 0:
                    mine.append(BodyWeight(at, weight, weight_unit))
            mine.sort(key=lambda e: e.measured_at)
            conn.execute(update(Lifter).where(Lifter.id == self.lifters[0]).values(unit=unit.value))
            # Explicit ids: one session per (lifter, index) that has sets.
            session_ids = {(s.lifter, s.session): s.lifter * 8 + s.session + 1 for s in sets}
            if session_ids:
                conn.execute(
                    insert(TrainingSession),
                    [
                        {"id": sid, "lifter_id": self.lifters[lifter], "started_at": starts[index]}
                        for (lifter, index), sid in session_ids.items()
                    ],
                )
            rows = []
            for position, s in enumerate(sets):
                ex_id, part, _ = self.exercises[s.exercise]
                sid = session_ids[(s.lifter, s.session)]
                rows.append(
                    {
                        "session_id": sid,
                        "lifter_id": self.lifters[s.lifter],
                        "exercise_id": ex_id,
                        "side": s.side.value if s.side else None,
                        "reps": s.reps,
                        "load": s.load,
                        "unit": s.unit.value,
                        "bodyweight": s.bodyweight,
                        "kind": s.kind,
                        "performed_at": starts[s.session] + timedelta(minutes=position),
                        "duration_s": s.duration_s,
                        "distance": s.distance,
                        "distance_unit": s.distance_unit if s.distance is not None else None,
                        "position": position,
                    }
                )
                if s.lifter == 0:
                    logged.append(
                        LoggedSet(
                            s.exercise,
                            part,
                            sid,
                            starts[s.session],
                            s.side,
                            s.reps,
                            s.load,
                            s.unit,
                            s.kind,
                            s.bodyweight,
                            rows[-1]["performed_at"],  # type: ignore[arg-type]
                            s.duration_s,
                            s.distance,
                            s.distance_unit if s.distance is not None else None,
                            int(self.load_counts[s.exercise]),
                            "dumbbell" if s.exercise in PER_DUMBBELL else None,
                        )
                    )
            if rows:
                conn.execute(insert(WorkoutSet), rows)
        return logged, mine


def assert_same(actual: Any, expected: Any, path: str = "") -> None:
    """Equal field by field; numbers to 0.01 (both sides round the same exact value)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict) and actual.keys() == expected.keys(), path
        for key in expected:
            assert_same(actual[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), path
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_same(a, e, f"{path}[{i}]")
    elif isinstance(expected, float) and not isinstance(expected, bool):
        assert isinstance(actual, int | float) and abs(actual - expected) <= 0.0100001, (
            path, actual, expected,
        )
    else:
        assert actual == expected, (path, actual, expected)


OPTIONS = st.fixed_dictionaries(
    {
        "unit": st.sampled_from([Unit.KG, Unit.LB]),
        "formula": st.sampled_from(FORMULAS),
        "metric": st.sampled_from(["e1rm", "e1rm", "volume", "reps", "duration", "distance"]),
        "recent": st.integers(1, 4),
        "since_days": st.one_of(st.none(), st.integers(0, 60)),
        "exercise": st.sampled_from([None, *UNILATERAL]),
        "history_of": st.sampled_from(UNILATERAL + BILATERAL),
        "history_side": st.sampled_from([None, Side.LEFT, Side.RIGHT]),
        "pairs": st.booleans(),
        "weigh_ins": WEIGH_INS,
    }
)


def test_reports_equal_the_oracle(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    tracker.ok("lifter", "add", "other")  # creates the schema, the catalog and a second lifter
    tracker.ok("report", "summary")  # and the default lifter
    seeder = Seeder(tracker.url)
    # Every command still parses, runs the service's SQL and renders; only the engine (and its
    # connection pool and compiled-statement cache) is shared between the commands.
    monkeypatch.setattr(App, "engine", lambda app: seeder.engine)
    monkeypatch.setattr(App, "close", lambda app: None)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(log=training_log(), options=OPTIONS)
    def check(log: tuple[list[Drawn], list[datetime]], options: dict[str, Any]) -> None:
        sets, starts = log
        unit: Unit = options["unit"]
        logged, weights = seeder.seed(sets, starts, unit, options["weigh_ins"])
        since = None
        since_args: list[str] = []
        if options["since_days"] is not None:
            day = (BASE - timedelta(days=options["since_days"])).date()
            since = datetime(day.year, day.month, day.day, tzinfo=UTC)
            since_args = ["--since", day.isoformat()]
        formula, metric, recent = options["formula"], options["metric"], options["recent"]

        exercise = options["exercise"]
        args = ["report", "imbalance", *([exercise] if exercise else []), *since_args,
                "--formula", formula, "--metric", metric, "--recent", str(recent)]
        expected = oracle_imbalance(logged, "me", unit, exercise=exercise, since=since,
                                    metric=metric, formula=formula, recent=recent,
                                    body_weights=weights)
        assert_same(tracker.json(*args), imbalance_json(expected), "imbalance")

        name = options["history_of"]
        side = options["history_side"] if name in UNILATERAL else None
        laterality = seeder.exercises[name][2]
        args = ["report", "history", name, *since_args, "--formula", formula]
        args += ["--side", side.value] if side else []
        args += [] if options["pairs"] else ["--count-sides"]
        expected_history = oracle_history(
            logged, "me", unit, name, laterality, side=side, since=since, formula=formula,
            body_weights=weights, pairs=options["pairs"],
            per="dumbbell" if name in PER_DUMBBELL else None,
        )
        assert_same(tracker.json(*args), history_json(expected_history), "history")

        summary_since = since or datetime(2020, 1, 1, tzinfo=UTC)
        args = ["report", "summary", "--since", summary_since.date().isoformat()]
        args += [] if options["pairs"] else ["--count-sides"]
        expected_summary = oracle_summary(logged, "me", unit, since=summary_since,
                                          pairs=options["pairs"], body_weights=weights)
        assert_same(tracker.json(*args), summary_json(expected_summary), "summary")

    try:
        check()
    finally:
        seeder.engine.dispose()


def test_assert_same_catches_a_difference() -> None:
    """The comparison itself can fail: a cent off, a count off, a side named differently."""

    assert_same({"a": 1.0, "b": [1, "left"]}, {"a": 1.005, "b": [1, "left"]})
    for wrong in ({"a": 1.02, "b": [1, "left"]}, {"a": 1.0, "b": [2, "left"]},
                  {"a": 1.0, "b": [1, "right"]}):
        with pytest.raises(AssertionError):
            assert_same(wrong, {"a": 1.0, "b": [1, "left"]})
