"""Parse the free-text remarks OFAC packs into its SDN rows.

OFAC writes every extra attribute of an entry into one ``Remarks`` field:
``DOB 16 Dec 1987; POB Fujian, China; nationality China; a.k.a. 'CHEN, Karen';
Digital Currency Address - XBT bc1q…; Linked To: PRINCE GROUP …``. Items are
separated by ``"; "``; ``alt.`` marks a second value of the same attribute.
:func:`parse_remarks` turns that into FtM properties, aliases, identifiers,
wallets and relations. Items it does not recognise are kept as ``notes``;
wallet values that fail their address checks are returned as problems so the
loader can quarantine them (OFAC truncates long remarks mid-address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import base58

from scamnet.screen.entities import Identifier, Wallet
from scamnet.screen.keys import CHAIN_FAMILIES, chain_for, infer_chain

__all__ = ["ParsedRemarks", "country_code", "parse_date", "parse_dates", "parse_remarks"]


@dataclass
class ParsedRemarks:
    """What one Remarks field holds, in FtM terms."""

    properties: dict[str, list[str]] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    wallets: list[Wallet] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, prop: str, value: str) -> None:
        values = self.properties.setdefault(prop, [])
        if value and value not in values:
            values.append(value)


_ALIAS = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*'(?P<name>.*)'\s*(?P<weak>\(weak\))?$",
                    re.IGNORECASE)
_WALLET = re.compile(r"^Digital Currency Address\s*-\s*(?P<tag>[A-Za-z0-9]+)\s+(?P<addr>\S+)$")
_LINKED = re.compile(r"^Linked To:\s*(?P<name>.+)$")

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def parse_date(text: str) -> str | None:
    """An OFAC date ("16 Dec 1987", "Dec 1987", "1987", "circa 1960") as an ISO
    partial date ("1987-12-16", "1987-12", "1960"); None when it is not one."""
    t = re.sub(r"^(circa|approximately|between)\s+", "", text.strip(), flags=re.IGNORECASE)
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})", t)
    if m and m.group(2).lower() in _MONTHS:
        try:
            d = datetime(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
        return d.date().isoformat()
    m = re.fullmatch(r"([A-Za-z]{3})[a-z]* (\d{4})", t)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"
    m = re.fullmatch(r"(\d{4})(?:\s*(?:to|-)\s*\d{4})?", t)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", t)
    if m:
        # The shape is not enough: "2020-13-45" must not pass as a birth date
        # (a query would then match on a date that cannot exist).
        try:
            datetime(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        except ValueError:
            return None
        return t
    return None


def parse_dates(text: str) -> list[str]:
    """Like :func:`parse_date`, but a range ("01 Jan 1961 to 31 Dec 1962") gives
    each year in it (at most 12; a wider range gives its two ends)."""
    if " to " not in text:
        one = parse_date(text)
        return [one] if one else []
    lo_text, hi_text = text.split(" to ", 1)
    lo, hi = parse_date(lo_text), parse_date(hi_text)
    if lo is None or hi is None:
        return []
    y0, y1 = int(lo[:4]), int(hi[:4])
    if y0 == y1:
        return [lo[:4]] if lo[:7] != hi[:7] else [lo[:7]]
    if 0 < y1 - y0 < 12:
        return [str(y) for y in range(y0, y1 + 1)]
    return [lo, hi]


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO code for a country name as OFAC writes it ("Virgin Islands, British" -> "vg")."""
    from followthemoney.types import registry

    code = registry.country.clean(name.strip())
    return str(code) if code else None


# Identifier labels OFAC uses, mapped to the FtM property they fill (None: kept
# as an identifier only). Longest labels first so "Business Registration
# Number" wins over "Registration Number".
_ID_LABELS: tuple[tuple[str, str | None], ...] = tuple(sorted((
    ("Passport", "passportNumber"),
    ("Diplomatic Passport", "passportNumber"),
    ("National ID No.", "idNumber"),
    ("Identification Number", "idNumber"),
    ("Cedula No.", "idNumber"),
    ("C.U.R.P.", "idNumber"),
    ("D.N.I.", "idNumber"),
    ("SSN", "idNumber"),
    ("Personal ID Card", "idNumber"),
    ("Residency Number", "idNumber"),
    ("Driver's License No.", "idNumber"),
    ("Electoral Registry No.", "idNumber"),
    ("Tax ID No.", "taxNumber"),
    ("R.F.C.", "taxNumber"),
    ("RFC", "taxNumber"),
    ("NIT #", "taxNumber"),
    ("RUC #", "taxNumber"),
    ("RIF #", "taxNumber"),
    ("V.A.T. Number", "vatCode"),
    ("Registration Number", "registrationNumber"),
    ("Business Registration Number", "registrationNumber"),
    ("Company Number", "registrationNumber"),
    ("Registration ID", "registrationNumber"),
    ("Commercial Registry Number", "registrationNumber"),
    ("Unified Social Credit Code (USCC)", "registrationNumber"),
    ("Legal Entity Number", "leiCode"),
    ("Government Gazette Number", None),
    ("Trade License No.", "registrationNumber"),
    ("License", None),
    ("Folio Mercantil No.", "registrationNumber"),
    ("Matricula Mercantil No", "registrationNumber"),
    ("D-U-N-S Number", "dunsCode"),
    ("SWIFT/BIC", "swiftBic"),
    ("Vessel Registration Identification IMO", "imoNumber"),
    ("Identification Number IMO", "imoNumber"),
    ("MMSI", "mmsi"),
    ("Aircraft Manufacturer's Serial Number (MSN)", "serialNumber"),
    ("Aircraft Tail Number", "registrationNumber"),
    ("Chinese Commercial Code", None),
    ("BIK (RU)", None),
    ("Kenyan ID No.", "idNumber"),
    ("Birth Certificate Number", "idNumber"),
    ("Citizen's Card Number", "idNumber"),
    ("Stateless Person ID Card", "idNumber"),
    ("Refugee ID Card", "idNumber"),
), key=lambda kv: -len(kv[0])))

