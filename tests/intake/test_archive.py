"""Walking files, directories and zips: order, member paths, and refusing dangerous zips."""

from __future__ import annotations

import io
import os
import random
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from scamnet.intake.archive import MAX_NESTING, InputFile, unsafe_name, walk
from scamnet.intake.base import Source
from scamnet.intake.registry import read_source
from scamnet.model.records import Quarantined, sha256_hex
from scamnet.settings import Settings


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _walk(tmp_path: Path, name: str, data: bytes,
          settings: Settings | None = None) -> list[InputFile | Quarantined]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(walk([path], settings or Settings()))


def _paths(items: list[InputFile | Quarantined], kind: type) -> list[str]:
    return [i.path for i in items if isinstance(i, kind)]


def test_directory_walk_is_sorted_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "deep" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.txt").write_text("a")
    (tmp_path / "c.txt").write_text("c")
    (tmp_path / "a.txt").write_text("top")
    items = list(walk([tmp_path], Settings()))
    assert [i.path for i in items] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "a.txt"),
        str(tmp_path / "b" / "deep" / "z.txt"), str(tmp_path / "c.txt")]
    assert all(isinstance(i, InputFile) and i.container is None for i in items)
    assert [i.data for i in items if isinstance(i, InputFile)] == [b"top", b"a", b"z", b"c"]


def test_missing_path_is_quarantined(tmp_path: Path) -> None:
    items = list(walk([tmp_path / "nope.txt"], Settings()))
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert "no such file" in items[0].reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinks_in_directories(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "f.txt").write_text("f")
    (tmp_path / "in").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "in" / "dirlink")
    os.symlink(tmp_path / "real" / "f.txt", tmp_path / "in" / "filelink.txt")
    os.symlink(tmp_path / "gone", tmp_path / "in" / "broken")
    items = list(walk([tmp_path / "in"], Settings()))
    by_name = {Path(i.path).name: i for i in items}
    assert isinstance(by_name["dirlink"], Quarantined)
    assert isinstance(by_name["broken"], Quarantined)
    link = by_name["filelink.txt"]
    assert isinstance(link, InputFile) and link.data == b"f"


def test_zip_archive_then_members_with_nested_zip(tmp_path: Path) -> None:
    inner = _zip({"y.txt": b"inner text"})
    outer = _zip({"dir/x.txt": b"outer text", "inner.zip": inner, "a.txt": b"first"})
    items = _walk(tmp_path, "evidence.zip", outer)
    assert all(isinstance(i, InputFile) for i in items)
    files = [i for i in items if isinstance(i, InputFile)]
    base = str(tmp_path / "evidence.zip")
    assert [(f.path, f.is_archive) for f in files] == [
        (base, True), (f"{base}!a.txt", False), (f"{base}!dir/x.txt", False),
        (f"{base}!inner.zip", True), (f"{base}!inner.zip!y.txt", False)]
    assert files[0].container is None and files[0].data == outer
    assert files[1].container == sha256_hex(outer)
    assert files[3].container == sha256_hex(outer)
    assert files[4].container == sha256_hex(inner) and files[4].data == b"inner text"


def test_zip_found_by_content_not_extension(tmp_path: Path) -> None:
    items = _walk(tmp_path, "export.dat", _zip({"chat.txt": b"hello"}))
    assert [i.is_archive for i in items if isinstance(i, InputFile)] == [True, False]


