"""List snapshots in the store, their diffs, and building a screening index from them.

The store is passed in; these functions open no connection of their own.
The store's own reports are a watchlist too: every wallet, phone, domain and
IBAN observed in a stored report screens as a hit naming the report(s)
(:func:`reports_watchlist`). :data:`WATCHLIST_SOURCES` is the hook for more
such sources: the link stage registers ``"networks"`` there so an identifier
seen in a network screens as a hit naming the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from scamnet.errors import InvalidInputError, NotFoundError
from scamnet.model.records import sha256_hex
from scamnet.screen.cache import index_key, read_index, write_index
from scamnet.screen.entities import Identifier, ListEntity, LoadResult, Wallet
from scamnet.screen.index import ScreeningIndex
from scamnet.screen.keys import domain_key, infer_chain
from scamnet.screen.matcher import NameMatcher
from scamnet.screen.tables import screen_entities, screen_quarantine, screen_snapshots

if TYPE_CHECKING:
    from scamnet.store.store import ObservationRow, Store

__all__ = [
    "WATCHLIST_SOURCES",
    "ListDiff",
    "SnapshotInfo",
    "diff_snapshots",
    "list_snapshots",
    "load_index",
    "reports_watchlist",
    "save_snapshot",
    "snapshot_entities",
]


@dataclass(frozen=True)
class SnapshotInfo:
    """One stored version of a list."""

    list_name: str
    version: int
    loaded_at: datetime
    source_path: str
    source_sha256: str
    format: str
    entity_count: int
    quarantined_count: int
    id: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"list": self.list_name, "version": self.version,
                "loaded_at": self.loaded_at.isoformat(), "source_path": self.source_path,
                "source_sha256": self.source_sha256, "format": self.format,
                "entities": self.entity_count, "quarantined": self.quarantined_count}


def _info(row: Any) -> SnapshotInfo:
    loaded = row.loaded_at if row.loaded_at.tzinfo else row.loaded_at.replace(tzinfo=UTC)
    return SnapshotInfo(row.list_name, row.version, loaded, row.source_path,
                        row.source_sha256, row.format, row.entity_count,
                        row.quarantined_count, row.id)


def save_snapshot(store: Store, list_name: str, result: LoadResult, *, source_path: str,
                  data: bytes) -> SnapshotInfo:
    """Store ``result`` as the next version of ``list_name``, in one transaction.

    Raises :class:`InvalidInputError` when the result holds no entity at all
    (every row quarantined): such a file is not a new version of a list.
    """
    name = list_name.strip()
    if not name or len(name) > 200:
        raise InvalidInputError("a list name must be 1 to 200 characters")
    if not result.entities:
        reasons = "; ".join(str(q) for q in result.quarantined[:5])
        raise InvalidInputError(f"{source_path}: no list entries could be read"
                                + (f" ({reasons})" if reasons else ""))
    ids: dict[str, int] = {}
    for e in result.entities:
        ids[e.id] = ids.get(e.id, 0) + 1
    dupes = sorted(k for k, n in ids.items() if n > 1)
    if dupes:
        raise InvalidInputError(f"{source_path}: duplicate entity ids {', '.join(dupes[:5])}")
    now = datetime.now(UTC)
    with store.begin() as conn:
        current = conn.execute(select(func.max(screen_snapshots.c.version))
                               .where(screen_snapshots.c.list_name == name)).scalar()
        version = int(current or 0) + 1
        snap_id = conn.execute(insert(screen_snapshots).values(
            list_name=name, version=version, loaded_at=now, source_path=source_path,
            source_sha256=sha256_hex(data), format=result.format,
            entity_count=len(result.entities), quarantined_count=len(result.quarantined),
        ).returning(screen_snapshots.c.id)).scalar_one()
        rows = [{"snapshot_id": snap_id, "entity_id": e.id, "schema": e.schema,
                 "name": e.name, "digest": e.digest(), "data": e.to_json()}
                for e in result.entities]
        for i in range(0, len(rows), 2000):
            conn.execute(insert(screen_entities), rows[i:i + 2000])
        if result.quarantined:
            conn.execute(insert(screen_quarantine), [
                {"snapshot_id": snap_id, "path": q.path, "line": q.line, "field": q.field,
                 "record_id": q.record_id, "reason": q.reason, "raw": q.raw}
                for q in result.quarantined])
    return SnapshotInfo(name, version, now, source_path, sha256_hex(data), result.format,
                        len(result.entities), len(result.quarantined), int(snap_id))


def list_snapshots(store: Store, list_name: str | None = None) -> list[SnapshotInfo]:
    """Snapshots, by list then version; all lists unless ``list_name`` is given."""
    q = select(screen_snapshots).order_by(screen_snapshots.c.list_name,
                                          screen_snapshots.c.version)
    if list_name is not None:
        q = q.where(screen_snapshots.c.list_name == list_name)
    with store.begin() as conn:
        return [_info(r) for r in conn.execute(q)]


def _snapshot(store: Store, list_name: str, version: int | None) -> SnapshotInfo:
    snaps = list_snapshots(store, list_name)
    if not snaps:
        known = sorted({s.list_name for s in list_snapshots(store)})
        raise NotFoundError(f"no list named {list_name!r}; loaded lists: "
                            f"{', '.join(known) or 'none'}")
    if version is None:
        return snaps[-1]
    for s in snaps:
        if s.version == version:
            return s
    raise NotFoundError(f"list {list_name!r} has no version {version}")


def snapshot_entities(store: Store, list_name: str,
                      version: int | None = None) -> list[ListEntity]:
    """The entities of one snapshot (the newest by default)."""
    snap = _snapshot(store, list_name, version)
    with store.begin() as conn:
        rows = conn.execute(select(screen_entities.c.data)
                            .where(screen_entities.c.snapshot_id == snap.id)
                            .order_by(screen_entities.c.entity_id))
        return [ListEntity.from_json(r.data) for r in rows]


@dataclass
class ListDiff:
    """What changed between two snapshots of a list."""

    list_name: str
    old_version: int | None
    new_version: int
    added: list[ListEntity] = field(default_factory=list)
    removed: list[ListEntity] = field(default_factory=list)
    changed: list[tuple[ListEntity, ListEntity]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        def brief(e: ListEntity) -> dict[str, str]:
            return {"entity_id": e.id, "name": e.name, "schema": e.schema}

        return {
            "list": self.list_name, "old_version": self.old_version,
            "new_version": self.new_version,
            "added": [brief(e) for e in self.added],
            "removed": [brief(e) for e in self.removed],
            "changed": [{**brief(new), "fields": _changed_fields(old, new)}
                        for old, new in self.changed],
        }


def _changed_fields(old: ListEntity, new: ListEntity) -> list[str]:
    a, b = old.to_json(), new.to_json()
    out = [k for k in ("schema", "name", "aliases", "wallets", "identifiers", "relations")
           if a[k] != b[k]]
    props = set(a["properties"]) | set(b["properties"])
    out.extend(f"properties.{p}" for p in sorted(props)
               if a["properties"].get(p) != b["properties"].get(p))
    return out


def diff_snapshots(store: Store, list_name: str, old: int | None = None,
                   new: int | None = None) -> ListDiff:
    """Entities added, removed and changed from snapshot ``old`` to ``new``
    (default: the previous and the newest). A list with one snapshot diffs
    against nothing: everything is added."""
    new_snap = _snapshot(store, list_name, new)
    if old is None:
        older = [s for s in list_snapshots(store, list_name) if s.version < new_snap.version]
        old_snap = older[-1] if older else None
    else:
        old_snap = _snapshot(store, list_name, old)
    with store.begin() as conn:
        def digests(snap_id: int) -> dict[str, str]:
            q = select(screen_entities.c.entity_id, screen_entities.c.digest).where(
                screen_entities.c.snapshot_id == snap_id)
            return {r.entity_id: r.digest for r in conn.execute(q)}

        new_d = digests(new_snap.id)
        old_d = digests(old_snap.id) if old_snap else {}

        def fetch(snap_id: int, ids: Sequence[str]) -> dict[str, ListEntity]:
            out: dict[str, ListEntity] = {}
            for i in range(0, len(ids), 500):
                q = select(screen_entities.c.data).where(
                    screen_entities.c.snapshot_id == snap_id,
                    screen_entities.c.entity_id.in_(list(ids[i:i + 500])))
                for r in conn.execute(q):
                    e = ListEntity.from_json(r.data)
                    out[e.id] = e
            return out

        added_ids = sorted(set(new_d) - set(old_d))
        removed_ids = sorted(set(old_d) - set(new_d))
        changed_ids = sorted(k for k in set(new_d) & set(old_d) if new_d[k] != old_d[k])
        new_e = fetch(new_snap.id, added_ids + changed_ids)
        old_e = fetch(old_snap.id, removed_ids + changed_ids) if old_snap else {}
    return ListDiff(list_name, old_snap.version if old_snap else None, new_snap.version,
                    [new_e[i] for i in added_ids], [old_e[i] for i in removed_ids],
                    [(old_e[i], new_e[i]) for i in changed_ids])


def reports_watchlist(observations: Iterable[ObservationRow],
                      networks: Mapping[str, str] | None = None) -> list[ListEntity]:
    """One watchlist entity per wallet, phone, domain/URL or IBAN seen in stored
    reports; its name names the networks the reports belong to (``networks``:
    report id -> network id, from the link stage) and the reports. Invalid
    indicators are left out."""
    networks = networks or {}
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for o in observations:
        if not o.valid or o.kind not in ("wallet", "phone", "domain", "url", "iban",
                                         "whatsapp"):
            continue
        kind = {"url": "domain", "whatsapp": "phone"}.get(o.kind, o.kind)
        value = o.value
        if kind == "domain":
            try:
                value = domain_key(o.value)
            except InvalidInputError:
                continue
        reports = seen[(kind, value)]
        if o.report_id not in reports:
            reports.append(o.report_id)
    out = []
    for (kind, value), reports in sorted(seen.items()):
        shown = ", ".join(reports[:5]) + (f" and {len(reports) - 5} more" if len(reports) > 5
                                          else "")
        nets = sorted({networks[r] for r in reports if r in networks})
        props: dict[str, list[str]] = {"notes": [f"reports: {', '.join(reports)}"]}
        where = f"in {len(reports)} report(s): {shown}"
        if nets:
            props["notes"].append(f"networks: {', '.join(nets)}")
            where = f"in network {', '.join(nets)} ({len(reports)} report(s): {shown})"
        wallets: tuple[Wallet, ...] = ()
        idents: tuple[Identifier, ...] = ()
        if kind == "wallet":
            chain = infer_chain(value)
            if chain is None:
                continue
            wallets = (Wallet(chain, value, chain.upper()),)
        elif kind == "phone":
            props["phone"] = [value]
        elif kind == "domain":
            props["website"] = [value]
        elif kind == "iban":
            idents = (Identifier("IBAN", value),)
        out.append(ListEntity(
            id=f"reports:{kind}:{value}", schema="LegalEntity",
            name=f"{kind} {value} {where}",
            properties={k: tuple(v) for k, v in props.items()},
            wallets=wallets, identifiers=idents))
    return out


def _reports_source(store: Store) -> list[ListEntity]:
    return reports_watchlist(store.observations(), network_of_reports(store))


def network_of_reports(store: Store) -> dict[str, str]:
    """report id -> active network id, empty before any ``scamnet link``."""
    # Imported here: screening works without the link stage's tables in use.
    from scamnet.link.tables import link_assignments, link_networks

    a, n = link_assignments.c, link_networks.c
    q = (select(a.report_id, a.network_id).join(link_networks, n.id == a.network_id)
         .where(n.status == "active"))
    with store.begin() as conn:
        return {r: net for r, net in conn.execute(q)}


#: Watchlists the store itself provides, by name. The link stage adds
#: ``"networks"`` (entities named for networks, holding their wallets, phones
#: and domains) with ``WATCHLIST_SOURCES["networks"] = fn``.
WATCHLIST_SOURCES: dict[str, Callable[[Store], list[ListEntity]]] = {
    "reports": _reports_source,
}


def load_index(store: Store, lists: Sequence[str] | None = None, *,
               sources: Sequence[str] | None = None,
               cache_dir: Path | None = None) -> ScreeningIndex:
    """A screening index over the newest snapshot of each list (or of
    ``lists``) and the store's own watchlists (``sources``, default all of
    :data:`WATCHLIST_SOURCES`). Raises :class:`NotFoundError` for an unknown list.

    With ``cache_dir`` the list part of the index is read from, or written
    to, a cache file keyed by the snapshots and the matcher version
    (:mod:`scamnet.screen.cache`); the watchlists are always built afresh."""
    names = list(lists) if lists else sorted({s.list_name for s in list_snapshots(store)})
    index: ScreeningIndex | None = None
    key = ""
    if cache_dir is not None and names:
        snaps = [_snapshot(store, name, None) for name in names]
        key = index_key(snaps, NameMatcher())
        index = read_index(cache_dir, key)
    if index is None:
        index = ScreeningIndex()
        for name in names:
            index.add(name, snapshot_entities(store, name))
        if cache_dir is not None and key:
            write_index(index, cache_dir, key)
    for source in (sources if sources is not None else sorted(WATCHLIST_SOURCES)):
        if source not in WATCHLIST_SOURCES:
            raise NotFoundError(f"no watchlist source {source!r}; known: "
                                f"{', '.join(sorted(WATCHLIST_SOURCES))}")
        index.add(f"store:{source}", WATCHLIST_SOURCES[source](store), names=False)
    return index
