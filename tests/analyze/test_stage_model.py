"""The stage model's dense features, its training, and bad input through the shipped model."""

from __future__ import annotations

import hashlib
import json
import random
import string
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.analyze.embeddings import MAX_EMBED_CHARS, embeddable
from scamnet.analyze.stage_features import DenseStageHead, cue_indicators, dense_features
from scamnet.analyze.stage_training import (
    HELD_OUT_SETS,
    JUNK_SET,
    STAGE_FEATURES,
    STAGE_JUNK,
    cross_validate_stages,
    development_files,
    fit_stage_model,
    furthest_stage,
    junk_texts,
    load_development_set,
)
from scamnet.analyze.stages import (
    CUE_LABELS,
    STAGE_SUPPORT,
    STAGES,
    StageModel,
    StageSupport,
    message_cues,
    stage_conversation,
)
from scamnet.errors import ConfigError

from .conftest import CURATED


class HashEncoder:
    """A stand-in sentence encoder: a fixed pseudo-random unit vector per text."""

    name = "test/hash"
    dim = 8

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            if t.strip():
                seed = int.from_bytes(hashlib.sha256(t.encode("utf-8")).digest()[:4], "big")
                v = np.random.default_rng(seed).normal(size=self.dim)
                out[i] = v / np.linalg.norm(v)
        return out


def test_dense_features_read_each_message_with_the_one_before() -> None:
    enc = HashEncoder()
    texts = ["wrong number, sorry", "no problem", "I transferred 500 USDT"]
    x = dense_features(texts, enc, STAGES, embedding_scale=1.0, previous_scale=1.0,
                       cue_scale=1.0)
    emb = enc.encode(texts)
    assert x.shape == (3, 2 * enc.dim + len(STAGES))
    assert np.allclose(x[:, :8], emb)
    assert np.allclose(x[0, 8:16], 0.0)
    assert np.allclose(x[1:, 8:16], emb[:-1])
    cues = x[:, 16:]
    assert cues[0, STAGES.index("contact")] == 1.0
    assert cues[2, STAGES.index("deposit")] == 1.0
    assert cues[1].sum() == 0.0


def test_cue_indicators_follow_the_stage_order_given() -> None:
    got = cue_indicators(["my account is frozen, pay the tax to withdraw"],
                         ("withdrawal_blocked", "contact"))
    assert got.tolist() == [[1.0, 0.0]]


def test_dense_head_refuses_wrong_shapes() -> None:
    head = DenseStageHead("test/hash", 8, STAGES, np.zeros((2 * 8 + 7, len(CUE_LABELS))))
    meta = head.to_meta()
    assert DenseStageHead.from_meta(meta, len(CUE_LABELS)).weights.shape == (23, 8)
    with pytest.raises(ConfigError):
        DenseStageHead.from_meta({**meta, "dim": 9}, len(CUE_LABELS))
    with pytest.raises(ConfigError):
        DenseStageHead.from_meta({k: v for k, v in meta.items() if k != "scales"}, 8)
    with pytest.raises(ConfigError):
        head.logits(["x"], type("Wide", (HashEncoder,), {"dim": 16})())


@given(st.text(max_size=3000))
def test_embeddable_text_is_short_valid_and_nul_free(text: str) -> None:
    out = embeddable(text)
    assert len(out) <= MAX_EMBED_CHARS
    assert "\x00" not in out
    out.encode("utf-8")  # lone surrogates were replaced
    if text and "\x00" not in text[:MAX_EMBED_CHARS] and text.isascii():
        assert out == text[:MAX_EMBED_CHARS]


def _small_dev_files(tmp_path: Path) -> list[Path]:
    # the training conversations plus four benign ones, enough for every cue
    src = CURATED / "train" / "conversations.txt"
    benign = tmp_path / "benign" / "conversations.txt"
    benign.parent.mkdir()
    benign.write_text(
        "## b-1 en benign\nS\tnone\tare we still on for lunch?\nV\tnone\tyes, 12:30\n"
        "## b-2 en benign\nS\tnone\tthe rent is paid, thanks\nV\tnone\tgot it\n",
        encoding="utf-8")
    return [src, benign]


