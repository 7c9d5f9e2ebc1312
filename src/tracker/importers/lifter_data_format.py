"""What a tracker JSON export carries beside the sets and exercise definitions: the lifter's
weigh-ins, involved sides, routines and rests, and the gym-wide settings.

Without them a restore changes figures: a bodyweight set weighs the latest weigh-in, and
`report imbalance` reads the involved side. Pure: values in, JSON objects out, and back,
each checked with an error that names its place ("body weight 2, "weight": ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.domain.bodyweight import BodyWeight, check_body_weight
from tracker.domain.equipment import Equipment
from tracker.domain.errors import ImportFailed, InvalidValue
from tracker.domain.model import Side
from tracker.domain.names import MAX_NAME
from tracker.domain.plates import format_plates, parse_plates
from tracker.domain.routines import (
    MAX_REST_S,
    MAX_ROUTINE_NAME,
    MAX_SETS_PER_ITEM,
    check_routine_name,
    is_rep_range,
)
from tracker.domain.specs import MAX_LOAD, MAX_REPS
from tracker.domain.units import Unit, exact_text
from tracker.importers.values import check_moment

# The gym-wide settings an export carries: `config set increment.EQUIPMENT`, `bar`, `plates`
# (stored per unit). Other keys of the setting table are the catalog's own bookkeeping.
GYM_SETTING = re.compile(r"(?:increment\.(?P<equipment>[a-z ]+)|bar|plates)\.(?:kg|lb)")
GYM_SETTING_PREFIXES = ("increment.", "bar.", "plates.")


@dataclass(frozen=True)
class InvolvedEntry:
    exercise: str | None  # None: every exercise
    side: Side
    injury_date: date | None = None  # ends the pre-injury reference (report imbalance's EPIC)


@dataclass(frozen=True)
class RoutineItemEntry:
    exercise: str
    sets: int
    rep_range: tuple[int, int] | None  # None: the exercise's own range
    rest_s: int | None  # None: the exercise's rest, else the category default


@dataclass(frozen=True)
class RoutineEntry:
    name: str
    items: tuple[RoutineItemEntry, ...]


@dataclass(frozen=True)
class RestEntry:
    exercise: str
    seconds: int


@dataclass(frozen=True)
class LifterData:
    """Everything of a lifter but sets and exercises; empty for an older export."""

    body_weights: tuple[BodyWeight, ...] = ()
    involved_sides: tuple[InvolvedEntry, ...] = ()
    routines: tuple[RoutineEntry, ...] = ()
    exercise_rests: tuple[RestEntry, ...] = ()
    settings: dict[str, str] = field(default_factory=dict)  # gym-wide, key -> value


# -- out -----------------------------------------------------------------------------------


def sections(data: LifterData) -> list[tuple[str, list[dict[str, Any]] | dict[str, str]]]:
    """The export's keys in file order, each a list of objects (or the settings object)."""
    return [
        ("body_weights", [
            {"measured_at": w.measured_at.astimezone(UTC).isoformat(),
             "weight": exact_text(w.weight), "unit": w.unit.value}
            for w in data.body_weights
        ]),
        ("involved_sides", [
            {"exercise": i.exercise, "side": i.side.value,
             "injury_date": i.injury_date.isoformat() if i.injury_date else None}
            for i in data.involved_sides
        ]),
        ("routines", [
            {"name": r.name, "items": [item_json(item) for item in r.items]}
            for r in data.routines
        ]),
        ("exercise_rests", [
            {"exercise": r.exercise, "seconds": r.seconds} for r in data.exercise_rests
        ]),
        ("settings", dict(sorted(data.settings.items()))),
    ]


def item_json(item: RoutineItemEntry) -> dict[str, Any]:
    return {
        "exercise": item.exercise,
        "sets": item.sets,
        "rep_range": None if item.rep_range is None else list(item.rep_range),
        "rest_s": item.rest_s,
    }


# -- in ------------------------------------------------------------------------------------


def read_lifter_data(document: dict[str, Any]) -> LifterData:
    """The sections of an export, every value checked; a key an older export lacks is empty."""
    return LifterData(
        body_weights=tuple(_weigh_in(e, p) for p, e in _entries(document, "body_weights")),
        involved_sides=tuple(_involved(e, p) for p, e in _entries(document, "involved_sides")),
        routines=tuple(_routine(e, p) for p, e in _entries(document, "routines")),
        exercise_rests=tuple(_rest(e, p) for p, e in _entries(document, "exercise_rests")),
        settings=_settings(document.get("settings", {})),
    )


# How an error names an entry of each list: "body weight 2", "exercise rest 1".
PLACES = {
    "body_weights": "body weight",
    "involved_sides": "involved side",
    "routines": "routine",
    "exercise_rests": "exercise rest",
}


