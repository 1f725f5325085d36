"""Calibrated risk and scam type for a whole report or conversation.

A report's uncalibrated score is the highest scam probability of its texts,
raised by the stage priors (:data:`scamnet.analyze.reports.STAGE_PRIOR`). That
number is not a probability for a conversation: one spam-like bank notice in a
benign chat scores as high as a scam. The calibrator maps it, together with
how far along the lifecycle the conversation got and how strongly its texts
read as the scam kinds that have no lifecycle (recruitment lures, phishing,
impersonation, advance fee), to a probability fitted on labelled benign and
scam conversations:

    p = sigmoid(a * logit(score) + c * stage_rank + sum_t w_t * excess_t
                + e * cue_share + f * money_cue_share + b)

``stage_rank`` is 0 for no stage, 1 for contact … 7 for pressure. The "type
mass" ``mass_t`` is the highest ``p_scam * share of type t`` over the
report's texts (how scam-like the most scam-like text of that kind is), and
``excess_t = 2 * max(0, mass_t - 0.5)`` the part of it above one half: on the
calibration conversations, masses below one half are as common in benign
chats (bank notices, genuine recruiters) as in scams, masses above it almost
only in scams of that type. Why the masses: a recruitment lure or a phishing
chat never reaches a pitch or a deposit, so with the score and the stage
alone it was left below 0.5 (the score says little on its own, because
benign notices look like SMS scams to the classifier).

``scam_texts`` is a soft count of the report's scam-like texts: each text
adds ``2 * max(0, p_scam - 0.5)``, 0 for a text at one half or below, 1 for
a certain one (an input of the calibrator fitted on stage model 2.6.0);
``scam_share`` is that count divided by the number of texts, which does
not grow with the length of a chat. Neither is an input since stage model
2.7.0: once a money stage needs support, neither lowers the leave-one-out
log-loss (the share's slope is fitted to 0), so the calibrator is back to
the score, the stage and the excess masses. The score
is the single most scam-like text, so a chat whose every message reads as a
scam (a police impersonation of three threatening messages) said no more
than a benign chat with one spam-like bank notice: the calibrator had no
input for "many or all texts are scam-like". On the calibration
conversations the soft count averages 0.81 (median 0.59) in benign chats
and 2.52 (median 2.10) in scams (which are also longer: 7.5 texts against
5.2). Chosen among the mean probability, the share and the number of texts
at or above one half, the summed type shares of the no-lifecycle kinds, the
second-highest and the lowest probability and a stage x score interaction
by leave-one-out log-loss on the calibration sets (docs/analysis.md).

Since session 10 the calibrator also reads how much of the chat as a whole
looks like a scam lifecycle to the stage model: ``cue_share``, the texts
that show a stage cue (with support or not) divided by their number plus
:data:`CUE_PRIOR`, and ``money_cue_share``, the share that show a money
stage's cue. Fitted on the calibration sets and blind11 (whose benign
chats are long and full of legitimate money talk, and 66 of whose 80
benign chats hold a text the SMS-trained classifier calls a scam), they
lower the leave-one-set-out log-loss from 0.3733 to 0.2889: a lone
scam-like notice in a chat whose other texts show no cue weighs less.
``one_sided`` (the largest part of the soft count one sender wrote) and
``money_cues`` are available inputs, unused (docs/analysis.md, round 10).

Every slope is kept non-negative, so risk never falls when the score, the
stage, a type mass, a cue share or the count of scam-like texts rises. L2 keeps the fit
finite on the few hundred labelled conversations there are (1.0 on the
score, stage and ``scam_texts`` slopes; 0.1 on the excess slopes, whose
inputs are 0 for most conversations and need a large weight to matter;
chosen by leave-one-out and leave-one-set-out log-loss). Why not isotonic
regression: on so few conversations an isotonic map is a handful of flat
steps and overfits. The fit records the leave-one-out log-loss of its form,
of the form before it (with ``scam_texts``), of the form with
``scam_share`` and of the score+stage form (``loo_log_loss``).

The conversation's scam type (``scam_type`` of a flagged report) comes from a
small multinomial model over the same texts: its logits are ``beta *
log(type share)`` (the classifier's type distribution over the texts,
weighted by each text's scam probability) plus, per type, a weight on "has a
lifecycle stage", one on "reached the money stages", one on the score and a
bias, all pulled towards 0 (and ``beta`` towards 1) by L2. With no data it
is the classifier's own opinion; the labelled conversations teach it, for
example, that a chat in the pig-butchering lifecycle is ``investment`` even
while its messages read as romance.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze.classifier import SCAM_TYPES
from scamnet.analyze.linear import shipped_model_dir
from scamnet.analyze.stages import MONEY_STAGES, STAGES
from scamnet.errors import ConfigError

__all__ = [
    "BASELINE_INPUTS",
    "CALIBRATOR_FILE",
    "CALIBRATOR_NAME",
    "CUE_INPUTS",
    "CUE_PRIOR",
    "ConversationFeatures",
    "DEFAULT_INPUTS",
    "INPUT_NAMES",
    "PREVIOUS_INPUTS",
    "RECORDED_FORMS",
    "ReportRiskCalibrator",
    "SCAM_TEXTS_INPUTS",
    "SHARE_INPUTS",
    "TypeModel",
    "conversation_features",
    "default_report_calibrator",
    "fit_platt",
    "fit_type_model",
    "input_penalties",
    "loo_log_loss",
    "loo_type_accuracy",
    "loso_log_loss",
    "stage_rank",
]

CALIBRATOR_FILE = "report_risk.json"
CALIBRATOR_NAME = "report-risk-features"
#: Scores are clipped to [EPS, 1 - EPS] before the logit, so 0 and 1 stay finite.
EPS = 1e-4
#: L2 penalty on the slopes (not the intercept): a pull towards 0 that keeps the
#: fit finite when the calibration data happen to separate.
L2 = 1.0
#: L2 penalty on the slopes of the ``excess:*`` inputs (see the module docstring).
EXCESS_L2 = 0.1
#: L2 penalty of the type model (on its stage weights and biases, and on beta - 1).
TYPE_L2 = 1.0
#: Coefficients are rounded to this many decimals, so a refit on another
#: machine (other BLAS, other rounding of the last bits) writes the same file.
DECIMALS = 8
#: The inputs of the calibrators of stage models 2.3.0 to 2.5.0 and 2.7.0 up
#: to session 10 (``00342b551809``): the uncalibrated score, the stage and
#: the excess type masses of the scam kinds that have no lifecycle stage.
PREVIOUS_INPUTS: tuple[str, ...] = (
    "score", "stage", "excess:recruitment", "excess:phishing", "excess:impersonation",
    "excess:advance_fee")
#: Inputs of the risk calibrator since session 10: the previous ones, the
#: share of texts that show a stage cue (``cue_share``: "the chat as a whole
#: reads like a scam lifecycle" in the stage model's eyes, see
#: :data:`CUE_PRIOR`) and the share that show a money stage's cue
#: (``money_cue_share``). Chosen by leave-one-set-out log-loss over the
#: calibration sets and blind11 (0.2889, against 0.3733 for the previous form
#: refitted on the same sets), then the out-of-set false-positive rate:
#: docs/analysis.md, round 10.
DEFAULT_INPUTS: tuple[str, ...] = (*PREVIOUS_INPUTS, "cue_share", "money_cue_share")
#: The inputs of the calibrator of stage model 2.6.0 (with the soft count
#: ``scam_texts``), the same with the length-free share instead, and the
#: previous form with ``cue_share`` alone: their leave-one-out (and
#: leave-one-set-out) log-loss is recorded beside the current form's.
SCAM_TEXTS_INPUTS: tuple[str, ...] = (*PREVIOUS_INPUTS, "scam_texts")
SHARE_INPUTS: tuple[str, ...] = (*PREVIOUS_INPUTS, "scam_share")
CUE_INPUTS: tuple[str, ...] = (*PREVIOUS_INPUTS, "cue_share")
#: ``cue_share`` counts a report as if it had this many more texts without a
#: stage cue: a two-sentence report of small talk whose sentences both read
#: as rapport (a victim narrative "Lunch with my sister was nice. We talked
#: about the weather.") got share 1 and risk 73 with the plain share (0 here);
#: with 2 its share is 0.5. Costs about 0.015 leave-one-set-out log-loss
#: (0.2734 -> 0.2884 for the form with ``one_sided``), docs/analysis.md, round 10.
CUE_PRIOR = 2
#: ``money_cues`` counts at most this many messages with a money stage's cue:
#: past a few, more say little and would only reward long chats.
MONEY_CUES_CAP = 3
#: The first form (calibrator ``report-risk-platt-stage``); its
#: leave-one-out log-loss is recorded too.
BASELINE_INPUTS: tuple[str, ...] = ("score", "stage")
#: The forms whose leave-one-out (and leave-one-set-out) log-loss a fit
#: records beside its own: the evidence for its form, kept with the fit.
RECORDED_FORMS: tuple[tuple[str, ...], ...] = (
    PREVIOUS_INPUTS, SCAM_TEXTS_INPUTS, SHARE_INPUTS, CUE_INPUTS, BASELINE_INPUTS)
#: Every input a calibrator may name (besides ``mass:<type>``).
INPUT_NAMES: tuple[str, ...] = (
    "score", "stage", "scam_texts", "scam_share", "cue_share", "money_cue_share",
    "money_cues", "one_sided", *(f"excess:{t}" for t in SCAM_TYPES))


def stage_rank(stage: str | None) -> int:
    """0 for no stage, 1 for ``contact`` … 7 for ``pressure``."""
    return STAGES.index(stage) + 1 if stage else 0


def _logit(p: float) -> float:
    q = min(max(p, EPS), 1.0 - EPS)
    return math.log(q / (1.0 - q))


@dataclass(frozen=True)
class ConversationFeatures:
    """What the calibrator and the type model read from one analysed report.

    ``score`` is the uncalibrated report score, ``stage`` the stage found,
    ``type_mass[t]`` the highest ``p_scam * type share`` over the texts,
    ``type_share[t]`` the texts' type distribution weighted by their scam
    probability (sums to 1; uniform when no text has any) and
    ``scam_texts`` the soft count of scam-like texts (the sum of
    ``2 * max(0, p_scam - 0.5)``; 0 when no text is above one half) and
    ``texts`` how many texts there are (the input ``scam_share`` is the soft
    count per text, 0 for a report without texts).
    """

    score: float
    stage: str | None
    type_mass: Mapping[str, float]
    type_share: Mapping[str, float]
    scam_texts: float = 0.0
    texts: int = 0
    #: Of the ``units`` texts the stage is read from, how many show a stage
    #: cue (``stage_cues``) and how many a money stage's cue
    #: (``money_cues``), with support or not.
    units: int = 0
    stage_cues: int = 0
    money_cues: int = 0
    #: The largest part of the soft count ``scam_texts`` that one sender
    #: wrote (texts without a sender count as one side; 0 when no text is
    #: scam-like).
    top_sender_scam: float = 0.0

    def value(self, name: str) -> float:
        """The input called ``name`` (see :data:`DEFAULT_INPUTS` and :data:`INPUT_NAMES`)."""
        if name == "score":
            return _logit(self.score)
        if name == "stage":
            return float(stage_rank(self.stage))
        if name == "scam_texts":
            return float(self.scam_texts)
        if name == "scam_share":
            return float(self.scam_texts) / self.texts if self.texts > 0 else 0.0
        if name == "cue_share":
            return self.stage_cues / (self.units + CUE_PRIOR) if self.units > 0 else 0.0
        if name == "money_cue_share":
            return self.money_cues / self.units if self.units > 0 else 0.0
        if name == "money_cues":
            return float(min(self.money_cues, MONEY_CUES_CAP))
        if name == "one_sided":
            return (float(self.top_sender_scam) / self.scam_texts
                    if self.scam_texts > 0 else 0.0)
        if name.startswith("mass:") and name[5:] in self.type_mass:
            return float(self.type_mass[name[5:]])
        if name.startswith("excess:") and name[7:] in self.type_mass:
            return 2.0 * max(0.0, float(self.type_mass[name[7:]]) - 0.5)
        raise ConfigError(f"unknown report risk input {name!r}")

    def vector(self, names: Sequence[str]) -> list[float]:
        return [self.value(n) for n in names]


def conversation_features(score: float, stage: str | None,
                          texts: Sequence[tuple[float, Mapping[str, float]]], *,
                          cues: Sequence[str | None] = (),
                          senders: Sequence[str | None] = ()) -> ConversationFeatures:
    """Features of a report from its uncalibrated score, stage and texts.

    ``texts`` holds each text's (calibrated scam probability, type scores).
    ``cues`` the stage cue each text the stage is read from shows (None for
    none), ``senders`` each of ``texts``' sender (None when it has none,
    e.g. a title or narrative; texts without a sender count as one side). A report with no texts has
    zero masses, a uniform share and no scam-like texts.
    """
    if senders and len(senders) != len(texts):
        raise ValueError(f"{len(senders)} senders for {len(texts)} texts")
    mass = {t: 0.0 for t in SCAM_TYPES}
    share = {t: 0.0 for t in SCAM_TYPES}
    scam_texts = 0.0
    by_sender: dict[str, float] = {}
    for k, (p, types) in enumerate(texts):
        soft = 2.0 * max(0.0, float(p) - 0.5)
        scam_texts += soft
        # Texts without a sender (a title, a victim's narrative) are one more side.
        who = (senders[k] if senders else None) or ""
        by_sender[who] = by_sender.get(who, 0.0) + soft
        for t in SCAM_TYPES:
            x = p * float(types.get(t, 0.0))
            mass[t] = max(mass[t], x)
            share[t] += x
    norm = sum(share.values())
    if norm <= 0.0:
        share = {t: 1.0 / len(SCAM_TYPES) for t in SCAM_TYPES}
    else:
        share = {t: v / norm for t, v in share.items()}
    return ConversationFeatures(
        float(score), stage, mass, share, scam_texts, len(texts), units=len(cues),
        stage_cues=sum(1 for c in cues if c is not None),
        money_cues=sum(1 for c in cues if c in MONEY_STAGES),
        top_sender_scam=max(by_sender.values(), default=0.0))


# --- the type model -----------------------------------------------------------------------

#: Shares are clipped here before the log, so a type the classifier never saw
#: in a conversation stays possible.
SHARE_FLOOR = 1e-3
#: Per-type inputs of the type model besides the log share; ``score/5`` is the
#: logit of the uncalibrated report score divided by 5, so that the L2 pulls
#: on it about as hard as on the 0/1 inputs.
TYPE_STAGE_INPUTS: tuple[str, ...] = ("has_stage", "money_stage", "score/5", "bias")


def _type_inputs(f: ConversationFeatures) -> tuple[npt.NDArray[np.float64],
                                                    npt.NDArray[np.float64]]:
    share = np.asarray([math.log(max(f.type_share.get(t, 0.0), SHARE_FLOOR))
                        for t in SCAM_TYPES], dtype=np.float64)
    stage = np.asarray([float(f.stage is not None), float(f.stage in MONEY_STAGES),
                        _logit(f.score) / 5.0, 1.0], dtype=np.float64)
    return share, stage


@dataclass(frozen=True)
class TypeModel:
    """Conversation scam type: softmax over ``beta * log(share) + stage inputs @ weights``."""

    beta: float
    #: ``weights[t]`` are type ``t``'s weights on :data:`TYPE_STAGE_INPUTS`.
    weights: Mapping[str, tuple[float, ...]]

    def probabilities(self, f: ConversationFeatures) -> dict[str, float]:
        share, stage = _type_inputs(f)
        w = np.asarray([self.weights[t] for t in SCAM_TYPES], dtype=np.float64)
        z = self.beta * share + w @ stage
        e = np.exp(z - z.max())
        e /= e.sum()
        return {t: float(e[k]) for k, t in enumerate(SCAM_TYPES)}

    def scam_type(self, f: ConversationFeatures) -> str:
        probs = self.probabilities(f)
        # Ties go to the earlier type in SCAM_TYPES, so the answer is deterministic.
        return max(SCAM_TYPES, key=lambda t: (probs[t], -SCAM_TYPES.index(t)))

    def to_dict(self) -> dict[str, Any]:
        return {"method": "multinomial-logistic, offset beta*log(type share)",
                "inputs": ["log(type share)", *TYPE_STAGE_INPUTS], "beta": self.beta,
                "weights": {t: list(self.weights[t]) for t in SCAM_TYPES}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TypeModel:
        weights = {t: tuple(float(x) for x in data["weights"][t]) for t in SCAM_TYPES}
        if any(len(w) != len(TYPE_STAGE_INPUTS) for w in weights.values()):
            raise ValueError(f"type model weights need {len(TYPE_STAGE_INPUTS)} values per type")
        return cls(float(data["beta"]), weights)


#: The type model with nothing learned: the classifier's type distribution decides.
PRIOR_TYPE_MODEL = TypeModel(1.0, {t: (0.0,) * len(TYPE_STAGE_INPUTS) for t in SCAM_TYPES})


def fit_type_model(features: Sequence[ConversationFeatures], types: Sequence[str],
                   l2: float = TYPE_L2) -> TypeModel:
    """Fit the type model on scam conversations with known types (labels in SCAM_TYPES).

    Penalised log-likelihood (L2 on the weights and on ``beta - 1``), Newton
    steps from the prior model (beta 1, weights 0), halved while they do not
    lower the objective; deterministic. With no examples it returns the
    prior model.
    """
    bad = sorted({t for t in types if t not in SCAM_TYPES})
    if bad or len(features) != len(types):
        raise ValueError(f"need one type in {SCAM_TYPES} per conversation, got {bad}")
    if not types:
        return PRIOR_TYPE_MODEL
    k, d = len(SCAM_TYPES), len(TYPE_STAGE_INPUTS)
    n = len(types)
    pairs = [_type_inputs(f) for f in features]
    # phi[i, c] is conversation i's input vector for class c: the stage inputs in
    # class c's block of weights, the class's log share in the last (beta) slot.
    phi = np.zeros((n, k, k * d + 1))
    for i, (share, stage) in enumerate(pairs):
        for c in range(k):
            phi[i, c, c * d:(c + 1) * d] = stage
            phi[i, c, -1] = share[c]
    y = np.eye(k)[[SCAM_TYPES.index(t) for t in types]]
    centre = np.zeros(k * d + 1)
    centre[-1] = 1.0

    def objective(theta: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        z = phi @ theta
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -float(np.sum(y * log_p)) + 0.5 * l2 * float(np.sum((theta - centre) ** 2))
        return value, np.exp(log_p)

    theta = centre.copy()
    value, p = objective(theta)
    for _ in range(100):
        grad = np.einsum("ic,icj->j", p - y, phi) + l2 * (theta - centre)
        mean = np.einsum("ic,icj->ij", p, phi)
        hess = (np.einsum("ic,icj,ick->jk", p, phi, phi) - mean.T @ mean
                + l2 * np.eye(theta.size))
        step = np.linalg.solve(hess, grad)
        scale = 1.0
        while True:
            cand = theta - scale * step
            cand_value, cand_p = objective(cand)
            if cand_value <= value or scale < 1e-6:
                break
            scale /= 2
        theta, value, p = cand, cand_value, cand_p
        if float(np.max(np.abs(scale * step))) < 1e-12:
            break
    theta = np.round(theta, DECIMALS)
    w = theta[:-1].reshape(k, d)
    return TypeModel(float(theta[-1]), {t: tuple(float(x) for x in w[i])
                                        for i, t in enumerate(SCAM_TYPES)})


def loo_type_accuracy(features: Sequence[ConversationFeatures], types: Sequence[str],
                      l2: float = TYPE_L2) -> float:
    """Leave-one-out accuracy of :func:`fit_type_model` (0.0 with no examples)."""
    hits = 0
    for i, (f, t) in enumerate(zip(features, types, strict=True)):
        model = fit_type_model([g for k, g in enumerate(features) if k != i],
                               [u for k, u in enumerate(types) if k != i], l2)
        hits += model.scam_type(f) == t
    return hits / len(types) if types else 0.0


# --- the risk calibrator ------------------------------------------------------------------

@dataclass(frozen=True)
class ReportRiskCalibrator:
    """Maps a report's :class:`ConversationFeatures` to a calibrated scam probability
    and, for a flagged report, to its scam type."""

    name: str
    version: str
    inputs: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    type_model: TypeModel = PRIOR_TYPE_MODEL
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.inputs) != len(self.coef):
            raise ValueError(f"{len(self.inputs)} inputs but {len(self.coef)} coefficients")

    def probabilities(self, features: Sequence[ConversationFeatures]) -> npt.NDArray[np.float64]:
        """Calibrated probabilities for many reports at once."""
        x = np.asarray([f.vector(self.inputs) for f in features], dtype=np.float64)
        x = x.reshape(len(features), len(self.inputs))
        z = x @ np.asarray(self.coef, dtype=np.float64) + self.intercept
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
        return out

    def probability(self, features: ConversationFeatures) -> float:
        """Calibrated probability for one report."""
        return float(self.probabilities([features])[0])

    def scam_type(self, features: ConversationFeatures) -> str:
        """The conversation's scam type, assuming it is a scam."""
        return self.type_model.scam_type(features)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "method": "logistic",
                "inputs": list(self.inputs),
                "coef": {**dict(zip(self.inputs, self.coef, strict=True)),
                         "intercept": self.intercept},
                "type_model": self.type_model.to_dict(),
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
            # A calibrator of the earlier form lists no inputs: score and stage.
            inputs = tuple(str(x) for x in data.get("inputs") or BASELINE_INPUTS)
            if inputs and inputs[0].startswith("logit("):
                inputs = BASELINE_INPUTS
            cal = cls(str(data["name"]), str(data["version"]), inputs,
                      tuple(float(coef[n]) for n in inputs), float(coef["intercept"]),
                      TypeModel.from_dict(data["type_model"]) if "type_model" in data
                      else PRIOR_TYPE_MODEL,
                      {k: v for k, v in data.items()
                       if k not in ("name", "version", "method", "inputs", "coef",
                                    "type_model")})
            probe = conversation_features(0.5, None, ())
            for n in inputs:
                probe.value(n)
        except FileNotFoundError as exc:
            raise ConfigError(f"report risk calibrator not found at {path}; run "
                              "`scamnet fit-report-risk`") from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"bad report risk calibrator {path}: {exc}") from exc
        if any(c < 0 for c in cal.coef):
            raise ConfigError(f"report risk calibrator {path} has a negative slope")
        return cal

    @classmethod
    def fit(cls, features: Sequence[ConversationFeatures], outcomes: Sequence[int],
            types: Sequence[str | None], meta: Mapping[str, Any],
            inputs: Sequence[str] = DEFAULT_INPUTS,
            groups: Sequence[str] = ()) -> ReportRiskCalibrator:
        """Fit on labelled reports (outcome 1 = scam); ``meta`` describes the data.

        ``types`` gives each report's scam type (None when unknown); the type
        model is fitted on the scams whose type is known. ``groups`` names
        each report's set: with two sets or more the fit also records the
        leave-one-set-out log-loss of its form and of :data:`RECORDED_FORMS`.
        The version is a hash of the coefficients and ``meta`` (less its
        ``environment``, which only records where the fit ran), so the same
        data, models and fitted numbers give the same version on any machine.
        """
        if not (len(features) == len(outcomes) == len(types)):
            raise ValueError("need one outcome and one type (or None) per report")
        if groups and len(groups) != len(outcomes):
            raise ValueError("need one set name per report, or none")
        names = tuple(inputs)
        x = np.asarray([f.vector(names) for f in features], dtype=np.float64)
        y = np.asarray(outcomes, dtype=np.int64)
        pen = input_penalties(names)
        w = np.round(np.asarray(fit_platt(x, y, pen)), DECIMALS)
        typed = [(f, t) for f, t, o in zip(features, types, outcomes, strict=True)
                 if o == 1 and t is not None]
        tm = fit_type_model([f for f, _ in typed], [t for _, t in typed])
        loo_types = {"learned": round(loo_type_accuracy([f for f, _ in typed],
                                                        [t for _, t in typed]), 4),
                     "classifier_share_only": round(sum(
                         PRIOR_TYPE_MODEL.scam_type(f) == t for f, t in typed)
                         / len(typed), 4) if typed else None}
        # Leave-one-out log-loss of this form and of the forms before it:
        # the evidence for the extra inputs, kept with the fit.
        loo = {"+".join(names): round(loo_log_loss(x, y, pen), 4)}
        by_set = len(set(groups)) > 1
        loso = {"+".join(names): round(loso_log_loss(x, y, groups, pen), 4)} if by_set else {}
        for other in RECORDED_FORMS:
            if "+".join(other) not in loo:
                xo = np.asarray([f.vector(other) for f in features], dtype=np.float64)
                po = input_penalties(other)
                loo["+".join(other)] = round(loo_log_loss(xo, y, po), 4)
                if by_set:
                    loso["+".join(other)] = round(loso_log_loss(xo, y, groups, po), 4)
        meta = {**meta, "l2": dict(zip(names, pen, strict=True)), "type_l2": TYPE_L2,
                "targets": "platt-smoothed",
                "type_model_fitted_on": len(typed),
                "loo_type_accuracy": loo_types,
                "loo_log_loss": loo,
                **({"loso_log_loss": loso} if by_set else {})}
        body = json.dumps({"inputs": names, "coef": [float(v) for v in w],
                           "type_model": tm.to_dict(),
                           **{k: v for k, v in meta.items() if k != "environment"}},
                          sort_keys=True, ensure_ascii=False)
        version = hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
        return cls(CALIBRATOR_NAME, version, names, tuple(float(v) for v in w[:-1]),
                   float(w[-1]), tm, dict(meta))