# Simple "LABEL value" attributes: label -> (FtM property, kind of value).
_SIMPLE: tuple[tuple[str, str, str], ...] = (
    ("DOB", "birthDate", "date"),
    ("POB", "birthPlace", "text"),
    ("nationality", "nationality", "country"),
    ("citizen", "citizenship", "country"),
    ("Gender", "gender", "gender"),
    ("Website", "website", "text"),
    ("Email Address", "email", "text"),
    ("Phone", "phone", "text"),
    ("Telephone", "phone", "text"),
    ("Organization Established Date", "incorporationDate", "date"),
    ("Nationality of Registration", "jurisdiction", "country"),
)


def _valid_wallet(chain: str, address: str) -> bool:
    """Form and checksum checks that catch OFAC's mid-address truncation."""
    form = infer_chain(address)
    if CHAIN_FAMILIES.get(chain) == "evm":
        return form == "ethereum"
    if chain in ("bitcoin", "tron", "litecoin", "bitcoin-cash", "bitcoin-sv", "bitcoin-gold",
                 "dash", "zcash"):
        if address.lower().startswith(("bc1", "ltc1")):
            return form is not None
        if chain in ("bitcoin-cash",) and address[:1] not in "13":
            return 30 <= len(address) <= 60
        try:
            base58.b58decode_check(address)
        except ValueError:
            return False
        return True
    # Chains we do not check (Monero, Ripple …): accept a plausible length only.
    return 25 <= len(address) <= 110


def _identifier(item: str) -> Identifier | None:
    for label, prop in _ID_LABELS:
        if item.startswith(label + " ") or item.startswith(label + ":"):
            rest = item[len(label):].strip(" :")
            country = None
            m = re.match(r"^(?P<v>.*?)\s*\((?P<c>[^()]*)\)(?P<tail>.*)$", rest)
            if m:
                rest, country = m.group("v"), m.group("c").strip()
            else:
                rest = re.split(r"\s+(?:expires|issued)\s", rest)[0]
            rest = rest.strip()
            if rest:
                return Identifier(label, rest, country, prop)
    return None


def _split(remarks: str) -> list[str]:
    text = remarks.strip().rstrip(";").strip()
    if text.endswith("."):
        text = text[:-1]
    return [p.strip() for p in re.split(r";\s+", text) if p.strip()]


def parse_remarks(remarks: str) -> ParsedRemarks:
    """Parse one OFAC Remarks field (see the module docstring)."""
    out = ParsedRemarks()
    for raw_item in _split(remarks):
        item = re.sub(r"^alt\.\s+", "", raw_item)
        m = _ALIAS.match(item)
        if m:
            name = m.group("name").strip()
            if m.group("weak"):
                out.add("weakAlias", name)
            elif item.lower().startswith("f.k.a."):
                out.add("previousName", name)
                out.aliases.append(name)
            elif name and name not in out.aliases:
                out.aliases.append(name)
            continue
        m = _WALLET.match(item)
        if m:
            tag, addr = m.group("tag").upper(), m.group("addr").strip().rstrip(";.,")
            chain = chain_for(tag, addr)
            if _valid_wallet(chain, addr):
                norm = addr.lower() if (addr.lower().startswith(("0x", "bc1", "ltc1"))) else addr
                out.wallets.append(Wallet(chain, norm, tag))
            else:
                out.problems.append(
                    f"Digital Currency Address - {tag} {addr!r} is not a valid {chain} address "
                    "(truncated remarks?)")
            continue
        m = _LINKED.match(item)
        if m:
            out.relations.append(m.group("name").strip())
            continue
        ident = _identifier(item)
        if ident is not None:
            out.identifiers.append(ident)
            continue
        if _simple(out, item):
            continue
        out.add("notes", raw_item)
    return out


def _simple(out: ParsedRemarks, item: str) -> bool:
    for label, prop, kind in _SIMPLE:
        if not item.startswith(label + " "):
            continue
        value = item[len(label):].strip()
        if kind == "date":
            dates = parse_dates(value)
            if not dates:
                return False
            for iso in dates:
                out.add(prop, iso)
        elif kind == "country":
            code = country_code(value)
            out.add(prop, code or value)
        elif kind == "gender":
            out.add(prop, value.lower())
        else:
            out.add(prop, value)
        return True
    return False
