"""Rules a logged set must follow, over plain values: sides and loads (pure, fast to test)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tracker.domain.equipment import LOADED_EQUIPMENT, equipment_key
from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.model import Laterality, SetKind, SetSpec, Side
from tracker.domain.specs import format_spec


def check_sides(name: str, laterality: str, sides: Sequence[Side | None]) -> None:
    """A one-sided exercise needs a side on every set; a bilateral one takes none."""
    if not sides:
        raise InvalidValue(f"no sets given for {name}: add specs such as 10x60")
    one_sided = laterality != Laterality.BILATERAL
    if one_sided and any(side is None for side in sides):
        raise InvalidValue(
            f"{name} is {laterality}: give each set a side with --left/-l, --right/-r or --each"
        )
    if not one_sided and any(side is not None for side in sides):
        raise InvalidValue(
            f"{name} is bilateral: drop --left/--right/--each, or log a unilateral variant"
        )


def is_cardio(body_part: str | None, category: str | None) -> bool:
    """A conditioning exercise (treadmill, rowing machine, bike), by its catalog card."""
    return "cardio" in (body_part, category)


def is_side_test(category: str | None, equipment: str, laterality: str, measure: str) -> bool:
    """A test that compares the sides by time or distance (a hop test): an unloaded
    one-sided plyometric exercise done for time or distance."""
    return (
        category == "plyometrics"
        and laterality != Laterality.BILATERAL
        and measure != "reps"
        and equipment_key(equipment) not in LOADED_EQUIPMENT
    )


def log_example(
    equipment: str,
    laterality: str,
    measure: str = "reps",
    cardio: bool = False,
    side_test: bool = False,
) -> str:
    """What a `tracker log` hint writes after an exercise's name, in that exercise's own syntax
    (README "Set syntax"): 8x60, 8xBW, a hold 60s, a loaded carry 40mx24, cardio 30min; a
    one-sided exercise gives its sets with --each, a side test (a hop) each side's own trial.
    ``measure``: reps, time or distance."""
    if side_test:
        return "-l 2.3s -r 2.1s" if measure == "time" else "-l 1.42m -r 1.55m"
    spec = example_spec(equipment, measure, cardio)
    return spec if laterality == Laterality.BILATERAL else f"--each {spec}"


def example_spec(
    equipment: str, measure: str = "reps", cardio: bool = False, side_test: bool = False
) -> str:
    """One set of the exercise as it is typed, sides aside (log_example); a side test's trial
    is a hop's time or distance (2.3s, 1.5m), not a hold's minute."""
    if side_test:
        return "2.3s" if measure == "time" else "1.5m"
    loaded = equipment_key(equipment) in LOADED_EQUIPMENT
    if measure == "reps":
        return "8x60" if loaded else "8xBW"
    if cardio:
        return "30min"
    if measure == "time":
        return "60sx20" if loaded else "60s"
    return "40mx24" if loaded else "400m"


def check_loads(name: str, equipment: str, specs: Sequence[SetSpec], cardio: bool = False) -> None:
    """A set typed without any load ("12") is bodyweight only where no load is needed.

    A cardio exercise's timed or distance set needs none (30 min on a treadmill, 2 km on a
    rowing machine), though the machine is loaded equipment; its reps still do.
    """
    key = equipment_key(equipment)
    if key not in LOADED_EQUIPMENT:
        return
    for spec in specs:
        if cardio and spec.measured:
            continue
        if not spec.load_given:
            work = format_spec(spec)
            raise InvalidSpec(
                f'"{work}" has no load, and {name} is done with a {key}: write the load or '
                f"bodyweight, e.g. {work}x60 or {work}xBW"
            )


def as_typed(spec: SetSpec, equipment: str) -> SetSpec:
    """A stored set of an exercise done with `equipment`, as it was typed, for check_loads
    when the set moves to another exercise: a bodyweight set with nothing added, of an
    exercise that needs no load, was typed without any ("12", "45s"); of an exercise that
    needs one, it was typed as bodyweight ("12xBW")."""
    if spec.bodyweight and spec.load is None and equipment_key(equipment) not in LOADED_EQUIPMENT:
        return replace(spec, unit=None, load_given=False)
    return spec


def kind_of(spec: SetSpec, asked: SetKind) -> SetKind:
    """A failed attempt (0 reps) is stored as a failure set, whatever kind was asked."""
    return SetKind.FAILURE if spec.failed else asked
