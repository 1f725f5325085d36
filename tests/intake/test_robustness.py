"""Bad input never crashes a reader: damaged fixtures give records or quarantine, never raise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scamnet.intake.base import Source
from scamnet.intake.media import media_type
from scamnet.intake.registry import READERS, read_source
from scamnet.model.records import Quarantined, Report, sha256_hex

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.name != "SOURCE.md")


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray((FIXTURES / draw(st.sampled_from(NAMES))).read_bytes())
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=8))
        elif data:
            del data[at:at + draw(st.integers(1, 50))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged(), st.sampled_from([None, *[r.name for r in READERS]]))
def test_damaged_input_never_raises(data: bytes, fmt: str | None) -> None:
    source = Source("damaged", data, sha256_hex(data))
    records = list(read_source(source, format=fmt))
    # Something is always said about the file, except for media, which is stored unread.
    assert records or (fmt in (None, "media") and media_type(data) is not None)
    for rec in records:
        assert isinstance(rec, Report | Quarantined)
        assert rec.evidence_sha256 == source.sha256
