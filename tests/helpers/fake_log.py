"""Logging sets on the fake unit of work (tests/fakes.py), for service tests."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.fakes import FakeUnitOfWork
from tracker.domain.model import Side
from tracker.domain.specs import parse_spec
from tracker.services.logbook import LogRequest, LogResult, PlannedSet, log_sets

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def planned(text: str, side: Side | None = None) -> list[PlannedSet]:
    return [PlannedSet(spec, side) for word in text.split() for spec in parse_spec(word)]


def log(
    uow: FakeUnitOfWork,
    exercise: str,
    sets: list[PlannedSet],
    now: datetime = NOW,
    at: datetime | None = None,
) -> LogResult:
    return log_sets(uow, None, LogRequest(exercise, sets, at=at), now)
