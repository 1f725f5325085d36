"""Victim reports as CSV with a header row (schema in ``report_fields``).

The delimiter (``,`` ``;`` tab or ``|``) is chosen from the header: the one
that splits it into the most schema field names. Quoted fields may span
lines; a record's line number is the line it starts on.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from functools import partial
from typing import ClassVar

from scamnet.intake.base import Source
from scamnet.intake.decode import Lines, decode_head, decode_lines, quarantine_file
from scamnet.intake.report_fields import FIELDS, REQUIRED, build_report, normalise_key
from scamnet.model.records import Quarantined, Report

__all__ = ["ReportsCsvReader"]

_DELIMITERS = (",", ";", "\t", "|")
#: Longest field accepted, in characters; a longer one quarantines its row.
#: The csv module's own limit is process-wide and other libraries change it
#: (importing followthemoney raises it to sys.maxsize), so the reader raises
#: it to at least this and enforces this itself: the same file gives the same
#: result whatever else the process has imported.
MAX_FIELD_CHARS = 1_000_000
_KNOWN = frozenset(f.name for f in FIELDS)
_EXCEL_SEP = re.compile(r"sep=(.)")


def _header(line: str, only: str | None = None) -> tuple[str, list[str], int]:
    """(delimiter, normalised names, how many are schema fields) for a header line."""
    best = (only or ",", [line.strip()], 0)
    for delim in (only,) if only else _DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delim), [])
        except csv.Error:  # e.g. a stray CR: not a header with this delimiter
            continue
        names = [normalise_key(n) for n in cells]
        known = sum(n in _KNOWN for n in names)
        if (known, len(names)) > (best[2], len(best[1])):
            best = (delim, names, known)
    return best


class ReportsCsvReader:
    """Victim reports in CSV (or semicolon/tab/pipe separated) with a header row."""

    name: ClassVar[str] = "report-csv"
    description: ClassVar[str] = "Victim reports as CSV with a header row (, ; tab or | separated)"
    extensions: ClassVar[tuple[str, ...]] = (".csv", ".tsv", ".txt")

    def sniff(self, source: Source) -> float:
        text = decode_head(source)
        if text is None:
            return 0.0
        filled = [ln.rstrip("\r") for ln in text.split("\n", 20)[:20] if ln.strip()]
        first = filled[0] if filled else ""
        forced = _EXCEL_SEP.fullmatch(first)
        if forced and len(filled) > 1:
            first = filled[1]
        _, names, known = _header(first, forced.group(1) if forced else None)
        required = sum(r in names for r in REQUIRED)
        if required == len(REQUIRED):
            return 0.9
        if required >= 2 or known >= 3:
            return 0.6
        return 0.0

    def read(self, source: Source) -> Iterator[Report | Quarantined]:
        # CRs kept: a quoted field spanning lines keeps its CRLF, a quarantined
        # record its exact bytes.
        lines = decode_lines(source, keep_cr=True)
        if isinstance(lines, Quarantined):
            yield lines
            return
        head = _next_filled(lines)
        if head is None:
            yield quarantine_file(source, "empty file")
            return
        forced = _EXCEL_SEP.fullmatch(head[1].rstrip("\r"))
        if forced:  # Excel's "sep=;" line names the delimiter; the header follows it
            head = _next_filled(lines)
            if head is None:
                yield quarantine_file(source, "empty file")
                return
        start = head[0]  # the header's line number
        delim, names, _ = _header(head[1].rstrip("\r"), forced.group(1) if forced else None)
        problems = []
        missing = [r for r in REQUIRED if r not in names]
        if missing:
            problems.append("header lacks required column(s) " + ", ".join(missing))
        dups = sorted(n for n, c in Counter(names).items() if c > 1)
        if dups:
            problems.append("header repeats column(s) " + ", ".join(dups))
        if problems:
            yield Quarantined(path=source.path, reason="; ".join(problems),
                              raw=source.data, evidence_sha256=source.sha256, line=start)
            return
        # The bytes of the lines the csv module has read since the last record:
        # a record may span lines (quoted newlines), and a quarantined record
        # keeps all of its bytes.
        pending: list[bytes] = []

        def body() -> Iterator[str]:
            # LF-terminated lines, so the csv module's line_num counts real lines.
            for _, line, raw_line in lines:
                pending.append(raw_line)
                yield line + "\n"

        if csv.field_size_limit() < MAX_FIELD_CHARS + 1:
            csv.field_size_limit(MAX_FIELD_CHARS + 1)
        rows = csv.reader(body(), delimiter=delim)
        done = start  # lines consumed so far, header included
        seen = 0
        while True:
            try:
                row = next(rows)
                error = None
            except StopIteration:
                break
            except csv.Error as exc:
                row, error = [], exc
            first, done = done + 1, start + rows.line_num
            record = lines.newline.join(pending)
            pending.clear()
            if error is not None:
                seen += 1
                yield Quarantined(path=source.path, reason=f"CSV syntax: {error}",
                                  raw=record, evidence_sha256=source.sha256, line=first)
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            seen += 1
            longest = max(range(len(row)), key=lambda i: len(row[i]))
            if len(row[longest]) > MAX_FIELD_CHARS:
                name = names[longest] if longest < len(names) else f"column {longest + 1}"
                yield Quarantined(path=source.path, field=name,
                                  reason=f"field {name!r} is longer than {MAX_FIELD_CHARS:,} "
                                         "characters",
                                  raw=record, evidence_sha256=source.sha256, line=first)
                continue
            if len(row) != len(names):
                yield Quarantined(path=source.path,
                                  reason=f"row has {len(row)} fields, header has {len(names)}",
                                  raw=record, evidence_sha256=source.sha256, line=first)
                continue
            values: dict[str, object] = dict(zip(names, row, strict=True))
            yield build_report(values, source, partial(bytes, record), line=first)
        if not seen:
            # An export with no rows says nothing; say so rather than stay silent.
            yield Quarantined(path=source.path, reason="header only: no report rows",
                              raw=source.data, evidence_sha256=source.sha256, line=start)


def _next_filled(lines: Lines) -> tuple[int, str] | None:
    """The number and text of the next line that is not blank."""
    for number, line, _ in lines:
        if line.strip():
            return number, line
    return None
