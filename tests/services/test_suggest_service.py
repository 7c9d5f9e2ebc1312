"""services.suggest on the fake unit of work: starts, progression, the weaker-side cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tracker.domain.asymmetry import Status
from tracker.domain.errors import NoBasis
from tracker.domain.loads import StepReason
from tracker.domain.model import Side
from tracker.domain.specs import parse_spec
from tracker.services.lifter_data import add_body_weight
from tracker.services.lifters import set_increment
from tracker.services.logbook import LogRequest, PlannedSet, log_sets
from tracker.services.suggest import SideTarget, Suggestion, parse_basis, suggest

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
DAY = timedelta(days=1)
D = Decimal


def log(uow: FakeUnitOfWork, exercise: str, text: str, side: Side | None = None,
        at: datetime = NOW) -> None:
    sets = [PlannedSet(spec, side) for word in text.split() for spec in parse_spec(word)]
    log_sets(uow, None, LogRequest(exercise, sets), at)


def test_a_start_comes_from_the_parents_top_working_set() -> None:
    uow = with_catalog("Single Leg Press")
    log(uow, "leg press", "10x120 10x150")
    answer = suggest(uow, None, "single leg press")
    assert answer.kind == "start" and answer.basis is not None
    assert (answer.basis.exercise, answer.basis.load, answer.basis.reps) == (
        "Leg Press", Decimal(150), 10,
    )
    # 40-50% of 150 kg is 60-75 kg, in 5 kg machine steps; start at the low end.
    assert answer.range == (Decimal(60), Decimal(75)) and answer.suggested == Decimal(60)
    assert answer.sides == {side: SideTarget(Decimal(60), Decimal(60), 8) for side in Side}


def test_a_start_without_any_parent_history_says_what_to_do() -> None:
    uow = with_catalog("Single Leg Press")
    with pytest.raises(NoBasis, match="no working sets of Leg Press yet"):
        suggest(uow, None, "slp")
    answer = suggest(uow, None, "slp", parse_basis("100"))
    assert answer.range == (Decimal(40), Decimal(50))
    assert answer.basis is not None and answer.basis.date is None


def test_a_start_per_dumbbell_halves_the_total() -> None:
    uow = with_catalog("Bulgarian Split Squat")
    log(uow, "back squat", "5x100")
    answer = suggest(uow, None, "bulgarian split squat")
    assert answer.range is not None and answer.sides is not None
    # 25-35% of 100 kg is 25-35 kg in total, 12.5-17.5 kg per dumbbell; the 2 kg dumbbell
    # steps inside are 14-16 kg: two 14 kg dumbbells, 28 kg in total.
    assert answer.range == (Decimal(14), Decimal(16)) and answer.suggested == Decimal(14)
    assert answer.sides[Side.LEFT] == SideTarget(Decimal(14), Decimal(28), 8)
    assert answer.converted is not None and answer.converted.convention.per_implement == "dumbbell"


def test_progression_per_side() -> None:
    uow = with_catalog("Single Leg Press")
    log(uow, "slp", "3x12x60", Side.LEFT)
    log(uow, "slp", "3x10x60", Side.RIGHT)
    answer = suggest(uow, None, "slp")
    assert answer.kind == "progression" and answer.sides is not None
    # Left reached the top of 8-12: one 5 kg step up; right holds and aims for 11.
    assert answer.sides[Side.LEFT].load == Decimal(65)
    assert (answer.sides[Side.RIGHT].load, answer.sides[Side.RIGHT].reps_target) == (
        Decimal(60), 11,
    )


def test_the_weaker_side_is_capped_at_the_stronger_sides_load() -> None:
    uow = with_catalog("Single Leg Press")
    # Left: 12 reps at 60 (Epley 84) goes up to 65. Right: 1 rep at 70 (e1RM 70) is weaker,
    # fell short of 8 and would hold 70, more than the stronger side: capped at 65.
    log(uow, "slp", "12x60", Side.LEFT)
    log(uow, "slp", "1x70", Side.RIGHT)
    answer = suggest(uow, None, "slp")
    assert answer.sides is not None
    assert answer.sides[Side.LEFT].load == answer.sides[Side.RIGHT].load == Decimal(65)
    assert (reason(answer, Side.RIGHT).to, reason(answer, Side.RIGHT).capped_at) == (D(70), D(65))
    last = answer.last_session
    assert answer.cue is not None and last is not None
    assert (last.status, last.weaker_side) == (Status.IMBALANCED, Side.RIGHT)


def reason(answer: Suggestion, side: Side | None = None) -> StepReason:
    """Why the answer's step for ``side`` (None: a bilateral lift's one step)."""
    assert answer.steps is not None
    return answer.steps[side].reason


def test_progression_looks_at_the_latest_session() -> None:
    uow = with_catalog("Leg Press")
    log(uow, "leg press", "3x12x100", at=NOW - 2 * DAY)
    log(uow, "leg press", "3x9x105", at=NOW)
    answer = suggest(uow, None, "leg press")
    assert (answer.suggested, answer.reps_target) == (Decimal(105), 10)


def test_an_assisted_progression_is_body_weight_minus_the_assistance() -> None:
    uow = with_catalog("Pull-Up")
    log(uow, "pull-up", "2x10xBW-20", at=NOW - 2 * DAY)
    answer = suggest(uow, None, "pull-up")
    # 10 reps is the top of the pull-up's 5-10: one step of the assistance stack (a machine's
    # 5 kg, not the 1 kg of plates on a belt) less assistance. Without a body weight the mass
    # moved is unknown: restart at the bottom of the range.
    assert answer.bodyweight
    assert (answer.suggested, answer.reps_target) == (Decimal(-15), 5)
    why = reason(answer)
    assert (why.cause, why.at, why.reps, why.to) == ("top", D(-20), (10, 10), D(-15))
    assert why.weigh_in  # the restart could follow the last sets with a body weight


def test_an_assisted_step_is_the_machine_step_or_the_exercises_own() -> None:
    uow = with_catalog("Pull-Up")
    log(uow, "pull-up", "2x10xBW-20")
    set_increment(uow, None, "machine", "2.5kg")
    assert suggest(uow, None, "pull-up").suggested == Decimal("-17.5")
    set_increment(uow, None, "bodyweight", "0.5kg")  # a belt's plates: not the stack
    assert suggest(uow, None, "pull-up").suggested == Decimal("-17.5")


def test_a_bodyweight_restart_follows_the_reps_the_last_sets_predict() -> None:
    uow = with_catalog("Pull-Up")
    add_body_weight(uow, None, Decimal(80), "kg", NOW - 3 * DAY)
    log(uow, "pull-up", "3x12xBW-20")
    answer = suggest(uow, None, "pull-up")
    # 12 reps moving 60 kg: Epley e1RM 84 kg; at 65 kg 30 x (84/65 - 1) = 8.77 -> 8 reps.
    assert (answer.suggested, answer.reps_target) == (Decimal(-15), 8)
    assert (reason(answer).to, reason(answer).weigh_in) == (D(-15), False)


def test_no_assistance_left_after_the_last_step() -> None:
    uow = with_catalog("Pull-Up")
    log(uow, "pull-up", "3x10xBW-5")
    answer = suggest(uow, None, "pull-up")
    assert answer.suggested == 0 and (reason(answer).at, reason(answer).to) == (D(-5), D(0))


def test_a_share_below_the_smallest_step_starts_at_the_lightest_step() -> None:
    uow = with_catalog("Single Leg Press")
    answer = suggest(uow, None, "slp", parse_basis("5"))  # 40-50 % is 2-2.5 kg; steps of 5
    assert answer.suggested == Decimal(5) and answer.lightest == "step"
    assert answer.range == (Decimal(5), Decimal(5))
    assert answer.converted is not None and answer.converted.start.raw_high < answer.suggested


def test_only_a_session_logged_against_body_weight_makes_a_bodyweight_answer() -> None:
    uow = with_catalog("Pull-Up", "Bench Press")
    log(uow, "pull-up", "8xBW+5")
    log(uow, "bench press", "8x60")
    assert suggest(uow, None, "pull-up").bodyweight
    assert not suggest(uow, None, "bench press").bodyweight


def test_a_dumbbell_progression_names_its_load_per_dumbbell() -> None:
    uow = with_catalog("Dumbbell Bench Press")
    log(uow, "dumbbell bench press", "3x10x20")
    answer = suggest(uow, None, "dumbbell bench press")
    assert answer.suggested == Decimal(20) and answer.total == Decimal(40)
    assert (reason(answer).cause, reason(answer).label.per) == ("below_top", "dumbbell")


# --- issue 23: starts inside their band, loadable, in the exercise's own terms -----------------


@pytest.mark.parametrize(
    ("basis", "start", "band"), [("140", 60, (D(56), D(70))), ("110", 45, (D(44), D(55)))]
)
def test_a_start_is_the_lowest_step_inside_the_band_it_quotes(
    basis: str, start: int, band: tuple[Decimal, Decimal]
) -> None:
    uow = with_catalog("Single Leg Press")
    log(uow, "leg press", f"10x{basis}")
    answer = suggest(uow, None, "slp")
    assert (answer.suggested, answer.inside) == (Decimal(start), True)
    assert answer.converted is not None
    assert (answer.converted.start.raw_low, answer.converted.start.raw_high) == band


def test_with_no_step_inside_the_band_the_start_says_so() -> None:
    uow = with_catalog("Single Leg Press")
    uow.catalog.exercise("Single Leg Press").ratio_high = Decimal("0.415")  # type: ignore[union-attr]
    log(uow, "leg press", "10x140")
    answer = suggest(uow, None, "slp")
    assert (answer.suggested, answer.range, answer.inside) == (D(55), (D(55), D(55)), False)
    assert answer.converted is not None
    assert (answer.converted.start.raw_low, answer.converted.start.raw_high) == (D(56), D("58.1"))


def test_a_one_arm_row_starts_inside_its_band() -> None:
    uow = with_catalog("One-Arm Dumbbell Row")
    log(uow, "dumbbell row", "10x30")
    answer = suggest(uow, None, "one-arm dumbbell row")
    assert (answer.suggested, answer.range) == (Decimal(28), (Decimal(28), Decimal(30)))


def test_a_bar_start_below_the_empty_bar_is_the_empty_bar() -> None:
    uow = with_catalog("Single-Leg Hip Thrust")
    log(uow, "hip thrust", "10x50")
    answer = suggest(uow, None, "single-leg hip thrust")
    assert (answer.suggested, answer.lightest, answer.inside) == (Decimal(20), "bar", False)
    assert answer.converted is not None
    band = (answer.converted.start.raw_low, answer.converted.start.raw_high)
    assert band == (D("12.5"), D("17.5"))


def test_a_bodyweight_variant_starts_from_the_load_moved() -> None:
    uow = with_catalog("Pistol Squat")
    log(uow, "bodyweight squat", "15xBW+20")
    with pytest.raises(NoBasis, match="log your body weight"):
        suggest(uow, None, "pistol squat")
    add_body_weight(uow, None, Decimal(80), "kg", NOW - DAY)
    answer = suggest(uow, None, "pistol squat")
    # 25-35% of 100 kg moved is 25-35 kg: BW-55 to BW-45, assisted in 5 kg steps.
    assert (answer.suggested, answer.range, answer.bodyweight) == (D(-55), (D(-55), D(-45)), True)
    assert answer.basis is not None and answer.basis.body_weight == Decimal(80)
    assert (answer.basis.bodyweight, answer.basis.load) == (True, D(20))
    assert answer.converted is not None and answer.converted.start.basis_load == D(100)


@pytest.mark.parametrize(("carry", "over"), [("40mx32", "40m"), ("60sx32", "60s")])
def test_a_carry_starts_from_its_parents_loaded_distance_or_time(carry: str, over: str) -> None:
    uow = with_catalog("Suitcase Carry")
    log(uow, "farmer's carry", carry)
    answer = suggest(uow, None, "suitcase carry")
    # 70-85% of one 32 kg dumbbell is 22.4-27.2 kg: a 24 kg dumbbell, as far or as long.
    assert (answer.suggested, answer.over) == (Decimal(24), over)
    assert answer.basis is not None and answer.basis.over == over


@pytest.mark.parametrize(
    ("exercise", "hint"),
    [
        ("Plank", 'tracker log "Plank" 60s'),
        ("Farmer's Carry", 'tracker log "Farmer\'s Carry" 40mx24'),
        ("Back Squat", 'tracker log "Back Squat" 8x60'),
        ("Bodyweight Squat", 'tracker log "Bodyweight Squat" 8xBW'),
    ],
)
def test_a_log_hint_uses_the_exercises_own_syntax(exercise: str, hint: str) -> None:
    uow = with_catalog(exercise)
    with pytest.raises(NoBasis) as caught:
        suggest(uow, None, exercise)
    assert hint in str(caught.value)


def _sessions(uow: FakeUnitOfWork, *logged: tuple[str, str, datetime]) -> None:
    """One session per (left, right, start), each finished."""
    from tracker.services.sessions import finish_session, start_session

    for left, right, at in logged:
        start_session(uow, None, at, None)
        log(uow, "slp", left, Side.LEFT, at)
        log(uow, "slp", right, Side.RIGHT, at)
        finish_session(uow, None, at, at)


def test_sessions_started_together_are_ordered_by_id_as_the_cue_orders_them() -> None:
    """Four sessions at one minute: the steps read the fourth (12 x 50 and 6 x 50), as the
    cue ("Last session: LSI 85.7") does."""
    uow = with_catalog("Single Leg Press")
    _sessions(uow, *[("10x40", "10x40", NOW)] * 3, ("12x50", "6x50", NOW))
    answer = suggest(uow, None, "slp")
    assert answer.steps is not None and answer.last_session is not None
    assert answer.steps[Side.LEFT].from_load == D(50)
    assert answer.last_session.lsi is not None and round(answer.last_session.lsi, 1) == D("85.7")


def test_a_back_dated_session_is_not_the_last_session() -> None:
    """Session 3 back-dated to 08:00 on session 2's day (18:00): the steps read session 2,
    as the cue and the cap do."""
    uow = with_catalog("Single Leg Press")
    _sessions(uow, ("10x40", "10x40", NOW - 3 * DAY), ("12x40", "6x40", NOW),
              ("10x30", "10x30", NOW - timedelta(hours=10)))
    answer = suggest(uow, None, "slp")
    assert answer.steps is not None and answer.steps[Side.LEFT].from_load == D(40)


@pytest.mark.parametrize(
    ("logged", "rep_range", "expected"),
    [
        # 12 reps tops the leg press's own 8-12 but is the bottom of a routine's 12-15 ...
        ("2x12x100", None, (D(105), 8)),
        ("2x12x100", (12, 15), (D(100), 13)),
        # ... and 10 reps tops a routine's 8-10, where on 8-12 the lifter adds a rep.
        ("2x10x100", None, (D(100), 11)),
        ("2x10x100", (8, 10), (D(105), 8)),
    ],
)
def test_a_routines_rep_range_drives_the_progression(
    logged: str, rep_range: tuple[int, int] | None, expected: tuple[Decimal, int]
) -> None:
    uow = with_catalog("Leg Press")
    log(uow, "leg press", logged, at=NOW - 2 * DAY)
    answer = suggest(uow, None, "leg press", rep_range=rep_range)
    assert (answer.suggested, answer.reps_target) == expected
    assert reason(answer).rep_range == (rep_range or (8, 12))


def test_a_start_begins_at_the_low_end_of_a_routines_rep_range() -> None:
    uow = with_catalog("Single Leg Press")
    log(uow, "leg press", "10x150")
    answer = suggest(uow, None, "single leg press", rep_range=(12, 15))
    assert answer.sides == {side: SideTarget(D(60), D(60), 12) for side in Side}
