"""Parse stored evidence again for the records it once quarantined.

Ingesting the same bytes twice changes nothing (evidence is content-addressed),
so an analyst who learns that a helpline writes dates day-first cannot fix the
quarantined rows by ingesting the file again. :func:`retry_quarantined` parses
each stored file that still has open quarantine records with the options given
now (``--date-order``, ``--tz``, ``--country``), stores the reports that now
parse *at the place of an open quarantine record*, and marks those records
resolved (they stay in the table as the audit trail). A file that was
quarantined whole (no line or offset: no reader recognised it then) and is
read now gives all its reports, and its records that fail now become open
quarantine records of their own. Reports already stored
are left as they are; a report that does not stand where a quarantined record
stood is not added, so a reader that changed its ids between versions cannot
duplicate a conversation.

A file ingested with the wrong ``--format`` keeps that format (the evidence
row never changes) and every retry would read it the same wrong way:
``format`` with ``evidence`` reads that one file with another reader. Its
open records came from the wrong reader, so their places mean nothing: the
file is treated as quarantined whole (all its reports added, all its open
records resolved) as long as it has given no report; once it has (the wrong
reader read part of it, or an earlier retry with this format), only reports
standing where an open record stands are added, as above.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from scamnet.errors import InvalidInputError
from scamnet.intake.archive import InputFile
from scamnet.intake.pipeline import (
    check_reading_options,
    observer,
    parse_file,
    stored_elsewhere,
)
from scamnet.intake.registry import get_reader
from scamnet.model.records import Quarantined, Report
from scamnet.settings import Settings
from scamnet.store.store import Batch, QuarantineRow, Store

__all__ = ["RetrySummary", "retry_quarantined"]


@dataclass
class RetrySummary:
    """What a retry did. ``still`` holds the records that fail again, as parsed now."""

    evidence: int = 0
    reports: int = 0
    observations: int = 0
    resolved: int = 0
    still: list[Quarantined] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "evidence": self.evidence, "reports": self.reports,
            "observations": self.observations, "resolved": self.resolved,
            "still_quarantined": [q.to_json() for q in self.still],
        }


def _options(tz: str | None, date_order: str | None, country: str | None,
             format: str | None = None) -> str:
    given = [f"{k}={v}" for k, v in (("format", format), ("date_order", date_order),
                                     ("tz", tz), ("country", country)) if v]
    return ", ".join(given) or "no options"


def _whole_file(batch: Batch, stored: set[str], qids: Iterable[int],
                how: str) -> tuple[list[Report], dict[int, str], list[Quarantined]]:
    """A file that was quarantined whole (no reader knew it then), or read by the
    wrong reader, and parses now: all its reports not stored yet, the records
    they resolve (``qids``), and the records that fail now, which become open
    quarantine records of their own.

    No report came from such a file, so none of its reports can be a duplicate
    under another id; without this its records could never be recovered.
    """
    reports = [r for r in batch.reports if r.id not in stored]
    # An id another file already holds is quarantined, as ingest does.
    still = [*batch.quarantined, *(stored_elsewhere(r, batch.evidence.path)
                                   for r in batch.reports if r.id in stored)]
    if not reports:
        return [], {}, still
    done = f"file parsed as {len(reports)} report(s) by retry-quarantined ({how})"
    return reports, dict.fromkeys(qids, done), still


def retry_quarantined(store: Store, settings: Settings, *, country: str | None = None,
                      tz: str | None = None, date_order: str | None = None,
                      workers: int = 1, evidence: str | None = None,
                      format: str | None = None) -> RetrySummary:
    """Parse again every stored evidence file with open quarantine records, or
    only ``evidence`` (a full SHA-256), as ``format`` when given.

    One transaction per evidence file, like ingest, so an interrupted retry can
    be run again. Raises, before reading anything, :class:`ConfigError` for an
    unknown ``tz`` or ``date_order``, :class:`NotFoundError` for an unknown
    ``format`` or ``evidence``, and :class:`InvalidInputError` for ``format``
    without ``evidence``.
    """
    tz, order = check_reading_options(settings, tz, date_order)
    hint = country or settings.default_country
    if format is not None:
        if evidence is None:
            raise InvalidInputError("a format is read into one file: give the evidence "
                                    "(SHA-256) to read with it")
        get_reader(format)
    how = _options(tz, order, country, format)
    # Open records grouped by their evidence, oldest record first; records
    # refused before any bytes were stored (zip bombs) have no evidence to parse.
    open_rows: dict[str, list[QuarantineRow]] = defaultdict(list)
    for row in store.quarantined():
        if row.evidence_sha256 is not None and evidence in (None, row.evidence_sha256):
            open_rows[row.evidence_sha256].append(row)
    if evidence is not None and not open_rows:
        # Nothing open (a retry already read it): nothing to do, as for the
        # whole store; an evidence that does not exist is an error.
        store.get_evidence(evidence)
    summary = RetrySummary()
    with observer(workers) as observe_many:
        for sha in list(open_rows):
            ev = store.get_evidence(sha)
            if ev.format == "zip":
                continue  # an archive's members are evidence of their own
            fmt = format or (None if ev.format == "unknown" else ev.format)
            batch = parse_file(InputFile(ev.path, ev.data, ev.container), hint, fmt, sha, tz,
                               observe_many, date_order=order)
            summary.evidence += 1
            stood = {(q.line, q.offset): q.id for q in open_rows[sha]}
            stored = store.existing_report_ids(r.id for r in batch.reports)
            whole = stood.get((None, None))
            # Read by another reader than the one that quarantined its records,
            # a file that gave nothing yet gives all it has now (their places
            # mean nothing); one that gave reports keeps the rule of places.
            reread = (format is not None and format != ev.format
                      and not store.reports_from(sha))
            anew = whole is not None or reread
            if anew:
                qids = list(stood.values()) if reread or whole is None else [whole]
                reports, resolved, still = _whole_file(batch, stored, qids, how)
            else:
                reports, resolved, still = [], {}, batch.quarantined
                for report in batch.reports:
                    qid = stood.get((report.line, report.offset))
                    if report.id in stored or qid is None or qid in resolved:
                        continue
                    reports.append(report)
                    resolved[qid] = f"parsed as report {report.id} by retry-quarantined ({how})"
            ids = {r.id for r in reports}
            observations = [o for o in batch.observations if o.report_id in ids]
            summary.still.extend(still)
            if not resolved:
                continue
            # Only a whole file's records are new; others stay open where they are.
            store.write_retry(Batch(ev, reports, observations, still if anew else []),
                              resolved)
            summary.reports += len(reports)
            summary.observations += len(observations)
            summary.resolved += len(resolved)
    return summary
