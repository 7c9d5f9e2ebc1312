"""A fake database holding a few built-in exercises, for service tests on the in-memory unit
of work (tests/fakes.py): no database, milliseconds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from tests.fakes import FakeCatalogRows, FakeUnitOfWork
from tracker.adapters.orm import Exercise
from tracker.catalog.builtin import builtin_bytes
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



class LiftersCatalogRows(FakeCatalogRows):
    """The catalog as the database shows it to one lifter: built-ins and the viewer's own
    custom exercises; another lifter's are hidden, yet hold their names (names are unique
    database-wide), as `visible_exercises` and `key_taken_by_another_lifter` do in SQL."""

    def _visible(self, exercise: Exercise) -> bool:
        return exercise.owner_id is None or exercise.owner_id == self.store.viewer

    def exercise_names(self) -> list[tuple[str, list[str]]]:
        return [(e.name, [a.alias for a in e.aliases]) for e in self.exercises()]

    def exercise(self, name: str) -> Exercise | None:
        return next((e for e in self.exercises() if e.name == name), None)

    def exercise_by_key(self, key: str) -> Exercise | None:
        return next((e for e in self.exercises() if e.key == key), None)

    def alias_owner(self, key: str) -> Exercise | None:
        return next((e for e in self.exercises() if key in {a.key for a in e.aliases}), None)

    def exercises(self) -> Sequence[Exercise]:
        return [e for e in super().exercises() if self._visible(e)]

    def key_taken_by_another_lifter(self, key: str) -> bool:
        hidden = [e for e in self.store.table(Exercise) if not self._visible(e)]
        return any(e.key == key or key in {a.key for a in e.aliases} for e in hidden)


def with_lifters(*names: str, catalog: tuple[str, ...] = ()) -> FakeUnitOfWork:
    """A fake database with these lifters (the first one is the command's) whose catalog
    hides each lifter's custom exercises from the others."""
    uow = with_catalog(*catalog) if catalog else FakeUnitOfWork()
    uow.catalog = LiftersCatalogRows(uow.store)
    for name in names:
        uow.lifters.add_lifter_if_missing(name, "kg")
    uow.catalog.viewer_name = names[0]
    uow.committed = False
    return uow
