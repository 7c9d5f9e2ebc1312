"""row-level security that holds against a hostile SQL client (PostgreSQL only)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 01:50:00

Revision 0007's policy helpers ran as their owner with the search path of the migration, in
which PostgreSQL searches the caller's temporary schema first: a lifter role could shadow
`lifter` with a temporary table and read or rewrite every lifter's rows. A foreign key does not
see policies either, so a role could plant a set in another lifter's session. This revision
- pins each helper's search path (pg_catalog, the schema, pg_temp last) and qualifies every
  name in its body, and makes each helper answer only for a role the caller may act as;
- checks on insert and update that every parent row (session, routine, exercise) belongs to
  the same lifter (or is a built-in exercise), so nothing can be planted under another lifter;
- takes TEMPORARY on the database and CREATE on the schema from PUBLIC (a second defence:
  nothing to shadow with), and narrows a role's UPDATE on `lifter` to its name and unit;
- checks every value tracker reads back strictly (units, sides, kinds, counts, JSON lists), so a
  crafted row cannot break another reader's report.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWN = "(SELECT tracker_lifters_of(current_user))"
# An exercise a lifter may refer to: a built-in (or shared) one, or one of their own.
# (A helper, as a policy on exercise may not read exercise itself.)
VISIBLE_EXERCISE = "(SELECT tracker_exercises_for(current_user))"
OWN_SESSION = f"(SELECT id FROM training_session WHERE lifter_id IN {OWN})"
OWN_ROUTINE = f"(SELECT id FROM routine WHERE lifter_id IN {OWN})"


def _own_policy(table: str, using: str, check: str) -> list[str]:
    return [
        f"DROP POLICY {table}_own ON {table}",
        f"CREATE POLICY {table}_own ON {table} FOR ALL USING ({using}) WITH CHECK ({check})",
    ]


# Each row's own lifter, and then each parent it points at.
PARENT_CHECKS = {
    "workout_set": (
        f"lifter_id IN {OWN}",
        f"lifter_id IN {OWN} AND session_id IN {OWN_SESSION} "
        f"AND exercise_id IN {VISIBLE_EXERCISE}",
    ),
    "exercise_rest": (
        f"lifter_id IN {OWN}",
        f"lifter_id IN {OWN} AND exercise_id IN {VISIBLE_EXERCISE}",
    ),
    "involved_side": (
        f"lifter_id IN {OWN}",
        f"lifter_id IN {OWN} AND (exercise_id IS NULL OR exercise_id IN {VISIBLE_EXERCISE})",
    ),
    "routine_item": (
        f"routine_id IN {OWN_ROUTINE}",
        f"routine_id IN {OWN_ROUTINE} AND exercise_id IN {VISIBLE_EXERCISE}",
    ),
    "gym_state": (
        f"session_id IN {OWN_SESSION}",
        f"session_id IN {OWN_SESSION} AND (routine_id IS NULL OR routine_id IN {OWN_ROUTINE}) "
        f"AND (exercise_id IS NULL OR exercise_id IN {VISIBLE_EXERCISE})",
    ),
    "exercise": (
        f"owner_id IN {OWN}",
        f"owner_id IN {OWN} AND (parent_id IS NULL OR parent_id IN {VISIBLE_EXERCISE})",
    ),
}


# A role writes its own rows with any SQL: every value tracker reads back strictly is checked,
# so a crafted row is refused when written instead of breaking a coach's or the owner's report.
# (Values as of this revision; a later revision that adds a value changes its check.)
UNITS = "('kg', 'lb')"
VALUE_CHECKS = {
    "lifter": {"unit": f"unit IN {UNITS}"},
    "workout_set": {
        "side": "side IS NULL OR side IN ('left', 'right')",
        "kind": "kind IN ('warmup', 'working', 'drop', 'failure')",
        "unit": f"unit IN {UNITS}",
        "reps": "reps BETWEEN 0 AND 10000",
        "duration": "duration_s IS NULL OR duration_s >= 0",
        # (distance_unit stays free: an import keeps another app's unit word as it is.)
        "distance": "distance IS NULL OR distance >= 0",
        "rpe": "rpe IS NULL OR rpe BETWEEN 1 AND 10",
    },
    "body_weight": {"unit": f"unit IN {UNITS}", "weight": "weight > 0"},
    "involved_side": {"side": "side IN ('left', 'right')"},
    "exercise": {
        "laterality": "laterality IN ('bilateral', 'unilateral', 'alternating')",
        "difficulty": "difficulty IN ('beginner', 'intermediate', 'advanced')",
        "load_per": "load_per IS NULL OR load_per IN ('implement', 'side', 'bar', 'total')",
        "units": f"coalesce(increment_unit, 'kg') IN {UNITS} AND coalesce(sled_unit, 'kg') IN "
        f"{UNITS}",
        "reps": "rep_low BETWEEN 1 AND rep_high",
        "lists": "json_typeof(secondary::json) = 'array' AND json_typeof(steps::json) = 'array' "
        "AND json_typeof(tips::json) = 'array' AND json_typeof(mistakes::json) = 'array' "
        "AND json_typeof(faq::json) = 'array'",
    },
    "routine_item": {
        "sets": "sets BETWEEN 1 AND 100",
        "reps": "rep_low IS NULL OR rep_high IS NULL OR rep_low BETWEEN 1 AND rep_high",
        "rest": "rest_s IS NULL OR rest_s >= 0",
    },
    "exercise_rest": {"seconds": "seconds >= 0"},
    "gym_state": {"skipped": "json_typeof(skipped::json) = 'array'"},
}


def _value_checks() -> list[tuple[str, str, str]]:
    return [
        (table, f"ck_{table}_{name}_valid", check)
        for table, checks in VALUE_CHECKS.items()
        for name, check in checks.items()
    ]


def _helpers(schema: str, *, hardened: bool) -> list[str]:
    """The two policy helpers. Hardened: a pinned path with pg_temp last, qualified names, and
    an answer only for a role the session's user may act as (itself or a role it is a member
    of, which it could SET ROLE to anyway): asking about anyone else returns nothing."""
    if not hardened:
        path = "FROM CURRENT"
        lifters = "SELECT id FROM lifter WHERE db_role = role_name"
        coached = "SELECT lifter_id FROM lifter_coach WHERE coach_role = role_name"
        exercises = None
    else:
        path = f"= pg_catalog, {schema}, pg_temp"
        may_act_as = (
            "EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = role_name "
            "AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))"
        )
        lifters = f"SELECT id FROM {schema}.lifter WHERE db_role = role_name AND {may_act_as}"
        coached = (
            f"SELECT lifter_id FROM {schema}.lifter_coach "
            f"WHERE coach_role = role_name AND {may_act_as}"
        )
        exercises = (
            f"SELECT id FROM {schema}.exercise WHERE {may_act_as} AND (owner_id IS NULL OR "
            f"owner_id IN (SELECT id FROM {schema}.lifter WHERE db_role = role_name))"
        )
    return [
        f"""CREATE OR REPLACE FUNCTION tracker_lifters_of(role_name name)
            RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path {path} AS $$ {lifters} $$""",
        f"""CREATE OR REPLACE FUNCTION tracker_coached_by(role_name name)
            RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path {path} AS $$ {coached} $$""",
        *(
            [
                f"""CREATE FUNCTION tracker_exercises_for(role_name name)
                    RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
                    SET search_path {path} AS $$ {exercises} $$"""
            ]
            if exercises
            else []
        ),
    ]


def _schema() -> str:
    bind = op.get_bind()
    name = str(bind.exec_driver_sql("SELECT current_schema()").scalar())
    return bind.dialect.identifier_preparer.quote_identifier(name)


def _mapped_roles() -> list[str]:
    bind = op.get_bind()
    rows = bind.exec_driver_sql(
        "SELECT db_role FROM lifter WHERE db_role IS NOT NULL "
        "UNION SELECT coach_role FROM lifter_coach"
    )
    quote = bind.dialect.identifier_preparer.quote_identifier
    return [
        quote(role)
        for (role,) in rows
        if bind.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).first()
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _schema()
    for statement in _helpers(schema, hardened=True):
        op.execute(statement)
    for table, (using, check) in PARENT_CHECKS.items():
        for statement in _own_policy(table, using, check):
            op.execute(statement)
    # Without TEMPORARY and CREATE a role has nothing to shadow a table or function with.
    # (Needs the database's owner; a migrating role without that right gets a warning only.)
    op.execute("REVOKE TEMPORARY ON DATABASE " + _database() + " FROM PUBLIC")
    op.execute(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    for table, name, check in _value_checks():
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({check})")
    for role in _mapped_roles():
        op.execute(f"REVOKE UPDATE ON lifter FROM {role}")
        op.execute(f"GRANT UPDATE (name, unit) ON lifter TO {role}")


def _database() -> str:
    bind = op.get_bind()
    name = str(bind.exec_driver_sql("SELECT current_database()").scalar())
    return bind.dialect.identifier_preparer.quote_identifier(name)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _helpers(_schema(), hardened=False):
        op.execute(statement)
    for table, (using, _) in PARENT_CHECKS.items():
        for statement in _own_policy(table, using, using):
            op.execute(statement)
    op.execute("DROP FUNCTION tracker_exercises_for(name)")
    for table, name, _ in _value_checks():
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    op.execute("GRANT TEMPORARY ON DATABASE " + _database() + " TO PUBLIC")
    for role in _mapped_roles():
        op.execute(f"GRANT UPDATE ON lifter TO {role}")
