"""Crypto wallet finder: Base58Check, Bech32/Bech32m and EIP-55, with offsets."""

from __future__ import annotations

import base58
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.extract import extract
from scamnet.extract.bech32 import decode_segwit, encode_segwit
from scamnet.extract.wallets import to_checksum_address

from .strategies import embed, filler

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def wallets(text: str) -> list[tuple[str, str, bool, dict[str, str]]]:
    found = extract(text, kinds=["wallet"])
    for i in found:
        assert text[i.start:i.end] == i.raw
    return [(i.raw, i.value, i.valid, dict(i.attrs)) for i in found]


# Test vectors from EIP-55 itself.
EIP55 = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]


@pytest.mark.parametrize("address", EIP55)
def test_eip55_vectors(address: str) -> None:
    assert to_checksum_address(address.lower()) == address
    assert wallets(f"pay {address} now") == [
        (address, address, True, {"chain": "ethereum", "format": "evm", "checksum": "eip55"})
    ]


def test_all_lower_and_all_upper_evm_are_accepted_and_checksummed() -> None:
    address = EIP55[0]
    for written in (address.lower(), "0x" + address[2:].upper()):
        [(raw, value, valid, attrs)] = wallets(f"to {written}.")
        assert raw == written and value == address and valid
        assert attrs["checksum"] == "none"


# BIP-173 / BIP-350 test vectors (mainnet ones).
SEGWIT_VALID = [
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "p2wpkh"),
    ("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", "p2wsh"),
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "p2tr"),
]


@pytest.mark.parametrize(("address", "fmt"), SEGWIT_VALID)
def test_segwit_vectors(address: str, fmt: str) -> None:
    [(raw, value, valid, attrs)] = wallets(f"BTC: {address}")
    assert raw == address and value == address.lower() and valid
    assert attrs["format"] == fmt and attrs["chain"] == "bitcoin"


def test_bech32_for_v1_or_bech32m_for_v0_is_invalid() -> None:
    program = bytes(range(32))
    good_v1 = encode_segwit("bc", 1, program)
    good_v0 = encode_segwit("bc", 0, program)
    assert decode_segwit(good_v1) is not None and decode_segwit(good_v0) is not None
    # Swap the checksum constants by re-encoding the other version's data.
    wrong_v1 = "bc1p" + good_v0[4:]
    wrong_v0 = "bc1q" + good_v1[4:]
    for address in (wrong_v1, wrong_v0):
        [(raw, _, valid, attrs)] = wallets(f"x {address} y")
        assert not valid and "error" in attrs


def test_mixed_case_bech32_is_invalid() -> None:
    address = SEGWIT_VALID[0][0].lower()
    mixed = address[:10] + address[10:].upper()
    assert all(not valid for _, _, valid, _ in wallets(f"to {mixed}"))


def test_not_cut_out_of_longer_tokens() -> None:
    tx_hash = "0x" + "ab" * 32
    assert wallets(f"tx {tx_hash}") == []
    assert wallets("id x1BoatSLRHtKNngkdXEeobR76b53LETtpyT") == []
    assert wallets("地址1BoatSLRHtKNngkdXEeobR76b53LETtpyT，谢谢")[0][2] is True


def _flip(address: str, index: int) -> str:
    """Replace one character by another of the same alphabet."""
    c = address[index]
    alphabet = B58 if not address.startswith(("0x", "bc1")) else "0123456789abcdef"
    if address.startswith("bc1"):
        alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    replacement = alphabet[(alphabet.index(c.lower() if alphabet[0] == "0" else c) + 1)
                           % len(alphabet)]
    return address[:index] + replacement + address[index + 1:]


@given(
    payload=st.binary(min_size=20, max_size=20),
    version=st.sampled_from([(0x00, "bitcoin", "p2pkh"), (0x05, "bitcoin", "p2sh"),
                             (0x41, "tron", "base58check")]),
    prefix=filler, suffix=filler, flip=st.integers(min_value=1, max_value=24),
)
def test_base58check_round_trip_and_one_char_mutation(
    payload: bytes, version: tuple[int, str, str], prefix: str, suffix: str, flip: int
) -> None:
    address = base58.b58encode_check(bytes([version[0]]) + payload).decode()
    text, offset = embed(prefix, address, suffix)
    found = [i for i in extract(text, kinds=["wallet"]) if i.raw == address]
    assert len(found) == 1
    ind = found[0]
    assert ind.valid and ind.start == offset and ind.end == offset + len(address)
    assert (ind.attrs["chain"], ind.attrs["format"]) == version[1:]
    mutated = _flip(address, flip)
    text, _ = embed(prefix, mutated, suffix)
    assert not any(i.valid and i.raw == mutated for i in extract(text, kinds=["wallet"]))


@given(
    program=st.binary(min_size=32, max_size=32), version=st.sampled_from([0, 1]),
    short=st.booleans(), prefix=filler, suffix=filler, flip=st.integers(min_value=4, max_value=40),
)
def test_segwit_round_trip_and_one_char_mutation(
    program: bytes, version: int, short: bool, prefix: str, suffix: str, flip: int
) -> None:
    if version == 0 and short:
        program = program[:20]
    address = encode_segwit("bc", version, program)
    text, offset = embed(prefix, address, suffix)
    [ind] = [i for i in extract(text, kinds=["wallet"]) if i.raw == address]
    assert ind.valid and ind.start == offset
    mutated = _flip(address, flip)
    text, _ = embed(prefix, mutated, suffix)
    hits = [i for i in extract(text, kinds=["wallet"]) if i.raw == mutated]
    assert hits and not hits[0].valid  # Bech32 detects every single substitution


@given(raw=st.binary(min_size=20, max_size=20), prefix=filler, suffix=filler,
       flip=st.integers(min_value=2, max_value=41))
def test_evm_round_trip_and_case_mutation(raw: bytes, prefix: str, suffix: str, flip: int) -> None:
    address = to_checksum_address("0x" + raw.hex())
    text, offset = embed(prefix, address, suffix)
    [ind] = [i for i in extract(text, kinds=["wallet"]) if i.raw == address]
    assert ind.valid and ind.start == offset and ind.value == address
    c = address[flip]
    if c.isalpha():
        swapped = address[:flip] + c.swapcase() + address[flip + 1:]
        # Still mixed case (a single swap cannot make all of 40 hex digits one case
        # unless there is a single letter), so EIP-55 must reject it.
        letters = [x for x in swapped[2:] if x.isalpha()]
        if any(x.islower() for x in letters) and any(x.isupper() for x in letters):
            text, _ = embed(prefix, swapped, suffix)
            [bad] = [i for i in extract(text, kinds=["wallet"]) if i.raw == swapped]
            assert not bad.valid


def test_an_address_seen_before_keeps_the_offsets_of_each_text() -> None:
    """Checks are memoized per address; every occurrence still gets its own span."""
    address = "TQKqZb4n1tWt5idMJQDohj5RWG2RGL1F3q"
    extract(f"pay {address}", kinds=["wallet"])
    text = f"地址{address}，再转到 {address} 谢谢"
    found = extract(text, kinds=["wallet"])
    assert [i.start for i in found] == [text.index(address), text.rindex(address)]
    assert all(text[i.start:i.end] == address and i.valid for i in found)
