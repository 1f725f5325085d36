"""The name matcher: compare a query with a list entity, feature by feature.

A :class:`Matcher` has a stable :attr:`Matcher.NAME` and :attr:`Matcher.VERSION`;
a match records both so a score can be traced to the logic that made it.

Scoring (``scamnet-name-v1``, version 1.4):

1. **name**: both names are normalised (:mod:`scamnet.screen.names`) and their
   tokens aligned greedily, best pair first, order-free ("CHEN, Zhi" = "Zhi
   Chen"). A token pair scores 1 when equal, 0.9 for an initial, 0.9 for an
   inflected form (one token is the other plus at most two letters, the
   shorter of 4+: PUTINAS / PUTIN), else its Levenshtein similarity, or a
   phonetic similarity if higher: when one side was romanised from a lossy
   script (Arabic, Hebrew, Greek, Hangul, Kana, Indic …) ``0.85 * skeleton
   similarity + 0.1 * spelling similarity``, else (skeletons of 3+
   consonants) ``0.7 * skeleton + 0.25 * spelling``. Pairs under 0.5 count 0.
   A *loose* Latin pair (under 0.8, different consonant skeletons, Jaro-Winkler
   under 0.85: QAHTAN ~ HASSAN, RAGHAD ~ RANA) counts ``sim * (sim - 0.5) /
   0.3`` (0 at 0.5) and is treated as unmatched by the conflict rule below:
   it is more likely a different given name than a misspelling. Adjacent
   tokens one side writes as one are merged ("xiao er" / "xiaoer"); a whole
   name written as one word (INAYATURRAHMAN / RAHMAN, Inayat ur) is compared
   with the other name joined, in list order or surname last. A Han name is
   compared in pinyin and in Wade-Giles (蒋经国: JIANG Jingguo, CHIANG
   Ching-kuo), the better reading kept. Each token
   weighs its inverse list frequency (IDF), so a shared CHEN or GROUP counts
   for less than a shared PUTIN; in organisation names a legal-form word left
   in the middle (NORD PROJECT *LLC* TRANSPORT) and function words (OF, AND,
   THE, DE …) weigh 1. Coverage ``cq``/``cc`` is the matched weight over each
   side's weight; ``name = 0.58 * min(cq, cc) + 0.42 * max(cq, cc)`` (the less
   covered side dominates: a name with extra given names is probably someone
   else). When one side is covered (coverage >= 0.85) and the other only adds
   patronymics, particles or initials, or every covered token is
   rare on the list (in at most two names), ``name`` is raised to
   ``(0.5 + 0.45 * min(1, matched weight / 14)) * coverage``: a subset of rare
   tokens is strong evidence, a lone common surname is not. Otherwise, when
   each side keeps an unmatched (or loosely matched) distinctive token (people:
   IDF >= 0.45 x that of a token in two names, SHAHID KAZEMI vs SHAHID
   MEISAMI, KHALIL Qahtan vs KHALIL Hassan; organisations: >= 0.4 x, ALPHA
   TRADING vs OMEGA TRADING, STAR SAPPHIRE GROUP vs STAR SAPPHIRE TRADING),
   ``name`` loses 0.2 (people) or 0.15 (organisations). When both
   organisation names carry a legal form, with one in common, and one name is
   covered while the other adds a word (MIGHTY DIVINE LIMITED vs MIGHTY
   DIVINE MANAGEMENT LIMITED), ``name`` loses 0.3: two registered names that
   differ by a word are sister companies (1.2). Otherwise, when one
   organisation name is covered and the other adds a sister-company word (a
   place not after OF/IN/FOR, a number, a group word such as HOLDING or
   INTERNATIONAL, a sector word such as CEMENT or BANK: SEPAHAN CEMENT vs
   SEPAHAN CEMENT INVESTMENT), ``name`` loses 0.15 (1.3), or 0.3 when both
   names carry a legal form, different ones (GOLDEN STAR CO vs GOLDEN STAR
   TRADING LLC: two registrations, 1.4).
   Token pairs (1.3): a Latin phonetic match also needs spelling similarity
   >= 0.5 (ISMAIL / SAMIR share the skeleton S-M-L, not a spelling), and a
   patronymic does not match a given name 3+ letters shorter (KONSTANTIN /
   KONSTANTINOVICH: the father's name).
2. **legal form**: different legal forms (LTD vs LLC) -0.03.
   **numbers**: both names carry numbers (2005, 71ST, III, FOURTEENTH) and they
   differ -0.25 (numbered shells are different entities); only one does -0.05.
3. **type**: a person query against an organisation (or the reverse) -0.15.
4. **dob**: a query date of birth equal to one of the entity's +0.05 (full
   date) / +0.02 (year); none within a year -0.20.
5. **country**: the query country among the entity's nationalities,
   citizenships or countries +0.03; the entity has some and none match -0.05.
6. **identity** (1.4): a person query whose full date of birth is one of the
   listed person's, whose country is among their nationalities or
   citizenships, and whose name holds the list name's surname (as the list
   writes it: before the comma, or a Han name's first token) is raised to
   0.65 (above the report threshold, under the weak-alias cap) when it
   scored less: the given names differ, but an adopted English given name
   (CHEN, Xiuling a.k.a. CHEN, Karen) shares no sound with the Chinese one,
   and an analyst has to see such a customer. Never applies without a date of
   birth and a country on the query, so name-only scores are unchanged.
7. **weak alias**: a match on a weak alias is capped at 0.70.

The result is clamped to [0, 1].
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import JaroWinkler, Levenshtein

from scamnet.screen.entities import ListEntity
from scamnet.screen.names import (
    LEGAL_FORMS,
    ORDINALS,
    NameForm,
    sister_marker_kind,
    skeleton,
    surname_tokens,
)

__all__ = [
    "Feature",
    "Matcher",
    "NameComparison",
    "NameMatcher",
    "Query",
    "TokenPair",
    "Weights",
    "compare_names",
    "compare_readings",
]

_MIN_TOKEN_SIM = 0.5
_SPECIFIC_WEIGHT = 14.0
_SUBSET_COVERAGE = 0.85
_MIN_SHARE = 0.58
_LATIN_SKELETON_MIN = 0.75
_CONFLICT_PENALTY = 0.2
_CONFLICT_RARITY = 0.45
_FIRM_SIM = 0.8
_LEGAL_FORM_PENALTY = 0.03
_JOINED_MIN_CHARS = 8
_JOINED_SIM = 0.85
_INFLECTION_SIM = 0.9
_FUNCTION_WEIGHT = 1.0
_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "by", "de", "del",
                             "la", "le", "les", "el", "al", "der", "die", "und", "des", "du",
                             "y", "e", "et", "i", "va"})
_FIRM_JW = 0.85
_ORG_CONFLICT_PENALTY = 0.15
_ORG_CONFLICT_RARITY = 0.4
_REGISTERED_SISTER_PENALTY = 0.3
# An added sister-class word counts like a distinctive word the other name
# lacks (the organisation conflict penalty); chosen on dev (1.3).
_SISTER_MARKER_PENALTY = _ORG_CONFLICT_PENALTY
_PLACE_PREPOSITIONS = frozenset({"of", "in", "for"})
# A patronymic is a given name plus -OVICH, -EVNA, -OGLU ...: 3+ letters.
_PATRONYMIC_MIN_SUFFIX = 3
_DOB_BONUS = 0.05
_COUNTRY_BONUS = 0.03
# A person whose full date of birth, nationality and surname all agree with a
# listed person's is raised to this score (1.4): above the report threshold
# (0.615), under the weak-alias cap (0.70) and under any good name match, so an
# analyst sees it, ranked below the names that match. Chosen on dev.
_IDENTITY_FLOOR = 0.65
_PERSON = {"Person"}
_ORG = {"Organization", "Company", "LegalEntity", "PublicBody"}


@dataclass(frozen=True)
class Query:
    """What to screen: a name with optional type, date of birth and country.

    ``type`` is person, company/org, or None (unknown); ``dob`` an ISO date or
    partial date; ``country`` an ISO alpha-2 code.
    """

    name: str
    type: str | None = None
    dob: str | None = None
    country: str | None = None

    @property
    def kind(self) -> str:
        if self.type in ("person", "individual"):
            return "person"
        if self.type in ("company", "org", "organization", "organisation", "entity"):
            return "org"
        return "any"


@dataclass(frozen=True)
class Feature:
    """One scoring feature: its name, the effect on the score, and why."""

    name: str
    effect: float
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"feature": self.name, "effect": round(self.effect, 4), "detail": self.detail}


@dataclass(frozen=True)
class TokenPair:
    query: str
    candidate: str
    similarity: float
    how: str


@dataclass(frozen=True)
class NameComparison:
    """The name feature: score and the token pairs that produced it."""

    score: float
    pairs: tuple[TokenPair, ...]
    query_coverage: float
    candidate_coverage: float
    subset: bool
    notes: tuple[str, ...] = ()

    def detail(self) -> str:
        if not self.pairs:
            return "no name tokens in common"
        pairs = ", ".join(f"{p.query}~{p.candidate} {p.similarity:.2f} ({p.how})"
                          for p in self.pairs)
        extra = "; query is a subset of the name" if self.subset else ""
        notes = "".join(f"; {n}" for n in self.notes)
        return (f"{pairs}; coverage query {self.query_coverage:.2f}, list name "
                f"{self.candidate_coverage:.2f}{extra}{notes}")


# Names share their tokens (given names, MOHAMMAD, TRADING), so token pairs
# recur across queries and candidates: the cache pays for 1.1's extra checks
# (a batch costs the same CPU per name as with 1.0).
@lru_cache(maxsize=1 << 18)
def _token_sim(a: str, b: str, cross: bool) -> tuple[float, str]:
    if a == b:
        return 1.0, "exact"
    if len(a) == 1 or len(b) == 1:
        return (0.9, "initial") if a[0] == b[0] else (0.0, "")
    if not cross:
        # In Latin script nothing under the floor is raised: an inflection
        # shares 4 of at most 6 letters and a phonetic match needs the floor
        # (1.3), so most pairs (different given names) stop here, cheaply.
        sim = Levenshtein.normalized_similarity(a, b, score_cutoff=_MIN_TOKEN_SIM)
        if sim < _MIN_TOKEN_SIM:
            return 0.0, ""
    else:
        sim = Levenshtein.normalized_similarity(a, b)
    if _patronymic_of_given(a, b):
        return 0.0, ""
    how = "edit"
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and len(long_) - len(short) <= 2 and long_.startswith(short):
        # An inflected form (PUTINAS, VLADIMIRAS in Lithuanian; HUSSEINI): the
        # same stem with a case or adjective ending.
        sim, how = max(sim, _INFLECTION_SIM), "inflection"
    sa, sb = skeleton(a), skeleton(b)
    if cross and len(sa) >= 2 and len(sb) >= 2:
        # Mostly the skeleton, a little spelling: ties between names with
        # the same consonants (PUTIN, POTANIN) go to the closer spelling.
        ph = 0.85 * Levenshtein.normalized_similarity(sa, sb) + 0.1 * sim
    elif len(sa) >= 3 and len(sb) >= 3 and sim >= _MIN_TOKEN_SIM:
        # Latin spellings of one sound (Poetin, Poutine, Putin) share consonants;
        # skeletons that differ much (KAZEMI, MEISAMI) are different names.
        # The spelling itself must reach the token floor too (1.3): with
        # vowels gone, ISMAIL and SAMIR are both S-M-L and XINNING and HEZHENG
        # both S-N-K, yet they share under half their letters.
        skel = Levenshtein.normalized_similarity(sa, sb)
        ph = 0.7 * skel + 0.25 * sim if skel >= _LATIN_SKELETON_MIN else 0.0
    else:
        ph = 0.0
    if ph > sim:
        sim, how = ph, "phonetic"
    return (sim, how) if sim >= _MIN_TOKEN_SIM else (0.0, "")


def _patronymic_of_given(a: str, b: str) -> bool:
    """One token is a patronymic (KONSTANTINOVICH) and the other a plain,
    clearly shorter name (KONSTANTIN): a father's given name, not a spelling
    of the son's (MALOFEYEV, Konstantin / MALOFEYEV, Kirill Konstantinovich).
    Two renderings of one patronymic (WLADIMIROWITSCH / VLADIMIROVICH) are
    both patronymics, or of about one length, and are not affected (1.3)."""
    pa, pb = bool(_PATRONYMIC.search(a)), bool(_PATRONYMIC.search(b))
    if pa == pb:
        return False
    patronymic, given = (a, b) if pa else (b, a)
    return len(patronymic) - len(given) >= _PATRONYMIC_MIN_SUFFIX


def _coverage_bound(wqs: list[float], best_q: list[float], wcs: list[float],
                    best_c: list[float]) -> float:
    """An upper bound of the name score from each token's best pair: each
    side's coverage if every token got its best pair. The score never exceeds
    the larger coverage (the subset raise is at most 0.95 of it; rules only
    subtract), so a name under a floor here can be skipped unscored."""
    return max(sum(w * b for w, b in zip(wqs, best_q, strict=True)) / sum(wqs),
               sum(w * b for w, b in zip(wcs, best_c, strict=True)) / sum(wcs))


def _merge_split(a: list[str], b: Sequence[str]) -> list[str]:
    """Join adjacent tokens of ``a`` that ``b`` writes as one ("xiao er" vs "xiaoer")."""
    if len(a) < 2:
        return a
    targets = {t for t in b if len(t) >= 4}
    # Most names hold no such join: check that before building a new list.
    if not targets or not any(x + y in targets or x + y + z in targets
                              for x, y, z in zip(a, a[1:], [*a[2:], ""], strict=False)):
        return a
    out: list[str] = []
    i = 0
    while i < len(a):
        merged = False
        for n in (3, 2):
            if i + n <= len(a) and "".join(a[i:i + n]) in targets:
                out.append("".join(a[i:i + n]))
                i += n
                merged = True
                break
        if not merged:
            out.append(a[i])
            i += 1
    return out


_PATRONYMIC = re.compile(r"(ovich|evich|ovych|ovitch|ovitj|ovici|ovic|evic|owitsch|owitsj|owicz|"
                         r"ovics|ovna|evna|ivna|ichna|oglu|ogly|uly|kyzy|zoda)$")
_PARTICLES = frozenset({"bin", "ibn", "bint", "binti", "al", "el", "abu", "ould", "de", "da", "del",
                        "di", "du", "van", "von", "der", "la", "le", "y", "e", "mc", "st"})


@lru_cache(maxsize=1 << 16)
def _is_minor(token: str) -> bool:
    """Tokens a name can add without naming someone else: patronymics, particles, initials."""
    return len(token) == 1 or token in _PARTICLES or bool(_PATRONYMIC.search(token))


class Weights:
    """Token weights: inverse document frequency over a list's names.

    ``df`` maps a token to the number of names holding it (the index keeps it
    up to date); ``n`` is the number of names. A token in at most two names
    is *rare*: a name made only of rare tokens is specific on its own.
    """

    def __init__(self, df: Mapping[str, int] | None = None, n: int = 0) -> None:
        self.df: Mapping[str, int] = df if df is not None else {}
        self._n = n
        self._memo: dict[str, float] = {}
        self._rare = math.log((n + 1) / 3) + 1.0

    @property
    def n(self) -> int:
        return self._n

    @n.setter
    def n(self, value: int) -> None:
        if value != self._n:
            self._n = value
            self._memo.clear()
            self._rare = math.log((value + 1) / 3) + 1.0

    def __call__(self, token: str) -> float:
        w = self._memo.get(token)
        if w is None:
            w = math.log((self._n + 1) / (self.df.get(token, 0) + 1)) + 1.0
            if len(self._memo) < 500_000:
                self._memo[token] = w
        return w

    @property
    def rare(self) -> float:
        return self._rare

    @property
    def memo(self) -> Mapping[str, float]:
        """Weights computed so far (a read-only view for hot loops)."""
        return self._memo


@lru_cache(maxsize=1 << 16)
def _firm(a: str, b: str, sim: float, how: str, cross: bool) -> float:
    """What a token pair counts for.

    A loose Latin spelling match (QAHTAN ~ HASSAN 0.50, SAMJONG ~ YUJONG 0.57,
    RAGHAD ~ RANA 0.50) is more likely a different name than a misspelling,
    so a pair under :data:`_FIRM_SIM` counts for less, down to 0 at the 0.5
    floor, unless the two share their consonant skeleton (HUSAYN ~ HUSSEIN)
    or their beginning (Jaro-Winkler >= :data:`_FIRM_JW`: RADE ~ RADULE,
    GUERRITOS ~ GUEROS). Cross-script pairs and initials keep their similarity."""
    if cross or how in ("exact", "initial") or sim >= _FIRM_SIM:
        return sim
    sa = skeleton(a)
    if (len(sa) >= 2 and sa == skeleton(b)) or JaroWinkler.similarity(a, b) >= _FIRM_JW:
        return sim
    return sim * max(0.0, (sim - _MIN_TOKEN_SIM) / (_FIRM_SIM - _MIN_TOKEN_SIM))


def _joined(qt: list[str], ct: list[str]) -> NameComparison | None:
    """A whole name written as one word (INAYATURRAHMAN / RAHMAN, Inayat ur),
    in list order or with the surname moved last; None when it is not one."""
    query_is_one = len(qt) == 1 and len(ct) >= 2
    if query_is_one:
        one, many = qt[0], ct
    elif len(ct) == 1 and len(qt) >= 2:
        one, many = ct[0], qt
    else:
        return None
    if len(one) < _JOINED_MIN_CHARS or not one.isalpha():
        return None
    best, form = 0.0, ""
    for order in (many, many[1:] + many[:1]):
        text = "".join(order)
        sim = Levenshtein.normalized_similarity(one, text)
        if sim > best:
            best, form = sim, text
    if best < _JOINED_SIM:
        return None
    pair = TokenPair(one, form, best, "joined") if query_is_one else \
        TokenPair(form, one, best, "joined")
    return NameComparison(best, (pair,), best, best, False)


def _registered_sister(q: NameForm, c: NameForm,
                       *sides: tuple[float, list[str], set[int], list[float]]) -> str | None:
    """The word one registered company name adds to another, or None.

    Both names carry a legal form, and a common one (X LIMITED vs X
    MANAGEMENT LIMITED, X GMBH & CO. KG vs X DEVELOPMENT GMBH & CO. KG): a
    full registered name is written exactly, so a second registration with one
    more word is a sister company, not a spelling of the same one. An a.k.a.
    that drops a word (NORD PROJECT / NORD PROJECT LLC TRANSPORT COMPANY,
    SEGUNDA MARQUETALIA / FARC DISSIDENTS SEGUNDA MARQUETALIA) is usually an
    informal short name without a legal form, and keeps its score. Each side
    is (coverage of the other side, this side's tokens, its matched token
    positions, its token weights); function words, mid-name legal-form words,
    particles and initials do not count as added words."""
    if not (set(q.legal_forms) & set(c.legal_forms)):
        return None
    for cov, long_, used, weights in sides:
        if cov < _SUBSET_COVERAGE:
            continue
        for k, t in enumerate(long_):
            if k not in used and weights[k] > _FUNCTION_WEIGHT and not _is_minor(t):
                return t
    return None


def _sister_marker(q: NameForm, c: NameForm,
                  *sides: tuple[float, list[str], set[int], list[float]]) -> str | None:
    """A word of a sister-company class that one organisation name adds to
    another it covers, or None (1.3).

    Sister companies and branches are named by adding a word of a few kinds
    to a shared name: a place (SEPAHAN / PRENSA LATINA *CANADA*, EAST), a
    number, a group word (HOLDING, GROUP, INTERNATIONAL, TRADING) or a
    sector (CEMENT *INVESTMENT*, DAY BANK *BROKERAGE*): see
    :func:`scamnet.screen.names.sister_marker_kind`. Such a word counts like a
    distinctive word the other name lacks. A place after OF, IN or FOR
    qualifies the same organisation's full name (ISLAMIC NATIONAL BANK *OF
    GAZA*, ... COMPANY *OF IRAN*) and does not count. Each side is (coverage
    of the other side, this side's tokens, its matched positions, its token
    weights), as for :func:`_registered_sister`."""
    for cov, long_, used, weights in sides:
        if cov < _SUBSET_COVERAGE:
            continue
        for k, t in enumerate(long_):
            if k in used or weights[k] <= _FUNCTION_WEIGHT or _is_minor(t):
                continue
            kind = sister_marker_kind(t)
            if kind is None:
                continue
            if kind == "place" and k > 0 and long_[k - 1] in _PLACE_PREPOSITIONS:
                continue
            return t
    return None


def compare_names(q: NameForm, c: NameForm, weight: Weights, org: bool = False,
                  explain: bool = True, floor: float = 0.0) -> NameComparison:
    """Compare two normalised names (see the module docstring, step 1).

    ``org`` is True when both names are organisations' (stricter about
    distinguishing tokens, see the module docstring). ``explain=False``
    leaves ``pairs`` empty (same score): the index scores
    many candidates and explains only the ones it returns. With ``floor`` >
    0, a name whose score cannot reach ``floor`` is given up early: the
    result's score is then an upper bound under ``floor``, not the score."""
    rare = weight.rare
    qt, ct = list(q.tokens), list(c.tokens)
    if len(qt) == 1 or len(ct) == 1:
        joined = _joined(qt, ct)
        if joined is not None:
            return joined
    # Only the side with more tokens can hold a split form of the other's token.
    if len(qt) > len(ct):
        qt = _merge_split(qt, ct)
    elif len(ct) > len(qt):
        ct = _merge_split(ct, qt)
    if not qt or not ct:
        return NameComparison(0.0, (), 0.0, 0.0, False)
    cross = q.lossy or c.lossy
    # Weights straight from the memo: this runs for every candidate of every
    # query (a weight is never 0, so ``or`` only falls back on a miss).
    memo = weight.memo
    if org:
        # In organisation names a legal-form word left in the middle (NORD
        # PROJECT *LLC* TRANSPORT) or a function word (OF, AND, THE) names
        # nothing, though its list frequency says it is rare (legal forms at
        # the ends are set aside before counting).
        rq = [_FUNCTION_WEIGHT if t in LEGAL_FORMS or t in _FUNCTION_WORDS else
              memo.get(t) or weight(t) for t in qt]
        rc = [_FUNCTION_WEIGHT if t in LEGAL_FORMS or t in _FUNCTION_WORDS else
              memo.get(t) or weight(t) for t in ct]
    else:
        rq = [memo.get(t) or weight(t) for t in qt]
        rc = [memo.get(t) or weight(t) for t in ct]
    # An initial carries the weight of one letter, not of the full name.
    wqs = [w if len(t) > 1 else 1.0 for t, w in zip(qt, rq, strict=True)]
    wcs = [w if len(t) > 1 else 1.0 for t, w in zip(ct, rc, strict=True)]
    # (-similarity, i, j, how): a plain sort puts the best pair first, ties
    # by position, as the greedy alignment needs. Each token's best
    # similarity is kept for the floor's bound.
    cands: list[tuple[float, int, int, str]] = []
    best_q = [0.0] * len(qt)
    best_c = [0.0] * len(ct)
    token_sim = _token_sim
    for i, a in enumerate(qt):
        for j, b in enumerate(ct):
            if a == b:
                sim, how = 1.0, "exact"
            else:
                sim, how = token_sim(a, b, cross)
                if sim <= 0:
                    continue
            cands.append((-sim, i, j, how))
            if sim > best_q[i]:
                best_q[i] = sim
            if sim > best_c[j]:
                best_c[j] = sim
    if floor > 0.0:
        bound = _coverage_bound(wqs, best_q, wcs, best_c)
        # The margin keeps float rounding from dropping a name at the floor.
        if bound < floor - 1e-9:
            return NameComparison(bound, (), bound, bound, False)
    cands.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    loose_q: set[int] = set()
    loose_c: set[int] = set()
    pairs: list[TokenPair] = []
    mq = mc = 0.0
    for neg, i, j, how in cands:
        if i in used_q or j in used_c:
            continue
        sim = -neg
        used_q.add(i)
        used_c.add(j)
        eff = sim if sim >= _FIRM_SIM or cross or how == "initial" else \
            _firm(qt[i], ct[j], sim, how, cross)
        wq, wc = wqs[i], wcs[j]
        if how == "initial":
            mq += min(wq, wc) * eff
            mc += min(wq, wc) * eff
        else:
            mq += wq * eff
            mc += wc * eff
        if eff < sim:
            loose_q.add(i)
            loose_c.add(j)
            how = f"{how}, loose: counts {eff:.2f}"
        if explain:
            pairs.append(TokenPair(qt[i], ct[j], sim, how))
    cq, cc = mq / sum(wqs), mc / sum(wcs)
    # The less covered side dominates: a name with extra given names is
    # probably someone else (AYAD, Adnan vs AYAD, Jihad Adnan).
    score = _MIN_SHARE * min(cq, cc) + (1 - _MIN_SHARE) * max(cq, cc)
    subset = False
    for cov, matched, short, ws, long_, used in ((cq, mq, qt, wqs, ct, used_c),
                                                 (cc, mc, ct, wcs, qt, used_q)):
        if cov < _SUBSET_COVERAGE:
            continue
        if not (all(_is_minor(t) for k, t in enumerate(long_) if k not in used) or
                all(w >= rare for t, w in zip(short, ws, strict=True) if len(t) > 1)):
            continue
        spec = (0.5 + 0.45 * min(1.0, matched / _SPECIFIC_WEIGHT)) * cov
        if spec > score:
            score, subset = spec, True
    notes: list[str] = []
    if org:
        sister = _registered_sister(q, c, (cq, ct, used_c, rc), (cc, qt, used_q, rq))
        if sister is not None:
            score -= _REGISTERED_SISTER_PENALTY
            common = "/".join(sorted(set(q.legal_forms) & set(c.legal_forms)))
            notes.append(f"both are registered names ({common}) "
                         f"and one adds {sister!r}: a sister company, "
                         f"-{_REGISTERED_SISTER_PENALTY:.2f}")
        else:
            marker = _sister_marker(q, c, (cq, ct, used_c, rc), (cc, qt, used_q, rq))
            if marker is not None and q.legal_forms and c.legal_forms:
                # Two registered names with different legal forms, one adding
                # a sister-class word (GOLDEN STAR CO / GOLDEN STAR TRADING
                # LLC): a sister company as surely as with a common legal form
                # (1.4). Any added word is not enough here (NAVIS INC. / AO KB
                # NAVIS is one company).
                score -= _REGISTERED_SISTER_PENALTY
                notes.append(f"both are registered names ({'/'.join(q.legal_forms)} vs "
                             f"{'/'.join(c.legal_forms)}) and one adds {marker!r}, a word "
                             f"that names sister companies: a sister company, "
                             f"-{_REGISTERED_SISTER_PENALTY:.2f}")
            elif marker is not None:
                score -= _SISTER_MARKER_PENALTY
                notes.append(f"one name adds {marker!r}, a word that names sister companies "
                             f"and branches (place, number, group or sector word): "
                             f"-{_SISTER_MARKER_PENALTY:.2f}")
    if not subset:
        # Each side keeps a distinctive token the other lacks (SHAHID KAZEMI vs
        # SHAHID MEISAMI, ALPHA TRADING vs OMEGA TRADING): two names that share
        # only their common part. A loosely matched pair counts as unmatched here.
        odd_q = max((w for k, w in enumerate(rq) if k not in used_q or k in loose_q),
                    default=0.0)
        odd_c = max((w for k, w in enumerate(rc) if k not in used_c or k in loose_c),
                    default=0.0)
        rarity = _ORG_CONFLICT_RARITY if org else _CONFLICT_RARITY
        if min(odd_q, odd_c) >= rare * rarity:
            penalty = _ORG_CONFLICT_PENALTY if org else _CONFLICT_PENALTY
            score -= penalty
            notes.append(f"each name has a distinctive word the other lacks: -{penalty:.2f}")
    return NameComparison(max(0.0, min(score, 1.0)), tuple(pairs), cq, cc, subset, tuple(notes))


