"""Load plain CSV watchlists and pick the loader for a list file.

A watchlist CSV has a header row; known columns (any order, case-insensitive):
``id, name, type, aliases, dob, country, wallet, chain, phone, domain, email,
iban, program, notes``. Multi-valued cells separate values with ``;``. A row
needs a name or at least one wallet/phone/domain/email/iban. ``type`` is
person, company, organization, vessel or aircraft (default: LegalEntity).
Rows whose values fail their checks are quarantined with line and field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from scamnet.errors import InputProblem, InvalidInputError
from scamnet.intake.decode import looks_binary
from scamnet.model.records import Quarantined, sha256_hex
from scamnet.screen.entities import Identifier, ListEntity, LoadResult, Wallet
from scamnet.screen.keys import chain_for, domain_key, iban_key, infer_chain, phone_key
from scamnet.screen.ofac import load_sdn_csv, load_sdn_xml
from scamnet.screen.ofac_advanced import load_sdn_advanced_xml
from scamnet.screen.remarks import country_code, parse_dates
from scamnet.textfiles import CsvFile, utf8_text

__all__ = ["FORMATS", "detect_format", "load_list", "load_watchlist_csv"]

_TYPES = {"person": "Person", "individual": "Person", "company": "Company",
          "organization": "Organization", "organisation": "Organization", "entity": "LegalEntity",
          "vessel": "Vessel", "aircraft": "Airplane", "airplane": "Airplane", "": "LegalEntity"}
_COLUMNS = {"id", "name", "type", "aliases", "dob", "country", "wallet", "chain", "phone",
            "domain", "email", "iban", "program", "notes"}


def _multi(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def load_watchlist_csv(data: bytes, path: str = "watchlist.csv", *,
                       prefix: str = "watch") -> LoadResult:
    """Load a plain CSV watchlist (see the module docstring)."""
    result = LoadResult(format="csv")
    sha = sha256_hex(data)
    text = utf8_text(data, path, what="watchlist")
    # Strict quoting, and short or overlong rows quarantined: a watchlist is
    # stored and screened against from then on, so a row is loaded only as
    # written (a screening batch, read once, is lenient: screen.screening).
    table = CsvFile(text, path, strict=True)
    header = table.header
    if "name" not in header and not {"wallet", "phone", "domain"} & set(header):
        raise InvalidInputError(
            f"{path}: a watchlist CSV needs a header with a name column (or wallet/phone/domain);"
            f" found {header}")
    for row in table:
        if isinstance(row, InputProblem):
            result.quarantined.append(Quarantined(path, row.reason, b"", sha, line=row.line))
            break
        line = row.line
        raw = ",".join(row.fields).encode()
        problems: list[tuple[str, str]] = []
        if len(row.fields) != len(header):
            result.quarantined.append(Quarantined(
                path, f"expected {len(header)} columns (truncated or overlong row)", raw, sha,
                line=line))
            continue
        cells = {k: v for k, v in row.cells.items() if k in _COLUMNS}
        kind = cells.get("type", "").lower()
        if kind not in _TYPES:
            problems.append(("type", f"unknown type {kind!r}"))
        wallets: list[Wallet] = []
        for w in _multi(cells.get("wallet")):
            chain = cells.get("chain") or infer_chain(w)
            if chain is None:
                problems.append(("wallet", f"cannot tell the chain of {w!r}; add a chain column"))
                continue
            chain = chain_for(chain.upper(), w) if chain.upper() == chain else chain
            norm = w.lower() if w.lower().startswith(("0x", "bc1")) else w
            wallets.append(Wallet(chain, norm, chain.upper()))
        props: dict[str, list[str]] = {}
        for col, prop, check in (("phone", "phone", phone_key), ("domain", "website", domain_key),
                                 ("email", "email", domain_key)):
            for v in _multi(cells.get(col)):
                try:
                    check(v)
                except InvalidInputError as exc:
                    problems.append((col, str(exc)))
                    continue
                props.setdefault(prop, []).append(v)
        idents: list[Identifier] = []
        for v in _multi(cells.get("iban")):
            try:
                idents.append(Identifier("IBAN", iban_key(v)))
            except InvalidInputError as exc:
                problems.append(("iban", str(exc)))
        for v in _multi(cells.get("dob")):
            dates = parse_dates(v)
            if not dates:
                problems.append(("dob", f"not a date {v!r}"))
            props.setdefault("birthDate", []).extend(dates)
        for v in _multi(cells.get("country")):
            props.setdefault("country", []).append(country_code(v) or v.lower())
        for col in ("program", "notes"):
            if cells.get(col):
                props[col] = [cells[col]]
        name = cells.get("name", "")
        if not name:
            fallback = [w.address for w in wallets] + props.get("phone", []) + \
                props.get("website", []) + props.get("email", []) + [i.value for i in idents]
            if not fallback:
                problems.append(("name", "row has no name and no wallet/phone/domain/email/iban"))
            name = fallback[0] if fallback else ""
        if problems:
            for fld, reason in problems:
                result.quarantined.append(Quarantined(path, reason, raw, sha, line=line,
                                                      field=fld, record_id=cells.get("id")))
            continue
        ident = cells.get("id") or hashlib.sha1(f"{name}|{line}".encode()).hexdigest()[:16]
        result.entities.append(ListEntity(
            id=f"{prefix}-{ident}", schema=_TYPES[kind], name=name,
            aliases=tuple(_multi(cells.get("aliases"))),
            properties={k: tuple(v) for k, v in props.items()},
            wallets=tuple(wallets), identifiers=tuple(idents), line=line))
    return result


Loader = Callable[[bytes, str], LoadResult]

#: Loader for each list format name.
def _load_ftm(data: bytes, path: str) -> LoadResult:
    # followthemoney takes most of a second to import; only FtM lists need it.
    from scamnet.screen.ftm import load_ftm_json

    return load_ftm_json(data, path)


FORMATS: dict[str, Loader] = {
    "ofac-csv": lambda data, path: load_sdn_csv(data, path),
    "ofac-xml": lambda data, path: load_sdn_xml(data, path),
    "ofac-advanced": lambda data, path: load_sdn_advanced_xml(data, path),
    "ftm": lambda data, path: _load_ftm(data, path),
    "csv": lambda data, path: load_watchlist_csv(data, path),
}


def detect_format(data: bytes, path: str) -> str:
    """Guess a list file's format from its first bytes (and name)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"<"):
        return "ofac-advanced" if b"<Sanctions" in head or b"DistinctPart" in head else "ofac-xml"
    if head.startswith(b"{"):
        return "ftm"
    first = head.split(b"\n", 1)[0]
    if first.split(b",", 1)[0].strip().isdigit() and b"-0-" in data[:65536]:
        return "ofac-csv"
    if path.lower().endswith((".json", ".jsonl", ".ndjson")):
        return "ftm"
    if path.lower().endswith(".xml"):
        return "ofac-xml"
    return "csv"


def load_list(data: bytes, path: str, format: str | None = None) -> LoadResult:
    """Load a list file in ``format`` (one of :data:`FORMATS`; default: detected)."""
    if not data.strip():
        raise InvalidInputError(f"{path}: the list file is empty")
    if looks_binary(data):
        # A picture or an archive given by mistake: OFAC CSV would read it as
        # Latin-1 junk, the CSV loader would blame its encoding.
        raise InvalidInputError(f"{path}: binary data, not a list file")
    fmt = format or detect_format(data, path)
    if fmt not in FORMATS:
        raise InvalidInputError(f"unknown list format {fmt!r}; known: {', '.join(sorted(FORMATS))}")
    return FORMATS[fmt](data, path)
