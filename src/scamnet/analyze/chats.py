"""Stage analysis of chat exports read through the intake readers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from scamnet.analyze.embeddings import E5Encoder, EncoderPool, embedded_ahead
from scamnet.analyze.reports import analyze_reports, conversation_units
from scamnet.analyze.stages import StageModel, default_stage_model
from scamnet.errors import InputProblem, InvalidInputError
from scamnet.intake.base import Source
from scamnet.model.records import Quarantined, Report, sha256_hex

__all__ = ["stage_file", "stage_report"]

#: Conversations whose messages the encoder workers embed ahead at a time.
AHEAD_CONVERSATIONS = 4


def stage_report(report: Report, model: StageModel | None = None) -> dict[str, Any]:
    """The stage result of one report as its stable JSON form, with ``report_id``.

    The whole report analysis runs (classifier and risk calibrator too): a chat
    it flags as a recruitment lure, impersonation or phishing is staged by that
    type (:func:`scamnet.analyze.stages.outside_lifecycle`), exactly as
    ``scamnet analyze`` stages it.
    """
    res = next(iter(analyze_reports([report], stage_model=model or default_stage_model(),
                                    explain=0)))
    return {"report_id": report.id, **res.stage.to_dict()}


def stage_file(path: Path, format: str | None = None, model: StageModel | None = None,
               workers: int = 1) -> Iterator[dict[str, Any]]:
    """Read a chat export (any intake format) and yield each conversation's stage.

    A quarantined record yields ``{"error": ..., "line": ...}`` and reading
    goes on. Unreadable files raise :class:`InvalidInputError`. ``workers`` > 1
    computes the sentence embeddings of each conversation's messages (most of
    the time) in that many processes first; the results are the same.
    """
    from scamnet.intake.registry import read_source

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError("cannot read chat export",
                                [InputProblem(str(path), exc.strerror or str(exc))]) from exc
    source = Source(str(path), data, sha256_hex(data))
    m = model or default_stage_model()
    records: Iterable[Report | Quarantined] = read_source(source, format)
    enc = m.encoder if workers > 1 and isinstance(m.encoder, E5Encoder) else None
    with EncoderPool(workers) if enc is not None else nullcontext() as pool:
        if enc is not None and pool is not None:
            records = embedded_ahead(records, _stage_texts, enc, pool, AHEAD_CONVERSATIONS)
        for rec in records:
            if isinstance(rec, Quarantined):
                yield {"error": str(rec), "line": rec.line, "path": rec.path}
            else:
                yield stage_report(rec, m)


def _stage_texts(rec: Report | Quarantined) -> list[str]:
    return [] if isinstance(rec, Quarantined) else [t for _, _, t in conversation_units(rec)]
