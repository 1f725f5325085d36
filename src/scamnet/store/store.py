"""The evidence store: one class over a SQLite file or a PostgreSQL database.

The store is handed to stages; they never open connections themselves. Every
batch (one evidence file with what was parsed from it) is written in one
transaction, so a crash leaves either the whole batch or none of it, and
rerunning the same ingest completes the job.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    bindparam,
    create_engine,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from scamnet.errors import BackendError, ConfigError, NotFoundError
from scamnet.model.records import (
    Evidence,
    Message,
    Observation,
    Quarantined,
    Report,
    ReportKind,
)
from scamnet.settings import db_url_from
from scamnet.store import schema as t

__all__ = [
    "Batch",
    "EvidenceInfo",
    "IndicatorCount",
    "ObservationRow",
    "QuarantineRow",
    "SCHEMA_HEADS",
    "SQLITE_PAGE_SIZE",
    "Store",
    "StoreStats",
    "StoredObservation",
    "StoredReport",
    "indicator_id",
]

_CHUNK = 500  # keeps IN (...) lists under SQLite's variable limit
_OBS_COLUMNS = ("indicator_id", "report_id", "field", "field_index", "start", "end", "raw")
_REPORT_COLUMNS = ("id", "kind", "evidence_sha256", "line", "offset", "reported_at",
                   "reporter_country", "language", "platform", "title", "narrative",
                   "amount_lost", "currency", "suspect_identifiers", "extra", "message_count")
_MESSAGE_COLUMNS = ("report_id", "idx", "sender", "sent_at", "text", "line", "offset", "system",
                    "media")
_INDICATOR_COLUMNS = ("id", "kind", "value", "valid", "attrs")
_QUARANTINE_COLUMNS = ("evidence_sha256", "path", "line", "offset", "field", "record_id",
                       "reason", "raw", "quarantined_at")


def indicator_id(kind: str, value: str, valid: bool) -> str:
    """The stable id of an indicator: a digest of kind, value and validity."""
    key = f"{kind}\x1f{value}\x1f{int(valid)}".encode()
    return hashlib.blake2b(key, digest_size=16).hexdigest()


#: :func:`indicator_id` for the writer: the same indicators (a network's phone,
#: its wallet) recur across thousands of reports, and digesting every
#: observation's again cost ~1.2 µs each, ~7 µs a demo report.
_stored_id = lru_cache(maxsize=1 << 16)(indicator_id)


@dataclass
class Batch:
    """Everything parsed from one evidence file, written in one transaction."""

    evidence: Evidence
    reports: list[Report] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)


@dataclass(frozen=True)
class ObservationRow:
    """A flat observation for stages that only need who-saw-what."""

    report_id: str
    kind: str
    value: str
    valid: bool


@dataclass(frozen=True)
class StoredObservation:
    """An observation as stored, with the location of its text in the report."""

    kind: str
    value: str
    valid: bool
    raw: str
    field: str
    field_index: int | None
    start: int
    end: int
    attrs: dict[str, str]


@dataclass(frozen=True)
class StoredReport:
    """A report read back from the store with its evidence path and indicators."""

    report: Report
    evidence_path: str
    observations: tuple[StoredObservation, ...]


@dataclass(frozen=True)
class IndicatorCount:
    """An indicator with how many reports and observations mention it."""

    kind: str
    value: str
    valid: bool
    reports: int
    observations: int
    attrs: dict[str, str]


@dataclass(frozen=True)
class QuarantineRow:
    """A quarantined record as stored."""

    id: int
    path: str
    line: int | None
    offset: int | None
    field: str | None
    record_id: str | None
    reason: str
    raw: bytes
    evidence_sha256: str | None
    resolved_at: datetime | None = None
    resolution: str | None = None


@dataclass(frozen=True)
class StoreStats:
    """Counts of what the store holds."""

    evidence: int
    reports: int
    messages: int
    indicators: int
    observations: int
    quarantined: int
    indicators_by_kind: dict[str, int]
    reports_by_kind: dict[str, int]


@dataclass(frozen=True)
class EvidenceInfo:
    """One stored evidence file, without its bytes."""

    sha256: str
    size: int
    path: str
    format: str
    container: str | None
    ingested_at: datetime
    reports: int
    quarantined: int

    def to_json(self) -> dict[str, object]:
        return {"sha256": self.sha256, "size": self.size, "path": self.path,
                "format": self.format, "container": self.container,
                "ingested_at": self.ingested_at.isoformat(),
                "reports": self.reports, "quarantined": self.quarantined}


#: The newest revision of every stage's migration branch. Opening a store that
#: is already there skips Alembic altogether (importing it and reading the
#: migration scripts costs more than most commands); a test checks this set
#: against the scripts, so a new migration cannot be forgotten here.
SCHEMA_HEADS: frozenset[str] = frozenset(
    {"0006_stage_decided_by", "0003_screening", "0004_link", "0005_quarantine_resolution"})


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    location = resources.files("scamnet.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["connection"] = connection
    return cfg


def _check_sqlite_path(database: str | None) -> None:
    """:class:`ConfigError` naming the path when a SQLite file cannot be at ``database``
    (SQLite itself only says "unable to open database file")."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.is_dir():
        raise ConfigError(f"store path {database} is a directory; give a file such as "
                          f"{path / 'scamnet.db'}")
    if not path.parent.is_dir():
        raise ConfigError(f"cannot create store {database}: directory {path.parent} "
                          "does not exist")


