"""services.gym on the fake unit of work: today's target, fixed once per session and typed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tracker.adapters.orm import GymState
from tracker.domain.model import Side
from tracker.domain.routines import RoutineItemPlan, SessionTarget, SideTarget, Target
from tracker.domain.specs import parse_spec
from tracker.domain.units import Unit
from tracker.services.gym import exercise_brief, open_gym, reload_status
from tracker.services.logbook import LogRequest, PlannedSet, log_sets
from tracker.wording.loads import COACHING_CUE

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


def log_sides(uow: FakeUnitOfWork, left: str, right: str, at: datetime) -> None:
    sets = [PlannedSet(spec, side) for side, text in ((Side.LEFT, left), (Side.RIGHT, right))
            for spec in parse_spec(text)]
    log_sets(uow, None, LogRequest("single leg press", sets), at)


def test_a_routine_items_rep_range_drives_the_target_not_a_clamp() -> None:
    """suggest is asked with the item's 8-10: 10 reps there is the top (add load). Clamping
    suggest's 8-12 answer (100 x 11) to 10 reps held the lifter at 10 x 100 for ever."""
    uow = with_catalog("Leg Press")
    log(uow, "leg press", "2x10x100", NOW - timedelta(days=2))
    session = open_gym(uow, None, None, NOW).session_id
    item = RoutineItemPlan(1, "Leg Press", "bilateral", 2, 8, 10, None)
    brief = exercise_brief(uow, None, "leg press", session, (item,))
    assert brief.target == Target("progression", Unit.KG, {None: SideTarget(Decimal(105), 8)})


def test_the_target_leaves_out_sets_logged_in_the_gyms_session_before_it_opened() -> None:
    """Squats logged earlier today (`tracker log`, then `tracker gym`): the target comes from
    the session "Last" shows, three days ago, where both sets topped the 5-8 range."""
    uow = with_catalog("Back Squat")
    log(uow, "back squat", "2x8x100", NOW - timedelta(days=3))
    log(uow, "back squat", "5x80", NOW)
    session = open_gym(uow, None, None, NOW).session_id
    brief = exercise_brief(uow, None, "back squat", session)
    assert [(s.reps, s.load) for s in brief.last_time] == [(8, Decimal(100))] * 2
    assert brief.target == Target(
        "progression", Unit.KG, {None: SideTarget(Decimal("102.5"), 5)}
    )


def test_the_cue_and_the_weaker_side_are_last_times_not_todays() -> None:
    """Two days ago the left side was weaker; today's pair, logged before the prompt opened,
    is level. The cue comes with the target, from the session "Last" shows and judges."""
    uow = with_catalog("Single Leg Press")
    log_sides(uow, "10x40", "10x60", NOW - timedelta(days=2))
    log_sides(uow, "10x60", "10x60", NOW)
    session = open_gym(uow, None, None, NOW).session_id
    brief = exercise_brief(uow, None, "single leg press", session)
    assert brief.weaker is Side.LEFT and brief.cue == COACHING_CUE
    assert brief.target == Target("progression", Unit.KG, {
        Side.LEFT: SideTarget(Decimal(40), 11, Unit.KG),
        Side.RIGHT: SideTarget(Decimal(60), 11, Unit.KG),
    })


def test_a_level_session_last_time_gives_no_cue_whatever_today_holds() -> None:
    uow = with_catalog("Single Leg Press")
    log_sides(uow, "10x60", "10x60", NOW - timedelta(days=2))
    log_sides(uow, "10x40", "10x60", NOW)
    session = open_gym(uow, None, None, NOW).session_id
    brief = exercise_brief(uow, None, "single leg press", session)
    assert brief.weaker is None and brief.cue is None
    assert brief.target == Target("progression", Unit.KG, {
        Side.LEFT: SideTarget(Decimal(60), 11, Unit.KG),
        Side.RIGHT: SideTarget(Decimal(60), 11, Unit.KG),
    })
