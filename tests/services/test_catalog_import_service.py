"""services.catalog_import (free-exercise-db files) and services.exercise_defs (the exercise
definitions of a tracker export) on the fake unit of work: what is added, matched, linked,
skipped or kept, and that a bad file or definition stores nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tracker.adapters.orm import Exercise
from tracker.domain.errors import ImportFailed
from tracker.domain.exercise_def import ExerciseDef
from tracker.domain.model import Laterality
from tracker.importers.tracker_format import definition_json
from tracker.services.catalog import ExerciseChanges, add_exercise, edit_exercise
from tracker.services.catalog_import import import_free_exercise_db
from tracker.services.exercise_defs import exercise_definitions, restore_definitions


def record(name: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": name.replace(" ", "_"), "name": name, "level": "beginner", "equipment": "barbell",
        "primaryMuscles": ["shoulders"], "secondaryMuscles": ["triceps"], "category": "strength",
        "instructions": ["Press the bar up.", "Lower it."],
    }  # fmt: skip
    return base | fields


def written(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def rows(uow: FakeUnitOfWork) -> dict[str, Exercise]:
    return {e.name: e for e in uow.store.table(Exercise)}


# -- free-exercise-db ----------------------------------------------------------------------


def test_an_import_adds_links_one_side_variants_and_reports_skips(tmp_path: Path) -> None:
    uow = with_catalog("Leg Press")
    path = written(tmp_path, [
        record("Landmine Press"), record("One-Arm Landmine Press"),
        record("Alternating Landmine Press"), record("!!!"), record("L" * 201),
        record("Leg Press", equipment="machine"),
    ])  # fmt: skip
    report = import_free_exercise_db(uow, path)
    assert (report.added, report.matched, report.linked) == (3, 1, 2) and uow.committed
    assert report.skipped_reasons() == {
        "name has no letters or digits": 1, "name longer than 200 characters": 1,
    }  # fmt: skip
    found = rows(uow)
    one, alternating = found["One-Arm Landmine Press"], found["Alternating Landmine Press"]
    assert one.parent is not None and one.parent.name == "Landmine Press"
    assert (one.laterality, one.ratio_low, one.ratio_high) == (
        Laterality.UNILATERAL, Decimal("0.4"), Decimal("0.5"),
    )  # fmt: skip
    assert (alternating.laterality, alternating.ratio_low, alternating.ratio_high) == (
        Laterality.ALTERNATING, Decimal("0.9"), Decimal("1.0"),
    )  # fmt: skip
    assert "Costa, Moreira" in (alternating.ratio_note or "")  # the study behind the share
    assert found["Landmine Press"].source == "free-exercise-db:Landmine_Press"
    assert found["Leg Press"].source == "builtin"  # matched: left as it was
    assert not any(name.startswith("LLL") for name in found)


def test_an_import_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    uow = with_catalog("Leg Press")
    path = written(tmp_path, [record("Landmine Press"), record("One-Arm Landmine Press")])
    import_free_exercise_db(uow, path)
    before = sorted(rows(uow))
    again = import_free_exercise_db(uow, path)
    assert (again.added, again.matched, again.linked) == (0, 2, 0)
    assert sorted(rows(uow)) == before


def test_a_one_kettlebell_variant_starts_at_the_whole_bell(tmp_path: Path) -> None:
    bells = {"equipment": "kettlebells", "primaryMuscles": ["middle back"]}
    path = written(tmp_path, [
        record("Two-Arm Kettlebell Row", **bells), record("One-Arm Kettlebell Row", **bells),
        record("Cable Row Z", equipment="cable"), record("One-Arm Cable Row Z", equipment="cable"),
    ])  # fmt: skip
    uow = FakeUnitOfWork()
    import_free_exercise_db(uow, path)
    found = rows(uow)
    bell, cable = found["One-Arm Kettlebell Row"], found["One-Arm Cable Row Z"]
    assert (bell.ratio_low, bell.ratio_high) == (Decimal("0.9"), Decimal("1.0"))
    assert (cable.ratio_low, cable.ratio_high) == (Decimal("0.4"), Decimal("0.5"))


def test_a_malformed_file_stores_nothing(tmp_path: Path) -> None:
    uow = with_catalog("Leg Press")
    before = sorted(rows(uow))
    path = written(tmp_path, [record("Landmine Press"), record("Odd", level="master")])
    with pytest.raises(ImportFailed, match='record 2 \\("Odd"\\)'):
        import_free_exercise_db(uow, path)
    assert sorted(rows(uow)) == before and not uow.committed


# -- the exercise definitions of an export -------------------------------------------------


def exported() -> list[dict[str, Any]]:
    """The definitions a lifter's export carries: a custom variant and an edited built-in."""
    uow = with_catalog("Leg Press", "Back Squat")
    add_exercise(uow, "Zercher Hold", ExerciseChanges(parent="squat", aliases=("zh",)), "kg")
    edit_exercise(uow, "leg press", ExerciseChanges(fields={"sled": Decimal(50)}), "kg")
    definitions = exercise_definitions(uow.catalog)
    assert [d.name for d in definitions] == ["Leg Press", "Zercher Hold"]  # only theirs
    return as_in_the_file(definitions)


def as_in_the_file(definitions: list[ExerciseDef]) -> list[dict[str, Any]]:
    """The definitions through JSON, as an export file holds them."""
    return [json.loads(json.dumps(definition_json(d))) for d in definitions]


def test_definitions_restore_into_a_fresh_catalog_as_they_were() -> None:
    data = exported()
    fresh = with_catalog("Leg Press", "Back Squat")
    assert restore_definitions(fresh.catalog, data) == 2
    found = rows(fresh)
    hold, press = found["Zercher Hold"], found["Leg Press"]
    assert hold.parent_id == found["Back Squat"].id
    assert (hold.laterality, [a.alias for a in hold.aliases]) == (Laterality.UNILATERAL, ["zh"])
    assert (press.sled, press.edited) == (Decimal(50), True)
    assert as_in_the_file(exercise_definitions(fresh.catalog)) == data
    # Restoring again: theirs here now, left as it is.
    assert restore_definitions(fresh.catalog, data) == 0


def test_the_lifters_own_definition_here_wins() -> None:
    data = exported()
    here = with_catalog("Leg Press", "Back Squat")
    edit_exercise(here, "leg press", ExerciseChanges(fields={"sled": Decimal(30)}), "kg")
    assert restore_definitions(here.catalog, data) == 1  # the Zercher Hold only
    assert rows(here)["Leg Press"].sled == Decimal(30)


def test_a_restored_definition_hangs_only_off_a_bilateral_parent() -> None:
    data = exported()
    data[1]["parent"] = "Zercher Carry"
    data.append({"name": "Zercher Carry", "laterality": "unilateral"})
    fresh = with_catalog("Leg Press", "Back Squat")
    restore_definitions(fresh.catalog, data)
    assert rows(fresh)["Zercher Hold"].parent_id is None


def test_a_bad_definition_fails_before_anything_is_stored() -> None:
    data = exported()
    data.append({"name": "Odd", "laterality": "sideways"})
    fresh = with_catalog("Leg Press", "Back Squat")
    before = sorted(rows(fresh))
    with pytest.raises(ImportFailed, match="exercise 3"):
        restore_definitions(fresh.catalog, data)
    with pytest.raises(ImportFailed, match="exercise 1: not an object"):
        restore_definitions(fresh.catalog, ["Leg Press"])
    assert sorted(rows(fresh)) == before and rows(fresh)["Leg Press"].sled is None
