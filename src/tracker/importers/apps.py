"""The Strong, Hevy and FitNotes row parsers, on one base.

Each app writes a set differently; once a parser has read a row's values, the base
(:class:`AppParser`) turns them into the one :class:`ImportedSet` every format yields, by the
same rules for all three.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal
from typing import ClassVar, NamedTuple

from tracker.domain.model import SetKind
from tracker.domain.units import Unit
from tracker.importers.exercise_names import split_side
from tracker.importers.records import NO_VALUES, NOTES_ONLY, REST_TIMER, ImportedSet, check_fits
from tracker.importers.values import (
    MEMO_SIZE,
    Cells,
    Columns,
    Context,
    Positions,
    UnitTracker,
    nonzero,
    parse_distance_unit,
)


class Measures(NamedTuple):
    """What a row recorded; None: not recorded (no load: a bodyweight set)."""

    load: Decimal | None
    unit: Unit | None  # of the load
    reps: int | None
    duration_s: Decimal | None
    distance: Decimal | None
    distance_unit: str | None
    note: str | None


class AppParser:
    """Reads one app's rows: ``parse`` gives an ImportedSet, or why the row is not a set."""

    name: ClassVar[str]  # the format's name, also the prefix of its session keys
    label: ClassVar[str]  # the app's name in messages
    # The columns ``measures`` reads, found by each app's __init__ (None: the file has none).
    # Weights and distances are (column, the unit its header names): the first filled counts.
    weights: list[tuple[int, Unit | None]]
    distances: list[tuple[int, str | None]]
    weight_unit: int | None = None  # a row's own load unit
    distance_unit: int | None = None  # a row's own distance unit
    reps: int | None
    duration: int | None
    notes: int | None

    def __init__(self, context: Context) -> None:
        """Called once the app's __init__ has found its columns."""
        self.context = context
        # A file with a kg and a lb column names no unit for the whole file.
        header_unit = self.weights[0][1] if len(self.weights) == 1 else None
        self.units = UnitTracker(header_unit, context.default_unit)
        self.positions = Positions()

    @staticmethod
    def matches(keys: set[str]) -> bool:
        """Whether a header with these keys (see ``header_key``) is this app's export."""
        raise NotImplementedError

    def parse(self, cells: Cells) -> ImportedSet | str:
        raise NotImplementedError

    def measures(self, cells: Cells) -> Measures | str:
        """The row's load, reps, time, distance and note, or why the row is not a set. The first
        filled weight and distance column counts. The apps write 0 for "not recorded" in time
        and distance columns, but reps 0 is a real (failed) set."""
        load, unit = None, None
        for column, header_unit in self.weights:  # a file may carry a kg and a lb column
            load = cells.load(column)
            if load is not None:  # its unit: the row's unit cell, else the column's, the file's
                unit = self.units.resolve(cells.unit(self.weight_unit) or header_unit)
                break
        reps = cells.reps(self.reps)
        duration = nonzero(cells.duration(self.duration))
        distance, distance_unit = None, None
        for column, column_unit in self.distances:
            distance = nonzero(cells.number(column))
            if distance is not None:
                distance_unit = column_unit
                break
        note = cells.text(self.notes)
        if load is None and reps is None and duration is None and distance is None:
            return NOTES_ONLY if note else NO_VALUES
        if distance is not None:
            distance_unit = self.distance_unit_of(cells, distance_unit)
        return Measures(load, unit, reps, duration, distance, distance_unit, note)

    def distance_unit_of(self, cells: Cells, header_unit: str | None) -> str | None:
        """A distance's unit: the row's unit cell, else the column's (None: neither says)."""
        text = cells.text(self.distance_unit)
        return header_unit if text is None else parse_distance_unit(text)

    def imported(
        self,
        cells: Cells,
        measures: Measures,
        *,
        session_key: str,
        started_at: datetime,
        exercise_text: str,
        session_name: str | None = None,
        finished_at: datetime | None = None,
        session_notes: str | None = None,
        rpe: Decimal | None = None,
        kind: SetKind = SetKind.WORKING,
    ) -> ImportedSet:
        """The set of a row whose values are read."""
        exercise, side = split_side(exercise_text)
        key = f"{self.name}:{session_key}"
        load, distance = measures.load, measures.distance
        imported = ImportedSet(
            line=cells.line,
            session_key=key,
            session_name=session_name,
            started_at=started_at,
            # An imported workout is over: without an end time it closes at its start, so it
            # never holds the "open session" that `tracker log` would extend.
            finished_at=finished_at or started_at,
            session_notes=session_notes,
            exercise=exercise,
            side=side,
            reps=measures.reps or 0,
            # No load and no distance is a bodyweight set (load 0), as `tracker log x 12` is.
            load=load if load is not None else Decimal(0),
            unit=measures.unit or self.units.unit_used,
            bodyweight=load is None and distance is None,
            duration_s=measures.duration_s,
            distance=distance,
            distance_unit=measures.distance_unit,
            rpe=rpe,
            kind=kind,
            performed_at=started_at,  # the apps time the workout, not each set
            position=self.positions.take(key),
            note=measures.note,
            rounded=cells.rounded,
        )
        return check_fits(imported, cells.place)


