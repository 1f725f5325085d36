"""Link runs against the store: read observations, cluster, keep ids, persist.

The store is passed in (principle 1); everything here is a thin layer over
the pure job in :mod:`scamnet.link.cluster` and :mod:`scamnet.link.ids`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, inspect, select

from scamnet.engines.base import Engine
from scamnet.errors import BackendError
from scamnet.link import tables as lt
from scamnet.link.allowlist import Allowlist
from scamnet.link.cluster import DEFAULT_SEED, LinkResult, cluster_observations
from scamnet.link.ids import NetworkIds, assign_ids
from scamnet.link.observations import ObservationLike, ObservationTable
from scamnet.link.suppress import HubRule
from scamnet.link.weights import SCRIPT_KIND, WeightTable
from scamnet.store import schema as t
from scamnet.store.store import Store

__all__ = ["LinkRun", "link", "load_assignments", "load_observations"]

_WRITE_CHUNK = 20_000
_DELETE_CHUNK = 500  # keeps IN (...) under SQLite's bound-variable limit


@dataclass
class LinkRun:
    """What one ``scamnet link`` run did. ``message`` explains an empty result."""

    run_id: int | None
    result: LinkResult
    ids: NetworkIds
    message: str | None = None

    def to_json(self) -> dict[str, object]:
        """Stable JSON form, documented in docs/linking.md."""
        return {
            "run_id": self.run_id,
            "engine": self.result.engine,
            "message": self.message,
            "stats": self.result.stats.to_json(),
            "weights": self.result.weights.to_json(),
            "hub_rule": self.result.hub.to_json(),
            "new_networks": len(self.ids.new),
            "events": [e.to_json() for e in self.ids.events],
            "suppressed": [s.to_json() for s in self.result.suppressed],
        }


def load_observations(store: Store, extra: Iterable[ObservationLike] = (), *,
                      scripts: bool = True) -> ObservationTable:
    """Every report id and (report, kind, value, valid) observation in the store.

    With ``scripts``, the analysis stage's near-duplicate script templates
    (``analysis_template_members``, when analysis has run) become observations
    of kind ``script`` whose value is the template id. ``extra`` adds any
    other observations kept outside the core tables.
    """
    rid: list[str] = []
    kind: list[str] = []
    value: list[str] = []
    valid: list[bool] = []
    with store.begin() as conn:
        reports = list(conn.execute(select(t.reports.c.id)).scalars())
        # Millions of rows: two plain scans and a dict beat the join (12.5 s ->
        # about 7 s on 3.3M observations in SQLite), and a DB-API cursor skips
        # SQLAlchemy's per-row processing. The queries have no parameters.
        indicator = {i: (k, v, bool(ok)) for i, k, v, ok in _scan(conn, select(
            t.indicators.c.id, t.indicators.c.kind, t.indicators.c.value,
            t.indicators.c.valid))}
        for r, i in _scan(conn, select(t.observations.c.report_id,
                                       t.observations.c.indicator_id)):
            k, v, ok = indicator[i]
            rid.append(r)
            kind.append(k)
            value.append(v)
            valid.append(ok)
        del indicator
        if scripts:
            for r, template in script_observations(conn):
                rid.append(r)
                kind.append(SCRIPT_KIND)
                value.append(template)
                valid.append(True)
    for ob in extra:
        rid.append(ob.report_id)
        kind.append(ob.kind)
        value.append(ob.value)
        valid.append(bool(ob.valid))
    return ObservationTable(rid, kind, value, valid, reports)


def _scan(conn: Connection, query: Any) -> Iterator[tuple[Any, ...]]:
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(query.compile(dialect=conn.dialect)))
        while batch := cursor.fetchmany(50_000):
            yield from batch
    finally:
        cursor.close()


def script_observations(conn: Connection) -> list[tuple[str, str]]:
    """(report id, template id) pairs from the analysis stage, or [] before it ran."""
    if not inspect(conn).has_table("analysis_template_members"):
        return []
    from scamnet.analyze.tables import analysis_template_members as m

    q = select(m.c.report_id, m.c.template_id).distinct()
    return [(r, tpl) for r, tpl in conn.execute(q)]


def load_assignments(conn: Connection) -> tuple[dict[str, str], set[str]]:
    """Persisted report -> network map, and ids retired by earlier merges."""
    prev = {r: n for r, n in conn.execute(select(lt.link_assignments.c.report_id,
                                                 lt.link_assignments.c.network_id))}
    retired = set(conn.execute(select(lt.link_networks.c.id)
                               .where(lt.link_networks.c.status != "active")).scalars())
    return prev, retired


def link(store: Store, *, weights: WeightTable | None = None, allowlist: Allowlist | None = None,
         hub: HubRule | None = None, engine: Engine | None = None, seed: int = DEFAULT_SEED,
         extra: Iterable[ObservationLike] = ()) -> LinkRun:
    """Re-link every report in ``store`` and persist networks, keeping ids stable."""
    started = datetime.now(UTC)
    table = load_observations(store, extra)
    result = cluster_observations(table, weights=weights, allowlist=allowlist, hub=hub,
                                  engine=engine, seed=seed)
    with store.begin() as conn:
        prev, retired = load_assignments(conn)
    ids = assign_ids(result, prev, retired)
    message = None
    if not result.report_ids:
        message = "the store has no reports yet: ingest evidence first (scamnet ingest PATH)"
    elif result.stats.pairs == 0:
        message = ("no report has a usable indicator (none found, all invalid or all of "
                   "weight 0): every report is its own network")
    run_id = _save(store, result, ids, started, prev)
    return LinkRun(run_id, result, ids, message)


def _save(store: Store, result: LinkResult, ids: NetworkIds, started: datetime,
          prev: dict[str, str]) -> int:
    """Persist ``result`` in one transaction, writing only what changed since ``prev``.

    A rerun over an unchanged store writes the run row and nothing else, so
    re-linking a million reports does not rewrite a million rows.
    """
    network_of = ids.network_of(result)
    sizes: dict[str, int] = {}
    for n in network_of:
        sizes[n] = sizes.get(n, 0) + 1
    n_ = lt.link_networks
    with store.begin() as conn:
        run_id = new_run(conn, started_at=started, mode="batch", engine=result.engine,
                         params={"weights": result.weights.to_json(),
                                 "hub_rule": result.hub.to_json(), "seed": result.seed},
                         stats=result.stats.to_json())
        changed = [(r, n) for r, n in zip(result.report_ids, network_of, strict=True)
                   if prev.get(r) != n]
        current = set(result.report_ids)
        stale = [r for r, _ in changed if r in prev] + [r for r in prev if r not in current]
        _delete_in(conn, lt.link_assignments.c.report_id, stale)
        _chunked(conn, lt.link_assignments, [{"report_id": r, "network_id": n, "run_id": run_id}
                                             for r, n in changed])

        existing = {r.id: r for r in conn.execute(select(
            n_.c.id, n_.c.status, n_.c.merged_into, n_.c.reports, n_.c.anchor_report,
            n_.c.created_run))}
        merged_into = {e.network_id: e.other for e in ids.events if e.kind == "merged"}
        desired: dict[str, tuple[str, str | None, int, str]] = {}
        for lab, nid in ids.by_label.items():
            desired[nid] = ("active", None, sizes[nid], result.report_ids[lab])
        for nid, old in existing.items():
            if nid not in desired:
                status = "merged" if nid in merged_into or old.status == "merged" else "retired"
                desired[nid] = (status, merged_into.get(nid, old.merged_into), 0,
                                old.anchor_report)
        write = [nid for nid, want in desired.items()
                 if nid not in existing or tuple(existing[nid][1:5]) != want]
        _delete_in(conn, n_.c.id, [nid for nid in write if nid in existing])
        _chunked(conn, n_, [
            {"id": nid, "status": desired[nid][0], "merged_into": desired[nid][1],
             "reports": desired[nid][2], "anchor_report": desired[nid][3],
             "created_run": existing[nid].created_run if nid in existing else run_id,
             "updated_run": run_id} for nid in write])
        if ids.events:
            conn.execute(insert(lt.link_events), [
                {"run_id": run_id, "at": started, "kind": e.kind, "network_id": e.network_id,
                 "other_network_id": e.other, "reports": e.reports} for e in ids.events])
        conn.execute(delete(lt.link_suppressions))
        _chunked(conn, lt.link_suppressions, [
            {"run_id": run_id, "kind": s.kind, "value": s.value, "rule": s.rule,
             "reason": s.reason, "reports": s.reports} for s in result.suppressed])
    return run_id


def _delete_in(conn: Connection, column: Any, keys: list[str]) -> None:
    for i in range(0, len(keys), _DELETE_CHUNK):
        conn.execute(delete(column.table).where(column.in_(keys[i:i + _DELETE_CHUNK])))


def new_run(conn: Connection, **values: Any) -> int:
    """Insert a ``link_runs`` row and return its id."""
    pk = conn.execute(insert(lt.link_runs).values(**values)).inserted_primary_key
    if pk is None:  # pragma: no cover - every supported dialect returns it
        raise BackendError("the store did not return the new link run's id")
    return int(pk[0])


def _chunked(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), _WRITE_CHUNK):
        conn.execute(insert(table), rows[i:i + _WRITE_CHUNK])


def network_count(store: Store, min_reports: int = 2) -> int:
    """Number of active networks with at least ``min_reports`` reports."""
    with store.begin() as conn:
        return int(conn.execute(select(func.count()).select_from(lt.link_networks).where(
            (lt.link_networks.c.status == "active")
            & (lt.link_networks.c.reports >= min_reports))).scalar_one())
