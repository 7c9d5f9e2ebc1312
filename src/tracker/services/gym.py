"""Gym mode: one session run from a prompt, optionally following a routine.

Logging itself goes through the logbook (one transaction per line, as `tracker log`); this
module keeps where the session stands (routine, current item, skipped items) so that a new
`tracker gym` resumes it, and works out targets, last time's numbers, rest and bests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tracker.adapters.new_rows import new_gym_state
from tracker.adapters.orm import Exercise, GymState, TrainingSession
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.asymmetry import Judgement
from tracker.domain.errors import TrackerError
from tracker.domain.gym_plan import GymPlan, count_working, measure_of
from tracker.domain.load_convention import LoadConvention
from tracker.domain.model import SetKind, Side
from tracker.domain.routines import RoutineItemPlan, SessionTarget, Target, rest_for, target_of
from tracker.domain.sessions import finish_time
from tracker.domain.set_rules import example_spec, is_cardio, is_side_test
from tracker.domain.suggestion import SessionPlace
from tracker.domain.units import Unit
from tracker.services import logbook
from tracker.services.catalog import (
    exercise_convention,
    implied_measure,
    logged_measure,
    resolve_exercise,
)
from tracker.services.equipment import PlateAnswer, loading_for
from tracker.services.figures import lifter_facts, pairs_completed, session_judgement
from tracker.services.lifters import current_lifter
from tracker.services.logbook import (
    LogMemory,
    LogResult,
    logged_set,
    previous_session,
    session_for,
)
from tracker.services.routine_plans import plan_of
from tracker.services.routines import find_routine
from tracker.services.stored_sets import StoredSet, last_activity
from tracker.services.suggest import suggest


def open_gym(
    uow: AbstractUnitOfWork, lifter_name: str | None, routine_name: str | None, now: datetime
) -> GymPlan:
    """The open session (resumed with its routine and place) or a new one."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        routine = find_routine(uow.gym, lifter, routine_name) if routine_name else None
        session, started, closed = session_for(uow.log, lifter, now, now)
        state = uow.gym.gym_state(session)
        if state is None:
            state = new_gym_state(session)
            uow.gym.add(state)
        if routine is not None and state.routine_id != routine.id:
            state.routine_id, state.position, state.skipped = routine.id, 0, []
        uow.gym.flush()
        status = _status(uow, session, state, started, closed)
        uow.commit()
        return status


def _status(
    uow: AbstractUnitOfWork,
    session: TrainingSession,
    state: GymState,
    started: bool,
    closed: int | None,
) -> GymPlan:
    routine = uow.gym.routine_by_id(state.routine_id) if state.routine_id else None
    current = uow.catalog.exercise_by_id(state.exercise_id) if state.exercise_id else None
    rows = uow.log.session_set_rows(session)
    done = count_working((row.exercise.name, row.side, row.kind) for row in rows)
    return GymPlan(
        session_id=session.id,
        started=started,
        closed_session=closed,
        routine=plan_of(routine) if routine else None,
        position=state.position,
        skipped={int(p) for p in state.skipped},
        exercise=current.name if current else None,
        done=done,
        sets_logged=len(rows),
    )


