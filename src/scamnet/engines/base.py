"""The contract every link engine fulfils: a few graph primitives over int arrays.

Following splink's split, the link job (suppression, weak-link merging, ids,
summaries) is written once in :mod:`scamnet.link`; an engine only implements
the heavy, data-parallel primitives. Reports are numbered ``0..n_reports-1``
in sorted-id order and indicators ``0..n_indicators-1``; results are defined
so that every engine returns exactly the same arrays.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import NDArray

__all__ = ["Engine", "IntArray"]

IntArray = NDArray[np.int64]


class Engine(Protocol):
    """A backend that runs the link job's graph primitives."""

    #: Engine name as used by ``scamnet link --engine``.
    name: str

    def components(self, n_reports: int, rep: IntArray, ind: IntArray) -> IntArray:
        """Connected components of the report–indicator graph given as edge lists.

        Returns one label per report: the smallest report number in its
        component (so a report with no edge is labelled with itself).
        """
        ...
