"""One exercise definition: every field of a catalog entry, and the one check of each field.

The built-in catalog, `exercises add` and `edit`, a free-exercise-db import and a JSON export's
definitions all become an ``ExerciseDef``; adapters/exercise_rows.py copies one onto a database
row and back. A definition read from JSON (an export, builtin.json) is checked field group by
field group (``definition_from_json``); what a lifter types is checked by the ``check_*`` and
``parse_*`` functions, worded for the command line. Each limit is defined once: names in
domain/names.py, ratios and implements in domain/load_convention.py, reps in domain/specs.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.domain.equipment import NAME_HINTS, Equipment, parse_equipment
from tracker.domain.errors import InvalidValue
from tracker.domain.load_convention import MAX_IMPLEMENTS, MAX_RATIO, LoadPer, is_ratio
from tracker.domain.model import Difficulty, Laterality
from tracker.domain.names import MAX_FIELD, MAX_NAME, MAX_SOURCE, normalize
from tracker.domain.routines import is_rep_range
from tracker.domain.specs import MAX_REPS
from tracker.domain.text_safety import refuse_controls
from tracker.domain.units import Unit

DEFAULT_REP_RANGE: tuple[int, int] = (8, 12)


@dataclass(frozen=True)
class FaqEntry:
    """One question of a card's FAQ and its answer (stored as {"q": ..., "a": ...})."""

    q: str
    a: str


@dataclass(frozen=True, kw_only=True)
class ExerciseDef:
    """Every field of an exercise, as the catalog, a card and an export know it.

    The fields are in the order `exercises show --json` writes them; the defaults are the
    database's. ``parent`` is a name; ``load_per`` and ``implements`` are as stored (None: what
    the equipment implies, see domain/load_convention.py), except on an ``ExerciseCard``.
    """

    name: str
    aliases: tuple[str, ...] = ()
    body_part: str = "other"
    equipment: str = "other"
    target: str = ""
    secondary: tuple[str, ...] = ()
    difficulty: str = Difficulty.INTERMEDIATE.value
    category: str = "strength"
    laterality: Laterality = Laterality.BILATERAL
    lower_is_better: bool = False  # a test where less is better (a timed hop): see asymmetry
    parent: str | None = None
    source: str = "custom"  # builtin, custom, import or free-exercise-db:ID
    ratio: tuple[Decimal, Decimal] | None = None  # per-side load as a share of the parent's
    ratio_note: str | None = None
    increment: Decimal | None = None  # overrides the equipment default, in increment_unit
    increment_unit: str | None = None
    sled: Decimal | None = None  # carriage weight of a plate-loaded machine, in sled_unit
    sled_unit: str | None = None
    load_per: str | None = None
    implements: int | None = None
    rep_range: tuple[int, int] = DEFAULT_REP_RANGE
    summary: str | None = None
    steps: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    faq: tuple[FaqEntry, ...] = ()
    edited: bool = False  # the lifter changed a built-in entry


FIELDS = frozenset(field.name for field in fields(ExerciseDef))

# -- a definition from JSON (an export's, builtin.json) ------------------------------------


