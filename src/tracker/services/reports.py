"""Imbalance, history and summary reports: use cases returning the domain's report types.

The figures come from adapters.report_queries (exact SQL aggregates); every rule about them
(best sets, ties, the headline about the latest sessions, noise) lives in the domain, where
domain.report_oracle computes the same reports from raw sets for the property tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.e1rm import formula_for
from tracker.domain.errors import InvalidValue
from tracker.domain.model import Laterality, Side
from tracker.domain.report_figures import (
    DEFAULT_RECENT,
    METRICS,
    AllTime,
    BestSet,
    HistoryReport,
    ImbalanceReport,
    SessionSides,
    SummaryReport,
    best_measures,
    best_session,
    exercise_imbalance,
    history_entries,
    needs_raw_sets,
    sort_exercises,
    summary_of,
)
from tracker.domain.units import Unit
from tracker.services.catalog import exercise_convention, resolve_exercise
from tracker.services.lifters import current_lifter


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
        queries = uow.report_queries()
        weights = uow.body_weights().of_lifter(lifter.id)
        stored = {} if no_stored_side else uow.involved_sides().of_lifter(lifter.id)
        timed = metric in ("duration", "distance")
        window = queries.sides_by_exercise(
            lifter.id,
            unit,
            formula,
            weights,
            exercise_id=exercise_id,
            since=since,
            until=until,
            timed=timed,
        )
        reports = []
        for (ex_id, name), found_sessions in window.items():
            if needs_raw_sets(found_sessions, metric):  # reps at a load: read set by set
                found_sessions = queries.sides_by_exercise(
                    lifter.id, unit, formula, weights, exercise_id=ex_id, since=since,
                    until=until, raw=True,
                )[(ex_id, name)]
            sessions = queries.with_best_sets(
                lifter.id, ex_id, found_sessions, unit, formula, weights
            )
            everything = sessions
            if since is not None or until is not None:  # all-time figures ignore the window
                history = queries.sides_by_exercise(
                    lifter.id, unit, formula, weights, exercise_id=ex_id
                )
                everything = queries.with_best_sets(
                    lifter.id, ex_id, history.get((ex_id, name), []), unit, formula, weights
                )
            side = involved or stored.get(ex_id) or stored.get(None)
            per = _per_implement(uow, ex_id)
            reports.append(
                exercise_imbalance(name, sessions, metric, recent, all_time_of(everything, side),
                                   side, per)
            )
        uow.commit()
    return ImbalanceReport(
        lifter=lifter.name,
        unit=unit,
        since=since.date() if since else None,
        until=until.date() if until else None,
        metric=metric,
        formula=formula,
        recent=recent,
        involved=involved,
        exercises=sort_exercises(reports),
    )


def _per_implement(uow: AbstractUnitOfWork, exercise_id: int) -> str | None:
    """ "dumbbell" or "kettlebell" when the exercise's loads are logged per implement."""
    exercise = uow.repo.exercise_by_id(exercise_id)
    return None if exercise is None else exercise_convention(exercise).per_implement


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
        lifter = current_lifter(uow.repo, lifter_name)
        unit = Unit(lifter.unit)
        found = resolve_exercise(uow.repo, exercise)
        if side is not None and found.laterality == Laterality.BILATERAL.value:
            raise InvalidValue(f"{found.name} is bilateral: --side applies to unilateral exercises")
        # Personal bests need the history before the window too, so read it all.
        weights = uow.body_weights().of_lifter(lifter.id)
        rows = uow.report_queries().side_sessions(lifter.id, found.id, unit, formula, weights)
        measures = uow.repo.measures_by_session_side(lifter, found)
        uow.commit()
    entries = tuple(
        replace(
            e,
            best=best_measures(measures.get((e.session_id, e.side.value if e.side else None), [])),
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
    )


def summary_report(
    uow: AbstractUnitOfWork, lifter_name: str | None, since: datetime | None, pairs: bool = True
) -> SummaryReport:
    """Sessions, sets and volume per body part and per week (a left/right pair is one set
    unless ``pairs`` is False)."""
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        unit = Unit(lifter.unit)
        weights = uow.body_weights().of_lifter(lifter.id)
        rows = uow.report_queries().exercise_sessions(lifter.id, unit, since, weights)
        uow.commit()
    return summary_of(lifter.name, unit, since, rows, pairs)
