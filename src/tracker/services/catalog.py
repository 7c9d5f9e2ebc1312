"""The exercise catalog: built-in entries, look-ups by what lifters type, custom exercises."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from tracker.adapters.orm import Exercise, ExerciseAlias
from tracker.adapters.repository import AbstractRepository
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.equipment import parse_equipment
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.load_convention import (
    MAX_RATIO,
    LoadConvention,
    LoadPer,
    convention_for,
    is_ratio,
)
from tracker.domain.model import Difficulty, Laterality
from tracker.domain.names import (
    MAX_FIELD,
    MAX_NAME,
    NameEntry,
    check_typed_name,
    normalize,
    resolve,
)
from tracker.domain.routines import is_rep_range
from tracker.domain.specs import MAX_REPS
from tracker.domain.text_safety import refuse_controls
from tracker.services.lifters import current_lifter

REMOVED_KEY = "catalog.removed_builtins"  # keys of built-ins the lifter removed
CARD_LISTS = ("steps", "tips", "mistakes")


def _user_owned(exercise: Exercise) -> bool:
    return exercise.source != "builtin" or exercise.edited


def sync_builtin(repo: AbstractRepository, entries: Sequence[dict[str, Any]]) -> None:
    exercises = repo.exercises()
    by_key = {ex.key: ex for ex in exercises}
    alias_owners = {a.key: ex for ex in exercises for a in ex.aliases}
    taken_alias_keys = {key: ex.id for key, ex in alias_owners.items()}
    updated: list[tuple[Exercise, dict[str, Any]]] = []
    removed = set(json.loads(repo.setting(REMOVED_KEY) or "[]"))
    for entry in entries:
        key = normalize(entry["name"])
        exercise = by_key.get(key)
        if exercise is None and key in removed:
            continue  # the lifter removed this built-in: it stays removed
        if exercise is None:
            owner = alias_owners.get(key)
            if owner is not None and _user_owned(owner):
                # The lifter renamed this built-in (its old name stays an alias) or gave the
                # name to an exercise of their own: don't bring a second copy back.
                continue
        elif _user_owned(exercise):
            continue
        exercise = place_exercise(repo, by_key, entry["name"], "builtin", entry)
        updated.append((exercise, entry))
    written = [
        WrittenExercise(
            exercise,
            entry.get("parent"),
            [a for a in entry.get("aliases", []) if normalize(a) not in by_key],
        )
        for exercise, entry in updated
    ]
    link_parents_and_aliases(repo, written, alias_owners | by_key, taken_alias_keys)


@dataclass(frozen=True)
class WrittenExercise:
    """An exercise just written from an entry, with the parent and aliases the entry names."""

    exercise: Exercise
    parent: str | None
    aliases: Sequence[str]


def place_exercise(
    repo: AbstractRepository,
    by_key: dict[str, Exercise],
    name: str,
    source: str,
    fields: dict[str, Any],
) -> Exercise:
    """The exercise ``by_key`` holds under this name, or a new one from ``source``, with the
    entry's fields copied on. Parents and aliases need ids: link_parents_and_aliases sets them
    once every exercise of the batch is placed."""
    key = normalize(name)
    exercise = by_key.get(key)
    if exercise is None:
        # A built-in belongs to everyone; anything else to the lifter who made it (another
        # lifter never sees it).
        owner = None if source == "builtin" else repo.viewer_id()
        exercise = Exercise(name=name, key=key, source=source, aliases=[], owner_id=owner)
        repo.add(exercise)
        by_key[key] = exercise
    apply_fields(exercise, fields)
    return exercise


def link_parents_and_aliases(
    repo: AbstractRepository,
    written: Sequence[WrittenExercise],
    by_name: Mapping[str, Exercise],
    taken: dict[str, int],
) -> int:
    """Give each written exercise the parent its entry names (found by name or alias in
    ``by_name``) and its aliases (skipping those ``taken`` by another exercise).

    A parent must be bilateral (a one-sided variant hangs off the two-sided lift): an entry
    naming another kind, or a name nothing has, gets no parent. Returns how many got one.
    """
    repo.flush()  # ids for the new exercises
    linked = 0
    for each in written:
        parent = by_name.get(normalize(each.parent)) if each.parent else None
        if parent is not None and parent.laterality != Laterality.BILATERAL:
            parent = None
        each.exercise.parent_id = parent.id if parent is not None else None
        linked += parent is not None
        set_aliases(each.exercise, each.aliases, taken)
    return linked


def apply_fields(exercise: Exercise, entry: dict[str, Any]) -> None:
    """Copy a catalog entry's fields (a built-in or an imported card) onto a row."""
    exercise.body_part = entry.get("body_part") or "other"
    exercise.equipment = entry.get("equipment") or "other"
    exercise.target = entry.get("target") or ""
    exercise.secondary = list(entry.get("secondary") or [])
    exercise.difficulty = entry.get("difficulty") or Difficulty.INTERMEDIATE.value
    exercise.category = entry.get("category") or "strength"
    exercise.laterality = Laterality(entry.get("laterality") or Laterality.BILATERAL)
    ratio = entry.get("ratio")
    exercise.ratio_low = Decimal(str(ratio[0])) if ratio else None
    exercise.ratio_high = Decimal(str(ratio[1])) if ratio else None
    exercise.ratio_note = entry.get("ratio_note")
    exercise.load_per = entry.get("load_per")
    exercise.implements = entry.get("implements")
    rep_range = entry.get("rep_range") or (8, 12)
    exercise.rep_low, exercise.rep_high = int(rep_range[0]), int(rep_range[1])
    exercise.summary = entry.get("summary")
    for name in CARD_LISTS:
        setattr(exercise, name, list(entry.get(name) or []))
    exercise.faq = [dict(item) for item in entry.get("faq") or []]


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


