"""Network summaries: who is in a network, what it runs, and why each report is in it.

``why`` for a report is the shortest chain of shared indicators from the
network's anchor (its smallest report id) to that report, preferring strong
indicators: each hop costs ``strong / weight`` of the indicator's kind, so a
wallet hop costs 1 and a domain hop 1.7 with the default table.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, desc, func, inspect, select

from scamnet.analyze.language import UNDETERMINED
from scamnet.errors import NotFoundError
from scamnet.link import tables as lt
from scamnet.link.weights import WeightTable
from scamnet.store import schema as t
from scamnet.store.store import Store

__all__ = [
    "IndicatorCount",
    "Member",
    "NetworkListing",
    "NetworkSummary",
    "explain_paths",
    "list_networks",
    "network_observations",
    "resolve_network",
    "summarize_network",
]

#: Keys of ``Report.extra`` naming the victim, most specific first. Reports
#: without one count as their own victim.
VICTIM_KEYS = ("victim_id", "victim", "reporter_id", "reporter", "reporter_email")

_CHUNK = 500
# A "why" chain longer than _HEAD_HOPS + _TAIL_HOPS hops is shown as its first
# and last hops with the number skipped in between.
_HEAD_HOPS = 3
_TAIL_HOPS = 3


@dataclass(frozen=True)
class IndicatorCount:
    kind: str
    value: str
    reports: int
    suppressed: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "value": self.value, "reports": self.reports,
                "suppressed": self.suppressed}


@dataclass(frozen=True)
class Member:
    """A report of the network and the chain of shared indicators that puts it there.

    ``why`` alternates report ids and ``kind:value`` indicators, starting at
    the anchor and ending at this report (just the anchor for the anchor).
    """

    report_id: str
    reported_at: datetime | None
    country: str | None
    language: str | None
    why: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"report_id": self.report_id,
                "reported_at": self.reported_at.isoformat() if self.reported_at else None,
                "country": self.country, "language": self.language, "why": list(self.why)}


@dataclass
class NetworkSummary:
    """Everything ``scamnet network ID`` shows."""

    id: str
    requested_id: str
    reports: int
    victims: int
    languages: dict[str, int]
    countries: dict[str, int]
    first_seen: datetime | None
    last_seen: datetime | None
    losses: dict[str, Decimal]
    top_indicators: list[IndicatorCount]
    stages: dict[str, int] | None
    members: list[Member]
    events: list[dict[str, object]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """Stable JSON form, documented in docs/linking.md."""
        return {
            "id": self.id,
            "requested_id": self.requested_id,
            "reports": self.reports,
            "victims": self.victims,
            "languages": self.languages,
            "countries": self.countries,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "losses": {k: format(v.normalize(), "f") for k, v in self.losses.items()},
            "top_indicators": [i.to_json() for i in self.top_indicators],
            "stages": self.stages,
            "events": self.events,
            "members": [m.to_json() for m in self.members],
        }


@dataclass(frozen=True)
class NetworkListing:
    """One row of ``scamnet networks``."""

    id: str
    reports: int
    anchor_report: str
    created_run: int
    updated_run: int

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "reports": self.reports, "anchor_report": self.anchor_report,
                "created_run": self.created_run, "updated_run": self.updated_run}


def list_networks(store: Store, min_reports: int = 2, limit: int | None = None
                  ) -> list[NetworkListing]:
    """Active networks with at least ``min_reports`` reports, biggest first."""
    n = lt.link_networks
    q = (select(n.c.id, n.c.reports, n.c.anchor_report, n.c.created_run, n.c.updated_run)
         .where((n.c.status == "active") & (n.c.reports >= min_reports))
         .order_by(desc(n.c.reports), n.c.id))
    if limit is not None:
        q = q.limit(limit)
    with store.begin() as conn:
        return [NetworkListing(*row) for row in conn.execute(q)]


def resolve_network(conn: Connection, network_id: str) -> str:
    """The active network ``network_id`` is now, following recorded merges."""
    n = lt.link_networks
    seen: set[str] = set()
    current = network_id
    while current not in seen:
        seen.add(current)
        row = conn.execute(select(n.c.status, n.c.merged_into).where(n.c.id == current)).first()
        if row is None:
            break
        if row.status == "active":
            return current
        if row.status == "merged" and row.merged_into:
            current = row.merged_into
            continue
        raise NotFoundError(f"network {network_id!r} no longer exists (status {row.status})")
    has_runs = conn.execute(select(func.count()).select_from(lt.link_runs)).scalar_one()
    hint = "" if has_runs else "; no link run yet: run `scamnet link` first"
    raise NotFoundError(f"no network with id {network_id!r}{hint}")


def summarize_network(store: Store, network_id: str, *, top: int = 10,
                      weights: WeightTable | None = None,
                      stages: Mapping[str, str] | None = None) -> NetworkSummary:
    """Summarise one network.

    ``stages`` maps report id -> pig-butchering stage; by default it is read
    from the analysis stage's results when analysis has run (else no stages).
    """
    weights = weights or WeightTable()
    with store.begin() as conn:
        nid = resolve_network(conn, network_id)
        rids = sorted(conn.execute(select(lt.link_assignments.c.report_id)
                                   .where(lt.link_assignments.c.network_id == nid)).scalars())
        reports = _rows(conn, t.reports, t.reports.c.id, rids)
        obs = network_observations(conn, rids)
        supp = {(r.kind, r.value): f"{r.rule}: {r.reason}"
                for r in conn.execute(select(lt.link_suppressions))}
        if stages is None:
            stages = _analysis_stages(conn, rids)
        # Chats and e-mails declare no language; the analysis stage detects one.
        detected = _analysis_column(conn, rids, "language") or {}
        events = [{"kind": e.kind, "network_id": e.network_id, "other": e.other_network_id,
                   "reports": e.reports, "run_id": e.run_id, "at": e.at.isoformat()}
                  for e in conn.execute(select(lt.link_events).where(
                      (lt.link_events.c.network_id == nid)
                      | (lt.link_events.c.other_network_id == nid))
                      .order_by(lt.link_events.c.id))]
    victims: set[str] = set()
    languages: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    losses: dict[str, Decimal] = {}
    dates: list[datetime] = []
    info: dict[str, Any] = {}
    for r in reports:
        info[r.id] = r
        extra = r.extra or {}
        victim = next((str(extra[k]) for k in VICTIM_KEYS if extra.get(k)), f"report:{r.id}")
        victims.add(victim)
        languages[_language(r.language, detected.get(r.id)) or "unknown"] += 1
        countries[r.reporter_country or "unknown"] += 1
        if r.amount_lost is not None:
            cur = r.currency or "unknown"
            losses[cur] = losses.get(cur, Decimal(0)) + Decimal(r.amount_lost)
        if r.reported_at is not None:
            dates.append(r.reported_at)
    counts: Counter[tuple[str, str]] = Counter()
    linkable: list[tuple[str, str, str]] = []
    for rid, kind, value, valid in set(obs):
        if not valid:
            continue
        counts[(kind, value)] += 1
        if weights.links(kind) and (kind, value) not in supp:
            linkable.append((rid, kind, value))
    paths = explain_paths(rids, linkable, weights)
    members = [Member(rid, info[rid].reported_at if rid in info else None,
                      info[rid].reporter_country if rid in info else None,
                      _language(info[rid].language, detected.get(rid)) if rid in info else None,
                      paths.get(rid, ()))
               for rid in rids]
    top_ind = [IndicatorCount(k, v, c, supp.get((k, v)))
               for (k, v), c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    stage_counts = None
    if stages is not None:
        stage_counts = dict(sorted(Counter(stages[r] for r in rids if r in stages).items()))
    return NetworkSummary(
        id=nid, requested_id=network_id, reports=len(rids), victims=len(victims),
        languages=dict(languages.most_common()), countries=dict(countries.most_common()),
        first_seen=min(dates) if dates else None, last_seen=max(dates) if dates else None,
        losses=dict(sorted(losses.items())), top_indicators=top_ind, stages=stage_counts,
        members=members, events=events)


def explain_paths(report_ids: Sequence[str], links: Sequence[tuple[str, str, str]],
                  weights: WeightTable) -> dict[str, tuple[str, ...]]:
    """Cheapest chain of shared indicators from the smallest report id to each report.

    ``links`` are (report id, kind, value) of the indicators allowed to link.
    Reports that no chain reaches get an empty tuple. Chains of more than six
    hops keep their first and last three hops around a ``"... N more hops ..."``
    marker.
    """
    if not report_ids:
        return {}
    anchor = min(report_ids)
    by_report: dict[str, list[tuple[str, str]]] = {}
    by_ind: dict[tuple[str, str], list[str]] = {}
    for rid, kind, value in sorted(set(links)):
        by_report.setdefault(rid, []).append((kind, value))
        by_ind.setdefault((kind, value), []).append(rid)
    dist: dict[str, float] = {anchor: 0.0}
    prev: dict[str, tuple[str, tuple[str, str]]] = {}
    expanded: set[tuple[str, str]] = set()
    done: list[str] = []
    finished: set[str] = set()
    heap: list[tuple[float, str]] = [(0.0, anchor)]
    while heap:
        d, rid = heapq.heappop(heap)
        if rid in finished:
            continue
        finished.add(rid)
        done.append(rid)
        for ind in by_report.get(rid, ()):
            if ind in expanded:
                continue
            # Every report behind an indicator is equally far from it, so the
            # first (cheapest) expansion of an indicator is final.
            expanded.add(ind)
            cost = d + weights.strong / max(weights.weight(ind[0]), 1e-9)
            for other in by_ind[ind]:
                if cost < dist.get(other, float("inf")):
                    dist[other] = cost
                    prev[other] = (rid, ind)
                    heapq.heappush(heap, (cost, other))
    # Chains can be as long as the network (a rotation chain of 10,000
    # reports); keep the first and last hops of long ones, so the work and the
    # output stay linear in the network size.
    head: dict[str, tuple[str, ...]] = {anchor: (anchor,)}
    depth: dict[str, int] = {anchor: 0}
    for rid in done[1:]:  # parents are finished before their children
        p, (kind, value) = prev[rid]
        depth[rid] = depth[p] + 1
        h = head[p]
        head[rid] = h if depth[p] >= _HEAD_HOPS else (*h, f"{kind}:{value}", rid)
    out: dict[str, tuple[str, ...]] = {}
    for rid in report_ids:
        if rid not in depth:
            out[rid] = ()
            continue
        if depth[rid] <= _HEAD_HOPS + _TAIL_HOPS:
            hops = depth[rid]
        else:
            hops = _TAIL_HOPS
        tail: list[str] = [rid]
        cur = rid
        for _ in range(hops):
            p, (kind, value) = prev[cur]
            tail += [f"{kind}:{value}", p]
            cur = p
        tail.reverse()
        if depth[rid] <= _HEAD_HOPS + _TAIL_HOPS:
            out[rid] = tuple(tail)
        else:
            skipped = depth[rid] - _HEAD_HOPS - _TAIL_HOPS
            out[rid] = (*head[rid], f"... {skipped} more hops ...", *tail)
    return out


def _language(declared: str | None, detected: str | None) -> str | None:
    """The report's declared language, else the one ``scamnet analyze`` detected."""
    if declared:
        return declared
    if detected and detected != UNDETERMINED:
        return detected
    return None


