"""Writing small test reports with indicators straight into a store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from scamnet.model.indicators import Indicator
from scamnet.model.records import Evidence, Observation, Report, ReportKind
from scamnet.store.store import Batch, Store


def add(store: Store, name: str, reports: list[tuple[str, list[tuple[str, str]]]],
        **fields: object) -> None:
    """Write one evidence file holding ``reports`` (id, [(kind, value)])."""
    ev = Evidence.of(name.encode(), name, "test")
    batch = Batch(ev)
    for i, (rid, inds) in enumerate(reports):
        batch.reports.append(Report(
            id=rid, kind=ReportKind.VICTIM_REPORT, evidence_sha256=ev.sha256,
            narrative=" ".join(v for _, v in inds) or "no indicators here",
            reported_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=i), reporter_country="TH",
            language="th", amount_lost=Decimal("100.50"), currency="USDT",
            extra={"reporter": f"victim-{rid}"}, **fields))  # type: ignore[arg-type]
        for kind, value in inds:
            batch.observations.append(Observation(rid, "narrative", None, Indicator(
                kind, value, value, 0, len(value), valid=not value.startswith("BAD"))))
    store.write_batch(batch)
