"""The C scanner against the finders' own pure-Python scans.

The C module (``scamnet.extract._scan``) replaces character-level passes
only; every finder still runs its exact pattern and checks at the positions
it gets. These tests hold it to that: the same phone, wallet and IBAN spans,
the same handle keyword starts and keyword words as the ``re`` scans, a
superset of the web triggers, the same normalization, and the same
indicators end to end, on hostile generated text and on real messages.
"""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import base58
import pytest
from Crypto.Hash import keccak
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.demo import iter_report_records
from scamnet.extract import _scan, banking, bech32, extract, handles, native, phones, wallets, web
from scamnet.extract.document import Document
from scamnet.extract.normalize import normalize

needs_native = pytest.mark.skipif(not native.AVAILABLE, reason="the C scanner is not built")

# Every character class the scanners branch on: digits and phone separators,
# Base58/Bech32/hex letters, IBAN capitals, the web trigger punctuation, the
# handle keywords' letters in both cases and their CJK/Thai needles, İ and the
# Kelvin sign (the two characters str.lower() maps into ASCII), combining
# marks, Thai ำ, full-width and Thai digits and punctuation (which the Python
# normalizer replaces before it looks for runs), an astral emoji.
ALPHABET = (
    "0123456789 +().-:/@_#"
    "abcdefghlnrstwxvzTBCDEGILNPQWXZ"
    "[]{}。．，：（）！？；　／＠…"
    "电报飞机信微薇v号ไลน์"
    "\u0130\u212a\u0301\u0e33๑๒０１"
    "é😀"
)
KEYWORDS = ["telegram", "TG", "line id", "LINE", "wechat", "WX", "vx", "whatsapp", "zalo",
            "swift", "BIC", "tg://", "0x", "bc1", "BC1", "T", "GB82", "hxxp", "[.]", "(dot)",
            "://", ".com", "@", "微信", "电报", "ไลน์"]


def _texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(st.text(alphabet=ALPHABET, max_size=12),
                                     st.sampled_from(KEYWORDS)), max_size=20))
    return "".join(pieces)


texts = st.composite(_texts)()


def _pairs(flat: list[int]) -> list[tuple[int, int]]:
    return list(native.pairs(flat))


def assert_same_candidates(text: str) -> None:
    """The C scanner's candidates in ``text`` are the pure scans' (web: a superset)."""
    doc = Document(normalize(text))
    norm = doc.text
    found = native.candidates(norm)
    assert _pairs(found.phones) == list(phones.shapes(norm))
    assert _pairs(found.wallets) == list(wallets.shapes(norm))
    assert _pairs(found.ibans) == list(banking.iban_runs(norm))
    pure_triggers = list(web.triggers(norm))
    assert set(pure_triggers) <= set(found.web)
    assert found.web == sorted(found.web)
    assert [p for p in found.web if web._TRIGGER.match(norm, p)] == pure_triggers
    if "\u0130" not in norm:
        assert found.handles == handles.keyword_starts(doc)
    low = norm.lower()
    for word in ("swift", "bic", "tg://"):
        assert bool(found.words & native.word_bit(word)) == (word in low), word
    assert bool(found.words & native.word_bit("\u0130")) == ("\u0130" in norm)


def assert_same_result(text: str, country: str | None = None,
                       platform: str | None = None) -> None:
    """normalize() and extract() give the same with and without the C scanner."""
    previous = native.set_enabled(True)
    try:
        fast_norm = normalize(text)
        fast = extract(text, country, platform=platform)
        native.set_enabled(False)
        assert normalize(text) == fast_norm
        assert extract(text, country, platform=platform) == fast
    finally:
        native.set_enabled(previous)


def test_the_c_scanner_is_built() -> None:
    """`make` builds the C scanner; without it extraction is about half as fast."""
    if os.environ.get("SCAMNET_PURE_PYTHON") not in (None, "", "0"):
        pytest.skip("SCAMNET_PURE_PYTHON is set")
    assert native.AVAILABLE
    assert native.enabled()


@needs_native
@settings(max_examples=400, deadline=None)
@given(texts)
def test_candidates_match_the_pure_scans(text: str) -> None:
    assert_same_candidates(text)


@needs_native
@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from([None, "TH", "VN", "CN", "GB"]),
       st.sampled_from([None, "telegram"]))
