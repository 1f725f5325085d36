"""Fitting and evaluating conversation risk on the curated conversation sets.

The report risk calibrator is fitted on calibration sets only
(:data:`FIT_SETS`): the ``calibration`` part of the first blind set
(``data/conversations/blind/``, split from its ``eval`` part by id,
:func:`blind_part`), the two parts of ``calibration2/`` and, since session
10, ``blind11/eval`` (scored once as stage model 2.7.0's held-out set and
used up: :data:`SCORED_HELD_OUT`), each a ``conversations.txt`` with a
``types.tsv`` beside it. No stage model is fitted on any of them, so the
stage results the calibrator learns from are out of sample. Evaluation sets
are only ever read by :func:`evaluate_conversations`, and the fit refuses
them (every numbered blind set but those named in :data:`SCORED_HELD_OUT`).
Pure: paths and models in, results out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from scamnet.analyze.classifier import LABELS, ScamClassifier, default_classifier, risk_from
from scamnet.analyze.metrics import (
    classification_report,
    expected_calibration_error,
    per_class_lines,
)
from scamnet.analyze.provenance import training_environment
from scamnet.analyze.report_risk import (
    ConversationFeatures,
    ReportRiskCalibrator,
    default_report_calibrator,
)
from scamnet.analyze.reports import analyze_reports
from scamnet.analyze.stages import (
    MONEY_STAGES,
    STAGES,
    ConversationFixture,
    StageModel,
    default_stage_model,
    read_conversations,
)
from scamnet.errors import InputProblem, InvalidInputError
from scamnet.model.records import Message, Report, ReportKind

__all__ = [
    "CALIBRATION_SHARE",
    "ConversationScore",
    "FIT_SETS",
    "FitData",
    "LENGTH_BUCKETS",
    "SCORED_HELD_OUT",
    "UNCALIBRATED",
    "blind_part",
    "default_fit_files",
    "evaluate_conversations",
    "fit_data",
    "fit_on",
    "fit_report_risk",
    "fixture_report",
    "format_conversation_report",
    "read_types",
    "score_conversations",
]

#: Percent of blind conversation ids that fall in the calibration part.
CALIBRATION_SHARE = 40
#: Leaves the uncalibrated score as it is (identity on the logit scale, up to
#: clipping): used to read the scores a calibrator is fitted on.
UNCALIBRATED = ReportRiskCalibrator("uncalibrated", "0", ("score",), (1.0,), 0.0)
#: The calibration sets the shipped calibrator is fitted on, relative to the
#: curated data folder; each is a folder with ``conversations.txt`` and
#: (optionally) ``types.tsv``. ``blind11/eval`` since session 10: see
#: :data:`SCORED_HELD_OUT`.
FIT_SETS: tuple[str, ...] = ("blind/calibration", "calibration2/a", "calibration2/b",
                             "blind11/eval")
#: Held-out sets that were scored once, are used up as evaluation sets, and
#: that no stage model was fitted on (the stage training refuses them,
#: ``stage_training.HELD_OUT_SETS``): their stage results are out of sample,
#: so the calibrator may be fitted on them. Named exactly (set/part): every
#: other numbered blind set stays refused, the held-out ones (blind12 and
#: later) above all.
SCORED_HELD_OUT: frozenset[str] = frozenset({"blind11/eval"})
#: Folders no calibrator may be fitted on: the stage model's development sets
#: (its results there are in-sample) and the held-out sets: ``train``,
#: ``eval`` and every numbered blind set (``blind2``, ``blind3``, ...; the
#: first blind set's calibration part is checked by id instead), apart from
#: :data:`SCORED_HELD_OUT`.
_NOT_FOR_FITTING = re.compile(r"train|eval|blind\d+")
#: Risk at or above this flags a conversation as a scam.
FLAG_RISK = 50


def blind_part(conversation_id: str) -> str:
    """``calibration`` or ``eval``: the part of the blind set an id belongs to."""
    h = int(hashlib.sha256(conversation_id.encode("utf-8")).hexdigest(), 16)
    return "calibration" if h % 100 < CALIBRATION_SHARE else "eval"


def fixture_report(fx: ConversationFixture) -> Report:
    """A curated conversation as the chat report the analysis reads."""
    digest = hashlib.sha256("\n".join(t for _, _, t in fx.messages).encode("utf-8")).hexdigest()
    return Report(fx.id, ReportKind.CHAT, digest, language=fx.language,
                  messages=tuple(Message(i, text, sender=sender)
                                 for i, (sender, _, text) in enumerate(fx.messages)))


@dataclass(frozen=True)
class ConversationScore:
    """One labelled conversation as the analysis saw it.

    ``score`` is the uncalibrated report score, ``p`` the calibrated one;
    ``true_stage`` the furthest labelled stage, ``stage`` the one found.
    """

    id: str
    language: str
    scam: bool
    true_stage: str | None
    score: float
    stage: str | None
    p: float
    scam_type: str = "not_scam"
    features: ConversationFeatures | None = None
    messages: int = 0


def score_conversations(fixtures: Sequence[ConversationFixture], *,
                        classifier: ScamClassifier | None = None,
                        stage_model: StageModel | None = None,
                        calibrator: ReportRiskCalibrator | None = None,
                        ) -> list[ConversationScore]:
    """Run the report analysis over labelled conversations.

    Raises :class:`InvalidInputError` naming every conversation whose header
    has no ``benign``/``scam`` label.
    """
    problems = [InputProblem(fx.file, "conversation header has no benign/scam label",
                             line=fx.line, record=fx.id) for fx in fixtures if fx.label is None]
    if problems:
        raise InvalidInputError("unlabelled conversations", problems)
    results = analyze_reports((fixture_report(fx) for fx in fixtures), classifier=classifier,
                              stage_model=stage_model,
                              calibrator=calibrator or default_report_calibrator(), explain=0)
    return [ConversationScore(fx.id, fx.language, fx.label == "scam", fx.stage,
                              float(res.verdict.extra["p_scam_uncalibrated"]), res.stage.stage,
                              res.verdict.p_scam,
                              res.verdict.scam_type if res.verdict.is_scam else "not_scam",
                              res.features, len(fx.messages))
            for fx, res in zip(fixtures, results, strict=True)]


#: Conversation lengths (messages, inclusive; None: no upper bound) that
#: :func:`evaluate_conversations` reports separately. Written sets can let
#: length give the label away (long chats all scams); a model that reads
#: length would look good overall and poor within each bucket.
LENGTH_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 4), (5, 8), (9, 12), (13, None))


def _by_length(scored: Sequence[ConversationScore]) -> list[dict[str, Any]]:
    """Flagging and stage accuracy per conversation length (:data:`LENGTH_BUCKETS`)."""
    out = []
    for lo, hi in LENGTH_BUCKETS:
        grp = [s for s in scored if s.messages >= lo and (hi is None or s.messages <= hi)]
        benign = [s for s in grp if not s.scam]
        scams = [s for s in grp if s.scam]
        out.append({
            "messages": f"{lo}-{hi}" if hi is not None else f"{lo}+",
            "benign": len(benign), "scam": len(scams),
            "benign_flagged": sum(risk_from(s.p) >= FLAG_RISK for s in benign),
            "scam_flagged": sum(risk_from(s.p) >= FLAG_RISK for s in scams),
            "stage_correct": sum((s.stage or "none") == (s.true_stage or "none")
                                 for s in scams)})
    return out


#: How a blind set's ``types.tsv`` names scam types, in the classifier's labels.
_TYPE_NAMES = {
    "benign": "not_scam", "pig_butchering": "investment", "investment": "investment",
    "romance": "romance", "task_scam": "task", "task": "task",
    "recruitment_lure": "recruitment", "recruitment": "recruitment",
    "impersonation": "impersonation", "phishing": "phishing", "advance_fee": "advance_fee",
}


def read_types(path: Path) -> dict[str, str]:
    """A blind set's conversation types (``id<TAB>type`` with a header line), in the
    classifier's labels. Raises :class:`InvalidInputError` naming each bad line."""
    types: dict[str, str] = {}
    problems: list[InputProblem] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if n == 1 or not line.strip():
            continue
        parts = line.split("\t")
        label = _TYPE_NAMES.get(parts[1].strip()) if len(parts) == 2 else None
        if label is None:
            problems.append(InputProblem(str(path), f"expected id<TAB>type with type one of "
                                         f"{', '.join(sorted(_TYPE_NAMES))}", line=n,
                                         field="type"))
            continue
        types[parts[0].strip()] = label
    if problems:
        raise InvalidInputError("bad conversation types", problems)
    return types


