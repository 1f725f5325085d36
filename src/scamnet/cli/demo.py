"""``scamnet demo``: generate the sample corpus, ingest it and show what was found."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from scamnet.cli import main
from scamnet.demo import generate
from scamnet.intake.pipeline import ingest
from scamnet.settings import Settings
from scamnet.store.store import Store


@main.command("demo")
@click.option("--out", "out", default="demo-out", show_default=True,
              type=click.Path(file_okay=False), help="Directory for the corpus and its store.")
@click.option("--seed", default=7, show_default=True, help="Corpus generator seed.")
@click.option("--scale", default=1, show_default=True, help="Corpus size multiplier.")
@click.pass_context
def demo_cmd(ctx: click.Context, out: str, seed: int, scale: int) -> None:
    """Generate a multilingual sample corpus from fictional scam networks, ingest it
    into a fresh store (OUT/scamnet.db unless --db is given) and print a summary."""
    console = Console()
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
    console.print(f"reports: {stats.reports} ({', '.join(f'{k} {n}' for k, n in stats.reports_by_kind.items())})"
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
    expected = corpus.truth.get("quarantine", [])
    console.print(f"quarantined: {len(summary.quarantined)} (the corpus plants {len(expected)} bad "
                  "records on purpose)")
    for q in summary.quarantined:
        console.print(f"  {q}", markup=False)
    if len(summary.quarantined) != len(expected):
        console.print("[red]quarantine differs from the corpus ground truth[/red]")
        sys.exit(6)
