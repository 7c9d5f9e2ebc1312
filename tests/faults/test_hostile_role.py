"""A lifter's PostgreSQL role in hostile hands (README: "Threat model"): plain SQL, temporary
tables shadowing what the policies read, role switching, objects of its own and rows planted
under another lifter's parents. Every attempt fails or sees nothing, and every other lifter's
rows stay byte-identical."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from tests.helpers.cli import Tracker
from tracker.adapters import db as dbmod

# Rows that are bob's, per table, as the owner selects them (:bob is bob's lifter id).
BOBS_ROWS = {
    "lifter": "id = :bob",
    "lifter_coach": "lifter_id = :bob",
    "training_session": "lifter_id = :bob",
    "workout_set": "lifter_id = :bob",
    "change_record": "lifter_id = :bob",
    "routine": "lifter_id = :bob",
    "routine_item": "routine_id IN (SELECT id FROM routine WHERE lifter_id = :bob)",
    "exercise_rest": "lifter_id = :bob",
    "gym_state": "session_id IN (SELECT id FROM training_session WHERE lifter_id = :bob)",
    "body_weight": "lifter_id = :bob",
    "involved_side": "lifter_id = :bob",
    "exercise": "owner_id = :bob",
    "exercise_alias": "exercise_id IN (SELECT id FROM exercise WHERE owner_id = :bob)",
}
# Tables without row-level security, and why: no lifter's data in them.
NO_POLICIES_NEEDED = {"alembic_version": "the schema revision; lifter roles only read it"}


@dataclass
class Gym:
    url: str
    roles: dict[str, str]
    ids: dict[str, int]  # lifter ids, and bob's session, routine, exercise, set
    owner: Engine
    engines: dict[str, Engine] = field(default_factory=dict)

    def engine(self, who: str) -> Engine:
        if who not in self.engines:
            self.engines[who] = create_engine(
                make_url(self.url).set(username=self.roles[who]), isolation_level="AUTOCOMMIT"
            )
        return self.engines[who]

    def bobs_rows(self) -> dict[str, list[str]]:
        with self.owner.connect() as conn:
            return {
                table: sorted(
                    conn.execute(
                        text(f"SELECT row_to_json(t)::text FROM {table} t WHERE {where}"),
                        {"bob": self.ids["bob"]},
                    ).scalars()
                )
                for table, where in BOBS_ROWS.items()
            }


def attempt(engine: Engine, sql: str, **params: Any) -> int | str:
    """Run one statement as a role: the rows it touched, or the error PostgreSQL gave."""
    with engine.connect() as conn:
        try:
            result = conn.execute(text(sql), params)
        except DBAPIError as error:
            return str(error.orig).splitlines()[0]
        return result.rowcount if not result.returns_rows else len(result.fetchall())


def refused(outcome: int | str) -> bool:
    return isinstance(outcome, str) and (
        "row-level security" in outcome or "permission denied" in outcome
    )


# What revision 0007's `tracker admin grant` gave a role, for a database granted before 0009.
GRANTED_BY_0007 = [
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON training_session, workout_set, exercise, "
    "exercise_alias, change_record, routine, routine_item, exercise_rest, gym_state, "
    "body_weight, involved_side TO {role}",
    "GRANT SELECT, UPDATE ON lifter TO {role}",
    "GRANT SELECT ON setting, alembic_version, lifter_coach TO {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
]


def granted_at_0007(url: str, roles: dict[str, str]) -> None:
    """Lifters mapped to their roles on a database at revision 0007, before any command of
    this tracker upgrades it."""
    dbmod.upgrade(url, "0007")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for name in ("alice", "bob", "coach"):
                conn.execute(
                    text("INSERT INTO lifter (name, unit, created_at, db_role) "
                         "VALUES (:n, 'kg', now(), :r)"),
                    {"n": name, "r": roles[name] if name != "coach" else None},
                )
            conn.execute(
                text("INSERT INTO lifter_coach SELECT id, :r FROM lifter WHERE name = 'alice'"),
                {"r": roles["coach"]},
            )
            for role in (roles["alice"], roles["bob"], roles["coach"]):
                for grant in GRANTED_BY_0007:
                    conn.execute(text(grant.format(role=role)))
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["fresh", "upgraded"])
def gym(request: pytest.FixtureRequest) -> Iterator[Gym]:
    """A migrated database with alice, bob and a coach of alice, each with a login role, and a
    stranger role that was granted nothing; bob has a row in every table that can hold one.
    Fresh: made by this tracker; upgraded: mapped at revision 0007, then upgraded by the first
    command."""
    fresh = request.param == "fresh"
    factory = "pg_new_database_factory" if fresh else "pg_fresh_database_factory"
    url: str = request.getfixturevalue(factory)()
    suffix = uuid.uuid4().hex[:8]
    roles = {who: f"tracker_{who}_{suffix}" for who in ("alice", "bob", "coach", "stranger")}
    owner = create_engine(url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        for role in roles.values():
            conn.execute(text(f"CREATE ROLE {role} LOGIN"))
    cli = Tracker(url, CliRunner())
    if fresh:
        for name in ("alice", "bob", "coach"):
            cli.ok("lifter", "add", name)
    else:
        granted_at_0007(url, roles)
    for who in ("alice", "bob"):
        cli.ok("--lifter", who, "log", "single leg press", "-l", "10x60", "-r", "10x50",
               "--note", f"{who}'s private note")
        cli.ok("--lifter", who, "exercises", "add", f"{who.title()} Move", "--alias", f"{who}m")
        cli.ok("--lifter", who, "routine", "add", f"{who} day")
        cli.ok("--lifter", who, "routine", "add-exercise", f"{who} day", f"{who} move")
        cli.ok("--lifter", who, "bodyweight", "add", "80")
        cli.ok("lifter", "edit", who, "--involved", "left", "--exercise", "single leg press",
               "--injury-date", "2026-01-05")
        if fresh:
            cli.ok("admin", "grant", who, "--role", roles[who])
    if fresh:
        cli.ok("admin", "grant", "coach", "--role", roles["coach"], "--coach-of", "alice")
    with owner.begin() as conn:
        ids = {n: conn.scalar(text("SELECT id FROM lifter WHERE name = :n"), {"n": n}) for n in
               ("alice", "bob", "coach")}
        bob = {"bob": ids["bob"]}
        for key, sql in {
            "session": "SELECT max(id) FROM training_session WHERE lifter_id = :bob",
            "routine": "SELECT id FROM routine WHERE lifter_id = :bob",
            "exercise": "SELECT id FROM exercise WHERE owner_id = :bob",
            "set": "SELECT max(id) FROM workout_set WHERE lifter_id = :bob",
        }.items():
            ids[f"bob_{key}"] = conn.scalar(text(sql), bob)
        conn.execute(
            text("INSERT INTO exercise_rest (lifter_id, exercise_id, seconds) VALUES (:b, :e, 90)"),
            {"b": ids["bob"], "e": ids["bob_exercise"]},
        )
        conn.execute(
            text("INSERT INTO gym_state (session_id, routine_id, position, skipped, targets) "
                 "VALUES (:s, :r, 0, '[]', '{}')"),
            {"s": ids["bob_session"], "r": ids["bob_routine"]},
        )
        conn.execute(  # bob's own coach, a role no test connects as
            text("INSERT INTO lifter_coach (lifter_id, coach_role) VALUES (:b, 'bobs_coach')"),
            {"b": ids["bob"]},
        )
    found = Gym(url, roles, {k: int(v) for k, v in ids.items()}, owner)
    assert all(found.bobs_rows().values()), "bob needs a row in every table"
    try:
        yield found
    finally:
        for engine in found.engines.values():
            engine.dispose()
        with owner.connect() as conn:
            for role in roles.values():
                conn.execute(text(f"DROP OWNED BY {role}"))
                conn.execute(text(f"DROP ROLE {role}"))
        owner.dispose()


@pytest.fixture
def untouched(gym: Gym) -> Iterator[None]:
    """Bob's rows, byte for byte, are the same after the test as before it."""
    before = gym.bobs_rows()
    yield
    assert gym.bobs_rows() == before


