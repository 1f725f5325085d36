from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze.inputs import TextLine, read_text_lines
from scamnet.errors import InputProblem


def test_plain_json_and_bad_lines() -> None:
    lines = [b"\xef\xbb\xbfhello\n", b"\n", b'{"text": "hi", "id": 7}\n', b"{nope\n",
             b'{"id": 1}\n', b"[1, 2]\n", b"\xff\xfe raw\r\n"]
    got = list(read_text_lines(lines, "in.txt"))
    assert got[0] == TextLine(1, "hello")
    assert got[1] == TextLine(3, "hi", "7")
    assert [type(g) for g in got[2:4]] == [InputProblem] * 2
    assert [g.line for g in got[2:4]] == [4, 5]
    assert got[4] == TextLine(6, "[1, 2]")  # only lines opening with "{" are JSON
    assert isinstance(got[5], TextLine) and got[5].line == 7 and got[5].text.endswith(" raw")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40),
                          st.text(max_size=40).map(lambda t: json.dumps({"text": t}).encode())),
                max_size=8))
def test_never_raises_and_lines_increase(lines: list[bytes]) -> None:
    raw = [b.replace(b"\n", b" ") + b"\n" for b in lines]
    got = list(read_text_lines(raw, "x"))
    numbers = [g.line for g in got]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert all(1 <= n <= len(raw) for n in numbers if n is not None)


def _texts(data: bytes) -> list[str]:
    import io

    from scamnet.analyze.inputs import input_lines

    got = read_text_lines(input_lines(io.BytesIO(data), "in.txt"), "in.txt")
    return [g.text for g in got if isinstance(g, TextLine)]


LINES = ["恭喜您中奖了，请点击链接领取奖金", "ยินดีด้วย คุณได้รับรางวัล", "see you at dinner"]


def test_utf16_and_utf32_inputs_are_decoded_not_split_on_bytes() -> None:
    text = "\n".join(LINES) + "\n"
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        assert _texts(text.encode(encoding)) == LINES, encoding


def test_legacy_chinese_and_thai_inputs_are_decoded() -> None:
    chinese = ["恭喜您中奖了，请点击链接领取奖金", "你好，今晚一起吃饭吗？我在公司楼下等你。"]
    assert _texts(("\r\n".join(chinese) + "\r\n").encode("gb18030")) == chinese
    thai = ["ยินดีด้วย คุณได้รับรางวัล กรุณาโอนค่าธรรมเนียมก่อนรับเงิน", "พรุ่งนี้เจอกันที่ร้านกาแฟนะ"]
    assert _texts(("\n".join(thai) + "\n").encode("cp874")) == thai


def test_utf8_with_a_stray_legacy_line_stays_utf8() -> None:
    # One Windows-1252 line must not turn the whole file into mojibake.
    data = ("\n".join(LINES) + "\n").encode() + "café au lait\n".encode("cp1252") + \
        "😀 ok\n".encode()
    got = _texts(data)
    assert got[:3] == LINES and got[4] == "😀 ok" and got[3].startswith("caf")


def test_binary_looking_input_is_still_read_line_by_line() -> None:
    data = b"hello\n" + b"\xff\xfe\x00 junk\n" + b"bye\n"
    got = _texts(data)
    assert got[0] == "hello" and got[-1] == "bye" and len(got) == 3


_LINE_CHARS = st.sampled_from(list("abc XYZ 019 ,.!? ก ข ค ๑ 中 文 你 好 😀 é ñ") + ["\t"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(_LINE_CHARS, min_size=1, max_size=30).filter(lambda s: s.strip()),
                min_size=1, max_size=6),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"]),
       st.sampled_from(["\n", "\r\n"]))
def test_unicode_inputs_round_trip_in_any_wide_or_utf8_encoding(
        lines: list[str], encoding: str, newline: str) -> None:
    # What the user typed is what gets classified, line for line, however the
    # file was saved (every character here exists in each of these codecs).
    if encoding == "utf-16-le":
        # Without a byte-order mark UTF-16 is recognised by the NULs its ASCII
        # leaves (intake.decode); chat lines start with ASCII names or times.
        lines = [f"1/2/24, 10:01 AM - Anna: {line}" for line in lines]
    data = (newline.join(lines) + newline).encode(encoding)
    assert _texts(data) == [line.rstrip("\r\n") for line in lines]
