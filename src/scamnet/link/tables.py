"""The link stage's tables (``link_*``) on the store's shared metadata.

Migration: ``store/migrations/versions/0004_link.py`` (its own Alembic branch).
``link_assignments`` is the persisted report -> network map that keeps ids
stable across runs; ``link_events`` records merges and splits.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Index, Integer, String, Table, Text

from scamnet.store.schema import metadata

__all__ = [
    "link_assignments",
    "link_events",
    "link_networks",
    "link_runs",
    "link_suppressions",
]

link_runs = Table(
    "link_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("mode", String(20), nullable=False),
    Column("engine", String(20), nullable=False),
    Column("params", JSON, nullable=False),
    Column("stats", JSON, nullable=False),
)

link_networks = Table(
    "link_networks", metadata,
    Column("id", String(40), primary_key=True),
    Column("status", String(10), nullable=False),
    Column("merged_into", String(40)),
    Column("reports", Integer, nullable=False),
    Column("anchor_report", String(200), nullable=False),
    Column("created_run", Integer, nullable=False),
    Column("updated_run", Integer, nullable=False),
    Index("ix_link_networks_status_reports", "status", "reports"),
)

link_assignments = Table(
    "link_assignments", metadata,
    Column("report_id", String(200), primary_key=True),
    Column("network_id", String(40), nullable=False, index=True),
    Column("run_id", Integer, nullable=False),
)

link_events = Table(
    "link_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("network_id", String(40), nullable=False, index=True),
    Column("other_network_id", String(40), nullable=False, index=True),
    Column("reports", Integer, nullable=False),
)

link_suppressions = Table(
    "link_suppressions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", Text, nullable=False),
    Column("rule", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("reports", Integer, nullable=False),
    Index("ix_link_suppressions_kind_value", "kind", "value"),
)
