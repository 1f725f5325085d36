from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze.metrics import (
    classification_report,
    expected_calibration_error,
    paired_bootstrap_macro_f1,
)


def test_report_by_hand() -> None:
    truth = ["a", "a", "a", "b", "b", "c"]
    pred = ["a", "a", "b", "b", "c", "c"]
    rep = classification_report(truth, pred, ["a", "b", "c"])
    assert rep.precision == {"a": 1.0, "b": 0.5, "c": 0.5}
    assert rep.recall == pytest.approx({"a": 2 / 3, "b": 0.5, "c": 1.0})
    assert rep.f1["a"] == pytest.approx(0.8)
    assert rep.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert rep.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]


def test_macro_skips_labels_absent_from_truth() -> None:
    rep = classification_report(["a", "a"], ["a", "a"], ["a", "b"])
    assert rep.macro_f1 == 1.0


def test_unknown_label_raises() -> None:
    with pytest.raises(ValueError):
        classification_report(["a"], ["z"], ["a"])


def test_ece() -> None:
    assert expected_calibration_error([0.0, 1.0], [0, 1]) == 0.0
    assert expected_calibration_error([0.9, 0.9], [0, 0]) == pytest.approx(0.9)
    assert expected_calibration_error([], []) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=60))
def test_bootstrap_scores_both_predictions_as_the_classification_report_does(
        rows: list[tuple[bool, bool, bool]]) -> None:
    truth, a, b = (list(c) for c in zip(*rows, strict=True))
    res = paired_bootstrap_macro_f1(truth, a, b, resamples=50)

    def report(pred: list[bool]) -> float:
        name = ["scam" if p else "not_scam" for p in pred]
        return classification_report(["scam" if t else "not_scam" for t in truth], name,
                                      ["scam", "not_scam"]).macro_f1

    assert res.a == pytest.approx(report(a)) and res.b == pytest.approx(report(b))
    assert res.low <= res.high


def test_bootstrap_interval_of_a_difference() -> None:
    truth = [i % 3 == 0 for i in range(300)]
    same = paired_bootstrap_macro_f1(truth, truth, truth)
    assert same.difference == same.low == same.high == 0.0
    # b fixes 30 of a's 60 errors: better on every resample that holds them
    a = [t if i % 5 else not t for i, t in enumerate(truth)]
    b = [t if i % 10 else not t for i, t in enumerate(truth)]
    better = paired_bootstrap_macro_f1(truth, a, b, seed=7)
    assert better.difference > 0 and better.low > 0
    assert better == paired_bootstrap_macro_f1(truth, a, b, seed=7)  # deterministic
    # one text apart out of 300: the interval spans zero
    c = list(a)
    c[1] = not c[1]
    close = paired_bootstrap_macro_f1(truth, a, c)
    assert close.low <= 0 <= close.high
    with pytest.raises(ValueError):
        paired_bootstrap_macro_f1(truth, a, b[:-1])
