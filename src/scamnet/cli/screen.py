"""Screening commands: ``screen`` and ``lists`` (load, diff)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from scamnet.cli import FiniteFloat, main, open_store, plain_console, printable
from scamnet.errors import InputProblem, InvalidInputError
from scamnet.screen.cache import cache_dir_for
from scamnet.screen.index import Match
from scamnet.screen.ofac import load_sdn_csv
from scamnet.screen.screening import (
    DEFAULT_THRESHOLD,
    read_batch,
    screen_batch,
    screen_identifier,
    screen_name,
)
from scamnet.screen.snapshots import diff_snapshots, list_snapshots, load_index, save_snapshot
from scamnet.screen.store_scan import StoreHit, screen_store
from scamnet.screen.watchlist import FORMATS, detect_format, load_list


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read {path}: {exc.strerror}") from None


def _print_matches(matches: list[Match]) -> None:
    console = plain_console()
    if not matches:
        console.print("no matches")
        return
    table = Table("score", "list", "entity", "name", "matched", "why")
    for m in matches:
        why = "; ".join(f"{f.name} {f.effect:+.2f}" if f.name != "name" else
                        f"name {f.effect:.2f}" for f in m.features)
        table.add_row(f"{m.score:.3f}", m.list, printable(m.entity_id), printable(m.name),
                      printable(m.matched_name), why)
    console.print(table)


def _print_store_hits(hits: list[StoreHit], as_json: bool) -> None:
    if as_json:
        for hit in hits:
            click.echo(json.dumps(hit.to_json(), ensure_ascii=False))
        return
    if not hits:
        click.echo("no stored wallet, phone, domain or IBAN is on the loaded lists")
        return
    table = Table("kind", "value", "list", "entity", "name", "reports", "networks")
    for h in hits:
        table.add_row(h.kind, printable(h.value), h.match.list, printable(h.match.entity_id),
                      printable(h.match.name),
                      str(len(h.reports)), ", ".join(h.networks))
    plain_console().print(table)


@main.command()
@click.argument("name", required=False)
@click.option("--type", "type_", type=click.Choice(["person", "company"]), default=None)
@click.option("--dob", default=None, help="Date of birth: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--country", default=None, help="Nationality or country (ISO code or name).")
@click.option("--wallet", default=None, help="A crypto address (chain from its form).")
@click.option("--chain", default=None, help="Chain of --wallet when its form is ambiguous.")
@click.option("--phone", default=None, help="A phone number (E.164, or national with --country).")
@click.option("--domain", default=None, help="A domain, URL or e-mail address.")
@click.option("--iban", default=None)
@click.option("--batch", "batch", default=None, metavar="FILE",
              help="Screen every row of a CSV (header) or JSONL file.")
@click.option("--store", "whole_store", is_flag=True,
              help="Screen every valid wallet, phone, domain and IBAN in the store against "
                   "the lists; each hit names its reports and networks.")
@click.option("--list", "lists", multiple=True, help="Only these lists (default: all).")
@click.option("--threshold", type=FiniteFloat(0.0, 1.0), default=DEFAULT_THRESHOLD,
              show_default=True, help="Lowest name-match score reported (0 to 1).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Most matches per name.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes for --batch.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (docs/screening.md).")
@click.option("--no-cache", is_flag=True,
              help="Rebuild the list index instead of reading its cache (kept next to an "
                   "SQLite store, keyed by snapshot and matcher version).")
@click.pass_context
def screen(ctx: click.Context, name: str | None, type_: str | None, dob: str | None,
           country: str | None, wallet: str | None, chain: str | None, phone: str | None,
           domain: str | None, iban: str | None, batch: str | None, whole_store: bool,
           lists: tuple[str, ...], threshold: float, limit: int, workers: int, as_json: bool,
           no_cache: bool) -> None:
    """Screen a NAME, wallet, phone, domain or IBAN against the loaded lists
    and the store's own reports."""
    idents = {"wallet": wallet, "phone": phone, "domain": domain, "iban": iban}
    if name is None and not batch and not whole_store and not any(idents.values()):
        raise click.UsageError("give a NAME, --wallet, --phone, --domain, --iban, --batch "
                               "or --store")
    with open_store(ctx) as store:
        cache = None if no_cache else cache_dir_for(store.engine.url)
        if whole_store:
            # Only the lists: the store's own watchlists would find all of it in itself.
            hits = screen_store(store, load_index(store, lists or None, sources=[],
                                                  cache_dir=cache))
            _print_store_hits(hits, as_json)
            return
        index = load_index(store, lists or None, cache_dir=cache)
    if batch:
        # Unreadable lines are skipped and all named at the end (exit 2), as
        # classify does; the readable ones are screened all the same.
        skipped: list[InputProblem] = []
        rows = read_batch(_read(batch), batch, problems=skipped)
        for result in screen_batch(index, rows, limit=limit, threshold=threshold,
                                   workers=workers):
            if as_json:
                click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            else:
                status = "; ".join(result.errors) or f"{len(result.matches)} match(es)"
                best = max(result.matches, key=lambda m: m.score, default=None)
                click.echo(printable(f"line {result.line}: {status}" + (
                    f"; best {best.score:.3f} {best.entity_id} {best.name}" if best else ""),
                    one_line=True))
        if skipped:
            raise InvalidInputError(f"{len(skipped)} batch line(s) skipped", skipped)
        return
    matches: list[Match] = []
    if name is not None:
        matches.extend(screen_name(index, name, type=type_, dob=dob, country=country,
                                   limit=limit, threshold=threshold))
    for kind, value in idents.items():
        if value:
            matches.extend(screen_identifier(index, kind, value, chain=chain, country=country))
    if as_json:
        click.echo(json.dumps([m.to_json() for m in matches], ensure_ascii=False, indent=2))
    else:
        _print_matches(matches)


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def lists(ctx: click.Context, as_json: bool) -> None:
    """Sanctions lists and watchlists in the store (newest version of each)."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(ctx) as store:
        snaps = list_snapshots(store)
    newest = {s.list_name: s for s in snaps}
    if as_json:
        click.echo(json.dumps([s.to_json() for s in newest.values()], indent=2))
        return
    if not newest:
        click.echo("no lists loaded; use: scamnet lists load FILE --name NAME")
        return
    table = Table("list", "version", "entities", "quarantined", "format", "loaded", "source")
    for s in newest.values():
        table.add_row(s.list_name, str(s.version), str(s.entity_count), str(s.quarantined_count),
                      s.format, s.loaded_at.strftime("%Y-%m-%d %H:%M"),
                      printable(s.source_path, one_line=True))
    plain_console().print(table)


@lists.command("load")
@click.argument("file")
@click.option("--name", "list_name", required=True, help="The list's name (versions accrue).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Default: detected from the file.")
@click.option("--add", "add_file", default=None, help="OFAC add.csv to join (ofac-csv).")
@click.option("--alt", "alt_file", default=None, help="OFAC alt.csv to join (ofac-csv).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def lists_load(ctx: click.Context, file: str, list_name: str, fmt: str | None,
               add_file: str | None, alt_file: str | None, as_json: bool) -> None:
    """Load a list FILE (OFAC sdn.csv / SDN.XML, FtM JSON lines, CSV) as a new snapshot."""
    data = _read(file)
    if (add_file or alt_file) and (fmt or detect_format(data, file)) == "ofac-csv":
        result = load_sdn_csv(data, file, add=_read(add_file) if add_file else None,
                              alt=_read(alt_file) if alt_file else None)
    else:
        result = load_list(data, file, fmt)
    with open_store(ctx) as store:
        info = save_snapshot(store, list_name, result, source_path=file, data=data)
    if as_json:
        out = info.to_json()
        out["quarantine"] = [{"path": q.path, "line": q.line, "field": q.field,
                              "reason": q.reason} for q in result.quarantined]
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"{info.list_name} v{info.version}: {info.entity_count} entities "
               f"({result.format}), {info.quarantined_count} quarantined, "
               f"{result.skipped} skipped")
    for q in result.quarantined[:20]:
        click.echo(printable(f"  quarantined {q}", one_line=True), err=True)
    if len(result.quarantined) > 20:
        click.echo(f"  … and {len(result.quarantined) - 20} more", err=True)


@lists.command("diff")
@click.argument("list_name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def lists_diff(ctx: click.Context, list_name: str, as_json: bool) -> None:
    """Entities added, removed and changed in the newest snapshot of LIST_NAME."""
    with open_store(ctx) as store:
        diff = diff_snapshots(store, list_name)
    if as_json:
        click.echo(json.dumps(diff.to_json(), indent=2, ensure_ascii=False))
        return
    old = f"v{diff.old_version}" if diff.old_version else "nothing"
    click.echo(f"{list_name}: {old} -> v{diff.new_version}: {len(diff.added)} added, "
               f"{len(diff.removed)} removed, {len(diff.changed)} changed")
    for e in diff.added:
        click.echo(printable(f"  + {e.id} {e.name}", one_line=True))
    for e in diff.removed:
        click.echo(printable(f"  - {e.id} {e.name}", one_line=True))
    for _old, new in diff.changed:
        click.echo(printable(f"  ~ {new.id} {new.name}", one_line=True))
