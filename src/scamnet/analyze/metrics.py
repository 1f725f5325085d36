"""Classification metrics: precision, recall, F1, confusion matrix, calibration error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "ClassReport", "classification_report", "expected_calibration_error", "per_class_lines",
]


@dataclass(frozen=True)
class ClassReport:
    """Per-class precision/recall/F1/support, macro-F1 and the confusion matrix.

    ``confusion[i][j]`` counts texts of true label ``labels[i]`` predicted as
    ``labels[j]``. Macro-F1 averages over labels that occur in the truth.
    """

    labels: tuple[str, ...]
    precision: dict[str, float]
    recall: dict[str, float]
    f1: dict[str, float]
    support: dict[str, int]
    macro_f1: float
    confusion: list[list[int]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {lab: {"precision": round(self.precision[lab], 4),
                                "recall": round(self.recall[lab], 4),
                                "f1": round(self.f1[lab], 4),
                                "support": self.support[lab]} for lab in self.labels},
            "confusion": {"labels": list(self.labels), "matrix": self.confusion},
        }


def classification_report(truth: Sequence[str], pred: Sequence[str],
                          labels: Sequence[str]) -> ClassReport:
    """Compare ``pred`` to ``truth``; labels outside ``labels`` raise ValueError."""
    if len(truth) != len(pred):
        raise ValueError(f"{len(truth)} truths but {len(pred)} predictions")
    index = {lab: i for i, lab in enumerate(labels)}
    n = len(labels)
    cm = np.zeros((n, n), dtype=np.int64)
    for t, p in zip(truth, pred, strict=True):
        if t not in index or p not in index:
            raise ValueError(f"label outside {list(labels)}: {t!r} / {p!r}")
        cm[index[t], index[p]] += 1
    prec: dict[str, float] = {}
    rec: dict[str, float] = {}
    f1: dict[str, float] = {}
    sup: dict[str, int] = {}
    present = []
    for lab, i in index.items():
        tp = int(cm[i, i])
        col = int(cm[:, i].sum())
        row = int(cm[i, :].sum())
        prec[lab] = tp / col if col else 0.0
        rec[lab] = tp / row if row else 0.0
        f1[lab] = (2 * prec[lab] * rec[lab] / (prec[lab] + rec[lab])
                   if prec[lab] + rec[lab] else 0.0)
        sup[lab] = row
        if row:
            present.append(f1[lab])
    macro = float(np.mean(present)) if present else 0.0
    return ClassReport(tuple(labels), prec, rec, f1, sup, macro, cm.tolist())


def per_class_lines(rep: dict[str, Any], first: str = "label", n_width: int = 6) -> list[str]:
    """The per-class precision/recall/F1/support table of a report's ``to_dict()``, as
    indented text lines; ``first`` heads the label column."""
    out = [f"    {first:<20} {'P':>6} {'R':>6} {'F1':>6} {'n':>{n_width}}"]
    for lab, v in rep["per_class"].items():
        out.append(f"    {lab:<20} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} "
                   f"{v['support']:{n_width}d}")
    return out


def expected_calibration_error(prob: Sequence[float], outcome: Sequence[int],
                               bins: int = 10) -> float:
    """ECE: the support-weighted mean |accuracy - confidence| over equal-width bins
    of the predicted probability of the positive class."""
    p = np.asarray(prob, dtype=np.float64)
    y = np.asarray(outcome, dtype=np.float64)
    if p.size == 0:
        return 0.0
    which = np.minimum((p * bins).astype(np.int64), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            total += sel.sum() * abs(float(y[sel].mean()) - float(p[sel].mean()))
    return total / p.size