def reload_status(
    uow: AbstractUnitOfWork, lifter_name: str | None, before: GymPlan, now: datetime
) -> GymPlan:
    """Where the session stands now (after an undo or redo), its routine, exercise and each
    side's last set carried on. Undo removed the session it emptied: a new one, same place."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        session = uow.log.training_session(lifter, before.session_id)
        if session is not None:  # else undone, or deleted from another terminal
            state = uow.gym.gym_state(session) or new_gym_state(session)
            status = _status(uow, session, state, False, None)
        uow.commit()
    if session is None:
        routine = before.routine
        status = open_gym(uow, lifter_name, routine.name if routine else None, now)
        status.position, status.skipped = before.position, before.skipped
        save_place(uow, status)
    status.carry_on(before)
    return status


def save_place(uow: AbstractUnitOfWork, plan: GymPlan, named: str | None = None) -> None:
    """Store the current item, skipped items and current exercise, once an exercise `named`
    (as typed) is made current (GymPlan.make_current)."""
    with uow:
        if named is not None:
            plan.make_current(resolve_exercise(uow.catalog, named).name)
        state = uow.gym.gym_state_by_session_id(plan.session_id)
        found = resolve_exercise(uow.catalog, plan.exercise) if plan.exercise else None
        if state is not None:
            state.position = plan.position
            state.skipped = sorted(plan.skipped)
            state.exercise_id = found.id if found else None
        uow.commit()


def set_rest(uow: AbstractUnitOfWork, lifter_name: str | None, exercise: str, seconds: int) -> str:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        found = resolve_exercise(uow.catalog, exercise)
        uow.gym.set_exercise_rest(lifter, found, seconds)
        uow.commit()
        return found.name


# -- what the prompt shows for an exercise -------------------------------------------------


@dataclass
class ExerciseBrief:
    exercise: str
    laterality: str
    unit: Unit
    target: Target | None
    no_target: str | None  # why there is no target (no history and no parent ...)
    last_date: datetime | None
    last_time: list[StoredSet]  # last session's working sets
    weaker: Side | None  # last time's weaker side (by best e1RM)
    rest_s: int
    plates: PlateAnswer | None  # plates for the target load
    convention: LoadConvention  # what a load is per (tracker.wording.gym's load_per says it)
    cue: str | None = None
    # How the exercise is done (suggest's exercise_measure: reps, time or distance), a set of it
    # as typed, sides aside (example_spec: 8x60, 60s, 40mx24), and whether the lifter logged it.
    done_for: str = "reps"
    example: str = "8x60"
    logged: bool = False

    @property
    def unilateral(self) -> bool:
        return self.laterality != "bilateral"


def exercise_brief(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    exercise_query: str,
    session_id: int,
    items: Sequence[RoutineItemPlan] = (),
) -> ExerciseBrief:
    """Today's target per side (from suggest), last time's sets, rest and plates.

    `items` are the routine's: the exercise's item there overrides its rep range and rest.
    """
    with uow:
        log = uow.log
        lifter = current_lifter(uow.lifters, lifter_name)
        exercise = resolve_exercise(uow.catalog, exercise_query)
        convention = exercise_convention(exercise)
        item = next((i for i in items if i.exercise == exercise.name), None)
        session = log.training_session(lifter, session_id)
        previous = previous_session(log, lifter, exercise, session) if session else None
        place = SessionPlace(session.id, session.started_at) if session else None
        rest = rest_for(item, uow.gym.exercise_rest(lifter, exercise), exercise.category)
        state = uow.gym.gym_state_by_session_id(session_id)
        stored = state.targets.get(exercise.name) if state else None
        facts = lifter_facts(uow, lifter, exercise)
        done_as = logged_measure(log, lifter, exercise)
        done_for, example = _example(exercise, done_as or implied_measure(exercise))
        logged = done_as is not None
        uow.commit()
    last = [done for done in (previous.sets if previous else []) if done.kind is not SetKind.WARMUP]
    last_judged = session_judgement(last, facts)
    if stored is None:
        rep_range = item.rep_range if item else None
        stored = _fresh_target(uow, lifter_name, exercise.name, session_id, rep_range, place)
    # A rep target (from older rep sets, or a parent's) does not fit an exercise last done
    # for time or distance: Enter would log rep sets of a plank.
    target = None if measure_of(last) else stored.target
    unit = target.unit if target else Unit(lifter.unit)
    brief = ExerciseBrief(
        exercise=exercise.name,
        laterality=exercise.laterality,
        unit=unit,
        target=target,
        no_target=stored.no_target,
        last_date=previous.date if previous else None,
        last_time=last,
        weaker=None if last_judged is None else last_judged.weaker_side,
        rest_s=rest,
        plates=None,
        convention=convention,
        cue=stored.cue,
        done_for=done_for,
        example=example,
        logged=logged,
    )
    if target is not None and target.top_load > 0:
        with uow:
            found = resolve_exercise(uow.catalog, exercise.name)
            brief.plates = loading_for(uow.lifters, found, target.top_load, unit)
    return brief


def _example(exercise: Exercise, measure: str) -> tuple[str, str]:
    """How the exercise is done (catalog.exercise_measure) and a set of it as typed."""
    cardio = is_cardio(exercise.body_part, exercise.category)
    test = is_side_test(exercise.category, exercise.equipment, exercise.laterality, measure)
    return measure, example_spec(exercise.equipment, measure, cardio, test)


def _fresh_target(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    exercise: str,
    session_id: int,
    rep_range: tuple[int, int] | None,
    place: SessionPlace | None,
) -> SessionTarget:
    """Ask suggest once per exercise and session, and keep the answer with the session: to the
    routine item's rep range (which overrides the exercise's), from the sessions before this
    one (`place`: the ones "Last" reads, not sets logged in it earlier the same day)."""
    try:
        answer = suggest(uow, lifter_name, exercise, rep_range=rep_range, before=place)
        stored = SessionTarget(target_of(answer, rep_range), answer.cue)
    except TrackerError as exc:
        stored = SessionTarget(None, no_target=str(exc))
    with uow:
        state = uow.gym.gym_state_by_session_id(session_id)
        if state is not None:
            state.targets = {**state.targets, exercise: stored}
        uow.commit()
    return stored


# -- after a line is stored ----------------------------------------------------------------


def completed_pairs(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    exercise: str,
    session_id: int,
    set_ids: Sequence[int],
) -> list[Judgement]:
    """The left/right pairs of the session that these new sets completed, each judged as
    `report imbalance` judges a session of that one pair (read back from the database, so a
    set undone is no longer paired)."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        found = resolve_exercise(uow.catalog, exercise)
        rows = uow.log.sets_of_exercise_in_session(lifter, found, session_id)
        judged = pairs_completed(rows, set(set_ids), lifter_facts(uow, lifter, found))
        uow.commit()
    return judged


