from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze.classifier import LABELS, SCAM_TYPES, ScamClassifier, classify_texts


def test_model_identity_and_size(classifier: ScamClassifier) -> None:
    assert classifier.name and classifier.version
    assert classifier.model.weights.shape[1] == 1 + len(SCAM_TYPES)
    training = classifier.model.meta["training"]
    assert {f["path"].split("/")[0] for f in training["files"]} >= {"uci-sms-spam", "curated"}
    assert all(len(f["sha256"]) == 64 for f in training["files"])


@pytest.mark.parametrize(("text", "scam"), [
    ("URGENT! You have won a 2000 cash prize. Call 09061701461 now to claim, T&C apply.", True),
    ("您好，我是市公安局的警官，您的银行卡涉嫌洗钱，请把资金转到安全账户配合调查。", True),
    ("Are we still meeting for lunch tomorrow at noon?", False),
    ("妈，我到家了，晚上给你打电话。", False),
])
def test_clear_cases(classifier: ScamClassifier, text: str, scam: bool) -> None:
    (res,) = classifier.classify([text])
    assert res.is_scam is scam
    assert (res.risk >= 50) is scam
    assert (res.scam_type != "not_scam") is scam


def test_result_shape_and_reasons(classifier: ScamClassifier) -> None:
    text = "Congratulations! Your number won 1,000,000 in the lottery, pay the fee to claim."
    (res,) = classifier.classify([text])
    d = res.to_dict()
    assert set(d) >= {"language", "is_scam", "scam_type", "risk", "reasons", "model",
                      "model_version"}
    assert d["scam_type"] in LABELS and 0 <= d["risk"] <= 100
    assert abs(sum(res.type_scores.values()) - 1.0) < 1e-6
    # The JSON form rounds each score to 4 decimals.
    assert abs(sum(d["type_scores"].values()) - 1.0) < 1e-3
    assert d["reasons"], "a scam verdict comes with reasons"
    for r in d["reasons"]:
        assert text[r["start"]:r["end"]] == r["evidence"]
        assert r["weight"] > 0
    json.dumps(d)


@pytest.mark.parametrize("text", [
    "", " ", "😀😀😀🎉", "\x00\x01\x02\ufffd\ufffd", "a" * 1_000_000,
    "Hello 你好 สวัสดี Xin chào 안녕 🙂", "\ud800 lone surrogate",
])
def test_bad_input_gets_a_result(classifier: ScamClassifier, text: str) -> None:
    (res,) = classifier.classify([text])
    assert 0 <= res.risk <= 100 and res.model == classifier.name
    for r in res.reasons:
        assert text[r.start:r.end] == r.evidence


def test_non_string_is_a_type_error(classifier: ScamClassifier) -> None:
    with pytest.raises(TypeError):
        classifier.classify([b"bytes"])  # type: ignore[list-item]


def test_batch_equals_single(classifier: ScamClassifier) -> None:
    texts = [f"message number {i}: send 500 USDT to unlock your task commission" for i in
             range(3)] + ["see you tomorrow", "", "你好"] * 100
    batch = classifier.classify(texts, language=False)
    for i in (0, 3, 4, 5, len(texts) - 1):
        (one,) = classifier.classify([texts[i]], language=False)
        assert one.p_scam == pytest.approx(batch[i].p_scam, abs=1e-6)
        assert one.reasons == batch[i].reasons


def test_streaming_helper(classifier: ScamClassifier) -> None:
    out = list(classify_texts(iter(["a", "b", "c"]), classifier=classifier, batch_size=2))
    assert len(out) == 3


def test_calibration_map_is_monotone(classifier: ScamClassifier) -> None:
    import numpy as np

    xs = np.linspace(0, 1, 101)
    ys = classifier.calibrate(xs)
    assert (np.diff(ys) >= -1e-12).all() and ys.min() >= 0 and ys.max() <= 1