def test_extract_is_the_same_with_and_without_the_c_scanner(
        text: str, country: str | None, platform: str | None) -> None:
    assert_same_result(text, country, platform)


@needs_native
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_normalizes_the_same(text: str) -> None:
    assert_same_result(text)


@needs_native
def test_edge_shapes() -> None:
    """Lengths at the edges of each pattern's repeat bounds, and boundaries."""
    b58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    cases = [
        "0x" + "a" * 39, "0x" + "a" * 40, "0x" + "a" * 41, "00x" + "F" * 40,
        "T" + b58[:24], "T" + b58[:25], "T" + (b58 * 2)[:34], "T" + (b58 * 2)[:40],
        "a1" + b58[:30], "_1" + b58[:30], "bc1" + "q" * 5, "bc1" + "q" * 6, "bc1" + "q" * 100,
        "BC1" + "Q" * 90, "bC1qqqqqqq", "+1234567", "+12345678", "(0)8 1234 5678", "1.2.3.4.5.6.7",
        "GB82 WEST 1234 5698 7654 32", "GB82WEST", "AB12" + "C" * 10, "AB12" + "C" * 11,
        "x.y", "x._y", "x.é", "x.1", "a[.]b", "a(dot)b", "a{D}b", "[:]//", "hxxps[:]//a.b",
        "。a", "。", "a.", "", ".", "Telegram", "telegram", "TELEGRAM", "teleGRAM", "tg", "信",
        "微信", "ไลน์", "swift", "SWIFT", "BiC", "tg://", "TG://", "x\u0130ne", "line\u0130",
        "a，\u0301b", "…，x", "！？", "ｶﾞ，", "，\u0301\u0301", "ำ，ำ", "\u0301", "，",
        # lone surrogates (broken decoding upstream), NUL and the last code point
        "abc\ud800 0812345678", "\udfff.com", "\x00+66 81 234 5678\x00", "x\U0010ffff.com",
        # the C buffers' growth: a text that normalizes to 18 times its length
        # (U+FDFA), and far more handle starts than the first allocation
        "\ufdfa" * 40 + " t.me/abcdef", " ".join(f"@user{i} telegram" for i in range(60)),
    ]
    for text in cases:
        assert_same_candidates(text)
        assert_same_candidates(" " + text + " ")
        assert_same_result(text)
        assert_same_result("ab " + text + " 中", "TH")


def _real_messages(data_dir: Path, per_file: int) -> Iterator[tuple[str, str]]:
    sources = [
        ("thai-sms-scam/sms_dataset_utf8.csv", "TH"),
        ("vietnamese-smishing/ggsheet_reported_scam_sms.csv", "VN"),
        ("indonesian-sms-spam/dataset_sms_spam_v1.csv", "ID"),
        ("chinese-telecom-fraud-texts/label01-last.csv", "CN"),
    ]
    csv.field_size_limit(10_000_000)
    for rel, country in sources:
        path = data_dir / rel
        if not path.exists():
            continue
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            rows = [row[0] for row in csv.reader(fh) if row]
        for text in random.Random(7).sample(rows, min(per_file, len(rows))):
            yield text, country
    uci = data_dir / "uci-sms-spam" / "SMSSpamCollection.tsv"
    if uci.exists():
        lines = uci.read_text(encoding="utf-8", errors="replace").splitlines()
        for line in random.Random(7).sample(lines, min(per_file, len(lines))):
            yield line.partition("\t")[2], "GB"


@needs_native
def test_real_messages_give_the_same_indicators(data_dir: Path) -> None:
    checked = 0
    for text, country in _real_messages(data_dir, 600):
        assert_same_candidates(text)
        assert_same_result(text, country)
        checked += 1
    assert checked >= 1500


@needs_native
def test_demo_reports_give_the_same_indicators() -> None:
    for record in iter_report_records(150, seed=3):
        text = str(record["narrative"])
        assert_same_candidates(text)
        assert_same_result(text, str(record.get("reporter_country") or "") or None)


# --- The per-candidate checks in C: each against its Python twin. ---


@contextmanager
def c_scanner(on: bool) -> Iterator[None]:
    """Run the block with the C scanner on or off (SCAMNET_PURE_PYTHON=1 turns it off)."""
    previous = native.set_enabled(on)
    try:
        yield
    finally:
        native.set_enabled(previous)