# -- Strong --------------------------------------------------------------------------------

# "Weight", "Weight (kg)": Strong and FitNotes name the unit in brackets, if at all.
_WEIGHT_COLUMN = re.compile(r"weight(?: \((?P<unit>[^()]*)\))?")
_STRONG_DISTANCE = re.compile(r"distance(?: \((?P<unit>[a-z]+)\))?")
_ORDER = re.compile(r"(?P<letter>[wdf])?\s*(?P<number>\d+(?:\.0*)?)?", re.I)
_STRONG_KINDS = {"w": SetKind.WARMUP, "d": SetKind.DROP, "f": SetKind.FAILURE}
_REST_NAMES = {"rest timer", "rest", "rest time"}
_NOTE_ORDERS = {"note", "notes"}


def _strong_kind(text: str) -> SetKind | str:
    """A Strong "Set Order": its kind, or why the row is not a set."""
    key = " ".join(text.lower().split())
    if key in _REST_NAMES:
        return REST_TIMER
    if key in _NOTE_ORDERS:
        return NOTES_ONLY
    match = _ORDER.fullmatch(key)
    if not match or not (match.group("letter") or match.group("number")):
        raise ValueError(f'can\'t read set order "{text}" (number, W, D or F)')
    letter = match.group("letter")
    return _STRONG_KINDS[letter.lower()] if letter else SetKind.WORKING


# A Strong row's kind, load, row unit, reps, time and distance.
_StrongRow = tuple[SetKind, Decimal | None, Unit | None, int | None, Decimal | None, Decimal | None]


