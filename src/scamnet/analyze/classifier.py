"""Scam-type classification of messages and reports, with calibrated risk.

One linear model over hashed character n-grams has two heads: output 0 is the
log-odds that the text is a scam (trained on every real and curated set),
outputs 1..7 score the scam type (trained on texts whose type is known). A
text is a scam when the calibrated scam probability reaches 0.5; its type is
then the best-scoring type, otherwise ``not_scam``. Risk is that calibrated
probability times 100.

Since 1.9.0 the model has two parts of that shape. Texts whose detected
language is one of the routed part's (Burmese, Khmer, Japanese, Korean,
Portuguese, French) are scored by it, all others by the main part, each with
its own calibration map. The routed part also learned curated messages of
those languages which, in one model, moved other languages' scores.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze.features import MAX_FEATURE_CHARS
from scamnet.analyze.language import LanguageResult, detect_language
from scamnet.analyze.linear import LinearNgramModel, Reason, load_model, model_path
from scamnet.errors import ConfigError

__all__ = [
    "LABELS",
    "SCAM_TYPES",
    "Classification",
    "ScamClassifier",
    "classify_texts",
    "contentless",
    "default_classifier",
    "squeeze_repeats",
]

#: Scam types, in the order of the type head's outputs.
SCAM_TYPES: tuple[str, ...] = (
    "investment", "romance", "task", "recruitment", "impersonation", "phishing", "advance_fee",
)
#: Every label a classification can carry.
LABELS: tuple[str, ...] = (*SCAM_TYPES, "not_scam")

MODEL_FILE = "classifier.json"


@dataclass(frozen=True)
class Classification:
    """The verdict on one text, with the evidence and the model that gave it."""

    is_scam: bool
    scam_type: str
    p_scam: float
    risk: int
    type_scores: dict[str, float]
    reasons: tuple[Reason, ...]
    model: str
    version: str
    language: LanguageResult | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form (documented in docs/analysis.md)."""
        out: dict[str, Any] = {
            "language": self.language.code if self.language else None,
            "language_confidence": round(self.language.confidence, 4) if self.language else None,
            "is_scam": self.is_scam,
            "scam_type": self.scam_type,
            "risk": self.risk,
            "p_scam": round(self.p_scam, 4),
            "type_scores": {k: round(v, 4) for k, v in self.type_scores.items()},
            "reasons": [r.to_dict() for r in self.reasons],
            "model": self.model,
            "model_version": self.version,
        }
        out.update(self.extra)
        return out


#: A text with fewer distinct characters than this (whitespace aside) is
#: scored as the empty text: see :func:`contentless`.
MIN_DISTINCT_CHARACTERS = 4


def contentless(text: str) -> bool:
    """True when ``text`` holds fewer than :data:`MIN_DISTINCT_CHARACTERS` distinct
    characters besides whitespace: ``ok``, ``!!!``, a megabyte of one letter.

    Such a text says nothing a message says, but its n-grams are few and
    repeated, so their weights add up without bound: a line of one Thai or
    Khmer letter scored risk 100 before this rule (as did one Han character
    200 times). No held-out text changed verdict by it (docs/analysis.md).
    """
    # The head settles almost every text; set() runs in C even on a megabyte.
    for part in (text[:64], text):
        if sum(not ch.isspace() for ch in set(part)) >= MIN_DISTINCT_CHARACTERS:
            return False
    return True


#: A unit of one to four characters repeated more than this many times in a
#: row is scored as if repeated this many times: see :func:`squeeze_repeats`.
MAX_REPEATS = 8
_REPEAT = re.compile(r"(.{1,4}?)\1{" + str(MAX_REPEATS) + ",}", re.DOTALL)