def test_every_table_of_the_schema_has_row_level_security(gym: Gym) -> None:
    with gym.owner.connect() as conn:
        tables: dict[str, bool] = dict(
            conn.execute(
                text("SELECT c.relname, c.relrowsecurity FROM pg_class c "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')")
            ).all()
        )
    assert set(BOBS_ROWS) | {"setting"} | set(NO_POLICIES_NEEDED) == set(tables)
    assert [t for t, secured in tables.items() if not secured] == list(NO_POLICIES_NEEDED)
    alice = gym.engine("alice")
    assert refused(attempt(alice, "UPDATE alembic_version SET version_num = 'x'"))
    assert refused(attempt(alice, "DELETE FROM alembic_version"))


@pytest.mark.parametrize("who", ["alice", "coach", "stranger"])
def test_no_role_reads_or_changes_bobs_rows(gym: Gym, who: str, untouched: None) -> None:
    engine = gym.engine(who)
    for table, where in BOBS_ROWS.items():
        seen = attempt(engine, f"SELECT * FROM {table} WHERE {where}", bob=gym.ids["bob"])
        assert seen == 0 or refused(seen), (who, table, seen)
        changed = attempt(engine, f"DELETE FROM {table} WHERE {where}", bob=gym.ids["bob"])
        assert changed == 0 or refused(changed), (who, table, changed)
    for sql in (
        "UPDATE workout_set SET note = 'pwned' WHERE lifter_id = :bob",
        "UPDATE training_session SET notes = 'pwned' WHERE lifter_id = :bob",
        "UPDATE exercise SET name = name || ' (pwned)' WHERE owner_id = :bob",
        "UPDATE lifter SET name = 'pwned' WHERE id = :bob",
        "UPDATE lifter SET db_role = NULL",
        "UPDATE lifter SET id = id + 1000",
        "INSERT INTO workout_set (session_id, lifter_id, exercise_id, reps, load, unit, "
        "bodyweight, kind, performed_at, position) "
        "VALUES (:session, :bob, 1, 1, 1, 'kg', false, 'working', now(), 9)",
        "INSERT INTO training_session (lifter_id, started_at) VALUES (:bob, now())",
        "INSERT INTO lifter_coach (lifter_id, coach_role) VALUES (:bob, current_user)",
        "INSERT INTO setting (key, value) VALUES ('x', 'y')",
        "UPDATE setting SET value = 'pwned'",
    ):
        outcome = attempt(engine, sql, bob=gym.ids["bob"], session=gym.ids["bob_session"])
        assert outcome == 0 or refused(outcome), (who, sql, outcome)


def test_a_coach_reads_their_lifter_and_writes_nothing(gym: Gym) -> None:
    coach = gym.engine("coach")
    assert attempt(coach, "SELECT * FROM workout_set WHERE lifter_id = :a", a=gym.ids["alice"])
    before = attempt(coach, "SELECT * FROM workout_set")
    assert refused(attempt(coach, "INSERT INTO training_session (lifter_id, started_at) "
                                  "VALUES (:a, now())", a=gym.ids["alice"]))
    assert attempt(coach, "UPDATE workout_set SET note = 'coach was here'") == 0
    assert attempt(coach, "DELETE FROM workout_set") == 0
    assert attempt(coach, "SELECT * FROM workout_set") == before


def plant(gym: Gym, session: int, exercise: int = 1) -> str:
    return (
        "INSERT INTO workout_set (session_id, lifter_id, exercise_id, reps, load, unit, "
        "bodyweight, kind, performed_at, position) "
        f"VALUES ({session}, {gym.ids['alice']}, {exercise}, 1, 1, 'kg', false, 'working', "
        "now(), 9)"
    )


def test_no_row_is_planted_under_another_lifters_parents(gym: Gym, untouched: None) -> None:
    alice = gym.engine("alice")
    a, b = gym.ids["alice"], gym.ids
    own_session = gym_scalar(gym, "alice", "SELECT max(id) FROM training_session")
    own_routine = gym_scalar(gym, "alice", "SELECT id FROM routine")
    own_set = gym_scalar(gym, "alice", "SELECT max(id) FROM workout_set")
    attacks = [
        plant(gym, b["bob_session"]),
        plant(gym, own_session, exercise=b["bob_exercise"]),
        f"UPDATE workout_set SET session_id = {b['bob_session']} WHERE id = {own_set}",
        f"UPDATE workout_set SET exercise_id = {b['bob_exercise']} WHERE id = {own_set}",
        f"INSERT INTO routine_item (routine_id, position, exercise_id, sets) "
        f"VALUES ({b['bob_routine']}, 5, 1, 3)",
        f"INSERT INTO routine_item (routine_id, position, exercise_id, sets) "
        f"VALUES ({own_routine}, 5, {b['bob_exercise']}, 3)",
        f"INSERT INTO gym_state (session_id, position, skipped, targets) "
        f"VALUES ({b['bob_session']}, 0, '[]', '{{}}')",
        f"INSERT INTO gym_state (session_id, routine_id, position, skipped, targets) "
        f"VALUES ({own_session}, {b['bob_routine']}, 0, '[]', '{{}}')",
        f"INSERT INTO exercise_rest (lifter_id, exercise_id, seconds) "
        f"VALUES ({a}, {b['bob_exercise']}, 60)",
        f"INSERT INTO involved_side (lifter_id, exercise_id, side) "
        f"VALUES ({a}, {b['bob_exercise']}, 'left')",
        f"INSERT INTO exercise (name, key, body_part, equipment, target, secondary, difficulty, "
        f"category, laterality, parent_id, rep_low, rep_high, steps, tips, mistakes, faq, "
        f"source, edited, owner_id) VALUES ('Child', 'child', 'legs', 'other', '', '[]', "
        f"'beginner', 'strength', 'unilateral', {b['bob_exercise']}, 8, 12, '[]', '[]', '[]', "
        f"'[]', 'custom', false, {a})",
        f"INSERT INTO exercise_alias (exercise_id, alias, key) "
        f"VALUES ({b['bob_exercise']}, 'mine', 'mine')",
    ]
    for sql in attacks:
        assert refused(attempt(alice, sql)), sql
    # Another lifter's session and a session that does not exist give the same answer: the
    # error tells no one which ids exist.
    assert attempt(alice, plant(gym, b["bob_session"])) == attempt(alice, plant(gym, 10**9))


def gym_scalar(gym: Gym, who: str, sql: str) -> int:
    engine = gym.engine(who)
    with engine.connect() as conn:
        return int(conn.scalar(text(sql)))


def test_temporary_tables_shadow_nothing(gym: Gym, untouched: None) -> None:
    alice = gym.engine("alice")
    assert refused(attempt(alice, "CREATE TEMP TABLE lifter (id integer, db_role name)"))
    # Even given TEMPORARY back (the second defence gone), shadows change nothing: the policy
    # helpers read their own schema's tables only.
    database = make_url(gym.url).database
    with gym.owner.connect() as conn:
        conn.execute(text(f'GRANT TEMPORARY ON DATABASE "{database}" TO {gym.roles["alice"]}'))
    # Its own engine, dropped afterwards: the temporary tables die with the connection.
    alice = create_engine(
        make_url(gym.url).set(username=gym.roles["alice"]), poolclass=NullPool,
        isolation_level="AUTOCOMMIT",
    )  # fmt: skip
    try:
        with alice.connect() as conn:
            me = gym.roles["alice"]
            for table, columns in {
                "lifter": "id integer, db_role name",
                "lifter_coach": "lifter_id integer, coach_role name",
                "training_session": "id integer, lifter_id integer",
                "routine": "id integer, lifter_id integer",
                "exercise": "id integer, owner_id integer",
            }.items():
                conn.execute(text(f"CREATE TEMP TABLE {table} ({columns})"))
            conn.execute(text("INSERT INTO pg_temp.lifter SELECT g, :me FROM "
                              "generate_series(1, 100) g"), {"me": me})
            conn.execute(text("INSERT INTO pg_temp.lifter_coach SELECT g, :me FROM "
                              "generate_series(1, 100) g"), {"me": me})
            for table in ("training_session", "routine", "exercise"):
                conn.execute(
                    text(f"INSERT INTO pg_temp.{table} SELECT g, {gym.ids['alice']} "
                         "FROM generate_series(1, 1000) g")
                )
            visible = conn.execute(text("SELECT DISTINCT lifter_id FROM public.workout_set"))
            assert set(visible.scalars()) == {gym.ids["alice"]}
            conn.execute(text("UPDATE public.workout_set SET note = note"))
            planted = plant(gym, gym.ids["bob_session"])
            with pytest.raises(DBAPIError, match="row-level security"):
                conn.execute(text(planted.replace("workout_set", "public.workout_set")))
    finally:
        alice.dispose()
        with gym.owner.connect() as conn:
            conn.execute(
                text(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM {gym.roles["alice"]}')
            )


@pytest.mark.parametrize(
    "sql",
    [
        "SET ROLE {bob}",
        "SET ROLE {owner}",
        "SET SESSION AUTHORIZATION {bob}",
        "CREATE VIEW public.all_sets AS SELECT * FROM workout_set",
        "CREATE FUNCTION public.tracker_lifters_of(text) RETURNS SETOF integer "
        "LANGUAGE sql AS $$ SELECT id FROM lifter $$",
        "CREATE SCHEMA hostile",
        "CREATE TABLE public.lifter_copy (id integer)",
        "ALTER TABLE workout_set DISABLE ROW LEVEL SECURITY",
        "DROP POLICY workout_set_own ON workout_set",
        "ALTER FUNCTION tracker_lifters_of(name) OWNER TO {alice}",
        "GRANT {owner} TO {alice}",
    ],
)
def test_a_role_cannot_become_another_or_make_objects(gym: Gym, sql: str) -> None:
    owner = str(make_url(gym.url).username)
    statement = sql.format(bob=gym.roles["bob"], alice=gym.roles["alice"], owner=owner)
    outcome = attempt(gym.engine("alice"), statement)
    assert isinstance(outcome, str) and ("permission" in outcome or "must be" in outcome), outcome


def test_policy_helpers_answer_only_for_the_caller(gym: Gym) -> None:
    alice, coach, stranger = (gym.engine(w) for w in ("alice", "coach", "stranger"))
    of, by = "SELECT tracker_lifters_of(:role)", "SELECT tracker_coached_by(:role)"
    assert attempt(alice, of, role=gym.roles["bob"]) == 0
    assert attempt(alice, by, role=gym.roles["coach"]) == 0
    assert attempt(stranger, of, role=gym.roles["alice"]) == 0
    assert attempt(stranger, of, role="no_such_role") == 0
    assert attempt(alice, of, role=gym.roles["alice"]) == 1  # her own id, which she can read
    assert attempt(coach, by, role=gym.roles["coach"]) == 1
    with gym.owner.connect() as conn:
        owners = conn.execute(
            text("SELECT DISTINCT pg_get_userbyid(proowner), "
                 "pg_has_role(:alice, proowner, 'MEMBER'), proconfig FROM pg_proc "
                 "WHERE proname LIKE 'tracker\\_%'"),
            {"alice": gym.roles["alice"]},
        ).all()
    assert len(owners) == 1 and owners[0][1] is False  # no lifter can become their owner
    assert owners[0][2][0].endswith(", pg_temp")  # the path is pinned with pg_temp last


def test_her_own_role_sees_her_custom_exercise_without_lifter(gym: Gym) -> None:
    alice = Tracker(make_url(gym.url).set(username=gym.roles["alice"]).render_as_string(False),
                    CliRunner())
    assert "Alice Move" in alice.ok("exercises", "list").stdout
    assert "Alice Move" in alice.ok("exercises", "show", "alice move").stdout
    assert "Bob Move" not in alice.ok("exercises", "list").stdout
    assert alice.ok("config", "set", "unit", "lb").stdout == "unit = lb\n"  # hers to change
    alice.ok("config", "set", "unit", "kg")


def test_another_lifters_injury_date_is_neither_read_nor_set(gym: Gym, untouched: None) -> None:
    """Bob's injury date (it dates his injury: health data) is under row-level security with
    his involved side: alice's role neither reads nor changes it, in SQL or through tracker."""
    engine = gym.engine("alice")
    bob = gym.ids["bob"]
    assert attempt(engine, "SELECT injury_date FROM involved_side WHERE lifter_id = :bob",
                   bob=bob) == 0
    assert attempt(engine, "SELECT injury_date FROM involved_side") == 1  # her own
    changed = attempt(engine, "UPDATE involved_side SET injury_date = NULL WHERE lifter_id = :bob",
                      bob=bob)
    assert changed == 0 or refused(changed)
    assert refused(attempt(
        engine, "INSERT INTO involved_side (lifter_id, exercise_id, side, injury_date) "
        "VALUES (:bob, NULL, 'right', '2026-02-01')", bob=bob,
    ))
    alice = Tracker(make_url(gym.url).set(username=gym.roles["alice"]).render_as_string(False),
                    CliRunner())
    alice.fails("lifter", "edit", "bob", "--injury-date", "2026-02-01",
                "--exercise", "single leg press")
    alice.fails("--lifter", "bob", "report", "imbalance", "--json")
    report = alice.json("report", "imbalance")
    (own,) = report["exercises"]  # her own injury date, no session before it
    assert own["pre_injury"] is None
    assert own["epic_note"] == ("No EPIC: no session with both sides measured from 2025-07-05 "
                                "to the injury date 2026-01-05.")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE lifter SET unit = 'zz'",
        "UPDATE workout_set SET side = 'mid'",
        "UPDATE workout_set SET kind = 'bogus'",
        "UPDATE workout_set SET reps = -5",
        "UPDATE workout_set SET unit = 'st'",
        "UPDATE workout_set SET distance = -5, distance_unit = 'm'",
        "UPDATE body_weight SET weight = 0",
        "UPDATE involved_side SET side = 'both'",
        "UPDATE exercise SET laterality = 'sideways'",
        "UPDATE exercise SET steps = '{\"a\": 1}'",
        "UPDATE routine_item SET sets = 0",
    ],
)
def test_a_crafted_value_is_refused_before_any_reader_meets_it(gym: Gym, sql: str) -> None:
    """Her own rows, written with values tracker never writes: refused, so that a coach's
    team report or the owner's HTML page cannot be broken by them."""
    outcome = attempt(gym.engine("alice"), sql)
    assert isinstance(outcome, str) and "violates check constraint" in outcome, outcome


