from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.errors import InvalidInputError
from scamnet.link.evaluate import compare_with_truth, demo_truth, score_partition

labels = st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 5), max_size=40)


@given(labels)
def test_identical_partitions_score_one(p: dict[str, int]) -> None:
    s = score_partition(p, dict(p))
    assert s.pairwise_precision == s.pairwise_recall == s.bcubed_f1 == 1.0


@given(labels, st.integers(0, 5))
def test_scores_are_within_bounds(p: dict[str, int], shift: int) -> None:
    q = {k: (v + shift) % 3 for k, v in p.items()}
    s = score_partition(q, p)
    for x in (s.pairwise_precision, s.pairwise_recall, s.bcubed_precision, s.bcubed_recall):
        assert 0.0 <= x <= 1.0


def test_known_values() -> None:
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = score_partition(pred, truth)
    assert s.pairwise_precision == pytest.approx(1 / 2)  # pairs ab (right), cd (wrong)
    assert s.pairwise_recall == pytest.approx(1 / 3)  # of ab, ac, bc
    # B-cubed precision: a,b 1; c,d 1/2 -> 3/4. Recall: a,b 2/3; c 1/3; d 1 -> 2/3.
    assert s.bcubed_precision == pytest.approx(0.75)
    assert s.bcubed_recall == pytest.approx(2 / 3)


def test_mismatched_items_rejected() -> None:
    with pytest.raises(InvalidInputError, match="different items"):
        score_partition({"a": 1}, {"b": 1})


def test_demo_truth_and_comparison() -> None:
    truth = {"reports": {"r1": "N1", "r2": "N1", "r3": None},
             "chats": {"chats/x.txt": "N1"}, "chat_ids": {"chats/x.txt": "abc"}}
    t = demo_truth(truth)
    assert t == {"r1": "N1", "r2": "N1", "r3": "unlinked:r3", "abc": "N1"}
    ev = compare_with_truth({"r1": "n", "r2": "n", "abc": "n", "r3": "m", "zz": "q"}, t)
    assert ev.scores.pairwise_precision == 1.0 and ev.not_in_store == []
    assert ev.found[0].truth == {"N1": 3}
