"""Coach and physio views: the figures of the visual report, and the team overview.

The visual report shows exactly what `report imbalance --json` says: it reads the report
service through one function, `imbalance_figures`, and turns its output into the typed values
below. When the report's output changes, that function is the only place to follow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Generic, TypeVar

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.asymmetry import SessionComparison, shown_lsi, shown_noise
from tracker.domain.bodyweight import bodyweight_text
from tracker.domain.errors import InvalidValue, TrackerError
from tracker.domain.report_figures import ExerciseImbalance as ReportExercise
from tracker.domain.report_figures import (
    ImbalanceReport,
    SideFigures,
    by_volume,
    figure_unit,
    headline_before,
)
from tracker.domain.trend import attention_order, headline_trend
from tracker.domain.units import Unit, rounded_number
from tracker.services.readiness import Readiness, readiness_if_injured
from tracker.services.reports import imbalance_report
from tracker.services.suggest import suggest
from tracker.wording.asymmetry import epic_line, verdict_text
from tracker.wording.loads import describe_load

# -- the report service's figures, typed ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class BestSet:
    reps: int
    load: float | None  # in the lifter's unit
    as_typed: str | None


@dataclass(frozen=True, slots=True)
class SideSummary:
    """One side over the window: what the terminal report's detail lines say."""

    sets: int
    reps: int
    volume: float | None
    best_e1rm: float | None
    best_set: BestSet | None
    reliable: bool


@dataclass(frozen=True, slots=True)
class SessionFigures:
    """One session of one exercise: the compared value per side and its LSI."""

    date: str
    left: float | None
    right: float | None
    lsi: float | None
    epic: float | None = None  # after the injury date: involved / uninvolved before x 100


@dataclass(frozen=True, slots=True)
class ExerciseImbalance:
    exercise: str
    left: SideSummary  # over the whole window: its bests and totals
    right: SideSummary
    # The headline, about now: each side's figure over the latest compared sessions (the mean
    # of their best e1RMs, or the total volume or reps), the one the LSI is computed from.
    recent_left: float | None
    recent_right: float | None
    compared_sessions: int  # how many sessions the headline used (at most ``recent``)
    recent_from: str | None  # the first of them
    lsi: float | None
    asymmetry_pct: float | None
    weaker_side: str | None
    status: str
    verdict: str
    sessions: tuple[SessionFigures, ...]
    involved: str | None = None  # the involved side: the LSIs are then involved / uninvolved
    # What the asymmetry is judged against (report imbalance --json's noise_pct, noise_from).
    noise_pct: float = 15.0
    noise_from: str = "default"
    compared_by: str = "e1rm"  # what the sessions' figures are (a hop test: its best trial)
    # Against the pre-injury reference, for an exercise with an injury date (as the JSON's
    # "epic" and "recovery"), and the line that says it or why there is none.
    epic: float | None = None
    recovery: float | None = None
    epic_line: str | None = None


E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class LifterFigures(Generic[E]):
    """One lifter's exercises over a window: their figures, or their whole visual report."""

    lifter: str
    unit: str
    first_date: str | None
    last_date: str | None
    metric: str
    formula: str
    recent: int  # sessions the headline asks for (--recent)
    exercises: tuple[E, ...]
    readiness: Readiness | None = None  # the return-to-sport battery, once an injury date is set


ImbalanceFigures = LifterFigures[ExerciseImbalance]  # a type: build LifterFigures(...)


def imbalance_figures(
    uow: AbstractUnitOfWork,
    lifter: str | None,
    exercise: str | None,
    since: datetime | None,
    until: datetime | None,
    metric: str = "e1rm",
    formula: str = "epley",
) -> ImbalanceFigures:
    """The figures of `tracker report imbalance --json` for the same arguments.

    The one seam between these views and the report service: re-point it here when the
    report's output changes, and every page follows.
    """
    return _figures(imbalance_report(uow, lifter, exercise, since, until, metric, formula))


def _figures(report: ImbalanceReport) -> ImbalanceFigures:
    first, last = report.first_date, report.last_date
    return LifterFigures(
        lifter=report.lifter,
        unit=report.unit.value,
        first_date=first.isoformat() if first else None,
        last_date=last.isoformat() if last else None,
        metric=report.metric,
        formula=report.formula,
        recent=report.recent,
        exercises=tuple(_exercise(item) for item in report.exercises),
    )


def _num(value: Decimal | None) -> float | None:
    """As `report imbalance --json` shows a figure: the lifter's unit, 2 decimals."""
    return None if value is None else rounded_number(value)


