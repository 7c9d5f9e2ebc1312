"""A stored routine as the domain's plan: shared by the routine service, its undo and gym mode
(apart so that undo needs no import of the routine service, which records into undo)."""

from __future__ import annotations

from tracker.adapters.orm import Routine
from tracker.domain.routines import RoutineItemPlan, RoutinePlan


def plan_of(routine: Routine) -> RoutinePlan:
    return RoutinePlan(
        name=routine.name,
        items=tuple(
            RoutineItemPlan(
                position=index,
                exercise=item.exercise.name,
                laterality=item.exercise.laterality,
                sets=item.sets,
                rep_low=item.rep_low,
                rep_high=item.rep_high,
                rest_s=item.rest_s,
            )
            for index, item in enumerate(routine.items, start=1)
        ),
    )
