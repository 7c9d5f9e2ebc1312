"""What one `tracker undo` or `redo` did, for the command line to say (services.history
undoes and redoes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.adapters.orm import Lifter
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.bodyweight import BodyWeight
from tracker.domain.routines import RoutinePlan
from tracker.services.stored_sets import StoredSet


@dataclass(frozen=True)
class SettingUndone:
    """An undone setting: the command as it reads back, and what holds now."""

    command: str  # config set unit lb; config set increment.dumbbell 2 kg; lifter edit ...
    outcome: str  # unit = kg again; increment.dumbbell is back to its default; ...


@dataclass(frozen=True)
class RoutineUndone:
    """An undone routine command: the routine as it is again (None: removed)."""

    command: str  # routine add, routine add-exercise, routine save, routine edit, ...
    name: str
    plan: RoutinePlan | None


@dataclass(frozen=True)
class SessionUndone:
    """An undone `session start` (the session removed) or `session finish` (open again)."""

    command: str
    session_id: int
    name: str | None = None


# The weigh-in an undone `bodyweight add` stored (now removed), or what an undo of another
# change that is not to sets did.
Detail = BodyWeight | SettingUndone | RoutineUndone | SessionUndone


@dataclass
class Undone:
    """What one undo did: which change it stepped back over, and the sets concerned (removed
    for a log, as they are again for an edit, brought back for a delete); for a change that
    is not to sets (a weigh-in, a setting, a routine, a session start or finish), its detail."""

    action: str
    sets: list[StoredSet]
    session_id: int | None = None
    removed_sessions: list[int] = field(default_factory=list)
    detail: Detail | None = None


@dataclass
class Redone:
    """What one `tracker redo` did: the change it stepped forward through again (its
    command), the sets and sessions back (or changed back) and those removed again."""

    command: str
    sets_back: list[StoredSet] = field(default_factory=list)
    sets_removed: list[StoredSet] = field(default_factory=list)
    sessions_back: list[int] = field(default_factory=list)
    sessions_removed: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class OlderChange:
    """A change made before the lifter's latest session started: undo asks before taking it
    back (a few undos in a row must not walk silently into an old session)."""

    command: str  # tracker session delete, tracker log ...
    made_at: datetime
    session_id: int  # the latest session, and when it started
    session_started_at: datetime


class AskFirst(Exception):
    """Undo stopped (nothing changed) before an older change: confirmed, it goes ahead."""

    def __init__(self, change: OlderChange) -> None:
        super().__init__(change.command)
        self.change = change


# Undoes one change record of a lifter (its payload); None: nothing is left of that change.
Handler = Callable[[AbstractUnitOfWork, Lifter, dict[str, Any]], Undone | None]