def _entries(document: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    """The objects of the list ``key``, each with the place an error names ("routine 2")."""
    entries = document.get(key, [])
    if not isinstance(entries, list):
        raise ImportFailed(f'not a tracker JSON export ("{key}" is not a list)')
    places = [f"{PLACES[key]} {n}" for n in range(1, len(entries) + 1)]
    for place, entry in zip(places, entries, strict=True):
        if not isinstance(entry, dict):
            raise ImportFailed(f"{place}: not an object")
    return list(zip(places, entries, strict=True))


def _fail(place: str, key: str, problem: str) -> ImportFailed:
    return ImportFailed(f'{place}, "{key}": {problem}')


def _whole(entry: dict[str, Any], key: str, place: str, low: int, high: int) -> int | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _fail(place, key, f"must be a whole number from {low} to {high}")
    return value


def _exercise(entry: dict[str, Any], place: str, required: bool = True) -> str | None:
    name = entry.get("exercise")
    if name is None and not required:
        return None
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME or "\x00" in name:
        raise _fail(place, "exercise", f"an exercise name of 1 to {MAX_NAME} characters is needed")
    return name


def _weigh_in(entry: dict[str, Any], place: str) -> BodyWeight:
    at = entry.get("measured_at")
    try:
        moment = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _fail(place, "measured_at", "must be a time with its UTC offset (ISO 8601)")
    try:
        moment = check_moment(moment.astimezone(UTC))  # as sets are read (Cells.instant)
    except (ValueError, OverflowError) as error:
        raise _fail(place, "measured_at", str(error)) from None
    unit = entry.get("unit")
    if unit not in ("kg", "lb"):
        raise _fail(place, "unit", "must be kg or lb")
    weight = entry.get("weight")
    try:
        number = Decimal(weight) if isinstance(weight, str) else None
    except InvalidOperation:
        number = None
    if number is None:
        raise _fail(place, "weight", 'must be a number as text, such as "82.5"')
    try:
        check_body_weight(number)
    except InvalidValue as error:
        raise _fail(place, "weight", str(error)) from None
    return BodyWeight(moment.astimezone(UTC), number, Unit(unit))


def _involved(entry: dict[str, Any], place: str) -> InvolvedEntry:
    side = entry.get("side")
    if side not in ("left", "right"):
        raise _fail(place, "side", "must be left or right")
    text = entry.get("injury_date")
    day = None
    if text is not None:
        try:
            day = date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise _fail(place, "injury_date", 'must be a date such as "2026-03-02", or null')
    return InvolvedEntry(_exercise(entry, place, required=False), Side(side), day)


def _routine(entry: dict[str, Any], place: str) -> RoutineEntry:
    name = entry.get("name")
    try:
        clean = check_routine_name(name) if isinstance(name, str) else None
    except InvalidValue as error:
        raise _fail(place, "name", str(error)) from None
    if clean is None or "\x00" in clean:
        problem = f"a routine name of 1 to {MAX_ROUTINE_NAME} characters is needed"
        raise _fail(place, "name", problem)
    items = entry.get("items", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise _fail(place, "items", "must be a list of objects")
    return RoutineEntry(
        clean, tuple(_item(item, f"{place}, item {n}") for n, item in enumerate(items, 1))
    )


def _item(entry: dict[str, Any], place: str) -> RoutineItemEntry:
    exercise = _exercise(entry, place)
    assert exercise is not None
    sets = _whole(entry, "sets", place, 1, MAX_SETS_PER_ITEM)
    rep_range = entry.get("rep_range")
    if rep_range is not None and not is_rep_range(rep_range):
        raise _fail(
            place, "rep_range", f"must be null or [low, high] with 1 <= low <= high <= {MAX_REPS}"
        )
    return RoutineItemEntry(
        exercise=exercise,
        sets=3 if sets is None else sets,
        rep_range=None if rep_range is None else (rep_range[0], rep_range[1]),
        rest_s=_whole(entry, "rest_s", place, 0, MAX_REST_S),
    )


def _rest(entry: dict[str, Any], place: str) -> RestEntry:
    exercise = _exercise(entry, place)
    seconds = _whole(entry, "seconds", place, 0, MAX_REST_S)
    if exercise is None or seconds is None:
        raise _fail(place, "seconds", f"must be a whole number from 0 to {MAX_REST_S}")
    return RestEntry(exercise, seconds)


def _settings(settings: Any) -> dict[str, str]:
    if not isinstance(settings, dict):
        raise ImportFailed('not a tracker JSON export ("settings" is not an object)')
    checked: dict[str, str] = {}
    for key, value in settings.items():
        match = GYM_SETTING.fullmatch(key) if isinstance(key, str) else None
        equipment = match and match["equipment"]
        if match is None or (equipment and equipment not in {e.value for e in Equipment}):
            raise ImportFailed(
                f'settings, "{key}": not a setting tracker keeps (increment.EQUIPMENT.UNIT, '
                "bar.UNIT or plates.UNIT)"
            )
        if not isinstance(value, str):
            raise _fail("settings", key, "must be text")
        checked[key] = _setting_value(key, value)
    return checked


def _setting_value(key: str, value: str) -> str:
    """The value as `config set` stores it; a file's own spelling must be that one, so that
    a restore writes what a second export reads back."""
    if key.startswith("plates."):
        try:
            stored = format_plates(parse_plates(value))
        except InvalidValue as error:
            raise _fail("settings", key, str(error)) from None
    else:
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        least = Decimal(0 if key.startswith("bar.") else "0.001")
        if not number.is_finite() or not least <= number <= MAX_LOAD:
            raise _fail(
                "settings", key, f"must be a number from {least} to {MAX_LOAD}, got {value!r}"
            )
        stored = exact_text(number)
    return stored
