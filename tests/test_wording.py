"""Every sentence tracker.wording writes, pinned once from the structured reasons it is given.

Domain and service tests assert the structure (a step's cause and numbers, a start's band);
this table holds the exact words, so a change of wording is made, and reviewed, here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tracker.domain.asymmetry import Judgement, SessionComparison, Verdict, judge
from tracker.domain.gym_plan import Done, GymPlan, Progress, Stuck
from tracker.domain.load_convention import (
    RELATED_BASES,
    ConvertedStart,
    LoadConvention,
    convention_for,
    start_for_variant,
)
from tracker.domain.loads import Cause, Lightest, LoadLabel, StepReason
from tracker.domain.model import Side
from tracker.domain.records import DISTANCE, E1RM, TIME
from tracker.domain.report_figures import Missing, NoReference, PreInjury, readiness_verdict
from tracker.domain.routines import RoutineItemPlan, RoutinePlan
from tracker.domain.suggestion import Basis, NoStart, NoStartCause
from tracker.domain.units import Unit
from tracker.wording import closed_session, gym, new_best, plural, session_gap
from tracker.wording.asymmetry import (
    article,
    epic_note,
    involved_bands,
    measured_side,
    readiness_reason,
    verdict_text,
)
from tracker.wording.loads import COACHING_CUE, cue_text, describe_load, step_reason
from tracker.wording.suggest import (
    no_added_load,
    no_parent_sets,
    no_start_text,
    not_weighed,
    not_weighed_at_basis,
    progression_rationale,
    start_line,
    start_rationale,
)

D = Decimal
KG, LB = Unit.KG, Unit.LB
IN_KG, BW = LoadLabel(KG), LoadLabel(KG, bodyweight=True)
DAY = date(2026, 11, 28)


def step(
    cause: Cause,
    at: str,
    reps: tuple[int, ...],
    to: str,
    target: int,
    label: LoadLabel = IN_KG,
    weigh_in: bool = False,
    capped_at: Decimal | None = None,
    converted_cap: bool = False,
    by_mass: bool = False,
) -> StepReason:
    """A reason in the rep range 8-12."""
    return StepReason(
        cause, D(at), reps, (8, 12), D(to), target, label, weigh_in, capped_at, converted_cap,
        by_mass,
    )


STEPS: dict[str, tuple[StepReason, str]] = {
    "increase": (
        step("top", "60", (12, 12, 12), "65", 8),
        "All 3 sets at 60 kg reached 12 reps, the top of 8-12: add 5 kg and restart at 8 reps.",
    ),
    "increase, no unit": (
        step("top", "60", (12, 12, 12), "65", 8, LoadLabel()),
        "All 3 sets at 60 reached 12 reps, the top of 8-12: add 5 and restart at 8 reps.",
    ),
    "increase, one set per dumbbell": (
        step("top", "20", (12,), "22", 8, LoadLabel(KG, per="dumbbell")),
        "The set at 20 kg per dumbbell reached 12 reps, the top of 8-12: add 2 kg per dumbbell "
        "and restart at 8 reps.",
    ),
    "increase, past the top": (
        step("top", "60", (13, 12), "65", 8),
        "All 2 sets at 60 kg reached 12 and 13 reps, at or past the top of 8-12: add 5 kg and "
        "restart at 8 reps.",
    ),
    "increase, the restart predicted": (
        step("top", "-20", (12, 12, 12), "-15", 9, BW),
        "All 3 sets at BW-20 kg reached 12 reps, the top of 8-12: take 5 kg off the assistance "
        "and aim for 9 reps, what your last sets predict at BW-15 kg.",
    ),
    "increase, assisted, not weighed": (
        step("top", "-20", (12, 12), "-19", 8, BW, weigh_in=True),
        "All 2 sets at BW-20 kg reached 12 reps, the top of 8-12: take 1 kg off the assistance "
        "and restart at 8 reps (log your body weight and the restart follows your last sets).",
    ),
    "increase, the assistance dropped": (
        step("top", "-3", (12,), "0", 8, BW),
        "The set at BW-3 kg reached 12 reps, the top of 8-12: drop the assistance and restart at "
        "8 reps.",
    ),
    "hold, one set at the top": (
        step("some_top", "57.5", (12, 7), "57.5", 12),
        "1 of 2 sets at 57.5 kg reached 12 reps, the top of 8-12; the other stopped at 7: hold "
        "it and aim for 12 reps on every set before the load goes up.",
    ),
    "hold, two sets at the top": (
        step("some_top", "-20", (8, 9, 12, 12), "-20", 12, BW),
        "2 of 4 sets at BW-20 kg reached 12 reps, the top of 8-12; the others stopped at 8 and "
        "9: hold it and aim for 12 reps on every set before the load goes up.",
    ),
    "hold, one more rep": (
        step("below_top", "10", (8,), "10", 9, BW),
        "Best set at BW+10 kg was 8 reps: hold it and aim for 9 reps.",
    ),
    "hold, body weight alone": (
        step("below_top", "0", (8,), "0", 9, BW),
        "Best set at BW was 8 reps: hold it and aim for 9 reps.",
    ),
    "hold, short once": (
        step("short", "60", (9, 7), "60", 8),
        "A set at 60 kg stopped at 7 reps, below 8: hold it and aim for 8 reps.",
    ),
    "decrease, short twice": (
        step("short_twice", "-20", (5,), "-25", 8, BW),
        "Sets at BW-20 kg fell below 8 reps in two sessions in a row: drop to BW-25 kg and aim "
        "for 8 reps.",
    ),
    "capped": (
        step("top", "60", (12,), "65", 8, capped_at=D("62.5")),
        "The set at 60 kg reached 12 reps, the top of 8-12: add 5 kg and restart at 8 reps. "
        "Capped at 62.5 kg, the load of the side stronger in the last session: the weaker side "
        "never lifts more.",
    ),
    "capped in this side's unit": (
        step("top", "135", (12,), "140", 8, LoadLabel(LB), capped_at=D(130), converted_cap=True),
        "The set at 135 lb reached 12 reps, the top of 8-12: add 5 lb and restart at 8 reps. "
        "Capped at 130 lb, the load of the side stronger in the last session (in this side's "
        "unit, rounded down to its step): the weaker side never lifts more.",
    ),
    "capped by the mass the other side moves": (
        step("top", "20", (12,), "25", 8, BW, capped_at=D(10), converted_cap=True, by_mass=True),
        "The set at BW+20 kg reached 12 reps, the top of 8-12: add 5 kg and restart at 8 reps. "
        "Capped at BW+10 kg, the mass moved, body weight counted, by the side stronger in the "
        "last session (in this side's terms, rounded down to its step): the weaker side never "
        "lifts more.",
    ),
}


@pytest.mark.parametrize("case", STEPS)
def test_a_step_reason(case: str) -> None:
    reason, sentence = STEPS[case]
    assert step_reason(reason) == sentence


def last_session(left: str, right: str) -> Judgement:
    return judge([SessionComparison(date(2026, 12, 1), D(left), D(right))], 1)


UP, HOLD = STEPS["increase"][0], STEPS["hold, short once"][0]
MACHINE_SIDE = convention_for("machine", "unilateral")
MACHINE = convention_for("machine", "bilateral")
BAR = convention_for("barbell", "bilateral")
TWO_DUMBBELLS = convention_for("dumbbell", "unilateral", "implement", 2)
ONE_DUMBBELL = convention_for("dumbbell", "unilateral")
PER_HAND = convention_for("dumbbell", "bilateral")
ONE_LEG = convention_for("bodyweight", "unilateral")
RATIO, QUARTER, CARRY = (D("0.4"), D("0.5")), (D("0.25"), D("0.35")), (D("0.7"), D("0.85"))


def leg_press(
    load: str,
    ratio: tuple[Decimal, Decimal] = RATIO,
    sled: Decimal | None = None,
    lightest: Lightest = "step",
) -> ConvertedStart:
    """A Single Leg Press start from a Leg Press load, in 5 kg steps."""
    return start_for_variant(D(load), KG, ratio, D(5), KG, sled, MACHINE_SIDE, MACHINE, lightest)


def parent(name: str, load: str) -> Basis:
    """A parent's top working set of 8 reps in kg."""
    return Basis(name, D(load), KG, 8, DAY)


