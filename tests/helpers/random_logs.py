"""Random training logs written straight into the database (no CLI: seeding through it
would not fit the CI budget), for the property tests that compare every report and view with
the pure oracle (tests/helpers/report_oracle.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import strategies as st
from sqlalchemy import create_engine, delete, insert, select, update

from tests.helpers.report_oracle import LoggedSet
from tracker.adapters.orm import BodyWeight as BodyWeightRow
from tracker.adapters.orm import Exercise, Lifter, TrainingSession, WorkoutSet
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.model import Side
from tracker.domain.units import Unit

BASE = datetime(2025, 6, 1, 17, 30, tzinfo=UTC)
# Two dumbbells held, logged per dumbbell: Bulgarian Split Squat (one-sided, each leg's set
# carries both), Dumbbell Bench; the Alternating Dumbbell Curl holds two, but each arm's set
# moves one (issue 22: 10x10 a side is 200 kg, not 400).
UNILATERAL = (
    "Single Leg Press", "One-Arm Dumbbell Row", "Bulgarian Split Squat",
    "Alternating Dumbbell Curl",
)  # fmt: skip
BILATERAL = ("Back Squat", "Dumbbell Bench Press")
LOAD_COUNTS = {"Bulgarian Split Squat": 2, "Dumbbell Bench Press": 2}  # the others: 1
# Exercises whose loads (and volume in history and imbalance) are per dumbbell.
PER_DUMBBELL = ("One-Arm Dumbbell Row", "Bulgarian Split Squat", "Alternating Dumbbell Curl",
                "Dumbbell Bench Press")  # fmt: skip
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
            # Exact half-way LSIs and equal sides across paths: 5.67 against 5 x 16 and
            # 11.34 against 5 x 32 are 30.375; 175 loaded equals BW 165 + 10 (lb), and 100
            # loaded equals BW 90 + 10 (kg), read in either unit.
            "16",
            "5.67",
            "175",
            "10",
        )
    ]  # fmt: skip
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
    duration_s: Decimal | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None


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
        st.sampled_from([Decimal("82.5"), Decimal("80"), Decimal("181.5"), Decimal("79.125"),
                         Decimal("165"), Decimal("90")]),
        st.sampled_from([Unit.KG, Unit.LB]),
    ),
    max_size=3,
)


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
                    unit=weight_unit.value))  # fmt: skip
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
            # fmt: skip
        return logged, mine
