"""Messaging handles named in words: Telegram, LINE, WeChat, WhatsApp, Zalo.

Links (``t.me/…``, ``wa.me/…``, ``line.me/ti/p/…``, ``zalo.me/…``) are read by
:mod:`scamnet.extract.web`. This finder reads the forms people type:

* Telegram: ``@name`` (5 to 32 characters) when a Telegram word (telegram,
  tg, 电报, 飞机/纸飞机, เทเลแกรม, телеграм) is within 48 characters before or
  after it, or ``Telegram: name``. An ``@`` right after an e-mail local-part
  character is an e-mail address, not a handle.
* LINE: ``LINE ID: amy.invest``, ``ID line: …``, ``Line: …``, ``ไลน์: …``,
  ``แอดไลน์ @shop`` (official accounts keep their ``@``).
* WeChat: after 微信 / 微信号 / WeChat / weixin / WX / vx / V信 / 薇信; an ID is a
  letter then 5 to 19 letters, digits, ``_`` or ``-``, or a phone-number ID.
* WhatsApp and Zalo: a phone number after the platform name, normalized to
  E.164 (Zalo numbers default to Vietnam).

The span of a handle is the handle itself (with its ``@``), not the keyword.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scamnet.extract.document import Document
from scamnet.extract.phones import parse_phone
from scamnet.extract.registry import register_finder
from scamnet.model.indicators import Indicator

__all__ = ["find_handles"]

_LOCAL_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._%+-")
_ASCII_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_TG_CONTEXT = re.compile(r"telegram|tg\b|电报|飞机|飛機|เทเลแกรม|телеграм", re.IGNORECASE)
_SEP = r"\s?(?:id|ID|Id)?\s?[:：=]?\s?"
_PHONE = r"(?P<phone>\+?\d[\d .\-]{6,16}\d)"

_HANDLES = re.compile(
    r"@(?P<at>[A-Za-z][A-Za-z0-9_]{4,31})\b"
    rf"|(?P<tgkey>telegram|tg|电报|飞机){_SEP}@?(?P<tg>[A-Za-z][A-Za-z0-9_]{{4,31}})\b"
    r"|(?P<linekey>line\s?id|(?<=id )line|(?<=id)line|line\s?[:：]|ไลน์)"
    r"\s?(?:id\s?)?[:：=]?\s?(?P<line>@?[A-Za-z0-9][A-Za-z0-9._\-]{1,29})"
    r"|(?P<wxkey>微信号?|wechat|weixin|wx|vx|v信|薇信|威信)\s?(?:id|号)?\s?[:：=]?\s?"
    r"(?P<wx>[A-Za-z][A-Za-z0-9_\-]{5,19}|\+?\d{5,15})"
    rf"|(?P<wakey>whatsapp|whats app){_SEP}{_PHONE}"
    rf"|(?P<zkey>zalo){_SEP}(?P<zphone>\+?\d[\d .\-]{{6,16}}\d)",
    re.IGNORECASE,
)


# Where an alternative of _HANDLES can start, lower-cased. Scanning for these
# with ``str.find`` and matching only there is several times faster than
# letting the regex try every t, l, w, v and z in the text.
_KEYWORDS = (
    ("@", 0), ("telegram", 0), ("tg", 0), ("电报", 0), ("飞机", 0), ("line", 0), ("ไลน์", 0),
    ("信", 1), ("wechat", 0), ("weixin", 0), ("wx", 0), ("vx", 0), ("whats", 0), ("zalo", 0),
)
# Each needle is found with ``str.find``; the pattern is tried ``back``
# characters before it (微信, 薇信, 威信 and v信 all end in 信). Keywords that
# only extend a needle (纸飞机, แอดไลน์, ID line) match from the needle onwards.


def _starts(doc: Document) -> list[int]:
    """Positions where a handle pattern may start, in order."""
    low = doc.lower
    if len(low) != len(doc.text):
        return [m.start() for m in _HANDLES.finditer(doc.text)]
    found: set[int] = set()
    for needle, back in _KEYWORDS:
        pos = low.find(needle)
        while pos != -1:
            if pos >= back:
                found.add(pos - back)
            pos = low.find(needle, pos + 1)
    return sorted(found)


def _telegram_context(text: str, s: int, e: int) -> bool:
    return _TG_CONTEXT.search(text, max(0, s - 48), min(len(text), e + 48)) is not None


def _keyword_starts_word(text: str, s: int) -> bool:
    """A Latin keyword must not be the tail of a longer word (online, twx)."""
    return s == 0 or text[s - 1] not in _ASCII_WORD


def _number(doc: Document, kind: str, m: re.Match[str], group: str,
            default_region: str | None) -> Indicator | None:
    raw = m.group(group).rstrip(" .-")
    s = m.start(group)
    e = s + len(raw)
    parsed = parse_phone(raw, doc.country or default_region)
    if parsed is None:
        return None
    e164, region, valid = parsed
    attrs = {"source": "text", "region": region}
    return doc.indicator(kind, e164, s, e, valid, attrs)


@register_finder("telegram", "line", "wechat", "whatsapp", "zalo")
def find_handles(doc: Document) -> Iterator[Indicator]:
    """Messaging handles written out in ``doc`` (not links)."""
    text = doc.text
    done = 0
    for pos in _starts(doc):
        if pos < done:
            continue
        m = _HANDLES.match(text, pos)
        if m is None:
            continue
        done = m.end()
        s = pos
        group = m.lastgroup
        if group == "at":
            if s > 0 and text[s - 1] in _LOCAL_CHARS:
                continue
            e = m.end()
            if e < len(text) and text[e] in ".-" and e + 1 < len(text) and (
                text[e + 1] in _ASCII_WORD
            ):
                continue  # the domain half of an address ("@gmail.com")
            if _telegram_context(text, s, e):
                yield doc.indicator("telegram", m.group("at").lower(), s, e, True,
                                    {"source": "text"})
            continue
        if not _keyword_starts_word(text, s) and text[max(0, s - 2):s].lower() != "id":
            continue  # "IDline: …" is the one keyword glued to a word on its left
        if group == "tg":
            yield doc.indicator("telegram", m.group("tg").lower(), *m.span("tg"), True,
                                {"source": "text"})
        elif group == "line":
            handle = m.group("line").rstrip(".-")
            ls = m.start("line")
            yield doc.indicator("line", handle.lower(), ls, ls + len(handle), True,
                                {"source": "text"})
        elif group == "wx":
            if m.group("wxkey").lower() in ("wx", "vx") and m.end("wxkey") < len(text) and (
                text[m.end("wxkey")] in _ASCII_WORD
            ):
                continue
            yield doc.indicator("wechat", m.group("wx").lower(), *m.span("wx"), True,
                                {"source": "text"})
        elif group == "phone":
            found = _number(doc, "whatsapp", m, "phone", None)
            if found is not None:
                yield found
        elif group == "zphone":
            found = _number(doc, "zalo", m, "zphone", "VN")
            if found is not None:
                yield found
