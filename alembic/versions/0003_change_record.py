"""change record: the undo journal

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tracker.adapters.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lifter_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", tracker.adapters.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undone_at", tracker.adapters.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["lifter_id"],
            ["lifter.id"],
            name=op.f("fk_change_record_lifter_id_lifter"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_record")),
    )
    op.create_index("ix_change_record_lifter_id", "change_record", ["lifter_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_change_record_lifter_id", table_name="change_record")
    op.drop_table("change_record")
