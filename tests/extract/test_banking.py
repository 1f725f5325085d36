"""IBAN (mod-97, national formats) and SWIFT/BIC next to a keyword."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban

from scamnet.extract import extract

from .strategies import embed, filler

# (country, BBAN generator) for a few countries' BBAN structures.
BBANS = {
    "GB": st.from_regex(r"[A-Z]{4}[0-9]{14}", fullmatch=True),
    "DE": st.from_regex(r"[0-9]{18}", fullmatch=True),
    "NL": st.from_regex(r"[A-Z]{4}[0-9]{10}", fullmatch=True),
    "AE": st.from_regex(r"[0-9]{19}", fullmatch=True),
}


@st.composite
def ibans(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from(sorted(BBANS)))
    bban = draw(BBANS[country])
    check = stdnum_iban.calc_check_digits(country + "00" + bban)
    number = country + check + bban
    if not stdnum_iban.is_valid(number):  # a national check digit may also apply
        number = stdnum_iban.compact("GB82WEST12345698765432")
    return number


@given(number=ibans(), spaced=st.booleans(), prefix=filler, suffix=filler,
       position=st.integers(min_value=4, max_value=17))
def test_iban_round_trip_and_one_digit_mutation(
    number: str, spaced: bool, prefix: str, suffix: str, position: int
) -> None:
    written = stdnum_iban.format(number) if spaced else number
    text, offset = embed(prefix, written, suffix)
    [ind] = [i for i in extract(text, kinds=["iban"]) if i.value == number]
    assert ind.valid and ind.start == offset and ind.raw == written
    # mod 97 catches every single-character substitution.
    c = number[position]
    other = str((int(c) + 1) % 10) if c.isdigit() else ("A" if c != "A" else "B")
    mutated = number[:position] + other + number[position + 1:]
    text, _ = embed(prefix, mutated, suffix)
    assert not any(i.valid for i in extract(text, kinds=["iban"]))


def test_bad_check_digits_are_reported_invalid() -> None:
    [ind] = extract("IBAN GB83WEST12345698765432", kinds=["iban"])
    assert not ind.valid and "error" in ind.attrs


def test_iban_followed_by_upper_case_word() -> None:
    [ind] = extract("GB82 WEST 1234 5698 7654 32 THANKS", kinds=["iban"])
    assert ind.valid and ind.raw == "GB82 WEST 1234 5698 7654 32"


@pytest.mark.parametrize(("text", "value"), [
    ("SWIFT: DEUTDEFF", "DEUTDEFF"), ("BIC code DEUTDEFF500", "DEUTDEFF500"),
    ("Swift/BIC: BKKBTHBK", "BKKBTHBK"), ("mã SWIFT BFTVVNVX", "BFTVVNVX"),
])
def test_bic_after_keyword(text: str, value: str) -> None:
    [ind] = extract(text, kinds=["bic"])
    assert ind.value == value and ind.attrs["country"] == value[4:6]


@pytest.mark.parametrize("text", ["DEUTDEFF", "SWIFT transfer", "swift: DEUTXXFF", "BIC ABCD"])
def test_not_bics(text: str) -> None:
    assert extract(text, kinds=["bic"]) == []
