"""Hashed character and word n-gram features, computed with numpy for whole batches.

Character n-grams work the same way for Chinese, Thai and Latin scripts (no
tokeniser needed) and survive the misspellings scammers use to dodge filters.
Hashing keeps the shipped model free of training text: it stores one weight
per bucket, never the n-gram strings, and explanations recover the n-grams
from the text being explained. The hash is our own arithmetic on code points,
so it is the same on every machine and Python process (``hash()`` is not).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scamnet.analyze import native

__all__ = [
    "MAX_FEATURE_CHARS",
    "NGRAM_SIZES",
    "NORMS",
    "SCRIPT_GROUPS",
    "FeatureSpec",
    "HashedNgrams",
    "hash_features",
    "hash_ngrams",
    "normalise_codepoints",
    "script_groups",
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
    features text i has; ``scale[i]`` is 1/sqrt(counts[i]). ``value[k]`` is
    what feature k contributes (times its weight): for plain character n-grams
    the ``scale`` of its text, so that long and short texts score on one scale.
    A feature with ``length`` 0 covers no text (a script-group bias).
    """

    bucket: npt.NDArray[np.int64]
    row: npt.NDArray[np.int64]
    start: npt.NDArray[np.int64]
    length: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64]
    scale: npt.NDArray[np.float32]
    value: npt.NDArray[np.float32]


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
    mask = _check_buckets(n_buckets)
    plain = FeatureSpec(tuple(sizes))
    if texts and _native_fits(plain):
        return hash_features(texts, n_buckets, plain)
    flat = _Flat.of(texts)
    h, row, start, length = _char_hashes(flat, sizes)
    bucket = (h & mask).astype(np.int64)
    counts = np.bincount(row, minlength=flat.n).astype(np.int64)
    scale = _inv_sqrt(counts)
    return HashedNgrams(bucket, row, start, length, counts, scale, scale[row])


def _check_buckets(n_buckets: int) -> np.uint64:
    if n_buckets <= 0 or n_buckets & (n_buckets - 1):
        raise ValueError(f"n_buckets must be a power of two, got {n_buckets}")
    return _U64(n_buckets - 1)


