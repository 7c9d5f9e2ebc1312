"""Unit of work: one database transaction per command.

Like cosmicpython's: leaving the `with` block rolls back whatever was not committed, so a
command that fails half-way stores nothing. Services type against `AbstractUnitOfWork`; the
command line hands them the SQLAlchemy `UnitOfWork`, the service tests an in-memory fake
(tests/fakes.py).
"""

from __future__ import annotations

import abc
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy import Engine as Engine  # re-exported: services name it, never use SQLAlchemy
from sqlalchemy import exc as sa_errors
from sqlalchemy.exc import DataError, IntegrityError

from tracker.domain import errors

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.adapters.journal import AbstractJournal, Journal, UnrecordedChanges
    from tracker.adapters.lifter_data import (
        AbstractBodyWeights,
        AbstractInvolvedSides,
        BodyWeights,
        InvolvedSides,
    )
    from tracker.adapters.reads import AbstractReads, Reads
    from tracker.adapters.report_queries import AbstractReportQueries, ReportQueries
    from tracker.adapters.repository import (
        CatalogRows,
        GymRows,
        LifterRows,
        LogRows,
        SqlLifterRows,
        TransferRows,
    )
    from tracker.adapters.roles import AbstractRoles, Roles


# A value the database refused (a constraint, a column too small): an import's inserts raise
# it as the domain's RowRefused (adapters/repository.py), and the import names the lines.
RefusedValue = (IntegrityError, DataError)


def domain_error(exc: BaseException) -> errors.TrackerError | None:
    """A database error a user can cause, as the domain error the CLI shows in one line; None
    for anything else (a bug). The unit of work raises these in place of SQLAlchemy's."""
    orm_errors = sys.modules.get("sqlalchemy.orm.exc")  # loaded if one of its errors was raised
    kind = type(exc)
    if orm_errors is not None and kind is orm_errors.StaleDataError:
        # an UPDATE the row-level policies filtered
        return errors.NotPermitted(
            "not allowed for this database role (built-ins and other lifters' rows are the "
            "owner's), or the row was changed by another command meanwhile"
        )
    orig = getattr(exc, "orig", None) or exc
    detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    if kind in (sa_errors.OperationalError, sa_errors.InterfaceError):
        return errors.DatabaseError(f"database unavailable: {detail}")
    if kind is sa_errors.DatabaseError:  # e.g. SQLite "file is not a database"
        return errors.DatabaseError(f"can't use the database: {detail}")
    if kind in (sa_errors.ArgumentError, sa_errors.NoSuchModuleError):
        return errors.DatabaseError(f"can't use the database URL: {detail}")
    if kind is sa_errors.ProgrammingError and (
        "permission denied" in detail or "row-level security" in detail
    ):  # a lifter's role on a shared PostgreSQL database
        return errors.NotPermitted(f"not allowed for this database role: {detail}")
    if kind is sa_errors.ProgrammingError and "does not exist" in detail:  # a dropped table
        return errors.DatabaseError(
            f"can't use the database: {detail} (restore a backup, or run tracker db upgrade)"
        )
    names = ("uq_exercise_key", "uq_exercise_alias_key",  # PostgreSQL names the index,
             "exercise.key", "exercise_alias.key")  # SQLite the column ("UNIQUE ... failed")
    if kind is sa_errors.IntegrityError and any(name in detail for name in names):
        # Names are unique in the whole database; a lifter's role cannot see who holds one.
        return errors.ConstraintViolation(
            "that name is the name of another lifter's exercise: choose another"
        )
    if kind is sa_errors.IntegrityError:  # e.g. a name held by a row this role may not see
        return errors.ConstraintViolation(f"the database refused the change: {detail}")
    if kind is sa_errors.DataError:  # a value the column cannot hold (too long, out of range)
        return errors.ValueRefused(f"the database refused a value: {detail}")
    return None


@contextmanager
def domain_errors() -> Iterator[None]:
    """Database errors a user can cause raised as domain errors (domain_error)."""
    try:
        yield
    except Exception as exc:
        error = domain_error(exc)
        if error is None:
            raise
        raise error from exc


