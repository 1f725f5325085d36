"""Held-out evaluation of the classifier (and, in stages.py, of the stage model)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from scamnet.analyze.classifier import LABELS, SCAM_TYPES, ScamClassifier
from scamnet.analyze.datasets import LabelledText, load_curated
from scamnet.analyze.language import detect_language
from scamnet.analyze.metrics import (
    classification_report,
    expected_calibration_error,
    paired_bootstrap_macro_f1,
    per_class_lines,
)
from scamnet.analyze.stages import (
    CUE_LABELS,
    STAGES,
    ConversationFixture,
    StageModel,
    message_cues,
    stage_conversation,
)

__all__ = [
    "BLIND_MESSAGE_SETS",
    "HELD_OUT_CONVERSATIONS",
    "MORE_CONVERSATION_SETS",
    "compare_classifiers",
    "evaluate_classifier",
    "evaluate_models",
    "evaluate_stages",
    "format_comparison",
    "format_report",
    "guard_sets",
    "stage_headline_set",
]

#: The held-out conversation set of the current stage model (under
#: ``data/conversations``). It is read only once its author has marked it
#: finished with a ``DONE`` file; until then the previous set stands in.
HELD_OUT_CONVERSATIONS = "blind12"
#: Curated message sets written blind (each by a writer who read no other
#: fixture and no analysis code) for held-out evaluation of the classifier
#: only; each is read once its ``DONE`` marker exists. Training never reads
#: them. ``blindmsg2`` (round 3, second part) leans on investment, romance and
#: Chinese messages, where ``blindmsg`` showed the classifier weakest.
#: ``blindmsg3`` (session 10) holds the six languages no training text was
#: written in until then: Burmese, Khmer, Japanese, Korean, Portuguese and
#: French (192 messages). ``blindmsg4`` (session 11, scored once in session
#: 12 after classifier 1.6.0 was committed) holds Portuguese, French,
#: Spanish, Malay and Tagalog (200 messages). ``blindmsg5`` (session 12,
#: scored once after classifier 1.7.0 was committed) holds Burmese, Khmer,
#: Japanese, Korean, Portuguese and French again (192 messages, written with
#: the scam type in mind).
#: ``blindmsg6`` (session 14: 240 messages in the same six languages, 10
#: impersonation, 6 recruitment and 4 phishing per language among them) was
#: scored once in session 16 after classifier 1.8.0 was committed.
#: ``blindmsg7`` (session 17, the same design, written blind beside the
#: training set ``trainmsg7``) was scored once after 1.9.0 was committed.
BLIND_MESSAGE_SETS = ("blindmsg", "blindmsg2", "blindmsg3", "blindmsg4", "blindmsg5",
                      "blindmsg6", "blindmsg7")
#: Further held-out conversation sets the stage model is measured on by
#: ``scamnet eval``, each once its ``DONE`` marker exists. The sets here
#: were, in turn, ``blind13`` to ``blind25`` (chats in Burmese, Khmer,
#: Japanese, Korean, Portuguese and French, the languages stage model 2.8.0
#: first saw training chats in), each until it became development data:
#: ``blind17`` and ``blind20`` to ``blind23`` are since 2.12.0 (session 15),
#: ``blind24`` and ``blind25`` since 2.13.0 (session 16).
#: ``blind26`` and ``blind27`` (written in session 15 under blind22's brief,
#: with six chats each of task, recruitment, impersonation and phishing
#: scams) are 2.13.0's held-out sets in these languages, each scored once
#: after it was committed (session 16); so are ``blind28`` and ``blind29``,
#: the same brief in the first eight languages, fresh where blind12 is worn
#: by guarding every stage rule since session 9. ``blind30`` to ``blind33``
#: (session 16, the same briefs; six new languages, then the first eight)
#: were scored once in session 17, after classifier 1.9.0 was committed
#: (stage model 2.13.0's candidate with blind26 to blind29 failed its rule).
#: ``blind34`` and ``blind35`` (session 17, blind30's brief) were scored once
#: after classifier 1.10.0 was committed.
MORE_CONVERSATION_SETS: tuple[str, ...] = ("blind26", "blind27", "blind28", "blind29",
                                           "blind30", "blind31", "blind32", "blind33",
                                           "blind34", "blind35")
#: The set scored before :data:`HELD_OUT_CONVERSATIONS` exists: held out for
#: stage model 2.7.0 (scored once, 2026-11-29), report-risk calibration data
#: since calibrator ``8001f03e8a73``; never stage-model data.
PREVIOUS_CONVERSATIONS = "blind11"

_BINARY = ("scam", "not_scam")


def evaluate_classifier(clf: ScamClassifier, items: Sequence[LabelledText]) -> dict[str, Any]:
    """Score held-out ``items`` and report binary and per-type quality.

    Binary (scam vs not-scam) macro-F1 is given overall, per source set and
    per language. Per-type precision/recall and the confusion matrix use only
    texts whose type is known (curated and the Chinese set's classes). ECE is
    computed on the calibrated scam probability over every item.
    """
    texts = [t.text for t in items]
    raw, cal, types = clf.scores(texts)
    pred_scam = cal >= 0.5
    truth_bin = ["scam" if t.is_scam else "not_scam" for t in items]
    pred_bin = ["scam" if s else "not_scam" for s in pred_scam]
    out: dict[str, Any] = {"model": clf.name, "model_version": clf.version, "items": len(items)}
    out["binary"] = classification_report(truth_bin, pred_bin, _BINARY).to_dict()

    def grouped(key: str) -> dict[str, Any]:
        groups: dict[str, list[int]] = {}
        for i, t in enumerate(items):
            groups.setdefault(getattr(t, key), []).append(i)
        res = {}
        for g, idx in sorted(groups.items()):
            rep = classification_report([truth_bin[i] for i in idx], [pred_bin[i] for i in idx],
                                        _BINARY)
            res[g] = {"macro_f1": round(rep.macro_f1, 4), "items": len(idx),
                      "scam": rep.support["scam"],
                      "scam_recall": round(rep.recall["scam"], 4),
                      "scam_precision": round(rep.precision["scam"], 4)}
        return res

    out["binary_by_source"] = grouped("source")
    out["binary_by_language"] = grouped("language")
    typed = [i for i, t in enumerate(items) if t.label in LABELS]
    pred_label = [SCAM_TYPES[int(np.argmax(types[i]))] if pred_scam[i] else "not_scam"
                  for i in range(len(items))]
    rep = classification_report([items[i].label for i in typed],
                                [pred_label[i] for i in typed], LABELS)
    out["types"] = rep.to_dict()
    out["types"]["items"] = len(typed)
    cur = [i for i in typed if items[i].source == "curated"]
    out["types_curated_only"] = {
        "macro_f1": round(classification_report([items[i].label for i in cur],
                                                [pred_label[i] for i in cur],
                                                LABELS).macro_f1, 4),
        "items": len(cur)}
    out["language_accuracy"] = _language_accuracy(items)
    y = [1 if t.is_scam else 0 for t in items]
    out["calibration"] = {"ece": round(expected_calibration_error(cal.tolist(), y), 4),
                          "ece_uncalibrated": round(expected_calibration_error(raw.tolist(), y),
                                                    4),
                          "bins": 10}
    return out


def _language_accuracy(items: Sequence[LabelledText]) -> dict[str, Any]:
    """How often :func:`detect_language` gives each set's language, per language."""
    hits: dict[str, list[bool]] = {}
    for t in items:
        hits.setdefault(t.language, []).append(detect_language(t.text).code == t.language)
    return {lang: {"accuracy": round(sum(v) / len(v), 4), "items": len(v)}
            for lang, v in sorted(hits.items())}


def evaluate_stages(model: StageModel, fixtures: Sequence[ConversationFixture]) -> dict[str, Any]:
    """Conversation-level stage macro-F1 and per-message cue quality on held-out fixtures.

    A conversation with no cue found counts as predicted ``none`` (always wrong,
    since every fixture reaches some stage).
    """
    truth: list[str] = []
    pred: list[str] = []
    money_hits = 0
    money_total = 0
    by_lang: dict[str, list[bool]] = {}
    msg_truth: list[str] = []
    msg_pred: list[str] = []
    for fx in fixtures:
        res = stage_conversation([body for _, _, body in fx.messages], model=model, explain=0)
        truth.append(fx.stage or "none")
        pred.append(res.stage or "none")
        by_lang.setdefault(fx.language, []).append(truth[-1] == pred[-1])
        if fx.turned_to_money_at is not None:
            money_total += 1
            money_hits += int(res.turned_to_money_at == fx.turned_to_money_at)
        cues = message_cues([body for _, _, body in fx.messages], model=model, explain=0)
        for (_, cue, _), (got, _, _) in zip(fx.messages, cues, strict=True):
            msg_truth.append(cue)
            msg_pred.append(got or "none")
    labels = ("none", *STAGES)
    rep = classification_report(truth, pred, labels)
    out = rep.to_dict()
    out["conversations"] = len(fixtures)
    out["accuracy_by_language"] = {k: round(sum(v) / len(v), 4) for k, v in sorted(by_lang.items())}
    out["turned_to_money_exact"] = round(money_hits / money_total, 4) if money_total else None
    out["message_cues_macro_f1"] = round(
        classification_report(msg_truth, msg_pred, CUE_LABELS).macro_f1, 4)
    out["model"] = model.name
    out["model_version"] = model.version
    return out


def stage_headline_set(curated: Path) -> tuple[str, bool]:
    """The conversation set ``scamnet eval`` scores the stage model on, and whether
    it is held out.

    :data:`HELD_OUT_CONVERSATIONS` once its ``DONE`` marker exists (nothing
    under it is opened before that), else :data:`PREVIOUS_CONVERSATIONS`,
    which the current model was fitted on (an in-sample figure).
    """
    if (curated / HELD_OUT_CONVERSATIONS / "DONE").exists():
        return HELD_OUT_CONVERSATIONS, True
    return PREVIOUS_CONVERSATIONS, False


def evaluate_models(shared: Path, curated: Path, *, classifier: ScamClassifier | None = None,
                    stage_model: StageModel | None = None) -> dict[str, Any]:
    """Evaluate the classifier and the stage model on held-out data only.

    The classifier sees the real sets' eval split (by text hash) plus the
    curated ``eval/messages.tsv``; the stage model the scam conversations of
    the set :func:`stage_headline_set` names (the held-out ``blind11/eval``;
    the sets of :func:`scamnet.analyze.stage_training.development_files`,
    ``train/`` to ``blind10/eval``, are its training data).
    """
    from scamnet.analyze.stages import default_stage_model
    from scamnet.analyze.training import load_training_data

    clf = classifier or ScamClassifier.load()
    sm = stage_model or default_stage_model()
    data = load_training_data(shared, curated)
    rep: dict[str, Any] = {"classifier": evaluate_classifier(clf, data.eval),
                           "stages": _stages_on(sm, curated, *stage_headline_set(curated))}
    blind = {name: evaluate_classifier(clf, items)
             for name, items in _blind_message_sets(curated).items()}
    if blind:
        rep["blind_messages"] = blind
    more = {name: _stages_on(sm, curated, name, True) for name in MORE_CONVERSATION_SETS
            if (curated / name / "DONE").exists()}
    if more:
        rep["more_stages"] = more
    return rep


def _stages_on(sm: StageModel, curated: Path, name: str, held_out: bool) -> dict[str, Any]:
    """:func:`evaluate_stages` on the scam conversations of set ``name``'s eval part."""
    from scamnet.analyze.stages import read_conversations

    out = evaluate_stages(sm, [
        fx for fx in read_conversations(curated / name / "eval" / "conversations.txt")
        if fx.label == "scam"])
    out["set"] = name
    out["held_out"] = held_out
    return out


def _blind_message_sets(curated: Path) -> dict[str, list[LabelledText]]:
    """The messages of each finished set of :data:`BLIND_MESSAGE_SETS`; a blind set
    not listed there (written for a later round) is never read."""
    sets: dict[str, list[LabelledText]] = {}
    for name in BLIND_MESSAGE_SETS:
        if (curated / name / "DONE").exists():
            sets[name], _ = load_curated(curated / name / "eval" / "messages.tsv",
                                         "curated-blind")
    return sets


def format_report(rep: dict[str, Any]) -> str:
    """A readable text version of :func:`evaluate_models` output."""
    lines: list[str] = []
    c = rep["classifier"]
    lines.append(f"classifier {c['model']} {c['model_version']} on {c['items']} held-out texts")
    lines.append(f"  scam vs not-scam macro-F1 {c['binary']['macro_f1']:.3f}; "
                 f"ECE {c['calibration']['ece']:.4f} "
                 f"(uncalibrated {c['calibration']['ece_uncalibrated']:.4f})")
    for title, key in (("by source", "binary_by_source"), ("by language", "binary_by_language")):
        lines.append(f"  scam vs not-scam {title}:")
        for name, g in c[key].items():
            lines.append(f"    {name:<30} F1 {g['macro_f1']:.3f}  n={g['items']:<5} "
                         f"scam={g['scam']:<4} P={g['scam_precision']:.3f} "
                         f"R={g['scam_recall']:.3f}")
    lines.append("  language identification accuracy: " + ", ".join(
        f"{k} {v['accuracy']:.3f} (n={v['items']})" for k, v in c["language_accuracy"].items()))
    ty = c["types"]
    lines.append(f"  scam types (texts with a known type, n={ty['items']}): "
                 f"macro-F1 {ty['macro_f1']:.3f}; curated only "
                 f"{c['types_curated_only']['macro_f1']:.3f}")
    lines.extend(per_class_lines(ty))
    lines.extend(_confusion(ty))
    for name, b in rep.get("blind_messages", {}).items():
        lines.append(f"classifier on the blind curated messages ({name}, "
                     f"{b['items']} texts, never trained on): scam vs not-scam macro-F1 "
                     f"{b['binary']['macro_f1']:.3f}; scam types macro-F1 "
                     f"{b['types']['macro_f1']:.3f}")
        lines.append("  scam vs not-scam by language: " + ", ".join(
            f"{k} {g['macro_f1']:.3f} (n={g['items']}, R={g['scam_recall']:.2f})"
            for k, g in b["binary_by_language"].items()))
        lines.extend(per_class_lines(b["types"]))
        lines.extend(_confusion(b["types"]))
    for s in (rep["stages"], *rep.get("more_stages", {}).values()):
        seen = "held-out" if s.get("held_out", True) else "development (fitted on, in-sample)"
        lines.append(f"stages {s['model']} {s['model_version']} on {s['conversations']} {seen} "
                     f"({s.get('set', '?')}) scam conversations: macro-F1 {s['macro_f1']:.3f}; "
                     f"message cues macro-F1 {s['message_cues_macro_f1']:.3f}; "
                     f"turned-to-money exact {s['turned_to_money_exact']}")
        lines.append("  accuracy by language: " + ", ".join(
            f"{k} {v:.2f}" for k, v in s["accuracy_by_language"].items()))
        lines.extend(per_class_lines(s))
        lines.extend(_confusion(s))
    return "\n".join(lines)


def _confusion(rep: dict[str, Any]) -> list[str]:
    labels = rep["confusion"]["labels"]
    short = [lab[:6] for lab in labels]
    out = ["    confusion (rows truth, columns predicted):",
           "    " + " " * 20 + " ".join(f"{s:>6}" for s in short)]
    for lab, row in zip(labels, rep["confusion"]["matrix"], strict=True):
        out.append(f"    {lab:<20}" + " ".join(f"{v:6d}" for v in row))
    return out


def guard_sets(shared: Path, curated: Path) -> dict[str, list[LabelledText]]:
    """The held-out message sets a classifier candidate is compared on: each real
    set's eval split, the curated eval part and every finished blind message
    set of :data:`BLIND_MESSAGE_SETS` (a blind set written for a later round
    and not yet listed there is never read)."""
    from scamnet.analyze.training import load_training_data

    sets: dict[str, list[LabelledText]] = {}
    for t in load_training_data(shared, curated).eval:
        sets.setdefault(t.source, []).append(t)
    sets.update(_blind_message_sets(curated))
    return dict(sorted(sets.items()))


def compare_classifiers(baseline: ScamClassifier, candidate: ScamClassifier,
                        sets: dict[str, list[LabelledText]], *, resamples: int = 2000,
                        seed: int = 0) -> list[dict[str, Any]]:
    """Scam vs not-scam macro-F1 of both models on each set, with a paired
    bootstrap interval of the difference (candidate - baseline)."""
    rows = []
    for name, items in sets.items():
        texts = [t.text for t in items]
        a = baseline.scores(texts)[1] >= 0.5
        b = candidate.scores(texts)[1] >= 0.5
        res = paired_bootstrap_macro_f1([t.is_scam for t in items], a.tolist(), b.tolist(),
                                        resamples=resamples, seed=seed)
        rows.append({"set": name, "items": len(items),
                     "changed": int((a != b).sum()), **res.to_dict()})
    return rows


def format_comparison(rows: Sequence[dict[str, Any]], baseline: str, candidate: str) -> str:
    """The rows of :func:`compare_classifiers` as a table."""
    level = rows[0]["level"] if rows else 0.95
    out = [f"baseline {baseline}; candidate {candidate}; scam vs not-scam macro-F1, "
           f"{level:.0%} paired bootstrap interval of the difference",
           f"  {'set':30s} {'items':>6s} {'changed':>7s} {'base':>7s} {'cand':>7s} "
           f"{'diff':>7s}  interval"]
    for r in rows:
        out.append(f"  {r['set']:30s} {r['items']:6d} {r['changed']:7d} {r['a']:7.4f} "
                   f"{r['b']:7.4f} {r['difference']:+7.4f}  [{r['low']:+.4f}, {r['high']:+.4f}]")
    return "\n".join(out)

