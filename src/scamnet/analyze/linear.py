"""A linear model over hashed n-grams: load, score, explain, save.

The scam classifier and the stage cue model are both this: a weight matrix
(buckets x outputs) and a bias per output, stored as a float16 ``.npy.gz``
next to a JSON file with its name, version, labels and training manifest.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze import native
from scamnet.analyze.features import (
    MAX_FEATURE_CHARS,
    FeatureSpec,
    HashedNgrams,
    hash_features,
    hash_ngrams,
)
from scamnet.errors import ConfigError

__all__ = ["CHUNK", "LinearNgramModel", "Reason", "load_weights", "save_weights"]

#: A reason's span is widened to whole words up to this many characters.
WIDEST_SPAN = 40

#: Texts featurised and scored together.
CHUNK = 128


@dataclass(frozen=True)
class Reason:
    """One piece of evidence behind a score: the n-gram ``feature`` (as the
    model sees it: lower-case, digits as 0), its summed ``weight`` toward the
    decision, and the span ``[start, end)`` of the original text it covers."""

    feature: str
    weight: float
    start: int
    end: int
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "weight": round(self.weight, 4),
                "start": self.start, "end": self.end, "evidence": self.evidence}


def save_weights(path: Path, weights: npt.NDArray[np.float32]) -> None:
    """Write ``weights`` as float16 ``.npy`` inside gzip, byte-for-byte reproducible."""
    buf = io.BytesIO()
    np.save(buf, weights.astype(np.float16), allow_pickle=False)
    # mtime=0 keeps the gzip header, and so the file hash, the same per run.
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                                compresslevel=6, filename="") as gz:
        gz.write(buf.getvalue())


def load_weights(path: Path) -> npt.NDArray[np.float32]:
    try:
        with gzip.open(path, "rb") as gz:
            arr = np.load(io.BytesIO(gz.read()), allow_pickle=False)
    except (OSError, ValueError, EOFError) as exc:
        raise ConfigError(f"cannot read model weights {path}: {exc}") from exc
    return np.asarray(arr, dtype=np.float32)


class LinearNgramModel:
    """Weights ``(n_buckets, n_outputs)`` and ``bias`` over hashed n-grams."""

    def __init__(self, weights: npt.NDArray[np.float32], bias: npt.NDArray[np.float32],
                 meta: dict[str, Any]) -> None:
        if weights.ndim != 2 or weights.shape[1] != bias.shape[0]:
            raise ConfigError(f"model weights {weights.shape} do not match bias {bias.shape}")
        n = weights.shape[0]
        if n & (n - 1):
            raise ConfigError(f"model has {n} buckets; it must be a power of two")
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        self.bias = np.ascontiguousarray(bias, dtype=np.float32)
        self.meta = meta
        self.spec = FeatureSpec.from_meta(meta)
        self._plain = self.spec == FeatureSpec(self.spec.char_sizes)

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "unknown"))

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "0"))

    @classmethod
    def load(cls, json_path: Path) -> LinearNgramModel:
        """Load a model from its JSON file; the weights file is named inside it."""
        try:
            meta = json.loads(json_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read model metadata {json_path}: {exc}") from exc
        weights = load_weights(json_path.parent / str(meta["weights_file"]))
        bias = np.asarray(meta["bias"], dtype=np.float32)
        return cls(weights, bias, meta)

    def featurise(self, texts: Sequence[str]) -> HashedNgrams:
        """The features this model was trained on (``features`` in its metadata)."""
        if self._plain:
            return hash_ngrams(texts, self.weights.shape[0], self.spec.char_sizes)
        return hash_features(texts, self.weights.shape[0], self.spec)

    def chunks(self, texts: Sequence[str]) -> Iterator[tuple[int, HashedNgrams,
                                                           npt.NDArray[np.float32]]]:
        """Score ``texts`` in chunks of :data:`CHUNK`: (first index, n-grams, logits).

        Chunks keep the working arrays inside the CPU cache; one big batch is
        slower than many small ones.
        """
        for lo, g, logits, _ in self.scored_chunks(texts, None):
            yield lo, g, logits

    def scored_chunks(self, texts: Sequence[str], column: int | None) -> Iterator[tuple[
            int, HashedNgrams, npt.NDArray[np.float32], npt.NDArray[np.float32] | None]]:
        """:meth:`chunks` with each n-gram's contribution to output ``column``
        (``value * weight``; None when ``column`` is None), the input of
        :meth:`explain_rows`."""
        for lo in range(0, len(texts), CHUNK):
            part = texts[lo:lo + CHUNK]
            g = self.featurise(part)
            yield (lo, g) + self._scored(g, len(part), column)

    def logits(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Raw scores, shape ``(len(texts), n_outputs)``."""
        out = np.empty((len(texts), self.weights.shape[1]), dtype=np.float32)
        for lo, _, part in self.chunks(texts):
            out[lo:lo + part.shape[0]] = part
        return out

    def _logits(self, g: HashedNgrams, n: int) -> npt.NDArray[np.float32]:
        return self._scored(g, n, None)[0]

    def _scored(self, g: HashedNgrams, n: int, column: int | None) -> tuple[
            npt.NDArray[np.float32], npt.NDArray[np.float32] | None]:
        """Logits of ``n`` texts and, for ``column``, each n-gram's contribution."""
        c = native.kernels()
        if c is not None:
            n_out = self.weights.shape[1]
            out = np.empty((n, n_out), dtype=np.float32)
            contrib = None if column is None else np.empty(g.bucket.size, dtype=np.float32)
            # One pass reads each n-gram's weight row once for both results.
            c.score_rows(g.bucket, g.value, g.counts, self.weights.reshape(-1), n_out,
                         self.bias, out.reshape(-1), -1 if column is None else column, contrib)
            return out, contrib
        return self._scored_scipy(g, n, column)

    def _scored_scipy(self, g: HashedNgrams, n: int, column: int | None) -> tuple[
            npt.NDArray[np.float32], npt.NDArray[np.float32] | None]:
        from scipy.sparse import csr_matrix

        out = np.tile(self.bias, (n, 1)).astype(np.float32)
        contrib = None if column is None else self.weights[g.bucket, column] * g.value
        if g.bucket.size == 0:
            return out, contrib
        # Features come sorted by text, so they already are a CSR matrix; its
        # product with the weights runs in C without materialising one weight
        # row per feature (4x faster than gather + reduceat at 2^18 buckets).
        indptr = np.concatenate(([0], np.cumsum(g.counts)))
        x = csr_matrix((g.value, g.bucket, indptr), shape=(n, self.weights.shape[0]))
        out += np.asarray(x @ self.weights, dtype=np.float32)
        return out, contrib

    def explain(self, text: str, column: int | Sequence[float], sign: float = 1.0,
                top: int = 5, grams: HashedNgrams | None = None, row: int = 0) -> list[Reason]:
        """The text spans that pushed output ``column`` most in direction ``sign`` (+1 or -1).

        ``column`` may be a vector of per-output coefficients, so a softmax class
        can be explained against the others. Overlapping n-grams merge into one
        span whose weight is their sum. ``grams``/``row`` reuse n-grams already
        computed for a batch (``text`` must be that row's text).
        """
        if sign not in (1.0, -1.0):
            raise ValueError(f"sign must be 1.0 or -1.0, not {sign!r}")
        if grams is None:
            grams, row = self.featurise([text]), 0
        if top <= 0 or grams.counts[row] == 0:
            return []
        lo = int(grams.counts[:row].sum())
        sl = slice(lo, lo + int(grams.counts[row]))
        bucket, value = grams.bucket[sl], grams.value[sl]
        if isinstance(column, int):
            w = self.weights[bucket, column]
        else:
            w = self.weights[bucket] @ np.asarray(column, dtype=np.float32)
        return self._reasons(text, w * value, grams.start[sl], grams.length[sl], sign, top)

    def explain_rows(self, texts: Sequence[str], grams: HashedNgrams, column: int,
                     signs: Sequence[float], top: int = 5,
                     contrib: npt.NDArray[np.float32] | None = None) -> list[list[Reason]]:
        """:meth:`explain` for every text of a batch whose n-grams are ``grams``,
        row ``i`` in direction ``signs[i]``: the same reasons, with one weight
        lookup for the whole batch instead of one per text. ``contrib`` is the
        n-grams' contribution to ``column`` if :meth:`scored_chunks` gave it."""
        if top <= 0:
            return [[] for _ in texts]
        w = self.weights[grams.bucket, column] * grams.value if contrib is None else contrib
        ends = np.cumsum(grams.counts).tolist()
        out: list[list[Reason]] = []
        lo = 0
        for text, sign, hi in zip(texts, signs, ends, strict=True):
            out.append(self._reasons(text, w, grams.start, grams.length, sign, top, lo, hi)
                       if hi > lo else [])
            lo = hi
        return out

    def _reasons(self, text: str, contrib: npt.NDArray[np.float32],
                 start: npt.NDArray[np.int64], length: npt.NDArray[np.int64], sign: float,
                 top: int, lo: int = 0, hi: int = -1) -> list[Reason]:
        """The reasons of one text from its n-grams' contributions (entries
        ``lo:hi`` of the arrays, all by default), read in direction ``sign``."""
        k = max(top * 8, 20)
        limit = min(len(text), MAX_FEATURE_CHARS)
        c = native.kernels()
        if c is not None:
            merged = c.reason_spans(text, contrib, start, length, k, limit, WIDEST_SPAN, lo, hi,
                                    sign)
        else:
            sl = slice(lo, hi if hi >= 0 else len(contrib))
            merged = _reason_spans(text, contrib[sl] * sign, start[sl], length[sl], k, limit)
        out = []
        for sp in merged:
            a, b = int(sp[0]), int(sp[1])
            ev = text[a:b]
            if not _meaningful(ev):
                continue
            out.append(Reason(_feature(ev), sp[2] * float(sign), a, b, ev))
            if len(out) >= top:
                break
        return out


