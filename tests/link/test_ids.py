from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.link import ObservationTable, assign_ids, cluster_observations, content_id
from scamnet.link.allowlist import Allowlist


def run(rows, reports=()):  # type: ignore[no-untyped-def]
    return cluster_observations(ObservationTable.from_rows(rows, reports), allowlist=Allowlist())


def ids_by_report(result, ids) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(zip(result.report_ids, ids.network_of(result), strict=True))


BASE = [("a", "wallet", "W1", True), ("b", "wallet", "W1", True),
        ("c", "phone", "+1", True), ("d", "phone", "+1", True)]


def test_new_ids_come_from_content() -> None:
    res = run(BASE)
    net = ids_by_report(res, assign_ids(res))
    assert net["a"] == net["b"] == content_id("a")
    assert net["c"] == net["d"] == content_id("c")
    assert content_id("a") != content_id("c")


def test_content_id_avoids_taken_ids() -> None:
    base = content_id("a")
    assert content_id("a", {base}) == f"{base}-2"
    assert content_id("a", {base, f"{base}-2"}) == f"{base}-3"


def test_ids_survive_additions_that_change_the_smallest_report() -> None:
    res1 = run(BASE)
    net1 = ids_by_report(res1, assign_ids(res1))
    # "0" sorts before "c": a content id would change, the persisted one must not.
    res2 = run(BASE + [("0", "phone", "+1", True), ("e", "wallet", "W1", True)])
    ids2 = assign_ids(res2, net1)
    net2 = ids_by_report(res2, ids2)
    assert net2["0"] == net2["c"] == net1["c"]
    assert net2["e"] == net1["a"]
    assert ids2.events == [] and ids2.new == set()


def test_merge_keeps_the_bigger_network_and_records_it() -> None:
    rows = BASE + [("e", "wallet", "W1", True)]  # a-b-e (3) and c-d (2)
    res1 = run(rows)
    net1 = ids_by_report(res1, assign_ids(res1))
    res2 = run(rows + [("f", "wallet", "W1", True), ("f", "phone", "+1", True)])
    ids2 = assign_ids(res2, net1)
    net2 = ids_by_report(res2, ids2)
    assert len(set(net2.values())) == 1 and net2["c"] == net1["a"]
    (ev,) = ids2.events
    assert (ev.kind, ev.network_id, ev.other, ev.reports) == ("merged", net1["c"], net1["a"], 2)


def test_split_keeps_id_on_biggest_part_and_records_it() -> None:
    rows = BASE + [("e", "wallet", "W1", True), ("b", "phone", "+1", True)]  # all one
    res1 = run(rows)
    net1 = ids_by_report(res1, assign_ids(res1))
    res2 = run([r for r in rows if r != ("b", "phone", "+1", True)])  # b no longer names +1
    ids2 = assign_ids(res2, net1)
    net2 = ids_by_report(res2, ids2)
    assert net2["a"] == net1["a"]  # a-b-e (3) keeps the id
    assert net2["c"] != net1["a"] and net2["c"] in ids2.new
    (ev,) = ids2.events
    assert (ev.kind, ev.network_id, ev.other) == ("split", net2["c"], net1["a"])


def test_retired_ids_are_never_reused() -> None:
    res = run(BASE)
    ids = assign_ids(res, retired={content_id("a")})
    assert ids_by_report(res, ids)["a"] == f"{content_id('a')}-2"


_rows = st.lists(st.tuples(st.sampled_from([f"r{i}" for i in range(15)]),
                           st.sampled_from(["wallet", "phone"]),
                           st.sampled_from([f"v{i}" for i in range(10)]),
                           st.just(True)), max_size=30)


@settings(max_examples=40, deadline=None)
@given(_rows, _rows)
def test_unrelated_additions_never_change_existing_ids(first: list, more: list) -> None:  # type: ignore[type-arg]
    res1 = run(first)
    net1 = ids_by_report(res1, assign_ids(res1))
    # New reports with values nobody has used yet cannot touch old networks.
    fresh = [(f"n{r}", k, f"new-{v}", ok) for r, k, v, ok in more]
    res2 = run(first + fresh)
    net2 = ids_by_report(res2, assign_ids(res2, net1))
    assert all(net2[r] == n for r, n in net1.items())
