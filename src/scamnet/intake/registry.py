"""The one place format readers are registered, detected and run.

:data:`READERS` lists every reader; :func:`detect` picks the one whose
``sniff`` of the content scores highest (the file extension only breaks ties),
and :func:`read_source` runs it, or yields one :class:`Quarantined` for the
whole file when nothing fits.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from scamnet.errors import NotFoundError
from scamnet.intake.base import Reader, Source
from scamnet.intake.decode import is_blank, looks_binary, quarantine_file
from scamnet.intake.eml import EmailReader
from scamnet.intake.media import MediaReader
from scamnet.intake.reports_csv import ReportsCsvReader
from scamnet.intake.reports_jsonl import ReportsJsonlReader
from scamnet.intake.telegram import TelegramReader
from scamnet.intake.transcript import TranscriptReader
from scamnet.intake.whatsapp import WhatsAppReader
from scamnet.model.records import Quarantined, Report

__all__ = ["READERS", "THRESHOLD", "detect", "get_reader", "read_source", "scores"]

READERS: tuple[Reader, ...] = (
    ReportsJsonlReader(),
    ReportsCsvReader(),
    WhatsAppReader(),
    TelegramReader(),
    EmailReader(),
    TranscriptReader(),
    MediaReader(),
)

#: The lowest sniff score that counts as "this is the format".
THRESHOLD = 0.3

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive (or a zip-based office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (old Office or Outlook .msg)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def get_reader(name: str) -> Reader:
    """The reader registered as ``name``; :class:`NotFoundError` listing the known names."""
    for reader in READERS:
        if reader.name == name:
            return reader
    known = ", ".join(r.name for r in READERS)
    raise NotFoundError(f"unknown format {name!r}; known formats: {known}")


def _extension_match(reader: Reader, path: str) -> bool:
    suffix = PurePosixPath(path.replace("\\", "/").rsplit("!", 1)[-1]).suffix.lower()
    extensions: tuple[str, ...] = getattr(reader, "extensions", ())
    return bool(suffix) and suffix in extensions


def scores(source: Source) -> list[tuple[float, Reader]]:
    """Every reader's sniff score for ``source``, best first (extension breaks ties)."""
    ranked = []
    for order, reader in enumerate(READERS):
        score = reader.sniff(source)
        ranked.append((score, _extension_match(reader, source.path), -order, reader))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    return [(score, reader) for score, _, _, reader in ranked]


def detect(source: Source) -> Reader | None:
    """The reader for ``source`` judged by content, or None when none scores >= THRESHOLD."""
    best = scores(source)
    if best and best[0][0] >= THRESHOLD:
        return best[0][1]
    return None


def _why_not(source: Source) -> str:
    data = source.data
    if is_blank(data):
        return "empty file"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary data ({what}), not a supported format"
    if looks_binary(data):
        return "binary data, not text"
    return "unrecognised format: text that no reader understands (e.g. JSON of an unknown shape)"


def read_source(source: Source, format: str | None = None) -> Iterator[Report | Quarantined]:
    """Parse ``source`` with the named reader, or the detected one.

    Yields reports and quarantined records; when no reader fits, one
    Quarantined for the whole file says why (empty, binary, unrecognised).
    Raises :class:`NotFoundError` only for an unknown ``format`` name.
    """
    reader = get_reader(format) if format is not None else detect(source)
    if reader is None:
        yield quarantine_file(source, _why_not(source))
        return
    yield from reader.read(source)
