"""Fixtures for the intake tests: checked-in sample files as Sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scamnet.intake.base import Source
from scamnet.intake.registry import read_source
from scamnet.model.records import Quarantined, Report, sha256_hex

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"

MakeSource = Callable[..., Source]
ReadAll = Callable[..., tuple[list[Report], list[Quarantined]]]


def _source(data: bytes | str, path: str = "input.txt", country: str | None = None) -> Source:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return Source(path, raw, sha256_hex(raw), country)


@pytest.fixture
def make_source() -> MakeSource:
    """Build a Source from bytes or text (text is UTF-8 encoded)."""
    return _source


@pytest.fixture
def fixture_source() -> Callable[[str], Source]:
    """A checked-in fixture file as a Source named by its file name."""
    def load(name: str) -> Source:
        return _source((FIXTURES / name).read_bytes(), name)
    return load


@pytest.fixture
def read_all() -> ReadAll:
    """Run read_source and split the output into reports and quarantined records."""
    def run(source: Source, format: str | None = None) -> tuple[list[Report], list[Quarantined]]:
        reports: list[Report] = []
        bad: list[Quarantined] = []
        for rec in read_source(source, format=format):
            (reports if isinstance(rec, Report) else bad).append(rec)  # type: ignore[arg-type]
        return reports, bad
    return run
