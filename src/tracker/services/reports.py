"""Imbalance, history and summary reports over SQL-aggregated sets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from tracker.adapters.queries import (
    GroupRow,
    SideFigures,
    grouped_sets,
    sets_of_side,
    side_session_figures,
    summary_rows,
)
from tracker.adapters.repository import BestMeasures
from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.asymmetry import (
    NOISE_ASYMMETRY_PCT,
    NOISE_MIN_SESSIONS,
    Consistency,
    SessionComparison,
    asymmetry_pct,
    consistency,
    lsi,
    status_for,
    verdict,
    weaker_side,
)
from tracker.domain.e1rm import estimate_1rm, formula_for, is_reliable
from tracker.domain.errors import InvalidValue
from tracker.domain.model import Laterality, Side
from tracker.domain.units import Unit, convert, round_display
from tracker.services.catalog import resolve_exercise
from tracker.services.lifters import current_lifter

METRICS = ("e1rm", "volume", "reps")


def num(value: Decimal | None) -> float | None:
    """A figure for JSON: the lifter's unit, 2 decimals."""
    return None if value is None else float(round_display(value))


@dataclass
class SideStats:
    """One side's working sets in a window (or in one session)."""

    sets: int = 0
    reps: int = 0
    volume: Decimal = Decimal(0)
    best_e1rm: Decimal | None = None
    best_reps: int | None = None
    best_load: Decimal | None = None  # in the lifter's unit
    best_typed: str | None = None  # the load as typed, with its unit
    best_session: int | None = None

    def merge(self, other: SideStats) -> None:
        """Add another session's figures to a window's."""
        self.sets += other.sets
        self.reps += other.reps
        self.volume += other.volume
        if other.best_e1rm is not None and (
            self.best_e1rm is None or other.best_e1rm > self.best_e1rm
        ):
            self.best_e1rm, self.best_session = other.best_e1rm, other.best_session
            self.best_reps, self.best_load = other.best_reps, other.best_load
            self.best_typed = other.best_typed

    def add(self, row: GroupRow, unit: Unit, formula: str) -> None:
        self.sets += row.sets
        self.reps += row.reps * row.sets
        self.volume += convert(row.volume, Unit(row.unit), unit)
        if row.reps < 1 or row.top_load <= 0:
            return
        load = convert(row.top_load, Unit(row.unit), unit)
        e1rm = estimate_1rm(load, row.reps, formula)
        if self.best_e1rm is None or e1rm > self.best_e1rm:
            self.best_e1rm, self.best_reps, self.best_load = e1rm, row.reps, load
            self.best_typed = f"{row.top_load.normalize():f} {row.unit}"
            self.best_session = row.session_id

    def metric(self, name: str) -> Decimal | None:
        if name == "e1rm":
            return self.best_e1rm
        if name == "volume":
            return self.volume if self.sets else None
        return Decimal(self.reps) if self.sets else None

    def as_json(self) -> dict[str, Any]:
        return {
            "sets": self.sets,
            "reps": self.reps,
            "volume": num(self.volume),
            "best_e1rm": num(self.best_e1rm),
            "best_set": None
            if self.best_reps is None
            else {"reps": self.best_reps, "load": num(self.best_load), "as_typed": self.best_typed},
            "reliable": self.best_reps is None or is_reliable(self.best_reps),
        }


@dataclass
class SessionStats:
    session_id: int
    started_at: datetime
    sides: dict[Side | None, SideStats] = field(default_factory=lambda: defaultdict(SideStats))


def by_session(rows: list[GroupRow], unit: Unit, formula: str) -> list[SessionStats]:
    sessions: dict[int, SessionStats] = {}
    for row in rows:
        stats = sessions.setdefault(row.session_id, SessionStats(row.session_id, row.started_at))
        stats.sides[Side(row.side) if row.side else None].add(row, unit, formula)
    return sorted(sessions.values(), key=lambda s: (s.started_at, s.session_id))


