"""Strong (iOS and Android) exports: one row per set, the workout repeated on every row.

Headers seen in the wild (comma- or semicolon-delimited)::

    Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,
        Workout Notes,RPE
    Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;
        Distance Unit;Seconds;Notes;Workout Notes;Workout Duration
    ... Weight (kg) ... / ... Weight (lb) ...   (the unit in the header)

Strong writes 0 for "not recorded" in Weight, Distance and Seconds, so 0 counts as blank there.
"""

from __future__ import annotations

import re
from datetime import timedelta

from tracker.domain.model import SetKind
from tracker.domain.units import Unit
from tracker.importers.app_parser import AppParser
from tracker.importers.records import NO_VALUES, NOTES_ONLY, REST_TIMER, ImportedSet
from tracker.importers.values import (
    Cells,
    Columns,
    Context,
    nonzero,
    nonzero_int,
    parse_distance_unit,
)

NAME = "strong"
LABEL = "Strong"

_WEIGHT = re.compile(r"weight(?: \((?P<unit>[^()]*)\))?")
_DISTANCE = re.compile(r"distance(?: \((?P<unit>[a-z]+)\))?")
_ORDER = re.compile(r"(?P<letter>[wdf])?\s*(?P<number>\d+(?:\.0*)?)?", re.I)
_KINDS = {"w": SetKind.WARMUP, "d": SetKind.DROP, "f": SetKind.FAILURE}
_REST_NAMES = {"rest timer", "rest", "rest time"}
_NOTE_ORDERS = {"note", "notes"}


def matches(keys: set[str]) -> bool:
    return "exercise name" in keys and "date" in keys


class StrongParser(AppParser):
    name = NAME

    def __init__(self, header: list[str], context: Context) -> None:
        columns = Columns(header, LABEL)
        self.date = columns.need("Date")
        self.exercise = columns.need("Exercise Name")
        self.workout = columns.find("workout name")
        self.duration = columns.find("duration", "workout duration")
        self.order = columns.find("set order")
        self.reps = columns.find("reps")
        self.weight_unit = columns.find("weight unit")
        self.distance_unit = columns.find("distance unit")
        self.seconds = columns.find("seconds", "time", "duration (s)")
        self.notes = columns.find("notes", "exercise notes")
        self.workout_notes = columns.find("workout notes")
        self.rpe = columns.find("rpe")
        weights = columns.weights(_WEIGHT)
        self.weight = weights[0][0] if weights else None
        header_unit = weights[0][1] if weights else None
        distances = columns.matching(_DISTANCE)
        self.distance = distances[0][0] if distances else None
        self.header_distance_unit = (
            parse_distance_unit(distances[0][1].group("unit"))
            if distances and distances[0][1].group("unit")
            else None
        )
        super().__init__(context, header_unit)
        self._session_key: str | None = None
        self._session_note: str | None = None

    def _kind(self, cells: Cells) -> SetKind | str:
        text = cells.text(self.order)
        if text is None or self.order is None:
            return SetKind.WORKING
        key = " ".join(text.lower().split())
        if key in _REST_NAMES:
            return REST_TIMER
        if key in _NOTE_ORDERS:
            return NOTES_ONLY
        match = _ORDER.fullmatch(key)
        if not match or not (match.group("letter") or match.group("number")):
            raise cells.fail(self.order, f'can\'t read set order "{text}" (number, W, D or F)')
        letter = match.group("letter")
        return _KINDS[letter.lower()] if letter else SetKind.WORKING

    def parse(self, cells: Cells) -> ImportedSet | str:
        exercise_text = cells.need_text(self.exercise)
        started_at = cells.need_moment(self.date, self.context.times)
        if exercise_text.lower() in _REST_NAMES:
            return REST_TIMER
        kind = self._kind(cells)
        if not isinstance(kind, SetKind):  # SetKind is a str too: test it first
            return kind
        load = cells.load(self.weight)
        row_unit = cells.unit(self.weight_unit)
        reps = cells.reps(self.reps)
        duration = nonzero_int(cells.duration(self.seconds))
        distance = nonzero(cells.number(self.distance))
        note = cells.text(self.notes)
        if load is None and not reps and duration is None and distance is None:
            # Strong writes 0 for everything not recorded: an all-zero row is a placeholder.
            return NOTES_ONLY if note else NO_VALUES
        name = cells.text(self.workout)
        session_key = f"{started_at.isoformat()} {name or ''}".rstrip()
        workout_note = cells.text(self.workout_notes)
        if session_key != self._session_key:
            self._session_key, self._session_note = session_key, workout_note
        elif workout_note:
            self._session_note = workout_note
        span = cells.duration(self.duration)
        distance_unit = None
        if distance is not None:
            distance_unit = self._distance_unit(cells)
        return self.imported(
            cells,
            session_key=session_key,
            session_name=name,
            started_at=started_at,
            finished_at=started_at + timedelta(seconds=span) if span else None,
            exercise_text=exercise_text,
            reps=reps,
            load=load,
            unit=self.units.resolve(row_unit) if load is not None else None,
            duration_s=duration,
            distance=distance,
            distance_unit=distance_unit,
            rpe=cells.rpe(self.rpe),
            kind=kind,
            note=note,
            session_notes=self._session_note,
        )

    def _distance_unit(self, cells: Cells) -> str:
        text = cells.text(self.distance_unit)
        if text is not None:
            return parse_distance_unit(text)
        if self.header_distance_unit is not None:
            return self.header_distance_unit
        # No unit in the file: Strong shows distances in the lifter's system of units.
        return "mi" if self.units.unit_used == Unit.LB else "km"
