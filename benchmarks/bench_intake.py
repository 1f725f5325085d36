"""Speed of the victim-report readers (JSON Lines and CSV) on one core.

Generates N reports with ~1 KB narratives in memory, then times
``read_source`` over them (decode + parse + validate, no extraction, no
store); also a WhatsApp export of N messages. Prints records per second;
run it a few times, the figures are noisy on a shared machine.

    .venv/bin/python benchmarks/bench_intake.py [N]
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import time

from scamnet.intake.base import Source
from scamnet.intake.registry import read_source
from scamnet.model.records import Report, sha256_hex

WORDS = ("she said her uncle trades gold on a platform and I could earn thirty percent "
         "a month if I deposited USDT to the wallet she sent me then the site froze my "
         "account and asked for a tax before withdrawal เขาบอกว่า 她说 chị ấy nói").split()


def records(n: int, rng: random.Random) -> list[dict[str, object]]:
    out = []
    for i in range(n):
        narrative = " ".join(rng.choice(WORDS) for _ in range(170))[:1000]
        out.append({
            "id": f"R{i:07d}", "reported_at": f"2024-0{1 + i % 9}-1{i % 10}T10:00:00+07:00",
            "reporter_country": rng.choice(["TH", "VN", "US", "ID"]), "language": "en",
            "platform": rng.choice(["whatsapp", "telegram", "line"]), "narrative": narrative,
            "amount_lost": f"{rng.randint(100, 9_999_999):,}.50",
            "currency": "USDT", "suspect_identifiers": f"@agent{i % 97}; +6681234{i % 10000:04d}",
            "suspect_wallet": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        })
    return out


def bench(name: str, data: bytes, n: int) -> None:
    source = Source(name, data, sha256_hex(data))
    best = cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        count = sum(isinstance(r, Report) for r in read_source(source))
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        assert count == n, count
    # CPU time is the steadier figure when other jobs share the cores.
    print(f"{name:14s} {n:7d} reports  {len(data) / 1e6:6.1f} MB  best of 3: {best:6.2f} s wall "
          f"{cpu:6.2f} s CPU  {n / best:9,.0f} reports/s wall  {n / cpu:9,.0f} reports/s CPU")


def chat(n: int, rng: random.Random) -> bytes:
    lines = []
    for i in range(n):
        day, minute = 1 + (i // 1440) % 28, i % 1440
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30)))
        lines.append(f"{day:02d}/03/2024, {minute // 60:02d}:{minute % 60:02d} - "
                     f"{rng.choice(['Anna', 'Victim'])}: {text}")
        if i % 10 == 0:
            lines.append("a continuation line of the message above")
    return ("\n".join(lines) + "\n").encode("utf-8")


def bench_chat(n: int) -> None:
    data = chat(n, random.Random(2))
    source = Source("chat.txt", data, sha256_hex(data))
    best = cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        (report,) = read_source(source)
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    assert isinstance(report, Report) and len(report.messages) == n
    print(f"{'whatsapp.txt':14s} {n:7d} messages {len(data) / 1e6:6.1f} MB  best of 3: "
          f"{best:6.2f} s wall {cpu:6.2f} s CPU  {n / best:9,.0f} msgs/s wall  "
          f"{n / cpu:9,.0f} msgs/s CPU")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    recs = records(n, random.Random(1))
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode("utf-8")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(recs[0]))
    writer.writeheader()
    writer.writerows(recs)
    bench("reports.jsonl", jsonl, n)
    bench("reports.csv", buf.getvalue().encode("utf-8"), n)
    bench_chat(n)


if __name__ == "__main__":
    main()