class StrongParser(AppParser):
    """Strong (iOS and Android) exports: one row per set, the workout repeated on every row.

    Headers seen in the wild (comma- or semicolon-delimited)::

        Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,
            Workout Notes,RPE
        Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;
            Distance Unit;Seconds;Notes;Workout Notes;Workout Duration
        ... Weight (kg) ... / ... Weight (lb) ...   (the unit in the header)

    Strong writes 0 for "not recorded" in Weight, Distance and Seconds, so 0 counts as blank there.
    """

    name = "strong"
    label = "Strong"

    @staticmethod
    def matches(keys: set[str]) -> bool:
        return "exercise name" in keys and "date" in keys

    def __init__(self, header: list[str], context: Context) -> None:
        columns = Columns(header, self.label)
        self.date = columns.need("Date")
        self.exercise = columns.need("Exercise Name")
        self.workout = columns.find("workout name")
        self.workout_duration = columns.find("duration", "workout duration")
        self.order = columns.find("set order")
        self.reps = columns.find("reps")
        self.weight_unit = columns.find("weight unit")
        self.distance_unit = columns.find("distance unit")
        self.duration = columns.find("seconds", "time", "duration (s)")
        self.notes = columns.find("notes", "exercise notes")
        self.workout_notes = columns.find("workout notes")
        self.rpe = columns.find("rpe")
        # Strong reads the first weight and distance column.
        self.weights = columns.weights(_WEIGHT_COLUMN)[:1]
        self.weight = self.weights[0][0] if self.weights else None
        self.distances = [
            (index, parse_distance_unit(match["unit"]) if match["unit"] else None)
            for index, match in columns.matching(_STRONG_DISTANCE)[:1]
        ]
        self.distance = self.distances[0][0] if self.distances else None
        super().__init__(context)
        self._session_key = ""
        self._session_note: str | None = None
        self._workout: tuple[datetime, str | None, Decimal | None] | None = None
        self._ends: datetime | None = None
        # The cells a set's measures are read from: a row written like an earlier one (the
        # same order, weight, reps ...) is not read again (at most MEMO_SIZE are kept).
        measured = (self.order, self.weight, self.weight_unit, self.reps, self.duration)
        self._measure_columns = [c for c in (*measured, self.distance) if c is not None]
        self._measured: dict[tuple[str, ...], tuple[_StrongRow | str, bool]] = {}

    def _kind(self, cells: Cells) -> SetKind | str:
        kind = cells.read(self.order, "set order", _strong_kind)
        return SetKind.WORKING if kind is None else kind

    def _measures(self, cells: Cells) -> _StrongRow | str:
        """The row's kind, load, row unit, reps, time and distance, or why it is not a set."""
        key = tuple(map(cells.values.__getitem__, self._measure_columns))
        found = self._measured.get(key)
        if found is not None:
            if found[1]:
                cells.rounded = True
            return found[0]
        before, cells.rounded = cells.rounded, False
        measures = self._read_measures(cells)
        if len(self._measured) >= MEMO_SIZE:
            self._measured.clear()
        self._measured[key] = (measures, cells.rounded)
        cells.rounded |= before
        return measures

    def _read_measures(self, cells: Cells) -> _StrongRow | str:
        kind = self._kind(cells)
        if not isinstance(kind, SetKind):  # SetKind is a str too: test it first
            return kind
        return (
            kind,
            cells.load(self.weight),
            cells.unit(self.weight_unit),
            cells.reps(self.reps),
            nonzero(cells.duration(self.duration)),
            nonzero(cells.number(self.distance)),
        )

    def parse(self, cells: Cells) -> ImportedSet | str:
        exercise_text = cells.need_text(self.exercise)
        started_at = cells.need_moment(self.date, self.context.times)
        if exercise_text.lower() in _REST_NAMES:
            return REST_TIMER
        measures = self._measures(cells)
        if isinstance(measures, str):
            return measures
        kind, load, row_unit, reps, duration, distance = measures
        note = cells.text(self.notes)
        if load is None and not reps and duration is None and distance is None:
            # Strong writes 0 for everything not recorded: an all-zero row is a placeholder,
            # but one marked F is a failed attempt (0 reps), stored as `log x 0xBW` stores it.
            if kind is not SetKind.FAILURE:
                return NOTES_ONLY if note else NO_VALUES
        name = cells.text(self.workout)
        workout_note = cells.text(self.workout_notes)
        span = cells.duration(self.workout_duration)
        if (started_at, name, span) != self._workout:  # a workout's rows repeat all three
            self._workout = (started_at, name, span)
            self._ends = started_at + timedelta(seconds=float(span)) if span else None
            session_key = f"{started_at.isoformat()} {name or ''}".rstrip()
            if session_key != self._session_key:
                self._session_key, self._session_note = session_key, workout_note
        if workout_note:  # a later row of the workout may carry its note
            self._session_note = workout_note
        distance_unit = None
        if distance is not None:
            distance_unit = self.distance_unit_of(cells, self.distances[0][1])
        unit = self.units.resolve(row_unit) if load is not None else None
        return self.imported(
            cells,
            Measures(load, unit, reps, duration, distance, distance_unit, note),
            session_key=self._session_key,
            session_name=name,
            started_at=started_at,
            finished_at=self._ends,
            exercise_text=exercise_text,
            rpe=cells.rpe(self.rpe),
            kind=kind,
            session_notes=self._session_note,
        )

    def distance_unit_of(self, cells: Cells, header_unit: str | None) -> str:
        found = super().distance_unit_of(cells, header_unit)
        if found is not None:
            return found
        # No unit in the file: Strong shows distances in the lifter's system of units.
        return "mi" if self.units.unit_used == Unit.LB else "km"


# -- Hevy ----------------------------------------------------------------------------------

