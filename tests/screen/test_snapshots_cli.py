"""List snapshots in the store (every backend), diffs, the reports watchlist, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scamnet.cli import main
from scamnet.errors import InvalidInputError, NotFoundError
from scamnet.model.indicators import Indicator
from scamnet.model.records import Evidence, Observation, Report, ReportKind
from scamnet.screen.entities import ListEntity, LoadResult
from scamnet.screen.ofac import load_sdn_csv
from scamnet.screen.screening import screen_identifier
from scamnet.screen.snapshots import (
    diff_snapshots,
    list_snapshots,
    load_index,
    reports_watchlist,
    save_snapshot,
    snapshot_entities,
)
from scamnet.store.store import Batch, ObservationRow, Store

FIX = Path(__file__).parent / "fixtures"


def _result(*entities: ListEntity) -> LoadResult:
    return LoadResult(list(entities), [], "csv")


def test_snapshots_and_diff(store: Store) -> None:
    a = ListEntity("w-1", "Person", "LEI, Bo")
    b = ListEntity("w-2", "Company", "SUNRISE LTD")
    c = ListEntity("w-3", "Person", "CHEN, Zhi")
    v1 = save_snapshot(store, "watch", _result(a, b), source_path="v1.csv", data=b"1")
    b2 = ListEntity("w-2", "Company", "SUNRISE LTD", aliases=("SUNRISE CO",))
    v2 = save_snapshot(store, "watch", _result(b2, c), source_path="v2.csv", data=b"2")
    assert (v1.version, v2.version) == (1, 2)
    assert [s.version for s in list_snapshots(store, "watch")] == [1, 2]
    assert [e.id for e in snapshot_entities(store, "watch")] == ["w-2", "w-3"]
    assert [e.id for e in snapshot_entities(store, "watch", 1)] == ["w-1", "w-2"]
    diff = diff_snapshots(store, "watch")
    assert [e.id for e in diff.added] == ["w-3"]
    assert [e.id for e in diff.removed] == ["w-1"]
    assert [new.id for _, new in diff.changed] == ["w-2"]
    assert diff.to_json()["changed"][0]["fields"] == ["aliases"]
    first = diff_snapshots(store, "watch", new=1)
    assert first.old_version is None and len(first.added) == 2
    with pytest.raises(NotFoundError):
        diff_snapshots(store, "nope")
    with pytest.raises(InvalidInputError):
        save_snapshot(store, "watch", LoadResult(), source_path="empty.csv", data=b"")


def test_quarantine_stored_with_snapshot(store: Store) -> None:
    data = (FIX / "sdn_slice.csv").read_bytes()
    res = load_sdn_csv(data, "sdn_slice.csv")
    info = save_snapshot(store, "ofac", res, source_path="sdn_slice.csv", data=data)
    assert info.quarantined_count == 1 and info.entity_count == 11
    index = load_index(store)
    assert screen_identifier(index, "wallet", "0x12de548f79a50d2bd05481c8515c1ef5183666a9")


def _store_report(store: Store) -> None:
    ev = Evidence.of(b"report", "r.txt", "text")
    report = Report("r-1", ReportKind.VICTIM_REPORT, ev.sha256, narrative="pay to TR7N…")
    ind = Indicator("wallet", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TR7N", 0, 4)
    dom = Indicator("domain", "trade-bitkub.vip", "trade-bitkub.vip", 0, 16)
    store.write_batch(Batch(ev, [report], [Observation("r-1", "narrative", None, ind),
                                           Observation("r-1", "narrative", None, dom)]))


def test_reports_are_a_watchlist(store: Store) -> None:
    _store_report(store)
    index = load_index(store)
    (hit,) = screen_identifier(index, "wallet", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    assert hit.list == "store:reports" and "r-1" in hit.name
    assert screen_identifier(index, "domain", "https://www.trade-bitkub.vip/x")[0].list == \
        "store:reports"


def test_reports_watchlist_pure() -> None:
    rows = [ObservationRow("r-1", "phone", "+66812345678", True),
            ObservationRow("r-2", "phone", "+66812345678", True),
            ObservationRow("r-3", "phone", "+66800000000", False),
            ObservationRow("r-4", "url", "https://a.b.example.com/x", True)]
    ents = {e.id: e for e in reports_watchlist(rows)}
    assert set(ents) == {"reports:phone:+66812345678", "reports:domain:example.com"}
    assert "r-1, r-2" in ents["reports:phone:+66812345678"].name
    named = {e.id: e for e in reports_watchlist(rows, {"r-1": "net-aaa", "r-2": "net-aaa"})}
    assert "in network net-aaa (2 report(s)" in named["reports:phone:+66812345678"].name
    assert "network" not in named["reports:domain:example.com"].name


def test_cli_lists_and_screen(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    out = runner.invoke(main, ["--db", db, "lists", "load", str(FIX / "sdn_slice.csv"),
                               "--name", "ofac", "--json"])
    assert out.exit_code == 0, out.output
    loaded = json.loads(out.output)
    assert loaded["entities"] == 11 and loaded["quarantine"][0]["line"] == 7
    out = runner.invoke(main, ["--db", db, "lists", "load", str(FIX / "sdn_classic.xml"),
                               "--name", "ofac"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, ["--db", db, "lists", "--json"])
    assert json.loads(out.output)[0]["version"] == 2
    out = runner.invoke(main, ["--db", db, "lists", "diff", "ofac", "--json"])
    diff = json.loads(out.output)
    assert diff["old_version"] == 1 and diff["new_version"] == 2
    assert {e["entity_id"] for e in diff["changed"]} == {"ofac-55505", "ofac-55939", "ofac-55046"}
    out = runner.invoke(main, ["--db", db, "screen", "陈志", "--json"])
    assert out.exit_code == 0, out.output
    matches = json.loads(out.output)
    assert matches[0]["entity_id"] == "ofac-55505" and matches[0]["list"] == "ofac"
    assert {"entity_id", "name", "matched_name", "list", "score", "explanation"} <= set(matches[0])
    out = runner.invoke(main, ["--db", db, "screen", "--wallet",
                               "0x12DE548F79A50D2BD05481C8515C1EF5183666A9", "--json"])
    assert json.loads(out.output)[0]["kind"] == "wallet"
    out = runner.invoke(main, ["--db", db, "screen", ""])
    assert out.exit_code == 2 and "empty" in out.output
    batch = tmp_path / "b.csv"
    batch.write_text("name,phone\nChen Zhi,\n,12\n", encoding="utf-8")
    out = runner.invoke(main, ["--db", db, "screen", "--batch", str(batch), "--json"])
    lines = [json.loads(line) for line in out.output.splitlines()]
    assert lines[0]["matches"][0]["entity_id"] == "ofac-55505" and lines[1]["errors"]
    out = runner.invoke(main, ["--db", db, "lists", "diff", "missing"])
    assert out.exit_code == 3
    out = runner.invoke(main, ["--db", db, "lists", "load", str(tmp_path / "nope.csv"),
                               "--name", "x"])
    assert out.exit_code == 2 and "cannot read" in out.output


def test_cli_screen_store_names_reports_and_networks(tmp_path: Path) -> None:
    """`scamnet screen --store`: the store's own wallets found on a loaded list."""
    db = str(tmp_path / "s.db")
    wallet = "0x12DE548F79A50D2BD05481C8515C1EF5183666A9"  # on the fixture list
    reports = tmp_path / "r.jsonl"
    reports.write_text("\n".join(json.dumps({
        "id": rid, "reported_at": "2025-01-0" + rid[-1], "narrative": f"I sent 500 USDT to {w}"})
        for rid, w in [("r1", wallet.lower()), ("r2", wallet),
                       ("r3", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(reports)]).exit_code == 0
    assert runner.invoke(main, ["--db", db, "link"]).exit_code == 0
    out = runner.invoke(main, ["--db", db, "screen", "--store", "--json"])
    assert out.exit_code == 0, out.output
    assert out.output.strip() == "", "no list loaded yet: nothing can be a hit"
    runner.invoke(main, ["--db", db, "lists", "load", str(FIX / "sdn_slice.csv"), "--name", "ofac"])
    out = runner.invoke(main, ["--db", db, "screen", "--store", "--json"])
    (hit,) = [json.loads(line) for line in out.output.splitlines()]
    assert hit["kind"] == "wallet" and hit["reports"] == ["r1", "r2"]
    assert hit["match"]["list"] == "ofac" and len(hit["networks"]) == 1
    out = runner.invoke(main, ["--db", db, "screen", "--store"])
    assert "r1" not in out.output and "ofac" in out.output