def compare_readings(q: NameForm, c: NameForm, weight: Weights,
                     org: bool = False, explain: bool = True,
                     floor: float = 0.0) -> NameComparison:
    """:func:`compare_names` over each reading of each name (a Han name's
    pinyin and Wade-Giles): the best comparison, noting a non-pinyin win.
    ``floor`` as for :func:`compare_names`: when the result is under it, it
    may be a bound, not the score."""
    best = compare_names(q, c, weight, org, explain, floor)
    if not (q.alternatives or c.alternatives):
        return best
    for qi, qt in enumerate(q.readings()):
        for ci, ct in enumerate(c.readings()):
            if qi == ci == 0:
                continue
            cmp = compare_names(replace(q, tokens=qt), replace(c, tokens=ct), weight, org,
                                explain, floor)
            if cmp.score > best.score:
                best = replace(cmp, notes=(*cmp.notes, "Wade-Giles reading of the Han name"))
    return best


class Matcher:
    """Base of versioned matchers: NAME and VERSION identify the scoring logic."""

    NAME = "base"
    VERSION = "0"

    def score(self, query: Query, qform: NameForm, entity: ListEntity, name: NameForm,
              weak: bool, weight: Weights, explain: bool = True,
              floor: float = 0.0) -> tuple[float, list[Feature]]:
        """Score one list name; ``explain=False`` may leave feature details empty
        (the index scores many candidates and explains only the ones it returns).
        With ``floor`` > 0 a name that cannot score ``floor`` may be given up
        early with some score under ``floor`` (the index drops it anyway)."""
        raise NotImplementedError




