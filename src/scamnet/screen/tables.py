"""Store tables of the screening stage: list snapshots, their entities and quarantine.

Each ``scamnet lists load`` writes one snapshot: a new version of the named
list, its entities (the stable JSON of :meth:`ListEntity.to_json` with a
content digest, so two snapshots can be diffed) and the rows it quarantined.
Migration: ``store/migrations/versions/0003_screening.py``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from scamnet.store.schema import metadata

__all__ = ["screen_entities", "screen_quarantine", "screen_snapshots"]

screen_snapshots = Table(
    "screen_snapshots", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("list_name", String(200), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("source_path", Text, nullable=False),
    Column("source_sha256", String(64), nullable=False),
    Column("format", String(20), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("quarantined_count", Integer, nullable=False),
    UniqueConstraint("list_name", "version", name="uq_screen_snapshots_list_name_version"),
)

screen_entities = Table(
    "screen_entities", metadata,
    Column("snapshot_id", Integer, ForeignKey("screen_snapshots.id"), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("schema", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("data", JSON, nullable=False),
)

screen_quarantine = Table(
    "screen_quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("snapshot_id", Integer, ForeignKey("screen_snapshots.id"), nullable=False,
           index=True),
    Column("path", Text, nullable=False),
    Column("line", Integer),
    Column("field", Text),
    Column("record_id", Text),
    Column("reason", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),
)
