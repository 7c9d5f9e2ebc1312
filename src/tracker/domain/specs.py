"""The set syntax lifters type between sets: ``10x60``, ``3x10x60kg``, ``12xBW``, ``8xBW+20``.

Grammar (case-insensitive; spaces around tokens are ignored; ``x``, ``*`` or ``×`` separate
tokens; a decimal comma is read as a point, so ``61,25`` is ``61.25``)::

    spec    := [SETS sep] WORK [sep LOAD]
    WORK    := REPS | DURATION | DISTANCE
    DURATION:= N "s" | N "sec" | [H ":"] M ":" SS[.d] | N "min"  (45s, 2.31s, 1:30.5, 2min)
    DISTANCE:= N "m" | N "cm" | N "km" | N "mi"          (m is always metres; 152cm is 1.52m)
    LOAD    := NUMBER [UNIT] | "bw" [("+" | "-") NUMBER [UNIT]]
    UNIT    := kg | kgs | kilo(s) | lb | lbs | pound(s)   (see Unit.parse)

A spec without a load (``12``, ``45s``) is a bodyweight set; the service refuses it on an
exercise whose equipment needs a load.  ``8xBW+20`` is bodyweight plus 20 added (belt, vest):
load 20, bodyweight True; ``8xBW-20`` is assisted (load -20).  ``0x60`` is a failed attempt.
A timed or distance set may carry a load: ``40mx24`` (a carry), ``60sx10`` (a weighted plank).
Without a unit the lifter's default unit applies (unit None).  ``3x10x60`` is three identical
sets, ``3x45s`` three 45-second holds.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.model import SetSpec
from tracker.domain.units import Unit, exact_text, plain

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
_DURATION = re.compile(
    r"(?P<seconds>[0-9]+(?:\.[0-9]+)?)\s*(?:s|sec|secs)"
    r"|(?:(?P<clock_h>[0-9]{1,2}):(?=[0-5][0-9]:))?(?P<clock_m>[0-9]+)"
    r":(?P<clock_s>[0-5][0-9](?:\.[0-9]+)?)"
    r"|(?P<minutes>[0-9]+(?:\.[0-9]+)?)\s*(?:min|mins)"
)
_DISTANCE = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>cm|m|km|mi)")
MAX_DURATION_S = 24 * 3600
MAX_DURATION_PLACES = 3  # a hop test is timed to the hundredth; a stopwatch shows thousandths
# In the distance's own unit: a 100 km ride typed in metres, a 1000 km one in km or miles.
MAX_DISTANCE = {"m": Decimal(100_000), "km": Decimal(1000), "mi": Decimal(1000)}

_HELP = "write REPSxLOAD such as 10x60, 10x60kg, 3x10x60, 12xBW, or a time or distance (45s, 400m)"


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
    # "3x45s" is three holds, not 3 reps at a load of 45s: a measure in second place is work.
    if len(tokens) == 2 and _measure(tokens[1], text) is not None:
        tokens = [tokens[0], tokens[1], ""]
    count = _parse_count("set count", tokens[0], MAX_SETS, text) if len(tokens) == 3 else 1
    work = tokens[-2] if len(tokens) > 1 else tokens[0]
    last = tokens[-1] if len(tokens) > 1 else ""
    measure = _measure(work, text)
    if measure is not None:
        reps = 0
    else:
        reps = _parse_count("reps", work, MAX_REPS, text, minimum=0)
    if not last:
        spec = SetSpec(reps=reps, load=None, unit=None, bodyweight=True, load_given=False)
    else:
        spec = _parse_load(last, reps, text)
    if measure is not None:
        spec = replace(spec, duration_s=measure[0], distance=measure[1], distance_unit=measure[2])
    return [spec] * count  # SetSpec is frozen, so sharing one instance is safe


def typed_seconds(token: str) -> Decimal | None:
    """The seconds of a time as lifters type it (`45s`, `90 sec`, `1:30`, `1:05:00`, `2min`,
    `1.5min`), not yet checked against any limit; None when ``token`` is no time. The set
    syntax and rest (``routines.parse_rest``) both read times through it."""
    duration = _DURATION.fullmatch(token)
    if duration is None:
        return None
    number = duration["seconds"] or duration["clock_m"] or duration["minutes"]
    if duration["seconds"] is not None:
        return Decimal(number)
    if duration["clock_m"] is not None:
        hours = int(duration["clock_h"] or "0")
        return (hours * 60 + Decimal(number)) * 60 + Decimal(duration["clock_s"])
    return Decimal(number) * 60


def _measure(token: str, text: str) -> tuple[Decimal | None, Decimal | None, str | None] | None:
    """(duration_s, distance, distance_unit) of a time or distance; None for anything else.
    Centimetres are stored as the same distance in metres (exact: 152cm is 1.52m)."""
    seconds = typed_seconds(token) if len(token) <= 24 else None
    if seconds is not None:
        if not 0 < seconds <= MAX_DURATION_S or seconds != round(seconds, MAX_DURATION_PLACES):
            raise InvalidValue(
                f"a time must be more than 0 s and at most {MAX_DURATION_S // 3600} hours "
                f"({MAX_DURATION_PLACES} decimals at most), got {shown(token)}"
            )
        return plain(seconds), None, None
    distance = _DISTANCE.fullmatch(token)
    if distance is not None:
        number, unit = distance["number"], str(distance["unit"])
        value = Decimal(number) if len(number) <= 12 else None
        if value is not None and unit == "cm":
            value, unit = value / 100, "m"
        most = MAX_DISTANCE[unit]
        if value is None or not 0 < value <= most or value != value.quantize(_LOAD_QUANTUM):
            raise InvalidValue(
                f"a distance must be more than 0 and at most {most} {unit} "
                f"with at most {MAX_LOAD_PLACES} decimals, got {shown(token)}"
            )
        return None, plain(value), unit
    return None


def _parse_count(what: str, token: str, limit: int, text: str, minimum: int = 1) -> int:
    """A whole number minimum..limit (reps or set count)."""
    if not _INTEGER.fullmatch(token):
        raise _malformed(text)
    # Length check first: int() refuses strings of more than 4300 digits.
    value = int(token) if len(token) <= 12 else None
    if value is None or not minimum <= value <= limit:
        got = value if value is not None else shown(token)
        raise InvalidValue(f"{what} must be between {minimum} and {limit}, got {got}")
    return value


def _parse_load(token: str, reps: int, text: str) -> SetSpec:
    """The last token: a load with optional unit, or bodyweight with optional added load.

    ``bw-20`` is an assisted set (a machine or band takes 20 off): load -20.
    """
    bodyweight = _BODYWEIGHT.fullmatch(token)
    if bodyweight is None:
        load, unit = _parse_weight(token, text)
        return SetSpec(reps=reps, load=load, unit=unit)
    if bodyweight["added"] is None:
        return SetSpec(reps=reps, load=None, unit=None, bodyweight=True)
    if bodyweight["added"].strip().startswith(("+", "-")):
        raise _malformed(text)
    load, unit = _parse_weight(bodyweight["added"], text)
    if bodyweight["sign"] == "-":
        if load == 0:
            raise _malformed(text, "write the assistance, such as 8xBW-20")
        load = -load
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
    # The range check comes first so that plain never sees more digits than the context holds.
    if load > MAX_LOAD:
        raise InvalidValue(f"load must be between 0 and {MAX_LOAD}, got {got}")
    exact = plain(load)
    if exact != exact.quantize(_LOAD_QUANTUM):
        raise InvalidValue(f"load can have at most {MAX_LOAD_PLACES} decimal places, got {got}")
    return exact


def format_spec(spec: SetSpec, default_unit: Unit | None = None) -> str:
    """Text that parse_spec reads back to ``spec`` (one set, no set count).

    The unit is written unless it is None or equals ``default_unit``; so with a default unit
    the text reads back as unit None, which means the same load for that lifter.
    """
    unit = "" if spec.unit is None or spec.unit == default_unit else str(spec.unit)
    work = str(spec.reps)
    if spec.duration_s is not None:
        work = f"{exact_text(spec.duration_s)}s"
    elif spec.distance is not None:
        work = f"{exact_text(spec.distance)}{spec.distance_unit}"
    if spec.load is None:
        return work + ("xBW" if spec.bodyweight and spec.load_given else "")
    load = f"{exact_text(abs(spec.load))}{unit}"
    if spec.bodyweight:
        return f"{work}xBW{'-' if spec.load < 0 else '+'}{load}"
    return f"{work}x{load}"


def parse_set(
    text: str, default_rpe: Decimal | None = None
) -> list[tuple[SetSpec, Decimal | None]]:
    """One typed set spec with an optional ``@RPE`` suffix, as `log` and `set edit` read it."""
    spec_text, at_sign, rpe_text = text.partition("@")
    rpe = parse_rpe(rpe_text) if at_sign else default_rpe
    return [(spec, rpe) for spec in parse_spec(spec_text)]


def parse_rpe(text: str) -> Decimal:
    """Rate of perceived exertion: 1 to 10 in half points ("8", "8.5", "9,5")."""
    cleaned = text.strip().replace(",", ".")
    value = Decimal(cleaned) if _RPE.fullmatch(cleaned) else None
    if value is None or not 1 <= value <= 10 or (value * 2) % 1 != 0:
        raise InvalidValue(f"RPE must be 1 to 10 in half points, got {shown(text)}")
    return plain(value)
