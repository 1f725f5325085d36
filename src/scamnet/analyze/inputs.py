"""Reading texts to classify: one per line, or one JSON object with ``text`` per line."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, cast

from scamnet.errors import InputProblem
from scamnet.intake.decode import iter_lines, wide_encoding
from scamnet.textfiles import (
    BINARY_SHARE,
    HEAD,
    decode_text,
    is_binary,
    refuse_binary,
    surrogate_at,
)

# BINARY_SHARE and is_binary are re-exported: the binary rule lives in
# scamnet.textfiles, shared with extract and the strict UTF-8 readers.
__all__ = ["BINARY_SHARE", "TextLine", "input_lines", "is_binary", "read_text_lines"]


@dataclass(frozen=True)
class TextLine:
    """One input text: its 1-based ``line``, optional ``id`` from JSON input, and text."""

    line: int
    text: str
    id: str | None = None


def input_lines(stream: IO[bytes], path: str) -> Iterable[bytes | str]:
    """The lines of an input stream, for :func:`read_text_lines`.

    UTF-8 input (the usual case) is streamed: its byte lines are decoded one
    at a time. Input whose head is UTF-16 or UTF-32 (a Windows "Unicode" text
    file), or mostly bytes that are not UTF-8 (GB18030, Windows-874, ...), is
    read whole and decoded as ingest decodes evidence, so a Chinese or Thai
    export is classified as its text, not as replacement characters.

    Binary data (a photo, an archive) raises :class:`InvalidInputError`
    naming ``path`` by the rule ``extract`` applies too
    (:func:`scamnet.textfiles.refuse_binary`); a text with a few junk lines
    among good ones is read line by line, the junk lines as replacement
    characters.
    """
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(
        cast(io.RawIOBase, stream))  # a BytesIO or similar: reading it through a buffer is safe
    head = buffered.peek(HEAD)[:HEAD]
    refuse_binary(head, path)
    if not _other_encoding(head):
        return buffered
    return iter_lines(decode_text(buffered.read(), path))


def _other_encoding(head: bytes) -> bool:
    """True when ``head`` is UTF-16/32 or mostly not UTF-8.

    A UTF-8 file with one stray Windows-1252 line stays UTF-8 (its good
    multi-byte characters outnumber the bad bytes); a GB18030 file has
    hardly any valid UTF-8 sequences beyond ASCII.
    """
    if wide_encoding(head) is not None:
        return True
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if not bad:
        return False
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return bad > good


def read_text_lines(lines: Iterable[bytes | str], path: str) -> Iterator[TextLine | InputProblem]:
    """Parse input lines; bad ones come back as :class:`InputProblem` in order.

    Byte lines are decoded as UTF-8 with invalid sequences replaced, so a line
    of binary junk becomes a (meaningless) text rather than an error. A line
    that starts with ``{`` must be a JSON object with a string ``text`` field,
    and neither it nor ``id`` may escape half of a surrogate pair. Blank lines
    are skipped.
    """
    for n, raw in enumerate(lines, start=1):
        decoded = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
        line = decoded.rstrip("\r\n")
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield InputProblem(path, f"invalid JSON: {exc.args[0]}", line=n)
                continue
            if not isinstance(obj, dict):
                yield InputProblem(path, "expected a JSON object", line=n)
                continue
            text = obj.get("text")
            if not isinstance(text, str):
                yield InputProblem(path, "missing or non-string field", line=n, field="text")
                continue
            ident = None if obj.get("id") is None else str(obj["id"])
            bad = _unpaired_surrogate(path, n, text=text, id=ident)
            if bad is not None:
                yield bad
                continue
            yield TextLine(n, text, ident)
            continue
        yield TextLine(n, line)


def _unpaired_surrogate(path: str, line: int, **fields: str | None) -> InputProblem | None:
    """The problem of a JSON line whose field escapes half of a UTF-16 surrogate
    pair (``"\\ud800"``): no character, so it can be neither classified nor
    written out as UTF-8. Only JSON escapes make one: byte lines are decoded
    with replacement, other encodings strictly."""
    for name, value in fields.items():
        at = None if value is None else surrogate_at(value)
        if value is not None and at is not None:
            return InputProblem(path, f"unpaired UTF-16 surrogate {value[at]!r} at "
                                f"character {at}", line=line, field=name)
    return None
