from __future__ import annotations

from sqlalchemy import func, select

from scamnet.analyze import tables as t
from scamnet.analyze.runs import analyze_store, summarize_analysis
from scamnet.model.records import Evidence, Message, Report, ReportKind
from scamnet.store.store import Batch, Store

PITCH = ("My uncle is an analyst at a crypto fund, I made {n} USDT this week on {site}, "
         "open an account and I will teach you")


def _batch(i: int, reports: list[Report]) -> Batch:
    ev = Evidence.of(f"evidence {i}".encode(), f"chat{i}.txt", "transcript")
    return Batch(ev, [Report(r.id, r.kind, ev.sha256, r.narrative, r.messages)
                      for r in reports])


def _chat(rid: str, n: int, site: str) -> Report:
    return Report(rid, ReportKind.CHAT, "", messages=(
        Message(0, "Hi Linda? Oh sorry, wrong number! Nice to meet you anyway."),
        Message(1, PITCH.format(n=n, site=site)),
        Message(2, "I transferred 5000 USDT to the wallet address from customer service."),
        Message(3, "I want to withdraw but my account is frozen, they ask 20% tax first."),
    ))


def test_analyze_store_and_summary(store: Store) -> None:
    assert summarize_analysis(store)["runs"] == 0
    store.write_batch(_batch(1, [_chat("c1", 3000, "bitvex.com"),
                                 _chat("c2", 12500, "coinmax.net")]))
    store.write_batch(_batch(2, [Report("v1", ReportKind.VICTIM_REPORT, "",
                                        narrative="Lunch with my sister was nice. "
                                                  "We talked about the weather.")]))
    seen: list[int] = []
    run = analyze_store(store, progress=seen.append, batch_size=2)
    assert run.reports == 3 and sum(seen) == 3
    assert run.templates == 4  # all four messages of c1 reappear in c2
    summary = summarize_analysis(store)
    assert summary["reports"] == 3
    assert summary["by_stage"].get("withdrawal_blocked") == 2
    assert summary["templates"][0]["n_reports"] == 2
    assert summary["models"]["classifier"] and summary["models"]["classifier_version"]
    # Report risk is calibrated: the run names the calibrator that did it.
    from scamnet.analyze.report_risk import default_report_calibrator
    cal = default_report_calibrator()
    assert (summary["models"]["report_risk"], summary["models"]["report_risk_version"]) == (
        cal.name, cal.version)
    with store.begin() as conn:
        rows = {r.report_id: r for r in conn.execute(select(t.analysis_reports))}
        n_msgs = conn.execute(select(func.count()).select_from(t.analysis_messages)).scalar_one()
    assert rows["c1"].is_scam and rows["c1"].risk >= 50 and rows["c1"].turned_to_money_at == 1
    assert not rows["v1"].is_scam
    assert rows["c1"].model and rows["c1"].model_version and rows["c1"].stage_model_version
    assert n_msgs == 8 + 1
    # A second run replaces the results instead of duplicating them.
    analyze_store(store)
    assert summarize_analysis(store)["reports"] == 3
    assert summarize_analysis(store)["runs"] == 2
