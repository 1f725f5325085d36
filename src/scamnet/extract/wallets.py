"""Crypto wallet addresses: Bitcoin, Ethereum/EVM and TRON, checksums verified.

Candidates are found by shape on the normalized text, then checked:

* Bitcoin legacy (``1…`` P2PKH, ``3…`` P2SH) and TRON (``T…``): Base58Check
  with version byte 0x00, 0x05 or 0x41 and a 20-byte hash.
* Bitcoin segwit (``bc1…``): Bech32 for witness v0, Bech32m for v1+ (taproot
  ``bc1p…``), BIP-173/350.
* EVM (``0x`` + 40 hex): all-lower or all-upper hex is accepted unchecked; mixed
  case must match its EIP-55 checksum (Keccak-256 in the C scanner, or from
  pycryptodome when it is off; tests/extract/test_native.py holds them equal).

Something address-shaped that fails its check is reported with ``valid=False``
and ``attrs.error``; it is never reported valid. A candidate must not touch an
ASCII letter or digit on either side, so an address is not cut out of a longer
token (a transaction hash, a base64 blob); CJK, Thai and punctuation are fine
neighbours because scam texts glue addresses to them ("地址0x…").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from hashlib import sha256

import base58
from Crypto.Hash import keccak

from scamnet.extract import native
from scamnet.extract.bech32 import decode_segwit
from scamnet.extract.document import Document
from scamnet.extract.registry import register_finder
from scamnet.model.indicators import Indicator

__all__ = ["check_address", "eip55_checksum", "find_wallets", "to_checksum_address"]

_B58 = "1-9A-HJ-NP-Za-km-z"
# One pattern per shape, each scanned separately: ``re`` skips ahead in C on
# a literal or small first-character set, but not through an alternation
# (three scans measured 2-3x faster than one combined pattern). Boundaries are
# checked in Python for the same reason.
_CANDIDATES = (
    re.compile(r"0x[0-9a-fA-F]{40}"),
    # A start right after another Base58 character is inside a longer token
    # and fails the boundary check anyway; the lookbehind drops it in C.
    re.compile(rf"[13T](?<![{_B58}][13T])[{_B58}]{{25,34}}"),
    re.compile(r"bc1[02-9ac-hj-np-z]{6,87}"),
    re.compile(r"BC1[02-9AC-HJ-NP-Z]{6,87}"),
)
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

_BASE58_VERSIONS = {
    0x00: ("bitcoin", "p2pkh"),
    0x05: ("bitcoin", "p2sh"),
    0x41: ("tron", "base58check"),
}


def eip55_checksum(hex40: str) -> str:
    """The EIP-55 mixed-case form of 40 hex digits (without ``0x``)."""
    fast = native.eip55(hex40)  # the same in C: Keccak-256 and the loop below
    if fast is not None:
        return fast
    lower = hex40.lower()
    digest = keccak.new(digest_bits=256, data=lower.encode("ascii")).hexdigest()
    pairs = zip(lower, digest[:40], strict=True)
    return "".join(c.upper() if c.isalpha() and int(d, 16) >= 8 else c for c, d in pairs)


def to_checksum_address(address: str) -> str:
    """``0x`` + the EIP-55 form of an EVM address given in any case."""
    return "0x" + eip55_checksum(address[2:])


# (value, valid, attrs) for an address-shaped string, or None when it is not
# an address this finder reports.
_Checked = tuple[str, bool, dict[str, str]] | None


def _evm(raw: str) -> _Checked:
    hex40 = raw[2:]
    checksummed = eip55_checksum(hex40)
    attrs = {"chain": "ethereum", "format": "evm"}
    if hex40 == hex40.lower() or hex40 == hex40.upper():
        attrs["checksum"] = "none"
        return "0x" + checksummed, True, attrs
    attrs["checksum"] = "eip55"
    if hex40 == checksummed:
        return raw, True, attrs
    attrs["error"] = "EIP-55 checksum mismatch"
    return raw, False, attrs


def _segwit(raw: str) -> _Checked:
    decoded = decode_segwit(raw)
    if decoded is None or decoded.hrp != "bc":
        attrs = {"chain": "bitcoin", "format": "bech32", "error": "invalid Bech32/Bech32m"}
        return raw.lower(), False, attrs
    if decoded.version == 0:
        fmt = "p2wpkh" if len(decoded.program) == 20 else "p2wsh"
    elif decoded.version == 1 and len(decoded.program) == 32:
        fmt = "p2tr"
    else:
        fmt = f"witness_v{decoded.version}"
    attrs = {"chain": "bitcoin", "format": fmt, "encoding": decoded.encoding}
    return raw.lower(), True, attrs


def _b58decode_check(raw: str) -> bytes:
    """``base58.b58decode_check(raw)``: the payload, or ValueError on a bad checksum.

    The decoding runs in C when it can (:func:`native.b58decode`); the checksum
    is the library's rule, the first four bytes of SHA-256(SHA-256(payload)).
    """
    decoded = native.b58decode(raw)
    if decoded is None:
        return base58.b58decode_check(raw)
    payload, check = decoded[:-4], decoded[-4:]
    if sha256(sha256(payload).digest()).digest()[:4] != check:
        raise ValueError("Invalid checksum")
    return payload


def _base58(raw: str) -> _Checked:
    tron = raw[0] == "T"
    if tron and len(raw) != 34:
        return None
    try:
        payload = _b58decode_check(raw)
    except ValueError:
        chain, fmt = ("tron", "base58check") if tron else ("bitcoin", "base58check")
        attrs = {"chain": chain, "format": fmt, "error": "Base58Check checksum mismatch"}
        return raw, False, attrs
    if len(payload) != 21 or payload[0] not in _BASE58_VERSIONS:
        # A valid Base58Check string of another coin or kind (WIF key, xpub…):
        # not an address this finder supports, so say nothing.
        return None
    chain, fmt = _BASE58_VERSIONS[payload[0]]
    if (chain == "tron") != tron:
        return None
    return raw, True, {"chain": chain, "format": fmt}


@lru_cache(maxsize=65536)
def check_address(raw: str) -> _Checked:
    """(value, valid, attrs) for an address-shaped candidate, or None to ignore it.

    Pure and memoized: the same wallet recurs across many reports, and a
    checksum (Keccak-256, double SHA-256, BCH) costs 10-50 µs in Python.
    Callers must not mutate the returned attrs.
    """
    first = raw[0]
    if first == "0":
        return _evm(raw)
    if first in "bB":
        return _segwit(raw)
    return _base58(raw)


def shapes(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the address shapes, one shape after another: the pure-Python
    scan the C scanner replaces."""
    # The cheap ``in`` tests (C memchr-like search) skip whole scans for the
    # shapes absent from the text, which is most of them in most texts.
    evm, legacy, bech, bech_upper = _CANDIDATES
    if "0x" in text:
        yield from (m.span() for m in evm.finditer(text))
    yield from (m.span() for m in legacy.finditer(text))
    if "bc1" in text:
        yield from (m.span() for m in bech.finditer(text))
    if "BC1" in text:
        yield from (m.span() for m in bech_upper.finditer(text))


@register_finder("wallet", runs_if=lambda c: bool(c.wallets))
def find_wallets(doc: Document) -> Iterator[Indicator]:
    """Bitcoin, EVM and TRON addresses in ``doc``, valid or not."""
    text = doc.text
    n = len(text)
    if n < 9:
        return  # shorter than the shortest candidate ("bc1" and six characters)
    found = doc.candidates
    for s, e in shapes(text) if found is None else native.pairs(found.wallets):
        if (s > 0 and text[s - 1] in _ALNUM) or (e < n and text[e] in _ALNUM):
            continue
        checked = check_address(text[s:e])
        if checked is not None:
            value, valid, attrs = checked
            yield doc.indicator("wallet", value, s, e, valid, attrs)
