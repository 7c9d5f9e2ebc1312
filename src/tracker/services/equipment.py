"""The gym's bar and plates (`config set bar|plates`) and plate maths for a load."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from tracker.adapters.orm import Exercise
from tracker.adapters.repository import LifterRows
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.equipment import BAR_EQUIPMENT, equipment_key
from tracker.domain.errors import InvalidValue, TrackerError
from tracker.domain.plates import (
    DEFAULT_BAR,
    DEFAULT_PLATES,
    Loading,
    Plate,
    barbell_loading,
    format_plates,
    machine_loading,
    parse_plates,
)
from tracker.domain.specs import parse_spec
from tracker.domain.units import Unit, convert, exact_text
from tracker.services.catalog import resolve_exercise
from tracker.services.lifters import current_lifter


@dataclass(frozen=True)
class PlateAnswer:
    exercise: str | None
    how: str  # "barbell" or "machine"
    unit: Unit
    loading: Loading
    instead_of: str | None = None  # an exercise without plates: answered for a barbell


def parse_load(text: str) -> tuple[Decimal, Unit | None]:
    """A load with an optional unit: 100, 100kg, 225lb."""
    try:
        specs = parse_spec(f"1x{text.strip()}")
    except InvalidValue as error:  # read, but out of range: that is the message
        raise InvalidValue(str(error).replace(", e.g. 10x60", "")) from None
    except TrackerError:
        specs = []
    if len(specs) != 1 or specs[0].load is None or specs[0].bodyweight:
        raise InvalidValue(f'can\'t read load "{text}": give a load such as 100 or 225lb')
    return specs[0].load, specs[0].unit


def set_equipment_setting(
    uow: AbstractUnitOfWork, lifter_name: str | None, key: str, value: str
) -> tuple[str, str]:
    """`config set bar 20kg` / `config set plates 25x4,20,...`, stored per unit: the value as
    stored, and its unit."""
    # The undo journal: imported here, not for `tracker plates` or the gym prompt's plates.
    from tracker.services.history_settings import set_gym_setting

    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        lifter_unit = Unit(lifter.unit)
        if key == "bar":
            load, unit = parse_load(value)
            unit = unit or lifter_unit
            stored = exact_text(load)
        else:
            text, unit = _plates_and_unit(value, lifter_unit)
            stored = format_plates(parse_plates(text))
        set_gym_setting(uow, lifter, f"{key}.{unit.value}", stored)
        uow.commit()
    return stored, unit.value


def _plates_and_unit(value: str, default: Unit) -> tuple[str, Unit]:
    """Plates may end with a unit for the whole list: `45,35,25,10,5,2.5lb`."""
    text = value.strip().lower()
    for suffix, unit in (("kg", Unit.KG), ("lbs", Unit.LB), ("lb", Unit.LB)):
        if text.endswith(suffix):
            return text[: -len(suffix)], unit
    return text, default


def bar_and_plates(lifters: LifterRows, unit: Unit) -> tuple[Decimal, tuple[Plate, ...]]:
    bar = lifters.setting(f"bar.{unit.value}")
    plates = lifters.setting(f"plates.{unit.value}")
    return (
        Decimal(bar) if bar else DEFAULT_BAR[unit],
        parse_plates(plates) if plates else tuple(Plate(w) for w in DEFAULT_PLATES[unit]),
    )


def plate_loaded(exercise: Exercise) -> str | None:
    """ "barbell", "machine" (plate-loaded: it has a sled) or None (dumbbells, stacks ...)."""
    if equipment_key(exercise.equipment) in BAR_EQUIPMENT:
        return "barbell"
    for source in (exercise, exercise.parent):
        if source is not None and source.sled is not None:
            return "machine"
    return None


def loading_for(
    lifters: LifterRows, exercise: Exercise | None, load: Decimal, unit: Unit
) -> PlateAnswer | None:
    """Plates for `load` (in `unit`) on the exercise's equipment; None when it takes none."""
    how = "barbell" if exercise is None else plate_loaded(exercise)
    if how is None:
        return None
    bar, plates = bar_and_plates(lifters, unit)
    loading = (
        barbell_loading(load, bar, plates) if how == "barbell" else machine_loading(load, plates)
    )
    return PlateAnswer(exercise.name if exercise else None, how, unit, loading)


def plates_for(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    load_text: str,
    exercise_query: str | None,
    bar_instead: bool = False,
) -> PlateAnswer:
    """`tracker plates LOAD [--exercise NAME]`, in the lifter's unit unless the load says.

    `bar_instead` (gym mode): an exercise loaded without plates (dumbbells, a cable stack)
    gets the barbell's answer; a machine still needs its sled, as `tracker plates` says.
    """
    load, typed_unit = parse_load(load_text)
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        unit = Unit(lifter.unit)
        load = convert(load, typed_unit, unit) if typed_unit else load
        exercise = resolve_exercise(uow.catalog, exercise_query) if exercise_query else None
        answer = loading_for(uow.lifters, exercise, load, unit)
        if answer is None and bar_instead and exercise is not None:
            if equipment_key(exercise.equipment) != "machine":
                answer = loading_for(uow.lifters, None, load, unit)
                answer = answer and replace(answer, instead_of=exercise.name)
        uow.commit()
    if answer is None:
        assert exercise is not None
        if equipment_key(exercise.equipment) != "machine":  # dumbbells, a cable stack: no sled
            raise InvalidValue(
                f"{exercise.name} is loaded without plates ({exercise.equipment}): "
                "there are no plates to work out"
            )
        raise InvalidValue(
            f"{exercise.name} is loaded without plates ({exercise.equipment}); a plate-loaded "
            f'machine needs its sled: tracker exercises edit "{exercise.name}" --sled 0'
        )
    return answer
