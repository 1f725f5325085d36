"""Link stage: runs, networks, report assignments, merge/split events, suppressions.

Revision ID: 0004_link
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_link"
down_revision = "0001_core"
branch_labels = ("link",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("engine", sa.String(20), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_runs"),
    )
    op.create_table(
        "link_networks",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("merged_into", sa.String(40)),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("anchor_report", sa.String(200), nullable=False),
        sa.Column("created_run", sa.Integer(), nullable=False),
        sa.Column("updated_run", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_networks"),
    )
    op.create_index("ix_link_networks_status_reports", "link_networks", ["status", "reports"])
    op.create_table(
        "link_assignments",
        sa.Column("report_id", sa.String(200), nullable=False),
        sa.Column("network_id", sa.String(40), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("report_id", name="pk_link_assignments"),
    )
    op.create_index("ix_link_assignments_network_id", "link_assignments", ["network_id"])
    op.create_table(
        "link_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("network_id", sa.String(40), nullable=False),
        sa.Column("other_network_id", sa.String(40), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_events"),
    )
    op.create_index("ix_link_events_run_id", "link_events", ["run_id"])
    op.create_index("ix_link_events_network_id", "link_events", ["network_id"])
    op.create_index("ix_link_events_other_network_id", "link_events", ["other_network_id"])
    op.create_table(
        "link_suppressions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("rule", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_suppressions"),
    )
    op.create_index("ix_link_suppressions_kind_value", "link_suppressions", ["kind", "value"])


def downgrade() -> None:
    for name in ("link_suppressions", "link_events", "link_assignments", "link_networks",
                 "link_runs"):
        op.drop_table(name)
