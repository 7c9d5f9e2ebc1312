"""Mapping the exercise names other apps write onto the catalog.

"Bench Press (Barbell)", "Flat Barbell Bench Press" and "Incline Bench Press (Dumbbell)" find
their catalog entries; an equipment word must agree with the entry, and names that match
nothing become custom exercises.
"""

from __future__ import annotations

from tracker.adapters.orm import Exercise
from tracker.adapters.repository import CatalogRows
from tracker.domain.equipment import Equipment, equipment_key, loads_alike
from tracker.domain.errors import ImportFailed
from tracker.domain.exercise_def import ExerciseDef
from tracker.domain.model import DEFAULT_LIFTER, Laterality
from tracker.domain.names import normalize
from tracker.services.catalog import place_exercise

MAX_SUFFIX = 100  # "NAME (ann 2)" ... "NAME (ann 100)": then the import stops


def equipment_inserted(base: str, hint: str | None) -> list[str]:
    """The equipment word at every position: "Incline Bench Press" + dumbbell gives
    "Incline Dumbbell Bench Press" (how catalogs often spell it)."""
    if hint is None:
        return []
    words = base.split()
    return [" ".join([*words[:i], hint, *words[i:]]) for i in range(1, len(words) + 1)]


def equipment_agrees(hint: str | None, candidate: str, equipment: str) -> bool:
    """May an imported name with this equipment hint match this catalog entry?"""
    if hint is None:
        return True
    word = normalize(hint)
    if f" {word} " in f" {normalize(candidate)} ":
        return True  # the catalog itself names that equipment ("Cable Hammer Curl")
    # "Pull Up (Assisted)" is not a Pull-Up with 30 kg added: the words must load alike.
    return loads_alike(word, equipment)


# The variant words that make a lift a bodyweight one: "Pull Up (Weighted)" is a pull-up with a
# belt, "Pull Up (Assisted)" one with a counterweight. An exercise an import makes for them is a
# bodyweight exercise (the README's vocabulary), whose load is added or, negative, assistance.
WEIGHTED, ASSISTED = "weighted", "assisted"
_BODYWEIGHT = Equipment.BODYWEIGHT.value
_MADE_AS = {WEIGHTED: _BODYWEIGHT, ASSISTED: _BODYWEIGHT}


def body_load_sign(raw: str, equipment: str) -> int:
    """How the load an app wrote for a set is logged, as `tracker log` takes it, once the name
    ``raw`` has found its exercise (of ``equipment``): 1 added to body weight (``BW+x``: a
    bodyweight exercise or a "weighted" variant), -1 taken off it (``BW-x``: an "assisted"
    variant) and 0 a load of its own ("Bench Press" 100 kg is 100 kg).

    Exercises an older import made keep "assisted" or "weighted" as their equipment: they
    count as the word does. A name that says other equipment ("Lunge (Dumbbell)" on a
    bodyweight Lunge of one's own) carries that implement: a load of its own.
    """
    from tracker.importers import normalize_exercise_name

    _, hint = normalize_exercise_name(raw)
    stored = normalize(equipment)
    if ASSISTED in (hint, stored):
        return -1
    if WEIGHTED in (hint, stored):
        return 1
    bodyweight = equipment_key(stored) is Equipment.BODYWEIGHT
    return 1 if bodyweight and hint in (None, _BODYWEIGHT) else 0


