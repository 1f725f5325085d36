"""Decoding: BOMs, UTF-16/32 without BOM, legacy code pages, binary detection, line splitting."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from scamnet.errors import InvalidInputError
from scamnet.intake.base import Source
from scamnet.intake.decode import (
    decode,
    decode_lines,
    decode_source,
    iter_lines,
    looks_binary,
    split_lines,
)
from scamnet.model.records import Quarantined

CHAT = "12/31/23, 9:15 PM - Anna: Hello, is this Mr. Chen?\n12/31/23, 9:16 PM - Me: No\n"
CHINESE = "你好，我是王丽。我在香港做黄金投资，这个平台很稳定，每个月收益百分之三十。请加我微信。\n"
THAI = "สวัสดีค่ะ ดิฉันเป็นนักลงทุนทองคำ แพลตฟอร์มนี้ปลอดภัยมาก กำไรเดือนละสามสิบเปอร์เซ็นต์\n"
SPANISH = "Pagué 1.200 € a través de la página; el señor me dijo que era segurísimo. ¿Qué hago?\n"


@pytest.mark.parametrize(("bom", "codec"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_marks(bom: bytes, codec: str) -> None:
    got = decode(bom + (CHAT + THAI).encode(codec))
    assert (got.text, got.encoding, got.bom) == (CHAT + THAI, codec, len(bom))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [CHAT, CHAT + THAI * 3, CHAT + CHINESE * 3])
def test_wide_encodings_without_bom(codec: str, text: str) -> None:
    got = decode(text.encode(codec))
    assert (got.text, got.encoding) == (text, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("emoji", ["😀", "😀😀😀", "🤀🜀"])
def test_bomless_utf16_with_emoji_whose_low_surrogate_ends_in_nul(codec: str, emoji: str) -> None:
    # U+1F600 is D83D DE00 in UTF-16: a NUL on the side where ASCII has none.
    text = f"1/2/24, 10:01 AM - Anna: {emoji}\n"
    got = decode(text.encode(codec))
    assert (got.text, got.encoding) == (text, codec)


def test_utf8_first() -> None:
    assert decode(CHINESE.encode("utf-8")).encoding == "utf-8"


def test_gb18030_chinese() -> None:
    got = decode((CHAT + CHINESE).encode("gb18030"))
    assert (got.text, got.encoding) == (CHAT + CHINESE, "gb18030")


def test_windows_874_thai() -> None:
    got = decode((CHAT + THAI).encode("cp874"))
    assert (got.text, got.encoding) == (CHAT + THAI, "cp874")


def test_short_thai_is_not_taken_for_chinese() -> None:
    # An even run of Thai bytes is also valid GB18030; the script score must decide.
    text = "โอนเงินแล้ว\n"
    assert decode(text.encode("cp874")).text == text


def test_cp1252_western() -> None:
    got = decode(SPANISH.encode("cp1252"))
    assert got.text == SPANISH


def test_cyrillic_guess() -> None:
    text = ("Здравствуйте! Я инвестирую в золото на платформе, доход тридцать процентов "
            "в месяц. Напишите мне в телеграм, пожалуйста, и я всё объясню подробно.\n")
    assert decode(text.encode("cp1251")).text == text


def test_latin1_never_fails() -> None:
    data = b"abc \x81\x8d\x8f\x90\x9d def"  # bytes cp1252 leaves undefined
    got = decode(data)
    assert got.encoding == "latin-1" and got.text == data.decode("latin-1")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"abc\x00\x00def\x01\x02" * 10, bytes(range(32)) * 8,
    b"\x00" * 5000, b"\x01\x00" * 500,
])
def test_binary_is_refused(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(InvalidInputError, match="binary"):
        decode(data, path="x.bin")


def test_text_is_not_binary() -> None:
    assert not looks_binary((CHAT + "\tcol\x0c\n").encode())


def test_truncated_head_drops_partial_character() -> None:
    data = (CHAT + CHINESE).encode("utf-8")
    cut = len(CHAT.encode()) + 4  # inside the second Chinese character
    got = decode(data[:cut], truncated=True)
    assert got.encoding == "utf-8" and got.text == CHAT + CHINESE[:1]


def test_split_lines_only_on_line_feeds() -> None:
    text = "one\r\ntwo\x0cstill two\u2028still two\x85\nthree\n"
    assert split_lines(text) == ["one", "two\x0cstill two\u2028still two\x85", "three"]
    assert split_lines("a\n\nb") == ["a", "", "b"]


_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"))


@given(_TEXT)
def test_utf8_round_trip(text: str) -> None:
    assert decode(text.encode("utf-8")).text == text


@given(_TEXT, st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_bom_round_trip(text: str, codec: str) -> None:
    # Python's "utf-16"/"utf-32" codecs write a BOM in native order.
    assert decode(text.encode(codec)).text == text


@given(st.lists(_TEXT.map(lambda t: t.replace("\n", " ")), min_size=1, max_size=8),
       st.sampled_from(["utf-16-le", "utf-16-be"]))
# U+10000 is D800 DC00: both units' low bytes are NUL (found by hypothesis in
# session 12; only the low surrogate's NUL was discounted, so it read as binary).
@example(["\U00010000\U00010000"], "utf-16-le")
@example(["\U00010000\U00010000"], "utf-16-be")
def test_bomless_utf16_chat_round_trip(lines: list[str], codec: str) -> None:
    text = "".join(f"1/2/24, 10:0{i % 10} AM - Anna: {line}\n" for i, line in enumerate(lines))
    got = decode(text.encode(codec))
    assert (got.text, got.encoding) == (text, codec)


@given(_TEXT, st.integers(min_value=0, max_value=400))
def test_truncated_utf8_is_a_prefix(text: str, cut: int) -> None:
    data = text.encode("utf-8")
    got = decode(data[:cut], truncated=True)
    assert text.startswith(got.text)


@given(st.lists(st.text(alphabet=st.sampled_from("ab\r\n\x0c\u2028 é"), max_size=12),
                max_size=8))
def test_iter_lines_is_split_lines(parts: list[str]) -> None:
    text = "".join(parts)
    assert list(iter_lines(text)) == split_lines(text)


_LINE_TEXT = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\x00"),
            max_size=40),
    min_size=1, max_size=8,
)


@given(_LINE_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "cp874"]),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_lines_read_one_at_a_time_equal_the_whole_decoded_text(
        lines: list[str], encoding: str, newline: str, keep_cr: bool) -> None:
    """A report file is decoded line by line when it is UTF-8 (memory), whole
    otherwise: the lines, their numbers and their quarantine bytes must be what
    decoding the whole file gives, whichever path is taken."""
    try:
        data = newline.join(lines).encode(encoding)
    except UnicodeEncodeError:
        return  # the legacy code pages cannot write every character
    source = Source("r.jsonl", data, "0" * 64)
    got = decode_lines(source, keep_cr=keep_cr)
    whole = decode_source(source)
    if isinstance(whole, Quarantined):
        assert isinstance(got, Quarantined) and got.reason == whole.reason
        return
    assert not isinstance(got, Quarantined)
    expected = [(n, line, whole.encode(line))
                for n, line in enumerate(iter_lines(whole.text, keep_cr=keep_cr), start=1)]
    assert list(got) == expected
    assert got.newline == whole.encode("\n")


def test_utf8_lines_keep_their_own_bytes_and_numbers() -> None:
    data = "\ufeffa\r\n\n{\"x\": \"ไทย\"}\nlast".encode("utf-8")
    got = decode_lines(Source("r.jsonl", data, "0" * 64))
    assert not isinstance(got, Quarantined)
    assert list(got) == [(1, "a", b"a"), (2, "", b""),
                         (3, '{"x": "ไทย"}', '{"x": "ไทย"}'.encode()), (4, "last", b"last")]


def test_line_reading_quarantines_what_whole_decoding_does() -> None:
    for data, reason in ((b"  \n ", "empty file"), (b"\x00\x01\x02" * 50, "binary data, not text")):
        got = decode_lines(Source("r.jsonl", data, "0" * 64))
        assert isinstance(got, Quarantined) and got.reason == reason
