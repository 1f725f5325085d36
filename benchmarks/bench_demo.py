"""Demo corpus generator: speed, and how well intake + extraction recover its ground truth.

Usage: .venv/bin/python benchmarks/bench_demo.py [--seed 7] [--scale 1] [--records 20000]

Prints generation time per scale, the benchmark record stream's rate, and (on
the generated corpus) whether the readers find exactly the report ids, chat ids,
message counts and quarantined records that truth.json lists, plus extraction
recall on every planted indicator, by kind. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections import Counter

from scamnet.demo import DemoCorpus, generate, iter_report_records


def _timed_generate(seed: int, scale: int) -> tuple[DemoCorpus, float]:
    start = time.perf_counter()
    corpus = generate(seed=seed, scale=scale)
    return corpus, time.perf_counter() - start


def _recovery(corpus: DemoCorpus) -> None:
    from scamnet.extract import extract
    from scamnet.intake.base import Source
    from scamnet.intake.registry import read_source
    from scamnet.model.records import Quarantined

    truth = corpus.truth
    reports = {}
    quarantined = []
    for path, data in corpus.files:
        source = Source(path, data, hashlib.sha256(data).hexdigest())
        for rec in read_source(source):
            if isinstance(rec, Quarantined):
                quarantined.append(rec)
            else:
                reports[(path, rec.id)] = rec
    expected_ids = set(truth["reports"]) | set(truth["chat_ids"].values())
    got_ids = {rid for _, rid in reports}
    print(f"reports read: {len(reports)}  expected {len(expected_ids)}  "
          f"missing {len(expected_ids - got_ids)}  unexpected {len(got_ids - expected_ids)}")
    print(f"quarantined: {len(quarantined)}  expected {len(truth['quarantine'])}")
    bad_counts = 0
    for path, labels in truth["stages"].items():
        rep = reports.get((path, truth["chat_ids"][path]))
        if rep is None or len(rep.messages) != len(labels):
            bad_counts += 1
    print(f"chats whose message count differs from the stage labels: {bad_counts} "
          f"of {len(truth['stages'])}")
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (path, rid), rep in reports.items():
        key = rid if rid in truth["indicators"] else path
        planted = truth["indicators"].get(key)
        if planted is None:
            continue
        got: set[tuple[str, str]] = set()
        for text_field in rep.texts():
            for ind in extract(text_field.text, country=rep.reporter_country):
                if ind.valid:
                    got.add((ind.kind, ind.value))
                    got.add((ind.kind, ind.attrs.get("registered_domain", "")))
        for item in planted:
            if item.get("where", "text") != "text":
                continue
            kind = item["kind"]
            total[kind] += 1
            hit = (kind, item["value"]) in got or (
                kind == "url" and any(k == "url" for k, _ in got))
            found[kind] += hit
    print("extraction recall on planted indicators (text only):")
    for kind in sorted(total):
        print(f"  {kind:9s} {found[kind]:5d}/{total[kind]:<5d} {found[kind] / total[kind]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()

    for scale in sorted({1, args.scale, 4}):
        corpus, seconds = _timed_generate(args.seed, scale)
        size = sum(len(d) for _, d in corpus.files)
        c = corpus.truth["counts"]
        print(f"generate(scale={scale}): {seconds:.2f} s, {c['reports']} reports, "
              f"{c['chats']} chats, {c['emails']} e-mails, {len(corpus.files)} files, "
              f"{size / 1e6:.2f} MB")

    start = time.perf_counter()
    nbytes = 0
    for rec in iter_report_records(args.records, args.seed):
        nbytes += len(rec["narrative"].encode("utf-8"))
    seconds = time.perf_counter() - start
    print(f"iter_report_records({args.records}): {args.records / seconds:,.0f} records/s, "
          f"mean narrative {nbytes / args.records:,.0f} bytes")

    corpus, _ = _timed_generate(args.seed, args.scale)
    _recovery(corpus)


if __name__ == "__main__":
    main()
