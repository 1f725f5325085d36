"""Inputs found by attacking the CLI: file names that are not UTF-8, a first record
longer than the sniffed head."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from scamnet.intake.archive import display_name
from scamnet.intake.base import Source
from scamnet.intake.registry import detect, read_source
from scamnet.model.records import Report

MakeSource = Callable[..., Source]


@given(st.binary(min_size=1, max_size=40))
def test_display_name_of_any_os_name_is_utf8(raw: bytes) -> None:
    name = os.fsdecode(raw)
    shown = display_name(name)
    shown.encode("utf-8")  # storable and printable: no lone surrogates left
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert shown != name
    else:
        assert shown == name  # a name that is UTF-8 is left alone


@given(st.text(st.characters(exclude_categories=()), max_size=40))
def test_display_name_escapes_any_lone_surrogate(name: str) -> None:
    display_name(name).encode("utf-8")


def test_display_name_writes_the_bad_bytes_as_escapes() -> None:
    assert display_name(os.fsdecode(b"caf\xe9 report.txt")) == "caf\\xe9 report.txt"


def test_a_first_record_longer_than_the_head_does_not_lose_the_file(
        make_source: MakeSource) -> None:
    long = {"id": "L-1", "reported_at": "2025-03-01", "narrative": "they kept asking " * 8000}
    short = {"id": "L-2", "reported_at": "2025-03-02", "narrative": "paid +66 81 234 5678"}
    src = make_source(json.dumps(long) + "\n" + json.dumps(short) + "\n", "reports.jsonl")
    assert len(src.data) > len(src.head)
    reader = detect(src)
    assert reader is not None and reader.name == "report-jsonl"
    records = list(read_source(src))
    assert [r.id for r in records if isinstance(r, Report)] == ["L-1", "L-2"]


def test_a_long_first_line_of_other_json_is_still_not_reports(make_source: MakeSource) -> None:
    other = {"event": "x", "payload": "y" * 100_000}
    src = make_source(json.dumps(other) + "\n", "events.jsonl")
    reader = detect(src)
    assert reader is None or reader.name != "report-jsonl"
