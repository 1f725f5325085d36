"""NFKC normalization with offsets back to the original text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from scamnet.extract.normalize import fold_digits, normalize

# Characters that matter for indicators: ASCII, full-width forms, Thai
# (with ำ, which NFKC expands; tone marks are left out because canonical
# reordering of marks that never compose is not applied), CJK and punctuation, Myanmar/Khmer/
# Arabic-Indic digits, ligatures, a precomposed and a decomposed accent,
# halfwidth katakana with its voiced mark, and an astral emoji.
ALPHABET = (
    "abcXYZ019.@:/-_ +"
    "０１２３ＡＢｃ．：＠／"
    "\u0e01\u0e02\u0e04\u0e33\u0e50\u0e51\u0e59"  # กขคำ and Thai digits
    "中国钱包，。："
    "၀၁၉០១៩٠١٩"
    "ﬁﬂ㍿①"
    "éé"
    "ｶﾞｷ"
    "😀𝐛"
)


def reference(text: str) -> str:
    return fold_digits(unicodedata.normalize("NFKC", text))


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_normalized_text_is_nfkc_with_ascii_digits(text: str) -> None:
    assert normalize(text).text == reference(text)


@given(st.text(max_size=80))
def test_offsets_stay_inside_the_original(text: str) -> None:
    norm = normalize(text)
    n = len(norm.text)
    previous = 0
    for i in range(n + 1):
        start = norm.start(i)
        end = norm.end(i)
        assert 0 <= start <= len(text)
        assert 0 <= end <= len(text)
        assert start >= previous  # monotone
        previous = start
    assert norm.start(0) == 0
    assert norm.end(n) == len(text)


@given(st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_a_span_maps_to_a_covering_original_span(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    n = len(norm.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    start, end = norm.span(a, b)
    assert start <= end
    # The original span normalizes to something that contains the normalized span.
    assert norm.text[a:b] in reference(text[start:end]) or a == b


def test_ascii_is_returned_unchanged_with_identity_offsets() -> None:
    norm = normalize("call +66 81 234 5678")
    assert norm.identity and norm.text == norm.original


def test_digit_scripts_fold_length_preserving() -> None:
    for text, digits in [("โทร ๐๘๑๒๓๔๕๖๗๘", "0812345678"), ("ဖုန်း ၀၉၁၂၃၄၅၆၇၈", "0912345678"),
                         ("លេខ ០១២៣៤៥៦៧៨៩", "0123456789"), ("رقم ٠١٢٣٤٥٦٧٨٩", "0123456789"),
                         ("电话１３８００１３８０００", "13800138000")]:
        norm = normalize(text)
        assert digits in norm.text
        assert len(norm.text) == len(text)
        i = norm.text.index(digits)
        assert norm.span(i, i + len(digits)) == (i, i + len(digits))


def test_expansion_before_an_indicator_shifts_offsets() -> None:
    text = "กำไร ﬁ example.com"
    norm = normalize(text)
    i = norm.text.index("example.com")
    start, end = norm.span(i, i + len("example.com"))
    assert text[start:end] == "example.com"


def test_combining_mark_composes_with_its_base() -> None:
    norm = normalize("cafe\u0301 x")
    assert norm.text == "café x"
    assert norm.span(0, 4) == (0, 5)
