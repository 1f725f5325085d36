"""`scamnet demo` end to end: corpus, ingest, analysis, networks vs ground truth."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scamnet.cli import main


def test_demo_runs_every_stage_and_matches_truth(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["demo", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    out = res.stdout
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert f"quarantined: {len(truth['quarantine'])}" in out
    assert "Networks found" in out and "Top reused scripts" in out
    for net in truth["networks"]:
        assert f"{net['id']} x" in out
    line = next(x for x in out.splitlines() if x.startswith("linking vs ground truth"))
    precision = float(line.split("precision ")[1].split(",")[0])
    assert precision >= 0.98
    assert (tmp_path / "scamnet.db").exists()
    # The one real OFAC-listed wallet planted in a fictional network is found,
    # in the network the ground truth says.
    (planted,) = [(n["id"], w) for n in truth["networks"] for w in n["sanctioned_wallets"]]
    hit = next(x for x in out.splitlines() if x.strip().startswith(f"wallet {planted[1]}"))
    assert "CHEN, Zhi" in hit and f"({planted[0]})" in hit
    assert "the corpus plants 1 listed wallet(s); found 1" in out