# -- look-ups -----------------------------------------------------------------------------


def resolve_exercise(repo: AbstractRepository, query: str) -> Exercise:
    """Find an exercise by what the lifter typed: name, alias, punctuation-free or a prefix.
    A stored name as it is (a routine's item, an imported name) is found first."""
    exact = repo.exercise(query) or _stored_alias_owner(repo, query)
    if exact is not None:
        return exact
    check_typed_name(query)
    key = normalize(query)
    exercise = repo.exercise_by_key(key) or repo.alias_owner(key)
    if exercise is None:
        entries = [NameEntry(name, tuple(aliases)) for name, aliases in repo.exercise_names()]
        exercise = repo.exercise(resolve(query, entries))
    if exercise is None:  # pragma: no cover - resolve only returns stored names
        raise NotFound(f'no exercise named "{query}"')
    return exercise


def _stored_alias_owner(repo: AbstractRepository, query: str) -> Exercise | None:
    """The exercise whose stored alias is ``query`` character for character: an imported name
    with control characters, kept as an alias by a rename, still finds its exercise (a typed
    name with them does not: check_typed_name)."""
    if query.isprintable():
        return None  # the usual look-up below finds it
    owner = next((name for name, aliases in repo.exercise_names() if query in aliases), None)
    return None if owner is None else repo.exercise(owner)


def exercise_convention(exercise: Exercise) -> LoadConvention:
    """What the exercise's logged load is per, stored or implied by its equipment."""
    return convention_for(
        exercise.equipment, exercise.laterality, exercise.load_per, exercise.implements
    )


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


class SummaryFields(TypedDict):
    """The fields an ExerciseSummary (and so an ExerciseCard) takes, read off a row."""

    name: str
    aliases: tuple[str, ...]
    body_part: str
    equipment: str
    target: str
    secondary: tuple[str, ...]
    difficulty: str
    category: str
    laterality: Laterality
    parent: str | None
    source: str


@dataclass(frozen=True)
class ExerciseSummary:
    """An exercise as `exercises list` shows it."""

    name: str
    aliases: tuple[str, ...]
    body_part: str
    equipment: str
    target: str
    secondary: tuple[str, ...]
    difficulty: str
    category: str
    laterality: Laterality
    parent: str | None
    source: str


@dataclass(frozen=True)
class RelatedExercises:
    """Partners (the bilateral parent, the one-sided variants), then five of each kind."""

    partners: tuple[str, ...]
    same_body_part: tuple[str, ...]
    same_equipment: tuple[str, ...]
    same_target: tuple[str, ...]


@dataclass(frozen=True)
class FaqEntry:
    """One question of a card's FAQ and its answer (stored as {"q": ..., "a": ...})."""

    q: str
    a: str


@dataclass(frozen=True)
class ExerciseCard(ExerciseSummary):
    """Every field of an exercise, plus its related exercises (`exercises show`)."""

    ratio: tuple[Decimal, Decimal] | None
    ratio_note: str | None
    increment: Decimal | None
    increment_unit: str | None
    sled: Decimal | None
    sled_unit: str | None
    load_per: LoadPer
    implements: int
    rep_range: tuple[int, int]
    summary: str | None
    steps: tuple[str, ...]
    tips: tuple[str, ...]
    mistakes: tuple[str, ...]
    faq: tuple[FaqEntry, ...]
    variants: tuple[str, ...]
    related: RelatedExercises
    edited: bool


