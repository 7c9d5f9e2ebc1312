"""services.sessions and services.history on the fake unit of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tracker.adapters.orm import TrainingSession, WorkoutSet
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.specs import parse_spec
from tracker.services.history import undo_last_change
from tracker.services.lifters import add_lifter, list_lifters
from tracker.services.logbook import LogRequest, PlannedSet, delete_set, log_sets
from tracker.services.sessions import finish_session, list_sessions, start_session

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
H = timedelta(hours=1)


def log(uow: FakeUnitOfWork, text: str, now: datetime = NOW) -> int:
    sets = [PlannedSet(spec, None) for word in text.split() for spec in parse_spec(word)]
    return log_sets(uow, None, LogRequest("bench press", sets), now).session_id


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return with_catalog("Bench Press")


def test_finish_closes_the_open_session_now(uow: FakeUnitOfWork) -> None:
    session_id = log(uow, "8x60 8x60", now=NOW)
    done = finish_session(uow, None, None, NOW + H)
    assert (done.id, done.finished_at, done.sets, done.exercises) == (session_id, NOW + H, 2, 1)


def test_finish_of_a_stale_session_ends_it_at_its_last_set(uow: FakeUnitOfWork) -> None:
    log(uow, "8x60", now=NOW)
    assert finish_session(uow, None, None, NOW + 6 * H).finished_at == NOW


def test_finish_without_an_open_session_fails_and_before_the_start_is_refused(
    uow: FakeUnitOfWork,
) -> None:
    with pytest.raises(NotFound, match="no open session to finish"):
        finish_session(uow, None, None, NOW)
    log(uow, "8x60", now=NOW)
    with pytest.raises(InvalidValue, match="can't finish before it started"):
        finish_session(uow, None, NOW - H, NOW)


def test_a_second_start_while_one_is_open_is_a_conflict(uow: FakeUnitOfWork) -> None:
    first = start_session(uow, None, NOW, "legs")
    with pytest.raises(Conflict, match=f"session #{first.id} is still open"):
        start_session(uow, None, NOW + H, None)


def test_list_is_newest_first_with_counts_and_since(uow: FakeUnitOfWork) -> None:
    older = log(uow, "8x60", now=NOW - 48 * H)
    newer = log(uow, "8x60 8x62.5 6x65", now=NOW)
    listed = list_sessions(uow, None, None)
    assert [(s.id, s.sets, s.exercises) for s in listed] == [(newer, 3, 1), (older, 1, 1)]
    assert [s.id for s in list_sessions(uow, None, NOW - H)] == [newer]


def test_a_first_list_makes_the_default_lifter_and_an_unknown_name_is_refused() -> None:
    uow = FakeUnitOfWork()
    assert list_sessions(uow, None, None) == []
    assert uow.committed and [x.name for x in uow.lifters.lifters()] == ["me"]
    assert list_lifters(uow) == [("me", "kg")]
    with pytest.raises(NotFound, match='no lifter named "bob"'):
        list_sessions(uow, "bob", None)
    assert [x.name for x in uow.lifters.lifters()] == ["me"]


def test_lifters_are_listed_by_name_from_the_read_path() -> None:
    uow = FakeUnitOfWork()
    add_lifter(uow, "zoe", "lb")
    add_lifter(uow, "Al", "kg")
    assert list_lifters(uow) == [("Al", "kg"), ("me", "kg"), ("zoe", "lb")]


def test_undo_removes_a_log_and_the_session_it_started(uow: FakeUnitOfWork) -> None:
    kept = log(uow, "8x60", now=NOW - 48 * H)
    log(uow, "8x60 8x65", now=NOW)
    undone = undo_last_change(uow, None)
    assert undone.action == "log" and len(undone.sets) == 2 and undone.removed_sessions
    assert [s.id for s in uow.store.table(TrainingSession)] == [kept]
    assert len(uow.store.table(WorkoutSet)) == 1


def test_undo_brings_a_deleted_set_back_with_its_id(uow: FakeUnitOfWork) -> None:
    log(uow, "8x60 8x65", now=NOW)
    victim = max(row.id for row in uow.store.table(WorkoutSet))
    delete_set(uow, None, victim)
    assert victim not in {row.id for row in uow.store.table(WorkoutSet)}
    undone = undo_last_change(uow, None)
    assert undone.action == "delete set" and [s.id for s in undone.sets] == [victim]
    back = uow.store.get(WorkoutSet, victim)
    assert back is not None and back.load == 65 and back.session is not None