class BadField(InvalidValue):
    """A field of a definition from a file is refused: ``key`` names it."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f'"{key}": {problem}')
        self.key = key


TEXT_FIELDS = ("body_part", "equipment", "target", "category")
CHOICES: dict[str, tuple[str | None, set[str | None]]] = {  # key: (default, allowed)
    "difficulty": ("intermediate", {d.value for d in Difficulty}),
    "laterality": ("bilateral", {lat.value for lat in Laterality}),
    "increment_unit": (None, {*Unit, None}),
    "sled_unit": (None, {*Unit, None}),
    "load_per": (None, {*LoadPer, None}),
}
LISTS = ("aliases", "secondary", "steps", "tips", "mistakes")
FREE_TEXTS = ("summary", "ratio_note", "parent")
FLAGS = ("lower_is_better",)
# Taken as written, even when empty; None: no text, or what the equipment implies.
AS_WRITTEN = ("parent", "ratio_note", "summary", "increment_unit", "sled_unit", "load_per",
              "implements")
# Equipment as stored: a canonical kind, or the variant an import keeps from a name ("Pull Up
# (Assisted)" -> "assisted"); a file may also give any spelling `exercises add` takes.
STORED_EQUIPMENT = frozenset({*Equipment, *NAME_HINTS.values()})


def _check_keys(data: Mapping[str, Any]) -> None:
    for key in data:
        if key not in FIELDS:
            raise BadField(str(key), "not a field of an exercise")


def _check_name(data: Mapping[str, Any]) -> None:
    name = data.get("name")
    if not isinstance(name, str) or not normalize(name) or len(name) > MAX_NAME:
        raise BadField("name", f"a name of 1 to {MAX_NAME} characters is needed")


def _check_texts(data: Mapping[str, Any]) -> None:
    for key in TEXT_FIELDS:
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > MAX_FIELD):
            raise BadField(key, f"must be text of at most {MAX_FIELD} characters")


def _equipment(data: Mapping[str, Any]) -> str:
    """The stored equipment of a checked definition: as written if stored so, else the kind
    its spelling names ("DB" -> "dumbbell"); none: "other"."""
    text: str = data.get("equipment") or Equipment.OTHER.value
    return text if text in STORED_EQUIPMENT else parse_equipment(text).value


def _check_equipment(data: Mapping[str, Any]) -> None:
    try:
        _equipment(data)
    except InvalidValue as error:
        raise BadField("equipment", str(error)) from None


def _check_choices(data: Mapping[str, Any]) -> None:
    for key, (default, allowed) in CHOICES.items():
        if data.get(key, default) not in allowed:
            names = ", ".join(sorted(a for a in allowed if a is not None))
            raise BadField(key, f"must be one of {names}")


def _check_lists(data: Mapping[str, Any]) -> None:
    for key in LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadField(key, "must be a list of text")
    faq = data.get("faq", [])
    if not isinstance(faq, list) or not all(
        isinstance(item, dict) and isinstance(item.get("q"), str) and isinstance(item.get("a"), str)
        for item in faq
    ):
        raise BadField("faq", 'must be a list of {"q": ..., "a": ...}')
    for key in FREE_TEXTS:
        if data.get(key) is not None and not isinstance(data[key], str):
            raise BadField(key, "must be text")


def _check_flags(data: Mapping[str, Any]) -> None:
    for key in FLAGS:
        if data.get(key) is not None and not isinstance(data[key], bool):
            raise BadField(key, "must be true or false")


def _check_ratio(data: Mapping[str, Any]) -> None:
    ratio = data.get("ratio")
    if ratio is None:
        return
    if not isinstance(ratio, list) or len(ratio) != 2:
        raise BadField("ratio", "must be [low, high]")
    try:
        low, high = (Decimal(str(r)) for r in ratio)
    except InvalidOperation:
        raise BadField("ratio", "must be two numbers") from None
    if not is_ratio(low, high):
        raise BadField("ratio", f"must be two numbers with 0 < low <= high <= {MAX_RATIO}")


def _check_counts(data: Mapping[str, Any]) -> None:
    implements = data.get("implements")
    whole = isinstance(implements, int) and not isinstance(implements, bool)
    if implements is not None and not (whole and 0 <= implements <= MAX_IMPLEMENTS):
        raise BadField("implements", f"must be a whole number from 0 to {MAX_IMPLEMENTS}")
    if not is_rep_range(data.get("rep_range", list(DEFAULT_REP_RANGE))):
        raise BadField(
            "rep_range", f"must be [low, high] whole numbers with 1 <= low <= high <= {MAX_REPS}"
        )


CHECKS = (
    _check_keys, _check_name, _check_texts, _check_equipment, _check_choices, _check_lists,
    _check_flags, _check_ratio, _check_counts,
)


def definition_from_json(data: Mapping[str, Any]) -> ExerciseDef:
    """A definition as an export or builtin.json writes it, every field checked first (BadField
    names the first refused one): a key that is no field, equipment the vocabulary does not
    know. A missing or empty field takes the database's default (an export older than the
    field); ``increment`` and ``sled`` are left to the caller (their errors are worded apart)."""
    for check in CHECKS:
        check(data)
    given: dict[str, Any] = {}
    for field in fields(ExerciseDef):
        value = data.get(field.name)
        if field.name in AS_WRITTEN:
            given[field.name] = value
        elif value and field.name not in ("increment", "sled"):  # none or empty: the default
            given[field.name] = tuple(value) if isinstance(value, list) else value
    ratio = data.get("ratio")
    rep_range = data.get("rep_range") or DEFAULT_REP_RANGE
    return ExerciseDef(
        **given
        | {
            "name": " ".join(data["name"].split()),
            "equipment": _equipment(data),
            "laterality": Laterality(data.get("laterality") or Laterality.BILATERAL),
            "lower_is_better": bool(data.get("lower_is_better")),
            "source": str(data.get("source") or "custom")[:MAX_SOURCE],
            "ratio": (Decimal(str(ratio[0])), Decimal(str(ratio[1]))) if ratio else None,
            "rep_range": (int(rep_range[0]), int(rep_range[1])),
            "faq": tuple(FaqEntry(item["q"], item["a"]) for item in data.get("faq") or ()),
            "edited": bool(data.get("edited")),
        }
    )


# -- what a lifter types (`exercises add` and `edit`) -----------------------------------------


def clean_name(name: str) -> str:
    """A typed exercise name with its spaces tidied, refused when empty or too long."""
    clean = " ".join(refuse_controls(name, "an exercise name").split())
    if not normalize(clean):
        raise InvalidValue("an exercise needs a name with letters or digits")
    if len(clean) > MAX_NAME:
        raise InvalidValue(f"an exercise name can be at most {MAX_NAME} characters long")
    return clean


def check_alias(alias: str) -> None:
    if len(alias.strip()) > MAX_NAME:
        raise InvalidValue(f"an alias can be at most {MAX_NAME} characters long")


def check_choice(value: str | None, choices: Iterable[str], what: str) -> None:
    allowed = list(choices)
    if value is not None and value not in allowed:
        raise InvalidValue(f'{what} must be one of {", ".join(allowed)}, got "{value}"')


def clean_field(value: str, key: str) -> str:
    """A typed body part, target, difficulty, category or laterality: one line, lower case."""
    clean = " ".join(value.split()).lower()
    if len(clean) > MAX_FIELD:
        label = key.replace("_", " ")
        raise InvalidValue(f"the {label} can be at most {MAX_FIELD} characters long")
    return clean


def check_increment(increment: Decimal) -> Decimal:
    if increment <= 0:
        raise InvalidValue("the increment must be greater than 0")
    return increment


def check_sled(sled: Decimal) -> Decimal:
    if sled < 0:
        raise InvalidValue("the sled weight can't be negative")
    return sled


def check_rep_range(rep_range: tuple[int, int]) -> tuple[int, int]:
    if not is_rep_range(rep_range):
        raise InvalidValue(f"the rep range must be like 8-12, with 1 <= low <= high <= {MAX_REPS}")
    return rep_range


def parse_rep_range(text: str) -> tuple[int, int]:
    """ "8-12" -> (8, 12); the range itself is checked by check_rep_range."""
    try:
        low, high = (int(part) for part in text.split("-"))
    except ValueError:
        raise InvalidValue(f'rep range must look like 8-12, got "{text}"') from None
    return low, high


def parse_ratio(text: str) -> tuple[Decimal, Decimal]:
    """ "0.4-0.5", "40-50%" or "0.45" -> (low, high)."""
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
