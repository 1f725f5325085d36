"""Stage model speed, and (with --cv) its cross-validated quality on the development set.

Run: .venv/bin/python benchmarks/bench_stages.py [--cv]
Speed: every conversation of data/conversations/blind/calibration (never used to fit
the stage model), staged twice: first with an empty embedding cache, then again
(the encoder caches texts it has seen). Figures are noisy on a shared machine.
--cv: out-of-fold stage macro-F1 on the development conversations (train, eval,
blind/eval, blind2/eval, blind3/eval), by scenario folds and by leaving each file
(set) out; takes 15-25 minutes on a shared 2-core machine. Never reads the
held-out blind4 set (nor calibration2).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CURATED = REPO / "data" / "conversations"


def main() -> None:
    t0 = time.perf_counter()
    from scamnet.analyze.stages import StageModel, read_conversations, stage_conversation

    model = StageModel.load()
    enc = model.encoder
    t1 = time.perf_counter()
    print(f"stage model + encoder load {t1 - t0:.2f} s ({model.name} {model.version})")
    convs = read_conversations(CURATED / "blind" / "calibration" / "conversations.txt")
    n = sum(len(c.messages) for c in convs)
    for label in ("cold cache", "warm cache"):
        t = time.perf_counter()
        for c in convs:
            stage_conversation([body for _, _, body in c.messages], model=model, explain=0)
        dt = time.perf_counter() - t
        print(f"{label}: {len(convs)} conversations, {n} messages in {dt:.2f} s = "
              f"{n / dt:.0f} messages/s")
    if enc is not None:
        texts = [f"message number {k}: I sent the deposit" for k in range(256)]
        t = time.perf_counter()
        enc.encode(texts)
        dt = time.perf_counter() - t
        print(f"encoder alone: {len(texts) / dt:.0f} new texts/s")
    if "--cv" in sys.argv:
        from scamnet.analyze.stage_training import (
            cross_validate_stages,
            development_files,
            load_development_set,
        )

        dev = load_development_set(development_files(CURATED))
        for scheme in ("scenario", "set"):
            t = time.perf_counter()
            rep = cross_validate_stages(dev, scheme=scheme)
            rep["seconds"] = round(time.perf_counter() - t, 1)
            print(json.dumps(rep))


if __name__ == "__main__":
    main()
