"""Convert free-exercise-db records (yuhonas/free-exercise-db JSON) into catalog entries.

Pure: reads JSON text, returns values, touches no database. ``parse_file`` validates every
record before it returns anything and raises :class:`~tracker.domain.errors.ImportFailed`
naming the first bad record (records are numbered from 1, in file order).

Mapping decisions
-----------------
``level`` -> difficulty: beginner -> beginner, intermediate -> intermediate, expert -> advanced.

``equipment`` -> equipment (the values in ``EQUIPMENT``, mapped by
:func:`tracker.domain.equipment.equipment_key`): barbell and "e-z curl bar" -> barbell (both
are plate-loaded bars; the record keeps its ``source`` id for the detail), dumbbell -> dumbbell,
machine -> machine, cable -> cable, kettlebells -> kettlebell, "body only" -> bodyweight,
bands -> band; "medicine ball", "exercise ball", "foam roll", other and null -> other.

``primaryMuscles[0]`` -> target; further primary muscles, then ``secondaryMuscles``, -> secondary
(order kept, duplicates and the target dropped). body part from the target (``BODY_PART``):
quadriceps, hamstrings, glutes, calves, adductors, abductors -> legs; lats, middle back,
lower back, traps -> back; chest -> chest; shoulders and neck -> shoulders; biceps, triceps,
forearms -> arms; abdominals -> core.

``instructions`` -> steps, with tips moved out (see ``split_tips``). Laterality comes from the
name (see ``infer_laterality``); a non-bilateral entry gets a parent when its bilateral twin is
among the known names (see ``find_parent_name``) and then the default per-side ratio.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import product
from pathlib import Path
from typing import IO

from tracker.domain.equipment import Equipment, equipment_key
from tracker.domain.errors import ImportFailed
from tracker.domain.exercise_def import ExerciseDef
from tracker.domain.load_convention import COSTA_2015
from tracker.domain.loads import DEFAULT_UNILATERAL_RATIO
from tracker.domain.model import Difficulty, Laterality
from tracker.domain.names import normalize, singular
from tracker.importers.input_file import open_binary

SOURCE_PREFIX = "free-exercise-db:"
DEFAULT_RATIO_NOTE = (
    "Default estimate for a one-limb variant, not a measured value for this exercise: 40-50% "
    "of the parent's load per side, a little below the per-limb 1RM of about 50-56% of "
    f"bilateral measured on machines ({COSTA_2015}). A variant holding one dumbbell or "
    "kettlebell of a lift holding one per hand starts at 90-100% of it instead. Edit with "
    "tracker exercises edit."
)

LEVELS: Mapping[str, Difficulty] = {
    "beginner": Difficulty.BEGINNER,
    "intermediate": Difficulty.INTERMEDIATE,
    "expert": Difficulty.ADVANCED,
}

#: free-exercise-db equipment values (None = JSON null); anything else is a bad record.
EQUIPMENT: tuple[str | None, ...] = (
    "barbell",
    "e-z curl bar",
    "dumbbell",
    "machine",
    "cable",
    "kettlebells",
    "body only",
    "bands",
    "medicine ball",
    "exercise ball",
    "foam roll",
    "other",
    None,
)

#: target muscle -> body part.
BODY_PART: Mapping[str, str] = {
    muscle: part
    for part, muscles in {
        "legs": ("quadriceps", "hamstrings", "glutes", "calves", "adductors", "abductors"),
        "back": ("lats", "middle back", "lower back", "traps"),
        "chest": ("chest",),
        "shoulders": ("shoulders", "neck"),
        "arms": ("biceps", "triceps", "forearms"),
        "core": ("abdominals",),
    }.items()
    for muscle in muscles
}

CATEGORIES: frozenset[str] = frozenset(
    {
        "powerlifting",
        "strength",
        "stretching",
        "cardio",
        "olympic weightlifting",
        "strongman",
        "plyometrics",
    }
)


class InvalidRecords(ImportFailed):
    """Some records are malformed. The message names the first; ``problems`` lists all."""

    def __init__(self, problems: list[str]) -> None:
        more = len(problems) - 1
        suffix = f" (and {more} more invalid record{'s' if more != 1 else ''})" if more else ""
        super().__init__(problems[0] + suffix)
        self.problems: tuple[str, ...] = tuple(problems)


# --------------------------------------------------------------------------- laterality

_ALTERNATING = re.compile(r"\balternat(?:e|ing)\b|\bsee-saw\b", re.IGNORECASE)
_SINGLE_LIMB = re.compile(
    r"\bsingle[- ]?(?:arm|leg)|\bone[- ]?(?:arm|armed|leg|legged|hand|handed)\b"
    r"|\bunilateral\b|\bpistol\b",
    re.IGNORECASE,
)
_SPLIT_STANCE = re.compile(r"\blunge|\bsplit squat|\bstep[- ]?up|\bbulgarian", re.IGNORECASE)

#: Names that match a rule above but are bilateral (one throw, one cone, one dumbbell held in
#: both hands, bilateral lifts caught in a split stance).
BILATERAL_EXCEPTIONS: frozenset[str] = frozenset(
    normalize(n)
    for n in (
        "Chest Push (single response)",
        "Single-Cone Sprint Drill",
        "Single Dumbbell Raise",
        "Split Jerk",
        "Split Snatch",
    )
)


def infer_laterality(name: str) -> Laterality:
    """Laterality from an exercise name.

    Alternating words (alternate, alternating, see-saw) win, since both limbs work within the
    set even in an "Alternating Lunge"; then single-limb words (single-arm/leg, one-arm/leg/hand
    and their -ed forms, unilateral, pistol) and split-stance words (lunge, split squat,
    step-up, bulgarian) give unilateral. Everything else, and ``BILATERAL_EXCEPTIONS``, is
    bilateral.
    """
    if normalize(name) in BILATERAL_EXCEPTIONS:
        return Laterality.BILATERAL
    if _ALTERNATING.search(name):
        return Laterality.ALTERNATING
    if _SINGLE_LIMB.search(name) or _SPLIT_STANCE.search(name):
        return Laterality.UNILATERAL
    return Laterality.BILATERAL


# --------------------------------------------------------------------------- parent twin

_LATERALITY_WORD = re.compile(
    r"\b(?:(?:one|single)[- ]?(?P<limb>arm|leg|hand)(?:ed|ged)?|unilateral|alternat(?:e|ing))\b",
    re.IGNORECASE,
)


def _loose_key(name: str) -> str:
    """Plural and spacing tolerant key: "Pushups" == "Push-Up", "Leg Presses" == "Leg Press"."""
    return "".join(singular(w) for w in normalize(name).split())


def _replacements(match: re.Match[str]) -> tuple[str, ...]:
    limb = match.group("limb")
    if limb:
        word = limb.capitalize()
        # "Single-Leg Press" -> "Leg Press" (keep the limb) before "Press" (drop it all).
        return (f"Two-{word}", f"Double-{word}", "Double", word, "")
    return ("Two-Arm", "Double", "")


def _twin_candidates(name: str) -> Iterator[str]:
    """Names the bilateral twin may have, most explicit first (Two-Arm, Double, Leg, removed)."""
    matches = list(_LATERALITY_WORD.finditer(name))
    if not matches:
        return
    for choice in product(*(_replacements(m) for m in matches)):
        parts: list[str] = []
        last = 0
        for m, replacement in zip(matches, choice, strict=True):
            parts.append(name[last : m.start()])
            parts.append(replacement)
            last = m.end()
        parts.append(name[last:])
        yield " ".join("".join(parts).split())


class _NameIndex:
    def __init__(self, names: Iterable[str]) -> None:
        self.exact: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        for name in names:
            self.exact.setdefault(normalize(name), name)
            self.loose.setdefault(_loose_key(name), name)

    def parent_of(self, name: str) -> str | None:
        own = normalize(name)
        for candidate in _twin_candidates(name):
            for found in (
                self.exact.get(normalize(candidate)),
                self.loose.get(_loose_key(candidate)),
            ):
                if (
                    found is not None
                    and normalize(found) != own
                    and infer_laterality(found) is Laterality.BILATERAL
                ):
                    return found
        return None


def find_parent_name(unilateral_name: str, known_names: Iterable[str]) -> str | None:
    """The bilateral twin of a one-limb or alternating exercise, spelled as in ``known_names``.

    The laterality word (One-Arm, One Arm, Single-Leg, One-Legged, Unilateral, Alternate,
    Alternating ...) is replaced by Two-Arm/Two-Leg, Double-Leg, Double, the bare limb word
    ("Single-Leg Press" -> "Leg Press"), or nothing, in that order of preference; each result
    is looked up by ``normalize`` and then by a plural-tolerant key ("Single-Leg Leg Extension"
    -> "Leg Extensions", "Single-Arm Push-Up" -> "Pushups"). Only a bilateral name other than
    the input qualifies. Returns None when nothing matches, or when the name has no laterality
    word (lunges and split squats have no twin by name).
    """
    return _NameIndex(known_names).parent_of(unilateral_name)


# --------------------------------------------------------------------------- tips

_PAREN_TIP = re.compile(r"\s*\(\s*Tips?:\s*([^()]*)\)", re.IGNORECASE)
# "Tip:"/"Tips:" anywhere; a bare "Tip Ideally, ..." only where a sentence starts.
_TIP_LABEL = re.compile(r"\b(?i:tips?):\s*|(?:^|(?<=[.!?]\s))Tips?\s+(?=[A-Z])")
_DOUBLE_STOP = re.compile(r"\s*\.\s*\.(?!\.)")
_SENTENCE = re.compile(r"(?<=[.!?])(?:\s+|(?=[A-Z]))")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _sentences(text: str) -> list[str]:
    return [s for s in (_clean(p) for p in _SENTENCE.split(text)) if s]


def _as_tip(text: str) -> str:
    text = _clean(text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def split_tips(step: str) -> tuple[str, list[str], bool]:
    """Split one instruction into (step text, tips, dangling label).

    "(Tip: ...)" asides and everything after a "Tip:" label become tips; the tip runs to the end
    of the step, except that a later sentence about the starting position ("This will be your
    starting position.") stays in the step. ``dangling`` is True when the step ends with a bare
    "Tips:" label, so that the tip is the next step's first sentence.
    """
    tips: list[str] = []
    for aside in _PAREN_TIP.findall(step):
        tips.append(_as_tip(aside))
    text = _DOUBLE_STOP.sub(".", _PAREN_TIP.sub("", step))  # "head . (Tip: ...). At" -> "head. At"
    chunks = _TIP_LABEL.split(text)
    kept = [chunks[0]]
    dangling = False
    for chunk in chunks[1:]:
        sentences = _sentences(chunk)
        if not sentences:
            dangling = True
            continue
        dangling = False
        cut = next(
            (i for i, s in enumerate(sentences) if i > 0 and "starting position" in s.lower()),
            len(sentences),
        )
        tips.append(_as_tip(" ".join(sentences[:cut])))
        kept.extend(sentences[cut:])
    return _clean(" ".join(kept)), [t for t in tips if t], dangling


def _steps_and_tips(instructions: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    steps: list[str] = []
    tips: list[str] = []
    pending = False
    for raw in instructions:
        text, found, dangling = split_tips(raw)
        if pending and text:
            first, *rest = _sentences(text)
            tips.append(_as_tip(first))
            text = " ".join(rest)
        tips.extend(found)
        pending = dangling
        if text:
            steps.append(text)
    return tuple(steps), tuple(dict.fromkeys(tips))


# --------------------------------------------------------------------------- records


class _BadRecord(Exception):
    pass


_JSON_TYPES: Mapping[type, str] = {
    dict: "an object",
    list: "a list",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def _kind(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _label(index: int, record: object) -> str:
    if isinstance(record, dict):
        name = record.get("name")
        if isinstance(name, str) and name.strip():
            return f"record {index} ({json.dumps(_clean(name), ensure_ascii=False)})"
        ident = record.get("id")
        if isinstance(ident, str) and ident.strip():
            return f"record {index} (id {json.dumps(ident, ensure_ascii=False)})"
    return f"record {index}"


def _field(record: Mapping[str, object], key: str) -> object:
    if key not in record:
        raise _BadRecord(f'missing field "{key}"')
    return record[key]


def _text(record: Mapping[str, object], key: str) -> str:
    value = _field(record, key)
    if not isinstance(value, str) or not value.strip():
        raise _BadRecord(f'"{key}" must be a non-empty string, got {json.dumps(value)}')
    return _clean(value)


def _choice(record: Mapping[str, object], key: str, allowed: Iterable[str | None]) -> str | None:
    value = _field(record, key)
    options = list(allowed)
    if value not in options:
        listed = ", ".join("null" if o is None else o for o in options)
        raise _BadRecord(f'"{key}" must be one of {listed}, got {json.dumps(value)}')
    assert value is None or isinstance(value, str)
    return value


def _muscles(record: Mapping[str, object], key: str, *, non_empty: bool) -> list[str]:
    value = _field(record, key)
    if not isinstance(value, list) or (non_empty and not value):
        need = "a non-empty list" if non_empty else "a list"
        raise _BadRecord(f'"{key}" must be {need} of muscles, got {json.dumps(value)}')
    for muscle in value:
        if muscle not in BODY_PART:
            raise _BadRecord(
                f'"{key}" has unknown muscle {json.dumps(muscle)}; '
                f"expected one of {', '.join(BODY_PART)}"
            )
    return [str(m) for m in value]


def _instructions(record: Mapping[str, object]) -> list[str]:
    value = _field(record, "instructions")
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise _BadRecord(f'"instructions" must be a list of strings, got {_kind(value)}')
    return [str(s) for s in value]


def _convert(record: object) -> ExerciseDef:
    if not isinstance(record, dict):
        raise _BadRecord(f"expected an object, got {_kind(record)}")
    ident = _text(record, "id")
    name = _text(record, "name")
    level = _choice(record, "level", LEVELS)
    equipment = _choice(record, "equipment", EQUIPMENT)
    category = _choice(record, "category", sorted(CATEGORIES))
    primary = _muscles(record, "primaryMuscles", non_empty=True)
    secondary = _muscles(record, "secondaryMuscles", non_empty=False)
    steps, tips = _steps_and_tips(_instructions(record))
    assert level is not None and category is not None
    target = primary[0]
    return ExerciseDef(
        name=name,
        body_part=BODY_PART[target],
        equipment=equipment_key(equipment or Equipment.OTHER),
        target=target,
        secondary=tuple(m for m in dict.fromkeys(primary[1:] + secondary) if m != target),
        difficulty=LEVELS[level],
        category=category,
        laterality=infer_laterality(name),
        steps=steps,
        tips=tips,
        source=SOURCE_PREFIX + ident,
    )


def convert_records(data: object, *, known_names: Iterable[str] = ()) -> list[ExerciseDef]:
    """Convert already-decoded JSON. ``known_names`` (e.g. the catalog) may hold parents.

    Raises :class:`InvalidRecords` (an ``ImportFailed``) after checking every record, so that a
    returned list is always complete.
    """
    if not isinstance(data, list):
        raise ImportFailed(
            f"expected a JSON list of exercise records at the top level, got {_kind(data)}"
        )
    entries: list[ExerciseDef] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(data, start=1):
        try:
            entry = _convert(record)
        except _BadRecord as exc:
            problems.append(f"{_label(index, record)}: {exc}")
            continue
        first = seen.setdefault(normalize(entry.name), index)
        if first != index:
            problems.append(f"{_label(index, record)}: duplicate name, same as record {first}")
            continue
        entries.append(entry)
    if problems:
        raise InvalidRecords(problems)

    index_of_names = _NameIndex([*known_names, *(e.name for e in entries)])
    result: list[ExerciseDef] = []
    for entry in entries:
        parent = None
        if entry.laterality is not Laterality.BILATERAL:
            parent = index_of_names.parent_of(entry.name)
        if parent is not None:
            entry = _with_parent(entry, parent)
        result.append(entry)
    return result


def _with_parent(entry: ExerciseDef, parent: str) -> ExerciseDef:
    return replace(
        entry, parent=parent, ratio=DEFAULT_UNILATERAL_RATIO, ratio_note=DEFAULT_RATIO_NOTE
    )


def _read(source: str | os.PathLike[str] | IO[str] | IO[bytes]) -> str:
    if isinstance(source, str | os.PathLike):
        try:
            with open_binary(Path(source)) as handle:  # bounded: not /dev/zero whole
                raw: str | bytes = handle.read()
        except OSError as exc:
            raise ImportFailed(f"cannot read {os.fspath(source)}: {exc.strerror}") from exc
    else:
        raw = source.read()
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(f"not UTF-8 text at byte {exc.start}") from exc
    return raw.removeprefix("\ufeff")


def parse_file(
    source: str | os.PathLike[str] | IO[str] | IO[bytes], *, known_names: Iterable[str] = ()
) -> list[ExerciseDef]:
    """Read a free-exercise-db JSON file (path or open stream) into catalog entries.

    Every record is validated before anything is returned. Errors raise ``ImportFailed``:
    ``not valid JSON at line L column C: ...``, a top level that is not a list, or
    ``record N ("Name"): ...`` for the first malformed record (``InvalidRecords``).
    """
    text = _read(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError:
        raise ImportFailed("not a free-exercise-db file: values nested too deeply") from None
    return convert_records(data, known_names=known_names)