def _exercise(item: ReportExercise) -> ExerciseImbalance:
    judged = item.judgement
    return ExerciseImbalance(
        exercise=item.exercise,
        left=_side(item.left),
        right=_side(item.right),
        recent_left=_num(judged.left),
        recent_right=_num(judged.right),
        compared_sessions=judged.compared_sessions,
        recent_from=judged.first.isoformat() if judged.first else None,
        lsi=_num(judged.lsi),
        asymmetry_pct=_num(judged.asymmetry),
        weaker_side=judged.weaker_side.value if judged.weaker_side else None,
        status=judged.status.value if judged.status else "incomplete",
        verdict=verdict_text(judged),
        sessions=tuple(
            SessionFigures(
                c.date.isoformat(), _num(c.left), _num(c.right), _num(item.session_lsi(c)),
                _num(item.session_epic(c)),
            )
            for c in item.comparisons
        ),
        involved=judged.involved.value if judged.involved else None,
        noise_pct=float(shown_noise(judged, 2)),
        noise_from=judged.noise.source.value,
        compared_by=item.compared_by,
        epic=_shown(item.pre_injury.epic) if item.pre_injury else None,
        recovery=_shown(item.pre_injury.recovery) if item.pre_injury else None,
        epic_line=epic_line(item.pre_injury) if item.pre_injury else None,
    )


def _shown(index: Decimal | None) -> float | None:
    """EPIC or recovery as `report imbalance --json` shows it (2 decimals, band-safe)."""
    return None if index is None else float(shown_lsi(index, 2, True))


def _side(figures: SideFigures) -> SideSummary:
    best = figures.best_set
    return SideSummary(
        sets=figures.sets,
        reps=figures.reps,
        volume=_num(figures.volume_or_none),
        best_e1rm=_num(figures.best_e1rm),
        best_set=None if best is None else BestSet(best.reps, _num(best.load), best.as_typed),
        reliable=best is None or best.reliable,
    )


# -- the visual report ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SideLoad:
    side: str
    load: float | None
    reps_target: int | None
    described: str = ""  # what the lifter picks up: "2 x 12 kg dumbbells (24 kg total)"


@dataclass(frozen=True, slots=True)
class NextSession:
    """`tracker suggest` for the exercise: a load per side, or why there is none."""

    sides: tuple[SideLoad, ...]
    rationale: str


@dataclass(frozen=True, slots=True)
class ExerciseReport:
    figures: ExerciseImbalance
    volume: tuple[SessionFigures, ...]  # per session, each side's volume (same sessions)
    next_session: NextSession


LifterReport = LifterFigures[ExerciseReport]  # a type: build LifterFigures(...)


def visual_report(
    uow: AbstractUnitOfWork,
    lifter: str | None,
    all_lifters: bool,
    exercises: Sequence[str],
    since: datetime | None,
    until: datetime | None,
    metric: str = "e1rm",
    formula: str = "epley",
) -> list[LifterReport]:
    """Per lifter (the chosen one, or every lifter the caller may read): every unilateral
    exercise's figures, its volume per side and the suggestion for next time."""
    if all_lifters and lifter is not None:
        raise InvalidValue("give --lifter or --all-lifters, not both")
    if all_lifters:
        with uow.reads() as reads:  # every lifter the caller may read, by name
            names: list[str | None] = [row.name for row in reads.lifters()]
    else:
        names = [lifter]
    return [lifter_report(uow, name, exercises, since, until, metric, formula) for name in names]


def lifter_report(
    uow: AbstractUnitOfWork,
    lifter: str | None,
    exercises: Sequence[str],
    since: datetime | None,
    until: datetime | None,
    metric: str,
    formula: str,
) -> LifterReport:
    wanted: list[str | None] = list(dict.fromkeys(exercises)) or [None]
    reports = [imbalance_report(uow, lifter, name, since, until, metric, formula)
               for name in wanted]
    main = [_figures(report) for report in reports]
    # Each side's volume per session, as `report imbalance --metric volume` gives it, judged
    # from the sessions just read rather than read again.
    volume = {
        item.exercise: _exercise(by_volume(item)).sessions
        for report in reports
        for item in report.exercises
    }
    # Over all time by e1RM (Epley), the page's figure is the suggest cue's: given, not read
    # again.
    same = since is None and until is None and metric == "e1rm" and formula == "epley"
    known = {item.exercise: item for report in reports for item in report.exercises} if same else {}
    seen: dict[str, ExerciseReport] = {}
    for figures in (item for report in main for item in report.exercises):
        if figures.exercise not in seen:
            next_session = next_session_for(uow, main[0].lifter, figures.exercise,
                                            known.get(figures.exercise))
            seen[figures.exercise] = ExerciseReport(
                figures, volume.get(figures.exercise, ()), next_session
            )
    first = [r.first_date for r in main if r.first_date]
    last = [r.last_date for r in main if r.last_date]
    return LifterFigures(
        lifter=main[0].lifter,
        unit=main[0].unit,
        first_date=min(first) if first else None,
        last_date=max(last) if last else None,
        metric=metric,
        formula=formula,
        recent=main[0].recent,
        exercises=tuple(seen.values()),
        readiness=readiness_if_injured(uow, main[0].lifter),
    )


