"""Logging sets at the gym: one command, one transaction, each side on its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.adapters.new_rows import add_session, add_set, put_spec, spec_of
from tracker.adapters.orm import Exercise, Lifter, TrainingSession, WorkoutSet
from tracker.adapters.repository import LogRows
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.load_convention import LoadPer
from tracker.domain.model import Laterality, SetKind, SetSpec, Side
from tracker.domain.plausibility import Known
from tracker.domain.records import (
    LoggedSet,
    MeasureBests,
    SideRecords,
    best_by_side,
    bests_with,
    new_bests,
    new_measure_bests,
)
from tracker.domain.sessions import Span, finished_slack, place_set, within_session
from tracker.domain.set_rules import as_typed, check_loads, check_sides, is_cardio, kind_of
from tracker.domain.text_safety import refuse_controls
from tracker.domain.units import Unit
from tracker.services import history
from tracker.services.catalog import exercise_convention, resolve_exercise
from tracker.services.entry_check import EntryCheck
from tracker.services.lifters import current_lifter
from tracker.services.stored_sets import StoredSet, last_activity, stored_set

if TYPE_CHECKING:
    from tracker.services.figures import LifterFacts


@dataclass(frozen=True)
class PlannedSet:
    """One set the lifter asked to log, before it is stored."""

    spec: SetSpec
    side: Side | None
    rpe: Decimal | None = None


@dataclass(frozen=True)
class LogRequest:
    exercise: str
    sets: Sequence[PlannedSet]
    kind: SetKind = SetKind.WORKING
    note: str | None = None
    at: datetime | None = None  # None: now
    confirmed: bool = False  # --yes: store a set the plausibility check questions


@dataclass
class LogResult:
    exercise: str
    laterality: Laterality
    session_id: int
    started_session: bool
    closed_session: int | None
    sets: list[StoredSet]
    previous: PreviousSession | None
    first_time: bool = False  # no set of this exercise was stored before this command
    session_open: bool = True  # the sets went to the open session (not a finished one)
    per_implement: str | None = None  # "dumbbell" when loads are per dumbbell
    implements: int = 0


@dataclass
class PreviousSession:
    date: datetime
    sets: list[StoredSet]


@dataclass
class Recalled:
    """What a log of an exercise reads of its history, as it stands after the last log of it
    in this process: the session it was logged in and the one before, and the history's
    figures (each the domain's own: e1RM and measure bests, the entry check's bounds, the
    gym's per-side records), kept up to date with each line instead of read again."""

    session_id: int
    exercise: tuple[int, bool]  # its id and lower_is_better, as the figures were kept
    previous: PreviousSession | None
    logged: bool  # any set of the exercise is stored
    bests: dict[Side | None, Decimal]
    measure_bests: MeasureBests
    known: Known
    records: SideRecords
    today: list[StoredSet]  # the session's sets of the exercise, in the order logged
    facts: LifterFacts


@dataclass
class LogMemory:
    """A warm process's memory of what its logs read (gym mode), per exercise name.

    Good while no other connection has written: the unit of work's data stamp (SQLite's
    data_version; PostgreSQL has none, so nothing is kept there) is read in each log's
    transaction, and any change forgets everything. The process's own changes besides its
    logs (undo, redo, a backdated set) forget it too (`forget`)."""

    stamp: object | None = None
    unit: str | None = None  # the lifter's, which the figures are in
    exercises: dict[str, Recalled] = field(default_factory=dict)

    def forget(self) -> None:
        self.stamp = None
        self.exercises.clear()


def log_sets(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    request: LogRequest,
    now: datetime,
    memory: LogMemory | None = None,
) -> LogResult:
    """Store every set of one command, or none of them. With `memory` (a warm process), what
    it holds of the exercise's history stands in for reading it, and is kept up to date."""
    if request.note is not None:
        refuse_controls(request.note, "a note")
    at = request.at or now
    with uow:
        log = uow.log
        lifter = current_lifter(uow.lifters, lifter_name)
        uow.lifters.lock_lifter(lifter)  # concurrent logs take turns choosing session and positions
        exercise = resolve_exercise(uow.catalog, request.exercise)
        recalled = _recall(uow, memory, lifter, exercise.name, request.at is None)
        check_sides(exercise.name, exercise.laterality, [s.side for s in request.sets])
        check_loads(
            exercise.name,
            exercise.equipment,
            [s.spec for s in request.sets],
            cardio=is_cardio(exercise.body_part, exercise.category),
        )
        check = EntryCheck(uow, lifter)
        if recalled is not None:
            check.known[exercise.id] = recalled.known
            check.weigh_ins = recalled.facts.body_weights
        if not request.confirmed:
            for planned in request.sets:
                kind = kind_of(planned.spec, request.kind)
                check.refuse(exercise, planned.spec, planned.side, kind, at)
        sessions_before = history.sessions_before_log(uow.journal, lifter, at)  # for undo
        session, started, closed = session_for(log, lifter, at, now)
        if recalled is not None and (
            recalled.session_id != session.id
            or recalled.exercise != (exercise.id, exercise.lower_is_better)
        ):
            recalled = None  # a new session (its previous one is another), or edited
        if recalled is not None:
            previous, first_time = recalled.previous, not recalled.logged
            bests, measure_bests = recalled.bests, recalled.measure_bests
        else:
            previous = previous_session(log, lifter, exercise, session)
            first_time = uow.catalog.count_sets_of(exercise, lifter) == 0
            bests = best_e1rm_by_side(
                log, lifter, exercise, Unit(lifter.unit), at, check.body_weights
            )
            remembering = memory is not None and memory.stamp is not None
            measured = remembering or any(p.spec.measured for p in request.sets)
            measure_bests = (
                MeasureBests.from_rows(
                    log.measure_bests(lifter, exercise, at), exercise.lower_is_better
                )
                if measured
                else MeasureBests()
            )
        position = log.next_position(session)
        rows = [
            add_set(
                log,
                session,
                exercise,
                planned.spec,
                planned.spec.unit or Unit(lifter.unit),
                planned.side,
                planned.rpe,
                kind_of(planned.spec, request.kind),
                at,
                position + offset,
                request.note,
            )
            for offset, planned in enumerate(request.sets)
        ]
        log.flush()
        # The command's first set id names its batch: unique even when two terminals log at
        # once on PostgreSQL, and increasing, so `undo` finds the latest command.
        for row in rows:
            row.batch = rows[0].id
        history.record_log(uow.journal, lifter, rows, sessions_before)
        result = LogResult(
            exercise=exercise.name,
            laterality=exercise.laterality,
            session_id=session.id,
            started_session=started,
            closed_session=closed,
            sets=[stored_set(row) for row in rows],
            previous=previous,
            first_time=first_time,
            session_open=session.finished_at is None,
        )
        convention = exercise_convention(exercise)
        if convention.per is LoadPer.IMPLEMENT:
            result.per_implement = convention.implement_name
            result.implements = convention.implements
        logged = [logged_set(s) for s in result.sets]
        # Bodyweight sets are weighed as the reports weigh them (domain.records.e1rm_of).
        weigh_ins = check.body_weights() if any(s.bodyweight for s in result.sets) else ()
        e1rm_flags = new_bests(logged, bests, Unit(lifter.unit), weigh_ins)
        measure_flags = new_measure_bests(logged, measure_bests, exercise.lower_is_better)
        for stored, best, best_measure in zip(result.sets, e1rm_flags, measure_flags, strict=True):
            stored.best, stored.best_measure = best, best_measure
        kept = stamp = None
        if memory is not None and memory.stamp is not None:
            kept = _kept(uow, lifter, exercise, session, rows, result, recalled, check)
            kept.bests = bests_with(bests, logged, Unit(lifter.unit), weigh_ins)
            kept.measure_bests = measure_bests.with_sets(logged, exercise.lower_is_better)
            uow.log.flush()
            stamp = uow.data_stamp(lifter.id)
        uow.commit()
        if memory is not None and kept is not None:
            memory.stamp = stamp  # only once the line is stored
            memory.exercises[exercise.name] = kept
        return result


def _kept(
    uow: AbstractUnitOfWork,
    lifter: Lifter,
    exercise: Exercise,
    session: TrainingSession,
    rows: list[WorkoutSet],
    result: LogResult,
    recalled: Recalled | None,
    check: EntryCheck,
) -> Recalled:
    """The exercise's figures to remember after this log: those recalled with its sets added,
    else read (the first log of the exercise in this process, or after another's write)."""
    at = rows[0].performed_at
    if recalled is None:
        from tracker.services.figures import lifter_facts  # the report's modules: gym only

        log = uow.log
        recalled = Recalled(
            session.id,
            (exercise.id, exercise.lower_is_better),
            result.previous,
            True,
            {},
            MeasureBests(),
            check.stored(exercise, at),
            side_records(log, lifter, exercise, rows[0].id),
            list(map(stored_set, log.sets_of_exercise_in_session(lifter, exercise, session.id))),
            lifter_facts(uow, lifter, exercise),
        )
        today = recalled.today
    else:
        today = [*recalled.today, *result.sets]
    return replace(
        recalled,
        logged=True,
        known=check.with_sets(recalled.known, result.sets, at),
        today=today,
    )


def _recall(
    uow: AbstractUnitOfWork, memory: LogMemory | None, lifter: Lifter, exercise: str, now: bool
) -> Recalled | None:
    """The memory's figures of the exercise, if still good: no other connection wrote the
    lifter's history since they were kept (the data stamp, read inside this transaction, the
    lifter's row locked), the lifter's unit is the same, and the sets are logged now (a
    backdated set's history is another)."""
    if memory is None:
        return None
    stamp = uow.data_stamp(lifter.id) if now else None
    if stamp is None or stamp != memory.stamp or lifter.unit != memory.unit:
        memory.forget()
    memory.stamp, memory.unit = stamp, lifter.unit
    return memory.exercises.get(exercise)


def logged_set(s: StoredSet) -> LoggedSet:
    return LoggedSet(
        s.side, s.reps, s.load, s.unit, s.kind, s.id, s.duration_s, s.distance, s.distance_unit,
        s.performed_at if s.bodyweight else None,
    )


def side_records(
    log: LogRows, lifter: Lifter, exercise: Exercise, before_set_id: int
) -> SideRecords:
    """The exercise's per-side records over the working sets logged before a set id."""
    rows = log.side_records(lifter, exercise, before_set_id)
    return SideRecords.from_rows(
        ((side, Unit(unit), load, reps) for side, unit, load, reps in rows), Unit(lifter.unit)
    )


def session_for(
    log: LogRows, lifter: Lifter, at: datetime, now: datetime
) -> tuple[TrainingSession, bool, int | None]:
    """The session a set performed at `at` belongs to: (session, started_now, closed_id).

    The rules are tracker.domain.sessions.place_set; this applies its answer to the rows.
    """
    open_row = log.open_session(lifter)
    candidates = log.finished_sessions_near(lifter, at, finished_slack(at, now))
    rows = {row.id: row for row in candidates}
    placement = place_set(
        at,
        now,
        None if open_row is None else span_of(log, open_row),
        [span_of(log, r) for r in candidates],
    )
    closed_id: int | None = None
    if placement.closed is not None and open_row is not None:
        closed_id, open_row.finished_at = placement.closed
    if placement.session_id is None:
        new = add_session(log, lifter, placement.started_at, placement.finished_at)
        return new, True, closed_id
    chosen = open_row if open_row is not None and open_row.id == placement.session_id else None
    chosen = chosen or rows[placement.session_id]
    chosen.started_at = placement.started_at
    if chosen.finished_at is not None:
        chosen.finished_at = placement.finished_at
    return chosen, False, closed_id


def span_of(log: LogRows, row: TrainingSession) -> Span:
    return Span(row.id, row.started_at, row.finished_at, last_activity(log, row))


def best_e1rm_by_side(
    log: LogRows,
    lifter: Lifter,
    exercise: Exercise,
    unit: Unit,
    before: datetime,
    body_weights: Callable[[], Sequence[BodyWeight]],
) -> dict[Side | None, Decimal]:
    """The best e1RM before `before` per side, as `report history` reads each set (bodyweight
    sets weighed with the weigh-in of their time), from SQL maxima per (side, reps, unit) and,
    for bodyweight sets, weigh-in; the weigh-ins (``body_weights()``) are read only when a
    bodyweight set is among them."""
    tops = [
        LoggedSet(side, reps, top, Unit(row_unit), SetKind.WORKING, bodyweight_at=at)
        for side, reps, row_unit, top, at in log.top_loads_by_reps(lifter, exercise, before)
    ]
    weighed = any(top.bodyweight_at is not None for top in tops)
    return best_by_side(tops, unit, body_weights() if weighed else ())


def previous_session(
    log: LogRows, lifter: Lifter, exercise: Exercise, current: TrainingSession
) -> PreviousSession | None:
    session_id = log.previous_session_id(lifter, exercise, current)
    if session_id is None:
        return None
    rows = log.sets_of_exercise_in_session(lifter, exercise, session_id)
    return PreviousSession(
        date=min(r.performed_at for r in rows),
        sets=[stored_set(r) for r in rows],
    )


# -- corrections ---------------------------------------------------------------------------


def describe_set(uow: AbstractUnitOfWork, lifter_name: str | None, set_id: int) -> StoredSet:
    """Set `set_id` of the lifter, to show before deleting it."""
    with uow:
        return stored_set(_owned_set(uow.log, current_lifter(uow.lifters, lifter_name), set_id))


def delete_set(uow: AbstractUnitOfWork, lifter_name: str | None, set_id: int) -> StoredSet:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        row = _owned_set(uow.log, lifter, set_id)
        removed = stored_set(row)
        history.record_set_change(uow.journal, lifter, history.DELETE_SET, row)
        uow.log.delete(row)
        uow.commit()
        return removed


def _owned_set(log: LogRows, lifter: Lifter, set_id: int) -> WorkoutSet:
    row = log.workout_set(lifter, set_id)
    if row is None:
        raise NotFound(f"no set with id {set_id} for lifter {lifter.name}")
    return row


@dataclass(frozen=True)
class SetEdit:
    spec: SetSpec | None = None
    side: Side | None = None
    rpe: Decimal | None = None
    kind: SetKind | None = None
    note: str | None = None
    at: datetime | None = None
    exercise: str | None = None  # move the set to this exercise
    confirmed: bool = False  # --yes: store a set the plausibility check questions


def edit_set(
    uow: AbstractUnitOfWork, lifter_name: str | None, set_id: int, edit: SetEdit
) -> StoredSet:
    if edit.note is not None:
        refuse_controls(edit.note, "a note")
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        row = _owned_set(uow.log, lifter, set_id)
        before = history.copies_before_edit(uow.journal, [row])
        exercise = moved_from = row.exercise
        if edit.exercise is not None:
            exercise = resolve_exercise(uow.catalog, edit.exercise)
        side = edit.side or row.side
        if exercise.laterality == Laterality.BILATERAL:
            if edit.side is not None:
                raise InvalidValue(f"{exercise.name} is bilateral: a set has no side")
            side = None  # a set moved to a bilateral exercise loses its side
        elif side is None:
            raise InvalidValue(
                f"{exercise.name} is {exercise.laterality}: give the set a side with "
                "--side left or --side right"
            )
        was_failed_attempt = row.reps == 0 and row.duration_s is None and row.distance is None
        cardio = is_cardio(exercise.body_part, exercise.category)
        if edit.spec is not None:
            check_loads(exercise.name, exercise.equipment, [edit.spec], cardio)
        elif exercise.id != moved_from.id:
            # The set as it was typed, moved: a machine still needs a load (as `tracker log`).
            typed = as_typed(spec_of(row), moved_from.equipment)
            check_loads(exercise.name, exercise.equipment, [typed], cardio)
        if edit.spec is not None:
            put_spec(row, edit.spec, edit.spec.unit or Unit(row.unit))
            if edit.spec.failed:
                row.kind = SetKind.FAILURE
            elif row.kind == SetKind.FAILURE and was_failed_attempt:
                row.kind = SetKind.WORKING  # a 0-rep attempt corrected to reps done
        row.exercise = exercise
        row.exercise_id = exercise.id
        row.side = side
        if edit.rpe is not None:
            row.rpe = edit.rpe
        if edit.kind is not None:
            row.kind = edit.kind
        if edit.note is not None:
            row.note = edit.note or None
        if edit.at is not None:
            move_within_session(uow.log, row, edit.at)
        changed = edit.spec is not None or edit.exercise is not None or edit.kind is not None
        if changed and not edit.confirmed:
            check = EntryCheck(uow, lifter, leave_out=row.id)
            check.refuse(exercise, spec_of(row), row.side, row.kind, row.performed_at)
        history.record_edit(uow.journal, lifter, before)
        uow.commit()
        return stored_set(row)


def note_sets(
    uow: AbstractUnitOfWork, lifter_name: str | None, set_ids: Sequence[int], note: str
) -> list[StoredSet]:
    """One note on several sets (the gym's `note`, on the sets of its last line): one change,
    in one transaction, that undo and redo take back and forth whole. An empty note clears."""
    refuse_controls(note, "a note")
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        rows = [_owned_set(uow.log, lifter, set_id) for set_id in set_ids]
        if not rows:
            raise InvalidValue("no sets to note")
        before = history.copies_before_edit(uow.journal, rows)
        for row in rows:
            row.note = note or None
        history.record_edit(uow.journal, lifter, before)
        uow.commit()
        return [stored_set(row) for row in rows]


def move_within_session(log: LogRows, row: WorkoutSet, at: datetime) -> None:
    """Retime a set inside its session (widening the session's span), never out of it."""
    container = log.session_of(row)
    if not within_session(at, span_of(log, container)):
        raise InvalidValue(
            f"{at.astimezone():%Y-%m-%d %H:%M} is outside session #{container.id}: to move the "
            "set to another day, delete it and log it again with --at"
        )
    row.performed_at = at
    # The session spans its sets: it follows a set that moves, in both directions.
    times = [s.performed_at for s in container.sets]
    container.started_at = min(times)
    if container.finished_at is not None:
        container.finished_at = max(times)