# Phone-number material: digits, the separators the shape allows, the signs and
# letters that rule a number out on either side, currencies, dates, amounts.
PHONE_PIECES = st.one_of(
    st.text(alphabet="0123456789 .-()+", min_size=1, max_size=18),
    st.sampled_from(["#", "*", "/", "$", "€", "£", "¥", "฿", "₫", "₹", "₱", "₩", "@", "&", "%",
                     "_", "a", "Z", "บาท", " VNĐ", " usdt", "元", " dong", "2025-03-27",
                     "27.03.2025", "20240315", "19.137.909", "1 250 000", "(02) 123 4567",
                     "+66 81 234 5678", "+ (66) 812", "0812345678", "中", "\n"]),
)
phone_texts = st.lists(PHONE_PIECES, max_size=12).map("".join)


def _spans_to_check(text: str) -> Iterator[tuple[int, int]]:
    """Every span the phone finder hands to its checks: the shapes and their pieces."""
    for s, e in phones.shapes(text):
        yield s, e
        for ps, pe in phones._pieces(text[s:e]):
            yield s + ps, s + pe


@needs_native
@settings(max_examples=500, deadline=None)
@given(phone_texts)
def test_phone_shapes_and_checks_are_the_pure_ones(text: str) -> None:
    norm = normalize(text).text
    assert _pairs(native.candidates(norm).phones) == list(phones.shapes(norm))
    for s, e in _spans_to_check(norm):
        assert native.phone_at(norm, s, e) == phones.precheck(norm, s, e), (norm, s, e)
    assert_same_result(text, "TH")
    assert_same_result(text, "VN")


@needs_native
@settings(max_examples=300, deadline=None)
@given(phone_texts, st.data())
def test_phone_checks_on_any_span_are_the_pure_ones(text: str, data: st.DataObject) -> None:
    norm = normalize(text).text
    if not norm:
        return
    s = data.draw(st.integers(min_value=0, max_value=len(norm) - 1))
    e = data.draw(st.integers(min_value=s + 1, max_value=len(norm)))
    assert native.phone_at(norm, s, e) == phones.precheck(norm, s, e)


@needs_native
@given(st.binary(max_size=300))
def test_keccak256_is_pycryptodomes(data: bytes) -> None:
    assert _scan.keccak256(data) == keccak.new(digest_bits=256, data=data).digest()


@needs_native
@given(st.binary(min_size=20, max_size=20), st.lists(st.booleans(), min_size=40, max_size=40))
def test_eip55_in_c_is_the_python_one(address: bytes, upper: list[bool]) -> None:
    hex40 = "".join(c.upper() if u else c for c, u in zip(address.hex(), upper, strict=True))
    with c_scanner(False):
        expected = wallets.eip55_checksum(hex40)
        assert native.eip55(hex40) is None  # off: the Python code runs
    with c_scanner(True):
        assert native.eip55(hex40) == expected
        assert wallets.eip55_checksum(hex40) == expected
    assert _scan.eip55(hex40[:-1] + "g") is None  # not hex: the Python code decides


def test_eip55_known_vectors() -> None:
    # From EIP-55 itself.
    for address in ("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                    "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                    "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"):
        assert wallets.eip55_checksum(address.lower()) == address


@needs_native
@given(st.binary(max_size=40), st.integers(min_value=0, max_value=4))
def test_b58decode_in_c_is_the_librarys(payload: bytes, zeros: int) -> None:
    encoded = base58.b58encode(b"\0" * zeros + payload).decode()
    if not encoded:
        return
    with c_scanner(True):
        assert native.b58decode(encoded) == base58.b58decode(encoded)
        assert native.b58decode(encoded + "0") is None  # not Base58: the library decides


@needs_native
@given(st.text(alphabet="123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl ",
               min_size=1, max_size=40))
def test_base58check_decoding_is_the_librarys(text: str) -> None:
    try:
        expected: bytes | None = base58.b58decode_check(text)
    except ValueError:
        expected = None
    for on in (True, False):
        with c_scanner(on):
            try:
                got: bytes | None = wallets._b58decode_check(text)
            except ValueError:
                got = None
        assert got == expected


@needs_native
@given(st.lists(st.integers(min_value=0, max_value=40), max_size=100))
def test_bech32_polymod_in_c_is_the_python_one(values: list[int]) -> None:
    with c_scanner(True):
        fast = native.bech32_polymod(values)
    if max(values, default=0) >= 32:
        assert fast is None
    else:
        assert fast == bech32._polymod(values)