@lru_cache(maxsize=65536)
def _numbers(tokens: tuple[str, ...]) -> frozenset[str]:
    """Numbers a name carries (2005, 71st, III, FOURTEENTH) as digit strings."""
    out: set[str] = set()
    for t in tokens:
        m = re.fullmatch(r"(\d+)(st|nd|rd|th)?", t)
        if m:
            out.add(str(int(m.group(1))))
        elif t in ORDINALS:
            out.add(ORDINALS[t])
    return frozenset(out)


def _numbers_feature(q: NameForm, c: NameForm) -> Feature | None:
    nq, nc = _numbers(q.tokens), _numbers(c.tokens)
    if not nq and not nc or nq == nc:
        return None
    if nq and nc:
        return Feature("numbers", -0.25, f"numbers {sorted(nq)} vs {sorted(nc)}: "
                       "numbered entities (II CORP, 71ST PLANT) are different entities")
    return Feature("numbers", -0.05, f"numbers {sorted(nq or nc)} on one side only")


def _dob_feature(dob: str, entity: ListEntity) -> Feature | None:
    known = entity.values("birthDate")
    if not known:
        return None
    for d in known:
        if d == dob:
            return Feature("dob", _DOB_BONUS if len(d) >= 10 else 0.02,
                           f"date of birth {d} matches")
    for d in known:
        if dob.startswith(d) or d.startswith(dob):
            return Feature("dob", 0.02, f"date of birth {d} agrees with {dob}")
    try:
        years = [int(d[:4]) for d in known]
        if any(abs(int(dob[:4]) - y) <= 1 for y in years):
            return Feature("dob", 0.0, f"dates of birth {', '.join(known)} within a year of {dob}")
    except ValueError:
        return None
    return Feature("dob", -0.20, f"dates of birth {', '.join(known)} differ from {dob}")


