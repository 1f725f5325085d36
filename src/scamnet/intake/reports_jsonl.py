"""Victim reports as JSON Lines: one JSON object per line (schema in ``report_fields``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import partial
from typing import ClassVar

from scamnet.intake.base import Source
from scamnet.intake.decode import decode_head, decode_lines, split_lines
from scamnet.intake.report_fields import FIELDS, REQUIRED, build_report, normalise_key
from scamnet.model.records import Quarantined, Report

__all__ = ["ReportsJsonlReader"]

_KNOWN = frozenset(f.name for f in FIELDS)


class ReportsJsonlReader:
    """Victim reports, one JSON object per line; blank lines are skipped."""

    name: ClassVar[str] = "report-jsonl"
    description: ClassVar[str] = "Victim reports as JSON Lines (one report object per line)"
    extensions: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson", ".json")

    def sniff(self, source: Source) -> float:
        text = decode_head(source)
        if text is None:
            return 0.0
        lines = [ln for ln in split_lines(text)[:20] if ln.strip()]
        if len(source.data) > len(source.head) and len(lines) > 1:
            lines.pop()  # the head may end mid-record
        parsed = 0
        schema_like = 0
        for ln in lines[:10]:
            try:
                obj = json.loads(ln)
            except ValueError:
                continue
            if isinstance(obj, dict):
                parsed += 1
                keys = {normalise_key(str(k)) for k in obj}
                if sum(k in keys for k in REQUIRED) >= 2:
                    schema_like += 1
        if not parsed:
            return _cut_first_record(lines, len(source.data) > len(source.head))
        if schema_like:
            return 0.95 if schema_like * 2 >= parsed else 0.7
        # Objects per line, but not reports: something else's JSON Lines.
        return 0.2

    def read(self, source: Source) -> Iterator[Report | Quarantined]:
        lines = decode_lines(source)
        if isinstance(lines, Quarantined):
            yield lines
            return
        for number, line, raw in lines:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield _bad(source, raw, number, f"not valid JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield _bad(source, raw, number,
                           f"expected a JSON object, got {type(obj).__name__}")
                continue
            # Keys already spelled as the schema spells them need no renaming.
            values = obj if obj.keys() <= _KNOWN else {
                normalise_key(str(k)): v for k, v in obj.items()}
            yield build_report(values, source, partial(bytes, raw), line=number)


#: A key of a JSON object, where the object or a previous member ends: ``{"id":``, ``, "x" :``.
_KEY = re.compile(r'[{,]\s*"([^"\\]{1,64})"\s*:')


def _cut_first_record(lines: list[str], cut: bool) -> float:
    """The score of a head that is one record too long to end inside it (a 50 MB
    narrative): it cannot be parsed, so its keys are read as far as they go.
    Without this the whole file would be quarantined, the good records after it too."""
    if not cut or len(lines) != 1 or not lines[0].lstrip().startswith("{"):
        return 0.0
    keys = {normalise_key(k) for k in _KEY.findall(lines[0])}
    return 0.7 if sum(k in keys for k in REQUIRED) >= 2 else 0.0


def _bad(source: Source, raw: bytes, line: int, reason: str) -> Quarantined:
    return Quarantined(path=source.path, reason=reason, raw=raw, evidence_sha256=source.sha256,
                       line=line)