STARTS: dict[str, tuple[Basis, ConvertedStart, str, str]] = {
    "inside the band": (
        parent("Leg Press", "150"), leg_press("150"),
        "Your Leg Press top working set was 150 kg on 2026-11-28; 40-50% of that is 60-75 kg. "
        "Start at the lowest of the 5 kg steps of the equipment inside that band, 60 kg per "
        "side, to allow for the balance demand of one side.",
        "Suggested start from Leg Press: 60 kg per side (range 60-75 kg; tracker suggest for "
        "why).",
    ),
    "given": (
        Basis("Leg Press", D(100), KG, None, None), leg_press("100"),
        "You gave a Leg Press working weight of 100 kg; 40-50% of that is 40-50 kg. Start at "
        "the lowest of the 5 kg steps of the equipment inside that band, 40 kg per side, to "
        "allow for the balance demand of one side.",
        "Suggested start from Leg Press: 40 kg per side (range 40-50 kg; tracker suggest for "
        "why).",
    ),
    "no step inside": (
        parent("Leg Press", "140"), leg_press("140", (D("0.4"), D("0.41"))),
        "Your Leg Press top working set was 140 kg on 2026-11-28; 40-41% of that is 56-57.4 "
        "kg. No 5 kg step inside 56-57.4 kg: 55 kg per side, the nearest step below, to allow "
        "for the balance demand of one side.",
        "Suggested start from Leg Press: 55 kg per side (range 55 kg; tracker suggest for "
        "why).",
    ),
    "a sled": (
        parent("Leg Press", "150"), leg_press("150", sled=D(50), lightest="sled"),
        "Your Leg Press top working set was 150 kg on 2026-11-28; with the 50 kg sled counted, "
        "40-50% of (150 + 50 kg) minus the sled is 30-50 kg. Start at the lowest of the 5 kg "
        "steps of the equipment inside that band, 30 kg per side, to allow for the balance "
        "demand of one side.",
        "Suggested start from Leg Press: 30 kg per side (range 30-50 kg; tracker suggest for "
        "why).",
    ),
    "the sled alone is more": (
        parent("Leg Press", "20"), leg_press("20", sled=D(100), lightest="sled"),
        "Your Leg Press top working set was 20 kg on 2026-11-28; with the 100 kg sled counted, "
        "40-50% of (20 + 100 kg) minus the sled is -52 to -40 kg. None of the 5 kg steps of "
        "the equipment lies inside that band: start with the lightest load they allow, the "
        "empty sled, nothing added.",
        "Suggested start from Leg Press: the empty sled, nothing added (range 0 kg; tracker "
        "suggest for why).",
    ),
    "the lightest step": (
        parent("Leg Press", "5"), leg_press("5"),
        "Your Leg Press top working set was 5 kg on 2026-11-28; 40-50% of that is 2-2.5 kg. "
        "None of the 5 kg steps of the equipment lies inside that band: start with the "
        "lightest load they allow, 5 kg per side: more than the share, so go by feel and add "
        "reps before load.",
        "Suggested start from Leg Press: 5 kg per side, the lightest step (range 5 kg; tracker "
        "suggest for why).",
    ),
    "the empty bar": (
        parent("Hip Thrust", "50"),
        start_for_variant(D(50), KG, QUARTER, D("2.5"), KG, None, BAR, BAR, "step", D(20)),
        "Your Hip Thrust top working set was 50 kg on 2026-11-28; 25-35% of that is 12.5-17.5 "
        "kg on the bar, below the empty bar: start with the bar alone, 20 kg, more than the "
        "share, so go by feel and add reps before load.",
        "Suggested start from Hip Thrust: the empty 20 kg bar (range 20 kg; tracker suggest "
        "for why).",
    ),
    "a total shared by two dumbbells": (
        parent("Back Squat", "100"),
        start_for_variant(D(100), KG, QUARTER, D(2), KG, None, TWO_DUMBBELLS, BAR),
        "Your Back Squat top working set was 100 kg on 2026-11-28; 25-35% of that is 25-35 kg "
        "in total, 12.5-17.5 kg per dumbbell with 2 dumbbells. Start at the lowest of the 2 kg "
        "steps of the dumbbells inside that band, 2 x 14 kg dumbbells (28 kg total), to allow "
        "for the balance demand of one side.",
        "Suggested start from Back Squat: 2 x 14 kg dumbbells (28 kg total) each side (range "
        "14-16 kg per dumbbell; tracker suggest for why).",
    ),
    "one dumbbell of one": (
        parent("Dumbbell Row", "30"),
        start_for_variant(D(30), KG, (D("0.9"), D(1)), D(2), KG, None, ONE_DUMBBELL, PER_HAND),
        "Your Dumbbell Row top working set was 30 kg on 2026-11-28; 90-100% of that dumbbell is "
        "27-30 kg per dumbbell. Start at the lowest of the 2 kg steps of the dumbbells inside "
        "that band, 1 x 28 kg dumbbell (28 kg total), to allow for the balance demand of one "
        "side.",
        "Suggested start from Dumbbell Row: 1 x 28 kg dumbbell (28 kg total) each side (range "
        "28-30 kg per dumbbell; tracker suggest for why).",
    ),
    "from body weight": (
        Basis("Pull-Up", D(20), KG, 8, DAY, bodyweight=True, body_weight=D(80)),
        start_for_variant(D(100), KG, RATIO, D(1), KG, None, ONE_LEG, ONE_LEG, body_weight=D(80)),
        "Your Pull-Up top working set was BW+20 kg on 2026-11-28, 100 kg moved at a body "
        "weight of 80 kg; 40-50% of that is 40-50 kg moved: at your body weight of 80 kg, "
        "BW-40 kg to BW-30 kg. Start at the lowest of the 1 kg steps of the assistance inside "
        "that band, BW-40 kg, to allow for the balance demand of one side.",
        "Suggested start from Pull-Up: BW-40 kg (range BW-40 kg to BW-30 kg; tracker suggest "
        "for why).",
    ),
    "a related lift": (
        Basis("Deadlift", D(200), KG, 8, DAY, "Romanian Deadlift", D("0.6")),
        start_for_variant(D(120), KG, RATIO, D("2.5"), KG, None, BAR, BAR),
        "Romanian Deadlift was never logged, so the basis is your Deadlift top working set, "
        "200 kg on 2026-11-28, times 0.6 (a Romanian Deadlift is taken as 60% of a Deadlift, a "
        "conservative assumption): 120 kg; 40-50% of that is 48-60 kg on the bar. Start at the "
        "lowest of the 2.5 kg steps of the equipment inside that band, 50 kg on the bar, to "
        "allow for the balance demand of one side.",
        "Suggested start from Deadlift: 50 kg on the bar (range 50-60 kg; tracker suggest for "
        "why).",
    ),
    "a carry": (
        Basis("Farmer's Carry", D(70), LB, 0, DAY, over="40m"),
        start_for_variant(D(70), LB, CARRY, D(5), LB, None, ONE_DUMBBELL, PER_HAND),
        "Your Farmer's Carry top working set was 70 lb on 2026-11-28; 70-85% of that dumbbell "
        "is 49-59.5 lb per dumbbell. Start at the lowest of the 5 lb steps of the dumbbells "
        "inside that band, 1 x 50 lb dumbbell (50 lb total) over 40m, to allow for the balance "
        "demand of one side.",
        "Suggested start from Farmer's Carry: 1 x 50 lb dumbbell (50 lb total) over 40m each "
        "side (range 50-55 lb per dumbbell; tracker suggest for why).",
    ),
}


