"""Bytes to text for the text formats: byte-order marks, UTF-16 without BOM, legacy code pages.

The order is fixed so the same bytes always give the same text:

1. a byte-order mark (UTF-32 before UTF-16, because the UTF-32-LE mark starts
   with the UTF-16-LE one);
2. UTF-16 or UTF-32 without a mark, recognised by the NUL bytes every ASCII
   character leaves in them (WhatsApp on some phones and Excel "Unicode text");
3. strict UTF-8;
4. GB18030 (Chinese) and Windows-874 / TIS-620 (Thai), each accepted only when
   the decoded text looks like that script, because either code page decodes
   many byte strings of the other without error;
5. charset-normalizer's guess, restricted to a fixed list of code pages;
6. Windows-1252, then Latin-1, which never fails.

Binary data is refused before any of this: NUL bytes outside a UTF-16/32
pattern, or too many control characters.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import AnyStr

from scamnet.errors import InputProblem, InvalidInputError
from scamnet.intake.base import Source
from scamnet.model.records import Quarantined

__all__ = [
    "Decoded",
    "Lines",
    "decode",
    "decode_head",
    "decode_lines",
    "decode_source",
    "is_blank",
    "looks_binary",
    "quarantine_file",
    "iter_lines",
    "split_lines",
    "wide_encoding",
]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Code pages charset-normalizer may pick; anything else falls through to cp1252.
#: Kept short on purpose: each entry is a code page victims' exports really use.
#: Central-European and Vietnamese code pages are left out: guessed on short Spanish or
#: French text they would silently change letters that cp1252 decodes correctly.
_GUESSABLE = frozenset({
    "big5", "cp1251", "cp1253", "cp1255", "cp1256",
    "cp932", "shift_jis", "euc_jp", "euc_kr", "cp949", "koi8_r", "iso8859_5",
})

# Control characters other than tab, LF, CR, FF and ESC almost never occur in text.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_SAMPLE = 65536


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec that produced it and the length of a skipped BOM in bytes."""

    text: str
    encoding: str
    bom: int = 0

    def encode(self, text: str) -> bytes:
        """The bytes ``text`` (a slice of :attr:`text`) had in the input (for quarantine)."""
        return text.encode(self.encoding, errors="replace")


# A surrogate pair (high D800-DBFF, then low DC00-DFFF) in each byte order, as
# a zero-width match at the pair's first byte so no pair hides another. Either
# unit's low byte can be NUL: U+1F600 is D83D DE00, U+10000 is D800 DC00. Only
# a real pair counts: a lone 00DC-00DF unit is the letter Ü, Ý, Þ or ß.
_PAIR_LE = re.compile(rb"(?=[\x00-\xff][\xd8-\xdb][\x00-\xff][\xdc-\xdf])")
_PAIR_BE = re.compile(rb"(?=[\xd8-\xdb][\x00-\xff][\xdc-\xdf][\x00-\xff])")
#: Where, in a pair's four bytes, each unit's low byte sits in that byte order.
_LOW_BYTES = {_PAIR_LE: (0, 2), _PAIR_BE: (1, 3)}


def _surrogate_nuls(sample: bytes, pattern: re.Pattern[bytes]) -> int:
    """NULs that are the low byte of a unit of a UTF-16 surrogate pair
    (``pattern`` finds the pairs in the byte order tried; units start at even
    offsets)."""
    low = _LOW_BYTES[pattern]
    return sum(sample[m.start() + k] == 0 for m in pattern.finditer(sample)
               if m.start() % 2 == 0 for k in low)


def _utf16_or_32(sample: bytes) -> str | None:
    """Guess UTF-16/32 without BOM from where NUL bytes fall; None if it is not that."""
    n = len(sample) - len(sample) % 4
    if n < 4:
        return None
    sample = sample[:n]
    if sample.count(0) < n // 20:
        return None
    zeros = [sample[i::4].count(0) for i in range(4)]
    quarter = n // 4
    # A BMP character in UTF-32-LE is "lo hi 0 0", in UTF-32-BE "0 0 hi lo".
    # The low byte of a character is rarely NUL; all-NUL data is not text at all.
    if zeros[2] > 0.9 * quarter and zeros[3] > 0.98 * quarter and zeros[0] < 0.1 * quarter:
        return "utf-32-le"
    if zeros[0] > 0.98 * quarter and zeros[1] > 0.9 * quarter and zeros[3] < 0.1 * quarter:
        return "utf-32-be"
    # A surrogate's low byte can be NUL too: U+1F600 (the grinning face) is
    # D83D DE00. Those NULs say nothing about which side ASCII sits on.
    even = zeros[0] + zeros[2] - _surrogate_nuls(sample, _PAIR_LE)
    odd = zeros[1] + zeros[3] - _surrogate_nuls(sample, _PAIR_BE)
    half = n // 2
    # Thai or Chinese in UTF-16 has NULs only where ASCII (digits, spaces) sits, but
    # they all fall on one side: judge by the imbalance, not by an absolute share.
    if odd > 0.1 * half and even < 0.05 * odd:
        return "utf-16-le"
    if even > 0.1 * half and odd < 0.05 * even:
        return "utf-16-be"
    return None


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 when ``head``, the start of an input, is that by its
    byte-order mark or by where its NUL bytes fall; else None."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return None if encoding == "utf-8" else encoding
    return _utf16_or_32(head[:_SAMPLE])