def _country_feature(country: str, entity: ListEntity) -> Feature | None:
    known: set[str] = set()
    for prop in ("nationality", "citizenship", "country", "jurisdiction"):
        known.update(v.lower() for v in entity.values(prop))
    if not known:
        return None
    if country.lower() in known:
        return Feature("country", _COUNTRY_BONUS,
                       f"{country.upper()} among {', '.join(sorted(known))}")
    return Feature("country", -0.05, f"{country.upper()} not among {', '.join(sorted(known))}")


def _identity_evidence(query: Query, entity: ListEntity) -> tuple[str, str] | None:
    """The query's full date of birth and country when the date is one of the
    listed person's and the country one of their nationalities or
    citizenships (not an address country): half of the identity rule (1.4),
    checked before the name so the floor shortcut can be skipped."""
    # Most queries carry no date of birth: that check first (hot path).
    if not query.dob or not query.country or len(query.dob) != 10 or \
            entity.schema not in _PERSON or query.kind == "org" or \
            query.dob not in entity.values("birthDate"):
        return None
    country = query.country.lower()
    known = {v.lower() for prop in ("nationality", "citizenship") for v in entity.values(prop)}
    return (query.dob, country) if country in known else None


def _identity_feature(evidence: tuple[str, str], qform: NameForm, name: NameForm,
                      total: float) -> Feature | None:
    """Raise a name to :data:`_IDENTITY_FLOOR` when the list name's surname
    (as the list writes it: before the comma, or a Han name's first token) is
    among the query's tokens and the full date of birth and nationality agree
    (1.4). Such a pair is either the listed person under a name the list does
    not carry (CHEN, Xiuling a.k.a. CHEN, Karen: an adopted English given
    name shares no sound with the Chinese one) or a namesake born the same
    day with the same nationality: an analyst has to look."""
    if total >= _IDENTITY_FLOOR:
        return None
    surname = surname_tokens(name)
    if not surname or not any(set(surname) <= set(r) for r in qform.readings()):
        return None
    dob, country = evidence
    return Feature("identity", _IDENTITY_FLOOR - total,
                   f"date of birth {dob}, nationality {country.upper()} and surname "
                   f"{' '.join(surname).upper()} all agree exactly: raised to "
                   f"{_IDENTITY_FLOOR:.2f} for review (the given names differ: an adopted "
                   f"or other name, or a namesake born the same day)")


