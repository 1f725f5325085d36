"""Bech32 and Bech32m decoding (BIP-173, BIP-350) for segwit addresses.

Written from the BIPs: a 30-bit BCH checksum over the human-readable part and
the 5-bit data; Bech32 (constant 1) for witness version 0, Bech32m
(constant 0x2bc830a3) for versions 1 to 16.
"""

from __future__ import annotations

from dataclasses import dataclass

from scamnet.extract import native

__all__ = ["CHARSET", "SegwitAddress", "decode_segwit", "encode_segwit"]

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_CHARSET_INDEX = {c: i for i, c in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
BECH32_CONST = 1
BECH32M_CONST = 0x2BC830A3


@dataclass(frozen=True)
class SegwitAddress:
    """A decoded segwit address: which checksum it used and what it pays to."""

    hrp: str
    version: int
    program: bytes
    encoding: str  # "bech32" or "bech32m"


def _polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= _GENERATOR[i]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: list[int], from_bits: int, to_bits: int, pad: bool) -> list[int] | None:
    acc = 0
    bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & maxv)
    elif bits >= from_bits or ((acc << (to_bits - bits)) & maxv):
        return None
    return out


def decode_segwit(address: str) -> SegwitAddress | None:
    """Decode a segwit address, or None when any rule of BIP-173/350 fails.

    Mixed case, a bad checksum, the wrong checksum constant for the witness
    version, or a program of a forbidden length all give None.
    """
    if address.lower() != address and address.upper() != address:
        return None
    address = address.lower()
    pos = address.rfind("1")
    if pos < 1 or pos + 7 > len(address) or len(address) > 90:
        return None
    hrp = address[:pos]
    try:
        data = [_CHARSET_INDEX[c] for c in address[pos + 1:]]
    except KeyError:
        return None
    expanded = _hrp_expand(hrp) + data
    fast = native.bech32_polymod(expanded)  # the same loop in C
    const = _polymod(expanded) if fast is None else fast
    if const == BECH32_CONST:
        encoding = "bech32"
    elif const == BECH32M_CONST:
        encoding = "bech32m"
    else:
        return None
    values = data[:-6]
    if not values:
        return None
    version = values[0]
    program = _convert_bits(values[1:], 5, 8, pad=False)
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return None
    if version == 0 and (encoding != "bech32" or len(program) not in (20, 32)):
        return None
    if version != 0 and encoding != "bech32m":
        return None
    return SegwitAddress(hrp, version, bytes(program), encoding)


def encode_segwit(hrp: str, version: int, program: bytes) -> str:
    """Encode a segwit address (Bech32 for version 0, Bech32m above)."""
    data = [version] + (_convert_bits(list(program), 8, 5, pad=True) or [])
    const = BECH32_CONST if version == 0 else BECH32M_CONST
    polymod = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ const
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[d] for d in data + checksum)
