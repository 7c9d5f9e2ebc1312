"""Giving lifters and coaches their own PostgreSQL roles (row-level security)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.errors import InvalidValue, NotFound
from tracker.services.lifters import current_lifter


@dataclass(frozen=True)
class Grant:
    lifter: str
    role: str
    coach_of: tuple[str, ...]


def grant(uow: AbstractUnitOfWork, lifter_name: str, role: str, coach_of: tuple[str, ...]) -> Grant:
    """Map LIFTER to ROLE (which then reads and writes that lifter's rows only) and let ROLE
    read the lifters in ``coach_of``. Run by the owner of the tables."""
    with uow:
        roles = uow.roles()
        if not roles.is_postgresql():
            raise InvalidValue(
                "roles need PostgreSQL; on SQLite the database file's permissions decide who "
                "reads it"
            )
        if not roles.connected_as_owner():
            raise InvalidValue(
                f'only the owner of the tables can grant access (connected as "'
                f'{roles.current_role()}")'
            )
        if not roles.role_exists(role):
            raise NotFound(
                f'no database role "{role}"; create it first, e.g. CREATE ROLE {role} LOGIN '
                "PASSWORD '...'"
            )
        lifter = current_lifter(uow.lifters, lifter_name)
        roles.map_lifter(lifter, role)
        for name in coach_of:
            roles.add_coach(current_lifter(uow.lifters, name), role)
        roles.grant_table_access(role)
        uow.commit()
        return Grant(lifter.name, role, coach_of)
