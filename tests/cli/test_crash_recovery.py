"""A real ``kill -9`` in the middle of an ingest leaves no half-written batch,
and running the same command again completes the job."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

FILES = 240
PER_FILE = 60


def _corpus(root: Path) -> None:
    for f in range(FILES):
        with (root / f"batch-{f:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(PER_FILE):
                fh.write(json.dumps({
                    "id": f"K-{f}-{i}", "reported_at": "2025-05-01", "reporter_country": "PH",
                    "narrative": f"Report {f}/{i}: paid to "
                                 "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq "
                                 f"after a call from +63 917 555 {i:04d}. " + "x" * 600,
                    "amount_lost": "100", "currency": "USD"}) + "\n")


def _counts(db: Path) -> tuple[int, int, list[tuple[str, int, int]]]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT e.sha256, e.reports, (SELECT count(*) FROM reports r "
            "WHERE r.evidence_sha256 = e.sha256) FROM evidence e").fetchall()
        reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        obs = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    finally:
        con.close()
    return reports, obs, rows


def _ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "scamnet.cli", "--db", str(db), "ingest",
                             str(corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _evidence_rows(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM evidence").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def test_kill_9_mid_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _corpus(corpus)
    db = tmp_path / "store.db"
    proc = _ingest(db, corpus)
    deadline = time.monotonic() + 120
    while _evidence_rows(db) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; grow the corpus"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    reports, _, rows = _counts(db)
    assert 0 < len(rows) < FILES
    # Every stored evidence file has all of its reports: no half-written batch.
    assert all(declared == actual == PER_FILE for _, declared, actual in rows)
    assert reports == len(rows) * PER_FILE

    rerun = _ingest(db, corpus)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read().decode() if rerun.stderr else ""
    reports, obs, rows = _counts(db)
    assert len(rows) == FILES
    assert reports == FILES * PER_FILE
    assert obs == FILES * PER_FILE * 2  # one wallet and one phone per report
