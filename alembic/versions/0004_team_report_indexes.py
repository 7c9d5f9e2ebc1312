"""indexes for the team report

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 01:20:00

`report team` reads every lifter's recent sessions: it finds them by start time across all
lifters, so training_session needs an index on started_at alone (the existing one leads with
lifter_id).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.create_index("ix_training_session_started_at", ["started_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.drop_index("ix_training_session_started_at")
