"""Lifters and their preferences."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.model import DEFAULT_LIFTER
from tracker.domain.names import MAX_LIFTER_NAME, check_length
from tracker.domain.specs import parse_spec
from tracker.domain.text_safety import refuse_controls
from tracker.domain.units import Unit, exact_text

# The ORM, the equipment and the undo journal are imported inside the functions that write or
# list settings: `session list` and `lifter list` read without them (adapters/reads.py).
if TYPE_CHECKING:
    from tracker.adapters.orm import Lifter
    from tracker.adapters.repository import LifterRows

L = TypeVar("L")
L_co = TypeVar("L_co", covariant=True)


class LifterSource(Protocol[L_co]):
    """Where lifters are looked up: the repository (ORM rows) or the read path (plain rows)."""

    def lifter(self, name: str) -> L_co | None: ...

    def lifter_for_current_role(self) -> L_co | None: ...


def find_lifter(source: LifterSource[L], name: str | None) -> L | None:
    """The lifter a command works for: the one it names, else the lifter of its PostgreSQL
    role, else the default one. None while that lifter does not exist."""
    if name is None:  # a PostgreSQL role mapped to a lifter (admin grant) is that lifter
        mine = source.lifter_for_current_role()
        if mine is not None:
            return mine
    return source.lifter(name or DEFAULT_LIFTER)


def current_lifter(lifters: LifterRows, name: str | None) -> Lifter:
    """The lifter a command works for; the default one is created on first use."""
    lifter = find_lifter(lifters, name) or _first_use(lifters, name)
    lifters.view_as(lifter)  # the command sees built-ins and this lifter's own exercises only
    return lifter


def _first_use(lifters: LifterRows, name: str | None) -> Lifter:
    wanted = name or DEFAULT_LIFTER
    if wanted != DEFAULT_LIFTER:
        raise NotFound(f'no lifter named "{wanted}"; add one with: tracker lifter add "{wanted}"')
    return lifters.add_lifter_if_missing(DEFAULT_LIFTER, Unit.KG.value)


def ensure_lifter(uow: AbstractUnitOfWork, name: str | None) -> None:
    """Create the default lifter on first use; NotFound for another name no lifter has.

    For commands that only read: they write this once, in a write transaction of its own (a
    read transaction that tried it would fail on SQLite when another first command got there
    first, instead of queueing behind it).
    """
    with uow.reads() as reads:
        if find_lifter(reads, name) is not None:
            return
    writer = uow.for_writes()
    with writer:
        current_lifter(writer.lifters, name)
        writer.commit()


def add_lifter(uow: AbstractUnitOfWork, name: str, unit: str) -> Lifter:
    clean = name.strip()
    if not clean:
        raise InvalidValue("a lifter needs a name")
    check_length(clean, "a lifter name", MAX_LIFTER_NAME)
    refuse_controls(clean, "a lifter name", one_line=True)  # one line in every listing
    from tracker.adapters import new_rows

    with uow:
        if uow.lifters.lifter(clean) is not None:
            raise Conflict(f'a lifter named "{clean}" already exists')
        lifter = new_rows.add_lifter(uow.lifters, clean, Unit.parse(unit))
        uow.commit()
        return lifter


def list_lifters(uow: AbstractUnitOfWork) -> list[tuple[str, str]]:
    """Every lifter by name (the default one is created on first use)."""
    ensure_lifter(uow, None)
    with uow.reads() as reads:
        return [(lifter.name, lifter.unit) for lifter in reads.lifters()]


def set_unit(uow: AbstractUnitOfWork, lifter_name: str | None, unit: str) -> Unit:
    from tracker.services.history_settings import record_unit

    parsed = Unit.parse(unit)
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        record_unit(uow.journal, lifter, parsed.value)
        lifter.unit = parsed.value
        uow.commit()
    return parsed


def get_unit(uow: AbstractUnitOfWork, lifter_name: str | None) -> Unit:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        uow.commit()
        return Unit(lifter.unit)


def set_increment(
    uow: AbstractUnitOfWork, lifter_name: str | None, equipment: str, value: str
) -> tuple[str, str, str]:
    """A gym-wide load step for one kind of equipment, in kg or lb ("2.5kg", "5lb", "2.5")."""
    from tracker.domain.equipment import equipment_key
    from tracker.services.history_settings import set_gym_setting

    key = equipment_key(equipment)
    if key == "other" and equipment.strip().lower() != "other":
        raise InvalidValue(
            f'unknown equipment "{equipment}": use barbell, dumbbell, machine, cable, '
            "kettlebell, smith machine, band, bodyweight or other"
        )
    (spec,) = parse_spec(f"1x{value.strip()}")
    if spec.load is None or spec.load <= 0:
        raise InvalidValue(f'the increment must be a load above 0, such as 2.5kg, got "{value}"')
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        unit = spec.unit or Unit(lifter.unit)
        step = exact_text(spec.load)
        set_gym_setting(uow, lifter, f"increment.{key}.{unit.value}", step)
        uow.commit()
    return key, step, unit.value


@dataclass(frozen=True)
class ConfigEntry:
    """One setting in force: its key, its value as set (with unit), and where it comes from."""

    key: str
    value: str
    source: str  # "lifter NAME", "default", "gym-wide" or "per exercise"
    equipment: str | None = None  # for increments: the equipment key the entry belongs to
    # When a key has a value in each unit: which one this lifter's loads use, and why
    # ("in force: you log in lb", "only for lifts you log in kg"); None when there is one.
    applies: str | None = None

    @property
    def why(self) -> str:
        """Where the value comes from and, when it needs saying, when it applies."""
        return self.source if self.applies is None else f"{self.source}; {self.applies}"


# A value is chosen by the unit of the load: a lift logged in kg uses the kg step, bar and
# plates. The lifter's own unit is what they log in unless they type another.
IN_FORCE = "in force: you log in {unit}"
ONLY_FOR = {"increment": "only for lifts you log in {unit}", "plates": "only for loads in {unit}"}


def config_entries(uow: AbstractUnitOfWork, lifter_name: str | None) -> list[ConfigEntry]:
    """Every setting with the value in force for this lifter and where it comes from.

    Increments: per equipment, the gym-wide step in the lifter's unit when set, else the
    default; a gym-wide step set in the other unit is listed too (it applies to loads typed in
    that unit), and then each of the two says which applies; then the exercises with a step of
    their own. Then the bar and plates for plate maths, alike.
    """
    from tracker.domain.equipment import equipment_key
    from tracker.domain.loads import DEFAULT_INCREMENTS
    from tracker.domain.plates import DEFAULT_BAR, DEFAULT_PLATES

    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        unit = Unit(lifter.unit)
        stored = uow.lifters.settings()
        own = uow.catalog.exercises_with_own_increment()
        uow.commit()
    entries = [ConfigEntry("unit", unit.value, f"lifter {lifter.name}")]
    for equipment in dict.fromkeys(key for key, _ in DEFAULT_INCREMENTS):
        default = exact_text(DEFAULT_INCREMENTS[(equipment, unit)])
        entries += _by_unit(f"increment.{equipment}", stored, default, unit, equipment)
    for exercise in own:
        assert exercise.increment is not None
        step_unit = exercise.increment_unit or unit.value
        step = f"{exact_text(exercise.increment)} {step_unit}"
        entries.append(
            ConfigEntry(
                f"increment of {exercise.name}",
                step,
                "per exercise",
                equipment_key(exercise.equipment),
                # A step in the other unit is used only when that exercise is logged in it.
                None if step_unit == unit.value else f"only when you log it in {step_unit}",
            )
        )
    entries += _by_unit("bar", stored, exact_text(DEFAULT_BAR[unit]), unit)
    plates = ",".join(exact_text(p) for p in DEFAULT_PLATES[unit])
    return entries + _by_unit("plates", stored, plates, unit)


def _by_unit(
    key: str, stored: dict[str, str], default: str, unit: Unit, equipment: str | None = None
) -> list[ConfigEntry]:
    """A key's entries: the lifter's unit first (as set, else the default in it), then a value
    set in the other unit. With two, each says which one applies: the unit of the load
    decides."""
    entries = []
    for each in (unit, *(u for u in Unit if u is not unit)):
        value = stored.get(f"{key}.{each.value}")
        if value is not None:
            entries.append(ConfigEntry(key, f"{value} {each.value}", "gym-wide", equipment))
        elif each is unit:
            entries.append(ConfigEntry(key, f"{default} {unit.value}", "default", equipment))
    if len(entries) == 1:
        return entries
    mine, other = entries
    other_unit = other.value.rsplit(" ", 1)[1]
    only_for = ONLY_FOR["increment" if equipment is not None else "plates"]
    return [
        replace(mine, applies=IN_FORCE.format(unit=unit.value)),
        replace(other, applies=only_for.format(unit=other_unit)),
    ]


def select_entries(entries: list[ConfigEntry], key: str) -> list[ConfigEntry]:
    """The entries `config get KEY` shows: `unit`, or `increment.EQUIPMENT` (any spelling of
    the equipment, with or without a unit suffix) with that equipment's exercises."""
    from tracker.domain.equipment import equipment_key

    wanted = key.strip().lower()
    if wanted in ("unit", "bar", "plates"):
        return [e for e in entries if e.key == wanted]
    if wanted == "increment":
        return [e for e in entries if e.equipment is not None]
    if wanted.startswith("increment."):
        name = wanted[len("increment.") :]
        for suffix in (".kg", ".lb"):
            name = name.removesuffix(suffix)
        equipment = equipment_key(name)
        if equipment != "other" or name == "other":
            return [e for e in entries if e.equipment == equipment]
    raise InvalidValue(
        f'unknown setting "{key}": use unit, increment.EQUIPMENT, bar or plates '
        "(see: tracker config get)"
    )