class ExerciseMatcher:
    """Maps the names other apps use onto the catalog; unknown names become custom exercises."""

    def __init__(self, catalog: CatalogRows, lifter: str | None = None) -> None:
        self.catalog = catalog
        # Whose sets the names are for (a custom exercise whose name another lifter holds is
        # named after them); None: the lifter the catalog is viewed as, asked when needed.
        self.lifter = lifter
        self.by_key: dict[str, Exercise] = {}
        for exercise in catalog.exercises():
            self.by_key[exercise.key] = exercise
            for alias in exercise.aliases:
                self.by_key.setdefault(alias.key, exercise)
        self.cache: dict[tuple[str, bool], Exercise] = {}
        self.matched: set[str] = set()  # catalog exercises the file's names mapped onto
        self.created: set[str] = set()  # custom exercises made for names that matched nothing

    def find(self, raw: str, sided: bool) -> Exercise:
        cached = self.cache.get((raw, sided))
        if cached is not None:
            return cached
        exercise = self._match(raw, sided)
        if exercise is None:
            exercise = self._create(raw, sided)
        else:
            self.matched.add(exercise.name)
        self.cache[(raw, sided)] = exercise
        return exercise

    def existing(self, raw: str) -> Exercise | None:
        """The exercise a name stands for here (found or made by this import), or None:
        nothing is created."""
        cached = self.cache.get((raw, True)) or self.cache.get((raw, False))
        return cached or self._match(raw, False)

    def _match(self, raw: str, sided: bool) -> Exercise | None:
        from tracker.importers import candidate_names, normalize_exercise_name

        base, hint = normalize_exercise_name(raw)
        for candidate in [*candidate_names(raw), *equipment_inserted(base, hint)]:
            exercise = self.by_key.get(normalize(candidate))
            if exercise is None or not equipment_agrees(hint, candidate, exercise.equipment):
                continue
            if sided and exercise.laterality == Laterality.BILATERAL:
                # "Hanging Leg Raise L": the one-side variant of a bilateral lift.
                return self._one_side_variant(exercise)
            return exercise
        return None

    def _one_side_variant(self, parent: Exercise) -> Exercise | None:
        for child in self.catalog.children(parent):
            if child.laterality != Laterality.BILATERAL:
                return child
        return None

    def _owner(self) -> str:
        """The name of the lifter the rows go to: given, the command's --lifter, else the
        lifter the catalog is viewed as (a restore's: the file's lifter)."""
        if self.lifter is None:
            self.lifter = self.catalog.viewer_name or DEFAULT_LIFTER
        return self.lifter

    def _free_name(self, name: str) -> str:
        """``name`` with its lifter's name added ("Landmine Press (ann)"), the lifter's own
        such exercise if it has one; a number is added while another lifter holds that too
        ("Landmine Press (ann 2)"). ImportFailed when none of MAX_SUFFIX is free."""
        owner = self._owner()
        for number in range(1, MAX_SUFFIX + 1):
            candidate = f"{name} ({owner})" if number == 1 else f"{name} ({owner} {number})"
            key = normalize(candidate)
            if key in self.by_key or not self.catalog.key_taken_by_another_lifter(key):
                return candidate
        raise ImportFailed(
            f'exercise "{name}": other lifters hold that name and "{name} ({owner})" to '
            f'"{name} ({owner} {MAX_SUFFIX})": rename the exercise in the file'
        )

    def _create(self, raw: str, sided: bool) -> Exercise:
        from tracker.importers import normalize_exercise_name

        base, equipment = normalize_exercise_name(raw)
        name = " ".join(raw.split())
        parent = None
        if sided:
            parent = self.by_key.get(normalize(name)) or self.by_key.get(normalize(base))
            if parent is not None:
                name = f"{parent.name} (one side)"
        exercise = self.by_key.get(normalize(name))
        if exercise is not None:
            return exercise
        if self.catalog.key_taken_by_another_lifter(normalize(name)):
            name = self._free_name(name)  # names are database-wide
            exercise = self.by_key.get(normalize(name))
            if exercise is not None:
                return exercise
        laterality = Laterality.UNILATERAL if sided else Laterality.BILATERAL
        definition = ExerciseDef(
            name=name,
            source="import",
            equipment=_MADE_AS.get(equipment or "", equipment or "other"),
            laterality=laterality,
        )
        exercise = place_exercise(self.catalog, self.by_key, definition)
        exercise.parent_id = parent.id if parent is not None else None
        self.catalog.flush()
        self.created.add(exercise.name)
        return exercise