def check_options(metric: str, formula: str) -> None:
    if metric not in METRICS:
        raise InvalidValue(f'metric must be one of {", ".join(METRICS)}, got "{metric}"')
    formula_for(formula)


def imbalance_report(
    uow: UnitOfWork,
    lifter_name: str | None,
    exercise: str | None,
    since: datetime | None,
    until: datetime | None,
    metric: str = "e1rm",
    formula: str = "epley",
) -> dict[str, Any]:
    """Left against right per unilateral exercise, most asymmetric first."""
    check_options(metric, formula)
    if since is not None and until is not None and since > until:
        raise InvalidValue("--since is after --until: the window is empty")
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        unit = Unit(lifter.unit)
        exercise_id = None
        if exercise is not None:
            found = resolve_exercise(uow.repo, exercise)
            if found.laterality == Laterality.BILATERAL.value:
                raise InvalidValue(
                    f"{found.name} is bilateral: the imbalance report compares the sides of "
                    "unilateral exercises"
                )
            exercise_id = found.id
        per_exercise = side_figures(
            uow, lifter.id, unit, formula, exercise_id=exercise_id, since=since, until=until
        )
        for (ex_id, _), sessions in per_exercise.items():
            fill_best_sets(uow, lifter.id, ex_id, sessions, unit, formula)
        uow.commit()
    reports = [
        exercise_imbalance(name, sessions, metric) for (_, name), sessions in per_exercise.items()
    ]
    reports.sort(key=lambda r: (r["lsi"] is None, r["lsi"] if r["lsi"] is not None else 0))
    dates = [s["date"] for r in reports for s in r["sessions"]]
    return {
        "lifter": lifter.name,
        "unit": unit.value,
        "from": since.date().isoformat() if since else (min(dates) if dates else None),
        "to": until.date().isoformat() if until else (max(dates) if dates else None),
        "metric": metric,
        "formula": formula,
        "exercises": reports,
    }


def side_figures(
    uow: UnitOfWork,
    lifter_id: int,
    unit: Unit,
    formula: str,
    **window: Any,
) -> dict[tuple[int, str], list[SessionStats]]:
    """Per (exercise id, name): the sessions in order, with each side's figures.

    Arithmetic formulas are aggregated per session and side entirely in SQL; the others (which
    need exp or pow) from SQL maxima per rep count, finished in Python.
    """
    session = uow.session_for_queries()
    fast = side_session_figures(session, lifter_id, unit.value, formula, **window)
    per_exercise: dict[tuple[int, str], dict[int, SessionStats]] = defaultdict(dict)
    if fast is None:
        for row in grouped_sets(session, lifter_id, one_sided_only=True, **window):
            stats = per_exercise[(row.exercise_id, row.exercise)].setdefault(
                row.session_id, SessionStats(row.session_id, row.started_at)
            )
            stats.sides[Side(row.side) if row.side else None].add(row, unit, formula)
    else:
        for item in fast:
            stats = SessionStats(item.session_id, item.started_at)
            for side, figures in ((Side.LEFT, item.left), (Side.RIGHT, item.right)):
                if figures is not None:
                    stats.sides[side] = side_stats(figures, item.session_id)
            per_exercise[(item.exercise_id, item.exercise)][item.session_id] = stats
    return {
        key: sorted(by_id.values(), key=lambda s: (s.started_at, s.session_id))
        for key, by_id in per_exercise.items()
    }


def side_stats(figures: SideFigures, session_id: int) -> SideStats:
    best = figures.best_e1rm
    return SideStats(
        sets=figures.sets,
        reps=figures.reps,
        volume=Decimal(repr(figures.volume or 0.0)),
        best_e1rm=None if best is None else Decimal(repr(best)),
        best_session=session_id,
    )