def next_session_for(
    uow: AbstractUnitOfWork, lifter: str, exercise: str, figures: ReportExercise | None = None
) -> NextSession:
    try:
        answer = suggest(uow, lifter, exercise, figures=figures)
    except TrackerError as exc:  # no history to progress from and no parent to start from
        return NextSession((), str(exc))

    def described(load: Decimal, unit: Unit | None, bodyweight: bool) -> str:
        if bodyweight:  # this side's load is added to body weight, or assistance taken off it
            return bodyweight_text(load, unit or answer.unit)
        return describe_load(load, unit or answer.unit, answer.convention)

    sides = answer.sides or {}
    return NextSession(
        tuple(
            SideLoad(
                side.value,
                float(target.load),
                target.reps_target,
                described(target.load, target.unit, target.bodyweight),
            )
            for side, target in sorted(sides.items(), key=lambda item: item[0].value)
        ),
        answer.rationale,
    )


# -- the team overview ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamSession:
    date: date
    left: Decimal  # the compared figure (best e1RM), in the lifter's unit
    right: Decimal
    lsi: Decimal


@dataclass(frozen=True, slots=True)
class TeamRow:
    """One lifter x exercise: the imbalance headline of `report imbalance` (scope "recent")."""

    lifter: str
    exercise: str
    unit: str
    # The headline's: involved / uninvolved when an involved side is stored; None with the
    # status "incomplete" (no session compared both sides, as report imbalance lists it).
    lsi: Decimal | None
    asymmetry: Decimal | None
    status: str
    weaker_side: str | None
    involved: str | None
    compared_sessions: int
    recent_from: date | None
    trend: str | None
    baseline_lsi: Decimal | None  # the headline over the sessions before the headline's
    epic: Decimal | None  # against the pre-injury reference, where an injury date gives one
    last_trained: date
    sessions: tuple[TeamSession, ...]  # the compared sessions behind both, oldest first


@dataclass(frozen=True, slots=True)
class TeamReport:
    since: date
    rows: tuple[TeamRow, ...]


def team_report(uow: AbstractUnitOfWork, since: datetime) -> TeamReport:
    """Every lifter x unilateral exercise trained since `since`, who needs attention first:
    each row is `report imbalance --since` for that lifter and exercise, and its trend."""
    with uow.reads() as reads:  # every lifter the caller may read, by name
        names = [row.name for row in reads.lifters()]
    rows = [
        row for name in names for row in team_rows(imbalance_report(uow, name, None, since, None))
    ]
    rows.sort(
        key=lambda r: (
            *attention_order(r.status, 100 - (r.asymmetry or Decimal(0))),
            r.lifter,
            r.exercise,
        )
    )
    return TeamReport(since.astimezone().date(), tuple(rows))


def team_rows(report: ImbalanceReport) -> list[TeamRow]:
    """The report's exercises, as team rows: each one the report lists, with its headline or
    none ("incomplete": no session compared both sides, e.g. timed sets by e1RM)."""
    rows = []
    for item in report.exercises:
        now = item.judgement
        before = headline_before(item)
        trend = headline_trend(now, before)
        # Sessions with an LSI: both sides measured, and not both 0 (an incomplete row's).
        compared = [c for c in item.comparisons if item.session_lsi(c) is not None]
        rows.append(
            TeamRow(
                lifter=report.lifter,
                exercise=item.exercise,
                unit=figure_unit(item.compared_by, report.unit.value),  # m or s for a hop test
                lsi=now.lsi,
                asymmetry=now.asymmetry,
                status=now.status.value if now.status else "incomplete",
                weaker_side=now.weaker_side.value if now.weaker_side else None,
                involved=now.involved.value if now.involved else None,
                compared_sessions=now.compared_sessions,
                recent_from=now.first,
                trend=trend.value if trend else None,
                baseline_lsi=None if before is None else before.lsi,
                epic=item.pre_injury.epic if item.pre_injury else None,
                last_trained=item.sessions[-1].date,
                sessions=tuple(
                    _team_session(c, item.session_lsi(c)) for c in compared[-2 * now.recent :]
                ),
            )
        )
    return rows


def _team_session(comparison: SessionComparison, index: Decimal | None) -> TeamSession:
    left, right = comparison.left, comparison.right
    if left is None or right is None or index is None:  # compared sessions have both
        raise ValueError("a team session needs both sides")
    return TeamSession(comparison.date, left, right, index)
