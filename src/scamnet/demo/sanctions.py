"""The demo's sanctions check: load the bundled OFAC excerpt, screen the store against it.

The list is a verbatim, public-domain excerpt of OFAC's SDN list (the Prince
Group and Burma scam-centre designations, see ``data/SOURCE.md``); one
fictional demo network cashes out through one of its real addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from scamnet.model.records import Quarantined
from scamnet.screen.snapshots import load_index, save_snapshot
from scamnet.screen.store_scan import StoreHit, screen_store
from scamnet.screen.watchlist import load_list
from scamnet.store.store import Store

__all__ = ["DEMO_LIST", "DEMO_LIST_FILE", "DemoSanctions", "screen_demo_store"]

DEMO_LIST = "ofac-sdn-scam-centres"
DEMO_LIST_FILE = "ofac_sdn_scam_centres_2026-04.csv"


@dataclass(frozen=True)
class DemoSanctions:
    """What the demo's list held and which stored indicators it names."""

    list_name: str
    entities: int
    wallets: int
    quarantined: tuple[Quarantined, ...]
    hits: tuple[StoreHit, ...]


def screen_demo_store(store: Store) -> DemoSanctions:
    """Load the bundled list into ``store`` as a snapshot and screen the store against it."""
    data = (files("scamnet.demo") / "data" / DEMO_LIST_FILE).read_bytes()
    result = load_list(data, DEMO_LIST_FILE, "ofac-csv")
    save_snapshot(store, DEMO_LIST, result, source_path=DEMO_LIST_FILE, data=data)
    index = load_index(store, [DEMO_LIST], sources=[])
    return DemoSanctions(DEMO_LIST, len(result.entities),
                         sum(len(e.wallets) for e in result.entities),
                         tuple(result.quarantined), tuple(screen_store(store, index)))
