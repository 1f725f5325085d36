"""Matching quality on labelled pairs from real list data (regression floors).

The figures the benchmark prints (benchmarks/bench_screen.py) are the ones to
quote; this test guards them from regressing. The floors sit a little under
what scamnet-name-v1 1.1 measured (test split: P 0.919, R 0.944, F1 0.932;
cross-script recall 0.963 over all 80 variants; 1.0 had P 0.861, R 0.903,
F1 0.881 on the same pairs). The issue's targets are F1 0.93 at precision
0.95 (precision not met on the test split) and cross-script recall 0.90 (met).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from scamnet.screen.entities import ListEntity
from scamnet.screen.evaluation import (
    EXCLUDED_FROM_F1,
    Pair,
    best_threshold,
    build_pairs,
    metrics,
)
from scamnet.screen.index import ScreeningIndex
from scamnet.screen.matcher import Query
from scamnet.screen.ofac import load_sdn_csv


def _universe(data: Path) -> tuple[list[ListEntity], list[str]]:
    ents = list(load_sdn_csv((data / "ofac-sdn-2024-05" / "sdn.csv").read_bytes()).entities)
    for f in ("sdn_scam_compound_targets.csv", "sdn_context_non_prince_rows.csv"):
        raw = (data / "ofac-sdn-prince-group-2026-04" / f).read_bytes()
        ents.extend(load_sdn_csv(raw, f, prefix="ofac2026").entities)
    variants = [v.strip() for v in (data / "name-variants-opensanctions" / "putin_names.txt")
                .read_text(encoding="utf-8").splitlines() if v.strip()]
    return ents, variants


@pytest.fixture(scope="module")
def scored(request: pytest.FixtureRequest) -> list[tuple[Pair, float, float]]:
    data = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    if not (data / "ofac-sdn-2024-05" / "sdn.csv").exists():
        pytest.skip("../shared/data is not present")
    entities, variants = _universe(data)
    index = ScreeningIndex()
    index.add("ofac", entities)
    out = []
    for p in build_pairs(entities, variants):
        if p.category in EXCLUDED_FROM_F1:
            continue
        kind = "person" if p.query_schema == "Person" else "company" \
            if p.query_schema in ("Organization", "Company") else None
        m = index.compare(Query(p.query, kind), ListEntity("c", p.candidate_schema, p.candidate))
        naive = fuzz.WRatio(p.query, p.candidate, processor=default_process) / 100
        out.append((p, m.score if m else 0.0, naive))
    return out


def _evaluate(rows: list[tuple[Pair, float]]) -> tuple[float, float, float, float]:
    dev = [(s, p.same) for p, s in rows if p.split == "dev"]
    thr = best_threshold(dev).threshold
    m = metrics([(s, p.same) for p, s in rows if p.split == "test"], thr)
    cross = metrics([(s, p.same) for p, s in rows if p.category == "cross_script"], thr)
    return m.precision, m.recall, m.f1, cross.recall


def test_scamnet_quality_floors(scored: list[tuple[Pair, float, float]]) -> None:
    precision, recall, f1, cross = _evaluate([(p, s) for p, s, _ in scored])
    assert f1 >= 0.91, f"F1 {f1:.3f}"
    assert precision >= 0.90, f"precision {precision:.3f}"
    assert cross >= 0.90, f"cross-script recall {cross:.3f}"


def test_scamnet_beats_naive_baseline(scored: list[tuple[Pair, float, float]]) -> None:
    ours = _evaluate([(p, s) for p, s, _ in scored])
    naive = _evaluate([(p, n) for p, _, n in scored])
    assert ours[2] > naive[2] + 0.2
    assert ours[3] > naive[3] + 0.5


def test_pairs_are_split_by_entity(scored: list[tuple[Pair, float, float]]) -> None:
    groups: dict[str, set[str]] = {}
    for p, _, _ in scored:
        groups.setdefault(p.group, set()).add(p.split)
    assert all(len(s) == 1 for s in groups.values())
    cats = {p.category for p, _, _ in scored}
    assert {"alias", "cross_script", "same_surname", "near_company"} <= cats
