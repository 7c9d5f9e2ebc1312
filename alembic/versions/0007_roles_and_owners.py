"""lifter database roles, coach assignments, owners of custom exercises, row-level security

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 01:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# PostgreSQL only: the policies key on current_user through lifter.db_role. The table owner
# (who runs migrations and `tracker admin grant`) is not subject to them; every other role
# sees only what the policies let through. The helper functions run as their owner so that a
# policy on lifter can look lifters up without recursing into its own policy.
# Every table whose rows belong to one lifter (a lifter_id column).
LIFTER_TABLES = (
    "training_session", "workout_set", "change_record", "routine", "exercise_rest",
    "body_weight", "involved_side",
)
# Tables whose rows belong to a lifter through a parent row: visible when the parent is.
CHILD_TABLES = (
    ("routine_item", "routine_id", "routine"),
    ("gym_state", "session_id", "training_session"),
)

ROW_LEVEL_SECURITY = [
    """CREATE FUNCTION tracker_lifters_of(role_name name) RETURNS SETOF integer
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
       AS $$ SELECT id FROM lifter WHERE db_role = role_name $$""",
    """CREATE FUNCTION tracker_coached_by(role_name name) RETURNS SETOF integer
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
       AS $$ SELECT lifter_id FROM lifter_coach WHERE coach_role = role_name $$""",
    "ALTER TABLE lifter ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY lifter_read ON lifter FOR SELECT USING (
         db_role = current_user OR id IN (SELECT tracker_coached_by(current_user)))""",
    """CREATE POLICY lifter_update ON lifter FOR UPDATE
         USING (db_role = current_user) WITH CHECK (db_role = current_user)""",
    "ALTER TABLE lifter_coach ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY lifter_coach_read ON lifter_coach FOR SELECT USING (
         coach_role = current_user OR lifter_id IN (SELECT tracker_lifters_of(current_user)))""",
    *[
        statement
        for table in LIFTER_TABLES
        for statement in (
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"""CREATE POLICY {table}_own ON {table} FOR ALL
                 USING (lifter_id IN (SELECT tracker_lifters_of(current_user)))
                 WITH CHECK (lifter_id IN (SELECT tracker_lifters_of(current_user)))""",
            f"""CREATE POLICY {table}_coach ON {table} FOR SELECT
                 USING (lifter_id IN (SELECT tracker_coached_by(current_user)))""",
        )
    ],
    *[
        statement
        for table, column, parent in CHILD_TABLES
        for statement in (
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            # Readable with the parent row (a coach reads what their lifters planned) ...
            f"""CREATE POLICY {table}_read ON {table} FOR SELECT
                 USING ({column} IN (SELECT id FROM {parent}))""",
            # ... written only by the lifter who owns the parent row.
            f"""CREATE POLICY {table}_own ON {table} FOR ALL
                 USING ({column} IN (SELECT id FROM {parent}
                        WHERE lifter_id IN (SELECT tracker_lifters_of(current_user))))
                 WITH CHECK ({column} IN (SELECT id FROM {parent}
                        WHERE lifter_id IN (SELECT tracker_lifters_of(current_user))))""",
        )
    ],
    "ALTER TABLE exercise ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY exercise_read ON exercise FOR SELECT USING (
         owner_id IS NULL OR owner_id IN (SELECT tracker_lifters_of(current_user))
         OR owner_id IN (SELECT tracker_coached_by(current_user)))""",
    """CREATE POLICY exercise_own ON exercise FOR ALL
         USING (owner_id IN (SELECT tracker_lifters_of(current_user)))
         WITH CHECK (owner_id IN (SELECT tracker_lifters_of(current_user)))""",
    "ALTER TABLE exercise_alias ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY exercise_alias_read ON exercise_alias FOR SELECT
         USING (exercise_id IN (SELECT id FROM exercise))""",
    """CREATE POLICY exercise_alias_own ON exercise_alias FOR ALL
         USING (exercise_id IN (SELECT id FROM exercise
                WHERE owner_id IN (SELECT tracker_lifters_of(current_user))))
         WITH CHECK (exercise_id IN (SELECT id FROM exercise
                WHERE owner_id IN (SELECT tracker_lifters_of(current_user))))""",
    "ALTER TABLE setting ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY setting_read ON setting FOR SELECT USING (true)",
]

DROP_ROW_LEVEL_SECURITY = [
    *[
        f"DROP POLICY IF EXISTS {policy} ON {table}"
        for table, policy in (
            ("lifter", "lifter_read"), ("lifter", "lifter_update"),
            ("lifter_coach", "lifter_coach_read"),
            *[(table, f"{table}_{kind}") for table in LIFTER_TABLES for kind in ("own", "coach")],
            *[(t, f"{t}_{kind}") for t, _, _ in CHILD_TABLES for kind in ("read", "own")],
            ("exercise", "exercise_read"), ("exercise", "exercise_own"),
            ("exercise_alias", "exercise_alias_read"), ("exercise_alias", "exercise_alias_own"),
            ("setting", "setting_read"),
        )
    ],
    *[
        f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"
        for table in ("lifter", *LIFTER_TABLES, *(t for t, _, _ in CHILD_TABLES), "exercise",
                      "exercise_alias", "setting")
    ],
    "DROP FUNCTION IF EXISTS tracker_lifters_of(name)",
    "DROP FUNCTION IF EXISTS tracker_coached_by(name)",
]


def upgrade() -> None:
    with op.batch_alter_table("lifter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_role", sa.String(length=63), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_lifter_db_role"), ["db_role"])
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_exercise_owner_id"), ["owner_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_exercise_owner_id_lifter"),
            "lifter",
            ["owner_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.create_table(
        "lifter_coach",
        sa.Column("lifter_id", sa.Integer(), nullable=False),
        sa.Column("coach_role", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["lifter_id"],
            ["lifter.id"],
            name=op.f("fk_lifter_coach_lifter_id_lifter"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lifter_id", "coach_role", name=op.f("pk_lifter_coach")),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in ROW_LEVEL_SECURITY:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DROP_ROW_LEVEL_SECURITY:
            op.execute(statement)
    op.drop_table("lifter_coach")
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_exercise_owner_id_lifter"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_exercise_owner_id"))
        batch_op.drop_column("owner_id")
    with op.batch_alter_table("lifter", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_lifter_db_role"), type_="unique")
        batch_op.drop_column("db_role")
