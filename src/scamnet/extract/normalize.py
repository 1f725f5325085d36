"""NFKC normalization with an offset map back to the original text.

Finders match on normalized text (full-width ``１３８`` and ``ｈｔｔｐ`` become
ASCII, ligatures split, every decimal digit folded to ASCII ``0-9``) but report
offsets into the original text. Most text is already stable, so only the runs
of characters that change are touched:

* ASCII text is returned as it is (``str.isascii`` is O(1)).
* Otherwise one regex pass finds runs of characters that NFKC changes, non-ASCII
  decimal digits (Thai ๐-๙, Myanmar ၀-၉, Khmer ០-៩, Arabic-Indic, ...) and
  combining marks. A run of one-to-one characters is mapped with
  ``str.translate`` and needs no offset bookkeeping. A character whose NFKC
  form has another length (Thai ``ำ``, ``ﬁ``, ``㍿``), or a combining mark
  together with the base it may compose with, becomes one *segment*; offsets
  inside a segment map to its edges, offsets between segments shift by the
  accumulated length difference (a bisect over the segments).

When the C scanner is built (:mod:`scamnet.extract.native`) the same loop runs
in C over the string's buffer, with the same runs and the same results; a run
of one character whose normalized form is one character is mapped there
through a precomputed table instead of a call back into Python.

Composition across a run boundary is exact for every case that matters for
indicators; ``tests/extract/test_normalize.py`` checks the result against
``unicodedata.normalize`` on mixed-script text.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from scamnet.extract import native

__all__ = ["Normalized", "fold_digits", "normalize"]

# NFKC changes nothing past plane 2 except unassigned code points, which stay
# themselves; scanning there would only slow the first call down.
_PLANES = ((0x80, 0x30000),)


@dataclass(frozen=True)
class _Tables:
    digits: dict[int, str]
    combining: frozenset[str]
    change: re.Pattern[str]
    change_astral: re.Pattern[str]
    digit_runs: re.Pattern[str]
    # The same sets as bitmaps for the C scanner: ``change`` over the BMP (every
    # astral character counts, as in ``change_astral``), ``combining`` below
    # U+30000; and ``single``, a uint32 per BMP character: what a run of just
    # that character becomes when that is one character (0 otherwise).
    change_bits: bytes
    combining_bits: bytes
    single: bytes


def _bitmap(code_points: set[int], size: int) -> bytes:
    bits = bytearray(size // 8)
    for cp in code_points:
        if cp < size:
            bits[cp >> 3] |= 1 << (cp & 7)
    return bytes(bits)


def _char_class(code_points: list[int]) -> str:
    """A regex character class body for ``code_points`` (sorted), as ranges."""
    parts: list[str] = []
    start = prev = code_points[0]
    for cp in code_points[1:] + [-1]:
        if cp == prev + 1:
            prev = cp
            continue
        if start == prev:
            parts.append(re.escape(chr(start)))
        else:
            parts.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = cp
    return "".join(parts)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    digits: dict[int, str] = {}
    special: set[int] = set()
    combining: set[str] = set()
    for lo, hi in _PLANES:
        for cp in range(lo, hi):
            if 0xD800 <= cp < 0xE000:
                continue
            c = chr(cp)
            value = unicodedata.decimal(c, None)
            if value is not None:
                digits[cp] = str(value)
            if value is not None or unicodedata.normalize("NFKC", c) != c:
                special.add(cp)
            decomposition = unicodedata.decomposition(c)
            if decomposition and not decomposition.startswith("<"):
                parts = decomposition.split()
                if len(parts) == 2:
                    # The second half of a canonical pair composes with the
                    # character before it, even when its combining class is 0.
                    combining.add(chr(int(parts[1], 16)))
    # Hangul vowel and trailing jamo compose with the preceding jamo.
    combining.update(chr(cp) for cp in range(0x1160, 0x1200))
    special.update(ord(c) for c in combining)
    for cp in list(special):
        n = unicodedata.normalize("NFKC", chr(cp))
        if n and n[0] in combining:
            combining.add(chr(cp))  # ﾞ → U+3099 composes with the kana before it
    # ``re`` tests a class of BMP characters with a bitmap, but one astral
    # range in a class makes it test ranges one by one (2-5x slower); the
    # astral variant is used only for texts that hold astral characters.
    bmp = _char_class(sorted(cp for cp in special if cp < 0x10000))
    digit_bmp = _char_class(sorted(cp for cp in digits if 0x80 <= cp < 0x10000))
    return _Tables(
        digits,
        frozenset(combining),
        re.compile(f"[{bmp}]+"),
        re.compile(f"[{bmp}\U00010000-\U0010ffff]+"),
        re.compile(f"[{digit_bmp}]+"),
        _bitmap(special, 0x10000),
        _bitmap({ord(c) for c in combining}, 0x30000),
        _single_map(special, digits),
    )


# Marks a full-width punctuation character in the single map: the Python loop
# replaces those before it looks for runs, and the C loop must do the same.
_PRE = 0x80000000


def _single_map(special: set[int], digits: dict[int, str]) -> bytes:
    table = array("I", bytes(4 * 0x10000))
    for cp in special:
        if cp < 0x10000:
            out = unicodedata.normalize("NFKC", chr(cp)).translate(digits)
            if len(out) == 1:
                table[cp] = ord(out)
    for wide, narrow in _WIDE_PUNCTUATION:
        table[ord(wide)] = ord(narrow) | _PRE
    return table.tobytes()


def fold_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit replaced by its ASCII digit."""
    if text.isascii():
        return text
    return _fold(text, _tables())


