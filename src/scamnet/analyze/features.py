"""Hashed character n-gram features, computed with numpy for whole batches.

Character n-grams work the same way for Chinese, Thai and Latin scripts (no
tokeniser needed) and survive the misspellings scammers use to dodge filters.
Hashing keeps the shipped model free of training text: it stores one weight
per bucket, never the n-gram strings, and explanations recover the n-grams
from the text being explained. The hash is our own arithmetic on code points,
so it is the same on every machine and Python process (``hash()`` is not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "MAX_FEATURE_CHARS",
    "NGRAM_SIZES",
    "HashedNgrams",
    "hash_ngrams",
    "normalise_codepoints",
]

#: Only the first this many characters of a text are featurised: enough for any
#: message, and it bounds time and memory on megabyte-long single lines.
MAX_FEATURE_CHARS = 4000

#: Character n-gram lengths used.
NGRAM_SIZES: tuple[int, ...] = (1, 2, 3, 4, 5)

_U64 = np.uint64
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                  0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=_U64)
_SEP = 0x20  # texts are joined and padded with a space


@dataclass(frozen=True)
class HashedNgrams:
    """The n-grams of a batch of texts, flattened.

    ``bucket[k]`` is the hash bucket of n-gram k, ``row[k]`` the text it came
    from, ``start[k]``/``length[k]`` its character span inside that text (after
    truncation to :data:`MAX_FEATURE_CHARS`). ``counts[i]`` is how many
    n-grams text i has; ``scale[i]`` is 1/sqrt(counts[i]), the value each
    n-gram contributes so that long and short texts score on one scale.
    """

    bucket: npt.NDArray[np.int64]
    row: npt.NDArray[np.int64]
    start: npt.NDArray[np.int64]
    length: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64]
    scale: npt.NDArray[np.float32]


def normalise_codepoints(text: str) -> npt.NDArray[np.uint32]:
    """Code points of ``text`` lower-cased with digits folded to ``0``.

    One output code point per input character, so spans map straight back to
    the original text. Digits fold because amounts and phone numbers vary
    between copies of one script while their shape does not. Lone surrogates
    (junk from broken decoding) become spaces.
    """
    low = text.lower()
    if len(low) != len(text):  # a few letters lower-case to two code points
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    raw = low.encode("utf-32-le", errors="surrogatepass")
    cps = np.frombuffer(raw, dtype=np.uint32).copy()
    digit = ((cps >= 0x30) & (cps <= 0x39)) | ((cps >= 0xFF10) & (cps <= 0xFF19)) | (
        (cps >= 0x0E50) & (cps <= 0x0E59)) | ((cps >= 0x0660) & (cps <= 0x0669))
    cps[digit] = 0x30
    space = ((cps == 0x09) | (cps == 0x0A) | (cps == 0x0D) | (cps == 0x3000) | (cps == 0xA0)
             | ((cps >= 0xD800) & (cps <= 0xDFFF)))
    cps[space] = _SEP
    return cps


def hash_ngrams(texts: Sequence[str], n_buckets: int,
                sizes: Sequence[int] = NGRAM_SIZES) -> HashedNgrams:
    """Hash every character n-gram of every text into ``n_buckets`` buckets.

    ``n_buckets`` must be a power of two. Texts are cut to
    :data:`MAX_FEATURE_CHARS` and padded with one space on both sides so word
    starts and ends form their own n-grams. N-grams of spaces only are
    dropped, so an empty or all-space text has no n-grams (``counts`` 0).
    """
    if n_buckets <= 0 or n_buckets & (n_buckets - 1):
        raise ValueError(f"n_buckets must be a power of two, got {n_buckets}")
    cut = [t[:MAX_FEATURE_CHARS] for t in texts]
    lengths = np.fromiter((len(t) for t in cut), dtype=np.int64, count=len(cut))
    # offsets[i] is the pad before text i; its first character is at offsets[i] + 1.
    offsets = np.zeros(len(cut) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=offsets[1:])
    flat = normalise_codepoints(" " + " ".join(cut) + " ").astype(_U64)
    total = flat.size
    owner = np.repeat(np.arange(len(cut) + 1, dtype=np.int64),
                      np.append(lengths + 1, 1))
    # Last position an n-gram starting at p may reach: the pad after its text.
    reach = offsets[np.minimum(owner + 1, len(cut))]
    nonsep = np.concatenate(([0], np.cumsum(flat != _U64(_SEP))))
    mask = _U64(n_buckets - 1)
    buckets: list[npt.NDArray[np.int64]] = []
    rows: list[npt.NDArray[np.int64]] = []
    starts: list[npt.NDArray[np.int64]] = []
    lens: list[npt.NDArray[np.int64]] = []
    pos = np.arange(total, dtype=np.int64)
    # The n-gram hash extends the (n-1)-gram hash by one code point, so each
    # size costs two passes over the text instead of n.
    h = np.zeros(total, dtype=_U64)
    longest = max(sizes) if sizes else 0
    for n in range(1, longest + 1):
        m = total - n + 1
        if m <= 0:
            break
        h = (h[:m] ^ flat[n - 1:n - 1 + m]) * _MULT[(n - 1) % len(_MULT)]
        if n not in sizes:
            continue
        f = h + _U64((n * 0xD6E8FEB86659FD93) & 0xFFFFFFFFFFFFFFFF)
        f ^= f >> _U64(31)
        f *= _MULT[4]
        f ^= f >> _U64(29)
        first = owner[:m]
        # Inside its text plus the pads around it, and not all spaces.
        ok = (first < len(cut)) & (pos[:m] + (n - 1) <= reach[:m])
        ok &= nonsep[n:n + m] != nonsep[:m]
        idx = np.flatnonzero(ok)
        buckets.append((f[idx] & mask).astype(np.int64))
        rows.append(first[idx])
        starts.append(idx - offsets[first[idx]] - 1)
        lens.append(np.full(idx.size, n, dtype=np.int64))
    if buckets:
        bucket = np.concatenate(buckets)
        row = np.concatenate(rows)
        start = np.concatenate(starts)
        length = np.concatenate(lens)
    else:
        bucket = row = start = length = np.zeros(0, dtype=np.int64)
    order = np.argsort(row, kind="stable")
    bucket, row, start, length = bucket[order], row[order], start[order], length[order]
    counts = np.bincount(row, minlength=len(cut)).astype(np.int64)
    scale = np.where(counts > 0, 1.0 / np.sqrt(np.maximum(counts, 1)), 0.0).astype(np.float32)
    return HashedNgrams(bucket, row, start, length, counts, scale)
