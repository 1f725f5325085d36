"""E-mail messages (``.eml``, RFC 5322 with MIME), one report each.

Parsed with the standard library (``email.policy.default``): RFC 2047 encoded
headers are decoded, the body is the text/plain part or else the text/html
part turned into text with link targets kept. The sender, Reply-To, Sender
and Return-Path addresses become the report's suspect identifiers.
Attachments are listed by name and type in ``extra``; text attachments
(``text/plain``, ``text/html``, ``text/csv``: a "wallet.txt", a fake
invoice in HTML) are read as further messages of the report, each with the
attachment's file name in ``media``. Binary attachments (PDF, images) stay
inside the stored e-mail, unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.message import Message as MimePart
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import ClassVar

from scamnet.errors import InvalidInputError
from scamnet.intake.base import Source
from scamnet.intake.decode import decode, decode_head, is_blank, quarantine_file
from scamnet.intake.html_text import html_to_text
from scamnet.model.records import Message, Quarantined, Report, ReportKind

__all__ = ["EmailReader"]

_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]{0,60}):[ \t]?")
_KNOWN = frozenset({
    "from", "to", "cc", "subject", "date", "received", "message-id", "mime-version",
    "content-type", "content-transfer-encoding", "return-path", "reply-to", "delivered-to",
    "sender", "x-mailer", "user-agent", "dkim-signature", "authentication-results",
})
_IDENTITY = frozenset({"from", "subject", "date", "received", "message-id", "mime-version",
                       "return-path", "delivered-to"})
_SUSPECT_HEADERS = ("From", "Reply-To", "Sender", "Return-Path")


def _header(msg: EmailMessage, name: str, problems: list[str]) -> str | None:
    try:
        value = msg[name]
    except Exception as exc:  # malformed headers raise assorted errors
        problems.append(f"{name}: {exc}")
        return None
    return None if value is None else str(value).strip() or None


def _part_text(part: MimePart) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, KeyError, AssertionError):
        pass  # unknown or lying charset: fall back to our own decoding below
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload:
        return ""
    try:
        return decode(payload).text
    except InvalidInputError:
        return ""


def _readable(part: MimePart) -> str:
    """A text part as text: HTML turned into text with link targets kept."""
    text = _part_text(part)
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _body_line(data: bytes) -> int:
    """1-based line where the body starts (after the first blank line)."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        at = data.find(sep)
        if at >= 0:
            return data.count(b"\n", 0, at + len(sep)) + 1
    return data.count(b"\n") + 1


class EmailReader:
    """RFC 5322 e-mail (.eml), MIME multipart, encoded headers, HTML bodies."""

    name: ClassVar[str] = "email"
    description: ClassVar[str] = "E-mail message (.eml, MIME multipart, RFC 2047 headers)"
    extensions: ClassVar[tuple[str, ...]] = (".eml", ".mbox", ".txt")

    def sniff(self, source: Source) -> float:
        text = decode_head(source)
        if text is None:
            return 0.0
        lines = text.split("\n")
        if lines and lines[0].startswith("From "):  # mbox separator line
            lines = lines[1:]
        names: set[str] = set()
        for line in lines[:200]:
            line = line.rstrip("\r")
            if not line:
                break
            if line[0] in " \t":
                continue
            m = _HEADER_LINE.match(line)
            if m is None:
                return 0.0
            names.add(m.group(1).lower())
        known = names & _KNOWN
        if len(known) >= 2 and names & _IDENTITY:
            return 0.9
        return 0.0

    def read(self, source: Source) -> Iterator[Report | Quarantined]:
        data = source.data
        if is_blank(data):
            yield quarantine_file(source, "empty file")
            return
        if data.startswith(b"From "):
            data = data[data.find(b"\n") + 1:]
        try:
            msg = BytesParser(policy=policy.default).parsebytes(data)
        except Exception as exc:  # the parser's failures are not one type
            yield quarantine_file(source, f"cannot parse as e-mail: {exc}")
            return
        assert isinstance(msg, EmailMessage)
        problems: list[str] = []
        subject = _header(msg, "Subject", problems)
        sender = _header(msg, "From", problems)
        sent_at = self._date(msg, problems)

        suspects: list[str] = []
        for name in _SUSPECT_HEADERS:
            value = _header(msg, name, problems)
            if value is None:
                continue
            for _, addr in getaddresses([value]):
                addr = addr.strip().strip("<>")
                if addr and addr not in suspects:
                    suspects.append(addr)

        body = ""
        try:
            part = msg.get_body(preferencelist=("plain", "html"))
        except Exception as exc:  # broken MIME trees raise assorted errors
            problems.append(f"body: {exc}")
            part = None
        if part is not None:
            body = _readable(part)
        elif not msg.is_multipart():
            body = _part_text(msg)

        attachments = []
        attached_texts: list[tuple[str, str]] = []  # (file name, text)
        try:
            for att in msg.iter_attachments():
                filename = att.get_filename() or "(unnamed)"
                attachments.append(f"{filename} ({att.get_content_type()})")
                if att.get_content_maintype() == "text":
                    text = _readable(att).replace("\r\n", "\n").strip("\n")
                    if text:
                        attached_texts.append((filename, text))
        except Exception as exc:  # a broken MIME tree raises assorted errors
            problems.append(f"attachments: {exc}")

        extra: dict[str, str] = {}
        for name in ("To", "Cc", "Message-ID", "Reply-To"):
            value = _header(msg, name, problems)
            if value:
                extra[name.lower().replace("-", "_")] = value
        if attachments:
            extra["attachments"] = "; ".join(attachments)
        if problems:
            extra["header_problems"] = "; ".join(problems)
        defects = [type(d).__name__ for d in msg.defects]
        if defects:
            extra["mime_defects"] = ", ".join(sorted(set(defects)))

        body = body.replace("\r\n", "\n").strip("\n")
        messages = [Message(index=0, text=body, sender=sender, sent_at=sent_at,
                            line=_body_line(source.data))]
        messages.extend(Message(index=i, text=text, sender=sender, sent_at=sent_at, media=name)
                        for i, (name, text) in enumerate(attached_texts, start=1))
        yield Report(
            id=source.sha256[:16], kind=ReportKind.EMAIL, evidence_sha256=source.sha256,
            messages=tuple(messages), platform="email", title=subject,
            suspect_identifiers=tuple(suspects), line=1, extra=extra,
        )

    @staticmethod
    def _date(msg: EmailMessage, problems: list[str]) -> datetime | None:
        raw = _header(msg, "Date", problems)
        if raw is None:
            return None
        try:
            return parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            problems.append(f"Date: not an RFC 5322 date: {raw!r}")
            return None
