"""Link quality against ground truth: pairwise precision/recall and B-cubed F1.

Both take partitions as ``item -> cluster label`` maps over the same items.
Pairwise scores count pairs of items placed together (computed from cluster
contingency counts, so 1M items are fine). B-cubed averages, per item, the
precision and recall of its predicted cluster against its true one (Bagga &
Baldwin 1998).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from scamnet.errors import InvalidInputError
from scamnet.link.tables import link_assignments
from scamnet.store.store import Store

__all__ = [
    "DemoEvaluation",
    "FoundNetwork",
    "LinkScores",
    "compare_with_truth",
    "demo_truth",
    "evaluate_demo",
    "score_partition",
]


@dataclass(frozen=True)
class LinkScores:
    """Quality of a predicted partition against the true one."""

    items: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    def to_json(self) -> dict[str, object]:
        return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score_partition(predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> LinkScores:
    """Score ``predicted`` against ``truth``; both must cover the same items.

    With no predicted (or no true) pair, pairwise precision (recall) is 1.0:
    nothing claimed, nothing wrong.
    """
    missing = set(truth) ^ set(predicted)
    if missing:
        sample = ", ".join(sorted(map(str, missing))[:5])
        raise InvalidInputError(f"partitions cover different items ({len(missing)} differ, "
                                f"e.g. {sample})")
    n = len(truth)
    if n == 0:
        return LinkScores(0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
    both = Counter((predicted[i], truth[i]) for i in truth)
    pred_sizes = Counter(predicted[i] for i in truth)
    true_sizes = Counter(truth.values())
    tp = sum(_pairs(c) for c in both.values())
    pred_pairs = sum(_pairs(c) for c in pred_sizes.values())
    true_pairs = sum(_pairs(c) for c in true_sizes.values())
    pp = tp / pred_pairs if pred_pairs else 1.0
    pr = tp / true_pairs if true_pairs else 1.0
    # B-cubed: an item in cell (p, t) of size c has precision c/|p| and recall c/|t|.
    bp = sum(c * c / pred_sizes[p] for (p, _t), c in both.items()) / n
    br = sum(c * c / true_sizes[t] for (_p, t), c in both.items()) / n
    return LinkScores(n, pp, pr, _f1(pp, pr), bp, br, _f1(bp, br))


@dataclass(frozen=True)
class FoundNetwork:
    """A network found by linking next to the true networks of its reports."""

    network_id: str
    reports: int
    truth: dict[str, int]

    def to_json(self) -> dict[str, object]:
        return {"network_id": self.network_id, "reports": self.reports, "truth": self.truth}


@dataclass
class DemoEvaluation:
    """Scores of the persisted partition against the demo generator's truth."""

    scores: LinkScores
    found: list[FoundNetwork]
    not_in_store: list[str]

    def to_json(self) -> dict[str, object]:
        return {"scores": self.scores.to_json(), "found": [f.to_json() for f in self.found],
                "not_in_store": self.not_in_store}

    def truth_of(self, network_id: str) -> dict[str, int]:
        """How many of a found network's reports each true network holds ({} if unknown)."""
        return next((f.truth for f in self.found if f.network_id == network_id), {})


def demo_truth(truth: Mapping[str, Any]) -> dict[str, str]:
    """report id -> true network from a demo ``truth.json`` (chats by their report id).

    Reports of no network (other scams, no indicators) are their own cluster.
    """
    out: dict[str, str] = {}
    for rid, net in truth.get("reports", {}).items():
        out[rid] = net or f"unlinked:{rid}"
    chat_ids = truth.get("chat_ids", {})
    for path, net in truth.get("chats", {}).items():
        cid = chat_ids.get(path)
        if cid:
            out[cid] = net or f"unlinked:{cid}"
    return out


def compare_with_truth(assigned: Mapping[str, str], truth: Mapping[str, str]) -> DemoEvaluation:
    """Score ``assigned`` (report -> network id) on the reports both sides know."""
    common = sorted(set(assigned) & set(truth))
    scores = score_partition({r: assigned[r] for r in common}, {r: truth[r] for r in common})
    groups: dict[str, Counter[str]] = {}
    for r in common:
        groups.setdefault(assigned[r], Counter())[truth[r]] += 1
    found = [FoundNetwork(n, sum(c.values()), dict(c.most_common()))
             for n, c in groups.items() if sum(c.values()) > 1]
    found.sort(key=lambda f: (-f.reports, f.network_id))
    return DemoEvaluation(scores, found, sorted(set(truth) - set(assigned)))


def evaluate_demo(store: Store, truth: Mapping[str, Any]) -> DemoEvaluation:
    """Compare the store's persisted networks with a demo corpus's truth."""
    with store.begin() as conn:
        assigned = {r: n for r, n in conn.execute(select(link_assignments.c.report_id,
                                                         link_assignments.c.network_id))}
    return compare_with_truth(assigned, demo_truth(truth))
