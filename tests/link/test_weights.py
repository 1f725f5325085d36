from __future__ import annotations

import math

import pytest

from scamnet.errors import ConfigError
from scamnet.link.suppress import HubRule
from scamnet.link.weights import DEFAULT_WEIGHTS, WeightTable, parse_weight_overrides
from scamnet.model.indicators import KINDS


def test_every_registered_kind_has_a_documented_weight() -> None:
    assert set(KINDS) <= set(DEFAULT_WEIGHTS)


def test_strong_and_weak_kinds() -> None:
    w = WeightTable()
    for kind in ("wallet", "phone", "telegram", "whatsapp", "line", "wechat", "zalo", "iban"):
        assert w.is_strong(kind)
    for kind in ("email", "url", "script"):
        assert w.links(kind) and not w.is_strong(kind)
    assert not w.links("bic")
    assert not w.links("country")  # unknown kinds never link


def test_overrides_and_threshold() -> None:
    w = WeightTable().with_overrides(parse_weight_overrides(["domain=0.5", "email=1.5"]))
    assert not w.is_strong("domain") and w.is_strong("email")
    assert WeightTable(strong=2.0).is_strong("wallet") is False


def test_bad_overrides_are_all_reported() -> None:
    with pytest.raises(ConfigError) as exc:
        parse_weight_overrides(["nokind=1", "wallet=heavy", "phone"])
    msg = str(exc.value)
    assert "nokind" in msg and "heavy" in msg and "'phone'" in msg


def test_out_of_range_weight_rejected() -> None:
    with pytest.raises(ConfigError):
        WeightTable({"wallet": -1.0})
    with pytest.raises(ConfigError):
        WeightTable(strong=0)


@pytest.mark.parametrize("strong", [math.nan, math.inf, -math.inf])
def test_non_finite_strong_threshold_rejected(strong: float) -> None:
    with pytest.raises(ConfigError, match="finite"):
        WeightTable(strong=strong)


@pytest.mark.parametrize("weight", [math.nan, math.inf])
def test_non_finite_weight_rejected(weight: float) -> None:
    with pytest.raises(ConfigError, match="wallet="):
        WeightTable().with_overrides({"wallet": weight})


@pytest.mark.parametrize("field", ["share", "min_reports", "max_weak_groups", "bridge_min_side",
                                   "bridge_max_share"])
@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_non_finite_hub_rule_rejected(field: str, value: float) -> None:
    with pytest.raises(ConfigError, match=f"{field}="):
        HubRule(**{field: value})
