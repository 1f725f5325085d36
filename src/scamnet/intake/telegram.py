"""Telegram Desktop JSON exports (``result.json``): one chat, or a full account export.

The containers (top object, ``chats``/``left_chats`` and their ``list``, each
chat and its ``messages`` array) are walked by hand and every message object
is decoded with the C JSON scanner, so each message gets its byte offset, a
bad message is quarantined on its own, and a truncated export still yields
the messages before the cut.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

from scamnet.intake.base import Source
from scamnet.intake.decode import Decoded, decode_head, decode_source, quarantine_file
from scamnet.model.indicators import Indicator
from scamnet.model.records import Message, Quarantined, Report, ReportKind

__all__ = ["TelegramReader", "chat_indicators", "message_text"]

#: Chat types whose id names the other party, the group or the channel, and the
#: prefix Telegram's own exports give such an id (``from_id``). Saved messages
#: are the exporter's own account, never a suspect's, so they are not here.
_ID_PREFIX = {"personal_chat": "user", "bot_chat": "user", "private_group": "chat",
              "private_supergroup": "channel", "public_supergroup": "channel",
              "private_channel": "channel", "public_channel": "channel"}


def chat_indicators(report: Report) -> list[Indicator]:
    """The numeric id of a Telegram export's chat, as a ``telegram_id`` indicator
    (offsets into the id as written). Two victims who export chats with the same
    account, or the same group, share it even after the scammer renames."""
    if report.kind is not ReportKind.CHAT or report.platform != "telegram":
        return []
    chat_id, chat_type = report.extra.get("chat_id", ""), report.extra.get("chat_type", "")
    prefix = _ID_PREFIX.get(chat_type)
    if prefix is None or not chat_id.isascii() or not chat_id.isdigit():
        return []
    return [Indicator("telegram_id", f"{prefix}{chat_id}", chat_id, 0, len(chat_id), True,
                      {"source": "export", "chat_type": chat_type})]

_WS = " \t\n\r"
_EXPORT_HINT = re.compile(
    r'"(?:personal_chat|private_group|private_supergroup|public_supergroup|public_channel|'
    r'private_channel|bot_chat|saved_messages|from_id|date_unixtime|personal_information|'
    r'text_entities)"')


class _Offsets:
    """Character index to byte offset in the evidence, for increasing indexes (amortised)."""

    def __init__(self, decoded: Decoded) -> None:
        self._decoded = decoded
        self._char = 0
        self._byte = decoded.bom

    def at(self, index: int) -> int:
        if index < self._char:
            self._char, self._byte = 0, self._decoded.bom
        self._byte += len(self._decoded.encode(self._decoded.text[self._char:index]))
        self._char = index
        return self._byte


class _Scanner:
    """Just enough of a JSON parser to walk containers; leaves go to ``raw_decode``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.element = 0  # where the array element being read starts (for damage reports)
        self._decoder = json.JSONDecoder()

    def _skip(self) -> str:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in _WS:
            pos += 1
        self.pos = pos
        if pos >= len(text):
            raise json.JSONDecodeError("unexpected end of data (truncated?)", text, pos)
        return text[pos]

    def peek(self) -> str:
        return self._skip()

    def value(self) -> object:
        self._skip()
        obj, self.pos = self._decoder.raw_decode(self.text, self.pos)
        return obj

    def _expect(self, ch: str) -> None:
        if self._skip() != ch:
            raise json.JSONDecodeError(f"expecting {ch!r}", self.text, self.pos)
        self.pos += 1

    def keys(self) -> Iterator[str]:
        """Each key of an object; the caller consumes the value before asking for the next."""
        self._expect("{")
        if self._skip() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise json.JSONDecodeError("expecting a property name", self.text, self.pos)
            self._expect(":")
            self._skip()
            yield key
            c = self._skip()
            self.pos += 1
            if c == "}":
                return
            if c != ",":
                raise json.JSONDecodeError("expecting ',' or '}'", self.text, self.pos - 1)

    def items(self) -> Iterator[int]:
        """The start index of each array element; the caller consumes each element."""
        self._expect("[")
        if self._skip() == "]":
            self.pos += 1
            return
        while True:
            self.element = self.pos
            yield self.pos
            c = self._skip()
            self.pos += 1
            if c == "]":
                return
            if c != ",":
                raise json.JSONDecodeError("expecting ',' or ']'", self.text, self.pos - 1)
            self._skip()


