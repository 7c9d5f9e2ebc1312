"""Exercise rows to and from the one exercise definition (domain/exercise_def.py).

The only place that copies an exercise's fields between the ORM and the domain: services
read a row as an ``ExerciseDef``, write one onto a row, and make rows and aliases here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracker.adapters.orm import Exercise, ExerciseAlias
from tracker.domain.exercise_def import ExerciseDef, FaqEntry
from tracker.domain.names import normalize


def new_exercise_row(name: str, source: str, owner_id: int | None) -> Exercise:
    """A row for a new exercise (added to the session by the caller's repository)."""
    return Exercise(name=name, key=normalize(name), source=source, aliases=[], owner_id=owner_id)


# The fields an exercise row and an ExerciseDef share by name: the card's (lists on the row,
# tuples on the definition), and what only the lifter sets (the increment, the sled, the edited
# mark). The rest (name, aliases, parent, source, ratio, rep range, FAQ) differ in shape.
CARD = ("body_part", "equipment", "target", "difficulty", "category", "laterality",
        "lower_is_better", "ratio_note", "load_per", "implements", "summary")
CARD_LISTS = ("secondary", "steps", "tips", "mistakes")
OWN = ("increment", "increment_unit", "sled", "sled_unit", "edited")


def read_definition(row: Exercise, parent: str | None = None) -> ExerciseDef:
    """Every field of a row; ``parent`` is the parent's name (the caller knows the names)."""
    shared: dict[str, Any] = {key: getattr(row, key) for key in (*CARD, *OWN)}
    shared.update((key, tuple(getattr(row, key))) for key in CARD_LISTS)
    return ExerciseDef(
        name=row.name,
        aliases=tuple(a.alias for a in row.aliases),
        parent=parent,
        source=row.source,
        ratio=None
        if row.ratio_low is None or row.ratio_high is None
        else (row.ratio_low, row.ratio_high),
        rep_range=(row.rep_low, row.rep_high),
        faq=tuple(FaqEntry(str(item["q"]), str(item["a"])) for item in row.faq),
        **shared,
    )


def write_definition(row: Exercise, definition: ExerciseDef, own: bool = False) -> None:
    """Copy a definition's card onto a row. Name, source, parent and aliases are the caller's
    (they need the other rows); ``own`` also copies what only the lifter sets: the increment,
    the sled and the edited mark (a catalog refresh leaves a row's own values alone)."""
    for key in (*CARD, *OWN) if own else CARD:
        setattr(row, key, getattr(definition, key))
    for key in CARD_LISTS:
        setattr(row, key, list(getattr(definition, key)))
    row.ratio_low, row.ratio_high = definition.ratio or (None, None)
    row.rep_low, row.rep_high = definition.rep_range
    row.faq = [{"q": item.q, "a": item.a} for item in definition.faq]


def set_aliases(exercise: Exercise, aliases: Iterable[str], taken: dict[str, int]) -> None:
    """Replace an exercise's aliases, skipping any alias another exercise already owns."""
    keep: list[ExerciseAlias] = []
    seen: set[str] = set()
    existing = {a.key: a for a in exercise.aliases}
    for alias in aliases:
        key = normalize(alias)
        if not key or key in seen or key == exercise.key:
            continue
        owner = taken.get(key)
        if owner is not None and owner != exercise.id:
            continue
        seen.add(key)
        keep.append(existing.get(key) or ExerciseAlias(alias=alias.strip(), key=key))
        taken[key] = exercise.id
    exercise.aliases = keep
