"""The text a finder works on: original, normalized, and the offset map between them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from scamnet.extract.normalize import Normalized
from scamnet.model.indicators import Indicator

__all__ = ["Document"]


@dataclass(frozen=True)
class Document:
    """One text under extraction.

    Finders read :attr:`text` (NFKC-normalized, digits folded to ASCII) and
    build indicators with :meth:`indicator`, which maps the normalized span back
    to the original so that ``original[start:end] == raw`` always holds.
    ``country`` is the ISO-3166 alpha-2 region hint (upper-case) or None.
    """

    norm: Normalized
    country: str | None = None

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def lower(self) -> str:
        """:attr:`text` lower-cased, shared by the finders that look for keywords."""
        return self.norm.text.lower()

    @property
    def original(self) -> str:
        return self.norm.original

    def indicator(
        self,
        kind: str,
        value: str,
        n_start: int,
        n_end: int,
        valid: bool = True,
        attrs: Mapping[str, str] | None = None,
    ) -> Indicator:
        """An indicator for the normalized span ``[n_start, n_end)``."""
        start, end = self.norm.span(n_start, n_end)
        return Indicator(
            kind, value, self.norm.original[start:end], start, end, valid, dict(attrs or {})
        )
