"""domain.suggestion: the sessions before the gym's own (SessionPlace), the last of them that
gives the cue, and double progression worked to a routine item's rep range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tracker.domain.asymmetry import Status
from tracker.domain.model import Laterality, Side
from tracker.domain.report_figures import (
    AllTime,
    SessionSides,
    SetGroup,
    exercise_imbalance,
    last_session_figures,
    side_figures,
)
from tracker.domain.suggestion import (
    LoggedSet,
    SessionPlace,
    last_session_before,
    progression_steps,
)
from tracker.domain.units import Unit

D = Decimal
START = dt.datetime(2026, 12, 1, 17, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_the_sessions_before_are_the_others_started_no_later() -> None:
    gym = SessionPlace(5, START)
    assert gym.after(4, START - 48 * HOUR)
    assert gym.after(7, START)  # started together: "Last" reads it too, whatever its id
    assert not gym.after(5, START)  # its own sets, logged earlier today
    assert not gym.after(3, START + HOUR)


def pair(session_id: int, at: dt.datetime, left: str, right: str) -> SessionSides:
    return SessionSides(
        session_id, at,
        side_figures([SetGroup(10, D(left), Unit.KG)], Unit.KG, "epley"),
        side_figures([SetGroup(10, D(right), Unit.KG)], Unit.KG, "epley"),
    )


def test_the_cue_comes_from_the_last_session_before_the_gyms_own() -> None:
    """Two days ago the left side was weaker (10x40 against 10x60); today's sets, logged
    before the prompt opened, are level: the gym's cue is last time's, as "Last" shows."""
    item = exercise_imbalance(
        "Single Leg Press",
        [pair(1, START - 48 * HOUR, "40", "60"), pair(2, START, "60", "60")],
        "e1rm", 3, AllTime(None, None),
    )
    assert last_session_figures(item).judgement.weaker_side is None  # today's, level
    before = last_session_before(item, SessionPlace(2, START)).judgement
    assert (before.weaker_side, before.status) == (Side.LEFT, Status.IMBALANCED)
    assert last_session_before(item, None) == last_session_figures(item)
    # Nothing before it: no session to judge, no weaker side.
    first = last_session_before(item, SessionPlace(1, START - 48 * HOUR))
    assert first.judgement.weaker_side is None


def logged(session_id: int, *reps_loads: tuple[int, str]) -> list[LoggedSet]:
    day = (START + session_id * 24 * HOUR).date()
    return [
        LoggedSet(session_id, day, None, reps, D(load), Unit.KG, False, session_id)
        for reps, load in reps_loads
    ]


def next_step(rep_range: tuple[int, int], *reps_loads: tuple[int, str]) -> tuple[D, int]:
    steps = progression_steps(
        logged(1, *reps_loads), Laterality.BILATERAL, rep_range, Unit.KG, lambda _u, _a: D(5)
    )
    step = steps[None].step
    return step.load, step.reps_target


def test_a_routines_range_moves_the_load_where_the_exercises_own_would_not() -> None:
    # 12 reps is the top of 8-12 (add load) but the bottom of 12-15 (add a rep) ...
    assert next_step((8, 12), (12, "100"), (12, "100")) == (D(105), 8)
    assert next_step((12, 15), (12, "100"), (12, "100")) == (D(100), 13)
    # ... and 10 reps the top of 8-10 (add load), inside 8-12 (add a rep).
    assert next_step((8, 12), (10, "100"), (10, "100")) == (D(100), 11)
    assert next_step((8, 10), (10, "100"), (10, "100")) == (D(105), 8)
