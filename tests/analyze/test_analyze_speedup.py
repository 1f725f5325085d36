"""The faster paths of the sentence encoder give the vectors of the plain path.

Batching, worker processes and the OpenMP wait policy may change speed only:
the stage model was trained on these vectors, so every path is compared with
texts encoded one at a time (tolerance 1e-4 on the L2-normalised vectors).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from scamnet.analyze import tables as t
from scamnet.analyze.embeddings import (
    MAX_EMBED_CHARS,
    E5Encoder,
    EncoderPool,
)
from scamnet.analyze.runs import analyze_store
from scamnet.analyze.stages import StageModel, default_stage_model
from scamnet.cli import main
from scamnet.errors import BackendError, ConfigError
from scamnet.model.records import Evidence, Message, Report, ReportKind
from scamnet.store.store import Batch, Store

TOLERANCE = 1e-4

TEXTS = [
    "Hi Linda? Oh sorry, wrong number! Nice to meet you anyway.",
    "I transferred 5000 USDT to the wallet address from customer service.",
    "我转了三千U到客服给的地址",
    "ถอนเงินไม่ได้ ต้องจ่ายภาษี 20% ก่อน",
    "Anh ơi, em đã nạp 1000 USDT rồi",
    "😀😀🙏",
    "ok",
    "a" * (MAX_EMBED_CHARS + 500),
    "word " * 400,
]


class _NoEngine:
    """Stands in for the engine of an encoder that must not compute anything itself."""

    def passage(self, texts: Any) -> Any:
        raise AssertionError(f"the main process embedded {len(texts)} text(s) itself")


def _fresh() -> E5Encoder:
    """An encoder with an empty cache (the engine itself is shared by the process)."""
    return E5Encoder()


def _one_by_one(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    return np.vstack([_fresh().encode([x]) for x in texts])


def test_one_batch_gives_the_vectors_of_one_text_at_a_time() -> None:
    single = _one_by_one(TEXTS)
    batched = _fresh().encode(TEXTS)
    assert batched.shape == (len(TEXTS), 384)
    assert np.abs(batched - single).max() < TOLERANCE
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)


def test_duplicates_and_blanks_are_embedded_once() -> None:
    enc = _fresh()
    texts = [TEXTS[0], "  ", TEXTS[1], TEXTS[0], "", TEXTS[1]]
    assert enc.missing(texts) == [TEXTS[0], TEXTS[1]]
    out = enc.encode(texts)
    assert enc.missing(texts) == []
    assert not out[1].any() and not out[4].any()
    assert np.array_equal(out[0], out[3]) and np.array_equal(out[2], out[5])
    # The cache is what the next call reads: an engine that fails proves it.
    enc._model = _NoEngine()
    assert np.array_equal(enc.encode(texts[::-1]), out[::-1])


def test_missing_returns_texts_as_the_encoder_sees_them() -> None:
    enc = _fresh()
    long = "x" * (MAX_EMBED_CHARS + 10)
    assert enc.missing([long, "a\x00b"]) == ["x" * MAX_EMBED_CHARS, "a b"]


def test_add_rejects_vectors_of_the_wrong_shape() -> None:
    enc = _fresh()
    with pytest.raises(ConfigError, match="embeddings for 2 texts"):
        enc.add(["a", "b"], np.zeros((2, 3), dtype=np.float32))


def test_loading_the_encoder_leaves_the_environment_alone() -> None:
    before = os.environ.get("OMP_WAIT_POLICY")
    E5Encoder()
    assert os.environ.get("OMP_WAIT_POLICY") == before


def test_worker_processes_give_the_in_process_vectors() -> None:
    expected = _one_by_one(TEXTS)
    enc = _fresh()
    enc._model = _NoEngine()
    texts = enc.missing(TEXTS)
    with EncoderPool(2) as pool:
        pending = pool.submit(texts)
        assert pending.into(enc) == len(TEXTS)
        assert pool.submit([]).into(enc) == 0
    got = enc.encode(TEXTS)
    assert np.abs(got - expected).max() < TOLERANCE


def test_a_dead_worker_is_a_backend_error() -> None:
    enc = _fresh()
    with EncoderPool(1) as pool:
        pool.submit([TEXTS[0]]).into(enc)  # the worker process is up
        for proc in list(pool._executor._processes.values()):
            os.kill(proc.pid, signal.SIGKILL)
            proc.join()
        with pytest.raises(BackendError, match="worker process died"):
            pool.submit([TEXTS[1]]).into(enc)


def test_pool_needs_a_worker() -> None:
    with pytest.raises(ConfigError, match="at least 1"):
        EncoderPool(0)


def _reports() -> list[Report]:
    """Chats that repeat lines within and across reports, and a narrative-only report."""
    pitch = ("My uncle is an analyst at a crypto fund, I made {n} USDT this week, "
             "open an account and I will teach you")
    chats = []
    for k in range(7):
        chats.append(Report(f"c{k}", ReportKind.CHAT, "", messages=(
            Message(0, "Hi Linda? Oh sorry, wrong number! Nice to meet you anyway."),
            Message(1, pitch.format(n=1000 * (k % 3 + 1))),
            Message(2, TEXTS[2 + k % 4]),
            Message(3, "   "),
            Message(4, "I want to withdraw but my account is frozen, they ask 20% tax first."),
        )))
    chats.append(Report("v1", ReportKind.VICTIM_REPORT, "",
                        narrative="Lunch with my sister was nice. We talked about the weather."))
    return chats


def _stored_results(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    r, m = t.analysis_reports.c, t.analysis_messages.c
    with store.begin() as conn:
        reports = [tuple(row) for row in conn.execute(
            select(*[c for c in t.analysis_reports.c if c.name != "run_id"])
            .order_by(r.report_id))]
        messages = [tuple(row) for row in conn.execute(
            select(t.analysis_messages).order_by(m.report_id, m.field, m.idx))]
    return reports, messages


def test_analyze_with_workers_stores_the_same_results(store: Store) -> None:
    ev = Evidence.of(b"speedup chats", "chats.txt", "transcript")
    store.write_batch(Batch(ev, [Report(r.id, r.kind, ev.sha256, r.narrative, r.messages)
                                 for r in _reports()]))
    shipped = default_stage_model()
    if shipped.dense is None:
        pytest.skip("the shipped stage model reads no sentence embeddings")
    plain = analyze_store(store, stage_model=StageModel(shipped.model, _fresh()), batch_size=3)
    expected = _stored_results(store)
    enc = _fresh()
    enc._model = _NoEngine()  # every vector must come from the worker processes
    run = analyze_store(store, stage_model=StageModel(shipped.model, enc), batch_size=3,
                        workers=2, redo=True)
    assert run.reports == plain.reports == 8
    assert (run.by_stage, run.by_type, run.templates) == (plain.by_stage, plain.by_type,
                                                          plain.templates)
    assert _stored_results(store) == expected
    assert len(enc.missing(x.text for r in _reports() for x in r.messages)) == 0


def test_analyze_command_with_workers(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(str(db)) as store:
        ev = Evidence.of(b"cli chats", "chats.txt", "transcript")
        store.write_batch(Batch(ev, [Report(r.id, r.kind, ev.sha256, r.narrative, r.messages)
                                     for r in _reports()[:2]]))
    res = CliRunner().invoke(main, ["--db", str(db), "analyze", "--json", "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert '"reports": 2' in res.stdout


def test_stage_with_workers_gives_the_in_process_result(tmp_path: Path) -> None:
    shipped = default_stage_model()
    if shipped.dense is None:
        pytest.skip("the shipped stage model reads no sentence embeddings")
    from scamnet.analyze.chats import stage_file

    chat = tmp_path / "chat.txt"
    chat.write_text("".join(f"{'Kevin' if i % 2 else 'Me'}: {text}\n"
                            for i, text in enumerate(TEXTS[:5])), encoding="utf-8")
    plain = list(stage_file(chat, model=StageModel(shipped.model, _fresh())))
    enc = _fresh()
    enc._model = _NoEngine()  # every vector must come from the worker processes
    pooled = list(stage_file(chat, model=StageModel(shipped.model, enc), workers=2))
    assert len(plain) == 1 and plain[0]["report_id"]
    assert pooled == plain
    res = CliRunner().invoke(main, ["stage", "--json", "--workers", "2", str(chat)])
    assert res.exit_code == 0, res.output
    assert '"stage"' in res.stdout