def _reason_spans(text: str, contrib: npt.NDArray[np.float32], start: npt.NDArray[np.int64],
                  length: npt.NDArray[np.int64], k: int, limit: int) -> list[list[float]]:
    """Spans ``[start, end, weight]`` behind a score, strongest first: the ``k``
    strongest positive n-grams gathered into spans, widened to whole words and
    merged where they then overlap. (The C module computes the same.)"""
    order = _top_positive(contrib, k)
    spans = _gather(contrib[order].tolist(), start[order].tolist(), length[order].tolist(),
                    limit)
    # Whole words read better than n-gram fragments ("ra" -> "Congratulations").
    words = _word_runs(text, limit)
    for sp in spans:
        sp[0], sp[1] = _widen(text, int(sp[0]), int(sp[1]), words, WIDEST_SPAN)
    spans.sort(key=lambda sp: (sp[0], sp[1]))
    merged: list[list[float]] = []
    for sp in spans:
        if merged and sp[0] < merged[-1][1]:
            last = merged[-1]
            if sp[1] > last[1]:
                last[1] = sp[1]
            last[2] += sp[2]
        else:
            merged.append(sp)
    merged.sort(key=lambda sp: (-sp[2], sp[0]))
    return merged


def _gather(contribs: list[float], starts: list[int], lengths: list[int],
            limit: int) -> list[list[float]]:
    """Spans ``[start, end, weight]`` of n-grams taken strongest first: an n-gram
    overlapping a span already made joins the first such span, else starts one."""
    ss: list[int] = []
    es: list[int] = []
    ws: list[float] = []
    for c, s, n in zip(contribs, starts, lengths, strict=True):
        e = s + n
        if s < 0:
            s = 0
        if e > limit:
            e = limit
        if e <= s:
            continue
        for j in range(len(ss)):
            if s < es[j] and e > ss[j]:
                if s < ss[j]:
                    ss[j] = s
                if e > es[j]:
                    es[j] = e
                ws[j] += c
                break
        else:
            ss.append(s)
            es.append(e)
            ws.append(c)
    return [[a, b, w] for a, b, w in zip(ss, es, ws, strict=True)]


