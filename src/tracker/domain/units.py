"""Units and exact load arithmetic.

Loads are Decimals, never floats: 1 lb = 0.45359237 kg exactly (international pound, 1959).
Rounding happens only for display.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from tracker.domain.errors import InvalidValue

KG_PER_LB = Decimal("0.45359237")
# A typed or restored increment, sled or body weight is below this (in its own unit).
MAX_NUMBER = Decimal(10_000)


class Unit(StrEnum):
    KG = "kg"
    LB = "lb"

    @classmethod
    def parse(cls, text: str) -> Unit:
        """Accept what lifters type: kg, kgs, kilo(s), lb, lbs, pound(s)."""
        key = text.strip().lower().rstrip(".")
        aliases = {
            "kg": cls.KG, "kgs": cls.KG, "kilo": cls.KG, "kilos": cls.KG, "kilogram": cls.KG,
            "kilograms": cls.KG, "lb": cls.LB, "lbs": cls.LB, "pound": cls.LB, "pounds": cls.LB,
        }
        try:
            return aliases[key]
        except KeyError:
            raise InvalidValue(f"unknown unit {text!r}: use kg or lb") from None


def convert(load: Decimal, from_unit: Unit, to_unit: Unit) -> Decimal:
    """Convert exactly between kg and lb (no rounding)."""
    if from_unit == to_unit:
        return load
    if from_unit == Unit.LB:
        return load * KG_PER_LB
    return load / KG_PER_LB


def round_display(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up for display only; stored values keep full precision."""
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(4)}


def plain(value: Decimal) -> Decimal:
    """Without trailing zeros or exponent notation: 60.00 -> 60, 61.250 -> 61.25, -0 -> 0."""
    if value == value.to_integral_value():
        # Adding 0 turns Decimal("-0") into Decimal("0"), which formats without the sign.
        return value.quantize(Decimal(1)) + 0
    return value.normalize()


def exact_text(value: Decimal) -> str:
    """Every digit the value has and no more: 60.00 -> "60", 2.500 -> "2.5", 1E+2 -> "100".

    For values stored or read back as typed (settings, increments, specs); display rounds
    with :func:`format_load` instead.
    """
    return f"{plain(value):f}"


def format_load(value: Decimal, places: int = 2) -> str:
    """Shortest readable form: 60 -> "60", 61.25 -> "61.25", 61.2349 -> "61.23"."""
    text = f"{round_display(value, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def rounded_number(value: Decimal, places: int = 2) -> float:
    """A figure for report JSON: rounded half-up for display, always a float (95.456 -> 95.46)."""
    return float(round_display(value, places))


def as_number(value: Decimal) -> int | float:
    """A Decimal as the JSON number a script expects: 60 -> 60, 61.25 -> 61.25."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return int(normal)
    return float(normal)
