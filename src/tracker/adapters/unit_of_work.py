"""Unit of work: one database transaction per command.

Like cosmicpython's: leaving the `with` block rolls back whatever was not committed, so a
command that fails half-way stores nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tracker.adapters.repository import Repository

if TYPE_CHECKING:
    from tracker.adapters.lifter_data import BodyWeights, InvolvedSides
    from tracker.adapters.report_queries import ReportQueries


class UnitOfWork:
    def __init__(self, engine: Engine, viewer: str | None = None, read_only: bool = False) -> None:
        if read_only:  # SQLite: a plain BEGIN for every transaction, never waiting for writers
            from tracker.adapters.db import READ_ONLY

            engine = engine.execution_options(**{READ_ONLY: True})
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self.engine = engine
        self.viewer = viewer  # the --lifter of the command: whose custom exercises show

    def __enter__(self) -> UnitOfWork:
        self.session: Session = self._factory()
        self.repo = Repository(self.session, self.viewer)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        self.session.close()

    def session_for_queries(self) -> Session:
        """The open ORM session (older callers; the reports use report_queries)."""
        return self.session

    def report_queries(self) -> ReportQueries:
        """The reports' read-only queries, in this unit of work's transaction."""
        from tracker.adapters.report_queries import ReportQueries

        return ReportQueries(self.session)

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
