"""The plausibility check at entry (tracker.domain.plausibility) over stored sets: `log`,
`set edit`, gym mode and import ask it before they store a set."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from tracker.adapters.orm import Exercise, Lifter
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.bodyweight import BodyWeight, body_weight_at
from tracker.domain.errors import Implausible
from tracker.domain.model import SetKind, SetSpec, Side
from tracker.domain.plausibility import Known, doubt, effective_kg
from tracker.domain.specs import format_spec
from tracker.domain.units import Unit, convert


@dataclass
class EntryCheck:
    """One command's check: each exercise's stored bounds read once (one aggregate query),
    then every set checked is added to them, so a command's sets also meet each other."""

    uow: AbstractUnitOfWork
    lifter: Lifter
    leave_out: int | None = None  # the set being edited is no history of itself
    known: dict[int, Known] = field(default_factory=dict)
    _weights: list[BodyWeight] | None = None

    def question(
        self,
        exercise: Exercise,
        kind: SetKind,
        reps: int,
        load: Decimal,
        unit: Unit,
        bodyweight: bool,
        at: datetime,
    ) -> str | None:
        """Why this set looks like a typo, or None; a working set joins the history."""
        if kind is SetKind.WARMUP:
            return None
        known = self.known.get(exercise.id)
        if known is None:
            known = self._stored(exercise, at)
        load_kg = effective_kg(load, unit, bodyweight, self._body_weight(at) if bodyweight else None)
        self.known[exercise.id] = known.with_set(load_kg, reps)
        return doubt(known, load_kg, reps, Unit(self.lifter.unit))

    def refuse(
        self,
        exercise: Exercise,
        spec: SetSpec,
        side: Side | None,
        kind: SetKind,
        at: datetime,
    ) -> None:
        """Raise Implausible, naming the set and --yes, when a typed set looks like a typo."""
        load = spec.load if spec.load is not None else Decimal(0)
        unit = spec.unit or Unit(self.lifter.unit)
        reason = self.question(exercise, kind, spec.reps, load, unit, spec.bodyweight, at)
        if reason is not None:
            where = f" ({side.value})" if side else ""
            typed = format_spec(spec, Unit(self.lifter.unit))
            what = f"{typed}{where} on {exercise.name} is {reason}"
            raise Implausible(f"{what}: a typo? Add --yes to log it as typed", what)

    def _stored(self, exercise: Exercise, at: datetime) -> Known:
        known = Known()
        for bounds in self.uow.repo.working_set_bounds(self.lifter, exercise, self.leave_out):
            body = self._body_weight(at) if bounds.bodyweight else None
            for load in (bounds.lightest, bounds.heaviest):
                if load is not None:
                    known = known.with_set(effective_kg(load, bounds.unit, bounds.bodyweight, body), 0)
            known = known.with_set(None, bounds.most_reps)
        return known

    def _body_weight(self, at: datetime) -> Decimal | None:
        """Body weight in kg at `at`: every bodyweight set, stored or new, weighs it."""
        if self._weights is None:
            self._weights = self.uow.body_weights().of_lifter(self.lifter.id)
        weighed = body_weight_at(self._weights, at)
        return None if weighed is None else convert(weighed.weight, weighed.unit, Unit.KG)
