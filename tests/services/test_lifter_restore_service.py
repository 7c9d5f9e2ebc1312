"""services.lifter_restore on the fake unit of work: a restore adds the weigh-ins, involved
sides, routines, rests and gym-wide settings the database lacks and keeps what it has; the
export reads them back in a fixed order."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.fakes import FakeUnitOfWork
from tests.helpers.fake_catalog import with_catalog
from tracker.adapters.new_rows import add_routine
from tracker.adapters.orm import BodyWeight as BodyWeightRow
from tracker.adapters.orm import InvolvedSide, Lifter, Routine, Setting
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.errors import ImportFailed
from tracker.domain.model import Side
from tracker.domain.units import Unit
from tracker.importers.lifter_data_format import (
    InvolvedEntry,
    LifterData,
    RestEntry,
    RoutineEntry,
    RoutineItemEntry,
)
from tracker.services.exercise_matching import ExerciseMatcher
from tracker.services.lifter_restore import lifter_data, restore_lifter_data, restore_unit
from tracker.services.lifters import add_lifter

MARCH = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
APRIL = datetime(2025, 4, 1, 8, 0, tzinfo=UTC)

DATA = LifterData(
    body_weights=(
        BodyWeight(MARCH, Decimal(80), Unit.KG),
        BodyWeight(MARCH, Decimal(80), Unit.KG),  # twice at one moment: the log has both
        BodyWeight(APRIL, Decimal("79.5"), Unit.KG),
    ),
    involved_sides=(InvolvedEntry(None, Side.LEFT), InvolvedEntry("slp", Side.LEFT)),
    routines=(
        RoutineEntry("Leg Day", (
            RoutineItemEntry("leg press", 3, (8, 12), 120),
            RoutineItemEntry("Single Leg Press", 2, None, None),
        )),
        RoutineEntry("Empty for now", ()),
    ),  # fmt: skip
    exercise_rests=(RestEntry("Leg Press", 150), RestEntry("Single Leg Press", 90)),
    settings={"bar.default": "20 kg", "increment.barbell": "2.5 kg"},
)


def database() -> tuple[FakeUnitOfWork, Lifter]:
    uow = with_catalog("Single Leg Press", "Leg Press", "Chin-Up")
    ana = add_lifter(uow, "ana", "kg")
    assert uow.lifters.lifter("ana") is ana  # the stored row
    uow.committed = False
    return uow, ana


def restore(uow: FakeUnitOfWork, lifter: Lifter, data: LifterData = DATA) -> dict[str, int]:
    return restore_lifter_data(uow, lifter, data, ExerciseMatcher(uow.catalog))


def test_a_restore_into_an_empty_lifter_adds_everything_and_exports_it_back() -> None:
    uow, ana = database()
    assert restore(uow, ana) == {
        "weigh-in": 3, "involved side": 2, "routine": 2, "exercise rest": 2, "gym setting": 2,
    }  # fmt: skip
    assert ana.id in uow.store.imported_for  # undo stops at the import
    routine = uow.gym.routine(ana, "leg day")
    assert routine is not None
    assert [(i.exercise.name, i.sets, i.rep_low, i.rep_high, i.rest_s) for i in routine.items] == [
        ("Leg Press", 3, 8, 12, 120), ("Single Leg Press", 2, None, None, None),
    ]  # fmt: skip
    # The export reads the same back: names canonical, in a fixed order.
    back = lifter_data(uow, ana)
    assert back.body_weights == DATA.body_weights
    assert back.involved_sides == (
        InvolvedEntry(None, Side.LEFT), InvolvedEntry("Single Leg Press", Side.LEFT),
    )  # fmt: skip
    assert [r.name for r in back.routines] == ["Empty for now", "Leg Day"]
    assert back.routines[1].items[0] == RoutineItemEntry("Leg Press", 3, (8, 12), 120)
    assert back.exercise_rests == DATA.exercise_rests and back.settings == DATA.settings


def test_restoring_the_same_data_twice_adds_nothing_the_second_time() -> None:
    uow, ana = database()
    restore(uow, ana)
    uow.store.imported_for.clear()
    assert set(restore(uow, ana).values()) == {0}
    assert ana.id not in uow.store.imported_for  # nothing added: no import to stop undo at
    assert len(uow.store.table(BodyWeightRow)) == 3 and len(uow.store.table(Routine)) == 2


def test_what_the_database_has_wins() -> None:
    uow, ana = database()
    body_weights, sides = uow.body_weights(), uow.involved_sides()
    body_weights.add(ana.id, MARCH, Decimal(80), Unit.KG)  # one of the two at that moment
    slp = uow.catalog.exercise("Single Leg Press")
    assert slp is not None
    sides.set(ana.id, slp.id, Side.RIGHT)
    chin_up = uow.catalog.exercise("Chin-Up")
    assert chin_up is not None
    add_routine(uow.gym, ana, "LEG DAY", [(chin_up, 3, None, None)])
    uow.gym.set_exercise_rest(ana, slp, 60)
    uow.lifters.set_setting("bar.default", "15 kg")
    added = restore(uow, ana)
    assert added == {
        "weigh-in": 2, "involved side": 1, "routine": 1, "exercise rest": 1, "gym setting": 1,
    }  # fmt: skip
    assert sides.of_lifter(ana.id) == {slp.id: Side.RIGHT, None: Side.LEFT}
    assert [(w.measured_at, w.weight) for w in body_weights.of_lifter(ana.id)] == [
        (MARCH, Decimal(80)), (MARCH, Decimal(80)), (APRIL, Decimal("79.5")),
    ]  # fmt: skip
    routine = uow.gym.routine(ana, "leg day")
    assert routine is not None and [i.exercise.name for i in routine.items] == ["Chin-Up"]
    assert uow.gym.exercise_rest(ana, slp) == 60
    assert uow.lifters.setting("bar.default") == "15 kg"
    assert uow.lifters.setting("increment.barbell") == "2.5 kg"


def test_another_lifters_data_is_not_theirs() -> None:
    uow, ana = database()
    restore(uow, ana)
    added = restore(uow, add_lifter(uow, "bob", "kg"))
    assert (added["weigh-in"], added["involved side"], added["routine"]) == (3, 2, 2)
    assert added["gym setting"] == 0  # gym-wide: already filled in


@pytest.mark.parametrize(
    ("entry", "part"),
    [
        (InvolvedEntry("zzqx", Side.LEFT), 'involved side 1, "exercise": no exercise "zzqx"'),
        (InvolvedEntry("leg press", Side.LEFT), "Leg Press is bilateral here"),
    ],
)
def test_an_involved_side_naming_no_one_sided_exercise_fails_the_import(
    entry: InvolvedEntry, part: str
) -> None:
    uow, ana = database()
    with pytest.raises(ImportFailed) as refused:
        restore(uow, ana, LifterData(involved_sides=(entry,)))
    assert part in str(refused.value)
    assert uow.store.table(InvolvedSide) == [] and not uow.committed


def test_a_routine_naming_an_unknown_exercise_makes_it_custom() -> None:
    uow, ana = database()
    data = LifterData(routines=(RoutineEntry("Odd", (RoutineItemEntry("Moon Press", 3, None,
                                                                      None),)),))  # fmt: skip
    assert restore(uow, ana, data)["routine"] == 1
    moon = uow.catalog.exercise("Moon Press")
    assert moon is not None and moon.source != "builtin"


def test_the_export_unit_is_restored_only_into_a_blank_lifter() -> None:
    uow, ana = database()
    assert restore_unit(uow, ana, "kg") is None  # the same unit: nothing to say
    assert restore_unit(uow, ana, "lb") == ("restored", "lb")
    assert ana.unit == "lb" and ana.id in uow.store.imported_for
    uow.body_weights().add(ana.id, MARCH, Decimal(176), Unit.LB)
    assert restore_unit(uow, ana, "kg") == ("kept", "kg") and ana.unit == "lb"


def test_gym_settings_outside_the_gym_prefixes_are_not_exported() -> None:
    uow, ana = database()
    uow.store.add(Setting(key="catalog.builtin_hash", value="x"))
    uow.lifters.set_setting("plates.kg", "20,10,5")
    assert lifter_data(uow, ana).settings == {"plates.kg": "20,10,5"}
