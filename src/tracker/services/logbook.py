"""Logging sets at the gym: one command, one transaction, each side on its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from tracker.adapters.orm import Exercise, Lifter, TrainingSession, WorkoutSet
from tracker.adapters.repository import Repository
from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.e1rm import estimate_1rm
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.model import Laterality, SetKind, SetSpec, Side
from tracker.domain.units import Unit, convert
from tracker.services.catalog import resolve_exercise
from tracker.services.lifters import current_lifter

# A session with no set for this long is over: the next set starts a new one. Four hours covers
# the longest sane workout with breaks, and a lifter who forgets `session finish` at night does
# not find tomorrow's sets inside yesterday's session.
SESSION_GAP = timedelta(hours=4)


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


@dataclass
class StoredSet:
    id: int
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    bodyweight: bool
    kind: SetKind
    rpe: Decimal | None
    best: bool = False  # a new best estimated 1RM for the exercise (and side)


@dataclass
class LogResult:
    exercise: str
    laterality: str
    session_id: int
    started_session: bool
    closed_session: int | None
    sets: list[StoredSet]
    previous: PreviousSession | None
    first_time: bool = False  # no set of this exercise was stored before this command
    messages: list[str] = field(default_factory=list)


@dataclass
class PreviousSession:
    date: datetime
    sets: list[tuple[Side | None, int, Decimal, Unit, bool, SetKind]]


def log_sets(
    uow: UnitOfWork, lifter_name: str | None, request: LogRequest, now: datetime
) -> LogResult:
    """Store every set of one command, or none of them."""
    at = request.at or now
    with uow:
        repo = uow.repo
        lifter = current_lifter(repo, lifter_name)
        repo.lock_lifter(lifter)  # concurrent logs take turns choosing session and positions
        exercise = resolve_exercise(repo, request.exercise)
        check_sides(exercise, request.sets)
        session, started, closed = session_for(repo, lifter, at, now)
        previous = previous_session(repo, lifter, exercise, session)
        first_time = repo.count_sets_of(exercise, lifter) == 0
        bests = best_e1rm_by_side(repo, lifter, exercise, Unit(lifter.unit), at)
        position = repo.next_position(session)
        stored: list[tuple[WorkoutSet, PlannedSet]] = []
        for offset, planned in enumerate(request.sets):
            row = new_set(lifter, session, exercise, planned, request, at, position + offset)
            repo.add(row)
            stored.append((row, planned))
        repo.flush()
        # The command's first set id names its batch: unique even when two terminals log at
        # once on PostgreSQL, and increasing, so `undo` finds the latest command.
        for row, _ in stored:
            row.batch = stored[0][0].id
        result = LogResult(
            exercise=exercise.name,
            laterality=exercise.laterality,
            session_id=session.id,
            started_session=started,
            closed_session=closed,
            sets=[to_stored(row) for row, _ in stored],
            previous=previous,
            first_time=first_time,
        )
        mark_bests(result.sets, bests, Unit(lifter.unit))
        uow.commit()
        return result


def check_sides(exercise: Exercise, sets: Sequence[PlannedSet]) -> None:
    if not sets:
        raise InvalidValue(f"no sets given for {exercise.name}: add specs such as 10x60")
    one_sided = exercise.laterality != Laterality.BILATERAL.value
    if one_sided and any(s.side is None for s in sets):
        raise InvalidValue(
            f"{exercise.name} is {exercise.laterality}: give each set a side with "
            "--left/-l, --right/-r or --each"
        )
    if not one_sided and any(s.side is not None for s in sets):
        raise InvalidValue(
            f"{exercise.name} is bilateral: drop --left/--right/--each, or log a unilateral variant"
        )


def session_for(
    repo: Repository, lifter: Lifter, at: datetime, now: datetime
) -> tuple[TrainingSession, bool, int | None]:
    """The session a set performed at `at` belongs to: (session, started_now, closed_id).

    Rules (SESSION_GAP is 4 hours):
    - The open session takes the set when `at` is within the gap of its span; a set before its
      start moves the start back.
    - An open session whose last set is more than the gap before `at` is over: it is closed at
      its last set, and the set starts a new session.
    - A finished session is over: a set done after it starts a new session. A set inside its
      span joins it; a back-dated set (older than the gap) also joins the nearest finished
      session it falls within the gap of, widening it.
    - A back-dated set that joins nothing starts a session that is already finished (at that
      set), so back-filling never leaves sessions open.
    """
    closed: int | None = None
    open_session = repo.open_session(lifter)
    if open_session is not None:
        last = last_activity(open_session)
        if open_session.started_at - SESSION_GAP <= at <= last + SESSION_GAP:
            open_session.started_at = min(open_session.started_at, at)
            return open_session, False, None
        if at > last:
            open_session.finished_at = last
            closed = open_session.id
    back_dated = at < now - SESSION_GAP
    # A set inside a finished session's span belongs to it, however recent; a back-dated set
    # also joins one it falls within the gap of, widening it.
    near = repo.finished_session_near(lifter, at, SESSION_GAP if back_dated else timedelta(0))
    if near is not None and near.finished_at is not None:
        near.started_at = min(near.started_at, at)
        near.finished_at = max(near.finished_at, at)
        return near, False, closed
    session = TrainingSession(
        lifter_id=lifter.id, started_at=at, finished_at=at if back_dated else None
    )
    repo.add(session)
    repo.flush()
    return session, True, closed


def last_activity(session: TrainingSession) -> datetime:
    times = [s.performed_at for s in session.sets]
    return max([session.started_at, *times])


def new_set(
    lifter: Lifter,
    session: TrainingSession,
    exercise: Exercise,
    planned: PlannedSet,
    request: LogRequest,
    at: datetime,
    position: int,
) -> WorkoutSet:
    spec = planned.spec
    unit = spec.unit or Unit(lifter.unit)
    return WorkoutSet(
        session_id=session.id,
        lifter_id=lifter.id,
        exercise_id=exercise.id,
        side=planned.side.value if planned.side else None,
        reps=spec.reps,
        load=spec.load if spec.load is not None else Decimal(0),
        unit=unit.value,
        bodyweight=spec.bodyweight,
        rpe=planned.rpe,
        kind=request.kind.value,
        performed_at=at,
        position=position,
        note=request.note,
    )


def to_stored(row: WorkoutSet) -> StoredSet:
    return StoredSet(
        id=row.id,
        side=Side(row.side) if row.side else None,
        reps=row.reps,
        load=row.load,
        unit=Unit(row.unit),
        bodyweight=row.bodyweight,
        kind=SetKind(row.kind),
        rpe=row.rpe,
    )


def counts_for_best(kind: SetKind, load: Decimal, reps: int) -> bool:
    return kind is not SetKind.WARMUP and load > 0 and reps > 0


def best_e1rm_by_side(
    repo: Repository, lifter: Lifter, exercise: Exercise, unit: Unit, before: datetime
) -> dict[Side | None, Decimal]:
    """The best Epley e1RM before `before` per side, from SQL maxima per (side, reps, unit)."""
    bests: dict[Side | None, Decimal] = {}
    for side, reps, row_unit, top in repo.top_loads_by_reps(lifter, exercise, before):
        value = estimate_1rm(convert(top, Unit(row_unit), unit), reps)
        key = Side(side) if side else None
        if value > bests.get(key, Decimal(0)):
            bests[key] = value
    return bests


def mark_bests(sets: list[StoredSet], bests: dict[Side | None, Decimal], unit: Unit) -> None:
    """Flag each set that beats the best before it (earlier sets of this command included).

    The first sets ever logged on a side are not "new bests": there was nothing to beat.
    """
    running = dict(bests)
    for stored in sets:
        previous = running.get(stored.side)
        if previous is None or not counts_for_best(stored.kind, stored.load, stored.reps):
            continue
        value = estimate_1rm(convert(stored.load, stored.unit, unit), stored.reps)
        if value > previous:
            stored.best = True
            running[stored.side] = value


def previous_session(
    repo: Repository, lifter: Lifter, exercise: Exercise, current: TrainingSession
) -> PreviousSession | None:
    session_id = repo.previous_session_id(lifter, exercise, current)
    if session_id is None:
        return None
    rows = repo.sets_of_exercise_in_session(lifter, exercise, session_id)
    return PreviousSession(
        date=min(r.performed_at for r in rows),
        sets=[
            (Side(r.side) if r.side else None, r.reps, r.load, Unit(r.unit), r.bodyweight,
             SetKind(r.kind))
            for r in rows
        ],
    )  # fmt: skip


# -- corrections ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RemovedSet:
    id: int
    exercise: str
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    bodyweight: bool


def undo_last(uow: UnitOfWork, lifter_name: str | None) -> list[RemovedSet]:
    """Remove the sets of the most recent logging command."""
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        rows = uow.repo.last_batch_sets(lifter)
        if not rows:
            raise NotFound("nothing to undo: no logged sets")
        removed = [removed_view(row) for row in rows]
        sessions = {row.session for row in rows}
        for row in rows:
            uow.repo.delete(row)
        uow.repo.flush()
        for session in sessions:
            if not session.sets and not session.name and not session.notes:
                uow.repo.delete(session)  # it existed only for these sets
        uow.commit()
        return removed


def removed_view(row: WorkoutSet) -> RemovedSet:
    return RemovedSet(
        id=row.id,
        exercise=row.exercise.name,
        side=Side(row.side) if row.side else None,
        reps=row.reps,
        load=row.load,
        unit=Unit(row.unit),
        bodyweight=row.bodyweight,
    )


def delete_set(uow: UnitOfWork, lifter_name: str | None, set_id: int) -> RemovedSet:
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        row = _owned_set(uow.repo, lifter, set_id)
        removed = removed_view(row)
        uow.repo.delete(row)
        uow.commit()
        return removed


def _owned_set(repo: Repository, lifter: Lifter, set_id: int) -> WorkoutSet:
    row = repo.workout_set(lifter, set_id)
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


def edit_set(uow: UnitOfWork, lifter_name: str | None, set_id: int, edit: SetEdit) -> StoredSet:
    with uow:
        lifter = current_lifter(uow.repo, lifter_name)
        row = _owned_set(uow.repo, lifter, set_id)
        if edit.spec is not None:
            row.reps = edit.spec.reps
            row.load = edit.spec.load if edit.spec.load is not None else Decimal(0)
            row.unit = (edit.spec.unit or Unit(row.unit)).value
            row.bodyweight = edit.spec.bodyweight
        if edit.side is not None:
            if row.exercise.laterality == Laterality.BILATERAL.value:
                raise InvalidValue(f"{row.exercise.name} is bilateral: a set has no side")
            row.side = edit.side.value
        if edit.rpe is not None:
            row.rpe = edit.rpe
        if edit.kind is not None:
            row.kind = edit.kind.value
        if edit.note is not None:
            row.note = edit.note or None
        if edit.at is not None:
            move_within_session(row, edit.at)
        uow.commit()
        return to_stored(row)


def move_within_session(row: WorkoutSet, at: datetime) -> None:
    """Retime a set inside its session (widening the session's span), never out of it."""
    session = row.session
    end = session.finished_at or last_activity(session)
    if not session.started_at - SESSION_GAP <= at <= end + SESSION_GAP:
        raise InvalidValue(
            f"{at.astimezone():%Y-%m-%d %H:%M} is outside session #{session.id}: to move the set "
            "to another day, delete it and log it again with --at"
        )
    row.performed_at = at
    # The session spans its sets: it follows a set that moves, in both directions.
    times = [s.performed_at for s in session.sets]
    session.started_at = min(times)
    if session.finished_at is not None:
        session.finished_at = max(times)