@pytest.mark.parametrize(("text", "empty"), [
    ("", True), ("ok", True), ("!!!", True), (" a b c ", True), ("转账", True),
    ("ក" * 1_000_000, True), ("a b c d", False), ("恭喜中奖", False), ("T.me", False),
    ("x" * 10_000 + "yz!", False),
])
def test_contentless(text: str, empty: bool) -> None:
    from scamnet.analyze.classifier import contentless

    assert contentless(text) is empty


def test_a_line_of_one_letter_is_scored_as_no_text(classifier: ScamClassifier) -> None:
    # Found in session 11: a megabyte of one Khmer or Thai letter, or one Han
    # character 200 times, scored risk 100 (its few n-grams repeat, and their
    # weights add up without bound).
    junk = [ch * n for ch in ("ក", "ก", "中", "あ", "한") for n in (200, 1_000_000)]
    empty = classifier.classify([""])[0]
    results = classifier.classify(junk)
    assert all(not r.is_scam and r.p_scam == empty.p_scam and r.reasons == ()
               for r in results)
    raw, cal, _ = classifier.scores(junk)
    assert list(cal) == [empty.p_scam] * len(junk)
    # a real message in those scripts is still read as one
    assert classifier.classify(["ក" * 50 + " ផ្ញើប្រាក់ USDT ទៅ Telegram @vip_win88"])[0].reasons


@pytest.mark.parametrize(("text", "squeezed"), [
    ("abc", "abc"),
    ("a" * 8 + "b", "a" * 8 + "b"),          # eight repeats are kept as they are
    ("a" * 9 + "b", "a" * 8 + "b"),
    ("x" + "ok" * 2000 + " sure", "x" + "ok" * 8 + " sure"),
    ("中" * 300 + "你好吗" + "!" * 50, "中" * 8 + "你好吗" + "!" * 8),
    ("hahaha lol", "hahaha lol"),
])
def test_squeeze_repeats(text: str, squeezed: str) -> None:
    from scamnet.analyze.classifier import squeeze_repeats

    out, index = squeeze_repeats(text)
    assert out == squeezed
    if index is None:
        assert out == text
    else:
        # each kept character maps back to the same character of the original
        assert len(index) == len(out) and index == sorted(set(index))
        assert all(text[i] == ch for i, ch in zip(index, out, strict=True))


def test_padding_neither_raises_nor_hides_a_score(classifier: ScamClassifier) -> None:
    # Session 11 left these unfixed: a text MOSTLY of one repeated letter
    # scored risk 100 (5,000 Thai letters before " abc", 300 Han characters
    # before a greeting), as did a greeting padded with "ok" repeated.
    junk = ["ก" * 5000 + " abc", "中" * 300 + "你好吗", "ok" * 2000 + " sure",
            "See you at dinner" + "!" * 5000]
    for r in classifier.classify(junk):
        assert not r.is_scam, r
    # The same message scores the same with 9 or 5,000 repeats of its padding,
    # so padding cannot hide a scam either, and its reasons point into the text.
    scam = "URGENT: your bank account is locked, verify at hxxps://bank-verify[.]top now"
    short, long_ = classifier.classify([scam + "!" * 9, "?" * 5000 + scam + "!" * 5000])
    assert short.is_scam and long_.is_scam
    assert long_.p_scam == pytest.approx(short.p_scam, abs=0.05)
    text = "?" * 5000 + scam + "!" * 5000
    for r in long_.reasons:
        assert text[r.start:r.end] == r.evidence and len(r.evidence) <= 60
    assert any(r.evidence in scam for r in long_.reasons)
    for r in classifier.explain(text, 1.0):
        assert text[r.start:r.end] == r.evidence


def test_squeeze_reads_only_what_the_featuriser_reads() -> None:
    from scamnet.analyze.classifier import squeeze_repeats
    from scamnet.analyze.features import MAX_FEATURE_CHARS

    # a megabyte of padding around a message: both runs go, wherever they end
    out, _ = squeeze_repeats("?" * 500_000 + "hello there" + "!" * 500_000)
    assert out == "?" * 8 + "hello there" + "!" * 8
    # many runs: the result is the full squeeze, cut where n-grams stop being read
    out, index = squeeze_repeats(("a" * 9 + "b") * 100_000)
    assert out == (("a" * 8 + "b") * 500)[:MAX_FEATURE_CHARS]
    assert index is not None and len(index) == len(out)


