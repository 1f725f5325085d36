"""Bridge indicators: one strong value that alone ties two otherwise separate groups.

Works on the report–indicator graph of strong links. An indicator is a
*bridge* when it is an articulation point whose removal leaves at least two
parts of ``min_side`` or more reports, and in each such part it is named by
at least two and at most ``max_share`` of the reports (peripheral on both
sides, yet seen more than once on each: a single report naming two values is
how a genuine rotation chain looks, and is never cut). Found
with igraph's biconnected components and the block–cut tree, so each
candidate costs its degree, not a new graph search.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from scamnet.engines.base import IntArray

__all__ = ["Bridge", "find_bridges"]

Bridge = tuple[int, list[tuple[int, int]]]
"""(indicator number, [(part size, reports naming it in that part), ...])"""


def find_bridges(strong_labels: IntArray, rep: IntArray, ind: IntArray, *, min_side: int,
                 max_share: float) -> list[Bridge]:
    """Bridge indicators among strong edges (``rep``, ``ind``), smallest number first."""
    if max_share <= 0 or len(rep) == 0:
        return []
    sizes = np.bincount(strong_labels)
    big = sizes[strong_labels[rep]] >= 2 * min_side
    rep, ind = rep[big], ind[big]
    if len(rep) == 0:
        return []
    reports, r_local = np.unique(rep, return_inverse=True)
    inds, i_local = np.unique(ind, return_inverse=True)
    n_r = len(reports)
    import igraph as ig

    g = ig.Graph(n=n_r + len(inds),
                 edges=np.column_stack([r_local, i_local + n_r]).tolist())
    cover, aps = g.biconnected_components(return_articulation_points=True)
    ind_aps = [a for a in aps if a >= n_r]
    if not ind_aps:
        return []
    blocks: list[list[int]] = [list(b) for b in cover]
    n_b = len(blocks)
    is_ap = np.zeros(g.vcount(), dtype=bool)
    is_ap[aps] = True
    ap_node = {a: n_b + k for k, a in enumerate(aps)}
    block_of = np.full(g.vcount(), -1, dtype=np.int64)
    blocks_of_ap: dict[int, set[int]] = {a: set() for a in aps}
    weight = np.zeros(n_b + len(aps), dtype=np.int64)
    tree: list[list[int]] = [[] for _ in range(n_b + len(aps))]
    for b, members in enumerate(blocks):
        for v in members:
            if is_ap[v]:
                blocks_of_ap[v].add(b)
                tree[b].append(ap_node[v])
                tree[ap_node[v]].append(b)
            else:
                block_of[v] = b
                if v < n_r:
                    weight[b] += 1
    for a in aps:
        if a < n_r:
            weight[ap_node[a]] = 1
    parent, sub, total = _root_forest(tree, weight)

    out: list[Bridge] = []
    for v in ind_aps:
        node = ap_node[v]
        part_of: dict[int, int] = {}
        parts: list[int] = []
        for child in tree[node]:
            part_of[child] = len(parts)
            parts.append(int(sub[child]) if parent[child] == node
                         else int(total[node] - sub[node]))
        named = [0] * len(parts)
        for u in g.neighbors(v):
            b = int(block_of[u]) if not is_ap[u] else next(iter(blocks_of_ap[u]
                                                                & blocks_of_ap[v]))
            named[part_of[b]] += 1
        # k >= 2: a tie through a single report on a side is how a rotation
        # chain (old wallet -> report naming both -> new wallet) looks too.
        peripheral = [(size, k) for size, k in zip(parts, named, strict=True)
                      if size >= min_side and 2 <= k <= max_share * size]
        if len(peripheral) >= 2:
            out.append((int(inds[v - n_r]), sorted(peripheral, reverse=True)))
    out.sort()
    return out


def _root_forest(tree: list[list[int]], weight: IntArray
                 ) -> tuple[list[int], NDArray[np.int64], NDArray[np.int64]]:
    """Parent, subtree weight and whole-tree weight of every node of a forest."""
    n = len(tree)
    parent = [-2] * n
    sub = weight.astype(np.int64).copy()
    total = np.zeros(n, dtype=np.int64)
    for root in range(n):
        if parent[root] != -2:
            continue
        parent[root] = -1
        order = [root]
        i = 0
        while i < len(order):
            x = order[i]
            i += 1
            for y in tree[x]:
                if parent[y] == -2:
                    parent[y] = x
                    order.append(y)
        for x in reversed(order[1:]):
            sub[parent[x]] += sub[x]
        total[order] = sub[root]
    return parent, sub, total
