"""services.coach on the fake unit of work (its report queries answer through the tests'
oracle): the team rows and the visual report's figures for several lifters, without a
database. Each team row is `report imbalance --since` for its lifter and exercise."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tests.helpers.fake_log import NOW, planned
from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.domain.report_figures import by_volume
from tracker.services.coach import TeamRow, team_report, visual_report
from tracker.services.lifters import add_lifter
from tracker.services.logbook import LogRequest, log_sets
from tracker.services.reports import imbalance_report

DAY = timedelta(days=1)
SLP = "Single Leg Press"
SINCE = NOW - 12 * 7 * DAY


def team(*lifters: str) -> FakeUnitOfWork:
    uow = with_catalog(SLP, "Leg Press", "Suitcase Carry", "One-Arm Dumbbell Row")
    for name in lifters:
        add_lifter(uow, name, "kg")
    return uow


def log(uow: FakeUnitOfWork, lifter: str, exercise: str, sets: str, side: Side | None,
        at: datetime) -> None:  # fmt: skip
    log_sets(uow, lifter, LogRequest(exercise, planned(sets, side), at=at), NOW)


def lsi_session(uow: FakeUnitOfWork, lifter: str, days: int, right: int) -> None:
    """Left 10x60 (e1RM 80) against right 10xR: LSI = R x 5/3 (54 -> 90, 57 -> 95, 51 -> 85)."""
    log(uow, lifter, "slp", "10x60", Side.LEFT, NOW - days * DAY)
    log(uow, lifter, "slp", f"10x{right}", Side.RIGHT, NOW - days * DAY)


def lsi(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value), 2)


def assert_row_is_the_headline(uow: FakeUnitOfWork, row: TeamRow) -> None:
    (item,) = imbalance_report(uow, row.lifter, row.exercise, SINCE, None).exercises
    judged = item.judgement
    assert (row.lsi, row.asymmetry, row.compared_sessions, row.recent_from) == (
        judged.lsi, judged.asymmetry, judged.compared_sessions, judged.first,
    )  # fmt: skip
    assert row.last_trained == item.sessions[-1].date


def test_team_rows_of_three_lifters_in_attention_order_with_their_trends() -> None:
    uow = team("bo", "cy")
    # Headline of the latest 3 against the 3 before: 90 -> 95 and 90 -> 85.
    for day, right in ((7, 54), (6, 54), (5, 54), (4, 57), (3, 57), (2, 57)):
        lsi_session(uow, "me", day, right)
    for day, right in ((7, 54), (6, 54), (5, 54), (4, 51), (3, 51), (2, 51)):
        lsi_session(uow, "bo", day, right)
    for day, right in ((4, 48), (2, 45)):  # two sessions: no trend (it needs 6)
        lsi_session(uow, "cy", day, right)
    uow.committed = False
    report = team_report(uow, SINCE)
    assert report.since == SINCE.astimezone().date()
    rows = [(r.lifter, lsi(r.lsi), r.status, r.trend, lsi(r.baseline_lsi)) for r in report.rows]
    assert rows == [
        ("cy", 77.5, "imbalanced", None, None),  # right 64 and 60 against 80
        ("bo", 85.0, "watch", "worsening", 90.0),
        ("me", 95.0, "balanced", "improving", 90.0),
    ]  # fmt: skip
    assert report.rows[0].weaker_side == "right" and report.rows[0].unit == "kg"
    for row in report.rows:
        assert_row_is_the_headline(uow, row)
    me = report.rows[2]
    assert [lsi(s.lsi) for s in me.sessions] == [90.0, 90.0, 90.0, 95.0, 95.0, 95.0]
    assert (me.sessions[0].left, me.sessions[0].right) == (Decimal(80), Decimal(72))


def test_a_lifter_without_unilateral_history_has_no_team_row() -> None:
    uow = team("dee")
    log(uow, "dee", "leg press", "10x100", None, NOW - DAY)  # bilateral only
    lsi_session(uow, "me", 1, 54)
    rows = team_report(uow, SINCE).rows
    assert [(r.lifter, r.exercise, lsi(r.lsi)) for r in rows] == [("me", SLP, 90.0)]
    assert rows[0].trend is None  # one session: no trend


def test_an_empty_team_has_no_rows() -> None:
    assert team_report(team("bo"), SINCE).rows == ()


def test_one_side_only_is_an_incomplete_row_without_sessions() -> None:
    uow = team()
    log(uow, "me", "slp", "10x60", Side.LEFT, NOW - DAY)
    (row,) = team_report(uow, SINCE).rows
    assert (row.lsi, row.status, row.weaker_side, row.sessions) == (None, "incomplete", None, ())
    assert_row_is_the_headline(uow, row)


def test_a_timed_carry_is_listed_incomplete_after_the_compared_rows() -> None:
    uow = team()
    log(uow, "me", "suitcase carry", "60sx24", Side.LEFT, NOW - DAY)
    log(uow, "me", "suitcase carry", "45sx24", Side.RIGHT, NOW - DAY)
    lsi_session(uow, "me", 2, 54)
    rows = team_report(uow, SINCE).rows
    assert [(r.exercise, lsi(r.lsi), r.status) for r in rows] == [
        (SLP, 90.0, "balanced"), ("Suitcase Carry", None, "incomplete"),
    ]  # fmt: skip


def test_sessions_before_the_window_are_in_no_headline() -> None:
    uow = team()
    for day, right in ((40, 30), (35, 30), (7, 54), (6, 54), (5, 54), (4, 57), (3, 57), (2, 57)):
        lsi_session(uow, "me", day, right)
    log(uow, "me", "one arm dumbbell row", "10x30", Side.LEFT, NOW - 40 * DAY)
    log(uow, "me", "one arm dumbbell row", "10x20", Side.RIGHT, NOW - 40 * DAY)
    (row,) = team_report(uow, NOW - 30 * DAY).rows  # the row, trained before, is not there
    assert [lsi(s.lsi) for s in row.sessions] == [90.0, 90.0, 90.0, 95.0, 95.0, 95.0]
    assert (row.exercise, row.trend, lsi(row.baseline_lsi)) == (SLP, "improving", 90.0)
    wider = team_report(uow, NOW - 60 * DAY).rows
    assert {r.exercise for r in wider} == {SLP, "One-Arm Dumbbell Row"}


def test_the_trend_boundary_is_five_points() -> None:
    uow = team()
    # Before: right 54, 54, 57 (mean e1RM 73.33 against 80: 91.67); now 57 x 3: 95, +3.33.
    for day, right in ((7, 54), (6, 54), (5, 57), (4, 57), (3, 57), (2, 57)):
        lsi_session(uow, "me", day, right)
    (row,) = team_report(uow, SINCE).rows
    assert (row.trend, lsi(row.baseline_lsi), lsi(row.lsi)) == ("stable", 91.67, 95.0)


def test_a_weaker_side_is_named_only_when_the_sessions_agree() -> None:
    uow = team()
    for day, right in ((10, 50), (7, 60), (4, 60), (1, 50)):  # right weaker once in three
        lsi_session(uow, "me", day, right)
    (row,) = team_report(uow, SINCE).rows
    assert row.weaker_side is None


def test_sessions_that_disagree_name_no_weaker_side() -> None:
    uow = team()
    sides = (("10x60", "8x60"), ("8x60", "10x60"), ("10x60", "8x60"), ("8x60", "10x60"))
    for day, (left, right) in enumerate(sides):
        log(uow, "me", "slp", left, Side.LEFT, NOW - (5 - day) * DAY)
        log(uow, "me", "slp", right, Side.RIGHT, NOW - (5 - day) * DAY)
    (row,) = team_report(uow, SINCE).rows
    assert (row.weaker_side, row.status) == (None, "balanced")


def test_a_pair_of_unloaded_sets_is_an_incomplete_row() -> None:
    """1 x 0 kg on each side, then 13 reps (past the formulas) on one: compared by volume,
    0 against 0 has no LSI: an incomplete row, no session compared, no crash."""
    uow = team()
    log(uow, "me", "slp", "1x0", Side.LEFT, NOW - 2 * DAY)
    log(uow, "me", "slp", "1x0", Side.RIGHT, NOW - 2 * DAY)
    log(uow, "me", "slp", "13x20", Side.LEFT, NOW - DAY)
    (row,) = team_report(uow, SINCE).rows
    assert (row.lsi, row.status, row.sessions) == (None, "incomplete", ())
    assert_row_is_the_headline(uow, row)


def test_the_team_row_is_on_the_involved_scale() -> None:
    uow = team()
    log(uow, "me", "slp", "10x66", Side.LEFT, NOW - 2 * DAY)  # involved 88 / 80: LSI 110
    log(uow, "me", "slp", "10x60", Side.RIGHT, NOW - 2 * DAY)
    me, slp = uow.lifters.lifter("me"), uow.catalog.exercise(SLP)
    assert me is not None and slp is not None
    uow.involved_sides().set(me.id, slp.id, Side.LEFT)
    (row,) = team_report(uow, SINCE).rows
    assert (lsi(row.lsi), row.involved, row.status) == (110.0, "left", "balanced")


# -- the visual report ---------------------------------------------------------------------


def test_the_visual_report_has_a_section_per_lifter_and_unilateral_exercise() -> None:
    uow = team("dee")
    log(uow, "dee", "leg press", "10x100", None, NOW - DAY)
    lsi_session(uow, "me", 2, 54)
    lsi_session(uow, "me", 1, 57)
    reports = visual_report(uow, None, True, (), None, None)
    assert [(r.lifter, len(r.exercises)) for r in reports] == [("dee", 0), ("me", 1)]
    (exercise,) = reports[1].exercises
    figures, judged = exercise.figures, exercise.figures.judgement
    assert (figures.exercise, judged.weaker_side, judged.compared_sessions) == (SLP, Side.RIGHT, 2)
    assert (figures.left.sets, figures.left.reps, figures.right.sets) == (2, 20, 2)
    assert figures.right.best_set is not None and figures.right.best_set.load == 57
    assert [figures.session_lsi(c) for c in figures.comparisons] == [90, 95]
    # The volume chart: the same sessions, each side's volume.
    pairs = [(c.left, c.right) for c in by_volume(figures).comparisons]
    assert pairs == [(Decimal(600), Decimal(540)), (Decimal(600), Decimal(570))]
    sides = exercise.next_session.sides
    assert [side.side for side in sides] == ["left", "right"] and exercise.next_session.rationale
    first, last = reports[1].first_date, reports[1].last_date
    assert first is not None and last is not None and first < last


def test_the_visual_report_filters_by_exercise_and_lists_an_exercise_once() -> None:
    uow = team()
    lsi_session(uow, "me", 1, 54)
    log(uow, "me", "suitcase carry", "20x24", Side.LEFT, NOW - DAY)
    log(uow, "me", "suitcase carry", "20x24", Side.RIGHT, NOW - DAY)
    (report,) = visual_report(uow, None, False, ("slp", "slp"), None, None)
    assert [e.figures.exercise for e in report.exercises] == [SLP]


def test_lifter_and_all_lifters_together_are_refused() -> None:
    with pytest.raises(InvalidValue, match="not both"):
        visual_report(team("bo"), "bo", True, (), None, None)
