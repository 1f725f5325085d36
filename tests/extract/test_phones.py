"""Phone finder: libphonenumber validation, E.164, many digit scripts, few false positives."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

from scamnet.extract import extract
from scamnet.extract.phones import (
    _fast_number,
    _fast_reading,
    _national_lengths,
    _national_rule,
    _parse_is_plain,
    _plain_international,
    _valid_region,
    parse_international,
    parse_phone,
)

from .strategies import embed, filler

REGIONS = ["TH", "VN", "CN", "ID", "PH", "MY", "KH", "MM", "US", "GB", "SG", "IN"]
DIGIT_SCRIPTS = {
    "ascii": "0123456789",
    "fullwidth": "０１２３４５６７８９",
    "thai": "๐๑๒๓๔๕๖๗๘๙",
    "myanmar": "၀၁၂၃၄၅၆၇၈၉",
    "khmer": "០១២៣៤៥៦៧៨៩",
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
}


def phones(text: str, country: str | None = None) -> list[str]:
    found = extract(text, country=country, kinds=["phone"])
    for i in found:
        assert text[i.start:i.end] == i.raw
    return [i.value for i in found if i.valid]


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, phonenumbers.PhoneNumber]:
    region = draw(st.sampled_from(REGIONS))
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    # Vary the last digits of the example and keep what libphonenumber calls valid.
    national = str(example.national_number)
    tail = draw(st.integers(min_value=0, max_value=9999))
    candidate = national[:-4] + f"{tail:04d}"
    number = phonenumbers.parse("+" + str(example.country_code) + candidate, None)
    assume(phonenumbers.is_valid_number(number))
    return region, number


def _script(text: str, script: str) -> str:
    return text.translate(str.maketrans("0123456789", DIGIT_SCRIPTS[script]))


@given(
    number=valid_numbers(),
    fmt=st.sampled_from([phonenumbers.PhoneNumberFormat.E164,
                         phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                         phonenumbers.PhoneNumberFormat.NATIONAL]),
    script=st.sampled_from(sorted(DIGIT_SCRIPTS)),
    prefix=filler, suffix=filler,
)
def test_round_trip_in_any_digit_script(
    number: tuple[str, phonenumbers.PhoneNumber], fmt: int, script: str, prefix: str, suffix: str
) -> None:
    region, parsed = number
    written = _script(phonenumbers.format_number(parsed, fmt), script)
    # Words, not digits, right next to the number: "+62 812 3400 00 123" is
    # itself a valid longer Indonesian number, so digits after a single space
    # are ambiguous even to a reader.
    text, offset = embed(prefix + " 电话:", written, "谢谢 " + suffix)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    found = [i for i in extract(text, country=region, kinds=["phone"]) if i.value == e164]
    assert found, (text, e164)
    ind = found[0]
    assert text[ind.start:ind.end] == ind.raw
    # The span covers the number as written (national brackets may be left out).
    assert offset <= ind.start and ind.end <= offset + len(written)
    assert ind.valid and ind.attrs["region"] == phonenumbers.region_code_for_number(parsed)


@given(number=valid_numbers())
def test_00_international_prefix(number: tuple[str, phonenumbers.PhoneNumber]) -> None:
    _, parsed = number
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    assert e164 in phones(f"call 00{e164[1:]} today")


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("โทร 081-234-5678 ค่ะ", "TH", "+66812345678"),
    ("โทร ๐๘๑ ๒๓๔ ๕๖๗๘", "TH", "+66812345678"),
    ("电话：１３８００１３８０００。", "CN", "+8613800138000"),
    ("电话:138.0013.8000", "CN", "+8613800138000"),
    ("call (02) 123 4567", "TH", "+6621234567"),
    ("+855 12 345 678", None, "+85512345678"),
    ("ဖုန်း ၀၉ ၄၅၀ ၀၀၀ ၁၂၃", "MM", "+959450000123"),
    ("Số 0912345678 nhé", "VN", "+84912345678"),
    ("0812345678 0898765432", "TH", "+66898765432"),
])
def test_formats(text: str, country: str | None, expected: str) -> None:
    assert expected in phones(text, country)


@pytest.mark.parametrize("text", [
    "Thanh lý hết tổng số tiền 19.137.909 VNĐ",
    "ngày 27/03/2025 lúc 08:09",
    "date 2025-03-27 and 27.03.2025",
    "order 20240315 shipped",
    "Order #81234567 paid",
    "USSD *948*1719*100#",
    "id A81234567890",
    "฿81234567 บาท",
    "fee 12,345,678.00 USD",
    "IBAN GB82 WEST 1234 5698 7654 32",
    "wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "https://example.com/order/0812345678",
    "mail 0812345678@example.com",
])
def test_not_phones(text: str) -> None:
    assert phones(text, "TH") == []


def test_national_numbers_need_a_country_hint() -> None:
    assert phones("call 0812345678") == []
    assert phones("call 0812345678", "th") == ["+66812345678"]


def test_a_plus_zero_number_is_not_read_as_another_country() -> None:
    """"+07 912 345 6789" is not +7 912 345 6789: libphonenumber refuses country code 0."""
    for text in ("call +07 912 345 6789 now", "call 00079123456789 now"):
        assert [i for i in extract(text) if i.kind == "phone" and i.valid] == []
        assert "+79123456789" not in [i.value for i in extract(text, "GB")]
    assert [i.value for i in extract("call +7 912 345 6789 now")] == ["+79123456789"]


def test_invalid_international_number_is_reported_invalid() -> None:
    found = extract("call +66 0000 0000", kinds=["phone"])
    assert found and not found[0].valid and found[0].value.startswith("+66")


@given(digits=st.from_regex(r"[1-9][0-9]{7,14}", fullmatch=True),
       region=st.sampled_from(["TH", "VN", "CN", "ID", "GB", "US", "DE", "PH", "KH", "MY", "RU",
                               "IT", "FR", "IN", "JP", "BR", "SG", "HK", "AU", "KR"]))
def test_skipping_parse_for_plain_national_digits_changes_nothing(digits: str, region: str) -> None:
    """When the fast path says "invalid" and parse could only read the digits as
    they are, the full libphonenumber parse must agree that there is no number."""
    if _fast_number(digits, False, region) is not None or not _parse_is_plain(digits, region):
        return
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return
    assert not phonenumbers.is_valid_number(number)


def test_national_digits_that_need_the_full_parser_still_get_it() -> None:
    # Country code written without "+" in a national context: only parse strips it.
    assert _parse_is_plain("66812345678", "TH") is False
    assert [i.value for i in extract("call 66812345678 now", country="TH")] == ["+66812345678"]
    # A Chinese mobile with a Thai hint is no Thai number, with or without parse.
    assert _parse_is_plain("13812345678", "TH") is True
    assert extract("call 13812345678 now", country="TH", kinds=["phone"]) == []


SHARED_CODES = sorted(COUNTRY_CODE_TO_REGION_CODE)


@given(code=st.sampled_from(SHARED_CODES), national=st.integers(min_value=1, max_value=10**12))
def test_valid_region_is_is_valid_number_with_its_region(code: int, national: int) -> None:
    number = phonenumbers.PhoneNumber(country_code=code, national_number=national)
    expected = (phonenumbers.region_code_for_number(number)
                if phonenumbers.is_valid_number(number) else None)
    assert _valid_region(number) == expected


@st.composite
def link_digits(draw: st.DrawFn) -> str:
    """Digits as a wa.me link writes them: mostly real numbers, some varied or random."""
    if draw(st.booleans()):
        # Leading zeros too: parse takes no country code starting with 0, so
        # "07…" must not be read as +7.
        return draw(st.from_regex(r"0{0,2}[1-9][0-9]{7,12}", fullmatch=True))
    _, number = draw(valid_numbers())
    digits = str(number.country_code) + draw(st.sampled_from(["", "0", "1", "8"])) + str(
        number.national_number)
    cut = draw(st.integers(min_value=0, max_value=2))
    return digits[:len(digits) - cut] if len(digits) - cut >= 8 else digits


def _libphonenumber_reading(digits: str) -> tuple[str, str, bool] | None:
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    return (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            phonenumbers.region_code_for_number(number) or "",
            phonenumbers.is_valid_number(number))


@given(digits=link_digits(), region=st.sampled_from([None, "TH", "US", "RU", "GB"]))
def test_international_digits_read_as_libphonenumber_reads_them(
    digits: str, region: str | None
) -> None:
    """The fast path, the skipped parse of invalid "+" numbers and the shared memo
    give parse's E.164, region and validity, whatever the hint."""
    expected = _libphonenumber_reading(digits)
    link_reading = None if expected is None else (expected[0], expected[2])
    assert parse_international(digits) == link_reading
    # Including "+0…": no country code starts with 0, so "+07 912…" is no phone.
    assert parse_phone("+" + digits, region) == expected
    links = extract(f"chat wa.me/{digits} now", kinds=["whatsapp"])
    if expected is None or len(digits) > 15:
        assert links == []
    else:
        [link] = links
        assert (link.value, link.valid) == link_reading
        assert ("error" in link.attrs) is not expected[2]


