"""The read path: what one-shot commands that only read need, in SQLAlchemy Core.

Cosmicpython's CQRS chapter in this code base: writes go through the ORM (the repository and
the unit of work), while commands that only read query the Core tables of tables.py directly
and get plain records back. A one-shot `tracker session list` then never builds the 14 ORM
classes and configures their mappers, about 80 ms, a fifth of what a bare
`import sqlalchemy.orm` costs (issue 16's start-up target). Each method is one query; services
call them through `AbstractUnitOfWork.reads()`, in one read-only transaction, and the fake
unit of work answers them from its in-memory rows (tests/fakes.py).
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, func, or_, select

from tracker.adapters.tables import (
    Exercise,
    ExerciseAlias,
    Lifter,
    Routine,
    Setting,
    TrainingSession,
    WorkoutSet,
)
from tracker.domain.sessions import SessionInfo


def visible_exercises(viewer_id: int | None) -> ColumnElement[bool]:
    """Built-in and shared exercises, and the viewer's own: never another lifter's custom ones.

    The one rule, for the read path and the repository alike (the ORM maps the same columns)."""
    owner = Exercise.__table__.c.owner_id
    return owner.is_(None) if viewer_id is None else or_(owner.is_(None), owner == viewer_id)


@dataclass(frozen=True, slots=True)
class LifterRow:
    """A lifter as the read path knows one."""

    id: int
    name: str
    unit: str


class AbstractReads(abc.ABC):
    @abc.abstractmethod
    def setting(self, key: str) -> str | None: ...

    @abc.abstractmethod
    def lifter(self, name: str) -> LifterRow | None: ...

    @abc.abstractmethod
    def lifter_for_current_role(self) -> LifterRow | None:
        """On PostgreSQL, the lifter mapped to the connected role (row-level security)."""

    @abc.abstractmethod
    def lifters(self) -> Sequence[LifterRow]:
        """Every lifter the connection may see, by name."""

    @abc.abstractmethod
    def sessions_since(self, lifter_id: int, since: datetime | None) -> list[SessionInfo]:
        """A lifter's sessions with their set and exercise counts, newest first."""

    @abc.abstractmethod
    def routine_names(self, lifter_id: int) -> list[str]:
        """A lifter's routines, by name."""

    @abc.abstractmethod
    def exercise_names(self, viewer_id: int | None) -> list[tuple[str, list[str]]]:
        """(name, aliases) of every exercise the viewer sees (`visible_exercises`)."""


# The classes of tables.py are mapped only when the ORM is built (adapters/orm.py): the read
# path reads their Core tables.
_lifter = Lifter.__table__.c
_session = TrainingSession.__table__.c
_set = WorkoutSet.__table__.c


class Reads(AbstractReads):
    """The Core queries, on one connection inside its transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def setting(self, key: str) -> str | None:
        column = Setting.__table__.c
        return self.connection.scalar(select(column.value).where(column.key == key))

    def _one_lifter(self, condition: ColumnElement[bool]) -> LifterRow | None:
        query = select(_lifter.id, _lifter.name, _lifter.unit).where(condition)
        row = self.connection.execute(query).first()
        return None if row is None else LifterRow(*row)

    def lifter(self, name: str) -> LifterRow | None:
        return self._one_lifter(_lifter.name == name)

    def lifter_for_current_role(self) -> LifterRow | None:
        if self.connection.dialect.name != "postgresql":
            return None
        return self._one_lifter(_lifter.db_role == func.current_user())

    def lifters(self) -> list[LifterRow]:
        query = select(_lifter.id, _lifter.name, _lifter.unit).order_by(_lifter.name)
        return [LifterRow(*row) for row in self.connection.execute(query)]

    def sessions_since(self, lifter_id: int, since: datetime | None) -> list[SessionInfo]:
        query = (
            select(
                _session.id,
                _session.name,
                _session.started_at,
                _session.finished_at,
                func.count(_set.id),
                func.count(func.distinct(_set.exercise_id)),
            )
            .outerjoin(WorkoutSet.__table__, _set.session_id == _session.id)
            .where(_session.lifter_id == lifter_id)
            .group_by(_session.id)
            .order_by(_session.started_at.desc(), _session.id.desc())
        )
        if since is not None:
            query = query.where(_session.started_at >= since)
        return [SessionInfo(*row) for row in self.connection.execute(query)]

    def exercise_names(self, viewer_id: int | None) -> list[tuple[str, list[str]]]:
        exercise, alias = Exercise.__table__.c, ExerciseAlias.__table__.c
        visible = visible_exercises(viewer_id)
        names = self.connection.execute(select(exercise.id, exercise.name).where(visible)).all()
        aliases_of: dict[int, list[str]] = {ex_id: [] for ex_id, _name in names}
        aliases = select(alias.exercise_id, alias.alias).join(
            Exercise.__table__, exercise.id == alias.exercise_id
        )
        for ex_id, text in self.connection.execute(aliases.where(visible)):
            aliases_of[ex_id].append(text)
        return [(name, aliases_of[ex_id]) for ex_id, name in names]

    def routine_names(self, lifter_id: int) -> list[str]:
        routine = Routine.__table__.c
        query = select(routine.name).where(routine.lifter_id == lifter_id).order_by(routine.name)
        return list(self.connection.scalars(query))