def _read(path: Path) -> list[ConversationFixture]:
    if not path.is_file():
        raise InvalidInputError("blind conversation file missing",
                                [InputProblem(str(path), "no such file")])
    return read_conversations(path)


def _file_meta(path: Path, fixtures: Sequence[ConversationFixture]) -> dict[str, Any]:
    scams = sum(fx.label == "scam" for fx in fixtures)
    return {"file": f"{path.parent.parent.name}/{path.parent.name}/{path.name}",
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "conversations": len(fixtures), "scam": scams, "benign": len(fixtures) - scams}


def _model_meta(name: str, version: str, meta: dict[str, Any]) -> dict[str, Any]:
    # The weights' hash tells a retrained model apart even when its version stays.
    return {"name": name, "version": version, "weights_sha256": meta.get("weights_sha256")}


def _read_part(path: Path, part: str) -> list[ConversationFixture]:
    """The conversations of one part's file, refusing any whose id belongs to the other
    part: fitting on the eval part, or evaluating on the calibration part, would unblind it."""
    other = "eval" if part == "calibration" else "calibration"
    fixtures = _read(path)
    stray = [InputProblem(str(path), f"conversation belongs to the {other} part",
                          line=fx.line, record=fx.id)
             for fx in fixtures if blind_part(fx.id) != part]
    if stray:
        raise InvalidInputError(f"{other} conversations in the {part} file", stray)
    return fixtures