def new_bests(
    uow: AbstractUnitOfWork, lifter_name: str | None, result: LogResult, memory: LogMemory
) -> list[tuple[int, Side | None, str]]:
    """The per-side records a stored line beats (SideRecords.beaten_by): the records kept with
    the exercise's history, which this updates, else read (a backdated line, or no data stamp
    to know them current by)."""
    kept = memory.exercises.get(result.exercise)
    if kept is not None:
        records = kept.records
    elif not result.sets:
        return []
    else:
        with uow:
            lifter = current_lifter(uow.lifters, lifter_name)
            found = resolve_exercise(uow.catalog, result.exercise)
            records = logbook.side_records(uow.log, lifter, found, result.sets[0].id)
            uow.commit()
    return records.beaten_by(logged_set(s) for s in result.sets)


def line_pairs(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    result: LogResult,
    session_id: int,
    memory: LogMemory,
) -> list[Judgement]:
    """completed_pairs of a stored line, from what the prompt keeps of the exercise (its
    session's sets) when it keeps it."""
    ids = [stored.id for stored in result.sets]
    kept = memory.exercises.get(result.exercise)
    if kept is not None:
        return pairs_completed(kept.today, set(ids), kept.facts)
    return completed_pairs(uow, lifter_name, result.exercise, session_id, ids)


def finish_gym(
    uow: AbstractUnitOfWork, lifter_name: str | None, session_id: int, now: datetime
) -> tuple[int, int, bool]:
    """Finish the gym session: (sets, exercises, kept). An empty session is removed."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        session = uow.log.training_session(lifter, session_id)
        if session is None or session.finished_at is not None:
            uow.commit()
            return 0, 0, False
        if not session.sets and not session.name and not session.notes:
            uow.log.delete(session)
            uow.commit()
            return 0, 0, False
        session.finished_at = finish_time(last_activity(uow.log, session), now)
        counts = len(session.sets), len({s.exercise_id for s in session.sets})
        uow.commit()
        return counts[0], counts[1], True
