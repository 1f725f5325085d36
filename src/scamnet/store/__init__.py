"""The evidence store (SQLite by default, PostgreSQL by URL)."""

from scamnet.store.store import (
    Batch,
    IndicatorCount,
    ObservationRow,
    QuarantineRow,
    Store,
    StoredObservation,
    StoredReport,
    StoreStats,
    indicator_id,
)

__all__ = [
    "Batch",
    "IndicatorCount",
    "ObservationRow",
    "QuarantineRow",
    "Store",
    "StoreStats",
    "StoredObservation",
    "StoredReport",
    "indicator_id",
]
