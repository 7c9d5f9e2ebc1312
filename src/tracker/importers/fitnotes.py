"""FitNotes exports: one row per set, one workout per calendar day, no times of day.

    Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment
    Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time      (older Android)
    Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,Kind
                                                                            (FitNotes 2, iOS)

The session key is the date (``"2022-09-14"``); ``started_at`` is local midnight of that day.
"""

from __future__ import annotations

import re

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

NAME = "fitnotes"
LABEL = "FitNotes"

_WEIGHT = re.compile(r"weight(?: \((?P<unit>[^()]*)\))?")


def matches(keys: set[str]) -> bool:
    return "exercise" in keys and "date" in keys and "reps" in keys


class FitNotesParser(AppParser):
    name = NAME

    def __init__(self, header: list[str], context: Context) -> None:
        columns = Columns(header, LABEL)
        self.date = columns.need("Date")
        self.exercise = columns.need("Exercise")
        self.reps = columns.need("Reps")
        self.weight_unit = columns.find("weight unit")
        self.distance = columns.find("distance")
        self.distance_unit = columns.find("distance unit")
        self.time = columns.find("time", "duration")
        self.comment = columns.find("comment", "notes")
        self.weights = columns.weights(_WEIGHT)
        header_unit = self.weights[0][1] if len(self.weights) == 1 else None
        super().__init__(context, header_unit)

    def parse(self, cells: Cells) -> ImportedSet | str:
        day = cells.need_day(self.date, self.context.times)
        exercise_text = cells.need_text(self.exercise)
        load, unit = self.first_load(cells, self.weights, self.weight_unit)
        reps = cells.reps(self.reps)
        duration = nonzero_int(cells.duration(self.time))
        distance = nonzero(cells.number(self.distance))
        note = cells.text(self.comment)
        if load is None and reps is None and duration is None and distance is None:
            return NOTES_ONLY if note else NO_VALUES
        distance_unit = None
        if distance is not None:
            unit_text = cells.text(self.distance_unit)
            distance_unit = parse_distance_unit(unit_text) if unit_text else None
        session_key = day.isoformat()
        return self.imported(
            cells,
            session_key=session_key,
            started_at=self.context.times.start_of_day(day),
            exercise_text=exercise_text,
            reps=reps,
            load=load,
            unit=unit,
            duration_s=duration,
            distance=distance,
            distance_unit=distance_unit,
            note=note,
        )
