"""services.history beyond the log, on the fake unit of work: weigh-ins, settings, involved
sides, routines and session starts and finishes are undone newest first, each in one
transaction with the change it records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tracker.adapters.journal import copy_row
from tracker.adapters.orm import TrainingSession, WorkoutSet
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.model import Side
from tracker.domain.specs import parse_spec
from tracker.domain.units import Unit
from tracker.services.equipment import set_equipment_setting
from tracker.services.gym import finish_gym
from tracker.services.history import undo_last_change
from tracker.services.lifter_data import add_body_weight, list_body_weights, set_involved
from tracker.services.lifters import add_lifter, get_unit, set_increment, set_unit
from tracker.services.logbook import (
    LogRequest,
    PlannedSet,
    SetEdit,
    edit_set,
    log_sets,
    note_sets,
)
from tracker.services.routines import (
    ItemChanges,
    RoutineEdit,
    add_item,
    add_routine,
    edit_routine,
    list_routines,
    remove_routine,
    show_routine,
)
from tracker.services.sessions import finish_session, list_sessions, start_session
from tracker.services.undone import RoutineUndone, SessionUndone, SettingUndone

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
H = timedelta(hours=1)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return with_catalog("Bench Press", "Back Squat")


def log(uow: FakeUnitOfWork, spec: str, at: datetime = NOW) -> None:
    planned = [PlannedSet(s, None) for s in parse_spec(spec)]
    log_sets(uow, None, LogRequest("bench press", planned), at)


def sets_stored(uow: FakeUnitOfWork) -> int:
    return sum(info.sets for info in list_sessions(uow, None, None))


def test_a_weigh_in_is_undone_before_the_log_before_it(uow: FakeUnitOfWork) -> None:
    log(uow, "5x80")
    add_body_weight(uow, None, Decimal("82.5"), None, NOW + H)
    undone = undo_last_change(uow, None)
    assert undone.detail == BodyWeight(NOW + H, Decimal("82.5"), Unit.KG)
    assert list_body_weights(uow, None) == []
    assert sets_stored(uow) == 1
    assert undo_last_change(uow, None).action == "log"
    assert sets_stored(uow) == 0


def test_a_refused_weigh_in_records_nothing(uow: FakeUnitOfWork) -> None:
    log(uow, "5x80")
    with pytest.raises(InvalidValue):
        add_body_weight(uow, None, Decimal(0), None, NOW)
    assert undo_last_change(uow, None).action == "log"


def test_config_set_unit_is_undone_to_the_unit_before(uow: FakeUnitOfWork) -> None:
    set_unit(uow, None, "lb")
    undone = undo_last_change(uow, None)
    assert undone.detail == SettingUndone("config set unit lb", "unit = kg again")
    assert get_unit(uow, None).value == "kg"


def test_gym_wide_settings_come_back_or_go_back_to_their_default(uow: FakeUnitOfWork) -> None:
    set_increment(uow, None, "dumbbell", "2kg")
    set_increment(uow, None, "dumbbell", "1.25kg")
    set_equipment_setting(uow, None, "plates", "25x4,20,10lb")
    assert undo_last_change(uow, None).detail == SettingUndone(
        "config set plates 25x4,20,10 lb", "plates is back to its default"
    )
    assert uow.lifters.setting("plates.lb") is None
    assert undo_last_change(uow, None).detail == SettingUndone(
        "config set increment.dumbbell 1.25 kg", "increment.dumbbell = 2 kg again"
    )
    assert uow.lifters.setting("increment.dumbbell.kg") == "2"
    undo_last_change(uow, None)
    assert uow.lifters.settings("increment.") == {}


def test_a_gym_wide_setting_changed_since_by_another_lifter_is_left(uow: FakeUnitOfWork) -> None:
    add_lifter(uow, "ana", "kg")
    set_increment(uow, None, "barbell", "5kg")
    set_increment(uow, "ana", "barbell", "1kg")
    undone = undo_last_change(uow, None)
    assert isinstance(undone.detail, SettingUndone)
    assert undone.detail.outcome == (
        "left as it is (increment.barbell = 1 kg): another lifter has changed it since"
    )
    assert uow.lifters.setting("increment.barbell.kg") == "1"
    undo_last_change(uow, "ana")
    assert uow.lifters.setting("increment.barbell.kg") == "5"


def test_an_involved_side_is_undone_to_the_one_before(uow: FakeUnitOfWork) -> None:
    ana = add_lifter(uow, "ana", "kg")
    set_involved(uow, "ana", Side.LEFT, None)
    set_involved(uow, "ana", None, None)
    assert undo_last_change(uow, "ana").detail == SettingUndone(
        "lifter edit ana --involved none", "involved side left for every exercise again"
    )
    assert uow.involved_sides().of_lifter(ana.id) == {None: Side.LEFT}
    with pytest.raises(NotFound, match="nothing to undo"):
        undo_last_change(uow, None)  # ana's changes are not mine to undo
    undo_last_change(uow, "ana")
    assert uow.involved_sides().of_lifter(ana.id) == {}


def test_routine_commands_are_undone_newest_first(uow: FakeUnitOfWork) -> None:
    add_routine(uow, None, "Push")
    add_item(uow, None, "Push", "bench press", ItemChanges(sets=5))
    add_item(uow, None, "Push", "back squat", ItemChanges())
    planned = show_routine(uow, None, "Push")
    edit_routine(uow, None, "Push", RoutineEdit(rename="Legs", item=1, remove_item=True))
    remove_routine(uow, None, "Legs")
    undone = undo_last_change(uow, None).detail
    assert isinstance(undone, RoutineUndone) and undone.command == "routine remove"
    assert undone.plan is not None and [i.exercise for i in undone.plan.items] == ["Back Squat"]
    undone = undo_last_change(uow, None).detail
    assert isinstance(undone, RoutineUndone) and undone.plan == planned
    assert show_routine(uow, None, "Push") == planned
    undo_last_change(uow, None)
    undo_last_change(uow, None)
    assert undo_last_change(uow, None).detail == RoutineUndone("routine add", "Push", None)
    assert list_routines(uow, None) == []


def test_session_start_and_finish_are_undone(uow: FakeUnitOfWork) -> None:
    started = start_session(uow, None, NOW, "Legs")
    log(uow, "5x80", NOW + H)
    finish_session(uow, None, None, NOW + 2 * H)
    assert undo_last_change(uow, None).detail == SessionUndone("session finish", started.id, "Legs")
    assert list_sessions(uow, None, None)[0].finished_at is None
    assert undo_last_change(uow, None).action == "log"
    assert undo_last_change(uow, None).detail == SessionUndone("session start", started.id, "Legs")
    assert list_sessions(uow, None, None) == []


def test_undoing_a_finish_while_another_session_is_open_is_refused(uow: FakeUnitOfWork) -> None:
    start_session(uow, None, NOW - 3 * H, None)
    finish_session(uow, None, None, NOW - 2 * H)
    # A session opened since with no record for undo (the gym opens its own): the finish stays.
    uow.log.add(TrainingSession(lifter_id=uow.lifters.lifters()[0].id, started_at=NOW))
    with pytest.raises(Conflict, match="is open now"):
        undo_last_change(uow, None)


# -- edits: one change however many sets, and a session's span only where the edit moved it ---


def sets_of(uow: FakeUnitOfWork) -> list[tuple[int, Side | None, str | None]]:
    return [(s.id, s.side, s.note) for s in sorted(uow.store.table(WorkoutSet), key=by_id)]


def by_id(row: WorkoutSet | TrainingSession) -> int:
    return row.id


def log_pair(uow: FakeUnitOfWork) -> list[int]:
    planned = [PlannedSet(parse_spec("10x60")[0], side) for side in (Side.LEFT, Side.RIGHT)]
    result = log_sets(uow, None, LogRequest("single leg press", planned), NOW)
    return [stored.id for stored in result.sets]


def test_a_note_on_a_lines_sets_is_one_change_undone_whole() -> None:
    uow = with_catalog("Single Leg Press")
    ids = log_pair(uow)
    noted = note_sets(uow, None, ids, "seat 5")
    assert [s.note for s in noted] == ["seat 5", "seat 5"]
    undone = undo_last_change(uow, None)
    assert (undone.action, [s.id for s in undone.sets]) == ("edit", ids)
    assert sets_of(uow) == [(ids[0], Side.LEFT, None), (ids[1], Side.RIGHT, None)]
    assert undo_last_change(uow, None).action == "log"  # the note was one change
    assert sets_of(uow) == []


def test_a_note_refuses_a_set_of_another_lifter_and_changes_nothing() -> None:
    uow = with_catalog("Single Leg Press")
    ids = log_pair(uow)
    with pytest.raises(NotFound):
        note_sets(uow, None, [ids[0], ids[1] + 1], "seat 5")
    assert [note for *_, note in sets_of(uow)] == [None, None]
    assert undo_last_change(uow, None).action == "log"


def test_undoing_a_note_leaves_a_session_finished_since_finished() -> None:
    uow = with_catalog("Single Leg Press")
    ids = log_pair(uow)
    note_sets(uow, None, ids, "seat 5")
    session = uow.log.latest_session(uow.lifters.lifters()[0])
    assert session is not None
    finish_gym(uow, None, session.id, NOW + H)  # the gym's done: no change record of its own
    assert session.finished_at == NOW + H
    assert undo_last_change(uow, None).action == "edit"
    assert (session.started_at, session.finished_at) == (NOW, NOW + H)


def test_undoing_a_retimed_set_puts_back_only_the_start_it_moved() -> None:
    uow = with_catalog("Single Leg Press")
    ids = log_pair(uow)
    edit_set(uow, None, ids[0], SetEdit(at=NOW - H))
    session = uow.log.latest_session(uow.lifters.lifters()[0])
    assert session is not None and session.started_at == NOW - H
    finish_gym(uow, None, session.id, NOW + H)
    undo_last_change(uow, None)
    assert (session.started_at, session.finished_at) == (NOW, NOW + H)


def test_an_edit_recorded_before_edits_kept_several_sets_is_still_undone() -> None:
    """A record of one set and its session (as edits were recorded before): the set is put
    back, and the session's span only when the edit retimed the set."""
    uow = with_catalog("Single Leg Press")
    ids = log_pair(uow)
    lifter = uow.lifters.lifters()[0]
    row = uow.store.get(WorkoutSet, ids[0])
    session = uow.log.latest_session(lifter)
    assert row is not None and session is not None
    with uow:
        uow.journal.record(lifter, "edit", {"set": copy_row(row), "session": copy_row(session)})
        row.note = "seat 5"
        uow.commit()
    finish_gym(uow, None, session.id, NOW + H)
    undone = undo_last_change(uow, None)
    assert [s.id for s in undone.sets] == ids[:1] and row.note is None
    assert session.finished_at == NOW + H  # the set was not retimed: the session stays finished
