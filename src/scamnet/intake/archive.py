"""Input files from paths: files, directories (recursively) and zip archives, in memory.

:func:`walk` yields one :class:`InputFile` per file and per archive (the
archive first, flagged ``is_archive``, then its members as
``outer.zip!dir/file.txt``), and a :class:`Quarantined` for anything it will
not read: unreadable files, special files, corrupt zips, zip bombs, members
with unsafe names, symlink or encrypted members. Zips are recognised by their
magic bytes, not their extension, and are never extracted to disk.

Zip bomb limits come from :class:`Settings` (total uncompressed bytes, member
count, compression ratio) and are shared by an archive and the archives
nested in it. Declared sizes are checked before anything is inflated, and
inflating stops as soon as the real output exceeds what was declared.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scamnet.model.records import Quarantined, sha256_hex
from scamnet.settings import Settings

__all__ = ["MAX_NESTING", "RATIO_FLOOR", "InputFile", "display_name", "is_zip", "unsafe_name",
           "walk"]

#: How many zips deep a zip inside a zip is still opened.
MAX_NESTING = 3
#: Members smaller than this are never called bombs: tiny files compress oddly well.
RATIO_FLOOR = 64 * 1024
_CHUNK = 1 << 16
_DRIVE = re.compile(r"[A-Za-z]:")
# Office and OpenDocument files are zips too, but not archives of evidence files.
_DOCUMENT_MARKERS = frozenset({"[Content_Types].xml", "mimetype"})


@dataclass(frozen=True)
class InputFile:
    """One input's bytes. ``container`` is the SHA-256 of the archive it came out of."""

    path: str
    data: bytes
    container: str | None = None
    is_archive: bool = False


@dataclass
class _Budget:
    """What is left of the zip-bomb limits for one top-level archive and its nested ones."""

    bytes_left: int
    members_left: int


