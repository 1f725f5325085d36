"""How strongly a shared indicator of each kind links two reports.

One table, documented in ``docs/linking.md`` and overridable per run
(``scamnet link --weight KIND=W``). A weight at or above
:attr:`WeightTable.strong` makes the kind *strong*: one shared value joins two
reports outright (connected components). Kinds below it are *weak*: they only
join groups whose summed weak evidence passes ``strong`` (community detection,
see :mod:`scamnet.link.cluster`). Weight 0 never links.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from scamnet.errors import ConfigError
from scamnet.model.indicators import KINDS

__all__ = [
    "CORRELATED_KINDS",
    "DEFAULT_WEIGHTS",
    "SCRIPT_KIND",
    "WeightTable",
    "parse_weight_overrides",
]

#: Kind name the analysis stage uses for near-duplicate script templates.
SCRIPT_KIND = "script"

#: Weak kinds whose values come in correlated bunches: one copied playbook
#: yields many near-duplicate templates, so sharing five of them is no more
#: evidence than sharing one. Their weight counts once per pair of groups.
CORRELATED_KINDS: frozenset[str] = frozenset({SCRIPT_KIND})

# Why these numbers: a wallet, phone, messaging handle or IBAN is operated by
# one party and is expensive to rotate, so sharing one is near-proof of a
# common operator. So is a domain once legitimate sites are out of the way
# (allowlists, hub rule): a fake trading site is run by its syndicate, and
# many victims name nothing else. A full URL adds little beyond its domain
# (which extraction also records) and on shared hosts can be anyone's. An
# e-mail address in a report is as often the victim's own as the scammer's,
# so it needs support from a second, independent weak signal (another
# e-mail, a URL): e-mail plus script (0.9) is not enough, because a victim who
# reported two networks brings her own address to both and scam scripts are
# copied across syndicates. A shared script only shows a shared playbook,
# which syndicates sell to each other. A BIC names a bank, shared by millions of
# honest customers.
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "wallet": 1.0,
    "phone": 1.0,
    "whatsapp": 1.0,
    "telegram": 1.0,
    "telegram_id": 1.0,
    "line": 1.0,
    "wechat": 1.0,
    "zalo": 1.0,
    "iban": 1.0,
    "email": 0.6,
    "domain": 1.0,
    "url": 0.6,
    SCRIPT_KIND: 0.3,
    "bic": 0.0,
})


@dataclass(frozen=True)
class WeightTable:
    """Weight per indicator kind plus the strong-link threshold.

    Unknown kinds (not in the table) weigh 0 and never link, so a new kind must
    be given a weight on purpose.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    strong: float = 1.0

    def __post_init__(self) -> None:
        problems = [f"{k}={w}" for k, w in self.weights.items()
                    if not (math.isfinite(w) and 0.0 <= w <= 10.0)]
        if problems:
            raise ConfigError("link weights must be between 0 and 10: " + ", ".join(problems))
        # isfinite first: every comparison with nan is false, so `strong <= 0`
        # alone let nan through, and a nan or inf threshold links nothing strongly.
        if not math.isfinite(self.strong) or self.strong <= 0:
            raise ConfigError(f"strong-link threshold must be a positive finite number, "
                              f"got {self.strong}")

    def weight(self, kind: str) -> float:
        return float(self.weights.get(kind, 0.0))

    def is_strong(self, kind: str) -> bool:
        return self.weight(kind) >= self.strong

    def links(self, kind: str) -> bool:
        return self.weight(kind) > 0.0

    def with_overrides(self, overrides: Mapping[str, float]) -> WeightTable:
        merged = dict(self.weights)
        merged.update(overrides)
        return WeightTable(merged, self.strong)

    def to_json(self) -> dict[str, object]:
        return {"strong": self.strong, "weights": dict(sorted(self.weights.items()))}


def parse_weight_overrides(items: Iterable[str]) -> dict[str, float]:
    """Parse ``KIND=WEIGHT`` strings; every bad item is reported at once."""
    known = set(KINDS) | {SCRIPT_KIND}
    out: dict[str, float] = {}
    problems: list[str] = []
    for item in items:
        kind, sep, raw = item.partition("=")
        kind = kind.strip()
        if not sep or kind not in known:
            problems.append(f"{item!r}: expected KIND=WEIGHT with KIND one of "
                            f"{', '.join(sorted(known))}")
            continue
        try:
            out[kind] = float(raw)
        except ValueError:
            problems.append(f"{item!r}: weight {raw!r} is not a number")
    if problems:
        raise ConfigError("bad --weight: " + "; ".join(problems))
    return out
