"""Undo for routines: `routine add`, `add-exercise`, `save`, `edit` and `remove`.

A routine is the lifter's own, so its record is simple: the routine's id and a copy of it with
its items as they were before the command (none for a new routine). Undo puts that copy back
(ids included), or removes a routine the command created.
"""

from __future__ import annotations

from typing import Any

from tracker.adapters.journal import AbstractJournal, copy_row
from tracker.adapters.orm import Lifter, Routine, RoutineItem
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.errors import Conflict
from tracker.services.routine_plans import plan_of
from tracker.services.undone import Handler, RoutineUndone, Undone

ROUTINE = "routine"


def record_new_routine(
    journal: AbstractJournal, lifter: Lifter, command: str, routine: Routine
) -> None:
    """After `command` (routine add, routine save) stored `routine` (flushed: with its id)."""
    journal.record(lifter, ROUTINE, {"command": command, "id": routine.id, "before": None})


def record_routine_change(
    journal: AbstractJournal, lifter: Lifter, command: str, routine: Routine
) -> None:
    """Before `command` (routine add-exercise, edit, remove) changes `routine`."""
    before = {
        "routine": copy_row(routine),
        "items": [copy_row(item) for item in routine.items],
    }
    journal.record(lifter, ROUTINE, {"command": command, "id": routine.id, "before": before})


def _undo_routine(
    uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]
) -> Undone | None:
    command, before = payload["command"], payload["before"]
    routine = uow.gym.routine_by_id(payload["id"])
    if routine is not None and routine.lifter_id != lifter.id:
        routine = None  # never another lifter's (the id was reused)
    if before is None:
        if routine is None:
            return None  # removed since: nothing left of that change
        name = routine.name
        uow.gym.delete(routine)
        return Undone(ROUTINE, [], detail=RoutineUndone(command, name, None))
    for copy in before["items"]:
        if uow.catalog.exercise_by_id(copy["exercise_id"]) is None:
            raise Conflict(
                f"can't undo {command}: the routine held an exercise removed since; "
                "add the exercise back to undo"
            )
    routine = _put_back(uow.journal, routine, before)
    return Undone(ROUTINE, [], detail=RoutineUndone(command, routine.name, plan_of(routine)))


def _put_back(
    journal: AbstractJournal, routine: Routine | None, before: dict[str, Any]
) -> Routine:
    """The routine as its copy holds it: its row and exactly its items again."""
    if routine is None:
        routine = journal.restore(Routine, before["routine"])
    else:
        journal.put_back(routine, before["routine"])
        for item in list(routine.items):
            journal.delete(item)
        journal.flush()
    for copy in before["items"]:
        journal.restore(RoutineItem, {**copy, "routine_id": routine.id})
    journal.reload(routine)  # read its items again, in their order
    return routine


UNDO: dict[str, Handler] = {ROUTINE: _undo_routine}
