"""URLs, domains, e-mail and messaging links: defanging, IDN, PSL, shorteners, no network."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import tldextract
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.extract import extract
from scamnet.extract import web as web_module
from scamnet.extract.domains import _TOP_LABELS, host_info, may_have_suffix

from .strategies import embed, filler


def found(text: str, kinds: list[str] | None = None) -> list[tuple[str, str, str]]:
    result = extract(text, kinds=kinds)
    for i in result:
        assert text[i.start:i.end] == i.raw
    return [(i.kind, i.value, i.raw) for i in result]


@pytest.mark.parametrize(("text", "url", "domain"), [
    ("hxxps://trade-bitkub[.]vip/login", "https://trade-bitkub.vip/login", "trade-bitkub.vip"),
    ("hxxp[:]//evil(.)com/a", "http://evil.com/a", "evil.com"),
    ("HXXPS://evil{.}example[dot]org", "https://evil.example.org", "evil.example.org"),
    ("https://evil(dot)co.uk/x?y=1", "https://evil.co.uk/x?y=1", "evil.co.uk"),
    ("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ", "https://example.com/a", "example.com"),
])
def test_defanged_urls_are_refanged(text: str, url: str, domain: str) -> None:
    result = extract(f"open {text} now", kinds=["url", "domain"])
    urls = [i for i in result if i.kind == "url"]
    domains = [i for i in result if i.kind == "domain"]
    assert [u.value for u in urls] == [url]
    assert [d.value for d in domains] == [domain]
    assert domains[0].attrs["registered_domain"]
    # The domain indicator spans the host inside the URL.
    assert urls[0].start <= domains[0].start and domains[0].end <= urls[0].end


def test_idn_both_ways() -> None:
    [(kind, value, raw)] = found("เว็บ пример.рф ครับ", ["domain"])
    assert (kind, value, raw) == ("domain", "xn--e1afmkfd.xn--p1ai", "пример.рф")
    [ind] = extract("see xn--80ak6aa92e.com", kinds=["domain"])
    assert ind.value == "xn--80ak6aa92e.com" and ind.attrs["unicode"] == "аррӏе.com"
    [url] = extract("https://例子.中国/abc", kinds=["url"])
    assert url.value == "https://xn--fsqu00a.xn--fiqs8s/abc"


def test_registered_domain_uses_private_suffixes() -> None:
    assert host_info("claim.wormhole.pages.dev").registered_domain == "wormhole.pages.dev"
    assert host_info("a.b.example.co.uk").registered_domain == "example.co.uk"


@pytest.mark.parametrize("link", ["bit.ly/3l1fh4n", "https://tinyurl.com/abc", "t.co/x1",
                                  "cutt.ly/rTMqsj0", "s.id/abc", "https://shorturl.at/abc"])
def test_shorteners_are_marked(link: str) -> None:
    result = extract(f"คลิก {link} ด่วน", kinds=["url", "domain"])
    assert result and all(i.attrs["shortener"] == "true" for i in result)


def test_ordinary_domains_are_not_shorteners() -> None:
    [ind] = extract("go to example.com", kinds=["domain"])
    assert ind.attrs["shortener"] == "false"


def test_email_domain_is_not_a_bare_domain() -> None:
    assert found("mail support@trade-bitkub.vip now") == [
        ("email", "support@trade-bitkub.vip", "support@trade-bitkub.vip")
    ]
    assert found("mail support[at]trade-bitkub[.]vip", ["email"]) == [
        ("email", "support@trade-bitkub.vip", "support[at]trade-bitkub[.]vip")
    ]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("t.me/lucy_trader88", "telegram", "lucy_trader88"),
    ("https://telegram.me/Lucy_Trader88", "telegram", "lucy_trader88"),
    ("https://t.me/s/lucychannel", "telegram", "lucychannel"),
    ("wa.me/85512345678", "whatsapp", "+85512345678"),
    ("https://api.whatsapp.com/send?phone=66812345678&text=hi", "whatsapp", "+66812345678"),
    ("https://line.me/ti/p/~amy.invest", "line", "amy.invest"),
    ("https://line.me/R/ti/p/@shop123", "line", "@shop123"),
    ("zalo.me/0912345678", "zalo", "+84912345678"),
])
def test_messaging_links_yield_handle_and_url_but_no_domain(
    text: str, kind: str, value: str
) -> None:
    result = extract(f"add me {text} thanks")
    kinds = {i.kind for i in result}
    assert (kind, value) in {(i.kind, i.value) for i in result}
    assert "url" in kinds and "domain" not in kinds


@pytest.mark.parametrize("invite", ["https://t.me/joinchat/AAAAAEv2x", "https://t.me/+AbCdEf123",
                                    "https://chat.whatsapp.com/Ab12Cd34"])
def test_invite_links_are_urls_only(invite: str) -> None:
    assert {i.kind for i in extract(f"join {invite}")} == {"url"}


@pytest.mark.parametrize("text", [
    "I sent it.Please check", "file report.zip attached", "version 1.2.3 out", "e.g. this",
    "price 1,250.00 USD", "my_file.py", "wait...ok", "user_name@", "Mr.Smith",
])
def test_not_domains(text: str) -> None:
    assert found(text, ["domain", "url", "email"]) == []


def test_host_glued_to_thai_or_chinese_text() -> None:
    assert ("domain", "example.com", "example.com") in found("คลิกexample.comด่วน", ["domain"])
    assert ("url", "https://bit.ly/3l1fh4n", "https://bit.ly/3l1fh4n") in found(
        "คลิ๊ก:https://bit.ly/3l1fh4nคลิก", ["url"])
    assert ("domain", "abc.com", "abc.com") in found("网址：abc.com。", ["domain"])


def test_trailing_punctuation_is_not_part_of_the_url() -> None:
    [url] = extract("(see https://example.com/a_b).", kinds=["url"])
    assert url.raw == "https://example.com/a_b"


LABEL = st.from_regex(r"[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,5})?", fullmatch=True)
TLD = st.sampled_from(["com", "net", "vip", "xyz", "co.uk", "com.vn", "in.th", "io", "app"])


@given(labels=st.lists(LABEL, min_size=1, max_size=3), tld=TLD, prefix=filler, suffix=filler,
       scheme=st.sampled_from(["", "https://", "hxxps://", "http://www."]),
       dot=st.sampled_from([".", "[.]", "(.)", "[dot]"]))
def test_domain_round_trip(labels: list[str], tld: str, prefix: str, suffix: str, scheme: str,
                           dot: str) -> None:
    host = ".".join(labels + [tld])
    written = scheme + host.replace(".", dot)
    text, offset = embed(prefix, written, suffix)
    result = extract(text, kinds=["domain"])
    values = [i.value for i in result]
    expected = ("www." + host) if scheme.endswith("www.") else host
    assert expected in values, (text, values)
    [ind] = [i for i in result if i.value == expected]
    assert text[ind.start:ind.end] == ind.raw
    assert offset <= ind.start and ind.end <= offset + len(written)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


def test_public_suffix_list_is_offline(no_network: None) -> None:
    # A fresh extractor configured as ours loads only the bundled snapshot.
    fresh = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                  include_psl_private_domains=True)
    parts = fresh("scam.example.co.th")
    assert (parts.domain, parts.suffix) == ("example", "co.th")
    host_info.cache_clear()
    [ind] = extract("go to brand-new-host-for-test.co.th", kinds=["domain"])
    assert ind.attrs["registered_domain"] == "brand-new-host-for-test.co.th"


@pytest.mark.parametrize(("text", "url", "domain"), [
    ("请登录 https://www.1inch.in/claim 领取空投", "https://www.1inch.in/claim", "www.1inch.in"),
    ("ลงทะเบียนที่ https://a.776599.com ด่วน", "https://a.776599.com", "a.776599.com"),
    ("go 33b6bfc0.4179b8e9.workers.dev now", None, "33b6bfc0.4179b8e9.workers.dev"),
    ("open http://192.168.10.5:8080/login", "http://192.168.10.5:8080/login", None),
])
def test_hosts_with_numeric_labels(text: str, url: str | None, domain: str | None) -> None:
    result = extract(text, kinds=["url", "domain"])
    assert [i.value for i in result if i.kind == "url"] == ([url] if url else [])
    assert [i.value for i in result if i.kind == "domain"] == ([domain] if domain else [])


def test_a_link_seen_before_keeps_the_offsets_of_each_text() -> None:
    """The link analysis is shared between texts (memoized); offsets must not be."""
    link = "hxxps[:]//evil-trade[.]vip/login"
    first = extract(f"{link} once", kinds=["url", "domain"])
    second = extract(f"电话 then 进入 {link} and again {link}.", kinds=["url", "domain"])
    text = f"电话 then 进入 {link} and again {link}."
    assert [(i.kind, i.value) for i in first] == [("url", "https://evil-trade.vip/login"),
                                                   ("domain", "evil-trade.vip")]
    assert len(second) == 4
    for ind in second:
        assert text[ind.start:ind.end] == ind.raw
    assert {i.start for i in second if i.kind == "url"} == {text.index(link), text.rindex(link)}


# --- Shortcuts for never-seen hosts: each must give what the full path gives. ---

# Top labels as written by scam texts and by prose that a "." runs into.
_TOP_LABEL_SAMPLE = sorted(_TOP_LABELS)
ANY_LABEL = st.one_of(
    st.sampled_from(_TOP_LABEL_SAMPLE),
    st.sampled_from(_TOP_LABEL_SAMPLE).map(str.upper),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_\-]{0,12}", fullmatch=True),
    st.from_regex(r"[xX][nN]--[a-z0-9\-]{1,20}", fullmatch=True),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1,
            max_size=80),
    st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), min_size=1,
            max_size=12),
    st.text(alphabet=st.characters(min_codepoint=0x0400, max_codepoint=0x04FF), min_size=1,
            max_size=12),
    st.text(alphabet="abcßẞİıǅéK", min_size=1, max_size=6),
)


@given(labels=st.lists(ANY_LABEL, min_size=1, max_size=3), tld=ANY_LABEL)
def test_a_top_label_ruled_out_means_no_public_suffix(labels: list[str], tld: str) -> None:
    """may_have_suffix says False only when host_info finds no suffix, whatever the other labels."""
    host = ".".join([*labels, tld])
    if not may_have_suffix(tld):
        assert host_info.__wrapped__(host).suffix == "", host


@pytest.mark.parametrize(("label", "expected"), [
    ("com", True), ("COM", True), ("Vip", True), ("中国", True), ("公司", True), ("ไทย", True),
    ("xn--fiqs8s", True), ("Amy", False), ("然而在此过程中却发现", False), ("notatld", False),
])
def test_may_have_suffix(label: str, expected: bool) -> None:
    assert may_have_suffix(label) is expected
    assert (host_info(f"example.{label}").suffix != "") is expected


WEBBY = st.lists(
    st.sampled_from(["a", "B", "x", "-", "_", "1", "7", ".", "。", "[.]", "(dot)", " ", "/", ":",
                     "@", "https://", "hxxp[:]//", "www", "com", "vip", "io", "中", "国", "公司",
                     "然而", "ไทย", "ค่ะ", "рф", "пример", "Amy", "wa.me/", "t.me/",
                     "line.me/ti/p/~", "8551234567", "?phone="]),
    max_size=40,
).map("".join)


@given(text=WEBBY)
def test_the_never_seen_host_shortcuts_change_no_result(text: str) -> None:
    """The web finder with the PSL shortcut gives what it gives without it."""
    def results() -> list[tuple[object, ...]]:
        for memo in (web_module._results, web_module._check_host, web_module._link_host,
                     web_module._bare_domain):
            memo.cache_clear()
        return [(i.kind, i.value, i.raw, i.start, i.end, i.valid, i.attrs) for i in extract(text)]

    fast = results()
    original = web_module.may_have_suffix
    web_module.may_have_suffix = lambda label: True
    try:
        slow = results()
    finally:
        web_module.may_have_suffix = original
    assert fast == slow


@given(text=WEBBY)
def test_host_parts_without_a_defanged_dot_split_as_the_pattern_does(text: str) -> None:
    for m in web_module._WEB.finditer(text):
        raw = m.group("uhost") or m.group("ehost") or m.group("host")
        labels = web_module._DOT_SPLIT.split(raw)
        assert web_module._host_parts(raw) == (".".join(labels), labels)
        assert web_module._is_defanged(raw) == (".".join(labels) != raw)


# --- The link memos: a result never depends on which links were seen before. ---

_WEB_MEMOS = (web_module._results, web_module._check_host, web_module._link_host,
              web_module._bare_domain, host_info)


def _clear_web_memos() -> None:
    for memo in _WEB_MEMOS:
        memo.cache_clear()


def _dump(text: str) -> list[tuple[object, ...]]:
    return [(i.kind, i.value, i.raw, i.start, i.end, i.valid, list(i.attrs.items()))
            for i in extract(text)]


# A few sites written many ways: schemes (defanged or not, any case, none, an
# e-mail's local part), hosts with plain or defanged dots, messaging hosts, an
# IP address, IDN, file names; paths. Few enough that texts share hosts.
LINK = st.builds(
    "{}{}{}".format,
    st.sampled_from(["https://", "HTTP://", "hxxps[:]//", "hXXp://", "ftp://", "", "",
                     "support@", "a[at]"]),
    st.sampled_from(["evil-trade.vip", "Evil-Trade.VIP", "evil-trade[.]vip", "m.evil-trade.vip",
                     "evil-trade(dot)vip", "t.me", "wa.me", "line.me", "api.whatsapp.com",
                     "192.168.1.5", "xn--fiqs8s.com", "file.zip", "it.Please", "bit.ly"]),
    st.sampled_from(["", "/", "/login", "/#/register?code=1", "/8551234567", "/ti/p/~amy.fx",
                     "/send?phone=66812345678", ":8080/x", ").", ".", "/amy_fx88"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINK, min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_link_results_do_not_depend_on_the_links_seen_before(
        links: list[str], rng: object) -> None:
    """Each text gives with every web memo empty what it gives after all the others.

    The memos share results between links with the same host and scheme
    (``_link_host``), the same bare name (``_bare_domain``) and the same
    matched string (``_results``); a wrong key or a shared mapping changed
    in place would make a text's result depend on what came before it.
    """
    texts = [f"去 {link} 看看, then {links[0]} and {link}。" for link in links]
    cold = {}
    for text in texts:
        _clear_web_memos()
        cold[text] = _dump(text)
    order = list(texts)
    rng.shuffle(order)  # type: ignore[attr-defined]
    for text in order + order:
        assert _dump(text) == cold[text], text


def test_the_link_memo_is_bounded_and_drops_the_least_recently_used() -> None:
    """A long intake must not grow the memo past its bound, nor get results wrong
    for a link it has dropped."""
    memo = web_module._LinkMemo(2)
    links = ["https://a-trade.vip/x", "https://b-trade.vip/y", "https://c-trade.vip/z"]
    expected = {link: web_module._LinkMemo(8)(link) for link in links}
    assert memo(links[0]) == expected[links[0]]
    assert memo(links[1]) == expected[links[1]]
    assert memo(links[0]) == expected[links[0]]  # now the most recently used
    assert memo(links[2]) == expected[links[2]]  # drops links[1], not links[0]
    assert list(memo._entries) == [links[0], links[2]]
    assert memo(links[1]) == expected[links[1]]
    assert len(memo._entries) == 2
    assert memo("not a link at all") is None
