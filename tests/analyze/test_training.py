from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.analyze.classifier import ScamClassifier
from scamnet.analyze.training import load_training_data, train_classifier

from .conftest import CURATED


def test_classifier_training_is_reproducible(tmp_path: Path, shared_dir: Path) -> None:
    data = load_training_data(shared_dir, CURATED, sets=("thai-sms-scam",))
    a = train_classifier(data, tmp_path / "a", n_buckets=1 << 14)
    b = train_classifier(data, tmp_path / "b", n_buckets=1 << 14)
    assert a["weights_sha256"] == b["weights_sha256"]
    assert a["training"]["files"][0]["path"] == "thai-sms-scam/sms_dataset_utf8.csv"
    # Where it was trained, so a retrain elsewhere can tell a new machine from new data.
    import numpy

    env = a["training"]["environment"]
    assert env["packages"]["numpy"] == numpy.__version__
    assert env["python"].count(".") == 2 and env["cpu"]
    clf = ScamClassifier.load(tmp_path / "a" / "classifier.json")
    assert clf.classify(["สินเชื่อ ปล่อยกู้ อนุมัติไว โทรเลย"])[0].model == clf.name


def test_missing_training_data_is_a_clear_error(tmp_path: Path) -> None:
    from scamnet.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as exc:
        load_training_data(tmp_path, CURATED)
    assert len(exc.value.problems) >= 5


def test_nb_ratios_point_to_the_class_a_feature_appears_in() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix

    from scamnet.analyze.training import nb_ratios

    # Column 0 only in scams, column 1 only in not-scams, column 2 in both alike.
    x = csr_matrix(np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1]], dtype=float))
    y = np.array([1, 1, 0, 0])
    r = nb_ratios(x, y, np.ones(4))
    assert r[0] > 0 > r[1]
    assert abs(r[2]) < 1e-9
    # Weights count: a heavier scam row makes its features more scam-like.
    r2 = nb_ratios(x, y, np.array([5.0, 1.0, 1.0, 1.0]))
    assert r2[0] > r[0]


def test_small_sets_weigh_as_much_as_large_ones() -> None:
    from scamnet.analyze.datasets import LabelledText
    from scamnet.analyze.training import _source_balanced_weights

    def item(source: str, label: str) -> LabelledText:
        return LabelledText("x", label, source, "en", "f", 1)

    items = ([item("big", "not_scam")] * 90 + [item("big", "scam")] * 10
             + [item("small", "not_scam")] * 3 + [item("small", "scam")] * 2
             + [item("curated", "romance")])
    w = _source_balanced_weights(items)
    totals: dict[tuple[str, str], float] = {}
    for it, wi in zip(items, w, strict=True):
        totals[(it.source, it.label)] = totals.get((it.source, it.label), 0.0) + float(wi)
    real = [v for k, v in totals.items() if k[0] != "curated"]
    assert max(real) - min(real) < 1e-6
    assert totals[("curated", "romance")] < min(real)


def test_class_balanced_files_weigh_their_two_classes_the_same() -> None:
    from scamnet.analyze.datasets import LabelledText, split_key
    from scamnet.analyze.training import CURATED_WEIGHT, _source_balanced_weights

    def item(text: str, label: str) -> LabelledText:
        return LabelledText(text, label, "curated", "my", "messages.tsv", 1)

    a = [item(f"a scam {i}", "investment") for i in range(6)] + [
        item(f"a fine {i}", "not_scam") for i in range(2)]
    b = [item(f"b scam {i}", "romance") for i in range(2)] + [
        item(f"b fine {i}", "not_scam") for i in range(8)]
    other = [item("c scam", "task"), item("c fine", "not_scam")]
    marked = {split_key(t.text): "a" for t in a} | {split_key(t.text): "b" for t in b}
    w = _source_balanced_weights([*a, *b, *other], marked)
    for part, ws in ((a, w[:8]), (b, w[8:18])):
        scam = sum(wi for t, wi in zip(part, ws, strict=True) if t.is_scam)
        fine = sum(wi for t, wi in zip(part, ws, strict=True) if not t.is_scam)
        assert abs(scam - fine) < 1e-9
        # scams keep the curated weight; each file is balanced on its own
        assert all(wi == CURATED_WEIGHT for t, wi in zip(part, ws, strict=True) if t.is_scam)
    assert list(w[18:]) == [CURATED_WEIGHT, CURATED_WEIGHT]
    assert list(_source_balanced_weights([*a, *b])) == [CURATED_WEIGHT] * 18


