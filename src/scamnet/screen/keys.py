"""Exact-match keys for wallets, phones, domains and IBANs.

Each ``*_key`` function turns a value as a user or a list writes it into the
key the screening index stores, or raises :class:`InvalidInputError` saying
why it is not one. Keys are chain-aware for wallets: every EVM chain shares
one key space (the same address is the same holder on Ethereum, BSC or
Arbitrum), so an EVM key is ``evm:<lower-case hex>``.
"""

from __future__ import annotations

import re

import phonenumbers

from scamnet.errors import InvalidInputError
from scamnet.extract.domains import host_info, refang

__all__ = [
    "CHAIN_FAMILIES",
    "chain_for",
    "domain_key",
    "iban_key",
    "infer_chain",
    "phone_key",
    "wallet_key",
]

#: OFAC "Digital Currency Address" tags that name a chain (tokens such as USDT
#: and USDC name none: their chain comes from the address form).
_TAG_CHAINS: dict[str, str] = {
    "XBT": "bitcoin", "BTC": "bitcoin", "ETH": "ethereum", "TRX": "tron", "LTC": "litecoin",
    "BCH": "bitcoin-cash", "BSV": "bitcoin-sv", "BTG": "bitcoin-gold", "XMR": "monero",
    "ZEC": "zcash", "DASH": "dash", "ETC": "ethereum-classic", "XVG": "verge", "XRP": "ripple",
    "ARB": "arbitrum", "BSC": "bsc", "SOL": "solana",
}

#: Chains whose addresses are EVM accounts and share one key space.
CHAIN_FAMILIES: dict[str, str] = {
    "ethereum": "evm", "ethereum-classic": "evm", "arbitrum": "evm", "bsc": "evm",
    "polygon": "evm",
}

_EVM = re.compile(r"^0x[0-9a-fA-F]{40}$")
_TRON = re.compile(r"^T[1-9A-HJ-NP-Za-km-z]{33}$")
_BTC_LEGACY = re.compile(r"^[13][1-9A-HJ-NP-Za-km-z]{25,34}$")
_BECH32 = re.compile(r"^(bc|ltc|tb)1[02-9ac-hj-np-z]{6,87}$", re.IGNORECASE)
_LTC_LEGACY = re.compile(r"^[LM][1-9A-HJ-NP-Za-km-z]{26,33}$")
_GENERIC = re.compile(r"^[0-9A-Za-z:_\-]{20,120}$")


def infer_chain(address: str) -> str | None:
    """The chain an address belongs to, judged from its form alone (None if unknown)."""
    a = address.strip()
    if _EVM.match(a):
        return "ethereum"
    if _TRON.match(a):
        return "tron"
    if _BECH32.match(a):
        return "litecoin" if a.lower().startswith("ltc1") else "bitcoin"
    if _BTC_LEGACY.match(a):
        return "bitcoin"
    if _LTC_LEGACY.match(a):
        return "litecoin"
    return None


def chain_for(tag: str, address: str) -> str:
    """The chain for a list's currency tag and address (USDT on TRON vs Ethereum)."""
    tag = tag.strip().upper()
    by_form = infer_chain(address)
    if tag in _TAG_CHAINS:
        return _TAG_CHAINS[tag]
    # Token tags (USDT, USDC, …) do not say the chain; the address form does.
    return by_form or tag.lower()


def _normal_address(address: str) -> str:
    a = address.strip()
    if _EVM.match(a) or _BECH32.match(a):
        return a.lower()
    return a


def wallet_key(address: str, chain: str | None = None) -> str:
    """The index key of a wallet: ``<family or chain>:<normalised address>``.

    ``chain`` defaults to the chain inferred from the address form; an
    address with no known form and no chain is rejected.
    """
    a = address.strip()
    if not a or not _GENERIC.match(a):
        raise InvalidInputError(f"not a wallet address: {a[:80]!r}")
    chain = chain or infer_chain(a)
    if chain is None:
        raise InvalidInputError(f"cannot tell the chain of wallet {a!r}; give it as CHAIN:ADDRESS")
    family = CHAIN_FAMILIES.get(chain, chain)
    if family == "evm" and not _EVM.match(a):
        raise InvalidInputError(f"{a!r} is not an EVM address (0x + 40 hex digits)")
    return f"{family}:{_normal_address(a)}"


def phone_key(number: str, country: str | None = None) -> str:
    """E.164 form of a phone number; ``country`` (ISO alpha-2) is the hint for
    national formats."""
    try:
        parsed = phonenumbers.parse(number, (country or "").upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise InvalidInputError(f"not a phone number {number[:80]!r}: {exc}") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidInputError(f"not a possible phone number {number[:80]!r}")
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


_DEFANG = (("[.]", "."), ("(.)", "."), ("[dot]", "."), ("hxxp", "http"), ("[:]", ":"))


def domain_key(value: str) -> str:
    """The registered domain (punycode, lower-case) of a domain, URL or e-mail address.

    Uses the extraction stage's host analysis (bundled Public Suffix List,
    private suffixes included), so keys agree with stored domain indicators.
    """
    v = refang(value.strip().lower())
    for old, new in _DEFANG:
        v = v.replace(old, new)
    if "@" in v and "://" not in v:
        v = v.rsplit("@", 1)[1]
    host = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", v).split("/", 1)[0].split(":", 1)[0].strip(".")
    if not host or " " in host:
        raise InvalidInputError(f"not a domain {value[:80]!r}")
    info = host_info(host)
    if not info.valid:
        raise InvalidInputError(f"not a valid domain name {value[:80]!r}")
    if not info.suffix or not info.registered_domain or "." not in info.registered_domain:
        raise InvalidInputError(f"{value[:80]!r} has no registered domain under a public suffix")
    return info.registered_domain


def iban_key(value: str) -> str:
    """Upper-case IBAN without spaces, after its mod-97 check."""
    v = re.sub(r"[\s\-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", v):
        raise InvalidInputError(f"not an IBAN {value[:80]!r}")
    digits = "".join(str(int(c, 36)) for c in v[4:] + v[:4])
    if int(digits) % 97 != 1:
        raise InvalidInputError(f"IBAN {value[:80]!r} fails its mod-97 check")
    return v
