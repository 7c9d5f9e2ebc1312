"""`tracker undo`: step back through a lifter's changes, most recent first.

Every change to the log (a `tracker log`, a `set edit`, a `set delete`, a `session delete`,
`session start` and `finish`) writes a change record in the same transaction, holding what
undoing it needs: the ids of the sets a log stored and the spans of the sessions it widened or
closed, or full copies of the rows an edit or a delete changed. So do weigh-ins and settings
(services.history_settings) and routines (services.history_routines). `undo` takes the latest
record not undone yet and restores exactly what was there before (ids included), so several
undos walk back in order. A change to the exercise catalog, or an import, cannot be undone: it
leaves a mark (adapters.journal.CATALOG_EDIT, IMPORT) that `undo` stops at, rather than step
back over it to an older change.

A change made before the latest session of a run of undos started is undone only once
confirmed (AskFirst). An undo keeps, in its record, the rows it changed as they were before
(journal.watch), and `redo` puts them back, ids included, until a new change is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from tracker.adapters.journal import (
    CATALOG_EDIT,
    IMPORT,
    REDO,
    AbstractJournal,
    RowCopy,
    copy_row,
)
from tracker.adapters.orm import ChangeRecord, Lifter, TrainingSession, WorkoutSet
from tracker.adapters.repository import LifterRows
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.errors import Conflict, NotFound, NotPermitted
from tracker.domain.sessions import SESSION_GAP
from tracker.services import history_routines, history_settings
from tracker.services.lifters import current_lifter
from tracker.services.stored_sets import StoredSet, stored_set
from tracker.services.undone import (
    AskFirst,
    Handler,
    OlderChange,
    Redone,
    SessionUndone,
    Undone,
)

LOG = "log"
EDIT = "edit"
DELETE_SET = "delete set"
DELETE_SESSION = "delete session"
SESSION_START = "session start"
SESSION_FINISH = "session finish"
SPAN = ("started_at", "finished_at")
RowCopies = tuple[list[RowCopy], list[RowCopy]]  # sets and their sessions, before an edit
BOUNDARY = "latest_session"  # in an undone record: the latest session (id, start) of its run


# -- recording (called by the services that change the log, inside their transaction) --------


def sessions_before_log(journal: AbstractJournal, lifter: Lifter, at: datetime) -> list[RowCopy]:
    """Copies of the sessions a log at `at` may join, widen or close: call before logging."""
    near = journal.sessions_near(lifter, at - SESSION_GAP, at + SESSION_GAP)
    return [copy_row(session) for session in near]


def record_log(
    journal: AbstractJournal, lifter: Lifter, rows: list[WorkoutSet], before: list[RowCopy]
) -> None:
    """After a log has stored `rows`: the sets to remove, the sessions to put back."""
    known = {copy["id"] for copy in before}
    changed = []
    for copy in before:
        session = journal.training_session(copy["id"])
        if session is not None and _span(copy_row(session)) != _span(copy):
            changed.append(copy)
    new_sessions = sorted({row.session_id for row in rows} - known)
    journal.record(
        lifter,
        LOG,
        {
            "sets": [row.id for row in rows],
            "sessions_before": changed,
            "new_sessions": new_sessions,
        },
    )


def record_set_change(
    journal: AbstractJournal, lifter: Lifter, action: str, row: WorkoutSet
) -> None:
    """Before a delete (DELETE_SET) removes `row`: a copy of it and of its session."""
    session = journal.training_session(row.session_id)
    assert session is not None  # a set always belongs to a session (foreign key)
    journal.record(lifter, action, {"set": copy_row(row), "session": copy_row(session)})


def copies_before_edit(journal: AbstractJournal, rows: Sequence[WorkoutSet]) -> RowCopies:
    """Before an edit (EDIT) changes `rows`: copies of them and of their sessions, for
    `record_edit` to record once the edit is done."""
    sessions: dict[int, RowCopy] = {}
    for row in rows:
        session = journal.training_session(row.session_id)
        assert session is not None  # a set always belongs to a session (foreign key)
        sessions.setdefault(session.id, copy_row(session))
    return [copy_row(row) for row in rows], list(sessions.values())


def record_edit(journal: AbstractJournal, lifter: Lifter, before: RowCopies) -> None:
    """After an edit changed sets (one change, however many sets: the gym's `note`): the sets
    as they were, their sessions as they were, and which of each session's start and end the
    edit moved (undo puts back only those: a session finished since stays finished)."""
    sets, sessions = before
    moved: dict[str, list[str]] = {}
    for copy in sessions:
        session = journal.training_session(copy["id"])
        now = copy_row(session) if session is not None else copy
        fields = [key for key in SPAN if now.get(key) != copy.get(key)]
        if fields:
            moved[str(copy["id"])] = fields
    journal.record(lifter, EDIT, {"sets": sets, "sessions": sessions, "moved": moved})


def record_session_delete(
    journal: AbstractJournal, lifter: Lifter, session: TrainingSession
) -> None:
    journal.record(
        lifter,
        DELETE_SESSION,
        {"session": copy_row(session), "sets": [copy_row(row) for row in session.sets]},
    )


def record_session_start(
    journal: AbstractJournal, lifter: Lifter, session: TrainingSession
) -> None:
    """After `session start` stored `session` (flushed: it has its id)."""
    journal.record(lifter, SESSION_START, {"session": session.id})


def record_session_finish(
    journal: AbstractJournal, lifter: Lifter, session: TrainingSession
) -> None:
    """Before `session finish` closes `session`: its span, to open it again."""
    journal.record(lifter, SESSION_FINISH, {"session": copy_row(session)})


def _span(copy: RowCopy) -> tuple[Any, ...]:
    return tuple(copy.get(key) for key in SPAN)


# -- undoing ---------------------------------------------------------------------------------


def _replayed_by_its_role(lifters: LifterRows, lifter: Lifter) -> None:
    """A lifter with a PostgreSQL role writes their change records as that role, so a record
    says whatever they chose, and undo and redo write what it says: they run as that role,
    whose row-level policies hold those writes to the lifter's rows, whoever asked."""
    if not lifters.act_as_role_of(lifter):
        raise NotPermitted(
            f"undo and redo of {lifter.name}'s changes run as their database role "
            f"({lifter.db_role}), which this role can't take: their change records are theirs "
            "to write, so only that role replays them"
        )


def undo_last_change(
    uow: AbstractUnitOfWork, lifter_name: str | None, confirmed: bool = False
) -> Undone:
    """Undo the lifter's most recent change that is not undone yet. A change made before
    their latest session started raises AskFirst (nothing changed) unless `confirmed`."""
    with uow:
        journal = uow.journal
        lifter = current_lifter(uow.lifters, lifter_name)
        _replayed_by_its_role(uow.lifters, lifter)
        boundary = _session_boundary(uow, lifter)
        journal.watch()  # what the undo changes, for redo
        stepped_over: list[ChangeRecord] = []
        while True:
            record = journal.latest_pending(lifter)
            if record is None:
                if journal.has_records(lifter):
                    raise NotFound("nothing more to undo: every recorded change is undone")
                undone = _undo_unrecorded_log(uow, lifter)
                break
            journal.mark_undone(record)
            result = UNDO[record.action](uow, lifter, record.payload)
            if result is not None:
                if not confirmed and boundary and record.created_at < boundary[1]:
                    # Raised inside the transaction: the undo above is rolled back.
                    command = _command(record.action, record.payload)
                    raise AskFirst(OlderChange(command, record.created_at, *boundary))
                journal.flush()
                record.payload = {**record.payload, REDO: journal.watched()}
                if boundary:  # the next undo of this run keeps it, whatever this one removed
                    record.payload[BOUNDARY] = [boundary[0], boundary[1].isoformat()]
                for older in stepped_over:  # nothing to redo: redo steps over them too
                    older.payload = {**older.payload, REDO: []}
                undone = result
                break
            stepped_over.append(record)
            # Nothing is left of that change (e.g. an import --replace took its sets, or the
            # session a start opened is gone): step over it to the one before.
        uow.commit()
        return undone


def redo_last_undo(uow: AbstractUnitOfWork, lifter_name: str | None) -> Redone:
    """Step forward again through the lifter's latest undo: the rows it changed are as they
    were, ids included. A new change since (or an import, or a catalog edit) clears redo."""
    with uow:
        journal = uow.journal
        lifter = current_lifter(uow.lifters, lifter_name)
        _replayed_by_its_role(uow.lifters, lifter)
        for record in journal.redoable(lifter):
            changes = record.payload[REDO]
            payload = {k: v for k, v in record.payload.items() if k not in (REDO, BOUNDARY)}
            record.payload, record.undone_at = payload, None
            if changes:
                back, removed = journal.redo(changes)
                redone = Redone(
                    _command(record.action, payload),
                    [stored_set(row) for row in back if isinstance(row, WorkoutSet)],
                    [stored_set(row) for row in removed if isinstance(row, WorkoutSet)],
                    [row.id for row in back if isinstance(row, TrainingSession)],
                    [row.id for row in removed if isinstance(row, TrainingSession)],
                )
                uow.commit()
                return redone
        raise NotFound("nothing to redo: redo steps forward after undo, until a new change")


def _session_boundary(uow: AbstractUnitOfWork, lifter: Lifter) -> tuple[int, datetime] | None:
    """The latest session (id, start) of this run of undos: the lifter's latest session, or a
    later one an earlier undo of the run removed (so undoing today's session away does not
    open the way into yesterday's without asking)."""
    latest = uow.log.latest_session(lifter)
    found = None if latest is None else (latest.id, latest.started_at)
    for record in uow.journal.undone_run(lifter):
        kept = record.payload.get(BOUNDARY)
        if kept is not None:
            start = datetime.fromisoformat(kept[1])
            if found is None or start > found[1]:
                found = (kept[0], start)
    return found


def _undo_log(uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]) -> Undone | None:
    journal = uow.journal
    found = (journal.workout_set(set_id) for set_id in payload["sets"])
    # Those already gone (deleted or replaced since) are left out.
    rows = [row for row in found if row is not None and row.lifter_id == lifter.id]
    if not rows:
        return None
    removed, session_ids = _remove_sets(journal, rows)
    gone_sessions = _remove_emptied(journal, payload["new_sessions"])
    for copy in payload["sessions_before"]:
        session = journal.training_session(copy["id"])
        if session is not None:
            journal.put_back(session, copy, SPAN)
    return Undone(LOG, removed, session_ids[0], gone_sessions)


