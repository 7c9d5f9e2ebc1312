"""Sets come out while the file is read: memory stays flat however long the export is."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator
from datetime import UTC
from typing import TextIO, cast

from tracker.domain.units import Unit
from tracker.importers import read_export

ROWS = 6_000  # enough to tell flat from growing; tracemalloc makes each row slow
SETS_PER_WORKOUT = 25
HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
)


def hevy_lines(rows: int) -> Iterator[str]:
    """A Hevy export produced line by line; no part of it exists before it is read."""
    yield HEADER
    for index in range(rows):
        workout, position = divmod(index, SETS_PER_WORKOUT)
        day, minute = divmod(workout, 2)
        start = f"{1 + day % 28} {('Jan', 'Feb', 'Mar')[day // 28 % 3]} {2000 + day // 84}"
        yield (
            f'"Workout {workout}","{start}, 0{7 + minute}:00","{start}, 0{8 + minute}:30","",'
            f'"Squat (Barbell)",,"",{position},"normal",{60 + position % 40},{1 + index % 12},'
            f",0,{6 + index % 5}\n"
        )


class LineStream(io.TextIOBase):
    """A read-only text stream over a line generator, like a pipe or a huge file."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.lines_served = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = next(self._lines, "")
        self.lines_served += bool(line)
        return line


def test_a_generated_export_streams_in_flat_memory() -> None:
    stream = LineStream(hevy_lines(ROWS))
    tracemalloc.start()
    try:
        reader = read_export(cast(TextIO, stream), None, Unit.KG, UTC)
        sets = iter(reader)
        first = next(sets)
        assert stream.lines_served < 100  # the first set comes before the file is read
        count = 1 + sum(1 for _ in sets)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first.line == 2 and first.position == 0
    assert count == ROWS
    assert reader.skipped_counts == {}
    # Holding the sets would take about 3.4 MB (some 570 bytes each); streaming keeps one row
    # at a time plus a counter per workout (about 100 bytes each, 240 workouts here).
    assert peak < 1_000_000, f"peak {peak:,} bytes"
