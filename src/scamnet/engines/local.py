"""The in-process engine: numpy and scipy.sparse.csgraph on one machine."""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from scamnet.engines.base import IntArray

__all__ = ["LocalEngine"]


class LocalEngine:
    """Vectorised single-machine engine (the default)."""

    name = "local"

    def components(self, n_reports: int, rep: IntArray, ind: IntArray) -> IntArray:
        if len(rep) == 0:
            return np.arange(n_reports, dtype=np.int64)
        n_ind = int(ind.max()) + 1
        n = n_reports + n_ind
        data = np.ones(len(rep), dtype=np.int8)
        graph = coo_matrix((data, (rep, ind + n_reports)), shape=(n, n)).tocsr()
        n_comp, labels = connected_components(graph, directed=False)
        # Canonical label: the smallest report number in the component. Every
        # component touched by an edge contains a report, so this is defined.
        smallest = np.full(n_comp, n_reports, dtype=np.int64)
        np.minimum.at(smallest, labels[:n_reports], np.arange(n_reports, dtype=np.int64))
        out: IntArray = smallest[labels[:n_reports]]
        return out