def default_fit_files(curated: Path) -> list[Path]:
    """The conversation files of :data:`FIT_SETS` under the curated data folder."""
    return [curated / part / "conversations.txt" for part in FIT_SETS]


def _fit_part(path: Path) -> list[ConversationFixture]:
    """A calibration file's conversations, refusing evaluation and development sets.

    A file of a set with an ``eval`` part beside it (the first blind set) must
    hold only ids of its calibration part.
    """
    scored = "/".join(path.parts[-3:-1]) in SCORED_HELD_OUT
    bad = [p for p in path.parts[-4:-3 if scored else -1] if _NOT_FOR_FITTING.fullmatch(p)]
    if bad:
        raise InvalidInputError("not a calibration set", [InputProblem(
            str(path), f"{bad[0]}/ is an evaluation or stage-model development set; the "
            "report risk calibrator is fitted on calibration sets only")])
    if not scored and (path.parent.parent / "eval").is_dir():
        return _read_part(path, "calibration")
    return _read(path)


@dataclass(frozen=True)
class FitData:
    """What the report risk calibrator is fitted on: one entry per conversation."""

    features: list[ConversationFeatures]
    outcomes: list[int]
    #: the scam type of a scam whose type is known, else None
    types: list[str | None]
    #: the set (``folder/part``) each conversation comes from
    groups: list[str]
    #: the files' hashes and counts and the models the features come from
    meta: dict[str, Any]


