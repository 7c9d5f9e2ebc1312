"""EPIC and recovery against the pre-injury reference, and the readiness pass rule
(domain-science 1.4b: Wellsandt 2017; Gokeler 2017), on plain figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from tracker.domain.model import Side
from tracker.domain.report_figures import (
    AllTime,
    ExerciseImbalance,
    NoReference,
    SessionSides,
    SideFigures,
    against_reference,
    exercise_imbalance,
    kept_for,
    months_before,
    pre_injury_of,
    readiness_verdict,
)

D = Decimal
INJURY = dt.date(2026, 6, 1)


def day(date: dt.date, left: str | None, right: str | None, n: int = 0) -> SessionSides:
    def figures(e1rm: str | None) -> SideFigures | None:
        return None if e1rm is None else SideFigures(sets=1, reps=5, best_e1rm=D(e1rm))

    moment = dt.datetime.combine(date, dt.time(12), dt.UTC)
    return SessionSides(n or date.toordinal(), moment, figures(left), figures(right))


def worked_example() -> list[SessionSides]:
    """Left involved. Before the injury: uninvolved (right) 120, involved 110; now: uninvolved
    100 (it deconditioned too), involved 92."""
    before = [day(INJURY - dt.timedelta(days=d), "110", "120") for d in (30, 20, 10)]
    after = [day(INJURY + dt.timedelta(days=d), "92", "100") for d in (150, 160, 170)]
    return before + after


def report(
    sessions: list[SessionSides], involved: Side | None = Side.LEFT, since: dt.date = INJURY
) -> ExerciseImbalance:
    """The report's window: from ``since``."""
    now = [s for s in sessions if s.date >= since]
    return exercise_imbalance("Single-Leg Leg Extension", now, "e1rm", 3,
                              AllTime(None, None, involved), involved)


def test_the_worked_example_lsi_passes_and_epic_fails() -> None:
    everything = worked_example()
    item = report(everything)
    assert item.judgement.lsi == D(92)
    found = pre_injury_of(item, everything, INJURY)
    assert found.missing is None
    assert (found.uninvolved, found.involved, found.sessions) == (D(120), D(110), 3)
    assert found.epic is not None and found.recovery is not None
    assert round(found.epic, 2) == D("76.67")  # 92 / 120: the LSI of 92 flatters
    assert found.epic == D(92) * 100 / D(120)  # exact, no float on the way
    assert round(found.recovery, 2) == D("83.64")  # 92 / 110
    assert readiness_verdict(item.judgement.lsi, None).passed
    verdict = readiness_verdict(item.judgement.lsi, found.epic)
    assert (verdict.passed, verdict.criteria) == (False, ("lsi", "epic"))


def test_the_reference_is_the_same_number_of_sessions_within_the_look_back() -> None:
    old = day(months_before(INJURY, 6) - dt.timedelta(days=1), "200", "200")  # outside
    before = [day(INJURY - dt.timedelta(days=d), "100", v) for d, v in ((30, "90"), (20, "120"),
                                                                       (10, "150"))]
    now = [day(INJURY + dt.timedelta(days=d), "92", "100") for d in (10, 20)]
    everything = [old, *before, *now]
    found = pre_injury_of(report(everything), everything, INJURY)
    # Two sessions now: the latest two before the injury, a mean of session bests (135).
    assert (found.sessions, found.uninvolved, found.headline_sessions) == (2, D(135), 2)
    assert found.since == dt.date(2025, 12, 1)


def test_without_pre_injury_data_a_reason_and_nothing_else() -> None:
    now = [day(INJURY + dt.timedelta(days=10), "92", "100")]
    found = pre_injury_of(report(now), now, INJURY)
    assert (found.missing, found.epic, found.recovery, found.sessions) == (
        NoReference.NO_SESSIONS, None, None, 0)
    # A headline that reaches back before the injury date is no "now".
    mixed = [day(INJURY - dt.timedelta(days=3), "100", "100"), *now]
    found = pre_injury_of(report(mixed, since=dt.date(2026, 1, 1)), mixed, dt.date(2026, 6, 5))
    assert found.missing is NoReference.HEADLINE_BEFORE and found.epic is None
    # No involved side: EPIC has no side to divide.
    everything = worked_example()
    found = pre_injury_of(report(everything, None), everything, INJURY)
    assert found.missing is NoReference.NO_SIDE


