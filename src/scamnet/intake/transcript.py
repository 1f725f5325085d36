"""Plain-text transcripts: the fallback for any readable text no other reader claims.

A line ``Name: text`` (or ``Name：text``, optionally after a ``[time]`` prefix)
starts a message by Name when such lines make up a good share of the file;
other lines continue the message before them. Text without speaker labels
becomes one message per paragraph. One report per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from scamnet.intake.base import Source
from scamnet.intake.decode import decode_head, decode_source, split_lines
from scamnet.model.records import Message, Quarantined, Report, ReportKind

__all__ = ["TranscriptReader", "speaker"]

_SPEAKER = re.compile(
    r"\s*(?:[\[(][^\])\n]{1,30}[\])]\s*)?"  # optional "[10:15]" or "(Mon 9pm)" prefix
    r"(?P<name>[^\s:：\[\]()<>\"'][^:：\n]{0,39}?)\s*[:：]\s*(?P<text>.*)")


def speaker(line: str) -> tuple[str, str] | None:
    """(name, text) when ``line`` opens with a speaker label, else None."""
    m = _SPEAKER.fullmatch(line)
    if m is None:
        return None
    name = m.group("name").strip()
    # Not a person: URLs ("https: //"), times ("10:15"), long sentences.
    if (not name or name.lower() in ("http", "https", "ftp") or name[0].isdigit()
            or len(name.split()) > 4):
        return None
    return name, m.group("text")


class TranscriptReader:
    """Any readable text: a dialogue of ``Name: text`` lines, or free text."""

    name: ClassVar[str] = "transcript"
    description: ClassVar[str] = "Plain-text transcript or free text (fallback for readable text)"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text", ".md", ".log")

    def sniff(self, source: Source) -> float:
        text = decode_head(source)
        if text is None:
            return 0.0
        stripped = text.lstrip()
        # Structured data that no reader understood is not a transcript: quarantine it.
        if stripped[:1] in ("{", "[") or stripped.startswith("<?xml"):
            return 0.0
        return 0.35

    def read(self, source: Source) -> Iterator[Report | Quarantined]:
        decoded = decode_source(source)
        if isinstance(decoded, Quarantined):
            yield decoded
            return
        lines = split_lines(decoded.text)
        filled = [ln for ln in lines if ln.strip()]
        labelled = sum(speaker(ln) is not None for ln in filled)
        if labelled >= 2 and labelled * 10 >= len(filled) * 3:
            messages = _dialogue(lines)
        else:
            messages = _paragraphs(lines)
        yield Report(id=source.sha256[:16], kind=ReportKind.TRANSCRIPT,
                     evidence_sha256=source.sha256, messages=tuple(messages), line=1,
                     extra={"encoding": decoded.encoding})


def _dialogue(lines: list[str]) -> list[Message]:
    out: list[Message] = []
    sender: str | None = None
    body: list[str] = []
    start = 0

    def flush() -> None:
        text = "\n".join(body).strip()
        if text or sender is not None:
            out.append(Message(index=len(out), text=text, sender=sender, line=start))

    for number, line in enumerate(lines, start=1):
        label = speaker(line)
        if label is not None:
            if body or sender is not None:
                flush()
            sender, body, start = label[0], [label[1]], number
        elif line.strip() or body:
            if not body and sender is None:
                start = number
            body.append(line)
    if body or sender is not None:
        flush()
    return out


def _paragraphs(lines: list[str]) -> list[Message]:
    out: list[Message] = []
    para: list[str] = []
    start = 0
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if not para:
                start = number
            para.append(line)
        elif para:
            out.append(Message(index=len(out), text="\n".join(para), line=start))
            para = []
    return out