@pytest.mark.parametrize("case", STARTS)
def test_a_start(case: str) -> None:
    basis, converted, rationale, line = STARTS[case]
    related = RELATED_BASES.get(basis.instead_of or "")
    assert start_rationale(basis, converted, related) == rationale
    assert start_line(basis, converted, basis.over) == line


def no_start(
    cause: NoStartCause, name: str, example: str, measure: str = "reps", parent: str | None = None
) -> str:
    return no_start_text(NoStart(cause, name, example, measure, parent))


def words(convention: LoadConvention) -> Callable[[], str]:
    return lambda: describe_load(D(14), KG, convention)


# Each sentence that is not a step's or a start's: (what writes it, the sentence).
SENTENCES: dict[str, tuple[Callable[[], str], str]] = {
    "one": (lambda: plural(1, "set"), "1 set"),
    "many": (lambda: plural(3, "set"), "3 sets"),
    "irregular": (lambda: plural(2, "entry"), "2 entries"),
    "named": (lambda: plural(2, "working set"), "2 working sets"),
    "new best e1RM": (lambda: new_best(E1RM), "new best e1RM"),
    "new best time": (lambda: new_best(TIME), "new best time"),
    "new best distance": (lambda: new_best(DISTANCE), "new best distance"),
    "session gap": (session_gap, "4 hours"),
    "involved bands": (  # report html's header and report team (text and page)
        involved_bands,
        "Where an exercise names an involved side, LSI = involved / uninvolved x 100, which "
        "exceeds 100 when the involved side is stronger: balanced from 90 to 110, watch from 85 "
        "to 90 and from 110 to 115, imbalanced beyond.",
    ),
    "stale session closed": (
        lambda: closed_session(12), "Closed session #12 (no sets for 4 hours)."
    ),
    "a hop's trials": (
        lambda: measured_side(2, True, ("best_set", "2.004 s")), "2 trials, best 2.004 s"
    ),
    "a carry's total": (lambda: measured_side(3, False, ("total", "120 m")), "3 sets, total 120 m"),
    "a carry not compared": (lambda: measured_side(1, False, None), "1 set for time or distance"),
    "two dumbbells": (words(TWO_DUMBBELLS), "2 x 14 kg dumbbells (28 kg total)"),
    "one dumbbell": (words(ONE_DUMBBELL), "1 x 14 kg dumbbell (14 kg total)"),
    "per side": (words(MACHINE_SIDE), "14 kg per side"),
    "on the bar": (words(BAR), "14 kg on the bar"),
    "total": (words(MACHINE), "14 kg"),
    "cue, imbalanced": (
        lambda: cue_text(last_session("70", "84")),
        f"Last session: LSI 83.3, imbalanced, left side weaker. {COACHING_CUE}",
    ),
    "bilateral": (lambda: progression_rationale({None: UP}), STEPS["increase"][1]),
    "one side": (
        lambda: progression_rationale({Side.RIGHT: HOLD}),
        f"Right: {STEPS['hold, short once'][1]} Log the other side too.",
    ),
    "both sides, balanced": (
        lambda: progression_rationale(
            {Side.LEFT: UP, Side.RIGHT: HOLD}, last_session("100", "95")
        ),
        f"Left: {STEPS['increase'][1]} Right: {STEPS['hold, short once'][1]}",
    ),
    "both sides and the cue": (
        lambda: progression_rationale(
            {Side.LEFT: UP, Side.RIGHT: HOLD}, last_session("100", "87")
        ),
        f"Left: {STEPS['increase'][1]} Right: {STEPS['hold, short once'][1]} Last session: LSI "
        f"87.0, watch, right side weaker. {COACHING_CUE}",
    ),
    "no start, measured": (
        lambda: no_start("measured", "Plank", "60s", "time"),
        'Plank is done for time, and tracker suggest gives loads for sets of reps: log it as '
        'you do it (tracker log "Plank" 60s) and add time or load from session to session',
    ),
    "no start, a test where less is better": (
        lambda: no_start_text(NoStart("measured", "6 m Timed Hop", "-l 2s -r 2s", "time",
                                      lower_is_better=True)),
        "6 m Timed Hop is a test where less time is better, and tracker suggest gives loads for "
        "sets of reps: log each side's trials as you do them (tracker log \"6 m Timed Hop\" -l "
        "2s -r 2s) and compare the sides with tracker report imbalance or tracker report "
        "readiness",
    ),
    "no start, a hop for distance": (
        lambda: no_start_text(NoStart("measured", "Triple Hop for Distance", "-l 1.42m -r 1.55m",
                                      "distance", side_test=True)),
        "Triple Hop for Distance is a test where more distance is better, and tracker suggest "
        "gives loads for sets of reps: log each side's trials as you do them (tracker log "
        "\"Triple Hop for Distance\" -l 1.42m -r 1.55m) and compare the sides with tracker "
        "report imbalance or tracker report readiness",
    ),
    "no start, no working sets": (
        lambda: no_start("no_working_sets", "Leg Press", "8x60"),
        "Leg Press has no working sets with reps yet (warm-ups and failed attempts do not "
        'count): log one such as tracker log "Leg Press" 8x60, then tracker suggest gives the '
        "next load",
    ),
    "no start, bilateral": (
        lambda: no_start("bilateral", "Leg Press", "8x60"),
        "--basis starts a one-sided variant from its bilateral parent; Leg Press is bilateral: "
        'log a session first (tracker log "Leg Press" 8x60), then tracker suggest gives the '
        "next load",
    ),
    "no start, no history": (
        lambda: no_start("no_history", "Leg Press", "8x60"),
        'Leg Press has no history yet: log a session first (tracker log "Leg Press" 8x60), then '
        "tracker suggest gives the next load",
    ),
    "no start, no ratio to the parent": (
        lambda: no_start("no_ratio", "Single Leg Curl", "8x60", parent="Leg Curl"),
        "no published ratio links Single Leg Curl to Leg Curl: start light, log a session, then "
        'tracker suggest gives the next load (or set one: tracker exercises edit "Single Leg '
        'Curl" --ratio 0.4-0.5, then use --basis LOAD)',
    ),
    "no start, no parent": (
        lambda: no_start("no_ratio", "Turkish Get-Up", "8x16"),
        "no published ratio links Turkish Get-Up to a bilateral lift: start light, log a "
        "session, then tracker suggest gives the next load (or link one: tracker exercises "
        'edit "Turkish Get-Up" --parent "..." --ratio 0.4-0.5, then use --basis LOAD)',
    ),
    "no parent sets": (
        lambda: no_parent_sets("Leg Press", "Single Leg Press"),
        "no working sets of Leg Press yet to start Single Leg Press from: log Leg Press first, "
        "or give --basis LOAD (a Leg Press working weight you know)",
    ),
    "no added load": (
        lambda: no_added_load("Pull-Up", "Pull-Up", "One-Arm Pull-Up"),
        "your latest Pull-Up sets had no added load (bodyweight or assisted): start One-Arm "
        "Pull-Up at bodyweight, or give --basis LOAD (a loaded Pull-Up working weight you know)",
    ),
    "not weighed at the basis": (
        lambda: not_weighed_at_basis("Pull-Up", "BW+20 kg", "Archer Pull-Up"),
        "your Pull-Up sets were logged as BW+20 kg: log your body weight (tracker bodyweight "
        "add WEIGHT) and Archer Pull-Up starts from the load you moved",
    ),
    "not weighed": (
        lambda: not_weighed("Pistol Squat"),
        "Pistol Squat starts from your body weight (BW, BW-20 assisted, BW+5): log it first "
        "(tracker bodyweight add WEIGHT), then tracker suggest gives the start",
    ),
}


