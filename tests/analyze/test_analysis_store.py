from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from scamnet.analyze import tables as t
from scamnet.analyze.runs import analyze_store, summarize_analysis
from scamnet.cli import main
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
    # The cue model staged these chats; no rule overrode it.
    assert rows["c1"].stage_decided_by is None
    assert n_msgs == 8 + 1
    # A second run replaces the results instead of duplicating them.
    analyze_store(store)
    assert summarize_analysis(store)["reports"] == 3
    assert summarize_analysis(store)["runs"] == 2


def _results(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """Every stored analysis row, without the run that wrote it."""
    with store.begin() as conn:
        reports = sorted(tuple(v for k, v in row._mapping.items() if k != "run_id")
                         for row in conn.execute(select(t.analysis_reports)))
        messages = sorted(tuple(row) for row in conn.execute(select(t.analysis_messages)))
        templates = sorted((row.id, row.text, row.n_reports, row.n_members)
                           for row in conn.execute(select(t.analysis_templates)))
        members = sorted(tuple(row) for row in conn.execute(select(t.analysis_template_members)))
    return reports, messages, templates, members


def test_a_rerun_analyses_only_new_reports_and_stores_what_a_full_run_does(
        store: Store) -> None:
    """After a new ingest only the new reports are analysed (the sentence encoder is
    the cost); scripts are still matched against the kept reports' texts, and the
    stored results equal those of analysing everything again."""
    store.write_batch(_batch(1, [_chat("c1", 3000, "bitvex.com"),
                                 Report("v1", ReportKind.VICTIM_REPORT, "",
                                        narrative="Lunch with my sister was nice.")]))
    first = analyze_store(store)
    assert (first.reports, first.up_to_date, first.templates) == (2, 0, 0)
    store.write_batch(_batch(2, [_chat("c2", 12500, "coinmax.net")]))
    second = analyze_store(store)
    assert (second.reports, second.up_to_date) == (3, 2)
    assert second.templates == 4  # c2 repeats the kept c1's four messages
    assert second.by_stage.get("withdrawal_blocked") == 2
    incremental = _results(store)
    again = analyze_store(store, redo=True)
    assert again.up_to_date == 0 and again.by_type == second.by_type
    assert _results(store) == incremental


def test_reports_analysed_by_other_models_are_analysed_again(store: Store) -> None:
    store.write_batch(_batch(1, [_chat("c1", 3000, "bitvex.com")]))
    analyze_store(store)
    with store.begin() as conn:
        for row in conn.execute(select(t.analysis_runs)).all():
            models = {**row.models, "classifier_version": "0.0.1"}
            conn.execute(t.analysis_runs.update().where(t.analysis_runs.c.id == row.id)
                         .values(models=models))
    assert analyze_store(store).up_to_date == 0
    assert analyze_store(store).up_to_date == 1


def test_analyze_command_keeps_up_to_date_reports_unless_all(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(str(db)) as store:
        store.write_batch(_batch(1, [_chat("c1", 3000, "bitvex.com")]))
    runner = CliRunner()
    first = runner.invoke(main, ["--db", str(db), "analyze"])
    assert first.exit_code == 0, first.output
    assert "1 reports (1 analysed, 0 already up to date)" in first.stdout
    second = runner.invoke(main, ["--db", str(db), "analyze", "--json"])
    assert json.loads(second.stdout)["up_to_date"] == 1
    again = runner.invoke(main, ["--db", str(db), "analyze", "--all", "--json"])
    assert json.loads(again.stdout)["analysed"] == 1


_POLICE = (
    "This is officer Wang of the Shanghai Public Security Bureau. Your ID card was used to "
    "open an account for money laundering.",
    "You must cooperate with the investigation and keep it secret, or a warrant will be "
    "issued for your arrest today.",
    "Transfer your savings to the safe supervision account for verification, it will be "
    "returned after the case.",
)


def test_the_rule_that_decided_a_stage_is_stored(store: Store) -> None:
    # Police impersonation has no pig-butchering lifecycle: the report is at
    # contact because of its type, and the store says so. A strict expected
    # failure with stage models 2.5.0 and 2.6.0 (risk 47 and 34, not flagged);
    # flagged again since 2.7.0 with calibrator 00342b551809 (risk 58: the
    # opener reads as contact 0.58, docs/analysis.md, round 9); 60 with
    # 8001f03e8a73 (session 10), 70 with classifier 1.6.0 and 6e6bab2ed793;
    # with stage model 2.8.0 a strict expected failure again (risk 37: the
    # opener's best cue was none); 70 again with 2.9.0 and 312f28b35887;
    # with 2.10.0 and 712ad5ca605f a strict expected failure again (risk 39);
    # flagged with 2.11.0 and 5772d2cc9747 (risk 74: the opener shows contact);
    # with 2.12.0 and c42ed72a59a6 a strict expected failure again (risk 46:
    # no message shows a stage cue; the type model would call the chat
    # impersonation at 0.96, but it is not flagged: the same gap as the
    # impersonation chats of blind22 to blind25, docs/analysis.md); the same
    # with 2.13.0 and d2062b4fe5d9 (risk 47). Flagged again with classifier
    # 1.8.0 (centred calibration map) and bd0a53b63f86: risk 53, impersonation
    # at contact by type. It sits near the line (50) and has flipped with
    # nearly every model.
    _police_at_contact_by_type(store, _POLICE)


@pytest.mark.xfail(strict=True, reason=(
    "known error of stage models 2.12.0 and 2.13.0 with calibrators c42ed72a59a6, "
    "d2062b4fe5d9, bd0a53b63f86, 22ef0bf5ac73 and d3c497445b36: the chat is typed investment "
    "(with 2.12.0 0.52 against impersonation 0.46) at pressure (risk 97, 96, 97, 97 and 97, "
    "flagged)"))
def test_the_rule_that_decided_a_stage_is_stored_for_a_longer_threat(store: Store) -> None:
    # The same chat with one more threat: flagged by 2.6.0 (risk 93), 2.5.0 (90)
    # and 2.4.0 (88). Classifier 1.6.0 typed its second message ("...a warrant
    # will be issued for your arrest") as investment, and the chat as an
    # investment scam at pressure (a strict expected failure); with 1.7.0,
    # whose type head is trained on every curated file, the message is still
    # typed investment but the chat as impersonation, at contact (risk 90);
    # with stage models 2.9.0 and 2.10.0 and their calibrators, investment
    # again, at pressure (risk 96 and 88: a strict expected failure); with
    # 2.11.0 and 5772d2cc9747 impersonation at contact (risk 98; the type
    # model's investment probability is still 0.41, so this may flip again);
    # with 2.12.0 and c42ed72a59a6 investment at pressure again (0.52 against
    # 0.46; risk 97): a strict expected failure; the same with 2.13.0 and
    # d2062b4fe5d9 (risk 96), with classifier 1.8.0 and bd0a53b63f86 (97) and
    # with 1.9.0 and 22ef0bf5ac73 and 1.10.0 and d3c497445b36 (97: English
    # goes to the main part, 1.8.0).
    _police_at_contact_by_type(store, (*_POLICE, (
        "Do not tell your family or the bank. If the transfer is not done in one hour you "
        "will be detained.")))


def _police_at_contact_by_type(store: Store, texts: tuple[str, ...]) -> None:
    police = Report("p1", ReportKind.CHAT, "", messages=tuple(
        Message(i, text) for i, text in enumerate(texts)))
    store.write_batch(_batch(1, [police, _chat("c1", 3000, "bitvex.com")]))
    analyze_store(store)
    with store.begin() as conn:
        rows = {r.report_id: (r.stage, r.stage_decided_by)
                for r in conn.execute(select(t.analysis_reports))}
    assert rows == {"p1": ("contact", "type:impersonation"), "c1": ("withdrawal_blocked", None)}
