from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from link_data import add

from scamnet.cli import main
from scamnet.store.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "s.db")
    with Store.open(path) as store:
        add(store, "a.jsonl", [
            ("r1", [("wallet", "TW1"), ("domain", "goldenlotus.vip")]),
            ("r2", [("wallet", "TW1"), ("phone", "+66811111111")]),
            ("r3", [("phone", "+66811111111"), ("domain", "www.binance.com")]),
            ("r4", [("domain", "www.binance.com")]),
        ])
    return path


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.output


def test_link_networks_network(db: str, tmp_path: Path) -> None:
    code, out = run("--db", db, "link")
    assert code == 0 and "1 networks of 2+ reports" in out
    assert "suppressed domain:www.binance" in out
    code, out = run("--db", db, "networks", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 1 and rows[0]["reports"] == 3
    nid = rows[0]["id"]
    code, out = run("--db", db, "network", nid, "--json")
    data = json.loads(out)
    assert data["id"] == nid and data["reports"] == 3
    assert [m["why"] for m in data["members"]][2] == ["r1", "wallet:TW1", "r2",
                                                        "phone:+66811111111", "r3"]
    code, out = run("--db", db, "network", nid)
    assert code == 0 and "r3: r1 -> wallet:TW1 -> r2 -> phone:+66811111111 -> r3" in out
    gml, gexf, html = tmp_path / "n.graphml", tmp_path / "n.gexf", tmp_path / "n.html"
    code, _ = run("--db", db, "network", nid, "--graphml", str(gml), "--gexf", str(gexf),
                  "--html", str(html))
    assert code == 0
    graph = ET.parse(gml).getroot()
    nodes = graph.findall(".//{http://graphml.graphdrawing.org/xmlns}node")
    assert {n.get("id") for n in nodes} >= {"r:r1", "r:r3", "i:wallet:TW1"}
    assert ET.parse(gexf).getroot().tag.endswith("gexf")
    page = html.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<script" not in page


def test_attach_json(db: str) -> None:
    run("--db", db, "link")
    with Store.open(db) as store:
        add(store, "b.jsonl", [("r9", [("wallet", "TW1")])])
    code, out = run("--db", db, "link", "--attach", "--json")
    (att,) = json.loads(out)["attached"]
    assert code == 0 and att["report_id"] == "r9" and att["how"] == "joined"


def test_errors_are_one_line(db: str, tmp_path: Path) -> None:
    code, out = run("--db", db, "network", "net-missing")
    assert code == 3 and out.strip().startswith("error: no network")
    code, out = run("--db", db, "link", "--weight", "wallet=lots")
    assert code == 4 and "bad --weight" in out
    bad = tmp_path / "bad.tsv"
    bad.write_text("domain\tx.com\tsometimes\twhy\n", "utf-8")
    code, out = run("--db", db, "link", "--allowlist", str(bad))
    assert code == 2 and "bad.tsv:1" in out


def test_empty_store_message(tmp_path: Path) -> None:
    code, out = run("--db", str(tmp_path / "empty.db"), "link")
    assert code == 0 and "no reports yet" in out
    code, out = run("--db", str(tmp_path / "empty.db"), "networks")
    assert "no networks yet" in out
