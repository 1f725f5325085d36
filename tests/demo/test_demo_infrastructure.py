"""Wallets and phones of the demo corpus pass independent checks; writers round-trip."""

from __future__ import annotations

import random
from decimal import Decimal

import base58
import phonenumbers
import pytest
from Crypto.Hash import keccak
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.demo import generate
from scamnet.demo.money import format_amount
from scamnet.demo.phones import PHONE_STYLES, random_mobile, write_phone
from scamnet.demo.wallets import bech32_segwit_address, eip55_checksum, random_wallet

bech32 = pytest.importorskip("bech32")


def _independent_eip55_ok(address: str) -> bool:
    """EIP-55 check written from the spec, separately from the generator's code."""
    body = address[2:]
    digest = keccak.new(digest_bits=256, data=body.lower().encode()).hexdigest()
    for ch, nibble in zip(body, digest, strict=False):
        if ch.isalpha() and (ch.isupper() != (int(nibble, 16) >= 8)):
            return False
    return True


def _check_wallet(address: str) -> str:
    if address.startswith("0x"):
        assert len(address) == 42
        assert _independent_eip55_ok(address)
        return "ethereum"
    if address.startswith("T"):
        raw = base58.b58decode_check(address)
        assert raw[0] == 0x41 and len(raw) == 21
        return "tron"
    if address.startswith("bc1"):
        version, program = bech32.decode("bc", address)
        assert version == 0 and program is not None and len(program) in (20, 32)
        return "bitcoin"
    if address.startswith("1"):
        raw = base58.b58decode_check(address)
        assert raw[0] == 0 and len(raw) == 21
        return "bitcoin"
    raise AssertionError(f"unexpected address form {address}")


def test_eip55_matches_spec_vectors() -> None:
    # Test vectors from the EIP-55 specification.
    for addr in ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                 "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                 "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                 "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"):
        assert eip55_checksum(addr[2:].lower()) == addr


def test_every_corpus_wallet_validates() -> None:
    truth = generate().truth
    wallets = [(w, n["wallet_chains"][w]) for n in truth["networks"] for w in n["wallets"]]
    assert len(wallets) >= 15
    for address, chain in wallets:
        assert _check_wallet(address) == chain
    chains = {c for _, c in wallets}
    assert chains == {"bitcoin", "ethereum", "tron"}
    forms = {w[:3] for w, c in wallets if c == "bitcoin"}
    assert any(f.startswith("bc1") for f in forms) and any(f.startswith("1") for f in forms)


def test_every_corpus_phone_is_valid() -> None:
    truth = generate().truth
    phones = {p for n in truth["networks"] for p in n["phones"]}
    phones |= {i["value"] for inds in truth["indicators"].values() for i in inds
               if i["kind"] in ("phone", "whatsapp")}
    assert len(phones) >= 18
    regions = set()
    for e164 in phones:
        number = phonenumbers.parse(e164)
        assert phonenumbers.is_valid_number(number), e164
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == e164
        regions.add(phonenumbers.region_code_for_number(number))
    assert {"KH", "TH", "VN", "PH", "MY", "CN", "HK", "MM"} <= regions


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=20, max_size=20) | st.binary(min_size=32, max_size=32))
def test_bech32_encoder_round_trips_through_reference(program: bytes) -> None:
    address = bech32_segwit_address(program)
    assert bech32.decode("bc", address) == (0, list(program))


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=20, max_size=20))
def test_eip55_is_checksum_of_its_own_lowercase(body: bytes) -> None:
    address = eip55_checksum(body.hex())
    assert _independent_eip55_ok(address)
    assert eip55_checksum(address[2:]) == address


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(["ethereum", "tron", "bitcoin"]))
def test_random_wallets_validate(seed: int, chain: str) -> None:
    wallet = random_wallet(random.Random(seed), chain)
    assert _check_wallet(wallet.address) == chain


_FOLD = str.maketrans("０１２３４５６７８９＋－（）๐๑๒๓๔๕๖๗๘๙", "0123456789+-()0123456789")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(["KH", "MM", "TH", "VN", "PH", "MY", "CN", "HK"]),
       st.sampled_from(sorted(PHONE_STYLES)))
def test_written_phones_parse_back(seed: int, region: str, style: str) -> None:
    e164 = random_mobile(random.Random(seed), region)
    written = write_phone(e164, style).translate(_FOLD)
    hint = None if PHONE_STYLES[style] else region
    parsed = phonenumbers.parse(written, hint)
    assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == e164


@given(st.decimals(min_value=0, max_value=10**10, places=2),
       st.sampled_from(["en", "zh", "vi", "th", "id", "es"]))
def test_amounts_read_back(amount: Decimal, language: str) -> None:
    text = format_amount(amount, language)
    if language in ("es", "id", "vi"):
        back = Decimal(text.replace(".", "").replace(",", "."))
    else:
        back = Decimal(text.replace(",", ""))
    assert back == amount
