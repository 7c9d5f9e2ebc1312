"""PostgreSQL roles and grants for row-level security (policies: revisions 0007 and 0009)."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from tracker.adapters.db import OWNS_THE_TABLES
from tracker.adapters.orm import Lifter, LifterCoach
from tracker.adapters.postgres_rows import is_postgresql

# What a lifter or coach role may touch; the policies then narrow it to their rows.
READ_WRITE = (
    "training_session", "workout_set", "exercise", "exercise_alias", "change_record", "routine",
    "routine_item", "exercise_rest", "gym_state", "body_weight", "involved_side",
)
READ_ONLY = ("setting", "alembic_version", "lifter_coach")


class AbstractRoles(Protocol):
    """PostgreSQL roles and grants, as services see them (`Roles` below)."""

    def is_postgresql(self) -> bool: ...

    def connected_as_owner(self) -> bool: ...

    def current_role(self) -> str: ...

    def role_exists(self, role: str) -> bool: ...

    def grant_table_access(self, role: str) -> None: ...

    def map_lifter(self, lifter: Lifter, role: str) -> None: ...

    def add_coach(self, lifter: Lifter, role: str) -> None: ...


class Roles:
    """Owner-only operations: checking who is connected, granting, assigning coaches."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def is_postgresql(self) -> bool:
        return is_postgresql(self.session)

    def connected_as_owner(self) -> bool:
        """The connected role owns the tables (or is a superuser): it migrates and grants."""
        return bool(self.session.scalar(text(OWNS_THE_TABLES)))

    def current_role(self) -> str:
        return str(self.session.scalar(text("SELECT current_user")))

    def role_exists(self, role: str) -> bool:
        found = self.session.scalar(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        )
        return found is not None

    def _quoted(self, role: str) -> str:
        return self.session.get_bind().dialect.identifier_preparer.quote_identifier(role)

    def grant_table_access(self, role: str) -> None:
        quoted = self._quoted(role)
        self.session.execute(text(f"GRANT USAGE ON SCHEMA {self._schema()} TO {quoted}"))
        self.session.execute(
            text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(READ_WRITE)} TO {quoted}")
        )
        # A lifter renames itself or changes its unit; its id and role are the owner's to set.
        self.session.execute(text(f"GRANT SELECT, UPDATE (name, unit) ON lifter TO {quoted}"))
        self.session.execute(text(f"GRANT SELECT ON {', '.join(READ_ONLY)} TO {quoted}"))
        self.session.execute(
            text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {self._schema()} TO {quoted}")
        )

    def _schema(self) -> str:
        return self._quoted(str(self.session.scalar(text("SELECT current_schema()"))))

    def map_lifter(self, lifter: Lifter, role: str) -> None:
        """Make ``role`` this lifter's (and no other lifter's) database role."""
        for other in self.session.scalars(select(Lifter).where(Lifter.db_role == role)):
            if other.id != lifter.id:
                other.db_role = None
        self.session.flush()
        lifter.db_role = role

    def add_coach(self, lifter: Lifter, role: str) -> None:
        self.session.execute(
            pg_insert(LifterCoach)
            .values(lifter_id=lifter.id, coach_role=role)
            .on_conflict_do_nothing()
        )
