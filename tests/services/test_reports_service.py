"""services.reports and services.coach on the fake unit of work (its report queries answer
through the tests' oracle): the use cases' own rules, without a database."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tests.helpers.fake_log import NOW, log, planned
from tracker.cli.html_pages import exercise_figures
from tracker.domain.errors import InvalidValue
from tracker.domain.model import Side
from tracker.services.coach import team_report
from tracker.services.reports import history_report, imbalance_report, summary_report

DAY = timedelta(days=1)


def logged_pairs() -> FakeUnitOfWork:
    """Single Leg Press: left 10x100, right 10x80 two days ago; left 10x100, right 10x90 today."""
    uow = with_catalog("Single Leg Press", "Leg Press")
    for days, right in ((2, "10x80"), (0, "10x90")):
        log(uow, "slp", planned("10x100", Side.LEFT), at=NOW - days * DAY)
        log(uow, "slp", planned(right, Side.RIGHT), at=NOW - days * DAY)
    log(uow, "leg press", planned("5x200"), at=NOW)
    uow.committed = False
    return uow


def test_the_imbalance_headline_is_the_mean_of_the_recent_session_bests() -> None:
    uow = logged_pairs()
    report = imbalance_report(uow, None, None, None, None)
    assert uow.committed
    (item,) = report.exercises  # the bilateral Leg Press is not compared
    assert item.exercise == "Single Leg Press" and item.compared_by == "e1rm"
    judged = item.judgement
    # Epley: 10 x 100 is 133.33; 10 x 80 106.67 and 10 x 90 120, a mean of 113.33.
    assert judged.weaker_side is Side.RIGHT and judged.compared_sessions == 2
    assert judged.lsi is not None and round(judged.lsi, 1) == Decimal("85.0")
    assert item.all_time.right is not None and item.all_time.right.load == Decimal(90)


def test_a_bilateral_exercise_has_no_imbalance_report() -> None:
    uow = logged_pairs()
    with pytest.raises(InvalidValue, match="Leg Press is bilateral"):
        imbalance_report(uow, None, "leg press", None, None)
    assert not uow.committed


def test_the_window_narrows_the_sessions_not_the_all_time_bests() -> None:
    uow = logged_pairs()
    report = imbalance_report(uow, None, None, NOW - DAY, None)
    (item,) = report.exercises
    assert [c.date for c in item.comparisons] == [NOW.astimezone().date()]
    assert item.all_time.left is not None and item.all_time.left.load == Decimal(100)


def test_history_marks_each_sides_personal_bests() -> None:
    report = history_report(logged_pairs(), None, "slp", Side.RIGHT, None)
    assert [(e.side, e.personal_best) for e in report.entries] == [
        (Side.RIGHT, True), (Side.RIGHT, True),
    ]


def test_the_summary_counts_a_left_right_pair_as_one_set() -> None:
    uow = logged_pairs()
    pairs = summary_report(uow, None, NOW - 7 * DAY)
    sides = summary_report(uow, None, NOW - 7 * DAY, pairs=False)
    assert (pairs.sessions, pairs.sets, sides.sets) == (2, 3, 5)


def test_the_html_figures_and_the_team_row_are_the_reports_headline() -> None:
    uow = logged_pairs()
    (item,) = imbalance_report(uow, None, None, None, None).exercises
    page = exercise_figures(item)  # what the HTML page shows of the report's exercise
    (row,) = team_report(uow, NOW - 7 * DAY).rows
    assert page["weaker_side"] == row.weaker_side == "right"
    assert page["lsi"] == round(float(item.judgement.lsi or 0), 2)
    assert row.lsi == item.judgement.lsi
