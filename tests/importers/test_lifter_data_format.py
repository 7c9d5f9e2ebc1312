"""The lifter data of a tracker JSON export, written and read back without a database."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

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
    read_lifter_data,
)
from tracker.importers.tracker_format import read_json, write_json

DATA = LifterData(
    body_weights=(
        BodyWeight(datetime(2025, 3, 1, 8, tzinfo=UTC), Decimal("80.25"), Unit.KG),
        BodyWeight(datetime(2025, 3, 1, 8, tzinfo=UTC), Decimal("177"), Unit.LB),
    ),
    involved_sides=(InvolvedEntry(None, Side.RIGHT), InvolvedEntry("Single Leg Press", Side.LEFT)),
    routines=(
        RoutineEntry("Empty", ()),
        RoutineEntry(
            "Pull day",
            (
                RoutineItemEntry("Pull-Up", 4, (6, 10), 120),
                RoutineItemEntry("Single Leg Press", 3, None, None),
            ),
        ),
    ),
    exercise_rests=(RestEntry("Single Leg Press", 75),),
    settings={"bar.kg": "15", "increment.smith machine.lb": "2.5", "plates.kg": "25x4,1.25x2"},
)


def test_written_lifter_data_reads_back_equal() -> None:
    out = io.StringIO()
    write_json([], "ana", out, (), "kg", DATA)
    document = read_json(io.StringIO(out.getvalue()))
    assert document.lifter_data == DATA
    assert list(document.sets) == []


def test_an_older_export_has_none() -> None:
    assert read_lifter_data({"format": "tracker", "sets": []}) == LifterData()


def test_a_weigh_in_in_another_zone_is_the_same_moment_in_utc() -> None:
    read = read_lifter_data(
        {
            "body_weights": [
                {"measured_at": "2025-03-01T10:00:00+02:00", "weight": "80", "unit": "kg"}
            ]
        }
    )
    assert read.body_weights[0].measured_at == datetime(2025, 3, 1, 8, tzinfo=UTC)
    assert read.body_weights[0].measured_at.tzinfo == UTC


@pytest.mark.parametrize(
    ("settings", "stored"),
    [
        ({"bar.lb": "45.0"}, {"bar.lb": "45"}),
        ({"plates.kg": "1.25, 25x4"}, {"plates.kg": "25x4,1.25"}),
    ],
)
def test_settings_are_stored_as_config_set_writes_them(
    settings: dict[str, str], stored: dict[str, str]
) -> None:
    assert read_lifter_data({"settings": settings}).settings == stored


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"routines": [{"name": "A", "items": [{"exercise": "", "sets": 3}]}]},
         'routine 1, item 1, "exercise"'),
        ({"exercise_rests": [{"exercise": "Squat"}]}, 'exercise rest 1, "seconds"'),
        ({"involved_sides": ["left"]}, "involved side 1: not an object"),
        ({"involved_sides": [{"side": "left", "injury_date": "2026-02-30"}]},
         'involved side 1, "injury_date"'),
        ({"involved_sides": [{"side": "left", "injury_date": 20260201}]},
         'involved side 1, "injury_date"'),
        ({"settings": {"increment.spoon.kg": "1"}}, 'settings, "increment.spoon.kg"'),
        ({"settings": {"increment.barbell.kg": "0"}}, 'settings, "increment.barbell.kg"'),
        ({"settings": []}, '"settings" is not an object'),
    ],
)
def test_bad_values_name_their_place(document: dict[str, object], message: str) -> None:
    with pytest.raises(ImportFailed) as failed:
        read_lifter_data(json.loads(json.dumps(document)))
    assert message in str(failed.value)
