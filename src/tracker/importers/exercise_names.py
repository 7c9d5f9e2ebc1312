"""Exercise names as apps write them: side markers, equipment suffixes, names to try.

``split_side("Lunge (R)")`` -> ``("Lunge", Side.RIGHT)``;
``normalize_exercise_name("Bench Press (Barbell)")`` -> ``("Bench Press", "barbell")``;
``candidate_names(...)`` lists spellings to look up in the catalog, most specific first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.domain.equipment import LEADING_WORDS, name_hint, written_in_name
from tracker.domain.model import Side
from tracker.domain.names import normalize, plural, singular

_SIDES = {"left": Side.LEFT, "l": Side.LEFT, "lt": Side.LEFT,
          "right": Side.RIGHT, "r": Side.RIGHT, "rt": Side.RIGHT}
# A side inside brackets or after the name may name the limb: "(Left Leg)", "- Right Arm".
_SIDE_PHRASE = re.compile(r"(left|right|l|r|lt|rt)(?:\s+(?:side|arm|leg|hand|foot))?", re.I)
_GROUP = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_SEPARATOR = r"(?:\s*[-\u2013\u2014_:,]\s*|\s+)"
_TRAILING = re.compile(
    rf"(?P<base>.*?[^\s\-\u2013\u2014_:,]){_SEPARATOR}(?P<side>{_SIDE_PHRASE.pattern})\s*", re.I
)
# Only whole words lead: "L-Sit" and "R ..." stay as they are.
_LEADING = re.compile(rf"(?P<side>left|right)(?:\s+side)?{_SEPARATOR}(?P<base>\S.*)", re.I)
_LOOSE_ENDS = re.compile(r"^[\s\-\u2013\u2014_:,]+|[\s\-\u2013\u2014_:,]+$")

# Words outside brackets that only say which equipment is used: "Flat Barbell Bench Press",
# "DB Curl". Brackets are skipped whole: their words are judged as a suffix. Longest first, so
# "Smith Machine" goes whole; "EZ Bar" may be written "EZ-Bar".
_LEADING_WORDS = sorted(LEADING_WORDS, key=lambda word: (-len(word), word))
_WORD_EQUIPMENT = re.compile(
    r"(?P<group>\([^()]*\))|\b(?P<word>"
    + "|".join(r"[- ]".join(map(re.escape, word.split())) for word in _LEADING_WORDS)
    + r")\b",
    re.I,
)
_LEADING_FLAT = re.compile(r"^flat\s+(?=\S)", re.I)
_TRAILING_GROUP = re.compile(r"(?P<base>.*?)\s*\((?P<group>[^()]*)\)\s*")
_INVERTED = re.compile(r"(?P<head>.+?)\s*(?:,|\s[-\u2013\u2014]\s)\s*(?P<tail>.+)")


def _clean(text: str) -> str:
    return _LOOSE_ENDS.sub("", " ".join(text.split()))


def _side_of(phrase: str) -> Side | None:
    match = _SIDE_PHRASE.fullmatch(phrase.strip())
    return _SIDES[match.group(1).lower()] if match else None


def _strip_side_once(name: str) -> tuple[str, list[Side]]:
    found: list[Side] = []

    def drop_from_group(match: re.Match[str]) -> str:
        parts = [part.strip() for part in match.group(1).split(",")]
        keep = []
        for part in parts:
            side = _side_of(part)
            if side is None:
                keep.append(part)
            else:
                found.append(side)
        if len(keep) == len(parts):
            return match.group(0)
        return f" ({', '.join(keep)})" if keep else ""

    text = _GROUP.sub(drop_from_group, name)
    trailing = _TRAILING.fullmatch(text)
    if trailing:
        found.append(_SIDES[trailing.group("side").split()[0].lower()])
        text = trailing.group("base")
    leading = _LEADING.fullmatch(text)
    if leading:
        found.append(_SIDES[leading.group("side").lower()])
        text = leading.group("base")
    return _clean(text), found


@lru_cache(maxsize=4096)  # exports repeat a few hundred names thousands of times
def split_side(name: str) -> tuple[str, Side | None]:
    """Take a side marker off an exercise name.

    Recognised: ``"(Left)"``, ``"(R)"``, ``"[Left Leg]"``, ``"(Dumbbell, Left)"``, a trailing
    standalone ``L``/``R``/``Left``/``Right`` after a space or dash (``"Hanging Leg Raise L"``,
    ``"Single Leg Press - Right"``) and a leading ``Left``/``Right`` word. Letters inside words
    are never taken (``"Leg Raise"``, ``"L-Sit"``), and a name that names both sides
    (``"Lunge L/R"``, ``"Left-Right Lunge"``) keeps its text and gets no side.
    """
    original = _clean(name)
    text, found = _strip_side_once(original)
    if len(found) != 1 or not text:
        return original, None
    _, more = _strip_side_once(text)
    if more:
        return original, None
    return text, found[0]


def normalize_exercise_name(raw: str) -> tuple[str, str | None]:
    """Base name and equipment hint.

    ``"Flat Barbell Bench Press"`` -> ``("Bench Press", "barbell")``.

    Removes a trailing equipment suffix such as ``"(Dumbbell)"`` or ``"(Smith Machine)"``,
    equipment words inside the name (Barbell, Dumbbell, Cable, Machine, DB ...) and a leading
    "Flat". Other brackets stay: ``"Back Extension (Weighted Hyperextension)"``.
    """
    name = _clean(raw)
    equipment: str | None = None
    group = _TRAILING_GROUP.fullmatch(name)
    if group:
        hint = name_hint(group.group("group"))
        if hint is not None and group.group("base").strip():
            equipment = hint
            name = _clean(group.group("base"))
    words_found: list[str] = []

    def drop_word(match: re.Match[str]) -> str:
        if match.group("group"):
            return match.group("group")
        words_found.append(match.group("word"))
        return " "

    stripped = _clean(_WORD_EQUIPMENT.sub(drop_word, name))
    if words_found and stripped and stripped.lower() != "flat":
        name = stripped
        if equipment is None:
            equipment = _hint(words_found[0])
    unflat = _LEADING_FLAT.sub("", name, count=1)
    if unflat != name and unflat.strip():
        name = _clean(unflat)
    return name, equipment


def _hint(word: str) -> str:
    hint = name_hint(word)
    assert hint is not None, word  # the pattern finds only vocabulary words
    return hint


def _number_variants(name: str) -> list[str]:
    """Singular and plural: "Leg Extension" <-> "Leg Extensions", "Pull Up" -> "Pullups"."""
    words = name.split()
    if not words:
        return []
    last = words[-1]
    variants = []
    one = singular(last)
    if one != last:
        variants.append(" ".join([*words[:-1], one]))
    elif (more := plural(last)) is not None:
        variants.append(f"{name[: -len(last)]}{more}")
    if len(words) >= 2 and last.lower() in {"up", "ups"}:
        joined = " ".join([*words[:-2], words[-2] + "up"])
        variants.extend([joined, f"{joined}s"])
    return variants


def candidate_names(raw: str) -> list[str]:
    """Names to try against a catalog, in order; compare each with ``names.normalize``.

    ``"Bent Over Row (Barbell)"`` -> ``["Bent Over Row (Barbell)", "Barbell Bent Over Row",
    "Bent Over Barbell Row", "Bent Over Row Barbell", "Bent Over Row", ...]``: the name as
    written (and without its side), then the base name with its equipment, then the bare base
    name, then word-order variants (``"Lat Pulldown - Close Grip"`` -> ``"Close Grip Lat
    Pulldown"``) and singular/plural forms. Spellings that normalise alike appear once.
    """
    seen: set[str] = set()
    out: list[str] = []
    unsided, _ = split_side(raw)
    base, equipment = normalize_exercise_name(unsided)
    pluralisable = [unsided, base]  # and the names added with ``plurals``, in order

    def add(name: str, plurals: bool = False) -> None:
        if plurals:
            pluralisable.append(name)
        name = _clean(name)
        key = normalize(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)

    add(raw)
    add(unsided)
    title = written_in_name(equipment) if equipment is not None else None
    if title is not None:
        words = base.split()
        add(f"{title} {base}", plurals=True)
        if len(words) >= 3 and not _INVERTED.fullmatch(base):
            add(" ".join([*words[:-1], title, words[-1]]), plurals=True)  # "Bent Over Barbell Row"
        add(f"{base} {title}")  # "Ab Crunch Machine"
    add(base)
    inverted = _INVERTED.fullmatch(base)
    if inverted:
        swapped = f"{inverted.group('tail')} {inverted.group('head')}"
        add(swapped, plurals=True)
        if title is not None:
            add(f"{title} {swapped}")
    for name in pluralisable:
        for variant in _number_variants(name):
            add(variant)
    return out
