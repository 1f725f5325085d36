"""The C scanner (:mod:`scamnet.extract._scan`) and the switch between it and pure Python.

Extraction spends most of its time in character-level passes: finding the
runs NFKC changes, then one ``re`` scan per finder for its candidates
(8-10 ns per character per pass on non-Latin-1 text). The C module does the
normalization loop and every finder's first scan in two passes over the
string's buffer and returns positions; each finder still runs its own exact
pattern, checks and libphonenumber/PSL work at those positions, so what is
found does not depend on which scanner ran. It also does the arithmetic of a
few per-candidate checks (the phone finder's tests before parsing, Base58,
Keccak-256 for EIP-55, the Bech32 checksum) whose rules stay in Python; the
wallet ones return None when the C module is off, and the caller then runs
its Python twin.

The pure-Python scans stay in the finders as the reference and the fallback
(a source checkout run without building, or ``SCAMNET_PURE_PYTHON=1``);
``tests/extract/test_native.py`` checks that both give the same candidates and
the same indicators. :func:`set_enabled` switches at run time (tests,
benchmarks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType

from scamnet.settings import CompiledSwitch

__all__ = ["AVAILABLE", "Candidates", "b58decode", "bech32_polymod", "candidates", "eip55",
           "enabled", "normalize_runs", "pairs", "phone_at", "set_enabled", "set_handle_needles",
           "word_bit"]

_scan: ModuleType | None
try:
    from scamnet.extract import _scan
except ImportError:  # not built: the pure-Python scans are used
    _scan = None

_switch = CompiledSwitch(_scan)
#: True when the C module is built and importable.
AVAILABLE = _switch.available
#: True when extraction uses the C scanner.
enabled = _switch.enabled
#: Use the C scanner (if built) or not; returns the previous setting.
set_enabled = _switch.set_enabled


_handle_needles: tuple[tuple[str, int], ...] = ()
_words: list[str] = []


def _configure() -> None:
    if _scan is not None:
        _scan.configure(_handle_needles, tuple(_words))


def set_handle_needles(needles: tuple[tuple[str, int], ...]) -> None:
    """Tell the C scanner the handle keywords: (lower-case needle, characters back)."""
    global _handle_needles
    _handle_needles = tuple(needles)
    _configure()


def word_bit(word: str) -> int:
    """The bit of :attr:`Candidates.words` that says ``word`` occurs in a text.

    ASCII letters in the text match ``word``'s (lower-case) ones in either
    case (what ``word in text.lower()`` tests, for words of ASCII letters and
    punctuation); other characters match exactly. A finder that only works
    near a keyword registers it here and is skipped when the bit is clear.
    """
    if any("A" <= ch <= "Z" for ch in word):
        raise ValueError(f"{word!r} holds upper-case ASCII letters")
    if word not in _words:
        _words.append(word)
        _configure()
    return 1 << _words.index(word)


class Candidates:
    """Where each finder's first pattern may match in one normalized text.

    ``phones``, ``wallets`` and ``ibans`` are flat ``[start, end, ...]`` lists
    of the exact spans the finders' first patterns give (the phone shapes
    within the digit runs, :func:`scamnet.extract.phones.shapes`; the wallet
    shapes one after another); ``web`` holds the positions where the web trigger may match
    (a superset: the web finder tests each); ``handles`` the sorted starts of
    handle keywords; ``words`` a bitmask of the words registered with
    :func:`word_bit` that occur.
    """

    __slots__ = ("handles", "ibans", "phones", "wallets", "web", "words")

    def __init__(self, phones: list[int], wallets: list[int], ibans: list[int],
                 web: list[int], handles: list[int], words: int) -> None:
        self.phones = phones
        self.wallets = wallets
        self.ibans = ibans
        self.web = web
        self.handles = handles
        self.words = words


def candidates(text: str) -> Candidates:
    """The C scanner's candidates in ``text`` (which must be normalized)."""
    if _scan is None:
        raise RuntimeError("the C scanner is not built")
    return Candidates(*_scan.candidates(text))


Runs = tuple[str, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def normalize_runs(
    text: str, special: bytes, combining: bytes, single: bytes, convert: Callable[[str], str],
) -> Runs | None:
    """The C loop of :func:`scamnet.extract.normalize.normalize` (see there):
    (normalized text, n_starts, n_ends, o_starts, o_ends), or None when nothing changes."""
    if _scan is None:
        raise RuntimeError("the C scanner is not built")
    result: Runs | None = _scan.normalize(text, special, combining, single, convert)
    return result


def phone_at(text: str, s: int, e: int) -> tuple[int, int, bool] | None:
    """The C twin of :func:`scamnet.extract.phones.precheck` (see there)."""
    if _scan is None:
        raise RuntimeError("the C scanner is not built")
    result: tuple[int, int, bool] | None = _scan.phone_at(text, s, e)
    return result


def pairs(flat: list[int]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pairs of a flat span list."""
    it = iter(flat)
    return zip(it, it, strict=True)


# The wallet checks' arithmetic. Each returns None when the C module is off or
# the input is outside what the C function handles; the caller then runs its
# Python code (the reference), so results never depend on which ran.


def b58decode(text: str) -> bytes | None:
    """``base58.b58decode(text)`` in C for 1 to 128 Base58 characters, else None."""
    if _scan is None or not enabled():
        return None
    decoded: bytes | None = _scan.b58decode(text)
    return decoded


def eip55(hex40: str) -> str | None:
    """The EIP-55 form of 40 ASCII hex digits in C (Keccak-256 included), else None."""
    if _scan is None or not enabled():
        return None
    checksummed: str | None = _scan.eip55(hex40)
    return checksummed


def bech32_polymod(values: list[int]) -> int | None:
    """The Bech32 BCH checksum of 5-bit ``values`` in C, else None (any value out of 0-31)."""
    if _scan is None or not enabled():
        return None
    try:
        checksum: int = _scan.bech32_polymod(bytes(values))
    except ValueError:
        return None
    return checksum