SLP = RoutineItemPlan(1, "Single Leg Press", "unilateral", 3, 8, 12, None)
CURL = RoutineItemPlan(2, "Leg Curl", "bilateral", 1, 8, 12, None)
LEGS = RoutinePlan("Legs A", (SLP, CURL))


def plan(
    routine: RoutinePlan | None = LEGS, started: bool = False, closed: int | None = None
) -> GymPlan:
    """Session #12 with 3 sets logged: 1 pair of Single Leg Press, 1 set of Leg Curl skipped."""
    done: Done = {"Single Leg Press": {Side.LEFT: 1, Side.RIGHT: 1}, "Leg Curl": {None: 1}}
    return GymPlan(12, started, closed, routine, 0, {2}, None, done, 3)


def progress(done: int, then: str | None, aside: bool = False) -> Callable[[], str]:
    return lambda: "\n".join(gym.progress_lines(Progress(SLP, done, aside, then)))


# The gym prompt's lines (tracker.wording.gym), each from its plan, progress or judgement.
GYM: dict[str, tuple[Callable[[], str | None], str | None]] = {
    "resumed": (
        lambda: "\n".join(gym.opening_lines(plan())),
        "Resumed session #12, routine Legs A, 3 sets so far. Type help for help.",
    ),
    "started, a stale session closed": (
        lambda: "\n".join(gym.opening_lines(GymPlan(13, True, 12, None, 0, set(), None))),
        "Closed session #12 (no sets for 4 hours).\nStarted session #13. Type help for help.",
    ),
    "finished": (
        lambda: gym.finished_text(12, 1, 1, True), "Finished session #12: 1 set of 1 exercise."
    ),
    "nothing kept": (
        lambda: gym.finished_text(12, 0, 0, False), "Nothing logged: no session kept."
    ),
    "session followed": (
        lambda: gym.followed_text(12, 13),
        "  Session #12 was closed: these sets and the next go to session #13.",
    ),
    "progress": (progress(1, "Leg Curl"), "  Single Leg Press: 1 of 3 pairs done"),
    "progress, next": (
        progress(3, "Leg Curl"), "  Single Leg Press: 3 of 3 pairs done\n  Next: Leg Curl"
    ),
    "progress, routine done": (
        progress(3, None),
        "  Single Leg Press: 3 of 3 pairs done\n  Routine done: type done to finish.",
    ),
    "progress, extra sets aside": (
        progress(4, "Leg Curl", aside=True),
        "  Single Leg Press: 3 of 3 pairs done, 1 extra\n  Type next to go back to the routine "
        "(Leg Curl).",
    ),
    "one set planned": (lambda: gym.progress_text(0, 1, False), "0 of 1 set done"),
    "overview": (
        lambda: "\n".join(gym.overview_lines(plan())),
        "Session #12: 3 sets so far.\nRoutine Legs A:\n >1. Single Leg Press 1/3\n  2. Leg "
        "Curl skipped",
    ),
    "overview, no routine": (
        lambda: "\n".join(gym.overview_lines(plan(None))), "Session #12: 3 sets so far."
    ),
    "pair, balanced": (lambda: gym.pair_line(last_session("100", "98")), "  Pair LSI 98.0"),
    "pair, imbalanced": (
        lambda: gym.pair_line(last_session("70", "84")),
        f"  Pair LSI 83.3 (left weaker): {COACHING_CUE}",
    ),
    "pair of hops, imbalanced (no reps to match)": (
        lambda: gym.pair_line(last_session("70", "84"), by_reps=False),
        "  Pair LSI 83.3 (left weaker)",
    ),
    "pair, involved": (
        lambda: gym.pair_line(over(("80", "100"), involved=Side.LEFT)),
        f"  Pair LSI 80.0 (involved left) (left weaker): {COACHING_CUE}",
    ),
    "pair, one side only": (lambda: gym.pair_line(over(("100", None))), None),
    # Why an empty line, skip or next cannot move the plan (an error line).
    "stuck, routine done": (
        lambda: gym.stuck_text(Stuck.ROUTINE_DONE, plan()),
        "the routine is done: type done to finish, or log another exercise",
    ),
    "stuck, nothing planned": (
        lambda: gym.stuck_text(Stuck.NOTHING_PLANNED, plan(None)),
        "nothing planned: type an exercise name, then its sets",
    ),
    "stuck, nothing to skip": (
        lambda: gym.stuck_text(Stuck.NOTHING_TO_SKIP, plan()),
        "nothing to skip: no routine item is current",
    ),
    "stuck, no next": (
        lambda: gym.stuck_text(Stuck.NO_NEXT, plan()),
        "no next exercise: the routine is done (or none is running)",
    ),
    "stuck, the last item left": (
        lambda: gym.stuck_text(Stuck.LAST_LEFT, plan()),
        "Single Leg Press is the last exercise left: skip it or type done",
    ),
    "load per dumbbell": (lambda: gym.load_per(TWO_DUMBBELLS), "per dumbbell, 2 held"),
    "load per side": (lambda: gym.load_per(MACHINE_SIDE), None),
}


