from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze.features import (
    MAX_FEATURE_CHARS,
    NGRAM_SIZES,
    NORMS,
    FeatureSpec,
    hash_features,
    hash_ngrams,
    normalise_codepoints,
)

NB = 1 << 12


def _grams(text: str) -> list[tuple[int, int, int]]:
    g = hash_ngrams([text], NB)
    return sorted(zip(g.bucket.tolist(), g.start.tolist(), g.length.tolist(), strict=True))


def test_counts_for_a_plain_word() -> None:
    # " abc " padded: 1-grams 3, 2-grams 4, 3-grams 3, 4-grams 2, 5-grams 1.
    g = hash_ngrams(["abc"], NB)
    assert g.counts.tolist() == [3 + 4 + 3 + 2 + 1]
    assert np.isclose(g.scale[0], 1 / np.sqrt(13))


def test_empty_and_blank_texts_have_no_ngrams() -> None:
    g = hash_ngrams(["", "   ", "a"], NB)
    assert g.counts[:2].tolist() == [0, 0]
    assert g.counts[2] > 0


def test_digits_and_case_fold() -> None:
    assert _grams("Call 0906") == _grams("call 1234")
    assert _grams("call 0906") != _grams("cell 0906")


def test_normalise_keeps_length_even_for_odd_lowercasing() -> None:
    text = "İstanbul ﬁ \ud800 x"
    assert normalise_codepoints(text).size == len(text)


def test_bucket_count_must_be_power_of_two() -> None:
    import pytest

    with pytest.raises(ValueError):
        hash_ngrams(["x"], 1000)


def test_long_text_is_cut() -> None:
    g = hash_ngrams(["a" * (MAX_FEATURE_CHARS * 3)], NB)
    assert int(g.start.max()) < MAX_FEATURE_CHARS


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=6))
def test_batch_equals_one_by_one_and_spans_in_bounds(texts: list[str]) -> None:
    g = hash_ngrams(texts, NB)
    for i, t in enumerate(texts):
        sel = g.row == i
        batch = sorted(zip(g.bucket[sel].tolist(), g.start[sel].tolist(),
                           g.length[sel].tolist(), strict=True))
        assert batch == _grams(t)
        starts = g.start[sel]
        ends = starts + g.length[sel]
        # Spans may include the one pad space on either side.
        assert (starts >= -1).all() and (ends <= min(len(t), MAX_FEATURE_CHARS) + 1).all()
        assert set(g.length[sel].tolist()) <= set(NGRAM_SIZES)


def _bucket_vectors(texts: list[str], spec: FeatureSpec) -> npt.NDArray[np.float64]:
    """Each text's summed feature values per bucket, shape (len(texts), NB)."""
    g = hash_features(texts, NB, spec)
    out = np.zeros((len(texts), NB))
    np.add.at(out, (g.row, g.bucket), g.value.astype(np.float64))
    return out


def test_count_norm_grows_with_repetition_and_l2_does_not() -> None:
    # The count norm (the classifier's, and stage models up to 2.4.0) gives a
    # repeated letter more weight the longer it repeats; l2 keeps unit length.
    short, long = "a" * 100, "a" * 10_000
    count = np.linalg.norm(_bucket_vectors([short, long], FeatureSpec()), axis=1)
    assert count[1] > 5 * count[0] > 5
    for norm in ("l2", "log-l2"):
        x = _bucket_vectors([short, long, "I sent 200 USDT"], FeatureSpec(norm=norm))
        assert np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)


def test_l2_values_are_bucket_counts_over_their_length() -> None:
    # 1-grams only: "aaa" is one bucket seen three times, 3 / ||(3)|| = 1
    x = _bucket_vectors(["aaa"], FeatureSpec(char_sizes=(1,), norm="l2"))
    assert np.allclose(sorted(x[0][x[0] > 0]), [1.0])
    x = _bucket_vectors(["ab ab"], FeatureSpec(char_sizes=(1,), norm="l2"))
    # a, b twice each and the inner space is an n-gram of spaces only (dropped)
    assert np.allclose(sorted(x[0][x[0] > 0]), [2 / np.sqrt(8)] * 2)
    x = _bucket_vectors(["ab ab"], FeatureSpec(char_sizes=(1,), norm="log-l2"))
    assert np.allclose(sorted(x[0][x[0] > 0]), [np.sqrt(0.5)] * 2)


def test_the_default_norm_is_unchanged_and_not_written() -> None:
    texts = ["Hello there", "ส่งสลิปการโอน", "", "aaaa"]
    plain, spec = hash_ngrams(texts, NB), hash_features(texts, NB, FeatureSpec())
    assert np.array_equal(plain.value, spec.value)
    assert "norm" not in FeatureSpec().to_dict()
    assert FeatureSpec(norm="l2").to_dict()["norm"] == "l2"
    for norm in NORMS:
        spec2 = FeatureSpec(word_sizes=(1,), norm=norm)
        assert FeatureSpec.from_meta({"features": spec2.to_dict()}) == spec2
    with pytest.raises(ValueError, match="norm"):
        FeatureSpec(norm="l1")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=5), st.sampled_from(("l2", "log-l2")),
       st.booleans())
def test_normed_texts_have_unit_length(texts: list[str], norm: str, words: bool) -> None:
    spec = FeatureSpec(word_sizes=(1, 2) if words else (), norm=norm)
    g = hash_features(texts, NB, spec)
    for kind_sizes in ((NGRAM_SIZES, ()), ((), (1, 2))):
        if kind_sizes[1] and not words:
            continue
        x = _bucket_vectors(texts, FeatureSpec(*kind_sizes, norm=norm))
        lengths = np.linalg.norm(x, axis=1)
        # a text with n-grams of this kind has unit length, one without has none
        assert np.allclose(lengths[lengths > 0], 1.0, atol=1e-4)
    # the batch gives each text what it gets alone
    for i, t in enumerate(texts):
        alone = hash_features([t], NB, spec)
        assert np.allclose(np.sort(g.value[g.row == i]), np.sort(alone.value), atol=1e-6)
