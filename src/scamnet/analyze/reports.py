"""Analysis of whole reports and conversations: type, risk, stage, with evidence.

Pure: reports in, results out. A report's texts (title, narrative, messages)
are classified one by one and joined; the report's scam probability is the
highest of those, because one clearly fraudulent message makes the whole
conversation a scam, however friendly the rest. Its stage comes from its
messages, or for a narrative-only victim report from the narrative's
sentences, which tell the same story in the victim's words. That highest
probability, raised by the stage priors, is then calibrated for whole
conversations (:mod:`scamnet.analyze.report_risk`): ``risk`` and ``p_scam``
of a report are calibrated, the uncalibrated score is kept beside them. A
report calibrated to a scam of a type without the pig-butchering lifecycle
(recruitment lure, impersonation, phishing) gets the stage that convention
gives it (:func:`scamnet.analyze.stages.outside_lifecycle`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from scamnet.analyze.classifier import (
    Classification,
    ScamClassifier,
    default_classifier,
    risk_from,
)
from scamnet.analyze.language import LanguageResult, detect_language
from scamnet.analyze.report_risk import (
    ConversationFeatures,
    ReportRiskCalibrator,
    conversation_features,
    default_report_calibrator,
)
from scamnet.analyze.stages import (
    StageModel,
    StageResult,
    default_stage_model,
    message_cues,
    outside_lifecycle,
    stage_from_cues,
)
from scamnet.model.records import Report

__all__ = [
    "MessageAnalysis",
    "ReportAnalysis",
    "analyze_reports",
    "conversation_units",
]

_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|\n+|(?<=[。！？])")


@dataclass(frozen=True)
class MessageAnalysis:
    """The verdict on one text of a report (``field`` title/narrative/message)."""

    field: str
    index: int
    classification: Classification
    stage_cue: str | None


@dataclass(frozen=True)
class ReportAnalysis:
    """Everything the analysis says about one report, with the models used."""

    report_id: str
    language: LanguageResult
    verdict: Classification
    stage: StageResult
    texts: tuple[MessageAnalysis, ...]
    #: What the risk calibrator read (None only for results built elsewhere).
    features: ConversationFeatures | None = None

    def to_dict(self) -> dict[str, Any]:
        v = self.verdict
        return {
            "report_id": self.report_id,
            "language": self.language.code,
            "is_scam": v.is_scam,
            "scam_type": v.scam_type,
            "risk": v.risk,
            "p_scam": round(v.p_scam, 4),
            "reasons": [r.to_dict() for r in v.reasons],
            "reasons_from": v.extra.get("reasons_from"),
            "decided_by": v.extra.get("decided_by", "classifier"),
            # "conversation" when the calibrator's type model named a scam type
            # other than that of the text or stage that drove the score.
            "type_from": v.extra.get("type_from", "texts"),
            "p_scam_uncalibrated": (round(v.extra["p_scam_uncalibrated"], 4)
                                    if "p_scam_uncalibrated" in v.extra else None),
            "risk_calibrator": v.extra.get("risk_calibrator"),
            "risk_calibrator_version": v.extra.get("risk_calibrator_version"),
            "stage": self.stage.to_dict(),
            "model": v.model,
            "model_version": v.version,
        }


def conversation_units(report: Report) -> list[tuple[str, int, str]]:
    """The (field, index, text) units a report's stage is read from.

    Non-system messages when there are any; otherwise the narrative's sentences.
    """
    units = [("message", m.index, m.text) for m in report.messages
             if not m.system and m.text.strip()]
    if units:
        return units
    parts = [p.strip() for p in _SENTENCE.split(report.narrative or "") if p and p.strip()]
    return [("narrative", i, p) for i, p in enumerate(parts)]


def analyze_reports(reports: Iterable[Report], *, classifier: ScamClassifier | None = None,
                    stage_model: StageModel | None = None,
                    calibrator: ReportRiskCalibrator | None = None,
                    explain: int = 5) -> Iterator[ReportAnalysis]:
    """Analyse each report: per-text verdicts, report verdict and risk, stage.

    Per-text risk is the classifier's message-level risk; the report's risk is
    calibrated for conversations by ``calibrator`` (default: the shipped one).
    """
    clf = classifier or default_classifier()
    sm = stage_model or default_stage_model()
    cal = calibrator or default_report_calibrator()
    for report in reports:
        yield _analyze(report, clf, sm, cal, explain)


def _analyze(report: Report, clf: ScamClassifier, sm: StageModel, cal: ReportRiskCalibrator,
             explain: int) -> ReportAnalysis:
    fields: list[tuple[str, int, str]] = []
    if report.title:
        fields.append(("title", 0, report.title))
    if report.narrative:
        fields.append(("narrative", 0, report.narrative))
    fields.extend(("message", m.index, m.text) for m in report.messages
                  if not m.system and m.text.strip())
    joined = "\n".join(t for _, _, t in fields)
    results = clf.classify([joined, *(t for _, _, t in fields)], language=True, explain=0)
    units = conversation_units(report)
    cues = message_cues([t for _, _, t in units], model=sm, explain=3)
    cue_at = {(f, i): c[0] for (f, i, _), c in zip(units, cues, strict=True)}
    per_text = tuple(
        MessageAnalysis(f, i, res, cue_at.get((f, i)))
        for (f, i, _), res in zip(fields, results[1:], strict=True))
    # The most scam-like text speaks for the report; its reasons are the evidence.
    best_k = max(range(len(results)), key=lambda k: (results[k].p_scam, -k))
    best = results[best_k]
    source_text = joined if best_k == 0 else fields[best_k - 1][2]
    reasons = tuple(clf.explain(source_text, 1.0 if best.is_scam else -1.0,
                                top=explain)) if explain else ()
    where = "report" if best_k == 0 else f"{fields[best_k - 1][0]}:{fields[best_k - 1][1]}"
    verdict = Classification(
        is_scam=best.is_scam, scam_type=best.scam_type, p_scam=best.p_scam, risk=best.risk,
        type_scores=best.type_scores, reasons=reasons, model=best.model, version=best.version,
        extra={"reasons_from": where})
    stage = stage_from_cues([i for _, i, _ in units], [t for _, _, t in units], cues,
                            len(report.messages) or len(units), sm)
    verdict = _with_stage(verdict, stage, units)
    sender_of = {m.index: m.sender for m in report.messages}
    features = conversation_features(
        verdict.p_scam, stage.stage, [(r.p_scam, r.type_scores) for r in results[1:]],
        cues=[c[0] for c in cues],
        senders=[sender_of.get(i) if f == "message" else None for f, i, _ in fields])
    verdict = _calibrated(verdict, features, cal)
    if verdict.is_scam:
        opener = (units[0][1], units[0][2]) if units else None
        stage = outside_lifecycle(stage, verdict.scam_type, verdict.p_scam, opener)
    language = results[0].language or detect_language(joined)
    return ReportAnalysis(report.id, language, verdict, stage, per_text, features)


#: Scam probability implied by reaching a stage. A heuristic prior that only
#: shapes the uncalibrated score; the report calibrator turns it into risk.
STAGE_PRIOR: dict[str, float] = {
    "pitch": 0.7, "deposit": 0.8, "profit": 0.85, "withdrawal_blocked": 0.95, "pressure": 0.95,
}


def _with_stage(verdict: Classification, stage: StageResult,
                units: list[tuple[str, int, str]]) -> Classification:
    """Let the lifecycle speak: a conversation that reached the money stages is
    pig-butchering (type ``investment``) even when no single message reads
    like the SMS scams the classifier learned from."""
    if stage.stage is None or stage.stage not in STAGE_PRIOR:
        return verdict
    prior = STAGE_PRIOR[stage.stage]
    if prior <= verdict.p_scam:
        return verdict
    ev = stage.evidence[stage.stage][0]
    field = next((f for f, i, _ in units if i == ev.index), "message")
    return Classification(
        is_scam=True, scam_type="investment", p_scam=prior, risk=risk_from(prior),
        type_scores=verdict.type_scores, reasons=ev.reasons, model=verdict.model,
        version=verdict.version,
        extra={"reasons_from": f"{field}:{ev.index}", "decided_by": f"stage:{stage.stage}"})


def _calibrated(verdict: Classification, features: ConversationFeatures,
                cal: ReportRiskCalibrator) -> Classification:
    """Replace the report's probability by the calibrated one; keep the evidence.

    A report calibrated to a scam gets the calibrator's conversation type
    (``type_from`` says so when it differs from the type of the text or stage
    that drove the score); anything below 0.5 is ``not_scam``.
    """
    p = cal.probability(features)
    is_scam = p >= 0.5
    extra = {**verdict.extra, "p_scam_uncalibrated": verdict.p_scam,
             "risk_calibrator": cal.name, "risk_calibrator_version": cal.version}
    scam_type = cal.scam_type(features) if is_scam else "not_scam"
    if is_scam and scam_type != verdict.scam_type:
        extra["type_from"] = "conversation"
    return Classification(
        is_scam=is_scam, scam_type=scam_type, p_scam=p, risk=risk_from(p),
        type_scores=verdict.type_scores, reasons=verdict.reasons, model=verdict.model,
        version=verdict.version, language=verdict.language, extra=extra)
