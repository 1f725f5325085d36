"""Screening the store's own indicators against a loaded list."""

from __future__ import annotations

from scamnet.link import link
from scamnet.model.indicators import Indicator
from scamnet.model.records import Evidence, Observation, Report, ReportKind
from scamnet.screen.snapshots import load_index, save_snapshot
from scamnet.screen.store_scan import screen_store
from scamnet.screen.watchlist import load_watchlist_csv
from scamnet.store.store import Batch, Store

LISTED = "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL"
OTHER = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
WATCHLIST = (f"id,name,type,wallet,phone\n"
             f"w1,Golden Shell Co,company,{LISTED},\n"
             f"w2,Kim Lee,person,,+85512345678\n").encode()


def _add(store: Store, reports: dict[str, list[tuple[str, str, bool]]]) -> None:
    ev = Evidence.of(repr(reports).encode(), "r.jsonl", "test")
    batch = Batch(ev)
    for rid, inds in reports.items():
        batch.reports.append(Report(id=rid, kind=ReportKind.VICTIM_REPORT,
                                    evidence_sha256=ev.sha256, narrative=rid))
        for kind, value, valid in inds:
            batch.observations.append(Observation(rid, "narrative", None, Indicator(
                kind, value, value, 0, len(value), valid)))
    store.write_batch(batch)


def test_listed_indicators_name_their_reports_and_networks(store: Store) -> None:
    _add(store, {
        "r1": [("wallet", LISTED, True), ("phone", "+66811111111", True)],
        "r2": [("wallet", LISTED, True)],
        "r3": [("phone", "+85512345678", True), ("wallet", OTHER, True)],
        "r4": [("phone", "+85512345678", False)],  # invalid observations never screen
    })
    result = load_watchlist_csv(WATCHLIST, "watch.csv")
    save_snapshot(store, "watch", result, source_path="watch.csv", data=WATCHLIST)
    link(store)
    hits = screen_store(store, load_index(store, ["watch"], sources=[]))
    assert [(h.kind, h.value, h.reports) for h in hits] == [
        ("wallet", LISTED, ("r1", "r2")), ("phone", "+85512345678", ("r3",))]
    assert hits[0].match.name == "Golden Shell Co" and hits[0].match.score == 1.0
    assert len(hits[0].networks) == 1  # r1 and r2 share the wallet: one network
    # r3 shares nothing valid with r1/r2 (r4's copy of the phone failed its check).
    assert len(hits[1].networks) == 1 and hits[1].networks != hits[0].networks
    assert hits[0].to_json()["reports"] == ["r1", "r2"]


def test_nothing_listed_gives_no_hits(store: Store) -> None:
    _add(store, {"r1": [("wallet", OTHER, True)]})
    result = load_watchlist_csv(WATCHLIST, "watch.csv")
    save_snapshot(store, "watch", result, source_path="watch.csv", data=WATCHLIST)
    assert screen_store(store, load_index(store, ["watch"], sources=[])) == []