def test_lower_is_better_inverts_both_figures() -> None:
    """A timed test: EPIC = uninvolved time before / involved time now (2.0 s / 2.3 s)."""
    assert against_reference(D("2.3"), D("2.0"), lower_is_better=True) == D("2.0") * 100 / D("2.3")
    assert round(against_reference(D("2.3"), D("2.0"), True) or 0, 2) == D("86.96")
    assert against_reference(D(92), D(120)) == D(92) * 100 / D(120)
    assert against_reference(D(0), D(2), lower_is_better=True) is None
    assert against_reference(None, D(2)) is None



def test_a_timed_hop_against_its_pre_injury_time() -> None:
    """6 m timed hop, left involved: before, uninvolved 2.00 s and involved 2.10 s; now,
    uninvolved 2.10 s (deconditioned too) and involved 2.30 s. Each side's best is its
    fastest trial: LSI 2.10 / 2.30 = 91.30 passes, EPIC 2.00 / 2.30 = 86.96 fails."""

    def timed(date: dt.date, left: str, right: str) -> SessionSides:
        def side(best: str) -> SideFigures:
            return SideFigures(sets=2, shortest=D(best), longest=D(best) + 1, duration=D(9))

        moment = dt.datetime.combine(date, dt.time(12), dt.UTC)
        return SessionSides(date.toordinal(), moment, side(left), side(right))

    before = [timed(INJURY - dt.timedelta(days=d), "2.10", "2.00") for d in (30, 20, 10)]
    after = [timed(INJURY + dt.timedelta(days=d), "2.30", "2.10") for d in (150, 160, 170)]
    item = exercise_imbalance("6 m Timed Hop", after, "duration", 3,
                              AllTime(None, None, Side.LEFT), Side.LEFT, lower_is_better=True)
    assert item.judgement.lsi is not None and round(item.judgement.lsi, 2) == D("91.30")
    found = pre_injury_of(item, before + after, INJURY)
    assert (found.uninvolved, found.involved, found.sessions) == (D("2.00"), D("2.10"), 3)
    assert found.epic is not None and round(found.epic, 2) == D("86.96")
    assert found.recovery is not None and round(found.recovery, 2) == D("91.30")


def test_the_pass_rule() -> None:
    assert readiness_verdict(None, None).passed is False  # never done
    assert readiness_verdict(None, D(95)).criteria == ()
    assert readiness_verdict(D(90), None) == readiness_verdict(D(90), None)
    assert readiness_verdict(D(90), None).passed  # the threshold itself passes
    assert not readiness_verdict(D("89.99"), None).passed
    assert readiness_verdict(D(95), D(90)).passed
    assert not readiness_verdict(D(95), D("89.9")).passed
    assert readiness_verdict(D(85), D(85), D(80)).passed
    # A repeating e1RM's last digit does not fail an exact 90 (8x90 against 8x100 by Epley).
    assert readiness_verdict(D("89.99999999999999999999999998"), None).passed


def test_months_before_keeps_the_day_or_the_months_last() -> None:
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 3, 2), 6) == dt.date(2025, 9, 2)


def test_epic_per_session_is_after_the_injury_date_only() -> None:
    everything = worked_example()
    item = report(everything, since=dt.date(2026, 1, 1))  # the window holds both periods
    item = replace(item, pre_injury=pre_injury_of(item, everything, INJURY))
    epics = [item.session_epic(c) for c in item.comparisons]
    assert epics[:3] == [None, None, None]  # before the injury: no EPIC
    assert [round(e, 2) for e in epics[3:] if e is not None] == [D("76.67")] * 3
    assert report(everything).session_epic(item.comparisons[-1]) is None  # no reference


def test_a_side_and_its_injury_date_are_kept_together() -> None:
    sides: dict[int | None, Side] = {None: Side.LEFT, 7: Side.RIGHT}
    dates: dict[int | None, dt.date] = {None: INJURY}
    assert kept_for(sides, dates, 7) == (Side.RIGHT, None)  # its own side, and no date of its own
    assert kept_for(sides, dates, 8) == (Side.LEFT, INJURY)  # every exercise's
    assert kept_for(sides, dates, None) == (Side.LEFT, INJURY)
    assert kept_for({}, {}, 8) == (None, None)
