"""A lifter's weigh-ins, involved sides, routines and rests, and the gym-wide settings, in a
tracker JSON export and back.

They change figures (a bodyweight set weighs the latest weigh-in; `report imbalance` reads
the involved side), so a restore that dropped them would not be one. A restore adds what the
database lacks and keeps what is there: the lifter's weigh-ins here stay, a routine, an
involved side or a rest the lifter already has wins over the file's, and a gym-wide setting
is only filled in where this database has none (it is every lifter's, and the owner's to
change). Importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tracker.adapters.new_rows import add_routine
from tracker.adapters.orm import Lifter, Routine  # read only: rows are made by adapters
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.errors import ImportFailed
from tracker.domain.model import Laterality
from tracker.importers.lifter_data_format import (
    GYM_SETTING_PREFIXES,
    InvolvedEntry,
    LifterData,
    RestEntry,
    RoutineEntry,
    RoutineItemEntry,
)
from tracker.services.exercise_matching import ExerciseMatcher

# -- export --------------------------------------------------------------------------------


def lifter_data(uow: AbstractUnitOfWork, lifter: Lifter) -> LifterData:
    """Everything of the lifter an export carries beside sets and exercises, in a fixed order
    (so that export -> import -> export gives the same bytes)."""
    weigh_ins = uow.body_weights().of_lifter(lifter.id)
    sides = uow.involved_sides().of_lifter(lifter.id)
    dates = uow.involved_sides().injury_dates(lifter.id)
    involved = []
    for exercise_id, side in sides.items():
        exercise = None if exercise_id is None else uow.catalog.exercise_by_id(exercise_id)
        involved.append(
            InvolvedEntry(exercise.name if exercise else None, side, dates.get(exercise_id))
        )
    involved.sort(key=lambda entry: (entry.exercise is not None, entry.exercise or ""))
    routines = sorted(uow.gym.routines(lifter), key=lambda routine: routine.name)
    settings = {}
    for prefix in GYM_SETTING_PREFIXES:
        settings.update(uow.lifters.settings(prefix))
    return LifterData(
        body_weights=tuple(weigh_ins),
        involved_sides=tuple(involved),
        routines=tuple(routine_entry(routine) for routine in routines),
        exercise_rests=tuple(
            RestEntry(exercise.name, seconds)
            for exercise, seconds in uow.gym.exercise_rests(lifter)
        ),
        settings=settings,
    )


def routine_entry(routine: Routine) -> RoutineEntry:
    return RoutineEntry(
        routine.name,
        tuple(
            RoutineItemEntry(
                exercise=item.exercise.name,
                sets=item.sets,
                rep_range=None
                if item.rep_low is None or item.rep_high is None
                else (item.rep_low, item.rep_high),
                rest_s=item.rest_s,
            )
            for item in routine.items
        ),
    )


# -- restore -------------------------------------------------------------------------------


def restore_unit(
    uow: AbstractUnitOfWork, lifter: Lifter, unit: str | None
) -> tuple[str, str] | None:
    """Give the lifter the export's unit when they have nothing stored yet: then their unit is
    the default they were made with (the auto-created `me` is kg), not a choice, and a restore
    must bring the exported one back. A lifter with data keeps theirs. Called before the sets
    are stored; says what became of a unit other than the lifter's: ("restored" or "kept",
    the file's unit)."""
    if unit is None or unit == lifter.unit:
        return None
    if not uow.lifters.lifter_is_blank(lifter):
        return ("kept", unit)
    lifter.unit = unit
    uow.transfers.note_import(lifter)  # undo stops at the import, as it does for its sets
    return ("restored", unit)


