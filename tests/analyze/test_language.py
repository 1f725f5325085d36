from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze.language import LANGUAGES, UNDETERMINED, detect_language


@pytest.mark.parametrize(("text", "code"), [
    ("สวัสดีครับ วันนี้อากาศดีมาก", "th"),
    ("မင်္ဂလာပါ နေကောင်းလား", "my"),
    ("សួស្តី សុខសប្បាយជាទេ", "km"),
    ("안녕하세요 잘 지내세요", "ko"),
    ("こんにちは、お元気ですか", "ja"),
    ("您好，这里是公安局，请配合调查", "zh"),
])
def test_script_rules(text: str, code: str) -> None:
    res = detect_language(text)
    assert (res.code, res.method) == (code, "script")
    assert res.confidence == 1.0


@pytest.mark.parametrize(("text", "code"), [
    ("Hello my dear, how was your day at work today?", "en"),
    ("Hola, ¿cómo estás? Te escribo por el trabajo de mañana.", "es"),
    ("Bonjour, comment allez-vous aujourd'hui ? Je vous écris pour le travail.", "fr"),
    ("Olá, tudo bem? Não esqueça de trazer os documentos amanhã.", "pt"),
    ("Kumusta ka na? Saan ka nagtatrabaho ngayon?", "tl"),
    ("Chào anh, dạo này anh có khỏe không?", "vi"),
    ("Selamat pagi, apakah Anda sudah menerima paket kemarin?", "id"),
])
def test_latin_languages(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "12345 678", "!!!???", "\x00\x01\x02"])
def test_no_letters_is_undetermined(text: str) -> None:
    res = detect_language(text)
    assert res.code == UNDETERMINED and res.confidence == 0.0 and res.method == "none"


def test_mixed_scripts_pick_the_majority() -> None:
    res = detect_language("ok 您好您好您好您好您好")
    assert res.code == "zh" and 0.5 < res.confidence < 1.0


def test_megabyte_line_is_cut() -> None:
    assert detect_language("ก" * 1_000_000).code == "th"


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        detect_language(b"bytes")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_result(text: str) -> None:
    res = detect_language(text)
    assert res.code in (*LANGUAGES, UNDETERMINED)
    assert 0.0 <= res.confidence <= 1.0


@pytest.mark.parametrize(("text", "code"), [
    ("b72kk.com ฟรี 177777บาท คลิ๊กแจ้งรับ https://lin.ee/0f7iJtZ", "th"),
    ("Shopee แจกส่วนลด คลิก https://ct.elinks.io/jR3lwgaW", "th"),
    ("Quy khach da dang ky thanh cong goi cuoc, chi tiet lien he tong dai", "vi"),
    ("Boleh saya tahu berapa harga kereta ini? Tak nak bayar mahal sangat", "ms"),
])
def test_links_brands_and_unaccented_text(text: str, code: str) -> None:
    assert detect_language(text).code == code


def _script_of(ch: str) -> str | None:
    """The script buckets, one character at a time (the definition the counting follows)."""
    cp = ord(ch)
    ranges = {
        "latin": [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF), (0xFF21, 0xFF5A)],
        "th": [(0x0E00, 0x0E7F)],
        "my": [(0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)],
        "km": [(0x1780, 0x17FF), (0x19E0, 0x19FF)],
        "ko": [(0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F)],
        "kana": [(0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F)],
        "han": [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)],
    }
    for name, spans in ranges.items():
        if any(lo <= cp <= hi for lo, hi in spans):
            return name
    return None


# Every range edge and its neighbours, plus ordinary text.
_EDGES = [c for lo, hi in [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF),
                           (0xFF21, 0xFF5A), (0x0E00, 0x0E7F), (0x1000, 0x109F),
                           (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F), (0x1780, 0x17FF),
                           (0x19E0, 0x19FF), (0xAC00, 0xD7AF), (0x1100, 0x11FF),
                           (0x3130, 0x318F), (0x3040, 0x30FF), (0x31F0, 0x31FF),
                           (0xFF66, 0xFF9F), (0x4E00, 0x9FFF), (0x3400, 0x4DBF),
                           (0xF900, 0xFAFF), (0x20000, 0x2FA1F)]
          for c in (lo - 1, lo, hi, hi + 1)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_EDGES).map(chr), st.characters()), max_size=60))
def test_script_counts_follow_the_per_character_definition(chars: list[str]) -> None:
    from scamnet.analyze.language import _count_scripts

    text = "".join(chars)
    expected: dict[str, int] = {}
    for ch in text:
        name = _script_of(ch)
        if name is not None:
            expected[name] = expected.get(name, 0) + 1
    assert _count_scripts(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_cld2_is_never_handed_text_it_refuses(text: str) -> None:
    import pycld2

    from scamnet.analyze.language import _CLD2_REFUSES

    clean = text.encode("utf-8", errors="replace").decode("utf-8")
    pycld2.detect(_CLD2_REFUSES.sub(" ", clean), isPlainText=True)


@pytest.mark.parametrize(("text", "code"), [
    # Taglish: CLD2 calls it English; the Tagalog function words send it to lingua.
    ("Kuya, yung mentor ko sa gold trading 6 straight wins na this week. Gusto mo i-refer kita?",
     "tl"),
    # A control character in the text does not change the answer.
    ("Hello my dear,\x00 how was your day at work today?", "en"),
    # CLD2 answers Malay without the Indonesian/Malay marker words overruling it.
    ("Terima kasih untuk makan malam semalam, seronok sangat.", "ms"),
])
def test_the_quick_detector_and_its_fallback(text: str, code: str) -> None:
    assert detect_language(text).code == code


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("ab中 .@/:-_+wht0ñ\n")), max_size=80))
def test_links_are_blanked_as_the_full_pattern_does(text: str) -> None:
    from scamnet.analyze.language import _LINKS, _without_links

    assert _without_links(text) == _LINKS.sub(" ", text)
