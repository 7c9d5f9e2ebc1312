"""Imbalance, history and summary reports: use cases returning the domain's report types.

The figures come from adapters.report_queries (exact SQL aggregates); every rule about them
(best sets, ties, the headline about the latest sessions, noise) lives in the domain; the
tests' oracle (tests/helpers/report_oracle.py) computes the same reports from raw sets.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.e1rm import formula_for
from tracker.domain.errors import InvalidValue
from tracker.domain.model import Laterality, Side
from tracker.domain.report_figures import (
    DEFAULT_RECENT,
    METRICS,
    AllTime,
    BestSet,
    ExerciseImbalance,
    HistoryReport,
    ImbalanceReport,
    ReportRequest,
    SessionSides,
    SummaryReport,
    best_measures,
    best_session,
    exercise_imbalance,
    history_entries,
    kept_for,
    needs_raw_sets,
    pre_injury_of,
    sort_exercises,
    summary_of,
)
from tracker.domain.units import Unit
from tracker.services.catalog import exercise_convention, resolve_exercise
from tracker.services.lifters import current_lifter

if TYPE_CHECKING:
    from tracker.adapters.report_queries import ExerciseKey


def check_options(metric: str, formula: str, recent: int = DEFAULT_RECENT) -> None:
    if metric not in METRICS:
        raise InvalidValue(f'metric must be one of {", ".join(METRICS)}, got "{metric}"')
    formula_for(formula)
    if recent < 1:
        raise InvalidValue(f"--recent must be at least 1 session, got {recent}")


def imbalance_report(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    exercise: str | None,
    since: datetime | None,
    until: datetime | None,
    metric: str = "e1rm",
    formula: str = "epley",
    recent: int = DEFAULT_RECENT,
    involved: Side | None = None,
    no_stored_side: bool = False,  # --involved none: weaker / stronger, whatever is stored
) -> ImbalanceReport:
    """Left against right per unilateral exercise, most asymmetric first."""
    check_options(metric, formula, recent)
    if since is not None and until is not None and since > until:
        raise InvalidValue("--since is after --until: the window is empty")
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        exercise_id = None
        if exercise is not None:
            found = resolve_exercise(uow.catalog, exercise)
            if found.laterality == Laterality.BILATERAL.value:
                raise InvalidValue(
                    f"{found.name} is bilateral: the imbalance report compares the sides of "
                    "unilateral exercises"
                )
            exercise_id = found.id
        weights = uow.body_weights().of_lifter(lifter.id)
        asked = ReportRequest(lifter.id, Unit(lifter.unit), weights, metric, formula, recent,
                              since, until)
        sides = uow.involved_sides().of_lifter(lifter.id)
        stored = {} if no_stored_side else sides
        dates = uow.involved_sides().injury_dates(lifter.id)
        reports = [
            exercise_report(uow, asked, key, sessions,
                            involved or kept_for(stored, {}, key[0])[0],
                            kept_for(sides, dates, key[0])[1])
            for key, sessions in uow.report_queries().sides_by_exercise(asked, exercise_id).items()
        ]
        uow.commit()
    return ImbalanceReport(
        lifter=lifter.name,
        unit=asked.unit,
        since=since.date() if since else None,
        until=until.date() if until else None,
        metric=metric,
        formula=formula,
        recent=recent,
        involved=involved,
        exercises=sort_exercises(reports),
    )


def exercise_report(
    uow: AbstractUnitOfWork,
    asked: ReportRequest,
    exercise: ExerciseKey,
    sessions: list[SessionSides],
    involved: Side | None,
    injury_date: date | None = None,
) -> ExerciseImbalance:
    """One exercise of `report imbalance` from its sessions in the window (read set by set
    for a comparison by reps at a load), with the all-time bests (which ignore the window)
    and, given an injury date, EPIC and recovery against the sessions before it."""
    queries = uow.report_queries()
    exercise_id, name = exercise
    raw = needs_raw_sets(sessions, asked.metric)
    if raw:  # reps at a load: read set by set
        sessions = queries.sides_by_exercise(asked, exercise_id, raw=True)[exercise]
    everything = sessions
    if asked.since is not None or asked.until is not None:
        everything = queries.sides_by_exercise(asked.all_time, exercise_id).get(exercise, [])
    found = uow.catalog.exercise_by_id(exercise_id)
    item = exercise_imbalance(
        name, sessions, asked.metric, asked.recent, all_time_of(everything, involved), involved,
        None if found is None else exercise_convention(found).per_implement,
        found is not None and found.lower_is_better,
    )
    if injury_date is None:
        return item
    if raw and everything is not sessions:  # the reference compares reps at a load too
        everything = queries.sides_by_exercise(asked.all_time, exercise_id, raw=True)[exercise]
    return replace(item, pre_injury=pre_injury_of(item, everything, injury_date))



def all_time_of(sessions: list[SessionSides], involved: Side | None = None) -> AllTime:
    def best(side: Side) -> BestSet | None:
        session = best_session(sessions, side)
        figures = None if session is None else session.side(side)
        return None if figures is None else figures.best_set

    return AllTime(best(Side.LEFT), best(Side.RIGHT), involved)


def history_report(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    exercise: str,
    side: Side | None,
    since: datetime | None,
    formula: str = "epley",
    pairs: bool = True,
) -> HistoryReport:
    """Per session (and side): best set, e1RM, volume, reps; personal bests marked."""
    check_options("e1rm", formula)
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        unit = Unit(lifter.unit)
        found = resolve_exercise(uow.catalog, exercise)
        if side is not None and found.laterality == Laterality.BILATERAL.value:
            raise InvalidValue(f"{found.name} is bilateral: --side applies to unilateral exercises")
        # Personal bests need the history before the window too, so read it all.
        asked = ReportRequest(lifter.id, unit, uow.body_weights().of_lifter(lifter.id),
                              formula=formula)
        rows = uow.report_queries().side_sessions(asked, found.id)
        measures = uow.log.measures_by_session_side(lifter, found)
        uow.commit()
    entries = tuple(
        replace(
            e,
            best=best_measures(
                measures.get((e.session_id, e.side.value if e.side else None), []),
                found.lower_is_better,
            ),
        )
        for e in history_entries(rows, side, since, pairs)
    )
    return HistoryReport(
        lifter=lifter.name,
        exercise=found.name,
        unit=unit,
        formula=formula,
        laterality=found.laterality,
        entries=entries,
        sets_counted_as="pairs" if pairs else "sides",
        per=exercise_convention(found).per_implement,
        lower_is_better=found.lower_is_better,
    )


def summary_report(
    uow: AbstractUnitOfWork, lifter_name: str | None, since: datetime | None, pairs: bool = True
) -> SummaryReport:
    """Sessions, sets and volume per body part and per week (a left/right pair is one set
    unless ``pairs`` is False)."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        unit = Unit(lifter.unit)
        asked = ReportRequest(lifter.id, unit, uow.body_weights().of_lifter(lifter.id),
                              since=since)
        rows = uow.report_queries().exercise_sessions(asked)
        uow.commit()
    return summary_of(lifter.name, unit, since, rows, pairs)