def is_blank(data: bytes) -> bool:
    """``not data.strip()`` without its copy: True when ``data`` is empty or only
    ASCII whitespace. A file ending in a newline (most do) was copied whole by
    ``strip()`` just to be found not blank: 4-14 ms and the file's size again in
    memory for a 20 MB report file."""
    return not data or data.isspace()


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is not text: NUL bytes (outside UTF-16/32) or many control bytes."""
    sample = data[:_SAMPLE]
    if not sample:
        return False
    for bom, _ in _BOMS:
        if sample.startswith(bom):
            return False
    wide = _utf16_or_32(sample)
    if wide is not None:
        text = _try(sample, wide, final=False)
        return text is None or _too_many_controls(text)
    if b"\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample))
    return controls > max(2, len(sample) // 100)


def _too_many_controls(text: str) -> bool:
    # Binary data can have its NULs on one side too; real text has few controls.
    sample = text[:_SAMPLE]
    return len(_CONTROL_TEXT.findall(sample)) > max(2, len(sample) // 100)


def _try(data: bytes, encoding: str, final: bool) -> str | None:
    # An incremental decoder lets a sniffing head cut mid-character still decode.
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return decoder.decode(data, final=final)
    except UnicodeDecodeError:
        return None


def _chinese_score(text: str) -> float:
    """Share of non-ASCII characters that are common GB2312 hanzi or CJK punctuation."""
    total = good = 0
    for ch in text[:20000]:
        if ch < "\x80":
            continue
        total += 1
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        # Rows 0xB0-0xD7 are the 3,755 level-1 hanzi; 0xA1-0xA3 CJK and full-width punctuation.
        if len(b) == 2 and (0xB0 <= b[0] <= 0xD7 or 0xA1 <= b[0] <= 0xA3):
            good += 1
    return good / total if total else 0.0


_THAI_CONSONANT = range(0x0E01, 0x0E2F)
_THAI_ABOVE_BELOW = frozenset([0x0E31, *range(0x0E34, 0x0E3B)])
_THAI_TONE = frozenset(range(0x0E47, 0x0E4F))
_THAI_LEADING = frozenset(range(0x0E40, 0x0E45))


def _thai_score(text: str) -> float:
    """Share of Thai characters in a well-formed position (marks after consonants, etc.)."""
    total = bad = 0
    prev = 0
    sample = text[:20000]
    for i, ch in enumerate(sample):
        cp = ord(ch)
        if 0x0E01 <= cp <= 0x0E5B:
            total += 1
            if cp in _THAI_ABOVE_BELOW and prev not in _THAI_CONSONANT:
                bad += 1
            elif cp in _THAI_TONE and prev not in _THAI_CONSONANT and prev not in _THAI_ABOVE_BELOW:
                bad += 1
            elif cp in _THAI_LEADING:
                nxt = ord(sample[i + 1]) if i + 1 < len(sample) else 0x0E01
                if nxt not in _THAI_CONSONANT:
                    bad += 1
        elif cp >= 0x80 and not (0x2010 <= cp <= 0x2026 or cp in (0x20AC, 0xA0)):
            # Windows-874 has only Thai, a few quotes/dashes, the euro sign and NBSP.
            total += 1
            bad += 1
        prev = cp
    return 1.0 - bad / total if total else 0.0


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    return name if name in _GUESSABLE else None


def decode(data: bytes, *, path: str = "<input>", truncated: bool = False) -> Decoded:
    """Decode ``data`` to text (see the module docstring for the order tried).

    ``truncated`` says ``data`` is a head cut at an arbitrary byte (sniffing):
    an incomplete last character is dropped instead of failing the codec.
    Raises :class:`InvalidInputError` naming ``path`` for binary data.
    """
    final = not truncated
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], encoding, final)
            if text is not None:
                return Decoded(text, encoding, len(bom))
    if looks_binary(data):
        raise InvalidInputError("binary data", [InputProblem(path, "binary data, not text")])
    wide = _utf16_or_32(data[:_SAMPLE])
    if wide is not None:
        text = _try(data, wide, final)
        if text is not None:
            return Decoded(text, wide)
    text = _try(data, "utf-8", final)
    if text is not None:
        return Decoded(text, "utf-8")
    scored: list[tuple[float, str, str]] = []
    gb = _try(data, "gb18030", final)
    if gb is not None:
        scored.append((_chinese_score(gb), "gb18030", gb))
    thai = _try(data, "cp874", final)
    if thai is not None:
        scored.append((_thai_score(thai), "cp874", thai))
    scored.sort(key=lambda s: s[0], reverse=True)
    if scored and scored[0][0] >= 0.85:
        return Decoded(scored[0][2], scored[0][1])
    guessed = _guess(data)
    if guessed is not None:
        text = _try(data, guessed, final)
        if text is not None:
            return Decoded(text, guessed)
    text = _try(data, "cp1252", final)
    if text is not None:
        return Decoded(text, "cp1252")
    return Decoded(data.decode("latin-1"), "latin-1")


def split_lines(text: str) -> list[str]:
    """Split on LF only (dropping a CR before it), so line numbers match a text editor's.

    :meth:`str.splitlines` also breaks on form feeds, U+0085, U+2028 and
    others, which would shift every line number after one of them.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def iter_lines(text: str, *, keep_cr: bool = False) -> Iterator[str]:
    """:func:`split_lines`, one line at a time: a report file of a million lines
    is not copied into a list of a million strings next to its text.
    ``keep_cr`` keeps the CR of a CRLF line ending."""
    return _split(text, 0, "\n", "\r", keep_cr)


