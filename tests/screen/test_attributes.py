"""Screening with attributes: the 1.4 identity rule and the evaluation's
"with attributes" view (evaluation.with_attributes). No ../shared/data needed."""

from __future__ import annotations

import pytest

from scamnet.screen.entities import ListEntity
from scamnet.screen.evaluation import Pair, build_pairs, with_attributes
from scamnet.screen.matcher import NameMatcher, Query, Weights
from scamnet.screen.names import analyze_name, surname_tokens
from scamnet.screen.screening import DEFAULT_THRESHOLD

W = Weights({"chen": 60, "gan": 5, "karen": 3, "xiuling": 1, "xuebi": 1, "wei": 40,
             "al": 1500, "tikriti": 40, "saddam": 10}, 18_000)
CHEN = ListEntity("e-1", "Person", "CHEN, Xiuling", aliases=("CHEN, Karen",),
                  properties={"birthDate": ("1982-06-14",), "nationality": ("sg",)})


def _score(query: Query, entity: ListEntity = CHEN) -> tuple[float, list[str]]:
    score, feats = NameMatcher().score(query, analyze_name(query.name, "person"), entity,
                                       analyze_name(entity.name, "person"), False, W)
    return score, [f.name for f in feats]


def test_identity_rule_raises_a_same_surname_same_dob_same_nationality_person() -> None:
    # An adopted English given name shares nothing with the Chinese one.
    name_only, _ = _score(Query("CHEN, Karen", "person"))
    assert name_only < DEFAULT_THRESHOLD
    for q in ("CHEN, Karen", "Karen Chen"):
        score, feats = _score(Query(q, "person", "1982-06-14", "SG"))
        assert score >= DEFAULT_THRESHOLD, q
        assert "identity" in feats


@pytest.mark.parametrize("query", [
    Query("Karen Chen", "person"),                          # no attributes: name only
    Query("Karen Chen", "person", "1982-06-14"),            # no country
    Query("Karen Chen", "person", "1982-06-14", "CN"),      # another nationality
    Query("Karen Chen", "person", "1982-06-15", "SG"),      # another day
    Query("Karen Chen", "person", "1982", "SG"),            # a year is not a full date
    Query("Karen Gan", "person", "1982-06-14", "SG"),       # another surname
    Query("Xiuling Karen", "person", "1982-06-14", "SG"),   # the surname is not in the query
    Query("Karen Chen", "company", "1982-06-14", "SG"),     # a company query
])
def test_identity_rule_needs_every_piece(query: Query) -> None:
    score, feats = _score(query)
    assert "identity" not in feats
    assert score < DEFAULT_THRESHOLD


def test_identity_rule_does_not_lower_a_good_match() -> None:
    score, feats = _score(Query("CHEN, Xiuling", "person", "1982-06-14", "SG"))
    assert score == pytest.approx(1.0)
    assert "identity" not in feats


def test_identity_rule_needs_a_surname_the_list_name_marks() -> None:
    # "Xiuling Chen" in plain order does not say which token is the surname.
    plain = ListEntity("e-2", "Person", "Xiuling Chen", properties=CHEN.properties)
    assert "identity" not in _score(Query("Karen Chen", "person", "1982-06-14", "SG"), plain)[1]


@pytest.mark.parametrize(("name", "surname"), [
    ("CHEN, Xiuling", ("chen",)), ("AL-TIKRITI, Saddam Hussein", ("al", "tikriti")),
    ("陈志", ("chen",)), ("Karen Chen", ()),
])
def test_surname_tokens(name: str, surname: tuple[str, ...]) -> None:
    assert surname_tokens(analyze_name(name, "person")) == surname


def test_with_attributes_carries_each_sides_own_record() -> None:
    other = ListEntity("e-3", "Person", "CHEN, Wei",
                       properties={"birthDate": ("1970-01-02", "1971"), "citizenship": ("cn",)})
    by_id = {e.id: e for e in (CHEN, other)}
    pos = Pair("CHEN, Karen", "CHEN, Xiuling", True, "alias_chinese_english", "e-1",
               query_id="e-1", candidate_id="e-1")
    q, c = with_attributes(pos, by_id)
    assert (q.name, q.type, q.dob, q.country) == ("CHEN, Karen", "person", "1982-06-14", "sg")
    # The candidate is one name with its record's attributes, not its aliases.
    assert (c.name, c.aliases) == ("CHEN, Xiuling", ())
    assert c.values("birthDate") == ("1982-06-14",)
    neg = Pair("CHEN, Wei", "CHEN, Xiuling", False, "same_surname", "e-3",
               query_id="e-3", candidate_id="e-1")
    q, c = with_attributes(neg, by_id)
    assert (q.dob, q.country) == ("1970-01-02", "cn")  # first DOB; citizenship if no nationality
    assert c.values("nationality") == ("sg",)
    # Unknown records: name and type only.
    q, _ = with_attributes(Pair("A B", "C D", False, "near_company", "x", "Company", "Company"),
                           {})
    assert (q.type, q.dob, q.country) == ("company", None, None)


def test_build_pairs_records_both_sides() -> None:
    ents = [CHEN, ListEntity("e-3", "Person", "CHEN, Wei", properties={"nationality": ("cn",)})]
    pairs = build_pairs(ents)
    alias = next(p for p in pairs if p.category == "alias_chinese_english")
    assert (alias.query_id, alias.candidate_id) == ("e-1", "e-1")
    neg = next(p for p in pairs if p.category == "same_surname")
    assert {neg.query_id, neg.candidate_id} == {"e-1", "e-3"}


def test_search_finds_the_person_born_that_day_behind_a_common_surname() -> None:
    # 60 listed KIMs share the query's only known token; blocking keeps the
    # best-sharing 40, so the person born that day is reached by the date.
    from scamnet.screen.index import ScreeningIndex
    from scamnet.screen.screening import screen_name

    kims = [ListEntity(f"k-{i}", "Person", f"KIM, Given{chr(97 + i % 26)}{i}") for i in range(60)]
    target = ListEntity("k-target", "Person", "KIM, Kyong Hak",
                        properties={"birthDate": ("1975-03-02",), "nationality": ("kp",)})
    index = ScreeningIndex()
    index.add("list", [*kims, target])
    found = screen_name(index, "Zebedee Kim", dob="1975-03-02", country="KP")
    assert [m.entity_id for m in found] == ["k-target"]
    assert any(f.name == "identity" for f in found[0].features)
    # Without the date nothing is reported (the name alone is a common surname).
    assert screen_name(index, "Zebedee Kim") == []
    # Another nationality: the date alone does not raise the name.
    assert screen_name(index, "Zebedee Kim", dob="1975-03-02", country="KR") == []
