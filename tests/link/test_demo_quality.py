"""Link quality on the demo corpus's ground truth (decoys included)."""

from __future__ import annotations

from pathlib import Path

from scamnet.analyze.runs import analyze_store
from scamnet.demo import generate
from scamnet.intake.pipeline import ingest
from scamnet.link import link, load_observations
from scamnet.link.evaluate import evaluate_demo
from scamnet.settings import Settings
from scamnet.store.store import Store


def test_demo_corpus_quality(tmp_path: Path) -> None:
    corpus = generate(seed=7, scale=1)
    for rel, data in corpus.files:
        (tmp_path / "c" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "c" / rel).write_bytes(data)
    with Store.open(str(tmp_path / "s.db")) as store:
        ingest(store, [tmp_path / "c"], Settings())
        analyze_store(store)  # script templates take part in linking
        run = link(store)
        result = evaluate_demo(store, corpus.truth)
        kinds = set(load_observations(store).kind)
    s = result.scores
    assert s.items > 150
    assert "script" in kinds  # the analysis stage's templates were read
    assert s.pairwise_precision >= 0.98
    assert s.pairwise_recall >= 0.95
    assert s.bcubed_f1 >= 0.97
    decoys = corpus.truth["decoys"]
    rules = {(x.kind, x.value): x.rule for x in run.result.suppressed}
    assert rules[("phone", decoys["recycled_phone"]["phone"])] == "bridge"
    assert rules[("url", decoys["shortener"]["url"])] == "allowlist"
    for domain in decoys["exchange_domains"]:
        assert rules.get(("domain", domain)) in (None, "allowlist")