def message_text(value: object) -> str:
    """Join a Telegram ``text`` (string or list of strings and entities) into plain text.

    A ``text_link`` keeps its hidden target visible as ``text (href)`` so that
    extraction sees the link. Raises ValueError for anything else.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise ValueError(f"text must be a string or a list, not {type(value).__name__}")
    parts: list[str] = []
    for i, part in enumerate(value):
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
            shown = str(part.get("text", ""))
            href = part.get("href")
            if isinstance(href, str) and href and href not in shown:
                shown = f"{shown} ({href})" if shown else href
            parts.append(shown)
        else:
            raise ValueError(f"text[{i}] must be a string or an entity object")
    return "".join(parts)


def _unixtime(value: object) -> datetime | None:
    """The exact instant of ``date_unixtime`` (exports since 2021), or None.

    ``date`` is the exporting computer's wall clock without a zone; the Unix
    time beside it is absolute, so it wins when it is a plain integer.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        seconds = int(value)
    else:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _message(obj: object, index: int, offset: int) -> Message:
    if not isinstance(obj, dict):
        raise ValueError(f"message must be an object, not {type(obj).__name__}")
    kind = obj.get("type", "message")
    text = message_text(obj.get("text"))
    if not text and "text_entities" in obj:
        text = message_text(obj.get("text_entities"))
    date = obj.get("date")
    sent_at = _unixtime(obj.get("date_unixtime"))
    if sent_at is None and date is not None:
        if not isinstance(date, str):
            raise ValueError("date must be a string")
        try:
            sent_at = datetime.fromisoformat(date)
        except ValueError:
            raise ValueError(f"date is not ISO 8601: {date!r}") from None
    sender = obj.get("from")
    if kind == "service":
        actor = obj.get("actor")
        sender = actor if isinstance(actor, str) else None
        action = obj.get("action")
        members = obj.get("members")
        said = [sender or "",
                action.replace("_", " ") if isinstance(action, str) else "",
                ", ".join(m for m in members if isinstance(m, str))
                if isinstance(members, list) else "",
                str(obj["title"]) if isinstance(obj.get("title"), str) else "", text]
        text = " ".join(s for s in said if s)
    media = None
    for key in ("photo", "file", "media_type", "sticker_emoji", "location_information"):
        value = obj.get(key)
        if isinstance(value, str) and value:
            media = value
            break
    return Message(index=index, text=text, sender=sender if isinstance(sender, str) else None,
                   sent_at=sent_at, offset=offset, system=kind == "service", media=media)


@dataclass
class _Chat:
    offset: int
    meta: dict[str, object] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)


class TelegramReader:
    """Telegram Desktop "Export chat history" / "Export Telegram data" JSON."""

    name: ClassVar[str] = "telegram"
    description: ClassVar[str] = "Telegram Desktop JSON export (result.json: one chat or all chats)"
    extensions: ClassVar[tuple[str, ...]] = (".json",)

    def sniff(self, source: Source) -> float:
        text = decode_head(source)
        if text is None or not text.lstrip().startswith("{"):
            return 0.0
        if '"messages"' in text and _EXPORT_HINT.search(text):
            return 0.95
        if '"messages"' in text and '"date"' in text:
            return 0.7
        if '"chats"' in text and '"list"' in text:
            return 0.6
        return 0.0

    def read(self, source: Source) -> Iterator[Report | Quarantined]:
        decoded = decode_source(source)
        if isinstance(decoded, Quarantined):
            yield decoded
            return
        walk = _Walk(source, decoded)
        yield from walk.run()


