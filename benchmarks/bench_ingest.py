"""Ingest + extraction throughput into a fresh SQLite store, on one core.

Two inputs, so the figure is not tuned to one: the demo generator's victim
reports (~1 KB multilingual narratives with indicators), and reports built
from real scam SMS in ../shared/data (several joined to ~1 KB each).

    python benchmarks/bench_ingest.py [--reports 50000] [--workers 1 2] [--profile]

The issue's target is per core (``--workers 1``); ``--workers 2`` shows how
the extraction pool scales on this 2-core machine. ``--profile`` adds, per
input, where the main process's CPU went: each SQL statement kind and the
commit timed around the driver calls, the rest left to Python (reading,
extraction, building rows); the timers add a little CPU of their own.

Each figure is marked "quiet" (1-minute load average at most 1.0 before and
after the run) or "loaded" (another job shares the two cores), with the
load averages; CPU-seconds suffer less from load than wall time, not nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from scamnet.demo import iter_report_records
from scamnet.intake.pipeline import ingest
from scamnet.settings import Settings
from scamnet.store.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def sms_records(n: int, seed: int = 1) -> Iterator[dict[str, object]]:
    """Victim-report records whose narratives are real scam SMS joined to ~1 KB."""
    texts: list[tuple[str, str]] = []
    with (SHARED / "thai-sms-scam" / "sms_dataset_utf8.csv").open(encoding="utf-8") as fh:
        texts += [("TH", r["text"]) for r in csv.DictReader(fh) if r.get("text")]
    with (SHARED / "vietnamese-smishing" / "ggsheet_reported_scam_sms.csv").open(
            encoding="utf-8") as fh:
        texts += [("VN", r["content"]) for r in csv.DictReader(fh) if r.get("content")]
    with (SHARED / "uci-sms-spam" / "SMSSpamCollection.tsv").open(encoding="utf-8") as fh:
        texts += [("GB", line.split("\t", 1)[1].strip()) for line in fh
                  if line.startswith("spam\t")]
    rng = random.Random(seed)
    for i in range(n):
        country, body = rng.choice(texts)
        while len(body.encode()) < 1000:
            body += " " + rng.choice(texts)[1]
        yield {"id": f"SMS-{i}", "reported_at": "2025-01-01", "reporter_country": country,
               "narrative": body[:1200], "amount_lost": "10", "currency": "USD"}


class SqlTimes:
    """CPU seconds spent in the driver per SQL statement kind, and in commits."""

    def __init__(self, engine: Engine) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._t0 = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        commit = engine.dialect.do_commit

        def timed_commit(dbapi_conn: Any) -> None:
            t0 = time.process_time()
            commit(dbapi_conn)
            self.spent["COMMIT"] += time.process_time() - t0

        engine.dialect.do_commit = timed_commit  # type: ignore[method-assign,assignment]

    def _before(self, *_: Any) -> None:
        self._t0 = time.process_time()

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        words = statement.split()
        # "INSERT INTO reports", "UPDATE evidence", "SELECT ... FROM quarantine"
        kind = " ".join(words[:3]) if words[0] == "INSERT" else " ".join(words[:2])
        self.spent[kind.replace('"', "")] += time.process_time() - self._t0


def run(name: str, records: Iterator[dict[str, object]], workdir: Path,
        workers: int = 1, profile: bool = False) -> None:
    src = workdir / f"{name}-w{workers}.jsonl"
    n = 0
    size = 0
    with src.open("w", encoding="utf-8") as fh:
        for rec in records:
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            size += len(str(rec.get("narrative", "")).encode())
            fh.write(line)
            n += 1
    db = workdir / f"{name}-w{workers}.db"
    load0 = os.getloadavg()[0]
    with Store.open(str(db)) as store:
        sql = SqlTimes(store.engine) if profile else None
        t0 = time.perf_counter()
        main0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        summary = ingest(store, [src], Settings(), workers=workers)
        elapsed = time.perf_counter() - t0
        # CPU seconds of this process and of the workers (counted once they
        # have exited, which ingest waits for): reports per CPU-second is the
        # per-core figure, and it holds when other jobs share the cores.
        main = _cpu(resource.RUSAGE_SELF) - main0
        kids = _cpu(resource.RUSAGE_CHILDREN) - kids0
    print(f"{name:5} workers={workers} {n:>7} reports, avg narrative {size / n:,.0f} B "
          f"[{_load(load0)}]: "
          f"{elapsed:6.2f} s, {n / elapsed:,.0f} reports/s wall; CPU {main:.2f} s main + "
          f"{kids:.2f} s workers = {n / (main + kids):,.0f} reports per CPU-second; "
          f"{summary.observations / n:.1f} indicators/report, "
          f"quarantined {len(summary.quarantined)}")
    if sql is not None:
        in_sql = sum(sql.spent.values())
        parts = sorted(sql.spent.items(), key=lambda kv: -kv[1])
        print(f"  main-process CPU per report: {main / n * 1e6:.1f} µs = "
              f"{(main - in_sql) / n * 1e6:.1f} Python (read, extract, rows) + "
              f"{in_sql / n * 1e6:.1f} SQLite (" + ", ".join(
                  f"{k} {v / n * 1e6:.1f}" for k, v in parts if v / n >= 5e-8) + ")")


def _load(before: float) -> str:
    """The 1-minute load average before and after a run, and what it makes the
    figure: "quiet" when both are at most 1.0 (this 2-core machine is shared),
    else "loaded"."""
    after = os.getloadavg()[0]
    label = "quiet" if max(before, after) <= 1.0 else "loaded"
    return f"{label}, load {before:.2f}-{after:.2f}"


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=50_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1],
                    help="Extraction processes; several values run one after another.")
    ap.add_argument("--profile", action="store_true",
                    help="Also print the main process's CPU per report split by SQL statement.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for workers in args.workers:
            run("demo", iter_report_records(args.reports, seed=11), work, workers, args.profile)
            if SHARED.is_dir():
                run("sms", sms_records(args.reports), work, workers, args.profile)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MiB in the main process, {children:,.0f} MiB in the "
          "largest worker (if any)")


if __name__ == "__main__":
    main()