def squeeze_repeats(text: str, limit: int = MAX_FEATURE_CHARS) -> tuple[str, list[int] | None]:
    """``text`` with every run of one unit (one to four characters) repeated
    more than :data:`MAX_REPEATS` times cut to :data:`MAX_REPEATS` repeats, and
    for each character kept its index in ``text`` (``None`` when nothing was cut).

    The classifier counts n-grams with the ``count`` norm, under which one
    n-gram repeated thousands of times outweighs everything else: 5,000 Thai
    letters before " abc", 300 Han characters before a greeting, or a real
    scam text padded with 5,000 "!" all scored risk 100. Cut to eight
    repeats, the padding weighs what a few characters weigh, so padding can
    neither raise nor hide a score. Of the training texts, 219 in 15,869 hold
    such a run, nearly all masks of nine to eighteen "x" (mostly the Chinese
    set's), the rest rows of dots, dashes or "="; none of the held-out texts
    it touches changes verdict (docs/analysis.md). Scoring only; training
    reads texts as they are.

    Only what the featuriser reads is squeezed: a text is searched for runs
    in its first ``limit`` characters, and once something is cut the result
    stops at ``limit`` characters (:data:`MAX_FEATURE_CHARS`, beyond which no
    n-gram is read), so a megabyte costs no more than its first pages and its
    runs.
    """
    m = _REPEAT.search(text, 0, limit)
    if m is None:
        return text, None
    parts: list[str] = []
    index: list[int] = []
    size = pos = 0
    while m is not None:
        unit = m.group(1)
        keep = m.start() + len(unit) * MAX_REPEATS
        parts.append(text[pos:keep])
        index.extend(range(pos, keep))
        size += keep - pos
        # the whole run, also past the search window (which may have cut it short)
        run = re.compile("(?:" + re.escape(unit) + ")*", re.DOTALL).match(text, m.start())
        pos = run.end() if run is not None else m.end()
        if size >= limit:
            break
        m = _REPEAT.search(text, pos, pos + limit - size)
    if size < limit:
        tail = min(len(text), pos + limit - size)
        parts.append(text[pos:tail])
        index.extend(range(pos, tail))
    return "".join(parts), index


def _may_repeat(texts: Sequence[str], limit: int = MAX_FEATURE_CHARS) -> npt.NDArray[np.bool_]:
    """For each text, whether :func:`squeeze_repeats` may cut something from it.

    One numpy pass over the whole batch instead of a regular-expression search
    per text (14.17–14.31 µs each over the benchmark's texts; batch scoring
    with that search ran at 26,934 texts/s, 37.1 µs a text, and with this
    pass at 37,887–38,490): a unit of ``k`` characters repeated
    ``MAX_REPEATS + 1`` times is ``MAX_REPEATS * k`` positions in a row whose
    character equals the one ``k`` further on. Never
    False for a text that :func:`squeeze_repeats` changes; True now and then
    for one it does not (a window reaching into the separator), which costs
    only the search.
    """
    out = np.zeros(len(texts), dtype=np.bool_)
    if not texts:
        return out
    parts = [t[:limit] for t in texts]
    sep = "\x00\x01\x02\x03\x04"  # five distinct characters: no run crosses it
    cps = np.frombuffer(sep.join(parts).encode("utf-32-le", errors="surrogatepass"),
                        dtype=np.uint32)
    sizes = np.fromiter((len(p) + len(sep) for p in parts), dtype=np.int64, count=len(parts))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    for k in range(1, 5):
        w = MAX_REPEATS * k
        if cps.size < w + k:
            break
        same = np.concatenate(([0], np.cumsum(cps[k:] == cps[:-k], dtype=np.int64)))
        at = np.flatnonzero(same[w:] - same[:-w] == w)
        if at.size:
            out[np.searchsorted(starts, at, side="right") - 1] = True
    return out


#: Batches smaller than this are searched text by text: numpy's fixed costs
#: per call outweigh the search for a few texts (one text at a time scored
#: 6,896-7,198 texts/s through the numpy pass, 9,096-9,306 searched alone).
_PREFILTER_BATCH = 8


def _squeeze_batch(texts: Sequence[str]) -> list[tuple[str, list[int] | None]]:
    """:func:`squeeze_repeats` of every text, searching only where :func:`_may_repeat` says."""
    if len(texts) < _PREFILTER_BATCH:
        return [squeeze_repeats(t) for t in texts]
    return [squeeze_repeats(t) if maybe else (t, None)
            for t, maybe in zip(texts, _may_repeat(texts).tolist(), strict=True)]


def _unsqueeze(reasons: Sequence[Reason], text: str, index: list[int]) -> list[Reason]:
    """Reasons found in a squeezed text, with spans and evidence of the original ``text``.

    A span that crosses a cut maps to the longest piece of it that is
    contiguous in ``text`` (the later one on a tie, which is usually what
    follows the padding), so that evidence stays short: the cut-out repeats
    may be a megabyte.
    """
    out = []
    for r in reasons:
        lo, hi = min(r.start, len(index)), min(r.end, len(index))
        if lo >= hi:
            out.append(replace(r, start=len(text), end=len(text), evidence=""))
            continue
        best = (lo, lo + 1)
        piece = lo
        for p in range(lo + 1, hi + 1):
            if p == hi or index[p] != index[p - 1] + 1:
                if p - piece >= best[1] - best[0]:
                    best = (piece, p)
                piece = p
        start, end = index[best[0]], index[best[1] - 1] + 1
        out.append(replace(r, start=start, end=end, evidence=text[start:end]))
    return out


