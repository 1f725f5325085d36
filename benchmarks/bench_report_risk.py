"""Report risk calibrator candidates compared on the fitting sets and, out of fold, on the
stage model's development sets.

Run: .venv/bin/python benchmarks/bench_report_risk.py [--oof FILE.npz] [--json OUT]
Fitting sets: conversation_risk.FIT_SETS (scored with the shipped classifier and stage
model: no stage model is fitted on them). Development sets
(stage_training.development_files: train, eval, blind/eval, blind2 ... blind10) are
scored with out-of-fold stage results: each set's cue probabilities come from a stage
model fitted on the other sets (stage_training.out_of_fold_cue_probabilities, `set`
scheme). Computing those takes 10-20 minutes on a shared 2-core machine; --oof reads
them from (or, when missing, writes them to) FILE.npz. For each candidate: leave-one-
set-out log-loss over the fitting sets (each predicted by the candidate fitted on the
others), leave-one-out log-loss, and per set ECE, AUC and P/R/FPR at risk >= 50 (fitting
sets out of set; development sets predicted by the candidate fitted on all fitting
sets). The selection rule is written in docs/analysis.md (round 10 under "Risk").
Never reads a held-out set: conversation_risk refuses every numbered blind set but
blind11.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CURATED = REPO / "data" / "conversations"

#: Candidate forms: name -> inputs ("shipped" is the shipped calibrator, not refitted).
BASE = ("score", "stage", "excess:recruitment", "excess:phishing", "excess:impersonation",
        "excess:advance_fee")
CANDIDATES: dict[str, tuple[str, ...]] = {
    "previous calibrator unchanged (--previous)": (),
    "shipped form refitted": BASE,
    "+ scam_share": (*BASE, "scam_share"),
    "+ cue_share": (*BASE, "cue_share"),
    "+ money_cue_share": (*BASE, "money_cue_share"),
    "+ money_cues (<= 3)": (*BASE, "money_cues"),
    "+ one_sided": (*BASE, "one_sided"),
    "+ scam_share + money_cues": (*BASE, "scam_share", "money_cues"),
    "+ scam_share + cue_share": (*BASE, "scam_share", "cue_share"),
    "+ scam_share + money_cues + one_sided": (*BASE, "scam_share", "money_cues", "one_sided"),
    "+ cue_share + money_cues": (*BASE, "cue_share", "money_cues"),
    "+ cue_share + money_cue_share": (*BASE, "cue_share", "money_cue_share"),
    "+ cue_share + one_sided": (*BASE, "cue_share", "one_sided"),
    "score + stage + cue_share (no excess)": ("score", "stage", "cue_share"),
    "score + stage + scam_share + money_cues (no excess)": (
        "score", "stage", "scam_share", "money_cues"),
}


def _oof_probabilities(path: Path | None) -> dict[str, dict[tuple[str, ...], Any]]:
    """Per development set, the out-of-fold cue probabilities of each conversation
    (keyed by its texts)."""
    from scamnet.analyze.stage_training import (
        STAGE_JUNK,
        development_files,
        load_development_set,
        out_of_fold_cue_probabilities,
    )

    if path is not None and path.is_file():
        data = np.load(path, allow_pickle=True)
        probs, conv_of = data["probs"], data["conv_of"]
        sets, texts = [str(s) for s in data["sets"]], [str(t) for t in data["texts"]]
    else:
        dev = load_development_set(development_files(CURATED), junk=STAGE_JUNK)
        probs = out_of_fold_cue_probabilities(dev, scheme="set")
        conv_of, sets, texts = dev.conversation_of, dev.sets, dev.texts
        if path is not None:
            np.savez_compressed(path, probs=probs, conv_of=conv_of, sets=np.asarray(sets),
                                texts=np.asarray(texts, dtype=object))
    out: dict[str, dict[tuple[str, ...], Any]] = {}
    for ci, name in enumerate(sets):
        rows = np.flatnonzero(conv_of == ci)
        out.setdefault(name, {})[tuple(texts[r] for r in rows)] = probs[rows]
    out.pop("synthetic/junk", None)
    return out


def _scored_sets(oof: Path | None, with_dev: bool
                 ) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Features, outcomes and types of the fitting sets and the development sets."""
    from scamnet.analyze import conversation_risk as cr
    from scamnet.analyze.stage_training import _set_name, development_files
    from scamnet.analyze.stages import StageModel, default_stage_model, read_conversations

    fit: dict[str, list[Any]] = {}
    for part, path in zip(cr.FIT_SETS, cr.default_fit_files(CURATED), strict=True):
        fxs = cr._fit_part(path)
        types = cr.read_types(path.with_name("types.tsv"))
        scored = cr.score_conversations(fxs, calibrator=cr.UNCALIBRATED)
        fit[part] = [(s.features, int(s.scam), types.get(s.id), s) for s in scored]
    if not with_dev:
        return fit, {}
    table = _oof_probabilities(oof)
    base = default_stage_model()

    class OutOfFold(StageModel):
        """The shipped stage model's n-gram explanations, out-of-fold cue probabilities."""

        def __init__(self, probs: dict[tuple[str, ...], Any]) -> None:
            super().__init__(base.model, None)
            self.probs = probs

        def cue_probabilities(self, texts: Any) -> Any:
            return self.probs[tuple(texts)]

    dev: dict[str, list[Any]] = {}
    for path in development_files(CURATED):
        name = _set_name(path)
        # train/ and eval/ carry no benign/scam label: nothing to score risk on
        fxs = [fx for fx in read_conversations(path) if fx.label is not None]
        if not fxs:
            continue
        scored = cr.score_conversations(fxs, stage_model=OutOfFold(table[name]),
                                        calibrator=cr.UNCALIBRATED)
        dev[name] = [(s.features, int(s.scam), None, s) for s in scored]
    return fit, dev


