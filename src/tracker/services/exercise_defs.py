"""Exercise definitions in a tracker JSON export: custom exercises and edited built-ins.

Sets name their exercise; these definitions carry what a name cannot (laterality, parent and
ratio, sled, increment, rep range, aliases, the card), so a restore into an empty database
brings the lifter's own exercises back as they were.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.adapters.exercise_rows import read_definition
from tracker.adapters.repository import CatalogRows
from tracker.domain.errors import ImportFailed
from tracker.domain.exercise_def import BadField, ExerciseDef, definition_from_json
from tracker.domain.model import Laterality
from tracker.domain.names import normalize
from tracker.domain.units import MAX_NUMBER
from tracker.services.catalog import (
    Written,
    link_parents_and_aliases,
    place_exercise,
    user_owned,
)


def exercise_definitions(catalog: CatalogRows) -> list[ExerciseDef]:
    """Every exercise the lifter made or changed, in name order, exact."""
    everything = catalog.exercises()
    names = {ex.id: ex.name for ex in everything}
    own = [ex for ex in everything if user_owned(ex)]
    return [
        replace(d, aliases=tuple(sorted(d.aliases)))  # aliases in the export's order
        for d in (read_definition(ex, names.get(ex.parent_id or -1)) for ex in own)
    ]


def _decimal(definition: dict[str, Any], key: str, place: str) -> Decimal | None:
    value = definition.get(key)
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ImportFailed(f'{place}: "{key}" is not a number: "{value}"') from None
    if not number.is_finite() or not 0 <= number < MAX_NUMBER:
        raise ImportFailed(f'{place}: "{key}" is out of range: "{value}"')
    return number


def check_definition(definition: Any, place: str) -> ExerciseDef:
    """A definition from a file, checked field by field before anything is stored."""
    if not isinstance(definition, dict):
        raise ImportFailed(f"{place}: not an object")
    try:
        return definition_from_json(definition)
    except BadField as error:
        raise ImportFailed(f"{place}, {error}") from None


def restore_definitions(catalog: CatalogRows, definitions: list[Any]) -> int:
    """Add the exported exercises the database lacks, and the edits of built-ins it has
    unedited; exercises the lifter here made or changed are left as they are.

    Returns how many were written. Every definition is checked before anything is stored.
    """
    checked = [check_definition(d, f"exercise {i}") for i, d in enumerate(definitions, 1)]
    existing = catalog.exercises()
    by_key = {ex.key: ex for ex in existing}
    taken = {a.key: ex.id for ex in existing for a in ex.aliases}
    restored: list[Written] = []
    for index, (raw, definition) in enumerate(zip(definitions, checked, strict=True), 1):
        place = f"exercise {index}"
        key = normalize(definition.name)
        exercise = by_key.get(key)
        if exercise is not None and user_owned(exercise):
            continue  # theirs here wins
        if exercise is not None and catalog.count_sets_by_side(
            exercise, sided=definition.laterality is Laterality.BILATERAL
        ):
            raise ImportFailed(
                f"{place}: {exercise.name} here has sets that its exported laterality "
                f"({raw.get('laterality')}) contradicts"
            )
        if key not in by_key and catalog.key_taken_by_another_lifter(key):
            continue  # another lifter's exercise holds the name; the sets get their own
        definition = replace(
            definition,
            increment=_decimal(raw, "increment", place),
            sled=_decimal(raw, "sled", place),
        )
        restored.append((place_exercise(catalog, by_key, definition, own=True), definition))
    link_parents_and_aliases(catalog, restored, by_key, taken)
    return len(restored)