def fit_data(files: Sequence[Path] | Path, *, classifier: ScamClassifier | None = None,
             stage_model: StageModel | None = None) -> FitData:
    """Score the calibration sets' conversations for :func:`fit_report_risk`.

    Refuses files of the evaluation and stage development sets, and any
    conversation whose id belongs to the first blind set's eval part; a
    ``types.tsv`` beside a file gives its conversations' scam types.
    """
    paths = [files] if isinstance(files, Path) else list(files)
    clf = classifier or default_classifier()
    sm = stage_model or default_stage_model()
    fixtures: list[ConversationFixture] = []
    types: list[str | None] = []
    groups: list[str] = []
    fitted_on = []
    for path in paths:
        fxs = _fit_part(path)
        tpath = path.with_name("types.tsv")
        typed = tpath.is_file()
        named = read_types(tpath) if typed else {}
        untyped = [InputProblem(str(tpath), "no type given", record=fx.id)
                   for fx in fxs if typed and fx.id not in named]
        if untyped:
            raise InvalidInputError("conversations without a type", untyped)
        meta = _file_meta(path, fxs)
        if typed:
            meta["types_sha256"] = hashlib.sha256(tpath.read_bytes()).hexdigest()
        fitted_on.append(meta)
        fixtures.extend(fxs)
        types.extend(named.get(fx.id) for fx in fxs)
        groups.extend([f"{path.parent.parent.name}/{path.parent.name}"] * len(fxs))
    scored = score_conversations(fixtures, classifier=clf, stage_model=sm,
                                 calibrator=UNCALIBRATED)
    outcomes = [int(s.scam) for s in scored]
    features = [s.features for s in scored]
    if any(f is None for f in features):  # analyze_reports always sets them
        raise RuntimeError("report analysis returned no calibrator features")
    return FitData(
        [f for f in features if f is not None], outcomes,
        [t if o == 1 and t not in (None, "not_scam") else None
         for t, o in zip(types, outcomes, strict=True)],
        groups,
        {"fitted_on": fitted_on,
         "conversations": len(fixtures),
         "classifier": _model_meta(clf.name, clf.version, clf.model.meta),
         "stage_model": _model_meta(sm.name, sm.version, sm.model.meta),
         "environment": training_environment()})


def fit_report_risk(files: Sequence[Path] | Path, *, classifier: ScamClassifier | None = None,
                    stage_model: StageModel | None = None) -> ReportRiskCalibrator:
    """Fit the report risk calibrator and type model on calibration sets.

    ``files`` are ``conversations.txt`` files (default in the CLI:
    :func:`default_fit_files`), read by :func:`fit_data`. The result records
    each file's hash and counts and the models whose scores it was fitted on.
    """
    return fit_on(fit_data(files, classifier=classifier, stage_model=stage_model))


def fit_on(data: FitData) -> ReportRiskCalibrator:
    """The report risk calibrator and type model fitted on :func:`fit_data`'s result."""
    return ReportRiskCalibrator.fit(data.features, data.outcomes, data.types, data.meta,
                                    groups=data.groups)


def _auc(p: Sequence[float], y: Sequence[bool]) -> float:
    """Probability that a random scam outranks a random benign conversation."""
    pos = np.asarray([a for a, b in zip(p, y, strict=True) if b], dtype=np.float64)
    neg = np.asarray([a for a, b in zip(p, y, strict=True) if not b], dtype=np.float64)
    if not pos.size or not neg.size:
        return float("nan")
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size)


