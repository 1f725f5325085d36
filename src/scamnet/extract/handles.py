"""Messaging handles named in words: Telegram, LINE, WeChat, WhatsApp, Zalo.

Links (``t.me/…``, ``wa.me/…``, ``line.me/ti/p/…``, ``zalo.me/…``) are read by
:mod:`scamnet.extract.web`. This finder reads the forms people type:

* Telegram: ``@name`` (5 to 32 characters) when a Telegram word (telegram,
  tg, 电报, 飞机/纸飞机, เทเลแกรม, телеграм) is within 48 characters before or
  after it, or the text was written on Telegram (``platform="telegram"``: a
  Telegram export, or a report whose platform is Telegram; the indicator then
  has ``context: platform``), or ``Telegram: name``. An ``@`` right after an
  e-mail local-part character is an e-mail address, not a handle.
* LINE: ``LINE ID: amy.invest``, ``ID line: …``, ``Line: …``, ``ไลน์: …``,
  ``แอดไลน์ @shop`` (official accounts keep their ``@``).
* WeChat: after 微信 / 微信号 / WeChat / weixin / WX / vx / V信 / 薇信; an ID is a
  letter then 5 to 19 letters, digits, ``_`` or ``-``, or a phone-number ID.
* WhatsApp and Zalo: a phone number after the platform name, normalized to
  E.164 (Zalo numbers default to Vietnam).

The span of a handle is the handle itself (with its ``@``), not the keyword.

A keyword form needs an explicit marker between platform name and handle (a
separator ``:``/``：``/``=``/``是``/``là``/``คือ``, an ID word ``ID``/``username``/
``号``/``ไอดี``, ``ID`` before the platform name, or ``@``), or a handle holding
a digit, ``_``, ``.`` or ``-``: with a bare space the next word is usually
prose ("added me on Telegram after I commented" once gave telegram:"after").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scamnet.extract import native
from scamnet.extract.document import Document
from scamnet.extract.phones import parse_phone
from scamnet.extract.registry import register_finder
from scamnet.model.indicators import Indicator

__all__ = ["find_handles"]

_LOCAL_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._%+-")
_ASCII_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_TG_CONTEXT = re.compile(r"telegram|tg\b|电报|飞机|飛機|เทเลแกรม|телеграм", re.IGNORECASE)
# What may stand between a platform name and the handle: an ID marker, a
# separator and (Telegram) an "@". Each alternative of _HANDLES has its own
# groups for them (``re`` forbids reusing a name): P+"m", P+"s", P+"a" for the
# group prefix P. When none is present the handle must look like one
# (:func:`_explicit`), because a plain space after a platform name is usually
# prose: "added me on Telegram after I commented".
_MARK = r"(?:id|username|user name)(?![a-z])|号|ไอดี"
_SEP = r"[:：=]|是|là(?![a-zà-ỹ])|คือ"


def _gap(prefix: str, at: bool = False) -> str:
    at_part = rf"(?P<{prefix}a>@)?" if at else ""
    return rf"\s?(?P<{prefix}m>{_MARK})?\s?(?P<{prefix}s>{_SEP})?\s?{at_part}"


_PHONE = r"(?P<phone>\+?\d[\d .\-]{6,16}\d)"

_HANDLES = re.compile(
    r"@(?P<at>[A-Za-z][A-Za-z0-9_]{4,31})\b"
    rf"|(?P<tgkey>telegram|tg|电报|飞机){_gap('tg', at=True)}(?P<tg>[A-Za-z][A-Za-z0-9_]{{4,31}})\b"
    r"|(?P<linekey>line\s?id|(?<=id )line|(?<=id)line|line\s?[:：]|ไลน์)"
    rf"{_gap('li')}(?P<line>@?[A-Za-z0-9][A-Za-z0-9._\-]{{1,29}})"
    rf"|(?P<wxkey>微信号?|wechat|weixin|wx|vx|v信|薇信|威信){_gap('wx')}"
    r"(?P<wx>[A-Za-z][A-Za-z0-9_\-]{5,19}|\+?\d{5,15})"
    rf"|(?P<wakey>whatsapp|whats app){_gap('wa')}{_PHONE}"
    rf"|(?P<zkey>zalo){_gap('z')}(?P<zphone>\+?\d[\d .\-]{{6,16}}\d)",
    re.IGNORECASE,
)
# A handle typed after a bare space is taken only when it holds one of these;
# prose words do not (lucy_fx88, amy.invest, lucy-8888 do).
_HANDLE_MARKS = frozenset("0123456789_.-")


def _id_before(text: str, s: int) -> bool:
    """True when the word "ID" ends right before ``s`` ("ID line", "IDline"), not "paid"."""
    for i in (s - 2, s - 3):
        if i < 0 or text[i:i + 2].lower() != "id" or (i == s - 3 and text[s - 1] != " "):
            continue
        return i == 0 or text[i - 1] not in _ASCII_WORD
    return False


def _explicit(m: re.Match[str], prefix: str, key_group: str, handle_group: str) -> bool:
    """True when the text marks the handle as one, or it looks like one by itself.

    Marked: an ID word or a separator between platform name and handle
    (``Telegram: x``, ``LINE ID x``, ``微信号 x``, ``Zalo là …``), an ``@``, or
    the word ID before the platform name (``ID line x``). Otherwise the handle
    must hold a digit, ``_``, ``.`` or ``-`` (not at its end), and a Latin
    platform name must not be glued to it (``tgabcde`` is one word).
    """
    if m.group(prefix + "m") or m.group(prefix + "s") or (prefix == "tg" and m.group("tga")):
        return True
    key = m.group(key_group).lower()
    handle = m.group(handle_group)
    if key.endswith(("号", "id", ":", "：")) or handle.startswith("@"):
        return True
    if _id_before(m.string, m.start(key_group)):
        return True
    if key.isascii() and m.end(key_group) == m.start(handle_group):
        return False
    return not _HANDLE_MARKS.isdisjoint(handle.rstrip(".-"))


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
# (One alternation of the needles scanned with ``re`` measured no faster.)
_NEEDLES = tuple(needle for needle, _ in _KEYWORDS)
_BACK = dict(_KEYWORDS)


native.set_handle_needles(_KEYWORDS)
# str.lower() changes the length of one character only, İ (U+0130), and the
# pure scan then falls back to the whole pattern (which case-folds İ to i);
# the C scanner lower-cases ASCII only, which is the same for every other
# text (the one other character lower() maps into ASCII, the Kelvin sign, is
# in no needle, and NFKC has made it a K anyway).
_DOTTED_I = native.word_bit("\u0130")


def _starts(doc: Document) -> list[int]:
    """Positions where a handle pattern may start, in order."""
    found = doc.candidates
    if found is not None and not found.words & _DOTTED_I:
        return found.handles
    return keyword_starts(doc)


def keyword_starts(doc: Document) -> list[int]:
    """The pure-Python scan for handle keywords that the C scanner replaces."""
    low = doc.lower
    if len(low) != len(doc.text):
        return [m.start() for m in _HANDLES.finditer(doc.text)]
    found: set[int] = set()
    # filter() tests every needle in C; most texts hold none or one of them.
    for needle in filter(low.__contains__, _NEEDLES):
        back = _BACK[needle]
        pos = low.find(needle)
        while pos != -1:
            if pos >= back:
                found.add(pos - back)
            pos = low.find(needle, pos + 1)
    return sorted(found)


#: The attributes of a handle read as Telegram only because of where it was written.
_ON_PLATFORM = {"source": "text", "context": "platform"}


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


@register_finder("telegram", "line", "wechat", "whatsapp", "zalo",
                 runs_if=lambda c: bool(c.handles) or bool(c.words & _DOTTED_I))
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
            elif doc.platform == "telegram":
                yield doc.indicator("telegram", m.group("at").lower(), s, e, True,
                                    _ON_PLATFORM)
            continue
        if not _keyword_starts_word(text, s) and not _id_before(text, s):
            continue  # "IDline: …" is the one keyword glued to a word on its left
        if group == "tg":
            if not _explicit(m, "tg", "tgkey", "tg"):
                continue
            yield doc.indicator("telegram", m.group("tg").lower(), *m.span("tg"), True,
                                {"source": "text"})
        elif group == "line":
            if not _explicit(m, "li", "linekey", "line"):
                continue
            handle = m.group("line").rstrip(".-")
            ls = m.start("line")
            yield doc.indicator("line", handle.lower(), ls, ls + len(handle), True,
                                {"source": "text"})
        elif group == "wx":
            if not _explicit(m, "wx", "wxkey", "wx"):
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


# Telegram's own deep links name an account or chat by number: what a victim
# pastes when the scammer's @name has changed or never existed.
_TG_LINK = re.compile(
    r"tg://(?:user\?id=|openmessage\?user_id=)(?P<user>\d{5,15})\b"
    r"|tg://openmessage\?chat_id=(?P<chat>\d{5,15})\b",
    re.IGNORECASE)
_FROM_LINK = {"source": "link"}


_TG_SCHEME = native.word_bit("tg://")


@register_finder("telegram_id", runs_if=lambda c: bool(c.words & _TG_SCHEME))
def find_telegram_ids(doc: Document) -> Iterator[Indicator]:
    """Telegram numeric ids in ``tg://user?id=N`` and ``tg://openmessage?…`` links."""
    if "tg://" not in doc.lower:
        return
    for m in _TG_LINK.finditer(doc.text):
        group = m.lastgroup or "user"
        yield doc.indicator("telegram_id", f"{group}{m.group(group)}", m.start(), m.end(),
                            True, _FROM_LINK)