def _main_metadata(code: int) -> phonenumbers.PhoneMetadata | None:
    region = phonenumbers.region_code_for_country_code(code)
    return phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region)


# Country codes whose national-prefix pattern can match digits that do not start
# with 0 ("1" for +1, "8" for +7, carrier codes): where parse may strip digits
# off a "+" number.
PREFIXED_CODES = sorted(
    code for code in SHARED_CODES
    if (meta := _main_metadata(code)) is not None and meta.national_prefix_for_parsing
    and not meta.national_prefix_for_parsing.startswith("0")
)


@st.composite
def plus_digits(draw: st.DrawFn) -> str:
    """A country code with national prefixes, often a string its prefix pattern matches,
    then as many digits as a national number of its region may have."""
    code = draw(st.sampled_from(PREFIXED_CODES))
    meta = _main_metadata(code)
    assert meta is not None and meta.national_prefix_for_parsing
    prefix = ""
    if draw(st.booleans()):
        prefix = draw(st.from_regex(meta.national_prefix_for_parsing, fullmatch=True).filter(
            lambda x: x.isascii() and x.isdigit()))
    length = draw(st.sampled_from(list(meta.general_desc.possible_length) or [9]))
    rest = draw(st.from_regex(rf"[1-9][0-9]{{{max(0, length - 1)}}}", fullmatch=True))
    return f"{code}{prefix}{rest}"


