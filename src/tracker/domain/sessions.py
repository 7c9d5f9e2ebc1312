"""Which session a set belongs to: session boundaries and back-dating (pure rules).

SESSION_GAP is 4 hours: the longest sane workout with breaks. A lifter who forgets
`session finish` at night does not find tomorrow's sets inside yesterday's session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

SESSION_GAP = timedelta(hours=4)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A session as a list shows it: when, its name, and how many sets of how many exercises."""

    id: int
    name: str | None
    started_at: datetime
    finished_at: datetime | None
    sets: int = 0
    exercises: int = 0
    already_finished: bool = False  # `session finish` found it finished at its last set


@dataclass(frozen=True, slots=True)
class Span:
    """A stored session as the rules see it."""

    id: int
    started_at: datetime
    finished_at: datetime | None  # None: still open
    last_activity: datetime  # its start or its latest set, whichever is later


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a set goes, and what changes on the way.

    ``session_id`` None means a new session; ``started_at``/``finished_at`` are that session's
    span once the set is in it. ``closed`` is an open session that is over: (id, end).
    """

    session_id: int | None
    started_at: datetime
    finished_at: datetime | None
    closed: tuple[int, datetime] | None = None

    @property
    def new(self) -> bool:
        return self.session_id is None


def is_back_dated(at: datetime, now: datetime) -> bool:
    """A set more than the gap before now is being back-filled."""
    return at < now - SESSION_GAP


def finished_slack(at: datetime, now: datetime) -> timedelta:
    """How far outside a finished session's span a set may fall and still join it."""
    return SESSION_GAP if is_back_dated(at, now) else timedelta(0)


def finish_time(last: datetime, now: datetime) -> datetime:
    """When a session ends that is finished without a time given: now, unless it went stale
    (no set for more than the gap), then at its last set; never before its last set."""
    return last if now - last > SESSION_GAP else max(last, now)


def place_set(
    at: datetime, now: datetime, open_session: Span | None, finished: Sequence[Span]
) -> Placement:
    """The session a set performed at ``at`` belongs to.

    - The open session takes the set when ``at`` is within the gap of its span; a set before
      its start moves the start back.
    - An open session whose last set is more than the gap before ``at`` is over: it is closed
      at its last set, and the set starts a new session.
    - A finished session is over: a set done after it starts a new session. A set inside its
      span joins it; a back-dated set also joins the nearest finished session it falls within
      the gap of, widening it. ``finished`` holds the candidates (any finished sessions).
    - A back-dated set that joins nothing starts a session that is already finished (at that
      set), so back-filling never leaves sessions open.
    """
    closed: tuple[int, datetime] | None = None
    if open_session is not None:
        last = open_session.last_activity
        if open_session.started_at - SESSION_GAP <= at <= last + SESSION_GAP:
            return Placement(open_session.id, min(open_session.started_at, at), None)
        if at > last:
            closed = (open_session.id, last)
    near = nearest_finished(at, finished, finished_slack(at, now))
    if near is not None and near.finished_at is not None:
        return Placement(near.id, min(near.started_at, at), max(near.finished_at, at), closed)
    return Placement(None, at, at if is_back_dated(at, now) else None, closed)


def nearest_finished(at: datetime, finished: Sequence[Span], slack: timedelta) -> Span | None:
    """The finished session whose span, widened by ``slack`` both ways, is nearest ``at``."""

    def distance(span: Span) -> timedelta:
        end = span.finished_at or span.started_at
        if span.started_at <= at <= end:
            return timedelta(0)
        return min(abs(span.started_at - at), abs(end - at))

    candidates = [
        span
        for span in finished
        if span.finished_at is not None
        and span.started_at <= at + slack
        and span.finished_at >= at - slack
    ]
    return min(candidates, key=distance, default=None)


def within_session(at: datetime, span: Span) -> bool:
    """Whether a set may be retimed to ``at`` without leaving its session."""
    end = span.finished_at or span.last_activity
    return span.started_at - SESSION_GAP <= at <= end + SESSION_GAP
