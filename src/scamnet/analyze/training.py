"""Rebuild the shipped classifier and stage models, reproducibly.

Inputs are sorted, splits come from text hashes, and the solvers are
deterministic with a fixed seed, so the same data gives byte-identical model
files. scikit-learn is needed here only; scoring uses numpy and scipy.sparse.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze.classifier import MODEL_FILE, SCAM_TYPES
from scamnet.analyze.datasets import (
    INDONESIAN_ORIGINAL_ROWS,
    REAL_SETS,
    LabelledText,
    SourceFile,
    dedupe,
    load_curated,
    load_real_sets,
    split_key,
    split_of,
)
from scamnet.analyze.features import NGRAM_SIZES, FeatureSpec, hash_features
from scamnet.analyze.linear import save_weights
from scamnet.analyze.provenance import training_environment
from scamnet.errors import ConfigError

__all__ = [
    "CLASSIFIER_FEATURES",
    "CLASSIFIER_NAME",
    "CLASSIFIER_VERSION",
    "CURATED_TRAIN_FILES",
    "N_BUCKETS",
    "ROUTED_FILES",
    "ROUTED_LANGUAGES",
    "ROUTED_MODEL_FILE",
    "TrainingData",
    "default_curated",
    "default_shared_data",
    "load_training_data",
    "rebuild_models",
    "train_classifier",
    "train_routed_classifier",
]

CLASSIFIER_NAME = "scamnet-scamtype-charngram"
CLASSIFIER_VERSION = "1.10.0"
#: Character 1-5-grams, accent-folded word 1-2-grams, and a private copy of
#: both per script group. Chosen by 5-fold cross-validation on the training
#: split (see docs/analysis.md): words and the script copies each raised Thai,
#: Indonesian and Vietnamese macro-F1 by 0.01-0.04, folding accents in words
#: Vietnamese by another 0.01. The features are those of 1.1.0; 1.2.0 changed
#: the Indonesian labels (datasets.INDONESIAN_ORIGINAL_ROWS). 1.5.0 adds the
#: script groups of scheme 2 (kana, Hangul, Myanmar, Khmer), so the train4/
#: texts in those scripts get their own copies instead of Han's or "other"'s.
CLASSIFIER_FEATURES = FeatureSpec(NGRAM_SIZES, (1, 2), script_copies=True, fold_accents=True,
                                  script_groups=2)
N_BUCKETS = 1 << 18
SEED = 20261128
#: Inverse L2 strength of both heads (CV: 5 and 20 tie, 5 is worse without NB scaling).
SCAM_C = 20.0
#: Folds of the out-of-fold training scores that join the calibration split
#: in fitting the calibration map.
CALIBRATION_FOLDS = 5
#: Total training weight of each (real set, scam or not) pair: every set
#: speaks with the same voice, however large it is.
SOURCE_CLASS_WEIGHT = 1000.0
#: Weight of a curated example: there are few of them,
#: and they are the only source for most scam types outside Chinese.
CURATED_WEIGHT = 4.0
#: Curated weight in the type head, where curated texts are the only source
#: for five of the seven types.
TYPE_CURATED_WEIGHT = 10.0
#: At most this many texts per (file, type) train the type head, so that the
#: Chinese set's 3,000 impersonation texts do not make "Chinese" mean
#: "impersonation". A curated file is its folder's ``messages.tsv``.
TYPE_CAP = 150


#: Curated training messages, under the curated folder. ``train2/`` was
#: written in round 3 (2026-11-28) for the types and languages the real sets
#: do not cover (Chinese investment, lottery and romance texts, for one).
#: ``blindmsg/`` is never read here: it is held out for ``scamnet eval``.
#: ``train5/`` (Portuguese and French scams and look-alikes, and genuine
#: Spanish, Malay and Tagalog texts) since 1.6.0.
CURATED_TRAIN_FILES = ("train/messages.tsv", "train2/messages.tsv", "train3/messages.tsv",
                       "train4/messages.tsv", "train5/messages.tsv")
#: Curated training files whose not-scam texts are weighted up until the
#: file's two classes weigh the same: their writers were asked for far more
#: scams than not-scams, and left as written that share would become the
#: prior of the script groups they alone fill.
CLASS_BALANCED_FILES: tuple[str, ...] = ("train4/messages.tsv", "train5/messages.tsv")
#: Curated training files read for some of their languages only (ISO codes).
#: train4/'s Portuguese and French texts are left out: with them (1.5.0
#: candidates F and G) Spanish, Malay and Tagalog not-scam texts of the
#: guard sets became false alarms, as the Latin-script languages share one
#: script group and most n-grams; Burmese, Khmer, Japanese and Korean have
#: their own script groups since 1.5.0.
CURATED_LANGUAGES: dict[str, tuple[str, ...]] = {"train4/messages.tsv": ("my", "km", "ja", "ko")}
#: Languages whose texts the classifier's routed part scores (since 1.9.0).
#: That part is trained on everything the main part is, plus
#: :data:`ROUTED_FILES`. Trained into one model (1.9.0 round 1, candidate N1)
#: those files found the impersonation messages and chats of these languages
#: (blind26/27: 0 of 12 chats to 12 of 12) but moved texts of other languages
#: near the threshold (curated eval part 0.774 -> 0.726, scam types 0.855 ->
#: 0.812): two parts keep the other languages' scores as they were.
ROUTED_LANGUAGES: tuple[str, ...] = ("my", "km", "ja", "ko", "pt", "fr")
#: Curated training files read for the routed part only, class-balanced.
#: ``trainmsg8/`` since 1.10.0: with only the first two, the routed part read
#: a pig-butchering persona's early messages (wrong-number openers,
#: self-introductions with a job abroad) as impersonation or recruitment, and
#: the chats were put at contact (six new languages, stage 0.934 -> 0.827).
ROUTED_FILES: tuple[str, ...] = ("trainmsg6/messages.tsv", "trainmsg7/messages.tsv",
                                 "trainmsg8/messages.tsv")
#: The routed part's metadata file, beside :data:`MODEL_FILE`.
ROUTED_MODEL_FILE = "classifier.routed.json"
#: Whether the curated training texts' out-of-fold scores join the real sets'
#: in fitting the calibration map. Their scam share is our choice, not the
#: world's, and every curated file added moved the map's decision point
#: (raw 0.603 to 0.495-0.552 with train4/ in session 10).
CALIBRATE_ON_CURATED = False


@dataclass(frozen=True)
class TrainingData:
    """Deduplicated, split texts with the files they came from."""

    train: list[LabelledText]
    calib: list[LabelledText]
    eval: list[LabelledText]
    files: list[SourceFile]
    duplicates_dropped: int
    #: split key -> file (of :data:`CLASS_BALANCED_FILES`) of the texts balanced by file
    class_balanced: Mapping[str, str] = field(default_factory=dict)


def load_training_data(shared: Path, curated: Path,
                       sets: Sequence[str] = tuple(REAL_SETS), *,
                       routed: bool = False) -> TrainingData:
    """Read real sets under ``shared`` and curated examples under ``curated``.

    Real texts are split 70/10/20 by hash; curated examples keep the split of
    their folder (``train/`` trains, ``eval/`` is held out). A normalised text
    seen twice is kept once, and a curated eval text also found in training
    data is dropped from training. ``routed`` adds :data:`ROUTED_FILES`, the
    routed part's own training files (class-balanced).
    """
    real, files = load_real_sets(shared, tuple(sets))
    cur_train: list[LabelledText] = []
    balanced: dict[str, str] = {}
    extra = ROUTED_FILES if routed else ()
    for name in (*CURATED_TRAIN_FILES, *extra):
        part, sf = load_curated(curated / name, "curated")
        # Each curated file is named by its folder ("train4/messages.tsv"):
        # the type head's cap counts texts per file, and every file is
        # called messages.tsv (until 1.7.0 they shared one cap per type, so
        # no investment or romance text after train3/ trained the type head).
        part = [replace(t, file=name) for t in part]
        if name in CURATED_LANGUAGES:
            part = [t for t in part if t.language in CURATED_LANGUAGES[name]]
        cur_train.extend(part)
        files.append(_relative(sf, curated))
        if name in CLASS_BALANCED_FILES or name in extra:
            balanced.update((split_key(t.text), name) for t in part)
    cur_eval, f2 = load_curated(curated / "eval" / "messages.tsv", "curated")
    files.append(_relative(f2, curated))
    ordered = sorted(real, key=lambda t: (t.source, t.file, t.line))
    kept, dropped = dedupe([*cur_eval, *cur_train, *ordered])
    eval_keys = {split_key(t.text) for t in cur_eval}
    train: list[LabelledText] = []
    calib: list[LabelledText] = []
    held: list[LabelledText] = []
    for t in kept:
        if t.source == "curated":
            (held if split_key(t.text) in eval_keys else train).append(t)
            continue
        side = split_of(t.text)
        (train if side == "train" else calib if side == "calib" else held).append(t)
    return TrainingData(train, calib, held, files, dropped, balanced)


def _relative(sf: SourceFile, curated: Path) -> SourceFile:
    name = Path(sf.path)
    rel = f"curated/{name.parent.name}/{name.name}"
    return SourceFile(rel, sf.sha256, sf.rows, sf.skipped)


def design_matrix(texts: Sequence[str], n_buckets: int,
                  spec: FeatureSpec | None = None) -> Any:
    """The CSR matrix the linear models see (same values the scorer sums).

    ``spec`` defaults to plain character n-grams (the stage model's features).
    """
    from scipy.sparse import csr_matrix

    g = hash_features(texts, n_buckets, spec or FeatureSpec())
    m = csr_matrix((g.value.astype(np.float64), (g.row, g.bucket)),
                   shape=(len(texts), n_buckets))
    m.sum_duplicates()
    return m


def nb_ratios(x: Any, y: npt.NDArray[Any], weights: npt.NDArray[np.float64],
              ) -> npt.NDArray[np.float64]:
    """Naive Bayes log-count ratio of each column: log(P(present | scam) / P(present | not)).

    Scaling the columns by it before logistic regression (Wang & Manning
    2012, "NBSVM") lets rare but one-sided n-grams speak with little data;
    the ratios use add-one smoothing and the training weights.
    """
    present = x.copy()
    present.data[:] = 1.0
    scam = y == 1
    p = 1.0 + np.asarray(present[scam].T @ weights[scam]).ravel()
    q = 1.0 + np.asarray(present[~scam].T @ weights[~scam]).ravel()
    return np.asarray(np.log((p / p.sum()) / (q / q.sum())), dtype=np.float64)


def _fit_logreg(x: Any, y: npt.NDArray[Any], weights: npt.NDArray[np.float64] | None,
                c: float, balanced: bool) -> tuple[npt.NDArray[np.float64],
                                                   npt.NDArray[np.float64]]:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("training needs scikit-learn: pip install scikit-learn") from exc
    clf = LogisticRegression(C=c, max_iter=1000, tol=1e-4, random_state=SEED,
                             class_weight="balanced" if balanced else None)
    clf.fit(x, y, sample_weight=weights)
    return np.asarray(clf.coef_, dtype=np.float64), np.asarray(clf.intercept_, dtype=np.float64)


def _fit_scam_head(x: Any, y: npt.NDArray[np.int64], w: npt.NDArray[np.float64],
                   ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """NB-scaled logistic regression; the ratios are folded into the returned weights."""
    from scipy.sparse import diags

    ratio = nb_ratios(x, y, w)
    coef, b = _fit_logreg(x @ diags(ratio), y, w, c=SCAM_C, balanced=False)
    # The scorer sees unscaled features: fold the ratios into the weights.
    return coef * ratio[None, :], b


def _out_of_fold_scores(x: Any, y: npt.NDArray[np.int64], w: npt.NDArray[np.float64],
                        items: Sequence[LabelledText]) -> npt.NDArray[np.float64]:
    """Raw scam probability of every training text from a scam head that never saw it.

    5 folds, stratified by (source, scam or not), fixed seed.
    """
    from sklearn.model_selection import StratifiedKFold

    strata = np.array([f"{t.source}|{t.is_scam}" for t in items])
    out = np.zeros(len(items), dtype=np.float64)
    for tr, te in StratifiedKFold(CALIBRATION_FOLDS, shuffle=True,
                                  random_state=SEED).split(np.zeros(len(items)), strata):
        coef, b = _fit_scam_head(x[tr], y[tr], w[tr])
        logit = np.asarray(x[te] @ coef[0].astype(np.float16).astype(np.float64)).ravel() + b[0]
        out[te] = 1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))
    return out


def _isotonic(raw: npt.NDArray[np.float64], y: npt.NDArray[np.int64],
              ) -> tuple[list[float], list[float]]:
    """The calibration map's points: centred isotonic regression.

    Plain isotonic regression is a staircase: until 1.7.0 the map held each
    block's two edges, so every raw score inside a block got the same
    probability (53-62 distinct values among the texts between 0.2 and 0.9)
    and a text's verdict could flip when a retraining moved a step. Here each
    block is one point at the mean raw score of its texts, with the block's
    rate as its value, and the scorer interpolates linearly between them
    (Oron & Flournoy 2017). Still monotone; in a CV over the map's own data
    it lowered log-loss 0.0427-0.0438 -> 0.0416-0.0421 with the same
    decisions per set within 0.004 (docs/analysis.md, session 16).
    """
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    fitted = iso.fit(raw, y).predict(raw)
    order = np.argsort(raw, kind="stable")
    xs_sorted, fs_sorted = raw[order], fitted[order]
    # A block is a run of equal fitted values (ties in raw share one value).
    starts = np.flatnonzero(np.r_[True, np.diff(fs_sorted) != 0.0])
    ends = np.r_[starts[1:], len(xs_sorted)]
    xs = [round(float(xs_sorted[a:b].mean()), 6) for a, b in zip(starts, ends, strict=True)]
    ys = [round(float(fs_sorted[a]), 6) for a in starts]
    # Rounding may join two centres; keep the first, so x stays increasing.
    keep = [0, *(i for i in range(1, len(xs)) if xs[i] > xs[i - 1])]
    return [xs[i] for i in keep], [ys[i] for i in keep]


def train_classifier(data: TrainingData, out_dir: Path, *,
                     n_buckets: int = N_BUCKETS, model_file: str = MODEL_FILE,
                     route: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Fit both heads, calibrate, write the model files.

    The calibration map is fitted on the calibration split's scores together
    with out-of-fold scores of the training split. Returns the metadata
    written to ``model_file`` (its weights go beside it, named after it);
    ``route``, if given, is stored in it as the routed part's entry.
    """
    train = data.train
    texts = [t.text for t in train]
    spec = CLASSIFIER_FEATURES
    x = design_matrix(texts, n_buckets, spec)
    y = np.array([1 if t.is_scam else 0 for t in train], dtype=np.int64)
    w = _source_balanced_weights(train, data.class_balanced)
    coef_b, b_b = _fit_scam_head(x, y, w)

    per_group: Counter[tuple[str, str]] = Counter()
    typed_idx = []
    for i, t in enumerate(train):
        if t.label in SCAM_TYPES:
            key = (f"{t.source}/{t.file}", t.label)
            if per_group[key] < TYPE_CAP:
                per_group[key] += 1
                typed_idx.append(i)
    yt = np.array([SCAM_TYPES.index(train[i].label) for i in typed_idx], dtype=np.int64)
    wt = np.array([TYPE_CURATED_WEIGHT if train[i].source == "curated" else 1.0
                   for i in typed_idx])
    missing = sorted(set(range(len(SCAM_TYPES))) - set(yt.tolist()))
    if missing:
        raise ConfigError("no training examples for scam types: "
                          + ", ".join(SCAM_TYPES[i] for i in missing))
    coef_t, b_t = _fit_logreg(x[typed_idx], yt, wt, c=SCAM_C, balanced=True)

    weights = np.zeros((n_buckets, 1 + len(SCAM_TYPES)), dtype=np.float32)
    weights[:, 0] = coef_b[0]
    weights[:, 1:] = coef_t.T
    bias = np.concatenate([b_b, b_t]).astype(np.float32)
    # Score with the float16 weights that ship, so calibration matches them.
    weights16 = weights.astype(np.float16).astype(np.float32)
    calib_raw = _raw_scores(weights16, bias, [t.text for t in data.calib],
                            {"features": spec.to_dict()})
    cal_y = np.array([1 if t.is_scam else 0 for t in data.calib], dtype=np.int64)
    # The calibration split alone puts only ~30 texts between raw 0.3 and 0.8,
    # so where the map crosses 0.5 (the is_scam decision) hung on a handful
    # of texts and moved between retrainings (raw 0.50 in 1.1.0, 0.59 with
    # the 1.2.0 data). Out-of-fold scores of the training split add ~250 more.
    oof = _out_of_fold_scores(x, y, w, train)
    keep = np.array([CALIBRATE_ON_CURATED or t.source != "curated" for t in train])
    cx, cy = _isotonic(np.concatenate((oof[keep], calib_raw)),
                       np.concatenate((y[keep], cal_y)))

    out_dir.mkdir(parents=True, exist_ok=True)
    weights_file = model_file.removesuffix(".json") + ".weights.npy.gz"
    save_weights(out_dir / weights_file, weights)
    meta: dict[str, Any] = {
        "name": CLASSIFIER_NAME,
        "version": CLASSIFIER_VERSION,
        "kind": "hashed char + word n-gram logistic regression with per-script copies "
                "(scam head NB-scaled + type head)",
        "outputs": ["scam", *SCAM_TYPES],
        "n_buckets": n_buckets,
        "ngram_sizes": list(spec.char_sizes),
        "features": spec.to_dict(),
        "weights_file": weights_file,
        "weights_sha256": hashlib.sha256((out_dir / weights_file).read_bytes()).hexdigest(),
        "bias": [round(float(b), 6) for b in bias],
        "calibration": {"method": "centred isotonic",
                        "split": f"calib + {CALIBRATION_FOLDS}-fold out-of-fold train"
                                 + ("" if CALIBRATE_ON_CURATED else " (real sets only)"),
                        "x": cx, "y": cy},
        "training": _manifest(data, per_group),
    }
    if route is not None:
        meta["route"] = dict(route)
    (out_dir / model_file).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    return meta


def train_routed_classifier(shared: Path, curated: Path, out_dir: Path,
                            sets: Sequence[str] = tuple(REAL_SETS), *,
                            n_buckets: int = N_BUCKETS) -> dict[str, Any]:
    """Train the routed part (:data:`ROUTED_FILES` added), then the main part,
    whose metadata names the routed part and its languages. Returns the main
    part's metadata."""
    part = train_classifier(load_training_data(shared, curated, sets, routed=True), out_dir,
                            n_buckets=n_buckets, model_file=ROUTED_MODEL_FILE)
    route = {"languages": list(ROUTED_LANGUAGES), "model_file": ROUTED_MODEL_FILE,
             "weights_sha256": part["weights_sha256"]}
    return train_classifier(load_training_data(shared, curated, sets), out_dir,
                            n_buckets=n_buckets, route=route)


def _source_balanced_weights(items: Sequence[LabelledText],
                             class_balanced: Mapping[str, str] | None = None,
                             ) -> npt.NDArray[np.float64]:
    """Weights that give every (real set, scam or not) pair the same total weight.

    Sets differ twentyfold in size and in scam share; equal totals stop the
    big Chinese set and the ham-heavy UCI set from setting one threshold for
    everyone, and let the small Thai, Indonesian and Vietnamese sets count
    (CV: +0.01-0.04 macro-F1 on those three over balancing within each set
    only). Curated texts each weigh :data:`CURATED_WEIGHT`, except that the
    not-scam texts of a file named in ``class_balanced`` (split key -> file)
    are weighted so that file's two classes weigh the same.
    """
    per: Counter[tuple[str, bool]] = Counter((t.source, t.is_scam) for t in items)
    marked = [class_balanced.get(split_key(t.text)) if class_balanced and t.source == "curated"
              else None for t in items]
    sizes: Counter[tuple[str, bool]] = Counter(
        (m, t.is_scam) for t, m in zip(items, marked, strict=True) if m is not None)

    def curated(t: LabelledText, m: str | None) -> float:
        if m is None or t.is_scam or not sizes[(m, False)]:
            return CURATED_WEIGHT
        return CURATED_WEIGHT * sizes[(m, True)] / sizes[(m, False)]

    # Curated texts are not balanced by set: their scam share is our choice, not the world's.
    return np.array([curated(t, m) if t.source == "curated"
                     else SOURCE_CLASS_WEIGHT / per[(t.source, t.is_scam)]
                     for t, m in zip(items, marked, strict=True)])


def _raw_scores(weights: npt.NDArray[np.float32], bias: npt.NDArray[np.float32],
                texts: Sequence[str], meta: dict[str, Any]) -> npt.NDArray[np.float64]:
    from scamnet.analyze.linear import LinearNgramModel

    model = LinearNgramModel(weights, bias, meta)
    logit = model.logits(texts)[:, 0].astype(np.float64)
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50))), dtype=np.float64)