@given(digits=st.one_of(plus_digits(), st.from_regex(r"[1-9][0-9]{1,17}", fullmatch=True)))
def test_a_plain_international_number_is_the_one_parse_builds(digits: str) -> None:
    number = _plain_international(digits)
    if number is None:
        return
    parsed = phonenumbers.parse("+" + digits, None)
    assert (parsed.country_code, parsed.national_number) == (
        number.country_code, number.national_number)
    assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == \
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Regions whose national prefix is a pattern rather than a string (GB "0|180020",
# CN, AU, KR, BY, LT…) and a few simple ones: the fast reading strips what the
# pattern matches, as parse does, and gives up on a captured carrier code.
PATTERN_REGIONS = sorted(
    region for region in phonenumbers.SUPPORTED_REGIONS
    if (meta := phonenumbers.PhoneMetadata.metadata_for_region(region)) is not None
    and meta.national_prefix_for_parsing and not meta.national_prefix_transform_rule
    and meta.national_prefix_for_parsing != (meta.national_prefix or "")
) + ["TH", "VN", "US", "DE"]


@st.composite
def national_digits(draw: st.DrawFn) -> tuple[str, str]:
    """(digits, region): a region's example number of some type, varied, after
    something its national-prefix pattern matches (or nothing, or its country code)."""
    region = draw(st.sampled_from(PATTERN_REGIONS))
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    assert meta is not None and meta.national_prefix_for_parsing
    kind = draw(st.sampled_from([phonenumbers.PhoneNumberType.MOBILE,
                                 phonenumbers.PhoneNumberType.FIXED_LINE,
                                 phonenumbers.PhoneNumberType.TOLL_FREE,
                                 phonenumbers.PhoneNumberType.PREMIUM_RATE]))
    example = phonenumbers.example_number_for_type(region, kind)
    body = str(example.national_number) if example is not None else draw(
        st.from_regex(r"[1-9][0-9]{6,10}", fullmatch=True))
    tail = draw(st.integers(min_value=0, max_value=999))
    body = body[:-3] + f"{tail:03d}" if len(body) > 4 else body
    body = body[:len(body) - draw(st.integers(min_value=0, max_value=1))]
    prefix = draw(st.one_of(
        st.just(""), st.just(str(meta.country_code)),
        st.from_regex(meta.national_prefix_for_parsing, fullmatch=True).filter(
            lambda x: x.isascii() and x.isdigit())))
    return prefix + body, region


@given(national_digits())
def test_a_national_number_read_without_parse_is_the_one_parse_builds(
        sample: tuple[str, str]) -> None:
    """A national number the fast reading finds valid is the number libphonenumber's
    parse builds, valid in the same region (prefix patterns, lengths and all)."""
    digits, region = sample
    reading = _fast_reading(digits, False, region)
    if reading is None:
        return
    number, number_region = reading
    parsed = phonenumbers.parse(digits, region)
    assert (parsed.country_code, parsed.national_number) == (
        number.country_code, number.national_number)
    assert phonenumbers.is_valid_number(parsed)
    assert phonenumbers.region_code_for_number(parsed) == number_region


def test_a_prefix_pattern_region_is_read_without_parse() -> None:
    # GB's national prefix for parsing is "0|180020", CN's captures carrier codes.
    assert _national_rule("GB") is not None and _national_rule("GB")[2] is not None
    assert _fast_number("09061701461", False, "GB") is not None
    assert _fast_number("13812345678", False, "CN") is not None
    assert [i.value for i in extract("call 07732 584351 now", country="GB")] == ["+447732584351"]


@given(code=st.sampled_from(SHARED_CODES), national=st.integers(min_value=1, max_value=10**16))
def test_a_length_no_region_has_is_never_valid(code: int, national: int) -> None:
    """The length filter of the fast reading drops only numbers libphonenumber rejects."""
    lengths = _national_lengths(code)
    number = phonenumbers.PhoneNumber(country_code=code, national_number=national)
    if lengths is not None and len(str(national)) not in lengths:
        assert not phonenumbers.is_valid_number(number)
        assert _valid_region(number) is None