def test_a_lifter_cannot_flip_another_lifters_lower_is_better(gym: Gym, untouched: None) -> None:
    """lower_is_better turns a test's LSI and bests around: it is as much bob's as his
    exercise's name. Alice's role neither sees nor flips it, on his exercise or a built-in;
    her own exercise is hers to mark."""
    alice = gym.engine("alice")
    flags = text("SELECT id, lower_is_better FROM exercise WHERE owner_id IS NULL "
                 "OR owner_id = :b ORDER BY id")
    with gym.owner.connect() as conn:
        before = conn.execute(flags, {"b": gym.ids["bob"]}).all()
    for where in ("owner_id = :bob", "owner_id IS NULL"):
        outcome = attempt(alice, f"UPDATE exercise SET lower_is_better = NOT lower_is_better "
                                 f"WHERE {where}", bob=gym.ids["bob"])
        assert outcome == 0 or refused(outcome), (where, outcome)
    with gym.owner.connect() as conn:
        assert conn.execute(flags, {"b": gym.ids["bob"]}).all() == before
    cli = Tracker(make_url(gym.url).set(username=gym.roles["alice"]).render_as_string(False),
                  CliRunner())
    assert 'no exercise named "bob move"' in cli.fails(
        "exercises", "edit", "bob move", "--lower-is-better")
    cli.ok("exercises", "edit", "alice move", "--lower-is-better")
    assert cli.json("exercises", "show", "alice move")["lower_is_better"] is True
    cli.ok("exercises", "edit", "alice move", "--higher-is-better")


