"""The store contract, run on SQLite and (with SCAMNET_TEST_PG_URL) PostgreSQL."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from scamnet.errors import BackendError, NotFoundError
from scamnet.model.indicators import Indicator
from scamnet.model.records import Evidence, Message, Observation, Quarantined, Report, ReportKind
from scamnet.store import store as store_module
from scamnet.store.registry import target_metadata
from scamnet.store.store import SQLITE_PAGE_SIZE, Batch, Store

WALLET = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def _batch(data: bytes, report_id: str, *, wallet: str = WALLET, bad: bool = False) -> Batch:
    ev = Evidence.of(data, f"{report_id}.jsonl", "report-jsonl")
    text = f"I sent 500 USDT to {wallet} after Lucy asked"
    rep = Report(
        id=report_id, kind=ReportKind.VICTIM_REPORT, evidence_sha256=ev.sha256, narrative=text,
        reported_at=datetime(2025, 3, 1, 10, 30, tzinfo=UTC), reporter_country="TH",
        language="en", platform="line", amount_lost=Decimal("1200.50"), currency="USDT",
        suspect_identifiers=("@lucy_trader88",), line=1, extra={"source": "helpline"},
    )
    start = text.index(wallet)
    ind = Indicator("wallet", wallet, wallet, start, start + len(wallet), True,
                    {"chain": "tron", "format": "base58check"})
    batch = Batch(ev, [rep], [Observation(report_id, "narrative", None, ind)])
    if bad:
        batch.quarantined.append(Quarantined(f"{report_id}.jsonl", "invalid JSON", b"{oops",
                                             ev.sha256, line=2))
    return batch


def test_batch_round_trip(store: Store) -> None:
    store.write_batch(_batch(b"one", "R1", bad=True))
    got = store.get_report("R1")
    rep = got.report
    assert rep.narrative.startswith("I sent 500 USDT")
    assert rep.amount_lost == Decimal("1200.5")
    assert rep.reported_at == datetime(2025, 3, 1, 10, 30, tzinfo=UTC)
    assert rep.suspect_identifiers == ("@lucy_trader88",)
    assert rep.extra == {"source": "helpline"}
    assert got.evidence_path == "R1.jsonl"
    (ob,) = got.observations
    assert (ob.kind, ob.value, ob.valid, ob.field) == ("wallet", WALLET, True, "narrative")
    assert rep.narrative[ob.start:ob.end] == ob.raw == WALLET
    assert ob.attrs["chain"] == "tron"
    (q,) = store.quarantined()
    assert (q.line, q.reason, q.raw) == (2, "invalid JSON", b"{oops")
    assert store.get_evidence(got.report.evidence_sha256).data == b"one"


@pytest.mark.parametrize(("amount", "written"), [
    ("50000", "50000"), ("1200.50", "1200.5"), ("0.00012000", "0.00012"), ("1E+3", "1000"),
])
def test_amounts_come_back_in_plain_notation(store: Store, amount: str, written: str) -> None:
    """Exports print str(amount): it must read 50000, never 5E+4, on every backend."""
    batch = _batch(amount.encode(), "R1")
    batch.reports[0] = replace(batch.reports[0], amount_lost=Decimal(amount))
    store.write_batch(batch)
    assert str(store.get_report("R1").report.amount_lost) == written


def test_same_bytes_twice_changes_nothing(store: Store) -> None:
    store.write_batch(_batch(b"same", "R1", bad=True))
    before = store.stats()
    store.write_batch(_batch(b"same", "R1", bad=True))
    assert store.stats() == before


def test_shared_indicator_counts_reports(store: Store) -> None:
    store.write_batch(_batch(b"a", "R1"))
    store.write_batch(_batch(b"b", "R2"))
    store.write_batch(_batch(b"c", "R3", wallet="0x52908400098527886E0F7030069857D2E4169EE7"))
    counts = store.indicator_counts()
    assert (counts[0].value, counts[0].reports) == (WALLET, 2)
    assert store.indicator_counts("phone") == []
    assert {o.report_id for o in store.observations("wallet") if o.value == WALLET} == {"R1", "R2"}
    stats = store.stats()
    assert (stats.reports, stats.indicators, stats.observations) == (3, 2, 3)
    assert stats.indicators_by_kind == {"wallet": 2}


def test_messages_keep_order_and_locations(store: Store) -> None:
    ev = Evidence.of(b"chat", "chat.txt", "whatsapp")
    msgs = tuple(Message(i, f"m{i}", sender="Lucy" if i % 2 else "Me",
                         sent_at=datetime(2024, 1, 1, 9, i, tzinfo=UTC), line=i + 1,
                         system=i == 0) for i in range(5))
    rep = Report(id="C1", kind=ReportKind.CHAT, evidence_sha256=ev.sha256, messages=msgs,
                 platform="whatsapp")
    store.write_batch(Batch(ev, [rep]))
    got = store.get_report("C1").report
    assert got.messages == msgs
    assert [r.id for r in store.iter_reports(batch_size=1)] == ["C1"]


def test_iter_reports_pages_in_id_order(store: Store) -> None:
    for i in range(7):
        store.write_batch(_batch(f"x{i}".encode(), f"R{i}"))
    assert [r.id for r in store.iter_reports(batch_size=3)] == [f"R{i}" for i in range(7)]
    assert store.existing_report_ids(["R1", "R9", "R6"]) == {"R1", "R6"}


def test_failed_batch_leaves_nothing(store: Store) -> None:
    batch = _batch(b"dup", "R1")
    # A report id twice in one batch violates the primary key mid-write.
    batch.reports.append(batch.reports[0])
    with pytest.raises(BackendError):
        store.write_batch(batch)
    assert store.stats().evidence == 0
    assert store.stats().reports == 0


def test_write_quarantine_is_idempotent(store: Store) -> None:
    rec = Quarantined("a.zip!../../etc/passwd", "path traversal refused", b"", None)
    assert store.write_quarantine([rec]) == 1
    assert store.write_quarantine([rec]) == 0
    assert len(store.quarantined()) == 1


def test_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_report("nope")
    with pytest.raises(NotFoundError):
        store.get_evidence("0" * 64)


def test_migrations_match_schema(store: Store) -> None:
    """The Alembic migrations build exactly the tables the code declares."""
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), target_metadata())
    diff = [d for d in diff if not (isinstance(d, tuple) and d[0] == "remove_table"
                                    and d[1].name == "alembic_version")]
    assert diff == []


def test_schema_heads_are_the_migration_heads(store: Store) -> None:
    """The constant that lets an up-to-date store skip Alembic names every branch's
    newest script, and a freshly migrated store records exactly those."""
    from importlib import resources

    from alembic.script import ScriptDirectory

    from scamnet.store.store import SCHEMA_HEADS

    scripts = ScriptDirectory(str(resources.files("scamnet.store") / "migrations"))
    assert set(scripts.get_heads()) == set(SCHEMA_HEADS)
    with store.engine.connect() as conn:
        stored = set(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    assert stored == set(SCHEMA_HEADS)


def test_opening_a_current_store_does_not_load_alembic(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store.open(str(db)).close()
    code = ("import sys\n"
            "from scamnet.store.store import Store\n"
            f"Store.open({str(db)!r}).close()\n"
            "print('alembic' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_reopen_keeps_data(store_url: str) -> None:
    with Store.open(store_url) as s:
        s.write_batch(_batch(b"keep", "R1"))
    with Store.open(store_url) as s:
        assert s.stats().reports == 1


def _page_size(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


def test_sqlite_page_size_is_set_for_new_files_only(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A new SQLite store gets 16 KiB pages; a store written with SQLite's default
    4 KiB pages (every store made before) keeps them and reads and writes as before."""
    new = tmp_path / "new.db"
    with Store.open(str(new)) as s:
        s.write_batch(_batch(b"new", "N1"))
    assert _page_size(new) == SQLITE_PAGE_SIZE == 16384
    old = tmp_path / "old.db"
    monkeypatch.setattr(store_module, "SQLITE_PAGE_SIZE", 4096)
    with Store.open(str(old)) as s:
        s.write_batch(_batch(b"old", "O1"))
    monkeypatch.undo()
    with Store.open(str(old)) as s:
        s.write_batch(_batch(b"later", "O2", wallet="TQKqZb4n1tWt5idMJQDohj5RWG2RGL1F3q"))
        assert [r.id for r in s.iter_reports()] == ["O1", "O2"]
        assert s.get_report("O1").observations[0].value == WALLET
    assert _page_size(old) == 4096


