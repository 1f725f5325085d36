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
