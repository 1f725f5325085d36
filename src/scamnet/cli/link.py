"""CLI: ``scamnet link``, ``networks``, ``network ID`` (thin: calls scamnet.link)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from scamnet.cli import FiniteFloat, main, open_store, output_path, plain_console, printable
from scamnet.engines import ENGINES, get_engine
from scamnet.link import (
    HubRule,
    WeightTable,
    attach_reports,
    link,
    list_networks,
    load_allowlist,
    parse_weight_overrides,
    summarize_network,
)


def _dump(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))


@main.command("link")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where the batch job runs (spark needs the 'spark' extra).")
@click.option("--weight", "weights", multiple=True, metavar="KIND=W",
              help="Override a kind's link weight (repeatable), e.g. --weight domain=0.8.")
@click.option("--strong", type=FiniteFloat(0.0, min_open=True), default=1.0, show_default=True,
              help="Weight at which one shared indicator links two reports outright.")
@click.option("--allowlist", "allowlists", multiple=True, type=click.Path(dir_okay=False),
              help="Extra allowlist TSV (kind, value, exact|suffix, reason); repeatable.")
@click.option("--no-shipped-allowlists", is_flag=True, help="Do not use the shipped allowlists.")
@click.option("--hub-share", type=FiniteFloat(0.0, 1.0, min_open=True), default=0.2,
              show_default=True,
              help="Suppress an indicator named by more than this share of all reports.")
@click.option("--hub-min-reports", type=int, default=25, show_default=True,
              help="...but only once it is named by at least this many reports.")
@click.option("--attach", "attach_only", is_flag=True,
              help="Only attach reports not yet in a network (incremental, no re-clustering).")
@click.option("--json", "as_json", is_flag=True, help="Print the run as JSON.")
@click.pass_context
def link_cmd(ctx: click.Context, engine: str, weights: tuple[str, ...], strong: float,
             allowlists: tuple[str, ...], no_shipped_allowlists: bool, hub_share: float,
             hub_min_reports: int, attach_only: bool, as_json: bool) -> None:
    """Link reports into networks through shared infrastructure."""
    table = WeightTable(strong=strong).with_overrides(parse_weight_overrides(weights))
    allow = load_allowlist([Path(p) for p in allowlists], shipped=not no_shipped_allowlists)
    hub = HubRule(share=hub_share, min_reports=hub_min_reports)
    with open_store(ctx) as store:
        if attach_only:
            done = attach_reports(store, weights=table, allowlist=allow, hub=hub)
            if as_json:
                _dump({"attached": [a.to_json() for a in done]})
            else:
                for how in ("new", "joined", "merged"):
                    n = sum(1 for a in done if a.how == how)
                    click.echo(f"{how:7} {n}")
            return
        run = link(store, weights=table, allowlist=allow, hub=hub, engine=get_engine(engine))
    if as_json:
        _dump(run.to_json())
        return
    s = run.result.stats
    if run.message:
        click.echo(run.message)
    click.echo(f"run {run.run_id} ({run.result.engine}): {s.reports} reports, "
               f"{s.linked_networks} networks of 2+ reports (largest {s.largest_network}), "
               f"{s.networks - s.linked_networks} unlinked reports, {s.suppressed} suppressed "
               f"indicators, {len(run.ids.new)} new ids, {len(run.ids.events)} merge/split events")
    for sup in run.result.suppressed[:10]:
        click.echo(printable(f"  suppressed {sup.kind}:{sup.value} ({sup.reports} reports): "
                             f"{sup.reason}", one_line=True))


@main.command("networks")
@click.option("--min-reports", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only networks of at least this many reports.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="At most this many networks (default: all).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per network per line.")
@click.pass_context
def networks_cmd(ctx: click.Context, min_reports: int, limit: int | None, as_json: bool) -> None:
    """Networks found by the last link run, biggest first."""
    with open_store(ctx) as store:
        rows = list_networks(store, min_reports=min_reports, limit=limit)
    if as_json:
        for r in rows:
            _dump(r.to_json())
        return
    if not rows:
        click.echo("no networks yet: run `scamnet link` after ingesting evidence")
        return
    table = Table("network", "reports", "anchor report", "since run")
    for r in rows:
        table.add_row(r.id, str(r.reports), printable(r.anchor_report), str(r.created_run))
    plain_console().print(table)


@main.command("network")
@click.argument("network_id")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--graphml", type=click.Path(dir_okay=False), callback=output_path,
              help="Write the graph as GraphML.")
@click.option("--gexf", type=click.Path(dir_okay=False), callback=output_path,
              help="Write the graph as GEXF (Gephi).")
@click.option("--html", type=click.Path(dir_okay=False), callback=output_path,
              help="Write a self-contained HTML picture of the network.")
@click.pass_context
def network_cmd(ctx: click.Context, network_id: str, as_json: bool, graphml: str | None,
                gexf: str | None, html: str | None) -> None:
    """One network: reports, victims, losses, top indicators and why each report is in it."""
    with open_store(ctx) as store:
        if graphml or gexf or html:
            # networkx is only needed for these exports; import it here.
            from scamnet.link.export import (
                load_network_graph,
                render_html,
                write_gexf,
                write_graphml,
            )

            summary, graph = load_network_graph(store, network_id)
            if graphml:
                write_graphml(graph, Path(graphml))
            if gexf:
                write_gexf(graph, Path(gexf))
            if html:
                Path(html).write_text(render_html(graph, summary), encoding="utf-8")
        else:
            summary = summarize_network(store, network_id)
    if as_json:
        _dump(summary.to_json())
        return
    if summary.id != summary.requested_id:
        click.echo(f"{summary.requested_id} was merged into {summary.id}")
    click.echo(f"network {summary.id}: {summary.reports} reports, {summary.victims} victims")
    click.echo(f"  seen       {summary.first_seen or '?'} .. {summary.last_seen or '?'}")
    click.echo(f"  languages  {', '.join(f'{k} {v}' for k, v in summary.languages.items())}")
    click.echo(f"  countries  {', '.join(f'{k} {v}' for k, v in summary.countries.items())}")
    losses = ", ".join(f"{format(v.normalize(), ',f')} {k}" for k, v in summary.losses.items())
    click.echo(f"  losses     {losses or '-'}")
    if summary.stages:
        click.echo(f"  stages     {', '.join(f'{k} {v}' for k, v in summary.stages.items())}")
    click.echo("  top indicators:")
    for i in summary.top_indicators:
        flag = f"  [suppressed: {i.suppressed}]" if i.suppressed else ""
        click.echo(printable(f"    {i.reports:5}  {i.kind}:{i.value}{flag}", one_line=True))
    click.echo("  reports (why: chain of shared indicators from the anchor):")
    for m in summary.members:
        click.echo(printable(f"    {m.report_id}: {' -> '.join(m.why) or '(anchor)'}",
                             one_line=True))


@main.command("eval-links")
@click.option("--seed", default=7, show_default=True, help="Demo corpus seed.")
@click.option("--scale", default=1, show_default=True, help="Demo corpus size multiplier.")
@click.option("--analyze/--no-analyze", default=True, show_default=True,
              help="Run the analysis stage first, so shared script templates take part.")
@click.option("--json", "as_json", is_flag=True, help="Print scores and networks as JSON.")
def eval_links_cmd(seed: int, scale: int, analyze: bool, as_json: bool) -> None:
    """Link the demo corpus in a scratch store and score it against its ground truth."""
    import tempfile

    from scamnet.demo import generate
    from scamnet.intake.pipeline import ingest
    from scamnet.link.evaluate import evaluate_demo
    from scamnet.settings import Settings
    from scamnet.store.store import Store

    corpus = generate(seed=seed, scale=scale)
    with tempfile.TemporaryDirectory(prefix="scamnet-eval-") as tmp:
        root = Path(tmp)
        for rel, data in corpus.files:
            (root / "corpus" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "corpus" / rel).write_bytes(data)
        with Store.open(str(root / "eval.db")) as store:
            ingest(store, [root / "corpus"], Settings.from_env())
            if analyze:
                from scamnet.analyze.runs import analyze_store

                analyze_store(store)
            link(store)
            result = evaluate_demo(store, corpus.truth)
    if as_json:
        _dump(result.to_json())
        return
    s = result.scores
    click.echo(f"demo seed {seed} scale {scale}: {s.items} reports scored "
               f"({len(result.not_in_store)} in the truth but not stored, e.g. quarantined)")
    click.echo(f"pairwise precision {s.pairwise_precision:.4f}  recall {s.pairwise_recall:.4f}  "
               f"F1 {s.pairwise_f1:.4f}")
    click.echo(f"B-cubed   precision {s.bcubed_precision:.4f}  recall {s.bcubed_recall:.4f}  "
               f"F1 {s.bcubed_f1:.4f}")
    click.echo("found networks (2+ reports) and the true networks of their reports:")
    for f in result.found:
        click.echo(f"  {f.network_id}  {f.reports:4}  "
                   + ", ".join(f"{k} {v}" for k, v in f.truth.items()))
