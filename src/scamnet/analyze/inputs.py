"""Reading texts to classify: one per line, or one JSON object with ``text`` per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from scamnet.errors import InputProblem

__all__ = ["TextLine", "read_text_lines"]


@dataclass(frozen=True)
class TextLine:
    """One input text: its 1-based ``line``, optional ``id`` from JSON input, and text."""

    line: int
    text: str
    id: str | None = None


def read_text_lines(lines: Iterable[bytes], path: str) -> Iterator[TextLine | InputProblem]:
    """Parse input lines; bad ones come back as :class:`InputProblem` in order.

    Bytes are decoded as UTF-8 with invalid sequences replaced, so binary junk
    becomes a (meaningless) text rather than an error. A line that starts with
    ``{`` must be a JSON object with a string ``text`` field. Blank lines are
    skipped.
    """
    for n, raw in enumerate(lines, start=1):
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield InputProblem(path, f"invalid JSON: {exc.args[0]}", line=n)
                continue
            if not isinstance(obj, dict):
                yield InputProblem(path, "expected a JSON object", line=n)
                continue
            text = obj.get("text")
            if not isinstance(text, str):
                yield InputProblem(path, "missing or non-string field", line=n, field="text")
                continue
            ident = obj.get("id")
            yield TextLine(n, text, None if ident is None else str(ident))
            continue
        yield TextLine(n, line)
