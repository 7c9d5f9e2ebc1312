"""exercise load convention: what a logged load is per, and how many implements are held

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: an exercise without them (custom, or made before this revision) follows the
    # convention its equipment implies (tracker.domain.load_convention.convention_for).
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.add_column(sa.Column("load_per", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("implements", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.drop_column("implements")
        batch_op.drop_column("load_per")
