"""`admin grant` on the fake unit of work: the roles behind AbstractRoles (issue 24)."""

from __future__ import annotations

import pytest

from tests.fakes import FakeRoles, FakeUnitOfWork
from tracker.domain.errors import InvalidValue, NotFound
from tracker.services.admin import Grant, grant
from tracker.services.lifters import add_lifter, ensure_lifter


def server(**roles: bool) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    ensure_lifter(uow, "me")
    add_lifter(uow, "bob", "kg")
    uow._roles = FakeRoles(**roles)
    uow._roles.roles.add("alice")
    return uow


def test_a_grant_maps_the_lifter_and_its_coaching_then_commits() -> None:
    uow = server(postgresql=True)
    assert grant(uow, "me", "alice", ("bob",)) == Grant("me", "alice", ("bob",))
    me, bob = uow.lifters.lifter("me"), uow.lifters.lifter("bob")
    assert me is not None and bob is not None
    assert uow.roles().lifter_roles == {me.id: "alice"}
    assert uow.roles().coaches == {(bob.id, "alice")} and uow.roles().granted == {"alice"}
    assert uow.committed


@pytest.mark.parametrize(
    ("roles", "role", "error", "start"),
    [
        ({}, "alice", InvalidValue, "roles need PostgreSQL"),
        ({"postgresql": True, "owner": False}, "alice", InvalidValue, "only the owner"),
        ({"postgresql": True}, "carol", NotFound, 'no database role "carol"'),
    ],
)
def test_a_grant_is_refused_whole(
    roles: dict[str, bool], role: str, error: type[Exception], start: str
) -> None:
    uow = server(**roles)
    uow.committed = False
    with pytest.raises(error) as refused:
        grant(uow, "me", role, ("bob",))
    assert str(refused.value).startswith(start)
    assert not uow.committed and uow.roles().lifter_roles == {}
