"""WhatsApp chat exports (``.txt``, "Export chat" on Android and iOS).

A message starts with a header line and may continue on the lines after it::

    Android  31/12/2023, 21:15 - Name: text        12/31/23, 9:15 PM - Name: text
    iOS      [31/12/2023, 21:15:05] Name: text     [12/31/23, 9:15:05 PM] Name: text
    others   31.12.23, 21:15 - …   2023/12/31 21:15 - …   2023. 12. 31. 오후 9:15 - …
             [31.12.2023 klo 21.15.05] …   31/12/2566 21:15 - … (Thai Buddhist era)

Whether ``01/02/23`` is 1 February or 2 January is decided once per file: a
first number above 12 anywhere means day-first, a second above 12 month-first;
otherwise the order under which the timestamps run forward in time wins, and a
tie falls back to month-first for English 12-hour clocks (US phones) and
day-first for everything else. Messages keep the wall-clock time of the
exporting phone (naive datetimes): exports carry no time zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import ClassVar

from scamnet.intake.base import Source
from scamnet.intake.decode import Decoded, decode_head, decode_source, split_lines
from scamnet.model.records import Message, Quarantined, Report, ReportKind

__all__ = [
    "Header",
    "Stamp",
    "WhatsAppReader",
    "parse_header",
    "parse_stamp",
    "resolve_order",
    "to_datetime",
]

_AM = ("am", "a.m.", "a. m.", "vorm.", "上午", "午前", "凌晨", "早上", "오전", "ก่อนเที่ยง", "sa")
_PM = ("pm", "p.m.", "p. m.", "nachm.", "下午", "午後", "中午", "晚上", "오후", "หลังเที่ยง", "ch")
_MARKER = "|".join(re.escape(m) for m in sorted(_AM + _PM, key=len, reverse=True))
_DATE = (r"(?P<d1>\d{1,4})(?:[./-]|\.\s|年)\s?(?P<d2>\d{1,2})(?:[./-]|\.\s|月)\s?"
         r"(?P<d3>\d{1,4})(?:\.|日)?")
_TIME = (rf"(?:(?P<ap1>{_MARKER})\s?)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})"
         rf"(?:[:.](?P<s>\d{{2}}))?(?:\s?(?P<ap2>{_MARKER}))?")
_DATE_TIME = re.compile(rf"{_DATE},?\s(?:klo\s)?{_TIME}", re.IGNORECASE)
_TIME_DATE = re.compile(rf"{_TIME},?\s{_DATE}", re.IGNORECASE)
_ANDROID = re.compile(r"[\u200e\u200f]?(?P<stamp>\d[^\[\]]{4,48}?)\s[-–]\s(?P<rest>.*)")
_IOS = re.compile(r"[\u200e\u200f]?\[(?P<stamp>\d[^\[\]]{4,48}?)\]\s(?P<rest>.*)")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u200e\u200f]+")
_US_COUNTRIES = frozenset({"US", "PH"})

# Senders that are really system sentences ("Alice changed the subject from "a: b" ...").
# The verb follows its actor ("Alice added", "You removed"): a contact whose
# whole name is one of these words ("added: hi") is a sender, not a system line.
_SYSTEM_IN_SENDER = re.compile(
    r"\S\s(?:changed the subject|changed this group|changed the group|created group|added|"
    r"removed|joined using)\b")
_SYSTEM_TEXT = re.compile(
    r"(?:This message was deleted|You deleted this message|Missed (?:voice|video) call|"
    r"Waiting for this message)\.?\s*$", re.IGNORECASE)
_MEDIA_TAG = re.compile(r"<(?P<kind>[^<>:\n]{2,24}):\s*(?P<name>[^<>\n]+)>")
_MEDIA_PLACEHOLDER = re.compile(r"<[^<>\n:]{3,40}>")
_MEDIA_OMITTED = re.compile(
    r"(?:image|video|audio|sticker|GIF|document|Contact card|imagen|vídeo|Bild|Audio)"
    r" (?:omitted|omitida|omitido|weggelassen)", re.IGNORECASE)
_MEDIA_FILE = re.compile(r"(?P<name>[\w.\-]+\.\w{2,5}) \([^()\n]{3,40}\)")
# Direction marks iOS and Android insert; a regex removes them far faster than translate().
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e]")
_MEDIA_HINT = re.compile(r"[<(]|omit|weggelassen", re.IGNORECASE)


@dataclass(frozen=True)
class Stamp:
    """The numbers of one header's timestamp, before the day/month order is known."""

    d1: int
    d2: int
    d3: int
    year_first: bool
    hour: int
    minute: int
    second: int
    ampm: str | None  # "am", "pm" or None for a 24-hour clock
    english_ampm: bool
    slash: bool


