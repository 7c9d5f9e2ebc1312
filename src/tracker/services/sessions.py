"""Training sessions: start, finish, list, show and delete."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.names import MAX_NAME, check_length
from tracker.domain.sessions import SessionInfo, finish_time
from tracker.domain.text_safety import refuse_controls
from tracker.services.lifters import current_lifter, ensure_lifter, find_lifter
from tracker.services.stored_sets import StoredSet, last_activity, stored_set

if TYPE_CHECKING:  # the ORM is built only by commands that write (adapters/reads.py)
    from tracker.adapters.orm import Lifter, TrainingSession


@dataclass(frozen=True)
class SessionDetail:
    """A session with its sets in the order they were done (`session show`)."""

    id: int
    lifter: str
    name: str | None
    started_at: datetime
    finished_at: datetime | None
    notes: str | None
    sets: tuple[StoredSet, ...]


def info(session: TrainingSession, with_sets: bool = True) -> SessionInfo:
    """The session's span, with its counts of sets and exercises (none when not `with_sets`:
    a session just started)."""
    rows = session.sets if with_sets else []
    exercises = len({s.exercise_id for s in rows})
    return SessionInfo(
        session.id, session.name, session.started_at, session.finished_at, len(rows), exercises
    )


def start_session(
    uow: AbstractUnitOfWork, lifter_name: str | None, at: datetime, name: str | None
) -> SessionInfo:
    from tracker.adapters.new_rows import add_session
    from tracker.services import history

    if name is not None:
        refuse_controls(name, "a session name", one_line=True)
        check_length(name, "a session name", MAX_NAME)
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        uow.lifters.lock_lifter(lifter)
        still_open = uow.log.open_session(lifter)
        if still_open is not None:
            raise Conflict(
                f"session #{still_open.id} is still open: finish it first with: "
                "tracker session finish"
            )
        session = add_session(uow.log, lifter, at, name=name)
        history.record_session_start(uow.journal, lifter, session)
        uow.commit()
        return info(session, with_sets=False)


def finish_session(
    uow: AbstractUnitOfWork, lifter_name: str | None, at: datetime | None, now: datetime
) -> SessionInfo:
    """Close the open session at `at`; without it, now, or at its last set if that is stale."""
    from tracker.services import history  # the ORM: `session list` and `show` need none

    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        session = uow.log.open_session(lifter)
        if session is None:
            return finished_by_itself(uow, lifter)
        end = at or finish_time(last_activity(uow.log, session), now)
        if end < session.started_at:
            raise InvalidValue("a session can't finish before it started")
        history.record_session_finish(uow.journal, lifter, session)
        session.finished_at = end
        uow.commit()
        return info(session)


def finished_by_itself(uow: AbstractUnitOfWork, lifter: Lifter) -> SessionInfo:
    """No session is open: the one the last `log` went into may be finished already, at its
    last set (back-dated sets are stored finished; SESSION_GAP without a set closes one).
    That is what `session finish` after such a log says, not that there is nothing to finish."""
    logged = uow.log.last_batch_sets(lifter)
    session = uow.log.session_of(logged[0]) if logged else None
    if session is None or session.finished_at != last_activity(uow.log, session):
        raise NotFound("no open session to finish")
    done = info(session)
    uow.commit()
    return replace(done, already_finished=True)


def list_sessions(
    uow: AbstractUnitOfWork, lifter_name: str | None, since: datetime | None
) -> list[SessionInfo]:
    with uow.reads() as reads:
        lifter = find_lifter(reads, lifter_name)
        if lifter is not None:
            return reads.sessions_since(lifter.id, since)
    ensure_lifter(uow, lifter_name)  # the default lifter, on first use: no sessions yet
    return []


def show_session(uow: AbstractUnitOfWork, lifter_name: str | None, which: str) -> SessionDetail:
    """A session (an id, or "last") with its sets."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        if which == "last":
            session = uow.log.latest_session(lifter)
            if session is None:
                raise NotFound("no sessions yet: log a set with tracker log EXERCISE SPEC")
        else:
            text = which.lstrip("#")
            if not text.isdigit() or not 0 < int(text) < 2**31:
                raise InvalidValue(f'session must be an id or "last", got "{which}"')
            session_id = int(text)
            session = uow.log.training_session(lifter, session_id)
            if session is None:
                raise NotFound(f"no session #{session_id} for lifter {lifter.name}")
        # In the order they were done (a back-dated set joins at the end of the rows).
        done = sorted(session.sets, key=lambda s: (s.performed_at, s.id))
        return SessionDetail(
            id=session.id,
            lifter=lifter.name,
            name=session.name,
            started_at=session.started_at,
            finished_at=session.finished_at,
            notes=session.notes,
            sets=tuple(stored_set(row) for row in done),
        )


def delete_session(
    uow: AbstractUnitOfWork, lifter_name: str | None, session_id: int
) -> SessionInfo:
    """Delete a session with all its sets."""
    from tracker.services import history

    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        session = uow.log.training_session(lifter, session_id)
        if session is None:
            raise NotFound(f"no session #{session_id} for lifter {lifter.name}")
        gone = info(session)
        history.record_session_delete(uow.journal, lifter, session)
        uow.log.delete(session)
        uow.commit()
        return gone
