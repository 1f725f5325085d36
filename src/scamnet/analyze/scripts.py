"""Reused scam scripts: near-duplicate message templates across reports.

Texts are normalised with the parts that change per victim masked (URLs,
e-mails, handles, numbers and amounts, bracketed placeholders, capitalised
names inside a sentence), cut into character 5-gram shingles (so it works for
Chinese and Thai as for Latin text) and MinHashed. LSH banding proposes
candidate pairs; pairs whose estimated Jaccard similarity reaches the
threshold are joined, and every group seen in two or more different reports
becomes a template. MinHash is done here with numpy (fixed seeds), so template
ids are the same on every run and machine.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "ScriptText",
    "Template",
    "find_templates",
    "mask_text",
]

_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[[A-Z_]{2,20}\]"), "⟨v⟩"),
    (re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|xyz|top|"
                r"cc|vn|th|id|my|ph|io|co|me|info|link|app|cn|ly|gl|to)\b(?:/\S*)?"), "⟨u⟩"),
    (re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"), "⟨e⟩"),
    (re.compile(r"@\w{3,}"), "⟨h⟩"),
    (re.compile(r"(?:[$€£¥₫฿]\s?)?\d[\d.,:/ -]*\d|\d"), "⟨n⟩"),
    # A capitalised Latin word after a lower-case word is most likely a name.
    (re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,}\b"), "⟨p⟩"),
)
_WS = re.compile(r"\s+")

SHINGLE = 5
N_PERM = 64
BANDS = 16
_PRIME = np.uint64((1 << 61) - 1)


def mask_text(text: str) -> str:
    """The text with per-victim details masked, case folded, spaces collapsed."""
    out = text[:4000]
    for pat, repl in _MASKS:
        out = pat.sub(repl, out)
    return _WS.sub(" ", out.casefold()).strip()


@dataclass(frozen=True)
class ScriptText:
    """A text to look for templates in, and where it lives."""

    report_id: str
    field: str
    index: int | None
    text: str


@dataclass(frozen=True)
class Template:
    """A script seen in several reports: a stable ``id``, its masked ``text``
    (from its first member), and the members that use it."""

    id: str
    text: str
    members: tuple[ScriptText, ...]
    similarity: float

    @property
    def reports(self) -> tuple[str, ...]:
        return tuple(sorted({m.report_id for m in self.members}))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "reports": list(self.reports),
                "n_reports": len(self.reports), "n_members": len(self.members),
                "min_similarity": round(self.similarity, 4),
                "members": [{"report_id": m.report_id, "field": m.field, "index": m.index}
                            for m in self.members]}


def _params() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(1128)
    a = rng.integers(1, int(_PRIME) - 1, size=N_PERM, dtype=np.uint64)
    b = rng.integers(0, int(_PRIME) - 1, size=N_PERM, dtype=np.uint64)
    return a, b


_A, _B = _params()


def _shingle_hashes(masked: str) -> npt.NDArray[np.uint64]:
    grams = {masked[i:i + SHINGLE] for i in range(max(len(masked) - SHINGLE + 1, 1))}
    return np.array(sorted(int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8)
                                          .digest(), "little") for g in grams),
                    dtype=np.uint64)


def _minhash(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    # (a*h + b) mod p on 61-bit inputs; uint64 products wrap, which is fine for
    # a hash family as long as every run uses the same arithmetic.
    x = (h[None, :] % _PRIME) * _A[:, None] + _B[:, None]
    result: npt.NDArray[np.uint64] = (x % _PRIME).min(axis=1)
    return result


def find_templates(texts: Iterable[ScriptText], *, threshold: float = 0.6,
                   min_chars: int = 30, min_reports: int = 2) -> list[Template]:
    """Group near-duplicate texts into templates used by ``min_reports`` or more reports.

    Texts shorter than ``min_chars`` after masking are ignored (greetings are
    not scripts). Templates are sorted by number of reports, then id.
    """
    items: list[ScriptText] = []
    sigs: list[npt.NDArray[np.uint64]] = []
    masked: list[str] = []
    for t in texts:
        m = mask_text(t.text)
        if len(m) < min_chars:
            continue
        items.append(t)
        masked.append(m)
        sigs.append(_minhash(_shingle_hashes(m)))
    if not items:
        return []
    sig = np.vstack(sigs)
    rows = N_PERM // BANDS
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = {}
        block = np.ascontiguousarray(sig[:, band * rows:(band + 1) * rows])
        for i in range(len(items)):
            buckets.setdefault(block[i].tobytes(), []).append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            first = members[0]
            for j in members[1:]:
                pair = (first, j)
                if pair in checked:
                    continue
                checked.add(pair)
                if float(np.mean(sig[first] == sig[j])) >= threshold:
                    ri, rj = find(first), find(j)
                    if ri != rj:
                        parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        reports = {items[i].report_id for i in members}
        if len(reports) < min_reports:
            continue
        members.sort(key=lambda i: (items[i].report_id, items[i].field, items[i].index or 0))
        head = members[0]
        sim = min(float(np.mean(sig[head] == sig[i])) for i in members)
        tid = "tpl-" + hashlib.sha256(masked[head].encode("utf-8")).hexdigest()[:16]
        out.append(Template(tid, masked[head], tuple(items[i] for i in members), sim))
    out.sort(key=lambda t: (-len(t.reports), t.id))
    return out
