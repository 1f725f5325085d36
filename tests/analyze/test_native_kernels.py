"""The C kernels of the n-gram models give exactly what their numpy twins give.

``scamnet.analyze._linear.hash_batch`` replaces the numpy featuriser (all three
n-gram norms) and ``score_rows`` replaces scipy's CSR product plus the weight
gather behind the reasons. A shipped model's weights were trained on the
numpy features, so the kernels must reproduce them bit for bit: the same
buckets, spans and values in the same order, and logits summed in the same
order. Each test runs both ways on arbitrary and on real input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze import features, linear, native
from scamnet.analyze.classifier import ScamClassifier
from scamnet.analyze.features import (
    MAX_FEATURE_CHARS,
    NORMS,
    FeatureSpec,
    HashedNgrams,
    hash_features,
)
from scamnet.analyze.stages import StageModel

pytestmark = pytest.mark.skipif(not native.AVAILABLE, reason="scamnet.analyze._linear is not built")

_FIELDS = ("bucket", "row", "start", "length", "counts", "scale", "value")


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    before = native.enabled()
    yield
    native.set_enabled(before)


def _both(texts: list[str], n_buckets: int, spec: FeatureSpec) -> tuple[HashedNgrams,
                                                                           HashedNgrams]:
    native.set_enabled(True)
    c = hash_features(texts, n_buckets, spec)
    native.set_enabled(False)
    return c, hash_features(texts, n_buckets, spec)


def _assert_same(c: HashedNgrams, py: HashedNgrams) -> None:
    for f in _FIELDS:
        a, b = getattr(c, f), getattr(py, f)
        assert a.dtype == b.dtype, f
        np.testing.assert_array_equal(a, b, err_msg=f)


# Latin with and without accents (folded for words), digits of four scripts,
# Thai, Burmese, Khmer and Han (no words), separators the normaliser maps to a
# space, a letter that lower-cases to two code points, and symbols.
_CHARS = "aZ0 9_.-@ệĐđăỪʰ×÷٣５๓กမកあ中한\t\n\u3000\u00a0İẞß€😀"
_ALPHABET = st.sampled_from(list(_CHARS))
# Besides arbitrary strings: one character or a few repeated (the texts the
# bounded norms are for: a few buckets seen many times), alone or inside
# other text.
_REPEATED = st.builds(lambda unit, k: unit * k, st.text(_ALPHABET, min_size=1, max_size=3),
                      st.integers(1, 400))
_TEXTS = st.one_of(st.text(_ALPHABET, max_size=60), _REPEATED,
                   st.builds(lambda a, b, c: a + b + c, st.text(_ALPHABET, max_size=20),
                             _REPEATED, st.text(_ALPHABET, max_size=20)))


def _sizes(top: int, most: int) -> st.SearchStrategy[tuple[int, ...]]:
    # May be empty: specs with character n-grams only, word n-grams only, or none.
    return st.lists(st.integers(1, top), max_size=most, unique=True).map(
        lambda x: tuple(sorted(x)))


_SPECS = st.builds(FeatureSpec, _sizes(7, 4), _sizes(4, 3), st.booleans(), st.booleans(),
                   st.sampled_from(NORMS), st.sampled_from([1, 2]))


@settings(max_examples=500, deadline=None)
@given(st.lists(_TEXTS, max_size=8), _SPECS, st.sampled_from([1, 2, 64, 1 << 18]))
def test_c_features_equal_the_numpy_features(texts: list[str], spec: FeatureSpec,
                                             n_buckets: int) -> None:
    _assert_same(*_both(texts, n_buckets, spec))


def test_c_features_equal_on_edge_texts(classifier: ScamClassifier) -> None:
    texts = ["", " ", "\t \n", "a" * (MAX_FEATURE_CHARS + 500), "中" * 300,
             "ab\ud800cd\udfff", "İstanbul ĐẸP QUÁ 123 ４５", "ệ" * (MAX_FEATURE_CHARS + 1),
             "word " * 900, "x",
             # script groups at their thresholds: Han or Thai at 30 % of the
             # Latin letters, one and two Vietnamese-only letters
             "中中中 abcdefghij", "中中 abcdefghij", "กกก abcdefghij", "กก abcdefghij",
             "ệ ban", "ệđ ban", "中 ệđ",
             # scheme 2: one and two kana, kana with Han, Hangul, Myanmar and
             # Khmer at the threshold, and each against a stronger script
             "あ 中", "あい abcdef", "あい中 abcdefghij", "あ中中 abcdefghij",
             "한한한 abcdefghij", "한한 abcdefghij", "မမမ abcdefghij", "មមម abcdefghij",
             "ကက ញញ", "한 中", "ệđ 한", "ก あい",
             # one letter or word repeated up to the cut: with one bucket, the
             # largest counts a bucket can reach (19,143 for "a" x 3,829 and
             # sizes 1-5; 19,998 at the cut)
             "a" * 3829, "ក" * MAX_FEATURE_CHARS, "ok " * 1400, "ab" * 2100]
    for base in (classifier.model.spec, FeatureSpec(), FeatureSpec((3,), (1, 2), True, False),
                 FeatureSpec((3,), (1, 2), True, False, script_groups=2),
                 FeatureSpec((), (1, 2, 3), True, True, script_groups=2)):
        for norm in NORMS:
            spec = replace(base, norm=norm)
            _assert_same(*_both(texts, 1 << 18, spec))
            _assert_same(*_both(texts[::-1], 1 << 10, spec))
            _assert_same(*_both(texts, 1, spec))


def _real_texts(n: int) -> list[str]:
    shared = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    from scamnet.analyze.datasets import load_curated, load_real_sets

    if shared.is_dir():
        items, _ = load_real_sets(shared)
        return [t.text for t in items][::11][:n]
    curated = Path(__file__).resolve().parents[2] / "data" / "conversations"
    return [t.text for t in load_curated(curated / "eval" / "messages.tsv")[0]][:n]


@pytest.mark.parametrize("norm", [None, *NORMS])
def test_c_features_and_scores_equal_on_real_messages(classifier: ScamClassifier,
                                                      norm: str | None) -> None:
    # None: the shipped classifier; a norm: its weights on that norm's features,
    # as a classifier candidate trained with that norm would run.
    texts = _real_texts(1500)
    if norm is not None:
        meta = dict(classifier.model.meta,
                    features=replace(classifier.model.spec, norm=norm).to_dict())
        classifier = ScamClassifier(linear.LinearNgramModel(
            classifier.model.weights, classifier.model.bias, meta))
    model = classifier.model
    native.set_enabled(True)
    assert features._native_fits(model.spec)
    c, py = _both(texts, model.weights.shape[0], model.spec)
    _assert_same(c, py)
    results = {}
    for on in (True, False):
        native.set_enabled(on)
        results[on] = [list(model.scored_chunks(texts, 0)),
                       classifier.classify(texts, language=False)]
    for (lo1, _, l1, c1), (lo2, _, l2, c2) in zip(results[True][0], results[False][0],
                                                 strict=True):
        assert lo1 == lo2
        np.testing.assert_array_equal(l1, l2)
        assert c1 is not None and c2 is not None
        np.testing.assert_array_equal(c1, c2)
    assert results[True][1] == results[False][1]


def test_the_stage_model_takes_the_c_path_and_scores_the_same(stage_model: StageModel) -> None:
    # The shipped stage model uses log-l2; its n-gram half (the dense head reads
    # the sentence encoder, which the kernels do not touch) must give the same
    # features and logits through the C kernel as through numpy.
    texts = _real_texts(1500)
    model = stage_model.model
    assert model.spec.norm == "log-l2"
    native.set_enabled(True)
    assert features._native_fits(model.spec)
    _assert_same(*_both(texts, model.weights.shape[0], model.spec))
    logits = {}
    for on in (True, False):
        native.set_enabled(on)
        logits[on] = model.logits(texts)
    np.testing.assert_array_equal(logits[True], logits[False])


def test_pure_python_forces_the_numpy_featuriser_with_the_same_result() -> None:
    # SCAMNET_PURE_PYTHON=1 in a fresh process: the kernels are off, and the
    # numpy featuriser's log-l2 values there equal the C kernel's here.
    texts = ["aaaa aaaa", "ស្ស្ស្", "I sent 200 USDT", ""]
    spec = FeatureSpec((1, 2, 3), (1, 2), True, True, "log-l2", 2)
    code = ("import json, sys; from scamnet.analyze import native, features as f; "
            "spec = f.FeatureSpec.from_meta({'features': json.loads(sys.argv[1])}); "
            "g = f.hash_features(json.loads(sys.argv[2]), 1024, spec); "
            "print(json.dumps([native.enabled(), g.bucket.tolist(), g.value.tolist()]))")
    env = dict(os.environ, SCAMNET_PURE_PYTHON="1")
    out = subprocess.run([sys.executable, "-c", code, json.dumps(spec.to_dict()),
                          json.dumps(texts)], env=env, capture_output=True, text=True,
                         check=True)
    enabled, bucket, value = json.loads(out.stdout)
    assert enabled is False
    native.set_enabled(True)
    c = hash_features(texts, 1024, spec)
    assert bucket == c.bucket.tolist()
    assert value == c.value.tolist()  # float32 -> double -> JSON -> double is exact


_Problem = tuple[npt.NDArray[np.int64], npt.NDArray[np.float32], npt.NDArray[np.int64],
                 npt.NDArray[np.float32], npt.NDArray[np.float32]]


@st.composite
def _problems(draw: st.DrawFn) -> tuple[_Problem, int]:
    n_out = draw(st.integers(1, 40))  # one block of up to 16 outputs, or two or three
    buckets = 1 << draw(st.integers(0, 6))
    counts = draw(st.lists(st.integers(0, 12), max_size=6))
    total = sum(counts)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    bucket = rng.integers(0, buckets, size=total).astype(np.int64)
    value = rng.normal(size=total).astype(np.float32)
    weights = rng.normal(scale=3.0, size=(buckets, n_out)).astype(np.float32)
    bias = rng.normal(size=n_out).astype(np.float32)
    return (bucket, value, np.asarray(counts, dtype=np.int64), weights, bias), \
        draw(st.integers(0, n_out - 1))


@settings(max_examples=300, deadline=None)
@given(_problems())
def test_c_scores_equal_scipys_product_bit_for_bit(case: tuple[_Problem, int]) -> None:
    (bucket, value, counts, weights, bias), column = case
    model = linear.LinearNgramModel(weights, bias, {})
    g = HashedNgrams(bucket, np.repeat(np.arange(counts.size), counts), np.zeros_like(bucket),
                     np.ones_like(bucket), counts, np.ones(counts.size, np.float32), value)
    native.set_enabled(True)
    logits_c, contrib_c = model._scored(g, counts.size, column)
    native.set_enabled(False)
    logits_py, contrib_py = model._scored(g, counts.size, column)
    np.testing.assert_array_equal(logits_c, logits_py)
    assert contrib_c is not None and contrib_py is not None
    np.testing.assert_array_equal(contrib_c, contrib_py)


def test_c_scores_refuse_inconsistent_arrays() -> None:
    score = native._linear.score_rows
    b = np.array([0, 3], dtype=np.int64)
    v = np.ones(2, dtype=np.float32)
    n = np.array([2], dtype=np.int64)
    w = np.zeros(4 * 2, dtype=np.float32)
    bias = np.zeros(2, dtype=np.float32)
    out = np.zeros(2, dtype=np.float32)
    score(b, v, n, w, 2, bias, out, 0, np.zeros(2, np.float32))
    with pytest.raises(ValueError, match="out of range"):
        score(np.array([0, 4], dtype=np.int64), v, n, w, 2, bias, out, 0, None)
    with pytest.raises(ValueError, match="add up"):
        score(b, v, np.array([1], dtype=np.int64), w, 2, bias, out, 0, None)
    with pytest.raises(ValueError, match="column"):
        score(b, v, n, w, 2, bias, out, 2, np.zeros(2, np.float32))
    with pytest.raises(ValueError, match="logits"):
        score(b, v, n, w, 2, bias, np.zeros(3, np.float32), 0, None)
    with pytest.raises(TypeError, match="value"):
        score(b, v.astype(np.float64), n, w, 2, bias, out, 0, None)
    read_only = np.zeros(2, dtype=np.float32)
    read_only.setflags(write=False)
    with pytest.raises((BufferError, ValueError), match="read-only|writable"):
        score(b, v, n, w, 2, bias, read_only, 0, None)


def test_c_features_refuse_malformed_batches() -> None:
    hb = native._linear.hash_batch
    cps = features.normalise_codepoints(" ab cd ")
    counts = np.zeros(2, dtype=np.int64)
    hb(cps, np.array([0, 3, 6], dtype=np.int64), None, 0b110, 0b10, True, 64, counts)
    assert counts.tolist() == [2 * (3 + 2 + 1) + 1, 2 * (3 + 2 + 1) + 1]
    with pytest.raises(ValueError, match="power of two"):
        hb(cps, np.array([0, 3, 6], dtype=np.int64), None, 2, 0, False, 48, counts)
    with pytest.raises(ValueError, match="offsets"):
        hb(cps, np.array([0, 3, 5], dtype=np.int64), None, 2, 0, False, 64, counts)
    with pytest.raises(ValueError, match="counts"):
        hb(cps, np.array([0, 6], dtype=np.int64), None, 2, 0, False, 64, counts)
    with pytest.raises(ValueError, match="fold"):
        hb(cps, np.array([0, 3, 6], dtype=np.int64), np.zeros(5, np.uint32), 2, 2, False, 64,
           counts)
    with pytest.raises(TypeError, match="cps"):
        hb(cps.astype(np.int64), np.array([0, 3, 6], dtype=np.int64), None, 2, 0, False, 64,
           counts)
    offsets = np.array([0, 3, 6], dtype=np.int64)
    logs = np.append(0.0, np.log(np.arange(1, 64, dtype=np.float64)))
    with pytest.raises(ValueError, match="norm"):
        hb(cps, offsets, None, 2, 0, False, 64, counts, 3)
    with pytest.raises(ValueError, match="log_table"):  # log-l2 needs the table
        hb(cps, offsets, None, 2, 0, False, 64, counts, 2)
    with pytest.raises(ValueError, match="log_table"):  # and only log-l2 takes one
        hb(cps, offsets, None, 2, 0, False, 64, counts, 1, logs)
    with pytest.raises(TypeError, match="log_table"):
        hb(cps, offsets, None, 2, 0, False, 64, counts, 2, logs.astype(np.float32))
    # " ab cd " in one bucket: "a" and "b" share it, a count of 2 that needs log 2
    with pytest.raises(ValueError, match="every n-gram count"):
        hb(cps, offsets, None, 2, 0, False, 1, counts, 2, logs[:2])
    hb(cps, offsets, None, 2, 0, False, 1, counts, 2, logs[:3])
    assert counts.tolist() == [2, 2]
    with pytest.raises(ValueError, match=r"2\*\*47"):
        hb(cps, offsets, None, 2, 0, False, 1 << 48, counts, 1)
