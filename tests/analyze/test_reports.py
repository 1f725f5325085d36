from __future__ import annotations

import pytest

from scamnet.analyze.classifier import Classification, ScamClassifier
from scamnet.analyze.reports import STAGE_PRIOR, analyze_reports, conversation_units
from scamnet.analyze.stages import StageEvidence, StageModel, StageResult
from scamnet.model.records import Message, Report, ReportKind


def _one(report: Report, clf: ScamClassifier, sm: StageModel) -> dict[str, object]:
    (res,) = analyze_reports([report], classifier=clf, stage_model=sm)
    return res.to_dict()


@pytest.mark.xfail(strict=True, reason=(
    "known error of stage models 2.11.0 to 2.13.0: they read 'my account is frozen, they ask "
    "a 20% tax first' as withdrawal_blocked with probability 0.75, 0.68 and 0.62 (2.10.0: "
    "0.84), below the 0.8 a lone money-stage message needs (STAGE_SUPPORT), so the chat stays "
    "at rapport and the classifier decides (risk 61, 62 and 64, still flagged; 64 with "
    "classifiers 1.8.0, 1.9.0 and 1.10.0 too)"))
def test_lifecycle_decides_when_messages_read_harmless(classifier: ScamClassifier,
                                                       stage_model: StageModel) -> None:
    report = Report("c", ReportKind.CHAT, "x", messages=(
        Message(0, "Good morning dear, did you eat breakfast?"),
        Message(1, "I want to withdraw but my account is frozen, they ask a 20% tax first."),
    ))
    d = _one(report, classifier, stage_model)
    # The stage prior raises the uncalibrated score; the calibrated risk still flags it.
    assert d["is_scam"] and d["risk"] >= 50
    assert d["p_scam_uncalibrated"] >= STAGE_PRIOR["withdrawal_blocked"] - 0.01
    assert d["type_from"] in ("texts", "conversation")
    if d["decided_by"] != "classifier":
        assert d["decided_by"] == "stage:withdrawal_blocked"
        assert d["scam_type"] == "investment" and d["reasons_from"] == "message:1"


def test_a_money_stage_lifts_a_harmless_reading_verdict_to_its_prior() -> None:
    # The rule itself, apart from what the shipped stage model reads: a chat
    # that reached withdrawal_blocked is an investment scam at the stage's
    # prior even when its texts read harmless, with the stage's evidence as
    # the reasons; a verdict already above the prior, or a stage without a
    # prior, is left as it is.
    from scamnet.analyze.linear import Reason
    from scamnet.analyze.reports import _with_stage

    reason = Reason("cue:withdrawal_blocked", 1.0, 10, 33, "withdraw but my account")
    ev = StageEvidence(1, "withdrawal_blocked", 0.9, "I want to withdraw but my account is "
                       "frozen", (reason,))
    stage = StageResult("withdrawal_blocked", 1, {"withdrawal_blocked": (ev,)}, 2, "m", "1")
    units = [("message", 0, "Good morning"), ("message", 1, ev.text)]
    harmless = Classification(is_scam=False, scam_type="not_scam", p_scam=0.2, risk=20,
                              type_scores={"romance": 0.5}, reasons=(), model="c",
                              version="1")
    lifted = _with_stage(harmless, stage, units)
    assert lifted.is_scam and lifted.scam_type == "investment"
    assert lifted.p_scam == STAGE_PRIOR["withdrawal_blocked"]
    assert lifted.extra == {"reasons_from": "message:1",
                            "decided_by": "stage:withdrawal_blocked"}
    assert lifted.reasons == (reason,)
    sure = Classification(is_scam=True, scam_type="task", p_scam=0.99, risk=99,
                          type_scores={"task": 0.9}, reasons=(), model="c", version="1")
    assert _with_stage(sure, stage, units) is sure
    rapport = StageResult("rapport", None, {"rapport": (ev,)}, 2, "m", "1")
    assert _with_stage(harmless, rapport, units) is harmless


def test_narrative_sentences_stand_in_for_messages(classifier: ScamClassifier,
                                                   stage_model: StageModel) -> None:
    report = Report("v", ReportKind.VICTIM_REPORT, "x", narrative=(
        "A woman messaged me by mistake, saying sorry, wrong number. "
        "Later she said her uncle is an analyst and taught me crypto trading signals. "
        "I transferred 10000 USDT to the wallet address she gave."))
    assert [u[0] for u in conversation_units(report)] == ["narrative"] * 3
    d = _one(report, classifier, stage_model)
    stage = d["stage"]
    assert isinstance(stage, dict) and stage["stage"] == "deposit"
    assert stage["turned_to_money_at"] == 1


def test_empty_report(classifier: ScamClassifier, stage_model: StageModel) -> None:
    d = _one(Report("e", ReportKind.CHAT, "x"), classifier, stage_model)
    assert d["is_scam"] is False and d["language"] == "und"
    assert isinstance(d["stage"], dict) and d["stage"]["stage"] is None



def test_type_from_says_when_the_conversation_model_named_the_type() -> None:
    from dataclasses import dataclass

    from scamnet.analyze.report_risk import conversation_features
    from scamnet.analyze.reports import _calibrated

    @dataclass
    class Calibrator:  # the two calls _calibrated makes, with fixed answers
        type_: str
        name: str = "stub"
        version: str = "0"

        def probability(self, features: object) -> float:
            return 0.9

        def scam_type(self, features: object) -> str:
            return self.type_

    verdict = Classification(is_scam=True, scam_type="investment", p_scam=0.8, risk=80,
                             type_scores={"investment": 0.6, "recruitment": 0.4}, reasons=(),
                             model="m", version="1")
    feats = conversation_features(0.8, None, [(0.8, {"investment": 0.6, "recruitment": 0.4})])
    same = _calibrated(verdict, feats, Calibrator("investment"))  # type: ignore[arg-type]
    other = _calibrated(verdict, feats, Calibrator("recruitment"))  # type: ignore[arg-type]
    assert "type_from" not in same.extra and same.scam_type == "investment"
    assert other.extra["type_from"] == "conversation" and other.scam_type == "recruitment"
