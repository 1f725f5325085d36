"""The store's schema: SQLAlchemy Core tables on one shared :data:`metadata`.

Later stages (analysis, screening, linking) define their own tables on the same
``metadata`` in their own modules, with their own Alembic branch. The same
schema runs on SQLite and PostgreSQL, so only portable Core types are used.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
)

__all__ = [
    "evidence",
    "indicators",
    "messages",
    "metadata",
    "observations",
    "quarantine",
    "reports",
]

# Stable constraint names so migrations are the same on every backend.
metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

evidence = Table(
    "evidence", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("path", Text, nullable=False),
    Column("format", String(40), nullable=False),
    Column("container", String(64), nullable=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("reports", Integer, nullable=False),
    Column("quarantined", Integer, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("id", String(200), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("evidence_sha256", String(64), ForeignKey("evidence.sha256"), nullable=False,
           index=True),
    Column("line", Integer),
    Column("offset", Integer),
    Column("reported_at", DateTime(timezone=True)),
    Column("reporter_country", String(2)),
    Column("language", String(12)),
    Column("platform", String(40)),
    Column("title", Text),
    Column("narrative", Text, nullable=False),
    Column("amount_lost", Numeric(28, 8)),
    Column("currency", String(12)),
    Column("suspect_identifiers", JSON, nullable=False),
    Column("extra", JSON, nullable=False),
    Column("message_count", Integer, nullable=False),
)

messages = Table(
    "messages", metadata,
    Column("report_id", String(200), ForeignKey("reports.id"), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("sender", Text),
    Column("sent_at", DateTime(timezone=True)),
    Column("text", Text, nullable=False),
    Column("line", Integer),
    Column("offset", Integer),
    Column("system", Boolean, nullable=False),
    Column("media", Text),
)

# An indicator's id is a digest of (kind, value, valid), so every writer computes
# the same id without a round trip and "insert if absent" is a plain upsert.
indicators = Table(
    "indicators", metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("value", Text, nullable=False),
    Column("valid", Boolean, nullable=False),
    Column("attrs", JSON, nullable=False),
    Index("ix_indicators_kind_value", "kind", "value"),
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator_id", String(32), ForeignKey("indicators.id"), nullable=False, index=True),
    Column("report_id", String(200), ForeignKey("reports.id"), nullable=False, index=True),
    Column("field", String(20), nullable=False),
    Column("field_index", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("raw", Text, nullable=False),
)

quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("evidence_sha256", String(64), ForeignKey("evidence.sha256"), index=True),
    Column("path", Text, nullable=False),
    Column("line", Integer),
    Column("offset", Integer),
    Column("field", Text),
    Column("record_id", Text),
    Column("reason", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("quarantined_at", DateTime(timezone=True), nullable=False),
    # Set when a later retry parsed the record (migration 0005); the row stays.
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolution", Text),
)
