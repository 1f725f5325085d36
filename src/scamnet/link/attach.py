"""Incremental linking: attach new reports to existing networks without re-clustering.

For each report not yet assigned, its linkable indicators are looked up in the
store (indicator -> reports -> network, all indexed), and the report

- joins the one network it shares a strong indicator with, or whose summed
  weak evidence reaches the strong threshold;
- merges several such networks: the biggest survives (ties: smallest id), the
  others are recorded as ``merged`` into it (so their old ids still resolve);
- or starts a new network with a content id.

Same weights, allowlists and hub rule as the batch job. It is a local
decision, so it can differ from a full batch run in corner cases (a new
indicator that turns into a hub, weak evidence spread over several new
reports); the next ``scamnet link`` reconciles while keeping ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select, update

from scamnet.errors import NotFoundError
from scamnet.link import tables as lt
from scamnet.link.allowlist import Allowlist, load_allowlist
from scamnet.link.ids import content_id
from scamnet.link.runs import new_run
from scamnet.link.suppress import HubRule
from scamnet.link.weights import WeightTable
from scamnet.store import schema as t
from scamnet.store.store import Store

__all__ = ["Attacher", "Attachment", "attach_reports", "unassigned_reports"]


@dataclass(frozen=True)
class Attachment:
    """Where one new report went: ``how`` is new, joined or merged."""

    report_id: str
    network_id: str
    how: str
    merged: tuple[str, ...] = ()
    via: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"report_id": self.report_id, "network_id": self.network_id, "how": self.how,
                "merged": list(self.merged), "via": list(self.via)}


class Attacher:
    """Attaches reports one by one inside a caller's transaction (see module docs)."""

    def __init__(self, conn: Connection, run_id: int, *, weights: WeightTable,
                 allowlist: Allowlist, hub: HubRule) -> None:
        self.conn = conn
        self.run_id = run_id
        self.weights = weights
        self.allowlist = allowlist
        self.hub = hub
        self._n_reports: int | None = None
        self._added = 0

    @property
    def n_reports(self) -> int:
        """Reports placed so far; counted only when a hub check needs it."""
        if self._n_reports is None:
            self._n_reports = int(self.conn.execute(
                select(func.count()).select_from(lt.link_assignments)).scalar_one())
            self._added = 1  # the report being attached is not assigned yet
        return self._n_reports + self._added

    def attach(self, report_id: str) -> Attachment:
        conn, w = self.conn, self.weights
        rows = conn.execute(
            select(t.indicators.c.id, t.indicators.c.kind, t.indicators.c.value,
                   t.indicators.c.valid)
            .join(t.observations, t.observations.c.indicator_id == t.indicators.c.id)
            .where(t.observations.c.report_id == report_id)).all()
        cand = {r.id: (r.kind, r.value) for r in rows
                if r.valid and w.links(r.kind) and self.allowlist.lookup(r.kind, r.value) is None}
        if cand:
            listed = {(k, v) for k, v in conn.execute(
                select(lt.link_suppressions.c.kind, lt.link_suppressions.c.value)
                .where(lt.link_suppressions.c.value.in_([v for _, v in cand.values()])))}
            cand = {i: kv for i, kv in cand.items() if kv not in listed}
        hits: dict[str, dict[str, int]] = {}
        if cand:
            a = lt.link_assignments
            q = (select(t.observations.c.indicator_id, a.c.network_id,
                        func.count(t.observations.c.report_id.distinct()))
                 .join(a, a.c.report_id == t.observations.c.report_id)
                 .where(t.observations.c.indicator_id.in_(list(cand))
                        & (t.observations.c.report_id != report_id))
                 .group_by(t.observations.c.indicator_id, a.c.network_id))
            for iid, nid, n in conn.execute(q):
                hits.setdefault(iid, {})[nid] = int(n)
        self._added += 1
        strong: set[str] = set()
        weak: dict[str, float] = {}
        via: list[str] = []
        for iid, nets in sorted(hits.items()):
            kind, value = cand[iid]
            total = sum(nets.values()) + 1
            # limit() is never below min_reports - 1, so small counts skip the count(*).
            if total >= self.hub.min_reports and total > self.hub.limit(self.n_reports):
                self._suppress_hub(kind, value, total)
                continue
            via.append(f"{kind}:{value}")
            if w.is_strong(kind):
                strong.update(nets)
            else:
                for nid in nets:
                    weak[nid] = weak.get(nid, 0.0) + w.weight(kind)
        joined = sorted(strong | {n for n, s in weak.items() if s >= w.strong})
        if not joined:
            return self._new(report_id)
        sizes = {n: int(c) for n, c in conn.execute(
            select(lt.link_networks.c.id, lt.link_networks.c.reports)
            .where(lt.link_networks.c.id.in_(joined)))}
        survivor = min(joined, key=lambda n: (-sizes.get(n, 0), n))
        others = tuple(n for n in joined if n != survivor)
        now = datetime.now(UTC)
        grown = sizes.get(survivor, 0) + 1
        for other in others:
            moved = conn.execute(update(lt.link_assignments)
                                 .where(lt.link_assignments.c.network_id == other)
                                 .values(network_id=survivor, run_id=self.run_id)).rowcount
            grown += int(moved)
            conn.execute(update(lt.link_networks).where(lt.link_networks.c.id == other).values(
                status="merged", merged_into=survivor, reports=0, updated_run=self.run_id))
            conn.execute(insert(lt.link_events).values(
                run_id=self.run_id, at=now, kind="merged", network_id=other,
                other_network_id=survivor, reports=int(moved)))
        conn.execute(insert(lt.link_assignments).values(
            report_id=report_id, network_id=survivor, run_id=self.run_id))
        conn.execute(update(lt.link_networks).where(lt.link_networks.c.id == survivor)
                     .values(reports=grown, updated_run=self.run_id))
        return Attachment(report_id, survivor, "merged" if others else "joined", others,
                          tuple(via))

    def _new(self, report_id: str) -> Attachment:
        # Probe the id and its numbered variants by primary key (a LIKE prefix
        # query would scan the table on SQLite).
        base = content_id(report_id)
        nid, n = base, 1
        while self.conn.execute(select(lt.link_networks.c.id)
                                .where(lt.link_networks.c.id == nid)).first() is not None:
            n += 1
            nid = f"{base}-{n}"
        self.conn.execute(insert(lt.link_networks).values(
            id=nid, status="active", merged_into=None, reports=1, anchor_report=report_id,
            created_run=self.run_id, updated_run=self.run_id))
        self.conn.execute(insert(lt.link_assignments).values(
            report_id=report_id, network_id=nid, run_id=self.run_id))
        return Attachment(report_id, nid, "new")

    def _suppress_hub(self, kind: str, value: str, total: int) -> None:
        self.conn.execute(insert(lt.link_suppressions).values(
            run_id=self.run_id, kind=kind, value=value, rule="hub",
            reason=(f"named in {total} of {self.n_reports} reports; more than "
                    f"{self.hub.limit(self.n_reports)} is treated as shared infrastructure "
                    "(found while attaching)"), reports=total))