@pytest.mark.parametrize("case", GYM)
def test_a_gym_line(case: str) -> None:
    write, sentence = GYM[case]
    assert write() == sentence


@pytest.mark.parametrize("case", SENTENCES)
def test_a_sentence(case: str) -> None:
    write, sentence = SENTENCES[case]
    assert write() == sentence


def over(
    *pairs: tuple[str | None, str | None], involved: Side | None = None, lower: bool = False
) -> Judgement:
    """The headline over these sessions' (left, right) figures, one day apart."""
    sessions = [
        SessionComparison(
            DAY + timedelta(days=i), None if left is None else D(left), D(right) if right else None
        )
        for i, (left, right) in enumerate(pairs)
    ]
    return judge(sessions, 5, involved=involved, lower_is_better=lower)


VERDICTS: dict[str, tuple[Judgement, Verdict, str]] = {
    "no data": (
        over(("100", None)), Verdict.NO_DATA,
        "Not enough data: no session has both sides measured this way (timed and distance sets "
        "compare with --metric duration or distance).",
    ),
    "no difference": (
        over(("90", "90"), ("90", "90"), ("90", "90")), Verdict.NO_DIFFERENCE,
        "No difference between sides in the last 3 sessions (LSI 100.0, balanced).",
    ),
    "too few": (
        over(("100", "100"), ("80", "100"), ("100", "100")), Verdict.TOO_FEW,
        "No consistent weaker side: left weaker in only 1 of the last 3 sessions (LSI 93.3, "
        "balanced).",
    ),
    "swapped": (
        over(("80", "100"), ("100", "80")), Verdict.SWAPPED,
        "No consistent weaker side over the last 2 sessions: it swapped (left weaker in 1, "
        "right weaker in 1; LSI 100.0, balanced).",
    ),
    "equal": (
        over(("90", "100"), ("90", "100"), ("90", "100"), ("130", "100")), Verdict.EQUAL,
        "No difference between the best of each side over the last 4 sessions (LSI 100.0, "
        "balanced); left side weaker in 3 of the last 4 sessions.",
    ),
    "lower on the other side": (
        over(("99", "100"), ("99", "100"), ("99", "100"), ("200", "100")), Verdict.LOWER_ON_OTHER,
        "No consistent weaker side: left weaker in 3 of the last 4 sessions, but lower on the "
        "other side over them (LSI 80.5, imbalanced).",
    ),
    "slower on the other side": (
        over(("101", "100"), ("101", "100"), ("101", "100"), ("50", "100"), lower=True),
        Verdict.LOWER_ON_OTHER,
        "No consistent weaker side: left weaker in 3 of the last 4 sessions, but slower on the "
        "other side over them (LSI 88.3, watch).",
    ),
    "slower": (
        over(*[("2.3", "2.0")] * 5, involved=Side.LEFT, lower=True),  # own noise 0: real
        Verdict.WEAKER,
        "Left side weaker in 5 of the last 5 sessions (involved left, LSI 87.0, watch).",
    ),
    "weaker": (
        over(("80", "100"), ("80", "100"), ("80", "100")), Verdict.WEAKER,
        "Left side weaker in 3 of the last 3 sessions (LSI 80.0, imbalanced).",
    ),
    "within noise": (
        over(("92", "100")), Verdict.WITHIN_NOISE,
        "Left side weaker in the last session (LSI 92.0, balanced), but an 8% difference is "
        "within noise (<15%).",
    ),
    "within the lifter's own noise": (
        over(("70", "100"), ("99", "100"), ("99", "100"), ("99", "100"), ("98", "100")),
        Verdict.WITHIN_NOISE,
        "Left side weaker in 5 of the last 5 sessions (LSI 93.0, balanced), but a 7% "
        "difference is within your noise (±9.1%).",
    ),
    "involved": (
        over(("80", "100"), involved=Side.LEFT), Verdict.WEAKER,
        "Left side weaker in the last session (involved left, LSI 80.0, imbalanced).",
    ),
}


