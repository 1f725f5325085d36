"""Hub suppression: which indicators may not link, and why.

Three rules, each recorded with its reason so analysts see why a shared value
did not join two reports:

- ``allowlist``: legitimate infrastructure from a shipped or user allowlist;
- ``hub``: an indicator named by an abnormally large share of all reports
  (more than ``share`` of them and at least ``min_reports``) — a syndicate's
  wallet appears in its own victims' reports, not in a fifth of everything;
- ``weak-hub``: a weak indicator (a domain, a script) shared by more than
  ``max_weak_groups`` otherwise unrelated groups; it would add a clique of
  weak edges that carries no information;
- ``bridge``: a strong indicator that is the *only* tie between two groups of
  at least ``bridge_min_side`` reports and is named by at least two and at
  most ``bridge_max_share`` of each group's reports — a recycled SIM, a reissued
  handle, or an extraction mistake (a common word read as a handle). A real
  rotation (old wallet -> new wallet) is tied by the reports naming both, or
  by an indicator central to one side, and is not cut.

Invalid indicators (failed checksum) and zero-weight kinds never link; they
are counted, not listed one by one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scamnet.errors import ConfigError

__all__ = ["HubRule", "Suppression"]


@dataclass(frozen=True)
class HubRule:
    """Thresholds of the data-driven hub rules (see module docs)."""

    share: float = 0.2
    min_reports: int = 25
    max_weak_groups: int = 50
    bridge_min_side: int = 5
    bridge_max_share: float = 1 / 3

    def __post_init__(self) -> None:
        # A nan passes every `x < bound` check (all comparisons with it are
        # false) and an inf count suppresses nothing: refuse both at the root,
        # so library callers are protected as well as the CLI.
        numbers = {"share": self.share, "min_reports": self.min_reports,
                   "max_weak_groups": self.max_weak_groups,
                   "bridge_min_side": self.bridge_min_side,
                   "bridge_max_share": self.bridge_max_share}
        bad = [f"{k}={v}" for k, v in numbers.items() if not math.isfinite(v)]
        if bad:
            raise ConfigError("hub rule values must be finite numbers: " + ", ".join(bad))
        if not 0.0 < self.share <= 1.0:
            raise ConfigError(f"hub share must be in (0, 1], got {self.share}")
        if self.min_reports < 2:
            raise ConfigError(f"hub min_reports must be at least 2, got {self.min_reports}")
        if self.max_weak_groups < 2:
            raise ConfigError(f"max_weak_groups must be at least 2, got {self.max_weak_groups}")
        if self.bridge_min_side < 1 or not 0.0 <= self.bridge_max_share < 1.0:
            raise ConfigError("bridge_min_side must be >= 1 and bridge_max_share in [0, 1) "
                              "(0 disables the bridge rule)")

    def limit(self, n_reports: int) -> int:
        """Largest report count an indicator may have and still link."""
        return max(self.min_reports - 1, math.floor(self.share * n_reports))

    def to_json(self) -> dict[str, object]:
        return {"share": self.share, "min_reports": self.min_reports,
                "max_weak_groups": self.max_weak_groups,
                "bridge_min_side": self.bridge_min_side,
                "bridge_max_share": self.bridge_max_share}


@dataclass(frozen=True)
class Suppression:
    """An indicator that did not link, the rule that stopped it and why."""

    kind: str
    value: str
    rule: str
    reason: str
    reports: int

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "value": self.value, "rule": self.rule,
                "reason": self.reason, "reports": self.reports}
