"""WhatsApp exports: header formats, date order, messages, media, system lines, encodings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.intake.base import Source
from scamnet.intake.whatsapp import WhatsAppReader, parse_header, resolve_order, to_datetime
from scamnet.model.records import Message, Report, ReportKind

from .conftest import MakeSource, ReadAll

NB = "\u202f"
LRM = "\u200e"


@pytest.mark.parametrize(("line", "order", "when", "rest"), [
    (f"12/31/23, 9:15{NB}PM - Anna: hi", "mdy", datetime(2023, 12, 31, 21, 15), "Anna: hi"),
    ("31/12/2023, 21:15 - Anna: hi", "dmy", datetime(2023, 12, 31, 21, 15), "Anna: hi"),
    ("[31/12/2023, 21:15:05] Anna: hi", "dmy", datetime(2023, 12, 31, 21, 15, 5), "Anna: hi"),
    (f"{LRM}[12/31/23, 9:15:05{NB}PM] Anna: hi", "mdy", datetime(2023, 12, 31, 21, 15, 5),
     "Anna: hi"),
    ("31.12.23, 21:15 - Anna: hi", "dmy", datetime(2023, 12, 31, 21, 15), "Anna: hi"),
    ("31-12-2023 21:15 - Anna: hi", "dmy", datetime(2023, 12, 31, 21, 15), "Anna: hi"),
    ("31/12/23 21.15 - Rina: hi", "dmy", datetime(2023, 12, 31, 21, 15), "Rina: hi"),
    ("2023/12/31 下午9:15 - 王丽: 你好", "ymd", datetime(2023, 12, 31, 21, 15), "王丽: 你好"),
    ("2023/12/31 凌晨12:05 - 王丽: 你好", "ymd", datetime(2023, 12, 31, 0, 5), "王丽: 你好"),
    ("[2023/12/31 午後9:15:05] 名前: はい", "ymd", datetime(2023, 12, 31, 21, 15, 5),
     "名前: はい"),
    ("2023. 12. 31. 오후 9:15 - 이름: 안녕", "ymd", datetime(2023, 12, 31, 21, 15), "이름: 안녕"),
    ("31/12/2566 21:15 - มิว: สวัสดี", "dmy", datetime(2023, 12, 31, 21, 15), "มิว: สวัสดี"),
    ("31/12/2566 หลังเที่ยง 9:15 - มิว: สวัสดี", "dmy", datetime(2023, 12, 31, 21, 15),
     "มิว: สวัสดี"),
    ("[31.12.2023 klo 21.15.05] Anna: moi", "dmy", datetime(2023, 12, 31, 21, 15, 5), "Anna: moi"),
    ("21:15, 31/12/2023 - Anna: hi", "dmy", datetime(2023, 12, 31, 21, 15), "Anna: hi"),
    ("31/12/2023, 9:15 p. m. - Ana: hola", "dmy", datetime(2023, 12, 31, 21, 15), "Ana: hola"),
    ("31/12/2023 9:15 CH - Lan: chào", "dmy", datetime(2023, 12, 31, 21, 15), "Lan: chào"),
    ("12/31/23, 12:00 AM - Anna: midnight", "mdy", datetime(2023, 12, 31, 0, 0),
     "Anna: midnight"),
    ("12/31/23, 12:30 PM - Anna: noon", "mdy", datetime(2023, 12, 31, 12, 30), "Anna: noon"),
])
def test_header_formats(line: str, order: str, when: datetime, rest: str) -> None:
    header = parse_header(line)
    assert header is not None
    assert header.rest == rest
    assert to_datetime(header.stamp, order) == when


@pytest.mark.parametrize("line", [
    "", "hello", "10 am to 12 pm - call me", "2023 - the year", "[link] text", "31/12/2023",
    "12:30 - lunch", "1/2/3 is not - a date", "[31/12/2023, 21:15:05]no space",
])
def test_not_headers(line: str) -> None:
    assert parse_header(line) is None


def _stamps(lines: list[str]) -> list:  # type: ignore[type-arg]
    return [h.stamp for h in map(parse_header, lines) if h is not None]


def test_order_from_a_day_above_twelve() -> None:
    lines = ["01/02/23, 10:00 - A: x", "13/02/23, 10:00 - A: y"]
    assert resolve_order(_stamps(lines)) == "dmy"
    assert resolve_order(_stamps(["02/01/23, 10:00 - A: x", "02/13/23, 10:00 - A: y"])) == "mdy"


def test_order_from_time_running_forward() -> None:
    # Neither number exceeds 12; only month-first keeps the messages in order.
    lines = ["01/05/23, 10:00 - A: x", "02/03/23, 10:00 - A: y", "03/01/23, 10:00 - A: z"]
    assert resolve_order(_stamps(lines)) == "mdy"


def test_order_ties_use_clock_style_and_country() -> None:
    us = _stamps(["01/02/23, 10:00 AM - A: x"])
    assert resolve_order(us) == "mdy"
    plain = _stamps(["01/02/23, 10:00 - A: x"])
    assert resolve_order(plain) == "dmy"
    assert resolve_order(plain, country="US") == "mdy"


def _read_one(read_all: ReadAll, source: Source) -> Report:
    reports, bad = read_all(source, "whatsapp")
    assert not bad, bad
    assert len(reports) == 1
    return reports[0]


def test_android_us_fixture(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    source = fixture_source("whatsapp_android_us.txt")
    report = _read_one(read_all, source)
    assert report.id == source.sha256[:16] and report.kind == ReportKind.CHAT
    assert report.platform == "whatsapp" and report.evidence_sha256 == source.sha256
    assert report.extra["date_order"] == "mdy"
    msgs = report.messages
    assert [m.line for m in msgs] == [1, 2, 3, 4, 7, 8, 9, 10]
    assert msgs[0].system and msgs[0].sender is None
    assert (msgs[1].sender, msgs[1].text) == ("Anna Lee", "Hi! Sorry, wrong number?")
    assert msgs[3].text == ("My uncle trades gold on goldline-fx.com\nReturns are 30% a month.\n"
                            "Register with my code AX77.")
    assert msgs[3].sent_at == datetime(2024, 1, 2, 8, 3)
    assert (msgs[4].media, msgs[4].text) == ("<Media omitted>", "")
    assert msgs[5].sent_at == datetime(2024, 1, 13, 23, 59)
    assert msgs[6].system and msgs[6].sender == "Victim"  # "This message was deleted"
    assert msgs[7].system and msgs[7].sender is None and "changed the subject" in msgs[7].text
    assert [m.index for m in msgs] == list(range(8))


def test_ios_fixture(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    report = _read_one(read_all, fixture_source("whatsapp_ios_gb.txt"))
    msgs = report.messages
    assert [m.system for m in msgs] == [True, True, False, False, False, False]
    assert msgs[2].text == "Welcome everyone 🌟\nToday's signal: buy XAUUSD at 2062"
    assert msgs[3].sender == "+44 7700 900123" and msgs[3].media == "image omitted"
    assert msgs[4].media == "00000012-PHOTO-2024-01-01-09-00-10.jpg"
    assert msgs[5].sent_at == datetime(2024, 1, 13, 10, 30)
    assert LRM not in "".join(m.text for m in msgs)


@pytest.mark.parametrize(("name", "first", "sender"), [
    ("whatsapp_de.txt", datetime(2023, 12, 31, 21, 15), "Anna"),
    ("whatsapp_th.txt", datetime(2023, 12, 31, 21, 15), "มิว"),
    ("whatsapp_zh.txt", datetime(2023, 12, 31, 21, 15), "王丽"),
    ("whatsapp_id.txt", datetime(2023, 12, 31, 21, 15), "Rina"),
])
def test_locale_fixtures(name: str, first: datetime, sender: str,
                         fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    msgs = _read_one(read_all, fixture_source(name)).messages
    assert len(msgs) == 3 and msgs[0].sent_at == first and msgs[0].sender == sender
    assert msgs[2].sent_at is not None and msgs[2].sent_at.year == 2024


@pytest.mark.parametrize(("codec", "bom"), [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""),
    ("utf-16-be", b""),
])
@pytest.mark.parametrize("name", ["whatsapp_android_us.txt", "whatsapp_th.txt",
                                  "whatsapp_zh.txt"])
def test_utf16_exports(codec: str, bom: bytes, name: str, fixture_source: Callable[[str], Source],
                       make_source: MakeSource, read_all: ReadAll) -> None:
    plain = fixture_source(name)
    expected = _read_one(read_all, plain).messages
    wide = make_source(bom + plain.data.decode("utf-8").encode(codec), name)
    from scamnet.intake.registry import detect
    reader = detect(wide)
    assert reader is not None and reader.name == "whatsapp"
    assert _read_one(read_all, wide).messages == expected


def test_windows_874_thai_export(fixture_source: Callable[[str], Source],
                                 make_source: MakeSource, read_all: ReadAll) -> None:
    plain = fixture_source("whatsapp_th.txt")
    legacy = make_source(plain.data.decode("utf-8").encode("cp874"), "th.txt")
    assert _read_one(read_all, legacy).messages == _read_one(read_all, plain).messages


def test_gb18030_chinese_export(fixture_source: Callable[[str], Source],
                                make_source: MakeSource, read_all: ReadAll) -> None:
    plain = fixture_source("whatsapp_zh.txt")
    legacy = make_source(plain.data.decode("utf-8").encode("gb18030"), "zh.txt")
    assert _read_one(read_all, legacy).messages == _read_one(read_all, plain).messages


def test_crlf_export(make_source: MakeSource, read_all: ReadAll) -> None:
    text = "31/12/2023, 21:15 - A: one\r\ntwo\r\n31/12/2023, 21:16 - B: three\r\n"
    msgs = _read_one(read_all, make_source(text)).messages
    assert [(m.text, m.line) for m in msgs] == [("one\ntwo", 1), ("three", 3)]


def test_preamble_and_bad_dates_are_quarantined(make_source: MakeSource,
                                                read_all: ReadAll) -> None:
    text = ("Chat exported by my phone\n\n"
            "13/01/2023, 21:15 - A: fine\n"
            "31/13/2023, 21:16 - B: impossible month\n"
            "14/01/2023, 21:17 - A: fine again\n")
    reports, bad = read_all(make_source(text), "whatsapp")
    assert [(q.line, q.field) for q in bad] == [(1, None), (4, "sent_at")]
    assert bad[0].raw == b"Chat exported by my phone\n"
    msgs = reports[0].messages
    assert [m.sent_at is None for m in msgs] == [False, True, False]
    assert msgs[1].text == "impossible month"


def test_no_headers_quarantines_the_file(make_source: MakeSource, read_all: ReadAll) -> None:
    reports, bad = read_all(make_source("just some text\nmore text\n"), "whatsapp")
    assert not reports and len(bad) == 1 and "no WhatsApp message header" in bad[0].reason


def test_sniff_prefers_whatsapp_over_transcript(fixture_source: Callable[[str], Source]) -> None:
    from scamnet.intake.registry import detect
    for name in ("whatsapp_android_us.txt", "whatsapp_ios_gb.txt", "whatsapp_zh.txt"):
        reader = detect(fixture_source(name))
        assert reader is not None and reader.name == "whatsapp", name
    assert WhatsAppReader().sniff(fixture_source("transcript_call.txt")) == 0.0


# --- property test: generated chats -> export text -> parse -> same messages -------------

_NAME = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ทองมิว王丽"),
                min_size=1, max_size=15).map(str.strip).filter(bool)
# Continuation lines must not look like headers: no leading digit or "[".
_WORDS = st.text(st.sampled_from("abcdefghij klmnop,.!?€🌟สวัสดี你好 -:"), min_size=1, max_size=40)
_BODY = st.lists(_WORDS.filter(lambda s: s.strip() != "" and not s.startswith((" ", "-"))),
                 min_size=1, max_size=3).map("\n".join)
_STYLES = {
    # name: (render stamp, iOS brackets?)
    "us_android": (lambda d: f"{d.month}/{d.day}/{d:%y}, {_h12(d)}{NB}{_ampm(d)}", False),
    "gb_android": (lambda d: f"{d:%d/%m/%Y}, {d:%H:%M}", False),
    "de_android": (lambda d: f"{d:%d.%m.%y}, {d:%H:%M}", False),
    "ios_gb": (lambda d: f"{d:%d/%m/%Y}, {d:%H:%M:%S}", True),
    "ios_us": (lambda d: f"{d.month}/{d.day}/{d:%y}, {_h12(d)}:{d:%S} {_ampm(d)}", True),
    "zh": (lambda d: f"{d.year}/{d.month}/{d.day} {'上午' if d.hour < 12 else '下午'}{_h12(d)}",
           False),
    "th": (lambda d: f"{d.day}/{d.month}/{d.year + 543} {d:%H:%M}", False),
}


def _h12(d: datetime) -> str:
    return f"{(d.hour % 12) or 12}:{d:%M}"


def _ampm(d: datetime) -> str:
    return "AM" if d.hour < 12 else "PM"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(_STYLES)),
       st.lists(st.tuples(_NAME, _BODY, st.datetimes(min_value=datetime(2000, 1, 1),
                                                     max_value=datetime(2099, 12, 31))),
                min_size=1, max_size=12))
def test_round_trip(style: str, chat: list[tuple[str, str, datetime]]) -> None:
    render, ios = _STYLES[style]
    with_seconds = style.startswith("ios")
    chat = sorted(chat, key=lambda c: c[2])
    chat = [(n, b, d.replace(second=d.second if with_seconds else 0, microsecond=0))
            for n, b, d in chat]
    lines = []
    for name, body, when in chat:
        stamp = render(when)
        lines.append(f"[{stamp}] {name}: {body}" if ios else f"{stamp} - {name}: {body}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    from scamnet.model.records import sha256_hex
    records = list(WhatsAppReader().read(Source("chat.txt", data, sha256_hex(data))))
    assert len(records) == 1 and isinstance(records[0], Report)
    msgs: tuple[Message, ...] = records[0].messages
    assert [(m.sender, m.text, m.sent_at) for m in msgs] == chat


def test_unsaved_contact_number_is_observed_once_as_sender(
        fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    """The number an unsaved contact is shown by is the scammer's phone: ingest
    observes it (field ``sender``, offsets into the name), once per participant."""
    from scamnet.intake.pipeline import observe

    report = _read_one(read_all, fixture_source("whatsapp_ios_gb.txt"))
    obs = [o for o in observe(report) if o.field == "sender"]
    phones = [o for o in obs if o.indicator.kind == "phone"]
    assert [o.indicator.value for o in phones] == ["+447700900123"]
    first = min(m.index for m in report.messages if m.sender == "+44 7700 900123")
    assert phones[0].index == first
    ind = phones[0].indicator
    assert report.messages[first].sender[ind.start:ind.end] == ind.raw  # type: ignore[index]


def test_sender_names_are_read_once_each() -> None:
    msgs = (Message(0, "hi", sender="Anna"), Message(1, "yo", sender="+855 12 345 678"),
            Message(2, "ok", sender="Anna"), Message(3, "joined", sender="Bob", system=True))
    report = Report("r", ReportKind.CHAT, "0" * 64, messages=msgs)
    senders = [(f.index, f.text) for f in report.texts() if f.field == "sender"]
    assert senders == [(0, "Anna"), (1, "+855 12 345 678"), (3, "Bob")]