def _remove_sets(
    journal: AbstractJournal, rows: Sequence[WorkoutSet]
) -> tuple[list[StoredSet], list[int]]:
    """Delete the sets a log stored: them as they were, and the ids of their sessions."""
    removed = [stored_set(row) for row in rows]
    session_ids = sorted({row.session_id for row in rows})
    for row in rows:
        journal.delete(row)
    journal.flush()
    return removed, session_ids


def _remove_emptied(journal: AbstractJournal, session_ids: Iterable[int]) -> list[int]:
    """Delete those of the sessions that existed only for the sets just removed (no set, name
    or notes left); their ids."""
    gone = []
    for session_id in session_ids:
        session = journal.training_session(session_id)
        if session is None:
            continue
        journal.reload(session)
        if not session.sets and not session.name and not session.notes:
            journal.delete(session)
            gone.append(session_id)
    return gone


def _own_session(
    journal: AbstractJournal, lifter: Lifter, session_id: int
) -> TrainingSession | None:
    """Session `session_id` while it is the lifter's: None once deleted (and its id, on
    SQLite, maybe another lifter's now)."""
    session = journal.training_session(session_id)
    return None if session is None or session.lifter_id != lifter.id else session


def _session_back(
    journal: AbstractJournal, copy: RowCopy, span: tuple[str, ...] = SPAN
) -> TrainingSession:
    """The session of a copy: put back its span (or those of its start and end in `span`), or
    inserted again when it is gone (under a new id if its id is another lifter's now: a
    database from before ids were never reused)."""
    session = journal.training_session(copy["id"])
    if session is None or session.lifter_id != copy["lifter_id"]:
        return journal.restore(TrainingSession, copy)
    if span:
        journal.put_back(session, copy, span)
    return session


