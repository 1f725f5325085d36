"""The bulk write path stores exactly what SQLAlchemy Core's own insert stores.

``Store.write_batch`` converts values with the column types' bind processors and
hands rows straight to the driver; these tests write the same batch a second
way, through ``Table.insert()`` with dict rows, and compare every stored row.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Connection, select

from scamnet.model.indicators import Indicator
from scamnet.model.records import Evidence, Message, Observation, Quarantined, Report, ReportKind
from scamnet.store import schema as t
from scamnet.store.store import Batch, Store, indicator_id

_SHA = "e" * 64
_BKK = timezone(timedelta(hours=7))


def _batch() -> Batch:
    """Reports with and without every optional value, messages, repeated and
    invalid indicators, and quarantined records with and without a location."""
    ev = Evidence(_SHA, b"evidence bytes", "in/reports.jsonl", "report-jsonl")
    reports = [
        Report(id="R-1", kind=ReportKind.VICTIM_REPORT, evidence_sha256=_SHA,
               narrative="Call +66 81 234 5678 now", reported_at=datetime(2025, 3, 5, 7, 20,
                                                                          tzinfo=_BKK),
               reporter_country="TH", language="th", platform="line",
               amount_lost=Decimal("1200.50"), currency="THB",
               suspect_identifiers=("@mia_trader", "bitkub-pro.vip"), title="Gold app",
               line=1, extra={"time_zone": "UTC (assumed)", "ref": "ค่ะ"}),
        Report(id="R-2", kind=ReportKind.VICTIM_REPORT, evidence_sha256=_SHA,
               narrative="only text", line=2),
        Report(id="C-1", kind=ReportKind.CHAT, evidence_sha256=_SHA, offset=120,
               reported_at=datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
               messages=(Message(0, "hi", sender="+66812345678",
                                 sent_at=datetime(2024, 12, 31, 1, 2, 3, tzinfo=UTC), line=3),
                         Message(1, "joined", system=True, offset=44),
                         Message(2, "<photo>", sender="Mia", media="photo.jpg",
                                 sent_at=datetime(2025, 1, 1, 9, 0, tzinfo=_BKK)))),
    ]
    phone = Indicator("phone", "+66812345678", "+66 81 234 5678", 5, 20, True,
                      {"region": "TH"})
    bad = Indicator("wallet", "TXYZbad", "TXYZbad", 0, 7, False, {})
    observations = [
        Observation("R-1", "narrative", None, phone),
        Observation("R-1", "suspect", 1, Indicator("domain", "bitkub-pro.vip", "bitkub-pro.vip",
                                                     0, 14, True, {"tld": "vip"})),
        Observation("C-1", "sender", 0, replace_raw(phone, "+66812345678", 0, 12)),
        Observation("C-1", "message", 2, bad),
        Observation("R-2", "narrative", None, bad),
    ]
    quarantined = [
        Quarantined(path="in/reports.jsonl", reason="not valid JSON", raw=b"{oops\xff",
                    evidence_sha256=_SHA, line=4, field=None),
        Quarantined(path="in/reports.jsonl", reason="duplicate report id 'R-1'", raw=b"",
                    line=5, field="id", record_id="R-1"),
    ]
    return Batch(ev, reports, observations, quarantined)


def replace_raw(ind: Indicator, raw: str, start: int, end: int) -> Indicator:
    return Indicator(ind.kind, ind.value, raw, start, end, ind.valid, dict(ind.attrs))


def _reference_write(store: Store, batch: Batch, now: datetime) -> None:
    """The batch written row by row as dicts through SQLAlchemy Core."""
    ev = batch.evidence
    with store.begin() as conn:
        conn.execute(t.evidence.insert(), [{
            "sha256": ev.sha256, "size": ev.size, "data": ev.data, "path": ev.path,
            "format": ev.format, "container": ev.container, "ingested_at": now,
            "reports": len(batch.reports), "quarantined": len(batch.quarantined)}])
        conn.execute(t.reports.insert(), [{
            "id": r.id, "kind": str(r.kind), "evidence_sha256": r.evidence_sha256,
            "line": r.line, "offset": r.offset,
            "reported_at": r.reported_at.astimezone(UTC) if r.reported_at else None,
            "reporter_country": r.reporter_country, "language": r.language,
            "platform": r.platform, "title": r.title, "narrative": r.narrative,
            "amount_lost": r.amount_lost, "currency": r.currency,
            "suspect_identifiers": list(r.suspect_identifiers), "extra": dict(r.extra),
            "message_count": len(r.messages)} for r in batch.reports])
        conn.execute(t.messages.insert(), [{
            "report_id": r.id, "idx": m.index, "sender": m.sender,
            "sent_at": m.sent_at.astimezone(UTC) if m.sent_at else None, "text": m.text,
            "line": m.line, "offset": m.offset, "system": m.system, "media": m.media}
            for r in batch.reports for m in r.messages])
        seen: set[str] = set()
        for ob in batch.observations:
            ind = ob.indicator
            iid = indicator_id(ind.kind, ind.value, ind.valid)
            if iid not in seen:
                seen.add(iid)
                conn.execute(t.indicators.insert(), [{
                    "id": iid, "kind": ind.kind, "value": ind.value, "valid": ind.valid,
                    "attrs": dict(ind.attrs)}])
            conn.execute(t.observations.insert(), [{
                "indicator_id": iid, "report_id": ob.report_id, "field": ob.field,
                "field_index": ob.index, "start": ind.start, "end": ind.end, "raw": ind.raw}])
        conn.execute(t.quarantine.insert(), [{
            "evidence_sha256": q.evidence_sha256 or ev.sha256, "path": q.path, "line": q.line,
            "offset": q.offset, "field": q.field, "record_id": q.record_id, "reason": q.reason,
            "raw": q.raw, "quarantined_at": now} for q in batch.quarantined])


_ORDER = {"evidence": "sha256", "reports": "id", "messages": "report_id", "indicators": "id",
          "observations": "id", "quarantine": "id"}


def _rows(conn: Connection, name: str) -> list[tuple[Any, ...]]:
    """Every row of a table as the driver gives it back (no type conversion),
    without the time the row was written."""
    table = getattr(t, name)
    cols = [c for c in table.c if c.name not in ("quarantined_at", "ingested_at")]
    order = [table.c[_ORDER[name]]] + ([table.c.idx] if name == "messages" else [])
    sql = str(select(*cols).order_by(*order).compile(dialect=conn.dialect))
    return [tuple(r) for r in conn.exec_driver_sql(sql).fetchall()]


def test_bulk_write_stores_what_core_insert_stores(store_url: str) -> None:
    batch = _batch()
    fast = Store.open(store_url)
    try:
        fast.write_batch(batch)
        with fast.begin() as conn:
            written = {name: _rows(conn, name) for name in _ORDER}
        # The second way writes into the same database after the first is gone.
        with fast.begin() as conn:
            for name in ("observations", "indicators", "messages", "quarantine", "reports",
                         "evidence"):
                conn.execute(getattr(t, name).delete())
        _reference_write(fast, batch, datetime.now(UTC))
        with fast.begin() as conn:
            reference = {name: _rows(conn, name) for name in _ORDER}
    finally:
        fast.close()
    assert written["reports"] and written["messages"] and written["quarantine"]
    assert len(written["indicators"]) == 3 and len(written["observations"]) == 5
    # Observation and quarantine ids are autoincremented: compare the rest, in order.
    for name in ("observations", "quarantine"):
        written[name] = [r[1:] for r in written[name]]
        reference[name] = [r[1:] for r in reference[name]]
    assert written == reference


def test_indicator_ids_match_the_digest(store: Store) -> None:
    # The writer memoizes ids; the stored ids must be the public digest.
    batch = _batch()
    store.write_batch(batch)
    with store.begin() as conn:
        stored = set(conn.execute(select(t.indicators.c.id)).scalars())
    assert stored == {indicator_id(o.indicator.kind, o.indicator.value, o.indicator.valid)
                      for o in batch.observations}


def test_evidence_row_holds_its_bytes_and_counts_written_in_parts(store: Store) -> None:
    # write_file inserts the evidence row before its parts and fills in its
    # bytes and counts at the end: the committed row must hold them all.
    batch = _batch()
    first = Batch(batch.evidence, batch.reports[:1], batch.observations[:2],
                  batch.quarantined[:1])
    rest = Batch(batch.evidence, batch.reports[1:], batch.observations[2:],
                 batch.quarantined[1:])
    assert store.write_file(batch.evidence, iter([first, rest]))
    with store.begin() as conn:
        row = conn.execute(select(t.evidence)).one()
    assert (bytes(row.data), row.size, row.reports, row.quarantined) == (
        batch.evidence.data, len(batch.evidence.data), 3, 2)


def test_a_file_failing_mid_way_leaves_no_evidence(store: Store) -> None:
    batch = _batch()

    def parts() -> Iterator[Batch]:
        yield Batch(batch.evidence, batch.reports[:1], batch.observations[:2])
        raise RuntimeError("reader crashed")

    with pytest.raises(RuntimeError):
        store.write_file(batch.evidence, parts())
    assert not store.has_evidence(_SHA)
    assert store.stats().reports == 0
    # The rerun writes the whole file.
    assert store.write_file(batch.evidence, iter([batch]))
    assert store.get_evidence(_SHA).data == batch.evidence.data


def test_the_store_keeps_no_reference_to_written_evidence_bytes(store: Store) -> None:
    # Bytes bound into a statement object would stay alive in SQLAlchemy's
    # compiled-statement cache as long as the store is open.
    data = bytes(range(256)) * 64
    ev = Evidence.of(data, "in/blob.bin", "unknown")
    assert store.write_file(ev, iter([Batch(ev)]))
    del ev
    assert sys.getrefcount(data) == 2  # this name and getrefcount's argument
    assert store.get_evidence(Evidence.of(data, "x", "y").sha256).data == data