@pytest.mark.parametrize("case", VERDICTS)
def test_a_headline_verdict(case: str) -> None:
    judged, verdict, sentence = VERDICTS[case]
    assert judged.verdict is verdict
    assert verdict_text(judged) == sentence


def test_articles_follow_how_the_number_is_read() -> None:
    assert [article(x) for x in ("8", "11.8", "18", "80.5", "1", "5", "12", "100", "11000")] == [
        "an", "an", "an", "an", "a", "a", "a", "a", "an",
    ]


def _reference(missing: NoReference, sessions: int = 0, now: int = 3) -> PreInjury:
    return PreInjury(date(2026, 6, 1), date(2025, 12, 1), sessions, None, None, None, None,
                     missing, now)


EPIC_NOTES: dict[str, tuple[PreInjury, str]] = {
    "no side": (_reference(NoReference.NO_SIDE),
                "No EPIC: no involved side (the LSI is weaker / stronger)."),
    "no headline": (_reference(NoReference.NO_HEADLINE),
                    "No EPIC: no session has both sides measured this way to compare now."),
    "headline before": (_reference(NoReference.HEADLINE_BEFORE),
                        "No EPIC yet: the headline's 3 sessions reach back before the injury "
                        "date 2026-06-01."),
    "no sessions": (_reference(NoReference.NO_SESSIONS),
                    "No EPIC: no session with both sides measured from 2025-12-01 to the injury "
                    "date 2026-06-01."),
    "too few": (_reference(NoReference.TOO_FEW, 1),
                "No EPIC: only 1 session before the injury date 2026-06-01, and a total needs "
                "as many as now (3)."),
}


