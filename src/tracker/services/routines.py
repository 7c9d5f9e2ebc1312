"""Routines: named, ordered plans of exercises with sets, rep ranges and rest."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.adapters.new_rows import append_item, new_routine
from tracker.adapters.orm import Exercise, Lifter, Routine, RoutineItem, TrainingSession
from tracker.adapters.repository import GymRows, LogRows
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.gym_plan import count_working
from tracker.domain.routines import (
    MAX_SETS_PER_ITEM,
    RoutinePlan,
    check_set_count,
    typed_routine_name,
)
from tracker.services.catalog import resolve_exercise
from tracker.services.history_routines import record_new_routine, record_routine_change
from tracker.services.lifters import current_lifter
from tracker.services.routine_plans import plan_of


@dataclass(frozen=True)
class ItemChanges:
    sets: int | None = None
    reps: tuple[int, int] | None = None
    rest_s: int | None = None


def find_routine(gym: GymRows, lifter: Lifter, name: str) -> Routine:
    routine = gym.routine(lifter, name.strip())
    if routine is None:
        known = ", ".join(r.name for r in gym.routines(lifter)) or "none yet"
        raise NotFound(f'no routine named "{name}" (routines: {known}); add one with: '
                       f'tracker routine add "{name}"')
    return routine


def add_routine(uow: AbstractUnitOfWork, lifter_name: str | None, name: str) -> RoutinePlan:
    clean = typed_routine_name(name)
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        if uow.gym.routine(lifter, clean) is not None:
            raise Conflict(f'a routine named "{clean}" already exists')
        routine = new_routine(lifter, clean)
        return _store_new(uow, lifter, "routine add", routine)


def add_item(
    uow: AbstractUnitOfWork, lifter_name: str | None, name: str, exercise: str, changes: ItemChanges
) -> RoutinePlan:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        routine = find_routine(uow.gym, lifter, name)
        found = resolve_exercise(uow.catalog, exercise)
        record_routine_change(uow.journal, lifter, "routine add-exercise", routine)
        apply_item_changes(append_item(routine, found, sets=3), changes)
        return _planned(uow, routine)


def apply_item_changes(item: RoutineItem, changes: ItemChanges) -> None:
    if changes.sets is not None:
        item.sets = check_set_count(changes.sets)
    if changes.reps is not None:
        item.rep_low, item.rep_high = changes.reps
    if changes.rest_s is not None:
        item.rest_s = changes.rest_s


def save_from_session(
    uow: AbstractUnitOfWork, lifter_name: str | None, name: str, which: str
) -> RoutinePlan:
    """A routine from a session: its exercises in order, with as many sets as were done."""
    clean = typed_routine_name(name)
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        session = _session(uow.log, lifter, which)
        existing = uow.gym.routine(lifter, clean)
        if existing is not None:
            raise Conflict(f'a routine named "{clean}" already exists: remove it first or '
                           "pick another name")
        routine = new_routine(lifter, clean)
        for exercise, sets in _sets_per_exercise(uow.log, session):
            append_item(routine, exercise, min(sets, MAX_SETS_PER_ITEM))
        if not routine.items:
            raise InvalidValue(f"session #{session.id} has no working sets to make a routine of")
        return _store_new(uow, lifter, "routine save", routine)


def _store_new(
    uow: AbstractUnitOfWork, lifter: Lifter, command: str, routine: Routine
) -> RoutinePlan:
    """Store the new routine `command` made, record it for undo and commit: its plan."""
    uow.gym.add(routine)
    uow.gym.flush()
    record_new_routine(uow.journal, lifter, command, routine)
    return _planned(uow, routine)


def _planned(uow: AbstractUnitOfWork, routine: Routine) -> RoutinePlan:
    """The routine's plan once its changes are stored; the command commits."""
    uow.gym.flush()
    plan = plan_of(routine)
    uow.commit()
    return plan


def _session(log: LogRows, lifter: Lifter, which: str) -> TrainingSession:
    if which.strip().lower() == "last":
        session = log.latest_session(lifter)
        if session is None:
            raise NotFound("no sessions yet to save a routine from")
        return session
    if not which.strip().isdigit():
        raise InvalidValue(f'--from takes "last" or a session id, got "{which}"')
    session = log.training_session(lifter, int(which))
    if session is None:
        raise NotFound(f"no session with id {which} for lifter {lifter.name}")
    return session


def _sets_per_exercise(
    log: LogRows, session: TrainingSession
) -> list[tuple[Exercise, int]]:
    """Working sets per exercise in first-done order; a left/right pair counts as one set."""
    rows = log.session_set_rows(session)
    exercises = {row.exercise_id: row.exercise for row in rows}
    counts = count_working((row.exercise_id, row.side, row.kind) for row in rows)
    return [(exercises[key], max(sides.values())) for key, sides in counts.items()]


def list_routines(uow: AbstractUnitOfWork, lifter_name: str | None) -> list[RoutinePlan]:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        plans = [plan_of(r) for r in uow.gym.routines(lifter)]
        uow.commit()
        return plans


def show_routine(uow: AbstractUnitOfWork, lifter_name: str | None, name: str) -> RoutinePlan:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        plan = plan_of(find_routine(uow.gym, lifter, name))
        uow.commit()
        return plan


@dataclass(frozen=True)
class RoutineEdit:
    rename: str | None = None
    item: int | None = None  # 1-based item to change, move or remove
    changes: ItemChanges = ItemChanges()
    move_to: int | None = None
    remove_item: bool = False


def edit_routine(
    uow: AbstractUnitOfWork, lifter_name: str | None, name: str, edit: RoutineEdit
) -> RoutinePlan:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        routine = find_routine(uow.gym, lifter, name)
        record_routine_change(uow.journal, lifter, "routine edit", routine)
        if edit.rename is not None:
            new_name = typed_routine_name(edit.rename)
            other = uow.gym.routine(lifter, new_name)
            if other is not None and other.id != routine.id:
                raise Conflict(f'a routine named "{new_name}" already exists')
            routine.name = new_name
        if edit.item is not None:
            _edit_item(routine, edit)
        elif edit.changes != ItemChanges() or edit.move_to is not None or edit.remove_item:
            raise InvalidValue("say which exercise to change with --item N (see routine show)")
        return _planned(uow, routine)


def _edit_item(routine: Routine, edit: RoutineEdit) -> None:
    assert edit.item is not None
    count = len(routine.items)
    if not 1 <= edit.item <= count:
        raise InvalidValue(f"--item must be 1 to {count} for {routine.name}, got {edit.item}")
    item = routine.items[edit.item - 1]
    apply_item_changes(item, edit.changes)
    items = list(routine.items)
    if edit.remove_item:
        items.remove(item)
        routine.items.remove(item)
    elif edit.move_to is not None:
        if not 1 <= edit.move_to <= count:
            raise InvalidValue(f"--move must be 1 to {count}, got {edit.move_to}")
        items.remove(item)
        items.insert(edit.move_to - 1, item)
    for position, each in enumerate(items):
        each.position = position
    routine.items.sort(key=lambda each: each.position)  # the plan shown is the stored order


def remove_routine(uow: AbstractUnitOfWork, lifter_name: str | None, name: str) -> str:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        routine = find_routine(uow.gym, lifter, name)
        removed = routine.name
        record_routine_change(uow.journal, lifter, "routine remove", routine)
        uow.gym.delete(routine)
        uow.commit()
        return removed
