"""The built-in catalog as the package ships it (builtin.json), below the services: the
catalog refresh reads its bytes, and the card and suggest's rules read one entry of it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def builtin_bytes() -> bytes:
    return (resources.files("tracker.catalog") / "builtin.json").read_bytes()


def builtin_entry(name: str) -> dict[str, Any] | None:
    """The built-in card of ``name`` as shipped (read only where a rule needs a field the
    database does not keep, such as a missing rep range)."""
    entries: list[dict[str, Any]] = json.loads(builtin_bytes())["exercises"]
    return next((entry for entry in entries if entry["name"] == name), None)