def list_exercises(uow: AbstractUnitOfWork, filters: ListFilters) -> list[ExerciseSummary]:
    with uow:
        everything = uow.repo.exercises()  # one query: the parents' names come from it too
        rows = [ex for ex in everything if _matches(ex, filters)]
        names = {ex.id: ex.name for ex in everything}
        return [
            ExerciseSummary(**_summary_fields(ex, names.get(ex.parent_id or -1))) for ex in rows
        ]


def _summary_fields(exercise: Exercise, parent_name: str | None) -> SummaryFields:
    return {
        "name": exercise.name,
        "aliases": tuple(a.alias for a in exercise.aliases),
        "body_part": exercise.body_part,
        "equipment": exercise.equipment,
        "target": exercise.target,
        "secondary": tuple(exercise.secondary),
        "difficulty": exercise.difficulty,
        "category": exercise.category,
        "laterality": exercise.laterality,
        "parent": parent_name,
        "source": exercise.source,
    }


def exercise_card(repo: AbstractRepository, exercise: Exercise) -> ExerciseCard:
    convention = exercise_convention(exercise)
    return ExerciseCard(
        **_summary_fields(exercise, exercise.parent.name if exercise.parent else None),
        ratio=None
        if exercise.ratio_low is None or exercise.ratio_high is None
        else (exercise.ratio_low, exercise.ratio_high),
        ratio_note=exercise.ratio_note,
        increment=exercise.increment,
        increment_unit=exercise.increment_unit,
        sled=exercise.sled,
        sled_unit=exercise.sled_unit,
        load_per=convention.per,
        implements=convention.implements,
        rep_range=(exercise.rep_low, exercise.rep_high),
        summary=exercise.summary,
        steps=tuple(exercise.steps),
        tips=tuple(exercise.tips),
        mistakes=tuple(exercise.mistakes),
        faq=tuple(FaqEntry(str(item["q"]), str(item["a"])) for item in exercise.faq),
        variants=tuple(child.name for child in repo.children(exercise)),
        related=related_exercises(repo, exercise),
        edited=exercise.edited,
    )


def related_exercises(repo: AbstractRepository, exercise: Exercise) -> RelatedExercises:
    """Same body part, same equipment, same target muscle (five each), partners first."""
    others = [ex for ex in repo.exercises() if ex.id != exercise.id]

    def pick(condition: Callable[[Exercise], object]) -> tuple[str, ...]:
        return tuple([ex.name for ex in others if condition(ex)][:5])

    partners = [exercise.parent.name] if exercise.parent else []
    partners += [child.name for child in repo.children(exercise)]
    return RelatedExercises(
        partners=tuple(partners),
        same_body_part=pick(lambda ex: ex.body_part == exercise.body_part),
        same_equipment=pick(lambda ex: ex.equipment == exercise.equipment),
        same_target=pick(lambda ex: exercise.target and ex.target == exercise.target),
    )


def show_exercise(uow: AbstractUnitOfWork, query: str) -> ExerciseCard:
    with uow:
        return exercise_card(uow.repo, resolve_exercise(uow.repo, query))


# -- custom exercises and edits --------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseChanges:
    """Options of `exercises add/edit`; None means "leave as it is"."""

    aliases: tuple[str, ...] | None = None
    body_part: str | None = None
    equipment: str | None = None
    target: str | None = None
    secondary: tuple[str, ...] | None = None
    difficulty: str | None = None
    category: str | None = None
    laterality: str | None = None
    parent: str | None = None
    ratio: tuple[Decimal, Decimal] | None = None
    increment: Decimal | None = None
    sled: Decimal | None = None
    load_per: str | None = None  # implement, side, bar or total
    implements: int | None = None
    unit: str | None = None  # the unit of increment and sled
    rep_range: tuple[int, int] | None = None
    summary: str | None = None
    steps: tuple[str, ...] | None = None
    tips: tuple[str, ...] | None = None
    mistakes: tuple[str, ...] | None = None
    rename: str | None = None


