"""Linking: reports joined through shared infrastructure into networks.

Pure core: :func:`cluster_observations` (observations in, partition out) and
:func:`assign_ids` (stable ids). Store-facing: :func:`link` (batch run),
:func:`attach_reports` (incremental), :func:`summarize_network`,
:func:`list_networks`. See ``docs/linking.md``.
"""

from __future__ import annotations

from scamnet.link.allowlist import AllowEntry, Allowlist, load_allowlist
from scamnet.link.attach import Attachment, attach_reports
from scamnet.link.cluster import DEFAULT_SEED, LinkResult, LinkStats, cluster_observations
from scamnet.link.ids import NetworkEvent, NetworkIds, assign_ids, content_id
from scamnet.link.observations import ObservationTable
from scamnet.link.runs import LinkRun, link, load_observations
from scamnet.link.summary import NetworkListing, NetworkSummary, list_networks, summarize_network
from scamnet.link.suppress import HubRule, Suppression
from scamnet.link.weights import DEFAULT_WEIGHTS, WeightTable, parse_weight_overrides

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_WEIGHTS",
    "AllowEntry",
    "Allowlist",
    "Attachment",
    "HubRule",
    "LinkResult",
    "LinkRun",
    "LinkStats",
    "NetworkEvent",
    "NetworkIds",
    "NetworkListing",
    "NetworkSummary",
    "ObservationTable",
    "Suppression",
    "WeightTable",
    "assign_ids",
    "attach_reports",
    "cluster_observations",
    "content_id",
    "link",
    "list_networks",
    "load_allowlist",
    "load_observations",
    "parse_weight_overrides",
    "summarize_network",
]
