"""URLs, domains, e-mail addresses and the accounts named by messaging links.

A fast scan finds dots (plain, ``。`` or defanged) followed by a letter, and
``://``; from each hit the start is found by reading the reversed text, and
one pattern is matched there. It knows three shapes, preferred in this order:
a URL with a scheme (``https://``, ``hxxps[:]//``), an e-mail address
(``a@b.com``, ``a[at]b[.]com``), and a bare host name, optionally followed by
a path (``bit.ly/3xYz`` is a URL without a scheme).

Decisions (also in docs/indicators.md):

* A URL yields a ``url`` indicator over the whole link and a ``domain``
  indicator over just its host; a scheme-less link gets the value
  ``http://…`` and ``attrs.scheme = "implied"``.
* An e-mail address yields only ``email``: its domain is not repeated as a
  bare ``domain``.
* A link to a messaging platform (t.me, wa.me, line.me, zalo.me,
  api.whatsapp.com) yields the ``url`` and the account handle (``telegram``,
  ``whatsapp``, ``line``, ``zalo``) over the same span, but no ``domain``:
  the host names only the platform and would link every report to every
  other. Invite links (``t.me/joinchat/…``, ``t.me/+…``, ``chat.whatsapp.com``)
  are kept as URLs only.
* A bare host must end in a suffix on the Public Suffix List, its labels must
  be Latin/Greek/Cyrillic (or all in another script with an IDN TLD such as
  ``.ไทย``), it must not touch ASCII letters, digits, ``@``, ``_`` or ``-`` on
  the left, and a Title-case TLD (``it.Please``) is read as a missing space
  after a full stop, not as a domain. ``.zip``/``.mov`` bare names are taken
  for file names.
* Defanged forms are refanged in the value (``hxxp``, ``[:]//``, ``[.]``,
  ``(.)``, ``{.}``, ``[dot]``, ``(dot)``, ``。``); ``attrs.defanged`` says so.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

import phonenumbers

from scamnet.extract import phones
from scamnet.extract.document import Document
from scamnet.extract.domains import (
    MESSAGING_HOSTS,
    HostInfo,
    host_info,
    is_shortener,
    may_have_suffix,
)
from scamnet.extract.registry import register_finder
from scamnet.model.indicators import Indicator

__all__ = ["find_web"]

_LATIN = "0-9a-z_\u00c0-\u024f\u0370-\u03ff\u0400-\u052f"
_OTHER = (
    "\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
)
_LABEL = rf"(?:[{_LATIN}\-]+|[{_OTHER}\-]+)"
_DOT = r"(?:\.|\[\.\]|\(\.\)|\{\.\}| ?\[dot\] ?| ?\(dot\) ?| ?\{dot\} ?|。)"
_HOST = rf"{_LABEL}(?:{_DOT}{_LABEL})+"
_SCHEME = r"(?:h(?:tt|xx|XX)ps?|f[tx]p)(?::|\[:\])//"
_PATH_CHARS = r"[!#-;=?-~]"
_AT = r"(?:@|\[at\]|\(at\)|\[@\]| \[at\] | \(at\) )"
_LOCAL = r"[a-z0-9][a-z0-9._%+\-]*"

_WEB = re.compile(
    rf"(?P<scheme>{_SCHEME})(?:[^\s/@]{{1,64}}@)?(?P<uhost>{_HOST}|\d{{1,3}}(?:\.\d{{1,3}}){{3}})"
    rf"(?P<upath>(?::\d{{1,5}})?(?:[/?#]{_PATH_CHARS}*)?)"
    rf"|(?P<local>{_LOCAL}){_AT}(?P<ehost>{_HOST})"
    rf"|(?P<host>{_HOST})(?P<path>(?::\d{{1,5}})?/{_PATH_CHARS}*)?",
    re.IGNORECASE,
)
_DOT_SPLIT = re.compile(_DOT, re.IGNORECASE)
_LEFT_STOP = frozenset(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-@.%+/\\"
)
_LOCAL_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._%+-")
_TRAILING = ".,;:!?'\"*"
_BRACKETS = {")": "(", "]": "[", "}": "{", ">": "<"}
_FILE_TLDS = frozenset({"zip", "mov"})
_OTHER_SCRIPT = re.compile(f"[{_OTHER}]")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_SCHEME_LETTERS = re.compile(r"[a-z]+")
_TELEGRAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_LINE_ID = re.compile(r"@?[A-Za-z0-9._\-]{2,40}")
_NOT_DIGITS = re.compile(r"[^\d]")
# (kind, value, start, end, valid, attrs) with offsets relative to a match.
_Found = tuple[str, str, int, int, bool, dict[str, str]]


def _trim_path(path: str) -> str:
    """Drop trailing sentence punctuation and unbalanced closing brackets."""
    while path:
        last = path[-1]
        if last in _TRAILING:
            path = path[:-1]
        elif last in _BRACKETS and path.count(last) > path.count(_BRACKETS[last]):
            path = path[:-1]
        else:
            break
    return path


# A matched host holds one of these only in a defanged dot: labels are made of
# letters, digits, "_" and "-", so any other separator is a _DOT form.
_DEFANGED_HOST = re.compile(r"[\[({。 ]")


def _is_defanged(raw_host: str) -> bool:
    """True when a matched host is written with a defanged dot (what refanging changes)."""
    return _DEFANGED_HOST.search(raw_host) is not None


def _host_parts(raw_host: str) -> tuple[str, list[str]]:
    """Refanged host and its labels as written."""
    if _DEFANGED_HOST.search(raw_host) is None:
        return raw_host, raw_host.split(".")  # plain dots only: str.split, no re
    labels = _DOT_SPLIT.split(raw_host)
    return ".".join(labels), labels


@lru_cache(maxsize=65536)
def _check_host(raw_host: str, bare: bool) -> HostInfo | None:
    """The host's PSL/IDNA facts when it passes the host rules, else None.

    Memoized per host as written: links that differ only in their path
    (``…/#/register?code=38480``) share their host, and a never-seen link
    then costs its path, not the host rules again.
    """
    host, labels = _host_parts(raw_host)
    # An empty label, or one that starts or ends with "-" (labels hold no ".").
    if "" in labels or "-" in host and (
        host[0] == "-" or host[-1] == "-" or ".-" in host or "-." in host
    ):
        return None
    tld = labels[-1]
    # The checks that need no PSL lookup go first: each rejects the host
    # whatever host_info says, and host_info (IDNA, tldextract) is the
    # expensive part for a host seen for the first time.
    if not may_have_suffix(tld):
        return None
    if bare:
        if len(tld) > 1 and tld[0].isupper() and tld[1:].islower():
            return None
        if tld.lower() in _FILE_TLDS:
            return None
        if _OTHER_SCRIPT.search(host) and not _OTHER_SCRIPT.search(tld):
            return None
        if all(label.isdigit() for label in labels[:-1]):
            return None
    info = host_info(host)
    if not info.suffix or not info.registered_domain or "_" in info.registered_domain:
        # Sub-domains may hold "_" (ether_promo.kissr.com); registrable names
        # cannot, which also keeps snake_case file names (my_file.py) out.
        return None
    return info


def _domain_attrs(info: HostInfo) -> dict[str, str]:
    attrs = {
        "registered_domain": info.registered_domain,
        "shortener": "true" if is_shortener(info) else "false",
    }
    if info.unicode != info.ascii:
        attrs["unicode"] = info.unicode
    return attrs


def _messaging(info: HostInfo, path: str, s: int, e: int) -> Iterator[_Found]:
    """The handle named by a messaging link, if it names one."""
    host = info.ascii
    if not path or path[0] == "/" and "?" not in path and "#" not in path:
        # What urlsplit gives for a path without a port, query or fragment
        # (the path characters hold no tab, newline or space for it to drop).
        query = ""
        segments = [p for p in path.split("/") if p]
    else:
        parts = urlsplit("http://x" + path)
        query = parts.query
        segments = [p for p in parts.path.split("/") if p]
    if host in ("t.me", "telegram.me", "telegram.dog"):
        if segments and segments[0] == "s" and len(segments) > 1:
            segments = segments[1:]
        if segments and segments[0] not in ("joinchat", "addstickers", "share", "proxy") and (
            _TELEGRAM_NAME.fullmatch(segments[0])
        ):
            yield ("telegram", segments[0].lower(), s, e, True, {"source": "link"})
    elif host == "wa.me" and segments:
        yield from _number_handle("whatsapp", segments[0], s, e)
    elif host in ("api.whatsapp.com", "web.whatsapp.com"):
        phone = parse_qs(query).get("phone")
        if phone:
            yield from _number_handle("whatsapp", phone[0], s, e)
    elif host in ("line.me", "liff.line.me"):
        # line.me/ti/p/~personal_id and line.me/R/ti/p/@official_id
        lowered = [p.lower() for p in segments]
        for i in range(len(lowered) - 2):
            if lowered[i:i + 2] == ["ti", "p"]:
                handle = segments[i + 2]
                if handle.startswith("~"):
                    handle = handle[1:]
                if _LINE_ID.fullmatch(handle):
                    yield ("line", handle.lower(), s, e, True, {"source": "link"})
                break
    elif host == "zalo.me" and segments and segments[0] != "g":
        yield from _number_handle("zalo", segments[0], s, e, region="VN")


def _number_handle(
    kind: str, number: str, s: int, e: int, region: str | None = None
) -> Iterator[_Found]:
    digits = _NOT_DIGITS.sub("", number)
    if not 8 <= len(digits) <= 15:
        return
    national = bool(region) and digits.startswith("0")
    if not national and digits.isascii():
        # The phone finder's memoized "+digits" reading: the same parse,
        # format and validity check, with its fast path for valid numbers
        # (about 70 µs less per never-seen wa.me link).
        reading = phones.parse_international(digits)
        if reading is None:
            return
        e164, valid = reading
    else:
        try:
            if national:
                parsed = phonenumbers.parse(digits, region)
            else:
                parsed = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            return
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        valid = bool(phonenumbers.is_valid_number(parsed))
    attrs = {"source": "link"}
    if not valid:
        attrs["error"] = "not a valid phone number"
    yield (kind, e164, s, e, valid, attrs)


#: What a link takes from its scheme and host alone: ("scheme://host", url
#: attrs, valid, the domain indicator's (value, attrs) or None, and the host's
#: facts when it is a messaging platform's).
_LinkHost = tuple[str, dict[str, str], bool, tuple[str, dict[str, str]] | None, HostInfo | None]


@lru_cache(maxsize=65536)
def _link_host(scheme_raw: str | None, raw_host: str) -> _LinkHost | None:
    """The part of a link's result that does not depend on its path; None when
    the host is no host. Memoized: a site's links differ in their paths
    (``/#/register?code=38480``), and a never-seen link then costs its path only.
    Callers must not mutate the returned attrs."""
    if scheme_raw is not None:
        letters = _SCHEME_LETTERS.match(scheme_raw.lower())
        scheme = (letters.group() if letters else "http").replace("xx", "tt").replace("fxp", "ftp")
        attrs: dict[str, str] = {}
    else:
        scheme = "http"
        attrs = {"scheme": "implied"}
    # An IPv4 address ends in a digit; a host name almost never does.
    is_ip = raw_host[-1].isdigit() and _IPV4.fullmatch(raw_host) is not None
    info = None if is_ip else _check_host(raw_host, bare=scheme_raw is None)
    if info is None and not is_ip:
        return None
    host = raw_host if is_ip or info is None else info.ascii
    defanged = _is_defanged(raw_host) or (
        scheme_raw is not None and ("[:]" in scheme_raw or "xx" in scheme_raw.lower())
    )
    if defanged:
        attrs["defanged"] = "true"
    if info is None:
        attrs["ip"] = "true"
        return f"{scheme}://{host}", attrs, True, None, None
    dattrs = _domain_attrs(info)
    attrs.update(dattrs)
    attrs["domain"] = info.ascii
    if info.ascii in MESSAGING_HOSTS:
        return f"{scheme}://{host}", attrs, info.valid, None, info
    if defanged:
        dattrs["defanged"] = "true"
    return f"{scheme}://{host}", attrs, info.valid, (info.ascii, dattrs), None


def _url(m: re.Match[str], base: int) -> tuple[_Found, ...]:
    """A URL match's indicators, offsets relative to ``base``."""
    s = m.start() - base
    scheme_raw = m.group("scheme")
    if scheme_raw is not None:
        hs, he = m.span("uhost")
        raw_host = m.group("uhost")
        path = _trim_path(m.group("upath"))
    else:
        hs, he = m.span("host")
        raw_host = m.group("host")
        path = _trim_path(m.group("path") or "")
    link = _link_host(scheme_raw, raw_host)
    if link is None:
        return ()
    prefix, attrs, valid, domain, messaging = link
    hs -= base
    he -= base
    e = he + len(path)
    url: _Found = ("url", prefix + path, s, e, valid, attrs)
    if messaging is not None:
        return (url, *_messaging(messaging, path, s, e))
    if domain is None:
        return (url,)
    return url, ("domain", domain[0], hs, he, valid, domain[1])


# Every host has a dot, so the scan looks for dots (and defanged dots)
# followed by a label character: a rare first character lets ``re`` skip
# ahead in C. Each hit is widened to the left in Python and the full pattern
# is matched from there.
# The leading class lets ``re`` skip ahead in C; the lookarounds (also run in
# C) drop sentence ends and numbers ("1.250,00", "19.137.909"), which would
# otherwise cost a Python round trip each. A dot must be followed by a
# letter: no TLD starts with a digit. A host whose first label after a dot is
# numeric ("1.2.3.4") is still found after a scheme, through the "://" trigger.
_TRIGGER = re.compile(
    rf"[.。\[({{:](?:(?<=\.)(?=[{_LATIN[3:]}{_OTHER}])|(?<=。)(?=[a-z])|(?<=[\[({{])(?=[.d])"
    rf"|(?<=:)(?=//)|(?<=\[)(?=:\]//))",
    re.IGNORECASE,
)
_REV_SCHEME_NAME = re.compile(r"[a-z]{3,5}", re.IGNORECASE)
_DEFANGED_DOT = re.compile(r"[\[({](?:\.|dot)[\])}] ?", re.IGNORECASE)
_LABEL_START = re.compile(rf"[{_LATIN}{_OTHER}]", re.IGNORECASE)
# Matched against the reversed text: the label that ends right before a dot.
_REV_LABEL = re.compile(rf"[{_LATIN}\-]+|[{_OTHER}\-]+", re.IGNORECASE)
_REV_LOCAL = re.compile(r"[a-z0-9._%+\-]+", re.IGNORECASE)
_REV_SCHEME = re.compile(r"(?://:|//\]:\[)[a-z]{3,5}", re.IGNORECASE)
_REV_AT = ("@", "]ta[", ")ta(", "]@[")
_REV_AT_FIRST = frozenset(at[0] for at in _REV_AT)


def _left_start(text: str, rev: str, p: int, floor: int) -> int:
    """Where a host (or e-mail, or URL with scheme) ending in a dot at ``p`` starts."""
    n = len(text)
    i = p
    if i > floor and text[i - 1] == " ":
        i -= 1  # "example [dot] com"
    m = _REV_LABEL.match(rev, n - i)
    if m is None:
        return p
    i = max(floor, n - m.end())
    # Earlier labels joined by plain dots: the trigger skips a dot followed by
    # a digit ("x.4179b8.workers.dev"), so the host may start further left.
    while i - 1 > floor and text[i - 1] == ".":
        m = _REV_LABEL.match(rev, n - i + 1)
        if m is None:
            break
        i = max(floor, n - m.end())
    if i == 0:
        return i
    before = text[i - 1]  # rev[n - i]: what every reversed pattern below starts with
    if before in _REV_AT_FIRST:
        for at in _REV_AT:
            if rev.startswith(at, n - i):
                local = _REV_LOCAL.match(rev, n - i + len(at))
                if local is not None:
                    return max(floor, n - local.end())
                return i
    elif before == "/":
        scheme = _REV_SCHEME.match(rev, n - i)
        if scheme is not None:
            return max(floor, n - scheme.end())
    return i


def triggers(text: str) -> Iterator[int]:
    """Where _TRIGGER matches in ``text``: the pure-Python scan the C scanner replaces."""
    for t in _TRIGGER.finditer(text):
        yield t.start()


@register_finder("url", "domain", "email", "telegram", "whatsapp", "line", "zalo",
                 runs_if=lambda c: bool(c.web))
def find_web(doc: Document) -> Iterator[Indicator]:
    """URLs, domains, e-mail addresses and messaging-link handles in ``doc``."""
    text = doc.text
    rev = ""  # the reversed text, made at the first trigger: most texts have none
    done = 0
    n = len(text)
    found = doc.candidates
    for p in triggers(text) if found is None else found.web:
        if p < done:
            continue
        if found is not None and _TRIGGER.match(text, p) is None:
            continue  # the C scanner's positions are a superset
        if not rev:
            rev = text[::-1]
        if text[p] == ":" or text.startswith("[:]", p):
            # A scheme: the URL starts at the scheme's letters.
            scheme = _REV_SCHEME_NAME.match(rev, n - p)
            if scheme is None:
                continue
            m = _WEB.match(text, max(done, n - scheme.end()))
            if m is not None and m.group("scheme") is not None:
                done = m.end()
                yield from _emit(doc, m)
            continue
        after = p + 1
        if text[p] not in ".。":
            d = _DEFANGED_DOT.match(text, p)
            if d is None:
                continue
            after = d.end()
        if after >= n or _LABEL_START.match(text, after) is None:
            continue
        start = _left_start(text, rev, p, done)
        m = _WEB.match(text, start)
        if m is None or m.end() <= p:
            continue
        done = m.end()
        yield from _emit(doc, m)


def _emit(doc: Document, m: re.Match[str]) -> list[Indicator]:
    """The indicators of one match of _WEB in ``doc.text``."""
    s = m.start()
    if m.group("scheme") is None and s > 0 and doc.text[s - 1] in _LEFT_STOP:
        return []
    return [
        doc.indicator(kind, value, s + rs, s + re_, valid, attrs)
        for kind, value, rs, re_, valid, attrs in _results.lookup(m)
    ]


class _LinkMemo:
    """What one matched string yields, offsets relative to its start, memoized.

    Everything _WEB matched depends only on the matched characters (the
    pattern has no lookaround), so the result can be shared by every text
    naming the same link: real evidence repeats its infrastructure. Keyed by
    the matched string; a miss is worked out from the finder's own match
    (matching the string alone again would give the same groups, at about
    1.5 µs a link). Bounded and least-recently-used first out, as an
    ``lru_cache``; ``cache_clear`` empties it.
    """

    __slots__ = ("_entries", "maxsize")

    def __init__(self, maxsize: int) -> None:
        self._entries: OrderedDict[str, tuple[_Found, ...]] = OrderedDict()
        self.maxsize = maxsize

    def lookup(self, m: re.Match[str]) -> tuple[_Found, ...]:
        """The results of the match ``m`` (of _WEB, in any text)."""
        key = m.group()
        entries = self._entries
        found = entries.get(key)
        if found is not None:
            try:
                entries.move_to_end(key)
            except KeyError:
                pass  # dropped by another thread in between: still a right result
            return found
        found = _one(m, m.start())
        if len(entries) >= self.maxsize:
            try:
                entries.popitem(last=False)
            except KeyError:
                pass  # emptied by another thread
        entries[key] = found
        return found

    def __call__(self, matched: str) -> tuple[_Found, ...] | None:
        """The results of ``matched`` alone; None when _WEB does not match all of it."""
        m = _WEB.match(matched)
        if m is None or m.end() != len(matched):
            return None
        return self.lookup(m)

    def cache_clear(self) -> None:
        """Forget every result."""
        self._entries.clear()


_results = _LinkMemo(65536)


def _one(m: re.Match[str], base: int = 0) -> tuple[_Found, ...]:
    """What one match of _WEB yields, offsets relative to ``base``."""
    s = m.start() - base
    if m.group("local") is not None:
        raw_host = m.group("ehost")
        info = _check_host(raw_host, bare=False)
        if info is None:
            return ()
        local = m.group("local")
        e = m.end("ehost") - base
        defanged = "@" not in m.string[m.end("local"):m.start("ehost")]
        attrs = {"domain": info.ascii, "registered_domain": info.registered_domain}
        if defanged or _is_defanged(raw_host):
            attrs["defanged"] = "true"
        return (("email", f"{local}@{info.ascii}", s, e, info.valid, attrs),)
    if m.group("scheme") is None and m.group("path") is None:
        bare = _bare_domain(m.group("host"))
        if bare is None:
            return ()
        value, attrs, valid = bare
        return (("domain", value, s, m.end("host") - base, valid, attrs),)
    return _url(m, base)


@lru_cache(maxsize=65536)
def _bare_domain(raw_host: str) -> tuple[str, dict[str, str], bool] | None:
    """(value, attrs, valid) of a bare host name (no scheme, no path); None when
    it is no domain. Memoized; callers must not mutate the attrs."""
    info = _check_host(raw_host, bare=True)
    if info is None or info.ascii in MESSAGING_HOSTS:
        return None
    attrs = _domain_attrs(info)
    if _is_defanged(raw_host):
        attrs["defanged"] = "true"
    return info.ascii, attrs, info.valid
