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
from sqlalchemy.exc import IntegrityError

from tracker.adapters.repository import AbstractRepository, Repository

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# A unique row another transaction stored first: services catch this name, not SQLAlchemy's.
UniqueViolation = IntegrityError


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

    def __init__(self, engine: Engine) -> None:
        from sqlalchemy.orm import sessionmaker

        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self.engine = engine

    def __enter__(self) -> Self:
        self.session: Session = self._factory()
        self.repo = Repository(self.session)
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
        """The open ORM session, for the read-only report queries in adapters.queries."""
        return self.session

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
