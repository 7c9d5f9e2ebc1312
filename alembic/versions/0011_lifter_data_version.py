"""a per-lifter change counter, bumped by every write to the lifter's history (PostgreSQL);
sessions indexed by their end

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 16:30:00

A warm `tracker gym` keeps what its lines read of each exercise's history and must notice a
write from another process. SQLite says so itself (PRAGMA data_version); on PostgreSQL,
`lifter.data_version` goes up with every statement that inserts, changes or deletes the
lifter's sessions, sets, weigh-ins or involved sides: statement-level triggers, whose function
runs as its owner (a lifter's role may update only its name and unit) with a pinned search
path. The column exists on SQLite too (the models are one), where nothing bumps it.

`ix_training_session_lifter_finished`: the open session and the finished ones a new set may
join are found by their end, in a few index steps however long the history.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("training_session", "workout_set", "body_weight", "involved_side")
EVENTS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
}


def _function(schema: str) -> str:
    # Once per statement (an import's batches bump a few hundred times: nothing beside its
    # rows). Not "once per transaction": a transaction that had updated the lifter row for
    # another reason (a restore's unit) would then change history unseen.
    bump = (
        f"UPDATE {schema}.lifter SET data_version = data_version + 1 "
        "WHERE id IN (SELECT lifter_id FROM {rows})"
    )
    return f"""CREATE FUNCTION tracker_lifter_changed() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        BEGIN
            IF TG_OP <> 'DELETE' THEN {bump.format(rows="new_rows")}; END IF;
            IF TG_OP <> 'INSERT' THEN {bump.format(rows="old_rows")}; END IF;
            RETURN NULL;
        END $$"""


def upgrade() -> None:
    op.create_index(
        "ix_training_session_lifter_finished", "training_session", ["lifter_id", "finished_at"]
    )
    op.add_column(
        "lifter",
        sa.Column("data_version", sa.BigInteger(), server_default="0", nullable=False),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = op.get_bind().exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(_function(str(schema)))
    op.execute("REVOKE ALL ON FUNCTION tracker_lifter_changed() FROM PUBLIC")
    for table in TABLES:
        for event, transition in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {table}_{event}_changes_lifter AFTER {event.upper()} ON {table} "
                f"{transition} FOR EACH STATEMENT EXECUTE FUNCTION tracker_lifter_changed()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{event}_changes_lifter ON {table}")
        op.execute("DROP FUNCTION IF EXISTS tracker_lifter_changed()")
    with op.batch_alter_table("lifter", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("data_version")
    op.drop_index("ix_training_session_lifter_finished", "training_session")