def _quality(p: Sequence[float], y: Sequence[bool], bins: int) -> dict[str, Any]:
    prob = np.asarray(p, dtype=np.float64)
    out = np.asarray(y, dtype=np.int64)
    flag = np.asarray([risk_from(x) >= FLAG_RISK for x in p])
    tp = int((flag & (out == 1)).sum())
    fp = int((flag & (out == 0)).sum())
    fn = int((~flag & (out == 1)).sum())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    benign = int((out == 0).sum())
    edges = np.minimum((prob * bins).astype(np.int64), bins - 1)
    reliability = [{"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "n": int((edges == b).sum()),
                    "mean_p": round(float(prob[edges == b].mean()), 4),
                    "scam_rate": round(float(out[edges == b].mean()), 4)}
                   for b in range(bins) if (edges == b).any()]
    return {
        "ece": round(expected_calibration_error(prob.tolist(), out.tolist(), bins), 4),
        "brier": round(float(np.mean((prob - out) ** 2)), 4),
        "auc": round(_auc(p, y), 4),
        "precision": round(prec, 4), "recall": round(rec, 4),
        "f1": round(2 * prec * rec / (prec + rec) if prec + rec else 0.0, 4),
        "false_positive_rate": round(fp / benign, 4) if benign else None,
        "false_positives": fp, "benign": benign,
        "reliability": reliability,
    }


def evaluate_conversations(blind_dir: Path, *, classifier: ScamClassifier | None = None,
                           stage_model: StageModel | None = None,
                           calibrator: ReportRiskCalibrator | None = None,
                           bins: int = 10) -> dict[str, Any]:
    """Conversation risk and stage quality on a blind set's eval part.

    Reads only ``blind_dir/eval/conversations.txt``. When the set also has a
    ``calibration/`` part, every id must belong to the eval part by
    :func:`blind_part`; a set with only an ``eval/`` part (written later, with
    nothing fitted on it) is read whole. Risk: ECE (``bins``
    equal-width bins), Brier score, AUC, and precision/recall/F1 and the
    false-positive rate of flagging at risk >= 50, before calibration (the
    uncalibrated report score) and after. Stage: macro-F1 and per-stage
    precision/recall over the scam conversations, truth being the furthest
    labelled stage (``none`` when no message shows one).
    """
    cal = calibrator or default_report_calibrator()
    path = blind_dir / "eval" / "conversations.txt"
    fixtures = (_read_part(path, "eval") if (blind_dir / "calibration").is_dir()
                else _read(path))
    scored = score_conversations(fixtures, classifier=classifier, stage_model=stage_model,
                                 calibrator=cal)
    y = [s.scam for s in scored]
    by_stage: dict[str, dict[str, Any]] = {}
    for key in ("benign", "none", *STAGES):
        grp = [s for s in scored if (("benign" if not s.scam else s.true_stage or "none")
                                     == key)]
        if grp:
            by_stage[key] = {
                "n": len(grp),
                "flagged": sum(risk_from(s.p) >= FLAG_RISK for s in grp),
                "flagged_before": sum(risk_from(s.score) >= FLAG_RISK for s in grp),
                "mean_risk": round(float(np.mean([100 * s.p for s in grp])), 1),
                "mean_risk_before": round(float(np.mean([100 * s.score for s in grp])), 1)}
    by_lang: dict[str, dict[str, Any]] = {}
    for lang in sorted({s.language for s in scored}):
        grp = [s for s in scored if s.language == lang]
        by_lang[lang] = {"n": len(grp), "accuracy": round(
            sum((risk_from(s.p) >= FLAG_RISK) == s.scam for s in grp) / len(grp), 4)}
    scams = [s for s in scored if s.scam]
    stage_rep = classification_report([s.true_stage or "none" for s in scams],
                                      [s.stage or "none" for s in scams], ("none", *STAGES))
    stages = stage_rep.to_dict()
    stages["conversations"] = len(scams)
    # Comparable with the curated eval figure, whose truth never says "none".
    stage_f1 = [stage_rep.f1[x] for x in STAGES if stage_rep.support[x]]
    stages["macro_f1_stages_only"] = round(float(np.mean(stage_f1)), 4) if stage_f1 else 0.0
    stages["benign_with_money_stage"] = sum(
        1 for s in scored if not s.scam and s.stage in MONEY_STAGES)
    types_path = blind_dir / "eval" / "types.tsv"
    types = _type_quality(scored, read_types(types_path)) if types_path.is_file() else None
    return {
        "file": _file_meta(path, fixtures),
        "calibrator": {"name": cal.name, "version": cal.version},
        "bins": bins,
        "before": _quality([s.score for s in scored], y, bins),
        "after": _quality([s.p for s in scored], y, bins),
        "by_true_stage": by_stage,
        "by_language": by_lang,
        "by_length": _by_length(scored),
        "stages": stages,
        "types": types,
    }