def test_the_owner_replays_no_change_record_a_lifter_wrote(gym: Gym, untouched: None) -> None:
    """Alice's role writes her change records, so one says whatever she chose: redone or
    undone by the owner as the owner, it would be written past the policies (here a coach row
    that lets her read bob). It is replayed as her role, whoever asks."""
    crafted = json.dumps({"id": 1, "redo": [{
        "table": "lifter_coach", "key": [gym.ids["bob"], gym.roles["alice"]],
        "row": {"lifter_id": gym.ids["bob"], "coach_role": gym.roles["alice"]},
    }]})
    planted = attempt(
        gym.engine("alice"),
        "INSERT INTO change_record (lifter_id, action, payload, created_at, undone_at) "
        "VALUES (:alice, 'weigh-in', :payload, now(), now())",
        alice=gym.ids["alice"], payload=crafted,
    )
    assert planted == 1  # her own record: the policies allow it
    # Redone by the owner, it runs as her role: the policies refuse the row on bob.
    owner = Tracker(gym.url, CliRunner())
    for who in (owner, Tracker(make_url(gym.url).set(username=gym.roles["alice"])
                               .render_as_string(False), CliRunner())):
        refusal = who.fails("--lifter", "alice", "redo")
        assert "row-level security" in refusal or "not allowed" in refusal, refusal
    attempt(gym.owner, "DELETE FROM change_record WHERE payload::text LIKE '%lifter_coach%'")
