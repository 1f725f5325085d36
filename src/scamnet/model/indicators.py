"""The registry of indicator kinds, and the indicator record.

One registry drives extraction, storage, exports and the generated docs: a new
kind is added here and nowhere else. ``ftm_schema``/``ftm_property`` say how a
kind maps onto FollowTheMoney.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from scamnet.errors import NotFoundError

__all__ = [
    "KINDS",
    "Indicator",
    "IndicatorKind",
    "get_kind",
    "iter_kinds",
]


@dataclass(frozen=True)
class IndicatorKind:
    """One kind of scam infrastructure that can be pulled out of text.

    ``ftm_schema`` is the FollowTheMoney schema an indicator of this kind
    becomes, with its value in ``ftm_property``. FtM has no schema for phones,
    e-mail addresses, web sites or bare BICs, so those are properties of the
    report's ``Document`` (``phoneMentioned``, ``emailMentioned``, ``notes``).
    """

    name: str
    label: str
    description: str
    ftm_schema: str
    ftm_property: str
    examples: tuple[str, ...] = ()


_KINDS: dict[str, IndicatorKind] = {}


def _register(kind: IndicatorKind) -> IndicatorKind:
    if kind.name in _KINDS:
        raise ValueError(f"indicator kind {kind.name!r} registered twice")
    _KINDS[kind.name] = kind
    return kind


WALLET = _register(IndicatorKind(
    "wallet", "Crypto wallet",
    "Bitcoin (P2PKH, P2SH, Bech32, Bech32m), Ethereum/EVM (EIP-55) or TRON (Base58Check) "
    "address. `attrs.chain` is bitcoin, ethereum or tron; `attrs.format` the address form.",
    "CryptoWallet", "publicKey",
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "0x52908400098527886E0F7030069857D2E4169EE7",
     "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
))
PHONE = _register(IndicatorKind(
    "phone", "Phone number",
    "A valid phone number normalized to E.164 by libphonenumber; the report's country is the "
    "region hint for national formats. `attrs.region` is the number's ISO country.",
    "Document", "phoneMentioned", ("+8613800138000", "+66812345678"),
))
URL = _register(IndicatorKind(
    "url", "URL",
    "A web address, refanged (hxxp, [.], (.), [dot]) and with its host in punycode. "
    "`attrs.domain`, `attrs.registered_domain` and `attrs.shortener` "
    "(\"true\" for URL shorteners).",
    "Document", "notes", ("https://trade-bitkub.vip/login",),
))
DOMAIN = _register(IndicatorKind(
    "domain", "Domain",
    "A host name, lower-case, in punycode (`attrs.unicode` holds the Unicode form), with "
    "`attrs.registered_domain` from the bundled Public Suffix List and `attrs.shortener`.",
    "Document", "notes", ("trade-bitkub.vip", "xn--80ak6aa92e.com"),
))
EMAIL = _register(IndicatorKind(
    "email", "E-mail address", "An e-mail address, domain lower-cased and in punycode.",
    "Document", "emailMentioned", ("support@trade-bitkub.vip",),
))
TELEGRAM = _register(IndicatorKind(
    "telegram", "Telegram handle",
    "A Telegram user or channel name from @name (near a Telegram word, or in text written "
    "on Telegram) or t.me/NAME; value is the lower-cased name without @.",
    "UserAccount", "username", ("lucy_trader88",),
))
TELEGRAM_ID = _register(IndicatorKind(
    "telegram_id", "Telegram numeric id",
    "The number Telegram gives an account, group or channel; it stays when the @name and "
    "the display name change. From the chat of a Telegram Desktop export (the other party "
    "of a personal chat, or the group or channel) and from tg:// links; value is "
    "user<N>, chat<N> or channel<N>, as Telegram's own exports write it.",
    "UserAccount", "username", ("user5938201234",),
))
WHATSAPP = _register(IndicatorKind(
    "whatsapp", "WhatsApp account",
    "A WhatsApp account from wa.me/NUMBER or api.whatsapp.com links, or a number after "
    "\"WhatsApp:\"; value is E.164.",
    "UserAccount", "username", ("+85512345678",),
))
LINE = _register(IndicatorKind(
    "line", "LINE ID", "A LINE ID from line.me/ti/p/… links or \"LINE ID: …\"; lower-cased.",
    "UserAccount", "username", ("amy.invest",),
))
WECHAT = _register(IndicatorKind(
    "wechat", "WeChat ID", "A WeChat ID after 微信 / WeChat / WX / vx / V信; lower-cased.",
    "UserAccount", "username", ("wxid_abc123",),
))
ZALO = _register(IndicatorKind(
    "zalo", "Zalo account", "A Zalo account from zalo.me/NUMBER links or \"Zalo: 09…\"; value "
    "is E.164 (national numbers default to Vietnam).",
    "UserAccount", "username", ("+84912345678",),
))
IBAN = _register(IndicatorKind(
    "iban", "IBAN", "An International Bank Account Number that passes its mod-97 check; "
    "upper-case without spaces.",
    "BankAccount", "iban", ("GB82WEST12345698765432",),
))
BIC = _register(IndicatorKind(
    "bic", "SWIFT/BIC", "A SWIFT/BIC code (8 or 11 characters) with a valid country part, "
    "found next to a SWIFT/BIC keyword.",
    "Document", "notes", ("DEUTDEFF",),
))

KINDS: Mapping[str, IndicatorKind] = MappingProxyType(_KINDS)


def get_kind(name: str) -> IndicatorKind:
    """Return the registered kind called ``name`` or raise :class:`NotFoundError`."""
    try:
        return _KINDS[name]
    except KeyError:
        raise NotFoundError(
            f"unknown indicator kind {name!r}; known kinds: {', '.join(sorted(_KINDS))}"
        ) from None


def iter_kinds() -> Iterator[IndicatorKind]:
    """All registered kinds in registration order."""
    return iter(tuple(_KINDS.values()))


_new_object = object.__new__


@dataclass(frozen=True)
class Indicator:
    """One piece of infrastructure found in a text.

    ``start``/``end`` are offsets (Python ``str`` indices, end exclusive) into the
    *original* text, so ``text[start:end] == raw``. ``valid`` is False for
    something shaped like the kind that failed its checks (a bad checksum);
    such indicators are kept for analysts but never used to link reports.
    """

    kind: str
    value: str
    raw: str
    start: int
    end: int
    valid: bool = True
    attrs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, kind: str, value: str, raw: str, start: int, end: int, valid: bool,
              attrs: dict[str, str]) -> Indicator:
        """The same as ``Indicator(...)`` with every field given, built faster.

        Extraction makes one per indicator found, and a frozen dataclass's
        ``__init__`` sets each of its seven fields through
        ``object.__setattr__`` (about 2 µs); filling the instance dict directly
        costs a third of that. The result is an ordinary instance: it compares,
        prints, pickles and ``dataclasses.replace``s like one built by the
        constructor.
        """
        obj = _new_object(cls)
        fields = obj.__dict__
        fields["kind"] = kind
        fields["value"] = value
        fields["raw"] = raw
        fields["start"] = start
        fields["end"] = end
        fields["valid"] = valid
        fields["attrs"] = attrs
        return obj

    def to_json(self) -> dict[str, object]:
        """The stable JSON form documented in docs/json.md."""
        return {
            "kind": self.kind,
            "value": self.value,
            "raw": self.raw,
            "start": self.start,
            "end": self.end,
            "valid": self.valid,
            "attrs": dict(sorted(self.attrs.items())),
        }