def _type_quality(scored: Sequence[ConversationScore], types: dict[str, str]) -> dict[str, Any]:
    """Scam type of whole conversations (a missed scam counts as ``not_scam``)."""
    missing = [s.id for s in scored if s.id not in types]
    if missing:
        raise InvalidInputError("conversations without a type", [
            InputProblem("types.tsv", "no type given", record=i) for i in missing])
    rep = classification_report([types[s.id] for s in scored], [s.scam_type for s in scored],
                                LABELS).to_dict()
    rep["conversations"] = len(scored)
    return rep


def format_conversation_report(rep: dict[str, Any]) -> str:
    """A readable text version of :func:`evaluate_conversations` output."""
    f = rep["file"]
    lines = [f"blind set {f['file']}: {f['conversations']} conversations "
             f"({f['scam']} scam, {f['benign']} benign); calibrator "
             f"{rep['calibrator']['name']} {rep['calibrator']['version']}"]
    for key, title in (("before", "uncalibrated"), ("after", "calibrated")):
        q = rep[key]
        lines.append(f"  {title:<12} ECE({rep['bins']}) {q['ece']:.4f}  Brier {q['brier']:.4f}  "
                     f"AUC {q['auc']:.3f}  at risk>=50: P {q['precision']:.3f} "
                     f"R {q['recall']:.3f} F1 {q['f1']:.3f}  FPR {q['false_positive_rate']:.3f} "
                     f"({q['false_positives']}/{q['benign']} benign)")
    lines.append("  reliability after (bin n mean_p scam_rate): " + "; ".join(
        f"{r['bin']} {r['n']} {r['mean_p']:.2f} {r['scam_rate']:.2f}"
        for r in rep["after"]["reliability"]))
    lines.append(f"    {'true stage':<20} {'n':>4} {'flagged':>8} {'before':>7} "
                 f"{'risk':>6} {'before':>7}")
    for key, v in rep["by_true_stage"].items():
        lines.append(f"    {key:<20} {v['n']:4d} {v['flagged']:8d} {v['flagged_before']:7d} "
                     f"{v['mean_risk']:6.1f} {v['mean_risk_before']:7.1f}")
    lines.append("  accuracy by language: " + ", ".join(
        f"{k} {v['accuracy']:.2f} (n={v['n']})" for k, v in rep["by_language"].items()))
    lines.append("  by length (messages: benign flagged/n, scams flagged/n, scam stage "
                 "correct/n): " + "; ".join(
                     f"{b['messages']}: {b['benign_flagged']}/{b['benign']}, "
                     f"{b['scam_flagged']}/{b['scam']}, {b['stage_correct']}/{b['scam']}"
                     for b in rep.get("by_length", [])))
    s = rep["stages"]
    lines.append(f"  stage on {s['conversations']} blind scam conversations: macro-F1 "
                 f"{s['macro_f1']:.3f} (over the seven stages only "
                 f"{s['macro_f1_stages_only']:.3f}); benign conversations given a money "
                 f"stage: {s['benign_with_money_stage']}")
    lines.extend(per_class_lines(s, first="stage", n_width=4))
    if rep.get("types"):
        ty = rep["types"]
        lines.append(f"  scam type of {ty['conversations']} conversations (types.tsv; a missed "
                     f"scam counts as not_scam): macro-F1 {ty['macro_f1']:.3f}")
        lines.extend(per_class_lines(ty, first="type", n_width=4))
    return "\n".join(lines)
