"""Bank identifiers: IBANs (mod-97 and national formats) and SWIFT/BIC codes.

Validation is python-stdnum's (``stdnum.iban``: per-country length and BBAN
structure from its IBAN registry, ISO 7064 mod 97-10, national check digits;
``stdnum.bic``: ISO 9362 shape and an ISO 3166 country part).

* IBAN candidates are upper-case, printed compact or in groups of four, and
  must not touch ASCII letters or digits. A candidate whose shape is right
  for its country but whose check digits are wrong is reported with
  ``valid=False``; other look-alikes are ignored.
* A BIC is an 8- or 11-letter word like any other, so it is only taken right
  after a SWIFT/BIC keyword ("SWIFT: DEUTDEFF", "BIC code DEUTDEFF500",
  "mã SWIFT", "รหัส SWIFT").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

from scamnet.extract import native
from scamnet.extract.document import Document
from scamnet.extract.registry import register_finder
from scamnet.model.indicators import Indicator

__all__ = ["check_iban", "find_bics", "find_ibans"]

# Coarse fast scan, then the exact grouping on the short run.
_IBAN_RUN = re.compile(r"[A-Z][A-Z][0-9][0-9][A-Z0-9 ]{11,}")
_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?")
_BIC = re.compile(
    r"(?:swift|bic)(?:\s?/\s?(?:swift|bic))?(?:\s?(?:code|number|no\.?|#))?\s?[:：=\-]?\s?"
    r"(?P<bic>(?-i:[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?))",
    re.IGNORECASE,
)
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@lru_cache(maxsize=65536)
def check_iban(candidate: str) -> bool | None:
    """True for a valid IBAN, False for a well-shaped one with bad check digits, else None.

    Memoized: the same account recurs across reports, and stdnum's registry
    lookup and mod-97 cost tens of µs per candidate.
    """
    if stdnum_iban.is_valid(candidate):
        return True
    compact = stdnum_iban.compact(candidate)
    try:
        fixed = compact[:2] + stdnum_iban.calc_check_digits(compact) + compact[4:]
    except (ValidationError, ValueError, KeyError):
        return None
    return False if stdnum_iban.is_valid(fixed, check_country=False) else None


@lru_cache(maxsize=4096)
def _valid_bic(code: str) -> bool:
    try:
        stdnum_bic.validate(code)
    except ValidationError:
        return False
    return True


def iban_runs(text: str) -> Iterator[tuple[int, int]]:
    """The spans of _IBAN_RUN in ``text``: the pure-Python scan the C scanner replaces."""
    for run in _IBAN_RUN.finditer(text):
        yield run.span()


@register_finder("iban", runs_if=lambda c: bool(c.ibans))
def find_ibans(doc: Document) -> Iterator[Indicator]:
    """IBANs in ``doc``, compact upper-case; bad check digits give ``valid=False``."""
    found = doc.candidates
    if found is None and doc.digits < 2:
        return  # every IBAN has two ASCII check digits in the normalized text
    text = doc.text
    n = len(text)
    for start, end in iban_runs(text) if found is None else native.pairs(found.ibans):
        m = _IBAN.match(text, start, end)
        if m is None:
            continue
        s, e = m.span()
        if s > 0 and text[s - 1] in _ALNUM:
            continue
        raw = m.group()
        # Try the whole candidate, then drop trailing characters: an IBAN may
        # run into an upper-case word ("…7654 32 THANKS").
        while len(raw) >= 15:
            end = s + len(raw)
            if end == e and end < n and text[end] in _ALNUM:
                result = None
            else:
                result = check_iban(raw)
            if result is not None:
                attrs = {"country": raw[:2]}
                if not result:
                    attrs["error"] = "IBAN check digits (mod 97) wrong"
                yield doc.indicator("iban", stdnum_iban.compact(raw), s, end, result, attrs)
                break
            raw = raw[:-1].rstrip()


_BIC_WORDS = native.word_bit("swift") | native.word_bit("bic")


@register_finder("bic", runs_if=lambda c: bool(c.words & _BIC_WORDS))
def find_bics(doc: Document) -> Iterator[Indicator]:
    """SWIFT/BIC codes right after a SWIFT or BIC keyword, country part validated."""
    text = doc.text
    low = doc.lower
    if "swift" not in low and "bic" not in low:
        return
    n = len(text)
    for m in _BIC.finditer(text):
        s = m.start()
        if s > 0 and text[s - 1] in _ALNUM:
            continue
        bs, be = m.span("bic")
        if be < n and text[be] in _ALNUM:
            continue
        code = m.group("bic").upper()
        if not _valid_bic(code):
            continue
        yield doc.indicator("bic", code, bs, be, True, {"country": code[4:6]})
