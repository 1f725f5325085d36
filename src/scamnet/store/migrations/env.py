"""Alembic environment: runs on the connection the Store hands in."""

from __future__ import annotations

from alembic import context

from scamnet.store.registry import target_metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the Store always passes one
    raise RuntimeError("scamnet migrations run through scamnet.store.Store, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=target_metadata(),
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
