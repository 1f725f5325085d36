"""Fictional mobile numbers that libphonenumber accepts, and the ways people write them.

A number is drawn from the region's own mobile numbering plan (so it is valid
per ``phonenumbers``) and then written the way victims copy it: international
with spaces or dashes, national, full-width digits in Chinese text, Thai digits
in Thai text.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

__all__ = ["PHONE_STYLES", "phone_region", "random_mobile", "write_phone"]

_FULLWIDTH = str.maketrans("0123456789+-()", "０１２３４５６７８９＋－（）")
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# Styles that parse without knowing the reader's country, and styles that need
# the number's own region as the hint (only used when reporter and phone agree).
PHONE_STYLES: dict[str, bool] = {
    "international": True,
    "dashed": True,
    "bracketed": True,
    "e164": True,
    "fullwidth": True,
    "national": False,
    "national_compact": False,
    "thai_digits": False,
}


@lru_cache(maxsize=64)
def _mobile_plan(region: str) -> tuple[int, str, re.Pattern[str]]:
    """(country code, example national number, mobile pattern) from libphonenumber's metadata."""
    example = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if example is None or metadata is None or metadata.mobile is None:
        raise ValueError(f"no mobile numbering plan for region {region!r}")
    pattern = re.compile(metadata.mobile.national_number_pattern or "")
    return int(example.country_code or 0), str(example.national_number), pattern


def random_mobile(rng: random.Random, region: str) -> str:
    """A valid mobile number of ``region`` in E.164, drawn from ``rng``.

    Candidates keep the example number's leading digits and are screened with
    the region's mobile pattern (cheap); the one returned is also checked with
    ``phonenumbers.is_valid_number``.
    """
    code, national, pattern = _mobile_plan(region)
    for _ in range(500):
        keep = rng.choice((2, 3))
        digits = national[:keep] + "".join(
            str(rng.randrange(10)) for _ in range(len(national) - keep)
        )
        if not pattern.fullmatch(digits):
            continue
        candidate = phonenumbers.parse(f"+{code}{digits}")
        if phonenumbers.is_valid_number(candidate):
            return f"+{code}{digits}"
    raise ValueError(f"could not draw a valid mobile number for {region!r}")


@lru_cache(maxsize=8192)
def _formats(e164: str) -> tuple[str, str, str]:
    """(international, national, region) for a number, computed once per number."""
    number = phonenumbers.parse(e164)
    return (
        str(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)),
        str(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)),
        str(phonenumbers.region_code_for_number(number)),
    )


def phone_region(e164: str) -> str:
    """The ISO country of a number."""
    return _formats(e164)[2]


def write_phone(e164: str, style: str) -> str:
    """``e164`` written in ``style`` (one of :data:`PHONE_STYLES`)."""
    intl, national, _ = _formats(e164)
    if style == "international":
        return intl
    if style == "dashed":
        return intl.replace(" ", "-")
    if style == "bracketed":
        code, _, rest = intl.partition(" ")
        return f"({code}) {rest}"
    if style == "e164":
        return e164
    if style == "fullwidth":
        return intl.translate(_FULLWIDTH)
    if style == "national":
        return national
    if style == "national_compact":
        return "".join(c for c in national if c.isdigit())
    if style == "thai_digits":
        return national.replace(" ", "-").translate(_THAI)
    raise ValueError(f"unknown phone style {style!r}")
