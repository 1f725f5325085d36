"""The reasons behind a score: the fast span helpers equal their plain definitions.

``explain`` picks the strongest n-grams with a partition instead of a full
sort and widens spans to whole words with a regex of word runs instead of a
character loop. Both are checked here against the straightforward versions
they replaced, on arbitrary input, so the reasons a user sees did not change.
The C selection and gathering (``scamnet.analyze._linear.reason_spans``) is
checked against the Python pair it replaces, on arbitrary arrays and on real
messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze import linear, native
from scamnet.analyze.classifier import ScamClassifier
from scamnet.analyze.linear import _top_positive, _widen, _word_runs


def _word_char(ch: str) -> bool:
    cp = ord(ch)
    if not ch.isalnum() or cp >= 0x2E80:
        return False
    return not (0x0E00 <= cp <= 0x0EFF or 0x1000 <= cp <= 0x109F or 0x1780 <= cp <= 0x17FF)


def _widen_plain(text: str, a: int, b: int, limit: int, most: int = 40) -> tuple[int, int]:
    while a > 0 and b - a < most and _word_char(text[a - 1]) and _word_char(text[a]):
        a -= 1
    while b < limit and b - a < most and _word_char(text[b]) and _word_char(text[b - 1]):
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# Letters, digits (ASCII, Thai, superscript), underscores, spaces, marks and
# punctuation from the scripts the widening treats differently.
_ALPHABET = st.sampled_from(list("ab Z9_ .,-'é\u0301ก๓ကកあ中²\u00a0\t한Ωß"))


@st.composite
def _spans(draw: st.DrawFn) -> tuple[str, int, int, int, int]:
    text = draw(st.text(_ALPHABET, min_size=1, max_size=90))
    limit = draw(st.integers(1, len(text)))
    a = draw(st.integers(0, limit - 1))
    b = draw(st.integers(a + 1, limit))
    most = draw(st.integers(1, 45))
    return text, a, b, limit, most


@settings(max_examples=600, deadline=None)
@given(_spans())
def test_widen_equals_the_character_by_character_definition(
        case: tuple[str, int, int, int, int]) -> None:
    text, a, b, limit, most = case
    assert _widen(text, a, b, _word_runs(text, limit), most) == \
        _widen_plain(text, a, b, limit, most)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([-2.0, -0.5, 0.0, 0.25, 0.5, 1.0, 3.0]), max_size=80),
       st.integers(1, 30))
def test_top_positive_equals_a_stable_sort(values: list[float], k: int) -> None:
    contrib = np.asarray(values, dtype=np.float32)
    # The definition: the first k of a stable descending sort, positive ones only.
    plain = [int(i) for i in np.argsort(-contrib, kind="stable")[:k] if contrib[i] > 0]
    assert _top_positive(contrib, k).tolist() == plain


def test_reasons_are_whole_words_of_the_text(classifier: ScamClassifier) -> None:
    text = ("Congratulations! You have won a prize of 5,000 USDT. "
            "Pay the release fee via hxxps://claim-prize[.]example to receive it.")
    reasons = classifier.model.explain(text, 0, 1.0, top=5)
    assert reasons, "a scam text has reasons"
    for r in reasons:
        assert text[r.start:r.end] == r.evidence
        # Widened to word edges: no reason starts or ends inside a Latin word.
        assert r.start == 0 or not (text[r.start - 1].isalnum() and text[r.start].isalnum())
        assert r.end == len(text) or not (text[r.end - 1].isalnum() and text[r.end].isalnum())
    weights = [r.weight for r in reasons]
    assert weights == sorted(weights, reverse=True)


@pytest.fixture
def c_kernels() -> Iterator[None]:
    if not native.AVAILABLE:
        pytest.skip("scamnet.analyze._linear is not built")
    before = native.enabled()
    yield
    native.set_enabled(before)


def test_the_c_span_selection_is_built() -> None:
    if os.environ.get("SCAMNET_PURE_PYTHON", "") not in ("", "0"):
        pytest.skip("pure Python forced")
    assert native.AVAILABLE and native.enabled()


_CONTRIB = st.sampled_from([-2.0, -0.5, 0.0, 0.25, 0.5, 1.0, 3.0, 1e-30, float("nan")])


@st.composite
def _scored_text(draw: st.DrawFn) -> tuple[str, list[tuple[float, int, int]], int, int]:
    # Mostly letters too, so that words run past the widest span (40 characters).
    text = draw(st.text(_ALPHABET, max_size=70) | st.text(
        st.sampled_from("abcdefghé" * 5 + " \u0e01"), min_size=50, max_size=120))
    grams = draw(st.lists(st.tuples(_CONTRIB, st.integers(-3, 125), st.integers(0, 8)),
                          max_size=90))
    return text, grams, draw(st.integers(1, 45)), draw(st.integers(0, len(text)))


@settings(max_examples=600, deadline=None)
@given(_scored_text())
def test_c_spans_equal_the_python_spans(
        case: tuple[str, list[tuple[float, int, int]], int, int]) -> None:
    if not native.AVAILABLE:
        pytest.skip("scamnet.analyze._linear is not built")
    text, grams, k, limit = case
    contrib = np.asarray([g[0] for g in grams], dtype=np.float32)
    start = np.asarray([g[1] for g in grams], dtype=np.int64)
    length = np.asarray([g[2] for g in grams], dtype=np.int64)
    plain = linear._reason_spans(text, contrib, start, length, k, limit)
    assert native._linear.reason_spans(text, contrib, start, length, k, limit,
                                      linear.WIDEST_SPAN) == plain


def test_c_spans_refuse_arrays_of_the_wrong_type(c_kernels: None) -> None:
    ok = np.zeros(3, dtype=np.int64)
    f32 = np.zeros(3, dtype=np.float32)
    spans = native._linear.reason_spans
    with pytest.raises(TypeError, match="contrib"):
        spans("abc", np.zeros(3), ok, ok, 5, 3, 40)  # float64, not float32
    with pytest.raises(TypeError, match="start"):
        spans("abc", f32, ok.astype(np.int32), ok, 5, 3, 40)
    with pytest.raises(ValueError, match="differ"):
        spans("abc", f32, ok[:2], ok, 5, 3, 40)
    with pytest.raises(ValueError, match="limit"):
        spans("abc", f32, ok, ok, 5, 4, 40)  # past the end of the text


def test_reasons_are_the_same_with_and_without_the_c_spans(
        classifier: ScamClassifier, c_kernels: None) -> None:
    # Real messages in several scripts when ../shared is present, else the curated ones.
    shared = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    from scamnet.analyze.datasets import load_curated, load_real_sets

    if shared.is_dir():
        items, _ = load_real_sets(shared)
        texts = [t.text for t in items][::37][:500]
    else:
        curated = Path(__file__).resolve().parents[2] / "data" / "conversations"
        texts = [t.text for t in load_curated(curated / "eval" / "messages.tsv")[0]]
    texts += ["", "!!!", "a" * 5000, "中" * 300]
    results = {}
    for on in (True, False):
        native.set_enabled(on)
        results[on] = [(c.reasons, c.is_scam) for c in classifier.classify(texts, language=False)]
    assert results[True] == results[False]
    assert sum(1 for reasons, _ in results[True] if reasons) > len(texts) // 2


def test_a_batch_is_explained_as_each_text_alone(classifier: ScamClassifier) -> None:
    texts = ["Congratulations! You won 5,000 USDT, pay the release fee to claim it.",
             "", "Dinner at 7? Mum says bring the cake.", "中" * 40,
             "Your parcel is held at customs, pay 2.99 at hxxps://dhl-fee[.]example now"]
    model = classifier.model
    grams = model.featurise(texts)
    signs = [1.0, -1.0, -1.0, 1.0, 1.0]
    batch = model.explain_rows(texts, grams, 0, signs, top=4)
    alone = [model.explain(t, 0, s, top=4) for t, s in zip(texts, signs, strict=True)]
    assert batch == alone
    assert batch[0] and batch[4] and batch[1] == []


def test_c_spans_stop_at_the_widest_span_inside_long_words(c_kernels: None) -> None:
    # Every single n-gram inside words longer than the widest span, at every
    # position: the widening must stop at exactly WIDEST_SPAN characters.
    text = "a" * 60 + " " + "b" * 45 + " c"
    one = np.ones(1, dtype=np.float32)
    for limit in (len(text), 58, 100):
        for s in range(limit):
            for n in (1, 3, 5):
                start = np.asarray([s], dtype=np.int64)
                length = np.asarray([n], dtype=np.int64)
                assert native._linear.reason_spans(
                    text, one, start, length, 5, limit, linear.WIDEST_SPAN) == \
                    linear._reason_spans(text, one, start, length, 5, limit), (limit, s, n)


@settings(max_examples=300, deadline=None)
@given(_scored_text(), st.integers(0, 6), st.integers(0, 6), st.sampled_from([1.0, -1.0]))
def test_c_spans_read_a_range_of_a_batch_in_either_direction(
        case: tuple[str, list[tuple[float, int, int]], int, int], before: int, after: int,
        sign: float) -> None:
    # explain_rows passes the whole batch's arrays with the text's range and
    # the verdict's direction instead of slicing and negating per text.
    if not native.AVAILABLE:
        pytest.skip("scamnet.analyze._linear is not built")
    text, grams, k, limit = case
    rng = np.random.default_rng(len(grams) + before * 7 + after)
    contrib = np.asarray([g[0] for g in grams], dtype=np.float32)
    start = np.asarray([g[1] for g in grams], dtype=np.int64)
    length = np.asarray([g[2] for g in grams], dtype=np.int64)
    pad = [rng.normal(size=before).astype(np.float32), rng.normal(size=after).astype(np.float32)]
    wide_c = np.concatenate((pad[0], contrib, pad[1])).astype(np.float32)
    wide_s = np.concatenate((np.zeros(before, np.int64), start, np.zeros(after, np.int64)))
    wide_l = np.concatenate((np.ones(before, np.int64), length, np.ones(after, np.int64)))
    plain = linear._reason_spans(text, contrib * np.float32(sign), start, length, k, limit)
    assert native._linear.reason_spans(text, wide_c, wide_s, wide_l, k, limit,
                                       linear.WIDEST_SPAN, before, before + len(grams),
                                       sign) == plain


def test_c_spans_refuse_a_range_outside_the_buffers_or_a_scaled_sign(c_kernels: None) -> None:
    ok = np.zeros(3, dtype=np.int64)
    f32 = np.zeros(3, dtype=np.float32)
    spans = native._linear.reason_spans
    with pytest.raises(ValueError, match="range"):
        spans("abc", f32, ok, ok, 5, 3, 40, 2, 4)
    with pytest.raises(ValueError, match="range"):
        spans("abc", f32, ok, ok, 5, 3, 40, 2, 1)
    with pytest.raises(ValueError, match="sign"):
        spans("abc", f32, ok, ok, 5, 3, 40, 0, 3, 0.5)


def test_explain_reads_a_direction_not_a_scale(classifier: ScamClassifier) -> None:
    with pytest.raises(ValueError, match="sign"):
        classifier.model.explain("pay the fee now", 0, 2.0)
