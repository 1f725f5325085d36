"""The evidence commands through click's runner, on a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scamnet.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"
WALLET = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def _run(args: list[str], db: Path, stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    res = runner.invoke(main, ["--db", str(db), *args], input=stdin)
    if res.exception and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res.exit_code, res.stdout, res.stderr


def test_ingest_quarantines_bad_records_and_keeps_good(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    code, out, err = _run(["ingest", str(FIXTURES / "reports.jsonl")], db)
    assert code == 6, (out, err)
    assert "reports: 2" in out
    assert "quarantined: 2" in out
    problems = [line for line in err.splitlines() if line.startswith("quarantined:")]
    assert len(problems) == 2
    assert any("reports.jsonl:3" in p and "reported_at" in p for p in problems)
    assert any("reports.jsonl:4" in p for p in problems)
    # Same bytes again: nothing new, nothing quarantined again.
    code, out, _ = _run(["ingest", "--json", str(FIXTURES / "reports.jsonl")], db)
    assert code == 0
    summary = json.loads(out)
    assert (summary["duplicate_evidence"], summary["reports"]) == (1, 0)


def test_indicators_show_and_exports(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _run(["ingest", str(FIXTURES / "reports.jsonl")], db)
    code, out, _ = _run(["indicators", "--kind", "wallet", "--json"], db)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["value"] == WALLET and rows[0]["reports"] == 2
    code, out, _ = _run(["indicators", "--json"], db)
    kinds = {json.loads(line)["kind"] for line in out.splitlines()}
    assert {"wallet", "line", "domain", "phone", "telegram"} <= kinds
    code, out, _ = _run(["show", "HL-001", "--json"], db)
    rep = json.loads(out)
    assert rep["evidence"]["line"] == 1
    for ind in rep["indicators"]:
        text = rep["narrative"] if ind["field"] == "narrative" else \
            rep["suspect_identifiers"][ind["field_index"]]
        assert text[ind["start"]:ind["end"]] == ind["raw"]
    assert any(i["kind"] == "phone" and i["value"] == "+66812345678" for i in rep["indicators"])
    code, out, err = _run(["show", "nope"], db)
    assert code == 3 and "no report" in err
    code, out, _ = _run(["export", "--format", "ftm"], db)
    entities = [json.loads(line) for line in out.splitlines()]
    wallets = [e for e in entities if e["schema"] == "CryptoWallet"]
    assert len(wallets) == 1 and wallets[0]["properties"]["publicKey"] == [WALLET]
    docs = [e for e in entities if e["schema"] == "Document"]
    assert len(docs) == 2
    links = [e for e in entities if e["schema"] == "Documentation"
             and e["properties"]["entity"] == [wallets[0]["id"]]]
    assert sorted(x["properties"]["document"][0] for x in links) == sorted(d["id"] for d in docs)
    code, out, _ = _run(["export", "--format", "csv"], db)
    header, *rows_csv = out.splitlines()
    assert header.startswith("report_id,report_kind")
    assert sum(WALLET in r for r in rows_csv) == 2
    code, out, _ = _run(["export", "--format", "jsonl"], db)
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["HL-001", "HL-002"]
    code, out, _ = _run(["quarantine", "--json"], db)
    assert len(out.splitlines()) == 2


def test_extract_reads_stdin_without_store(tmp_path: Path) -> None:
    text = "call ０８１-２３４-５６７８ or send to 0x52908400098527886E0F7030069857D2E4169EE7"
    code, out, _ = _run(["extract", "--json", "--country", "TH", "-"], tmp_path / "unused.db",
                        stdin=text)
    assert code == 0
    found = [json.loads(line) for line in out.splitlines()]
    phone = next(f for f in found if f["kind"] == "phone")
    assert phone["value"] == "+66812345678"
    assert text[phone["start"]:phone["end"]] == phone["raw"]
    assert any(f["kind"] == "wallet" and f["valid"] for f in found)
    assert not (tmp_path / "unused.db").exists()


def test_bad_options_are_one_line_errors(tmp_path: Path) -> None:
    # An unknown kind is a usage error (2), as docs/cli.md says; 3 is for things not stored.
    code, _, err = _run(["indicators", "--kind", "nonsense"], tmp_path / "s.db")
    assert code == 2 and "unknown indicator kind" in err
    code, _, err = _run(["extract", "--country", "Thailand", "-"], tmp_path / "s.db", stdin="x")
    assert code == 2


def test_ingest_attaches_new_reports_after_a_link(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = tmp_path / "first.jsonl"
    first.write_text((FIXTURES / "reports.jsonl").read_text(encoding="utf-8").splitlines()[0]
                     + "\n", encoding="utf-8")
    _run(["ingest", str(first)], db)
    assert _run(["link"], db)[0] == 0
    code, out, _ = _run(["ingest", "--json", str(FIXTURES / "reports.jsonl")], db)
    data = json.loads(out)
    # HL-001 is already stored from the first file; HL-002 shares its wallet.
    attached = {a["report_id"]: a for a in data["attached"]}
    assert attached["HL-002"]["how"] == "joined"
    code, out, _ = _run(["show", "HL-002", "--json"], db)
    assert code == 0


def test_screening_a_wallet_names_its_network(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _run(["ingest", str(FIXTURES / "reports.jsonl")], db)
    assert _run(["link"], db)[0] == 0
    code, out, _ = _run(["networks", "--json"], db)
    (net,) = json.loads(out) if out.lstrip().startswith("[") else \
        [json.loads(line) for line in out.splitlines()]
    code, out, _ = _run(["screen", "--wallet", WALLET, "--json"], db)
    assert code == 0
    (hit,) = json.loads(out)
    assert hit["list"] == "store:reports" and f"in network {net['id']}" in hit["name"]