@pytest.mark.parametrize("case", EPIC_NOTES)
def test_an_epic_note(case: str) -> None:
    found, sentence = EPIC_NOTES[case]
    assert epic_note(found) == sentence


READINESS_REASONS: dict[str, tuple[str | None, Missing | None, tuple[str | None, str | None]]] = {
    "unknown": ('Never done: no exercise named "6 m Timed Hop"; see: tracker exercises list.',
                Missing.UNKNOWN, (None, None)),
    "bilateral": ("Back Squat is bilateral: it has no sides to compare.", Missing.BILATERAL,
                  (None, None)),
    "never done": ("Never done: no set of it is logged.", Missing.NEVER_DONE, (None, None)),
    "no lsi": ("No session has both sides measured: no LSI.", Missing.NO_LSI, (None, None)),
    "epic below": ("EPIC 76.7 is below 90.", None, ("92", "76.666666")),
    "both below": ("LSI 85.0 is below 90; EPIC 80.0 is below 90.", None, ("85", "80")),
    "passed": (None, None, ("92", "91")),
}


@pytest.mark.parametrize("case", READINESS_REASONS)
def test_a_readiness_reason(case: str) -> None:
    sentence, missing, (lsi, epic) = READINESS_REASONS[case]
    figures = {"lsi": None if lsi is None else D(lsi), "epic": None if epic is None else D(epic)}
    verdict = readiness_verdict(figures["lsi"], figures["epic"])
    name = "Back Squat" if missing is Missing.BILATERAL else "x"
    detail = 'no exercise named "6 m Timed Hop"; see: tracker exercises list'
    assert readiness_reason(name, missing, verdict, figures, D(90), detail) == sentence