def parse_stamp(text: str) -> Stamp | None:
    """Parse the timestamp part of a header, or None when it is not one."""
    text = _SPACES.sub(" ", text).strip()
    m = _DATE_TIME.fullmatch(text) or _TIME_DATE.fullmatch(text)
    if m is None:
        return None
    marker = (m.group("ap1") or m.group("ap2") or "").lower()
    ampm = "am" if marker in _AM else "pm" if marker else None
    d1 = m.group("d1")
    return Stamp(int(d1), int(m.group("d2")), int(m.group("d3")), len(d1) >= 3,
                 int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0), ampm,
                 marker in ("am", "pm", "a.m.", "p.m."), "/" in text)


@dataclass(frozen=True)
class Header:
    """A parsed header line: its stamp, and the rest of the line after it."""

    stamp: Stamp
    rest: str
    ios: bool


def parse_header(line: str) -> Header | None:
    """A message header, or None when the line continues the previous message."""
    if not line:
        return None
    first = line[0]
    if first == "[" or (first in "\u200e\u200f" and line[1:2] == "["):
        m = _IOS.fullmatch(line)
        ios = True
    elif first.isdigit() or first in "\u200e\u200f":
        m = _ANDROID.fullmatch(line)
        ios = False
    else:
        return None
    if m is None:
        return None
    stamp = parse_stamp(m.group("stamp"))
    if stamp is None:
        return None
    return Header(stamp, m.group("rest"), ios)


def _year(y: int) -> int:
    if y < 100:
        return 2000 + y
    if y >= 2400:  # Thai phones count years in the Buddhist era
        return y - 543
    return y


def to_datetime(stamp: Stamp, order: str) -> datetime:
    """The stamp's wall-clock time under ``order`` (ymd, dmy or mdy); ValueError if impossible."""
    if order == "ymd" or stamp.year_first:
        y, mo, d = stamp.d1, stamp.d2, stamp.d3
    elif order == "dmy":
        d, mo, y = stamp.d1, stamp.d2, stamp.d3
    else:
        mo, d, y = stamp.d1, stamp.d2, stamp.d3
    hour = stamp.hour
    if stamp.ampm is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} on a 12-hour clock")
        hour = hour % 12 + (12 if stamp.ampm == "pm" else 0)
    return datetime(_year(y), mo, d, hour, stamp.minute, stamp.second)


def _inversions(stamps: Sequence[Stamp], order: str) -> int:
    """Invalid dates plus backward steps in time: how badly ``order`` fits the file."""
    bad = 0
    prev: datetime | None = None
    for s in stamps:
        try:
            when = to_datetime(s, order)
        except ValueError:
            bad += 1
            continue
        if prev is not None and when < prev:
            bad += 1
        prev = when
    return bad


def resolve_order(stamps: Sequence[Stamp], country: str | None = None) -> str:
    """The file's date order: ``ymd``, ``dmy`` or ``mdy`` (see the module docstring)."""
    if not stamps:
        return "dmy"
    if sum(s.year_first for s in stamps) * 2 > len(stamps):
        return "ymd"
    day_first = any(s.d1 > 12 for s in stamps if not s.year_first)
    month_first = any(s.d2 > 12 for s in stamps if not s.year_first)
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    dmy, mdy = _inversions(stamps, "dmy"), _inversions(stamps, "mdy")
    if dmy != mdy:
        return "dmy" if dmy < mdy else "mdy"
    us_style = sum(s.english_ampm and s.slash for s in stamps) * 2 > len(stamps)
    return "mdy" if us_style or country in _US_COUNTRIES else "dmy"


def _media(text: str) -> tuple[str | None, str]:
    """(media name, remaining caption) when the message is an omitted/attached media item."""
    first, _, caption = text.partition("\n")
    first = first.strip()
    m = _MEDIA_TAG.fullmatch(first)
    if m:
        return m.group("name").strip(), caption
    m = _MEDIA_FILE.fullmatch(first)
    if m:
        return m.group("name"), caption
    if _MEDIA_PLACEHOLDER.fullmatch(first) or _MEDIA_OMITTED.fullmatch(first):
        return first, caption
    # iOS puts "<file> • 3 pages ‎document omitted" on one line.
    if first.endswith(("document omitted", "documento omitido")):
        return first.rsplit("\u200e", 1)[0].strip() or first, caption
    return None, text


