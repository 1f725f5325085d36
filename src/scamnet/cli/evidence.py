"""Evidence commands: ingest, extract, indicators, show, quarantine, export, kinds, demo."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from scamnet.cli import (
    EXIT_QUARANTINED,
    known_kind,
    known_reader,
    main,
    open_store,
    output_path,
    plain_console,
    printable,
)
from scamnet.errors import ConfigError
from scamnet.model.indicators import iter_kinds
from scamnet.settings import Settings, phone_region
from scamnet.share.export import EXPORT_FORMATS, export_lines, report_json

if TYPE_CHECKING:
    # Loaded by the commands that use them, so `kinds` or `export` do not wait
    # for the extraction tables, the store and the graph code to load.
    from scamnet.intake.pipeline import IngestEvent, IngestSummary
    from scamnet.link import Attachment
    from scamnet.model.records import Quarantined
    from scamnet.store.store import Store


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return phone_region(value)  # the same rule as SCAMNET_COUNTRY
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--country") from None


def _print_summary(console: Console, summary: IngestSummary) -> None:
    console.print(f"files: {summary.files}  new evidence: {summary.new_evidence}  "
                  f"already stored: {summary.duplicate_evidence}  reports: {summary.reports}  "
                  f"indicators: {summary.observations}  quarantined: {len(summary.quarantined)}")
    if summary.indicators_by_kind:
        console.print("indicators by kind: " + ", ".join(
            f"{k} {n}" for k, n in sorted(summary.indicators_by_kind.items())))
    if summary.by_format.get("media"):
        console.print(f"media files stored as evidence (not read): {summary.by_format['media']}")


def run_ingest(ctx: click.Context, paths: tuple[str, ...], country: str | None,
               fmt: str | None, as_json: bool, attach: bool = True,
               tz: str | None = None, workers: int = 1,
               date_order: str | None = None) -> IngestSummary:
    from scamnet.intake.pipeline import ingest, iter_disk_bytes

    settings = Settings.from_env()
    err = Console(stderr=True)
    with open_store(ctx) as store:
        total = iter_disk_bytes(paths)
        with Progress(TextColumn("ingest"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                      TextColumn("{task.fields[reports]} reports"), console=err,
                      disable=as_json or not err.is_terminal, transient=True) as bar:
            task = bar.add_task("ingest", total=total or None, reports=0)
            count = 0

            def step(ev: IngestEvent) -> None:
                nonlocal count
                count += ev.reports
                bar.update(task, advance=ev.disk_bytes, reports=count)

            summary = ingest(store, paths, settings, country=country, format=fmt, tz=tz,
                             workers=workers, date_order=date_order, progress=step)
        attached = _attach_new(store) if attach and summary.reports else []
    _report(summary.quarantined, "quarantined", summary.to_json(), attached, as_json,
            lambda: _print_summary(plain_console(), summary))
    return summary


def _report(problems: list[Quarantined], label: str, data: dict[str, object],
            attached: list[Attachment], as_json: bool, print_text: Callable[[], None]) -> None:
    """What ingest and retry print: one stderr line per record still quarantined,
    then the summary as JSON (with the attachments) or as text."""
    for q in problems:
        click.echo(f"{label}: {printable(str(q), one_line=True)}", err=True)
    if as_json:
        data["attached"] = [a.to_json() for a in attached]
        click.echo(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return
    print_text()
    if attached:
        how = Counter(a.how for a in attached)
        click.echo("networks: " + ", ".join(f"{n} {k}" for k, n in sorted(how.items())))


def _attach_new(store: Store) -> list[Attachment]:
    """Attach new reports to the store's networks, once a ``scamnet link`` has made some;
    before that there is nothing to attach to."""
    from scamnet.link import attach_reports, list_networks

    if not list_networks(store, min_reports=1, limit=1):
        return []
    return attach_reports(store)


#: The options with which evidence is read, shared by ingest and retry-quarantined.
_READING_OPTIONS = (
    click.option("--country", help="Region hint (ISO 3166 alpha-2) for national phone numbers."),
    click.option("--tz", help="IANA time zone (Asia/Bangkok) of times the evidence writes "
                 "without one, such as WhatsApp exports; default UTC, or SCAMNET_TZ."),
    click.option("--date-order",
                 type=click.Choice(["DMY", "MDY", "YMD"], case_sensitive=False),
                 help="Read report dates that are not ISO 8601 (12/03/2025) in this order; "
                 "without it they are quarantined."),
    click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                 help="Processes for indicator extraction (one writer either way)."),
    click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON."),
    click.option("--attach/--no-attach", default=True, show_default=True,
                 help="Attach new reports to existing networks (after a first "
                 "`scamnet link`)."),
)


def _reading_options(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_READING_OPTIONS):
        func = option(func)
    return func


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", callback=known_reader,
              help="Force a reader instead of detecting the format.")
@_reading_options
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], country: str | None,
               fmt: str | None, tz: str | None, date_order: str | None, workers: int,
               as_json: bool, attach: bool) -> None:
    """Store evidence files, directories and zip archives, and extract indicators.

    Exits 6 when any record was quarantined (each is printed on stderr).
    """
    summary = run_ingest(ctx, paths, _country(country), fmt, as_json, attach, tz, workers,
                         date_order)
    if summary.quarantined:
        sys.exit(EXIT_QUARANTINED)


@main.command("extract")
@click.argument("file", default="-", type=click.File("rb"))
@click.option("--country", help="Region hint (ISO 3166 alpha-2) for national phone numbers.")
@click.option("--kind", "kinds", multiple=True, callback=known_kind,
              help="Only these indicator kinds (repeatable).")
@click.option("--platform", help="Platform the text was written on (telegram: a bare @name "
              "is a Telegram handle).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per indicator per line.")
def extract_cmd(file: BinaryIO, country: str | None, kinds: tuple[str, ...],
                platform: str | None, as_json: bool) -> None:
    """Find indicators in a text (FILE or stdin); no store is used."""
    from scamnet.extract import extract as extract_text
    from scamnet.textfiles import decode_text

    hint = _country(country)
    # A UTF-16 or GB18030 file is read as its text, and binary data is refused
    # rather than searched as mojibake, by the rule classify applies too.
    text = decode_text(file.read(), getattr(file, "name", "-"))
    for ind in extract_text(text, country=hint, kinds=kinds or None, platform=platform):
        if as_json:
            click.echo(json.dumps(ind.to_json(), ensure_ascii=False, sort_keys=True))
        else:
            flag = "" if ind.valid else "  (invalid)"
            click.echo(f"{ind.kind:9} {ind.value}  [{ind.start}:{ind.end}]{flag}")


@main.command("indicators")
@click.option("--kind", callback=known_kind, help="Only this indicator kind.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per indicator per line.")
@click.pass_context
def indicators_cmd(ctx: click.Context, kind: str | None, as_json: bool) -> None:
    """Stored indicators with the number of reports that name them."""
    with open_store(ctx) as store:
        rows = store.indicator_counts(kind)
    if as_json:
        for r in rows:
            click.echo(json.dumps({"kind": r.kind, "value": r.value, "valid": r.valid,
                                   "reports": r.reports, "observations": r.observations,
                                   "attrs": dict(sorted(r.attrs.items()))},
                                  ensure_ascii=False, sort_keys=True))
        return
    table = Table("kind", "value", "valid", "reports", "seen")
    for r in rows:
        table.add_row(r.kind, printable(r.value), "yes" if r.valid else "NO", str(r.reports),
                      str(r.observations))
    plain_console().print(table)


@main.command("show")
@click.argument("report_id")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def show_cmd(ctx: click.Context, report_id: str, as_json: bool) -> None:
    """One report with its evidence and indicators."""
    with open_store(ctx) as store:
        stored = store.get_report(report_id)
    data = report_json(stored)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2))
        return
    console = plain_console()
    ev = data["evidence"]
    assert isinstance(ev, dict)
    console.print(printable(f"{data['id']} ({data['kind']}) from {ev['path']} "
                            f"(sha256 {str(ev['sha256'])[:16]}…, line {ev['line']})"),
                  style="bold", highlight=False)
    for key in ("reported_at", "reporter_country", "language", "platform", "amount_lost",
                "currency"):
        if data[key] is not None:
            console.print(printable(f"  {key}: {data[key]}"))
    if data["narrative"]:
        console.print(printable(f"  narrative: {data['narrative']}"))
    for m in stored.report.messages:
        who = m.sender or ("system" if m.system else "?")
        console.print(printable(f"  [{m.index}] {who}: {m.text}"))
    table = Table("kind", "value", "valid", "where", "raw")
    for o in stored.observations:
        where = o.field if o.field_index is None else f"{o.field}[{o.field_index}]"
        table.add_row(o.kind, printable(o.value), "yes" if o.valid else "NO",
                      f"{where} {o.start}-{o.end}", printable(o.raw))
    console.print(table)


@main.command("quarantine")
@click.option("--all", "include_resolved", is_flag=True,
              help="Also the records a retry has since parsed (resolved).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per record per line.")
@click.pass_context
def quarantine_cmd(ctx: click.Context, include_resolved: bool, as_json: bool) -> None:
    """Records that could not be parsed, with where they were and why."""
    with open_store(ctx) as store:
        rows = store.quarantined(include_resolved=include_resolved)
    for q in rows:
        if as_json:
            resolved = q.resolved_at.isoformat() if q.resolved_at else None
            click.echo(json.dumps({"id": q.id, "path": q.path, "line": q.line, "offset": q.offset,
                                   "field": q.field, "record_id": q.record_id,
                                   "reason": q.reason, "evidence_sha256": q.evidence_sha256,
                                   "raw": q.raw.decode("utf-8", "replace"),
                                   "resolved_at": resolved, "resolution": q.resolution},
                                  ensure_ascii=False, sort_keys=True))
        else:
            where = q.path + (f":{q.line}" if q.line is not None else
                              f"@{q.offset}" if q.offset is not None else "")
            done = f"\tresolved: {q.resolution}" if q.resolution else ""
            click.echo(printable(f"{q.id}\t{where}\t{q.reason}{done}", one_line=True))


@main.command("retry-quarantined")
@click.option("--evidence", "evidence", metavar="SHA",
              help="Only this evidence file (SHA-256 or a prefix of 8+ hex digits).")
@click.option("--format", "fmt", metavar="NAME", callback=known_reader,
              help="Read the --evidence file with this reader (`ingest --format` names), "
                   "for a file ingested with the wrong --format.")
@_reading_options
@click.pass_context
def retry_cmd(ctx: click.Context, evidence: str | None, fmt: str | None, country: str | None,
              tz: str | None, date_order: str | None, workers: int, as_json: bool,
              attach: bool) -> None:
    """Parse stored evidence again for its quarantined records, with these options.

    Records that now parse become reports and their quarantine records are
    marked resolved (kept: `scamnet quarantine --all`). Reports already stored
    are not touched. With --format, a file that has given no report yet is
    read whole by that reader. Exits 6 when records remain quarantined.
    """
    from scamnet.intake.retry import retry_quarantined

    settings = Settings.from_env()
    if fmt is not None and evidence is None:
        raise click.UsageError("--format needs --evidence SHA: a format is read into one file "
                               "(`scamnet evidence list` shows them)")
    with open_store(ctx) as store:
        sha = store.resolve_evidence(evidence) if evidence is not None else None
        summary = retry_quarantined(store, settings, country=_country(country), tz=tz,
                                    date_order=date_order, workers=workers, evidence=sha,
                                    format=fmt)
        attached = _attach_new(store) if attach and summary.reports else []
    _report(summary.still, "still quarantined", summary.to_json(), attached, as_json,
            lambda: click.echo(
                f"evidence parsed again: {summary.evidence}  reports added: {summary.reports}  "
                f"indicators: {summary.observations}  resolved: {summary.resolved}  "
                f"still quarantined: {len(summary.still)}"))
    if summary.still:
        sys.exit(EXIT_QUARANTINED)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl",
              show_default=True, help="jsonl: reports; csv: one row per indicator seen; "
              "ftm: FollowTheMoney entities.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              callback=output_path, help="Write to this file instead of stdout.")
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the store's reports and indicators."""
    with open_store(ctx) as store:
        if output is None:
            for line in export_lines(store, fmt):
                sys.stdout.write(line)
        else:
            with Path(output).open("w", encoding="utf-8", newline="") as fh:
                fh.writelines(export_lines(store, fmt))


