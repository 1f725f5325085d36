from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from link_synth import make

from scamnet.link import HubRule, ObservationTable, WeightTable, cluster_observations
from scamnet.link.allowlist import Allowlist
from scamnet.link.evaluate import score_partition

NO_ALLOW = Allowlist()


def part(rows, reports=(), **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("allowlist", NO_ALLOW)
    return cluster_observations(ObservationTable.from_rows(rows, reports), **kw)


def groups(result) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, set[str]] = {}
    for r, anchor in result.partition().items():
        out.setdefault(anchor, set()).add(r)
    return {frozenset(g) for g in out.values()}


def test_strong_indicator_links_and_invalid_never_does() -> None:
    res = part([("a", "wallet", "W", True), ("b", "wallet", "W", True),
                ("c", "wallet", "X", False), ("d", "wallet", "X", False)])
    assert groups(res) == {frozenset("ab"), frozenset("c"), frozenset("d")}
    assert res.stats.invalid == 2


def test_zero_weight_kind_never_links() -> None:
    res = part([("a", "bic", "DEUTDEFF", True), ("b", "bic", "DEUTDEFF", True)])
    assert len(groups(res)) == 2 and res.stats.zero_weight == 2


def test_allowlisted_domain_does_not_link_and_says_why() -> None:
    res = cluster_observations(ObservationTable.from_rows(
        [("a", "domain", "www.binance.com", True), ("b", "domain", "www.binance.com", True)]))
    assert len(groups(res)) == 2
    (sup,) = res.suppressed
    assert sup.rule == "allowlist" and "exchange" in sup.reason and sup.reports == 2


def test_one_weak_link_is_not_enough_two_are() -> None:
    one = part([("a", "email", "x@y.z", True), ("b", "email", "x@y.z", True)])
    assert len(groups(one)) == 2
    two = part([("a", "email", "x@y.z", True), ("b", "email", "x@y.z", True),
                ("a", "url", "https://x.y/z", True), ("b", "url", "https://x.y/z", True)])
    assert groups(two) == {frozenset("ab")}


def test_many_shared_scripts_count_as_one_playbook() -> None:
    rows = [(r, "script", f"tpl{i}", True) for r in "ab" for i in range(5)]
    assert len(groups(part(rows))) == 2  # 5 x 0.3 would pass the threshold if summed
    rows += [("a", "email", "x@y.z", True), ("b", "email", "x@y.z", True)]
    assert len(groups(part(rows))) == 2  # e-mail 0.6 + playbook 0.3 = 0.9
    rows += [("a", "url", "https://x.y/z", True), ("b", "url", "https://x.y/z", True)]
    assert len(groups(part(rows))) == 1


def test_weak_links_do_not_chain_whole_groups_together() -> None:
    # Two strong groups of 3; a single shared e-mail between one member of each.
    rows = [(r, "wallet", "W1", True) for r in "abc"] + [(r, "wallet", "W2", True) for r in "def"]
    rows += [("a", "email", "v@x.y", True), ("d", "email", "v@x.y", True)]
    assert groups(part(rows)) == {frozenset("abc"), frozenset("def")}


def test_hub_shared_by_every_report_is_suppressed_with_reason() -> None:
    n = 200
    rows = [(f"r{i:03d}", "wallet", "HUB", True) for i in range(n)]
    rows += [(f"r{i:03d}", "phone", f"+1{i // 2}", True) for i in range(n)]
    res = part(rows)
    assert len(groups(res)) == n // 2  # pairs linked by their phones, not all by the hub
    hub = [s for s in res.suppressed if s.rule == "hub"]
    assert hub and hub[0].value == "HUB" and "200 of 200" in hub[0].reason


def test_small_store_sharing_one_wallet_is_one_network() -> None:
    rows = [(f"r{i}", "wallet", "W", True) for i in range(10)]
    assert len(groups(part(rows))) == 1


def test_recycled_phone_bridge_is_cut() -> None:
    rows = []
    for g, w in (("a", "WA"), ("b", "WB")):
        rows += [(f"{g}{i}", "wallet", w, True) for i in range(10)]
    rows += [(r, "phone", "+66800000001", True) for r in ("a0", "a1", "b0", "b1")]
    res = part(rows)
    assert len(groups(res)) == 2
    (bridge,) = [s for s in res.suppressed if s.rule == "bridge"]
    assert bridge.value == "+66800000001"