def _message(index: int, header: Header, lines: list[str], line: int,
             sent_at: datetime | None) -> Message:
    rest = header.rest
    sender: str | None = None
    body = rest
    system = False
    if ": " in rest:
        who, _, said = rest.partition(": ")
        if header.ios or not _SYSTEM_IN_SENDER.search(who):
            sender = _BIDI.sub("", who).strip()
            body = said
        else:
            system = True
    else:
        system = True
    lrm = body.startswith("\u200e")
    text = "\n".join([body, *lines]) if lines else body
    if _BIDI.search(text):
        text = _BIDI.sub("", text)
    media, caption = _media(text) if _MEDIA_HINT.search(text, 0, 200) else (None, text)
    if media is not None:
        text = caption
    elif lrm and header.ios:
        system = True  # iOS marks platform-written lines with a left-to-right mark
    elif _SYSTEM_TEXT.fullmatch(text):
        system = True
    return Message(index=index, text=text, sender=sender, sent_at=sent_at, line=line,
                   system=system, media=media)


class WhatsAppReader:
    """WhatsApp "Export chat" text files from Android and iOS, in many locales."""

    name: ClassVar[str] = "whatsapp"
    description: ClassVar[str] = (
        "WhatsApp chat export (.txt, Android and iOS, 12/24 h, many locales)")
    extensions: ClassVar[tuple[str, ...]] = (".txt",)

    def sniff(self, source: Source) -> float:
        text = decode_head(source)
        if text is None:
            return 0.0
        lines = [ln for ln in split_lines(text)[:200] if ln.strip()][:40]
        if not lines:
            return 0.0
        headers = sum(parse_header(ln) is not None for ln in lines)
        if parse_header(lines[0]) is not None:
            return 0.95 if headers * 4 >= len(lines) else 0.6
        return 0.5 if headers * 2 >= len(lines) else 0.0

    def read(self, source: Source) -> Iterator[Report | Quarantined]:
        decoded = decode_source(source)
        if isinstance(decoded, Quarantined):
            yield decoded
            return
        lines = split_lines(decoded.text)
        # First pass: find the headers, so the date order is judged on the whole file.
        heads: list[tuple[int, Header]] = []
        for number, line in enumerate(lines, start=1):
            header = parse_header(line)
            if header is not None:
                heads.append((number, header))
        if not heads:
            yield Quarantined(path=source.path, reason="no WhatsApp message header found",
                              raw=source.data, evidence_sha256=source.sha256, line=1)
            return
        first_line = heads[0][0]
        preamble = [ln for ln in lines[:first_line - 1] if ln.strip()]
        if preamble:
            start = next(i for i, ln in enumerate(lines, start=1) if ln.strip())
            yield _bad(source, decoded, lines[start - 1:first_line - 1], start,
                       "text before the first WhatsApp message header")
        order = resolve_order([h.stamp for _, h in heads], source.country)
        messages: list[Message] = []
        for i, (number, header) in enumerate(heads):
            end = heads[i + 1][0] - 1 if i + 1 < len(heads) else len(lines)
            try:
                sent_at: datetime | None = to_datetime(header.stamp, order)
            except ValueError as exc:
                sent_at = None
                yield _bad(source, decoded, [lines[number - 1]], number,
                           f"impossible timestamp for date order {order}: {exc}",
                           field="sent_at")
            messages.append(_message(i, header, lines[number:end], number, sent_at))
        yield Report(
            id=source.sha256[:16], kind=ReportKind.CHAT, evidence_sha256=source.sha256,
            messages=tuple(messages), platform="whatsapp", title=_title(source.path), line=1,
            extra={"date_order": order, "encoding": decoded.encoding},
        )


def _title(path: str) -> str | None:
    name = PurePosixPath(path.replace("\\", "/").rsplit("!", 1)[-1]).stem
    return name or None


def _bad(source: Source, decoded: Decoded, lines: list[str], line: int, reason: str,
         field: str | None = None) -> Quarantined:
    return Quarantined(path=source.path, reason=reason, raw=decoded.encode("\n".join(lines)),
                       evidence_sha256=source.sha256, line=line, field=field)