def restore_lifter_data(
    uow: AbstractUnitOfWork, lifter: Lifter, data: LifterData, matcher: ExerciseMatcher
) -> dict[str, int]:
    """Add what the database lacks; how many of each were added ("weigh-in": 3, ...).

    Exercise names go through the same matcher as the file's sets, so a routine names the
    exercise its sets went to. In the import's transaction: all of it is stored, or none.
    """
    added = {
        "weigh-in": _weigh_ins(uow, lifter, data.body_weights),
        "involved side": _involved_sides(uow, lifter, data.involved_sides, matcher),
        "routine": _routines(uow, lifter, data.routines, matcher),
        "exercise rest": _rests(uow, lifter, data.exercise_rests, matcher),
        "gym setting": _settings(uow, data.settings),
    }
    if any(added.values()):
        uow.transfers.note_import(lifter)  # undo stops at the import, as it does for its sets
    return added


def _weigh_ins(uow: AbstractUnitOfWork, lifter: Lifter, weigh_ins: Sequence[BodyWeight]) -> int:
    """The file's weigh-ins this lifter lacks. Two at one moment are both kept (the log has
    them so): a weigh-in is skipped only as often as the same one is already stored."""
    body_weights = uow.body_weights()
    stored = Counter(body_weights.of_lifter(lifter.id))
    added = 0
    for weigh_in in weigh_ins:
        if stored[weigh_in]:
            stored[weigh_in] -= 1
            continue
        body_weights.add(lifter.id, weigh_in.measured_at, weigh_in.weight, weigh_in.unit)
        added += 1
    return added


def _involved_sides(
    uow: AbstractUnitOfWork,
    lifter: Lifter,
    entries: Sequence[InvolvedEntry],
    matcher: ExerciseMatcher,
) -> int:
    sides = uow.involved_sides()
    stored = sides.of_lifter(lifter.id)
    added = 0
    for number, entry in enumerate(entries, 1):
        exercise_id = None
        if entry.exercise is not None:
            exercise = matcher.existing(entry.exercise)
            if exercise is None:
                raise ImportFailed(
                    f'involved side {number}, "exercise": no exercise "{entry.exercise}" here '
                    "or in the file's sets and exercises"
                )
            if exercise.laterality == Laterality.BILATERAL:
                raise ImportFailed(
                    f'involved side {number}, "exercise": {exercise.name} is bilateral here: '
                    "it has no involved side"
                )
            exercise_id = exercise.id
        if exercise_id in stored:
            continue  # the lifter's own here wins
        sides.set(lifter.id, exercise_id, entry.side)
        sides.set_injury_date(lifter.id, exercise_id, entry.injury_date)
        stored[exercise_id] = entry.side
        added += 1
    return added


def _routines(
    uow: AbstractUnitOfWork,
    lifter: Lifter,
    entries: Sequence[RoutineEntry],
    matcher: ExerciseMatcher,
) -> int:
    added = 0
    for entry in entries:
        if uow.gym.routine(lifter, entry.name) is not None:
            continue  # a routine of that name here stays as it is
        items = [
            (matcher.find(item.exercise, False), item.sets, item.rep_range, item.rest_s)
            for item in entry.items
        ]
        # Flushed: the next entry's look-up sees it (a file naming one routine twice).
        add_routine(uow.gym, lifter, entry.name, items)
        added += 1
    return added


def _rests(
    uow: AbstractUnitOfWork, lifter: Lifter, entries: Sequence[RestEntry], matcher: ExerciseMatcher
) -> int:
    gym = uow.gym
    added = 0
    for entry in entries:
        exercise = matcher.find(entry.exercise, False)
        if gym.exercise_rest(lifter, exercise) is not None:
            continue
        gym.set_exercise_rest(lifter, exercise, entry.seconds)
        gym.flush()
        added += 1
    return added


def _settings(uow: AbstractUnitOfWork, settings: dict[str, str]) -> int:
    """Fill in the gym-wide settings this database lacks. A lifter's PostgreSQL role may not
    write them (they are the owner's): its restore leaves them, as `config set` would refuse."""
    lifters = uow.lifters
    if not settings or not uow.catalog.may_write_catalog():
        return 0
    stored = {key for prefix in GYM_SETTING_PREFIXES for key in lifters.settings(prefix)}
    added = 0
    for key, value in settings.items():
        if key not in stored:
            lifters.set_setting(key, value)
            added += 1
    return added
