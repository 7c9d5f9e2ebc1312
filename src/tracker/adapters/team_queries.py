"""Queries for the coach views: the lifters a caller may read.

Plain SELECTs on the tables: on a PostgreSQL server with row-level security the policies
filter every row here, so a caller only ever sees the lifters it may read.
"""

from __future__ import annotations

from sqlalchemy import select

from tracker.adapters.orm import Lifter
from tracker.adapters.unit_of_work import UnitOfWork


def readable_lifter_names(uow: UnitOfWork) -> list[str]:
    """Every lifter the connection may read, by name (no row is created or changed)."""
    session = uow.session_for_queries()
    return list(session.scalars(select(Lifter.name).order_by(Lifter.name)))