def input_penalties(names: Sequence[str]) -> tuple[float, ...]:
    """The L2 penalty of each input's slope: :data:`EXCESS_L2` for ``excess:*``, else L2."""
    return tuple(EXCESS_L2 if n.startswith("excess:") else L2 for n in names)


def fit_platt(x: npt.NDArray[np.float64], y: npt.NDArray[np.int64],
              l2: float | Sequence[float] = L2) -> tuple[float, ...]:
    """Logistic fit of ``y`` on the columns of ``x``: (slope per column…, intercept).

    Uses Platt's smoothed targets ((n+ + 1)/(n+ + 2) for positives,
    1/(n- + 2) for negatives) so a small sample never yields 0 or 1, an L2
    penalty on the slopes (one for all, or one per column), and Newton steps
    with the slopes projected to be non-negative (monotone risk).
    Deterministic. Needs both outcomes present.
    """
    if x.ndim != 2 or x.shape[0] != y.shape[0]:
        raise ValueError(f"x has shape {x.shape}, y has {y.shape[0]} outcomes")
    n1 = int((y == 1).sum())
    n0 = int((y == 0).sum())
    if n1 == 0 or n0 == 0 or n1 + n0 != y.size:
        raise ValueError("need outcomes 0 and 1, and nothing else, to fit")
    t = np.where(y == 1, (n1 + 1) / (n1 + 2), 1.0 / (n0 + 2))
    xb = np.column_stack([x, np.ones(x.shape[0])])
    k = xb.shape[1]
    pen = [float(l2)] * x.shape[1] if isinstance(l2, (int, float)) else [float(v) for v in l2]
    if len(pen) != x.shape[1]:
        raise ValueError(f"{len(pen)} penalties for {x.shape[1]} columns")
    penalty = np.diag([*pen, 0.0])
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
    return tuple(float(v) for v in w)


