"""exact durations, lower-is-better exercises, an injury date per involved side

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 07:00:00

- `workout_set.duration_s` keeps decimal seconds exactly (a 6 m timed hop of 2.31 s): NUMERIC
  like every other measure, read back through `ExactDecimal`; whole seconds stored before stay
  the same numbers.
- `exercise.lower_is_better`: a test where less is better (a timed hop), false for every
  exercise stored before.
- `involved_side.injury_date`: the date that ends the pre-injury reference window of EPIC.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tracker.adapters.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table with an id keeps sqlite_autoincrement when SQLite recreates it (revision 0008).
NEVER_REUSED = {"sqlite_autoincrement": True}
EXACT = tracker.adapters.types.ExactDecimal(precision=12, scale=4)


def upgrade() -> None:
    _duration_type(sa.Integer(), EXACT, "duration_s::numeric(12, 4)")
    op.add_column(
        "exercise",
        sa.Column("lower_is_better", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("involved_side", sa.Column("injury_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("involved_side", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_column("injury_date")
    with op.batch_alter_table("exercise", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_column("lower_is_better")
    _duration_type(EXACT, sa.Integer(), "round(duration_s)::integer")


def _duration_type(before: sa.types.TypeEngine, after: sa.types.TypeEngine, using: str) -> None:
    # SQLite recreates the table: it must keep never reusing an id (revision 0008).
    with op.batch_alter_table("workout_set", table_kwargs=NEVER_REUSED) as batch:
        batch.alter_column(
            "duration_s", existing_type=before, type_=after, existing_nullable=True,
            postgresql_using=using,
        )
