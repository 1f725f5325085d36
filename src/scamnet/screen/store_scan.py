"""Screen the store's own infrastructure against the loaded lists.

The question an investigator asks after `scamnet link`: which wallets, phones,
domains or IBANs that my victims reported are already on a sanctions list,
and in which network? Every valid stored indicator of those kinds is looked up
by exact key (the same chain-aware, normalized keys as ``scamnet screen
--wallet``); each hit names the reports and the active networks that hold it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scamnet.errors import InvalidInputError
from scamnet.screen.index import Match, ScreeningIndex
from scamnet.screen.snapshots import network_of_reports
from scamnet.store.store import Store

__all__ = ["StoreHit", "screen_store"]

#: Indicator kinds the lists carry as identifiers.
SCREENED_KINDS = ("wallet", "phone", "domain", "iban")


@dataclass(frozen=True)
class StoreHit:
    """A stored indicator found on a list: where it was reported, and the list entry."""

    kind: str
    value: str
    reports: tuple[str, ...]
    networks: tuple[str, ...]
    match: Match

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "value": self.value, "reports": list(self.reports),
                "networks": list(self.networks), "match": self.match.to_json()}


def screen_store(store: Store, index: ScreeningIndex,
                 kinds: Iterable[str] = SCREENED_KINDS) -> list[StoreHit]:
    """Every valid stored indicator of ``kinds`` that an entity of ``index`` lists.

    Sorted by the number of reports naming it, most first. The index should
    hold only the lists to check (``load_index(store, lists, sources=[])``):
    the store's own watchlists would find every indicator in itself.
    """
    found: dict[tuple[str, str], list[Match]] = {}
    for kind in kinds:
        for row in store.indicator_counts(kind):
            if not row.valid:
                continue
            try:
                matches = index.search_exact(kind, row.value)
            except InvalidInputError:
                continue  # stored valid, but not a key the lists use (e.g. a bare host)
            if matches:
                found[(kind, row.value)] = matches
    if not found:
        return []
    reports: dict[tuple[str, str], set[str]] = {key: set() for key in found}
    for obs in store.observations():
        key = (obs.kind, obs.value)
        if obs.valid and key in reports:
            reports[key].add(obs.report_id)
    network_of = network_of_reports(store)
    hits: list[StoreHit] = []
    for key, matches in found.items():
        rids = tuple(sorted(reports[key]))
        nets = tuple(sorted({network_of[r] for r in rids if r in network_of}))
        hits.extend(StoreHit(key[0], key[1], rids, nets, m) for m in matches)
    return sorted(hits, key=lambda h: (-len(h.reports), h.kind, h.value, h.match.entity_id))