class _Walk:
    """One pass over an export, yielding reports per chat and quarantine per bad message."""

    def __init__(self, source: Source, decoded: Decoded) -> None:
        self.source = source
        self.decoded = decoded
        self.scan = _Scanner(decoded.text)
        self.offsets = _Offsets(decoded)
        self.chats = 0
        self.full = False

    def run(self) -> Iterator[Report | Quarantined]:
        scan = self.scan
        top = _Chat(offset=self.offsets.at(0))
        current: list[_Chat] = [top]
        try:
            if scan.peek() != "{":
                yield quarantine_file(self.source, "not a Telegram export: top level is not a "
                                      "JSON object")
                return
            for key in scan.keys():
                if key in ("chats", "left_chats") and scan.peek() == "{":
                    self.full = True
                    for sub in scan.keys():
                        if sub == "list" and scan.peek() == "[":
                            for n, start in enumerate(scan.items()):
                                chat = _Chat(offset=self.offsets.at(start))
                                current.append(chat)
                                yield from self._chat(chat, f"{key}.list[{n}]")
                                current.pop()
                                yield self._report(chat)
                        else:
                            scan.value()
                elif key == "messages" and scan.peek() == "[":
                    yield from self._messages(top, "messages")
                else:
                    top.meta[key] = scan.value()
            if scan.pos < len(scan.text) and scan.text[scan.pos:].strip():
                raise json.JSONDecodeError("extra data after the export", scan.text, scan.pos)
        except json.JSONDecodeError as exc:
            # Keep what was read before the damage: the open chat becomes a partial report.
            for chat in current[1:]:
                yield self._report(chat)
            if not self.full and (top.messages or "messages" in top.meta):
                yield self._report(top)
            # The damaged element and everything after it go to quarantine together.
            start = self.offsets.at(min(scan.element or exc.pos, exc.pos, len(scan.text)))
            yield Quarantined(path=self.source.path,
                              reason=f"invalid or truncated JSON: {exc.msg} "
                                     f"(line {exc.lineno} column {exc.colno})",
                              raw=self.source.data[start:], evidence_sha256=self.source.sha256,
                              offset=start)
            return
        if not self.full:
            if "messages" not in top.meta and not top.messages:
                yield quarantine_file(self.source, "not a Telegram export: no \"messages\" "
                                      "array and no \"chats\" list")
                return
            yield self._report(top)

    def _chat(self, chat: _Chat, path: str) -> Iterator[Quarantined]:
        scan = self.scan
        for key in scan.keys():
            if key == "messages" and scan.peek() == "[":
                yield from self._messages(chat, f"{path}.messages")
            else:
                chat.meta[key] = scan.value()

    def _messages(self, chat: _Chat, path: str) -> Iterator[Quarantined]:
        scan = self.scan
        chat.meta["messages"] = True
        for n, start in enumerate(scan.items()):
            obj = scan.value()
            offset = self.offsets.at(start)
            try:
                chat.messages.append(_message(obj, len(chat.messages), offset))
            except ValueError as exc:
                end = self.offsets.at(scan.pos)
                yield Quarantined(path=self.source.path, reason=f"{path}[{n}]: {exc}",
                                  raw=self.source.data[offset:end],
                                  evidence_sha256=self.source.sha256, offset=offset,
                                  field=f"{path}[{n}]")

    def _report(self, chat: _Chat) -> Report:
        sha = self.source.sha256
        if self.full:
            self.chats += 1
            rid = f"{sha[:16]}-{self.chats}"
        else:
            rid = sha[:16]
        name = chat.meta.get("name")
        extra = {k: str(chat.meta[k]) for k in ("id", "type") if chat.meta.get(k) is not None}
        return Report(
            id=rid, kind=ReportKind.CHAT, evidence_sha256=sha, messages=tuple(chat.messages),
            platform="telegram", title=name if isinstance(name, str) else None,
            offset=chat.offset, extra={f"chat_{k}": v for k, v in extra.items()},
        )
