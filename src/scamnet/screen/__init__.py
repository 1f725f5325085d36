"""Screening: names, wallets, phones, domains and IBANs against sanctions lists and watchlists.

Flow: a loader turns a list file into :class:`ListEntity` records (and
quarantined rows); :func:`save_snapshot` keeps them as a versioned snapshot in
the store; :func:`load_index` builds a :class:`ScreeningIndex` from the newest
snapshots and the store's own reports; :func:`screen_name`,
:func:`screen_identifier` and :func:`screen_batch` answer queries with
:class:`Match` records that explain themselves. See docs/screening.md.
"""

from __future__ import annotations

from scamnet.screen.entities import Identifier, ListEntity, LoadResult, Wallet
from scamnet.screen.ftm import load_ftm_json
from scamnet.screen.index import Match, ScreeningIndex
from scamnet.screen.matcher import Feature, Matcher, NameMatcher, Query
from scamnet.screen.names import NameForm, analyze_name
from scamnet.screen.ofac import load_sdn_csv, load_sdn_xml
from scamnet.screen.ofac_advanced import load_sdn_advanced_xml
from scamnet.screen.screening import (
    DEFAULT_THRESHOLD,
    BatchResult,
    read_batch,
    screen_batch,
    screen_identifier,
    screen_name,
)
from scamnet.screen.snapshots import (
    WATCHLIST_SOURCES,
    ListDiff,
    SnapshotInfo,
    diff_snapshots,
    list_snapshots,
    load_index,
    reports_watchlist,
    save_snapshot,
    snapshot_entities,
)
from scamnet.screen.watchlist import FORMATS, detect_format, load_list, load_watchlist_csv

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