class AbstractUnitOfWork(abc.ABC):
    """What a service may ask of storage: one small repository per aggregate (cosmicpython's
    `uow.products`), the change journal, and the read and report queries. A helper takes the
    one repository it needs (`def resolve_exercise(catalog: CatalogRows, ...)`)."""

    lifters: LifterRows  # lifters, whose exercises the command sees, gym-wide settings
    catalog: CatalogRows  # the exercise catalog
    log: LogRows  # training sessions and their sets
    gym: GymRows  # routines, rests between sets, where a gym session stands
    transfers: TransferRows  # imports and exports: sessions and sets in bulk
    journal: AbstractJournal  # change records for undo and redo

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
    def reads(self) -> AbstractContextManager[AbstractReads]:
        """The read path's queries, in a read-only transaction of their own: for commands
        that only read (adapters/reads.py says why they skip the ORM)."""

    def for_writes(self) -> AbstractUnitOfWork:
        """A unit of work whose transactions write from their start (SQLite: BEGIN IMMEDIATE,
        so that a write queues behind another writer instead of failing on a stale read)."""
        return self

    def data_stamp(self, lifter_id: int) -> object | None:
        """Inside a transaction: a value that stays equal while no other connection commits
        a change to the lifter's history (SQLite: PRAGMA data_version on this connection),
        for a warm process to know that what it keeps is still so; None when unknown."""
        return None

    @abc.abstractmethod
    def report_queries(self) -> AbstractReportQueries:
        """The reports' read-only queries, in this unit of work's transaction."""

    @abc.abstractmethod
    def roles(self) -> AbstractRoles:
        """PostgreSQL roles and grants (owner-only operations), in this transaction."""

    @abc.abstractmethod
    def body_weights(self) -> AbstractBodyWeights: ...

    @abc.abstractmethod
    def involved_sides(self) -> AbstractInvolvedSides: ...

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class UnitOfWork(AbstractUnitOfWork):
    """The SQLAlchemy unit of work: one ORM session per `with` block."""

    # What commit needs to mark changes that no change record covers (_mark_unrecorded_changes).
    lifters: SqlLifterRows
    journal: Journal
    unrecorded: UnrecordedChanges

    def __init__(
        self,
        engine: Engine,
        viewer: str | None = None,
        read_only: bool = False,
        mark_unrecorded: bool = False,
    ) -> None:
        from sqlalchemy.orm import sessionmaker

        self._writable_engine = engine
        if read_only:  # SQLite: a plain BEGIN for every transaction, never waiting for writers
            from tracker.adapters.db import READ_ONLY

            engine = engine.execution_options(**{READ_ONLY: True})
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self.engine = engine
        self.viewer = viewer  # the --lifter of the command: whose custom exercises show
        # A lifter's command (the command line): a change it makes that no change record
        # covers (the exercise catalog, an import) leaves a mark in the lifter's undo history,
        # so that `undo` stops there rather than step back over it to an older change.
        self.mark_unrecorded = mark_unrecorded

    def for_writes(self) -> UnitOfWork:
        return UnitOfWork(self._writable_engine, self.viewer, False, self.mark_unrecorded)

    def __enter__(self) -> Self:
        from tracker.adapters import repository  # builds the ORM (the read path does not)
        from tracker.adapters.journal import Journal, UnrecordedChanges

        self.session: Session = self._factory()
        # One repository per aggregate, all over one session: one transaction.
        self.unrecorded = UnrecordedChanges(self.session)  # for undo: see commit
        self.lifters = repository.SqlLifterRows(self.session, self.viewer)
        self.catalog = repository.SqlCatalogRows(self.session, self.lifters)
        self.log = repository.SqlLogRows(self.session, self.catalog)
        self.gym = repository.SqlGymRows(self.session)
        self.transfers = repository.SqlTransferRows(self.session, self.unrecorded)
        self.journal = Journal(self.session)
        return super().__enter__()

    @contextmanager
    def reads(self) -> Iterator[Reads]:
        from tracker.adapters.db import READ_ONLY
        from tracker.adapters.reads import Reads

        with domain_errors(), self.engine.execution_options(**{READ_ONLY: True}).begin() as c:
            yield Reads(c)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            with domain_errors():  # a failed rollback or close (a lost connection) too
                try:
                    super().__exit__(exc_type, exc, tb)
                finally:
                    self.session.close()
        except errors.TrackerError:
            if exc is None:
                raise
            # Otherwise the command's own error, below, says more than its rollback's.
        error = None if exc is None else domain_error(exc)
        if error is not None:  # the command's error, in the domain's terms
            raise error from exc

    def data_stamp(self, lifter_id: int) -> object | None:
        connection = self.session.connection()
        if connection.dialect.name != "sqlite":
            # PostgreSQL has no such value. A counter on the lifter row bumped by triggers
            # was tried: its row lock, taken after other rows', deadlocked two writers of
            # one lifter (a backdated line against a session edit). So a warm process reads
            # each line's figures again there.
            return None
        # It changes when another connection commits, never for this one's own commits.
        version = connection.exec_driver_sql("PRAGMA data_version").scalar()
        return connection.connection.dbapi_connection, version

    def report_queries(self) -> ReportQueries:
        from tracker.adapters.report_queries import ReportQueries

        return ReportQueries(self.session)

    def roles(self) -> Roles:
        from tracker.adapters.roles import Roles

        return Roles(self.session)

    def body_weights(self) -> BodyWeights:
        from tracker.adapters.lifter_data import BodyWeights

        return BodyWeights(self.session)

    def involved_sides(self) -> InvolvedSides:
        from tracker.adapters.lifter_data import InvolvedSides

        return InvolvedSides(self.session)

    def commit(self) -> None:
        if self.mark_unrecorded:
            self._mark_unrecorded_changes()
        self.session.commit()

    def _mark_unrecorded_changes(self) -> None:
        from tracker.adapters.journal import CATALOG_EDIT, IMPORT
        from tracker.adapters.orm import Lifter

        changes, journal = self.unrecorded, self.journal
        self.session.flush()  # the catalog changes are seen at a flush
        imported = [self.session.get(Lifter, each) for each in sorted(changes.imported_for)]
        for lifter in imported:
            if lifter is not None:
                journal.mark_unrecorded(lifter, IMPORT)
        lifter = self.lifters.command_lifter() if changes.catalog else None
        if lifter is not None and lifter not in imported:  # an import names itself
            journal.mark_unrecorded(lifter, CATALOG_EDIT)
        changes.forget()

    def rollback(self) -> None:
        self.session.rollback()
