"""Stage model speed, and (with --cv) its cross-validated quality on the development set.

Run: .venv/bin/python benchmarks/bench_stages.py [--cv [--variants NORM:JUNK[:C[:NONE]],...]
     [--rules STRONG:MESSAGES:LATER,...] [--schemes scenario,set]]
Speed: every conversation of data/conversations/blind/calibration (never used to fit
the stage model), staged twice: first with an empty embedding cache, then again
(the encoder caches texts it has seen), then the n-gram half of the model alone
(featuriser and weights, no encoder). Figures are noisy on a shared machine.
--cv: out-of-fold stage macro-F1 on the development conversations
(stage_training.development_files: train, eval, blind/eval and blind2/eval to
blind10/eval), by scenario folds and by leaving each file (set) out (--schemes picks
one or both); takes 20-40 minutes per variant on a shared 2-core machine. --variants
runs the CV once per listed variant, reusing the embeddings: NORM is the n-gram norm
(FeatureSpec.norm: count, l2, log-l2), JUNK how many synthetic junk messages join
every training fold (stage_training.STAGE_JUNK), C the inverse L2 strength (STAGE_C)
and NONE the weight of the cue "none" relative to its class-balanced weight
(STAGE_NONE_WEIGHT); left out, C and NONE are the shipped ones; default: the shipped
recipe. --rules reports, from the same out-of-fold cue probabilities, each listed
decoding rule (stages.StageSupport: a money stage counts when one message shows it
at STRONG or more, or MESSAGES messages show it, or with LATER 1 it or a later
stage; STRONG 0 is the rule until 2.6.0, every shown stage); default: the shipped
rule. Never reads the held-out blind11 set (nor calibration2): the training code
refuses them.
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
    # The n-gram half of the model alone (featuriser and weights; the encoder
    # is the rest), repeated to a second or more so that the figure is stable.
    bodies = [body for c in convs for _, _, body in c.messages]
    rounds, t = 0, time.perf_counter()
    while rounds == 0 or time.perf_counter() - t < 1.0:
        model.model.logits(bodies)
        rounds += 1
    dt = time.perf_counter() - t
    print(f"n-gram part alone ({model.model.spec.norm} norm): {rounds * len(bodies) / dt:,.0f} "
          f"messages/s")
    if enc is not None:
        texts = [f"message number {k}: I sent the deposit" for k in range(256)]
        t = time.perf_counter()
        enc.encode(texts)
        dt = time.perf_counter() - t
        print(f"encoder alone: {len(texts) / dt:.0f} new texts/s")
    if "--cv" in sys.argv:
        from dataclasses import replace

        from scamnet.analyze.stage_training import (
            STAGE_C,
            STAGE_FEATURES,
            STAGE_JUNK,
            STAGE_NONE_WEIGHT,
            STAGE_SUPPORT,
            cross_validate_stages,
            development_files,
            load_development_set,
        )

        variants = [(STAGE_FEATURES.norm, STAGE_JUNK, STAGE_C, STAGE_NONE_WEIGHT)]
        if "--variants" in sys.argv:
            variants = []
            for v in sys.argv[sys.argv.index("--variants") + 1].split(","):
                f = v.split(":")
                variants.append((f[0], int(f[1]), float(f[2]) if len(f) > 2 else STAGE_C,
                                 float(f[3]) if len(f) > 3 else STAGE_NONE_WEIGHT))
        rules = [STAGE_SUPPORT]
        if "--rules" in sys.argv:
            from scamnet.analyze.stages import StageSupport

            rules = []
            for v in sys.argv[sys.argv.index("--rules") + 1].split(","):
                f = v.split(":")
                rules.append(StageSupport(float(f[0]), int(f[1]), f[2] == "1"))
        schemes = ["scenario", "set"]
        if "--schemes" in sys.argv:
            schemes = sys.argv[sys.argv.index("--schemes") + 1].split(",")
        if len({v[1] for v in variants} - {0}) > 1:
            raise SystemExit("--variants: at most one junk count besides 0")
        dev = load_development_set(development_files(CURATED),
                                   junk=max(v[1] for v in variants))
        for norm, junk, c, none_weight in variants:
            part = dev.without_junk() if junk == 0 else dev
            for scheme in schemes:
                t = time.perf_counter()
                rep = cross_validate_stages(part, scheme=scheme, c=c, none_weight=none_weight,
                                            features=replace(STAGE_FEATURES, norm=norm),
                                            rules=rules)
                rep["seconds"] = round(time.perf_counter() - t, 1)
                print(json.dumps(rep), flush=True)


if __name__ == "__main__":
    main()
