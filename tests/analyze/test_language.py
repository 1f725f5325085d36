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
