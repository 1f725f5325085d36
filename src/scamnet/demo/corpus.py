"""The demo corpus: every file's exact bytes plus the ground truth that explains them.

:func:`generate` is pure and deterministic: the same seed and scale give the
same bytes on any machine (all randomness comes from ``random.Random`` seeded
with strings, and nothing iterates over a set). :meth:`DemoCorpus.write` is
the one place that touches the file system.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from scamnet.demo.chats import Conversation, delivery_chat, family_chat, network_chat
from scamnet.demo.exports import telegram_json, whatsapp_txt
from scamnet.demo.lexicon import STAGES, canonical
from scamnet.demo.mail import account_frozen_eml, withdrawal_tax_eml
from scamnet.demo.networks import ARCHETYPES, Network, build_network
from scamnet.demo.reports import (
    RECORD_FIELDS,
    PlannedReport,
    ReportOptions,
    network_report,
    no_indicator_report,
    not_scam_report,
    other_scam_report,
    random_when,
)
from scamnet.demo.writing import Planted

__all__ = ["TRUTH_VERSION", "DemoCorpus", "generate"]

TRUTH_VERSION = 1
_EXCHANGES = ("binance.com", "okx.com", "coinbase.com")
_WHOLE_PERIOD = ("2024-01-02", "2026-11-20")


@dataclass
class DemoCorpus:
    """The generated files (relative path, exact bytes) and their ground truth."""

    files: list[tuple[str, bytes]]
    truth: dict[str, Any]

    def truth_json(self) -> bytes:
        """The ground truth as the bytes of ``truth.json`` (sorted keys, UTF-8)."""
        text = json.dumps(self.truth, ensure_ascii=False, indent=1, sort_keys=True)
        return (text + "\n").encode("utf-8")

    def write(self, directory: Path, truth_path: Path | None = None) -> None:
        """Write every file under ``directory`` and the truth to ``truth_path``.

        ``truth_path`` defaults to ``directory / "truth.json"``; pass a path
        outside ``directory`` to ingest the directory without the truth file
        (which no reader accepts, so it would be quarantined).
        """
        directory.mkdir(parents=True, exist_ok=True)
        for rel, data in self.files:
            target = directory / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        truth_target = truth_path if truth_path is not None else directory / "truth.json"
        truth_target.parent.mkdir(parents=True, exist_ok=True)
        truth_target.write_bytes(self.truth_json())


def _jsonl_line(record: dict[str, Any]) -> str:
    ordered = {k: record[k] for k in RECORD_FIELDS if record.get(k) not in (None, "")}
    ordered.setdefault("suspect_identifiers", [])
    return json.dumps(ordered, ensure_ascii=False)


def _csv_rows(records: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(RECORD_FIELDS)
    for rec in records:
        row = []
        for key in RECORD_FIELDS:
            value = rec.get(key)
            if key == "suspect_identifiers":
                value = ";".join(value or ())
            row.append("" if value is None else str(value))
        writer.writerow(row)
    return buf.getvalue()


def _planted_json(planted: list[Planted]) -> list[dict[str, str]]:
    out = []
    for p in planted:
        entry = {"kind": p.kind, "value": p.value}
        if p.where != "text":
            entry["where"] = p.where
        out.append(entry)
    return out


class _Builder:
    """Collects reports, chats and files while the corpus is drawn."""

    def __init__(self, seed: int, scale: int) -> None:
        self.seed = seed
        self.scale = scale
        self.files: dict[str, bytes] = {}
        self.reports: dict[str, list[PlannedReport]] = {}
        self.truth_reports: dict[str, str | None] = {}
        self.scam_types: dict[str, str] = {}
        self.languages: dict[str, str] = {}
        self.indicators: dict[str, list[dict[str, str]]] = {}
        self.chats: dict[str, str | None] = {}
        self.chat_ids: dict[str, str] = {}
        self.stages: dict[str, list[str | None]] = {}
        self.formats: dict[str, dict[str, str]] = {}
        self.quarantine: list[dict[str, Any]] = []

    def rng(self, purpose: str) -> random.Random:
        # One stream per purpose, so enriching one part never reshuffles another.
        return random.Random(f"scamnet-demo:{self.seed}:{self.scale}:{purpose}")

    def add_report(self, file: str, planned: PlannedReport) -> None:
        self.reports.setdefault(file, []).append(planned)

    def note(self, key: str, network: str | None, scam_type: str, language: str,
             planted: list[Planted]) -> None:
        self.scam_types[key] = scam_type
        self.languages[key] = language
        self.indicators[key] = _planted_json(planted)


def _networks(b: _Builder) -> list[Network]:
    nets: list[Network] = []
    for copy in range(1, b.scale + 1):
        for arch in ARCHETYPES:
            index = len(nets) + 1
            nets.append(build_network(arch, index, copy, b.rng(f"network:{index}")))
    return nets


def _network_reports(b: _Builder, nets: list[Network], decoys: dict[str, Any]) -> None:
    rng = b.rng("reports")
    by_name = {n.id: n for n in nets}
    short, short_nets = decoys["shortener"]["url"], decoys["shortener"]["networks"]
    recycled = decoys["recycled_phone"]
    victim = decoys["victim_two_networks"]
    for net in nets:
        arch = net.archetype
        count = rng.randint(24, 34)
        specials: list[ReportOptions] = []
        if net.id in short_nets:
            specials += [ReportOptions(shortener=short)] * 2
        if net.id == recycled["networks"][0]:
            specials += [ReportOptions(phone=recycled["phone"])] * 2
        if arch.scam_type == "task":
            specials += [ReportOptions(recruitment=True, phone=net.phones[0])] * 3
        for i in range(count):
            opts = specials[i] if i < len(specials) else ReportOptions()
            file = "reports/victims.jsonl" if rng.random() < 0.7 else "reports/helpline.csv"
            if file.endswith(".csv"):
                opts = ReportOptions(opts.shortener, opts.email, opts.phone, opts.recruitment,
                                     opts.min_chars, defang=0.3)
            language = None
            if opts.recruitment:
                language = rng.choice(tuple(c for c in arch.languages if c in ("en", "vi", "id")))
            when = random_when(rng, *arch.active)
            planned = network_report(rng, net, "", when, opts, language)
            if planned.record["language"] == "zh" and rng.random() < 0.4:
                file = "reports/hotline-zh-gb18030.csv"
            elif (planned.record["language"] == "th" and rng.random() < 0.4
                  and _encodable(planned.record, "cp874")):
                # Thai helplines still export from Excel in Windows-874.
                file = "reports/helpline-th-cp874.csv"
            b.add_report(file, planned)
    # The recycled number: the later network uses it two years on, in 2026.
    later = by_name[recycled["networks"][1]]
    for _ in range(2):
        when = random_when(rng, "2026-01-10", "2026-11-10")
        b.add_report("reports/victims.jsonl", network_report(
            rng, later, "", when, ReportOptions(phone=recycled["phone"])))
    # One victim, two networks: same reporter e-mail in both reports.
    for net_id in victim["networks"]:
        net = by_name[net_id]
        when = random_when(rng, *net.archetype.active)
        b.add_report("reports/victims.jsonl", network_report(
            rng, net, "", when, ReportOptions(email=victim["email"]), language="en",
            country=victim["country"]))


def _encodable(record: dict[str, Any], encoding: str) -> bool:
    text = "".join(str(v) for v in record.values() if not isinstance(v, list))
    text += "".join(record.get("suspect_identifiers") or ())
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _other_reports(b: _Builder) -> None:
    rng = b.rng("other-reports")
    for serial in range(10 * b.scale):
        when = random_when(rng, *_WHOLE_PERIOD)
        b.add_report("reports/victims.jsonl", other_scam_report(rng, "", when, serial))
    for _ in range(6 * b.scale):
        when = random_when(rng, *_WHOLE_PERIOD)
        file = "reports/victims.jsonl" if rng.random() < 0.6 else "reports/helpline.csv"
        b.add_report(file, no_indicator_report(rng, "", when))
    for _ in range(8 * b.scale):
        when = random_when(rng, *_WHOLE_PERIOD)
        file = "reports/victims.jsonl" if rng.random() < 0.6 else "reports/helpline.csv"
        b.add_report(file, not_scam_report(rng, "", when))


_ID_PREFIX = {
    "reports/victims.jsonl": "VR",
    "reports/helpline.csv": "HL",
    "reports/hotline-zh-gb18030.csv": "CNHL",
    "reports/helpline-th-cp874.csv": "THHL",
}


def _assign_ids(b: _Builder) -> None:
    for file, planned in b.reports.items():
        planned.sort(key=lambda p: str(p.record["reported_at"]))
        for n, p in enumerate(planned, start=1):
            year = str(p.record["reported_at"])[:4]
            p.record["id"] = f"{_ID_PREFIX[file]}-{year}-{n:05d}"


def _bad_files(b: _Builder, nets: list[Network]) -> None:
    """Good and deliberately bad records side by side, so the demo shows quarantine."""
    rng = b.rng("bad")
    net = nets[0]
    good = [network_report(rng, net, f"BAD-OK-{i}", random_when(rng, *net.archetype.active))
            for i in range(3)]
    missing = network_report(rng, net, "BAD-NODATE-1", random_when(rng, *net.archetype.active))
    del missing.record["reported_at"]
    broken = _jsonl_line(good[1].record)
    broken = broken[: len(broken) * 2 // 3]  # a line cut off mid-record, as a crashed export leaves
    lines = [_jsonl_line(good[0].record), broken, _jsonl_line(missing.record),
             _jsonl_line(good[2].record)]
    path = "bad/reports-broken.jsonl"
    b.files[path] = ("\n".join(lines) + "\n").encode("utf-8")
    b.formats[path] = {"format": "victim-report-jsonl", "encoding": "utf-8"}
    b.quarantine.append({"path": path, "line": 2, "reason": "invalid JSON (line truncated)",
                         "field": None, "record_id": None})
    b.quarantine.append({"path": path, "line": 3, "reason": "missing required field reported_at",
                         "field": "reported_at", "record_id": "BAD-NODATE-1"})
    for p in (good[0], good[2]):
        _note_report(b, p)

    net = nets[3]
    rows = [network_report(rng, net, f"BAD-CSV-{i}", random_when(rng, *net.archetype.active))
            for i in range(3)]
    rows[1].record["amount_lost"] = "-" + str(rows[1].record["amount_lost"]).lstrip("-")
    path = "bad/helpline-negative-amount.csv"
    b.files[path] = _csv_rows([r.record for r in rows]).encode("utf-8")
    b.formats[path] = {"format": "victim-report-csv", "encoding": "utf-8"}
    b.quarantine.append({"path": path, "line": 3, "reason": "negative amount_lost",
                         "field": "amount_lost", "record_id": "BAD-CSV-1"})
    for p in (rows[0], rows[2]):
        _note_report(b, p)


def _note_report(b: _Builder, p: PlannedReport) -> None:
    b.truth_reports[p.id] = p.network
    b.note(p.id, p.network, p.scam_type, str(p.record["language"]), p.planted)


def _encode_reports(b: _Builder) -> None:
    for file, planned in b.reports.items():
        records = [p.record for p in planned]
        if file.endswith(".jsonl"):
            data = ("\n".join(_jsonl_line(r) for r in records) + "\n").encode("utf-8")
            b.formats[file] = {"format": "victim-report-jsonl", "encoding": "utf-8"}
        elif "gb18030" in file or "cp874" in file:
            encoding = "gb18030" if "gb18030" in file else "cp874"
            data = _csv_rows(records).encode(encoding)
            b.formats[file] = {"format": "victim-report-csv", "encoding": encoding}
        else:
            data = _csv_rows(records).encode("utf-8")
            b.formats[file] = {"format": "victim-report-csv", "encoding": "utf-8"}
        b.files[file] = data
        for p in planned:
            _note_report(b, p)


def _chats(b: _Builder, nets: list[Network]) -> None:
    rng = b.rng("chats")
    convs: list[Conversation] = []
    for net in nets:
        for _ in range(rng.randint(3, 5)):
            start, end = net.archetype.active
            # A chat runs for weeks; start it early enough to end inside the active period.
            last_start = (datetime.fromisoformat(end) - timedelta(days=45)).date().isoformat()
            convs.append(network_chat(rng, net, random_when(rng, start, last_start)))
    for _ in range(b.scale):
        for language in ("zh", "es", "th"):
            convs.append(family_chat(rng, language, random_when(rng, *_WHOLE_PERIOD)))
        convs.append(delivery_chat(rng, random_when(rng, *_WHOLE_PERIOD)))
    rng.shuffle(convs)
    # Every export style at least once, then at random; the first WhatsApp
    # Android export is written as UTF-16 LE with a BOM, as some phones do.
    styles = ["android24", "ios24", "telegram", "android12", "ios12"]
    utf16_done = False
    for k, conv in enumerate(convs, start=1):
        style = styles[k - 1] if k <= len(styles) else rng.choice(styles + ["telegram"])
        if style == "telegram":
            path = f"chats/telegram/chat-{k:02d}/result.json"
            users = (rng.randint(10**8, 10**10), rng.randint(10**8, 10**10))
            text, labels = telegram_json(conv, rng.randint(10**8, 10**10), users)
            data = text.encode("utf-8")
            b.formats[path] = {"format": "telegram-json", "encoding": "utf-8"}
        else:
            path = f"chats/whatsapp/chat-{k:02d}.txt"
            text, labels = whatsapp_txt(conv, style)
            if style == "android24" and not utf16_done:
                utf16_done = True
                data = b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")
                encoding = "utf-16-le-bom"
            else:
                data = text.encode("utf-8")
                encoding = "utf-8"
            b.formats[path] = {"format": f"whatsapp-{style}", "encoding": encoding}
        b.files[path] = data
        b.chats[path] = conv.network
        b.chat_ids[path] = hashlib.sha256(data).hexdigest()[:16]
        b.stages[path] = labels
        b.note(path, conv.network, conv.scam_type, conv.language, conv.planted)


def _mail(b: _Builder, nets: list[Network]) -> None:
    rng = b.rng("mail")
    tz = timezone(timedelta(hours=8))
    net = nets[0]
    when = random_when(rng, *net.archetype.active).replace(tzinfo=tz)
    data, planted = withdrawal_tax_eml(rng, net, net.wallets[0], when, "Karen Miller")
    path = "mail/withdrawal-tax-notice.eml"
    net3 = nets[2]
    when3 = random_when(rng, *net3.archetype.active).replace(tzinfo=tz)
    data3, planted3 = account_frozen_eml(rng, net3, net3.wallets[0], when3, "王先生")
    path3 = "mail/account-frozen-notice.eml"
    for p, d, n, lang, pl in ((path, data, net, "en", planted),
                              (path3, data3, net3, "zh", planted3)):
        b.files[p] = d
        b.formats[p] = {"format": "eml", "encoding": "ascii (MIME)"}
        b.chats[p] = n.id
        b.chat_ids[p] = hashlib.sha256(d).hexdigest()[:16]
        b.note(p, n.id, "investment", lang, pl)


def _decoys(b: _Builder, nets: list[Network]) -> dict[str, Any]:
    rng = b.rng("decoys")
    alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(rng.choice(alphabet) for _ in range(7))
    first, later = nets[1], nets[4]
    phone = first.phones[-1]
    n = rng.randint(100, 999)
    return {
        "exchange_domains": list(_EXCHANGES),
        "shortener": {"url": f"https://bit.ly/{code}", "networks": [nets[0].id, nets[3].id]},
        "recycled_phone": {
            "phone": phone,
            "networks": [first.id, later.id],
            "first_used": first.archetype.active[0][:7],
            "reused_from": "2026-01",
            "note": "a SIM the first network dropped, reissued to the second network two years "
                    "later; it must not merge the two networks",
        },
        "victim_two_networks": {
            "email": f"maria.santos{n}@example.net",
            "country": "AU",
            "networks": [nets[0].id, nets[3].id],
            "note": "one victim reported two networks; her own e-mail is in both reports and "
                    "must not merge them",
        },
    }


def generate(seed: int = 7, scale: int = 1) -> DemoCorpus:
    """Draw the demo corpus for ``seed``; ``scale`` multiplies networks, reports and chats.

    The same (seed, scale) gives byte-identical files and truth. Scale 1 is
    six networks, about 200 reports, about 30 chats, two e-mails and a few
    deliberately bad records; see docs/demo.md for the layout and truth format.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    b = _Builder(seed, scale)
    nets = _networks(b)
    decoys = _decoys(b, nets)
    _network_reports(b, nets, decoys)
    _other_reports(b)
    _assign_ids(b)
    # Which report ids the decoys ended up in, now that ids exist.
    planted_in: dict[str, list[str]] = {}
    for planned in b.reports.values():
        for p in planned:
            for ind in p.planted:
                planted_in.setdefault(f"{ind.kind}:{ind.value}", []).append(p.id)
    decoys["shortener"]["reports"] = planted_in.get(f"url:{decoys['shortener']['url']}", [])
    decoys["recycled_phone"]["reports"] = planted_in.get(
        f"phone:{decoys['recycled_phone']['phone']}", [])
    decoys["victim_two_networks"]["reports"] = planted_in.get(
        f"email:{decoys['victim_two_networks']['email']}", [])
    no_ind = [p for ps in b.reports.values() for p in ps if not p.planted]
    decoys["no_indicator_reports"] = sorted(p.id for p in no_ind)
    decoys["not_scam"] = sorted(p.id for ps in b.reports.values() for p in ps
                                if p.scam_type == "not_scam")
    _encode_reports(b)
    _bad_files(b, nets)
    _chats(b, nets)
    _mail(b, nets)

    networks = [_network_truth(n) for n in nets]
    reused = decoys["recycled_phone"]
    for entry in networks:
        if entry["id"] == reused["networks"][1]:
            entry["phones"].append(reused["phone"])
    files = sorted(b.files.items())
    truth: dict[str, Any] = {
        "version": TRUTH_VERSION,
        "seed": seed,
        "scale": scale,
        "stage_labels": list(STAGES),
        "networks": networks,
        "reports": b.truth_reports,
        "chats": b.chats,
        "chat_ids": b.chat_ids,
        "stages": b.stages,
        "scam_types": b.scam_types,
        "languages": b.languages,
        "indicators": b.indicators,
        "quarantine": b.quarantine,
        "decoys": decoys,
        "files": b.formats,
        "counts": {
            "reports": len(b.truth_reports),
            "chats": sum(1 for p in b.chats if p.startswith("chats/")),
            "emails": sum(1 for p in b.chats if p.startswith("mail/")),
            "quarantined": len(b.quarantine),
            "files": len(files),
        },
    }
    return DemoCorpus(files, truth)


def _network_truth(net: Network) -> dict[str, Any]:
    scripts = []
    for code, (opener, pitch) in net.archetype.scripts.items():
        values = {"persona": "{persona}", "site": net.main_domain, "victim": "{victim}"}
        scripts.append({"language": code, "stage": "contact", "text": canonical(opener, values)})
        scripts.append({"language": code, "stage": "pitch", "text": canonical(pitch, values)})
    return {
        "id": net.id,
        "name": net.name,
        "scam_type": net.archetype.scam_type,
        "languages": list(net.archetype.languages),
        "active": list(net.archetype.active),
        "wallets": [w.address for w in net.wallets],
        "sanctioned_wallets": [a for _, _, a in net.archetype.sanctioned_wallets
                               if any(w.address == a for w in net.wallets)],
        "wallet_chains": {w.address: w.chain for w in net.wallets},
        "phones": list(net.phones),
        "domains": list(net.domains),
        "handles": [h.key for h in net.handles],
        "scripts": scripts,
    }
