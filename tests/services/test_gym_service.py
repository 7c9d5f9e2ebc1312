"""services.gym on the fake unit of work: today's target, fixed once per session and typed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tracker.adapters.orm import GymState
from tracker.domain.model import Side
from tracker.domain.routines import SessionTarget, SideTarget, Target
from tracker.domain.specs import parse_spec
from tracker.domain.units import Unit
from tracker.services.gym import exercise_brief, open_gym, reload_status
from tracker.services.logbook import LogRequest, PlannedSet, log_sets

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def log(uow: FakeUnitOfWork, exercise: str, text: str, at: datetime) -> None:
    sets = [PlannedSet(spec, None) for word in text.split() for spec in parse_spec(word)]
    log_sets(uow, None, LogRequest(exercise, sets), at)


def state_of(uow: FakeUnitOfWork, session_id: int) -> GymState:
    state = uow.gym.gym_state_by_session_id(session_id)
    assert state is not None
    return state


def test_a_bodyweight_target_is_kept_typed_with_the_session() -> None:
    uow = with_catalog("Dip")
    log(uow, "dips", "8xBW+10", NOW - timedelta(days=2))
    session = open_gym(uow, None, None, NOW).session_id
    brief = exercise_brief(uow, None, "dips", session)
    expected = Target("progression", Unit.KG, {None: SideTarget(Decimal(10), 9)}, True)
    assert brief.target == expected
    # What the service handed to the repository: a typed target (the adapter writes JSON).
    assert state_of(uow, session).targets == {"Dip": SessionTarget(expected, None)}


def test_a_stored_target_is_shown_again_not_recomputed() -> None:
    uow = with_catalog("Bench Press")
    log(uow, "bench press", "3x10x60", NOW - timedelta(days=2))
    session = open_gym(uow, None, None, NOW).session_id
    first = exercise_brief(uow, None, "bench press", session).target
    log(uow, "bench press", "3x12x60", NOW)  # today's sets would move a fresh suggestion
    assert exercise_brief(uow, None, "bench press", session).target == first


def test_no_target_keeps_what_suggest_said() -> None:
    uow = with_catalog("Bench Press")
    session = open_gym(uow, None, None, NOW).session_id
    brief = exercise_brief(uow, None, "bench press", session)
    assert brief.target is None and brief.no_target is not None
    assert "has no history yet" in brief.no_target
    stored = state_of(uow, session).targets["Bench Press"]
    assert stored == SessionTarget(None, no_target=brief.no_target)


def test_a_reload_counts_the_stored_sets_and_carries_the_place_on() -> None:
    uow = with_catalog("Bench Press")
    before = open_gym(uow, None, None, NOW)
    before.exercise = "Bench Press"
    log(uow, "bench press", "3x10x60", NOW)
    after = reload_status(uow, None, before, NOW)
    assert after.session_id == before.session_id and not after.started
    assert after.done == {"Bench Press": {None: 3}} and after.sets_logged == 3
    assert after.exercise == "Bench Press"


def test_a_reload_after_undo_removed_the_session_opens_one_at_the_same_place() -> None:
    uow = with_catalog("Bench Press")
    before = open_gym(uow, None, None, NOW)
    before.position, before.skipped, before.exercise = 2, {1}, "Bench Press"
    with uow:
        session = uow.log.training_session(uow.lifters.lifters()[0], before.session_id)
        assert session is not None
        uow.log.delete(session)
        uow.commit()
    after = reload_status(uow, None, before, NOW)
    assert after.session_id != before.session_id and after.started
    assert (after.position, after.skipped, after.exercise) == (2, {1}, "Bench Press")
    stored = state_of(uow, after.session_id)
    assert (stored.position, stored.skipped) == (2, [1])



def test_a_side_on_body_weight_beside_a_loaded_side_keeps_its_own_terms() -> None:
    """Suggest's sides as the gym shows them: the left a plain 80 kg, the right BW+10."""
    uow = with_catalog("Single-Arm Cable Row")
    sets = [PlannedSet(spec, side) for spec, side in (
        (parse_spec("8x80")[0], Side.LEFT), (parse_spec("8xBW+10")[0], Side.RIGHT),
    )]
    log_sets(uow, None, LogRequest("single-arm cable row", sets), NOW - timedelta(days=2))
    session = open_gym(uow, None, None, NOW).session_id
    brief = exercise_brief(uow, None, "single-arm cable row", session)
    assert brief.target == Target("progression", Unit.KG, {
        Side.LEFT: SideTarget(Decimal(80), 10, Unit.KG),
        Side.RIGHT: SideTarget(Decimal(10), 10, Unit.KG, bodyweight=True),
    })
    assert brief.target is not None
    assert (brief.target.on_bodyweight(Side.LEFT), brief.target.on_bodyweight(Side.RIGHT)) == (
        False, True,
    )
