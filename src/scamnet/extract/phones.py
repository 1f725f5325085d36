"""Phone numbers, validated and normalized to E.164 by libphonenumber.

libphonenumber's own ``PhoneNumberMatcher`` is thorough but slow (see
``benchmarks/bench_extract.py``), so this finder proposes candidates with one
regex over the normalized text (full-width and Thai/Myanmar/Khmer/Arabic digits
are already ASCII there) and only parses those:

* 8 to 15 digits, optionally after ``+``, separated by at most one space,
  dash, dot or bracket between digits; the leading ``00`` international
  prefix is read as ``+``.
* A national number (no ``+``/``00``) is parsed only with a country hint; it
  is reported only when ``is_valid_number`` holds. A ``+``/``00`` number that
  parses but is not valid is reported with ``valid=False``.
* Not a phone: digits glued to ASCII letters or digits (wallets, IBANs, order
  ids such as ``A12345678``), after ``#``, ``*``, ``/``, ``$`` or a currency
  sign, before ``%``/``#``/``*`` or a currency word, dates (``2025-03-27``,
  ``27.03.2025``) and thousands-grouped amounts (``19.137.909``). Digits inside
  an IBAN, wallet, URL or e-mail are dropped by :func:`scamnet.extract.extract`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata, PhoneNumber

from scamnet.extract import native
from scamnet.extract.document import Document
from scamnet.extract.registry import register_finder
from scamnet.model.indicators import Indicator

__all__ = ["find_phones", "parse_international", "parse_phone"]

# A coarse run of digits and separators, scanned fast (a small first-character
# set), then split into well-formed candidates by _SHAPE on the short run.
_RUN = re.compile(r"[+(0-9][0-9 .()\-]{7,}")
_SHAPE = re.compile(
    r"\+ ?\(?\d(?:(?:[ .\-]| ?[()] ?)?\d){6,40}|\(?\d(?:(?:[ .\-]| ?[()] ?)?\d){7,40}"
)
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_BAD_BEFORE = frozenset("#*/$€£¥฿₫₹₱₩@&%") | _ALNUM
_BAD_AFTER = frozenset("%#*/$€£¥฿₫@") | _ALNUM
# An amount written right after the digits: "19.137.909 VNĐ", "5000000 บาท".
_CURRENCY_AFTER = re.compile(
    r"\s?(?:(?:vn[dđ]|đ|dong|đồng|usdt?|eur|rmb|cny|thb|idr|rp)(?![a-zà-ỹ])|บาท|元|块|万)",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?:\d{4}[.\-]\d{1,2}[.\-]\d{1,2}|\d{1,2}[.\-]\d{1,2}[.\-]\d{4})")
_YYYYMMDD = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_GROUPED_AMOUNT = re.compile(r"\d{1,3}(?:[ .]\d{3})+")
_E164 = phonenumbers.PhoneNumberFormat.E164
# bytes.translate(None, _NOT_DIGIT) keeps only the ASCII digits, in C.
_NOT_DIGIT = bytes(b for b in range(256) if not 0x30 <= b <= 0x39)


@lru_cache(maxsize=256)
def _simple_prefix(region: str) -> tuple[int, str] | None:
    """(country code, national prefix) when a national number needs no more than
    stripping that prefix; None for regions with carrier codes or transforms."""
    meta = PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.country_code is None:
        return None
    prefix = meta.national_prefix or ""
    parsing = meta.national_prefix_for_parsing
    if meta.national_prefix_transform_rule or (parsing is not None and parsing != prefix):
        return None
    return int(meta.country_code), prefix


@lru_cache(maxsize=256)
def _national_rule(region: str) -> tuple[int, str, re.Pattern[str] | None] | None:
    """(country code, national prefix, national-prefix pattern) for reading a
    national number of ``region`` without ``phonenumbers.parse``; None when unsure.

    A simple region (:func:`_simple_prefix`) strips its prefix as a string.
    Other regions without a transform rule (GB ``0|180020``, CN, AU, KR…)
    strip what ``national_prefix_for_parsing`` matches, as parse does; the
    caller gives up when the match captures a group (a carrier code).
    """
    simple = _simple_prefix(region)
    if simple is not None:
        return simple[0], simple[1], None
    meta = PhoneMetadata.metadata_for_region(region)
    if (meta is None or meta.country_code is None or meta.national_prefix_transform_rule
            or not meta.national_prefix_for_parsing):
        return None
    return int(meta.country_code), "", re.compile(meta.national_prefix_for_parsing)


@lru_cache(maxsize=1024)
def _national_lengths(code: int) -> frozenset[int] | None:
    """Every national-number length a valid number of country code ``code`` may
    have, from libphonenumber's metadata; None when some region sets no bound.

    ``is_valid_number_for_region`` starts by testing the number's length
    against its region's ``general_desc.possible_length`` and fails outside
    it; a length outside the union over the code's regions therefore fails
    in every region, and the number need not be looked up (3-10 µs).
    """
    lengths: set[int] = set()
    for region in COUNTRY_CODE_TO_REGION_CODE.get(code, ()):
        meta = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
        if meta is None or meta.general_desc is None:
            continue  # is_valid_number_for_region is False there
        possible = meta.general_desc.possible_length
        if not possible:
            return None
        lengths.update(possible)
    return frozenset(lengths)


def _valid_region(number: PhoneNumber) -> str | None:
    """The number's region when ``phonenumbers.is_valid_number`` holds, else None.

    ``is_valid_number`` is ``is_valid_number_for_region`` of the region
    ``region_code_for_number`` finds; done here in those two steps, the region
    (wanted for ``attrs.region``) is not looked up a second time, which for
    shared country codes (+1, +7, +44) means matching the number against
    every region's patterns again.
    """
    region = phonenumbers.region_code_for_number(number)
    # is_valid_number_for_region is False for a None region, as here.
    if region is None or not phonenumbers.is_valid_number_for_region(number, region):
        return None
    return region


def _fast_reading(
    digits: str, international: bool, region: str | None
) -> tuple[PhoneNumber, str] | None:
    """A valid number built straight from the digits, and its region, skipping
    ``phonenumbers.parse``.

    ``parse`` costs about 40 µs and is most of the finder's time; for the
    common shapes the country code and national number can be read off the
    digits directly. Returns None when unsure; the caller then parses.
    """
    if international:
        split = _country_code(digits)
        if split is None:
            return None
        code, national = split
    else:
        if region is None:
            return None
        rule = _national_rule(region)
        if rule is None:
            return None
        code, prefix, pattern = rule
        if pattern is None:
            national = digits[len(prefix):] if prefix and digits.startswith(prefix) else digits
        else:
            m = pattern.match(digits)
            if m is not None and m.lastindex is not None:
                return None  # a carrier code or a transformed prefix: the full parser
            national = digits if m is None else digits[m.end():]
    if not national or national[0] == "0":
        return None  # Italian-style leading zeros need the full parser
    lengths = _national_lengths(code)
    if lengths is not None and len(national) not in lengths:
        return None  # no region of this country code has numbers this long
    number = PhoneNumber(country_code=code, national_number=int(national))
    number_region = _valid_region(number)
    return None if number_region is None else (number, number_region)


def _country_code(digits: str) -> tuple[int, str] | None:
    """(country code, national digits) of international ``digits``: the first one to
    three digits that are a country code, as ``phonenumbers.parse`` reads them.

    None when none is, and when the digits start with 0: no country code does,
    and parse refuses "+07 912…" rather than reading +7.
    """
    if not digits or digits[0] == "0":
        return None
    for width in (1, 2, 3):
        code = int(digits[:width])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            return code, digits[width:]
    return None


def _fast_number(digits: str, international: bool, region: str | None) -> PhoneNumber | None:
    """The number of :func:`_fast_reading`, or None."""
    reading = _fast_reading(digits, international, region)
    return None if reading is None else reading[0]


@lru_cache(maxsize=256)
def _plain_rules(region: str) -> tuple[str, str, re.Pattern[str] | None] | None:
    """(country code, national prefix, international-prefix pattern) of a simple region."""
    simple = _simple_prefix(region)
    meta = PhoneMetadata.metadata_for_region(region)
    if simple is None or meta is None:
        return None
    idd = re.compile(meta.international_prefix) if meta.international_prefix else None
    return str(simple[0]), simple[1], idd


def _parse_is_plain(digits: str, region: str) -> bool:
    """True when ``phonenumbers.parse(digits, region)`` can only read ``digits`` as they are.

    That holds when the digits start with neither the national prefix, nor
    the region's country code, nor its international (IDD) prefix, nor ``0``
    (no Italian-style leading zero): parse then strips and extracts nothing,
    so it builds the same number as :func:`_fast_number`. Most phone-shaped
    digit runs that fail (amounts, order numbers, foreign mobiles) are like
    this, and skipping the ~40 µs parse for them is half the finder's time.
    """
    rules = _plain_rules(region)
    if rules is None or digits[0] == "0":
        return False
    code, prefix, idd = rules
    if (prefix and digits.startswith(prefix)) or digits.startswith(code):
        return False
    return idd is None or idd.match(digits) is None


@lru_cache(maxsize=1024)
def _prefix_for_parsing(country_code: int) -> re.Pattern[str] | None:
    """The national-prefix pattern ``phonenumbers.parse`` tries on a "+" number
    of this country code (None when it has none)."""
    region = phonenumbers.region_code_for_country_code(country_code)
    meta = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    prefix = meta.national_prefix_for_parsing if meta is not None else None
    return re.compile(prefix) if prefix else None


def _plain_international(digits: str) -> PhoneNumber | None:
    """The number ``phonenumbers.parse("+" + digits)`` builds, when it can only
    read the digits as they are; None when unsure.

    After the country code (the first one to three digits that are one, as
    :func:`_fast_reading` reads them), parse strips nothing unless the
    region's national-prefix pattern matches, and keeps the rest as the
    national number when it has 2 to 17 digits and no leading zero. Checked
    here, a "+" number that the fast reading found invalid need not be parsed
    (~40 µs) to be reported invalid.
    """
    split = _country_code(digits)
    if split is None:
        return None
    code, national = split
    if not 2 <= len(national) <= 17 or national[0] == "0":
        return None
    prefix = _prefix_for_parsing(code)
    if prefix is not None and prefix.match(national):
        return None
    return PhoneNumber(country_code=code, national_number=int(national))


@lru_cache(maxsize=65536)
def _parse_digits(
    digits: str, international: bool, region: str | None
) -> tuple[str, str, bool] | None:
    reading = _fast_reading(digits, international, region)
    if reading is None:
        if not international and region is not None and _parse_is_plain(digits, region):
            return None  # parse would build the very number _fast_number found invalid
        plain = _plain_international(digits) if international and digits.isascii() else None
        if plain is not None:
            # The number parse would build, which the fast reading built too and
            # found invalid: it gives up unsure only on a national leading
            # zero, and _plain_international refuses those.
            e164 = phonenumbers.format_number(plain, _E164)
            return e164, phonenumbers.region_code_for_number(plain) or "", False
        try:
            if international:
                number = phonenumbers.parse("+" + digits, None)
            elif region:
                number = phonenumbers.parse(digits, region)
            else:
                return None
        except phonenumbers.NumberParseException:
            return None
        number_region = phonenumbers.region_code_for_number(number)
        valid = number_region is not None and bool(
            phonenumbers.is_valid_number_for_region(number, number_region))
        if not valid and not international:
            return None
    else:
        number, number_region = reading
        valid = True
    e164 = phonenumbers.format_number(number, _E164)
    return e164, number_region or "", valid


def parse_international(digits: str) -> tuple[str, bool] | None:
    """(E.164, valid) of ASCII ``digits`` read as ``"+" + digits``, or None when
    libphonenumber cannot parse that; memoized with the phone finder's numbers.

    No country code starts with 0, and ``phonenumbers.parse`` refuses a
    ``"+0…"`` number (so does the fast reading, see :func:`_fast_reading`).
    """
    if not digits or digits[0] == "0":
        return None
    parsed = _parse_digits(digits, True, None)
    return None if parsed is None else (parsed[0], parsed[2])


def parse_phone(candidate: str, region: str | None) -> tuple[str, str, bool] | None:
    """(E.164, region, valid) for a candidate phone string, or None.

    A leading ``+`` or ``00`` makes the number international; otherwise it is
    parsed in ``region`` and None is returned without one. A national number
    is returned only when valid; an international one also when invalid.
    """
    if candidate.isascii():
        digits = candidate.encode("ascii").translate(None, _NOT_DIGIT).decode("ascii")
    else:
        digits = "".join(c for c in candidate if c.isdigit())
    international = candidate.startswith("+")
    if not international and digits.startswith("00") and len(digits) > 9:
        international = True
        digits = digits[2:]
    if not digits:
        return None
    # An international number is read without the hint: one memo entry for
    # it whatever the reports' countries.
    return _parse_digits(digits, international, None if international else region)


def precheck(text: str, s: int, e: int) -> tuple[int, int, bool] | None:
    """What :func:`_parse_at` does with the span ``[s, e)`` of ``text`` before parsing.

    None when it is not a phone number: fewer than 8 or more than 15 digits,
    glued to a letter, digit or sign, a date, a thousands-grouped amount.
    Else ``(start, end, check_currency)``: the span to parse (stripped of
    " .-", an opening bracket without a closing one dropped) and True when an
    amount's currency right after it (``_CURRENCY_AFTER``) still rules it
    out. The pure-Python twin of the C scanner's ``phone_at``.
    """
    raw = text[s:e].strip(" .-")
    if not raw:
        return None
    s = text.index(raw, s)
    e = s + len(raw)
    if raw[0] == "(" and ")" not in raw:
        s += 1
        raw = raw[1:]
    # raw comes from the normalized text, where every decimal digit is ASCII.
    n_digits = len(raw.encode("utf-8", "surrogatepass").translate(None, _NOT_DIGIT))
    if not 8 <= n_digits <= 15:
        return None
    if s > 0 and text[s - 1] in _BAD_BEFORE:
        return None
    if e < len(text) and text[e] in _BAD_AFTER:
        return None
    if raw[0] == "+":
        return s, e, False  # "+66 …" is a phone even before "USDT"
    if _DATE.fullmatch(raw) or _YYYYMMDD.fullmatch(raw):
        return None
    if raw[0] == "0" or raw[0] == "(":
        return s, e, False  # amounts do not start with 0; "09 450 000 123" is a phone
    if _GROUPED_AMOUNT.fullmatch(raw) is not None:
        return None
    return s, e, True


def _pieces(raw: str) -> Iterator[tuple[int, int]]:
    """Sub-spans of a candidate to try, longest first, when the whole fails.

    The candidate regex joins space-separated numbers ("0812345678 0898765432",
    a date then a number); trying space-delimited windows splits them again.
    """
    cuts = [0] + [i + 1 for i, c in enumerate(raw) if c == " "]
    ends = [i for i, c in enumerate(raw) if c == " "] + [len(raw)]
    for i in range(len(cuts)):
        for j in range(len(ends) - 1, i - 1, -1):
            if (i, j) != (0, len(ends) - 1):
                yield cuts[i], ends[j]


def _parse_at(doc: Document, s: int, e: int) -> Indicator | None:
    text = doc.text
    # The checks before parsing run in C when the C scanner is on (the same
    # as precheck, tested against it), at about a tenth of the cost.
    pre = precheck(text, s, e) if doc.candidates is None else native.phone_at(text, s, e)
    if pre is None:
        return None
    s, e, check_currency = pre
    if check_currency and _CURRENCY_AFTER.match(text, e) is not None:
        return None  # an amount: "5000000 บาท", "19137909 VNĐ"
    parsed = parse_phone(text[s:e], doc.country)
    if parsed is None:
        return None
    e164, number_region, valid = parsed
    attrs = {"region": number_region}
    if not valid:
        attrs["error"] = "not a valid number for its country"
    return doc.indicator("phone", e164, s, e, valid, attrs)


def runs(text: str) -> Iterator[tuple[int, int]]:
    """The spans of _RUN in ``text``: the pure-Python scan the C scanner replaces."""
    for run in _RUN.finditer(text):
        yield run.span()


def shapes(text: str) -> Iterator[tuple[int, int]]:
    """The spans of _SHAPE in the runs of _RUN: the pure-Python scan the C scanner replaces."""
    for start, end in runs(text):
        for m in _SHAPE.finditer(text, start, end):
            yield m.span()


def _candidates(doc: Document) -> Iterator[tuple[int, int]]:
    found = doc.candidates
    return shapes(doc.text) if found is None else native.pairs(found.phones)


@register_finder("phone", runs_if=lambda c: bool(c.phones))
def find_phones(doc: Document) -> Iterator[Indicator]:
    """Phone numbers in ``doc``; ``doc.country`` is the region hint for national formats."""
    # Many short messages hold fewer digits than any phone number (with the C
    # scanner on, the registry's gate has already skipped texts without a run).
    if doc.candidates is None and doc.digits < 8:
        return
    for s, e in _candidates(doc):
        found = _parse_at(doc, s, e)
        if found is not None and found.valid:
            yield found
            continue
        group = doc.text[s:e]
        if " " not in group:
            if found is not None:
                yield found
            continue
        # The whole run failed: look for numbers inside it, left to right.
        covered = s
        for ps, pe in _pieces(group):
            if s + ps < covered:
                continue
            piece = _parse_at(doc, s + ps, s + pe)
            if piece is not None and piece.valid:
                yield piece
                covered = s + pe
        if covered == s and found is not None:
            yield found  # an invalid "+…" number, kept as such
