"""Exercise definitions in a tracker JSON export: custom exercises and edited built-ins.

Sets name their exercise; these definitions carry what a name cannot (laterality, parent and
ratio, sled, increment, rep range, aliases, the card), so a restore into an empty database
brings the lifter's own exercises back as they were.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.adapters.orm import Exercise
from tracker.adapters.repository import Repository
from tracker.domain.errors import ImportFailed
from tracker.domain.names import normalize
from tracker.services.catalog import apply_fields, set_aliases


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def exercise_definitions(repo: Repository) -> list[dict[str, Any]]:
    """Every exercise the lifter made or changed, in name order, JSON-ready and exact."""
    chosen = [ex for ex in repo.exercises() if ex.source != "builtin" or ex.edited]
    names = {ex.id: ex.name for ex in repo.exercises()} if chosen else {}
    return [
        {
            "name": ex.name,
            "source": ex.source,
            "edited": ex.edited,
            "aliases": sorted(a.alias for a in ex.aliases),
            "body_part": ex.body_part,
            "equipment": ex.equipment,
            "target": ex.target,
            "secondary": list(ex.secondary),
            "difficulty": ex.difficulty,
            "category": ex.category,
            "laterality": ex.laterality,
            "parent": names.get(ex.parent_id) if ex.parent_id else None,
            "ratio": None
            if ex.ratio_low is None or ex.ratio_high is None
            else [_text(ex.ratio_low), _text(ex.ratio_high)],
            "ratio_note": ex.ratio_note,
            "increment": _text(ex.increment),
            "increment_unit": ex.increment_unit,
            "sled": _text(ex.sled),
            "sled_unit": ex.sled_unit,
            "rep_range": [ex.rep_low, ex.rep_high],
            "summary": ex.summary,
            "steps": list(ex.steps),
            "tips": list(ex.tips),
            "mistakes": list(ex.mistakes),
            "faq": list(ex.faq),
        }
        for ex in chosen
    ]


def _decimal(definition: dict[str, Any], key: str, place: str) -> Decimal | None:
    value = definition.get(key)
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ImportFailed(f'{place}: "{key}" is not a number: "{value}"') from None
    if not number.is_finite() or not 0 <= number < 10_000:
        raise ImportFailed(f'{place}: "{key}" is out of range: "{value}"')
    return number


def restore_definitions(repo: Repository, definitions: list[Any]) -> int:
    """Create or update the exported exercises; returns how many were written."""
    by_key = {ex.key: ex for ex in repo.exercises()}
    restored: list[tuple[Exercise, dict[str, Any]]] = []
    for index, definition in enumerate(definitions, 1):
        place = f"exercise {index}"
        if not isinstance(definition, dict) or not str(definition.get("name", "")).strip():
            raise ImportFailed(f"{place}: needs an object with a name")
        name = " ".join(str(definition["name"]).split())
        key = normalize(name)
        exercise = by_key.get(key)
        if exercise is None:
            source = str(definition.get("source") or "custom")[:100]
            exercise = Exercise(name=name, key=key, source=source, aliases=[])
            repo.add(exercise)
            by_key[key] = exercise
        apply_fields(exercise, definition)
        exercise.edited = bool(definition.get("edited"))
        exercise.increment = _decimal(definition, "increment", place)
        exercise.increment_unit = definition.get("increment_unit")
        exercise.sled = _decimal(definition, "sled", place)
        exercise.sled_unit = definition.get("sled_unit")
        restored.append((exercise, definition))
    repo.flush()
    taken = {a.key: ex.id for ex in repo.exercises() for a in ex.aliases}
    for exercise, definition in restored:
        parent = by_key.get(normalize(definition["parent"])) if definition.get("parent") else None
        exercise.parent_id = parent.id if parent is not None else None
        set_aliases(exercise, definition.get("aliases") or [], taken)
    return len(restored)