def is_zip(data: bytes) -> bool:
    """True for zip archive bytes (local file header, or the end record of an empty zip)."""
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def display_name(name: str) -> str:
    """``name`` as storable, printable UTF-8: the bytes of a file name that is not
    UTF-8 (which Python holds as lone surrogates) are written as ``\\xff`` escapes.

    A name the OS hands over as bytes cannot go into the store or onto a
    terminal as it is; the escaped form still tells the user which file it was.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that stands for no byte: escape it as is
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name


def walk(paths: Iterable[str | os.PathLike[str]], settings: Settings) -> Iterator[
        InputFile | Quarantined]:
    """Every input file under ``paths``, in a stable order; see the module docstring.

    Paths are named as given, with :func:`display_name` escaping names that are not UTF-8.
    """
    for p in paths:
        yield from _path(Path(p), display_name(os.fspath(p)), settings, top=True)


def _refuse(path: str, reason: str, raw: bytes = b"", evidence: str | None = None) -> Quarantined:
    return Quarantined(path=path, reason=reason, raw=raw, evidence_sha256=evidence)


def _path(path: Path, name: str, settings: Settings, top: bool) -> Iterator[
        InputFile | Quarantined]:
    try:
        st = path.stat() if top else path.lstat()
        if not top and stat.S_ISLNK(st.st_mode):
            target = path.stat()  # follow links to files, but not to directories (loops)
            if stat.S_ISDIR(target.st_mode):
                yield _refuse(name, "symbolic link to a directory, not followed")
                return
            st = target
    except FileNotFoundError:
        why = "no such file or directory" if top else "broken symbolic link"
        yield _refuse(name, why)
        return
    except OSError as exc:
        yield _refuse(name, f"cannot read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(st.st_mode):
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            yield _refuse(name, f"cannot list directory: {exc.strerror or exc}")
            return
        for entry in entries:
            yield from _path(Path(entry.path), os.path.join(name, display_name(entry.name)),
                             settings, top=False)
        return
    if not stat.S_ISREG(st.st_mode):
        yield _refuse(name, "not a regular file (device, socket or pipe)")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _refuse(name, f"cannot read: {exc.strerror or exc}")
        return
    if is_zip(data):
        budget = _Budget(settings.max_archive_bytes, settings.max_archive_members)
        yield from _zip(data, name, None, settings, 1, budget)
    else:
        yield InputFile(name, data)


def unsafe_name(name: str) -> str | None:
    """Why a member name could escape an extraction directory, or None when it is safe."""
    if "\x00" in name:
        return "NUL byte in member name"
    norm = name.replace("\\", "/")
    if norm.startswith("/"):
        return f"absolute member path {name!r}"
    if _DRIVE.match(norm):
        return f"drive letter in member path {name!r}"
    if ".." in norm.split("/"):
        return f"path traversal in member name {name!r}"
    return None


def _declared_bomb(infos: list[zipfile.ZipInfo], settings: Settings,
                   budget: _Budget) -> str | None:
    files = [i for i in infos if not i.is_dir()]
    if len(infos) > budget.members_left:
        return (f"{len(infos)} members exceed the limit of {settings.max_archive_members} "
                "(SCAMNET_MAX_ARCHIVE_MEMBERS)")
    total = sum(i.file_size for i in files)
    if total > budget.bytes_left:
        return (f"declares {total} bytes uncompressed, over the limit of "
                f"{settings.max_archive_bytes} (SCAMNET_MAX_ARCHIVE_BYTES)")
    for info in files:
        if info.file_size >= RATIO_FLOOR:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > settings.max_compression_ratio:
                return (f"member {info.filename!r} compresses {ratio:.0f}:1, over the limit of "
                        f"{settings.max_compression_ratio:.0f}:1 (SCAMNET_MAX_COMPRESSION_RATIO)")
    return None


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    why = unsafe_name(info.filename)
    if why:
        return why
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link member"
    if info.flag_bits & 0x1:
        return "encrypted member"
    return None


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, settings: Settings,
             budget: _Budget) -> bytes | str:
    """The member's bytes, or why reading it was stopped."""
    chunks: list[bytes] = []
    total = 0
    limit = min(info.file_size, budget.bytes_left)
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    return (f"inflates past its declared size of {info.file_size} bytes "
                            "or the archive's size limit")
                if total >= RATIO_FLOOR and total / max(info.compress_size, 1) > (
                        settings.max_compression_ratio):
                    return (f"compression ratio over {settings.max_compression_ratio:.0f}:1 "
                            "while inflating")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError) as exc:
        return f"corrupt member: {exc}"
    budget.bytes_left -= total
    return b"".join(chunks)


def _zip(data: bytes, path: str, parent: str | None, settings: Settings, depth: int,
         budget: _Budget) -> Iterator[InputFile | Quarantined]:
    sha = sha256_hex(data)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        yield _refuse(path, f"corrupt or truncated zip archive: {exc}", data, sha)
        return
    if any(i.filename in _DOCUMENT_MARKERS for i in infos):
        yield InputFile(path, data, parent)  # an office document: the registry says so
        return
    bomb = _declared_bomb(infos, settings, budget)
    if bomb:
        yield _refuse(path, f"refused zip archive (zip bomb?): {bomb}", data, sha)
        return
    budget.members_left -= len(infos)
    yield InputFile(path, data, parent, is_archive=True)
    for info in sorted(infos, key=lambda i: i.filename):
        if info.is_dir():
            continue  # directories carry no bytes; their files are listed on their own
        member = f"{path}!{info.filename}"
        problem = _member_problem(info)
        if problem:
            yield _refuse(member, f"refused zip member: {problem}", b"", sha)
            continue
        content = _inflate(zf, info, settings, budget)
        if isinstance(content, str):
            yield _refuse(member, f"refused zip member: {content}", b"", sha)
            if content.startswith("corrupt"):
                continue
            return  # a member that lies about its size: trust nothing after it
        if is_zip(content):
            if depth >= MAX_NESTING:
                yield _refuse(member, f"zip nested more than {MAX_NESTING} deep, not opened",
                              content, sha)
            else:
                yield from _zip(content, member, sha, settings, depth + 1, budget)
        else:
            yield InputFile(member, content, sha)
