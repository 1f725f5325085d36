"""Analysis stage: runs, per-report and per-message results, reused-script templates.

Revision ID: 0002_analysis
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_analysis"
down_revision = "0001_core"
branch_labels = ("analysis",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analysis_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("models", sa.JSON(), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_analysis_runs"),
    )
    op.create_table(
        "analysis_reports",
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(12), nullable=False),
        sa.Column("is_scam", sa.Boolean(), nullable=False),
        sa.Column("scam_type", sa.String(20), nullable=False),
        sa.Column("risk", sa.Integer(), nullable=False),
        sa.Column("p_scam", sa.Float(), nullable=False),
        sa.Column("stage", sa.String(24)),
        sa.Column("turned_to_money_at", sa.Integer()),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("stage_evidence", sa.JSON(), nullable=False),
        sa.Column("model", sa.String(60), nullable=False),
        sa.Column("model_version", sa.String(20), nullable=False),
        sa.Column("stage_model", sa.String(60), nullable=False),
        sa.Column("stage_model_version", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("report_id", name="pk_analysis_reports"),
    )
    op.create_index("ix_analysis_reports_scam_type", "analysis_reports", ["scam_type"])
    op.create_index("ix_analysis_reports_stage", "analysis_reports", ["stage"])
    op.create_table(
        "analysis_messages",
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(12), nullable=False),
        sa.Column("is_scam", sa.Boolean(), nullable=False),
        sa.Column("scam_type", sa.String(20), nullable=False),
        sa.Column("risk", sa.Integer(), nullable=False),
        sa.Column("stage_cue", sa.String(24)),
        sa.Column("model", sa.String(60), nullable=False),
        sa.Column("model_version", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("report_id", "field", "idx", name="pk_analysis_messages"),
    )
    op.create_table(
        "analysis_templates",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_members", sa.Integer(), nullable=False),
        sa.Column("min_similarity", sa.Float(), nullable=False),
        sa.Column("method", sa.String(60), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_analysis_templates"),
    )
    op.create_table(
        "analysis_template_members",
        sa.Column("template_id", sa.String(40), nullable=False),
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("template_id", "report_id", "field", "idx",
                                name="pk_analysis_template_members"),
    )
    op.create_index("ix_analysis_template_members_report_id", "analysis_template_members",
                    ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_analysis_template_members_report_id", "analysis_template_members")
    op.drop_table("analysis_template_members")
    op.drop_table("analysis_templates")
    op.drop_table("analysis_messages")
    op.drop_index("ix_analysis_reports_stage", "analysis_reports")
    op.drop_index("ix_analysis_reports_scam_type", "analysis_reports")
    op.drop_table("analysis_reports")
    op.drop_table("analysis_runs")
