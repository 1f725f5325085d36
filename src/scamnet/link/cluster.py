"""The batch link job: observations in, a partition of reports into networks out.

Steps (see ``docs/linking.md``):

1. drop invalid indicators and kinds of weight 0; factorise reports (sorted
   ids, so report numbers are the same on every engine) and indicators;
2. suppress allowlisted indicators and hubs, recording why;
3. connected components over *strong* indicators (the engine's job), then
   cut *bridges* (:mod:`scamnet.link.bridges`) and recompute;
4. weak indicators add weighted edges between strong components; Leiden
   (CPM, seeded) on that small graph decides which components merge — two
   components join when their summed weak evidence reaches the strong
   threshold, so components joined only by a stray weak link stay apart.

Pure: no store, no printing. The result labels each report with the smallest
report number in its network; stable network ids are given by
:mod:`scamnet.link.ids`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from numpy.typing import NDArray

from scamnet.engines.base import Engine, IntArray
from scamnet.link.allowlist import Allowlist, load_allowlist
from scamnet.link.bridges import find_bridges
from scamnet.link.observations import ObservationTable
from scamnet.link.sorting import unique_sorted
from scamnet.link.suppress import HubRule, Suppression
from scamnet.link.weights import CORRELATED_KINDS, WeightTable

__all__ = ["DEFAULT_SEED", "LinkResult", "LinkStats", "cluster_observations"]

#: Seed of the Leiden step; fixed so runs (and engines) agree.
DEFAULT_SEED = 20240601


@dataclass
class LinkStats:
    """Counts and phase timings (seconds) of one link run."""

    reports: int = 0
    observations: int = 0
    invalid: int = 0
    zero_weight: int = 0
    pairs: int = 0
    indicators: int = 0
    suppressed: int = 0
    strong_components: int = 0
    weak_edges: int = 0
    networks: int = 0
    linked_networks: int = 0
    largest_network: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {k: v for k, v in self.__dict__.items() if k != "timings"}
        out["timings"] = {k: round(v, 4) for k, v in self.timings.items()}
        return out


@dataclass
class LinkResult:
    """Reports (sorted ids) with a network label each, and what was suppressed.

    ``labels[i]`` is the smallest report number in report ``i``'s network;
    ``strong_labels[i]`` the same for its strong component.
    """

    report_ids: list[str]
    labels: IntArray
    strong_labels: IntArray
    suppressed: list[Suppression]
    stats: LinkStats
    weights: WeightTable
    hub: HubRule
    engine: str
    seed: int

    def partition(self) -> dict[str, str]:
        """report id -> id of the smallest report in its network (for comparisons)."""
        ids = self.report_ids
        return {ids[i]: ids[int(lab)] for i, lab in enumerate(self.labels.tolist())}


def cluster_observations(table: ObservationTable, *, weights: WeightTable | None = None,
                         allowlist: Allowlist | None = None, hub: HubRule | None = None,
                         engine: Engine | None = None, seed: int = DEFAULT_SEED) -> LinkResult:
    """Partition the reports of ``table`` into networks (see module docs)."""
    weights = weights or WeightTable()
    allowlist = load_allowlist() if allowlist is None else allowlist
    hub = hub or HubRule()
    if engine is None:
        from scamnet.engines.local import LocalEngine

        engine = LocalEngine()
    stats = LinkStats(observations=len(table))
    clock = _Clock(stats.timings)

    reports = table.all_reports()
    n_rep = len(reports)
    stats.reports = n_rep
    rep, ind, ind_kind, ind_value, kind_names = _factorise(table, reports, weights, stats)
    clock.lap("factorise")

    kind_w = np.array([weights.weight(k) for k in kind_names], dtype=np.float64)
    kind_strong = np.array([weights.is_strong(k) for k in kind_names], dtype=bool)
    n_ind = len(ind_kind)
    stats.indicators = n_ind
    counts = np.bincount(ind, minlength=n_ind)
    suppressed_mask, suppressed = _suppress(counts, ind_kind, ind_value, kind_names, allowlist,
                                            hub, n_rep)
    clock.lap("suppress")

    strong_edge = kind_strong[ind_kind[ind]] & ~suppressed_mask[ind]
    strong_labels = engine.components(n_rep, rep[strong_edge], ind[strong_edge])
    clock.lap("components")
    bridges = find_bridges(strong_labels, rep[strong_edge], ind[strong_edge],
                           min_side=hub.bridge_min_side, max_share=hub.bridge_max_share)
    for i, parts in bridges:
        suppressed_mask[i] = True
        sides = " and ".join(f"{k} of {size}" for size, k in parts)
        suppressed.append(Suppression(
            kind_names[int(ind_kind[i])], ind_value[i], "bridge",
            f"only tie between groups that share nothing else; named by {sides} of their "
            "reports (a recycled number or handle, or a misread value)", int(counts[i])))
    clock.lap("bridges")
    if bridges:
        strong_edge &= ~suppressed_mask[ind]
        strong_labels = engine.components(n_rep, rep[strong_edge], ind[strong_edge])
        clock.lap("components_again")
    stats.strong_components = int(len(unique_sorted(strong_labels))) if n_rep else 0

    weak_edge = ~kind_strong[ind_kind[ind]] & ~suppressed_mask[ind]
    kind_corr = np.array([k in CORRELATED_KINDS for k in kind_names] or [False], dtype=bool)
    labels, weak_supp = _merge_weak(strong_labels, rep[weak_edge], ind[weak_edge], ind_kind,
                                    ind_value, kind_names, kind_w, kind_corr, counts,
                                    weights.strong, hub,
                                    seed, stats)
    suppressed.extend(weak_supp)
    stats.suppressed = len(suppressed)
    clock.lap("weak_merge")

    if n_rep:
        uniq, sizes = np.unique(labels, return_counts=True)
        stats.networks = len(uniq)
        stats.linked_networks = int((sizes > 1).sum())
        stats.largest_network = int(sizes.max())
    suppressed.sort(key=lambda s: (-s.reports, s.kind, s.value))
    return LinkResult(reports, labels, strong_labels, suppressed, stats, weights, hub,
                      engine.name, seed)


class _Clock:
    def __init__(self, into: dict[str, float]) -> None:
        self._into = into
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self._into[name] = now - self._t
        self._t = now


def _factorise(table: ObservationTable, reports: list[str], weights: WeightTable,
               stats: LinkStats) -> tuple[IntArray, IntArray, IntArray, list[str], list[str]]:
    """Deduplicated (report, indicator) pairs of linkable observations, sorted by indicator."""
    n = len(table)
    kind_codes: dict[str, int] = {}
    kinds = np.fromiter((kind_codes.setdefault(k, len(kind_codes)) for k in table.kind),
                        dtype=np.int64, count=n)
    kind_names = list(kind_codes)
    linkable = np.array([weights.links(k) for k in kind_names] or [False], dtype=bool)
    valid = np.fromiter((bool(v) for v in table.valid), dtype=bool, count=n)
    keep = valid & linkable[kinds] if n else valid
    stats.invalid = int((~valid).sum())
    stats.zero_weight = int((valid & ~keep).sum())
    position = {r: i for i, r in enumerate(reports)}
    rids, values = table.report_id, table.value
    # Factorise values kind by kind: no (kind, value) tuple per observation.
    rep_parts: list[IntArray] = []
    ind_parts: list[IntArray] = []
    ind_kind_parts: list[IntArray] = []
    ind_value: list[str] = []
    for kc in range(len(kind_names)):
        idx = np.flatnonzero(keep & (kinds == kc)).tolist()
        if not idx:
            continue
        codes: dict[str, int] = {}
        offset = len(ind_value)
        ind_parts.append(np.fromiter(
            (codes.setdefault(values[i], len(codes)) for i in idx), dtype=np.int64,
            count=len(idx)) + offset)
        rep_parts.append(np.fromiter((position[rids[i]] for i in idx), dtype=np.int64,
                                     count=len(idx)))
        ind_value.extend(codes)
        ind_kind_parts.append(np.full(len(codes), kc, dtype=np.int64))
    n_rep = max(len(reports), 1)
    if ind_parts:
        pair = unique_sorted(np.concatenate(ind_parts) * n_rep + np.concatenate(rep_parts))
        ind_kind = np.concatenate(ind_kind_parts)
    else:
        pair = np.zeros(0, dtype=np.int64)
        ind_kind = np.zeros(0, dtype=np.int64)
    stats.pairs = len(pair)
    return pair % n_rep, pair // n_rep, ind_kind, ind_value, kind_names


def _suppress(counts: IntArray, ind_kind: IntArray, ind_value: list[str], kind_names: list[str],
              allowlist: Allowlist, hub: HubRule,
              n_rep: int) -> tuple[NDArray[np.bool_], list[Suppression]]:
    mask = np.zeros(len(ind_kind), dtype=bool)
    out: list[Suppression] = []
    listed_kinds = {k for k, _ in allowlist.exact}
    if allowlist.suffix:
        listed_kinds |= {"domain", "url"}
    check = np.isin(ind_kind, [i for i, k in enumerate(kind_names) if k in listed_kinds])
    for i in np.flatnonzero(check).tolist():
        kind = kind_names[int(ind_kind[i])]
        entry = allowlist.lookup(kind, ind_value[i])
        if entry is not None:
            mask[i] = True
            out.append(Suppression(kind, ind_value[i], "allowlist",
                                   f"{entry.reason} ({entry.value}, {entry.source})",
                                   int(counts[i])))
    limit = hub.limit(n_rep)
    for i in np.flatnonzero((counts > limit) & ~mask).tolist():
        mask[i] = True
        share = counts[i] / n_rep
        out.append(Suppression(kind_names[int(ind_kind[i])], ind_value[i], "hub",
                               f"named in {int(counts[i])} of {n_rep} reports ({share:.1%}); "
                               f"more than {limit} (share {hub.share:.0%}, minimum "
                               f"{hub.min_reports}) is treated as shared infrastructure",
                               int(counts[i])))
    return mask, out


def _merge_weak(strong_labels: IntArray, rep: IntArray, ind: IntArray, ind_kind: IntArray,
                ind_value: list[str], kind_names: list[str], kind_w: NDArray[np.float64],
                kind_corr: NDArray[np.bool_], counts: IntArray, threshold: float,
                hub: HubRule, seed: int,
                stats: LinkStats) -> tuple[IntArray, list[Suppression]]:
    """Merge strong components whose weak evidence passes ``threshold`` (Leiden CPM)."""
    n_rep = len(strong_labels)
    if len(rep) == 0 or n_rep == 0:
        return strong_labels.copy(), []
    comp = strong_labels[rep]
    key = unique_sorted(ind * n_rep + comp)
    g_ind, g_comp = key // n_rep, key % n_rep
    starts = np.flatnonzero(np.r_[True, g_ind[1:] != g_ind[:-1]])
    sizes = np.diff(np.r_[starts, len(g_ind)])
    supp: list[Suppression] = []
    big = sizes > hub.max_weak_groups
    for s, n_groups in zip(starts[big].tolist(), sizes[big].tolist(), strict=True):
        i = int(g_ind[s])
        supp.append(Suppression(kind_names[int(ind_kind[i])], ind_value[i], "weak-hub",
                                f"weak indicator shared by {n_groups} otherwise unlinked groups "
                                f"(more than {hub.max_weak_groups}) carries no evidence",
                                int(counts[i])))
    # Weak edges between components: each shared weak indicator adds its weight
    # once to every pair of components naming it (groups are sorted by label).
    a_parts: list[IntArray] = []
    b_parts: list[IntArray] = []
    k_parts: list[IntArray] = []
    for size in unique_sorted(sizes[(sizes >= 2) & (sizes <= hub.max_weak_groups)]).tolist():
        first = starts[sizes == size]
        members = g_comp[first[:, None] + np.arange(size)[None, :]]
        k = ind_kind[g_ind[first]]
        for i, j in combinations(range(size), 2):
            a_parts.append(members[:, i])
            b_parts.append(members[:, j])
            k_parts.append(k)
    if not a_parts:
        return strong_labels.copy(), supp
    pair = np.concatenate(a_parts) * n_rep + np.concatenate(b_parts)
    kinds = np.concatenate(k_parts)
    # Correlated kinds (script templates: one playbook yields many) count once
    # per pair of components, however many of their values the pair shares.
    corr = kind_corr[kinds]
    n_k = len(kind_w)
    once = unique_sorted(pair[corr] * n_k + kinds[corr])
    all_pairs = np.r_[pair[~corr], once // n_k]
    all_w = np.r_[kind_w[kinds[~corr]], kind_w[once % n_k]]
    edge_key, inverse = np.unique(all_pairs, return_inverse=True)
    edge_w = np.bincount(inverse, weights=all_w).astype(np.float64)
    ea, eb = edge_key // n_rep, edge_key % n_rep
    stats.weak_edges = len(edge_key)

    nodes, local = np.unique(np.r_[ea, eb], return_inverse=True)
    la_, lb_ = local[:len(ea)], local[len(ea):]
    membership = _leiden(len(nodes), la_, lb_, edge_w, threshold, seed)
    # Name each community by its smallest component label (= smallest report).
    community_min = np.full(int(membership.max()) + 1, n_rep, dtype=np.int64)
    np.minimum.at(community_min, membership, nodes)
    remap = np.arange(n_rep, dtype=np.int64)
    remap[nodes] = community_min[membership]
    out: IntArray = remap[strong_labels]
    return out, supp


def _leiden(n: int, a: IntArray, b: IntArray, w: NDArray[np.float64], threshold: float,
            seed: int) -> IntArray:
    import igraph as ig
    import leidenalg

    graph = ig.Graph(n=n, edges=np.column_stack([a, b]).tolist())
    # CPM with node size 1: joining k groups pays threshold per pair, so two
    # groups merge when their summed weak weight reaches the threshold; the tiny
    # epsilon makes "reaches" inclusive.
    part = leidenalg.find_partition(graph, leidenalg.CPMVertexPartition, weights=w.tolist(),
                                    resolution_parameter=threshold - 1e-9, seed=seed,
                                    n_iterations=-1)
    return np.asarray(part.membership, dtype=np.int64)
