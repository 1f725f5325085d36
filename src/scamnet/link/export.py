"""Graph exports of a network: GraphML and GEXF (for Gephi), and an HTML picture.

The graph is bipartite: report nodes (``r:<id>``) and indicator nodes
(``i:<kind>:<value>``), an edge for each report naming an indicator, with the
kind's link weight. Suppressed indicators are left out of the picture but kept
in GraphML/GEXF with ``suppressed`` set, so analysts see what did not link.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import select

from scamnet.link.summary import NetworkSummary, network_observations, summarize_network
from scamnet.link.tables import link_suppressions
from scamnet.link.weights import WeightTable
from scamnet.store.store import Store

__all__ = ["load_network_graph", "network_graph", "render_html", "write_gexf", "write_graphml"]

#: The picture draws at most this many report nodes (the biggest networks
#: would make an unreadable hairball); the page says when it is cut.
MAX_PICTURE_REPORTS = 300

_COLOURS = {"wallet": "#d62728", "phone": "#1f77b4", "telegram": "#17becf",
            "whatsapp": "#2ca02c", "line": "#bcbd22", "wechat": "#8c564b", "zalo": "#7f7f7f",
            "iban": "#9467bd", "domain": "#ff7f0e", "url": "#ffbb78", "email": "#e377c2",
            "script": "#aec7e8"}


def network_graph(summary: NetworkSummary, observations: list[tuple[str, str, str, bool]],
                  suppressed: dict[tuple[str, str], str],
                  weights: WeightTable | None = None) -> nx.Graph:
    """The report–indicator graph of one network (valid indicators only)."""
    weights = weights or WeightTable()
    g = nx.Graph(network=summary.id)
    for m in summary.members:
        g.add_node(f"r:{m.report_id}", type="report", label=m.report_id,
                   country=m.country or "", language=m.language or "",
                   reported_at=m.reported_at.isoformat() if m.reported_at else "")
    for rid, kind, value, valid in sorted(set(observations)):
        if not valid:
            continue
        node = f"i:{kind}:{value}"
        reason = suppressed.get((kind, value), "")
        if node not in g:
            g.add_node(node, type="indicator", kind=kind, label=value,
                       suppressed=bool(reason), reason=reason)
        g.add_edge(f"r:{rid}", node, weight=weights.weight(kind), kind=kind)
    return g


def write_graphml(graph: nx.Graph, path: Path) -> None:
    nx.write_graphml(graph, str(path))


def write_gexf(graph: nx.Graph, path: Path) -> None:
    nx.write_gexf(graph, str(path))


def render_html(graph: nx.Graph, summary: NetworkSummary) -> str:
    """A self-contained HTML page with the network drawn as inline SVG."""
    keep = [n for n, d in graph.nodes(data=True)
            if d["type"] == "report" or not d.get("suppressed")]
    sub = graph.subgraph(keep).copy()
    reports = sorted(n for n, d in sub.nodes(data=True) if d["type"] == "report")
    cut = len(reports) > MAX_PICTURE_REPORTS
    if cut:
        drop = set(reports[MAX_PICTURE_REPORTS:])
        sub.remove_nodes_from(drop)
        sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0
                               and sub.nodes[n]["type"] == "indicator"])
    pos: dict[Any, Any] = nx.spring_layout(sub, seed=7, iterations=50) if len(sub) else {}
    size = 900.0
    pad = 40.0

    def xy(n: str) -> tuple[float, float]:
        x, y = pos[n]
        return pad + (x + 1) / 2 * (size - 2 * pad), pad + (y + 1) / 2 * (size - 2 * pad)

    parts: list[str] = []
    for a, b in sub.edges():
        (x1, y1), (x2, y2) = xy(a), xy(b)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     'stroke="#bbb" stroke-width="1"/>')
    for n, d in sub.nodes(data=True):
        x, y = xy(n)
        title = html.escape(f"{d.get('kind', 'report')}: {d['label']}")
        if d["type"] == "report":
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#444">'
                         f"<title>{title}</title></circle>")
        else:
            colour = _COLOURS.get(d["kind"], "#999")
            r = 4 + 2 * math.log1p(sub.degree(n))
            parts.append(f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" '
                         f'height="{2 * r:.1f}" fill="{colour}"><title>{title}</title></rect>')
    legend = " ".join(f'<span style="color:{c}">&#9632; {k}</span>' for k, c in _COLOURS.items())
    note = (f"<p>Showing the first {MAX_PICTURE_REPORTS} of {len(reports)} reports.</p>"
            if cut else "")
    top = "".join(f"<li>{html.escape(i.kind)}: {html.escape(i.value)} — {i.reports} reports"
                  f"{' (suppressed)' if i.suppressed else ''}</li>" for i in summary.top_indicators)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>ScamNet network {html.escape(summary.id)}</title>"
        "<style>body{font-family:sans-serif;margin:1em}svg{border:1px solid #ddd}</style>"
        f"</head><body><h1>Network {html.escape(summary.id)}</h1>"
        f"<p>{summary.reports} reports, {summary.victims} victims; dots are reports, squares "
        f"indicators (size: reports naming it). Hover for values.</p>{note}"
        f"<p>{legend}</p>"
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:.0f}" height="{size:.0f}" '
        f'viewBox="0 0 {size:.0f} {size:.0f}">{"".join(parts)}</svg>'
        f"<h2>Top indicators</h2><ul>{top}</ul></body></html>\n")


def load_network_graph(store: Store, network_id: str,
                       weights: WeightTable | None = None) -> tuple[NetworkSummary, nx.Graph]:
    """Summary and report–indicator graph of one stored network."""
    summary = summarize_network(store, network_id, weights=weights)
    rids = [m.report_id for m in summary.members]
    with store.begin() as conn:
        obs = network_observations(conn, rids)
        supp = {(r.kind, r.value): f"{r.rule}: {r.reason}"
                for r in conn.execute(select(link_suppressions))}
    return summary, network_graph(summary, obs, supp, weights)
