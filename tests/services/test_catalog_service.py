"""services.catalog on the fake unit of work: name resolution, custom exercises (add, edit,
remove), the built-in sync and the list filters, without a database. Sentences are pinned in
tests/test_wording.py; these tests assert the error's kind and the names it carries."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import _builtin_entries, with_catalog, with_lifters
from tests.helpers.fake_log import log, planned
from tracker.adapters.orm import Exercise, ExerciseAlias
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.model import Laterality, Side
from tracker.domain.names import AmbiguousName
from tracker.services.catalog import (
    REMOVED_KEY,
    ExerciseChanges,
    ListFilters,
    add_exercise,
    edit_exercise,
    list_exercises,
    remove_exercise,
    resolve_exercise,
    show_exercise,
    sync_builtin,
)

CATALOG = (
    "Single Leg Press", "Hack Squat", "Single-Leg Hack Squat", "Bulgarian Split Squat",
    "Incline Bench Press", "Incline Dumbbell Press", "Single-Leg Leg Curl",
)  # fmt: skip


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return with_catalog(*CATALOG)


@pytest.fixture(scope="module")
def read_only() -> FakeUnitOfWork:
    """One catalog for the tests that only read it (look-ups, list, show)."""
    return with_catalog(*CATALOG)


def names(uow: FakeUnitOfWork) -> list[str]:
    return sorted(e.name for e in uow.store.table(Exercise))


def snapshot(uow: FakeUnitOfWork) -> list[tuple[Any, ...]]:
    """Every exercise with its aliases and parent: what a refused command must leave."""
    return [
        (e.name, e.key, e.source, e.edited, e.parent_id, e.laterality, e.sled,
         sorted(a.alias for a in e.aliases))
        for e in sorted(uow.store.table(Exercise), key=lambda e: e.name)
    ]  # fmt: skip


def changes(**fields: Any) -> ExerciseChanges:
    return ExerciseChanges(fields=fields)


# -- name resolution -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Single Leg Press",  # the stored name
        "single-leg press",  # case and punctuation
        "  SINGLE   leg press ",
        "singlelegpress",
        "slp",  # an alias
        "One Leg Press",
        "single leg p",  # a prefix
        "sing leg pr",  # a prefix of each word
    ],
)
def test_a_name_resolves_by_name_alias_or_prefix(read_only: FakeUnitOfWork, typed: str) -> None:
    assert resolve_exercise(read_only.catalog, typed).name == "Single Leg Press"


def test_a_whole_word_of_two_names_is_ambiguous_and_lists_both(read_only: FakeUnitOfWork) -> None:
    with pytest.raises(AmbiguousName) as refused:
        resolve_exercise(read_only.catalog, "hack")
    assert refused.value.matches == ("Hack Squat", "Single-Leg Hack Squat")
    with pytest.raises(AmbiguousName) as prefix:
        resolve_exercise(read_only.catalog, "incl")
    assert prefix.value.matches == ("Incline Bench Press", "Incline Dumbbell Press")


def test_a_typo_is_not_found_and_suggests_the_nearest_names(read_only: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound, match="did you mean: Single Leg Press"):
        resolve_exercise(read_only.catalog, "singel leg pres")
    with pytest.raises(NotFound, match='no exercise named "zzqx"'):
        resolve_exercise(read_only.catalog, "zzqx")


def test_a_typed_name_with_a_control_character_is_refused(read_only: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound, match="control"):
        resolve_exercise(read_only.catalog, "leg\npress")


def test_show_gives_the_card_with_its_partners(read_only: FakeUnitOfWork) -> None:
    card = show_exercise(read_only, "hack squat")
    assert (card.name, card.laterality, card.parent) == ("Hack Squat", "bilateral", None)
    assert card.variants == ("Single-Leg Hack Squat",)
    assert card.related.partners == ("Single-Leg Hack Squat",)
    child = show_exercise(read_only, "single leg hack")
    assert child.parent == "Hack Squat" and child.related.partners == ("Hack Squat",)


# -- list ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ListFilters(search="press", unilateral=True), ["Single Leg Press"]),
        (ListFilters(search="rfess"), ["Bulgarian Split Squat"]),  # an alias's words
        (ListFilters(search="zzqx"), []),
        (ListFilters(search="incl"), ["Incline Bench Press", "Incline Dumbbell Press"]),
        (ListFilters(equipment="MACHINE", search="hack"), ["Hack Squat", "Single-Leg Hack Squat"]),
    ],
)
def test_list_filters(read_only: FakeUnitOfWork, filters: ListFilters, expected: list[str]) -> None:
    assert [d.name for d in list_exercises(read_only, filters)] == expected


def test_list_unilateral_keeps_the_one_sided_and_names_their_parents(
    read_only: FakeUnitOfWork,
) -> None:
    found = list_exercises(read_only, ListFilters(unilateral=True))
    assert {d.laterality for d in found} <= {Laterality.UNILATERAL, Laterality.ALTERNATING}
    assert {d.name: d.parent for d in found}["Single Leg Press"] == "Leg Press"


# -- add -----------------------------------------------------------------------------------


def test_add_stores_a_custom_variant_with_its_parent_aliases_and_fields(
    uow: FakeUnitOfWork,
) -> None:
    added = add_exercise(
        uow,
        "  Single Leg Pendulum Press ",
        ExerciseChanges(
            fields={"equipment": "Machine", "target": "quadriceps", "rep_range": (10, 15)},
            aliases=("slpp",),
            parent="leg press",
        ),
        "kg",
    )
    assert added == "Single Leg Pendulum Press" and uow.committed
    row = resolve_exercise(uow.catalog, "slpp")
    assert (row.name, row.key, row.source, row.edited) == (
        "Single Leg Pendulum Press", "single leg pendulum press", "custom", False,
    )  # fmt: skip
    assert row.parent is not None and row.parent.name == "Leg Press"
    # A parent makes it one-sided; the equipment is stored in its one spelling.
    assert (row.laterality, row.equipment) == (Laterality.UNILATERAL, "machine")
    assert (row.rep_low, row.rep_high) == (10, 15)
    me = uow.lifters.lifter("me")
    assert me is not None and row.owner_id == me.id  # the default lifter, made on first use


def test_add_stores_the_increment_in_the_given_unit(uow: FakeUnitOfWork) -> None:
    add_exercise(uow, "Moon Press", changes(equipment="DB", increment=Decimal("2.5")), "lb")
    row = resolve_exercise(uow.catalog, "moon press")
    assert (row.equipment, row.increment, row.increment_unit) == ("dumbbell", Decimal("2.5"), "lb")


def test_the_equipment_is_stored_in_its_one_spelling_and_sets_the_load_convention(
    uow: FakeUnitOfWork,
) -> None:
    add_exercise(uow, "Moon Press", changes(equipment="dumbbells"), "kg")
    card = show_exercise(uow, "moon press")
    assert (card.equipment, card.load_per, card.implements) == ("dumbbell", "implement", 2)
    edit_exercise(uow, "moon press", changes(equipment="Smith"), "kg")
    assert show_exercise(uow, "moon press").equipment == "smith machine"


@pytest.mark.parametrize(
    ("name", "given", "error", "part"),
    [
        ("Hack Squat", {}, Conflict, '"Hack Squat" is already taken'),
        ("single-leg press", {}, Conflict, 'by the exercise "Single Leg Press"'),
        ("slp", {}, Conflict, 'by the exercise "Single Leg Press"'),  # an alias
        ("!!!", {}, InvalidValue, "letters or digits"),
        ("x" * 201, {}, InvalidValue, "200"),
        ("Foo", {"aliases": ("slp",)}, Conflict, 'alias "slp" is already used'),
        ("Foo", {"aliases": ("Leg Press",)}, Conflict, 'the exercise "Leg Press"'),
        ("Foo", {"parent": "slp"}, InvalidValue, "must be a bilateral exercise"),
        ("Foo", {"parent": "nothing like it"}, NotFound, "nothing like it"),
        ("Foo", {"fields": {"equipment": "rocket"}}, InvalidValue, "rocket"),
        ("Foo", {"fields": {"rep_range": (12, 8)}}, InvalidValue, "rep range"),
        ("Foo", {"fields": {"increment": Decimal(0)}}, InvalidValue, "increment"),
        ("Foo", {"fields": {"difficulty": "expert"}}, InvalidValue, "expert"),
    ],
)
def test_add_refuses_and_commits_nothing(
    uow: FakeUnitOfWork, name: str, given: dict[str, Any], error: type[Exception], part: str
) -> None:
    before = snapshot(uow)
    with pytest.raises(error, match=None) as refused:
        add_exercise(uow, name, ExerciseChanges(**given), "kg")
    assert part in str(refused.value)
    assert not uow.committed
    # The fake has no rollback (the database's undoes the new row): a refused name is found
    # before the row is made, and leaves none even here.
    if not given:
        assert snapshot(uow) == before


def test_a_refused_name_adds_no_row(uow: FakeUnitOfWork) -> None:
    before = snapshot(uow)
    with pytest.raises(Conflict):
        add_exercise(uow, "Hack Squats", ExerciseChanges(), "kg")  # a built-in's alias
    assert snapshot(uow) == before and not uow.committed


def test_another_lifters_exercise_is_hidden_yet_holds_its_name() -> None:
    uow = with_lifters("bob", "ann", catalog=("Leg Press",))
    add_exercise(uow, "Sissy Squat", ExerciseChanges(aliases=("sissy",)), "kg")
    uow.committed = False
    ann = with_viewer(uow, "ann")
    for taken in ("Sissy Squat", "sissy"):
        with pytest.raises(Conflict, match="another lifter's exercise"):
            add_exercise(ann, taken, ExerciseChanges(), "kg")
    with pytest.raises(NotFound):
        resolve_exercise(ann.catalog, "sissy squat")
    assert names(uow) == ["Leg Press", "Sissy Squat"] and not uow.committed
    add_exercise(ann, "Sissy Squat Machine", ExerciseChanges(), "kg")
    bob, own = uow.lifters.lifter("bob"), resolve_exercise(ann.catalog, "sissy squat m")
    assert bob is not None and own.owner_id not in (None, bob.id)


def with_viewer(uow: FakeUnitOfWork, name: str) -> FakeUnitOfWork:
    """The same fake database, the next command run as ``name``."""
    uow.catalog.viewer_name = name
    return uow


# -- edit ----------------------------------------------------------------------------------


def test_an_edit_of_a_builtin_marks_it_edited_and_keeps_the_rest(uow: FakeUnitOfWork) -> None:
    steps = resolve_exercise(uow.catalog, "hack squat").steps
    assert edit_exercise(uow, "hack sq", changes(sled=Decimal(20), summary="My hack."), "kg") == (
        "Hack Squat"
    )
    row = resolve_exercise(uow.catalog, "hack squat")
    assert (row.edited, row.sled, row.sled_unit, row.summary) == (
        True, Decimal(20), "kg", "My hack.",
    )  # fmt: skip
    assert row.steps == steps and uow.committed


def test_a_rename_keeps_the_old_name_as_an_alias(uow: FakeUnitOfWork) -> None:
    renamed = edit_exercise(uow, "leg press", ExerciseChanges(rename="Leg press"), "kg")
    assert renamed == "Leg press"  # a change of case only
    edit_exercise(uow, "leg press", ExerciseChanges(rename="Leg Presses"), "kg")  # its alias
    row = resolve_exercise(uow.catalog, "leg press")
    aliases = [a.alias for a in row.aliases]
    assert (row.name, row.edited) == ("Leg Presses", True) and "Leg press" in aliases
    assert "leg presses" not in [a.lower() for a in aliases] and "sled leg press" in aliases
    child = resolve_exercise(uow.catalog, "slp")
    assert child.parent is not None and child.parent.name == "Leg Presses"


def test_aliases_replace_the_list_dropping_duplicates_and_the_own_name(
    uow: FakeUnitOfWork,
) -> None:
    edit_exercise(
        uow, "hack squat", ExerciseChanges(aliases=("sled squat", "Sled-Squat", "hack squat")), "kg"
    )
    row = resolve_exercise(uow.catalog, "sled squat")
    assert [a.alias for a in row.aliases] == ["sled squat"]
    assert [a.alias for a in uow.store.table(ExerciseAlias) if a.exercise_id == row.id] == [
        "sled squat"
    ]


@pytest.mark.parametrize(
    ("given", "part"),
    [
        (ExerciseChanges(aliases=("ham curl", "leg press machine")), 'the exercise "Leg Press"'),
        (ExerciseChanges(rename="Leg Press"), '"Leg Press" is already taken'),
        (ExerciseChanges(rename="slp"), 'the exercise "Single Leg Press"'),
    ],
)
def test_an_edit_taking_another_exercises_name_is_refused(
    uow: FakeUnitOfWork, given: ExerciseChanges, part: str
) -> None:
    with pytest.raises(Conflict) as refused:
        edit_exercise(uow, "single leg curl", given, "kg")
    assert part in str(refused.value) and not uow.committed


def test_an_edit_is_refused_when_the_name_is_ambiguous(uow: FakeUnitOfWork) -> None:
    before = snapshot(uow)
    with pytest.raises(AmbiguousName):
        edit_exercise(uow, "incl", changes(sled=Decimal(20)), "kg")
    assert snapshot(uow) == before and not uow.committed


def test_a_parent_must_be_bilateral_and_not_itself(uow: FakeUnitOfWork) -> None:
    with pytest.raises(InvalidValue, match="own parent"):
        edit_exercise(uow, "leg press", ExerciseChanges(parent="leg press"), "kg")
    with pytest.raises(InvalidValue, match='"Single Leg Press" is not'):
        edit_exercise(uow, "hack squat", ExerciseChanges(parent="slp"), "kg")
    assert not uow.committed


def test_laterality_cannot_contradict_logged_sets_or_variants(uow: FakeUnitOfWork) -> None:
    log(uow, "single-leg hack squat", planned("10x40", Side.LEFT))
    uow.committed = False
    with pytest.raises(Conflict, match="1 logged set with a side"):
        edit_exercise(uow, "single-leg hack squat", changes(laterality="bilateral"), "kg")
    with pytest.raises(Conflict, match="bilateral parent of Single-Leg Hack Squat"):
        edit_exercise(uow, "hack squat", changes(laterality="unilateral"), "kg")
    assert not uow.committed
    # Unilateral <-> alternating: sides stay sides.
    edit_exercise(uow, "single-leg hack squat", changes(laterality="alternating"), "kg")
    assert resolve_exercise(uow.catalog, "single leg hack").laterality == Laterality.ALTERNATING


# -- remove --------------------------------------------------------------------------------


def test_remove_refuses_while_sets_refer_to_it(uow: FakeUnitOfWork) -> None:
    log(uow, "leg press", planned("10x100 10x120"))
    uow.committed = False
    with pytest.raises(Conflict, match='"Leg Press" has 2 logged sets'):
        remove_exercise(uow, "leg press")
    assert "Leg Press" in names(uow) and not uow.committed


def test_remove_a_custom_exercise_takes_its_aliases(uow: FakeUnitOfWork) -> None:
    add_exercise(uow, "Landmine Press", ExerciseChanges(aliases=("landmine",)), "kg")
    assert remove_exercise(uow, "landmine") == "Landmine Press" and uow.committed
    assert "Landmine Press" not in names(uow)
    assert not [a for a in uow.store.table(ExerciseAlias) if a.key == "landmine"]
    assert uow.lifters.setting(REMOVED_KEY) is None  # only a built-in is remembered


def test_a_removed_builtin_is_remembered_and_stays_removed(uow: FakeUnitOfWork) -> None:
    assert remove_exercise(uow, "hack squat") == "Hack Squat" and uow.committed
    assert json.loads(uow.lifters.setting(REMOVED_KEY) or "") == ["hack squat"]
    # (Its variant's parent_id is set to NULL by the database: the CLI test pins that.)
    sync_builtin(uow, entries("Hack Squat", "Single-Leg Hack Squat"))
    assert "Hack Squat" not in names(uow) and "Single-Leg Hack Squat" in names(uow)


# -- the built-in sync ---------------------------------------------------------------------


def entries(*wanted: str, **changed: Any) -> list[dict[str, Any]]:
    """Built-in entries by name; ``changed`` overrides fields of every one of them."""
    return [_builtin_entries()[name] | changed for name in wanted]


SYNCED = ("Leg Press", "Single Leg Press", "Hack Squat", "Single-Leg Hack Squat")


def test_the_sync_is_idempotent() -> None:
    uow = FakeUnitOfWork()
    sync_builtin(uow, entries(*SYNCED))
    first = snapshot(uow)
    ids = {e.name: e.id for e in uow.store.table(Exercise)}
    sync_builtin(uow, entries(*SYNCED))
    uow.store.flush()
    assert snapshot(uow) == first and {e.name: e.id for e in uow.store.table(Exercise)} == ids
    assert len(uow.store.table(ExerciseAlias)) == sum(len(e["aliases"]) for e in entries(*SYNCED))
    slp = resolve_exercise(uow.catalog, "slp")
    assert slp.parent is not None and slp.parent.name == "Leg Press"


def test_the_sync_updates_unedited_builtins_and_leaves_the_lifters_own() -> None:
    uow = with_catalog(*SYNCED)
    edit_exercise(uow, "leg press", changes(summary="Mine."), "kg")
    edit_exercise(uow, "single leg press", ExerciseChanges(rename="One-Legger"), "kg")
    add_exercise(uow, "Sissy Squat", changes(target="quads"), "kg")
    sissy = {"name": "Sissy Squat", "body_part": "legs", "equipment": "bodyweight",
             "target": "quadriceps", "summary": "Built-in."}  # fmt: skip
    sync_builtin(uow, entries(*SYNCED, summary="New.") + [sissy])
    summaries = {e.name: (e.source, e.summary) for e in uow.store.table(Exercise)}
    assert summaries["Hack Squat"] == ("builtin", "New.")
    assert summaries["Leg Press"] == ("builtin", "Mine.")  # edited: left alone
    assert summaries["Sissy Squat"][0] == "custom"  # the lifter's name wins
    assert resolve_exercise(uow.catalog, "sissy squat").target == "quads"
    # The renamed built-in is not added back under its old name.
    assert "Single Leg Press" not in names(uow) and "One-Legger" in names(uow)


def test_the_sync_adds_a_new_builtin_with_its_aliases() -> None:
    uow = with_catalog("Leg Press")
    new = {"name": "Pendulum Squat", "aliases": ["pendulum", "leg press"], "body_part": "legs",
           "equipment": "machine", "target": "quadriceps", "parent": None}  # fmt: skip
    sync_builtin(uow, [new])
    row = resolve_exercise(uow.catalog, "pendulum")
    assert (row.name, row.source, row.owner_id) == ("Pendulum Squat", "builtin", None)
    # An alias that is another exercise's name is not taken from it.
    assert [a.alias for a in row.aliases] == ["pendulum"]
