"""Garbage collection during an ingest: young generations only, at set points.

An ingest allocates millions of small objects (reports, observations, rows)
that live for one part of a file and are then freed by reference counting;
almost none form cycles (79 cyclic objects in a whole 4,000-report ingest,
measured). Python's automatic collector still runs a full collection whenever
enough of them have survived a while, and each full collection walks the whole
heap, extraction caches and phone metadata included: 75-90 µs of main-process
CPU per report with one process, 45-55 µs with two (measured with
``gc.callbacks`` on the demo and SMS inputs of ``benchmarks/bench_ingest.py``,
20,000 reports each), more than the SQLite writes. So while an ingest runs,
automatic collection is paused and the young generations are collected every
few parts instead: cycles made during the ingest are still freed, and memory
stays bounded.

The pause is process-wide (that is how :mod:`gc` works); nested or concurrent
ingests share it, and the collector comes back as it was when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["COLLECT_EVERY", "young_collections"]

#: Parts (or skipped files) between two collections of the young generations.
#: A part holds up to 2,000 reports; a small file is one part.
COLLECT_EVERY = 16

_lock = threading.Lock()
_depth = 0
_resume = False


class _Ticks:
    """Counts parts written and collects the young generations every :data:`COLLECT_EVERY`."""

    def __init__(self) -> None:
        self._n = 0

    def __call__(self) -> None:
        self._n += 1
        if self._n >= COLLECT_EVERY:
            self._n = 0
            gc.collect(1)


@contextmanager
def young_collections() -> Iterator[_Ticks]:
    """Pause automatic collection; the yielded call, made once per part, collects
    the young generations every :data:`COLLECT_EVERY` calls."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield _Ticks()
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