_REPEAT_TEXT = st.text(alphabet="ab\x00\x01\x02\x03\x04!中 ", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_REPEAT_TEXT, _REPEAT_TEXT, _REPEAT_TEXT,
                          st.integers(0, 12)), min_size=1, max_size=6))
def test_the_batch_prefilter_finds_every_text_the_squeeze_changes(
        rows: list[tuple[str, str, str, int]]) -> None:
    # The batch skips the regular expression for texts its numpy pass clears;
    # the result must be exactly the squeeze of each text on its own, also for
    # units next to the separator's characters and at the ends of texts.
    from scamnet.analyze.classifier import _may_repeat, _squeeze_batch, squeeze_repeats

    texts = [head + unit[:4] * n + tail for head, unit, tail, n in rows]
    # never False for a text the squeeze changes
    assert all(maybe or squeeze_repeats(t)[1] is None
               for t, maybe in zip(texts, _may_repeat(texts).tolist(), strict=True))
    # batches below the prefilter's size are searched text by text
    big = texts * 8
    assert _squeeze_batch(big) == [squeeze_repeats(t) for t in big]


def test_texts_of_the_routed_languages_are_scored_by_the_routed_part(
        classifier: ScamClassifier) -> None:
    # Since 1.9.0: Burmese, Khmer, Japanese, Korean, Portuguese and French
    # texts go to a part trained with their impersonation and recruitment
    # messages; every other language keeps the main part's scores unchanged.
    assert classifier.routed is not None
    assert classifier.routed_languages == {"my", "km", "ja", "ko", "pt", "fr"}
    texts = ["Votre colis est bloqué en douane : réglez les frais de dédouanement ici.",
             "Your parcel is held at customs: pay the clearance fee here.",
             "税関で荷物が止められています。手数料をお支払いください。",
             "妈，我到家了，晚上给你打电话。"]
    assert classifier.parts_of(texts).tolist() == [1, 0, 1, 0]
    raw, cal, types = classifier.scores(texts)
    results = classifier.classify(texts)
    for i, part in enumerate([classifier.routed, classifier.model, classifier.routed,
                              classifier.model]):
        alone = ScamClassifier(part)
        r, c, t = alone.scores([texts[i]])
        assert (raw[i], cal[i]) == pytest.approx((r[0], c[0]), abs=1e-12)
        assert types[i] == pytest.approx(t[0], abs=1e-12)
        assert results[i].p_scam == pytest.approx(c[0], abs=1e-12)
        assert results[i].to_dict()["model_part"] == ("routed" if i % 2 == 0 else "main")
        assert [x.feature for x in results[i].reasons] == \
            [x.feature for x in alone.classify([texts[i]])[0].reasons]
    # Routing does not depend on asking for the language in the result.
    quiet = classifier.classify(texts, language=False)
    assert [q.p_scam for q in quiet] == [r.p_scam for r in results]
    assert all(q.language is None for q in quiet)


def test_a_routed_part_from_another_training_run_is_refused(tmp_path: Path) -> None:
    import shutil

    from scamnet.analyze.linear import shipped_model_dir
    from scamnet.errors import ConfigError

    for f in shipped_model_dir().glob("classifier*"):
        shutil.copy(f, tmp_path / f.name)
    meta = json.loads((tmp_path / "classifier.json").read_text(encoding="utf-8"))
    meta["route"]["weights_sha256"] = "0" * 64
    (tmp_path / "classifier.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ConfigError, match="not the routed part"):
        ScamClassifier.load(tmp_path / "classifier.json")
    (tmp_path / "classifier.routed.json").unlink()
    with pytest.raises(ConfigError, match="routed part not found"):
        ScamClassifier.load(tmp_path / "classifier.json")
