"""Screening benchmark: quality on labelled pairs and speed, side by side.

Run:  .venv/bin/python benchmarks/bench_screen.py [--quick] [--no-nomenklatura] [--speed-only]
      .venv/bin/python benchmarks/bench_screen.py --dev-only

``--speed-only`` skips the quality report: speed work that changes no score
can be measured again without scoring the test split again. ``--dev-only``
prints scamnet's two views (name only, with attributes) on the dev split and
stops: for choosing rules and constants without scoring the test split.

Quality: the labelled pairs of :mod:`scamnet.screen.evaluation` (built from the
OFAC SDN 2024-05 list, the 2026 Prince Group / Burma rows and the
OpenSanctions name-variants fixture in ../shared/data). Each matcher's
threshold is chosen on the dev split (best F1 with precision >= 0.95) and its
figures are reported on the test split. Matchers: scamnet-name-v1, a naive
baseline (rapidfuzz WRatio on lower-cased names), and nomenklatura's logic-v1
and regression-v1 (optional extra ``bench``).

Speed: single-name queries against the full 2024 SDN list (+ 2026 rows),
queries/s and latency percentiles on one process; a 100,000-name batch; the
naive baseline scanning the whole list; nomenklatura's matchers scanning the
whole list on a few queries (they have no index). The machine is shared:
figures are noisy.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from scamnet.screen.entities import ListEntity
from scamnet.screen.evaluation import (
    ALL_NEGATIVES,
    EXCLUDED_FROM_F1,
    Metrics,
    Pair,
    best_threshold,
    build_pairs,
    metrics,
    sampling_weights,
    weighted_metrics,
    with_attributes,
)
from scamnet.screen.index import ScreeningIndex
from scamnet.screen.matcher import NameMatcher, Query
from scamnet.screen.ofac import load_sdn_csv
from scamnet.screen.screening import screen_batch

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def load_universe() -> tuple[list[ListEntity], list[str]]:
    sdn = load_sdn_csv((DATA / "ofac-sdn-2024-05" / "sdn.csv").read_bytes(), "sdn.csv")
    ents = list(sdn.entities)
    for f in ("sdn_scam_compound_targets.csv", "sdn_context_non_prince_rows.csv"):
        p = DATA / "ofac-sdn-prince-group-2026-04" / f
        ents.extend(load_sdn_csv(p.read_bytes(), f, prefix="ofac2026").entities)
    variants = [v.strip() for v in (DATA / "name-variants-opensanctions" / "putin_names.txt")
                .read_text(encoding="utf-8").splitlines() if v.strip()]
    return ents, variants


def _type(schema: str) -> str | None:
    return "person" if schema == "Person" else "company" if schema in (
        "Organization", "Company") else None


def score_scamnet(index: ScreeningIndex, pairs: list[Pair]) -> list[float]:
    out = []
    for p in pairs:
        cand = ListEntity("pair", p.candidate_schema, p.candidate)
        m = index.compare(Query(p.query, _type(p.query_schema)), cand)
        out.append(m.score if m else 0.0)
    return out


def score_with_attributes(index: ScreeningIndex, pairs: list[Pair],
                          by_id: dict[str, ListEntity]) -> list[float]:
    """Each pair as a screening check with the query-side record's date of
    birth, nationality and type against the candidate name with its record's
    attributes (evaluation.with_attributes)."""
    out = []
    for p in pairs:
        query, cand = with_attributes(p, by_id)
        m = index.compare(query, cand)
        out.append(m.score if m else 0.0)
    return out


_CATEGORIES = ("alias", "cross_script", "same_surname", "near_company", "cross_script_negative",
               "alias_chinese_english", "alias_unrelated")


def _shared(p: Pair, by_id: dict[str, ListEntity]) -> tuple[bool, bool]:
    """Whether the pair's query record's first full date of birth is one of
    the candidate record's, and its first nationality one of the candidate's."""
    q, c = by_id.get(p.query_id), by_id.get(p.candidate_id)
    if q is None or c is None:
        return False, False
    dob = next(iter(q.values("birthDate")), "")
    nat = next((v for k in ("nationality", "citizenship") for v in q.values(k)), "")
    return (len(dob) == 10 and dob in c.values("birthDate"),
            bool(nat) and nat in (*c.values("nationality"), *c.values("citizenship")))


def report_views(index: ScreeningIndex, entities: list[ListEntity], variants: list[str],
                 splits: tuple[str, ...]) -> None:
    """scamnet-name-v1 in two views, side by side: name only (the headline
    figures) and with attributes (the query carries its record's date of
    birth, nationality and type). One threshold for both: the name-only view's,
    chosen on the sampled dev split (the deployed DEFAULT_THRESHOLD). Only the
    given splits are scored."""
    by_id = {e.id: e for e in entities}
    pool = [p for p in build_pairs(entities, variants, max_negatives=ALL_NEGATIVES)
            if p.split in splits]
    sample = set(build_pairs(entities, variants))
    weights = sampling_weights(build_pairs(entities, variants, max_negatives=ALL_NEGATIVES))
    views = {"name only": score_scamnet(index, pool),
             "with attributes": score_with_attributes(index, pool, by_id)}
    dev_name = [(s, p.same) for s, p in zip(views["name only"], pool, strict=True)
                if p.split == "dev" and p in sample and p.category not in EXCLUDED_FROM_F1]
    thr = best_threshold(dev_name).threshold
    dev_attr = [(s, p.same) for s, p in zip(views["with attributes"], pool, strict=True)
                if p.split == "dev" and p in sample and p.category not in EXCLUDED_FROM_F1]
    own = best_threshold(dev_attr)
    print(f"\nTWO VIEWS ({NameMatcher.NAME} {NameMatcher.VERSION}), threshold {thr:.3f} "
          f"(name-only, sampled dev); the with-attributes view's own best dev threshold "
          f"would be {own.threshold:.3f} (dev P={own.precision:.3f} R={own.recall:.3f} "
          f"F1={own.f1:.3f})")

    def fmt(m: Metrics) -> str:
        return f"P={m.precision:.3f} R={m.recall:.3f} F1={m.f1:.3f}"

    for split in splits:
        for view, scores in views.items():
            rows = [(s, p) for s, p in zip(scores, pool, strict=True) if p.split == split]
            samp = [(s, p.same) for s, p in rows
                    if p in sample and p.category not in EXCLUDED_FROM_F1]
            samp_cn = [(s, p.same) for s, p in rows
                       if p in sample and p.category != "alias_unrelated"]
            wtd = [(s, p.same, weights[p.category]) for s, p in rows
                   if p.category not in EXCLUDED_FROM_F1]
            wtd_cn = [(s, p.same, weights[p.category]) for s, p in rows
                      if p.category != "alias_unrelated"]
            wm = weighted_metrics(wtd, thr)
            print(f"  {split.upper()} {view:<16} sampled {fmt(metrics(samp, thr))}; "
                  f"+chinese-english {fmt(metrics(samp_cn, thr))} | weighted {fmt(wm)} "
                  f"(FP {wm.fp:.1f}); +chinese-english {fmt(weighted_metrics(wtd_cn, thr))}")
            parts = []
            for cat in _CATEGORIES:
                every = [(s, p.same) for s, p in rows if p.category == cat]
                if not every:
                    continue
                sampled = [(s, p.same) for s, p in rows if p.category == cat and p in sample]
                pos = every[0][1]

                def rate(items: list[tuple[float, bool]], pos: bool = pos) -> float:
                    cm = metrics(items, thr)
                    return cm.recall if pos else cm.tn / max(1.0, cm.tn + cm.fp)

                parts.append(f"{cat} {'R' if pos else 'TNR'} {rate(sampled):.3f} "
                             f"(n={len(sampled)}) all {rate(every):.3f} (n={len(every)})")
            print("      " + "; ".join(parts))
        counts = []
        for cat in ("alias", "alias_chinese_english", "same_surname", "cross_script_negative"):
            shared = [_shared(p, by_id) for p in pool if p.split == split and p.category == cat]
            counts.append(f"{cat} {len(shared)}: DOB {sum(d for d, _ in shared)}, nationality "
                          f"{sum(n for _, n in shared)}, both {sum(d and n for d, n in shared)}")
        print(f"      {split} pairs sharing an exact full DOB / nationality: " + "; ".join(counts))


def score_naive(pairs: list[Pair]) -> list[float]:
    return [fuzz.WRatio(p.query, p.candidate, processor=default_process) / 100 for p in pairs]


def score_nomenklatura(name: str, pairs: list[Pair]) -> list[float] | None:
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError as exc:
        print(f"  nomenklatura not installed ({exc}); pip install -e '.[bench]'")
        return None
    algo = get_algorithm(name)
    if algo is None:
        print(f"  nomenklatura has no algorithm {name!r}")
        return None
    cfg = ScoringConfig.defaults()
    out = []
    for i, p in enumerate(pairs):
        q = model.make_entity(p.query_schema if p.query_schema != "Airplane" else "Airplane")
        q.id = f"q{i}"
        q.add("name", p.query)
        c = model.make_entity(p.candidate_schema)
        c.id = f"c{i}"
        c.add("name", p.candidate)
        out.append(float(algo.compare(q, c, cfg).score))
    return out


def report_quality(label: str, pool: list[Pair], pool_scores: list[float],
                   pairs: list[Pair]) -> dict[str, Any]:
    """Print a matcher's figures. ``pool`` holds every qualifying pair and its
    scores; ``pairs`` is the balanced sample (a subset of ``pool``) on which
    the threshold is chosen and the headline figures are computed."""
    by_pair = dict(zip(pool, pool_scores, strict=True))
    scores = [by_pair[p] for p in pairs]
    out = _report_sampled(label, pairs, scores)
    # The same threshold on every qualifying negative, each weighted by the
    # chance the balanced sample draws it: the same balanced precision,
    # estimated with less variance (evaluation.sampling_weights).
    weights = sampling_weights(pool)
    thr = out["threshold"]
    line = "      all negatives, sampling-weighted:"
    for split in ("dev", "test"):
        wm = weighted_metrics([(s, p.same, weights[p.category])
                               for s, p in zip(pool_scores, pool, strict=True)
                               if p.split == split and p.category not in EXCLUDED_FROM_F1], thr)
        line += (f" {split.upper()} P={wm.precision:.3f} R={wm.recall:.3f} F1={wm.f1:.3f}"
                 f" (weighted FP {wm.fp:.1f});")
        out[f"weighted_{split}"] = wm
    print(line)
    parts = []
    for cat in ("near_company", "same_surname"):
        items = [(s, p.same) for s, p in zip(pool_scores, pool, strict=True)
                 if p.split == "test" and p.category == cat]
        cm = metrics(items, thr)
        parts.append(f"{cat}=TNR {cm.tn / max(1, cm.tn + cm.fp):.3f} (n={len(items)})")
    print("      test, all negatives: " + "; ".join(parts))
    return out


def _report_sampled(label: str, pairs: list[Pair], scores: list[float]) -> dict[str, Any]:
    dev = [(s, p.same) for s, p in zip(scores, pairs, strict=True)
           if p.split == "dev" and p.category not in EXCLUDED_FROM_F1]
    test_pairs = [(s, p) for s, p in zip(scores, pairs, strict=True)
                  if p.split == "test" and p.category not in EXCLUDED_FROM_F1]
    chosen = best_threshold(dev)
    m = metrics([(s, p.same) for s, p in test_pairs], chosen.threshold)
    by_cat: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for s, p in zip(scores, pairs, strict=True):
        if p.split == "test":
            by_cat[p.category].append((s, p.same))
    cross_all = [(s, p.same) for s, p in zip(scores, pairs, strict=True)
                 if p.category == "cross_script"]
    cross_recall = metrics(cross_all, chosen.threshold).recall
    print(f"  {label:<22} thr={chosen.threshold:.3f} (dev P={chosen.precision:.3f} "
          f"R={chosen.recall:.3f} F1={chosen.f1:.3f})  TEST P={m.precision:.3f} "
          f"R={m.recall:.3f} F1={m.f1:.3f}  cross-script recall (all 80)={cross_recall:.3f}")
    parts = []
    for cat, items in sorted(by_cat.items()):
        cm = metrics(items, chosen.threshold)
        rate = cm.recall if items and items[0][1] else (cm.tn / max(1, cm.tn + cm.fp))
        parts.append(f"{cat}={'recall' if items and items[0][1] else 'TNR'} {rate:.3f} "
                     f"(n={len(items)})")
    print("      test by category: " + "; ".join(parts))
    # The same threshold with the Chinese-name / adopted-English-name pairs
    # counted as positives (they are out of F1: no name matcher can link them).
    with_cn = metrics([(s, p.same) for s, p in zip(scores, pairs, strict=True)
                       if p.split == "test" and p.category != "alias_unrelated"],
                      chosen.threshold)
    print(f"      test with alias_chinese_english counted: P={with_cn.precision:.3f} "
          f"R={with_cn.recall:.3f} F1={with_cn.f1:.3f}")
    return {"threshold": chosen.threshold, "test": m, "cross_recall": cross_recall}


def speed(index: ScreeningIndex, entities: list[ListEntity], n_queries: int,
          batch_size: int, rng: random.Random) -> None:
    names = [e.name for e in entities]
    queries = []
    for _ in range(n_queries):
        name = rng.choice(names)
        r = rng.random()
        if r < 0.3:
            toks = name.replace(",", "").split()
            rng.shuffle(toks)
            name = " ".join(toks)
        elif r < 0.6 and len(name) > 4:
            i = rng.randrange(len(name))
            name = name[:i] + name[i + 1:]
        elif r < 0.8:
            name = rng.choice(["John", "Maria", "Wei", "Ahmed", "Olga", "Somchai"]) + " " + \
                rng.choice(["Smith", "Garcia", "Zhang", "Khan", "Ivanova", "Jaidee"])
        queries.append(name)
    # Warm the per-name caches the way a long-running service would be.
    for q in queries[:50]:
        index.search_name(Query(q), limit=10, threshold=0.5)
    # Wall-clock latency suffers from other processes on a shared machine; the
    # CPU time of this process is what one core delivers. Both are printed.
    lat, cpu = [], []
    t0, c0 = time.perf_counter(), time.process_time()
    for q in queries:
        t, c = time.perf_counter(), time.process_time()
        index.search_name(Query(q), limit=10, threshold=0.5)
        lat.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    lat.sort()
    cpu.sort()

    def pct(xs: list[float], q: float) -> float:
        return xs[max(0, int(q * len(xs)) - 1)]

    print(f"  scamnet single queries: {len(queries)} in {total:.2f}s wall = "
          f"{len(queries) / total:.0f} q/s; latency p50={statistics.median(lat):.2f}ms "
          f"p95={pct(lat, 0.95):.2f}ms p99={pct(lat, 0.99):.2f}ms max={lat[-1]:.1f}ms")
    print(f"    CPU time: {len(queries) / total_cpu:.0f} q/s per core; p50="
          f"{statistics.median(cpu):.2f}ms p95={pct(cpu, 0.95):.2f}ms p99={pct(cpu, 0.99):.2f}ms"
          f" (process_time has ~1 ms granularity on some kernels)")
    choices = [n for n in names]
    t = time.perf_counter()
    for q in queries[:200]:
        process.extract(q, choices, scorer=fuzz.WRatio, processor=default_process, limit=10)
    dt = time.perf_counter() - t
    print(f"  naive rapidfuzz full scan (WRatio over {len(choices)} names): "
          f"{200 / dt:.1f} q/s ({dt / 200 * 1000:.1f} ms/query)")
    # Mostly distinct names, so the batch cache does not flatter the figure: list
    # names with a typo or shuffled tokens, and new people built from given names
    # and surnames that occur on the list (they share tokens with list entries,
    # the costly case for blocking).
    given = sorted({e.name.split(",", 1)[1].split()[0] for e in entities
                    if e.schema == "Person" and "," in e.name and e.name.split(",", 1)[1].split()})
    surnames = sorted({e.name.split(",", 1)[0] for e in entities
                       if e.schema == "Person" and "," in e.name})
    batch_rows = []
    for i in range(batch_size):
        if rng.random() < 0.3:
            name = rng.choice(names)
            if len(name) > 5:
                j = rng.randrange(len(name))
                name = name[:j] + name[j + 1:]
        else:
            name = f"{rng.choice(given)} {rng.choice(surnames)}"
        batch_rows.append((i + 1, {"name": name}))
    distinct = len({r[1]["name"] for r in batch_rows})
    t, c = time.perf_counter(), time.process_time()
    n_hits = sum(len(r.matches) for r in screen_batch(index, batch_rows))
    dt, dc = time.perf_counter() - t, time.process_time() - c
    print(f"  scamnet batch: {batch_size} names ({distinct} distinct) in {dt:.1f}s "
          f"({batch_size / dt:.0f} names/s, {n_hits} matches >= default threshold), 1 process; "
          f"CPU {dc:.1f}s")
    t = time.perf_counter()
    n_hits2 = sum(len(r.matches) for r in screen_batch(index, batch_rows, workers=2))
    dt = time.perf_counter() - t
    print(f"  scamnet batch, 2 worker processes: {dt:.1f}s ({batch_size / dt:.0f} names/s, "
          f"{n_hits2} matches)")


def nomenklatura_scan_speed(entities: list[ListEntity], queries: list[str]) -> None:
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return
    cfg = ScoringConfig.defaults()
    cands = []
    for e in entities:
        c = model.make_entity(e.schema)
        c.id = e.id
        c.add("name", [e.name, *e.aliases])
        cands.append(c)
    for name in ("logic-v1", "regression-v1"):
        algo = get_algorithm(name)
        if algo is None:
            continue
        t = time.perf_counter()
        for i, qn in enumerate(queries):
            q = model.make_entity("LegalEntity")
            q.id = f"q{i}"
            q.add("name", qn)
            for c in cands:
                algo.compare(q, c, cfg)
        dt = (time.perf_counter() - t) / len(queries)
        print(f"  nomenklatura {name} full scan: {dt:.2f} s/query ({1 / dt:.2f} q/s) over "
              f"{len(cands)} entities ({len(queries)} queries)")


def report_all_quality(index: ScreeningIndex, entities: list[ListEntity], variants: list[str],
                       no_nomenklatura: bool) -> None:
    """The quality report: every matcher on the labelled pairs (scores the test split)."""
    pairs = build_pairs(entities, variants)
    pool = build_pairs(entities, variants, max_negatives=ALL_NEGATIVES)
    counts = Counter((p.category, p.split) for p in pairs)
    print("pairs: " + ", ".join(f"{c}/{s}={n}" for (c, s), n in sorted(counts.items())))
    more = Counter((p.category, p.split) for p in pool if p.category in ("near_company",
                                                                          "same_surname"))
    print("all qualifying negatives: " + ", ".join(f"{c}/{s}={n}"
                                                   for (c, s), n in sorted(more.items())))
    print("\nQUALITY (threshold on dev, figures on test; alias_unrelated and "
          "alias_chinese_english excluded from F1)")
    results = {}
    t = time.perf_counter()
    label = f"{NameMatcher.NAME} {NameMatcher.VERSION}"
    results["scamnet-name-v1"] = report_quality(label, pool, score_scamnet(index, pool), pairs)
    print(f"      ({len(pool) / (time.perf_counter() - t):.0f} pairs/s)")
    results["naive-wratio"] = report_quality("naive rapidfuzz WRatio", pool, score_naive(pool),
                                             pairs)
    if not no_nomenklatura:
        for name in ("logic-v1", "regression-v1"):
            t = time.perf_counter()
            scores = score_nomenklatura(name, pool)
            if scores is not None:
                results[name] = report_quality(f"nomenklatura {name}", pool, scores, pairs)
                print(f"      ({len(pool) / (time.perf_counter() - t):.0f} pairs/s)")
    unrelated = [p for p in pairs if p.category == "alias_unrelated"]
    if unrelated:
        sc = score_scamnet(index, unrelated)
        thr = results["scamnet-name-v1"]["threshold"]
        print(f"  alias_unrelated (nicknames/acronyms, no shared token): scamnet recall "
              f"{sum(s >= thr for s in sc) / len(sc):.3f} of {len(sc)} (reported, not a target)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer queries, 10k batch")
    ap.add_argument("--no-nomenklatura", action="store_true")
    ap.add_argument("--speed-only", action="store_true",
                    help="skip the quality report (does not score the test split)")
    ap.add_argument("--dev-only", action="store_true",
                    help="only scamnet's two views on the dev split (no test scoring, no speed)")
    args = ap.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not (DATA / "ofac-sdn-2024-05" / "sdn.csv").exists():
        print(f"data not found under {DATA}", file=sys.stderr)
        return 1
    t = time.perf_counter()
    entities, variants = load_universe()
    print(f"loaded {len(entities)} entities in {time.perf_counter() - t:.1f}s")
    t = time.perf_counter()
    index = ScreeningIndex()
    index.add("ofac", entities)
    print(f"indexed {len(index)} entities / {index.name_count} names in "
          f"{time.perf_counter() - t:.1f}s")
    if args.dev_only:
        report_views(index, entities, variants, ("dev",))
        return 0
    if not args.speed_only:
        report_all_quality(index, entities, variants, args.no_nomenklatura)
        report_views(index, entities, variants, ("dev", "test"))
    print("\nSPEED (one process; shared 2-core machine, noisy)")
    rng = random.Random(7)
    speed(index, entities, 500 if args.quick else 3000, 10_000 if args.quick else 100_000, rng)
    if not args.no_nomenklatura:
        nomenklatura_scan_speed(entities, ["Vladimir Putin", "Chen Zhi"][: 1 if args.quick else 2])
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