def _top_positive(contrib: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.intp]:
    """Indices of the ``k`` largest positive entries, largest first, ties in index order.

    The same indices, in the same order, as the positive ones among the first
    ``k`` of a stable ``argsort(-contrib)``; a partition finds them without
    sorting every n-gram of the text (a 1 KB text has thousands).
    """
    pos = np.flatnonzero(contrib > 0)
    if pos.size > k:
        vals = contrib[pos]
        kth = np.partition(vals, pos.size - k)[pos.size - k]
        pos = pos[vals >= kth]  # ties with the k-th stay; the sort below keeps index order
    ordered: npt.NDArray[np.intp] = pos[np.argsort(-contrib[pos], kind="stable")][:k]
    return ordered


def shipped_model_dir() -> Path:
    """Where the shipped model files live (inside the installed package)."""
    return Path(str(resources.files("scamnet.analyze") / "models"))


def model_path(json_path: Path | None, file: str) -> Path:
    """``json_path``, or the shipped model file ``file``."""
    return json_path if json_path is not None else shipped_model_dir() / file


def load_model(json_path: Path | None, file: str, what: str) -> LinearNgramModel:
    """The model at ``json_path``, or the shipped ``file``; missing is a :class:`ConfigError`
    naming ``what`` and how to rebuild it."""
    path = model_path(json_path, file)
    if not path.exists():
        raise ConfigError(f"{what} not found at {path}; run `scamnet train`")
    return LinearNgramModel.load(path)


