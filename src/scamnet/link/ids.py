"""Stable network ids: kept across runs, additions and engines.

A network that has never been seen gets an id derived from its content — a
digest of its smallest report id — so the same input gives the same ids on
every engine and machine. When a run sees reports that already had a network
(a persisted assignment), ids are carried over:

- each old id goes to the new network holding most of its old reports (ties:
  the smaller new network label);
- a new network holding several old ids keeps the one with most of its
  reports (ties: the smallest id); the others are recorded as ``merged`` into
  it;
- an old network whose reports now sit in several networks keeps its id on the
  biggest part; the other parts get fresh ids and a ``split`` event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from scamnet.link.cluster import LinkResult
from scamnet.link.sorting import unique_sorted

__all__ = ["NetworkEvent", "NetworkIds", "assign_ids", "content_id"]

_PREFIX = "net-"


def content_id(anchor_report_id: str, taken: Iterable[str] = ()) -> str:
    """The id of a new network whose smallest report id is ``anchor_report_id``.

    ``taken`` holds ids already in use; on the (unlikely) digest collision a
    numeric suffix is added so ids stay unique.
    """
    base = _PREFIX + hashlib.blake2b(anchor_report_id.encode(), digest_size=6).hexdigest()
    used = taken if isinstance(taken, set | frozenset | dict) else set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


@dataclass(frozen=True)
class NetworkEvent:
    """A change of network identity: ``merged`` (``network_id`` merged into
    ``other``) or ``split`` (``network_id`` split off from ``other``)."""

    kind: str
    network_id: str
    other: str
    reports: int

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "network_id": self.network_id, "other": self.other,
                "reports": self.reports}


@dataclass
class NetworkIds:
    """Network id per result label, with the merge/split events of this run."""

    by_label: dict[int, str]
    events: list[NetworkEvent]
    new: set[str]

    def network_of(self, result: LinkResult) -> list[str]:
        """Network id of each report of ``result``, in report order."""
        by = self.by_label
        return [by[lab] for lab in result.labels.tolist()]


def assign_ids(result: LinkResult, previous: Mapping[str, str] | None = None,
               retired: Iterable[str] = ()) -> NetworkIds:
    """Give every network of ``result`` an id, keeping ``previous`` (report id ->
    network id) where possible; ``retired`` ids (merged away earlier) are never reused."""
    previous = previous or {}
    labels = result.labels
    ids = result.report_ids
    taken: set[str] = set(previous.values()) | set(retired)
    by_label: dict[int, str] = {}
    events: list[NetworkEvent] = []
    new: set[str] = set()

    # Overlap of each (new label, old id): vectorised over reports, then a loop
    # over the distinct pairs only.
    claims: list[tuple[int, str, int]] = []
    if previous:
        old_codes: dict[str, int] = {}
        code = np.fromiter((old_codes.setdefault(previous[r], len(old_codes))
                            if r in previous else -1 for r in ids),
                           dtype=np.int64, count=len(ids))
        old_names = list(old_codes)
        has = code >= 0
        key = labels[has] * (len(old_names) + 1) + code[has]
        uniq, cnt = np.unique(key, return_counts=True)
        for k, c in zip(uniq.tolist(), cnt.tolist(), strict=True):
            lab, oc = divmod(k, len(old_names) + 1)
            claims.append((lab, old_names[oc], c))
    claims.sort(key=lambda t: (-t[2], t[1], t[0]))
    owner: dict[str, int] = {}
    kept_by: dict[int, tuple[str, int]] = {}
    for lab, old, c in claims:
        if old in owner or lab in kept_by:
            continue
        owner[old] = lab
        kept_by[lab] = (old, c)
    for lab, (old, _c) in kept_by.items():
        by_label[lab] = old
    # Every label without an id yet gets a content id, in label order.
    for lab in unique_sorted(labels).tolist():
        if lab in by_label:
            continue
        nid = content_id(ids[lab], taken)
        taken.add(nid)
        by_label[lab] = nid
        new.add(nid)
    merged: set[str] = set()
    for lab, old, c in claims:  # biggest overlap first
        if kept_by.get(lab, ("", 0))[0] == old:
            continue
        if old not in owner:
            if old not in merged:
                merged.add(old)
                events.append(NetworkEvent("merged", old, by_label[lab], c))
        else:
            events.append(NetworkEvent("split", by_label[lab], old, c))
    events.sort(key=lambda e: (e.kind, e.network_id, e.other))
    return NetworkIds(by_label, events, new)