class Normalized:
    """A normalized text and the map from its offsets to the original's.

    ``segments`` holds, for every stretch whose length changed, the tuple
    (normalized start, normalized end, original start, original end); the four
    parallel tuples make the bisects cheap. A slotted class (not a frozen
    dataclass) because one is built per extracted text; treat it as immutable.
    """

    __slots__ = ("n_ends", "n_starts", "o_ends", "o_starts", "original", "text")

    def __init__(
        self,
        text: str,
        original: str,
        n_starts: tuple[int, ...] = (),
        n_ends: tuple[int, ...] = (),
        o_starts: tuple[int, ...] = (),
        o_ends: tuple[int, ...] = (),
    ) -> None:
        self.text = text
        self.original = original
        self.n_starts = n_starts
        self.n_ends = n_ends
        self.o_starts = o_starts
        self.o_ends = o_ends

    def __repr__(self) -> str:
        return f"Normalized({self.text!r}, {self.original!r}, {len(self.n_starts)} segments)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Normalized):
            return NotImplemented
        return (self.text, self.original, self.n_starts, self.n_ends, self.o_starts,
                self.o_ends) == (other.text, other.original, other.n_starts, other.n_ends,
                                 other.o_starts, other.o_ends)

    __hash__ = None  # type: ignore[assignment]

    @property
    def identity(self) -> bool:
        """True when normalized offsets equal original offsets."""
        return not self.n_starts

    def start(self, n: int) -> int:
        """Original offset of the normalized start offset ``n``."""
        if not self.n_starts:
            return n
        i = bisect_right(self.n_starts, n) - 1
        if i < 0:
            return n
        if n < self.n_ends[i]:
            return self.o_starts[i]
        return n - self.n_ends[i] + self.o_ends[i]

    def end(self, n: int) -> int:
        """Original offset of the normalized end offset ``n`` (exclusive)."""
        if not self.n_starts:
            return n
        i = bisect_left(self.n_starts, n) - 1
        if i < 0:
            return n
        if n <= self.n_ends[i]:
            return self.o_ends[i]
        return n - self.n_ends[i] + self.o_ends[i]

    def span(self, n_start: int, n_end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized span."""
        return self.start(n_start), self.end(n_end)


@lru_cache(maxsize=8192)
def _convert(run: str) -> str:
    """NFKC of a short run of changing characters, digits folded; runs recur (Thai ``ำ``)."""
    return unicodedata.normalize("NFKC", run).translate(_tables().digits)


def _fold(text: str, tables: _Tables) -> str:
    if tables.digit_runs.search(text) is None:
        return text
    return tables.digit_runs.sub(lambda m: m.group().translate(tables.digits), text)


_WIDE_PUNCTUATION = tuple(
    (c, unicodedata.normalize("NFKC", c)) for c in "，：（）！？；　／＠．"
)


def normalize(text: str) -> Normalized:
    """NFKC-normalize ``text`` and fold its decimal digits to ASCII, keeping an offset map.

    One regex pass finds the runs of characters that NFKC changes, decimal
    digits and combining marks (a run that starts with a mark takes the base
    before it). Only those runs are normalized; ``unicodedata.normalize`` on a
    whole CJK text is slow (about 7 MB/s) while the scan is not. A run whose
    normalized length differs becomes one offset segment; runs that keep their
    length (full-width digits, Thai digits, ``：``) map character for character.
    """
    if text.isascii():
        return Normalized(text, text)
    tables = _tables()
    original = text
    if native.enabled():
        runs = native.normalize_runs(text, tables.change_bits, tables.combining_bits,
                                     tables.single, _convert)
        if runs is None:
            return Normalized(text, original)
        return Normalized(runs[0], original, *runs[1:])
    # Chinese text is full of full-width punctuation, each a separate run for
    # the scan below; str.replace maps the common ones in C, one for one.
    for wide, narrow in _WIDE_PUNCTUATION:
        if wide in text:
            text = text.replace(wide, narrow)
    # Astral characters take two UTF-16 code units; encoding runs in C, max() does not.
    astral = len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
    pattern = tables.change_astral if astral else tables.change
    combining = tables.combining
    pieces: list[str] = []
    n_len = 0
    cursor = 0
    n_starts: list[int] = []
    n_ends: list[int] = []
    o_starts: list[int] = []
    o_ends: list[int] = []
    for m in pattern.finditer(text):
        us, ue = m.span()
        if us > cursor and text[us] in combining:
            us -= 1  # the base the mark composes with
        if us > cursor:
            pieces.append(text[cursor:us])
            n_len += us - cursor
        out = _convert(text[us:ue])
        if len(out) != ue - us:
            n_starts.append(n_len)
            n_ends.append(n_len + len(out))
            o_starts.append(us)
            o_ends.append(ue)
        pieces.append(out)
        n_len += len(out)
        cursor = ue
    if not pieces:
        return Normalized(text, original)
    if cursor < len(text):
        pieces.append(text[cursor:])
    return Normalized(
        "".join(pieces), original,
        tuple(n_starts), tuple(n_ends), tuple(o_starts), tuple(o_ends),
    )
