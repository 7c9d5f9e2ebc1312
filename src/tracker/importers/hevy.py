"""Hevy exports: one row per set; the unit is in the column name.

    "title","start_time","end_time","description","exercise_title","superset_id",
    "exercise_notes","set_index","set_type","weight_kg","reps","distance_km",
    "duration_seconds","rpe"

Variants: ``weight_lbs`` / ``distance_miles`` (imperial accounts; some files carry both weight
columns), dates as ``"15 Sep 2025, 07:48"`` or ``"May 7, 2026, 6:13 AM"``. A blank cell is
"not recorded"; ``duration_seconds`` and distances of 0 are too, but ``reps`` 0 is a real
(failed) set.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.model import SetKind
from tracker.importers.app_parser import AppParser
from tracker.importers.records import NO_VALUES, NOTES_ONLY, ImportedSet
from tracker.importers.values import (
    Cells,
    Columns,
    Context,
    nonzero,
    nonzero_int,
    parse_distance_unit,
)

NAME = "hevy"
LABEL = "Hevy"

_WEIGHT = re.compile(r"weight_(?P<unit>[a-z]+)")
_DISTANCE = re.compile(r"distance_(?P<unit>km|kms|m|meters|metres|mi|miles)")
_KINDS = {
    "normal": SetKind.WORKING, "working": SetKind.WORKING,
    "warmup": SetKind.WARMUP, "warm_up": SetKind.WARMUP, "warm-up": SetKind.WARMUP,
    "warm up": SetKind.WARMUP, "dropset": SetKind.DROP, "drop_set": SetKind.DROP,
    "drop set": SetKind.DROP, "drop": SetKind.DROP, "failure": SetKind.FAILURE,
}


def matches(keys: set[str]) -> bool:
    return "exercise_title" in keys and "start_time" in keys


class HevyParser(AppParser):
    name = NAME

    def __init__(self, header: list[str], context: Context) -> None:
        columns = Columns(header, LABEL)
        self.start = columns.need("start_time")
        self.exercise = columns.need("exercise_title")
        self.title = columns.find("title")
        self.end = columns.find("end_time")
        self.description = columns.find("description")
        self.notes = columns.find("exercise_notes")
        self.set_type = columns.find("set_type")
        self.reps = columns.find("reps")
        self.duration = columns.find("duration_seconds", "duration")
        self.rpe = columns.find("rpe")
        # (column, unit) pairs; when a file has both, the first filled cell wins.
        self.weights = columns.weights(_WEIGHT)
        self.distances = [
            (index, parse_distance_unit(match.group("unit")))
            for index, match in columns.matching(_DISTANCE)
        ]
        header_unit = self.weights[0][1] if len(self.weights) == 1 else None
        super().__init__(context, header_unit)

    def _kind(self, cells: Cells) -> SetKind:
        text = cells.text(self.set_type)
        if text is None or self.set_type is None:
            return SetKind.WORKING
        kind = _KINDS.get(" ".join(text.lower().split()))
        if kind is None:
            raise cells.fail(
                self.set_type, f'unknown set type "{text}" (normal, warmup, dropset, failure)'
            )
        return kind

    def _distance(self, cells: Cells) -> tuple[Decimal | None, str | None]:
        for column, unit in self.distances:
            value = nonzero(cells.number(column))
            if value is not None:
                return value, unit
        return None, None

    def parse(self, cells: Cells) -> ImportedSet | str:
        started_at = cells.need_moment(self.start, self.context.times)
        exercise_text = cells.need_text(self.exercise)
        kind = self._kind(cells)
        load, unit = self.first_load(cells, self.weights)
        reps = cells.reps(self.reps)
        duration = nonzero_int(cells.duration(self.duration))
        distance, distance_unit = self._distance(cells)
        note = cells.text(self.notes)
        if load is None and reps is None and duration is None and distance is None:
            return NOTES_ONLY if note else NO_VALUES
        title = cells.text(self.title)
        session_key = f"{started_at.isoformat()} {title or ''}".rstrip()
        return self.imported(
            cells,
            session_key=session_key,
            session_name=title,
            started_at=started_at,
            finished_at=cells.moment(self.end, self.context.times),
            exercise_text=exercise_text,
            reps=reps,
            load=load,
            unit=unit,
            duration_s=duration,
            distance=distance,
            distance_unit=distance_unit,
            rpe=cells.rpe(self.rpe),
            kind=kind,
            note=note,
            session_notes=cells.text(self.description),
        )
