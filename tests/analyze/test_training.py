from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.analyze.classifier import ScamClassifier
from scamnet.analyze.stages import StageModel
from scamnet.analyze.training import load_training_data, train_classifier, train_stage_model

from .conftest import CURATED


def test_stage_training_is_reproducible(tmp_path: Path) -> None:
    files = [CURATED / "train" / "conversations.txt"]
    a = train_stage_model(files, tmp_path / "a", n_buckets=1 << 12)
    b = train_stage_model(files, tmp_path / "b", n_buckets=1 << 12)
    assert a["weights_sha256"] == b["weights_sha256"]
    assert (tmp_path / "a" / "stages.json").read_bytes() == (tmp_path / "b" /
                                                             "stages.json").read_bytes()
    StageModel.load(tmp_path / "a" / "stages.json")


def test_classifier_training_is_reproducible(tmp_path: Path, shared_dir: Path) -> None:
    data = load_training_data(shared_dir, CURATED, sets=("thai-sms-scam",))
    a = train_classifier(data, tmp_path / "a", n_buckets=1 << 14)
    b = train_classifier(data, tmp_path / "b", n_buckets=1 << 14)
    assert a["weights_sha256"] == b["weights_sha256"]
    assert a["training"]["files"][0]["path"] == "thai-sms-scam/sms_dataset_utf8.csv"
    clf = ScamClassifier.load(tmp_path / "a" / "classifier.json")
    assert clf.classify(["สินเชื่อ ปล่อยกู้ อนุมัติไว โทรเลย"])[0].model == clf.name


def test_missing_training_data_is_a_clear_error(tmp_path: Path) -> None:
    from scamnet.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as exc:
        load_training_data(tmp_path, CURATED)
    assert len(exc.value.problems) >= 5