# Runs of letters and digits (``str.isalnum``; ``[^\W_]`` is exactly that) of
# scripts that separate words with spaces: not Thai, Lao, Burmese, Khmer, or
# anything from CJK (U+2E80) up, which write words without them.
_WORD_RUN = re.compile("[^\\W_\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\U0010ffff]+")


@dataclass(frozen=True)
class _WordRuns:
    """The word runs of ``text[:limit]``: sorted starts and their ends."""

    limit: int
    starts: list[int]
    ends: list[int]


def _word_runs(text: str, limit: int) -> _WordRuns:
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD_RUN.finditer(text, 0, limit):
        starts.append(m.start())
        ends.append(m.end())
    return _WordRuns(limit, starts, ends)


def _run_at(words: _WordRuns, i: int) -> tuple[int, int] | None:
    """The word run holding character ``i``, if it is a word character."""
    j = bisect_right(words.starts, i) - 1
    if j >= 0 and i < words.ends[j]:
        return words.starts[j], words.ends[j]
    return None


def _widen(text: str, a: int, b: int, words: _WordRuns, most: int = WIDEST_SPAN) -> tuple[int, int]:
    """Extend ``[a, b)`` to whole words, at most ``most`` characters long.

    Moves ``a`` back while the characters on both sides of it are one word's,
    then ``b`` forward likewise, while the span is shorter than ``most``:
    with the word runs known, each move is one step to the run's edge.
    """
    if 0 < a and b - a < most:
        run = _run_at(words, a)
        if run is not None and run[0] < a:
            a = max(run[0], b - most)
    if 0 < b < words.limit and b - a < most:
        run = _run_at(words, b)
        if run is not None and run[0] < b:
            b = min(run[1], a + most)
    # Leading/trailing spaces from the padding carry no meaning.
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _meaningful(evidence: str) -> bool:
    """Worth showing: two or more letters/digits, or one ideograph/syllable."""
    alnum = [ch for ch in evidence if ch.isalnum()]
    return len(alnum) >= 2 or any(ord(ch) >= 0x2E80 for ch in alnum)


def _feature(evidence: str) -> str:
    return "".join("0" if ch.isdigit() else ch for ch in evidence.lower())