def test_unreachable_database_is_backend_error() -> None:
    with pytest.raises(BackendError, match="cannot open store") as info:
        Store.open("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)


def test_evidence_prefix_must_name_one_file(store: Store) -> None:
    from scamnet.errors import NotFoundError
    from scamnet.model.records import Evidence
    from scamnet.store.store import Batch

    shas = ["abcdef01" + "0" * 56, "abcdef01" + "1" * 56]
    for sha in shas:
        store.write_batch(Batch(Evidence(sha, sha.encode(), f"{sha[-1]}.txt", "test")))
    assert [e.sha256 for e in store.list_evidence()] == shas
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.resolve_evidence("abcdef01")
    assert store.resolve_evidence("ABCDEF011") == shas[1]
    from scamnet.errors import BackendError
    with pytest.raises(BackendError, match="corrupted"):
        store.verified_evidence(shas[0])  # its bytes are not what the address says


def test_reports_from_counts_the_reports_one_evidence_gave(store: Store) -> None:
    first, second = _batch(b"first", "F1"), _batch(b"second", "S1")
    store.write_batch(first)
    store.write_batch(second)
    assert store.reports_from(first.evidence.sha256) == 1
    assert store.reports_from(Evidence.of(b"never stored", "x", "report-jsonl").sha256) == 0
