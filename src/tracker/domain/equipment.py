"""The one equipment vocabulary: canonical kinds, the spellings catalogs and apps use, and what
each kind implies (plates on a bar, a load always given, one implement per hand, how a lift is
loaded when names are matched).

Every other module asks this one; none keeps a map of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from tracker.domain.names import normalize


class Equipment(StrEnum):
    """The equipment an exercise is done with, as stored (``exercise.equipment``)."""

    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    MACHINE = "machine"
    CABLE = "cable"
    KETTLEBELL = "kettlebell"
    SMITH_MACHINE = "smith machine"
    BAND = "band"
    BODYWEIGHT = "bodyweight"
    OTHER = "other"


# Spellings found in exercise catalogs (free-exercise-db uses "kettlebells", "body only",
# "e-z curl bar" ...), keyed by their normalised form. Anything unknown is OTHER.
ALIASES: Mapping[str, Equipment] = {
    "kettlebells": Equipment.KETTLEBELL,
    "dumbbells": Equipment.DUMBBELL,
    "barbells": Equipment.BARBELL,
    "e z curl bar": Equipment.BARBELL,
    "ez curl bar": Equipment.BARBELL,
    "ez bar": Equipment.BARBELL,
    "cables": Equipment.CABLE,
    "smith": Equipment.SMITH_MACHINE,
    "bands": Equipment.BAND,
    "body only": Equipment.BODYWEIGHT,
    "body weight": Equipment.BODYWEIGHT,
}

# Plates go on a bar: plate maths counts the bar, and a logged load is per bar.
BAR_EQUIPMENT = frozenset({Equipment.BARBELL, Equipment.SMITH_MACHINE})

# Held one per hand: a bilateral set holds two, a one-sided set one.
FREE_WEIGHTS = frozenset({Equipment.DUMBBELL, Equipment.KETTLEBELL})

# Sets always move a load: a bare "12" there is a forgotten load, not bodyweight.
LOADED_EQUIPMENT = frozenset(
    {
        Equipment.BARBELL,
        Equipment.DUMBBELL,
        Equipment.MACHINE,
        Equipment.CABLE,
        Equipment.KETTLEBELL,
        Equipment.SMITH_MACHINE,
    }
)

# Equipment that loads a lift the same way: an equipment word in an imported name must agree
# with the catalog entry's kind before the stripped name may match it ("Hammer Curl (Cable)"
# is not the dumbbell Hammer Curl). Machines and cables are both weight stacks.
_LOADING: Mapping[Equipment, str] = {
    Equipment.BARBELL: "barbell",
    Equipment.DUMBBELL: "dumbbell",
    Equipment.KETTLEBELL: "kettlebell",
    Equipment.MACHINE: "stack",
    Equipment.CABLE: "stack",
    Equipment.SMITH_MACHINE: "smith machine",
    Equipment.BODYWEIGHT: "bodyweight",
    Equipment.BAND: "band",
}

# Words inside exercise names that name equipment besides the canonical names: "Pull Up
# (Weighted)" is bodyweight plus a load, "Row (Plate Loaded)" a machine.
NAME_WORDS: Mapping[str, Equipment] = {
    "ez bar": Equipment.BARBELL,
    "e z bar": Equipment.BARBELL,
    "plate loaded": Equipment.MACHINE,
    "weighted": Equipment.BODYWEIGHT,
}


def equipment_key(name: str) -> Equipment:
    """The canonical equipment for any catalog spelling; unknown names are OTHER."""
    key = normalize(name)
    try:
        return Equipment(key)
    except ValueError:
        return ALIASES.get(key, Equipment.OTHER)


def _named_in_exercise(word: str) -> Equipment | None:
    key = normalize(word)
    if key in NAME_WORDS:
        return NAME_WORDS[key]
    try:
        return Equipment(key)
    except ValueError:
        return None


def loads_alike(name_word: str, equipment: str) -> bool:
    """Does an equipment word from an exercise name load the lift as ``equipment`` does?

    "Cable" agrees with a machine (both stacks), "Weighted" with bodyweight; "Other" with
    nothing, so a name that says its equipment never matches an entry of unknown equipment.
    """
    named = _named_in_exercise(name_word)
    kind = _LOADING.get(named) if named is not None else None
    return kind is not None and kind == _LOADING.get(equipment_key(equipment))
