"""Extraction in worker processes must store exactly what one process stores."""

from __future__ import annotations

import json
from pathlib import Path

from scamnet.demo import iter_report_records
from scamnet.intake.archive import InputFile
from scamnet.intake.pipeline import ingest, observe_all, observer, parse_file
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
    serial = parse_file(item, "TH", observe_many=observe_all)
    with observer(2) as many:
        pooled = parse_file(item, "TH", observe_many=many)
    assert len(serial.observations) > 800
    assert pooled.observations == serial.observations
    assert [q.line for q in pooled.quarantined] == [q.line for q in serial.quarantined] == [151]
