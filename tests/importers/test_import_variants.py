"""Export variants other than the shared samples, from small hand-written fixtures."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain.errors import ImportFailed
from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit
from tracker.importers import ImportedSet, ImportReader, Skipped, detect_format, read_export
from tracker.importers.records import NO_VALUES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def read_fixture(
    name: str, unit: Unit = Unit.KG, fmt: str | None = None
) -> tuple[ImportReader, list[ImportedSet]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as stream:
        reader = read_export(stream, fmt, unit, NEW_YORK_WINTER)
        return reader, list(reader)


def read_text(text: str, unit: Unit = Unit.KG) -> tuple[ImportReader, list[ImportedSet]]:
    reader = read_export(io.StringIO(text), None, unit, UTC)
    return reader, list(reader)


def test_strong_android_semicolon_with_unit_columns_and_decimal_commas() -> None:
    reader, sets = read_fixture("strong-android-semicolon.csv")
    assert (reader.format, reader.delimiter) == ("strong", ";")
    assert reader.header[0] == "Date"  # the BOM is gone
    assert [s.kind for s in sets[:4]] == [
        SetKind.WARMUP, SetKind.WORKING, SetKind.DROP, SetKind.FAILURE,
    ]
    assert sets[1].load == Decimal("102.5") and sets[1].rpe == Decimal("8.5")
    assert sets[0].session_name == "Push; heavy"
    assert sets[0].finished_at == sets[0].started_at + timedelta(minutes=58)
    assert sets[3].reps == 0 and sets[3].load == 65  # a failed attempt is a set
    treadmill = sets[4]
    assert (treadmill.distance, treadmill.distance_unit, treadmill.duration_s) == (
        Decimal("2.5"), "km", Decimal(900),
    )
    assert treadmill.load == 0 and not treadmill.bodyweight  # a distance, no load
    lunge = sets[5]
    assert (lunge.exercise, lunge.side, lunge.unit) == ("Lunge (Dumbbell)", Side.LEFT, Unit.KG)
    assert reader.skipped == [Skipped(6, "rest timer, not a set")]
    assert (reader.unit_used, reader.unit_source) == (Unit.LB, "file")
    assert reader.units_seen == {Unit.LB, Unit.KG}  # the file mixes units: say so
    assert all(s.session_notes == "felt good" for s in sets)


def test_strong_weight_unit_in_header_am_pm_dates_and_non_set_rows() -> None:
    reader, sets = read_fixture("strong-lb-header.csv", Unit.KG)
    assert (reader.unit_used, reader.unit_source) == (Unit.LB, "file")
    assert len(sets) == 9
    assert len({s.session_key for s in sets}) == 5
    first = sets[0]
    # "2024-01-05 6:30:00<U+202F>PM" at UTC-5.
    assert first.started_at == datetime(2024, 1, 5, 23, 30, tzinfo=UTC)
    assert first.session_key == "strong:2024-01-05T23:30:00+00:00 Legs, unilateral"
    assert [(s.exercise, s.side) for s in sets[:5]] == [
        ("Bulgarian Split Squat", Side.LEFT),
        ("Bulgarian Split Squat", Side.RIGHT),
        ("Single Leg Press", Side.RIGHT),
        ("Hanging Leg Raise", Side.LEFT),
        ("Plank", None),
    ]
    assert [s.position for s in sets[:5]] == [0, 1, 2, 3, 4]  # "Set Order" counted from 0
    plank = sets[4]
    held = (plank.reps, plank.duration_s, plank.load, plank.note)
    assert held == (0, Decimal(60), Decimal(0), "held it")
    assert plank.bodyweight  # no load recorded
    assert sets[3].bodyweight and sets[3].load == 0  # 0 lb: bodyweight
    assert sets[5].exercise == "Single Arm Row" and sets[5].side is Side.LEFT
    assert [s.finished_at - s.started_at for s in sets if s.finished_at] == [
        timedelta(hours=1, minutes=5)] * 5 + [
        timedelta(seconds=45), timedelta(hours=1), timedelta(hours=1, minutes=5),
        timedelta(minutes=35),
    ]
    assert reader.skipped == [
        Skipped(7, "rest timer, not a set"),
        Skipped(8, "blank line"),
        Skipped(9, "repeated header"),
        Skipped(11, "notes only, not a set"),
    ]
    assert all(s.session_notes == "Gym A" for s in sets[:5])


def test_strong_classic_letters_rpe_notes_and_cardio() -> None:
    reader, sets = read_fixture("strong-classic-letters.csv", Unit.KG)
    assert (reader.unit_used, reader.unit_source) == (Unit.KG, "default")
    assert [s.kind for s in sets[:4]] == [
        SetKind.WARMUP, SetKind.WORKING, SetKind.FAILURE, SetKind.DROP,
    ]
    assert [s.rpe for s in sets[:3]] == [None, Decimal("8"), Decimal("10")]
    assert sets[2].note == 'went "heavy", failed'
    pull_up = sets[4]
    assert (pull_up.reps, pull_up.load, pull_up.bodyweight) == (8, Decimal(0), True)
    running = sets[5]
    assert (running.distance, running.distance_unit, running.duration_s, running.reps) == (
        Decimal("5.2"), "km", Decimal(1800), 0,
    )
    assert reader.skipped == [Skipped(8, "notes only, not a set")]
    assert sets[-1].session_notes == "Last one of the year"
    assert sets[0].finished_at == sets[0].started_at + timedelta(hours=2, minutes=38)


def test_strong_distance_without_unit_column_follows_the_default_unit() -> None:
    _, sets = read_fixture("strong-classic-letters.csv", Unit.LB)
    assert sets[5].distance_unit == "mi"


def test_a_strong_failed_set_of_zeros_is_a_0_rep_attempt() -> None:
    """Strong writes 0 for all it did not record, so an all-zero row is a placeholder, but
    one marked F is a failed attempt (README: 0-rep attempts are imported): 0 x BW, as
    `tracker log pull-up 0xBW` stores it. Other all-zero rows are still skipped."""
    text = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
        '2025-01-15 18:00:00,"W",1h,"Pull Up",1,0,8,0,0,\n'
        '2025-01-15 18:00:00,"W",1h,"Pull Up",F,0,0,0,0,\n'
        '2025-01-15 18:00:00,"W",1h,"Pull Up",2,0,0,0,0,\n'
        '2025-01-15 18:00:00,"W",1h,"Pull Up",W,0,0,0,0,\n'
        '2025-01-15 18:00:00,"W",1h,"Pull Up",F,0,0,0,0,\n'  # read from the memo: still a set
    )
    reader, sets = read_text(text)
    assert [(s.line, s.reps, s.load, s.bodyweight, s.kind) for s in sets] == [
        (2, 8, Decimal(0), True, SetKind.WORKING),
        (3, 0, Decimal(0), True, SetKind.FAILURE),
        (6, 0, Decimal(0), True, SetKind.FAILURE),
    ]
    assert [s.position for s in sets] == [0, 1, 2]
    assert (sets[1].unit, sets[1].duration_s, sets[1].distance) == (Unit.KG, None, None)
    assert reader.skipped == [Skipped(4, NO_VALUES), Skipped(5, NO_VALUES)]


def test_hevy_imperial_columns_and_2026_dates() -> None:
    reader, sets = read_fixture("hevy-lbs-2026.csv", Unit.KG)
    assert reader.format == "hevy"
    assert (reader.unit_used, reader.unit_source) == (Unit.LB, "file")
    assert len(sets) == 8 and len({s.session_key for s in sets}) == 2
    first = sets[0]
    # "May 7, 2026, 6:13 AM" at UTC-5.
    assert first.started_at == datetime(2026, 5, 7, 11, 13, tzinfo=UTC)
    assert first.finished_at == datetime(2026, 5, 7, 12, 20, tzinfo=UTC)
    assert sets[-1].started_at == datetime(2026, 5, 8, 17, 5, tzinfo=UTC)  # 12:05 PM
    assert first.session_notes == "Morning, fasted" and sets[-1].session_notes is None
    assert [(s.exercise, s.side, s.kind) for s in sets[:3]] == [
        ("Single Leg Press", Side.RIGHT, SetKind.WARMUP),
        ("Single Leg Press", Side.RIGHT, SetKind.WORKING),
        ("Single Leg Press", Side.LEFT, SetKind.WORKING),
    ]
    failed = sets[3]
    assert (failed.kind, failed.reps, failed.load, failed.note) == (
        SetKind.FAILURE, 0, Decimal("315"), "went down, no lift",
    )
    assert sets[4].kind is SetKind.DROP
    plank, treadmill = sets[5], sets[6]
    held = (plank.reps, plank.duration_s, plank.load, plank.bodyweight)
    assert held == (0, Decimal(75), Decimal(0), True)
    assert (treadmill.distance, treadmill.distance_unit, treadmill.duration_s) == (
        Decimal("1.5"), "mi", Decimal(900),
    )
    assert [s.position for s in sets] == [0, 1, 2, 3, 4, 5, 6, 0]
    assert reader.skipped == [Skipped(9, "notes only, not a set")]


def test_hevy_file_with_both_weight_columns_takes_the_filled_one() -> None:
    reader, sets = read_text(
        '"title","start_time","end_time","exercise_title","set_index","set_type",'
        '"weight_kg","weight_lbs","reps"\n'
        '"A","1 Feb 2024, 10:00","1 Feb 2024, 11:00","Curl",0,"normal",20,,10\n'
        '"A","1 Feb 2024, 10:00","1 Feb 2024, 11:00","Curl",1,"warm_up",,45,10\n'
    )
    assert [(s.load, s.unit, s.kind) for s in sets] == [
        (Decimal("20"), Unit.KG, SetKind.WORKING),
        (Decimal("45"), Unit.LB, SetKind.WARMUP),
    ]
    assert reader.units_seen == {Unit.KG, Unit.LB}


def test_fitnotes_weight_unit_in_header_and_clock_times() -> None:
    reader, sets = read_fixture("fitnotes-kgs-header.csv", Unit.LB)
    assert (reader.unit_used, reader.unit_source) == (Unit.KG, "file")
    assert [s.session_key for s in sets] == ["fitnotes:2023-03-01"] * 3 + [
        "fitnotes:2023-03-02"
    ] * 2
    assert sets[0].started_at == datetime(2023, 3, 1, 5, 0, tzinfo=UTC)  # midnight at UTC-5
    plank, treadmill = sets[1], sets[2]
    held = (plank.duration_s, plank.reps, plank.load, plank.bodyweight)
    assert held == (Decimal(90), 0, Decimal(0), True)
    assert (treadmill.distance, treadmill.distance_unit, treadmill.duration_s) == (
        Decimal("2.5"), "km", Decimal(900),
    )
    assert [(s.exercise, s.side, s.reps) for s in sets[3:]] == [
        ("Single Leg Press", Side.RIGHT, 10),
        ("Single Leg Press", Side.LEFT, 0),
    ]


def test_fitnotes2_ios_kg_and_lb_columns() -> None:
    reader, sets = read_fixture("fitnotes2-ios.csv")
    assert reader.format == "fitnotes"
    assert [(s.load, s.unit, s.bodyweight) for s in sets] == [
        (Decimal("100"), Unit.KG, False), (Decimal("30"), Unit.LB, False),
        (Decimal("0"), Unit.KG, False),  # a run: a distance, no load, not bodyweight
    ]
    assert sets[1].note == "slow"
    ran = (sets[2].distance, sets[2].distance_unit, sets[2].duration_s)
    assert ran == (Decimal(3), "mi", Decimal(1800))
    assert reader.skipped == [Skipped(5, "notes only, not a set")]


def test_fitnotes_rows_without_a_unit_use_the_default() -> None:
    reader, sets = read_text(
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
        "2024-02-01,Squat,Legs,100,,5,,,,\n"
    )
    assert (sets[0].unit, reader.unit_used, reader.unit_source) == (Unit.KG, Unit.KG, "default")


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE",
         "strong"),
        ("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
         "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration", "strong"),
        ('"title","start_time","end_time","description","exercise_title","superset_id",'
         '"exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles",'
         '"duration_seconds","rpe"', "hevy"),
        ("Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment",
         "fitnotes"),
        ("Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time", "fitnotes"),
        ("\ufeffDate\tExercise\tCategory\tWeight (kg)\tReps\tComment", "fitnotes"),
    ],
)
def test_detects_format_and_delimiter(header: str, fmt: str) -> None:
    reader = read_export(io.StringIO(header + "\n"), None, Unit.KG, UTC)
    assert reader.format == fmt
    assert list(reader) == []
    assert detect_format(reader.header) == fmt


def test_unrecognised_header_suggests_from() -> None:
    with pytest.raises(ImportFailed) as caught:
        read_export(io.StringIO("when,what,how much\n"), None, Unit.KG, UTC)
    assert str(caught.value) == (
        'unrecognised header "when,what,how much"; use --from strong|hevy|fitnotes|tracker'
    )


def test_explicit_format_must_fit_the_header() -> None:
    text = "Date,Exercise,Category,Weight,Reps\n"
    with pytest.raises(ImportFailed, match=r'line 1: not a Hevy export: no column "start_time"'):
        read_export(io.StringIO(text), "hevy", Unit.KG, UTC)
    with pytest.raises(ImportFailed, match=r'unknown format "csv"'):
        read_export(io.StringIO(text), "csv", Unit.KG, UTC)
    assert read_export(io.StringIO(text), "FitNotes", Unit.KG, UTC).format == "fitnotes"


def test_skipped_keeps_a_few_lines_per_reason_but_counts_all() -> None:
    header = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Seconds\n"
    rest = "2024-01-01 10:00:00,A,Rest Timer,,,,90\n"
    reader, sets = read_text(header + rest * 250 + "\n" * 3)
    assert sets == []
    assert reader.skipped_counts == {"rest timer, not a set": 250, "blank line": 3}
    assert len(reader.skipped) == ImportReader.KEEP_PER_REASON + 3


def test_time_zones_follow_daylight_saving() -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database on this machine")
    text = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
        "2024-01-15 18:00:00,W,Squat,1,100,5\n"
        "2024-07-15 18:00:00,S,Squat,1,100,5\n"
    )
    sets = list(read_export(io.StringIO(text), None, Unit.KG, berlin))
    assert [s.started_at.hour for s in sets] == [17, 16]


def test_windows_line_ends() -> None:
    text = "Date,Exercise Name,Reps\r\n2024-01-01 10:00:00,Squat,5\r\n\r\n"
    reader = read_export(io.StringIO(text, newline=""), None, Unit.KG, UTC)
    assert [(s.line, s.exercise, s.reps) for s in reader] == [(2, "Squat", 5)]
    assert reader.header == ["Date", "Exercise Name", "Reps"]
    assert reader.skipped == [Skipped(3, "blank line")]


def test_a_reader_reads_once() -> None:
    reader = read_export(io.StringIO("Date,Exercise Name,Reps\n"), None, Unit.KG, UTC)
    list(reader)
    with pytest.raises(RuntimeError):
        iter(reader)
