"""Extraction in worker processes must store exactly what one process stores."""

from __future__ import annotations

import json
from pathlib import Path

from scamnet.demo import iter_report_records
from scamnet.intake.archive import InputFile
from scamnet.intake.pipeline import ingest, observe_here, observer, parse_file, parse_parts
from scamnet.settings import Settings
from scamnet.store.store import Store


def _corpus(tmp: Path) -> Path:
    path = tmp / "reports.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in iter_report_records(400, seed=5)]
    lines.insert(150, '{"id": "broken", "narrative": ')  # quarantined, the rest kept
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(db: Path, src: Path, workers: int) -> tuple[object, ...]:
    with Store.open(f"sqlite:///{db}") as store:
        summary = ingest(store, [src], Settings(), workers=workers)
        return (summary.reports, summary.observations, len(summary.quarantined),
                list(store.observations()), store.stats())


def test_two_workers_store_the_same_as_one(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    one = _stored(tmp_path / "one.db", src, 1)
    two = _stored(tmp_path / "two.db", src, 2)
    assert one[0] == 400 and one[2] == 1
    assert one == two


def test_pool_returns_observations_in_report_order(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    item = InputFile(str(src), src.read_bytes())
    serial = parse_file(item, "TH", observe_many=observe_here)
    with observer(2) as many:
        pooled = parse_file(item, "TH", observe_many=many)
    assert len(serial.observations) > 800
    assert pooled.observations == serial.observations
    assert [q.line for q in pooled.quarantined] == [q.line for q in serial.quarantined] == [151]


def test_parts_stream_a_file_and_catch_repeats_across_parts(tmp_path: Path) -> None:
    """A report file is parsed, extracted and written in parts (bounded memory), yet
    an id repeated in a later part is still caught, an id stored from other
    evidence is quarantined, and the evidence row counts the whole file."""
    from scamnet.intake.pipeline import parse_parts, stored_elsewhere

    rows = [{"id": f"R{i}", "reported_at": "2025-01-01",
             "narrative": f"sent to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t case {i}"} for i in range(7)]
    rows.append(dict(rows[1]))  # R1 again, in the last part
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    evidence, parts = parse_parts(InputFile("r.jsonl", data), size=3)
    got = list(parts)
    assert [len(p.reports) for p in got] == [3, 3, 1]
    assert [q.record_id for p in got for q in p.quarantined] == ["R1"]
    with Store.open(str(tmp_path / "s.db")) as store:
        other = tmp_path / "other.jsonl"
        other.write_text(json.dumps({**rows[5], "narrative": "other"}) + "\n", encoding="utf-8")
        ingest(store, [other], Settings())
        evidence, parts = parse_parts(InputFile("r.jsonl", data), size=3)
        seen: list[int] = []
        assert store.write_file(evidence, parts, clashed=stored_elsewhere,
                                written=lambda p: seen.append(len(p.reports)))
        assert seen == [3, 2, 1]  # R5 went to quarantine in the second part
        info = {e.path: e for e in store.list_evidence()}["r.jsonl"]
        assert (info.reports, info.quarantined) == (6, 2)
        assert store.stats().reports == 7
        evidence, parts = parse_parts(InputFile("r.jsonl", data), size=3)
        assert not store.write_file(evidence, parts, clashed=stored_elsewhere)


def test_pool_extracts_ahead_and_keeps_every_part_in_order(tmp_path: Path) -> None:
    """With a pool, part k + 1 is extracted while part k is handed out: each part
    must still carry exactly its own reports' observations, in file order."""
    src = _corpus(tmp_path)
    item = InputFile(str(src), src.read_bytes())
    _, parts = parse_parts(item, "TH", observe_many=observe_here, size=64)
    serial = list(parts)
    with observer(2) as many:
        _, pooled_parts = parse_parts(item, "TH", observe_many=many, size=64)
        pooled = list(pooled_parts)
    assert len(serial) == 7
    assert [len(p.reports) for p in pooled] == [len(p.reports) for p in serial]
    for got, want in zip(pooled, serial, strict=True):
        assert {o.report_id for o in got.observations} <= {r.id for r in got.reports}
        assert got.observations == want.observations
        assert got.quarantined == want.quarantined


def test_a_report_from_a_region_without_numbering_plan_is_still_ingested(tmp_path: Path) -> None:
    """extract() refuses such a region as a setting; a report's own country is
    data, so the report is kept with what its text holds (no national numbers)."""
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps({"id": "XX-1", "reported_at": "2025-01-01",
                               "reporter_country": "XX",
                               "narrative": "call 0812345678 or +66 81 234 5678"}) + "\n",
                   encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        summary = ingest(store, [src], Settings())
        assert (summary.reports, summary.quarantined) == (1, [])
        assert [(o.kind, o.value) for o in store.observations()] == [("phone", "+66812345678")]
