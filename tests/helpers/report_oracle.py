"""The reports computed straight from a list of logged sets: no database, no aggregation tricks.

This is the oracle the SQL path must equal (a property test compares the two on SQLite and
PostgreSQL), and the engine of the in-memory report queries (tests/helpers/fake_reports.py).
It walks every set one by one, in Decimal, with the rules of domain.report_figures; the
reports' SQL path groups and sums in the database instead.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from tracker.domain.bodyweight import BodyWeight
from tracker.domain.model import Side
from tracker.domain.report_figures import (
    AllTime,
    ExerciseSession,
    HistoryReport,
    ImbalanceReport,
    SessionSides,
    SetGroup,
    SideSession,
    SummaryReport,
    best_measures,
    best_set_of,
    exercise_imbalance,
    history_entries,
    metres,
    set_group,
    side_figures,
    sort_exercises,
    summary_of,
)
from tracker.domain.units import Unit, convert


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One stored set, as the oracle sees it."""

    exercise: str
    body_part: str
    session_id: int
    started_at: dt.datetime  # the session's start
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    kind: str = "working"
    bodyweight: bool = False
    performed_at: dt.datetime | None = None  # None: the session's start
    duration_s: Decimal | None = None
    distance: Decimal | None = None
    distance_unit: str | None = None
    load_count: int = 1  # the summary's volume counts the load this often: 2 for 2 dumbbells
    per: str | None = None  # "dumbbell" when the exercise's load is logged per dumbbell

    @property
    def volume_count(self) -> int:
        """A bodyweight set's volume is the body (plus or minus the load), counted once."""
        return 1 if self.bodyweight else self.load_count

    def group(self, body_weights: Sequence[BodyWeight]) -> SetGroup:
        """The set with its load: a bodyweight set weighs the body weight at the time."""
        return set_group(
            self.reps, self.load, self.unit, self.bodyweight, self.performed_at or self.started_at,
            body_weights, self.duration_s, metres(self.distance, self.distance_unit),
        )


def counted(sets: Iterable[LoggedSet]) -> list[LoggedSet]:
    """Sets a report counts: not warm-ups, nor failed attempts (0 reps, no time or distance)."""
    return [
        s
        for s in sets
        if s.kind != "warmup" and (s.reps > 0 or s.duration_s is not None or s.distance is not None)
    ]


def _in_window(s: LoggedSet, since: dt.datetime | None, until: dt.datetime | None) -> bool:
    return (since is None or s.started_at >= since) and (until is None or s.started_at <= until)


def oracle_sessions(
    sets: Sequence[LoggedSet], unit: Unit, formula: str, body_weights: Sequence[BodyWeight]
) -> dict[str, list[SessionSides]]:
    """Per exercise, each session's left and right figures from its raw sets."""
    grouped: dict[tuple[str, int], dict[Side, list[LoggedSet]]] = defaultdict(
        lambda: defaultdict(list)
    )
    starts: dict[int, dt.datetime] = {}
    for s in sets:
        if s.side is not None:
            grouped[(s.exercise, s.session_id)][s.side].append(s)
            starts[s.session_id] = s.started_at
    result: dict[str, list[SessionSides]] = defaultdict(list)
    for (exercise, session_id), by_side in grouped.items():
        figures = {
            side: side_figures([s.group(body_weights) for s in logged], unit, formula)
            for side, logged in by_side.items()
        }
        result[exercise].append(
            SessionSides(session_id, starts[session_id], figures.get(Side.LEFT),
                         figures.get(Side.RIGHT))
        )
    return result