def test_training_reads_train4_in_the_languages_it_is_named_for(tmp_path: Path) -> None:
    from scamnet.analyze import training as tr

    shared = tmp_path / "none"  # no real sets: the curated part alone
    shared.mkdir()
    data = tr.load_training_data(shared, CURATED, sets=())
    langs = {t.language for t in data.train if t.text in _texts(CURATED / "train4")}
    assert langs == set(tr.CURATED_LANGUAGES["train4/messages.tsv"]) == {"my", "km", "ja", "ko"}
    assert set(data.class_balanced.values()) == {"train4/messages.tsv", "train5/messages.tsv"}
    # train5/ is read whole: Portuguese and French, and the Spanish, Malay and
    # Tagalog look-alikes written to keep those apart.
    five = {t.language for t in data.train if t.text in _texts(CURATED / "train5")}
    assert five == {"pt", "fr", "es", "ms", "tl"}
    # Each curated file is known by its folder: the type head's cap counts
    # texts per file (until 1.7.0 all were "messages.tsv" and shared one cap,
    # so train4's and train5's investment texts never trained the type head).
    assert {t.file for t in data.train} == set(tr.CURATED_TRAIN_FILES)


def test_the_type_head_learns_every_curated_files_investment_texts() -> None:
    meta = ScamClassifier.load().model.meta
    examples = meta["training"]["type_head_examples"]
    for name in ("train4", "train5"):
        assert examples[f"curated/{name}/messages.tsv/investment"] > 0


def _texts(folder: Path) -> set[str]:
    from scamnet.analyze.datasets import load_curated

    return {t.text for t in load_curated(folder / "messages.tsv", "curated")[0]}


def test_out_of_fold_scores_come_from_models_that_never_saw_the_text() -> None:
    import numpy as np

    from scamnet.analyze.datasets import LabelledText
    from scamnet.analyze.training import _out_of_fold_scores, design_matrix

    # Every text is a unique random word with a random label: a model that
    # saw a text memorises its label, one that did not can only guess.
    rng = np.random.default_rng(7)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    texts = ["".join(rng.choice(letters, 12)) for _ in range(200)]
    labels = rng.integers(0, 2, 200)
    items = [LabelledText(t, "scam" if lab else "not_scam", "s", "en", "f", i)
             for i, (t, lab) in enumerate(zip(texts, labels, strict=True))]
    x = design_matrix(texts, 1 << 14)
    y = labels.astype(np.int64)
    oof = _out_of_fold_scores(x, y, np.ones(200), items)

    def auc(s: np.ndarray) -> float:
        pos, neg = s[y == 1], s[y == 0]
        return float((pos[:, None] > neg[None, :]).mean())

    from scamnet.analyze.training import _fit_scam_head

    coef, b = _fit_scam_head(x, y, np.ones(200))
    in_sample = np.asarray(x @ coef[0]).ravel() + b[0]
    assert auc(in_sample) > 0.95
    assert 0.3 < auc(oof) < 0.7



def test_the_calibration_map_has_one_point_per_isotonic_block_and_no_flat_runs() -> None:
    import numpy as np

    from scamnet.analyze.training import _isotonic

    # Scam rates by raw score: 0.1 -> 1 of 4, 0.2 -> 1 of 2, 0.3 -> 1 of 2,
    # 0.9 -> 4 of 4. Isotonic regression makes three blocks: {0.1} at 0.25,
    # {0.2, 0.3} at 0.5 and {0.9} at 1.0.
    raw = np.array([0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.9, 0.9, 0.9, 0.9])
    y = np.array([1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1])
    xs, ys = _isotonic(raw, y)
    # Each block is one point at the mean raw score of its texts.
    assert xs == [0.1, 0.25, 0.9]
    assert ys == [0.25, 0.5, 1.0]
    # The scorer interpolates between the points (ScamClassifier.calibrate is
    # np.interp over them), so the two raw scores of the middle block no
    # longer share one probability as they did on the old staircase.
    low, high = np.interp([0.2, 0.3], xs, ys)
    assert 0.25 < low < 0.5 < high < 1.0


def test_the_routed_part_adds_its_files_and_leaves_the_main_part_as_it_was(
        tmp_path: Path, shared_dir: Path) -> None:
    import json

    from scamnet.analyze import training as tr

    sets = ("thai-sms-scam",)
    main = tr.train_routed_classifier(shared_dir, CURATED, tmp_path / "r", sets,
                                      n_buckets=1 << 14)
    alone = train_classifier(load_training_data(shared_dir, CURATED, sets), tmp_path / "m",
                             n_buckets=1 << 14)
    # The main part is what training without a routed part gives, byte for byte.
    assert main["weights_sha256"] == alone["weights_sha256"]
    routed = json.loads((tmp_path / "r" / tr.ROUTED_MODEL_FILE).read_text(encoding="utf-8"))
    assert main["route"] == {"languages": list(tr.ROUTED_LANGUAGES),
                             "model_file": tr.ROUTED_MODEL_FILE,
                             "weights_sha256": routed["weights_sha256"]}
    assert routed["weights_sha256"] != main["weights_sha256"]
    own = {f"curated/{name}" for name in tr.ROUTED_FILES}
    assert own <= {f["path"] for f in routed["training"]["files"]}
    assert not own & {f["path"] for f in main["training"]["files"]}
    assert set(tr.ROUTED_FILES) <= set(routed["training"]["class_balanced_files"])
    clf = ScamClassifier.load(tmp_path / "r" / "classifier.json")
    assert clf.routed is not None and clf.routed_languages == set(tr.ROUTED_LANGUAGES)