def _analysis_column(conn: Connection, rids: Sequence[str], column: str
                     ) -> dict[str, str | None] | None:
    """report id -> one column of the analysis stage's results; None before any analysis."""
    if not inspect(conn).has_table("analysis_reports"):
        return None
    from scamnet.analyze.tables import analysis_reports as a

    out: dict[str, str | None] = {}
    for i in range(0, len(rids), _CHUNK):
        q = select(a.c.report_id, a.c[column]).where(a.c.report_id.in_(rids[i:i + _CHUNK]))
        out.update((r, value) for r, value in conn.execute(q))
    return out or None


def _analysis_stages(conn: Connection, rids: Sequence[str]) -> dict[str, str] | None:
    found = _analysis_column(conn, rids, "stage")
    return None if found is None else {r: st or "none" for r, st in found.items()}


def _rows(conn: Connection, table: Any, col: Any, keys: Sequence[str]) -> list[Any]:
    out: list[Any] = []
    for i in range(0, len(keys), _CHUNK):
        out.extend(conn.execute(select(table).where(col.in_(keys[i:i + _CHUNK]))))
    return out


def network_observations(conn: Connection, rids: Sequence[str]) -> list[tuple[str, str, str, bool]]:
    out: list[tuple[str, str, str, bool]] = []
    for i in range(0, len(rids), _CHUNK):
        q = (select(t.observations.c.report_id, t.indicators.c.kind, t.indicators.c.value,
                    t.indicators.c.valid)
             .join(t.indicators, t.indicators.c.id == t.observations.c.indicator_id)
             .where(t.observations.c.report_id.in_(rids[i:i + _CHUNK])))
        out.extend((r, k, v, bool(ok)) for r, k, v, ok in conn.execute(q))
    return out
