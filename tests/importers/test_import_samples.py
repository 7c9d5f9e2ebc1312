"""The real exports in ../shared import completely, with the counts their owners stated."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain.model import SetKind
from tracker.domain.units import Unit
from tracker.importers import ImportedSet, ImportReader, read_export

REPO = Path(__file__).resolve().parents[2]
EXPORTS = (REPO / ".." / "shared" / "data" / "exports").resolve()
BERLIN_WINTER = timezone(timedelta(hours=1))


def sample(name: str) -> Path:
    path = EXPORTS / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder sits beside the checkout)")
    return path


def read_all(path: Path, unit: Unit = Unit.KG) -> tuple[ImportReader, list[ImportedSet]]:
    with path.open(encoding="utf-8", newline="") as stream:
        reader = read_export(stream, None, unit, BERLIN_WINTER)
        return reader, list(reader)


@pytest.mark.parametrize(
    ("name", "fmt", "sets", "sessions"),
    [
        ("strong-sample.csv", "strong", 250, 15),
        ("hevy-sample.csv", "hevy", 7211, 335),
        ("fitnotes-sample.csv", "fitnotes", 750, 141),
    ],
)
def test_sample_imports_every_set(name: str, fmt: str, sets: int, sessions: int) -> None:
    reader, imported = read_all(sample(name))
    assert reader.format == fmt
    assert len(imported) == sets
    assert len({s.session_key for s in imported}) == sessions
    assert reader.skipped == []
    assert reader.skipped_counts == {}
    assert reader.sets_read == sets
    assert [s.line for s in imported] == list(range(2, sets + 2))
    for s in imported:
        assert s.started_at.tzinfo is UTC
        assert not s.bodyweight or s.load == 0


def test_positions_count_up_within_each_session() -> None:
    _, imported = read_all(sample("hevy-sample.csv"))
    by_session: dict[str, list[int]] = {}
    for s in imported:
        by_session.setdefault(s.session_key, []).append(s.position)
    assert all(p == list(range(len(p))) for p in by_session.values())


def test_strong_sample_uses_the_default_unit_and_local_times() -> None:
    reader, imported = read_all(sample("strong-sample.csv"), Unit.LB)
    assert (reader.unit_used, reader.unit_source) == (Unit.LB, "default")
    first = imported[0]
    # 2024-11-28 17:36:08 at UTC+1, "35m" long.
    assert first.started_at == datetime(2024, 11, 28, 16, 36, 8, tzinfo=UTC)
    assert first.finished_at == first.started_at + timedelta(minutes=35)
    assert first.session_key == "strong:2024-11-28T16:36:08+00:00 B"
    assert (first.exercise, first.reps, first.load, first.unit) == (
        "Bent Over Row (Barbell)", 13, Decimal("10.0"), Unit.LB,
    )
    assert first.duration_s is None and first.distance is None and first.rpe is None


def test_hevy_sample_reads_units_kinds_and_timed_sets_from_the_file() -> None:
    reader, imported = read_all(sample("hevy-sample.csv"), Unit.LB)
    assert (reader.unit_used, reader.unit_source) == (Unit.KG, "file")
    assert reader.units_seen == {Unit.KG}
    kinds = Counter(s.kind for s in imported)
    assert kinds == {
        SetKind.WORKING: 3851, SetKind.WARMUP: 2195, SetKind.FAILURE: 1122, SetKind.DROP: 43,
    }
    timed = [s for s in imported if s.exercise == "Warm Up" and s.duration_s == 300]
    assert timed and all(s.reps == 0 and s.bodyweight and s.load == 0 for s in timed)
    first = imported[0]
    assert first.started_at == datetime(2025, 9, 15, 6, 48, tzinfo=UTC)
    assert first.finished_at == datetime(2025, 9, 15, 8, 13, tzinfo=UTC)
    assert (first.kind, first.load, first.rpe) == (SetKind.WARMUP, Decimal("39"), Decimal("6"))


def test_fitnotes_sample_is_in_pounds_with_one_session_per_day() -> None:
    reader, imported = read_all(sample("fitnotes-sample.csv"), Unit.KG)
    assert (reader.unit_used, reader.unit_source) == (Unit.LB, "file")
    assert {s.unit for s in imported} == {Unit.LB}
    first = imported[0]
    assert first.session_key == "fitnotes:2022-09-14"
    assert first.started_at == datetime(2022, 9, 13, 23, 0, tzinfo=UTC)  # local midnight
    assert (first.exercise, first.load, first.reps) == (
        "Flat Barbell Bench Press", Decimal("45.0"), 10,
    )
