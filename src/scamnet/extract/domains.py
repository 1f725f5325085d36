"""Host names: refanging, IDN (punycode both ways), Public Suffix List, shorteners.

The registered domain comes from tldextract's *bundled* Public Suffix List
snapshot: ``suffix_list_urls=()`` and ``cache_dir=None`` mean it never fetches
or writes anything (``tests/extract/test_domains.py`` runs it with sockets
blocked). The private section of the list is included, so ``evil.pages.dev``
and ``scam.github.io`` are registered domains of their own rather than one
giant hub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import idna
import tldextract

__all__ = [
    "MESSAGING_HOSTS",
    "SHORTENERS",
    "HostInfo",
    "host_info",
    "is_shortener",
    "may_have_suffix",
    "refang",
]

#: URL shorteners and link-in-bio redirectors seen in scam messages.
SHORTENERS: frozenset[str] = frozenset({
    "bit.ly", "bitly.com", "bitly.ws", "tinyurl.com", "t.co", "goo.gl", "is.gd", "v.gd",
    "cutt.ly", "rebrand.ly", "ow.ly", "s.id", "shorturl.at", "t.ly", "tiny.cc", "rb.gy",
    "buff.ly", "shorte.st", "adf.ly", "bl.ink", "lnkd.in", "qrco.de", "urlz.fr", "x.gd",
    "short.io", "shorturl.asia", "tiny.one", "cli.re", "lin.ee", "trib.al",
    "1url.cz", "clck.ru", "u.to", "dwz.cn", "t.cn", "url.cn", "suo.im", "surl.li", "reurl.cc",
    "ppt.cc", "pse.is", "lihi.cc", "lihi1.com", "lihi2.com", "bom.so",
    "tinyurl.is", "gg.gg", "urlis.net", "shrtco.de", "amzn.to", "youtu.be",
})

#: Hosts of messaging platforms whose links name an account; the handle is the
#: indicator, the host itself identifies only the platform.
MESSAGING_HOSTS: frozenset[str] = frozenset({
    "t.me", "telegram.me", "telegram.dog", "wa.me", "api.whatsapp.com", "web.whatsapp.com",
    "chat.whatsapp.com", "line.me", "liff.line.me", "zalo.me",
})

_REFANG_DOT = re.compile(r"\s?[\[({]\s?(?:\.|dot)\s?[\])}]\s?|。", re.IGNORECASE)

_EXTRACTOR = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)


# The last label of every rule on the bundled list (Unicode form for IDN TLDs,
# as the list writes them and tldextract looks them up).
_TOP_LABELS = frozenset(rule.rpartition(".")[2] for rule in _EXTRACTOR.tlds)
# A root-level wildcard rule ("*") would give every TLD a suffix, and a
# punycode ("xn--") top label would make an unconvertible IDN TLD matchable:
# the list has neither, but if a later snapshot did, the shortcut must go.
_SHORTCUT = "*" not in _TOP_LABELS and not any(k.startswith("xn--") for k in _TOP_LABELS)
# CJK Unified Ideographs: IDNA (UTS 46 and IDNA 2003 nameprep) and lower()
# leave them as they are, so a label of only these is looked up as written.
_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]+")


def may_have_suffix(last_label: str) -> bool:
    """False when a host whose last label (as written, refanged) is ``last_label``
    certainly has no public suffix: ``host_info(host).suffix`` would be ''.

    :func:`host_info` converts the whole host to punycode before the Public
    Suffix List lookup, which for a long label (Chinese prose that a "." runs
    into: "…赔偿.然而在此过程中…") costs milliseconds; the lookup of the top
    label only needs what that label becomes. That is known without
    converting for an ASCII label (lower-cased, unless it is already
    punycode) and for one of CJK ideographs only (unchanged, or punycode that
    no top label matches); any other label returns True (unsure).
    """
    if not _SHORTCUT:
        return True
    if last_label.isascii():
        key = last_label.lower()
        return key.startswith("xn--") or key in _TOP_LABELS
    if _IDEOGRAPHS.fullmatch(last_label):
        return last_label in _TOP_LABELS
    return True


def refang(host: str) -> str:
    """``host`` with defanged dots (``[.]``, ``(dot)``, ``。``) turned back into ``.``."""
    return _REFANG_DOT.sub(".", host)


@dataclass(frozen=True)
class HostInfo:
    """What the Public Suffix List and IDNA say about one host name.

    ``ascii`` is the lower-case punycode form, ``unicode`` the display form,
    ``suffix`` the public suffix ('' when the TLD is unknown),
    ``registered_domain`` the suffix plus one label ('' when the host is a
    bare suffix), ``valid`` False when IDNA rejects the name.
    """

    ascii: str
    unicode: str
    suffix: str
    registered_domain: str
    valid: bool


def _to_ascii(host: str) -> tuple[str, bool]:
    if host.isascii():
        return host.lower(), True
    try:
        return idna.encode(host, uts46=True).decode("ascii"), True
    except idna.IDNAError:
        pass
    try:
        return host.encode("idna").decode("ascii").lower(), True
    except UnicodeError:
        return host.lower(), False


def _to_unicode(ascii_host: str) -> str:
    if "xn--" not in ascii_host:
        return ascii_host
    try:
        return idna.decode(ascii_host)
    except idna.IDNAError:
        try:
            return ascii_host.encode("ascii").decode("idna")
        except UnicodeError:
            return ascii_host


@lru_cache(maxsize=65536)
def host_info(host: str) -> HostInfo:
    """Punycode, Unicode form and PSL split of a refanged host name."""
    ascii_host, valid = _to_ascii(host.rstrip("."))
    ext = _EXTRACTOR(ascii_host)
    if ext.domain and ext.suffix:
        registered = f"{ext.domain}.{ext.suffix}"
    elif ext.is_private:
        # The host is itself a private suffix (github.io, x0.com): it is
        # still a registered name, owned by the company behind that suffix.
        registered = ext.suffix
    else:
        registered = ""
    return HostInfo(ascii_host, _to_unicode(ascii_host), ext.suffix, registered, valid)


def is_shortener(info: HostInfo) -> bool:
    """True when the host is a known URL shortener (or a subdomain of one)."""
    return info.ascii in SHORTENERS or info.registered_domain in SHORTENERS