def _known_revisions(config: Any) -> frozenset[str]:
    """Every revision id of the shipped migration scripts."""
    from alembic.script import ScriptDirectory

    return frozenset(s.revision for s in ScriptDirectory.from_config(config).walk_revisions())


def _schema_revisions(conn: Connection) -> frozenset[str]:
    """The revisions recorded in ``alembic_version`` (empty for a new database)."""
    if not inspect(conn).has_table("alembic_version"):
        return frozenset()
    return frozenset(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())


#: Page size of a new SQLite store, in bytes (see :func:`_sqlite_pragmas`).
SQLITE_PAGE_SIZE = 16384

#: How long opening a store keeps trying to switch a new SQLite file to WAL
#: while other processes hold it (the busy timeout does not cover that).
_WAL_WAIT = 30.0


def _switch_to_wal(cur: Any) -> None:
    """``PRAGMA journal_mode=WAL``, retried while another process holds the file.

    The switch needs an exclusive lock, and SQLite does not wait for it with
    the busy handler (it returns "database is locked" at once), so several
    processes opening one new store together failed (seen 2 times in 12 runs
    of the concurrency test on a loaded machine). WAL mode is stored in the
    file: once one process has switched it, the others find it so.
    """
    deadline = time.monotonic() + _WAL_WAIT
    delay = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(2 * delay, 0.2)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    # 16 KiB pages for a new file (SQLite's default is 4 KiB); a no-op on a
    # store that already has pages, which keeps its size and works as before.
    # Fewer, fuller pages make ingest's inserts (rows, two indexes per
    # observation, the evidence bytes' overflow chain) and the WAL checkpoint
    # cheaper: 5-6 µs of SQLite CPU a demo report (42.7-46.4 against 37.0,
    # replaying an ingest's inserts, loaded). Set before the WAL switch, which
    # writes the file's header.
    cur.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")
    # WAL keeps readers unblocked during an ingest; NORMAL sync is still
    # crash-safe for the process (a kill -9 loses no committed batch).
    _switch_to_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # A page cache of up to 16 MiB (default 2 MiB), filled only as pages are
    # used: an ingest inserts each observation into an index keyed by random
    # indicator ids, and with the default cache many of those inserts first
    # spilled a page and read another back. Replaying an ingest's inserts,
    # this saved up to ~15 µs a report (noisy; 64 MiB did no better). Memory
    # only: what is written, and when it is synced, are unchanged.
    cur.execute("PRAGMA cache_size=-16384")
    cur.close()


