from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze.features import (
    MAX_FEATURE_CHARS,
    NGRAM_SIZES,
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
