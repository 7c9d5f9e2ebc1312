"""sessions indexed by their end

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 16:30:00

`ix_training_session_lifter_finished`: the open session and the finished ones a new set may
join are found by their end, in a few index steps however long the history.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_training_session_lifter_finished", "training_session", ["lifter_id", "finished_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_training_session_lifter_finished", "training_session")
