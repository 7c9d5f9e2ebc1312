"""A fake database holding a few built-in exercises, for service tests on the in-memory unit
of work (tests/fakes.py): no database, milliseconds."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from tests.fakes import FakeUnitOfWork
from tracker.services.builtin_catalog import builtin_bytes
from tracker.services.catalog import sync_builtin


@cache
def _builtin_entries() -> dict[str, dict[str, Any]]:
    entries = json.loads(builtin_bytes())["exercises"]
    return {entry["name"]: entry for entry in entries}


def with_catalog(*names: str) -> FakeUnitOfWork:
    """A fake database holding these built-in exercises and their parents, as the catalog
    loader stores them (the whole catalog would cost 0.1 s a test)."""
    entries = _builtin_entries()
    wanted: dict[str, dict[str, Any]] = {}
    for name in names:
        entry: dict[str, Any] | None = entries[name]
        while entry is not None:
            wanted[entry["name"]] = entry
            entry = entries.get(entry.get("parent") or "")
    uow = FakeUnitOfWork()
    sync_builtin(uow, list(wanted.values()))
    uow.commit()
    uow.committed = False
    return uow

