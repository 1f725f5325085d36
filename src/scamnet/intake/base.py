"""The reader contract: how a format reader is asked about and fed evidence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Protocol

from scamnet.model.records import Quarantined, Report

__all__ = ["Reader", "Source"]


@dataclass(frozen=True)
class Source:
    """One input file's bytes as handed to a reader.

    ``path`` is what error messages name (for archive members
    ``archive.zip!inner/name``); ``sha256`` is the evidence address that every
    record the reader yields must carry; ``country`` is the region hint the
    user gave, if any; ``date_order`` (``DMY``, ``MDY`` or ``YMD``) how the user
    said to read numeric dates that are not ISO 8601 (``12/03/2025``), if at all.
    """

    path: str
    data: bytes
    sha256: str
    country: str | None = None
    date_order: str | None = None

    @property
    def head(self) -> bytes:
        """The first 64 KiB, which is what sniffing looks at."""
        return self.data[:65536]


class Reader(Protocol):
    """A format reader. Pure: bytes in, records out; never raises on bad input.

    ``sniff`` returns a confidence in [0, 1] that the source is in this format,
    judged by content first and by file name only as a tie-breaker. ``read``
    yields one :class:`Report` per record it understood and one
    :class:`Quarantined` per record it could not, and goes on after each.
    """

    name: ClassVar[str]
    description: ClassVar[str]

    def sniff(self, source: Source) -> float: ...

    def read(self, source: Source) -> Iterator[Report | Quarantined]: ...
