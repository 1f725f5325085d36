"""FollowTheMoney entities for stored reports and their indicators.

Each report becomes a ``Document`` (chat exports and e-mails too: FtM's
``Message`` is per message, and ScamNet's unit is the conversation). Wallets,
messaging accounts and IBANs become entities of their own, with ids derived
from the indicator so the same wallet seen in two reports is one entity; a
``Documentation`` entity (role "mentioned") links each to the Document. Kinds FtM has no schema for
(phones, e-mails, web sites, BICs) become properties of the Document, as the
indicator registry says.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from scamnet.model.indicators import get_kind
from scamnet.store.store import StoredObservation, StoredReport, indicator_id

__all__ = ["indicator_entity_id", "merged_entities", "report_entities", "report_entity_id"]

_SERVICES = {"telegram": "Telegram", "telegram_id": "Telegram", "whatsapp": "WhatsApp",
             "line": "LINE", "wechat": "WeChat", "zalo": "Zalo"}


def report_entity_id(report_id: str) -> str:
    return f"scamnet-report-{report_id}"


def indicator_entity_id(kind: str, value: str) -> str:
    # FtM drops references to ids with "_" in them, so telegram_id is written telegram-id.
    return f"scamnet-{kind.replace('_', '-')}-{indicator_id(kind, value, True)}"


def _indicator_entity(ob: StoredObservation) -> EntityProxy | None:
    kind = get_kind(ob.kind)
    if kind.ftm_schema == "Document":
        return None
    proxy: EntityProxy = model.make_entity(kind.ftm_schema)
    proxy.id = indicator_entity_id(ob.kind, ob.value)
    proxy.add(kind.ftm_property, ob.value)
    if kind.ftm_schema == "CryptoWallet":
        chain = ob.attrs.get("chain")
        if chain:
            proxy.add("blockchain", chain)
    elif kind.ftm_schema == "UserAccount":
        proxy.add("service", _SERVICES.get(ob.kind, ob.kind))
        if ob.value.startswith("+"):
            proxy.add("phone", ob.value, quiet=True)
    return proxy


def report_entities(stored: StoredReport) -> list[EntityProxy]:
    """The Document for one report and the entities of its valid indicators."""
    rep = stored.report
    doc: EntityProxy = model.make_entity("Document")
    doc.id = report_entity_id(rep.id)
    doc.add("title", rep.title or f"ScamNet report {rep.id}")
    body = rep.narrative or "\n".join(
        f"{m.sender or ''}: {m.text}" if m.sender else m.text for m in rep.messages)
    doc.add("bodyText", body)
    doc.add("contentHash", rep.evidence_sha256)
    doc.add("fileName", stored.evidence_path)
    if rep.reported_at is not None:
        doc.add("date", rep.reported_at.date().isoformat())
    if rep.language:
        doc.add("language", rep.language, quiet=True)
    if rep.reporter_country:
        doc.add("country", rep.reporter_country.lower(), quiet=True)
    out: list[EntityProxy] = [doc]
    seen: set[str] = set()
    for ob in stored.observations:
        if not ob.valid:
            continue
        entity = _indicator_entity(ob)
        if entity is None:
            kind = get_kind(ob.kind)
            value = ob.value if kind.ftm_property != "notes" else f"{ob.kind}: {ob.value}"
            doc.add(kind.ftm_property, value, quiet=True)
            continue
        if entity.id is not None and entity.id not in seen:
            seen.add(entity.id)
            out.append(entity)
            out.append(_documentation(doc, entity))
    return out


def _documentation(doc: EntityProxy, entity: EntityProxy) -> EntityProxy:
    """The FtM link saying that ``doc`` mentions ``entity``."""
    link: EntityProxy = model.make_entity("Documentation")
    link.id = f"{doc.id}-mentions-{entity.id}"
    link.add("document", doc.id)
    link.add("entity", entity.id)
    link.add("role", "mentioned")
    return link


def merged_entities(reports: Iterable[StoredReport]) -> Iterator[dict[str, Any]]:
    """FtM entity dicts for many reports; an indicator entity shared by several
    reports is emitted once, at first sight."""
    emitted: set[str] = set()
    for stored in reports:
        for entity in report_entities(stored):
            if entity.id in emitted:
                continue
            if entity.id is not None and entity.schema.name != "Document":
                emitted.add(entity.id)
            yield entity.to_dict()
