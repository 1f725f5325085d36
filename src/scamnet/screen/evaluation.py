"""Labelled name pairs from real list data, and the metrics to judge a matcher.

The pairs are built only from public data (OFAC SDN rows, the OpenSanctions
name-variants fixture), deterministically, with a dev/test split keyed on the
entity so no entity sits in both halves. Categories:

* ``alias`` (positive): an SDN entry's primary name vs one of its a.k.a. names
  that is a spelling, order or legal-form variant of it: the same tokens, or
  character-trigram Jaccard >= 0.5 over sorted tokens (a definition that does
  not depend on any matcher's score).
* ``alias_chinese_english`` (positive, reported apart): a person of Chinese
  nationality (CN, TW, HK, MO, SG) and an a.k.a. that is not a spelling
  variant of the name, on any list: in this data always an adopted English
  given name ("CHEN, Xiuling" / "CHEN, Karen", "SHEN, Xingbiao" / "SHEN,
  Mike"). Xiuling and Karen share no sound, so no name matcher can link them
  without the list's own alias, and such a pair looks exactly like a
  ``same_surname`` negative. Until 2026-11-28 only the 2026 rows were put here
  and counted in F1, while the same kind of pair in the 2024 list was
  ``alias_unrelated``; both are now this category, reported with its recall
  and left out of precision/recall/F1 (:data:`EXCLUDED_FROM_F1`). The
  benchmark also prints F1 with them counted.
* ``alias_unrelated``: other a.k.a. names (nicknames, acronyms, translations,
  "BOUT, Viktor" / "BUTT"). No name matcher can link them without the list's
  own alias (screening finds them through it); their recall is reported but
  they are left out of precision/recall/F1.
* ``cross_script`` (positive): each of the 80 renderings of one name in the
  name-variants fixture vs the SDN primary name "PUTIN, Vladimir Vladimirovich".
* ``same_surname`` (negative): two different SDN people with the same surname.
* ``near_company`` (negative): two different SDN organisations whose names
  share all but one or two tokens (shell companies, "GOLDEN ASCEND HK
  LIMITED" / "GOLDEN ASCEND INTERNATIONAL LIMITED").
Negatives are balanced against positives: each of ``same_surname`` and
``near_company`` is sampled down to half the alias positives (at least 50),
unless ``max_negatives`` is given. Benchmarks also print each category's
true-negative rate, which does not depend on the balance.

* ``cross_script_negative`` (negative): each rendering vs another SDN person
  with the same given name (a different Vladimir).

The sample of negatives is small (about 60 of each kind on the test split, so
one pair moves precision by about 0.007). :func:`build_pairs` with
``max_negatives=ALL_NEGATIVES`` keeps every qualifying negative (about 1,700
``near_company`` and 1,400 ``same_surname`` pairs) and
:func:`sampling_weights` weighs each by the chance the sample would have
drawn it, so :func:`weighted_metrics` estimates the same balanced precision
with far less variance (added 2026-11-28, matcher 1.2; the sampled figures
are still reported beside it).

Every pair records the list records its two names come from (``query_id``,
``candidate_id``), so it can also be scored as a screening check *with
attributes* (:func:`with_attributes`, added with matcher 1.4): the query
carries its record's type, date of birth and nationality, the candidate its
record's. Both sides of a positive are one record and share them by
construction, as a customer who is the listed person shares the listed date
of birth; the sides of a negative are different people with their own.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from scamnet.screen.entities import ListEntity
from scamnet.screen.matcher import Query
from scamnet.screen.names import LEGAL_FORMS

__all__ = [
    "ALL_NEGATIVES",
    "EXCLUDED_FROM_F1",
    "Metrics",
    "Pair",
    "best_threshold",
    "build_pairs",
    "metrics",
    "query_type",
    "sampling_weights",
    "split_of",
    "weighted_metrics",
    "with_attributes",
]

#: ``max_negatives`` that keeps every qualifying negative pair.
ALL_NEGATIVES = 1 << 62
_SAMPLED_NEGATIVES = frozenset({"same_surname", "near_company"})


#: Positive categories no name matcher can find (translations, nicknames,
#: adopted names): their recall is reported, but they stay out of P/R/F1.
EXCLUDED_FROM_F1 = frozenset({"alias_unrelated", "alias_chinese_english"})

_CHINESE_NATIONALITIES = frozenset({"cn", "tw", "hk", "sg", "mo"})


@dataclass(frozen=True)
class Pair:
    """Two names to compare, with the truth and where the pair came from."""

    query: str
    candidate: str
    same: bool
    category: str
    group: str
    query_schema: str = "Person"
    candidate_schema: str = "Person"
    #: The list records the two names come from (for :func:`with_attributes`);
    #: a ``cross_script`` rendering's record is the entity it renders.
    query_id: str = ""
    candidate_id: str = ""

    @property
    def split(self) -> str:
        return split_of(self.group)


def split_of(group: str) -> str:
    """``dev`` or ``test``, stable for a group key (an entity id, a variant)."""
    return "dev" if hashlib.sha256(group.encode()).digest()[0] % 2 == 0 else "test"


def _tokens(name: str) -> set[str]:
    toks = {t for t in re.split(r"[^a-z0-9]+", name.lower()) if len(t) >= 2}
    return {t for t in toks if t not in LEGAL_FORMS}


def _trigrams(name: str) -> set[str]:
    text = " " + " ".join(sorted(_tokens(name))) + " "
    return {text[i:i + 3] for i in range(len(text) - 2)}


def _is_variant(alias: str, name: str) -> bool:
    """A spelling/order/legal-form variant: same tokens, or character trigram
    Jaccard >= 0.5 over the sorted tokens. Independent of any matcher's score."""
    ta, tn = _tokens(alias), _tokens(name)
    if ta and ta == tn:
        return True
    ga, gn = _trigrams(alias), _trigrams(name)
    return bool(ga and gn) and len(ga & gn) / len(ga | gn) >= 0.5


