"""The in-memory screening index: names by blocking keys, identifiers by exact key.

Names are blocked on their tokens, on adjacent tokens joined ("xiao er" ->
"xiaoer") and on consonant skeletons (cross-script and spelling variants). A
query collects the names sharing keys with it, ranks them by the IDF of the
keys they share and scores only the best :attr:`ScreeningIndex.candidates`,
so a query touches a small part of the list. Keys shared by more than
:data:`MAX_POSTING` names (GROUP, INTERNATIONAL) are skipped when the query
has rarer keys. Wallets, phones, domains and IBANs are looked up exactly by
the keys of :mod:`scamnet.screen.keys`.

A query with a full date of birth also scores the names of the listed people
born that day (1.4): the matcher's identity rule can raise a name that shares
only a common surname with the query (ALI, MUHAMMAD, KIM), and the blocking
keys of such a surname are cut to the best-sharing names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.errors import InvalidInputError
from scamnet.screen.entities import ListEntity
from scamnet.screen.keys import domain_key, iban_key, phone_key, wallet_key
from scamnet.screen.matcher import Feature, Matcher, NameMatcher, Query, Weights
from scamnet.screen.names import NameForm, analyze_name, skeleton

__all__ = ["CANDIDATE_RATIO", "MAX_POSTING", "Match", "ScreeningIndex", "entity_kind"]

MAX_POSTING = 800
#: Score only names whose shared key weight is at least this share of the best.
CANDIDATE_RATIO = 0.4
_JOINED_KEY = 0.05
# From this many postings on, rank with one slot per name (see _rank).
_DENSE_RANK = 2000
# Under this many postings, rank in plain Python (see _rank_small).
_SMALL_RANK = 128


def entity_kind(schema: str) -> str:
    """The name-normalisation kind for an FtM schema."""
    if schema == "Person":
        return "person"
    if schema in ("Vessel", "Airplane"):
        return "object"
    if schema == "LegalEntity":
        return "any"
    return "org"


@dataclass(frozen=True)
class Match:
    """One hit: which list entity, through which of its names or identifiers, how sure.

    ``kind`` is what matched: name, wallet, phone, domain, iban. ``features``
    explain the score; ``matcher`` names the logic and version that scored it.
    """

    entity_id: str
    name: str
    matched_name: str
    list: str
    score: float
    schema: str
    kind: str
    features: tuple[Feature, ...]
    matcher: str
    matcher_version: str = ""

    def to_json(self) -> dict[str, Any]:
        """Stable JSON form, documented in docs/screening.md."""
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "matched_name": self.matched_name,
            "list": self.list,
            "score": round(self.score, 4),
            "schema": self.schema,
            "kind": self.kind,
            "matcher": self.matcher,
            "matcher_version": self.matcher_version,
            "explanation": [f.to_json() for f in self.features],
        }


def _keys(form: NameForm) -> list[tuple[str, float]]:
    """Blocking keys of a name (each reading: pinyin and Wade-Giles for Han)
    with their strength (1 = token, 0.5 = skeleton, 0.05 = whole name joined)."""
    if not form.alternatives:
        return _reading_keys(form.tokens)
    out: dict[str, float] = {}
    for toks in form.readings():
        for key, strength in _reading_keys(toks):
            out[key] = max(strength, out.get(key, 0.0))
    return list(out.items())


def _reading_keys(toks: tuple[str, ...]) -> list[tuple[str, float]]:
    out: dict[str, float] = {}
    for t in toks:
        out["t:" + t] = 1.0
        sk = skeleton(t) if t.isascii() else ""
        if len(sk) >= 2:
            out.setdefault("s:" + sk, 0.5)
    for a, b in zip(toks, toks[1:], strict=False):
        out.setdefault("t:" + a + b, 1.0)
    if len(toks) >= 2 and all(t.isascii() for t in toks):
        # The whole name as one word, in list order and surname last
        # (INAYATURRAHMAN for RAHMAN, Inayat ur): the matcher compares such a
        # query with the joined name, so blocking must be able to reach it.
        # Weak keys: they find such a name, but must not make an exact match
        # outrank its near namesakes out of the candidate list.
        for order in (toks, toks[1:] + toks[:1]):
            joined = "".join(order)
            out.setdefault("t:" + joined, _JOINED_KEY)
            sk = skeleton(joined)
            if len(sk) >= 4:
                out.setdefault("s:" + sk, _JOINED_KEY)
    return list(out.items())


class ScreeningIndex:
    """Entities from one or more lists, indexed for screening."""

    def __init__(self, matcher: Matcher | None = None, candidates: int = 40) -> None:
        self.matcher = matcher or NameMatcher()
        self.candidates = candidates
        self._entities: list[tuple[str, ListEntity]] = []
        self._names: list[tuple[int, NameForm, bool]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._df: dict[str, int] = defaultdict(int)
        self._arrays: dict[str, npt.NDArray[np.int64]] = {}
        self._weights = Weights(self._df)
        self._exact: dict[str, dict[str, list[tuple[int, str]]]] = {
            k: defaultdict(list) for k in ("wallet", "phone", "domain", "iban")}
        # Full date of birth -> names of the people born that day.
        self._by_dob: dict[str, list[int]] = defaultdict(list)
        self.skipped_names: list[tuple[str, str]] = []

    def __len__(self) -> int:
        return len(self._entities)

    @property
    def name_count(self) -> int:
        return len(self._names)

    def lists(self) -> list[str]:
        return sorted({lst for lst, _ in self._entities})

    def add(self, list_name: str, entities: Iterable[ListEntity], *, names: bool = True) -> None:
        """Index entities of ``list_name``. Names the normaliser refuses are
        recorded in :attr:`skipped_names` (entity id, reason), not indexed.
        ``names=False`` indexes identifiers only (watchlists of indicators)."""
        for entity in entities:
            eidx = len(self._entities)
            self._entities.append((list_name, entity))
            self._add_exact(eidx, entity)
            if not names:
                continue
            kind = entity_kind(entity.schema)
            seen: set[tuple[str, ...]] = set()
            for name, weak in entity.names():
                try:
                    form = analyze_name(name, kind)
                except InvalidInputError as exc:
                    self.skipped_names.append((entity.id, str(exc)))
                    continue
                if form.tokens in seen or not form.tokens:
                    continue
                seen.add(form.tokens)
                nidx = len(self._names)
                self._names.append((eidx, form, weak))
                if entity.schema == "Person":
                    for dob in {d for d in entity.values("birthDate") if len(d) == 10}:
                        self._by_dob[dob].append(nidx)
                for key, _ in _keys(form):
                    self._postings[key].append(nidx)
                for t in set(form.tokens):
                    self._df[t] += 1

    def _add_exact(self, eidx: int, entity: ListEntity) -> None:
        for w in entity.wallets:
            try:
                self._exact["wallet"][wallet_key(w.address, w.chain)].append((eidx, w.address))
            except InvalidInputError:
                continue
        for prop, kind, fn in (("phone", "phone", phone_key), ("website", "domain", domain_key),
                               ("email", "domain", domain_key)):
            for v in entity.values(prop):
                try:
                    self._exact[kind][fn(v)].append((eidx, v))
                except InvalidInputError:
                    continue
        for ident in entity.identifiers:
            if ident.type.upper() == "IBAN":
                try:
                    self._exact["iban"][iban_key(ident.value)].append((eidx, ident.value))
                except InvalidInputError:
                    continue

    @property
    def weight(self) -> Weights:
        """IDF weights of name tokens over the indexed names (unknown tokens count as rare)."""
        self._weights.n = len(self._names)
        return self._weights

    def _array(self, key: str) -> npt.NDArray[np.int64]:
        arr = self._arrays.get(key)
        if arr is None or len(arr) != len(self._postings[key]):
            arr = np.asarray(self._postings[key], dtype=np.int64)
            self._arrays[key] = arr
        return arr

    def _rank(self, postings: list[tuple[str, float, list[int]]],
              weight: Weights) -> list[tuple[int, float]]:
        """The best-sharing names: summed key weight per name, top candidates,
        none under :data:`CANDIDATE_RATIO` of the best. Cost grows with the
        postings touched, not with the list."""
        if not postings:
            return []
        if sum(len(p) for _, _, p in postings) < _SMALL_RANK:
            return self._rank_small(postings, weight)
        ids = np.concatenate([self._array(k) for k, _, _ in postings])
        ws = np.repeat(np.array([s * weight(k[2:]) if k.startswith("t:") else s
                                 for k, s, _ in postings]),
                       [len(p) for _, _, p in postings])
        # Sum into one slot per indexed name (each name's weights added in
        # posting order), then read the names that have one: from the sorted
        # ids, or for many postings by scanning every slot, which is cheaper
        # than sorting them. np.unique(return_inverse=True) cost more than both.
        total = np.bincount(ids, weights=ws, minlength=len(self._names))
        if len(ids) < _DENSE_RANK:
            ordered = np.sort(ids)
            uniq = ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
        else:
            uniq = np.flatnonzero(total)
        sums = total[uniq]
        # Ties broken by name number, so the same query always scores the same names.
        order = np.lexsort((uniq, -sums))[: self.candidates]
        floor = sums[order[0]] * CANDIDATE_RATIO
        return [(int(uniq[i]), float(sums[i])) for i in order if sums[i] >= floor]

    def _rank_small(self, postings: list[tuple[str, float, list[int]]],
                    weight: Weights) -> list[tuple[int, float]]:
        """:meth:`_rank` for few postings, where numpy's per-call cost
        dominates: the same sums (added in the same order) and the same order."""
        sums: dict[int, float] = {}
        for k, s, p in postings:
            w = s * weight(k[2:]) if k.startswith("t:") else s
            get = sums.get
            for i in p:
                sums[i] = get(i, 0.0) + w
        top = sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[: self.candidates]
        floor = top[0][1] * CANDIDATE_RATIO
        return [(i, total) for i, total in top if total >= floor]

    def search_name(self, query: Query, limit: int = 10, threshold: float = 0.0) -> list[Match]:
        """Entities whose names match ``query``, best first, at most one per entity.

        Raises :class:`InvalidInputError` for an empty or over-long name.
        """
        qform = analyze_name(query.name, query.kind)
        keys = _keys(qform)
        postings = [(k, s, self._postings.get(k, [])) for k, s in keys]
        postings = [p for p in postings if p[2]]
        rare = [p for p in postings if len(p[2]) <= MAX_POSTING]
        if not rare and postings:
            # Only common keys (MUHAMMAD ALI): block on the least common one.
            rare = [min(postings, key=lambda p: len(p[2]))]
        weight = self.weight
        candidates = [nidx for nidx, _ in self._rank(rare, weight)]
        if query.dob and query.country and query.kind != "org":
            # People born that day: the identity rule may raise them (1.4).
            seen = set(candidates)
            candidates.extend(n for n in self._by_dob.get(query.dob, ()) if n not in seen)
        best: dict[int, tuple[float, int]] = {}
        for nidx in candidates:
            eidx, form, weak = self._names[nidx]
            entity = self._entities[eidx][1]
            score, _feats = self.matcher.score(query, qform, entity, form, weak, weight,
                                               explain=False, floor=threshold)
            if score < threshold:
                continue
            if eidx in best and best[eidx][0] >= score:
                continue
            best[eidx] = (score, nidx)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], self._entities[kv[0]][1].id))
        out = []
        for eidx, (_score, nidx) in ranked[:limit]:
            _, form, weak = self._names[nidx]
            list_name, entity = self._entities[eidx]
            score, feats = self.matcher.score(query, qform, entity, form, weak, weight)
            out.append(Match(entity.id, entity.name, form.original, list_name, score,
                             entity.schema, "name", tuple(feats), self.matcher.NAME,
                             self.matcher.VERSION))
        return out

    def search_exact(self, kind: str, value: str, *, chain: str | None = None,
                     country: str | None = None) -> list[Match]:
        """Entities naming the wallet/phone/domain/IBAN ``value`` (score 1.0).

        Raises :class:`InvalidInputError` when ``value`` is not a valid ``kind``.
        """
        if kind == "wallet":
            key = wallet_key(value, chain)
        elif kind == "phone":
            key = phone_key(value, country)
        elif kind == "domain":
            key = domain_key(value)
        elif kind == "iban":
            key = iban_key(value)
        else:
            raise InvalidInputError(f"cannot screen identifiers of kind {kind!r}")
        out = []
        for eidx, raw in self._exact[kind].get(key, []):
            list_name, entity = self._entities[eidx]
            feat = Feature(kind, 1.0, f"{kind} {value!r} and {raw!r} are both {key}")
            out.append(Match(entity.id, entity.name, raw, list_name, 1.0, entity.schema, kind,
                             (feat,), f"exact-{kind}-v1", "1"))
        return sorted(out, key=lambda m: (m.list, m.entity_id))

    def compare(self, query: Query, entity: ListEntity, list_name: str = "") -> Match | None:
        """Score ``query`` against one entity (any entity, indexed or not) with
        this index's token weights: the best of the entity's names."""
        qform = analyze_name(query.name, query.kind)
        kind = entity_kind(entity.schema)
        best: Match | None = None
        for name, weak in entity.names():
            try:
                form = analyze_name(name, kind)
            except InvalidInputError:
                continue
            score, feats = self.matcher.score(query, qform, entity, form, weak, self.weight)
            if best is None or score > best.score:
                best = Match(entity.id, entity.name, name, list_name, score, entity.schema,
                             "name", tuple(feats), self.matcher.NAME, self.matcher.VERSION)
        return best
