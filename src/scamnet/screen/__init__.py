"""Screening: names, wallets, phones, domains and IBANs against sanctions lists and watchlists.

Flow: a loader turns a list file into :class:`ListEntity` records (and
quarantined rows); :func:`save_snapshot` keeps them as a versioned snapshot in
the store; :func:`load_index` builds a :class:`ScreeningIndex` from the newest
snapshots and the store's own reports; :func:`screen_name`,
:func:`screen_identifier` and :func:`screen_batch` answer queries with
:class:`Match` records that explain themselves. See docs/screening.md.

Names are imported lazily: importing one submodule (the CLI does) should not
pay for followthemoney and the matcher's libraries.
"""

from __future__ import annotations

from typing import Any

from scamnet.exports import lazy_attribute

__all__ = [
    "DEFAULT_THRESHOLD",
    "FORMATS",
    "WATCHLIST_SOURCES",
    "BatchResult",
    "Feature",
    "Identifier",
    "ListDiff",
    "ListEntity",
    "LoadResult",
    "Match",
    "Matcher",
    "NameForm",
    "NameMatcher",
    "Query",
    "ScreeningIndex",
    "SnapshotInfo",
    "Wallet",
    "analyze_name",
    "detect_format",
    "diff_snapshots",
    "list_snapshots",
    "load_ftm_json",
    "load_index",
    "load_list",
    "load_sdn_advanced_xml",
    "load_sdn_csv",
    "load_sdn_xml",
    "load_watchlist_csv",
    "read_batch",
    "reports_watchlist",
    "save_snapshot",
    "screen_batch",
    "screen_identifier",
    "screen_name",
    "snapshot_entities",
]

_WHERE = {
    "DEFAULT_THRESHOLD": "screening",
    "FORMATS": "watchlist",
    "WATCHLIST_SOURCES": "snapshots",
    "BatchResult": "screening",
    "Feature": "matcher",
    "Identifier": "entities",
    "ListDiff": "snapshots",
    "ListEntity": "entities",
    "LoadResult": "entities",
    "Match": "index",
    "Matcher": "matcher",
    "NameForm": "names",
    "NameMatcher": "matcher",
    "Query": "matcher",
    "ScreeningIndex": "index",
    "SnapshotInfo": "snapshots",
    "Wallet": "entities",
    "analyze_name": "names",
    "detect_format": "watchlist",
    "diff_snapshots": "snapshots",
    "list_snapshots": "snapshots",
    "load_ftm_json": "ftm",
    "load_index": "snapshots",
    "load_list": "watchlist",
    "load_sdn_advanced_xml": "ofac_advanced",
    "load_sdn_csv": "ofac",
    "load_sdn_xml": "ofac",
    "load_watchlist_csv": "watchlist",
    "read_batch": "screening",
    "reports_watchlist": "snapshots",
    "save_snapshot": "snapshots",
    "screen_batch": "screening",
    "screen_identifier": "screening",
    "screen_name": "screening",
    "snapshot_entities": "snapshots",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _WHERE, name)
