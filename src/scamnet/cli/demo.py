"""``scamnet demo``: generate the sample corpus, ingest it and show what was found."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from scamnet.cli import main
from scamnet.settings import Settings
from scamnet.store.store import Store

if TYPE_CHECKING:
    from scamnet.demo.sanctions import DemoSanctions
    from scamnet.link.evaluate import DemoEvaluation
    from scamnet.link.summary import NetworkSummary


@main.command("demo")
@click.option("--out", "out", default="demo-out", show_default=True,
              type=click.Path(file_okay=False), help="Directory for the corpus and its store.")
@click.option("--seed", default=7, show_default=True, help="Corpus generator seed.")
@click.option("--scale", default=1, show_default=True, help="Corpus size multiplier.")
@click.pass_context
def demo_cmd(ctx: click.Context, out: str, seed: int, scale: int) -> None:
    """Generate a multilingual sample corpus from fictional scam networks, ingest it
    into a fresh store (OUT/scamnet.db unless --db is given) and print a summary."""
    # Imported here, not at the top: every other command would pay for them.
    from scamnet.analyze import analyze_store, summarize_analysis
    from scamnet.demo import generate
    from scamnet.demo.sanctions import screen_demo_store
    from scamnet.intake.pipeline import ingest
    from scamnet.link import link
    from scamnet.link.evaluate import evaluate_demo
    from scamnet.link.summary import list_networks, summarize_network

    console = Console()
    if not console.is_terminal:
        console = Console(width=120)
    outdir = Path(out)
    corpus_dir = outdir / "corpus"
    if corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    corpus = generate(seed=seed, scale=scale)
    corpus.write(corpus_dir, truth_path=outdir / "truth.json")
    db = ctx.find_root().obj.get("db")
    if db is None:
        db_path = outdir / "scamnet.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        db = str(db_path)
    settings = Settings.from_env()
    console.print(f"[bold]ScamNet demo[/bold]: corpus seed {seed} written to {corpus_dir} "
                  f"({len(corpus.files)} files); store {db}")
    with Store.open(db) as store:
        summary = ingest(store, [corpus_dir], settings)
        stats = store.stats()
        top = store.indicator_counts()[:10]
        # The sentence encoder of the stage model is most of the demo's time;
        # on a machine with two cores or more two encoder processes halve it.
        analyze_store(store, workers=min(2, os.cpu_count() or 1))
        analysis = summarize_analysis(store, top=5)
        link(store)
        evaluation = evaluate_demo(store, corpus.truth)
        networks = [summarize_network(store, n.id, top=3) for n in list_networks(store)]
        sanctions = screen_demo_store(store)
    by_kind = ", ".join(f"{k} {n}" for k, n in stats.reports_by_kind.items())
    console.print(f"reports: {stats.reports} ({by_kind})"
                  f"  messages: {stats.messages}  evidence files: {stats.evidence}")
    table = Table("indicator kind", "distinct", "seen", title="Indicators")
    seen_by_kind = summary.indicators_by_kind
    for kind, n in stats.indicators_by_kind.items():
        table.add_row(kind, str(n), str(seen_by_kind.get(kind, 0)))
    console.print(table)
    shared = Table("kind", "value", "reports", title="Most shared indicators")
    for row in top:
        shared.add_row(row.kind, row.value, str(row.reports))
    console.print(shared)
    _print_analysis(console, analysis)
    _print_networks(console, networks, evaluation)
    _print_sanctions(console, sanctions, corpus.truth, evaluation)
    expected = corpus.truth.get("quarantine", [])
    console.print(f"quarantined: {len(summary.quarantined)} (the corpus plants {len(expected)} bad "
                  "records on purpose)")
    for q in summary.quarantined:
        console.print(f"  {q}", markup=False)
    if len(summary.quarantined) != len(expected):
        console.print("[red]quarantine differs from the corpus ground truth[/red]")
        sys.exit(6)


def _print_analysis(console: Console, analysis: dict[str, Any]) -> None:
    types = ", ".join(f"{k} {v}" for k, v in sorted(analysis["by_type"].items(),
                                                   key=lambda kv: -kv[1]))
    stages = ", ".join(f"{k} {v}" for k, v in analysis["by_stage"].items() if k != "none")
    models = ", ".join(f"{k} {v}" for k, v in analysis["models"].items())
    console.print(f"[bold]Analysis[/bold] ({models}):"
                  f" {analysis['reports']} reports, {analysis['high_risk_reports']} at risk >= 80")
    console.print(f"  scam types: {types}")
    console.print(f"  conversation stages: {stages or 'none'}")
    table = Table("reports", "messages", "reused script (masked)", title="Top reused scripts")
    for tpl in analysis["templates"]:
        table.add_row(str(tpl["n_reports"]), str(tpl["n_members"]), tpl["text"][:90])
    console.print(table)


def _print_networks(console: Console, networks: list[NetworkSummary],
                    evaluation: DemoEvaluation) -> None:
    table = Table("network", "reports", "languages", "losses", "top indicator",
                  "ground truth", title="Networks found (vs the generator's ground truth)")
    for net in networks:
        langs = ", ".join(sorted(net.languages))
        ranked = sorted(net.losses.items(),
                        key=lambda kv: (kv[0] not in ("USDT", "USD"), kv[0]))
        losses = ", ".join(f"{format(v.normalize(), ',f')} {k}" for k, v in ranked[:2])
        if len(ranked) > 2:
            losses += f" +{len(ranked) - 2} currencies"
        top = net.top_indicators[0].value if net.top_indicators else ""
        truth = ", ".join(f"{k} x{v}" for k, v in evaluation.truth_of(net.id).items())
        table.add_row(net.id, str(net.reports), langs, losses, top[:20], truth)
    console.print(table)
    sc = evaluation.scores
    console.print(f"linking vs ground truth: pairwise precision {sc.pairwise_precision:.3f}, "
                  f"recall {sc.pairwise_recall:.3f}; B-cubed F1 {sc.bcubed_f1:.3f}")


def _print_sanctions(console: Console, sanctions: DemoSanctions, truth: dict[str, Any],
                     evaluation: DemoEvaluation) -> None:
    console.print(f"[bold]Sanctions screening[/bold]: list {sanctions.list_name} (bundled OFAC "
                  f"SDN excerpt, 2026-04: {sanctions.entities} entities, {sanctions.wallets} "
                  f"wallets; {len(sanctions.quarantined)} cut address quarantined)")
    for hit in sanctions.hits:
        nets = ", ".join(f"{n} ({'/'.join(evaluation.truth_of(n)) or '?'})"
                         for n in hit.networks) or "no network"
        console.print(f"  {hit.kind} {hit.value}: {hit.match.name} [{hit.match.list}, "
                      f"{hit.match.entity_id}], named in {len(hit.reports)} report(s), {nets}",
                      markup=False, soft_wrap=True)
    planted = sorted(w for n in truth.get("networks", []) for w in n.get("sanctioned_wallets", []))
    found = sorted({h.value for h in sanctions.hits if h.kind == "wallet"})
    if not sanctions.hits:
        console.print("  no stored indicator is on the list")
    console.print(f"  the corpus plants {len(planted)} listed wallet(s); found "
                  f"{len(set(planted) & set(found))}")

