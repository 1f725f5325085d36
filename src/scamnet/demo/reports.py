"""Victim reports in the documented JSONL/CSV schema, written from the text banks.

A report is planned as a record (a dict in schema field order), the network it
belongs to (or None), its scam type and the indicators planted in it, so the
ground truth knows exactly what the text contains.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from scamnet.demo.languages import LEXICONS
from scamnet.demo.lexicon import Lexicon, render
from scamnet.demo.money import (
    COUNTRY_CURRENCY,
    draw_loss,
    fake_profit,
    format_amount,
    utc_offset,
)
from scamnet.demo.networks import ARCHETYPES, Network, build_network
from scamnet.demo.phones import random_mobile
from scamnet.demo.writing import Planted, write_phone_for, write_site, write_wallet

__all__ = [
    "RECORD_FIELDS",
    "PlannedReport",
    "ReportOptions",
    "iter_report_records",
    "network_report",
    "no_indicator_report",
    "not_scam_report",
    "other_scam_report",
    "random_when",
]

RECORD_FIELDS: tuple[str, ...] = (
    "id", "reported_at", "reporter_country", "language", "platform", "narrative", "amount_lost",
    "currency", "suspect_identifiers", "suspect_wallet", "suspect_phone", "suspect_url",
    "suspect_email", "suspect_handle",
)

_EXCHANGE_RE = re.compile(r"binance\.com|okx\.com|coinbase\.com")
_SPACES = re.compile(r" {2,}")


@dataclass
class PlannedReport:
    """A report before encoding: the record plus what truth needs to know about it."""

    record: dict[str, Any]
    network: str | None
    scam_type: str
    planted: list[Planted] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.record["id"])


@dataclass(frozen=True)
class ReportOptions:
    """Decoys and constraints to weave into one network report."""

    shortener: str | None = None
    email: str | None = None
    phone: str | None = None
    recruitment: bool = False
    min_chars: int = 0
    defang: float = 0.0


def _join(lex: Lexicon, parts: list[str]) -> str:
    if lex.joiner:
        return lex.joiner.join(parts)
    # Chinese runs sentences together; end each with 。 so an identifier at the
    # end of one is not glued to the next sentence.
    out = [p if p[-1] in "。！？.!?" else p + "。" for p in parts]
    text = _SPACES.sub(" ", "".join(out))
    for mark in "。，：；！？、":
        text = text.replace(" " + mark, mark).replace(mark + " ", mark)
    return text


def _values(lex: Lexicon, base: Mapping[str, str]) -> dict[str, str]:
    if lex.joiner:
        return dict(base)
    # Chinese writers usually set Latin text apart with spaces; without them a
    # bare domain would run into the following characters.
    keys = ("site", "wallet", "phone", "handle", "short", "email")
    return {k: (f" {v} " if k in keys else v) for k, v in base.items()}


def _when(rng: random.Random, start: str, end: str) -> datetime:
    lo = datetime.fromisoformat(start)
    hi = datetime.fromisoformat(end)
    seconds = int((hi - lo).total_seconds())
    return lo + timedelta(seconds=rng.randrange(seconds)) + timedelta(hours=8)


def _timestamp(rng: random.Random, when: datetime, country: str) -> str:
    stamp = when.replace(microsecond=0).isoformat(timespec="seconds")
    return stamp + utc_offset(country)


def _amount_field(rng: random.Random, amount: Decimal) -> str | int | float:
    # The schema allows a decimal string or a JSON number; both appear in real exports.
    r = rng.random()
    if r < 0.6:
        return f"{amount:.2f}" if amount != amount.to_integral_value() else str(int(amount))
    if amount == amount.to_integral_value():
        return int(amount)
    return f"{amount:.2f}"


def _base_record(rid: str, when_text: str, country: str, lex: Lexicon, platform: str,
                 narrative: str, amount: str | int | float | None,
                 currency: str | None) -> dict[str, Any]:
    return {
        "id": rid,
        "reported_at": when_text,
        "reporter_country": country,
        "language": lex.code,
        "platform": platform,
        "narrative": narrative,
        "amount_lost": amount,
        "currency": currency,
        "suspect_identifiers": [],
    }


def network_report(rng: random.Random, net: Network, rid: str, when: datetime,
                   options: ReportOptions | None = None, language: str | None = None,
                   country: str | None = None) -> PlannedReport:
    """One victim's report of ``net``, planting some of its infrastructure."""
    opts = options or ReportOptions()
    arch = net.archetype
    lex = LEXICONS[language or rng.choice(arch.languages)]
    country = country or rng.choice(lex.countries)
    currency = "USDT" if rng.random() < 0.2 else COUNTRY_CURRENCY[country]
    amount = draw_loss(rng, currency)
    planted: list[Planted] = []
    written: dict[str, str] = {}

    # Every report carries at least one of the network's core items (main site,
    # main wallet, first phone, first handle), which many victims see; extras
    # come from the whole pool. That is how real reports of one operation overlap.
    core = rng.choices(("site", "wallet", "phone", "handle"),
                       weights=(45, 30, 0 if opts.phone else 15, 10))[0]
    use_site = core == "site" or rng.random() < 0.5
    use_wallet = core == "wallet" or rng.random() < 0.45
    use_phone = core == "phone" or opts.phone is not None or rng.random() < 0.35
    use_handle = core == "handle" or rng.random() < 0.3
    if use_site:
        domain = net.domains[0] if core == "site" or rng.random() < 0.7 else \
            rng.choice(net.domains[1:])
        written["site"] = write_site(rng, domain, opts.defang)
        planted.append(Planted("domain", domain))
    if use_wallet:
        wallet = net.wallets[0] if core == "wallet" else rng.choice(net.wallets)
        written["wallet"] = write_wallet(rng, wallet)
        planted.append(Planted("wallet", wallet.address))
    if use_phone:
        phone = opts.phone or (net.phones[0] if core == "phone" else rng.choice(net.phones))
        written["phone"] = write_phone_for(rng, phone, country, lex.code)
        planted.append(Planted("phone", phone))
    if use_handle:
        handle = net.handles[0] if core == "handle" else rng.choice(net.handles)
        written["handle"] = handle.written(rng)
        planted.append(Planted(handle.kind, handle.value))

    persona = rng.choice(lex.persona_names)
    values = _values(lex, {
        "persona": persona,
        "victim": rng.choice(lex.victim_names),
        "app": rng.choice(arch.platforms),
        "amount": format_amount(amount, lex.code),
        "currency": currency,
        "profit": format_amount(fake_profit(rng, amount, currency), lex.code),
        "tax": str(rng.choice((10, 15, 20, 25, 30))),
        "short": opts.shortener or "",
        "email": opts.email or "",
        **written,
    })

    parts: list[str] = []
    used: set[str] = set()

    def add(template: str) -> None:
        parts.append(render(template, rng, values))
        used.update(k for k in ("site", "wallet", "phone", "handle") if "{" + k + "}" in template)

    scam_type = arch.scam_type
    if opts.recruitment and lex.recruitment:
        scam_type = "recruitment"
        values.setdefault("phone", "")
        values.setdefault("handle", "")
        usable = [t for t in lex.recruitment if all(
            ("{" + k + "}" not in t) or k in written for k in ("phone", "handle"))]
        add(rng.choice(usable or lex.recruitment))
    elif arch.scam_type == "task" and lex.task:
        for stage in ("contact", "pitch", "deposit", "withdrawal_blocked"):
            templates = [t for t in lex.task.get(stage, ()) if _fits(t, written)]
            if templates:
                add(rng.choice(templates))
    else:
        add(rng.choice(lex.narrative["contact"]))
        if lex.code in arch.scripts and rng.random() < 0.35:
            parts[-1] += " “" + render(arch.scripts[lex.code][0], rng, values).strip() + "”"
        if rng.random() < 0.6:
            add(rng.choice(lex.narrative["rapport"]))
        if "site" in written:
            add(rng.choice(lex.narrative["pitch"]))
            if lex.code in arch.scripts and rng.random() < 0.3:
                parts[-1] += " “" + render(arch.scripts[lex.code][1], rng, values).strip() + "”"
        if "wallet" in written:
            add(rng.choice(lex.narrative["deposit"]))
        if rng.random() < 0.25:
            add(rng.choice(lex.exchange_mention))
        if rng.random() < 0.6:
            add(rng.choice(lex.narrative["profit"]))
        if rng.random() < 0.85:
            add(rng.choice(lex.narrative["withdrawal_blocked"]))
        if rng.random() < 0.5:
            add(rng.choice(lex.narrative["pressure"]))
    if opts.shortener:
        add(rng.choice(lex.shortener_mention))
        planted.append(Planted("url", opts.shortener))
    for key in ("phone", "handle", "site", "wallet"):
        if key in written and key not in used:
            add(rng.choice(lex.identifier[key]))
    if opts.email:
        add(rng.choice(lex.contact_email))
        planted.append(Planted("email", opts.email))
    # Benchmarks ask for ~1 KB narratives: pad with more of the story, counting
    # bytes as we go rather than re-joining the text each time.
    size = sum(len(p.encode("utf-8")) + 1 for p in parts)
    while size < opts.min_chars:
        stage = rng.choice(("rapport", "profit", "withdrawal_blocked", "pressure"))
        extra = render(rng.choice(lex.narrative[stage]), rng, values)
        parts.insert(-1, extra)
        size += len(extra.encode("utf-8")) + 1
    narrative = _join(lex, parts)
    for domain in _EXCHANGE_RE.findall(narrative):
        planted.append(Planted("domain", domain))

    record = _base_record(rid, _timestamp(rng, when, country), country, lex,
                          values["app"], narrative, _amount_field(rng, amount), currency)
    listed = [w for k, w in written.items() if rng.random() < 0.5]
    record["suspect_identifiers"] = listed
    field_of = {"wallet": "suspect_wallet", "phone": "suspect_phone", "site": "suspect_url",
                "handle": "suspect_handle"}
    for key, value in written.items():
        if rng.random() < 0.3:
            record[field_of[key]] = value
    return PlannedReport(record, net.id, scam_type, _dedupe(planted))