def oracle_imbalance(
    sets: Sequence[LoggedSet],
    lifter: str,
    unit: Unit,
    *,
    exercise: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    metric: str = "e1rm",
    formula: str = "epley",
    recent: int = 3,
    involved: Side | None = None,
    body_weights: Sequence[BodyWeight] = (),
) -> ImbalanceReport:
    working = [s for s in counted(sets) if exercise is None or s.exercise == exercise]
    in_window = [s for s in working if _in_window(s, since, until)]
    window = oracle_sessions(in_window, unit, formula, body_weights)
    reports = []
    for name, sessions in window.items():
        history = [s for s in working if s.exercise == name and s.side is not None]
        all_time = AllTime(
            best_set_of(
                [s.group(body_weights) for s in history if s.side is Side.LEFT], unit, formula
            ),
            best_set_of(
                [s.group(body_weights) for s in history if s.side is Side.RIGHT], unit, formula
            ),
            involved,
        )
        per = next((s.per for s in history), None)
        reports.append(
            exercise_imbalance(name, sessions, metric, recent, all_time, involved, per)
        )
    return ImbalanceReport(
        lifter=lifter,
        unit=unit,
        since=since.date() if since else None,
        until=until.date() if until else None,
        metric=metric,
        formula=formula,
        recent=recent,
        involved=involved,
        exercises=sort_exercises(reports),
    )


def by_session_side(
    sets: Iterable[LoggedSet], exercise: str
) -> dict[tuple[int, Side | None], list[LoggedSet]]:
    """The exercise's counted sets per session and side."""
    grouped: dict[tuple[int, Side | None], list[LoggedSet]] = defaultdict(list)
    for s in counted(sets):
        if s.exercise == exercise:
            grouped[(s.session_id, s.side)].append(s)
    return grouped


def oracle_side_sessions(
    grouped: dict[tuple[int, Side | None], list[LoggedSet]],
    unit: Unit,
    formula: str,
    body_weights: Sequence[BodyWeight],
) -> list[SideSession]:
    """The history's rows: one side (or none) of one session, from its raw sets."""
    return [
        SideSession(session_id, logged[0].started_at, this_side,
                    side_figures([s.group(body_weights) for s in logged], unit, formula))
        for (session_id, this_side), logged in grouped.items()
    ]


def oracle_history(
    sets: Sequence[LoggedSet],
    lifter: str,
    unit: Unit,
    exercise: str,
    laterality: str,
    *,
    side: Side | None = None,
    since: dt.datetime | None = None,
    formula: str = "epley",
    body_weights: Sequence[BodyWeight] = (),
    pairs: bool = True,
    per: str | None = None,
) -> HistoryReport:
    grouped = by_session_side(sets, exercise)
    rows = oracle_side_sessions(grouped, unit, formula, body_weights)
    return HistoryReport(
        lifter=lifter,
        exercise=exercise,
        unit=unit,
        formula=formula,
        laterality=laterality,
        entries=tuple(
            replace(
                e,
                best=best_measures(
                    (s.duration_s, s.distance, s.distance_unit)
                    for s in grouped[(e.session_id, e.side)]
                ),
            )
            for e in history_entries(rows, side, since, pairs)
        ),
        sets_counted_as="pairs" if pairs else "sides",
        per=per,
    )


def oracle_exercise_sessions(
    sets: Sequence[LoggedSet],
    unit: Unit,
    since: dt.datetime | None,
    body_weights: Sequence[BodyWeight],
) -> list[ExerciseSession]:
    """The summary's rows: one exercise in one session, from its raw sets."""
    grouped: dict[tuple[int, str], list[LoggedSet]] = defaultdict(list)
    for s in counted(sets):
        if since is None or s.started_at >= since:
            grouped[(s.session_id, s.exercise)].append(s)
    rows = []
    for (session_id, _), logged in grouped.items():
        counts: dict[Side | None, int] = defaultdict(int)
        for s in logged:
            counts[s.side] += 1
        rows.append(
            ExerciseSession(
                session_id=session_id,
                started_at=logged[0].started_at,
                body_part=logged[0].body_part,
                sets=dict(counts),
                reps=sum(s.reps for s in logged),
                volume=sum(
                    (
                        convert(g.total_volume, g.unit, unit) * s.volume_count
                        for s, g in ((s, s.group(body_weights)) for s in logged)
                    ),
                    Decimal(0),
                ),
            )
        )
    return rows


def oracle_summary(
    sets: Sequence[LoggedSet],
    lifter: str,
    unit: Unit,
    *,
    since: dt.datetime | None = None,
    pairs: bool = True,
    body_weights: Sequence[BodyWeight] = (),
) -> SummaryReport:
    rows = oracle_exercise_sessions(sets, unit, since, body_weights)
    return summary_of(lifter, unit, since, rows, pairs)
