"""Undo for weigh-ins and settings: `bodyweight add`, `config set`, `lifter edit --involved`
and `--injury-date`.

Each command writes a change record in its own transaction (see services.history): the
weigh-in's id, or the setting's value before. The unit and the involved sides belong to a
lifter. The increments, bar and plates are gym-wide (every lifter of the database shares
them): their change goes in the history of the lifter who typed it, and undoing it puts the
old value back only while the setting still holds the value that command gave it; when
another lifter has set it since, undo leaves their value alone and says so.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from tracker.adapters.journal import AbstractJournal
from tracker.adapters.orm import Lifter
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.model import Side
from tracker.services.undone import Handler, SettingUndone, Undone

WEIGH_IN = "weigh-in"
CONFIG_SET = "config set"
INVOLVED = "involved side"
UNIT_KEY = "unit"  # the lifter's own unit; any other key is a gym-wide setting's stored key


class Keep(Enum):
    """What `lifter edit` was not asked to change (its side, or its injury date)."""

    KEEP = "keep"


KEEP = Keep.KEEP


# -- recording (inside the command's transaction) ---------------------------------------------


def record_weigh_in(journal: AbstractJournal, lifter: Lifter, weigh_in_id: int) -> None:
    """After `bodyweight add` stored weigh-in `weigh_in_id`."""
    journal.record(lifter, WEIGH_IN, {"id": weigh_in_id})


def record_unit(journal: AbstractJournal, lifter: Lifter, unit: str) -> None:
    """Before `config set unit` gives the lifter `unit`."""
    journal.record(
        lifter, CONFIG_SET, {"key": UNIT_KEY, "value": unit, "previous": lifter.unit}
    )


def set_gym_setting(uow: AbstractUnitOfWork, lifter: Lifter, key: str, value: str) -> None:
    """Set the gym-wide setting `key` (as stored: increment.dumbbell.kg, bar.lb ...) to
    `value`, recording what it was."""
    previous = uow.lifters.setting(key)
    uow.journal.record(lifter, CONFIG_SET, {"key": key, "value": value, "previous": previous})
    uow.lifters.set_setting(key, value)


def record_involved(
    uow: AbstractUnitOfWork,
    lifter: Lifter,
    exercise: tuple[int, str] | None,
    side: Side | None | Keep,
    injury_date: date | None | Keep,
) -> None:
    """Before `lifter edit` keeps `side` and `injury_date` (either may be kept as it is) for
    one exercise (id, name) or all: what they were, to put back."""
    exercise_id, name = exercise if exercise is not None else (None, None)
    previous = uow.involved_sides().of_lifter(lifter.id).get(exercise_id)
    previous_date = uow.involved_sides().injury_dates(lifter.id).get(exercise_id)
    payload: dict[str, Any] = {
        "exercise_id": exercise_id,
        "exercise": name,
        "previous": previous.value if previous else None,
        "previous_injury_date": previous_date.isoformat() if previous_date else None,
    }
    if isinstance(side, Side) or side is None:  # else the side is kept: only the date changes
        payload["side"] = side.value if side else None
    if isinstance(injury_date, date) or injury_date is None:
        payload["injury_date"] = injury_date.isoformat() if injury_date else None
    uow.journal.record(lifter, INVOLVED, payload)


# -- undoing ----------------------------------------------------------------------------------


def _undo_weigh_in(
    uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]
) -> Undone | None:
    entry = uow.body_weights().remove(lifter.id, payload["id"])
    if entry is None:
        return None  # gone already: nothing left of that change
    return Undone(WEIGH_IN, [], detail=entry)


def _undo_config_set(uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]) -> Undone:
    key, value, previous = payload["key"], payload["value"], payload["previous"]
    if key == UNIT_KEY:
        lifter.unit = previous
        return _setting(f"config set unit {value}", f"unit = {previous} again")
    name, unit = key.rsplit(".", 1)  # increment.dumbbell.kg: increment.dumbbell, in kg
    command = f"config set {name} {value} {unit}"
    now = uow.lifters.setting(key)
    if now != value:  # another lifter's change since: theirs to undo, not ours to overwrite
        state = f"{name} = {now} {unit}" if now is not None else f"{name} has its default"
        return _setting(command, f"left as it is ({state}): another lifter has changed it since")
    if previous is None:
        uow.lifters.forget_setting(key)
        return _setting(command, f"{name} is back to its default")
    uow.lifters.set_setting(key, previous)
    return _setting(command, f"{name} = {previous} {unit} again")


def _undo_involved(uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]) -> Undone:
    exercise_id, name = payload["exercise_id"], payload["exercise"]
    command = f"lifter edit {lifter.name}"
    if "side" in payload:
        command += f" --involved {payload['side'] or 'none'}"
    if "injury_date" in payload:
        command += f" --injury-date {payload['injury_date'] or 'none'}"
    if name is not None:
        command += f' --exercise "{name}"'
    where = name or "every exercise"
    if exercise_id is not None and not uow.journal.exercise_exists(exercise_id):
        return _setting(command, f"left as it is: {where} is no longer in the catalog", INVOLVED)
    previous = Side(payload["previous"]) if payload["previous"] else None
    sides = uow.involved_sides()
    sides.set(lifter.id, exercise_id, previous)
    if previous is None:
        return _setting(command, f"no involved side for {where} again", INVOLVED)
    outcome = f"involved side {previous.value}"
    if "previous_injury_date" in payload:  # a record from before injury dates has none
        day = payload["previous_injury_date"]
        sides.set_injury_date(lifter.id, exercise_id, date.fromisoformat(day) if day else None)
        if day or "injury_date" in payload:
            outcome += f", injury date {day}" if day else ", no injury date"
    return _setting(command, f"{outcome} for {where} again", INVOLVED)


def _setting(command: str, outcome: str, action: str = CONFIG_SET) -> Undone:
    return Undone(action, [], detail=SettingUndone(command, outcome))


UNDO: dict[str, Handler] = {
    WEIGH_IN: _undo_weigh_in,
    CONFIG_SET: _undo_config_set,
    INVOLVED: _undo_involved,
}
