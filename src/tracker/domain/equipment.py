"""The one equipment vocabulary: canonical kinds, the spellings catalogs and apps use, and what
each kind implies (plates on a bar, a load always given, one implement per hand, how a lift is
loaded when names are matched).

Every other module asks this one; none keeps a map of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from tracker.domain.errors import InvalidValue
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


# Every spelling besides the canonical names, keyed by its normalised form; anything unknown
# is OTHER.
ALIASES: Mapping[str, Equipment] = {
    # Plurals, as catalogs and apps write them ("kettlebells", "Goblet Squat (Dumbbells)").
    "barbells": Equipment.BARBELL,
    "dumbbells": Equipment.DUMBBELL,
    "kettlebells": Equipment.KETTLEBELL,
    "machines": Equipment.MACHINE,
    "cables": Equipment.CABLE,
    "bands": Equipment.BAND,
    # Abbreviations lifters type into names ("DB Lateral Raise", "KB Swing", "BB Row").
    "bb": Equipment.BARBELL,
    "db": Equipment.DUMBBELL,
    "kb": Equipment.KETTLEBELL,
    # Other spellings of catalogs (free-exercise-db's "e-z curl bar" and "body only") and
    # apps. The EZ bar is a (curved) barbell: plates on a bar, loaded and logged like one.
    "e z curl bar": Equipment.BARBELL,
    "ez curl bar": Equipment.BARBELL,
    "ez bar": Equipment.BARBELL,
    "smith": Equipment.SMITH_MACHINE,
    "body only": Equipment.BODYWEIGHT,
    "body weight": Equipment.BODYWEIGHT,
}

# Plates go on a bar: plate maths counts the bar, and a logged load is per bar.
BAR_EQUIPMENT = frozenset({Equipment.BARBELL, Equipment.SMITH_MACHINE})

# Held one per hand: a bilateral set holds two, a one-sided set one.
FREE_WEIGHTS = frozenset({Equipment.DUMBBELL, Equipment.KETTLEBELL})

# Sets always move a load: a bare "12" there is a forgotten load, not bodyweight.
LOADED_EQUIPMENT = frozenset(Equipment) - {Equipment.BAND, Equipment.BODYWEIGHT, Equipment.OTHER}

# Equipment that loads a lift the same way: an equipment word in an imported name must agree
# with the catalog entry's kind before the stripped name may match it ("Hammer Curl (Cable)"
# is not the dumbbell Hammer Curl). Machines and cables are both weight stacks.
_LOADING: Mapping[Equipment, str] = {
    **{kind: kind.value for kind in Equipment if kind is not Equipment.OTHER},
    Equipment.MACHINE: "stack",
    Equipment.CABLE: "stack",
}

# Words an exercise name carries that say more than which equipment it is done with, and the
# equipment each loads a lift like. None: like no equipment, so the word agrees only with a
# catalog name that says it too.
# - "ez bar" ("e z bar", "ez curl bar"): the curved barbell; an EZ-bar curl is a barbell curl.
# - "trap bar": the hex bar; the Trap Bar Deadlift is a lift of its own, not the (barbell)
#   Deadlift, though plates go on both.
# - "weighted": bodyweight plus a load; "Pull Up (Weighted)" is a pull-up with a belt.
# - "assisted": bodyweight minus a counterweight; never the plain bodyweight lift.
# - "plate loaded": a machine that takes plates instead of a pin ("Row (Plate Loaded)").
VARIANT_WORDS: Mapping[str, Equipment | None] = {
    "ez bar": Equipment.BARBELL,
    "e z bar": Equipment.BARBELL,
    "ez curl bar": Equipment.BARBELL,
    "e z curl bar": Equipment.BARBELL,
    "trap bar": None,
    "weighted": Equipment.BODYWEIGHT,
    "assisted": None,
    "plate loaded": Equipment.MACHINE,
}
# One spelling per variant, as import reports it.
_VARIANT_HINTS: Mapping[str, str] = {
    "e z bar": "ez bar",
    "ez curl bar": "ez bar",
    "e z curl bar": "ez bar",
}


def _name_hints() -> dict[str, str]:
    hints = {kind.value: kind.value for kind in Equipment if kind is not Equipment.OTHER}
    hints.update({spelling: kind.value for spelling, kind in ALIASES.items()})
    hints.update({word: _VARIANT_HINTS.get(word, word) for word in VARIANT_WORDS})
    return hints


# Every equipment word an exercise name may carry, normalised, and the hint import reports and
# stores for it: the canonical equipment ("DB", "Dumbbells" -> "dumbbell") or, for a variant
# word, the variant ("EZ-Bar" -> "ez bar", "Assisted" -> "assisted"). Any of them may close a
# name in brackets: "Goblet Squat (Kettlebells)", "Pull Up (Assisted)".
NAME_HINTS: Mapping[str, str] = _name_hints()

# The words also taken off a name when they stand before the lift: "Flat Barbell Bench Press"
# is the Bench Press done with a barbell, "DB Curl" the Curl with dumbbells. The other name
# words stay there: "Band Pull-Apart", "Bodyweight Squat", "Weighted Dip" and "Assisted
# Pull-Up" are lifts of their own; "Smith" alone starts catalog names of machine lifts ("Smith
# Incline Shoulder Raise"); other plurals end names ("Front Squats With Two Kettlebells").
LEADING_WORDS = frozenset(
    {
        "barbell",
        "bb",
        "dumbbell",
        "dumbbells",
        "db",
        "kettlebell",
        "kb",
        "machine",
        "cable",
        "smith machine",
        "ez bar",
        "trap bar",
    }
)
# Spelled otherwise than in title case when put into a catalog name ("EZ Bar Curl").
_WRITTEN: Mapping[str, str] = {"ez bar": "EZ Bar"}


def equipment_key(name: str) -> Equipment:
    """The canonical equipment for any catalog spelling; unknown names are OTHER."""
    key = normalize(name)
    try:
        return Equipment(key)
    except ValueError:
        return ALIASES.get(key, Equipment.OTHER)


def parse_equipment(text: str) -> Equipment:
    """The equipment a lifter names for an exercise, in any spelling ("DB", "dumbbells",
    "smith"); a word the vocabulary lacks is an error rather than a silent "other"."""
    key = normalize(text)
    try:
        return Equipment(key)
    except ValueError:
        pass
    if key in ALIASES:
        return ALIASES[key]
    names = ", ".join(member.value for member in Equipment)
    raise InvalidValue(f'unknown equipment "{text.strip()}": use one of {names}')


def name_hint(word: str) -> str | None:
    """The equipment hint of an equipment word in an exercise name, in any spelling ("DB" ->
    "dumbbell", "EZ-Bar" -> "ez bar"); None for a word that names no equipment."""
    return NAME_HINTS.get(normalize(word))


def written_in_name(hint: str) -> str:
    """How a catalog writes an equipment hint inside a name: "EZ Bar", "Smith Machine"."""
    return _WRITTEN.get(hint, hint.title())


def _loads_like(word: str) -> Equipment | None:
    key = normalize(word)
    if key in VARIANT_WORDS:
        return VARIANT_WORDS[key]
    kind = equipment_key(key)
    return None if kind is Equipment.OTHER else kind


def loads_alike(name_word: str, equipment: str) -> bool:
    """Does an equipment word from an exercise name load the lift as ``equipment`` does?

    "Cable" agrees with a machine (both stacks), "Weighted" with bodyweight; "Other" with
    nothing, so a name that says its equipment never matches an entry of unknown equipment.
    """
    named = _loads_like(name_word)
    kind = _LOADING.get(named) if named is not None else None
    return kind is not None and kind == _LOADING.get(equipment_key(equipment))