def test_single_report_tie_is_kept() -> None:
    # Same shape as a rotation chain: one report on each side names the value.
    rows = []
    for g, w in (("a", "WA"), ("b", "WB")):
        rows += [(f"{g}{i}", "wallet", w, True) for i in range(10)]
    rows += [("a0", "phone", "+66800000001", True), ("b0", "phone", "+66800000001", True)]
    assert len(groups(part(rows))) == 1


def test_rotation_witnessed_by_reports_is_not_cut() -> None:
    # Old wallet in 10 reports, new wallet in 10; two reports name both.
    rows = [(f"o{i}", "wallet", "OLD", True) for i in range(10)]
    rows += [(f"n{i}", "wallet", "NEW", True) for i in range(10)]
    rows += [("o0", "wallet", "NEW", True), ("n0", "wallet", "OLD", True)]
    assert len(groups(part(rows))) == 1


def test_empty_and_indicator_free_inputs() -> None:
    empty = part([])
    assert empty.report_ids == [] and empty.stats.networks == 0
    bare = part([], reports=["x", "y"])
    assert groups(bare) == {frozenset("x"), frozenset("y")}


def test_ten_thousand_report_network() -> None:
    # A chain: report i shares a wallet with report i+1, nothing is a hub.
    n = 10_000
    rows = [(f"r{i:05d}", "wallet", f"W{i}", True) for i in range(n)]
    rows += [(f"r{i + 1:05d}", "wallet", f"W{i}", True) for i in range(n - 1)]
    res = part(rows)
    assert res.stats.networks == 1 and res.stats.largest_network == n


def test_input_order_does_not_matter() -> None:
    s = make(seed=3)
    rows = list(s.rows)
    random.Random(9).shuffle(rows)
    a = cluster_observations(s.table).partition()
    b = cluster_observations(ObservationTable.from_rows(rows, list(s.table.reports))).partition()
    assert a == b


def test_synthetic_quality_with_decoys() -> None:
    s = make(seed=1)
    res = cluster_observations(s.table)
    sc = score_partition(res.partition(), s.truth)
    assert sc.pairwise_precision >= 0.98 and sc.pairwise_recall >= 0.95 and sc.bcubed_f1 >= 0.97
    rules = {x.rule for x in res.suppressed}
    assert {"allowlist", "bridge"} <= rules


def _union_find(rows: list[tuple[str, str, str, bool]]) -> set[frozenset[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for r, _k, v, _ok in rows:
        find(r)
        if v in first:
            parent[find(r)] = find(first[v])
        else:
            first[v] = r
    out: dict[str, set[str]] = {}
    for r in parent:
        out.setdefault(find(r), set()).add(r)
    return {frozenset(g) for g in out.values()}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([f"r{i}" for i in range(30)]),
                          st.sampled_from([f"v{i}" for i in range(25)])), max_size=80))
def test_strong_only_partition_matches_union_find(pairs: list[tuple[str, str]]) -> None:
    rows = [(r, "wallet", v, True) for r, v in pairs]
    rule = HubRule(share=1.0, bridge_max_share=0.0)  # no data-driven suppression
    res = part(rows, hub=rule, weights=WeightTable())
    assert groups(res) == _union_find(rows)


def test_why_chains_are_exact_when_short_and_elided_when_long() -> None:
    from scamnet.link.summary import explain_paths

    ids = [f"r{i:02d}" for i in range(12)]
    links = [(ids[i], "wallet", f"W{i}") for i in range(11)]
    links += [(ids[i + 1], "wallet", f"W{i}") for i in range(11)]
    links += [("r00", "email", "e@x.y"), ("r03", "email", "e@x.y")]  # weak shortcut
    why = explain_paths(ids, links, WeightTable())
    assert why["r00"] == ("r00",)
    assert why["r02"] == ("r00", "wallet:W0", "r01", "wallet:W1", "r02")
    # r03 is one e-mail hop away (cost 1/0.7 = 1.43), cheaper than three wallet hops.
    assert why["r03"] == ("r00", "email:e@x.y", "r03")
    long = why["r11"]
    assert long[:3] == ("r00", "email:e@x.y", "r03") and long[-1] == "r11"
    assert any(x.startswith("... ") for x in long) and len(long) <= 15
    assert explain_paths([], [], WeightTable()) == {}
    assert explain_paths(["a", "b"], [], WeightTable()) == {"a": ("a",), "b": ()}
