"""Running the analysis over the store, and summarising what it found.

The store is passed in; this module opens nothing. Each batch of reports is
written in one transaction (its old results replaced), templates at the end in
another, so a crash leaves whole batches and a rerun completes the job.

A report's analysis depends only on its stored content (never changed) and the
models, so a run skips reports already analysed by the same models (classifier,
stage model, risk calibrator and template method, each with its version) and
analyses only new ones: after a new ingest the sentence encoder runs over the
new messages alone. Reused scripts are looked for again over every report,
with the kept reports' texts chosen from their stored per-text verdicts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select

from scamnet.analyze import tables as t
from scamnet.analyze.classifier import ScamClassifier, default_classifier
from scamnet.analyze.embeddings import E5Encoder, EncoderPool, embedded_ahead
from scamnet.analyze.report_risk import ReportRiskCalibrator, default_report_calibrator
from scamnet.analyze.reports import ReportAnalysis, analyze_reports, conversation_units
from scamnet.analyze.scripts import ScriptText, Template, find_templates
from scamnet.analyze.stages import StageModel, default_stage_model
from scamnet.model.records import Report
from scamnet.store.store import Store

__all__ = ["TEMPLATE_METHOD", "AnalysisRun", "analyze_store", "summarize_analysis"]

TEMPLATE_METHOD = "minhash-lsh char5 64x16 j>=0.6"
#: Reports whose embeddings the worker processes compute ahead of the analysis
#: at a time: small, so the analysis starts early and runs beside the workers.
AHEAD_REPORTS = 25


@dataclass(frozen=True)
class AnalysisRun:
    """What one ``analyze_store`` run did."""

    run_id: int
    reports: int
    scams: int
    templates: int
    by_type: dict[str, int]
    by_stage: dict[str, int]
    models: dict[str, str]
    #: Of ``reports``, those kept from an earlier run by the same models.
    up_to_date: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "reports": self.reports, "scams": self.scams,
                "analysed": self.reports - self.up_to_date, "up_to_date": self.up_to_date,
                "templates": self.templates, "by_type": self.by_type,
                "by_stage": self.by_stage, "models": self.models}


def analyze_store(store: Store, *, classifier: ScamClassifier | None = None,
                  stage_model: StageModel | None = None,
                  calibrator: ReportRiskCalibrator | None = None, batch_size: int = 200,
                  workers: int = 1, redo: bool = False,
                  progress: Callable[[int], None] | None = None) -> AnalysisRun:
    """Analyse the stored reports and store the results with the model versions.

    Reports already analysed by the same models are kept as they are, unless
    ``redo``; the stored results are the same either way. ``workers`` > 1
    computes the stage model's sentence embeddings (most of the time) in that
    many processes, a batch of reports ahead of the analysis; the results are
    the same. ``progress`` is called with the number of reports just finished
    (analysed or kept).
    """
    clf = classifier or default_classifier()
    sm = stage_model or default_stage_model()
    cal = calibrator or default_report_calibrator()
    enc = sm.encoder if workers > 1 else None
    # Only the e5 encoder has worker processes; another encoder runs in process.
    with EncoderPool(workers) if isinstance(enc, E5Encoder) else nullcontext() as pool:
        return _analyze_store(store, clf, sm, cal, batch_size, progress,
                              (enc, pool) if isinstance(enc, E5Encoder) and pool else None,
                              redo)


def _analyze_store(store: Store, clf: ScamClassifier, sm: StageModel, cal: ReportRiskCalibrator,
                   batch_size: int, progress: Callable[[int], None] | None,
                   ahead: tuple[E5Encoder, EncoderPool] | None, redo: bool) -> AnalysisRun:
    started = datetime.now(UTC)
    models = {"classifier": clf.name, "classifier_version": clf.version,
              "stage_model": sm.name, "stage_model_version": sm.version,
              "report_risk": cal.name, "report_risk_version": cal.version,
              "templates": TEMPLATE_METHOD}
    kept = {} if redo else _kept(store, models)
    with store.begin() as conn:
        run_id = int(conn.execute(insert(t.analysis_runs).values(
            started_at=started, finished_at=started, models=models, stats={})
            .returning(t.analysis_runs.c.id)).scalar_one())
    by_type: Counter[str] = Counter()
    by_stage: Counter[str] = Counter()
    script_texts: list[ScriptText] = []
    pending: dict[tuple[str, str, int], str] = {}
    batch: list[ReportAnalysis] = []
    n = 0
    up_to_date = 0

    def reports() -> Iterator[Report]:
        nonlocal up_to_date
        for report in store.iter_reports():
            texts = [f for f in report.texts() if f.field in ("message", "narrative")]
            old = kept.get(report.id)
            if old is not None:
                scam_type, stage, scripted = old
                by_type[scam_type] += 1
                by_stage[stage or "none"] += 1
                script_texts.extend(ScriptText(report.id, f.field, f.index or 0, f.text)
                                    for f in texts if (f.field, f.index or 0) in scripted)
                up_to_date += 1
                if progress:
                    progress(1)
                continue
            # Keep the texts templates are looked for in while the reports stream by.
            pending.update({(report.id, f.field, f.index or 0): f.text for f in texts})
            yield report

    stream = (reports() if ahead is None
              else embedded_ahead(reports(), _stage_texts, *ahead,
                                  min(batch_size, AHEAD_REPORTS)))
    for res in analyze_reports(stream, classifier=clf, stage_model=sm, calibrator=cal):
        batch.append(res)
        script_texts.extend(_script_candidates(res, pending))
        by_type[res.verdict.scam_type] += 1
        by_stage[res.stage.stage or "none"] += 1
        if len(batch) >= batch_size:
            _write_batch(store, run_id, batch)
            n += len(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        _write_batch(store, run_id, batch)
        n += len(batch)
        if progress:
            progress(len(batch))
    # In report id order whichever reports were kept: the stream runs ahead of
    # the analysis, and the templates must not depend on what was analysed when.
    script_texts.sort(key=lambda x: x.report_id)
    templates = find_templates(script_texts)
    _write_templates(store, run_id, templates)
    n += up_to_date
    scams = n - by_type.get("not_scam", 0)
    types = dict(sorted(by_type.items()))
    stages = dict(sorted(by_stage.items()))
    stats = {"reports": n, "up_to_date": up_to_date, "scams": scams,
             "templates": len(templates), "by_type": types, "by_stage": stages}
    with store.begin() as conn:
        conn.execute(t.analysis_runs.update().where(t.analysis_runs.c.id == run_id)
                     .values(finished_at=datetime.now(UTC), stats=stats))
    return AnalysisRun(run_id, n, scams, len(templates), types, stages, models, up_to_date)


def _kept(store: Store,
          models: dict[str, str]) -> dict[str, tuple[str, str | None, set[tuple[str, int]]]]:
    """Reports whose stored analysis the same ``models`` made: report id -> (scam
    type, stage, the (field, index) of its texts that are script candidates)."""
    r, m = t.analysis_reports.c, t.analysis_messages.c
    with store.begin() as conn:
        runs = [row.id for row in conn.execute(select(t.analysis_runs.c.id,
                                                      t.analysis_runs.c.models))
                if row.models == models]
        if not runs:
            return {}
        kept: dict[str, tuple[str, str | None, set[tuple[str, int]]]] = {
            row.report_id: (row.scam_type, row.stage, set())
            for row in conn.execute(select(r.report_id, r.scam_type, r.stage)
                                    .where(r.run_id.in_(runs)))}
        # The same choice as _script_candidates: scam-like texts and stage cues.
        for row in conn.execute(
                select(m.report_id, m.field, m.idx)
                .join(t.analysis_reports, r.report_id == m.report_id)
                .where(r.run_id.in_(runs), m.field.in_(("message", "narrative")),
                       or_(m.is_scam, m.stage_cue.is_not(None)))):
            kept[row.report_id][2].add((row.field, row.idx))
    return kept


def _stage_texts(report: Report) -> list[str]:
    return [t for _, _, t in conversation_units(report)]


def _script_candidates(res: ReportAnalysis,
                       pending: dict[tuple[str, str, int], str]) -> list[ScriptText]:
    """The report's texts that may be a scammer's script: scam-like or a stage cue.

    Small talk ("haha, boring day at work") repeats across chats too, but it
    links nothing; only texts that carry the scheme are worth matching.
    """
    out = []
    for m in res.texts:
        text = pending.pop((res.report_id, m.field, m.index), None)
        if text is not None and (m.classification.is_scam or m.stage_cue is not None):
            out.append(ScriptText(res.report_id, m.field, m.index, text))
    for key in [k for k in pending if k[0] == res.report_id]:
        pending.pop(key)
    return out


def _write_batch(store: Store, run_id: int, batch: list[ReportAnalysis]) -> None:
    ids = [r.report_id for r in batch]
    report_rows = []
    message_rows = []
    for r in batch:
        v = r.verdict
        report_rows.append({
            "report_id": r.report_id, "run_id": run_id, "language": r.language.code,
            "is_scam": v.is_scam, "scam_type": v.scam_type, "risk": v.risk,
            "p_scam": round(v.p_scam, 6), "stage": r.stage.stage,
            "turned_to_money_at": r.stage.turned_to_money_at,
            "stage_decided_by": r.stage.decided_by,
            "reasons": [x.to_dict() for x in v.reasons],
            "stage_evidence": r.stage.to_dict()["stages"],
            "model": v.model, "model_version": v.version,
            "stage_model": r.stage.model, "stage_model_version": r.stage.version})
        for m in r.texts:
            c = m.classification
            message_rows.append({
                "report_id": r.report_id, "field": m.field, "idx": m.index,
                "language": c.language.code if c.language else "und",
                "is_scam": c.is_scam, "scam_type": c.scam_type,
                "risk": c.risk, "stage_cue": m.stage_cue, "model": c.model,
                "model_version": c.version})
    with store.begin() as conn:
        conn.execute(delete(t.analysis_messages).where(t.analysis_messages.c.report_id.in_(ids)))
        conn.execute(delete(t.analysis_reports).where(t.analysis_reports.c.report_id.in_(ids)))
        conn.execute(insert(t.analysis_reports), report_rows)
        if message_rows:
            conn.execute(insert(t.analysis_messages), message_rows)


def _write_templates(store: Store, run_id: int, templates: list[Template]) -> None:
    with store.begin() as conn:
        conn.execute(delete(t.analysis_template_members))
        conn.execute(delete(t.analysis_templates))
        if not templates:
            return
        conn.execute(insert(t.analysis_templates), [{
            "id": tp.id, "run_id": run_id, "text": tp.text, "n_reports": len(tp.reports),
            "n_members": len(tp.members), "min_similarity": round(tp.similarity, 4),
            "method": TEMPLATE_METHOD} for tp in templates])
        seen: set[tuple[str, str, str, int]] = set()
        rows = []
        for tp in templates:
            for m in tp.members:
                key = (tp.id, m.report_id, m.field, m.index or 0)
                if key not in seen:
                    seen.add(key)
                    rows.append({"template_id": key[0], "report_id": key[1], "field": key[2],
                                 "idx": key[3]})
        conn.execute(insert(t.analysis_template_members), rows)


def summarize_analysis(store: Store, top: int = 5) -> dict[str, Any]:
    """What the latest analysis found: scam types, stages, risk, top reused scripts.

    Returns an empty summary (``runs`` 0) when the store was never analysed.
    """
    r = t.analysis_reports.c
    with store.begin() as conn:
        runs = int(conn.execute(select(func.count()).select_from(t.analysis_runs)).scalar_one())
        if not runs:
            return {"runs": 0, "reports": 0, "by_type": {}, "by_stage": {}, "templates": []}
        last = conn.execute(select(t.analysis_runs).order_by(t.analysis_runs.c.id.desc())
                            .limit(1)).one()
        by_type: dict[str, int] = {row[0]: int(row[1]) for row in conn.execute(
            select(r.scam_type, func.count()).group_by(r.scam_type).order_by(r.scam_type))}
        by_stage: dict[str, int] = {row[0] or "none": int(row[1]) for row in conn.execute(
            select(r.stage, func.count()).group_by(r.stage).order_by(r.stage))}
        total = int(conn.execute(select(func.count()).select_from(t.analysis_reports))
                    .scalar_one())
        high = int(conn.execute(select(func.count()).select_from(t.analysis_reports)
                                .where(r.risk >= 80)).scalar_one())
        tps = conn.execute(select(t.analysis_templates)
                           .order_by(t.analysis_templates.c.n_reports.desc(),
                                     t.analysis_templates.c.id).limit(top)).all()
    return {
        "runs": runs,
        "last_run": last.id,
        "models": dict(last.models),
        "reports": total,
        "high_risk_reports": high,
        "by_type": by_type,
        "by_stage": by_stage,
        "templates": [{"id": x.id, "text": x.text[:200], "n_reports": x.n_reports,
                       "n_members": x.n_members} for x in tps],
    }
