"""Load FollowTheMoney / OpenSanctions entity JSON lines.

Each line is one FtM entity (``{"id", "schema", "properties"}``), as in
OpenSanctions' ``entities.ftm.json`` exports. People, organisations,
companies, vessels and aircraft become list entities; ``CryptoWallet``
entities attach to their ``holder``. Other schemata (Sanction, Address,
Ownership …) are not screenable by themselves and are counted in
``LoadResult.skipped``. A line that is not JSON, not an object, or names an
unknown schema is quarantined with its line number.
"""

from __future__ import annotations

import json
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from scamnet.model.records import Quarantined, sha256_hex
from scamnet.screen.entities import FTM_SCHEMAS, Identifier, ListEntity, LoadResult, Wallet
from scamnet.screen.keys import chain_for

__all__ = ["load_ftm_json"]

_ID_PROPS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber", "innCode",
             "ogrnCode", "leiCode", "swiftBic", "imoNumber", "mmsi", "vatCode")


def load_ftm_json(data: bytes, path: str = "entities.ftm.json") -> LoadResult:
    """Load FtM entities, one JSON object per line (see the module docstring)."""
    result = LoadResult(format="ftm")
    sha = sha256_hex(data)
    wallets: list[tuple[str, Wallet]] = []
    drafts: dict[str, dict[str, Any]] = {}
    for n, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue

        def bad(reason: str, record: str | None = None, line: int = n,
                raw: bytes = raw) -> None:
            result.quarantined.append(Quarantined(path, reason, raw, sha, line=line,
                                                  record_id=record))

        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            bad(f"not JSON: {exc}")
            continue
        if not isinstance(obj, dict) or "schema" not in obj or not obj.get("id"):
            bad("not an FtM entity (needs id and schema)")
            continue
        try:
            proxy = model.get_proxy(obj, cleaned=False)
        except (InvalidData, TypeError, ValueError) as exc:
            bad(f"invalid FtM entity: {exc}", str(obj.get("id")))
            continue
        schema = proxy.schema.name
        if schema == "CryptoWallet":
            addr = proxy.first("publicKey") or proxy.first("cryptoAddress")
            holder = proxy.first("holder")
            if addr and holder:
                tag = (proxy.first("currencySymbol") or proxy.first("currency") or "").upper()
                chain = chain_for(tag, addr) if tag else (proxy.first("blockchain") or "")
                chain = chain or chain_for("", addr)
                norm = addr.lower() if addr.lower().startswith(("0x", "bc1")) else addr
                wallets.append((str(holder), Wallet(chain, norm, tag or chain.upper())))
            else:
                result.skipped += 1
            continue
        if schema not in FTM_SCHEMAS:
            result.skipped += 1
            continue
        names = proxy.get("name")
        if not names:
            bad("entity has no name", proxy.id)
            continue
        props: dict[str, list[str]] = {}
        for prop in ("birthDate", "birthPlace", "nationality", "citizenship", "country",
                     "gender", "website", "email", "phone", "program", "topics", "weakAlias",
                     "previousName", "position", "jurisdiction", "incorporationDate"):
            try:
                vals = proxy.get(prop)
            except InvalidData:
                continue
            if vals:
                props[prop] = list(vals)
        idents: list[Identifier] = []
        for prop in _ID_PROPS:
            try:
                vals = proxy.get(prop)
            except InvalidData:
                continue
            idents.extend(Identifier(prop, v, None, prop) for v in vals)
        aliases = [a for a in (*names[1:], *proxy.get("alias"), *props.get("previousName", []))]
        drafts[str(proxy.id)] = {
            "id": str(proxy.id), "schema": schema, "name": names[0],
            "aliases": tuple(dict.fromkeys(aliases)), "properties": props,
            "identifiers": tuple(idents), "line": n,
        }
    held: dict[str, list[Wallet]] = {}
    for holder, wallet in wallets:
        if holder in drafts:
            held.setdefault(holder, []).append(wallet)
        else:
            result.skipped += 1
    for eid, d in drafts.items():
        result.entities.append(ListEntity(wallets=tuple(held.get(eid, ())), **d))
    return result
