"""Chat export formats as the apps write them: WhatsApp .txt (Android, iOS) and Telegram JSON.

Each writer returns the file's text and the stage label of every message a
reader will see, in file order, including the platform's own system lines
(labelled None), so ground truth lines up with parsed message indices.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from scamnet.demo.chats import Conversation

__all__ = ["WHATSAPP_STYLES", "telegram_json", "whatsapp_txt"]

WHATSAPP_STYLES: tuple[str, ...] = ("android24", "android12", "ios24", "ios12")

_E2E_ANDROID = ("Messages and calls are end-to-end encrypted. No one outside of this chat, not "
                "even WhatsApp, can read or listen to them. Tap to learn more.")
_E2E_IOS = ("\u200eMessages and calls are end-to-end encrypted. No one outside of this chat, not "
            "even WhatsApp, can read or listen to them.")
_NNBSP = "\u202f"  # newer Android exports put a narrow no-break space before AM/PM


def _clock12(at: datetime, seconds: bool, space: str) -> str:
    hour = at.hour % 12 or 12
    ampm = "AM" if at.hour < 12 else "PM"
    tail = f":{at.second:02d}" if seconds else ""
    return f"{hour}:{at.minute:02d}{tail}{space}{ampm}"


def _stamp(at: datetime, style: str) -> str:
    if style == "android24":
        return f"{at:%d/%m/%Y}, {at:%H:%M} - "
    if style == "android12":
        return f"{at.month}/{at.day}/{at:%y}, {_clock12(at, False, _NNBSP)} - "
    if style == "ios24":
        return f"[{at:%d/%m/%Y}, {at:%H:%M:%S}] "
    if style == "ios12":
        return f"[{at.month}/{at.day}/{at:%y}, {_clock12(at, True, ' ')}] "
    raise ValueError(f"unknown WhatsApp style {style!r}")


def whatsapp_txt(conv: Conversation, style: str) -> tuple[str, list[str | None]]:
    """The conversation as a WhatsApp "Export chat" text file in ``style``."""
    ios = style.startswith("ios")
    first = conv.turns[0].at
    lines: list[str] = []
    labels: list[str | None] = [None]
    if ios:
        lines.append(f"{_stamp(first, style)}{conv.names[0]}: {_E2E_IOS}")
    else:
        lines.append(f"{_stamp(first, style)}{_E2E_ANDROID}")
    for turn in conv.turns:
        text = ("\u200eimage omitted" if ios else "<Media omitted>") if turn.media else turn.text
        lead = "\u200e" if ios and turn.media else ""
        lines.append(f"{lead}{_stamp(turn.at, style)}{conv.names[turn.sender]}: {text}")
        labels.append(turn.stage)
    return "\n".join(lines) + "\n", labels


_ENTITY = re.compile(
    r"(?P<link>(?:https?|hxxps?)://[^\s“”，。]+|(?<![\w.])(?:t\.me|wa\.me|line\.me)/[^\s，。]+)"
    r"|(?P<mention>(?<![\w.])@[A-Za-z][A-Za-z0-9_]{3,})"
)


def _entities(text: str, bare_links: list[str]) -> list[dict[str, str]]:
    spans: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m.lastgroup or "plain") for m in _ENTITY.finditer(text)
    ]
    for link in bare_links:
        start = text.find(link)
        if start >= 0 and not any(s <= start < e for s, e, _ in spans):
            spans.append((start, start + len(link), "link"))
    spans.sort()
    out: list[dict[str, str]] = []
    pos = 0
    for start, end, kind in spans:
        if start > pos:
            out.append({"type": "plain", "text": text[pos:start]})
        out.append({"type": kind, "text": text[start:end]})
        pos = end
    if pos < len(text):
        out.append({"type": "plain", "text": text[pos:]})
    return out


def telegram_json(conv: Conversation, chat_id: int, user_ids: tuple[int, int]
                  ) -> tuple[str, list[str | None]]:
    """The conversation as Telegram Desktop's single-chat ``result.json`` (indent 1, UTF-8)."""
    messages: list[dict[str, object]] = []
    for i, turn in enumerate(conv.turns, start=1):
        entities = _entities(turn.text, conv.links)
        text: object
        if all(e["type"] == "plain" for e in entities):
            text = turn.text
        else:
            text = [e["text"] if e["type"] == "plain" else e for e in entities]
        message: dict[str, object] = {
            "id": i,
            "type": "message",
            "date": turn.at.strftime("%Y-%m-%dT%H:%M:%S"),
            "date_unixtime": str(int(turn.at.replace(tzinfo=UTC).timestamp())),
            "from": conv.names[turn.sender],
            "from_id": f"user{user_ids[turn.sender]}",
        }
        if turn.media:
            message.update({
                "photo": "(File not included. Change data exporting settings to download.)",
                "width": 1280, "height": 960,
            })
        message["text"] = text
        message["text_entities"] = entities
        messages.append(message)
    doc = {"name": conv.names[0], "type": "personal_chat", "id": chat_id, "messages": messages}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n", [t.stage for t in conv.turns]
