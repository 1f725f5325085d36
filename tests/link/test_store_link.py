"""Linking against the store (SQLite, and PostgreSQL when SCAMNET_TEST_PG_URL is set)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from link_data import add
from sqlalchemy import select

from scamnet.errors import NotFoundError
from scamnet.link import (
    WeightTable,
    attach_reports,
    content_id,
    link,
    list_networks,
    summarize_network,
)
from scamnet.link.tables import link_events, link_networks
from scamnet.store.store import Store


def test_empty_store_gives_a_clear_message(store: Store) -> None:
    with pytest.raises(NotFoundError, match="run `scamnet link` first"):
        summarize_network(store, "net-nothing")
    run = link(store)
    assert run.message is not None and "no reports" in run.message
    assert list_networks(store) == []
    with pytest.raises(NotFoundError, match="no network with id 'net-nothing'"):
        summarize_network(store, "net-nothing")


def test_reports_without_indicators(store: Store) -> None:
    add(store, "a.jsonl", [("r1", []), ("r2", [])])
    run = link(store)
    assert run.message is not None and "no report has a usable indicator" in run.message
    assert run.result.stats.networks == 2 and list_networks(store) == []


def test_link_summary_and_why(store: Store) -> None:
    add(store, "a.jsonl", [
        ("r1", [("wallet", "TW1"), ("domain", "www.binance.com")]),
        ("r2", [("wallet", "TW1"), ("phone", "+66811111111")]),
        ("r3", [("phone", "+66811111111"), ("wallet", "BAD1")]),
        ("r4", [("domain", "www.binance.com")]),
    ])
    run = link(store)
    assert run.result.stats.linked_networks == 1
    (net,) = list_networks(store)
    assert net.reports == 3 and net.id == content_id("r1") and net.anchor_report == "r1"
    s = summarize_network(store, net.id)
    assert s.reports == 3 and s.victims == 3
    assert s.languages == {"th": 3} and s.countries == {"TH": 3}
    assert s.losses == {"USDT": Decimal("301.50")}
    assert s.first_seen is not None and s.first_seen.day == 1 and s.last_seen.day == 3
    why = {m.report_id: m.why for m in s.members}
    assert why["r1"] == ("r1",)
    assert why["r3"] == ("r1", "wallet:TW1", "r2", "phone:+66811111111", "r3")
    top = {(i.kind, i.value): i for i in s.top_indicators}
    assert top[("domain", "www.binance.com")].suppressed.startswith("allowlist")
    assert ("wallet", "BAD1") not in top  # invalid indicators are not counted
    data = s.to_json()
    assert data["members"][2]["why"][-1] == "r3" and data["losses"] == {"USDT": "301.5"}


def test_ids_stable_across_runs_and_merges_recorded(store: Store) -> None:
    add(store, "a.jsonl", [("b1", [("wallet", "W1")]), ("b2", [("wallet", "W1")]),
                           ("b3", [("wallet", "W1")]),
                           ("c1", [("phone", "+1")]), ("c2", [("phone", "+1")])])
    link(store)
    first = {n.anchor_report: n.id for n in list_networks(store)}
    assert link(store).ids.events == []
    assert {n.anchor_report: n.id for n in list_networks(store)} == first
    # A new report joining both networks: the bigger one's id survives.
    add(store, "b.jsonl", [("a0", [("wallet", "W1"), ("phone", "+1")])])
    run = link(store)
    (net,) = list_networks(store)
    assert net.id == first["b1"] and net.reports == 6
    assert [(e.kind, e.network_id, e.other) for e in run.ids.events] == [
        ("merged", first["c1"], first["b1"])]
    # The merged id still resolves, to the survivor.
    s = summarize_network(store, first["c1"])
    assert s.id == first["b1"] and s.requested_id == first["c1"]
    with store.begin() as conn:
        row = conn.execute(select(link_networks).where(link_networks.c.id == first["c1"])).one()
    assert row.status == "merged" and row.merged_into == first["b1"]


def test_attach_joins_merges_and_creates(store: Store) -> None:
    add(store, "a.jsonl", [("b1", [("wallet", "W1")]), ("b2", [("wallet", "W1")]),
                           ("b3", [("wallet", "W1")]),
                           ("c1", [("phone", "+1")]), ("c2", [("phone", "+1")])])
    link(store)
    before = {n.anchor_report: n.id for n in list_networks(store)}
    add(store, "b.jsonl", [("n1", [("wallet", "W1")]), ("n2", [("phone", "+9")]),
                           ("n3", [("phone", "+1"), ("wallet", "W1")]),
                           ("n4", [("domain", "www.binance.com")])])
    done = {a.report_id: a for a in attach_reports(store)}
    assert (done["n1"].how, done["n1"].network_id) == ("joined", before["b1"])
    assert done["n1"].via == ("wallet:W1",)
    assert done["n2"].how == "new" and done["n2"].network_id == content_id("n2")
    assert done["n3"].how == "merged" and done["n3"].merged == (before["c1"],)
    assert done["n4"].how == "new"  # an allowlisted domain links nothing
    (big,) = [n for n in list_networks(store) if n.reports > 1]
    assert big.id == before["b1"] and big.reports == 7
    with store.begin() as conn:
        kinds = [e.kind for e in conn.execute(select(link_events))]
    assert kinds == ["merged"]
    assert attach_reports(store) == []  # nothing left to attach
    # A later batch run agrees with the incremental result and keeps the ids.
    link(store)
    assert [(n.id, n.reports) for n in list_networks(store)] == [(before["b1"], 7)]


def test_attach_unknown_report(store: Store) -> None:
    with pytest.raises(NotFoundError, match="nope"):
        attach_reports(store, ["nope"])


def test_analysis_scripts_link_and_stages_show(store: Store) -> None:
    from scamnet.analyze.tables import analysis_reports, analysis_template_members

    add(store, "a.jsonl", [("s1", [("email", "boss@scam.example")]),
                           ("s2", [("email", "boss@scam.example")])])
    link(store)
    assert list_networks(store) == []  # one e-mail alone is weak evidence
    with store.begin() as conn:
        conn.execute(analysis_template_members.insert(), [
            {"template_id": "tpl-1", "report_id": r, "field": "narrative", "idx": 0}
            for r in ("s1", "s2")])
        conn.execute(analysis_reports.insert(), [{
            "report_id": r, "run_id": 1, "language": "en", "is_scam": True,
            "scam_type": "investment", "risk": 90, "p_scam": 0.9, "stage": stage,
            "reasons": [], "stage_evidence": [], "model": "m", "model_version": "1",
            "stage_model": "s", "stage_model_version": "1"} for r, stage in
            (("s1", "hook"), ("s2", "payment"))])
    run = link(store)
    assert run.result.stats.pairs == 4  # two e-mail and two script observations
    assert list_networks(store) == []  # e-mail 0.6 + one playbook 0.3 stay apart
    link(store, weights=WeightTable().with_overrides({"script": 0.4}))
    (net,) = list_networks(store)
    s = summarize_network(store, net.id)
    assert s.reports == 2 and s.stages == {"hook": 1, "payment": 1}
    assert "script:tpl-1" in s.members[1].why or "email:boss@scam.example" in s.members[1].why


def test_ten_thousand_report_network_summary_and_picture(store: Store) -> None:
    from scamnet.link.export import MAX_PICTURE_REPORTS, load_network_graph, render_html

    n = 10_000
    add(store, "big.jsonl", [(f"r{i:05d}", [("wallet", f"W{i}"), ("wallet", f"W{i + 1}")])
                             for i in range(n)])
    run = link(store)
    assert run.result.stats.largest_network == n
    (net,) = list_networks(store)
    s = summarize_network(store, net.id)
    assert s.reports == n and len(s.members) == n
    assert s.members[-1].why[0] == "r00000" and s.members[-1].why[-1] == f"r{n - 1:05d}"
    summary, graph = load_network_graph(store, net.id)
    page = render_html(graph, summary)
    assert f"first {MAX_PICTURE_REPORTS} of {n} reports" in page


def test_network_languages_fall_back_to_the_detected_language(store: Store) -> None:
    """Chats declare no language; after `scamnet analyze` the detected one is shown."""
    from scamnet.analyze.runs import analyze_store
    from scamnet.model.indicators import Indicator
    from scamnet.model.records import Evidence, Observation, Report, ReportKind
    from scamnet.store.store import Batch

    ev = Evidence.of(b"two chats", "chats.txt", "test")
    batch = Batch(ev)
    texts = {"c1": "โอนเงินไปที่กระเป๋า TW1 แล้วค่ะ ช่วยตรวจสอบให้ด้วยนะคะ ขอบคุณมากค่ะ",
             "c2": "Tôi đã chuyển tiền vào ví TW1 rồi, xin hãy kiểm tra giúp tôi nhé, cảm ơn"}
    for rid, text in texts.items():
        batch.reports.append(Report(id=rid, kind=ReportKind.CHAT, evidence_sha256=ev.sha256,
                                    narrative=text))
        batch.observations.append(Observation(rid, "narrative", None,
                                              Indicator("wallet", "TW1", "TW1", 0, 3)))
    store.write_batch(batch)
    link(store)
    (net,) = list_networks(store)
    assert summarize_network(store, net.id).languages == {"unknown": 2}
    analyze_store(store)
    s = summarize_network(store, net.id)
    assert s.languages == {"th": 1, "vi": 1}
    assert {m.report_id: m.language for m in s.members} == {"c1": "th", "c2": "vi"}
