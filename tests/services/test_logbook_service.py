"""services.logbook on the fake unit of work: session placement, sides, bests, back-dating."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tests.helpers.fake_log import NOW, log, planned
from tracker.adapters.orm import Lifter, TrainingSession, WorkoutSet
from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.model import Side
from tracker.domain.specs import parse_spec
from tracker.domain.units import Unit
from tracker.services.logbook import SetEdit, edit_set

H = timedelta(hours=1)


def stored_sets(uow: FakeUnitOfWork) -> list[WorkoutSet]:
    return sorted(uow.store.table(WorkoutSet), key=lambda row: row.id)


def sessions(uow: FakeUnitOfWork) -> list[TrainingSession]:
    return sorted(uow.store.table(TrainingSession), key=lambda row: row.id)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return with_catalog("Leg Press", "Single Leg Press", "Bench Press")


def test_the_first_log_starts_a_session_and_stores_each_set(uow: FakeUnitOfWork) -> None:
    result = log(uow, "leg press", planned("10x100 8x120"))
    assert uow.committed
    assert result.started_session and result.closed_session is None and result.first_time
    assert [(s.reps, s.load, s.unit, s.side, s.performed_at) for s in stored_sets(uow)] == [
        (10, Decimal(100), "kg", None, NOW),
        (8, Decimal(120), "kg", None, NOW),
    ]
    (session,) = sessions(uow)
    assert (session.id, session.started_at, session.finished_at) == (result.session_id, NOW, None)
    # One command, one batch named by its first set, for undo.
    assert {s.batch for s in stored_sets(uow)} == {stored_sets(uow)[0].id}


def test_a_log_within_four_hours_joins_the_open_session(uow: FakeUnitOfWork) -> None:
    first = log(uow, "leg press", planned("10x100"), now=NOW)
    second = log(uow, "bench press", planned("8x60"), now=NOW + 3 * H)
    assert second.session_id == first.session_id and not second.started_session
    assert len(sessions(uow)) == 1


def test_after_a_gap_of_more_than_four_hours_the_old_session_closes_at_its_last_set(
    uow: FakeUnitOfWork,
) -> None:
    first = log(uow, "leg press", planned("10x100"), now=NOW)
    second = log(uow, "leg press", planned("10x105"), now=NOW + 5 * H)
    assert second.started_session and second.closed_session == first.session_id
    assert first.session_open and second.session_open  # the gym prompt follows the new one
    old, new = sessions(uow)
    assert (old.finished_at, new.started_at, new.finished_at) == (NOW, NOW + 5 * H, None)
    assert second.previous is not None and second.previous.sets[0].load == Decimal(100)


def test_a_back_dated_log_joins_the_finished_session_of_that_day_and_widens_it(
    uow: FakeUnitOfWork,
) -> None:
    log(uow, "leg press", planned("10x100"), now=NOW - 24 * H)
    log(uow, "leg press", planned("10x100"), now=NOW)  # closes yesterday's session
    yesterday, today = sessions(uow)
    assert yesterday.finished_at == NOW - 24 * H
    result = log(uow, "bench press", planned("8x60"), now=NOW, at=NOW - 23 * H)
    assert result.session_id == yesterday.id and not result.started_session
    assert not result.session_open  # the gym prompt stays on the open session
    assert (yesterday.started_at, yesterday.finished_at) == (NOW - 24 * H, NOW - 23 * H)
    assert today.finished_at is None  # the open session is left alone
    assert stored_sets(uow)[-1].performed_at == NOW - 23 * H


def test_a_back_dated_log_far_from_any_session_gets_its_own_finished_one(
    uow: FakeUnitOfWork,
) -> None:
    log(uow, "leg press", planned("10x100"), now=NOW)
    result = log(uow, "leg press", planned("10x90"), now=NOW, at=NOW - 72 * H)
    assert result.started_session and not result.session_open
    back = next(s for s in sessions(uow) if s.id == result.session_id)
    assert (back.started_at, back.finished_at) == (NOW - 72 * H, NOW - 72 * H)


def test_a_one_sided_exercise_stores_each_side_and_needs_a_side(uow: FakeUnitOfWork) -> None:
    log(uow, "slp", planned("10x60", Side.LEFT) + planned("8x60", Side.RIGHT))
    assert [(s.side, s.reps) for s in stored_sets(uow)] == [("left", 10), ("right", 8)]
    before = len(stored_sets(uow))
    uow.committed = False
    with pytest.raises(InvalidValue, match="Single Leg Press is unilateral: give each set a side"):
        log(uow, "slp", planned("10x60"))
    assert not uow.committed and len(stored_sets(uow)) == before


def test_a_bilateral_exercise_refuses_a_side(uow: FakeUnitOfWork) -> None:
    with pytest.raises(InvalidValue, match="Leg Press is bilateral: drop --left"):
        log(uow, "leg press", planned("10x100", Side.LEFT))
    assert not uow.committed and stored_sets(uow) == []


def test_new_bests_are_marked_per_side(uow: FakeUnitOfWork) -> None:
    log(uow, "slp", planned("10x60", Side.LEFT) + planned("10x60", Side.RIGHT), now=NOW - 48 * H)
    # Left beats its best (Epley 10x65 > 10x60); right repeats it, which is no new best.
    result = log(uow, "slp", planned("10x65", Side.LEFT) + planned("10x60", Side.RIGHT))
    assert [(s.side, s.best) for s in result.sets] == [(Side.LEFT, True), (Side.RIGHT, False)]


def test_bodyweight_sets_are_weighed_with_the_weigh_in_of_their_time() -> None:
    """As report history weighs them: the first sets, before any weigh-in, take the earliest
    (176 lb); the last session the 70 kg of its day, which beats nothing."""
    pistol = with_catalog("Pistol Squat")
    day = 24 * H
    log(pistol, "pistol", planned("8xBW-10", Side.LEFT) + planned("5xBW+10lb", Side.RIGHT),
        at=NOW - 30 * day)
    (lifter,) = pistol.store.table(Lifter)
    pistol.body_weights().add(lifter.id, NOW - 27 * day, Decimal(176), Unit.LB)
    pistol.body_weights().add(lifter.id, NOW - 12 * day, Decimal(70), Unit.KG)
    sessions = [("8xBW-12", "5xBW+5", 22), ("8xBW-11", "5xBW+12", 20), ("8xBW-1", "5xBW+14", 11)]
    marks = [
        [s.best for s in log(pistol, "pistol", planned(left, Side.LEFT)
                             + planned(right, Side.RIGHT), at=NOW - days * day).sets]
        for left, right, days in sessions
    ]
    assert marks == [[False, True], [False, True], [False, False]]


def test_the_very_first_sets_are_not_called_bests(uow: FakeUnitOfWork) -> None:
    result = log(uow, "leg press", planned("10x100"))
    assert [s.best for s in result.sets] == [False]


def test_a_timed_hop_is_compared_with_the_shortest_time_before_it() -> None:
    hops = with_catalog("6 m Timed Hop")
    log(hops, "timed hop", planned("2.31s", Side.LEFT) + planned("2.2s", Side.RIGHT),
        now=NOW - 48 * H)
    log(hops, "timed hop", planned("1.9s", Side.LEFT), now=NOW + H, at=NOW)  # done later
    result = log(hops, "timed hop", planned("2.05s", Side.LEFT) + planned("2.4s", Side.RIGHT),
                 now=NOW + H, at=NOW - H)
    assert [s.best_measure for s in result.sets] == ["time", None]


def test_a_back_dated_set_is_compared_with_the_sets_before_it_only(uow: FakeUnitOfWork) -> None:
    log(uow, "leg press", planned("10x150"), now=NOW)
    # Logged later but done two days earlier: only what came before that day counts.
    result = log(uow, "leg press", planned("10x120"), now=NOW + H, at=NOW - 48 * H)
    first_ever = log(uow, "leg press", planned("10x130"), now=NOW + H, at=NOW - 24 * H)
    assert [s.best for s in result.sets] == [False]  # nothing before it
    assert [s.best for s in first_ever.sets] == [True]  # beats 10x120, not 10x150 (later)


def test_a_set_moved_to_a_machine_needs_a_load_as_a_log_does() -> None:
    uow = with_catalog("Plank", "Leg Press")
    (plank,) = log(uow, "plank", planned("45s")).sets
    with pytest.raises(InvalidSpec) as logged:
        log(uow, "leg press", planned("45s"))
    with pytest.raises(InvalidSpec) as moved:
        edit_set(uow, None, plank.id, SetEdit(exercise="leg press"))
    assert str(moved.value) == str(logged.value)
    assert [row.exercise.name for row in stored_sets(uow)] == ["Plank"]
    edit_set(uow, None, plank.id, SetEdit(spec=parse_spec("45sxBW")[0], exercise="leg press"))
    assert [row.exercise.name for row in stored_sets(uow)] == ["Leg Press"]
