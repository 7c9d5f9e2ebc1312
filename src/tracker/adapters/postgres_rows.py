"""What only PostgreSQL does for the repositories: a shared database's roles and locks.

On a shared PostgreSQL database a lifter may connect as a role of their own (row-level
security), concurrent writers for one lifter take turns through a row lock, and writers of
the shared catalog through an advisory lock. On SQLite each of these is the plain answer or
nothing to do: its BEGIN IMMEDIATE already serialises writers, and it has no roles.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from tracker.adapters.orm import Lifter

# A PostgreSQL advisory lock key (any fixed 64-bit number; db.py holds the migrations' one):
# writes to the shared catalog (first-use seeding, imports that create exercises).
CATALOG_LOCK = 0x7472_6163_6B02


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


class PostgresLifterRows:
    """The lifters' repository's PostgreSQL-only methods (a base of `SqlLifterRows`)."""

    session: Session

    def lifter_for_current_role(self) -> Lifter | None:
        """On PostgreSQL, the lifter mapped to the connected role (row-level security)."""
        if not is_postgresql(self.session):
            return None
        return self.session.scalar(select(Lifter).where(Lifter.db_role == func.current_user()))

    def act_as_role_of(self, lifter: Lifter) -> bool:
        """Run the rest of the transaction as the lifter's own role, whose row-level policies
        then hold every write to their rows (PostgreSQL, a lifter with a role, connected as
        another). False where that role can't be taken (the connected role is not a member of
        it); True where it is taken or nothing needs taking."""
        if lifter.db_role is None or not is_postgresql(self.session):
            return True
        mine = self.lifter_for_current_role()
        if mine is not None and mine.id == lifter.id:
            return True
        role = lifter.db_role.replace('"', '""')
        exists = self.session.scalar(
            text("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role)"),
            {"role": lifter.db_role},
        )
        if not exists:  # a role dropped (or never made) writes nothing: as the connected one
            return True
        allowed = self.session.scalar(
            select(func.pg_has_role(func.current_user(), lifter.db_role, "MEMBER"))
        )
        if not allowed:
            return False
        self.session.execute(text(f'SET LOCAL ROLE "{role}"'))
        return True

    def lock_lifter(self, lifter: Lifter) -> None:
        """Hold the lifter's row until commit, so concurrent writers for one lifter take turns
        choosing the open session and set positions (PostgreSQL; SQLite's BEGIN IMMEDIATE
        already serialises writers)."""
        if is_postgresql(self.session):
            self.session.execute(select(Lifter.id).where(Lifter.id == lifter.id).with_for_update())


class PostgresCatalogRows:
    """The catalog's repository's PostgreSQL-only methods (a base of `SqlCatalogRows`)."""

    session: Session

    def serialize_catalog_writes(self) -> None:
        """One writer of the shared catalog at a time until commit (PostgreSQL)."""
        if is_postgresql(self.session):
            self.session.execute(select(func.pg_advisory_xact_lock(CATALOG_LOCK)))

    def may_write_catalog(self) -> bool:
        """Built-ins and gym settings are the owner's: false for a lifter role (PostgreSQL)."""
        if not is_postgresql(self.session):
            return True
        from tracker.adapters.roles import Roles

        return Roles(self.session).connected_as_owner()
