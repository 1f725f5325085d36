"""A built screening index kept on disk, so one query does not rebuild it.

Building the index over the full OFAC list takes seconds; a CLI call that
screens one name should not pay that each time. The cache file is keyed by
what the index holds: each list's newest snapshot (list, version, snapshot
id, source SHA-256), the matcher's name and version, and
:data:`INDEX_FORMAT`. A new snapshot, a new matcher version or a new index
layout gives a new key, so a stale index is never used. The store's own
watchlists (reports) change with every ingest and are not cached.

The file is a pickle: only read caches from a directory you own (the CLI
keeps it next to the SQLite store file). A file that cannot be read (torn,
from another Python) is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL

from scamnet.screen.index import ScreeningIndex
from scamnet.screen.matcher import Matcher

if TYPE_CHECKING:
    from scamnet.screen.snapshots import SnapshotInfo

__all__ = ["INDEX_FORMAT", "cache_dir_for", "index_key", "read_index", "write_index"]

#: Bump when ScreeningIndex's layout or blocking keys change.
INDEX_FORMAT = 4


def index_key(snapshots: Sequence[SnapshotInfo], matcher: Matcher) -> str:
    """A hex digest naming an index over ``snapshots`` scored by ``matcher``."""
    payload = {
        "format": INDEX_FORMAT,
        "matcher": [matcher.NAME, matcher.VERSION],
        "snapshots": sorted([s.list_name, s.version, s.id, s.source_sha256] for s in snapshots),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def cache_dir_for(url: URL) -> Path | None:
    """Where the CLI keeps index caches for a store: ``<file>.screen-cache``
    next to an SQLite file; None (no cache) for in-memory or server stores."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    db = Path(url.database)
    return db.with_name(db.name + ".screen-cache")


def _path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"index-{key[:32]}.pickle"


def read_index(cache_dir: Path, key: str) -> ScreeningIndex | None:
    """The cached index for ``key``, or None when there is none or it is unreadable."""
    path = _path(cache_dir, key)
    try:
        with path.open("rb") as fh:
            index = pickle.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):
        return None  # torn or foreign file: rebuilt and overwritten by the caller
    return index if isinstance(index, ScreeningIndex) else None


def write_index(index: ScreeningIndex, cache_dir: Path, key: str) -> Path | None:
    """Store ``index`` under ``key`` (atomically) and drop older cache files.

    Returns the path, or None when the directory cannot be written (a cache
    is an optimisation: screening goes on without it)."""
    path = _path(cache_dir, key)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".index-", suffix=".tmp")
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
        return None
    for old in cache_dir.glob("index-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    return path
