"""Files users hand ScamNet as text: when they are binary data, and how they are decoded.

Two rules, each written once:

* **Binary data** (a photo, an archive, a zip given by mistake) is refused by
  every command that reads a user's text, with the file, the line and the
  offset of its first junk byte (:func:`refuse_binary`). A text with a junk
  line among good ones is not binary: ``extract`` and ``classify`` read that
  line as replacement characters (:func:`decode_text`).
* **Formats defined as UTF-8** (link allowlists, watchlist CSVs, screening
  batch files) are read strictly (:func:`utf8_text`): a byte-order mark is
  dropped; a byte that is not UTF-8, UTF-16 text or a NUL byte is an error
  naming the file, the line and the byte, never a silently wrong value.
  Their CSV rows come with the line each starts on (:class:`CsvFile`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from scamnet.errors import InputProblem, InvalidInputError
from scamnet.intake.decode import decode, looks_binary, wide_encoding

__all__ = ["BINARY_SHARE", "HEAD", "CsvFile", "CsvRow", "binary_problem", "decode_text",
           "is_binary", "refuse_binary", "surrogate_at", "utf8_text"]

#: Bytes of an input's start that decide whether it is binary data.
HEAD = 65536

#: Share of junk bytes from which binary-looking input is refused (see :func:`is_binary`).
BINARY_SHARE = 0.2


def is_binary(head: bytes) -> bool:
    """True when the input starting with ``head`` is binary data, not text.

    Ingest's test (:func:`scamnet.intake.decode.looks_binary`: NUL bytes, many
    control bytes) must say so, and at least :data:`BINARY_SHARE` of the bytes
    must be junk: NUL bytes and bytes that are not UTF-8. The second test
    keeps one junk line among good texts from refusing the whole input, and a
    line of odd characters that are UTF-8 (control characters, a JSON line of
    them) is still a text. Random or compressed data (a photo, a zip) has
    about half its bytes junk.
    """
    if not looks_binary(head):
        return False
    text = head.decode("utf-8", errors="replace")
    # Replacement characters the text really holds (written as UTF-8) are not junk.
    junk = text.count("\ufffd") - head.count("\ufffd".encode()) + text.count("\x00")
    return junk >= BINARY_SHARE * len(head)


def surrogate_at(text: str) -> int | None:
    """Where ``text`` holds half of a UTF-16 surrogate pair, or None.

    Such a "character" is no text: it cannot be written as UTF-8, classified or
    screened. It reaches a ``str`` through a JSON escape (``"\\ud800"``) or a
    command-line byte that was not UTF-8; bytes decoded here never give one.
    """
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _line(data: bytes, offset: int) -> int:
    """The 1-based line of byte ``offset``, as a text editor counts it."""
    return data.count(b"\n", 0, offset) + 1


def _first_junk(head: bytes) -> int:
    """Offset of the first NUL byte or byte that is not UTF-8 in ``head`` (0 if none)."""
    found = [head.find(b"\x00")]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        found.append(exc.start)
    return min((at for at in found if at >= 0), default=0)


def binary_problem(data: bytes, path: str) -> InputProblem | None:
    """The problem of an input starting with ``data`` when it is binary data
    (:func:`is_binary` on its first :data:`HEAD` bytes), naming ``path`` and the
    line and offset of its first junk byte; None for text."""
    head = data[:HEAD]
    if not is_binary(head):
        return None
    at = _first_junk(head)
    return InputProblem(path, f"binary data, not text (byte 0x{head[at]:02x} at offset {at})",
                        line=_line(head, at))


def refuse_binary(data: bytes, path: str) -> None:
    """Raise :class:`InvalidInputError` (see :func:`binary_problem`) when the input
    starting with ``data`` is binary data."""
    problem = binary_problem(data, path)
    if problem is not None:
        raise InvalidInputError("binary data", [problem])


def decode_text(data: bytes, path: str) -> str:
    """The text of an input in any encoding ingest reads (UTF-8, UTF-16/32,
    GB18030, Windows-874, ...), as ``extract`` and ``classify`` read it.

    Binary data raises (:func:`refuse_binary`). Ingest's own test refuses any
    NUL byte or a few control bytes; text that only that test calls binary
    (one junk line among good ones) is read as UTF-8, the junk as
    replacement characters.
    """
    refuse_binary(data, path)
    try:
        return decode(data, path=path).text
    except InvalidInputError:
        return data.decode("utf-8", errors="replace")


def utf8_text(data: bytes, path: str, *, what: str) -> str:
    """``data``, a ``what`` file whose format is UTF-8 text, as text (a byte-order
    mark dropped).

    Raises :class:`InvalidInputError` naming ``path`` and the line for binary
    data (:func:`refuse_binary`), a byte that is not UTF-8 or a NUL byte (no
    format read this way has one), with the byte's offset; UTF-16 or UTF-32
    text (Excel's and Notepad's "Unicode text") is named as the likely cause.
    """
    refuse_binary(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Most often a spreadsheet saved in a legacy code page: the user must
        # re-save it as UTF-8, and needs to know which file and where.
        raise InvalidInputError(f"{what} is not UTF-8", [InputProblem(
            path, f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8 "
                  f"({_wide_guess(data)}save the file as UTF-8)",
            line=_line(data, exc.start))]) from None
    if "\x00" in text:
        at = data.find(b"\x00")
        guess = _wide_guess(data)
        hint = f" ({guess}save the file as UTF-8)" if guess else ""
        raise InvalidInputError(f"{what} is not text", [InputProblem(
            path, f"byte 0x00 at offset {at} is not text{hint}", line=_line(data, at))])
    return text


def _wide_guess(data: bytes) -> str:
    """``"UTF-16-LE text? "`` (or another UTF-16/32) when the byte-order mark or
    the NUL bytes of a file that is not UTF-8 say it likely is that; else ``""``."""
    wide = wide_encoding(data[:HEAD])
    return "" if wide is None else f"{wide.upper()} text? "


@dataclass(frozen=True)
class CsvRow:
    """One CSV row: the ``line`` it starts on (1-based), its ``fields`` as written,
    and ``cells``, the header's columns to their stripped values (a short row
    lacks the last ones; the fields of an overlong row past the header are
    only in ``fields``)."""

    line: int
    fields: tuple[str, ...]
    cells: dict[str, str]


class CsvFile:
    """A CSV text with a header line, read row by row.

    ``header`` holds the column names stripped and lower-cased; an unreadable
    header raises :class:`InvalidInputError` at once. Iterating yields a
    :class:`CsvRow` per row (blank lines skipped) and, for a row the reader
    cannot parse, an :class:`InputProblem` naming its line, after which
    nothing more is read. What a short, overlong or broken row means is the
    caller's to decide.
    """

    def __init__(self, text: str, path: str, *, strict: bool = False) -> None:
        self.path = path
        self._reader = csv.reader(io.StringIO(text, newline=""), strict=strict)
        try:
            first = next(self._reader, [])
        except csv.Error as exc:
            raise InvalidInputError(f"{path}:1: unreadable CSV header: {exc}") from None
        self.header = [name.strip().lower() for name in first]

    def __iter__(self) -> Iterator[CsvRow | InputProblem]:
        while True:
            start = self._reader.line_num + 1
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # The reader cannot resynchronise after a broken row (an
                # over-long field, a quote never closed): the rest is one problem.
                yield InputProblem(self.path, f"broken CSV row, rest of file not read: {exc}",
                                   line=start)
                return
            if fields:
                yield CsvRow(start, tuple(fields),
                             dict(zip(self.header, (f.strip() for f in fields), strict=False)))
