"""`tracker report readiness`: a return-to-sport battery for the involved side.

Each test is an exercise of `report imbalance` (the same service, the same domain figures:
its headline LSI, EPIC and recovery), judged by the domain's pass rule
(domain.report_figures.readiness_verdict). A test never done, or not in the catalog, is
reported with no figures and why; the battery passes only when every test does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.model import Laterality, Side
from tracker.domain.report_figures import (
    READINESS_BATTERY,
    READINESS_THRESHOLD,
    ExerciseImbalance,
    ImbalanceReport,
    Missing,
    ReadinessVerdict,
    check_threshold,
    kept_for,
    readiness_verdict,
)
from tracker.services.catalog import resolve_exercise
from tracker.services.lifters import current_lifter
from tracker.services.reports import imbalance_report
from tracker.wording.asymmetry import readiness_reason


@dataclass(frozen=True, slots=True)
class ReadinessTest:
    exercise: str  # the catalog's name, or as typed when unknown
    involved: Side | None
    injury_date: date | None
    item: ExerciseImbalance | None  # the imbalance report's exercise (None: never done)
    verdict: ReadinessVerdict
    missing: Missing | None = None  # why there are no figures
    detail: str = ""  # the catalog's answer for an unknown exercise

    @property
    def lsi(self) -> Decimal | None:
        return None if self.item is None else self.item.judgement.lsi

    @property
    def epic(self) -> Decimal | None:
        found = None if self.item is None else self.item.pre_injury
        return None if found is None else found.epic


@dataclass(frozen=True, slots=True)
class Readiness:
    lifter: str
    unit: str
    threshold: Decimal
    tests: tuple[ReadinessTest, ...]

    @property
    def passed(self) -> bool:
        return all(test.verdict.passed for test in self.tests)

    def agreed(self) -> tuple[Side | None, date | None] | None:
        """The involved side and injury date when every test has the same ones."""
        pairs = {(test.involved, test.injury_date) for test in self.tests}
        return next(iter(pairs)) if len(pairs) == 1 else None

    def reason(self, test: ReadinessTest) -> str | None:
        """Why ``test`` did not pass (None: it passed), as every view says it."""
        figures = {"lsi": test.lsi, "epic": test.epic}
        return readiness_reason(test.exercise, test.missing, test.verdict, figures,
                                self.threshold, test.detail, test.involved is not None)


def readiness_report(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    tests: Sequence[str] = (),
    threshold: Decimal = READINESS_THRESHOLD,
) -> Readiness:
    """The battery (``tests``, default READINESS_BATTERY) for the lifter's involved side, each
    test judged on its sessions since its injury date (the reference before it is read from
    the whole history). A test the lifter names must exist; a default one missing from the
    catalog is reported as such."""
    check_threshold(threshold)
    asked = list(dict.fromkeys(typed.strip() for typed in tests)) or list(READINESS_BATTERY)
    if "" in asked:
        raise InvalidValue("--test needs an exercise name")
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        sides = uow.involved_sides().of_lifter(lifter.id)
        dates = uow.involved_sides().injury_dates(lifter.id)
        found: list[tuple[str, int | None, Missing | None, str]] = []  # name, id, missing, detail
        for typed in asked:
            try:
                exercise = resolve_exercise(uow.catalog, typed)
            except (NotFound, InvalidValue) as error:
                if tests:  # a name the lifter typed: say it, as every command does
                    raise
                found.append((typed, None, Missing.UNKNOWN, str(error)))
                continue
            bilateral = exercise.laterality == Laterality.BILATERAL.value
            found.append((exercise.name, exercise.id, Missing.BILATERAL if bilateral else None, ""))
        uow.commit()
    reports: dict[date | None, ImbalanceReport] = {}

    def report_since(day: date | None) -> ImbalanceReport:
        # The report's own choice of figure: e1RM for strength, and for a hop test (unloaded
        # timed or distance sets) its best trial, the fastest time or the longest distance.
        if day not in reports:
            since = None if day is None else datetime.combine(day, time()).astimezone()
            reports[day] = imbalance_report(uow, lifter.name, None, since, None, "e1rm")
        return reports[day]

    return Readiness(lifter.name, lifter.unit, threshold, tuple(
        _test(name, exercise_id, missing, detail, report_since, sides, dates, threshold)
        for name, exercise_id, missing, detail in found
    ))


def readiness_if_injured(uow: AbstractUnitOfWork, lifter_name: str | None) -> Readiness | None:
    """The default battery for a lifter with an injury date kept, else None (nothing read
    beyond the dates: a page for a lifter never injured costs no more than before)."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        injured = bool(uow.involved_sides().injury_dates(lifter.id))
        uow.commit()
    return readiness_report(uow, lifter.name) if injured else None


def _test(
    name: str,
    exercise_id: int | None,
    missing: Missing | None,
    detail: str,
    report_since: Callable[[date | None], ImbalanceReport],
    sides: dict[int | None, Side],
    dates: dict[int | None, date],
    threshold: Decimal,
) -> ReadinessTest:
    involved, injury = kept_for(sides, dates, exercise_id)
    none = ReadinessVerdict(False, ())
    if missing is not None:
        return ReadinessTest(name, involved, injury, None, none, missing, detail)
    item = _item(report_since(injury), name)
    if item is None:
        done_before = injury is not None and _item(report_since(None), name) is not None
        why = Missing.NOT_SINCE if done_before else Missing.NEVER_DONE
        since = injury.isoformat() if injury is not None else ""
        return ReadinessTest(name, involved, injury, None, none, why, since)
    epic = item.pre_injury.epic if item.pre_injury else None
    verdict = readiness_verdict(item.judgement.lsi, epic, threshold)
    no_lsi = Missing.NO_LSI if item.judgement.lsi is None else None
    return ReadinessTest(name, item.judgement.involved, injury, item, verdict, no_lsi)


def _item(report: ImbalanceReport, name: str) -> ExerciseImbalance | None:
    return next((item for item in report.exercises if item.exercise == name), None)