def _fits(template: str, written: Mapping[str, str]) -> bool:
    return all(("{" + k + "}" not in template) or k in written
               for k in ("site", "wallet", "phone", "handle"))


def _dedupe(planted: list[Planted]) -> list[Planted]:
    seen: dict[Planted, None] = {}
    for p in planted:
        seen.setdefault(p, None)
    return list(seen)


def no_indicator_report(rng: random.Random, rid: str, when: datetime) -> PlannedReport:
    """A scam report with nothing to link on: the victim kept no identifiers."""
    lex = LEXICONS[rng.choice(tuple(LEXICONS))]
    country = rng.choice(lex.countries)
    currency = COUNTRY_CURRENCY[country]
    amount = draw_loss(rng, currency)
    record = _base_record(rid, _timestamp(rng, when, country), country, lex,
                          rng.choice(("Facebook", "WhatsApp", "Instagram", "")),
                          rng.choice(lex.no_indicator), _amount_field(rng, amount), currency)
    return PlannedReport(record, None, "investment")


def not_scam_report(rng: random.Random, rid: str, when: datetime) -> PlannedReport:
    """A report that turned out not to be a scam (a negative for the classifier)."""
    lex = LEXICONS[rng.choice(tuple(LEXICONS))]
    country = rng.choice(lex.countries)
    record = _base_record(rid, _timestamp(rng, when, country), country, lex,
                          rng.choice(("SMS", "Phone call", "Facebook Marketplace")),
                          rng.choice(lex.not_scam_reports), "0", COUNTRY_CURRENCY[country])
    return PlannedReport(record, None, "not_scam")


