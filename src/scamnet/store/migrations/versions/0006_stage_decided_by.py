"""Analysis: store which rule decided a report's stage (``stage_decided_by``).

Revision ID: 0006_stage_decided_by
Revises: 0002_analysis
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_stage_decided_by"
down_revision = "0002_analysis"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null for rows written before this column existed and for stages the
    # model's cues decided; "type:<scam type>" when the no-lifecycle rule did
    # (a recruitment lure, impersonation or phishing report is at contact).
    op.add_column("analysis_reports", sa.Column("stage_decided_by", sa.String(40)))


def downgrade() -> None:
    with op.batch_alter_table("analysis_reports") as batch:
        batch.drop_column("stage_decided_by")