def parse_ratio(text: str) -> tuple[Decimal, Decimal]:
    """ "0.4-0.5", "40-50%" or "0.45" -> (low, high)."""
    from decimal import InvalidOperation

    clean = text.strip().rstrip("%")
    percent = text.strip().endswith("%")
    parts = clean.split("-") if "-" in clean else [clean, clean]
    try:
        low, high = (Decimal(part.strip().rstrip("%")) for part in parts)
    except (InvalidOperation, ValueError):
        raise InvalidValue(f'can\'t read ratio "{text}": write it like 0.4-0.5 or 40-50%') from None
    if not (low.is_finite() and high.is_finite()):  # NaN and Infinity compare with an error
        raise InvalidValue(f'can\'t read ratio "{text}": write it like 0.4-0.5 or 40-50%')
    if percent:
        low, high = low / 100, high / 100
    elif high > MAX_RATIO:
        # "2-3" was once read as 2-3 %: a share of 1.5 or more of the parent is never meant,
        # and guessing between 0.02 and 2 would give a 0 kg start or three times the parent.
        raise InvalidValue(
            f'ratio "{text}" is above {MAX_RATIO}: give the share of the parent\'s load, such '
            "as 0.4-0.5, or a percentage with its sign, such as 40-50%"
        )
    if not is_ratio(low, high):
        raise InvalidValue(f'ratio "{text}" must be between 0 and {MAX_RATIO} with low <= high')
    return low, high


def _check_choice(value: str | None, choices: Iterable[str], what: str) -> None:
    allowed = list(choices)
    if value is not None and value not in allowed:
        raise InvalidValue(f'{what} must be one of {", ".join(allowed)}, got "{value}"')


def _apply_changes(
    repo: AbstractRepository, exercise: Exercise, ch: ExerciseChanges, unit: str
) -> None:
    before = exercise.laterality
    _apply_fields(repo, exercise, ch, unit)
    if exercise.id is not None and exercise.laterality != before:
        _check_laterality_change(repo, exercise, before)


def _check_laterality_change(repo: AbstractRepository, exercise: Exercise, before: str) -> None:
    """Logged sets and variants must still make sense with the new laterality."""
    one_sided = exercise.laterality != Laterality.BILATERAL
    if one_sided == (before != Laterality.BILATERAL):
        return  # unilateral <-> alternating: sides stay sides
    clashing = repo.count_sets_by_side(exercise, sided=not one_sided)
    if clashing:
        kind = "with a side" if not one_sided else "without a side"
        raise Conflict(
            f"{exercise.name} has {clashing} logged set{'s' if clashing != 1 else ''} {kind}; "
            f"it can't become {exercise.laterality} (add a new exercise instead)"
        )
    if one_sided and repo.children(exercise):
        raise Conflict(
            f"{exercise.name} is the bilateral parent of "
            f"{', '.join(c.name for c in repo.children(exercise))}; it must stay bilateral"
        )


def _apply_fields(
    repo: AbstractRepository, exercise: Exercise, ch: ExerciseChanges, unit: str
) -> None:
    _check_choice(ch.difficulty, [d.value for d in Difficulty], "difficulty")
    _check_choice(ch.laterality, [lat.value for lat in Laterality], "laterality")
    if ch.equipment is not None:
        exercise.equipment = parse_equipment(ch.equipment).value
    for field_name in ("body_part", "target", "difficulty", "category", "laterality"):
        value = getattr(ch, field_name)
        if value is not None:
            clean = " ".join(value.split()).lower()
            if len(clean) > MAX_FIELD:
                label = field_name.replace("_", " ")
                raise InvalidValue(f"the {label} can be at most {MAX_FIELD} characters long")
            setattr(exercise, field_name, clean)
    if ch.summary is not None:
        exercise.summary = ch.summary
    for field_name in ("steps", "tips", "mistakes", "secondary"):
        value = getattr(ch, field_name)
        if value is not None:
            setattr(exercise, field_name, list(value))
    if ch.parent is not None:
        parent = resolve_exercise(repo, ch.parent)
        if parent.id == exercise.id:
            raise InvalidValue("an exercise can't be its own parent")
        if parent.laterality != Laterality.BILATERAL:
            raise InvalidValue(f'the parent must be a bilateral exercise; "{parent.name}" is not')
        exercise.parent = parent
        if exercise.laterality == Laterality.BILATERAL:
            exercise.laterality = Laterality.UNILATERAL
    if ch.ratio is not None:
        exercise.ratio_low, exercise.ratio_high = ch.ratio
    if ch.increment is not None:
        if ch.increment <= 0:
            raise InvalidValue("the increment must be greater than 0")
        exercise.increment, exercise.increment_unit = ch.increment, unit
    if ch.sled is not None:
        if ch.sled < 0:
            raise InvalidValue("the sled weight can't be negative")
        exercise.sled, exercise.sled_unit = ch.sled, unit
    if ch.load_per is not None:
        exercise.load_per = ch.load_per
    if ch.implements is not None:
        exercise.implements = ch.implements
    if ch.load_per is not None or ch.implements is not None:
        exercise_convention(exercise)  # refuses a per-implement load with no implement
    if ch.rep_range is not None:
        low, high = ch.rep_range
        if not is_rep_range(ch.rep_range):
            raise InvalidValue(
                f"the rep range must be like 8-12, with 1 <= low <= high <= {MAX_REPS}"
            )
        exercise.rep_low, exercise.rep_high = low, high


