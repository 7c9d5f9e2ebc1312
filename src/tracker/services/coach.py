"""Coach and physio views: the figures of the visual report, and the team overview.

The visual report shows exactly what `report imbalance --json` says: it holds the report
service's exercises as they are, and the page renders them through the JSON's own functions
(cli.report_json), so there is no second copy of a figure to keep in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.asymmetry import SessionComparison
from tracker.domain.bodyweight import bodyweight_text
from tracker.domain.errors import InvalidValue, TrackerError
from tracker.domain.report_figures import (
    ExerciseImbalance,
    ImbalanceReport,
    figure_unit,
    headline_before,
)
from tracker.domain.trend import attention_order, headline_trend
from tracker.domain.units import Unit
from tracker.services.readiness import Readiness, readiness_if_injured
from tracker.services.reports import imbalance_report
from tracker.services.suggest import suggest
from tracker.wording.loads import describe_load

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
    figures: ExerciseImbalance  # the exercise as `report imbalance` gives it
    next_session: NextSession


@dataclass(frozen=True, slots=True)
class LifterReport:
    """One lifter's exercises over a window: their whole visual report."""

    lifter: str
    unit: str
    first_date: date | None
    last_date: date | None
    metric: str
    formula: str
    recent: int  # sessions the headline asks for (--recent)
    exercises: tuple[ExerciseReport, ...]
    readiness: Readiness | None = None  # the return-to-sport battery, once an injury date is set


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
    exercise's figures and the suggestion for next time."""
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
    name = reports[0].lifter
    # Over all time by e1RM (Epley), the page's figure is the suggest cue's: given, not read
    # again.
    same = since is None and until is None and metric == "e1rm" and formula == "epley"
    seen: dict[str, ExerciseReport] = {}
    for item in (item for report in reports for item in report.exercises):
        if item.exercise not in seen:
            next_session = next_session_for(uow, name, item.exercise, item if same else None)
            seen[item.exercise] = ExerciseReport(item, next_session)
    first = [r.first_date for r in reports if r.first_date]
    last = [r.last_date for r in reports if r.last_date]
    return LifterReport(
        lifter=name,
        unit=reports[0].unit.value,
        first_date=min(first) if first else None,
        last_date=max(last) if last else None,
        metric=metric,
        formula=formula,
        recent=reports[0].recent,
        exercises=tuple(seen.values()),
        readiness=readiness_if_injured(uow, name),
    )


def next_session_for(
    uow: AbstractUnitOfWork, lifter: str, exercise: str, figures: ExerciseImbalance | None = None
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
                status=now.status_text,
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