def _inv_sqrt(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    return np.where(counts > 0, 1.0 / np.sqrt(np.maximum(counts, 1)), 0.0).astype(np.float32)


def _mix(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Scramble 64-bit hashes so that their low bits (the bucket) depend on every input bit."""
    f = h ^ (h >> _U64(31))
    f *= _MULT[4]
    f ^= f >> _U64(29)
    return f


@dataclass(frozen=True)
class _Flat:
    """A batch of texts as one normalised code point array, with a pad space
    before each text and after the last one."""

    n: int
    cps: npt.NDArray[np.uint64]
    owner: npt.NDArray[np.int64]      # text of each position (n for the final pad)
    offsets: npt.NDArray[np.int64]    # offsets[i]: the pad before text i

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Flat:
        cps, offsets = _padded(texts)
        owner = np.repeat(np.arange(len(texts) + 1, dtype=np.int64),
                          np.append(np.diff(offsets), 1))
        return cls(len(texts), cps.astype(_U64), owner, offsets)


def _padded(texts: Sequence[str]) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64]]:
    """The normalised code points of ``texts`` (each cut to
    :data:`MAX_FEATURE_CHARS`) joined by one pad space, with a pad before the
    first and after the last, and ``offsets[i]``, the pad before text i
    (``offsets[n]``: the final pad). Shared by the numpy and C featurisers."""
    cut = [t[:MAX_FEATURE_CHARS] for t in texts]
    lengths = np.fromiter((len(t) for t in cut), dtype=np.int64, count=len(cut))
    offsets = np.zeros(len(cut) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=offsets[1:])
    return normalise_codepoints(" " + " ".join(cut) + " "), offsets


def _char_hashes(flat: _Flat, sizes: Sequence[int]) -> tuple[
        npt.NDArray[np.uint64], npt.NDArray[np.int64], npt.NDArray[np.int64],
        npt.NDArray[np.int64]]:
    """Mixed 64-bit hash, text, start and length of every character n-gram, by text."""
    cps, owner, offsets, n_texts = flat.cps, flat.owner, flat.offsets, flat.n
    total = cps.size
    # Last position an n-gram starting at p may reach: the pad after its text.
    reach = offsets[np.minimum(owner + 1, n_texts)]
    nonsep = np.concatenate(([0], np.cumsum(cps != _U64(_SEP))))
    hashes: list[npt.NDArray[np.uint64]] = []
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
        h = (h[:m] ^ cps[n - 1:n - 1 + m]) * _MULT[(n - 1) % len(_MULT)]
        if n not in sizes:
            continue
        first = owner[:m]
        # Inside its text plus the pads around it, and not all spaces.
        ok = (first < n_texts) & (pos[:m] + (n - 1) <= reach[:m])
        ok &= nonsep[n:n + m] != nonsep[:m]
        idx = np.flatnonzero(ok)
        hashes.append(_mix(h[idx] + _U64((n * 0xD6E8FEB86659FD93) & 0xFFFFFFFFFFFFFFFF)))
        rows.append(first[idx])
        starts.append(idx - offsets[first[idx]] - 1)
        lens.append(np.full(idx.size, n, dtype=np.int64))
    return _by_row(hashes, rows, starts, lens)


def _by_row(hashes: list[npt.NDArray[np.uint64]], rows: list[npt.NDArray[np.int64]],
            starts: list[npt.NDArray[np.int64]], lens: list[npt.NDArray[np.int64]],
            ) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64], npt.NDArray[np.int64],
                       npt.NDArray[np.int64]]:
    if not hashes:
        z = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=_U64), z, z.copy(), z.copy()
    h, row = np.concatenate(hashes), np.concatenate(rows)
    start, length = np.concatenate(starts), np.concatenate(lens)
    order = np.argsort(row, kind="stable")
    return h[order], row[order], start[order], length[order]


#: How n-gram occurrences are weighted (:class:`FeatureSpec` ``norm``).
NORMS: tuple[str, ...] = ("count", "l2", "log-l2")


def _values(h: npt.NDArray[np.uint64], row: npt.NDArray[np.int64], n: int, mask: np.uint64,
            norm: str) -> npt.NDArray[np.float32]:
    """What each n-gram occurrence of one kind contributes, under ``norm``.

    Occurrences of one bucket in one text add up, so with ``l2`` each counts
    1/||c|| (c: the text's bucket counts) and a bucket seen c times gives
    c/||c||; with ``log-l2`` each counts (1 + log c)/c/||1 + log c||.
    """
    if norm == "count" or row.size == 0:
        return _inv_sqrt(np.bincount(row, minlength=n).astype(np.int64))[row]
    key = row.astype(np.uint64) * (mask + _U64(1)) + (h & mask)
    _, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True,
                                          return_counts=True)
    c = counts.astype(np.float64)
    w = c if norm == "l2" else 1.0 + np.log(c)
    sq = np.bincount(row[first], weights=w * w, minlength=n)
    inv_norm = np.where(sq > 0, 1.0 / np.sqrt(np.maximum(sq, 1e-300)), 0.0)
    out: npt.NDArray[np.float32] = ((w / c)[inverse] * inv_norm[row]).astype(np.float32)
    return out


#: Script groups of :func:`script_groups`, in index order. Scheme 1 (models
#: up to 1.4.0) knows the first four; scheme 2 adds Japanese kana, Hangul,
#: Myanmar and Khmer, which scheme 1 puts under Han (Japanese) or "other".
SCRIPT_GROUPS: tuple[str, ...] = ("thai", "han", "vietnamese", "other",
                                  "kana", "hangul", "myanmar", "khmer")
#: The script group schemes :class:`FeatureSpec` knows.
GROUP_SCHEMES = (1, 2)

_GROUP_SALT = np.array([0x8CB92BA72F3D8DD7, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB,
                        0x589965CC75374CC3, 0x2D358DCCAA6C78A5, 0x8BB84B93962EACC9,
                        0x4B33A62ED433D4A3, 0x4D5A2DA51DE1AA47], dtype=_U64)
_WORD_SALT = _U64(0x1D8E4E27C47D124F)
_BIAS_SALT = _U64(0x94D049BB133111EB)


@dataclass(frozen=True)
class FeatureSpec:
    """Which features a model sees.

    ``char_sizes``: character n-gram lengths. ``word_sizes``: word n-gram
    lengths (words are runs of letters and digits in scripts written with
    spaces; Thai, Lao, Burmese, Khmer and CJK text gives none). ``script_copies``:
    every feature appears twice, once shared by all texts and once private to
    the text's script group (:func:`script_groups`), plus one bias feature
    per group, so a group can weigh a feature differently from the others
    ("domain copies": a link means one thing in a Thai SMS and another in an
    English one). ``fold_accents``: words are hashed without their accents
    (``khách`` as ``khach``), so Vietnamese typed with and without diacritics
    shares word features; character n-grams keep the accents.

    ``norm`` (one of :data:`NORMS`) says how much an n-gram counts. ``count``:
    every occurrence counts 1/sqrt(the text's number of n-grams of its kind),
    so a bucket's value grows with sqrt(length) when one n-gram repeats (a
    megabyte of "aaaa" gives the "a" bucket about 28 at 4,000 characters).
    ``l2``: each kind's bucket vector of a text has unit length, whatever the
    text's length or repetitions. ``log-l2``: the same after each bucket's
    count c becomes 1 + log(c), which damps repeated n-grams further.

    ``script_groups`` names the grouping scheme of the script copies (one of
    :data:`GROUP_SCHEMES`; see :data:`SCRIPT_GROUPS`).
    """

    char_sizes: tuple[int, ...] = NGRAM_SIZES
    word_sizes: tuple[int, ...] = ()
    script_copies: bool = False
    fold_accents: bool = False
    norm: str = "count"
    script_groups: int = 1

    def __post_init__(self) -> None:
        if self.norm not in NORMS:
            raise ValueError(f"unknown n-gram norm {self.norm!r}; expected one of "
                             + ", ".join(NORMS))
        if self.script_groups not in GROUP_SCHEMES:
            raise ValueError(f"unknown script group scheme {self.script_groups!r}; expected "
                             "one of " + ", ".join(map(str, GROUP_SCHEMES)))

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "char_sizes": list(self.char_sizes), "word_sizes": list(self.word_sizes),
            "script_copies": self.script_copies, "fold_accents": self.fold_accents}
        # Written only when not the default, so the metadata of models built
        # before the option existed (the classifier's) stays byte for byte.
        if self.norm != "count":
            out["norm"] = self.norm
        if self.script_groups != 1:
            out["script_groups"] = self.script_groups
        return out

    @classmethod
    def from_meta(cls, meta: dict[str, object]) -> FeatureSpec:
        """The spec in a model's metadata; plain character n-grams when absent."""
        raw = meta.get("features")
        if not isinstance(raw, dict):
            sizes = meta.get("ngram_sizes")
            return cls(tuple(int(n) for n in sizes) if isinstance(sizes, list) else NGRAM_SIZES)
        return cls(tuple(int(n) for n in raw.get("char_sizes", NGRAM_SIZES)),
                   tuple(int(n) for n in raw.get("word_sizes", ())),
                   bool(raw.get("script_copies", False)),
                   bool(raw.get("fold_accents", False)),
                   str(raw.get("norm", "count")),
                   int(raw.get("script_groups", 1)))


def _in(cps: npt.NDArray[np.uint64], lo: int, hi: int) -> npt.NDArray[np.bool_]:
    return (cps >= _U64(lo)) & (cps <= _U64(hi))


def _vietnamese_letter(cps: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """Lower-case letters that only Vietnamese uses among our languages (ă â đ ê ô ơ ư, tones)."""
    out = _in(cps, 0x1EA1, 0x1EF9)
    for cp in (0x103, 0xE2, 0x111, 0xEA, 0xF4, 0x1A1, 0x1B0):
        out |= cps == _U64(cp)
    return out


def _group_of(flat: _Flat, scheme: int = 1) -> npt.NDArray[np.int64]:
    """Script group index (into :data:`SCRIPT_GROUPS`) of every text in ``flat``."""
    cps, owner, n = flat.cps, flat.owner, flat.n

    def per_text(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
        return np.bincount(owner[mask], minlength=n + 1)[:n].astype(np.int64)

    thai = per_text(_in(cps, 0x0E00, 0x0E7F))
    han = per_text(_in(cps, 0x4E00, 0x9FFF))
    latin = per_text(_in(cps, 0x61, 0x7A))
    viet = per_text(_vietnamese_letter(cps))
    # A Thai or Chinese text often carries Latin brand names and links; the
    # script with 30 % as many letters as Latin still decides.
    floor = 0.3 * np.maximum(latin, 1)
    group = np.full(n, 3, dtype=np.int64)
    group[viet >= 2] = 2
    if scheme >= 2:
        # Later assignments win: Khmer, Myanmar and Hangul over Vietnamese
        # letters, Han over those, kana (Japanese mixes kana with Han) over Han.
        for g, lo, hi in ((7, 0x1780, 0x17FF), (6, 0x1000, 0x109F), (5, 0xAC00, 0xD7A3)):
            count = per_text(_in(cps, lo, hi))
            group[(count > 0) & (count >= floor)] = g
    group[(han > 0) & (han >= floor)] = 1
    if scheme >= 2:
        kana = per_text(_in(cps, 0x3041, 0x30FF))
        group[(kana >= 2) & (kana + han >= floor)] = 4
    group[(thai > 0) & (thai >= floor)] = 0
    return group


def script_groups(texts: Sequence[str], scheme: int = 1) -> npt.NDArray[np.int64]:
    """Script group of each text (:data:`SCRIPT_GROUPS`). Scheme 1: 0 Thai, 1 Han,
    2 Vietnamese (two or more Vietnamese-only letters), 3 everything else.
    Scheme 2 also: 4 Japanese (two or more kana), 5 Hangul, 6 Myanmar, 7 Khmer."""
    return _group_of(_Flat.of(texts), scheme)


def _word_chars(cps: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """Letters and digits of scripts that separate words with spaces (after normalising)."""
    w = (cps == _U64(0x30)) | _in(cps, 0x61, 0x7A)
    other = _in(cps, 0xC0, 0x1FFF) & (cps != _U64(0xD7)) & (cps != _U64(0xF7))
    # Thai, Lao, Burmese and Khmer write words without spaces: a "word" there
    # would be a whole phrase, never seen twice.
    other &= ~(_in(cps, 0x0E00, 0x0EFF) | _in(cps, 0x1000, 0x109F) | _in(cps, 0x1780, 0x17FF))
    # Spacing modifier letters (ˆ ˜ ...) decorate words rather than spell them.
    other &= ~_in(cps, 0x2B0, 0x2FF)
    out: npt.NDArray[np.bool_] = w | other
    return out


@functools.cache
def _accent_table() -> npt.NDArray[np.uint64]:
    """Base letter of every code point below U+2000 (``ệ`` -> ``e``, ``đ`` -> ``d``)."""
    table = np.arange(0x2000, dtype=_U64)
    for cp in range(0xC0, 0x2000):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base != chr(cp) and base.isalpha() and ord(base) < 0x2000:
            table[cp] = ord(base)
    table[0x111] = ord("d")  # đ has no decomposition but is typed as d without accents
    return table


def _fold_accents(cps: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    low = cps < _U64(0x2000)
    out = cps.copy()
    out[low] = _accent_table()[cps[low].astype(np.int64)]
    return out


def _word_hashes(flat: _Flat, sizes: Sequence[int], fold: bool = False) -> tuple[
        npt.NDArray[np.uint64], npt.NDArray[np.int64], npt.NDArray[np.int64],
        npt.NDArray[np.int64]]:
    """Mixed 64-bit hash, text, start and length of every word n-gram, by text."""
    cps = flat.cps
    isw = _word_chars(cps)
    if fold:
        cps = _fold_accents(cps)
    empty: tuple[list[npt.NDArray[np.uint64]], list[npt.NDArray[np.int64]],
                 list[npt.NDArray[np.int64]], list[npt.NDArray[np.int64]]] = ([], [], [], [])
    if not sizes or not isw.any():
        return _by_row(*empty)
    prev = np.concatenate(([False], isw[:-1]))
    nxt = np.concatenate((isw[1:], [False]))
    first = np.flatnonzero(isw & ~prev)
    last = np.flatnonzero(isw & ~nxt)
    # Polynomial hash of each word: sum of code point x MULT^(position in word),
    # wrapping at 2^64 (the same on every machine).
    pos_in = np.flatnonzero(isw)
    wid = np.cumsum(isw & ~prev)[pos_in] - 1
    k = pos_in - first[wid]
    powers = np.cumprod(np.full(MAX_FEATURE_CHARS + 1, _MULT[1], dtype=_U64))
    terms = cps[pos_in] * powers[np.minimum(k, MAX_FEATURE_CHARS)]
    word = np.add.reduceat(terms, np.flatnonzero(k == 0)) if terms.size else terms
    row = flat.owner[first]
    begin = first - flat.offsets[row] - 1
    end = last + 1 - flat.offsets[row] - 1
    hashes, rows, starts, lens = empty
    h = word
    for n in range(1, max(sizes) + 1):
        m = word.size - n + 1
        if m <= 0:
            break
        if n > 1:
            h = (h[:m] * _MULT[2]) ^ word[n - 1:n - 1 + m]
        if n not in sizes:
            continue
        ok = np.flatnonzero(row[:m] == row[n - 1:n - 1 + m])
        hashes.append(_mix(h[ok] + _WORD_SALT * _U64(n)))
        rows.append(row[ok])
        starts.append(begin[ok])
        lens.append(end[ok + n - 1] - begin[ok])
    return _by_row(hashes, rows, starts, lens)


def hash_features(texts: Sequence[str], n_buckets: int, spec: FeatureSpec) -> HashedNgrams:
    """Hash the features ``spec`` names for every text into ``n_buckets`` buckets.

    Character n-grams of a text each count 1/sqrt(its number of character
    n-grams), word n-grams 1/sqrt(its number of word n-grams), so neither
    kind drowns the other (``spec.norm`` ``count``; with ``l2`` or ``log-l2``
    each kind's bucket vector has unit length instead). With ``script_copies``
    each feature is repeated in its script group's private copy, and each
    text gets its group's bias feature (value 1, no span). Plain character
    n-grams with the ``count`` norm give exactly :func:`hash_ngrams`.
    """
    mask = _check_buckets(n_buckets)
    if texts and _native_fits(spec):
        return _hash_native(texts, n_buckets, spec)
    flat = _Flat.of(texts)
    n = flat.n
    ch, c_row, c_start, c_len = _char_hashes(flat, spec.char_sizes)
    wh, w_row, w_start, w_len = _word_hashes(flat, spec.word_sizes, spec.fold_accents)
    h = np.concatenate((ch, wh))
    row = np.concatenate((c_row, w_row))
    start = np.concatenate((c_start, w_start))
    length = np.concatenate((c_len, w_len))
    value = np.concatenate((_values(ch, c_row, n, mask, spec.norm),
                            _values(wh, w_row, n, mask, spec.norm)))
    if spec.script_copies and n:
        group = _group_of(flat, spec.script_groups)
        has = np.bincount(row, minlength=n) > 0
        bias_rows = np.flatnonzero(has)
        bias = _mix(_BIAS_SALT + _GROUP_SALT[group[bias_rows]])
        h = np.concatenate((h, _mix(h ^ _GROUP_SALT[group[row]]), bias))
        row = np.concatenate((row, row, bias_rows))
        start = np.concatenate((start, start, np.zeros(bias_rows.size, dtype=np.int64)))
        length = np.concatenate((length, length, np.zeros(bias_rows.size, dtype=np.int64)))
        value = np.concatenate((value, value, np.ones(bias_rows.size, dtype=np.float32)))
    order = np.argsort(row, kind="stable")
    h, row, start, length, value = h[order], row[order], start[order], length[order], value[order]
    counts = np.bincount(row, minlength=n).astype(np.int64)
    return HashedNgrams((h & mask).astype(np.int64), row, start, length, counts,
                        _inv_sqrt(counts), value.astype(np.float32))


def _native_fits(spec: FeatureSpec) -> bool:
    """True when the C kernel computes ``spec``'s features (every norm; sizes below 32)."""
    return native.enabled() and all(0 < n < 32 for n in spec.char_sizes + spec.word_sizes)


@functools.cache
def _accent_table32() -> npt.NDArray[np.uint32]:
    return _accent_table().astype(np.uint32)


@functools.cache
def _log_table(size: int) -> npt.NDArray[np.float64]:
    """``np.log(c)`` at index c for 0 < c < ``size`` (0 at index 0), for the C
    kernel's ``log-l2`` norm: numpy's log, not the C library's, which differs in
    the last bit for a few counts, so that both featurisers agree bit for bit."""
    out = np.zeros(size, dtype=np.float64)
    out[1:] = np.log(np.arange(1, size, dtype=np.float64))
    return out


def _hash_native(texts: Sequence[str], n_buckets: int, spec: FeatureSpec) -> HashedNgrams:
    """:func:`hash_features` by the C kernel: the same features in the same
    order (tests/analyze/test_native_kernels.py compares the two), without
    the numpy passes over every (position, size) of the batch."""
    n = len(texts)
    cps, offsets = _padded(texts)
    counts = np.zeros(n, dtype=np.int64)
    # A bucket counts at most every n-gram of its kind: one per size at every
    # position of the longest text and its two pads.
    most = max(len(spec.char_sizes), len(spec.word_sizes)) * (MAX_FEATURE_CHARS + 2)
    bucket, start, length, value = native.kernels().hash_batch(
        cps, offsets, _accent_table32() if spec.fold_accents else None,
        sum(1 << k for k in spec.char_sizes), sum(1 << k for k in spec.word_sizes),
        spec.script_groups if spec.script_copies else 0, n_buckets, counts,
        NORMS.index(spec.norm), _log_table(most + 1) if spec.norm == "log-l2" else None)
    return HashedNgrams(np.frombuffer(bucket, dtype=np.int64),
                        np.repeat(np.arange(n, dtype=np.int64), counts),
                        np.frombuffer(start, dtype=np.int64),
                        np.frombuffer(length, dtype=np.int64), counts, _inv_sqrt(counts),
                        np.frombuffer(value, dtype=np.float32))