class ScamClassifier:
    """The shipped scam classifier. Load once with :func:`default_classifier`."""

    def __init__(self, model: LinearNgramModel, routed: LinearNgramModel | None = None,
                 languages: Iterable[str] = ()) -> None:
        for m in (model, routed):
            if m is not None and m.weights.shape[1] != 1 + len(SCAM_TYPES):
                raise ConfigError(f"classifier has {m.weights.shape[1]} outputs, "
                                  f"expected {1 + len(SCAM_TYPES)}")
        #: The main part: every text not routed.
        self.model = model
        #: The routed part, for texts in :attr:`routed_languages`, if any.
        self.routed = routed
        self.routed_languages = frozenset(languages) if routed is not None else frozenset()
        self._parts = [model] if routed is None else [model, routed]
        self._maps = [_calibration_map(m) for m in self._parts]
        self._empty: dict[int, npt.NDArray[np.float32]] = {}

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def version(self) -> str:
        return self.model.version

    @classmethod
    def load(cls, json_path: Path | None = None) -> ScamClassifier:
        """The model at ``json_path`` (default: the shipped one) with its routed
        part, which its metadata names; a routed part from another training
        run is a :class:`ConfigError`."""
        main = model_path(json_path, MODEL_FILE)
        model = load_model(main, MODEL_FILE, "classifier model")
        route = model.meta.get("route")
        if not route:
            return cls(model)
        # The routed part lives beside the main part's metadata.
        part = main.parent / str(route["model_file"])
        routed = load_model(part, part.name, "classifier's routed part")
        if routed.meta.get("weights_sha256") != route.get("weights_sha256"):
            raise ConfigError(f"{part} is not the routed part {MODEL_FILE} was trained "
                              "with; run `scamnet train`")
        return cls(model, routed, route["languages"])

    def calibrate(self, raw: npt.NDArray[np.float64], part: int = 0) -> npt.NDArray[np.float64]:
        """Map raw scam probabilities through a part's calibration map (centred
        isotonic since 1.8.0; part 0 is the main part, 1 the routed one)."""
        x, y = self._maps[part]
        return np.interp(raw, x, y)

    def parts_of(self, texts: Sequence[str],
                 languages: Sequence[LanguageResult] | None = None) -> npt.NDArray[np.int64]:
        """Which part scores each text: 0 (main) or 1 (routed), by detected
        language (``languages``, if already known, saves detecting it again).
        A :func:`contentless` text is scored as the empty text, whatever its
        script, so it stays with the main part."""
        if self.routed is None:
            return np.zeros(len(texts), dtype=np.int64)
        langs = languages if languages is not None else [detect_language(t) for t in texts]
        return np.fromiter((r.code in self.routed_languages and not contentless(t)
                            for r, t in zip(langs, texts, strict=True)),
                           dtype=np.int64, count=len(texts))

    def scores(self, texts: Sequence[str]) -> tuple[npt.NDArray[np.float64],
                                                    npt.NDArray[np.float64],
                                                    npt.NDArray[np.float64]]:
        """Vectorised scoring: (raw p_scam, calibrated p_scam, type probabilities)."""
        if self.routed is None:
            return self._part_scores(0, texts)
        raw = np.zeros(len(texts))
        cal = np.zeros(len(texts))
        types = np.zeros((len(texts), len(SCAM_TYPES)))
        for part, rows in _groups(self.parts_of(texts)):
            raw[rows], cal[rows], types[rows] = self._part_scores(part, [texts[i] for i in rows])
        return raw, cal, types

    def _part_scores(self, part: int, texts: Sequence[str]) -> tuple[
            npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        squeezed = [t for t, _ in _squeeze_batch(texts)]
        logits = self._parts[part].logits(squeezed)
        return self._probabilities(part, self._as_empty(part, texts, 0, logits)[0])

    def explain(self, text: str, sign: float, top: int = 5) -> list[Reason]:
        """The n-grams of ``text`` that push its scam score most in direction
        ``sign`` (+1 toward scam), scored as :meth:`classify` scores it."""
        scored, index = squeeze_repeats(text)
        model = self._parts[int(self.parts_of([text])[0])]
        reasons = model.explain(scored, 0, sign, top=top)
        return reasons if index is None else _unsqueeze(reasons, text, index)

    def _as_empty(self, part: int, texts: Sequence[str], lo: int,
                  logits: npt.NDArray[np.float32],
                  ) -> tuple[npt.NDArray[np.float32], frozenset[int]]:
        """``logits`` (of ``texts[lo:]``) with each :func:`contentless` text scored
        as the empty text, and the rows of those texts."""
        rows = frozenset(k for k in range(logits.shape[0]) if contentless(texts[lo + k]))
        if rows:
            if part not in self._empty:
                self._empty[part] = self._parts[part].logits([""])[0]
            logits = logits.copy()
            logits[sorted(rows)] = self._empty[part]
        return logits, rows

    def _probabilities(self, part: int, logits32: npt.NDArray[np.float32]) -> tuple[
            npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        logits = logits32.astype(np.float64)
        raw = 1.0 / (1.0 + np.exp(-np.clip(logits[:, 0], -50, 50)))
        t = logits[:, 1:]
        t = np.exp(t - t.max(axis=1, keepdims=True))
        t /= t.sum(axis=1, keepdims=True)
        return raw, self.calibrate(raw, part), t

    def classify(self, texts: Sequence[str], *, language: bool = True,
                 explain: int = 5) -> list[Classification]:
        """Classify a batch of texts. Empty or letterless texts get a result too."""
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"text {i} is {type(t).__name__}, not str")
        # The routed part needs every text's language, asked for or not.
        langs = ([detect_language(t) for t in texts] if language or self.routed is not None
                 else None)
        if self.routed is None:
            return self._classify_part(0, texts, langs if language else None, explain)
        out: list[Classification | None] = [None] * len(texts)
        for part, rows in _groups(self.parts_of(texts, langs)):
            sub_langs = [langs[i] for i in rows] if language and langs is not None else None
            done = self._classify_part(part, [texts[i] for i in rows], sub_langs, explain)
            for i, res in zip(rows.tolist(), done, strict=True):
                out[i] = replace(res, extra={**res.extra, "model_part": _PART_NAMES[part]})
        return [r for r in out if r is not None]

    def _classify_part(self, part: int, texts: Sequence[str],
                       langs: Sequence[LanguageResult] | None,
                       explain: int) -> list[Classification]:
        model = self._parts[part]
        out = []
        squeezed = _squeeze_batch(texts)
        scored = [s for s, _ in squeezed]
        for lo, grams, logits, contrib in model.scored_chunks(scored, 0 if explain else None):
            logits, empty = self._as_empty(part, texts, lo, logits)
            _, cal, types = self._probabilities(part, logits)
            chunk = texts[lo:lo + logits.shape[0]]
            # Reasons point toward the verdict: scam evidence for a scam, the rest otherwise.
            signs = [1.0 if p >= 0.5 else -1.0 for p in cal.tolist()]
            explained = model.explain_rows(scored[lo:lo + len(chunk)], grams, 0, signs,
                                           top=explain, contrib=contrib)
            for k, (text, reasons) in enumerate(zip(chunk, explained, strict=True)):
                index = squeezed[lo + k][1]
                if k in empty:
                    reasons = []  # scored as empty: no n-gram stands for the verdict
                elif index is not None:
                    reasons = _unsqueeze(reasons, text, index)
                p = float(cal[k])
                is_scam = p >= 0.5
                scam_type = SCAM_TYPES[int(np.argmax(types[k]))] if is_scam else "not_scam"
                out.append(Classification(
                    is_scam=is_scam, scam_type=scam_type, p_scam=p, risk=risk_from(p),
                    type_scores=dict(zip(SCAM_TYPES, types[k].tolist(), strict=True)),
                    reasons=tuple(reasons), model=self.name, version=self.version,
                    language=langs[lo + k] if langs is not None else None))
        return out


#: What ``model_part`` says in a result of a classifier with a routed part.
_PART_NAMES = ("main", "routed")


def _calibration_map(model: LinearNgramModel) -> tuple[npt.NDArray[np.float64],
                                                        npt.NDArray[np.float64]]:
    cal = model.meta.get("calibration") or {}
    return (np.asarray(cal.get("x", [0.0, 1.0]), dtype=np.float64),
            np.asarray(cal.get("y", [0.0, 1.0]), dtype=np.float64))


def _groups(parts: npt.NDArray[np.int64]) -> list[tuple[int, npt.NDArray[np.int64]]]:
    """(part, rows) for each part that scores at least one row."""
    return [(p, rows) for p in (0, 1) if (rows := np.flatnonzero(parts == p)).size]


def risk_from(p: float) -> int:
    """Risk 0-100 from a calibrated probability."""
    return int(round(min(max(p, 0.0), 1.0) * 100))


@functools.cache
def default_classifier() -> ScamClassifier:
    """The shipped classifier, loaded on first call and kept."""
    return ScamClassifier.load()


def classify_texts(texts: Iterable[str], *, classifier: ScamClassifier | None = None,
                   batch_size: int = 2048, language: bool = True,
                   explain: int = 5) -> Iterable[Classification]:
    """Classify a stream of texts in batches, yielding one result per text."""
    clf = classifier or default_classifier()
    batch: list[str] = []
    for t in texts:
        batch.append(t)
        if len(batch) >= batch_size:
            yield from clf.classify(batch, language=language, explain=explain)
            batch = []
    if batch:
        yield from clf.classify(batch, language=language, explain=explain)