def _as_utc(value: datetime) -> datetime:
    # SQLite gives back naive datetimes; everything is stored in UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else _as_utc(value)


class Store:
    """The evidence store. Open with :meth:`open`; pass it to stages."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Bind processors by (table, columns), looked up once per store rather
        # than for every part written.
        self._processors: dict[tuple[str, tuple[str, ...]],
                               list[tuple[int, Callable[[Any], Any]]]] = {}

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open (and by default migrate to the newest schema) the store at ``url``.

        ``url`` is a SQLite path, ``sqlite:///PATH`` or a ``postgresql://`` URL.
        Raises :class:`BackendError` when the database cannot be reached.
        """
        full = db_url_from(url)
        try:
            database = make_url(full).database
        except (ArgumentError, ValueError) as exc:
            raise ConfigError(f"malformed database URL {_redact(full)}: {exc}") from None
        if full.startswith("sqlite"):
            _check_sqlite_path(database)
        try:
            if full.startswith("sqlite"):
                engine = create_engine(full)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(full, pool_pre_ping=True)
            store = cls(engine)
            if migrate:
                store.migrate()
        except SQLAlchemyError as exc:
            raise BackendError(f"cannot open store {_redact(full)}: {exc.__class__.__name__}: "
                               f"{str(exc).splitlines()[0]}") from exc
        return store

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest revision of every stage's branch.

        Raises :class:`BackendError` when the store records a revision this
        version does not know (it was written by a newer ScamNet).
        """
        with self._engine.begin() as conn:
            if _schema_revisions(conn) == SCHEMA_HEADS:
                return
            if self.dialect == "sqlite":
                # Two processes opening one new SQLite store at once would both
                # create its tables and the second would fail: the write lock
                # makes it wait, and it then finds the schema made.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                if _schema_revisions(conn) == SCHEMA_HEADS:
                    return
            from alembic import command

            config = _alembic_config(conn)
            unknown = _schema_revisions(conn) - _known_revisions(config)
            if unknown:
                raise BackendError(
                    f"store {_redact(str(self._engine.url))} has schema revision "
                    f"{', '.join(sorted(unknown))}, which this version of ScamNet does not "
                    "know: it was written by a newer ScamNet; upgrade scamnet to use it")
            command.upgrade(config, "heads")

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one transaction, committed on success."""
        try:
            with self._engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise BackendError(f"store error: {exc.__class__.__name__}: "
                               f"{str(exc).splitlines()[0]}") from exc

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- evidence ---------------------------------------------------------

    def has_evidence(self, sha256: str) -> bool:
        with self.begin() as conn:
            row = conn.execute(select(t.evidence.c.sha256)
                               .where(t.evidence.c.sha256 == sha256)).first()
        return row is not None

    def get_evidence(self, sha256: str) -> Evidence:
        with self.begin() as conn:
            row = conn.execute(select(t.evidence).where(t.evidence.c.sha256 == sha256)).first()
        if row is None:
            raise NotFoundError(f"no evidence with SHA-256 {sha256}")
        return Evidence(row.sha256, bytes(row.data), row.path, row.format, row.container)

    def list_evidence(self) -> list[EvidenceInfo]:
        """Every stored evidence file, oldest ingest first (the bytes stay in the store)."""
        e = t.evidence.c
        q = (select(e.sha256, e.size, e.path, e.format, e.container, e.ingested_at, e.reports,
                    e.quarantined).order_by(e.ingested_at, e.sha256))
        with self.begin() as conn:
            return [EvidenceInfo(r.sha256, r.size, r.path, r.format, r.container,
                                 _as_utc(r.ingested_at), r.reports, r.quarantined)
                    for r in conn.execute(q)]

    def resolve_evidence(self, prefix: str) -> str:
        """The full SHA-256 of the one stored evidence file starting with ``prefix``.

        At least 8 hex digits; :class:`NotFoundError` when none or several match.
        """
        key = prefix.strip().lower()
        if len(key) < 8 or len(key) > 64 or any(c not in "0123456789abcdef" for c in key):
            raise NotFoundError(f"{prefix!r} is not a SHA-256 or a prefix of 8+ hex digits")
        e = t.evidence.c
        with self.begin() as conn:
            found = list(conn.execute(select(e.sha256).where(e.sha256.startswith(key))
                                      .order_by(e.sha256).limit(3)).scalars())
        if not found:
            raise NotFoundError(f"no evidence with SHA-256 {key}…")
        if len(found) > 1:
            raise NotFoundError(f"SHA-256 prefix {key} is ambiguous ({', '.join(found)}, …): "
                                "give more digits")
        return str(found[0])

    def verified_evidence(self, sha256: str) -> Evidence:
        """:meth:`get_evidence`, checked: the bytes must still hash to their address.

        A mismatch means the store was changed outside ScamNet; it raises
        :class:`BackendError` rather than hand out altered evidence.
        """
        ev = self.get_evidence(sha256)
        actual = hashlib.sha256(ev.data).hexdigest()
        if actual != ev.sha256:
            raise BackendError(f"evidence {ev.sha256} is corrupted in the store: its bytes hash "
                               f"to {actual}")
        return ev

    def reports_from(self, sha256: str) -> int:
        """How many stored reports evidence ``sha256`` has given (at its ingest and
        by retries)."""
        with self.begin() as conn:
            return int(conn.execute(select(func.count()).select_from(t.reports).where(
                t.reports.c.evidence_sha256 == sha256)).scalar_one())

    def existing_report_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        with self.begin() as conn:
            return self._stored_ids(conn, ids)

    @staticmethod
    def _stored_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        wanted = list(dict.fromkeys(ids))
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            found.update(conn.execute(select(t.reports.c.id)
                                      .where(t.reports.c.id.in_(chunk))).scalars())
        return found

    # -- writing ----------------------------------------------------------

    def write_batch(self, batch: Batch) -> None:
        """Write one evidence file and everything parsed from it, atomically.

        Writing evidence that is already stored is a no-op, so a rerun after a
        crash completes the job without duplicates.
        """
        self.write_file(batch.evidence, [batch])

    def write_file(self, evidence: Evidence, parts: Iterable[Batch], *,
                   clashed: Callable[[Report, str], Quarantined] | None = None,
                   written: Callable[[Batch], None] | None = None) -> bool:
        """Write one evidence file and its parts (batches of its reports), atomically.

        One transaction for the whole file, as :meth:`write_batch`, but the parts
        are consumed one at a time, so a file of a million reports never sits in
        memory whole. With ``clashed``, a report whose id is already stored (from
        other evidence) is not written: ``clashed(report, evidence path)`` gives
        its quarantine record instead. ``written`` sees each part as written. Returns False,
        writing nothing, when the evidence is already stored.
        """
        with self.begin() as conn:
            if conn.execute(select(t.evidence.c.sha256)
                            .where(t.evidence.c.sha256 == evidence.sha256)).first():
                return False
            # The row goes in first, so the reports' foreign keys find it and this
            # transaction takes the write lock now; its bytes go in with the counts
            # at the end. Inserted with its bytes, the closing update of the counts
            # wrote them all again (SQLite rewrites a whole row, overflow pages
            # included): ~9-15 µs a report of the demo ingest. Nobody sees the
            # empty placeholder: the row is committed once, whole.
            self._insert_evidence(conn, evidence, b"")
            reports = quarantined = 0
            for part in parts:
                if clashed is not None:
                    self._set_aside_stored(conn, part, evidence.path, clashed)
                self._write_records(conn, part)
                reports += len(part.reports)
                quarantined += len(part.quarantined)
                if written is not None:
                    written(part)
            # The counts are known only now; the row is not visible before commit.
            # Values go as parameters, not into the statement: SQLAlchemy's cache of
            # compiled statements would keep the first file's bytes alive.
            conn.execute(t.evidence.update().where(t.evidence.c.sha256 == bindparam("key")),
                         {"key": evidence.sha256, "data": evidence.data, "reports": reports,
                          "quarantined": quarantined})
        return True

    def _set_aside_stored(self, conn: Connection, part: Batch, path: str,
                          clashed: Callable[[Report, str], Quarantined]) -> None:
        """Move the reports of ``part`` whose id is already stored to its quarantine."""
        clash = self._stored_ids(conn, [r.id for r in part.reports])
        if not clash:
            return
        part.quarantined.extend(clashed(r, path) for r in part.reports if r.id in clash)
        part.reports = [r for r in part.reports if r.id not in clash]
        part.observations = [o for o in part.observations if o.report_id not in clash]

    def write_retry(self, batch: Batch, resolved: Mapping[int, str]) -> None:
        """Write the reports a retry parsed from already stored evidence, and mark
        the quarantine records they resolve (id -> how), in one transaction.

        The evidence row itself is not touched: its bytes never change, and its
        report/quarantine counts stay those of the first ingest.
        """
        now = datetime.now(UTC)
        with self.begin() as conn:
            self._write_records(conn, batch)
            for qid, how in resolved.items():
                conn.execute(t.quarantine.update()
                             .where(t.quarantine.c.id == qid,
                                    t.quarantine.c.resolved_at.is_(None))
                             .values(resolved_at=now, resolution=how))

    @staticmethod
    def _insert_evidence(conn: Connection, ev: Evidence, data: bytes) -> None:
        """The evidence row of ``ev`` holding ``data`` (its bytes, or a placeholder
        replaced before commit) and no counts yet."""
        conn.execute(t.evidence.insert(), [{
            "sha256": ev.sha256, "size": ev.size, "data": data, "path": ev.path,
            "format": ev.format, "container": ev.container, "ingested_at": datetime.now(UTC),
            "reports": 0, "quarantined": 0,
        }])

    def _write_records(self, conn: Connection, batch: Batch) -> None:
        """A batch's reports, messages, indicators, observations and quarantine."""
        now = datetime.now(UTC)
        ev = batch.evidence
        if batch.reports:
            self._insert_values(conn, t.reports, _REPORT_COLUMNS,
                                [_report_row(r) for r in batch.reports])
            self._insert_values(conn, t.messages, _MESSAGE_COLUMNS,
                                [_message_row(r.id, m) for r in batch.reports
                                 for m in r.messages])
        if batch.observations:
            ind_rows: dict[str, list[Any]] = {}
            obs_rows: list[tuple[Any, ...]] = []
            for ob in batch.observations:
                ind = ob.indicator
                iid = _stored_id(ind.kind, ind.value, ind.valid)
                if iid not in ind_rows:
                    ind_rows[iid] = [iid, ind.kind, ind.value, ind.valid, dict(ind.attrs)]
                obs_rows.append((iid, ob.report_id, ob.field, ob.index, ind.start, ind.end,
                                 ind.raw))
            self._insert_values(conn, t.indicators, _INDICATOR_COLUMNS, list(ind_rows.values()),
                                ignore=True)
            self._insert_tuples(conn, t.observations, _OBS_COLUMNS, obs_rows)
        if batch.quarantined:
            self._insert_values(conn, t.quarantine, _QUARANTINE_COLUMNS, [
                [q.evidence_sha256 or ev.sha256, q.path, q.line, q.offset, q.field, q.record_id,
                 q.reason, q.raw, now] for q in batch.quarantined])

    def write_quarantine(self, records: Sequence[Quarantined]) -> int:
        """Store records refused before any evidence could be parsed (for example a
        zip member refused as a bomb). A record already stored with the same
        evidence, path, location and reason is not stored again. Returns how
        many were new."""
        now = datetime.now(UTC)
        q = t.quarantine.c
        new = 0
        with self.begin() as conn:
            for rec in records:
                ev_sha = rec.evidence_sha256
                if ev_sha is not None and conn.execute(
                        select(t.evidence.c.sha256).where(t.evidence.c.sha256 == ev_sha)
                ).first() is None:
                    ev_sha = None  # the bytes were never stored (refused before reading)
                rec = replace(rec, evidence_sha256=ev_sha)
                cond = [q.path == rec.path, q.reason == rec.reason]
                for col, val in ((q.evidence_sha256, rec.evidence_sha256), (q.line, rec.line),
                                 (q.offset, rec.offset)):
                    cond.append(col.is_(None) if val is None else col == val)
                if conn.execute(select(q.id).where(*cond)).first():
                    continue
                conn.execute(t.quarantine.insert(), [{
                    "evidence_sha256": rec.evidence_sha256, "path": rec.path, "line": rec.line,
                    "offset": rec.offset, "field": rec.field, "record_id": rec.record_id,
                    "reason": rec.reason, "raw": rec.raw, "quarantined_at": now}])
                new += 1
        return new

    def _insert_values(self, conn: Connection, table: Any, columns: Sequence[str],
                       rows: Sequence[list[Any]], *, ignore: bool = False) -> None:
        """Bulk insert of rows (lists of values in ``columns`` order, converted in
        place), straight to the driver.

        Each value goes through its column type's own bind processor, the same
        conversion SQLAlchemy applies, but without SQLAlchemy's per-row parameter
        machinery, which cost more than SQLite's own insert: ingest writes a few
        rows of these tables per report. ``ignore`` skips rows whose key is
        already stored (``ON CONFLICT DO NOTHING``, on SQLite and PostgreSQL).
        """
        if not rows:
            return
        key = (table.name, tuple(columns))
        procs = self._processors.get(key)
        if procs is None:
            dialect = conn.dialect
            procs = self._processors[key] = [
                (i, _json_processor(p) if isinstance(table.c[c].type, JSON) else p)
                for i, c in enumerate(columns)
                if (p := table.c[c].type.dialect_impl(dialect).bind_processor(dialect))]
        for i, proc in procs:
            for v in rows:
                if v[i] is not None:
                    v[i] = proc(v[i])
        self._insert_tuples(conn, table, columns, rows, ignore=ignore)

    @staticmethod
    def _insert_tuples(conn: Connection, table: Any, columns: Sequence[str],
                       rows: Sequence[Sequence[Any]], *, ignore: bool = False) -> None:
        """Bulk insert of rows whose values need no type conversion, straight to the driver."""
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        quote = conn.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES ({', '.join(mark for _ in columns)})")
        if ignore:
            sql += " ON CONFLICT DO NOTHING"
        conn.exec_driver_sql(sql, [tuple(r) for r in rows])

    # -- reading ----------------------------------------------------------

    def iter_reports(self, batch_size: int = 1000) -> Iterator[Report]:
        """Every stored report with its messages, ordered by id."""
        last: str | None = None
        while True:
            with self.begin() as conn:
                q = select(t.reports).order_by(t.reports.c.id).limit(batch_size)
                if last is not None:
                    q = q.where(t.reports.c.id > last)
                rows = conn.execute(q).all()
                if not rows:
                    return
                msgs = self._messages_for(conn, [r.id for r in rows])
            for row in rows:
                yield _report_from_row(row, msgs.get(row.id, ()))
            last = rows[-1].id

    def _messages_for(self, conn: Connection, ids: Sequence[str]) -> dict[str, tuple[Message, ...]]:
        out: dict[str, list[Message]] = {}
        for i in range(0, len(ids), _CHUNK):
            q = (select(t.messages).where(t.messages.c.report_id.in_(ids[i:i + _CHUNK]))
                 .order_by(t.messages.c.report_id, t.messages.c.idx))
            for m in conn.execute(q):
                out.setdefault(m.report_id, []).append(Message(
                    index=m.idx, text=m.text, sender=m.sender, sent_at=_utc(m.sent_at),
                    line=m.line, offset=m.offset, system=bool(m.system), media=m.media))
        return {k: tuple(v) for k, v in out.items()}

    def get_report(self, report_id: str) -> StoredReport:
        """One report with its evidence path and every indicator seen in it."""
        with self.begin() as conn:
            row = conn.execute(select(t.reports).where(t.reports.c.id == report_id)).first()
            if row is None:
                raise NotFoundError(f"no report with id {report_id!r}")
            msgs = self._messages_for(conn, [report_id]).get(report_id, ())
            path = conn.execute(select(t.evidence.c.path)
                                .where(t.evidence.c.sha256 == row.evidence_sha256)).scalar_one()
            q = (select(t.indicators.c.kind, t.indicators.c.value, t.indicators.c.valid,
                        t.indicators.c.attrs, t.observations.c.raw, t.observations.c.field,
                        t.observations.c.field_index, t.observations.c.start,
                        t.observations.c.end)
                 .join(t.indicators, t.indicators.c.id == t.observations.c.indicator_id)
                 .where(t.observations.c.report_id == report_id)
                 .order_by(t.observations.c.field, t.observations.c.field_index,
                           t.observations.c.start, t.indicators.c.kind))
            obs = tuple(StoredObservation(o.kind, o.value, bool(o.valid), o.raw, o.field,
                                          o.field_index, o.start, o.end, dict(o.attrs or {}))
                        for o in conn.execute(q))
        return StoredReport(_report_from_row(row, msgs), path, obs)

    def observations(self, kind: str | None = None) -> Iterator[ObservationRow]:
        """Every (report, indicator) observation, optionally of one kind."""
        q = (select(t.observations.c.report_id, t.indicators.c.kind, t.indicators.c.value,
                    t.indicators.c.valid)
             .join(t.indicators, t.indicators.c.id == t.observations.c.indicator_id)
             .order_by(t.observations.c.id))
        if kind is not None:
            q = q.where(t.indicators.c.kind == kind)
        with self.begin() as conn:
            for r in conn.execution_options(yield_per=10_000).execute(q):
                yield ObservationRow(r.report_id, r.kind, r.value, bool(r.valid))

    def indicator_counts(self, kind: str | None = None) -> list[IndicatorCount]:
        """Indicators with the number of reports and observations naming them,
        most-reported first."""
        n_reports = func.count(t.observations.c.report_id.distinct()).label("n_reports")
        n_obs = func.count(t.observations.c.id).label("n_obs")
        q = (select(t.indicators.c.kind, t.indicators.c.value, t.indicators.c.valid,
                    t.indicators.c.attrs, n_reports, n_obs)
             .join(t.observations, t.indicators.c.id == t.observations.c.indicator_id)
             .group_by(t.indicators.c.id, t.indicators.c.kind, t.indicators.c.value,
                       t.indicators.c.valid, t.indicators.c.attrs)
             .order_by(n_reports.desc(), t.indicators.c.kind, t.indicators.c.value))
        if kind is not None:
            q = q.where(t.indicators.c.kind == kind)
        if self.dialect == "postgresql":
            # PostgreSQL cannot group by a json column; the id determines it anyway.
            q = q.group_by(None).group_by(t.indicators.c.id)
        with self.begin() as conn:
            return [IndicatorCount(r.kind, r.value, bool(r.valid), r.n_reports, r.n_obs,
                                   dict(r.attrs or {})) for r in conn.execute(q)]

    def quarantined(self, *, include_resolved: bool = False) -> list[QuarantineRow]:
        """Quarantined records still open (or all of them), oldest first."""
        q = select(t.quarantine).order_by(t.quarantine.c.id)
        if not include_resolved:
            q = q.where(t.quarantine.c.resolved_at.is_(None))
        with self.begin() as conn:
            return [QuarantineRow(r.id, r.path, r.line, r.offset, r.field, r.record_id,
                                  r.reason, bytes(r.raw), r.evidence_sha256,
                                  _utc(r.resolved_at), r.resolution)
                    for r in conn.execute(q)]

    def stats(self) -> StoreStats:
        """Counts of evidence, reports, indicators and quarantined records."""
        def count(conn: Connection, table: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

        with self.begin() as conn:
            by_kind = {k: int(n) for k, n in conn.execute(
                select(t.indicators.c.kind, func.count()).group_by(t.indicators.c.kind)
                .order_by(t.indicators.c.kind))}
            rep_kind = {k: int(n) for k, n in conn.execute(
                select(t.reports.c.kind, func.count()).group_by(t.reports.c.kind)
                .order_by(t.reports.c.kind))}
            return StoreStats(
                evidence=count(conn, t.evidence), reports=count(conn, t.reports),
                messages=count(conn, t.messages), indicators=count(conn, t.indicators),
                observations=count(conn, t.observations),
                quarantined=int(conn.execute(
                    select(func.count()).select_from(t.quarantine)
                    .where(t.quarantine.c.resolved_at.is_(None))).scalar_one()),
                indicators_by_kind=by_kind, reports_by_kind=rep_kind)


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"
    return url


def _json_processor(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process`` (a JSON column's bind processor) with an empty list or dict
    served from what it made of one: most reports have no extras or no suspect
    identifiers, and serializing an empty container cost ~1.5 µs each time."""
    empty: dict[type, Any] = {list: process([]), dict: process({})}

    def cached(value: Any) -> Any:
        if not value and value.__class__ in empty:
            return empty[value.__class__]
        return process(value)

    return cached


def _report_row(r: Report) -> list[Any]:
    """The values of ``r`` in :data:`_REPORT_COLUMNS` order."""
    return [r.id, str(r.kind), r.evidence_sha256, r.line, r.offset, _utc(r.reported_at),
            r.reporter_country, r.language, r.platform, r.title, r.narrative, r.amount_lost,
            r.currency, list(r.suspect_identifiers), dict(r.extra), len(r.messages)]


def _message_row(report_id: str, m: Message) -> list[Any]:
    """The values of ``m`` in :data:`_MESSAGE_COLUMNS` order."""
    return [report_id, m.index, m.sender, _utc(m.sent_at), m.text, m.line, m.offset, m.system,
            m.media]


def _plain(amount: Decimal) -> Decimal:
    """``amount`` without trailing zeros, the same from every backend, and never in
    exponent form (``normalize`` alone turns 50000 into ``5E+4``)."""
    amount = amount.normalize()
    _, _, exponent = amount.as_tuple()
    if isinstance(exponent, int) and exponent > 0:
        amount = amount.quantize(Decimal(1))
    return amount


def _report_from_row(row: Any, msgs: tuple[Message, ...]) -> Report:
    amount = row.amount_lost
    if amount is not None and not isinstance(amount, Decimal):
        amount = Decimal(str(amount))
    if amount is not None:
        amount = _plain(amount)
    extra = row.extra if isinstance(row.extra, dict) else json.loads(row.extra or "{}")
    suspects = row.suspect_identifiers
    if isinstance(suspects, str):
        suspects = json.loads(suspects)
    return Report(
        id=row.id, kind=ReportKind(row.kind), evidence_sha256=row.evidence_sha256,
        narrative=row.narrative, messages=msgs, reported_at=_utc(row.reported_at),
        reporter_country=row.reporter_country, language=row.language, platform=row.platform,
        amount_lost=amount, currency=row.currency,
        suspect_identifiers=tuple(suspects or ()), title=row.title, line=row.line,
        offset=row.offset, extra={str(k): str(v) for k, v in (extra or {}).items()},
    )


