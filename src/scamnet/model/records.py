"""Records that move through the pipeline: evidence, reports, messages, quarantine.

Readers turn evidence bytes into :class:`Report` records (or :class:`Quarantined`
ones); extraction adds :class:`Observation` records that point back into the
report's texts; the store keeps all of them. These are plain frozen data: no
I/O, no database handles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from scamnet.model.indicators import Indicator

__all__ = [
    "Evidence",
    "Message",
    "Observation",
    "Quarantined",
    "Report",
    "ReportKind",
    "TextField",
    "sha256_hex",
]


#: Builds an instance without running a frozen dataclass's ``__init__``, which
#: sets each field through ``object.__setattr__``: see :meth:`Report.build`.
_new_object = object.__new__


def sha256_hex(data: bytes) -> str:
    """The content address of ``data``: lower-case hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Evidence:
    """Raw input bytes, stored unchanged and addressed by their SHA-256.

    ``path`` is where the bytes came from as the user named it (for an archive
    member: ``archive.zip!inner/path.txt``); ``container`` is the SHA-256 of the
    archive it came out of, if any. ``format`` is the reader that parsed it.
    """

    sha256: str
    data: bytes
    path: str
    format: str
    container: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @classmethod
    def of(cls, data: bytes, path: str, format: str, container: str | None = None) -> Evidence:
        return cls(sha256_hex(data), data, path, format, container)


class ReportKind(StrEnum):
    """What a report is: a victim's report, a chat export, an e-mail, a transcript."""

    VICTIM_REPORT = "victim_report"
    CHAT = "chat"
    EMAIL = "email"
    TRANSCRIPT = "transcript"


@dataclass(frozen=True)
class Message:
    """One message of a conversation (chat export, e-mail, transcript).

    ``index`` is the 0-based position in the conversation; ``line`` the 1-based
    line in the evidence where the message starts (None for JSON formats, which
    use ``offset``). ``system`` marks lines the platform wrote (joins, encryption
    notices); ``media`` names omitted or attached media.
    """

    index: int
    text: str
    sender: str | None = None
    sent_at: datetime | None = None
    line: int | None = None
    offset: int | None = None
    system: bool = False
    media: str | None = None


@dataclass(frozen=True)
class Report:
    """One unit of evidence about a scam: a victim report or one conversation.

    ``id`` is the report id given in the input, or for formats without one a
    stable id derived from the evidence hash (``<sha256[:16]>`` or
    ``<sha256[:16]>-<n>``) so re-ingesting the same bytes gives the same ids.
    ``narrative`` is the report's free text; conversations keep their text in
    ``messages`` and a narrative may be empty. ``suspect_identifiers`` holds
    identifiers the reporter listed (free text each, mined by extraction too).
    ``line``/``offset`` locate the record in its evidence.
    """

    id: str
    kind: ReportKind
    evidence_sha256: str
    narrative: str = ""
    messages: tuple[Message, ...] = ()
    reported_at: datetime | None = None
    reporter_country: str | None = None
    language: str | None = None
    platform: str | None = None
    amount_lost: Decimal | None = None
    currency: str | None = None
    suspect_identifiers: tuple[str, ...] = ()
    title: str | None = None
    line: int | None = None
    offset: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, *, id: str, kind: ReportKind, evidence_sha256: str, narrative: str,
              messages: tuple[Message, ...], reported_at: datetime | None,
              reporter_country: str | None, language: str | None, platform: str | None,
              amount_lost: Decimal | None, currency: str | None,
              suspect_identifiers: tuple[str, ...], title: str | None, line: int | None,
              offset: int | None, extra: Mapping[str, str]) -> Report:
        """The same as ``Report(...)`` with every field given, built faster.

        A frozen dataclass's ``__init__`` sets each of its sixteen fields through
        ``object.__setattr__`` (about 3 µs a report, a reader makes one per
        record); filling the instance dict directly costs a fifth of that. The
        result is an ordinary instance (compares, pickles, ``replace``s), as
        with :meth:`scamnet.model.indicators.Indicator.build`.
        """
        obj = _new_object(cls)
        obj.__dict__.update(
            id=id, kind=kind, evidence_sha256=evidence_sha256, narrative=narrative,
            messages=messages, reported_at=reported_at, reporter_country=reporter_country,
            language=language, platform=platform, amount_lost=amount_lost, currency=currency,
            suspect_identifiers=suspect_identifiers, title=title, line=line, offset=offset,
            extra=extra)
        return obj

    def texts(self) -> list[TextField]:
        """Every text of the report that extraction reads, with where it lives."""
        text = TextField.build
        out: list[TextField] = []
        if self.title:
            out.append(text("title", None, self.title))
        if self.narrative:
            out.append(text("narrative", None, self.narrative))
        for i, ident in enumerate(self.suspect_identifiers):
            out.append(text("suspect", i, ident))
        # A participant's name is evidence too: an unsaved WhatsApp contact is
        # shown by its number. Each distinct name is read once, at the first
        # message it sent. (An e-mail's sender addresses are already among its
        # suspect identifiers.)
        seen: set[str] = set()
        read_senders = self.kind is not ReportKind.EMAIL
        for m in self.messages:
            if read_senders and m.sender and m.sender not in seen:
                seen.add(m.sender)
                out.append(text("sender", m.index, m.sender))
            if m.text and not m.system:
                out.append(text("message", m.index, m.text))
        return out


@dataclass(frozen=True)
class TextField:
    """A text inside a report: ``field`` is title, narrative, suspect, sender or
    message; ``index`` the suspect identifier or message index (for a sender, the
    first message it sent)."""

    field: str
    index: int | None
    text: str

    @classmethod
    def build(cls, field: str, index: int | None, text: str) -> TextField:
        """The same as ``TextField(...)``, built faster (see :meth:`Report.build`):
        extraction asks every report for its texts."""
        obj = _new_object(cls)
        fields = obj.__dict__
        fields["field"] = field
        fields["index"] = index
        fields["text"] = text
        return obj


@dataclass(frozen=True)
class Observation:
    """An indicator seen in one text of one report (offsets into that text)."""

    report_id: str
    field: str
    index: int | None
    indicator: Indicator

    @classmethod
    def build(cls, report_id: str, field: str, index: int | None,
              indicator: Indicator) -> Observation:
        """The same as ``Observation(...)``, built faster (see :meth:`Report.build`):
        ingest makes one per indicator found, several a report."""
        obj = _new_object(cls)
        fields = obj.__dict__
        fields["report_id"] = report_id
        fields["field"] = field
        fields["index"] = index
        fields["indicator"] = indicator
        return obj


@dataclass(frozen=True)
class Quarantined:
    """A record that could not be parsed, kept with its bytes and the reason.

    ``path`` is the evidence path; ``line`` (1-based) or ``offset`` (bytes)
    locate it; ``field`` names the field at fault when known.
    """

    path: str
    reason: str
    raw: bytes
    evidence_sha256: str | None = None
    line: int | None = None
    offset: int | None = None
    field: str | None = None
    record_id: str | None = None

    def to_json(self) -> dict[str, object]:
        """Where and why, for the ingest and retry summaries (the bytes stay out)."""
        return {"path": self.path, "line": self.line, "offset": self.offset,
                "field": self.field, "record_id": self.record_id, "reason": self.reason}

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        elif self.offset is not None:
            where += f"@{self.offset}"
        detail = f" field {self.field!r}:" if self.field else ""
        rec = f" record {self.record_id}" if self.record_id else ""
        return f"{where}:{rec}{detail} {self.reason}"
