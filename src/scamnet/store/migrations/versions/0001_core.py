"""Core evidence store: evidence, reports, messages, indicators, observations, quarantine.

Revision ID: 0001_core
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_core"
down_revision = None
branch_labels = ("core",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("format", sa.String(40), nullable=False),
        sa.Column("container", sa.String(64), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("quarantined", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_evidence"),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("evidence_sha256", sa.String(64), nullable=False),
        sa.Column("line", sa.Integer()),
        sa.Column("offset", sa.Integer()),
        sa.Column("reported_at", sa.DateTime(timezone=True)),
        sa.Column("reporter_country", sa.String(2)),
        sa.Column("language", sa.String(12)),
        sa.Column("platform", sa.String(40)),
        sa.Column("title", sa.Text()),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("amount_lost", sa.Numeric(28, 8)),
        sa.Column("currency", sa.String(12)),
        sa.Column("suspect_identifiers", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("message_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_sha256"], ["evidence.sha256"],
                                name="fk_reports_evidence_sha256_evidence"),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
    )
    op.create_index("ix_reports_evidence_sha256", "reports", ["evidence_sha256"])
    op.create_table(
        "messages",
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sender", sa.Text()),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer()),
        sa.Column("offset", sa.Integer()),
        sa.Column("system", sa.Boolean(), nullable=False),
        sa.Column("media", sa.Text()),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"],
                                name="fk_messages_report_id_reports"),
        sa.PrimaryKeyConstraint("report_id", "idx", name="pk_messages"),
    )
    op.create_table(
        "indicators",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("attrs", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_indicators"),
    )
    op.create_index("ix_indicators_kind_value", "indicators", ["kind", "value"])
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("indicator_id", sa.String(32), nullable=False),
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("field_index", sa.Integer()),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicators.id"],
                                name="fk_observations_indicator_id_indicators"),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"],
                                name="fk_observations_report_id_reports"),
        sa.PrimaryKeyConstraint("id", name="pk_observations"),
    )
    op.create_index("ix_observations_indicator_id", "observations", ["indicator_id"])
    op.create_index("ix_observations_report_id", "observations", ["report_id"])
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("evidence_sha256", sa.String(64)),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer()),
        sa.Column("offset", sa.Integer()),
        sa.Column("field", sa.Text()),
        sa.Column("record_id", sa.Text()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("quarantined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["evidence_sha256"], ["evidence.sha256"],
                                name="fk_quarantine_evidence_sha256_evidence"),
        sa.PrimaryKeyConstraint("id", name="pk_quarantine"),
    )
    op.create_index("ix_quarantine_evidence_sha256", "quarantine", ["evidence_sha256"])


def downgrade() -> None:
    for table in ("quarantine", "observations", "indicators", "messages", "reports", "evidence"):
        op.drop_table(table)
