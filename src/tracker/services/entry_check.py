"""The plausibility check at entry (tracker.domain.plausibility) over stored sets: `log`,
`set edit`, gym mode and import ask it before they store a set."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
from tracker.services.stored_sets import StoredSet


@dataclass
class EntryCheck:
    """One command's check: each exercise's stored bounds, read once (one aggregate query).

    A set meets the sets stored before the command, not the command's other sets (a first
    session's ramp from 20 to 60 kg is no typo). An import also counts its rows of earlier
    sessions of the file, as they would have been stored by then.
    """

    uow: AbstractUnitOfWork
    lifter: Lifter
    leave_out: int | None = None  # the set being edited is no history of itself
    known: dict[int, Known] = field(default_factory=dict)
    weigh_ins: Sequence[BodyWeight] | None = None  # the lifter's, once read (or given)
    _session: str | None = None  # the import's session being read, and its rows so far
    _held: list[tuple[int, Decimal | None, int]] = field(default_factory=list)
    _unit: Unit | None = None  # the lifter's, as read last (one Unit per row costs)

    def question(
        self,
        exercise: Exercise,
        kind: SetKind,
        reps: int,
        load: Decimal,
        unit: Unit,
        bodyweight: bool,
        at: datetime,
        session: str | None = None,
    ) -> str | None:
        """Why this set looks like a typo, or None. With `session` (an import), the set
        counts for the rows of the file's later sessions."""
        if kind is SetKind.WARMUP:
            return None
        if session != self._session:
            for exercise_id, held_kg, held_reps in self._held:
                self.known[exercise_id] = self.known[exercise_id].with_set(held_kg, held_reps)
            self._held.clear()
            self._session = session
        exercise_id = exercise.id
        known = self.stored(exercise, at)
        load_kg = effective_kg(
            load, unit, bodyweight, self._body_weight(at) if bodyweight else None
        )
        if session is not None:
            self._held.append((exercise_id, load_kg, reps))
        if self._unit != self.lifter.unit:  # a StrEnum equals its text
            self._unit = Unit(self.lifter.unit)
        return doubt(known, load_kg, reps, self._unit)

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

    def stored(self, exercise: Exercise, at: datetime) -> Known:
        """The exercise's stored sets as the check meets them (read once)."""
        known = self.known.get(exercise.id)
        if known is None:
            known = self.known[exercise.id] = self._stored(exercise, at)
        return known

    def with_sets(self, known: Known, sets: Iterable[StoredSet], at: datetime) -> Known:
        """`known` once these sets are stored too, as `_stored` would read them at `at` (a
        warm process keeps it so, instead of reading the bounds again)."""
        for done in sets:
            if done.kind is not SetKind.WARMUP:
                body = self._body_weight(at) if done.bodyweight else None
                load_kg = effective_kg(done.load, done.unit, done.bodyweight, body)
                known = known.with_set(load_kg, done.reps)
        return known

    def _stored(self, exercise: Exercise, at: datetime) -> Known:
        known = Known()
        for bounds in self.uow.log.working_set_bounds(self.lifter, exercise, self.leave_out):
            body = self._body_weight(at) if bounds.bodyweight else None
            for load in (bounds.lightest, bounds.heaviest):
                if load is not None:
                    known = known.with_set(
                        effective_kg(load, bounds.unit, bounds.bodyweight, body), 0
                    )
            known = known.with_set(None, bounds.most_reps)
        return known

    def body_weights(self) -> Sequence[BodyWeight]:
        """The lifter's weigh-ins, oldest first: read once per command, for this check and the
        command's other figures of bodyweight sets (the logbook's new bests)."""
        if self.weigh_ins is None:
            self.weigh_ins = self.uow.body_weights().of_lifter(self.lifter.id)
        return self.weigh_ins

    def _body_weight(self, at: datetime) -> Decimal | None:
        """Body weight in kg at `at`: every bodyweight set, stored or new, weighs it."""
        weighed = body_weight_at(self.body_weights(), at)
        return None if weighed is None else convert(weighed.weight, weighed.unit, Unit.KG)
