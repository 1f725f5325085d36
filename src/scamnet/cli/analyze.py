"""CLI: ``scamnet classify``, ``stage``, ``analyze``, ``train``, ``eval`` (thin adapters)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click
import orjson

from scamnet.cli import EXIT_QUARANTINED, known_reader, main, open_store, printable
from scamnet.errors import InputProblem, InvalidInputError

if TYPE_CHECKING:
    from scamnet.analyze.inputs import TextLine

#: One encoder for every JSON line: ``json.dumps`` with non-default options
#: builds a new encoder per call, a fifth of the cost of a classify line.
_JSON = json.JSONEncoder(ensure_ascii=False, default=str)


def _dump(data: object) -> None:
    click.echo(_JSON.encode(data))


@main.command("classify")
@click.argument("file", type=click.File("rb"), default="-")
@click.option("--json", "as_json", is_flag=True, help="One JSON result per input line.")
@click.option("--reasons", type=click.IntRange(min=0), default=5, show_default=True,
              help="Reasons per result.")
def classify_cmd(file: IO[bytes], as_json: bool, reasons: int) -> None:
    """Classify texts: one per line, or JSON objects with a "text" field ('-' = stdin).

    Binary data (a photo, an archive) is refused, exit 2; bad lines are
    listed on stderr after the results of the good ones, exit 2.
    """
    from scamnet.analyze.classifier import default_classifier
    from scamnet.analyze.inputs import input_lines, read_text_lines

    name = getattr(file, "name", "-")
    # Binary input is refused here, before the model loads (as extract does).
    texts = input_lines(file, name)
    clf = default_classifier()
    problems: list[InputProblem] = []
    batch: list[TextLine] = []

    def flush() -> None:
        lines: list[str] = []
        for item, res in zip(batch, clf.classify([b.text for b in batch], explain=reasons),
                             strict=True):
            out: dict[str, Any] = {"line": item.line, **res.to_dict()}
            if item.id is not None:
                out["id"] = item.id
            if as_json:
                # orjson: a quarter of the json module's time per line (8.5
                # against 38 µs, measured loaded), at this command's 5,000
                # lines/s target a sixth of the budget; its output is compact
                # (no spaces after ',' and ':'), same keys, order and values.
                lines.append(orjson.dumps(out, default=str).decode())
            else:
                preview = printable(" ".join(item.text.split())[:60])
                lines.append(f"{item.line:>6} risk {res.risk:>3} {res.scam_type:<13} "
                             f"{out['language'] or '-':<4} {preview}")
        # One write per batch: click.echo flushes, and a flush per line cost
        # as much as classifying the line when stdout is a pipe.
        if lines:
            click.echo("\n".join(lines))
        batch.clear()

    for got in read_text_lines(texts, name):
        if isinstance(got, InputProblem):
            problems.append(got)
            continue
        batch.append(got)
        if len(batch) >= 1024:
            flush()
    flush()
    if problems:
        raise InvalidInputError(f"{len(problems)} input line(s) skipped", problems)


_THREADS_HELP = ("Threads for the stage model's sentence encoder (its main cost); more help "
                 "on an otherwise idle machine. Results do not change.")


def _encoder_threads(n: int) -> None:
    if n > 1:
        from scamnet.analyze.embeddings import default_encoder

        default_encoder().set_threads(n)


@main.command("stage")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", default=None, callback=known_reader,
              help="Reader name (default: detect).")
@click.option("--json", "as_json", is_flag=True, help="One JSON result per conversation.")
@click.option("--threads", type=click.IntRange(1, 256), default=1, show_default=True,
              help=_THREADS_HELP)
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes (one encoder thread each) computing the sentence embeddings "
                   "of each conversation first. Results do not change.")
def stage_cmd(file: Path, fmt: str | None, as_json: bool, threads: int, workers: int) -> None:
    """Pig-butchering stage of each conversation in a chat export.

    Exits 6 when any record could not be read (each is printed on stderr, or
    as an ``error`` object with --json).
    """
    from scamnet.analyze.chats import stage_file

    _encoder_threads(threads)
    quarantined = False
    for res in stage_file(file, fmt, workers=workers):
        quarantined = quarantined or "error" in res
        if as_json:
            _dump(res)
        elif "error" in res:
            click.echo(f"quarantined: {printable(res['error'], one_line=True)}", err=True)
        else:
            click.echo(f"{res['report_id']}: stage {res['stage'] or '-'}, turned to money at "
                       f"message {res['turned_to_money_at']}")
    if quarantined:
        sys.exit(EXIT_QUARANTINED)


@main.command("analyze")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.option("--threads", type=click.IntRange(1, 256), default=1, show_default=True,
              help=_THREADS_HELP)
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes (one encoder thread each) computing the sentence embeddings "
                   "a batch of reports ahead of the analysis. Results do not change.")
@click.option("--all", "redo", is_flag=True,
              help="Analyse every report again, also those already analysed by the "
                   "current models (their results would not change).")
@click.pass_context
def analyze_cmd(ctx: click.Context, as_json: bool, threads: int, workers: int,
                redo: bool) -> None:
    """Analyse the stored reports: language, scam type, risk, stage, reused scripts.

    Reports already analysed by the current models are kept; reused scripts
    are looked for again over every report."""
    from rich.progress import Progress

    from scamnet.analyze.runs import analyze_store

    _encoder_threads(threads)
    with open_store(ctx) as store:
        total = store.stats().reports
        with Progress(transient=True, disable=as_json) as bar:
            task = bar.add_task("analysing reports", total=total)
            run = analyze_store(store, workers=workers, redo=redo,
                                progress=lambda n: bar.advance(task, n))
    if as_json:
        _dump(run.to_dict())
        return
    click.echo(f"run {run.run_id}: {run.reports} reports ({run.reports - run.up_to_date} "
               f"analysed, {run.up_to_date} already up to date), {run.scams} scams, "
               f"{run.templates} reused scripts")
    click.echo("types:  " + ", ".join(f"{k} {v}" for k, v in run.by_type.items()))
    click.echo("stages: " + ", ".join(f"{k} {v}" for k, v in run.by_stage.items()))


@main.command("train")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder (default: $SCAMNET_SHARED_DATA or ../shared/data).")
@click.option("--curated", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Curated examples (default: ./data/conversations).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the models (default: the installed package).")
@click.option("--set", "sets", multiple=True, metavar="NAME",
              help="Train on these real sets only (repeatable; default: all five). "
                   "--set uci-sms-spam gives a model free of unlicensed data.")
def train_cmd(shared: Path | None, curated: Path | None, out: Path | None,
              sets: tuple[str, ...]) -> None:
    """Rebuild the scam classifier and stage model from the labelled data, then refit
    the report risk calibrator on their scores (it is only valid for the models it saw)."""
    from scamnet.analyze import classifier as clf_mod
    from scamnet.analyze import stages as stage_mod
    from scamnet.analyze import training as tr
    from scamnet.analyze.conversation_risk import default_fit_files, fit_report_risk
    from scamnet.analyze.datasets import REAL_SETS
    from scamnet.analyze.linear import shipped_model_dir
    from scamnet.analyze.report_risk import CALIBRATOR_FILE
    model_dir = out or shipped_model_dir()
    curated_dir = curated or tr.default_curated()
    meta = tr.rebuild_models(shared or tr.default_shared_data(), curated_dir, model_dir,
                             sets or tuple(REAL_SETS))
    for name, m in meta.items():
        click.echo(f"{name}: {m['name']} {m['version']} weights {m['weights_sha256'][:16]}")
    cal = fit_report_risk(
        default_fit_files(curated_dir),
        classifier=clf_mod.ScamClassifier.load(model_dir / clf_mod.MODEL_FILE),
        stage_model=stage_mod.StageModel.load(model_dir / stage_mod.MODEL_FILE))
    cal.save(model_dir / CALIBRATOR_FILE)
    click.echo(f"report risk: {cal.name} {cal.version}")


@main.command("eval")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder (default: $SCAMNET_SHARED_DATA or ../shared/data).")
@click.option("--curated", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Curated examples (default: ./data/conversations).")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def eval_cmd(shared: Path | None, curated: Path | None, as_json: bool) -> None:
    """Evaluate the shipped models on held-out data."""
    from scamnet.analyze import training as tr
    from scamnet.analyze.evaluation import evaluate_models, format_report

    rep = evaluate_models(shared or tr.default_shared_data(), curated or tr.default_curated())
    if as_json:
        _dump(rep)
    else:
        click.echo(format_report(rep))


@main.command("compare-classifiers")
@click.argument("candidate", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--against", "baseline", type=click.Path(dir_okay=False, exists=True,
                                                       path_type=Path),
              default=None, help="Baseline classifier.json (default: the shipped model).")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder (default: $SCAMNET_SHARED_DATA or ../shared/data).")
@click.option("--curated", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Curated examples (default: ./data/conversations).")
@click.option("--resamples", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Paired bootstrap resamples.")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
def compare_classifiers_cmd(candidate: Path, baseline: Path | None, shared: Path | None,
                            curated: Path | None, resamples: int, as_json: bool) -> None:
    """Compare a candidate classifier (its classifier.json) with the shipped one on
    the held-out guard sets: scam vs not-scam macro-F1 per set and a paired
    bootstrap interval of the difference. Blind sets not yet listed for
    evaluation are never read."""
    from scamnet.analyze import training as tr
    from scamnet.analyze.classifier import ScamClassifier
    from scamnet.analyze.evaluation import compare_classifiers, format_comparison, guard_sets

    base = ScamClassifier.load(baseline)
    cand = ScamClassifier.load(candidate)
    sets = guard_sets(shared or tr.default_shared_data(), curated or tr.default_curated())
    rows = compare_classifiers(base, cand, sets, resamples=resamples)
    if as_json:
        _dump(rows)
    else:
        click.echo(format_comparison(rows, f"{base.name} {base.version}",
                                     f"{cand.name} {cand.version} ({candidate})"))


@main.command("fit-report-risk")
@click.option("--curated", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Curated examples (default: ./data/conversations); the calibrator is "
                   "fitted on its blind/calibration, calibration2/a, calibration2/b and "
                   "blind11/eval sets.")
@click.option("--file", "files", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Fit on these conversations.txt files instead (repeatable; a types.tsv "
                   "beside one gives its scam types).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the calibrator (default: the installed package).")
def fit_report_risk_cmd(curated: Path | None, files: tuple[Path, ...],
                        out: Path | None) -> None:
    """Refit the report/conversation risk calibrator and type model on the calibration
    sets, with the shipped classifier and stage model."""
    from scamnet.analyze import training as tr
    from scamnet.analyze.conversation_risk import default_fit_files, fit_report_risk
    from scamnet.analyze.linear import shipped_model_dir
    from scamnet.analyze.report_risk import CALIBRATOR_FILE

    cal = fit_report_risk(list(files) or default_fit_files(curated or tr.default_curated()))
    cal.save(out or shipped_model_dir() / CALIBRATOR_FILE)
    click.echo(f"{cal.name} {cal.version}: " + json.dumps(cal.to_dict()["coef"]))


@main.command("eval-conversations")
@click.option("--blind", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Blind conversation set: a folder with eval/conversations.txt and, "
                   "optionally, calibration/ (default: ./data/conversations/blind).")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def eval_conversations_cmd(blind: Path | None, as_json: bool) -> None:
    """Conversation risk (calibration, P/R, FPR) and stage on a blind set's eval part."""
    from scamnet.analyze import training as tr
    from scamnet.analyze.conversation_risk import (
        evaluate_conversations,
        format_conversation_report,
    )

    rep = evaluate_conversations(blind or tr.default_curated() / "blind")
    click.echo(json.dumps(rep, ensure_ascii=False) if as_json
               else format_conversation_report(rep))
