"""Which modules define tables on the shared metadata.

Alembic's autogenerate and the drift test need every stage's tables imported;
stages add their table module here.
"""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

__all__ = ["TABLE_MODULES", "target_metadata"]

TABLE_MODULES: tuple[str, ...] = (
    "scamnet.store.schema",
    "scamnet.link.tables",
    "scamnet.analyze.tables",
    "scamnet.screen.tables",
)


def target_metadata() -> MetaData:
    """The shared metadata with every stage's tables registered on it."""
    for name in TABLE_MODULES:
        importlib.import_module(name)
    from scamnet.store.schema import metadata

    return metadata
