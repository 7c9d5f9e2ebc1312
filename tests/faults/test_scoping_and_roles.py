"""Issue 15, who reads what: custom exercises belong to their lifter (both engines), and on a
shared PostgreSQL database real roles meet row-level security (tracker admin grant)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.helpers.cli import Tracker
from tracker.adapters.db import HEAD_REVISION
from tracker.cli.context import App
from tracker.services.completion import exercise_names


def test_a_custom_exercise_is_seen_by_its_lifter_only(tracker: Tracker) -> None:
    tracker.ok("lifter", "add", "alice")
    tracker.ok("lifter", "add", "bob")
    tracker.ok("--lifter", "alice", "exercises", "add", "Rehab Move", "--alias", "knee thing")
    tracker.ok("--lifter", "alice", "log", "rehab move", "12x10")
    assert "Rehab Move" in tracker.ok("--lifter", "alice", "exercises", "list").stdout
    assert "Rehab Move" not in tracker.ok("--lifter", "bob", "exercises", "list").stdout
    assert "Rehab Move" not in tracker.ok("exercises", "list").stdout  # the default lifter
    assert "Rehab" not in tracker.fails("--lifter", "bob", "exercises", "show", "knee thing")
    tracker.fails("--lifter", "bob", "log", "rehab move", "10x10")
    bob = json.loads(tracker.ok("export", "--lifter", "bob", "--format", "json").stdout)
    alice = json.loads(tracker.ok("export", "--lifter", "alice", "--format", "json").stdout)
    assert "Rehab Move" not in json.dumps(bob)
    assert [d["name"] for d in alice["exercises"]] == ["Rehab Move"]
    line = tracker.fails("--lifter", "bob", "exercises", "add", "Rehab Move")
    assert line == 'Error: "Rehab Move" is the name of another lifter\'s exercise: choose another'


@pytest.fixture
def shared_pg(pg_new_database_factory: Any) -> Iterator[tuple[str, dict[str, str]]]:
    """A new database and three login roles (dropped afterwards): alice, bob, a coach."""
    url: str = pg_new_database_factory()
    suffix = uuid.uuid4().hex[:8]
    roles = {who: f"tracker_{who}_{suffix}" for who in ("alice", "bob", "coach")}
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for role in roles.values():
            conn.execute(text(f"CREATE ROLE {role} LOGIN"))
    try:
        yield url, roles
    finally:
        with engine.connect() as conn:
            for role in roles.values():
                conn.execute(text(f"DROP OWNED BY {role}"))
                conn.execute(text(f"DROP ROLE {role}"))
        engine.dispose()


def as_role(url: str, role: str) -> Tracker:
    return Tracker(make_url(url).set(username=role).render_as_string(False), CliRunner())


def count(url: str, role: str, sql: str) -> int:
    engine = create_engine(make_url(url).set(username=role))
    try:
        with engine.connect() as conn:
            return int(conn.scalar(text(sql)) or 0)
    finally:
        engine.dispose()


def test_row_level_security_with_real_roles(shared_pg: tuple[str, dict[str, str]]) -> None:
    url, roles = shared_pg
    owner = Tracker(url, CliRunner())
    for name in ("alice", "bob", "coach"):
        owner.ok("lifter", "add", name)
    owner.ok("--lifter", "alice", "log", "leg press", "10x100")
    owner.ok("--lifter", "bob", "log", "leg press", "5x200")
    owner.ok("--lifter", "bob", "exercises", "add", "Secret Move")
    assert owner.ok("admin", "grant", "alice", "--role", roles["alice"]).stdout == (
        f'lifter "alice" is role {roles["alice"]}\n'
    )
    owner.ok("admin", "grant", "bob", "--role", roles["bob"])
    owner.ok("admin", "grant", "coach", "--role", roles["coach"], "--coach-of", "alice")

    alice = as_role(url, roles["alice"])
    assert alice.ok("log", "leg press", "8x100").exit_code == 0  # her lifter by default
    assert count(url, roles["alice"], "SELECT count(*) FROM workout_set") == 2
    assert count(url, roles["alice"], "SELECT count(*) FROM lifter") == 1
    assert (
        count(url, roles["alice"], "SELECT count(*) FROM exercise WHERE name = 'Secret Move'") == 0
    )
    # The read path (adapters/reads.py) finds her lifter by her role too, and sees only hers.
    assert "#" in alice.ok("session", "list").stdout
    listed = alice.ok("lifter", "list").stdout
    assert "alice" in listed and "bob" not in listed
    assert alice.fails("--lifter", "bob", "session", "list") == (
        'Error: no lifter named "bob"; add one with: tracker lifter add "bob"'
    )
    assert "not allowed" in alice.fails("config", "set", "increment.dumbbell", "2.5kg")
    assert "not allowed" in alice.fails("exercises", "edit", "leg press", "--sled", "50")
    alice.ok("exercises", "add", "Her Move")
    # Completion (Tab in the shell and at the gym prompt) by her role: hers, never Bob's.
    app = App(db=alice.url, lifter=None)
    try:
        names = [name for name, _aliases in exercise_names(app.uow(), None)]
    finally:
        app.close()
    assert "Her Move" in names and "Secret Move" not in names
    # Bob's exercise is invisible to her role, yet its name is taken: one line, no traceback.
    assert alice.fails("exercises", "add", "Secret Move") == (
        "Error: that name is the name of another lifter's exercise: choose another"
    )
    assert count(url, roles["bob"], "SELECT count(*) FROM exercise WHERE name = 'Her Move'") == 0
    assert "only the owner of the tables can grant access" in alice.fails(
        "admin", "grant", "alice", "--role", roles["bob"]
    )

    coach = as_role(url, roles["coach"])
    assert "#" in coach.ok("--lifter", "alice", "session", "list").stdout
    assert "not allowed" in coach.fails("--lifter", "alice", "log", "leg press", "10x100")
    coach.fails("--lifter", "bob", "session", "list")
    assert count(url, roles["coach"], "SELECT count(*) FROM workout_set") == 2  # alice's

    engine = create_engine(url)
    try:
        with engine.begin() as conn:  # as if this tracker were newer than the schema
            conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        line = alice.fails("session", "list", code=3)
        assert "ask its owner to run tracker db upgrade" in line
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE alembic_version SET version_num = '{HEAD_REVISION}'"))
        engine.dispose()


def test_admin_grant_needs_postgresql(sqlite_tracker: Tracker) -> None:
    assert "roles need PostgreSQL" in sqlite_tracker.fails("admin", "grant", "me", "--role", "x")


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_admin_grant_needs_an_existing_role(tracker: Tracker) -> None:
    line = tracker.fails("admin", "grant", "me", "--role", "no_such_role_xyz")
    assert line.startswith('Error: no database role "no_such_role_xyz"; create it first')


def test_a_lifter_role_restores_its_own_data_but_no_gym_settings(
    shared_pg: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    url, roles = shared_pg
    owner = Tracker(url, CliRunner())
    owner.ok("lifter", "add", "alice")
    owner.ok("admin", "grant", "alice", "--role", roles["alice"])
    backup = tmp_path / "alice.json"
    backup.write_text(
        json.dumps(
            {
                "format": "tracker",
                "version": 1,
                "lifter": "alice",
                "unit": "kg",
                "sets": [],
                "body_weights": [
                    {"measured_at": "2025-03-01T08:00:00+00:00", "weight": "61.5", "unit": "kg"}
                ],
                "routines": [{"name": "Legs", "items": [{"exercise": "Leg Press", "sets": 2}]}],
                "settings": {"plates.kg": "25x4,20x2"},
            }
        ),
        encoding="utf-8",
    )
    alice = as_role(url, roles["alice"])
    out = alice.ok("import", str(backup)).stdout
    assert "Also restored: 1 weigh-in, 1 routine." in out  # the gym's plates are the owner's
    assert [w["weight"] for w in alice.json("bodyweight", "list")] == [61.5]
    the_owner = str(make_url(url).username)
    assert count(url, the_owner, "SELECT count(*) FROM setting WHERE key = 'plates.kg'") == 0
