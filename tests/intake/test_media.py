"""Media sent in chats: stored as evidence, never quarantined, never read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scamnet.cli import main
from scamnet.intake.base import Source
from scamnet.intake.media import media_type
from scamnet.intake.registry import detect, read_source
from scamnet.store.store import Store

from .conftest import MakeSource

CHAT = ("12/03/2025, 21:14 - +66 81 234 5678: deposit to TQrY8tryqsYVCYS3MFbtffiPp2ccyn4STm\n"
        "12/03/2025, 21:15 - +66 81 234 5678: IMG-20250312-WA0001.jpg (file attached)\n")

SAMPLES = {
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)),
    "ogg": b"OggS\x00\x02" + bytes(range(256)),
    "mp3": b"ID3\x04\x00\x00" + bytes(range(256)),
    "iso-media": b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)),
    "webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(range(256)),
}


@pytest.mark.parametrize(("kind", "data"), sorted(SAMPLES.items()))
def test_media_is_recognised_by_content(kind: str, data: bytes, make_source: MakeSource) -> None:
    assert media_type(data) == kind
    source = make_source(data, "no-extension")
    reader = detect(source)
    assert reader is not None and reader.name == "media"
    assert list(read_source(source)) == []


@pytest.mark.parametrize("data", [b"RIFF\x24\x00\x00\x00XXXX", b"hello", b"\x00\x01\x02" * 30,
                                  b"ID3 tag text", b"OggS is a word"])
def test_other_bytes_are_not_media(data: bytes) -> None:
    assert media_type(data) is None


def test_forced_media_reader_on_text_quarantines(make_source: MakeSource) -> None:
    (bad,) = list(read_source(make_source(b"just text", "x.jpg"), format="media"))
    assert "not a recognised media file" in bad.reason  # type: ignore[union-attr]


def test_whatsapp_export_with_media_ingests_cleanly(tmp_path: Path) -> None:
    """An "export chat with media" zip: the chat is read, every photo and voice
    note is stored byte for byte, and nothing is quarantined (exit 0)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("WhatsApp Chat with Lily.txt", CHAT)
        zf.writestr("IMG-20250312-WA0001.jpg", SAMPLES["jpeg"])
        zf.writestr("PTT-20250312-WA0002.opus", SAMPLES["ogg"])
    export = tmp_path / "export.zip"
    export.write_bytes(buf.getvalue())
    db = tmp_path / "s.db"
    res = CliRunner().invoke(main, ["--db", str(db), "ingest", str(export)])
    assert res.exit_code == 0, res.output
    assert "media files stored as evidence (not read): 2" in res.stdout
    with Store.open(str(db)) as store:
        assert store.quarantined() == []
        media = [e for e in store.list_evidence() if e.format == "media"]
        assert sorted(e.path.rsplit("/", 1)[-1] for e in media) == [
            "export.zip!IMG-20250312-WA0001.jpg", "export.zip!PTT-20250312-WA0002.opus"]
        stored = {store.get_evidence(e.sha256).data for e in media}
        assert stored == {SAMPLES["jpeg"], SAMPLES["ogg"]}
        assert store.stats().reports == 1


def test_source_head_is_enough(make_source: MakeSource) -> None:
    big = SAMPLES["png"] + b"\x00" * 200_000
    source: Source = make_source(big, "big.png")
    assert detect(source) is not None