class NameMatcher(Matcher):
    """``scamnet-name-v1``: see the module docstring."""

    NAME = "scamnet-name-v1"
    #: 1.1 (2026-11-28): loose token pairs, stronger conflict rule, function
    #: and mid-name legal-form words weigh little in organisation names, joined
    #: names, inflected forms, Wade-Giles readings of Han names. Scores differ
    #: from 1.0 (docs/screening.md).
    #: 1.2 (2026-11-28): a registered company name that adds a word to another
    #: with the same legal form is scored down 0.3 (a sister company).
    #: 1.3 (2026-11-28): an organisation name that adds a sister-company word
    #: (place, number, group or sector word) loses 0.15; a Latin phonetic
    #: token match needs spelling similarity >= 0.5; a patronymic does not
    #: match the shorter given name it may derive from.
    #: 1.4 (2026-11-28): a person query whose full date of birth, nationality
    #: and surname all agree with a listed person's is raised to 0.65 (the
    #: identity rule); two registered organisation names with different legal
    #: forms, one adding a sister-company word, lose 0.3 (as with a common
    #: legal form) instead of 0.15.
    VERSION = "1.4"

    def __init__(self, weak_cap: float = 0.70, type_penalty: float = 0.15) -> None:
        self.weak_cap = weak_cap
        self.type_penalty = type_penalty

    def score(self, query: Query, qform: NameForm, entity: ListEntity, name: NameForm,
              weak: bool, weight: Weights, explain: bool = True,
              floor: float = 0.0) -> tuple[float, list[Feature]]:
        org = entity.schema in _ORG and query.kind != "person"
        # Only date of birth and country can add to the name score.
        bonus = (_DOB_BONUS if query.dob else 0.0) + (_COUNTRY_BONUS if query.country else 0.0)
        identity = _identity_evidence(query, entity)
        # The identity rule (1.4) can raise any name sharing the surname.
        name_floor = floor - bonus if identity is None else 0.0
        cmp = compare_readings(qform, name, weight, org, explain, name_floor)
        if name_floor > 0.0 and cmp.score < name_floor:
            return cmp.score, []
        feats = [Feature("name", cmp.score, cmp.detail() if explain else "")]
        if explain and (qform.transliterated or name.transliterated):
            how = "; ".join(f"{f.original!r} via {f.method}" for f in (qform, name)
                            if f.transliterated)
            feats.append(Feature("script", 0.0, f"transliterated: {how}"))
        if qform.untransliterated or name.untransliterated:
            feats.append(Feature("script", 0.0, "part of the name is in a script that is not "
                                 "transliterated; it only matches the same script"))
        if qform.legal_forms and name.legal_forms and \
                not set(qform.legal_forms) & set(name.legal_forms):
            feats.append(Feature("legal_form", -_LEGAL_FORM_PENALTY,
                                 f"legal form {'/'.join(qform.legal_forms)}"
                                 f" vs {'/'.join(name.legal_forms)}"))
        numbers = _numbers_feature(qform, name)
        if numbers:
            feats.append(numbers)
        kind = query.kind
        if (kind == "person" and entity.schema in _ORG) or \
                (kind == "org" and entity.schema in _PERSON):
            feats.append(Feature("type", -self.type_penalty,
                                 f"query is a {kind}, the list entity a {entity.schema}"))
        elif kind == "person" and entity.schema in ("Vessel", "Airplane"):
            feats.append(Feature("type", -self.type_penalty,
                                 f"query is a person, the list entity a {entity.schema}"))
        if query.dob:
            f = _dob_feature(query.dob, entity)
            if f:
                feats.append(f)
        if query.country:
            f = _country_feature(query.country, entity)
            if f:
                feats.append(f)
        total = sum(f.effect for f in feats)
        if identity is not None:
            f = _identity_feature(identity, qform, name, total)
            if f:
                feats.append(f)
                total = _IDENTITY_FLOOR
        if weak and total > self.weak_cap:
            feats.append(Feature("weak_alias", self.weak_cap - total,
                                 f"matched a weak alias: capped at {self.weak_cap}"))
            total = self.weak_cap
        return max(0.0, min(1.0, total)), feats
