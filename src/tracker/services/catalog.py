"""The exercise catalog: built-in entries, look-ups by what lifters type, custom exercises."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tracker.adapters.exercise_rows import (
    new_exercise_row,
    read_definition,
    set_aliases,
    write_definition,
)
from tracker.adapters.orm import Exercise, Lifter
from tracker.adapters.repository import CatalogRows, LogRows
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.catalog.builtin import builtin_entry
from tracker.domain.equipment import Equipment, equipment_key, parse_equipment
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.exercise_def import (
    ExerciseDef,
    check_alias,
    check_choice,
    check_increment,
    check_rep_range,
    check_sled,
    clean_field,
    clean_name,
    definition_from_json,
)
from tracker.domain.gym_plan import measure_of
from tracker.domain.load_convention import LoadConvention, LoadPer, convention_for
from tracker.domain.model import Difficulty, Laterality
from tracker.domain.names import NameEntry, check_typed_name, normalize, resolve
from tracker.domain.set_rules import is_cardio
from tracker.domain.text_safety import refuse_controls
from tracker.services.lifters import current_lifter
from tracker.services.stored_sets import stored_set

REMOVED_KEY = "catalog.removed_builtins"  # keys of built-ins the lifter removed
KEPT_KEY = "catalog.kept_custom"  # keys of custom exercises a built-in's name was kept for
Written = tuple[Exercise, ExerciseDef]  # a row just written, with the parent and aliases to link


def user_owned(exercise: Exercise) -> bool:
    """A custom exercise, or a built-in the lifter edited: a catalog refresh leaves it alone."""
    return exercise.source != "builtin" or exercise.edited


def sync_builtin(uow: AbstractUnitOfWork, entries: Sequence[dict[str, Any]]) -> list[str]:
    """Write the built-in entries the lifter has not made or changed; returns the names of
    custom exercises that keep a name a built-in entry now has, each once ever (its key is
    remembered), for the caller to say."""
    exercises = uow.catalog.exercises()
    by_key = {ex.key: ex for ex in exercises}
    alias_owners = {a.key: ex for ex in exercises for a in ex.aliases}
    taken_alias_keys = {key: ex.id for key, ex in alias_owners.items()}
    updated: list[Written] = []
    removed = set(json.loads(uow.lifters.setting(REMOVED_KEY) or "[]"))
    announced = set(json.loads(uow.lifters.setting(KEPT_KEY) or "[]"))
    kept: list[str] = []
    for entry in entries:
        # A null field of builtin.json (a cardio entry's rep range) takes the default.
        given = {key: value for key, value in entry.items() if value is not None}
        definition = definition_from_json(given | {"source": "builtin"})
        key = normalize(definition.name)
        exercise = by_key.get(key)
        if exercise is None and key in removed:
            continue  # the lifter removed this built-in: it stays removed
        if exercise is None:
            owner = alias_owners.get(key)
            if owner is not None and user_owned(owner):
                # The lifter renamed this built-in (its old name stays an alias) or gave the
                # name to an exercise of their own: don't bring a second copy back.
                continue
        elif user_owned(exercise):
            if exercise.source != "builtin" and key not in announced:
                kept.append(exercise.name)
                announced.add(key)
            continue
        updated.append((place_exercise(uow.catalog, by_key, definition), definition))
    written = [
        (exercise, replace(d, aliases=tuple(a for a in d.aliases if normalize(a) not in by_key)))
        for exercise, d in updated
    ]
    link_parents_and_aliases(uow.catalog, written, alias_owners | by_key, taken_alias_keys)
    if kept:
        uow.lifters.set_setting(KEPT_KEY, json.dumps(sorted(announced)))
    return kept


def place_exercise(
    catalog: CatalogRows,
    by_key: dict[str, Exercise],
    definition: ExerciseDef,
    own: bool = False,
) -> Exercise:
    """The exercise ``by_key`` holds under the definition's name, or a new one of its source,
    with the definition written on (``own``: see write_definition). Parents and aliases need
    ids: link_parents_and_aliases sets them once every exercise of the batch is placed."""
    key = normalize(definition.name)
    exercise = by_key.get(key)
    if exercise is None:
        # A built-in belongs to everyone; anything else to the lifter who made it (another
        # lifter never sees it).
        owner = None if definition.source == "builtin" else catalog.viewer_id()
        exercise = new_exercise_row(definition.name, definition.source, owner)
        catalog.add(exercise)
        by_key[key] = exercise
    write_definition(exercise, definition, own)
    return exercise


def link_parents_and_aliases(
    catalog: CatalogRows,
    written: Sequence[Written],
    by_name: Mapping[str, Exercise],
    taken: dict[str, int],
) -> int:
    """Give each written exercise the parent its definition names (found by name or alias in
    ``by_name``) and its aliases (skipping those ``taken`` by another exercise).

    A parent must be bilateral (a one-sided variant hangs off the two-sided lift): an entry
    naming another kind, or a name nothing has, gets no parent. Returns how many got one.
    """
    catalog.flush()  # ids for the new exercises
    linked = 0
    for exercise, definition in written:
        name = definition.parent
        parent = by_name.get(normalize(name)) if name else None
        if parent is not None and parent.laterality != Laterality.BILATERAL:
            parent = None
        exercise.parent_id = parent.id if parent is not None else None
        linked += parent is not None
        set_aliases(exercise, definition.aliases, taken)
    return linked


# -- look-ups -----------------------------------------------------------------------------


def resolve_exercise(catalog: CatalogRows, query: str) -> Exercise:
    """Find an exercise by what the lifter typed: name, alias, punctuation-free or a prefix.
    A stored name as it is (a routine's item, an imported name) is found first."""
    exact = catalog.exercise(query) or _stored_alias_owner(catalog, query)
    if exact is not None:
        return exact
    check_typed_name(query)
    key = normalize(query)
    exercise = catalog.exercise_by_key(key) or catalog.alias_owner(key)
    if exercise is None:
        entries = [NameEntry(name, tuple(aliases)) for name, aliases in catalog.exercise_names()]
        exercise = catalog.exercise(resolve(query, entries))
    if exercise is None:  # pragma: no cover - resolve only returns stored names
        raise NotFound(f'no exercise named "{query}"')
    return exercise


def _stored_alias_owner(catalog: CatalogRows, query: str) -> Exercise | None:
    """The exercise whose stored alias is ``query`` character for character: an imported name
    with control characters, kept as an alias by a rename, still finds its exercise (a typed
    name with them does not: check_typed_name)."""
    if query.isprintable():
        return None  # the usual look-up below finds it
    owner = next((name for name, aliases in catalog.exercise_names() if query in aliases), None)
    return None if owner is None else catalog.exercise(owner)


def exercise_convention(exercise: Exercise | ExerciseDef) -> LoadConvention:
    """What the exercise's logged load is per, stored or implied by its equipment."""
    return convention_for(
        exercise.equipment, exercise.laterality, exercise.load_per, exercise.implements
    )


def logged_measure(log: LogRows, lifter: Lifter, exercise: Exercise) -> str | None:
    """How the lifter last did the exercise: "time" or "distance" when all the working sets of
    its latest session were (gym_plan.measure_of), else "reps"; None when never logged."""
    done = log.latest_working_sets(lifter, exercise)
    if not done:
        return None
    measure = measure_of([stored_set(row) for row in done])
    return {"timed": "time", "distance": "distance"}.get(measure or "", "reps")


def exercise_measure(log: LogRows, lifter: Lifter, exercise: Exercise) -> str:
    """How the exercise is done: as the lifter last did it (logged_measure), else as its
    built-in card implies (implied_measure). The one rule for the card, `suggest` and gym
    mode."""
    return logged_measure(log, lifter, exercise) or implied_measure(exercise)


def implied_measure(exercise: Exercise) -> str:
    """How an exercise never logged is done: as its built-in card implies (one without a rep
    range is a hold, or a carry when loaded), else "reps"."""
    if exercise.source != "builtin":
        return "reps"
    entry = builtin_entry(exercise.name)
    if entry is None or entry.get("rep_range") is not None:
        return "reps"
    if exercise.category == "plyometrics":  # a hop test: for distance, or timed (less is better)
        return "time" if exercise.lower_is_better else "distance"
    hold = equipment_key(exercise.equipment) is Equipment.BODYWEIGHT
    return "time" if hold or is_cardio(exercise.body_part, exercise.category) else "distance"


@dataclass(frozen=True)
class ListFilters:
    body_part: str | None = None
    equipment: str | None = None
    muscle: str | None = None
    difficulty: str | None = None
    category: str | None = None
    unilateral: bool = False
    search: str | None = None


def _matches(exercise: Exercise, f: ListFilters) -> bool:
    def same(value: str, wanted: str | None) -> bool:
        return wanted is None or normalize(value) == normalize(wanted)

    if not (same(exercise.body_part, f.body_part) and same(exercise.equipment, f.equipment)):
        return False
    if not (same(exercise.difficulty, f.difficulty) and same(exercise.category, f.category)):
        return False
    if f.unilateral and exercise.laterality == Laterality.BILATERAL:
        return False
    if f.muscle is not None:
        muscles = {normalize(exercise.target), *(normalize(m) for m in exercise.secondary)}
        if normalize(f.muscle) not in muscles:
            return False
    if f.search:
        # Each searched word must start a word of the name, an alias or the target muscle.
        words = " ".join(
            [exercise.key, *(a.key for a in exercise.aliases), normalize(exercise.target)]
        ).split()
        return all(any(w.startswith(q) for w in words) for q in normalize(f.search).split())
    return True


@dataclass(frozen=True)
class RelatedExercises:
    """Partners (the bilateral parent, the one-sided variants), then five of each kind."""

    partners: tuple[str, ...]
    same_body_part: tuple[str, ...]
    same_equipment: tuple[str, ...]
    same_target: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ExerciseCard(ExerciseDef):
    """Every field of an exercise, plus its related exercises (`exercises show`). Its load_per
    and implements are what a logged load is per, stored or implied by the equipment;
    measured_by is "reps", "time" or "distance" (exercise_measure: a hold, a carry or a hop
    test has no rep range, whatever its stored default)."""

    load_per: LoadPer
    implements: int
    variants: tuple[str, ...]
    related: RelatedExercises
    measured_by: str


def list_exercises(uow: AbstractUnitOfWork, filters: ListFilters) -> list[ExerciseDef]:
    with uow:
        everything = uow.catalog.exercises()  # one query: the parents' names come from it too
        names = {ex.id: ex.name for ex in everything}
        return [
            read_definition(ex, names.get(ex.parent_id or -1))
            for ex in everything
            if _matches(ex, filters)
        ]


def exercise_card(catalog: CatalogRows, exercise: Exercise, measured_by: str) -> ExerciseCard:
    definition = read_definition(exercise, exercise.parent.name if exercise.parent else None)
    convention = exercise_convention(exercise)
    return ExerciseCard(
        **vars(definition)
        | {"load_per": convention.per, "implements": convention.implements},
        variants=tuple(child.name for child in catalog.children(exercise)),
        related=related_exercises(catalog, exercise),
        measured_by=measured_by,
    )


def related_exercises(catalog: CatalogRows, exercise: Exercise) -> RelatedExercises:
    """Same body part, same equipment, same target muscle (five each), partners first."""
    others = [ex for ex in catalog.exercises() if ex.id != exercise.id]

    def pick(condition: Callable[[Exercise], object]) -> tuple[str, ...]:
        return tuple([ex.name for ex in others if condition(ex)][:5])

    partners = [exercise.parent.name] if exercise.parent else []
    partners += [child.name for child in catalog.children(exercise)]
    return RelatedExercises(
        partners=tuple(partners),
        same_body_part=pick(lambda ex: ex.body_part == exercise.body_part),
        same_equipment=pick(lambda ex: ex.equipment == exercise.equipment),
        same_target=pick(lambda ex: exercise.target and ex.target == exercise.target),
    )


def show_exercise(uow: AbstractUnitOfWork, query: str) -> ExerciseCard:
    """The card of the exercise ``query`` finds, measured as the viewing lifter does it."""
    with uow:
        lifter = current_lifter(uow.lifters, uow.catalog.viewer_name)
        exercise = resolve_exercise(uow.catalog, query)
        return exercise_card(uow.catalog, exercise, exercise_measure(uow.log, lifter, exercise))


# -- custom exercises and edits --------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseChanges:
    """Options of `exercises add/edit`. ``fields`` holds the definition's fields given, by
    their ExerciseDef names, as typed (checked here); None means "leave as it is"."""

    fields: Mapping[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] | None = None
    parent: str | None = None
    rename: str | None = None


def _apply_changes(
    catalog: CatalogRows, exercise: Exercise, changes: ExerciseChanges, unit: str
) -> None:
    """Check the typed fields, in the order of the options, and write them onto the row."""
    typed = changes.fields
    before = exercise.laterality
    check_choice(typed.get("difficulty"), [d.value for d in Difficulty], "difficulty")
    check_choice(typed.get("laterality"), [lat.value for lat in Laterality], "laterality")
    given = dict(typed)
    if "equipment" in typed:
        given["equipment"] = parse_equipment(typed["equipment"]).value
    for key in CLEANED:
        if key in typed:
            given[key] = clean_field(typed[key], key)
    if changes.parent is not None:
        exercise.parent = _parent(catalog, exercise, changes.parent)
        if given.get("laterality", exercise.laterality) == Laterality.BILATERAL:
            given["laterality"] = Laterality.UNILATERAL
    if "increment" in typed:
        given |= {"increment": check_increment(typed["increment"]), "increment_unit": unit}
    if "sled" in typed:
        given |= {"sled": check_sled(typed["sled"]), "sled_unit": unit}
    changed = replace(read_definition(exercise), **given)
    if "load_per" in typed or "implements" in typed:
        exercise_convention(changed)  # refuses a per-implement load with no implement
    if "rep_range" in typed:
        check_rep_range(changed.rep_range)
    if ("ratio" in typed or changes.parent is not None) and "ratio_note" not in typed:
        changed = replace(changed, ratio_note=None)  # it cited the ratio and parent replaced
    if changed.laterality == Laterality.BILATERAL and before != Laterality.BILATERAL:
        # A two-sided lift is no one-sided variant: its parent and ratio would give it a
        # one-side start (40-50% of the parent) in suggest.
        changed = replace(changed, ratio=None, ratio_note=None)
        exercise.parent = None
    write_definition(exercise, changed, own=True)
    if exercise.id is not None and exercise.laterality != before:
        _check_laterality_change(catalog, exercise, before)


CLEANED = ("body_part", "target", "difficulty", "category", "laterality")  # clean_field


def _parent(catalog: CatalogRows, exercise: Exercise, query: str) -> Exercise:
    parent = resolve_exercise(catalog, query)
    if parent.id == exercise.id:
        raise InvalidValue("an exercise can't be its own parent")
    if parent.laterality != Laterality.BILATERAL:
        raise InvalidValue(f'the parent must be a bilateral exercise; "{parent.name}" is not')
    return parent


def _check_laterality_change(catalog: CatalogRows, exercise: Exercise, before: str) -> None:
    """Logged sets and variants must still make sense with the new laterality."""
    one_sided = exercise.laterality != Laterality.BILATERAL
    if one_sided == (before != Laterality.BILATERAL):
        return  # unilateral <-> alternating: sides stay sides
    clashing = catalog.count_sets_by_side(exercise, sided=not one_sided)
    if clashing:
        kind = "with a side" if not one_sided else "without a side"
        raise Conflict(
            f"{exercise.name} has {clashing} logged set{'s' if clashing != 1 else ''} {kind}; "
            f"it can't become {exercise.laterality} (add a new exercise instead)"
        )
    if one_sided and catalog.children(exercise):
        raise Conflict(
            f"{exercise.name} is the bilateral parent of "
            f"{', '.join(c.name for c in catalog.children(exercise))}; it must stay bilateral"
        )


def _check_new_name(catalog: CatalogRows, name: str, renaming: Exercise | None = None) -> str:
    """The cleaned name, refused when empty, too long, or another exercise's name or alias."""
    clean = clean_name(name)
    key = normalize(clean)
    existing = catalog.exercise_by_key(key) or catalog.alias_owner(key)
    if existing is not None and existing is not renaming:
        raise Conflict(f'"{clean}" is already taken by the exercise "{existing.name}"')
    if catalog.key_taken_by_another_lifter(key):
        raise Conflict(f'"{clean}" is the name of another lifter\'s exercise: choose another')
    return clean


def refuse_typed_aliases(changes: ExerciseChanges) -> None:
    """Typed aliases hold no control character; stored ones (imported) are kept as they are."""
    for alias in changes.aliases or ():
        refuse_controls(alias, "an alias")


def add_exercise(uow: AbstractUnitOfWork, name: str, changes: ExerciseChanges, unit: str) -> str:
    refuse_typed_aliases(changes)
    with uow:
        owner = current_lifter(uow.lifters, uow.catalog.viewer_name)
        clean = _check_new_name(uow.catalog, name)
        exercise = new_exercise_row(clean, "custom", owner.id)
        uow.catalog.add(exercise)
        write_definition(exercise, ExerciseDef(name=clean), own=True)  # the defaults
        _apply_changes(uow.catalog, exercise, changes, unit)
        uow.catalog.flush()
        if changes.aliases:
            _set_user_aliases(uow.catalog, exercise, changes.aliases)
        uow.commit()
        return exercise.name


def _set_user_aliases(catalog: CatalogRows, exercise: Exercise, aliases: Iterable[str]) -> None:
    aliases = list(aliases)
    everything = catalog.exercises()
    owners = {a.key: ex for ex in everything for a in ex.aliases}
    owners |= {ex.key: ex for ex in everything}  # a name wins over an alias
    for alias in aliases:
        check_alias(alias)
        owner = owners.get(normalize(alias))
        if owner is not None and owner.id != exercise.id:
            raise Conflict(
                f'the alias "{alias.strip()}" is already used by the exercise "{owner.name}"'
            )
    set_aliases(exercise, aliases, {key: ex.id for key, ex in owners.items()})


def edit_exercise(uow: AbstractUnitOfWork, query: str, changes: ExerciseChanges, unit: str) -> str:
    refuse_typed_aliases(changes)
    with uow:
        exercise = resolve_exercise(uow.catalog, query)
        aliases = changes.aliases
        if changes.rename is not None:
            clean = _check_new_name(uow.catalog, changes.rename, renaming=exercise)
            old_name = exercise.name
            exercise.name, exercise.key = clean, normalize(clean)
            # The old name stays an alias: what the lifter typed before still works, and a
            # catalog refresh knows the renamed built-in and does not add it back.
            kept = aliases if aliases is not None else [a.alias for a in exercise.aliases]
            aliases = (*kept, old_name)
        _apply_changes(uow.catalog, exercise, changes, unit)
        if aliases is not None:
            _set_user_aliases(uow.catalog, exercise, aliases)
        exercise.edited = True  # the next catalog refresh leaves this entry alone
        uow.commit()
        return exercise.name


def remove_exercise(uow: AbstractUnitOfWork, query: str) -> str:
    with uow:
        exercise = resolve_exercise(uow.catalog, query)
        count = uow.catalog.count_sets_of(exercise)
        if count:
            raise Conflict(
                f'"{exercise.name}" has {count} logged set{"s" if count != 1 else ""}; '
                "delete those sets first (tracker set delete ID)"
            )
        uses = uow.catalog.lifter_data_on(exercise)  # deleted with it: refused, not lost
        if uses:
            named = ", ".join(f"{n} {what}{'s' if n != 1 else ''}" for what, n in uses.items())
            raise Conflict(
                f'"{exercise.name}" is named by {named}, which removing it would delete too; '
                "take it out of those first"
            )
        name = exercise.name
        if exercise.source == "builtin":
            removed = set(json.loads(uow.lifters.setting(REMOVED_KEY) or "[]")) | {exercise.key}
            uow.lifters.set_setting(REMOVED_KEY, json.dumps(sorted(removed)))
        uow.catalog.delete(exercise)
        uow.commit()
        return name
