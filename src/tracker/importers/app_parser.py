"""The base of the Strong, Hevy and FitNotes row parsers: what they share beyond the cells.

Each app writes a set differently; once a parser has read a row's values, this base turns them
into the one :class:`ImportedSet` every format yields, by the same rules for all three.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from tracker.domain.model import SetKind
from tracker.domain.units import Unit
from tracker.importers.exercise_names import split_side
from tracker.importers.records import ImportedSet, check_fits
from tracker.importers.values import Cells, Context, Positions, UnitTracker


class AppParser:
    """Reads one app's rows: ``parse`` gives an ImportedSet, or why the row is not a set."""

    name: ClassVar[str]  # the format's name, also the prefix of its session keys

    def __init__(self, context: Context, header_unit: Unit | None) -> None:
        self.context = context
        self.units = UnitTracker(header_unit, context.default_unit)
        self.positions = Positions()

    def parse(self, cells: Cells) -> ImportedSet | str:
        raise NotImplementedError

    def first_load(
        self, cells: Cells, weights: list[tuple[int, Unit | None]], unit_column: int | None = None
    ) -> tuple[Decimal | None, Unit | None]:
        """The load of the first filled weight column (a file may carry a kg and a lb column)
        and its unit: the row's unit cell, else the column's, else the file's."""
        for column, header_unit in weights:
            value = cells.load(column)
            if value is not None:
                return value, self.units.resolve(cells.unit(unit_column) or header_unit)
        return None, None

    def imported(
        self,
        cells: Cells,
        *,
        session_key: str,
        started_at: datetime,
        exercise_text: str,
        reps: int | None,
        load: Decimal | None,
        unit: Unit | None,
        duration_s: int | None,
        distance: Decimal | None,
        distance_unit: str | None,
        note: str | None,
        session_name: str | None = None,
        finished_at: datetime | None = None,
        session_notes: str | None = None,
        rpe: Decimal | None = None,
        kind: SetKind = SetKind.WORKING,
    ) -> ImportedSet:
        """The set of a row whose values are read; ``load`` None means none was recorded."""
        exercise, side = split_side(exercise_text)
        key = f"{self.name}:{session_key}"
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
            reps=reps or 0,
            # No load and no distance is a bodyweight set (load 0), as `tracker log x 12` is.
            load=load if load is not None else Decimal(0),
            unit=unit or self.units.unit_used,
            bodyweight=load is None and distance is None,
            duration_s=duration_s,
            distance=distance,
            distance_unit=distance_unit,
            rpe=rpe,
            kind=kind,
            performed_at=started_at,  # the apps time the workout, not each set
            position=self.positions.take(key),
            note=note,
            rounded=cells.rounded,
        )
        return check_fits(imported, f"line {cells.line}")
