"""A lifter's body weights and involved (injured) sides, behind named methods."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.adapters.orm import BodyWeight as BodyWeightRow
from tracker.adapters.orm import InvolvedSide
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.model import Side
from tracker.domain.units import Unit


class AbstractBodyWeights(Protocol):
    """A lifter's weigh-ins: `BodyWeights` below, or the fake of the service tests."""

    def add(self, lifter_id: int, measured_at: datetime, weight: Decimal, unit: Unit) -> int: ...

    def remove(self, lifter_id: int, weigh_in_id: int) -> BodyWeight | None: ...

    def of_lifter(self, lifter_id: int) -> list[BodyWeight]: ...


class AbstractInvolvedSides(Protocol):
    """A lifter's involved sides: `InvolvedSides` below, or the fake of the service tests."""

    def set(self, lifter_id: int, exercise_id: int | None, side: Side | None) -> None: ...

    def of_lifter(self, lifter_id: int) -> dict[int | None, Side]: ...

    def set_injury_date(self, lifter_id: int, exercise_id: int | None, day: date | None) -> bool:
        ...

    def injury_dates(self, lifter_id: int) -> dict[int | None, date]: ...


class BodyWeights:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, lifter_id: int, measured_at: datetime, weight: Decimal, unit: Unit) -> int:
        """Store a weigh-in; its id (for undo)."""
        row = BodyWeightRow(lifter_id=lifter_id, measured_at=measured_at, weight=weight,
                            unit=unit.value)
        self._session.add(row)
        self._session.flush()
        return row.id

    def remove(self, lifter_id: int, weigh_in_id: int) -> BodyWeight | None:
        """Delete the lifter's weigh-in `weigh_in_id`; what it was (None: no such weigh-in)."""
        row = self._session.get(BodyWeightRow, weigh_in_id)
        if row is None or row.lifter_id != lifter_id:
            return None
        self._session.delete(row)
        self._session.flush()
        return BodyWeight(row.measured_at, row.weight, Unit(row.unit))

    def of_lifter(self, lifter_id: int) -> list[BodyWeight]:
        """Every weigh-in of the lifter, oldest first."""
        rows = self._session.execute(
            select(BodyWeightRow.measured_at, BodyWeightRow.weight, BodyWeightRow.unit)
            .where(BodyWeightRow.lifter_id == lifter_id)
            .order_by(BodyWeightRow.measured_at, BodyWeightRow.id)
        )
        return [BodyWeight(at, weight, Unit(unit)) for at, weight, unit in rows]


class InvolvedSides:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, lifter_id: int, exercise_id: int | None) -> InvolvedSide | None:
        return self._session.execute(
            select(InvolvedSide).where(
                InvolvedSide.lifter_id == lifter_id,
                InvolvedSide.exercise_id.is_(None)
                if exercise_id is None
                else InvolvedSide.exercise_id == exercise_id,
            )
        ).scalar_one_or_none()

    def set(self, lifter_id: int, exercise_id: int | None, side: Side | None) -> None:
        """Keep ``side`` for the lifter (every exercise) or one exercise; None forgets it (and
        its injury date). A side changed keeps its injury date."""
        row = self._row(lifter_id, exercise_id)
        if side is None:
            if row is not None:
                self._session.delete(row)
        elif row is None:
            self._session.add(
                InvolvedSide(lifter_id=lifter_id, exercise_id=exercise_id, side=side.value)
            )
        else:
            row.side = side.value
        self._session.flush()

    def of_lifter(self, lifter_id: int) -> dict[int | None, Side]:
        """Exercise id (None: every exercise) -> the involved side."""
        rows = self._session.execute(
            select(InvolvedSide.exercise_id, InvolvedSide.side).where(
                InvolvedSide.lifter_id == lifter_id
            )
        )
        return {exercise_id: Side(side) for exercise_id, side in rows}

    def set_injury_date(self, lifter_id: int, exercise_id: int | None, day: date | None) -> bool:
        """Keep the injury date of the involved side kept for the lifter (every exercise) or
        one exercise; None forgets it. False: no involved side is kept there."""
        row = self._row(lifter_id, exercise_id)
        if row is None:
            return False
        row.injury_date = day
        self._session.flush()
        return True

    def injury_dates(self, lifter_id: int) -> dict[int | None, date]:
        """Exercise id (None: every exercise) -> the injury date, where one is kept."""
        rows = self._session.execute(
            select(InvolvedSide.exercise_id, InvolvedSide.injury_date).where(
                InvolvedSide.lifter_id == lifter_id, InvolvedSide.injury_date.is_not(None)
            )
        )
        return {exercise_id: day for exercise_id, day in rows if day is not None}
