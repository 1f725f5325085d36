"""A small seeded synthetic corpus for link tests, with ground truth and decoys.

Networks own wallets, phones, handles and a scam domain; each report names a
few of them. Decoys: exchange domains (allowlisted), a shortener URL seen in
two networks, a recycled phone (two reports in each of two networks), a
victim's own e-mail in reports of two networks, invalid wallets shared
across networks, and reports with no indicators.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from scamnet.link import ObservationTable

KINDS = ("wallet", "phone", "telegram", "whatsapp", "domain")


@dataclass
class Synth:
    table: ObservationTable
    truth: dict[str, str]
    rows: list[tuple[str, str, str, bool]]


def make(seed: int = 1, networks: int = 8, decoys: bool = True) -> Synth:
    rng = random.Random(seed)
    rows: list[tuple[str, str, str, bool]] = []
    truth: dict[str, str] = {}
    reports: list[str] = []
    net_reports: dict[int, list[str]] = {}
    for n in range(networks):
        pool = [(k, f"{k}-n{n}-{j}") for j, k in enumerate(rng.choices(KINDS, k=6))]
        pool.append(("domain", f"net{n}-trade.vip"))
        size = rng.randint(15, 30)
        for j in range(size):
            rid = f"r{n:02d}{j:03d}"
            reports.append(rid)
            truth[rid] = f"N{n}"
            net_reports.setdefault(n, []).append(rid)
            for kind, value in rng.sample(pool, rng.randint(2, 4)):
                rows.append((rid, kind, value, True))
            if rng.random() < 0.3:
                rows.append((rid, "domain", rng.choice(("binance.com", "www.okx.com")), True))
            if rng.random() < 0.2:
                rows.append((rid, "script", f"script-{n % 3}", True))
    if decoys:
        a, b = net_reports[0], net_reports[1]
        for rid in a[:2] + b[:2]:
            rows.append((rid, "url", "https://bit.ly/Abc123", True))
            rows.append((rid, "phone", "+66800000001", True))  # recycled number
        rows.append((a[3], "email", "victim@example.net", True))
        rows.append((b[3], "email", "victim@example.net", True))
        for rid in a[5:7] + b[5:7]:
            rows.append((rid, "wallet", "0xBADCHECKSUM", False))
        for k in range(5):
            rid = f"z-empty-{k}"
            reports.append(rid)
            truth[rid] = f"solo:{rid}"
    rng.shuffle(rows)
    table = ObservationTable.from_rows(rows, reports)
    return Synth(table, truth, rows)