def _log_loss(p: Any, y: Any) -> float:
    q = np.clip(np.asarray(p, dtype=np.float64), 1e-12, 1 - 1e-12)
    t = np.asarray(y)
    return float(np.mean(-(t * np.log(q) + (1 - t) * np.log(1 - q))))


def _figures(p: Any, y: Any) -> dict[str, Any]:
    from scamnet.analyze.conversation_risk import _quality

    q = _quality(list(map(float, p)), [bool(v) for v in y], 10)
    return {"n": len(y), "log_loss": round(_log_loss(p, y), 4), "ece": q["ece"],
            "auc": q["auc"], "precision": q["precision"], "recall": q["recall"],
            "fpr": q["false_positive_rate"], "fp": q["false_positives"], "benign": q["benign"]}


def _candidate(name: str, inputs: tuple[str, ...], fit: dict[str, list[Any]],
               dev: dict[str, list[Any]], previous: Path | None) -> dict[str, Any]:
    from scamnet.analyze.report_risk import (
        ReportRiskCalibrator,
        fit_platt,
        input_penalties,
        loo_log_loss,
    )

    def design(rows: list[Any], names: tuple[str, ...]) -> Any:
        return np.asarray([r[0].vector(names) for r in rows], dtype=np.float64).reshape(
            len(rows), len(names))

    def predict(w: tuple[float, ...], x: Any) -> Any:
        z = x @ np.asarray(w[:-1]) + w[-1]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))

    every = [r for rows in fit.values() for r in rows]
    y_all = np.asarray([r[1] for r in every], dtype=np.int64)
    out: dict[str, Any] = {"name": name, "inputs": list(inputs), "sets": {}}
    if not inputs:  # a calibrator file as it is: nothing refitted
        cal = ReportRiskCalibrator.load(previous)
        out["name"] = f"{name[:-13]} {cal.version}"
        pooled_p: list[float] = []
        dev_p: list[float] = []
        for part, rows in [*fit.items(), *dev.items()]:
            p = cal.probabilities([r[0] for r in rows])
            out["sets"][part] = _figures(p, [r[1] for r in rows])
            (pooled_p if part in fit else dev_p).extend(p.tolist())
        if dev_p:
            out["dev_pooled"] = _figures(dev_p, [r[1] for rows in dev.values() for r in rows])
        out["loso_log_loss"] = round(_log_loss(pooled_p, y_all), 4)
        out["loo_log_loss"] = None
        out["pooled"] = _figures(pooled_p, y_all)
        out["coef"] = dict(zip(cal.inputs, cal.coef, strict=True)) | {
            "intercept": cal.intercept}
        return out
    pen = input_penalties(inputs)
    pooled_p, pooled_y = [], []
    for part, rows in fit.items():
        train = [r for q, rs in fit.items() if q != part for r in rs]
        w = fit_platt(design(train, inputs), np.asarray([r[1] for r in train]), pen)
        p = predict(w, design(rows, inputs))
        out["sets"][part] = _figures(p, [r[1] for r in rows])
        pooled_p.extend(p.tolist())
        pooled_y.extend(r[1] for r in rows)
    out["loso_log_loss"] = round(_log_loss(pooled_p, pooled_y), 4)
    out["pooled"] = _figures(pooled_p, pooled_y)
    x_all = design(every, inputs)
    out["loo_log_loss"] = round(loo_log_loss(x_all, y_all, pen), 4)
    w = fit_platt(x_all, y_all, pen)
    out["coef"] = dict(zip(inputs, [round(v, 4) for v in w[:-1]], strict=True)) | {
        "intercept": round(w[-1], 4)}
    dev_p = []
    for part, rows in dev.items():
        p = predict(w, design(rows, inputs))
        out["sets"][part] = _figures(p, [r[1] for r in rows])
        dev_p.extend(p.tolist())
    if dev_p:
        out["dev_pooled"] = _figures(dev_p, [r[1] for rows in dev.values() for r in rows])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--oof", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--previous", type=Path, default=None,
                    help="a calibrator JSON scored as it is (default: the shipped one)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="pickle of the scored sets: read when present, else written")
    ap.add_argument("--no-dev", action="store_true",
                    help="only the fitting sets (no out-of-fold stage results needed)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.cache is not None and args.cache.is_file():
        fit, dev = pickle.loads(args.cache.read_bytes())
    else:
        fit, dev = _scored_sets(args.oof, not args.no_dev)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((fit, dev)))
    t1 = time.perf_counter()
    results = [_candidate(n, i, fit, dev, args.previous) for n, i in CANDIDATES.items()]
    t2 = time.perf_counter()
    print(f"fitting sets: {', '.join(f'{k} {len(v)}' for k, v in fit.items())}; "
          f"development sets (out-of-fold stages): {sum(len(v) for v in dev.values())} "
          f"conversations; scoring {t1 - t0:.0f} s, candidates {t2 - t1:.0f} s "
          "(shared machine, noisy)")
    print("| candidate | LOSO log-loss | LOO log-loss | pooled out-of-set ECE | AUC | P | R | "
          "FPR at >= 50 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        q = r["pooled"]
        loo = f"{r['loo_log_loss']:.4f}" if r["loo_log_loss"] is not None else "-"
        print(f"| {r['name']} | {r['loso_log_loss']:.4f} | {loo} | {q['ece']:.3f} | "
              f"{q['auc']:.3f} | {q['precision']:.3f} | {q['recall']:.3f} | {q['fpr']:.3f} "
              f"({q['fp']}/{q['benign']}) |")
    names = [*fit, *dev]
    print("\nper set (log-loss / ECE / AUC / P / R / FPR at >= 50):")
    for r in results:
        print(f"{r['name']}: coef {r['coef']}")
        for part in names:
            f = r["sets"][part]
            print(f"    {part:<18} n {f['n']:3d}  LL {f['log_loss']:.3f}  ECE {f['ece']:.3f}  "
                  f"AUC {f['auc']:.3f}  P {f['precision']:.3f}  R {f['recall']:.3f}  "
                  f"FPR {f['fpr'] if f['fpr'] is not None else float('nan'):.3f} "
                  f"({f['fp']}/{f['benign']})")
    dev_rows = [r for rows in dev.values() for r in rows]
    if not dev_rows:
        return
    print(f"\ndevelopment sets pooled ({len(dev_rows)} conversations, "
          f"{sum(1 for r in dev_rows if r[1] == 0)} benign), fitted on all fitting sets:")
    for r in results:
        q = r["dev_pooled"]
        print(f"    {r['name']:<52} LL {q['log_loss']:.4f}  ECE {q['ece']:.3f}  "
              f"AUC {q['auc']:.3f}  P {q['precision']:.3f}  R {q['recall']:.3f}  "
              f"FPR {q['fpr']:.3f} ({q['fp']}/{q['benign']})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
