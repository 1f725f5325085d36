"""The registry: every reader listed once, detection by content, whole-file quarantine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from scamnet.errors import NotFoundError
from scamnet.intake.base import Source
from scamnet.intake.registry import READERS, detect, get_reader, read_source

from .conftest import MakeSource, ReadAll

EXPECTED = {
    "reports.jsonl": "report-jsonl", "reports.csv": "report-csv",
    "whatsapp_android_us.txt": "whatsapp", "whatsapp_ios_gb.txt": "whatsapp",
    "whatsapp_de.txt": "whatsapp", "whatsapp_th.txt": "whatsapp", "whatsapp_zh.txt": "whatsapp",
    "whatsapp_id.txt": "whatsapp", "telegram_single.json": "telegram",
    "telegram_full.json": "telegram", "email_multipart.eml": "email",
    "email_html_th.eml": "email", "transcript_call.txt": "transcript",
    "transcript_free.txt": "transcript",
}


def test_reader_names_are_unique_and_complete() -> None:
    names = [r.name for r in READERS]
    assert len(names) == len(set(names))
    assert set(names) == set(EXPECTED.values()) | {"media"}  # media: tests/intake/test_media.py
    for reader in READERS:
        assert reader.description and get_reader(reader.name) is reader


def test_unknown_format() -> None:
    with pytest.raises(NotFoundError, match="known formats: report-jsonl"):
        get_reader("pdf")


@pytest.mark.parametrize(("name", "fmt"), sorted(EXPECTED.items()))
def test_detect_fixtures(name: str, fmt: str, fixture_source: Callable[[str], Source]) -> None:
    reader = detect(fixture_source(name))
    assert reader is not None and reader.name == fmt


@pytest.mark.parametrize(("name", "fmt"), sorted(EXPECTED.items()))
def test_detect_ignores_misleading_extension(name: str, fmt: str, make_source: MakeSource,
                                             fixture_source: Callable[[str], Source]) -> None:
    source = fixture_source(name)
    renamed = make_source(source.data, "evidence.csv" if fmt != "report-csv" else "x.eml")
    reader = detect(renamed)
    assert reader is not None and reader.name == fmt


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"), (b"  \n\n", "empty file"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 40, "7-Zip"),
    (b"\x00\x01\x02\x03\x00\x00\xff\xfe" * 40, "binary data"),
    (b'{"some": "json", "of": ["unknown", "shape"]}', "unrecognised format"),
])
def test_whole_file_quarantine(data: bytes, reason: str, make_source: MakeSource,
                               read_all: ReadAll) -> None:
    source = make_source(data, "x.txt")
    assert detect(source) is None
    reports, bad = read_all(source)
    assert not reports and len(bad) == 1
    assert reason in bad[0].reason and bad[0].raw == data
    assert bad[0].evidence_sha256 == source.sha256


@pytest.mark.parametrize("fmt", [r.name for r in READERS])
@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\xff" * 50, b"\xff\xfe\x00"])
def test_forced_reader_never_raises_on_junk(fmt: str, data: bytes, make_source: MakeSource) -> None:
    records = list(read_source(make_source(data, "junk"), format=fmt))
    assert records  # something is always said about the file
    for rec in records:
        assert rec.evidence_sha256 == make_source(data).sha256


def test_every_record_carries_the_evidence_hash(fixture_source: Callable[[str], Source],
                                                read_all: ReadAll) -> None:
    for name in EXPECTED:
        source = fixture_source(name)
        reports, bad = read_all(source)
        for rec in [*reports, *bad]:
            assert rec.evidence_sha256 == source.sha256, name
        for report in reports:
            for msg in report.messages:
                assert msg.line is not None or msg.offset is not None, name
