"""The fast builders of the pipeline's records make ordinary instances.

Readers and extraction build a Report per record, a TextField per text and an
Observation per indicator through ``build`` (filling the instance dict instead
of the frozen dataclass's ``__init__``); what they build must compare, print,
pickle and ``replace`` like what the constructor builds.
"""

from __future__ import annotations

import inspect
import pickle
from dataclasses import FrozenInstanceError, fields, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from scamnet.model.indicators import Indicator
from scamnet.model.records import Message, Observation, Report, ReportKind, TextField


def _report_fields() -> dict[str, Any]:
    """A value for every field of Report, none of them its default."""
    return {
        "id": "HL-1", "kind": ReportKind.CHAT, "evidence_sha256": "a" * 64,
        "narrative": "call +66 81 234 5678", "messages": (Message(0, "hi", sender="Mia"),),
        "reported_at": datetime(2025, 3, 5, 7, 20, tzinfo=UTC), "reporter_country": "TH",
        "language": "th", "platform": "line", "amount_lost": Decimal("1200.50"),
        "currency": "THB", "suspect_identifiers": ("@mia",), "title": "Gold app", "line": 3,
        "offset": 40, "extra": {"ref": "desk 4"},
    }


def test_report_build_takes_every_field() -> None:
    # A field added to Report without a place in build would be missing from
    # every report a reader makes.
    params = set(inspect.signature(Report.build).parameters)
    assert params == {f.name for f in fields(Report)}


def _same(built: Any, made: Any) -> None:
    assert built == made
    assert repr(built) == repr(made)
    assert type(built) is type(made)
    assert pickle.loads(pickle.dumps(built)) == made


def test_report_build_is_an_ordinary_report() -> None:
    values = _report_fields()
    built, made = Report.build(**values), Report(**values)
    _same(built, made)
    assert replace(built, line=9) == replace(made, line=9)
    assert built.texts() == made.texts()
    with pytest.raises(FrozenInstanceError):
        built.id = "x"  # type: ignore[misc]


def test_observation_and_text_field_builds_are_ordinary() -> None:
    ind = Indicator("phone", "+66812345678", "+66 81 234 5678", 5, 20, True, {"region": "TH"})
    _same(Observation.build("R-1", "suspect", 2, ind), Observation("R-1", "suspect", 2, ind))
    _same(TextField.build("message", 4, "hi"), TextField("message", 4, "hi"))
    assert hash(TextField.build("title", None, "t")) == hash(TextField("title", None, "t"))
    with pytest.raises(FrozenInstanceError):
        TextField.build("title", None, "t").text = "u"  # type: ignore[misc]


def test_texts_of_a_chat_are_built_in_order() -> None:
    report = Report(id="C", kind=ReportKind.CHAT, evidence_sha256="b" * 64, title="T",
                    narrative="N", suspect_identifiers=("s0", "s1"),
                    messages=(Message(0, "m0", sender="A"), Message(1, "sys", system=True),
                              Message(2, "m2", sender="A"), Message(3, "m3", sender="B")))
    assert report.texts() == [
        TextField("title", None, "T"), TextField("narrative", None, "N"),
        TextField("suspect", 0, "s0"), TextField("suspect", 1, "s1"),
        TextField("sender", 0, "A"), TextField("message", 0, "m0"),
        TextField("message", 2, "m2"), TextField("sender", 3, "B"),
        TextField("message", 3, "m3"),
    ]
