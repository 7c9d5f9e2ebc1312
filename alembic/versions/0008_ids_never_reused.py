"""ids are never reused: SQLite AUTOINCREMENT on every table with an id

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 01:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Without AUTOINCREMENT, SQLite gives a new row the largest id + 1: after a delete (or an
# undo) of the newest session, the next one, maybe another lifter's, takes its id, and a change
# record naming that id (`undo` of the delete) then reaches the wrong row (issue 23). Every
# table whose ids a change record or a person refers to. PostgreSQL sequences never give an id
# twice: nothing to do there (and its tables carry row-level security policies, untouched).
TABLES = (
    "lifter", "exercise", "exercise_alias", "training_session", "workout_set",
    "change_record", "routine", "routine_item", "body_weight", "involved_side",
)


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        # The copy keeps every row and id; SQLite's sequence starts above the largest id.
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)
