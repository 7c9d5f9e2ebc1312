"""Unit of work: one database transaction per command.

Like cosmicpython's: leaving the `with` block rolls back whatever was not committed, so a
command that fails half-way stores nothing. Services type against `AbstractUnitOfWork`; the
command line hands them the SQLAlchemy `UnitOfWork`, the service tests an in-memory fake
(tests/fakes.py).
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy import Engine as Engine  # re-exported: services name it, never use SQLAlchemy
from sqlalchemy.exc import DataError, IntegrityError

from tracker.adapters.repository import AbstractRepository, Repository

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.adapters.lifter_data import BodyWeights, InvolvedSides
    from tracker.adapters.report_queries import ReportQueries
    from tracker.adapters.roles import Roles


# A unique row another transaction stored first: services catch this name, not SQLAlchemy's.
UniqueViolation = IntegrityError
# A value the database refused (a constraint, a column too small): an import names the row.
RefusedValue = (IntegrityError, DataError)


class AbstractUnitOfWork(abc.ABC):
    repo: AbstractRepository

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def rollback(self) -> None:
        raise NotImplementedError


class UnitOfWork(AbstractUnitOfWork):
    """The SQLAlchemy unit of work: one ORM session per `with` block."""

    repo: Repository

    def __init__(self, engine: Engine, viewer: str | None = None, read_only: bool = False) -> None:
        from sqlalchemy.orm import sessionmaker

        if read_only:  # SQLite: a plain BEGIN for every transaction, never waiting for writers
            from tracker.adapters.db import READ_ONLY

            engine = engine.execution_options(**{READ_ONLY: True})
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self.engine = engine
        self.viewer = viewer  # the --lifter of the command: whose custom exercises show

    def __enter__(self) -> Self:
        self.session: Session = self._factory()
        self.repo = Repository(self.session, self.viewer)
        return super().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        self.session.close()

    def session_for_queries(self) -> Session:
        """The open ORM session (older callers; the reports use report_queries)."""
        return self.session

    def report_queries(self) -> ReportQueries:
        """The reports' read-only queries, in this unit of work's transaction."""
        from tracker.adapters.report_queries import ReportQueries

        return ReportQueries(self.session)

    def roles(self) -> Roles:
        """PostgreSQL roles and grants (owner-only operations), in this transaction."""
        from tracker.adapters.roles import Roles

        return Roles(self.session)

    def body_weights(self) -> BodyWeights:
        from tracker.adapters.lifter_data import BodyWeights

        return BodyWeights(self.session)

    def involved_sides(self) -> InvolvedSides:
        from tracker.adapters.lifter_data import InvolvedSides

        return InvolvedSides(self.session)

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
