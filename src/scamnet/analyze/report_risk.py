"""Calibrated risk for a whole report or conversation.

A report's uncalibrated score is the highest scam probability of its texts,
raised by the stage priors (:data:`scamnet.analyze.reports.STAGE_PRIOR`). That
number is not a probability for a conversation: one spam-like bank notice in a
benign chat scores as high as a scam. The calibrator maps it, together with
how far along the lifecycle the conversation got, to a probability fitted on
labelled benign and scam conversations:

    p = sigmoid(a * logit(score) + c * stage_rank + b)

with ``stage_rank`` 0 for no stage, 1 for contact … 7 for pressure. This is
Platt scaling with the stage as a second input. Why not isotonic regression:
on the ~80 labelled conversations there are, an isotonic map is a handful of
flat steps and overfits (leave-one-out log-loss about 0.9 on the calibration
part in an exploratory run); why the stage: it separates benign from scam
conversations better than the text score does, and the fit records the
leave-one-out log-loss of both forms (``loo_log_loss``) to show it. Both
slopes are kept non-negative, so risk never falls when the text score or the
stage rises.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze.linear import shipped_model_dir
from scamnet.analyze.stages import STAGES
from scamnet.errors import ConfigError

__all__ = [
    "CALIBRATOR_FILE",
    "CALIBRATOR_NAME",
    "ReportRiskCalibrator",
    "default_report_calibrator",
    "fit_platt",
    "loo_log_loss",
    "stage_rank",
]

CALIBRATOR_FILE = "report_risk.json"
CALIBRATOR_NAME = "report-risk-platt-stage"
#: Scores are clipped to [EPS, 1 - EPS] before the logit, so 0 and 1 stay finite.
EPS = 1e-4
#: L2 penalty on the two slopes (not the intercept): a weak pull towards 0
#: that keeps the fit finite when the calibration part happens to separate.
L2 = 1.0


def stage_rank(stage: str | None) -> int:
    """0 for no stage, 1 for ``contact`` … 7 for ``pressure``."""
    return STAGES.index(stage) + 1 if stage else 0


def _logit(p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    q = np.clip(p, EPS, 1.0 - EPS)
    out: npt.NDArray[np.float64] = np.log(q / (1.0 - q))
    return out


@dataclass(frozen=True)
class ReportRiskCalibrator:
    """Maps (uncalibrated report score, stage) to a calibrated scam probability."""

    name: str
    version: str
    slope_score: float
    slope_stage: float
    intercept: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    def probabilities(self, scores: Sequence[float] | npt.NDArray[np.float64],
                      stages: Sequence[str | None]) -> npt.NDArray[np.float64]:
        """Calibrated probabilities for many reports at once."""
        s = np.asarray(scores, dtype=np.float64)
        r = np.asarray([stage_rank(x) for x in stages], dtype=np.float64)
        if s.shape != r.shape:
            raise ValueError(f"{s.size} scores but {r.size} stages")
        z = self.slope_score * _logit(s) + self.slope_stage * r + self.intercept
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
        return out

    def probability(self, score: float, stage: str | None) -> float:
        """Calibrated probability for one report."""
        return float(self.probabilities([score], [stage])[0])

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "method": "platt",
                "inputs": ["logit(p_scam_uncalibrated)", "stage_rank"],
                "coef": {"score": self.slope_score, "stage": self.slope_stage,
                         "intercept": self.intercept},
                **dict(self.meta)}

    def save(self, path: Path) -> None:
        """Write the calibrator as JSON (what :meth:`load` reads)."""
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")

    @classmethod
    def load(cls, path: Path | None = None) -> ReportRiskCalibrator:
        """Read a calibrator JSON (default: the one shipped in the package)."""
        if path is None:
            path = shipped_model_dir() / CALIBRATOR_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            coef = data["coef"]
            cal = cls(str(data["name"]), str(data["version"]), float(coef["score"]),
                      float(coef["stage"]), float(coef["intercept"]),
                      {k: v for k, v in data.items()
                       if k not in ("name", "version", "method", "inputs", "coef")})
        except FileNotFoundError as exc:
            raise ConfigError(f"report risk calibrator not found at {path}; run "
                              "`scamnet fit-report-risk`") from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"bad report risk calibrator {path}: {exc}") from exc
        if cal.slope_score < 0 or cal.slope_stage < 0:
            raise ConfigError(f"report risk calibrator {path} has a negative slope")
        return cal

    @classmethod
    def fit(cls, scores: Sequence[float], stages: Sequence[str | None],
            outcomes: Sequence[int], meta: Mapping[str, Any]) -> ReportRiskCalibrator:
        """Fit on labelled reports (outcome 1 = scam); ``meta`` describes the data.

        The version is a hash of the coefficients and ``meta``, so the same
        data and models give the same version.
        """
        x = np.column_stack([_logit(np.asarray(scores, dtype=np.float64)),
                             np.asarray([stage_rank(s) for s in stages], dtype=np.float64)])
        y = np.asarray(outcomes, dtype=np.int64)
        a, c, b = fit_platt(x, y)
        # Leave-one-out log-loss of this form and of score-only Platt scaling:
        # the evidence for adding the stage, kept with the fit.
        meta = {**meta, "loo_log_loss": {
            "score+stage": round(loo_log_loss(x, y), 4),
            "score_only": round(loo_log_loss(np.column_stack([x[:, 0], np.zeros(len(y))]), y),
                                4)}}
        body = json.dumps({"coef": [round(a, 10), round(c, 10), round(b, 10)], **meta},
                          sort_keys=True, ensure_ascii=False)
        version = hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
        return cls(CALIBRATOR_NAME, version, a, c, b, dict(meta))


def fit_platt(x: npt.NDArray[np.float64], y: npt.NDArray[np.int64],
              l2: float = L2) -> tuple[float, float, float]:
    """Logistic fit of ``y`` on the two columns of ``x``: (slope 1, slope 2, intercept).

    Uses Platt's smoothed targets ((n+ + 1)/(n+ + 2) for positives,
    1/(n- + 2) for negatives) so a small sample never yields 0 or 1, an L2
    penalty on the slopes, and Newton steps with the slopes projected to be
    non-negative (monotone risk). Deterministic. Needs both outcomes present.
    """
    if x.ndim != 2 or x.shape[1] != 2 or x.shape[0] != y.shape[0]:
        raise ValueError(f"x has shape {x.shape}, y has {y.shape[0]} outcomes")
    n1 = int((y == 1).sum())
    n0 = int((y == 0).sum())
    if n1 == 0 or n0 == 0 or n1 + n0 != y.size:
        raise ValueError("need outcomes 0 and 1, and nothing else, to fit")
    t = np.where(y == 1, (n1 + 1) / (n1 + 2), 1.0 / (n0 + 2))
    xb = np.column_stack([x, np.ones(x.shape[0])])
    k = xb.shape[1]
    penalty = np.eye(k) * l2
    penalty[-1, -1] = 0.0
    w = np.zeros(k)
    for _ in range(200):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -50.0, 50.0)))
        grad = xb.T @ (p - t) + penalty @ w
        hess = (xb * (p * (1.0 - p))[:, None]).T @ xb + penalty + np.eye(k) * 1e-9
        step = np.linalg.solve(hess, grad)
        w_new = w - step
        w_new[:-1] = np.maximum(w_new[:-1], 0.0)
        if float(np.max(np.abs(w_new - w))) < 1e-12:
            w = w_new
            break
        w = w_new
    return float(w[0]), float(w[1]), float(w[2])


def loo_log_loss(x: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> float:
    """Leave-one-out log-loss of :func:`fit_platt` on (x, y)."""
    xb = np.column_stack([x, np.ones(x.shape[0])])
    losses = []
    for i in range(y.size):
        keep = np.arange(y.size) != i
        w = np.asarray(fit_platt(x[keep], y[keep]))
        p = float(np.clip(1.0 / (1.0 + np.exp(-(xb[i] @ w))), 1e-12, 1 - 1e-12))
        losses.append(-np.log(p) if y[i] == 1 else -np.log(1.0 - p))
    return float(np.mean(losses))


@functools.cache
def default_report_calibrator() -> ReportRiskCalibrator:
    """The shipped report risk calibrator, loaded on first call and kept."""
    return ReportRiskCalibrator.load()
