"""Screening: list snapshots, their entities and quarantined list rows.

Revision ID: 0003_screening
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_screening"
down_revision = "0001_core"
branch_labels = ("screening",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screen_snapshots",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("list_name", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("entity_count", sa.Integer(), nullable=False),
        sa.Column("quarantined_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screen_snapshots"),
        sa.UniqueConstraint("list_name", "version", name="uq_screen_snapshots_list_name_version"),
    )
    op.create_index("ix_screen_snapshots_list_name", "screen_snapshots", ["list_name"])
    op.create_table(
        "screen_entities",
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("schema", sa.String(40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["screen_snapshots.id"],
                                name="fk_screen_entities_snapshot_id_screen_snapshots"),
        sa.PrimaryKeyConstraint("snapshot_id", "entity_id", name="pk_screen_entities"),
    )
    op.create_table(
        "screen_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer()),
        sa.Column("field", sa.Text()),
        sa.Column("record_id", sa.Text()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["screen_snapshots.id"],
                                name="fk_screen_quarantine_snapshot_id_screen_snapshots"),
        sa.PrimaryKeyConstraint("id", name="pk_screen_quarantine"),
    )
    op.create_index("ix_screen_quarantine_snapshot_id", "screen_quarantine", ["snapshot_id"])


def downgrade() -> None:
    op.drop_index("ix_screen_quarantine_snapshot_id", table_name="screen_quarantine")
    op.drop_table("screen_quarantine")
    op.drop_table("screen_entities")
    op.drop_index("ix_screen_snapshots_list_name", table_name="screen_snapshots")
    op.drop_table("screen_snapshots")