def fill_best_sets(
    uow: UnitOfWork,
    lifter_id: int,
    exercise_id: int,
    sessions: list[SessionStats],
    unit: Unit,
    formula: str,
) -> None:
    """Find each side's best set exactly, in the session where the SQL maximum was."""
    for side in Side:
        candidates = [s for s in sessions if side in s.sides and s.sides[side].best_e1rm]
        if not candidates:
            continue
        best = max(candidates, key=lambda s: s.sides[side].best_e1rm or 0)
        figures = best.sides[side]
        if figures.best_reps is not None:
            continue  # the grouped path knows it already
        exact = SideStats()
        for reps, load, typed_unit in sets_of_side(
            uow.session_for_queries(), lifter_id, exercise_id, best.session_id, side.value
        ):
            exact.add(
                GroupRow(exercise_id, "", best.session_id, best.started_at, side.value,
                         reps, typed_unit, load, 1, load * reps),
                unit, formula,
            )  # fmt: skip
        figures.best_e1rm, figures.best_reps = exact.best_e1rm, exact.best_reps
        figures.best_load, figures.best_typed = exact.best_load, exact.best_typed


def window_stats(sessions: list[SessionStats], side: Side) -> SideStats:
    window = SideStats()
    for stats in sessions:
        if side in stats.sides:
            window.merge(stats.sides[side])
    return window


def exercise_imbalance(name: str, sessions: list[SessionStats], metric: str) -> dict[str, Any]:
    window = {side: window_stats(sessions, side) for side in Side}
    comparisons = [
        SessionComparison(
            s.started_at.astimezone().date(),
            s.sides[Side.LEFT].metric(metric) if Side.LEFT in s.sides else None,
            s.sides[Side.RIGHT].metric(metric) if Side.RIGHT in s.sides else None,
        )
        for s in sessions
    ]
    left, right = window[Side.LEFT].metric(metric), window[Side.RIGHT].metric(metric)
    index = lsi(left, right)
    trend = with_window_lsi(consistency(comparisons), index)
    overall_weaker = weaker_side(left, right) if left is not None and right is not None else None
    # Honest about noise: name a weaker side only when the sessions agree on it.
    weaker = overall_weaker if trend.consistent_weaker_side == overall_weaker else None
    return {
        "exercise": name,
        "left": window[Side.LEFT].as_json(),
        "right": window[Side.RIGHT].as_json(),
        "lsi": num(index),
        "asymmetry_pct": num(asymmetry_pct(left, right)) if index is not None else None,
        "weaker_side": weaker.value if weaker else None,
        "status": status_for(index).value if index is not None else "incomplete",
        "consistent_sessions": trend.consistent_sessions if weaker else 0,
        "compared_sessions": trend.compared_sessions,
        "within_noise": trend.within_noise,
        "verdict": verdict(trend),
        "sessions": [
            {
                "date": c.date.isoformat(),
                "left": num(c.left),
                "right": num(c.right),
                "lsi": num(lsi(c.left, c.right))
                if c.left is not None and c.right is not None
                else None,
            }
            for c in comparisons
        ],
    }


def with_window_lsi(trend: Consistency, index: Decimal | None) -> Consistency:
    """Judge the trend against the report's own LSI (the window's figures, not a mean)."""
    if index is None:
        return trend
    asymmetry = 100 - index
    return replace(
        trend,
        overall_lsi=index,
        overall_asymmetry=asymmetry,
        overall_status=status_for(index),
        within_noise=asymmetry < NOISE_ASYMMETRY_PCT
        and trend.compared_sessions < NOISE_MIN_SESSIONS,
    )


