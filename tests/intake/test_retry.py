"""Retrying quarantined records of stored evidence with new reading options."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from scamnet.cli import main
from scamnet.errors import InvalidInputError, NotFoundError
from scamnet.intake.pipeline import ingest
from scamnet.intake.retry import retry_quarantined
from scamnet.settings import Settings
from scamnet.store.store import Store

CSV = ("id,reported_at,narrative,amount_lost,currency\n"
       "HL-1,2025-03-01,paid to goldwin-fx.com,100,USD\n"
       "HL-2,12/03/2025,sent USDT to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t,500,USDT\n"
       "HL-3,13/13/2025,bad date either way,5,USD\n")


def test_retry_adds_what_now_parses_and_resolves_it(store: Store, tmp_path: Path) -> None:
    src = tmp_path / "helpline.csv"
    src.write_text(CSV, encoding="utf-8")
    first = ingest(store, [src], Settings())
    assert first.reports == 1 and len(first.quarantined) == 2
    before = {r.id: r for r in store.iter_reports()}

    done = retry_quarantined(store, Settings(), date_order="dmy", tz="Asia/Bangkok")
    assert (done.evidence, done.reports, done.resolved) == (1, 1, 1)
    assert [q.record_id for q in done.still] == ["HL-3"]
    new = store.get_report("HL-2")
    assert new.report.reported_at == datetime(2025, 3, 11, 17, tzinfo=UTC)
    assert [(o.kind, o.value) for o in new.observations] == [
        ("wallet", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]
    # The report that was already stored is untouched, and the evidence too.
    assert store.get_report("HL-1").report == before["HL-1"]
    assert store.get_evidence(new.report.evidence_sha256).data == src.read_bytes()
    # Open quarantine: only HL-3; the resolved record stays, saying how.
    assert [q.record_id for q in store.quarantined()] == ["HL-3"]
    resolved = [q for q in store.quarantined(include_resolved=True) if q.resolved_at]
    assert [q.record_id for q in resolved] == ["HL-2"]
    assert "report HL-2" in (resolved[0].resolution or "")
    assert "date_order=DMY" in (resolved[0].resolution or "")
    assert store.stats().quarantined == 1

    again = retry_quarantined(store, Settings(), date_order="DMY")
    assert (again.reports, again.resolved) == (0, 0)
    assert store.stats().reports == 2


def test_retry_without_new_options_changes_nothing(store: Store, tmp_path: Path) -> None:
    src = tmp_path / "helpline.csv"
    src.write_text(CSV, encoding="utf-8")
    ingest(store, [src], Settings())
    done = retry_quarantined(store, Settings())
    assert (done.reports, done.resolved, len(done.still)) == (0, 0, 2)
    assert len(store.quarantined()) == 2


def test_retry_cli(tmp_path: Path) -> None:
    src = tmp_path / "helpline.csv"
    src.write_text(CSV, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(src)]).exit_code == 6
    res = runner.invoke(main, ["--db", db, "retry-quarantined", "--date-order", "DMY"])
    assert res.exit_code == 6  # HL-3 stays quarantined
    assert "reports added: 1" in res.stdout and "resolved: 1" in res.stdout
    listed = runner.invoke(main, ["--db", db, "quarantine"]).stdout
    assert "helpline.csv:4" in listed and "helpline.csv:3" not in listed
    everything = runner.invoke(main, ["--db", db, "quarantine", "--all"]).stdout
    assert "resolved: parsed as report HL-2" in everything
    bad = runner.invoke(main, ["--db", db, "retry-quarantined", "--tz", "Mars/Olympus"])
    assert bad.exit_code == 4


def test_retry_reads_a_file_that_was_quarantined_whole(store: Store, tmp_path: Path) -> None:
    """A file no reader recognised when it was ingested (here: stored as an older
    version stored it) gives all its reports once a reader does."""
    from scamnet.model.records import Evidence, Quarantined, sha256_hex
    from scamnet.store.store import Batch

    data = (b'{"id": "W-1", "reported_at": "2025-03-01", "narrative": "paid '
            b'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}\n'
            b'{"id": "W-2", "reported_at": "not a date", "narrative": "x"}\n'
            b'{"id": "W-3", "reported_at": "2025-03-02", "narrative": "y"}\n')
    sha = sha256_hex(data)
    ev = Evidence(sha, data, "old.jsonl", "unknown")
    whole = Quarantined(path="old.jsonl", reason="unrecognised format", raw=data,
                        evidence_sha256=sha)
    assert store.write_file(ev, [Batch(ev, quarantined=[whole])])

    done = retry_quarantined(store, Settings())
    assert (done.reports, done.resolved) == (2, 1)
    assert sorted(r.id for r in store.iter_reports()) == ["W-1", "W-3"]
    assert [(q.record_id, q.line) for q in done.still] == [("W-2", 2)]
    # The whole-file record is resolved; the one bad line is now open on its own.
    assert [(q.record_id, q.line) for q in store.quarantined()] == [("W-2", 2)]
    (old,) = [q for q in store.quarantined(include_resolved=True) if q.resolved_at]
    assert old.line is None and "file parsed as 2 report(s)" in (old.resolution or "")
    again = retry_quarantined(store, Settings())
    assert (again.reports, again.resolved) == (0, 0)


WRONG_FORMAT = ('{"id": "F-1", "reported_at": "2025-03-01", "narrative": "paid '
                'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}\n'
                '{"id": "F-2", "reported_at": "12/03/2025", "narrative": "call +66 81 234 5678"}\n'
                '{"id": "F-3", "reported_at": "2025-03-02", "narrative": "y"}\n')


def test_retry_with_a_format_recovers_a_file_ingested_with_the_wrong_one(
        store: Store, tmp_path: Path) -> None:
    src = tmp_path / "reports.jsonl"
    src.write_text(WRONG_FORMAT, encoding="utf-8")
    first = ingest(store, [src], Settings(), format="whatsapp")
    assert first.reports == 0 and first.quarantined
    (info,) = store.list_evidence()
    assert info.format == "whatsapp"
    # Without a format every retry reads it the same wrong way.
    assert retry_quarantined(store, Settings()).reports == 0

    done = retry_quarantined(store, Settings(), evidence=info.sha256, format="report-jsonl")
    assert (done.evidence, done.reports, done.resolved) == (1, 2, len(first.quarantined))
    assert sorted(r.id for r in store.iter_reports()) == ["F-1", "F-3"]
    # The line that fails as a report now is open in its own place; the wrong
    # reader's records are resolved, saying how.
    assert [(q.record_id, q.line) for q in store.quarantined()] == [("F-2", 2)]
    resolved = [q for q in store.quarantined(include_resolved=True) if q.resolved_at]
    assert all("format=report-jsonl" in (q.resolution or "") for q in resolved)
    assert store.get_evidence(info.sha256).format == "whatsapp"  # the evidence row stays

    # Once the file gave reports, a retry with the format keeps the rule of places:
    # the open record is parsed with a date order, nothing is stored twice.
    again = retry_quarantined(store, Settings(), evidence=info.sha256, format="report-jsonl",
                              date_order="DMY")
    assert (again.reports, again.resolved, again.still) == (1, 1, [])
    assert sorted(r.id for r in store.iter_reports()) == ["F-1", "F-2", "F-3"]
    assert store.quarantined() == []
    last = retry_quarantined(store, Settings(), evidence=info.sha256, format="report-jsonl")
    assert (last.evidence, last.reports) == (0, 0)


def test_retry_format_needs_one_known_evidence_file(store: Store, tmp_path: Path) -> None:
    src = tmp_path / "reports.jsonl"
    src.write_text(WRONG_FORMAT, encoding="utf-8")
    ingest(store, [src], Settings(), format="whatsapp")
    (info,) = store.list_evidence()
    with pytest.raises(InvalidInputError, match="evidence"):
        retry_quarantined(store, Settings(), format="report-jsonl")
    with pytest.raises(NotFoundError, match="nope"):
        retry_quarantined(store, Settings(), evidence=info.sha256, format="nope")
    with pytest.raises(NotFoundError):
        retry_quarantined(store, Settings(), evidence="0" * 64, format="report-jsonl")
    assert store.stats().reports == 0


def test_retry_format_cli(tmp_path: Path) -> None:
    src = tmp_path / "reports.jsonl"
    src.write_text(WRONG_FORMAT, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", "--format", "whatsapp",
                                str(src)]).exit_code == 6
    res = runner.invoke(main, ["--db", db, "retry-quarantined", "--format", "report-jsonl"])
    assert res.exit_code == 2 and "--evidence" in res.stderr
    sha = runner.invoke(main, ["--db", db, "evidence", "list", "--json"]).stdout
    prefix = json.loads(sha.splitlines()[0])["sha256"][:12]
    res = runner.invoke(main, ["--db", db, "retry-quarantined", "--evidence", prefix,
                               "--format", "report-jsonl", "--date-order", "DMY"])
    assert res.exit_code == 0, res.output
    assert "reports added: 3" in res.stdout
