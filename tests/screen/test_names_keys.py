"""Name normalisation and exact-match keys, with property tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.errors import InvalidInputError
from scamnet.screen.keys import chain_for, domain_key, iban_key, infer_chain, phone_key, wallet_key
from scamnet.screen.matcher import Weights, compare_names
from scamnet.screen.names import MAX_NAME_CHARS, NameForm, analyze_name, check_name, skeleton


@pytest.mark.parametrize(("text", "tokens"), [
    ("陈志", ("chen", "zhi")),
    ("陈小二", ("chen", "xiaoer")),
    ("曾庆红", ("zeng", "qinghong")),      # surname reading, not céng
    ("欧阳修", ("ouyang", "xiu")),          # two-character surname
    ("CHEN, Zhi", ("chen", "zhi")),
    ("Владимир Путин", ("vladimir", "putin")),
    ("Vladímír Pútín", ("vladimir", "putin")),
    ("Президент Путин", ("putin",)),       # title dropped
    ("Mr. John SMITH", ("john", "smith")),
])
def test_person_names(text: str, tokens: tuple[str, ...]) -> None:
    assert analyze_name(text, "person").tokens == tokens


@pytest.mark.parametrize(("text", "tokens", "forms"), [
    ("ANGLO-CARIBBEAN CO., LTD.", ("anglo", "caribbean"), ("ltd",)),
    ("PRINCE BANK PLC.", ("prince", "bank"), ("plc",)),
    ("JIN BEI GROUP CO. LTD.", ("jin", "bei", "group"), ("ltd",)),
    ("A7 LIMITED LIABILITY COMPANY", ("a7",), ("llc",)),
    ("JSC ARGUMENT", ("argument",), ("jsc",)),
    ("LIMITED", ("limited",), ()),           # a name that is only a legal form stays a name
])
def test_legal_forms_set_aside(text: str, tokens: tuple[str, ...], forms: tuple[str, ...]) -> None:
    form = analyze_name(text, "org")
    assert form.tokens == tokens
    assert form.legal_forms == forms


def test_untransliterated_script_kept_and_flagged() -> None:
    form = analyze_name("វ៉្លាឌីមៀរ ពូទីន", "person")
    assert form.untransliterated and form.transliterated
    assert len(form.tokens) == 2 and not form.tokens[0].isascii()


def test_lossy_scripts_flagged() -> None:
    assert analyze_name("فلاديمير بوتين").lossy
    assert analyze_name("블라디미르 푸틴").lossy
    assert not analyze_name("Владимир Путин").lossy
    assert not analyze_name("陈志").lossy


@pytest.mark.parametrize("bad", ["", "   ", "x" * (MAX_NAME_CHARS + 1), "...!!", "x" * 10_000])
def test_check_name_refuses(bad: str) -> None:
    with pytest.raises(InvalidInputError):
        check_name(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_analyze_name_never_crashes(text: str) -> None:
    try:
        form = analyze_name(text)
    except InvalidInputError:
        return
    if not form.untransliterated:
        assert all(t.isascii() and t == t.lower() for t in form.tokens)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_skeleton_has_no_vowels_or_repeats(token: str) -> None:
    s = skeleton(token)
    assert not set(s) & set("aeiouy")
    assert all(a != b for a, b in zip(s, s[1:], strict=False))


def test_wallet_keys() -> None:
    a = "0x12de548F79a50D2bd05481C8515C1eF5183666a9"
    assert wallet_key(a) == wallet_key(a.lower()) == wallet_key(a, "bsc")
    assert wallet_key("TCFD8N3vM5b4Gr5f1kkajQsodRVNyyAq1d").startswith("tron:")
    assert wallet_key("BC1QETH6N6RYXEXVKX34WNX3NUYNUN4474H3J0GKHW") == \
        "bitcoin:bc1qeth6n6ryxexvkx34wnx3nuynun4474h3j0gkhw"
    assert chain_for("USDT", "TCFD8N3vM5b4Gr5f1kkajQsodRVNyyAq1d") == "tron"
    assert chain_for("USDT", a) == "ethereum"
    assert chain_for("XBT", "3EynPFpoGTPxU9m5bPaEDEUxUanzh7vgQP") == "bitcoin"
    assert infer_chain("hello") is None
    with pytest.raises(InvalidInputError):
        wallet_key("not an address")
    with pytest.raises(InvalidInputError):
        wallet_key("TCFD8N3vM5b4Gr5f1kkajQsodRVNyyAq1d", "ethereum")


@given(st.text(alphabet="0123456789abcdefABCDEF", min_size=40, max_size=40))
def test_evm_keys_ignore_case(hexpart: str) -> None:
    addr = "0x" + hexpart
    assert wallet_key(addr.upper().replace("0X", "0x")) == wallet_key(addr.lower())


def test_phone_domain_iban_keys() -> None:
    assert phone_key("+66 81 234 5678") == phone_key("081 234 5678", "TH") == "+66812345678"
    with pytest.raises(InvalidInputError):
        phone_key("12")
    assert domain_key("hxxps://login.trade-bitkub[.]vip/x") == "trade-bitkub.vip"
    assert domain_key("support@Trade-Bitkub.VIP") == "trade-bitkub.vip"
    assert domain_key("пример.рф") == "xn--e1afmkfd.xn--p1ai"
    with pytest.raises(InvalidInputError):
        domain_key("localhost")
    assert iban_key("gb82 west 1234 5698 7654 32") == "GB82WEST12345698765432"
    with pytest.raises(InvalidInputError, match="mod-97"):
        iban_key("GB00WEST12345698765432")


@given(st.from_regex(r"[a-z]{3,10}\.(com|vip|co\.uk|xyz)", fullmatch=True))
def test_domain_key_idempotent(domain: str) -> None:
    key = domain_key(domain)
    assert domain_key(key) == key
    assert domain_key("https://www." + domain + "/path") == key


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parse_remarks_never_crashes(text: str) -> None:
    from scamnet.screen.remarks import parse_remarks

    out = parse_remarks(text)
    for w in out.wallets:
        assert w.address and w.chain


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["%d %b %Y", "%b %Y", "%Y"]))
def test_parse_date_round_trip(day: date, fmt: str) -> None:
    from scamnet.screen.remarks import parse_date

    iso = parse_date(day.strftime(fmt))
    assert iso is not None and day.isoformat().startswith(iso)


def test_public_api_sorted_and_importable() -> None:
    import scamnet.screen as screen

    names = list(screen.__all__)
    upper = [n for n in names if n.isupper()]
    rest = [n for n in names if not n.isupper()]
    assert names == sorted(upper) + sorted(rest, key=lambda n: (n[0].islower(), n))
    assert all(hasattr(screen, n) for n in names)


_TOKENS = st.lists(st.sampled_from(["chen", "zhi", "zhiming", "prince", "group", "holding",
                                    "al", "hassan", "hussein", "putin", "poetin", "z",
                                    "vladimirovich", "vladimir", "bank", "of", "2"]),
                   min_size=1, max_size=5)


@given(_TOKENS, _TOKENS, st.booleans())
def test_coverage_bound_is_an_upper_bound(qt: list[str], ct: list[str], org: bool) -> None:
    # compare_names with a floor above every score returns its bound: it must
    # never be under the real score, or the index would drop a real match.
    w = Weights({"chen": 300, "group": 225, "al": 1500, "hassan": 200, "bank": 400}, 18_000)
    q, c = NameForm(" ".join(qt), tuple(qt)), NameForm(" ".join(ct), tuple(ct))
    real = compare_names(q, c, w, org).score
    bound = compare_names(q, c, w, org, explain=False, floor=2.0).score
    assert real <= bound + 1e-9
