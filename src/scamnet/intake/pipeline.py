"""The ingest job: files in, evidence + reports + indicators + quarantine stored.

I/O stays at the edges: :func:`ingest` is handed the store and the settings.
Each evidence file is one transaction (see :meth:`Store.write_file`), so an
interrupted run leaves whole files or nothing, and running it again finishes
the job; bytes already stored are skipped.

Extraction is most of the CPU time and is pure, so ``workers`` > 1 hands it
to forked worker processes in chunks of reports, in order: the store sees the
same batches as with one process. Reading, hashing and writing stay in the
calling process (one SQLite writer); while it writes one part of a file, the
workers extract the next.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from multiprocessing.pool import Pool
from pathlib import Path

from scamnet.errors import ConfigError
from scamnet.extract import extract_report_text
from scamnet.intake.archive import InputFile, walk
from scamnet.intake.base import Source
from scamnet.intake.collection import young_collections
from scamnet.intake.registry import detect, read_source
from scamnet.intake.report_fields import DATE_ORDERS
from scamnet.intake.telegram import chat_indicators
from scamnet.intake.times import localize, zone
from scamnet.model.indicators import Indicator
from scamnet.model.records import Evidence, Observation, Quarantined, Report, sha256_hex
from scamnet.settings import Settings
from scamnet.store.store import Batch, Store

__all__ = [
    "IngestEvent", "IngestSummary", "ObserveMany", "check_reading_options", "ingest",
    "iter_disk_bytes", "observe", "observe_all", "observe_here", "observer", "parse_file",
    "stored_elsewhere",
]


@dataclass
class IngestSummary:
    """What an ingest run did. ``quarantined`` lists every problem found."""

    files: int = 0
    new_evidence: int = 0
    duplicate_evidence: int = 0
    reports: int = 0
    observations: int = 0
    by_format: Counter[str] = field(default_factory=Counter)
    indicators_by_kind: Counter[str] = field(default_factory=Counter)
    quarantined: list[Quarantined] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "files": self.files, "new_evidence": self.new_evidence,
            "duplicate_evidence": self.duplicate_evidence, "reports": self.reports,
            "observations": self.observations, "by_format": dict(sorted(self.by_format.items())),
            "indicators_by_kind": dict(sorted(self.indicators_by_kind.items())),
            "quarantined": [q.to_json() for q in self.quarantined],
        }


@dataclass(frozen=True)
class IngestEvent:
    """Progress: one input file done. ``disk_bytes`` counts top-level files only."""

    path: str
    reports: int
    quarantined: int
    duplicate: bool
    disk_bytes: int


#: Texts up to this long are memoized: suspect identifiers ("+855 12 345 678",
#: a wallet) repeat across the victims of one network, and extraction is pure.
_SHORT_TEXT = 120


@lru_cache(maxsize=65_536)
def _extract_short(text: str, country: str | None,
                   platform: str | None) -> tuple[Indicator, ...]:
    return tuple(extract_report_text(text, country, platform))


def _found(text: str, hint: str | None, platform: str | None) -> Sequence[Indicator]:
    if len(text) <= _SHORT_TEXT:
        return _extract_short(text, hint, platform)
    return extract_report_text(text, hint, platform)


def _hints(report: Report, country: str | None) -> tuple[str | None, str | None]:
    """The phone region and platform hints extraction gets for ``report``."""
    return (report.reporter_country or country,
            report.platform.lower() if report.platform else None)


def observe(report: Report, country: str | None = None) -> list[Observation]:
    """Extract the indicators of every text of ``report``, with its country and
    platform as hints."""
    hint, platform = _hints(report, country)
    rid = report.id
    observation = Observation.build
    out = [observation(rid, text.field, text.index, ind)
           for text in report.texts() for ind in _found(text.text, hint, platform)]
    out.extend(_chat_observations(report))
    return out


def _chat_observations(report: Report) -> list[Observation]:
    """The indicators of the chat itself (a Telegram export's chat id), not of a text."""
    return [Observation(report.id, "chat", None, ind) for ind in chat_indicators(report)]


#: Reports per task sent to a worker: large enough that pickling and the
#: round trip are small next to the extraction itself.
_CHUNK = 256

#: What a worker is sent per report: its texts and hints, not the Report (its
#: messages, raw fields and extras would be pickled for nothing).
_Job = tuple[str | None, str | None, list[str]]
#: What a worker sends back per indicator: its text's position among the
#: report's texts, then the Indicator's fields. Plain tuples, because
#: unpickling thousands of dataclasses cost the main process more than
#: building them (105 against ~20 µs per demo report, measured).
_Row = tuple[int, str, str, str, int, int, bool, Mapping[str, str]]


def _observe_jobs(jobs: list[_Job]) -> list[list[_Row]]:
    return [[(i, d.kind, d.value, d.raw, d.start, d.end, d.valid, d.attrs)
             for i, text in enumerate(texts) for d in _found(text, hint, platform)]
            for hint, platform, texts in jobs]


def _observe_in(pool: Pool, reports: list[Report],
                country: str | None) -> Callable[[], list[Observation]]:
    """Start extracting ``reports`` in ``pool``; the returned call collects the result."""
    fields = [r.texts() for r in reports]
    jobs: list[_Job] = [(*_hints(r, country), [t.text for t in f])
                        for r, f in zip(reports, fields, strict=True)]
    pending = pool.map_async(_observe_jobs,
                             [jobs[i:i + _CHUNK] for i in range(0, len(jobs), _CHUNK)])

    def collect() -> list[Observation]:
        rows = chain.from_iterable(pending.get())
        observation = Observation.build
        out: list[Observation] = []
        for report, texts, found in zip(reports, fields, rows, strict=True):
            for i, kind, value, raw, start, end, valid, attrs in found:
                out.append(observation(report.id, texts[i].field, texts[i].index,
                                       Indicator(kind, value, raw, start, end, valid, attrs)))
            out.extend(_chat_observations(report))
        return out

    return collect


#: Starts extracting the observations of many reports, in order (serial or a
#: pool), and returns what collects them: a pool works on one part while the
#: caller writes the one before.
ObserveMany = Callable[[list[Report], str | None], Callable[[], list[Observation]]]


def observe_all(reports: list[Report], country: str | None = None) -> list[Observation]:
    """The observations of ``reports``, in order, in this process."""
    return [o for r in reports for o in observe(r, country)]


def observe_here(reports: list[Report],
                 country: str | None = None) -> Callable[[], list[Observation]]:
    """The serial :data:`ObserveMany`: the work is done when the result is collected."""
    return lambda: observe_all(reports, country)


@contextmanager
def observer(workers: int) -> Iterator[ObserveMany]:
    """An :data:`ObserveMany` using ``workers`` processes (forked; 1 = this process).

    Where ``fork`` is not available (Windows, macOS spawn) the work stays in
    this process: correct, only slower.
    """
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        yield observe_here
        return
    # A worker the pool forks again later (one died) would copy the paused
    # collector of an ingest in progress (scamnet.intake.collection): each
    # worker turns it back on first.
    pool: Pool = mp.get_context("fork").Pool(workers, initializer=gc.enable)

    def many(reports: list[Report], country: str | None) -> Callable[[], list[Observation]]:
        return _observe_in(pool, reports, country)

    try:
        yield many
    finally:
        pool.terminate()
        pool.join()


def parse_file(item: InputFile, country: str | None = None,
               format: str | None = None, sha256: str | None = None,
               tz: str | None = None, observe_many: ObserveMany = observe_here, *,
               date_order: str | None = None) -> Batch:
    """Parse and extract one input file into a batch. Pure: no store access.

    ``sha256`` is the item's content address when the caller has already
    computed it. ``tz`` is the IANA zone of times the evidence writes without
    one (UTC when None; see :mod:`scamnet.intake.times`). Report ids repeated
    inside the file are quarantined here; ids that clash with stored reports
    are handled by :func:`ingest`. ``observe_many`` runs the extraction (see
    :func:`observer`). ``date_order`` reads non-ISO numeric dates of report
    files (``DMY``, ``MDY``, ``YMD``; refused when None).
    """
    evidence, parts = parse_parts(item, country, format, sha256, tz, observe_many,
                                  date_order=date_order, size=None)
    batch = Batch(evidence)
    for part in parts:
        batch.reports.extend(part.reports)
        batch.observations.extend(part.observations)
        batch.quarantined.extend(part.quarantined)
    return batch


#: Reports parsed, extracted and written at a time within one file's transaction:
#: memory stays bounded however many reports the file holds.
PART_SIZE = 2000


def parse_parts(item: InputFile, country: str | None = None,
                format: str | None = None, sha256: str | None = None,
                tz: str | None = None, observe_many: ObserveMany = observe_here, *,
                date_order: str | None = None,
                size: int | None = PART_SIZE) -> tuple[Evidence, Iterator[Batch]]:
    """:func:`parse_file` in parts of ``size`` reports (None: one part), lazily:
    the evidence, and the batches of its reports, observations and quarantined
    records in file order. Ids repeated anywhere in the file are caught."""
    sha = sha256 or sha256_hex(item.data)
    if item.is_archive:
        return Evidence(sha, item.data, item.path, "zip", item.container), iter(())
    source = Source(item.path, item.data, sha, country, date_order)
    if format is None:
        reader = detect(source)
        format = reader.name if reader is not None else None
    evidence = Evidence(sha, item.data, item.path, format or "unknown", item.container)

    def parts() -> Iterator[Batch]:
        # Part k is handed out only after part k + 1 has been read and its
        # extraction started, so a worker pool extracts while the caller writes.
        seen: set[str] = set()
        part = Batch(evidence)
        started: tuple[Batch, Callable[[], list[Observation]]] | None = None
        for rec in read_source(source, format=format):
            if isinstance(rec, Quarantined):
                part.quarantined.append(rec)
            elif rec.id in seen:
                part.quarantined.append(_duplicate(rec, item.path, "repeated in this file"))
            else:
                seen.add(rec.id)
                part.reports.append(localize(rec, tz))
                if size is not None and len(part.reports) >= size:
                    job = observe_many(part.reports, country)
                    if started is not None:
                        yield _collected(*started)
                    started = (part, job)
                    part = Batch(evidence)
        job = observe_many(part.reports, country)
        if started is not None:
            yield _collected(*started)
        yield _collected(part, job)

    return evidence, parts()


def _collected(part: Batch, job: Callable[[], list[Observation]]) -> Batch:
    part.observations.extend(job())
    return part


def _duplicate(report: Report, path: str, why: str) -> Quarantined:
    return Quarantined(path=path, reason=f"duplicate report id {report.id!r}: {why}",
                       raw=(report.narrative or "").encode(),
                       evidence_sha256=report.evidence_sha256,
                       line=report.line, offset=report.offset, field="id", record_id=report.id)


def ingest(store: Store, paths: Sequence[str | Path], settings: Settings, *,
           country: str | None = None, format: str | None = None, tz: str | None = None,
           workers: int = 1, date_order: str | None = None,
           progress: Callable[[IngestEvent], None] | None = None) -> IngestSummary:
    """Ingest files, directories and zip archives into ``store``.

    Never raises on bad input: every problem becomes a quarantined record in
    the store and in the summary. Raises :class:`BackendError` only when the
    store itself fails, and :class:`ConfigError` for an unknown ``tz`` before
    reading anything. ``workers`` > 1 extracts in that many processes.
    ``date_order`` (``DMY``, ``MDY``, ``YMD``) reads report dates such as
    ``12/03/2025``; an unknown order is a :class:`ConfigError`.
    """
    tz, order = check_reading_options(settings, tz, date_order)
    # The pool forks first, so its workers keep the automatic collector (and
    # each enables it when it starts, see observer()).
    with observer(workers) as observe_many, young_collections() as collect:
        return _ingest(store, paths, settings, country, format, tz, observe_many, progress,
                       order, collect)


def check_reading_options(settings: Settings, tz: str | None,
                          date_order: str | None) -> tuple[str | None, str | None]:
    """The zone (given or the settings' default) and the upper-cased date order,
    checked before anything is read: :class:`ConfigError` when either is unknown."""
    tz = tz or settings.default_tz
    if tz is not None:
        zone(tz)
    if date_order is not None and date_order.upper() not in DATE_ORDERS:
        raise ConfigError(f"unknown date order {date_order!r}: use one of "
                          f"{', '.join(DATE_ORDERS)}")
    return tz, date_order.upper() if date_order else None


def _ingest(store: Store, paths: Sequence[str | Path], settings: Settings,
            country: str | None, format: str | None, tz: str | None,
            observe_many: ObserveMany,
            progress: Callable[[IngestEvent], None] | None,
            date_order: str | None, collect: Callable[[], None]) -> IngestSummary:
    summary = IngestSummary()
    hint = country or settings.default_country
    for item in walk([Path(p) for p in paths], settings):
        collect()
        if isinstance(item, Quarantined):
            summary.files += 1
            summary.quarantined.append(item)
            store.write_quarantine([item])
            _notify(progress, item.path, 0, 1, False, 0)
            continue
        summary.files += 1
        disk = len(item.data) if item.container is None else 0
        sha = sha256_hex(item.data)
        if store.has_evidence(sha):
            summary.duplicate_evidence += 1
            _notify(progress, item.path, 0, 0, True, disk)
            continue
        evidence, parts = parse_parts(item, hint, None if item.is_archive else format, sha, tz,
                                      observe_many, date_order=date_order)
        reports = quarantined = 0

        def written(part: Batch) -> None:
            nonlocal reports, quarantined
            reports += len(part.reports)
            quarantined += len(part.quarantined)
            summary.reports += len(part.reports)
            summary.observations += len(part.observations)
            summary.indicators_by_kind.update(o.indicator.kind for o in part.observations)
            summary.quarantined.extend(part.quarantined)
            collect()

        if not store.write_file(evidence, parts, clashed=stored_elsewhere, written=written):
            summary.duplicate_evidence += 1  # stored meanwhile by another process
            _notify(progress, item.path, 0, 0, True, disk)
            continue
        summary.new_evidence += 1
        summary.by_format[evidence.format] += 1
        _notify(progress, item.path, reports, quarantined, False, disk)
    return summary


def stored_elsewhere(report: Report, path: str) -> Quarantined:
    """The quarantine record of a report whose id is already stored from other evidence."""
    return _duplicate(report, path, "already stored from other evidence")


def _notify(progress: Callable[[IngestEvent], None] | None, path: str, reports: int,
            quarantined: int, duplicate: bool, disk: int) -> None:
    if progress is not None:
        progress(IngestEvent(path, reports, quarantined, duplicate, disk))


def iter_disk_bytes(paths: Iterable[str | Path]) -> int:
    """Total size of the files under ``paths`` (for a progress bar's total)."""
    total = 0
    for p in paths:
        path = Path(p)
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return total
