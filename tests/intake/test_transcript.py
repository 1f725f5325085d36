"""Transcripts: speaker-labelled dialogue and free text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from scamnet.intake.base import Source
from scamnet.intake.transcript import speaker

from .conftest import MakeSource, ReadAll


def test_dialogue(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    reports, bad = read_all(fixture_source("transcript_call.txt"))
    assert not bad and reports[0].kind == "transcript"
    msgs = reports[0].messages
    assert [(m.sender, m.line) for m in msgs] == [
        (None, 1), ("Advisor", 3), ("Me", 4), ("Advisor", 5), ("Me", 7)]
    assert msgs[3].text.endswith("\nSend it to our agent on Telegram @goldline_tax_desk")


def test_free_text(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    reports, _ = read_all(fixture_source("transcript_free.txt"))
    msgs = reports[0].messages
    assert [(m.sender, m.line) for m in msgs] == [(None, 1), (None, 3)]
    assert "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" in msgs[1].text


@pytest.mark.parametrize(("line", "expected"), [
    ("Anna: hello", ("Anna", "hello")), ("王丽：你好", ("王丽", "你好")),
    ("[10:15] Scammer: send it", ("Scammer", "send it")),
    ("https://x.vip/a", None), ("10:15 we talked", None),
    ("This is a long sentence that happens to: have a colon", None),
])
def test_speaker(line: str, expected: tuple[str, str] | None) -> None:
    assert speaker(line) == expected


def test_gb18030_transcript(make_source: MakeSource, read_all: ReadAll) -> None:
    text = "王丽：你好，我在香港做黄金投资。\n我：你是谁？\n王丽：加我微信 wl88899，带你赚钱。\n"
    reports, bad = read_all(make_source(text.encode("gb18030"), "chat.txt"))
    assert not bad and [m.sender for m in reports[0].messages] == ["王丽", "我", "王丽"]
    assert reports[0].extra["encoding"] == "gb18030"
