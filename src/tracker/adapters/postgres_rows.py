"""What only PostgreSQL does for the repository: a shared database's roles and locks.

On a shared PostgreSQL database a lifter may connect as a role of their own (row-level
security), concurrent writers for one lifter take turns through a row lock, and writers of
the shared catalog through an advisory lock. On SQLite each of these is the plain answer or
nothing to do: its BEGIN IMMEDIATE already serialises writers, and it has no roles.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.adapters.orm import Lifter

# A PostgreSQL advisory lock key (any fixed 64-bit number; db.py holds the migrations' one):
# writes to the shared catalog (first-use seeding, imports that create exercises).
CATALOG_LOCK = 0x7472_6163_6B02


class PostgresRows:
    """The repository's PostgreSQL-only methods (a base of `Repository`)."""

    session: Session

    def _dialect(self) -> str:
        bind = self.session.get_bind()
        return bind.dialect.name

    def lifter_for_current_role(self) -> Lifter | None:
        """On PostgreSQL, the lifter mapped to the connected role (row-level security)."""
        if self._dialect() != "postgresql":
            return None
        return self.session.scalar(select(Lifter).where(Lifter.db_role == func.current_user()))

    def lock_lifter(self, lifter: Lifter) -> None:
        """Hold the lifter's row until commit, so concurrent writers for one lifter take turns
        choosing the open session and set positions (PostgreSQL; SQLite's BEGIN IMMEDIATE
        already serialises writers)."""
        if self._dialect() == "postgresql":
            self.session.execute(select(Lifter.id).where(Lifter.id == lifter.id).with_for_update())

    def serialize_catalog_writes(self) -> None:
        """One writer of the shared catalog at a time until commit (PostgreSQL)."""
        if self._dialect() == "postgresql":
            self.session.execute(select(func.pg_advisory_xact_lock(CATALOG_LOCK)))

    def may_write_catalog(self) -> bool:
        """Built-ins and gym settings are the owner's: false for a lifter role (PostgreSQL)."""
        if self._dialect() != "postgresql":
            return True
        from tracker.adapters.roles import Roles

        return Roles(self.session).connected_as_owner()
