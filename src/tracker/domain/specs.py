"""The set syntax lifters type between sets: ``10x60``, ``3x10x60kg``, ``12xBW``, ``8xBW+20``.

Grammar (case-insensitive; spaces around tokens are ignored; ``x``, ``*`` or ``×`` separate
tokens; a decimal comma is read as a point, so ``61,25`` is ``61.25``)::

    spec  := [SETS sep] REPS [sep LOAD]
    LOAD  := NUMBER [UNIT] | "bw" ["+" NUMBER [UNIT]]
    UNIT  := kg | kgs | kilo(s) | lb | lbs | pound(s)   (see Unit.parse)

A spec without a load (``12``) is a bodyweight set.  ``8xBW+20`` is bodyweight plus 20 added
(belt, vest): load 20, bodyweight True.  Without a unit the lifter's default unit applies
(unit None).  ``3x10x60`` is three identical sets.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.model import SetSpec
from tracker.domain.units import Unit

MAX_REPS = 100
MAX_SETS = 20
MAX_LOAD = Decimal(2000)
MAX_LOAD_PLACES = 3
_LOAD_QUANTUM = Decimal(1).scaleb(-MAX_LOAD_PLACES)

# ASCII digits only: \d would also accept Arabic-Indic and other digits that int() reads.
_SEPARATOR = re.compile(r"\s*[x*×]\s*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_LOAD = re.compile(r"(?P<number>[+-]?[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[a-z]+)?")
_BODYWEIGHT = re.compile(r"bw(?:\s*(?P<sign>[+-])\s*(?P<added>.+))?")
_RPE = re.compile(r"[0-9]+(?:\.[0-9]+)?")

_HELP = "write REPSxLOAD such as 10x60, 10x60kg, 3x10x60 or 12 for bodyweight"


def shown(text: str, limit: int = 40) -> str:
    """User input as it may appear in a one-line message: whitespace collapsed, long text cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _malformed(text: str, detail: str = _HELP) -> InvalidSpec:
    return InvalidSpec(f'can\'t read set "{shown(text)}": {detail}')


def parse_spec(text: str) -> list[SetSpec]:
    """Read one typed spec into its sets; ``3x10x60`` gives three equal SetSpecs."""
    tokens = _SEPARATOR.split(text.strip().lower().replace(",", "."))
    if any(not token for token in tokens) or len(tokens) > 3:
        raise _malformed(text)
    count = _parse_count("set count", tokens[0], MAX_SETS, text) if len(tokens) == 3 else 1
    reps = _parse_count("reps", tokens[-2] if len(tokens) > 1 else tokens[0], MAX_REPS, text)
    if len(tokens) == 1:
        spec = SetSpec(reps=reps, load=None, unit=None, bodyweight=True)
    else:
        spec = _parse_load(tokens[-1], reps, text)
    return [spec] * count  # SetSpec is frozen, so sharing one instance is safe


def _parse_count(what: str, token: str, limit: int, text: str) -> int:
    """A whole number 1..limit (reps or set count)."""
    if not _INTEGER.fullmatch(token):
        raise _malformed(text)
    # Length check first: int() refuses strings of more than 4300 digits.
    value = int(token) if len(token) <= 12 else None
    if value is None or not 1 <= value <= limit:
        got = value if value is not None else shown(token)
        raise InvalidValue(f"{what} must be between 1 and {limit}, got {got}")
    return value


def _parse_load(token: str, reps: int, text: str) -> SetSpec:
    """The last token: a load with optional unit, or bodyweight with optional added load."""
    bodyweight = _BODYWEIGHT.fullmatch(token)
    if bodyweight is None:
        load, unit = _parse_weight(token, text)
        return SetSpec(reps=reps, load=load, unit=unit)
    if bodyweight["added"] is None:
        return SetSpec(reps=reps, load=None, unit=None, bodyweight=True)
    load, unit = _parse_weight(bodyweight["sign"] + bodyweight["added"], text)
    return SetSpec(reps=reps, load=load, unit=unit, bodyweight=True)


def _parse_weight(token: str, text: str) -> tuple[Decimal, Unit | None]:
    """``60``, ``61.25kg``, ``135 lbs`` -> (Decimal, Unit or None)."""
    match = _LOAD.fullmatch(token)
    if match is None:
        raise _malformed(text)
    unit = _parse_unit(match["unit"], text) if match["unit"] else None
    return _check_load(Decimal(match["number"])), unit


def _parse_unit(word: str, text: str) -> Unit:
    try:
        return Unit.parse(word)
    except InvalidValue:
        # Re-raised as InvalidSpec: a wrong suffix is a malformed set, not a range problem.
        raise _malformed(text, f'unknown unit "{shown(word)}"; use kg or lb') from None


def _check_load(load: Decimal) -> Decimal:
    """Refuse negative, absurd or over-precise loads; drop trailing zeros (60.50 -> 60.5)."""
    got = shown(str(load))
    if load < 0:
        raise InvalidValue(
            f"load can't be negative, got {got}: write the weight lifted, e.g. 10x60"
        )
    # The range check comes first so that _plain never sees more digits than the context holds.
    if load > MAX_LOAD:
        raise InvalidValue(f"load must be between 0 and {MAX_LOAD}, got {got}")
    plain = _plain(load)
    if plain != plain.quantize(_LOAD_QUANTUM):
        raise InvalidValue(f"load can have at most {MAX_LOAD_PLACES} decimal places, got {got}")
    return plain


def _plain(value: Decimal) -> Decimal:
    """Without trailing zeros or exponent notation: 60.00 -> 60, 61.250 -> 61.25, -0 -> 0."""
    if value == value.to_integral_value():
        # Adding 0 turns Decimal("-0") into Decimal("0"), which formats without the sign.
        return value.quantize(Decimal(1)) + 0
    return value.normalize()


def format_spec(spec: SetSpec, default_unit: Unit | None = None) -> str:
    """Text that parse_spec reads back to ``spec`` (one set, no set count).

    The unit is written unless it is None or equals ``default_unit``; so with a default unit
    the text reads back as unit None, which means the same load for that lifter.
    """
    unit = "" if spec.unit is None or spec.unit == default_unit else str(spec.unit)
    if spec.load is None:
        return f"{spec.reps}" + ("xBW" if spec.bodyweight else "")
    load = f"{_plain(spec.load):f}{unit}"
    return f"{spec.reps}xBW+{load}" if spec.bodyweight else f"{spec.reps}x{load}"


def parse_rpe(text: str) -> Decimal:
    """Rate of perceived exertion: 1 to 10 in half points ("8", "8.5", "9,5")."""
    cleaned = text.strip().replace(",", ".")
    value = Decimal(cleaned) if _RPE.fullmatch(cleaned) else None
    if value is None or not 1 <= value <= 10 or (value * 2) % 1 != 0:
        raise InvalidValue(f"RPE must be 1 to 10 in half points, got {shown(text)}")
    return _plain(value)