def test_training_is_reproducible_and_loads(tmp_path: Path) -> None:
    files = _small_dev_files(tmp_path)
    a = fit_stage_model(files, tmp_path / "a", encoder=HashEncoder(), n_buckets=1 << 10)
    b = fit_stage_model(files, tmp_path / "b", encoder=HashEncoder(), n_buckets=1 << 10)
    assert (tmp_path / "a" / "stages.json").read_bytes() == \
        (tmp_path / "b" / "stages.json").read_bytes()
    assert a["weights_sha256"] == b["weights_sha256"]
    assert a["training"]["conversations"] == 36 + STAGE_JUNK
    assert {f["path"].split("/")[1] for f in a["training"]["files"]} == {"train", "benign",
                                                                         "junk"}
    assert a["features"] == STAGE_FEATURES.to_dict()
    model = StageModel.load(tmp_path / "a" / "stages.json", encoder=HashEncoder())
    assert model.dense is not None and model.dense.encoder == "test/hash"
    probs = model.cue_probabilities(["hello", "I transferred 1000 USDT"])
    assert probs.shape == (2, len(CUE_LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0)
    # trained on its own messages, the model finds their stages again
    res = stage_conversation(["Sorry, I think I added the wrong WhatsApp contact. "
                              "But nice to meet you anyway!"], model=model)
    assert res.stage == "contact"


def test_none_weight_makes_stages_harder_to_show(tmp_path: Path) -> None:
    # STAGE_NONE_WEIGHT scales the class-balanced weight of the cue "none": a
    # heavier "none" must raise its probability on unseen text, and the model
    # must say which weighting it was fitted with.
    files = _small_dev_files(tmp_path)
    texts = ["I sent the money to your account", "the market is up today",
             "please pay the fee before you withdraw", "see you tomorrow"]
    none = CUE_LABELS.index("none")
    means = []
    for w in (1.0, 4.0):
        meta = fit_stage_model(files, tmp_path / str(w), encoder=HashEncoder(),
                               n_buckets=1 << 10, junk=0, none_weight=w)
        assert meta["training"]["class_weight"] == (
            "balanced" if w == 1.0 else f"balanced, none x {w:g}")
        model = StageModel.load(tmp_path / str(w) / "stages.json", encoder=HashEncoder())
        means.append(float(model.cue_probabilities(texts)[:, none].mean()))
    assert means[1] > means[0]


def test_training_refuses_the_calibration_part(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="calibration"):
        fit_stage_model([CURATED / "blind" / "calibration" / "conversations.txt"],
                        tmp_path, encoder=HashEncoder(), n_buckets=1 << 10)


def test_training_refuses_a_held_out_set(tmp_path: Path) -> None:
    # A copy of development text placed where a held-out set lives: refused by
    # where it is, so a held-out file can never slip into a fit.
    for name in sorted(HELD_OUT_SETS):
        bad = tmp_path / name / "eval" / "conversations.txt"
        bad.parent.mkdir(parents=True)
        bad.write_bytes((CURATED / "train" / "conversations.txt").read_bytes())
        with pytest.raises(ConfigError, match="held-out"):
            fit_stage_model([bad], tmp_path / "out", encoder=HashEncoder(), n_buckets=1 << 10)


def test_development_files_are_the_thirty_one_fitted_sets_and_keep_their_names() -> None:
    files = development_files(CURATED)
    names = [f"{p.parent.parent.name}/{p.parent.name}" for p in files]
    assert names == ["conversations/train", "conversations/eval", "blind/eval", "blind2/eval",
                     "blind3/eval", "blind4/eval", "blind5/eval", "blind6/eval", "blind7/eval",
                     "blind8/eval", "blind9/eval", "blind10/eval", "blind13/eval",
                     "train6a/train", "train6b/train", "blind14/eval", "blind15/eval",
                     "blind16/eval", "train8a/train", "train8b/train", "blind18/eval",
                     "blind19/eval", "train9a/train", "train9b/train", "blind17/eval",
                     "blind20/eval", "blind21/eval", "blind22/eval", "blind23/eval",
                     "blind24/eval", "blind25/eval"]
    assert not any(p.parent.name == "calibration" for p in files)
    assert not HELD_OUT_SETS & {p.parent.parent.name for p in files}
    if not all(p.exists() for p in files[2:]):
        pytest.skip("blind sets absent")
    dev = load_development_set(files[1:], HashEncoder())
    # the curated eval/ set and a blind set's eval/ part are different sets for the folds
    # (and the later training sets' train/ parts are not the curated train/ set)
    assert list(dict.fromkeys(dev.sets)) == ["eval", "blind/eval", "blind2/eval", "blind3/eval",
                                             "blind4/eval", "blind5/eval", "blind6/eval",
                                             "blind7/eval", "blind8/eval", "blind9/eval",
                                             "blind10/eval", "blind13/eval", "train6a/train",
                                             "train6b/train", "blind14/eval", "blind15/eval",
                                             "blind16/eval", "train8a/train", "train8b/train",
                                             "blind18/eval", "blind19/eval", "train9a/train",
                                             "train9b/train", "blind17/eval", "blind20/eval",
                                             "blind21/eval", "blind22/eval", "blind23/eval",
                                             "blind24/eval", "blind25/eval"]


def test_the_current_held_out_set_is_refused_and_the_scored_one_is_not() -> None:
    # blind3 to blind5 were scored as 2.1.0's, 2.2.0's and 2.3.0's held-out
    # sets, blind6 and blind7 both as 2.4.0's, blind8 as 2.5.0's, blind9 and
    # blind10 both as 2.6.0's, and are development data since; blind11 was
    # 2.7.0's held-out set and is calibration data since; blind12 is the held-out
    # set of 2.7.0 and calibrator 8001f03e8a73; blind13, scored once with
    # 2.7.0, is development data since 2.8.0; blind14 to blind16, 2.8.0's
    # held-out sets, since 2.9.0, whose held-out set is blind17.
    # blind18 to blind21 were written in session 13, held out from the start;
    # blind18 and blind19, scored once as 2.10.0's, are development data since
    # 2.11.0, whose held-out sets are blind20 and blind21. blind22 to blind25
    # and calibration3 were written in session 14, held out from the start.
    # blind17 and blind20 to blind23, each scored once, are development data
    # since 2.12.0, whose held-out sets are blind24 and blind25; blind26 to
    # blind29 were written in session 15, blind30 to blind33 in session 16,
    # held out from the start. blind24 and blind25, scored once, are
    # development data since 2.13.0, whose held-out sets are blind26 to blind29;
    # blind30 to blind33 were scored once with it in session 17, when blind34
    # and blind35 were written, held out from the start.
    assert {"blind11", "blind12", "blind26", "blind27", "blind28", "blind29", "blind30",
            "blind31", "blind32", "blind33", "blind34", "blind35", "calibration2",
            "calibration3"} <= HELD_OUT_SETS
    assert not {"blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9",
                "blind10", "blind13", "blind14", "blind15", "blind16", "blind17",
                "blind18", "blind19", "blind20", "blind21", "blind22",
                "blind23", "blind24", "blind25"} & HELD_OUT_SETS


def test_shipped_stage_model_was_fitted_on_the_development_files_only() -> None:
    meta = StageModel.load().model.meta
    paths = {f["path"] for f in meta["training"]["files"]}
    assert paths == {"curated/train/conversations.txt", "curated/eval/conversations.txt",
                     "curated/blind/eval/conversations.txt",
                     "curated/blind2/eval/conversations.txt",
                     "curated/blind3/eval/conversations.txt",
                     "curated/blind4/eval/conversations.txt",
                     "curated/blind5/eval/conversations.txt",
                     "curated/blind6/eval/conversations.txt",
                     "curated/blind7/eval/conversations.txt",
                     "curated/blind8/eval/conversations.txt",
                     "curated/blind9/eval/conversations.txt",
                     "curated/blind10/eval/conversations.txt",
                     "curated/blind13/eval/conversations.txt",
                     "curated/train6a/train/conversations.txt",
                     "curated/train6b/train/conversations.txt",
                     "curated/blind14/eval/conversations.txt",
                     "curated/blind15/eval/conversations.txt",
                     "curated/blind16/eval/conversations.txt",
                     "curated/train8a/train/conversations.txt",
                     "curated/train8b/train/conversations.txt",
                     "curated/blind18/eval/conversations.txt",
                     "curated/blind19/eval/conversations.txt",
                     "curated/train9a/train/conversations.txt",
                     "curated/train9b/train/conversations.txt",
                     "curated/blind17/eval/conversations.txt",
                     "curated/blind20/eval/conversations.txt",
                     "curated/blind21/eval/conversations.txt",
                     "curated/blind22/eval/conversations.txt",
                     "curated/blind23/eval/conversations.txt",
                     "curated/blind24/eval/conversations.txt",
                     "curated/blind25/eval/conversations.txt", JUNK_SET}
    assert meta["training"]["junk"] == STAGE_JUNK
    assert meta["features"] == STAGE_FEATURES.to_dict()


def test_cross_validation_reports_every_set(tmp_path: Path) -> None:
    files = [*_small_dev_files(tmp_path), CURATED / "eval" / "conversations.txt"]
    dev = load_development_set(files, HashEncoder(), junk=12)
    assert dev.sets[-12:] == [JUNK_SET] * 12 and dev.texts[-12:] == junk_texts(12)
    rep = cross_validate_stages(dev, scheme="set", n_buckets=1 << 10)
    assert set(rep) >= {"train", "eval", "benign", "all", "benign_with_money_stage"}
    # the junk trains every fold and is never scored
    assert JUNK_SET not in rep and rep["junk"] == 12
    assert rep["benign"] == 2 and rep["all"]["scam_conversations"] == 34 + 42
    assert 0.0 <= rep["all"]["stage_macro_f1"] <= 1.0
    rep = cross_validate_stages(dev, scheme="scenario", folds=3, n_buckets=1 << 10)
    assert rep["scheme"] == "scenario" and rep["junk"] == 12 and rep["benign"] == 2
    assert "rules" not in rep
    # several decoding rules from one fit: the first one's figures are the report's
    two = cross_validate_stages(dev, scheme="scenario", folds=3, n_buckets=1 << 10,
                                rules=(STAGE_SUPPORT, StageSupport(0.0)))
    assert [r["rule"] for r in two["rules"]] == [STAGE_SUPPORT.name, "furthest shown"]
    assert two["rules"][0]["all"] == rep["all"]["stage_macro_f1"]
    assert two["rules"][0]["sets"]["train"] == rep["train"]["stage_macro_f1"]
    # needing support only ever lowers a stage, so never adds a benign money stage
    assert two["rules"][0]["benign_with_money_stage"] <= \
        two["rules"][1]["benign_with_money_stage"]
    plain = load_development_set(files, HashEncoder())
    cut = dev.without_junk()
    assert cut.texts == plain.texts and cut.sets == plain.sets and cut.files == plain.files
    assert np.array_equal(cut.dense, plain.dense)
    assert cross_validate_stages(cut, scheme="set", n_buckets=1 << 10) == \
        cross_validate_stages(plain, scheme="set", n_buckets=1 << 10)
    with pytest.raises(ValueError):
        cross_validate_stages(dev, scheme="nope", n_buckets=1 << 10)


def test_junk_texts_are_reproducible_varied_and_not_blank() -> None:
    texts = junk_texts(60)
    assert texts == junk_texts(60) and texts != junk_texts(60, seed=1)
    assert len(set(texts)) == 60 and all(t.strip() for t in texts)
    assert max(len(t) for t in texts) > 1000 and min(len(t) for t in texts) < 20


def test_furthest_stage_needs_the_threshold() -> None:
    p = np.full((3, len(CUE_LABELS)), 0.01)
    p[0, CUE_LABELS.index("contact")] = 0.9
    p[1, CUE_LABELS.index("pressure")] = 0.45  # most probable, but below 0.5
    p[1, 0] = 0.4
    p[2, CUE_LABELS.index("deposit")] = 0.6
    old_rule = StageSupport(0.0)  # every shown stage counts (until 2.6.0)
    assert furthest_stage(p, support=old_rule) == "deposit"
    assert furthest_stage(p, threshold=0.4, support=old_rule) == "pressure"
    assert furthest_stage(np.zeros((0, len(CUE_LABELS)))) == "none"


def test_furthest_stage_decodes_as_the_stage_model_does() -> None:
    # the cross-validation decodes with the shipped support rule: a lone
    # deposit message at 0.6 is not enough, a second one is
    p = np.full((3, len(CUE_LABELS)), 0.01)
    p[0, CUE_LABELS.index("contact")] = 0.9
    p[1, 0] = 0.9
    p[2, CUE_LABELS.index("deposit")] = 0.6
    assert 0.6 < STAGE_SUPPORT.strong
    assert furthest_stage(p) == "contact"
    p[1, 0], p[1, CUE_LABELS.index("deposit")] = 0.01, 0.6
    assert furthest_stage(p) == "deposit"


def test_old_ngram_only_models_still_load(tmp_path: Path) -> None:
    shipped = StageModel.load()
    meta = {k: v for k, v in shipped.model.meta.items() if k != "dense"}
    (tmp_path / "stages.json").write_text(json.dumps(meta), encoding="utf-8")
    src = Path(str(shipped.model.meta["weights_file"]))
    from scamnet.analyze.linear import shipped_model_dir

    (tmp_path / src.name).write_bytes((shipped_model_dir() / src).read_bytes())
    old = StageModel.load(tmp_path / "stages.json")
    assert old.dense is None and old.encoder is None
    assert old.cue_probabilities(["hi"]).shape == (1, len(CUE_LABELS))


@pytest.mark.parametrize("texts", [
    [""], ["😀😀😀"], ["\x00\x01\x02 binary"], ["a" * 1_000_000],
    ["mixed 中文 ไทย tiếng Việt русский \ud800 text"],
])
def test_bad_input_gets_a_result(stage_model: StageModel, texts: list[str]) -> None:
    cues = message_cues(texts, model=stage_model)
    assert len(cues) == len(texts)
    assert all(s is None or s in STAGES for s, _, _ in cues)


def _random_letters(n: int, seed: int, words: bool = False) -> str:
    rng = random.Random(seed)
    letters = "".join(rng.choice(string.ascii_lowercase) for _ in range(n))
    if not words:
        return letters
    cuts = sorted(rng.sample(range(1, n), n // 6))
    return " ".join(letters[a:b] for a, b in zip([0, *cuts], [*cuts, n], strict=True))


@pytest.mark.parametrize("junk", [
    "a" * 100, "a" * 10_000, "a" * 1_000_000, "ha" * 500, "1234567890" * 500, "的" * 1000,
    _random_letters(2000, 1), _random_letters(2000, 2, words=True),
], ids=["a100", "a10k", "a1M", "ha500", "digits5000", "zh1000", "letters2000",
        "random-words"])
def test_junk_shows_no_stage(stage_model: StageModel, junk: str) -> None:
    # Up to 2.4.0 the n-gram block grew with the square root of a repetitive
    # text's length: 100 letters "a" read as rapport (0.84), 10,000 as rapport
    # (1.00), 5,000 digits as deposit (1.00), 2,000 random letters as contact
    # (0.84). Junk alone, or after an ordinary first message, must show no
    # stage at the cue threshold. (Since 2.5.0 the training sees synthetic
    # junk, stage_training.junk_texts: other generators and seeds than these.)
    for texts in ([junk], ["hi, how are you?", junk]):
        stage, score, _ = message_cues(texts, model=stage_model, explain=0)[-1]
        assert stage is None, (stage, score)


def test_shipped_model_reads_stages_across_languages(stage_model: StageModel) -> None:
    # Not development text: the same blocked withdrawal told in three languages.
    # Among the stages, every one leans to the blocked withdrawal or the stage
    # after it. The English and Vietnamese clear "none" after a bare "hi" with
    # model 2.2.0 (2.1.0 missed the English, 0.46 against "none" 0.49); the
    # Spanish still falls short, a known miss (docs/analysis.md, "Stage of a
    # conversation").
    texts = ("I can't take my money out, support says I must pay a 15% tax first",
             "Không rút được tiền, họ bắt nộp 15% thuế trước mới mở khóa",
             "No puedo sacar mi dinero, me piden pagar un impuesto del 15% primero")
    for text in texts:
        probs = stage_model.cue_probabilities(["hi", text])[1]
        leaning = STAGES[int(np.argmax(probs[1:]))]
        assert leaning in ("withdrawal_blocked", "pressure"), text
    for text in texts[:2]:
        res = stage_conversation(["hi", text], model=stage_model)
        assert [e.index for e in res.evidence["withdrawal_blocked"]] == [1], text
    # Since 2.7.0 one money message makes the stage only at >= 0.8
    # (stages.STAGE_SUPPORT): the English does (0.81 with 2.7.0); the
    # Vietnamese (0.74) is listed as evidence but leaves the chat at contact, a
    # known cost of the support rule (docs/analysis.md, round 9).
    res = stage_conversation(["hi", texts[0]], model=stage_model)
    assert res.stage == "withdrawal_blocked" and res.turned_to_money_at == 1
    res = stage_conversation(["hi", texts[1], "họ nói phải nộp thuế mới rút được tiền"],
                             model=stage_model)
    assert res.stage == "withdrawal_blocked" and res.turned_to_money_at == 1


def test_encoder_threads_do_not_change_embeddings() -> None:
    """`analyze --threads N` must give the same results as one thread."""
    import numpy as np

    from scamnet.analyze.embeddings import E5Encoder
    from scamnet.errors import ConfigError

    texts = ["I deposited 3000 USDT and now they want a 20% tax", "Mandé 3000 USDT ayer",
             "我转了三千U", "ok"]
    single = E5Encoder()
    one = single.encode(texts)
    double = E5Encoder()  # a fresh cache, so the texts are encoded again
    double.set_threads(2)
    try:
        assert np.array_equal(one, double.encode(texts))
        with pytest.raises(ConfigError):
            double.set_threads(0)
    finally:
        double.set_threads(1)  # OpenMP's setting is per process; leave the default