def loo_log_loss(x: npt.NDArray[np.float64], y: npt.NDArray[np.int64],
                 l2: float | Sequence[float] = L2) -> float:
    """Leave-one-out log-loss of :func:`fit_platt` on (x, y)."""
    xb = np.column_stack([x, np.ones(x.shape[0])])
    losses = []
    for i in range(y.size):
        keep = np.arange(y.size) != i
        w = np.asarray(fit_platt(x[keep], y[keep], l2))
        p = float(np.clip(1.0 / (1.0 + np.exp(-(xb[i] @ w))), 1e-12, 1 - 1e-12))
        losses.append(-np.log(p) if y[i] == 1 else -np.log(1.0 - p))
    return float(np.mean(losses))


def loso_log_loss(x: npt.NDArray[np.float64], y: npt.NDArray[np.int64], groups: Sequence[str],
                  l2: float | Sequence[float] = L2) -> float:
    """Leave-one-set-out log-loss of :func:`fit_platt`: each set (``groups``) predicted
    by the fit on the others; the mean over all reports."""
    g = np.asarray(list(groups))
    xb = np.column_stack([x, np.ones(x.shape[0])])
    losses = np.zeros(y.size)
    for name in dict.fromkeys(groups):
        out = g == name
        w = np.asarray(fit_platt(x[~out], y[~out], l2))
        p = np.clip(1.0 / (1.0 + np.exp(-np.clip(xb[out] @ w, -50.0, 50.0))), 1e-12, 1 - 1e-12)
        losses[out] = np.where(y[out] == 1, -np.log(p), -np.log(1.0 - p))
    return float(np.mean(losses))


@functools.cache
def default_report_calibrator() -> ReportRiskCalibrator:
    """The shipped report risk calibrator, loaded on first call and kept."""
    return ReportRiskCalibrator.load()