@main.command("kinds")
@click.option("--json", "as_json", is_flag=True)
def kinds_cmd(as_json: bool) -> None:
    """The indicator kinds ScamNet extracts."""
    for k in iter_kinds():
        if as_json:
            click.echo(json.dumps({"name": k.name, "label": k.label,
                                   "description": k.description, "ftm_schema": k.ftm_schema,
                                   "ftm_property": k.ftm_property}, ensure_ascii=False))
        else:
            click.echo(f"{k.name:10} {k.label}")


@main.group("evidence")
def evidence_group() -> None:
    """The stored evidence files, byte for byte (chain of custody)."""


@evidence_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file per line.")
@click.pass_context
def evidence_list(ctx: click.Context, as_json: bool) -> None:
    """Every stored evidence file: SHA-256, size, original path, format, counts."""
    with open_store(ctx) as store:
        files = store.list_evidence()
    if as_json:
        for info in files:
            click.echo(json.dumps(info.to_json(), ensure_ascii=False, sort_keys=True))
        return
    table = Table("sha256", "bytes", "format", "reports", "quarantined", "ingested", "path")
    for info in files:
        table.add_row(info.sha256[:16], f"{info.size:,}", info.format, str(info.reports),
                      str(info.quarantined), info.ingested_at.strftime("%Y-%m-%d %H:%M"),
                      printable(info.path, one_line=True))
    plain_console().print(table)


@evidence_group.command("get")
@click.argument("sha256")
@click.option("-o", "--out", type=click.Path(dir_okay=False, writable=True),
              callback=output_path,
              help="Write to this file (refused if it exists) instead of standard output.")
@click.pass_context
def evidence_get(ctx: click.Context, sha256: str, out: str | None) -> None:
    """Write the stored bytes of one evidence file (SHA-256 or an 8+ digit prefix).

    The bytes are checked against their SHA-256 first; a mismatch exits 5.
    """
    with open_store(ctx) as store:
        ev = store.verified_evidence(store.resolve_evidence(sha256))
    if out is None:
        sys.stdout.buffer.write(ev.data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(out, "xb") as fh:
            fh.write(ev.data)
    except FileExistsError:
        raise click.UsageError(f"{out} exists; not overwriting evidence output") from None
    click.echo(f"{ev.sha256}  {out}  ({len(ev.data):,} bytes, from {ev.path})", err=True)

