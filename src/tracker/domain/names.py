"""Exercise-name normalisation and resolution (pure)."""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(name: str) -> str:
    """Case- and punctuation-insensitive key: "Single-Leg  Press" -> "single leg press"."""
    return _NON_ALNUM.sub(" ", name.lower()).strip()