def _surname(e: ListEntity) -> str | None:
    if e.schema != "Person" or "," not in e.name:
        return None
    return e.name.split(",", 1)[0].strip().lower() or None


def _given(e: ListEntity) -> str | None:
    if e.schema != "Person" or "," not in e.name:
        return None
    rest = e.name.split(",", 1)[1].split()
    return rest[0].lower() if rest else None


def _balanced_size(pairs: Iterable[Pair]) -> int:
    """Negatives of each sampled kind: half the alias positives, at least 50.

    Chinese/English aliases count here although they are out of F1: the
    negatives stay as many as before they were (more, since 2024 rows joined)."""
    return max(50, sum(1 for p in pairs if p.category in ("alias", "alias_chinese_english")) // 2)


def sampling_weights(pairs: Sequence[Pair]) -> dict[str, float]:
    """Per category, the weight of one pair of a set built with
    ``max_negatives=ALL_NEGATIVES``: for a sampled negative kind, the share the
    balanced sample would have drawn (balanced size / all of that kind); 1
    for every other category. Weighted counts then estimate the balanced
    set's precision from every negative instead of a sample of them."""
    size = _balanced_size(pairs)
    counts: dict[str, int] = defaultdict(int)
    for p in pairs:
        counts[p.category] += 1
    return {c: min(1.0, size / n) if c in _SAMPLED_NEGATIVES else 1.0
            for c, n in counts.items()}


def build_pairs(entities: Sequence[ListEntity], variants: Sequence[str] = (),
                variant_target: str = "PUTIN, Vladimir Vladimirovich",
                max_negatives: int | None = None, seed: int = 5) -> list[Pair]:
    """All labelled pairs (see the module docstring); negatives sampled with ``seed``."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for e in entities:
        chinese = e.schema == "Person" and bool(
            _CHINESE_NATIONALITIES & set(e.values("nationality")))
        for alias in e.aliases:
            if _is_variant(alias, e.name):
                cat = "alias"
            elif chinese:
                cat = "alias_chinese_english"
            else:
                cat = "alias_unrelated"
            pairs.append(Pair(alias, e.name, True, cat, e.id, e.schema, e.schema, e.id, e.id))
    by_surname: dict[str, list[ListEntity]] = defaultdict(list)
    for e in entities:
        s = _surname(e)
        if s:
            by_surname[s].append(e)
    negs: list[Pair] = []
    for group in by_surname.values():
        if len(group) < 2:
            continue
        for a, b in zip(group, group[1:], strict=False):
            if _given(a) == _given(b):
                continue  # same full-ish name: not a clean "different person" pair
            negs.append(Pair(a.name, b.name, False, "same_surname", a.id, query_id=a.id,
                            candidate_id=b.id))
    rng.shuffle(negs)
    if max_negatives is None:
        max_negatives = _balanced_size(pairs)
    pairs.extend(negs[:max_negatives])
    orgs = [e for e in entities if e.schema in ("Organization", "Company")]
    by_token: dict[str, list[ListEntity]] = defaultdict(list)
    for e in orgs:
        for t in _tokens(e.name):
            by_token[t].append(e)
    near: dict[tuple[str, str], Pair] = {}
    for members in by_token.values():
        if len(members) > 60:
            continue  # a common word (INTERNATIONAL, TRADING): not a near-duplicate signal
        for i, a in enumerate(members):
            ta = _tokens(a.name)
            for b in members[i + 1:]:
                tb = _tokens(b.name)
                diff = len(ta ^ tb)
                if len(ta & tb) >= 2 and 1 <= diff <= 2 and a.id != b.id:
                    key = (min(a.id, b.id), max(a.id, b.id))
                    near[key] = Pair(a.name, b.name, False, "near_company", key[0],
                                     a.schema, b.schema, a.id, b.id)
    near_list = sorted(near.values(), key=lambda p: (p.group, p.candidate))
    rng.shuffle(near_list)
    pairs.extend(near_list[:max_negatives])
    target = next((e for e in entities if e.name == variant_target), None)
    if target is not None and variants:
        given = _given(target)
        others = [e for e in entities if e.id != target.id and _given(e) == given]
        for v in variants:
            pairs.append(Pair(v, target.name, True, "cross_script", "variant:" + v,
                              query_id=target.id, candidate_id=target.id))
            if others:
                other = others[int(hashlib.sha256(v.encode()).hexdigest(), 16) % len(others)]
                pairs.append(Pair(v, other.name, False, "cross_script_negative",
                                  "variant:" + v, query_id=target.id, candidate_id=other.id))
    return pairs


#: What a screening query carries besides the name, and the list properties
#: the matcher reads them against (``nationality`` before ``citizenship``).
_ATTRIBUTE_PROPS = ("birthDate", "nationality", "citizenship", "country", "jurisdiction")


def query_type(schema: str) -> str | None:
    """The :class:`Query` type for a list schema (None: unknown, not checked)."""
    if schema == "Person":
        return "person"
    if schema in ("Organization", "Company"):
        return "company"
    return None


def with_attributes(pair: Pair, entities: Mapping[str, ListEntity]) -> tuple[Query, ListEntity]:
    """The pair as a screening check with attributes: the query is
    ``pair.query`` with the type, first date of birth and first nationality
    (else citizenship, country) of the query-side record, as a customer's
    KYC record carries one of each; the candidate is ``pair.candidate`` as a
    list entity with the candidate-side record's dates of birth and
    nationalities, and none of its other names (the pair compares one name
    with one name, as the name-only view does).

    Both sides of a positive are one record, so they share the date of birth
    and nationality by construction: that is what real screening sees when a
    customer is the listed person. Both sides of a negative are different
    records with their own attributes. ``entities`` maps ids to records; a
    pair whose record is unknown is scored with the name and type only."""
    qe = entities.get(pair.query_id)
    ce = entities.get(pair.candidate_id)
    dob = country = None
    if qe is not None:
        dob = next(iter(qe.values("birthDate")), None)
        country = next((v for prop in _ATTRIBUTE_PROPS[1:] for v in qe.values(prop)), None)
    props = {k: ce.values(k) for k in _ATTRIBUTE_PROPS} if ce is not None else {}
    query = Query(pair.query, query_type(pair.query_schema), dob, country)
    return query, ListEntity(pair.candidate_id or "pair", pair.candidate_schema, pair.candidate,
                             properties=props)


@dataclass(frozen=True)
class Metrics:
    """Confusion counts at a threshold (weighted counts are fractional)."""

    threshold: float
    tp: float
    fp: float
    fn: float
    tn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def metrics(scored: Iterable[tuple[float, bool]], threshold: float) -> Metrics:
    return weighted_metrics(((s, same, 1.0) for s, same in scored), threshold)


def weighted_metrics(scored: Iterable[tuple[float, bool, float]], threshold: float) -> Metrics:
    """:func:`metrics` where each pair counts its weight (see :func:`sampling_weights`)."""
    tp = fp = fn = tn = 0.0
    for score, same, weight in scored:
        hit = score >= threshold
        if hit and same:
            tp += weight
        elif hit:
            fp += weight
        elif same:
            fn += weight
        else:
            tn += weight
    return Metrics(threshold, tp, fp, fn, tn)


def best_threshold(scored: Sequence[tuple[float, bool]], min_precision: float = 0.95,
                   grid: Callable[[], Iterable[float]] | None = None) -> Metrics:
    """The threshold with the best F1 among those reaching ``min_precision``
    (the best F1 overall if none does)."""
    steps = list(grid() if grid else (i / 200 for i in range(40, 200)))
    all_m = [metrics(scored, t) for t in steps]
    ok = [m for m in all_m if m.precision >= min_precision]
    pool = ok or all_m
    return max(pool, key=lambda m: (m.f1, m.threshold))
