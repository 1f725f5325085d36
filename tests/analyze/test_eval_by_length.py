"""Blind-set evaluation reports flagging and stages per conversation length.

A written set can let length give the label away (every long chat a scam);
the per-length figures show whether a model only read the length.
"""

from __future__ import annotations

from scamnet.analyze import conversation_risk as cr
from scamnet.analyze.conversation_risk import ConversationScore


def _score(messages: int, scam: bool, p: float, stage: str | None = None,
           true_stage: str | None = None) -> ConversationScore:
    return ConversationScore(f"c{messages}{scam}{p}", "en", scam, true_stage, p, stage, p,
                             messages=messages)


def test_every_conversation_lands_in_exactly_one_length_bucket() -> None:
    scored = [_score(n, n % 2 == 0, 0.9 if n % 3 else 0.1) for n in range(1, 30)]
    rows = cr._by_length(scored)
    assert [r["messages"] for r in rows] == ["1-4", "5-8", "9-12", "13+"]
    assert sum(r["benign"] + r["scam"] for r in rows) == len(scored)
    assert rows[0]["benign"] + rows[0]["scam"] == 4
    assert rows[3]["benign"] + rows[3]["scam"] == 17


def test_length_buckets_count_flags_and_correct_stages() -> None:
    scored = [
        _score(3, False, 0.2), _score(4, False, 0.7),             # one benign flagged
        _score(3, True, 0.9, "deposit", "deposit"),               # flagged, stage right
        _score(2, True, 0.3, "contact", "pitch"),                 # missed, stage wrong
        _score(14, True, 0.95, None, None),                       # no stage either side
    ]
    short, _, _, long = cr._by_length(scored)
    assert (short["benign"], short["benign_flagged"]) == (2, 1)
    assert (short["scam"], short["scam_flagged"], short["stage_correct"]) == (2, 1, 1)
    assert (long["scam"], long["scam_flagged"], long["stage_correct"]) == (1, 1, 1)


def test_the_text_report_shows_the_length_rows() -> None:
    rep = {"by_length": cr._by_length([_score(3, False, 0.7), _score(10, True, 0.9)])}
    line = [ln for ln in _report_lines(rep) if "by length" in ln]
    assert line and "1-4: 1/1, 0/0, 0/0" in line[0] and "9-12: 0/0, 1/1, 1/1" in line[0]


def _report_lines(extra: dict[str, object]) -> list[str]:
    quality = {"ece": 0.0, "brier": 0.0, "auc": 1.0, "precision": 1.0, "recall": 1.0,
               "f1": 1.0, "false_positive_rate": 0.0, "false_positives": 0, "benign": 1,
               "reliability": []}
    stages = {"conversations": 0, "macro_f1": 0.0, "macro_f1_stages_only": 0.0,
              "benign_with_money_stage": 0, "per_class": {}}
    rep = {"file": {"file": "x", "conversations": 2, "scam": 1, "benign": 1},
           "calibrator": {"name": "c", "version": "1"}, "bins": 10, "before": quality,
           "after": quality, "by_true_stage": {}, "by_language": {}, "stages": stages,
           "types": None, **extra}
    return cr.format_conversation_report(rep).splitlines()