_HEVY_WEIGHT = re.compile(r"weight_(?P<unit>[a-z]+)")
_HEVY_DISTANCE = re.compile(r"distance_(?P<unit>km|kms|m|meters|metres|mi|miles)")
_HEVY_KINDS = {
    "normal": SetKind.WORKING, "working": SetKind.WORKING,
    "warmup": SetKind.WARMUP, "warm_up": SetKind.WARMUP, "warm-up": SetKind.WARMUP,
    "warm up": SetKind.WARMUP, "dropset": SetKind.DROP, "drop_set": SetKind.DROP,
    "drop set": SetKind.DROP, "drop": SetKind.DROP, "failure": SetKind.FAILURE,
}


class HevyParser(AppParser):
    """Hevy exports: one row per set; the unit is in the column name.

        "title","start_time","end_time","description","exercise_title","superset_id",
        "exercise_notes","set_index","set_type","weight_kg","reps","distance_km",
        "duration_seconds","rpe"

    Variants: ``weight_lbs`` / ``distance_miles`` (imperial accounts; some files carry both weight
    columns), dates as ``"15 Sep 2025, 07:48"`` or ``"May 7, 2026, 6:13 AM"``. A blank cell is
    "not recorded"; ``duration_seconds`` and distances of 0 are too, but ``reps`` 0 is a real
    (failed) set.
    """

    name = "hevy"
    label = "Hevy"

    @staticmethod
    def matches(keys: set[str]) -> bool:
        return "exercise_title" in keys and "start_time" in keys

    def __init__(self, header: list[str], context: Context) -> None:
        columns = Columns(header, self.label)
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
        self.weights = columns.weights(_HEVY_WEIGHT)
        self.distances = [
            (index, parse_distance_unit(match.group("unit")))
            for index, match in columns.matching(_HEVY_DISTANCE)
        ]
        super().__init__(context)

    def _kind(self, cells: Cells) -> SetKind:
        text = cells.text(self.set_type)
        if text is None or self.set_type is None:
            return SetKind.WORKING
        kind = _HEVY_KINDS.get(" ".join(text.lower().split()))
        if kind is None:
            raise cells.fail(
                self.set_type, f'unknown set type "{text}" (normal, warmup, dropset, failure)'
            )
        return kind

    def parse(self, cells: Cells) -> ImportedSet | str:
        started_at = cells.need_moment(self.start, self.context.times)
        exercise_text = cells.need_text(self.exercise)
        kind = self._kind(cells)
        measures = self.measures(cells)
        if isinstance(measures, str):
            return measures
        title = cells.text(self.title)
        return self.imported(
            cells,
            measures,
            session_key=f"{started_at.isoformat()} {title or ''}".rstrip(),
            session_name=title,
            started_at=started_at,
            finished_at=cells.moment(self.end, self.context.times),
            exercise_text=exercise_text,
            rpe=cells.rpe(self.rpe),
            kind=kind,
            session_notes=cells.text(self.description),
        )


# -- FitNotes ------------------------------------------------------------------------------


class FitNotesParser(AppParser):
    """FitNotes exports: one row per set, one workout per calendar day, no times of day.

        Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment
        Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time      (older Android)
        Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,Kind
                                                                                (FitNotes 2, iOS)

    The session key is the date (``"2022-09-14"``); ``started_at`` is local midnight of that day.
    """

    name = "fitnotes"
    label = "FitNotes"

    @staticmethod
    def matches(keys: set[str]) -> bool:
        return "exercise" in keys and "date" in keys and "reps" in keys

    def __init__(self, header: list[str], context: Context) -> None:
        columns = Columns(header, self.label)
        self.date = columns.need("Date")
        self.exercise = columns.need("Exercise")
        self.reps = columns.need("Reps")
        self.weight_unit = columns.find("weight unit")
        distance = columns.find("distance")
        self.distances = [] if distance is None else [(distance, None)]
        self.distance_unit = columns.find("distance unit")
        self.duration = columns.find("time", "duration")
        self.notes = columns.find("comment", "notes")
        self.weights = columns.weights(_WEIGHT_COLUMN)
        super().__init__(context)

    def parse(self, cells: Cells) -> ImportedSet | str:
        day = cells.need_day(self.date, self.context.times)
        exercise_text = cells.need_text(self.exercise)
        measures = self.measures(cells)
        if isinstance(measures, str):
            return measures
        return self.imported(
            cells,
            measures,
            session_key=day.isoformat(),
            started_at=self.context.times.start_of_day(day),
            exercise_text=exercise_text,
        )
