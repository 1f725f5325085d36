"""The public extract() contract: ordering, offsets, kinds filter, errors, attrs keys."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.errors import ConfigError, InvalidInputError, NotFoundError
from scamnet.extract import extract, extract_report_text
from scamnet.extract.attributes import ATTRIBUTES, COMMON_ATTRIBUTES
from scamnet.extract.registry import finders
from scamnet.model.indicators import KINDS, Indicator

from .strategies import SEPARATORS, WORDS

PIECES = WORDS + [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "hxxps://evil[.]com/x", "bit.ly/abc",
    "support@evil.com", "t.me/lucy_trader88", "LINE ID: amy.invest", "微信：wxid_abc123",
    "Zalo: 0912 345 678", "０８１２３４５６７８", "๐๘๑-๒๓๔-๕๖๗๘", "GB82 WEST 1234 5698 7654 32",
    "SWIFT: DEUTDEFF", "пример.рф", "กำไร", "ﬁ", "e\u0301",
]

mixed_text = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)).map("".join), max_size=12
).map("".join)


@given(text=st.one_of(mixed_text, st.text(max_size=200)),
       country=st.sampled_from([None, "TH", "VN", "CN"]))
def test_offsets_and_order_hold_for_any_text(text: str, country: str | None) -> None:
    found = extract(text, country=country)
    for ind in found:
        assert text[ind.start:ind.end] == ind.raw
        assert ind.kind in KINDS
        allowed = set(ATTRIBUTES.get(ind.kind, {})) | set(COMMON_ATTRIBUTES)
        assert set(ind.attrs) <= allowed, (ind.kind, set(ind.attrs) - allowed)
        assert all(isinstance(v, str) for v in ind.attrs.values())
    keys = [(i.start, i.end, i.kind) for i in found]
    assert keys == sorted(keys)


@given(text=mixed_text, kinds=st.sets(st.sampled_from(sorted(KINDS)), min_size=1))
def test_kinds_filter_returns_only_those_kinds(text: str, kinds: set[str]) -> None:
    everything = extract(text, country="TH")
    subset = extract(text, country="TH", kinds=kinds)
    assert {i.kind for i in subset} <= kinds
    # Filtering never invents or loses indicators of the kinds asked for.
    assert subset == [i for i in everything if i.kind in kinds]


def test_unknown_kind_and_bad_country_are_errors() -> None:
    with pytest.raises(NotFoundError):
        extract("x", kinds=["nope"])
    with pytest.raises(ConfigError):
        extract("x", country="Thailand")


@pytest.mark.parametrize("country", ["XX", "UK", "Thailand", "T1", " "])
def test_a_country_without_a_numbering_plan_is_refused_as_the_cli_refuses_it(
        country: str) -> None:
    # Taken before: "XX" silently found no national number at all. Now the rule
    # of --country and SCAMNET_COUNTRY (settings.phone_region), even for no text.
    for text in ("call 0812345678 now", ""):
        with pytest.raises(ConfigError, match="ISO 3166"):
            extract(text, country=country)


def test_a_country_hint_in_any_case_still_reads_national_numbers() -> None:
    assert [i.value for i in extract("call 0812345678 now", country=" th")] == ["+66812345678"]
    assert extract("call 0812345678 now", country="") == []


def test_a_reports_own_unknown_country_finds_no_national_number_and_raises_nothing() -> None:
    # A report's reporter_country is data (intake checks only its shape): an
    # unknown region must not stop an ingest, and it gives what it always gave.
    text = "call 0812345678 or +66 81 234 5678, zalo 0912345678"
    assert [(i.kind, i.value) for i in extract_report_text(text, "XX")] == [
        ("phone", "+66812345678")]
    assert extract_report_text(text, "TH") == extract(text, country="TH")
    with pytest.raises(InvalidInputError):
        extract_report_text(text, "Thailand")


def test_empty_text() -> None:
    assert extract("") == []


def test_every_kind_has_a_finder() -> None:
    served = {kind for spec in finders() for kind in spec.kinds}
    assert served == set(KINDS)


def test_indicator_build_is_an_ordinary_indicator() -> None:
    """Indicator.build (extraction's fast path) compares and pickles like the constructor's."""
    args = ("wallet", "0xabc", "0xABC", 3, 8, False, {"chain": "ethereum"})
    built, made = Indicator.build(*args), Indicator(*args)
    assert built == made
    assert repr(built) == repr(made)
    assert pickle.loads(pickle.dumps(built)) == made
    assert replace(built, valid=True) == replace(made, valid=True)
    assert built.to_json() == made.to_json()
    with pytest.raises(FrozenInstanceError):
        built.value = "x"  # type: ignore[misc]