def _split(buf: AnyStr, start: int, lf: AnyStr, cr: AnyStr, keep_cr: bool) -> Iterator[AnyStr]:
    """The lines of ``buf`` from ``start`` on, split on LF (text or bytes alike)."""
    end = len(buf)
    while start < end:
        stop = buf.find(lf, start)
        if stop == -1:
            stop = end
        line = buf[start:stop]
        yield line[:-1] if not keep_cr and line.endswith(cr) else line
        start = stop + 1


#: Bytes validated at a time when a UTF-8 file is read line by line.
_VALIDATE_CHUNK = 1 << 20


def _valid_utf8(data: bytes, start: int) -> bool:
    """True when ``data[start:]`` is strict UTF-8, checked in chunks whose text is dropped."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    view = memoryview(data)
    try:
        for i in range(start, len(data), _VALIDATE_CHUNK):
            decoder.decode(view[i:i + _VALIDATE_CHUNK], final=False)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_start(data: bytes) -> int | None:
    """Where the text starts when :func:`decode` would read ``data`` as UTF-8
    (after a UTF-8 byte-order mark), else None."""
    if data.startswith(codecs.BOM_UTF8):
        return len(codecs.BOM_UTF8) if _valid_utf8(data, len(codecs.BOM_UTF8)) else None
    if wide_encoding(data) is not None or looks_binary(data):
        return None
    return 0 if _valid_utf8(data, 0) else None


@dataclass(frozen=True)
class Lines:
    """The numbered lines of a text file (see :func:`decode_lines`) and how its
    encoding writes the line feed, to join the bytes of several lines again."""

    lines: Iterator[tuple[int, str, bytes]]
    newline: bytes

    def __iter__(self) -> Iterator[tuple[int, str, bytes]]:
        return self.lines


def decode_lines(source: Source, *, keep_cr: bool = False) -> Lines | Quarantined:
    """The lines of a text file as :func:`iter_lines` splits them (``keep_cr``
    keeps the CR of CRLF endings), numbered from 1, each with its bytes in the
    input (for quarantine); or a Quarantined for the file, as
    :func:`decode_source` gives.

    A UTF-8 file (the usual case) is decoded one line at a time, so a report
    file of a million lines never sits in memory as one string next to its
    bytes; any other encoding is decoded whole first. The text is the same
    either way.
    """
    data = source.data
    if is_blank(data):
        return quarantine_file(source, "empty file")
    start = _utf8_start(data)
    if start is not None:
        return Lines(_utf8_lines(data, start, keep_cr), b"\n")
    decoded = decode_source(source)
    if isinstance(decoded, Quarantined):
        return decoded
    return Lines(((number, line, decoded.encode(line))
                  for number, line in enumerate(iter_lines(decoded.text, keep_cr=keep_cr),
                                                start=1)),
                 decoded.encode("\n"))


def _utf8_lines(data: bytes, start: int, keep_cr: bool) -> Iterator[tuple[int, str, bytes]]:
    for number, raw in enumerate(_split(data, start, b"\n", b"\r", keep_cr), start=1):
        yield number, raw.decode("utf-8"), raw


def decode_source(source: Source) -> Decoded | Quarantined:
    """Decode a whole source, or a Quarantined for the file saying why it is not text."""
    if is_blank(source.data):
        return quarantine_file(source, "empty file")
    try:
        return decode(source.data, path=source.path)
    except InvalidInputError:
        return quarantine_file(source, "binary data, not text")


# Every reader sniffs the same head in turn; remembering the last one decodes it once.
_last_head: list[tuple[str, str | None]] = []


def decode_head(source: Source) -> str | None:
    """Decode the sniffing head (cut at any byte); None when it is binary or empty."""
    if _last_head and _last_head[0][0] == source.sha256:
        return _last_head[0][1]
    head = source.head
    text: str | None
    try:
        text = decode(head, path=source.path, truncated=len(source.data) > len(head)).text
    except InvalidInputError:
        text = None
    if text is not None and not text.strip():
        text = None
    _last_head[:] = [(source.sha256, text)]
    return text


def quarantine_file(source: Source, reason: str) -> Quarantined:
    """A Quarantined for a whole file that a reader cannot use at all."""
    return Quarantined(path=source.path, reason=reason, raw=source.data,
                       evidence_sha256=source.sha256)
