"""The text a finder works on: original, normalized, and the offset map between them."""

from __future__ import annotations

from collections.abc import Mapping

from scamnet.extract import native
from scamnet.extract.normalize import Normalized
from scamnet.model.indicators import Indicator

__all__ = ["Document"]

# Every byte but ASCII 0-9: deleting them from UTF-8 leaves the digits (bytes of
# multi-byte characters are all >= 0x80, so none is mistaken for a digit).
_NOT_DIGIT = bytes(b for b in range(256) if not 0x30 <= b <= 0x39)


class Document:
    """One text under extraction.

    Finders read :attr:`text` (NFKC-normalized, digits folded to ASCII) and
    build indicators with :meth:`indicator`, which maps the normalized span back
    to the original so that ``original[start:end] == raw`` always holds.
    ``country`` is the ISO-3166 alpha-2 region hint (upper-case) or None;
    ``platform`` the messaging platform the text was written on (lower-case,
    ``"telegram"``) or None.

    A plain slotted class rather than a frozen dataclass: one is built per
    :func:`scamnet.extract.extract` call, and a frozen dataclass's
    ``object.__setattr__`` per field costs more than a short message's scan.
    Treat it as immutable.
    """

    __slots__ = ("_candidates", "_digits", "_lower", "country", "norm", "original", "platform",
                 "text")

    def __init__(self, norm: Normalized, country: str | None = None,
                 platform: str | None = None) -> None:
        self.norm = norm
        self.country = country
        self.platform = platform
        self.text = norm.text
        self.original = norm.original
        self._lower: str | None = None
        self._digits = -1
        self._candidates: native.Candidates | None = None

    def __repr__(self) -> str:
        return f"Document({self.norm!r}, {self.country!r}, {self.platform!r})"

    @property
    def lower(self) -> str:
        """:attr:`text` lower-cased, shared by the finders that look for keywords."""
        low = self._lower
        if low is None:
            low = self._lower = self.text.lower()
        return low

    @property
    def candidates(self) -> native.Candidates | None:
        """Every finder's first-scan positions from the C scanner, or None when it is off.

        Computed once per document, in one pass, for all finders; a finder
        given None runs its own ``re`` scan (the reference, and the fallback).
        """
        found = self._candidates
        if found is None and native.enabled():
            found = self._candidates = native.candidates(self.text)
        return found

    @property
    def digits(self) -> int:
        """How many ASCII digits :attr:`text` holds (every decimal digit is ASCII there).

        Counted in C (encode, then ``bytes.translate`` deleting the rest), so
        finders that need several digits skip a text cheaply; shared by them.
        """
        count = self._digits
        if count < 0:
            encoded = self.text.encode("utf-8", "surrogatepass")
            count = self._digits = len(encoded.translate(None, _NOT_DIGIT))
        return count

    def indicator(
        self,
        kind: str,
        value: str,
        n_start: int,
        n_end: int,
        valid: bool = True,
        attrs: Mapping[str, str] | None = None,
    ) -> Indicator:
        """An indicator for the normalized span ``[n_start, n_end)``.

        ``attrs`` is copied, so finders may pass a shared (memoized) mapping.
        """
        norm = self.norm
        if norm.n_starts:
            start, end = norm.span(n_start, n_end)
        else:
            start, end = n_start, n_end
        return Indicator.build(
            kind, value, norm.original[start:end], start, end, valid, dict(attrs or {})
        )
