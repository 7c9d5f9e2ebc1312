"""Exercise rows to and from the one exercise definition (domain/exercise_def.py).

The only place that copies an exercise's fields between the ORM and the domain: services
read a row as an ``ExerciseDef``, write one onto a row, and make rows and aliases here.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.adapters.orm import Exercise, ExerciseAlias
from tracker.domain.exercise_def import ExerciseDef, FaqEntry
from tracker.domain.names import normalize


def new_exercise_row(name: str, source: str, owner_id: int | None) -> Exercise:
    """A row for a new exercise (added to the session by the caller's repository)."""
    return Exercise(name=name, key=normalize(name), source=source, aliases=[], owner_id=owner_id)


def read_definition(row: Exercise, parent: str | None = None) -> ExerciseDef:
    """Every field of a row; ``parent`` is the parent's name (the caller knows the names)."""
    return ExerciseDef(
        name=row.name,
        aliases=tuple(a.alias for a in row.aliases),
        body_part=row.body_part,
        equipment=row.equipment,
        target=row.target,
        secondary=tuple(row.secondary),
        difficulty=row.difficulty,
        category=row.category,
        laterality=row.laterality,
        lower_is_better=row.lower_is_better,
        parent=parent,
        source=row.source,
        ratio=None
        if row.ratio_low is None or row.ratio_high is None
        else (row.ratio_low, row.ratio_high),
        ratio_note=row.ratio_note,
        increment=row.increment,
        increment_unit=row.increment_unit,
        sled=row.sled,
        sled_unit=row.sled_unit,
        load_per=row.load_per,
        implements=row.implements,
        rep_range=(row.rep_low, row.rep_high),
        summary=row.summary,
        steps=tuple(row.steps),
        tips=tuple(row.tips),
        mistakes=tuple(row.mistakes),
        faq=tuple(FaqEntry(str(item["q"]), str(item["a"])) for item in row.faq),
        edited=row.edited,
    )


def write_definition(row: Exercise, definition: ExerciseDef, own: bool = False) -> None:
    """Copy a definition's card onto a row. Name, source, parent and aliases are the caller's
    (they need the other rows); ``own`` also copies what only the lifter sets: the increment,
    the sled and the edited mark (a catalog refresh leaves a row's own values alone)."""
    d = definition
    row.body_part, row.equipment, row.target = d.body_part, d.equipment, d.target
    row.secondary = list(d.secondary)
    row.difficulty, row.category, row.laterality = d.difficulty, d.category, d.laterality
    row.lower_is_better = d.lower_is_better
    row.ratio_low, row.ratio_high = d.ratio if d.ratio is not None else (None, None)
    row.ratio_note = d.ratio_note
    row.load_per, row.implements = d.load_per, d.implements
    row.rep_low, row.rep_high = d.rep_range
    row.summary = d.summary
    row.steps, row.tips, row.mistakes = list(d.steps), list(d.tips), list(d.mistakes)
    row.faq = [{"q": item.q, "a": item.a} for item in d.faq]
    if own:
        row.increment, row.increment_unit = d.increment, d.increment_unit
        row.sled, row.sled_unit = d.sled, d.sled_unit
        row.edited = d.edited


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