def history_report(
    uow: UnitOfWork,
    lifter_name: str | None,
    exercise: str,
    side: Side | None,
    since: datetime | None,
    formula: str = "epley",
) -> dict[str, Any]:
    """Per session (and side): best set, e1RM, volume, reps; personal bests marked."""
    check_options("e1rm", formula)
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        unit = Unit(lifter.unit)
        found = resolve_exercise(uow.repo, exercise)
        if side is not None and found.laterality == Laterality.BILATERAL.value:
            raise InvalidValue(f"{found.name} is bilateral: --side applies to unilateral exercises")
        # Personal bests need the history before the window too, so query it all.
        rows = grouped_sets(uow.session_for_queries(), lifter.id, exercise_id=found.id)
        measures = uow.repo.best_measures(lifter, found)
        uow.commit()
    best_so_far: dict[Side | None, Decimal] = {}
    entries = []
    for stats in by_session(rows, unit, formula):
        for this_side in sorted(stats.sides, key=lambda s: "" if s is None else s.value):
            if side is not None and this_side != side:
                continue
            figures = stats.sides[this_side]
            e1rm = figures.best_e1rm
            record = e1rm is not None and e1rm > best_so_far.get(this_side, Decimal(0))
            if record and e1rm is not None:
                best_so_far[this_side] = e1rm
            if since is not None and stats.started_at < since:
                continue
            entries.append(
                {"date": stats.started_at.astimezone().date().isoformat(),
                 "session": stats.session_id,
                 "side": this_side.value if this_side else None,
                 **figures.as_json(),
                 **measure_json(measures.get((stats.session_id, this_side.value
                                              if this_side else None))),
                 "personal_best": record}
            )  # fmt: skip
    return {
        "lifter": lifter.name,
        "exercise": found.name,
        "unit": unit.value,
        "formula": formula,
        "laterality": found.laterality,
        "sessions": entries,
    }


def measure_json(best: BestMeasures | None) -> dict[str, Any]:
    """Best time (seconds) and best distance of timed and distance sets, or nulls."""
    distance = None
    if best is not None and best.distances:
        unit, value = max(best.distances.items(), key=lambda item: item[1])
        distance = {"distance": num(value), "unit": unit}
    return {
        "best_time_s": None if best is None else best.duration_s,
        "best_distance": distance,
    }


def summary_report(
    uow: UnitOfWork, lifter_name: str | None, since: datetime | None
) -> dict[str, Any]:
    """Sessions, sets and volume per body part and per week."""
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        unit = Unit(lifter.unit)
        rows = summary_rows(uow.session_for_queries(), lifter.id, since)
        uow.commit()
    weeks: dict[str, dict[str, Any]] = {}
    parts: dict[str, dict[str, Any]] = {}
    sessions: set[int] = set()
    for session_id, started, part, row_unit, count, reps, volume in rows:
        sessions.add(session_id)
        year, week, _ = started.astimezone().isocalendar()
        key = f"{year}-W{week:02d}"
        converted = convert(volume, Unit(row_unit), unit)
        for bucket in (weeks.setdefault(key, _empty()), parts.setdefault(part, _empty())):
            bucket["sessions"].add(session_id)
            bucket["sets"] += count
            bucket["reps"] += reps
            bucket["volume"] += converted
    return {
        "lifter": lifter.name,
        "unit": unit.value,
        "since": since.date().isoformat() if since else None,
        "sessions": len(sessions),
        "sets": sum(b["sets"] for b in weeks.values()),
        "volume": num(sum((b["volume"] for b in weeks.values()), Decimal(0))),
        "weeks": [_bucket_json("week", k, v) for k, v in sorted(weeks.items())],
        "body_parts": [
            _bucket_json("body_part", k, v)
            for k, v in sorted(parts.items(), key=lambda kv: -kv[1]["volume"])
        ],
    }


def _empty() -> dict[str, Any]:
    return {"sessions": set(), "sets": 0, "reps": 0, "volume": Decimal(0)}


def _bucket_json(label: str, key: str, bucket: dict[str, Any]) -> dict[str, Any]:
    return {
        label: key,
        "sessions": len(bucket["sessions"]),
        "sets": bucket["sets"],
        "reps": bucket["reps"],
        "volume": num(bucket["volume"]),
    }