def other_scam_report(rng: random.Random, rid: str, when: datetime, serial: int) -> PlannedReport:
    """A scam outside every network (impersonation, advance fee, phishing), own indicators."""
    choices = [(code, kind, t) for code, lex in LEXICONS.items()
               for kind, texts in lex.other_scams.items() for t in texts]
    code, kind, template = rng.choice(choices)
    lex = LEXICONS[code]
    country = rng.choice(lex.countries)
    currency = COUNTRY_CURRENCY[country]
    amount = draw_loss(rng, currency)
    phone_region = country if country not in ("AR", "CO") else "MX"
    phone = random_mobile(rng, phone_region)
    domain = f"{rng.choice(('acc-verify', 'secure-login', 'parcel-track', 'id-check'))}" \
             f"{serial:03d}{rng.randint(10, 99)}.{rng.choice(('top', 'xyz', 'cc', 'icu'))}"
    email = f"claims.desk{serial:03d}@{domain}"
    planted = []
    written = {
        "phone": write_phone_for(rng, phone, country, code),
        "site": write_site(rng, domain),
        "email": email,
    }
    if "{phone}" in template:
        planted.append(Planted("phone", phone))
    if "{site}" in template:
        planted.append(Planted("domain", domain))
    if "{email}" in template:
        planted.append(Planted("email", email))
    values = _values(lex, {"amount": format_amount(amount, code), "currency": currency,
                           **written})
    narrative = _join(lex, [render(template, rng, values)])
    record = _base_record(rid, _timestamp(rng, when, country), country, lex,
                          rng.choice(("Phone call", "SMS", "E-mail")), narrative,
                          _amount_field(rng, amount), currency)
    return PlannedReport(record, None, kind, planted)


def random_when(rng: random.Random, start: str, end: str) -> datetime:
    """A local time between two ISO dates (used for report and chat times)."""
    return _when(rng, start, end)


def iter_report_records(n: int, seed: int) -> Iterator[dict[str, Any]]:
    """``n`` victim-report dicts in the JSONL schema, ~1 KB narratives, deterministic.

    For benchmarks: every 40 reports come from a freshly drawn network, so the
    number of networks grows with ``n`` the way a real intake's would. Ids are
    ``BR<seed>-<n>``. Generation is pure; nothing is written.
    """
    rng = random.Random(f"scamnet-demo-bench:{seed}")
    net: Network | None = None
    for i in range(n):
        if i % 40 == 0:
            arch = ARCHETYPES[(i // 40) % len(ARCHETYPES)]
            net = build_network(arch, i // 40 + 1, i // 40 // len(ARCHETYPES) + 1, rng)
        assert net is not None
        when = _when(rng, net.archetype.active[0], net.archetype.active[1])
        if i % 97 == 13:
            planned = no_indicator_report(rng, f"BR{seed}-{i}", when)
        else:
            planned = network_report(rng, net, f"BR{seed}-{i}", when,
                                     ReportOptions(min_chars=900))
        yield planned.record

