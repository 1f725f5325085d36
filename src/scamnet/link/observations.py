"""The input of linking: who saw which indicator, as plain parallel columns.

Linking needs only (report id, kind, normalized value, valid). Keeping these as
columns (lists or arrays) rather than objects lets the engines factorise and
vectorise them, and lets tests and benchmarks feed them without a store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["ObservationLike", "ObservationTable"]


class ObservationLike(Protocol):
    """Anything with the four fields linking reads (e.g. ``store.ObservationRow``)."""

    @property
    def report_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def valid(self) -> bool: ...


@dataclass
class ObservationTable:
    """Observations as columns, plus every report id (reports with no indicators too).

    All four columns have one entry per observation. ``reports`` lists every
    report to place in a network; report ids only seen in ``report_id`` are
    added automatically.
    """

    report_id: Sequence[str] = field(default_factory=list)
    kind: Sequence[str] = field(default_factory=list)
    value: Sequence[str] = field(default_factory=list)
    valid: Sequence[bool] = field(default_factory=list)
    reports: Sequence[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.report_id)
        if not len(self.kind) == len(self.value) == len(self.valid) == n:
            raise ValueError("observation columns must have the same length: "
                             f"report_id={n}, kind={len(self.kind)}, value={len(self.value)}, "
                             f"valid={len(self.valid)}")

    def __len__(self) -> int:
        return len(self.report_id)

    @classmethod
    def from_rows(cls, rows: Iterable[ObservationLike | tuple[str, str, str, bool]],
                  reports: Iterable[str] = ()) -> ObservationTable:
        """Build from objects with report_id/kind/value/valid or from 4-tuples."""
        rid: list[str] = []
        kind: list[str] = []
        value: list[str] = []
        valid: list[bool] = []
        for row in rows:
            if isinstance(row, tuple):
                r, k, v, ok = row
            else:
                r, k, v, ok = row.report_id, row.kind, row.value, row.valid
            rid.append(r)
            kind.append(k)
            value.append(v)
            valid.append(bool(ok))
        return cls(rid, kind, value, valid, list(reports))

    def all_reports(self) -> list[str]:
        """Every report id, sorted: the canonical report order of a link run."""
        return sorted(set(self.reports).union(self.report_id))