def test_truncated_zip_is_quarantined_whole(tmp_path: Path) -> None:
    data = _zip({"a.txt": b"a" * 1000, "b.txt": b"b" * 1000})
    items = _walk(tmp_path, "cut.zip", data[: len(data) // 2])
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert "corrupt or truncated" in items[0].reason and items[0].raw == data[: len(data) // 2]


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    bomb = _zip({"readme.txt": b"hi", "bomb.txt": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000  # it really is a bomb
    items = _walk(tmp_path, "bomb.zip", bomb)
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert "compresses" in items[0].reason and "bomb.txt" in items[0].reason
    assert not _paths(items, InputFile)


def test_zip_bomb_by_total_size_is_refused(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = _zip({f"f{i}.txt": rng.randbytes(5000) for i in range(5)})
    items = _walk(tmp_path, "big.zip", data, Settings(max_archive_bytes=20_000))
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert "declares 25000 bytes" in items[0].reason


def test_too_many_members_is_refused(tmp_path: Path) -> None:
    data = _zip({f"f{i}.txt": b"x" for i in range(30)})
    items = _walk(tmp_path, "many.zip", data, Settings(max_archive_members=10))
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert "30 members" in items[0].reason


def test_nested_zips_share_the_size_budget(tmp_path: Path) -> None:
    rng = random.Random(3)
    inner = _zip({"in.bin": rng.randbytes(8000)}, zipfile.ZIP_STORED)
    outer = _zip({"inner.zip": inner}, zipfile.ZIP_STORED)
    items = _walk(tmp_path, "n.zip", outer, Settings(max_archive_bytes=12_000))
    # The outer zip fits, the inner one's member no longer does.
    refused = [i for i in items if isinstance(i, Quarantined)]
    assert len(refused) == 1 and refused[0].path.endswith("n.zip!inner.zip")


def _patch_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Make a zip lie: set the member's declared uncompressed size in both headers."""
    buf = bytearray(data)
    local = buf.find(b"PK\x03\x04")
    struct.pack_into("<I", buf, local + 22, size)
    central = buf.find(b"PK\x01\x02")
    assert buf[central + 46: central + 46 + len(name)] == name
    struct.pack_into("<I", buf, central + 24, size)
    return bytes(buf)


def test_member_larger_than_declared_is_refused(tmp_path: Path) -> None:
    rng = random.Random(11)
    payload = bytes(rng.choice(b"abcdefgh ") for _ in range(300_000))
    lying = _patch_sizes(_zip({"big.txt": payload}), b"big.txt", 1000)
    items = _walk(tmp_path, "liar.zip", lying)
    assert _paths(items, InputFile) == [str(tmp_path / "liar.zip")]  # the archive, as evidence
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert len(bad) == 1 and bad[0].path.endswith("liar.zip!big.txt")


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/passwd",
                                  "C:/Windows/evil.txt", "..\\..\\evil.txt"])
def test_path_traversal_member_is_refused(tmp_path: Path, name: str) -> None:
    items = _walk(tmp_path, "t.zip", _zip({"ok.txt": b"fine", name: b"evil"}))
    files = [i for i in items if isinstance(i, InputFile)]
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert [f.path.rsplit("!", 1)[-1] for f in files if not f.is_archive] == ["ok.txt"]
    assert len(bad) == 1 and "refused zip member" in bad[0].reason
    assert all(f.data != b"evil" for f in files)


def test_unsafe_name_accepts_ordinary_names() -> None:
    assert unsafe_name("chats/WhatsApp Chat with Anna.txt") is None
    assert unsafe_name("a..b/c.txt") is None


def test_symlink_member_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
        zf.writestr("ok.txt", "fine")
    items = _walk(tmp_path, "l.zip", buf.getvalue())
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert len(bad) == 1 and "symbolic link" in bad[0].reason


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    buf = bytearray(_zip({"secret.txt": b"s" * 100}, zipfile.ZIP_STORED))
    # Set the "encrypted" flag bit in the local and central headers.
    buf[buf.find(b"PK\x03\x04") + 6] |= 1
    buf[buf.find(b"PK\x01\x02") + 8] |= 1
    items = _walk(tmp_path, "e.zip", bytes(buf))
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert len(bad) == 1 and "encrypted" in bad[0].reason


def test_nesting_depth_is_limited(tmp_path: Path) -> None:
    data = _zip({"leaf.txt": b"leaf"})
    for level in range(MAX_NESTING + 1):
        data = _zip({f"level{level}.zip": data})
    items = _walk(tmp_path, "deep.zip", data)
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert len(bad) == 1 and "nested" in bad[0].reason
    assert not any(i.path.endswith("leaf.txt") for i in items)


def test_office_document_is_not_walked_as_an_archive(tmp_path: Path) -> None:
    doc = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    items = _walk(tmp_path, "report.docx", doc)
    assert len(items) == 1 and isinstance(items[0], InputFile) and not items[0].is_archive
    out = list(read_source(Source(items[0].path, doc, sha256_hex(doc))))
    assert len(out) == 1 and isinstance(out[0], Quarantined) and "zip" in out[0].reason
