"""How planted infrastructure is written into text: sites, wallets, phones, handles.

Victims and helpline staff copy indicators in many shapes (full URLs, bare or
defanged domains, national phone formats, lower-cased addresses). Each helper
returns the written form plus the normalized value the ground truth records.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from scamnet.demo.phones import phone_region, write_phone
from scamnet.demo.wallets import Wallet

__all__ = ["Planted", "write_site", "write_wallet", "write_phone_for"]


class Planted(NamedTuple):
    """A planted indicator as truth lists it: registry kind and normalized value.

    ``where`` is "text" when the indicator is in a text a reader extracts from,
    or "sender" when it is only a chat participant's display name (an unsaved
    WhatsApp contact shows as its number).
    """

    kind: str
    value: str
    where: str = "text"


def write_site(rng: random.Random, domain: str, defang: float = 0.0) -> str:
    """``domain`` as a victim pastes it: URL, bare host, app link, sometimes defanged."""
    code = rng.randint(1000, 99999)
    forms = (
        f"https://www.{domain}/#/register?code={code}",
        f"https://{domain}/",
        f"{domain}",
        f"www.{domain}",
        f"https://m.{domain}/app/download",
        f"https://{domain}/h5/#/login",
    )
    text = rng.choice(forms)
    if rng.random() < defang:
        text = text.replace(domain, domain.replace(".", "[.]")).replace("https://", "hxxps://")
    return text


def write_wallet(rng: random.Random, wallet: Wallet) -> str:
    """The address as written; EVM addresses are sometimes copied all lower-case."""
    if wallet.chain == "ethereum" and rng.random() < 0.2:
        return wallet.address.lower()
    return wallet.address


def write_phone_for(rng: random.Random, e164: str, country: str, language: str) -> str:
    """``e164`` written by someone in ``country`` writing ``language``.

    National formats only appear when the number is from the writer's own
    country, because only then does the country hint make them parseable.
    """
    region = phone_region(e164)
    styles = ["international", "international", "dashed", "bracketed", "e164"]
    if language == "zh":
        styles.append("fullwidth")
    if region == country:
        styles += ["national", "national", "national_compact"]
        if language == "th":
            styles.append("thai_digits")
    return write_phone(e164, rng.choice(styles))
