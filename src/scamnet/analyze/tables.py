"""The analysis stage's tables (``analysis_*``) on the store's shared metadata.

Migration: ``store/migrations/versions/0002_analysis.py`` (its own Alembic
branch). Every row names the model and version that produced it. A run
replaces the previous results: analysis is a pure function of the stored
reports and the model, so the newest run is the one that counts.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, DateTime, Float, Index, Integer, String, Table, Text

from scamnet.store.schema import metadata

__all__ = [
    "analysis_messages",
    "analysis_reports",
    "analysis_runs",
    "analysis_template_members",
    "analysis_templates",
]

analysis_runs = Table(
    "analysis_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=False),
    Column("models", JSON, nullable=False),
    Column("stats", JSON, nullable=False),
)

analysis_reports = Table(
    "analysis_reports", metadata,
    Column("report_id", String(200), primary_key=True),
    Column("run_id", Integer, nullable=False),
    Column("language", String(12), nullable=False),
    Column("is_scam", Boolean, nullable=False),
    Column("scam_type", String(20), nullable=False),
    Column("risk", Integer, nullable=False),
    Column("p_scam", Float, nullable=False),
    Column("stage", String(24)),
    Column("turned_to_money_at", Integer),
    # Which rule set the stage when it was not the cue model ("type:phishing"; 0006).
    Column("stage_decided_by", String(40)),
    Column("reasons", JSON, nullable=False),
    Column("stage_evidence", JSON, nullable=False),
    Column("model", String(60), nullable=False),
    Column("model_version", String(20), nullable=False),
    Column("stage_model", String(60), nullable=False),
    Column("stage_model_version", String(20), nullable=False),
    Index("ix_analysis_reports_scam_type", "scam_type"),
    Index("ix_analysis_reports_stage", "stage"),
)

analysis_messages = Table(
    "analysis_messages", metadata,
    Column("report_id", String(200), primary_key=True),
    Column("field", String(20), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("language", String(12), nullable=False),
    Column("is_scam", Boolean, nullable=False),
    Column("scam_type", String(20), nullable=False),
    Column("risk", Integer, nullable=False),
    Column("stage_cue", String(24)),
    Column("model", String(60), nullable=False),
    Column("model_version", String(20), nullable=False),
)

analysis_templates = Table(
    "analysis_templates", metadata,
    Column("id", String(40), primary_key=True),
    Column("run_id", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("n_reports", Integer, nullable=False),
    Column("n_members", Integer, nullable=False),
    Column("min_similarity", Float, nullable=False),
    Column("method", String(60), nullable=False),
)

analysis_template_members = Table(
    "analysis_template_members", metadata,
    Column("template_id", String(40), primary_key=True),
    Column("report_id", String(200), primary_key=True),
    Column("field", String(20), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Index("ix_analysis_template_members_report_id", "report_id"),
)
