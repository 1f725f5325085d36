"""Quarantine records can be resolved: a later `scamnet retry-quarantined` parsed them.

Revision ID: 0005_quarantine_resolution
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_quarantine_resolution"
down_revision = "0001_core"
branch_labels = ("quarantine_resolution",)
depends_on = None


def upgrade() -> None:
    # Records stay in the table once resolved (they are the audit trail of what
    # was refused and why); these say when and how they were resolved.
    op.add_column("quarantine", sa.Column("resolved_at", sa.DateTime(timezone=True)))
    op.add_column("quarantine", sa.Column("resolution", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("quarantine") as batch:
        batch.drop_column("resolution")
        batch.drop_column("resolved_at")
