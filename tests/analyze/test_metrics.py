from __future__ import annotations

import pytest

from scamnet.analyze.metrics import classification_report, expected_calibration_error


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
