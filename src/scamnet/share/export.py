"""Exports of stored reports and indicators: JSON Lines, CSV and FtM.

Each exporter is a generator of lines so the CLI can stream a large store.
The JSON and CSV layouts are documented in docs/json.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from scamnet.errors import ConfigError

if TYPE_CHECKING:
    from scamnet.store.store import Store, StoredReport

__all__ = ["CSV_FIELDS", "EXPORT_FORMATS", "export_lines", "report_json"]

EXPORT_FORMATS = ("jsonl", "csv", "ftm")

CSV_FIELDS = ("report_id", "report_kind", "reported_at", "reporter_country", "evidence_sha256",
              "kind", "value", "valid", "raw", "field", "field_index", "start", "end")


def report_json(stored: StoredReport) -> dict[str, Any]:
    """The stable JSON form of a stored report (``scamnet show --json``)."""
    r = stored.report
    return {
        "id": r.id,
        "kind": str(r.kind),
        "evidence": {"sha256": r.evidence_sha256, "path": stored.evidence_path,
                     "line": r.line, "offset": r.offset},
        "reported_at": r.reported_at.isoformat() if r.reported_at else None,
        "reporter_country": r.reporter_country,
        "language": r.language,
        "platform": r.platform,
        "title": r.title,
        "narrative": r.narrative,
        "amount_lost": str(r.amount_lost) if r.amount_lost is not None else None,
        "currency": r.currency,
        "suspect_identifiers": list(r.suspect_identifiers),
        "extra": dict(r.extra),
        "messages": [{"index": m.index, "sender": m.sender,
                      "sent_at": m.sent_at.isoformat() if m.sent_at else None,
                      "text": m.text, "line": m.line, "offset": m.offset,
                      "system": m.system, "media": m.media} for m in r.messages],
        "indicators": [{"kind": o.kind, "value": o.value, "valid": o.valid, "raw": o.raw,
                        "field": o.field, "field_index": o.field_index, "start": o.start,
                        "end": o.end, "attrs": dict(sorted(o.attrs.items()))}
                       for o in stored.observations],
    }


def _stored_reports(store: Store) -> Iterator[StoredReport]:
    for report in store.iter_reports():
        yield store.get_report(report.id)


def export_lines(store: Store, fmt: str) -> Iterator[str]:
    """Lines (with newline) of the whole store in ``fmt``: jsonl, csv or ftm."""
    if fmt == "jsonl":
        for stored in _stored_reports(store):
            yield json.dumps(report_json(stored), ensure_ascii=False, sort_keys=True) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        yield buf.getvalue()
        for stored in _stored_reports(store):
            r = stored.report
            for o in stored.observations:
                buf.seek(0)
                buf.truncate()
                writer.writerow([r.id, str(r.kind), r.reported_at.isoformat() if r.reported_at
                                 else "", r.reporter_country or "", r.evidence_sha256, o.kind,
                                 o.value, "true" if o.valid else "false", o.raw, o.field,
                                 "" if o.field_index is None else o.field_index, o.start, o.end])
                yield buf.getvalue()
    elif fmt == "ftm":
        # followthemoney takes most of a second to import; only this format needs it.
        from scamnet.share.ftm import merged_entities

        for entity in merged_entities(_stored_reports(store)):
            yield json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"
    else:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
