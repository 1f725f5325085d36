"""FollowTheMoney ids of indicator entities are ids FtM keeps in references."""

from __future__ import annotations

import pytest
from followthemoney import model

from scamnet.model.indicators import KINDS
from scamnet.share.ftm import indicator_entity_id


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_can_be_referenced(kind: str) -> None:
    """FtM silently drops a reference to an id it does not accept (it dropped
    "scamnet-telegram_id-…"), which would cut the indicator off its reports."""
    ref = indicator_entity_id(kind, "value")
    link = model.make_entity("Documentation")
    link.add("entity", ref)
    assert link.get("entity") == [ref]