def unassigned_reports(conn: Connection) -> list[str]:
    """Stored reports that no link run has placed yet, sorted."""
    a = lt.link_assignments
    q = (select(t.reports.c.id).outerjoin(a, a.c.report_id == t.reports.c.id)
         .where(a.c.report_id.is_(None)).order_by(t.reports.c.id))
    return list(conn.execute(q).scalars())


def attach_reports(store: Store, report_ids: Sequence[str] | None = None, *,
                   weights: WeightTable | None = None, allowlist: Allowlist | None = None,
                   hub: HubRule | None = None) -> list[Attachment]:
    """Attach ``report_ids`` (default: every unassigned report) in one transaction."""
    weights = weights or WeightTable()
    allowlist = load_allowlist() if allowlist is None else allowlist
    hub = hub or HubRule()
    with store.begin() as conn:
        todo = unassigned_reports(conn) if report_ids is None else list(report_ids)
        if report_ids is not None:
            known = store.existing_report_ids(todo)
            missing = [r for r in todo if r not in known]
            if missing:
                raise NotFoundError(f"no report with id {', '.join(map(repr, missing[:5]))}"
                                    + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
        run_id = new_run(conn, started_at=datetime.now(UTC), mode="attach", engine="local",
                         params={"weights": weights.to_json(), "hub_rule": hub.to_json()},
                         stats={"reports": len(todo)})
        attacher = Attacher(conn, run_id, weights=weights, allowlist=allowlist, hub=hub)
        return [attacher.attach(r) for r in todo]
