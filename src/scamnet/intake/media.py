"""Media files: stored as evidence, not read.

A WhatsApp "export with media" or a Telegram export folder holds the photos,
voice notes, videos and PDFs sent in the chat next to the text. They are
evidence (a screenshot of a transfer, a fake licence), so they are stored,
content-addressed and unchanged, like everything else; ScamNet does not read
text out of them. Before this reader each one was quarantined as "binary
data", so every export with media ended in exit status 6.

Recognised by their leading bytes, never by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from scamnet.intake.base import Source
from scamnet.intake.decode import quarantine_file
from scamnet.model.records import Quarantined, Report

__all__ = ["MediaReader", "media_type"]

# (offset, magic bytes, type). ISO media (MP4, MOV, 3GP, M4A, HEIC) all carry
# "ftyp" at offset 4; RIFF containers say what they hold at offset 8.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "png"),
    (0, b"GIF87a", "gif"),
    (0, b"GIF89a", "gif"),
    (0, b"%PDF-", "pdf"),
    # Text may start with "ID3" or "OggS"; the version bytes after them may not.
    (0, b"OggS\x00", "ogg"),
    (0, b"ID3\x02\x00", "mp3"),
    (0, b"ID3\x03\x00", "mp3"),
    (0, b"ID3\x04\x00", "mp3"),
    (0, b"\x1aE\xdf\xa3", "webm"),
    (4, b"ftyp", "iso-media"),
)
_RIFF = {b"WEBP": "webp", b"WAVE": "wav", b"AVI ": "avi"}


def media_type(data: bytes) -> str | None:
    """The media type of ``data`` judged by its leading bytes, or None."""
    for offset, magic, kind in _SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            return kind
    if data[:4] == b"RIFF":
        return _RIFF.get(data[8:12])
    return None


class MediaReader:
    """Photos, videos, voice notes and PDFs: stored, no records."""

    name: ClassVar[str] = "media"
    description: ClassVar[str] = (
        "Photos, videos, voice notes and PDFs sent in chats (JPEG, PNG, GIF, WebP, "
        "MP4/MOV/HEIC/M4A, Ogg/Opus, MP3, WAV, WebM, PDF): stored as evidence, not read")

    def sniff(self, source: Source) -> float:
        return 1.0 if media_type(source.head) is not None else 0.0

    def read(self, source: Source) -> Iterator[Report | Quarantined]:
        if media_type(source.head) is None:
            yield quarantine_file(source, "not a recognised media file")