def _manifest(data: TrainingData, per_group: Counter[tuple[str, str]]) -> dict[str, Any]:
    def counts(items: list[LabelledText]) -> dict[str, dict[str, int]]:
        c: dict[str, Counter[str]] = {}
        for t in items:
            c.setdefault(t.source, Counter())[t.label] += 1
        return {s: dict(sorted(v.items())) for s, v in sorted(c.items())}

    return {
        "seed": SEED,
        "split": "sha256(casefold, digits->0, whitespace collapsed) % 100: "
                 "<70 train, <80 calib, else eval; curated by folder",
        "files": [{"path": f.path, "sha256": f.sha256, "rows": f.rows, "skipped": f.skipped}
                  for f in data.files],
        "duplicates_dropped": data.duplicates_dropped,
        "train": counts(data.train),
        "calib": counts(data.calib),
        "eval": counts(data.eval),
        "type_head_examples": {f"{s}/{lab}": n for (s, lab), n in sorted(per_group.items())},
        "label_notes": {
            "indonesian-sms-spam": f"label 1 of data rows after {INDONESIAN_ORIGINAL_ROWS} "
                                   "(a block appended to the published set, where 1 also "
                                   "marks shop and operator promotions) is skipped",
        },
        "environment": training_environment(),
        "curated_weight": CURATED_WEIGHT,
        "source_class_weight": SOURCE_CLASS_WEIGHT,
        "c": SCAM_C,
        "calibration_folds": CALIBRATION_FOLDS,
        "type_curated_weight": TYPE_CURATED_WEIGHT,
        "type_cap_per_file": TYPE_CAP,
        "class_balanced_files": sorted(set(data.class_balanced.values())),
        "curated_languages": {k: list(v) for k, v in CURATED_LANGUAGES.items()},
        "calibrated_on_curated": CALIBRATE_ON_CURATED,
        "licences": {
            "uci-sms-spam": "CC BY 4.0",
            "chinese-telecom-fraud-texts": "GPL-3.0; research use only per its README",
            "vietnamese-smishing": "none stated (internal evaluation only)",
            "thai-sms-scam": "none stated (internal evaluation only)",
            "indonesian-sms-spam": "not stated (research dataset)",
            "curated": "written for ScamNet, Apache-2.0",
        },
    }


def default_shared_data() -> Path:
    """``$SCAMNET_SHARED_DATA``, else ``../shared/data`` from the working directory."""
    import os

    env = os.environ.get("SCAMNET_SHARED_DATA")
    return Path(env) if env else Path.cwd().parent / "shared" / "data"


def default_curated() -> Path:
    """The curated examples folder, ``data/conversations`` in the working directory."""
    return Path.cwd() / "data" / "conversations"


def rebuild_models(shared: Path, curated: Path, out_dir: Path,
                   sets: Sequence[str] = tuple(REAL_SETS)) -> dict[str, Any]:
    """Rebuild the classifier and the stage model; return both models' metadata."""
    if not curated.is_dir():
        raise ConfigError(f"curated examples folder not found: {curated}")
    clf = train_routed_classifier(shared, curated, out_dir, sets)
    # Imported here: it loads the sentence encoder's module, which only training
    # the stage model needs.
    from scamnet.analyze.stage_training import development_files, fit_stage_model

    stage = fit_stage_model(development_files(curated), out_dir)
    return {"classifier": clf, "stages": stage}