def _check_exercise(journal: AbstractJournal, copy: RowCopy) -> None:
    if not journal.exercise_exists(copy["exercise_id"]):
        raise Conflict(
            f"set #{copy['id']} was of an exercise removed since: add the exercise back to undo"
        )


def _undo_edit(uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]) -> Undone:
    journal = uow.journal
    if "sets" in payload:
        copies, sessions = payload["sets"], payload["sessions"]
        moved: dict[str, list[str]] = payload["moved"]
    else:  # a record from before edits kept several sets and what they moved
        copies, sessions = [payload["set"]], [payload["session"]]
        moved = _moved_by_old_edit(journal, payload["set"], payload["session"])
    for copy in copies:
        _check_exercise(journal, copy)
    session_ids = {
        copy["id"]: _session_back(journal, copy, tuple(moved.get(str(copy["id"]), ()))).id
        for copy in sessions
    }
    rows = []
    for copy in copies:
        copy = {**copy, "session_id": session_ids[copy["session_id"]]}
        row = journal.workout_set(copy["id"])
        if row is None:
            row = journal.restore(WorkoutSet, copy)
        else:
            journal.put_back(row, copy)
        rows.append(row)
    journal.flush()
    return Undone(EDIT, [stored_set(row) for row in rows], rows[0].session_id)


