"""The ``attrs`` each indicator kind may carry, and what they mean.

Finders put only string values in ``Indicator.attrs``; this table is the
contract for consumers (storage, exports, the linker) and feeds
docs/indicators.md. A test checks that finders use no key missing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["ATTRIBUTES", "COMMON_ATTRIBUTES"]

#: Keys any kind may carry.
COMMON_ATTRIBUTES: Mapping[str, str] = MappingProxyType({
    "error": "Why the indicator failed its check (only when `valid` is false).",
    "defanged": '"true" when the text was defanged (hxxp, [.], (dot), [at]…) and was refanged.',
})

_LINK = '"link" when read from a messaging link, "text" when typed after a keyword.'

ATTRIBUTES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "wallet": {
        "chain": "bitcoin, ethereum (any EVM chain) or tron.",
        "format": "p2pkh, p2sh, p2wpkh, p2wsh, p2tr, witness_vN, bech32 (invalid segwit), "
                  "base58check (TRON, or an invalid legacy address) or evm.",
        "encoding": "bech32 or bech32m (segwit only).",
        "checksum": 'EVM only: "eip55" when mixed case was verified, "none" for one-case hex.',
    },
    "phone": {"region": "ISO-3166 region of the number according to libphonenumber."},
    "url": {
        "domain": "The host in punycode (absent for IP-address URLs).",
        "registered_domain": "Host's registered domain from the bundled Public Suffix List "
                             "(private suffixes included: evil.pages.dev).",
        "shortener": '"true" for a URL shortener host, else "false".',
        "unicode": "The host's Unicode form when it is an IDN.",
        "scheme": '"implied" when the link had no scheme and http:// was assumed.',
        "ip": '"true" when the host is an IPv4 address.',
    },
    "domain": {
        "registered_domain": "As for `url`.",
        "shortener": '"true" for a URL shortener, else "false".',
        "unicode": "The Unicode form when the value is punycode (IDN).",
    },
    "email": {
        "domain": "The address's domain in punycode.",
        "registered_domain": "As for `url`.",
    },
    "telegram": {
        "source": _LINK,
        "context": '"platform" when a bare @name was read as Telegram only because the text '
                   "was written on Telegram (no Telegram word near it).",
    },
    "telegram_id": {
        "source": '"export" when it is the chat of a Telegram export, "link" when read from '
                  "a tg:// link.",
        "chat_type": "The export's chat type (personal_chat, private_supergroup, …).",
    },
    "whatsapp": {"source": _LINK, "region": "Region of the number (typed form only)."},
    "line": {"source": _LINK},
    "wechat": {"source": _LINK},
    "zalo": {"source": _LINK, "region": "Region of the number (typed form only)."},
    "iban": {"country": "The IBAN's ISO country code."},
    "bic": {"country": "The BIC's ISO country code (characters 5-6)."},
})
