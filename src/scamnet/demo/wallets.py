"""Fictional but well-formed crypto addresses made from seeded random bytes.

The demo's wallets must pass the same checks the extractor applies to real
ones (Base58Check, EIP-55, Bech32), otherwise they would never link anything.
The key material is random bytes, not a key pair: nobody holds these wallets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import base58
from Crypto.Hash import keccak

__all__ = [
    "Wallet",
    "bech32_segwit_address",
    "btc_p2pkh_address",
    "eip55_checksum",
    "eth_address",
    "random_wallet",
    "tron_address",
]

_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST = 1  # BIP-173; witness version 0 only, so Bech32m is not needed


@dataclass(frozen=True)
class Wallet:
    """One address: ``chain`` is bitcoin, ethereum or tron; ``format`` its form."""

    chain: str
    format: str
    address: str


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _to_5bit(data: bytes) -> list[int]:
    acc = 0
    bits = 0
    out: list[int] = []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


def bech32_segwit_address(program: bytes, hrp: str = "bc") -> str:
    """A witness-version-0 Bech32 address (BIP-173) for a 20- or 32-byte program."""
    if len(program) not in (20, 32):
        raise ValueError("a v0 witness program is 20 or 32 bytes")
    data = [0] + _to_5bit(program)
    polymod = _bech32_polymod(_hrp_expand(hrp) + data + [0] * 6) ^ _BECH32_CONST
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32_CHARSET[d] for d in data + checksum)


def btc_p2pkh_address(hash160: bytes) -> str:
    """A legacy ``1…`` Bitcoin address: version byte 0x00, Base58Check."""
    return str(base58.b58encode_check(b"\x00" + hash160).decode("ascii"))


def tron_address(body: bytes) -> str:
    """A TRON ``T…`` address: prefix byte 0x41, Base58Check."""
    return str(base58.b58encode_check(b"\x41" + body).decode("ascii"))


def eip55_checksum(hex40: str) -> str:
    """The EIP-55 mixed-case form of a 40-hex-digit address, with ``0x``."""
    lower = hex40.lower()
    digest = keccak.new(digest_bits=256, data=lower.encode("ascii")).hexdigest()
    # A letter is upper-cased when the matching nibble of the hash is 8 or more.
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(d, 16) >= 8 else c
        for c, d in zip(lower, digest[:40], strict=True)
    )


def eth_address(body: bytes) -> str:
    """An Ethereum/EVM address with its EIP-55 checksum."""
    return eip55_checksum(body.hex())


def random_wallet(rng: random.Random, chain: str, fmt: str | None = None) -> Wallet:
    """A fresh address on ``chain`` from ``rng``'s bytes (deterministic for a seed)."""
    body = rng.randbytes(20)
    if chain == "ethereum":
        return Wallet(chain, "eip55", eth_address(body))
    if chain == "tron":
        return Wallet(chain, "base58check", tron_address(body))
    if chain == "bitcoin":
        fmt = fmt or rng.choice(("p2pkh", "bech32"))
        if fmt == "p2pkh":
            return Wallet(chain, "p2pkh", btc_p2pkh_address(body))
        # A P2WPKH program is a HASH160, which is indistinguishable from random bytes.
        return Wallet(chain, "bech32", bech32_segwit_address(body))
    raise ValueError(f"unknown chain {chain!r}")
