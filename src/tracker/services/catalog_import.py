"""Importing exercises from the free-exercise-db JSON format: all or nothing, idempotent."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from tracker.adapters.orm import Exercise
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.catalog.free_exercise_db import SOURCE_PREFIX, parse_file
from tracker.domain.exercise_def import ExerciseDef
from tracker.domain.load_convention import (
    COSTA_2015,
    PER_IMPLEMENT_RATIO,
    holds_one_per_hand,
    per_implement_note,
)
from tracker.domain.model import Laterality
from tracker.domain.names import MAX_NAME, MAX_SOURCE, normalize
from tracker.services.catalog import (
    Written,
    exercise_convention,
    link_parents_and_aliases,
    place_exercise,
)


@dataclass
class CatalogImportReport:
    added: int = 0
    matched: int = 0
    linked: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)

    def skipped_reasons(self) -> dict[str, int]:
        return dict(Counter(reason for _, reason in self.skipped))


def import_free_exercise_db(uow: AbstractUnitOfWork, path: Path) -> CatalogImportReport:
    """Add the file's exercises that the catalog lacks; match the ones it has by name.

    The whole file is validated before anything is written, and one transaction stores it.
    """
    report = CatalogImportReport()
    with uow:
        catalog = uow.catalog
        existing = list(catalog.exercises())
        entries = parse_file(path, known_names=[ex.name for ex in existing])
        by_key: dict[str, Exercise] = {ex.key: ex for ex in existing}
        taken = {a.key: ex.id for ex in existing for a in ex.aliases}
        for ex in existing:
            for alias in ex.aliases:
                by_key.setdefault(alias.key, ex)
        added: list[Written] = []
        for entry in entries:
            key = normalize(entry.name)
            problem = _unusable(entry, key)
            if problem is not None:
                report.skipped.append((entry.name, problem))
                continue
            if key in by_key:
                report.matched += 1
                continue
            if entry.laterality == Laterality.ALTERNATING and entry.ratio:
                # Alternating lifts use the same per-hand load as the two-hand version.
                entry = replace(entry, ratio=_ALTERNATING_RATIO, ratio_note=_ALTERNATING_NOTE)
            added.append((place_exercise(catalog, by_key, entry), entry))
        report.linked = link_parents_and_aliases(catalog, added, by_key, taken)
        for exercise, entry in added:
            _per_implement_ratio(exercise, entry, by_key)
        report.added = len(added)
        uow.commit()
    return report


def _unusable(entry: ExerciseDef, key: str) -> str | None:
    """Why a well-formed record can't become an exercise, or None."""
    if not key:
        return "name has no letters or digits"
    if len(entry.name) > MAX_NAME:
        return f"name longer than {MAX_NAME} characters"
    if len(entry.source) > MAX_SOURCE:
        return f"id longer than {MAX_SOURCE - len(SOURCE_PREFIX)} characters"
    return None


def _per_implement_ratio(
    exercise: Exercise, entry: ExerciseDef, by_key: dict[str, Exercise]
) -> None:
    """A one-dumbbell (or kettlebell) variant of a lift holding one per hand starts at 90-100 %
    of that implement, not at the 40-50 % per side meant for a load both limbs share."""
    parent = by_key.get(normalize(entry.parent)) if entry.parent else None
    if parent is None or exercise.parent_id != parent.id or exercise.ratio_low is None:
        return
    variant = exercise_convention(exercise)
    if holds_one_per_hand(variant, exercise_convention(parent)):
        exercise.ratio_low, exercise.ratio_high = PER_IMPLEMENT_RATIO
        exercise.ratio_note = per_implement_note(variant.implement_name)


_ALTERNATING_RATIO = (Decimal("0.9"), Decimal("1.0"))
_ALTERNATING_NOTE = (
    "Alternating: the sides take turns, so each hand lifts about what it lifts in the two-hand "
    "version; the per-limb share of about half of bilateral measured on machines "
    f"({COSTA_2015}) is of a load both limbs move at once. Coaching estimate, not a measured "
    "value; edit with tracker exercises edit."
)