def _check_new_name(repo: AbstractRepository, name: str, renaming: Exercise | None = None) -> str:
    """The cleaned name, refused when empty, too long, or another exercise's name or alias."""
    clean = " ".join(refuse_controls(name, "an exercise name").split())
    key = normalize(clean)
    if not key:
        raise InvalidValue("an exercise needs a name with letters or digits")
    if len(clean) > MAX_NAME:
        raise InvalidValue(f"an exercise name can be at most {MAX_NAME} characters long")
    existing = repo.exercise_by_key(key) or repo.alias_owner(key)
    if existing is not None and existing is not renaming:
        raise Conflict(f'"{clean}" is already taken by the exercise "{existing.name}"')
    if repo.key_taken_by_another_lifter(key):
        raise Conflict(f'"{clean}" is the name of another lifter\'s exercise: choose another')
    return clean


def _alias_map(repo: AbstractRepository) -> dict[str, int]:
    return {a.key: ex.id for ex in repo.exercises() for a in ex.aliases} | {
        ex.key: ex.id for ex in repo.exercises()
    }


def refuse_typed_aliases(changes: ExerciseChanges) -> None:
    """Typed aliases hold no control character; stored ones (imported) are kept as they are."""
    for alias in changes.aliases or ():
        refuse_controls(alias, "an alias")


def add_exercise(uow: AbstractUnitOfWork, name: str, changes: ExerciseChanges, unit: str) -> str:
    refuse_typed_aliases(changes)
    with uow:
        owner = current_lifter(uow.repo, uow.repo.viewer_name)
        clean = _check_new_name(uow.repo, name)
        exercise = Exercise(name=clean, key=normalize(clean), source="custom", owner_id=owner.id)
        uow.repo.add(exercise)
        _apply_changes(uow.repo, exercise, changes, unit)
        uow.repo.flush()
        if changes.aliases:
            _set_user_aliases(uow.repo, exercise, changes.aliases)
        uow.commit()
        return exercise.name


def _set_user_aliases(repo: AbstractRepository, exercise: Exercise, aliases: Iterable[str]) -> None:
    aliases = list(aliases)
    taken = _alias_map(repo)
    names = {ex.id: ex.name for ex in repo.exercises()}
    for alias in aliases:
        if len(alias.strip()) > MAX_NAME:
            raise InvalidValue(f"an alias can be at most {MAX_NAME} characters long")
        owner = taken.get(normalize(alias))
        if owner is not None and owner != exercise.id:
            raise Conflict(
                f'the alias "{alias.strip()}" is already used by the exercise "{names[owner]}"'
            )
    set_aliases(exercise, aliases, taken)


def edit_exercise(uow: AbstractUnitOfWork, query: str, changes: ExerciseChanges, unit: str) -> str:
    refuse_typed_aliases(changes)
    with uow:
        exercise = resolve_exercise(uow.repo, query)
        aliases = changes.aliases
        if changes.rename is not None:
            clean = _check_new_name(uow.repo, changes.rename, renaming=exercise)
            old_name = exercise.name
            exercise.name, exercise.key = clean, normalize(clean)
            # The old name stays an alias: what the lifter typed before still works, and a
            # catalog refresh knows the renamed built-in and does not add it back.
            kept = aliases if aliases is not None else [a.alias for a in exercise.aliases]
            aliases = (*kept, old_name)
        _apply_changes(uow.repo, exercise, changes, unit)
        if aliases is not None:
            _set_user_aliases(uow.repo, exercise, aliases)
        exercise.edited = True  # the next catalog refresh leaves this entry alone
        uow.commit()
        return exercise.name


def remove_exercise(uow: AbstractUnitOfWork, query: str) -> str:
    with uow:
        exercise = resolve_exercise(uow.repo, query)
        count = uow.repo.count_sets_of(exercise)
        if count:
            raise Conflict(
                f'"{exercise.name}" has {count} logged set{"s" if count != 1 else ""}; '
                "delete those sets first (tracker set delete ID)"
            )
        name = exercise.name
        if exercise.source == "builtin":
            removed = set(json.loads(uow.repo.setting(REMOVED_KEY) or "[]")) | {exercise.key}
            uow.repo.set_setting(REMOVED_KEY, json.dumps(sorted(removed)))
        uow.repo.delete(exercise)
        uow.commit()
        return name
