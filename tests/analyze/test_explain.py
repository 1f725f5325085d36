"""The reasons behind a score: the fast span helpers equal their plain definitions.

``explain`` picks the strongest n-grams with a partition instead of a full
sort and widens spans to whole words with a regex of word runs instead of a
character loop. Both are checked here against the straightforward versions
they replaced, on arbitrary input, so the reasons a user sees did not change.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

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
