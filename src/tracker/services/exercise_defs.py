"""Exercise definitions in a tracker JSON export: custom exercises and edited built-ins.

Sets name their exercise; these definitions carry what a name cannot (laterality, parent and
ratio, sled, increment, rep range, aliases, the card), so a restore into an empty database
brings the lifter's own exercises back as they were.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.adapters.repository import AbstractRepository
from tracker.domain.errors import ImportFailed
from tracker.domain.load_convention import MAX_IMPLEMENTS, MAX_RATIO, LoadPer, is_ratio
from tracker.domain.model import Difficulty, Laterality
from tracker.domain.names import MAX_FIELD, MAX_NAME, normalize
from tracker.domain.routines import is_rep_range
from tracker.domain.specs import MAX_REPS
from tracker.domain.units import MAX_NUMBER, Unit
from tracker.importers.tracker_format import ExerciseDefinition
from tracker.services.catalog import (
    WrittenExercise,
    link_parents_and_aliases,
    place_exercise,
)


def exercise_definitions(repo: AbstractRepository) -> list[ExerciseDefinition]:
    """Every exercise the lifter made or changed, in name order, exact."""
    everything = repo.exercises()
    names = {ex.id: ex.name for ex in everything}
    return [
        ExerciseDefinition(
            name=ex.name,
            source=ex.source,
            edited=ex.edited,
            aliases=tuple(sorted(a.alias for a in ex.aliases)),
            body_part=ex.body_part,
            equipment=ex.equipment,
            target=ex.target,
            secondary=tuple(ex.secondary),
            difficulty=ex.difficulty,
            category=ex.category,
            laterality=ex.laterality,
            parent=names.get(ex.parent_id) if ex.parent_id else None,
            ratio=None
            if ex.ratio_low is None or ex.ratio_high is None
            else (ex.ratio_low, ex.ratio_high),
            ratio_note=ex.ratio_note,
            increment=ex.increment,
            increment_unit=ex.increment_unit,
            sled=ex.sled,
            sled_unit=ex.sled_unit,
            load_per=ex.load_per,
            implements=ex.implements,
            rep_range=(ex.rep_low, ex.rep_high),
            summary=ex.summary,
            steps=tuple(ex.steps),
            tips=tuple(ex.tips),
            mistakes=tuple(ex.mistakes),
            faq=tuple(ex.faq),
        )
        for ex in everything
        if ex.source != "builtin" or ex.edited
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


TEXT_FIELDS = dict.fromkeys(("body_part", "equipment", "target", "category"), MAX_FIELD)
CHOICES: dict[str, tuple[str | None, set[str | None]]] = {  # key: (default, allowed)
    "difficulty": ("intermediate", {d.value for d in Difficulty}),
    "laterality": ("bilateral", {lat.value for lat in Laterality}),
    "increment_unit": (None, {*Unit, None}),
    "sled_unit": (None, {*Unit, None}),
    "load_per": (None, {*LoadPer, None}),
}
LISTS = ("aliases", "secondary", "steps", "tips", "mistakes")


def check_definition(definition: Any, place: str) -> dict[str, Any]:
    """A definition from a file, checked field by field before anything is stored."""
    if not isinstance(definition, dict):
        raise ImportFailed(f"{place}: not an object")

    def fail(key: str, problem: str) -> ImportFailed:
        return ImportFailed(f'{place}, "{key}": {problem}')

    name = definition.get("name")
    if not isinstance(name, str) or not normalize(name) or len(name) > MAX_NAME:
        raise fail("name", f"a name of 1 to {MAX_NAME} characters is needed")
    for key, limit in TEXT_FIELDS.items():
        value = definition.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise fail(key, f"must be text of at most {limit} characters")
    for key, (default, allowed) in CHOICES.items():
        if definition.get(key, default) not in allowed:
            names = ", ".join(sorted(a for a in allowed if a is not None))
            raise fail(key, f"must be one of {names}")
    for key in LISTS:
        value = definition.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a list of text")
    faq = definition.get("faq", [])
    if not isinstance(faq, list) or not all(
        isinstance(item, dict) and isinstance(item.get("q"), str) and isinstance(item.get("a"), str)
        for item in faq
    ):
        raise fail("faq", 'must be a list of {"q": ..., "a": ...}')
    for key in ("summary", "ratio_note", "parent"):
        if definition.get(key) is not None and not isinstance(definition[key], str):
            raise fail(key, "must be text")
    ratio = definition.get("ratio")
    if ratio is not None:
        if not isinstance(ratio, list) or len(ratio) != 2:
            raise fail("ratio", "must be [low, high]")
        try:
            low, high = (Decimal(str(r)) for r in ratio)
        except InvalidOperation:
            raise fail("ratio", "must be two numbers") from None
        if not is_ratio(low, high):
            raise fail("ratio", f"must be two numbers with 0 < low <= high <= {MAX_RATIO}")
    implements = definition.get("implements")
    whole = isinstance(implements, int) and not isinstance(implements, bool)
    if implements is not None and not (whole and 0 <= implements <= MAX_IMPLEMENTS):
        raise fail("implements", f"must be a whole number from 0 to {MAX_IMPLEMENTS}")
    rep_range = definition.get("rep_range", [8, 12])
    if not is_rep_range(rep_range):
        raise fail(
            "rep_range", f"must be [low, high] whole numbers with 1 <= low <= high <= {MAX_REPS}"
        )
    return definition


def restore_definitions(repo: AbstractRepository, definitions: list[Any]) -> int:
    """Add the exported exercises the database lacks, and the edits of built-ins it has
    unedited; exercises the lifter here made or changed are left as they are.

    Returns how many were written. Every definition is checked before anything is stored.
    """
    checked = [check_definition(d, f"exercise {i}") for i, d in enumerate(definitions, 1)]
    existing = repo.exercises()
    by_key = {ex.key: ex for ex in existing}
    taken = {a.key: ex.id for ex in existing for a in ex.aliases}
    restored: list[WrittenExercise] = []
    for index, definition in enumerate(checked, 1):
        place = f"exercise {index}"
        name = " ".join(definition["name"].split())
        key = normalize(name)
        exercise = by_key.get(key)
        if exercise is not None and (exercise.source != "builtin" or exercise.edited):
            continue  # theirs here wins
        if exercise is not None and repo.count_sets_by_side(
            exercise,
            sided=Laterality(definition.get("laterality", "bilateral")) is Laterality.BILATERAL,
        ):
            raise ImportFailed(
                f"{place}: {exercise.name} here has sets that its exported laterality "
                f"({definition.get('laterality')}) contradicts"
            )
        if key not in by_key and repo.key_taken_by_another_lifter(key):
            continue  # another lifter's exercise holds the name; the sets get their own
        source = str(definition.get("source") or "custom")[:100]
        exercise = place_exercise(repo, by_key, name, source, definition)
        exercise.edited = bool(definition.get("edited"))
        exercise.increment = _decimal(definition, "increment", place)
        exercise.increment_unit = definition.get("increment_unit")
        exercise.sled = _decimal(definition, "sled", place)
        exercise.sled_unit = definition.get("sled_unit")
        restored.append(
            WrittenExercise(exercise, definition.get("parent"), definition.get("aliases") or [])
        )
    link_parents_and_aliases(repo, restored, by_key, taken)
    return len(restored)
