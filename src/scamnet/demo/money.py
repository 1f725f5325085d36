"""Losses in the currencies victims report them in, written the way each language writes numbers."""

from __future__ import annotations

import random
from decimal import Decimal

__all__ = [
    "COUNTRY_CURRENCY",
    "LOSS_RANGE",
    "draw_loss",
    "fake_profit",
    "format_amount",
    "utc_offset",
]

COUNTRY_CURRENCY: dict[str, str] = {
    "US": "USD", "GB": "GBP", "AU": "AUD", "SG": "SGD", "CA": "CAD", "CN": "CNY", "MY": "MYR",
    "VN": "VND", "TH": "THB", "ID": "IDR", "MX": "MXN", "ES": "EUR", "CO": "COP", "AR": "ARS",
}

# Typical pig-butchering losses run from a few hundred to a few hundred thousand
# US dollars; ranges are that span in each currency (low, high) in whole units.
LOSS_RANGE: dict[str, tuple[int, int]] = {
    "USD": (300, 250_000), "USDT": (300, 250_000), "GBP": (250, 200_000),
    "AUD": (400, 350_000), "SGD": (400, 330_000), "CAD": (400, 330_000),
    "EUR": (300, 230_000), "CNY": (2_000, 1_800_000), "MYR": (1_000, 1_100_000),
    "VND": (5_000_000, 6_000_000_000), "THB": (10_000, 8_000_000),
    "IDR": (3_000_000, 4_000_000_000), "MXN": (5_000, 4_000_000), "COP": (1_000_000, 900_000_000),
    "ARS": (200_000, 250_000_000),
}

# Rough units per US dollar, only to make the fake profits shown to a victim
# plausible next to what they paid in; not an exchange-rate source.
_PER_USD: dict[str, float] = {
    "USD": 1, "USDT": 1, "GBP": 0.79, "AUD": 1.5, "SGD": 1.35, "CAD": 1.37, "EUR": 0.92,
    "CNY": 7.2, "MYR": 4.6, "VND": 25_000, "THB": 35, "IDR": 16_000, "MXN": 18, "COP": 4_000,
    "ARS": 1_000,
}

_UTC_OFFSET: dict[str, str] = {
    "US": "-05:00", "GB": "Z", "AU": "+10:00", "SG": "+08:00", "CA": "-05:00", "CN": "+08:00",
    "MY": "+08:00", "VN": "+07:00", "TH": "+07:00", "ID": "+07:00", "MX": "-06:00",
    "ES": "+01:00", "CO": "-05:00", "AR": "-03:00",
}

# Languages that group thousands with "." and use "," for decimals.
_DOT_GROUPING = {"es", "id", "vi"}


def utc_offset(country: str) -> str:
    """The ISO 8601 offset suffix used for reports from ``country``."""
    return _UTC_OFFSET.get(country, "Z")


def draw_loss(rng: random.Random, currency: str) -> Decimal:
    """A loss in ``currency``, log-uniform over the typical range, rounded like people do."""
    low, high = LOSS_RANGE[currency]
    value = low * (high / low) ** rng.random()
    magnitude = 10 ** max(0, len(str(int(value))) - 3)
    rounded = int(value) // magnitude * magnitude
    if currency in ("USD", "USDT", "EUR", "GBP") and rng.random() < 0.3:
        # Crypto transfers leave odd amounts with cents.
        return Decimal(int(value)) + Decimal(rng.randrange(100)) / 100
    return Decimal(rounded)


def format_amount(amount: Decimal, language: str) -> str:
    """``amount`` with thousands grouping as ``language`` writes it (12,500 / 12.500)."""
    whole, _, cents = f"{amount:.2f}".partition(".")
    grouped = f"{int(whole):,}"
    if cents == "00":
        cents = ""
    if language in _DOT_GROUPING:
        grouped = grouped.replace(",", ".")
        return grouped + ("," + cents if cents else "")
    if language == "zh":
        return f"{int(whole)}" + ("." + cents if cents else "")
    return grouped + ("." + cents if cents else "")


def fake_profit(rng: random.Random, paid: Decimal, currency: str) -> Decimal:
    """The USDT balance a fake platform shows: 1.5 to 4 times what the victim paid in."""
    usd = float(paid) / _PER_USD[currency]
    return Decimal(round(usd * rng.uniform(1.5, 4.0), 2)).quantize(Decimal("0.01"))
