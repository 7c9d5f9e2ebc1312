"""body weight log and involved (injured) side per lifter or exercise

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tracker.adapters.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "body_weight",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lifter_id", sa.Integer(), nullable=False),
        sa.Column("measured_at", tracker.adapters.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "weight", tracker.adapters.types.ExactDecimal(precision=12, scale=4), nullable=False
        ),
        sa.Column("unit", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["lifter_id"],
            ["lifter.id"],
            name=op.f("fk_body_weight_lifter_id_lifter"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_weight")),
    )
    op.create_index(
        "ix_body_weight_lifter_measured", "body_weight", ["lifter_id", "measured_at"], unique=False
    )
    op.create_table(
        "involved_side",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lifter_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=True),
        sa.Column("side", sa.String(length=5), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercise.id"],
            name=op.f("fk_involved_side_exercise_id_exercise"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lifter_id"],
            ["lifter.id"],
            name=op.f("fk_involved_side_lifter_id_lifter"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_involved_side")),
        sa.UniqueConstraint("lifter_id", "exercise_id", name="uq_involved_side_lifter_exercise"),
    )


def downgrade() -> None:
    op.drop_table("involved_side")
    op.drop_index("ix_body_weight_lifter_measured", table_name="body_weight")
    op.drop_table("body_weight")
