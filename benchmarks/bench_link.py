"""Speed and memory of linking: the batch job at scale and incremental attach latency.

1. Batch: a seeded synthetic corpus of ``--reports`` reports and about three
   observations each (networks with heavy-tailed sizes, unlinked reports, an
   allowlisted exchange domain in 5% of reports, one hub wallet in 25%, 1%
   invalid values) goes through ``cluster_observations`` on the chosen engine.
   Prints wall time per phase, networks found and the process's peak RSS
   (ru_maxrss, which includes building the input, so it over-states the job).
2. Attach (``--attach N``, default 1000): the same corpus is written into a
   SQLite store (core tables + a batch link), then N new reports are attached
   one per transaction, as ingestion would; prints p50/p95/p99/max latency.

The machine is shared (2 cores); figures are noisy, run twice.

    .venv/bin/python benchmarks/bench_link.py [--reports 1000000] [--attach 1000]
        [--engine local] [--store /tmp/bench_link.db] [--skip-attach]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from scamnet.engines import get_engine
from scamnet.link import ObservationTable, cluster_observations
from scamnet.link.attach import Attacher
from scamnet.link.evaluate import score_partition
from scamnet.link.runs import link, new_run
from scamnet.link.suppress import HubRule
from scamnet.link.weights import WeightTable

STRONG = ("wallet", "phone", "telegram", "whatsapp", "domain")


def synth(n_reports: int, seed: int = 1) -> tuple[ObservationTable, list[str]]:
    """Synthetic observations with ground truth (network label per report)."""
    rng = np.random.default_rng(seed)
    ids = [f"R{i:08d}" for i in range(n_reports)]
    truth: list[str] = []
    rid: list[str] = []
    kind: list[str] = []
    value: list[str] = []
    valid: list[bool] = []
    i = 0
    net = 0
    linked = int(n_reports * 0.7)
    while i < linked:
        size = int(min(max(2, rng.lognormal(2.0, 1.0)), 5000, linked - i)) or 1
        pool_n = max(2, size // 4)
        kinds = rng.choice(len(STRONG), size=pool_n)
        pool = [(STRONG[k], f"{STRONG[k][0]}{net}x{j}") for j, k in enumerate(kinds.tolist())]
        # Report j of the network names pool[j % pool_n] (so the network is
        # connected) plus two random pool members.
        picks = rng.integers(0, pool_n, size=(size, 2)).tolist()
        for j in range(size):
            r = ids[i + j]
            truth.append(f"N{net}")
            for p in (j % pool_n, picks[j][0], picks[j][1]):
                k, v = pool[p]
                rid.append(r)
                kind.append(k)
                value.append(v)
                valid.append(True)
        i += size
        net += 1
    for j in range(i, n_reports):
        r = ids[j]
        truth.append(f"solo{j}")
        for k in ("wallet", "phone", "email"):
            rid.append(r)
            kind.append(k)
            value.append(f"{k[0]}solo{j}")
            valid.append(True)
    n_obs = len(rid)
    # Decoys: an exchange domain (allowlisted), a hub wallet, invalid values.
    for j in rng.choice(n_reports, size=n_reports // 20, replace=False).tolist():
        rid.append(ids[j])
        kind.append("domain")
        value.append("www.binance.com")
        valid.append(True)
    for j in rng.choice(n_reports, size=n_reports // 4, replace=False).tolist():
        rid.append(ids[j])
        kind.append("wallet")
        value.append("THubHotWalletOfSomeExchange")
        valid.append(True)
    bad = rng.choice(n_obs, size=n_obs // 100, replace=False)
    for j in bad.tolist():
        valid[j] = False
    return ObservationTable(rid, kind, value, valid, ids), truth


def bench_batch(table: ObservationTable, truth: list[str], engine: str) -> None:
    t0 = time.perf_counter()
    result = cluster_observations(table, engine=get_engine(engine))
    wall = time.perf_counter() - t0
    s = result.stats
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"batch ({engine}): {s.reports:,} reports, {s.observations:,} observations "
          f"-> {s.linked_networks:,} networks of 2+ (largest {s.largest_network:,}), "
          f"{s.suppressed} suppressed, in {wall:.1f} s; peak RSS {rss:,.0f} MiB")
    print("  phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in s.timings.items()))
    part = result.partition()
    truth_map = dict(zip(result.report_ids, (truth[int(r[1:])] for r in result.report_ids),
                         strict=True))
    sc = score_partition(part, truth_map)
    print(f"  quality on synthetic truth: pairwise P {sc.pairwise_precision:.4f} "
          f"R {sc.pairwise_recall:.4f}, B-cubed F1 {sc.bcubed_f1:.4f}")


def build_store(path: Path, table: ObservationTable) -> None:
    """Write the synthetic corpus straight into the core tables (fast path)."""
    from sqlalchemy import insert

    from scamnet.store import schema as t
    from scamnet.store.store import Store, indicator_id

    if path.exists():
        path.unlink()
    t0 = time.perf_counter()
    store = Store.open(f"sqlite:///{path}")
    now = datetime.now(UTC)
    with store.begin() as conn:
        conn.execute(insert(t.evidence), [{
            "sha256": "0" * 64, "size": 0, "data": b"", "path": "bench", "format": "bench",
            "container": None, "ingested_at": now, "reports": len(table.reports),
            "quarantined": 0}])
        chunk = 50_000
        reps = list(table.reports)
        for i in range(0, len(reps), chunk):
            conn.execute(insert(t.reports), [{
                "id": r, "kind": "victim_report", "evidence_sha256": "0" * 64, "narrative": "",
                "suspect_identifiers": [], "extra": {}, "message_count": 0}
                for r in reps[i:i + chunk]])
        seen: set[str] = set()
        ind_rows = []
        obs_rows = []
        for r, k, v, ok in zip(table.report_id, table.kind, table.value, table.valid,
                               strict=True):
            iid = indicator_id(k, v, ok)
            if iid not in seen:
                seen.add(iid)
                ind_rows.append({"id": iid, "kind": k, "value": v, "valid": ok, "attrs": {}})
            obs_rows.append({"indicator_id": iid, "report_id": r, "field": "narrative",
                             "field_index": None, "start": 0, "end": 0, "raw": v})
        for i in range(0, len(ind_rows), chunk):
            conn.execute(insert(t.indicators), ind_rows[i:i + chunk])
        for i in range(0, len(obs_rows), chunk):
            conn.execute(insert(t.observations), obs_rows[i:i + chunk])
    print(f"store: wrote {len(table.reports):,} reports, {len(obs_rows):,} observations in "
          f"{time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    run = link(store)
    print(f"store: batch link incl. reading and persisting in {time.perf_counter() - t0:.1f} s "
          f"({run.result.stats.linked_networks:,} networks)")
    store.close()


def bench_attach(path: Path, table: ObservationTable, n: int) -> None:
    from sqlalchemy import insert

    from scamnet.link.allowlist import load_allowlist
    from scamnet.store import schema as t
    from scamnet.store.store import Store, indicator_id

    tag = f"{time.time_ns() % 10**9:09d}"  # fresh ids when re-run on the same store
    rng = random.Random(tag)
    store = Store.open(f"sqlite:///{path}")
    existing = list(zip(table.kind, table.value, strict=True))
    allow = load_allowlist()
    times: list[float] = []
    hows: dict[str, int] = {}
    for j in range(n):
        rid = f"NEW{tag}-{j:06d}"
        # Half reuse an existing indicator (join or merge), half are new.
        obs = [rng.choice(existing) for _ in range(rng.choice((0, 1, 2)))]
        obs += [("phone", f"+new{tag}x{j}x{m}") for m in range(3 - len(obs))]
        with store.begin() as conn:
            conn.execute(insert(t.reports), [{
                "id": rid, "kind": "victim_report", "evidence_sha256": "0" * 64,
                "narrative": "", "suspect_identifiers": [], "extra": {}, "message_count": 0}])
            for k, v in obs:
                iid = indicator_id(k, v, True)
                conn.execute(store._insert_ignore(t.indicators),
                             [{"id": iid, "kind": k, "value": v, "valid": True, "attrs": {}}])
                conn.execute(insert(t.observations), [{
                    "indicator_id": iid, "report_id": rid, "field": "narrative",
                    "field_index": None, "start": 0, "end": 0, "raw": v}])
            t1 = time.perf_counter()
            run_id = new_run(conn, started_at=datetime.now(UTC), mode="attach",
                             engine="local", params={}, stats={})
            att = Attacher(conn, run_id, weights=WeightTable(), allowlist=allow,
                           hub=HubRule()).attach(rid)
        t2 = time.perf_counter()
        hows[att.how] = hows.get(att.how, 0) + 1
        times.append((t2 - t1) * 1000)
    arr = np.array(times)
    print(f"attach: {n} reports against {len(table.reports):,}: p50 "
          f"{np.percentile(arr, 50):.2f} ms, p95 {np.percentile(arr, 95):.2f} ms, p99 "
          f"{np.percentile(arr, 99):.2f} ms, max {arr.max():.2f} ms ({hows}); "
          "time = attach decision + writes + commit, not the report insert")
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--engine", default="local")
    ap.add_argument("--attach", type=int, default=1000)
    ap.add_argument("--skip-attach", action="store_true")
    ap.add_argument("--store", type=Path, default=None)
    ap.add_argument("--reuse-store", action="store_true",
                    help="Attach against an existing --store instead of rebuilding it.")
    args = ap.parse_args()
    t0 = time.perf_counter()
    table, truth = synth(args.reports)
    print(f"synthetic input: {len(table.reports):,} reports, {len(table):,} observations "
          f"(built in {time.perf_counter() - t0:.1f} s)")
    bench_batch(table, truth, args.engine)
    if not args.skip_attach:
        path = args.store or Path(tempfile.gettempdir()) / "scamnet_bench_link.db"
        if not (args.reuse_store and path.exists()):
            build_store(path, table)
        bench_attach(path, table, args.attach)
    return 0


if __name__ == "__main__":
    sys.exit(main())
