"""Classification speed and model load time (prints figures; noisy on a shared machine).

Run: .venv/bin/python benchmarks/bench_classify.py [N] [--norm NORM]
Texts come from the shared data sets when present (../shared/data), else from
the curated eval messages, shuffled with a fixed seed so that any slice mixes
the languages; they are repeated to N (default 50,000).

Last, ``scamnet classify FILE --json`` end to end, as a user runs it (a new
process reading JSON lines and writing results to a file): on 1 line (the
start-up), N and 2N lines. The difference between the last two is the rate
once started, by wall clock and by the process's CPU time.

``--norm NORM`` (count, l2, log-l2; features.FeatureSpec.norm) scores with that
n-gram norm on the shipped classifier's other settings: the scores are
meaningless (its weights were trained on its own norm), the speed is the point.
The end-to-end CLI run, which loads the shipped model as it is, is then skipped.
``SCAMNET_PURE_PYTHON=1`` runs the numpy featuriser and scipy product instead of
the C kernels.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _texts(n: int) -> list[str]:
    from scamnet.analyze.datasets import load_curated, load_real_sets

    shared = REPO.parent / "shared" / "data"
    texts: list[str] = []
    if shared.is_dir():
        items, _ = load_real_sets(shared)
        texts = [t.text for t in items]
    if not texts:
        items, _ = load_curated(REPO / "data" / "conversations" / "eval" / "messages.tsv")
        texts = [t.text for t in items]
    # Shuffled (fixed seed) so that every slice mixes the sets' languages; the
    # sets are stored one language after another, English first.
    random.Random(20261128).shuffle(texts)
    return (texts * (n // len(texts) + 1))[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("n", nargs="?", type=int, default=50_000, help="texts (default 50,000)")
    ap.add_argument("--norm", help="n-gram norm to score with instead of the model's")
    args = ap.parse_args()
    n = args.n
    t0 = time.perf_counter()
    from scamnet.analyze.classifier import ScamClassifier

    t1 = time.perf_counter()
    clf = ScamClassifier.load()
    t2 = time.perf_counter()
    print(f"import {t1 - t0:.3f} s, classifier model load {t2 - t1:.3f} s")
    meta = clf.model.meta
    models = REPO / "src" / "scamnet" / "analyze" / "models"
    size = (models / str(meta["weights_file"])).stat().st_size
    print(f"classifier {clf.name} {clf.version}: {clf.model.weights.shape[0]} buckets, "
          f"features {meta.get('features')}, weights file {size / 1e6:.1f} MB")
    if args.norm:
        from dataclasses import replace

        from scamnet.analyze import features, native

        clf.model.spec = replace(clf.model.spec, norm=args.norm)
        path = "C" if native.enabled() and features._native_fits(clf.model.spec) else "numpy"
        print(f"scoring with norm {args.norm!r} (scores meaningless, speed only); "
              f"featuriser: {path}")
    from scamnet.analyze.stages import StageModel

    t3 = time.perf_counter()
    StageModel.load()
    print(f"stage model load {time.perf_counter() - t3:.3f} s")
    from scamnet.analyze.language import detect_language, warm_up

    t4 = time.perf_counter()
    warm_up()  # lingua loads its n-gram models on first use; CLD2's are compiled in
    detect_language("hello, how are you")
    print(f"language models (CLD2; lingua, 8 Latin languages) load "
          f"{time.perf_counter() - t4:.3f} s")

    texts = _texts(n)
    mean_len = sum(len(t) for t in texts) / len(texts)
    print(f"{n} texts, mean {mean_len:.0f} characters")
    clf.scores(texts[:2000])  # warm caches
    for batch in (1, 256, 4096):
        k = min(n, 5000 if batch == 1 else n)
        t = time.perf_counter()
        for i in range(0, k, batch):
            clf.scores(texts[i:i + batch])
        dt = time.perf_counter() - t
        print(f"scores, batch {batch:>5}: {k / dt:,.0f} texts/s (one core)")
    t = time.perf_counter()
    for i in range(0, n, 4096):
        clf.model.featurise(texts[i:i + 4096])
    print(f"featurise alone, batch  4096: {n / (time.perf_counter() - t):,.0f} texts/s")
    k = min(n, 5000)
    t = time.perf_counter()
    clf.classify(texts[:k], language=False, explain=5)
    print(f"classify with 5 reasons, no language: {k / (time.perf_counter() - t):,.0f} texts/s")
    t = time.perf_counter()
    for x in texts[:k]:
        detect_language(x)
    print(f"detect_language: {k / (time.perf_counter() - t):,.0f} texts/s")
    t = time.perf_counter()
    clf.classify(texts[:k], language=True, explain=5)
    print(f"classify, full CLI result (language + 5 reasons): "
          f"{k / (time.perf_counter() - t):,.0f} texts/s")
    from scamnet.analyze import language

    methods: dict[str, int] = {}
    quick = 0
    for x in texts[:k]:
        res = detect_language(x)
        methods[res.method] = methods.get(res.method, 0) + 1
    before = language._LATIN.detect
    calls = [0]

    def counted(text: str) -> tuple[str, float]:
        calls[0] += 1
        return before(text)

    language._LATIN.detect = counted  # type: ignore[method-assign]
    for x in texts[:k]:
        detect_language(x)
    language._LATIN.detect = before  # type: ignore[method-assign]
    quick = methods.get("model", 0) - calls[0]
    print(f"language decided by: {dict(sorted(methods.items()))}; of the 'model' ones, "
          f"CLD2 {quick}, lingua {calls[0]}")
    if not args.norm:
        _cli(texts)


def _run_cli(lines: list[str], workdir: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``scamnet classify --json`` over ``lines``."""
    src = workdir / f"in-{len(lines)}.jsonl"
    src.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in lines),
                   encoding="utf-8")
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with (workdir / "out.jsonl").open("wb") as out:
        subprocess.run([sys.executable, "-m", "scamnet", "classify", "--json", str(src)],
                       stdout=out, check=True)
    wall = time.perf_counter() - t
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)


def _cli(texts: list[str]) -> None:
    n = len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = _run_cli(texts[:1], work)
        full = _run_cli(texts, work)
        double = _run_cli(texts + texts, work)
    print(f"scamnet classify --json, end to end: 1 line {one[0]:.2f} s wall ({one[1]:.2f} s CPU), "
          f"{n} lines {full[0]:.2f} s ({full[1]:.2f}), {2 * n} lines {double[0]:.2f} s "
          f"({double[1]:.2f}): once started {n / (double[0] - full[0]):,.0f} lines/s wall, "
          f"{n / (double[1] - full[1]):,.0f} lines per CPU-second")


if __name__ == "__main__":
    main()
