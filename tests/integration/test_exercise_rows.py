"""An exercise row and the one exercise definition copy every field both ways.

adapters/exercise_rows.py copies the fields they share by name lists, which mypy cannot check:
a field added to ExerciseDef and not to a list would be dropped silently on every save.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from tracker.adapters.exercise_rows import new_exercise_row, read_definition, write_definition
from tracker.adapters.orm import ExerciseAlias
from tracker.domain.exercise_def import ExerciseDef, FaqEntry
from tracker.domain.model import Laterality

EVERY_FIELD_SET = ExerciseDef(
    name="Cone Hop",
    aliases=("cone jump",),
    body_part="legs",
    equipment="bodyweight",
    target="quadriceps",
    secondary=("glutes", "calves"),
    difficulty="advanced",
    category="plyometrics",
    laterality=Laterality.UNILATERAL,
    lower_is_better=True,
    parent="Box Jump",
    source="builtin",
    ratio=(Decimal("0.40"), Decimal("0.50")),
    ratio_note="a guess",
    increment=Decimal("1.25"),
    increment_unit="kg",
    sled=Decimal("20"),
    sled_unit="kg",
    load_per="side",
    implements=2,
    rep_range=(3, 5),
    summary="Hop over cones.",
    steps=("Stand.", "Hop."),
    tips=("Land softly.",),
    mistakes=("Knee in.",),
    faq=(FaqEntry("Why?", "Because."),),
    edited=True,
)


def test_every_field_differs_from_its_default() -> None:
    """So that the round trip below would notice a field that is not copied."""
    default = ExerciseDef(name="x")
    for field in fields(ExerciseDef):
        assert getattr(EVERY_FIELD_SET, field.name) != getattr(default, field.name), field.name


def test_a_definition_survives_a_row_both_ways() -> None:
    row = new_exercise_row(EVERY_FIELD_SET.name, EVERY_FIELD_SET.source, owner_id=None)
    write_definition(row, EVERY_FIELD_SET, own=True)
    row.aliases = [ExerciseAlias(alias=a, key=a) for a in EVERY_FIELD_SET.aliases]
    assert read_definition(row, EVERY_FIELD_SET.parent) == EVERY_FIELD_SET


def test_a_catalog_refresh_leaves_what_the_lifter_set() -> None:
    row = new_exercise_row("Cone Hop", "builtin", owner_id=None)
    write_definition(row, EVERY_FIELD_SET, own=True)
    write_definition(row, ExerciseDef(name="Cone Hop"))
    kept = read_definition(row)
    assert (kept.increment, kept.sled, kept.edited) == (Decimal("1.25"), Decimal("20"), True)
    assert (kept.steps, kept.rep_range) == ((), ExerciseDef(name="x").rep_range)
