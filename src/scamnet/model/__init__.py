"""Records and indicator kinds: the data that moves through the pipeline."""

from scamnet.model.indicators import KINDS, Indicator, IndicatorKind, get_kind, iter_kinds
from scamnet.model.records import (
    Evidence,
    Message,
    Observation,
    Quarantined,
    Report,
    ReportKind,
    TextField,
    sha256_hex,
)

__all__ = [
    "KINDS",
    "Evidence",
    "Indicator",
    "IndicatorKind",
    "Message",
    "Observation",
    "Quarantined",
    "Report",
    "ReportKind",
    "TextField",
    "get_kind",
    "iter_kinds",
    "sha256_hex",
]