def _moved_by_old_edit(
    journal: AbstractJournal, set_copy: RowCopy, session_copy: RowCopy
) -> dict[str, list[str]]:
    """What an edit recorded with one set moved of its session: its span, when it retimed the
    set (the one edit that moves a session); else nothing."""
    row = journal.workout_set(set_copy["id"])
    if row is not None and copy_row(row)["performed_at"] == set_copy["performed_at"]:
        return {}
    return {str(session_copy["id"]): list(SPAN)}


def _undo_set_delete(uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]) -> Undone:
    journal = uow.journal
    copy = payload["set"]
    _check_exercise(journal, copy)
    session = _session_back(journal, payload["session"])
    row = journal.restore(WorkoutSet, {**copy, "session_id": session.id})
    return Undone(DELETE_SET, [stored_set(row)], session.id)


def _undo_session_delete(
    uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]
) -> Undone:
    journal = uow.journal
    for copy in payload["sets"]:
        _check_exercise(journal, copy)
    session = _session_back(journal, payload["session"])
    rows = [journal.restore(WorkoutSet, {**c, "session_id": session.id}) for c in payload["sets"]]
    return Undone(DELETE_SESSION, [stored_set(row) for row in rows], session.id)


def _undo_session_start(
    uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]
) -> Undone | None:
    session = _own_session(uow.journal, lifter, payload["session"])
    if session is None:
        return None
    if session.sets:  # logged since by a command undo has no record of (an import)
        raise Conflict(
            f"can't undo session start: session #{session.id} holds sets now; "
            f"delete it with: tracker session delete {session.id}"
        )
    uow.journal.delete(session)
    return Undone(SESSION_START, [], session.id,
                  detail=SessionUndone(SESSION_START, session.id, session.name))


def _undo_session_finish(
    uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]
) -> Undone | None:
    copy = payload["session"]
    session = _own_session(uow.journal, lifter, copy["id"])
    if session is None:
        return None
    still_open = uow.log.open_session(lifter)
    if still_open is not None and still_open.id != session.id:
        raise Conflict(
            f"can't undo session finish: session #{still_open.id} is open now, and a lifter "
            f"has one open session at a time; finish it first with: tracker session finish"
        )
    uow.journal.put_back(session, copy, SPAN)
    return Undone(SESSION_FINISH, [], session.id,
                  detail=SessionUndone(SESSION_FINISH, session.id, session.name))


def _refusal(change: str, hint: str = "") -> Handler:
    """The undo of a mark that `undo` stops at: `change` can't be taken back nor stepped over."""

    def refuse(uow: AbstractUnitOfWork, lifter: Lifter, payload: dict[str, Any]) -> Undone:
        raise Conflict(
            f"your last change was {change}: undo can't take it back, nor go past it to older "
            f"changes{hint}"
        )

    return refuse


# The command that made a change, as `undo` names it when it asks first (a routine record
# names its own command).
COMMANDS = {
    LOG: "tracker log",
    EDIT: "tracker set edit",
    DELETE_SET: "tracker set delete",
    DELETE_SESSION: "tracker session delete",
    SESSION_START: "tracker session start",
    SESSION_FINISH: "tracker session finish",
    history_settings.WEIGH_IN: "tracker bodyweight add",
    history_settings.CONFIG_SET: "tracker config set",
    history_settings.INVOLVED: "tracker lifter edit --involved",
}


def _command(action: str, payload: dict[str, Any]) -> str:
    return COMMANDS.get(action) or f"tracker {payload['command']}"

UNDO: dict[str, Handler] = {
    LOG: _undo_log,
    EDIT: _undo_edit,
    DELETE_SET: _undo_set_delete,
    DELETE_SESSION: _undo_session_delete,
    SESSION_START: _undo_session_start,
    SESSION_FINISH: _undo_session_finish,
    CATALOG_EDIT: _refusal("to the exercise catalog (tracker exercises)"),
    IMPORT: _refusal(
        "an import (tracker import)", "; tracker session delete ID removes an imported session"
    ),
    **history_settings.UNDO,
    **history_routines.UNDO,
}


def _undo_unrecorded_log(uow: AbstractUnitOfWork, lifter: Lifter) -> Undone:
    """A database from before the journal: undo the latest logging command by its batch."""
    rows = uow.log.last_batch_sets(lifter)
    if not rows:
        raise NotFound("nothing to undo: no logged sets")
    removed, session_ids = _remove_sets(uow.journal, rows)
    return Undone(LOG, removed, session_ids[0], _remove_emptied(uow.journal, session_ids))

