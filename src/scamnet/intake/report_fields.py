"""The victim report schema shared by the JSON Lines and CSV readers.

The schema is kept as data (:data:`FIELDS`) so the table in ``docs/formats.md``
is generated from it (:func:`schema_table`) and a test checks they agree.
:func:`build_report` validates one record and returns a :class:`Report`, or a
:class:`Quarantined` listing every problem of the record at once.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from scamnet.intake.base import Source
from scamnet.model.records import Quarantined, Report, ReportKind

__all__ = [
    "AMBIGUOUS_SIGN",
    "DATE_ORDERS",
    "FIELDS",
    "REQUIRED",
    "SUSPECT_FIELDS",
    "FieldSpec",
    "build_report",
    "normalise_key",
    "parse_amount",
    "schema_table",
    "split_amount",
]


@dataclass(frozen=True)
class FieldSpec:
    """One documented field of a victim report."""

    name: str
    required: bool
    description: str
    example: str


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", True, "The report's id in the submitting system; unique per store. A JSON "
              "integer is accepted and kept as its decimal string.", "HL-2024-00017"),
    FieldSpec("reported_at", True, "When the victim reported: ISO 8601 date or date-time. "
              "Stored as UTC; a date-time without zone is taken in the --tz zone (UTC if "
              "none), a date as midnight there.",
              "2024-03-05T14:20:00+07:00"),
    FieldSpec("reporter_country", False, "ISO 3166-1 alpha-2 country of the reporter (any case; "
              "`UK` is read as `GB`). Also the region hint for national phone numbers.", "TH"),
    FieldSpec("language", False, "ISO 639-1 code of the narrative. A BCP 47 tag (`zh-CN`, "
              "`pt_BR`) is accepted and reduced to its language (`zh`, `pt`).", "th"),
    FieldSpec("platform", False, "Where the scammer made contact, lower-cased: whatsapp, "
              "telegram, line, wechat, facebook, instagram, tinder, sms, email, phone, … "
              "Other values are kept as given (lower-cased, up to 40 characters).", "whatsapp"),
    FieldSpec("narrative", True, "The victim's account in their words. May be empty only when "
              "the record has suspect identifiers.", "He said he traded gold on BitkubPro…"),
    FieldSpec("amount_lost", False, "Amount lost, a number >= 0, with at most one currency "
              "sign or code. See *Amounts* below for the separators and signs accepted.",
              "1,200.50"),
    FieldSpec("currency", False, "ISO 4217 code or crypto ticker (2-10 letters/digits, any case). "
              "Required when amount_lost is given, unless its sign or code names the "
              "currency.", "USDT"),
    FieldSpec("suspect_identifiers", False, "Identifiers of the suspects as free text: a JSON "
              "list of strings, or one string separated by `;` or `|` (the only form in CSV).",
              "@mia_trader; https://bitkub-pro.vip"),
    FieldSpec("suspect_wallet", False, "One wallet address; appended to the suspect identifiers.",
              "TXYZ…"),
    FieldSpec("suspect_phone", False, "One phone number; appended to the suspect identifiers.",
              "+66 81 234 5678"),
    FieldSpec("suspect_url", False, "One URL or domain; appended to the suspect identifiers.",
              "hxxps://bitkub-pro[.]vip"),
    FieldSpec("suspect_email", False, "One e-mail address; appended to the suspect identifiers.",
              "support@bitkub-pro.vip"),
    FieldSpec("suspect_handle", False, "One messaging handle (Telegram, LINE, WeChat, …); "
              "appended to the suspect identifiers.", "LINE ID: mia.gold88"),
)

#: Single-value suspect fields, in the order they are appended.
SUSPECT_FIELDS: tuple[str, ...] = (
    "suspect_wallet", "suspect_phone", "suspect_url", "suspect_email", "suspect_handle",
)
_KNOWN = frozenset(f.name for f in FIELDS)
REQUIRED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)

_PLATFORM_ALIASES = {
    "wa": "whatsapp", "whats app": "whatsapp", "whats_app": "whatsapp", "tg": "telegram",
    "line app": "line", "we chat": "wechat", "weixin": "wechat", "微信": "wechat", "fb": "facebook",
    "facebook messenger": "facebook", "messenger": "facebook", "ig": "instagram",
    "text": "sms", "text message": "sms", "e-mail": "email", "mail": "email", "zalo app": "zalo",
}
_COUNTRY = re.compile(r"[A-Za-z]{2}")
_LANGUAGE = re.compile(r"([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*")
_CURRENCY = re.compile(r"[A-Z0-9]{2,10}")
_PLATFORM = re.compile(r"[^\W_][\w .+-]{0,39}")
_SPLIT = re.compile(r"[;|\n]")
_PLAIN_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_AMOUNT_CHARS = re.compile(r"\d[\d.,]*")
_GROUPED_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+")
_GROUPED_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
# "0,005" is a decimal (crypto amounts), "1,200" and "250,000" are grouped thousands.
_GROUP_HEAD = re.compile(r"[1-9]\d{0,2}")
_SPACES = str.maketrans("", "", " '\u00a0\u202f\u2009_")


def normalise_key(key: str) -> str:
    """A column or key name as the schema spells it: trimmed, lower-case, ``_`` for blanks."""
    if key in _KNOWN:
        return key
    return key.strip().lower().replace(" ", "_").replace("-", "_")


def parse_amount(text: str) -> Decimal:
    """Parse an amount written with thousands separators and a decimal mark.

    Spaces, apostrophes and underscores group digits. With both ``.`` and ``,``
    the last one is the decimal mark. A lone ``,`` between one to three digits
    (not starting with 0) and exactly three digits groups thousands (``1,200``
    is 1200), otherwise it is the decimal mark (``1200,50``, ``0,005``); a lone
    ``.`` is always the decimal mark (``1.200`` is 1.2, as crypto amounts are
    written). Raises ValueError with the reason.
    """
    if _PLAIN_AMOUNT.fullmatch(text):
        return Decimal(text)
    t = text.strip().translate(_SPACES)
    if t.startswith("-"):
        raise ValueError("must not be negative")
    if t.startswith("+"):
        t = t[1:]
    if not _AMOUNT_CHARS.fullmatch(t):
        raise ValueError(f"not a number: {text!r}")
    dots, commas = t.count("."), t.count(",")
    if dots and commas:
        mark, group = (".", ",") if t.rfind(".") > t.rfind(",") else (",", ".")
        whole, _, frac = t.rpartition(mark)
        if mark in whole or not frac or not (
            (_GROUPED_COMMA if group == "," else _GROUPED_DOT).fullmatch(whole)
        ):
            raise ValueError(f"ambiguous digit grouping: {text!r}")
        t = whole.replace(group, "") + "." + frac
    elif commas == 1:
        whole, _, frac = t.partition(",")
        if not frac:
            raise ValueError(f"not a number: {text!r}")
        grouped = len(frac) == 3 and _GROUP_HEAD.fullmatch(whole) is not None
        t = whole + frac if grouped else whole + "." + frac
    elif commas > 1:
        if not _GROUPED_COMMA.fullmatch(t):
            raise ValueError(f"ambiguous digit grouping: {text!r}")
        t = t.replace(",", "")
    elif dots > 1:
        if not _GROUPED_DOT.fullmatch(t):
            raise ValueError(f"ambiguous digit grouping: {text!r}")
        t = t.replace(".", "")
    elif t.endswith("."):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(t)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


#: Currency signs written before or after an amount, and the currency each names.
#: "$" and "¥" name several currencies (None): with them the currency field must
#: say which.
_SIGNS: dict[str, str | None] = {
    "฿": "THB", "€": "EUR", "£": "GBP", "₫": "VND", "đ": "VND", "₱": "PHP", "₩": "KRW",
    "₹": "INR", "₽": "RUB", "៛": "KHR", "₺": "TRY", "RP": "IDR", "RM": "MYR", "S$": "SGD",
    "HK$": "HKD", "US$": "USD", "A$": "AUD", "NT$": "TWD", "CN¥": "CNY", "RMB": "CNY",
    "元": "CNY", "VNĐ": "VND", "บาท": "THB", "BAHT": "THB",
    "$": None, "¥": None, "￥": None,
}
#: Crypto tickers accepted as an amount's affix ("500 USDT"), beside ISO 4217 codes.
_TICKERS = frozenset({"USDT", "USDC", "BTC", "ETH", "TRX", "BNB", "BUSD", "DAI", "XRP", "SOL",
                      "LTC", "DOGE"})
_AFFIXED = re.compile(r"(?P<pre>[^\d+\-]*?)\s*(?P<num>[+\d][\d.,'_\s\u00a0\u202f]*)"
                      r"(?P<post>[^\d]*)")
#: Marks an amount whose sign names several currencies.
AMBIGUOUS_SIGN = "?"


def _affix_currency(affix: str) -> str | None:
    """The currency an affix of an amount names, :data:`AMBIGUOUS_SIGN` for "$",
    or raises KeyError when it names none."""
    key = affix.strip().rstrip(".")
    if key in _SIGNS:
        return _SIGNS[key] or AMBIGUOUS_SIGN
    upper = key.upper()
    if upper in _SIGNS:  # Rp, rm
        return _SIGNS[upper] or AMBIGUOUS_SIGN
    if upper in _TICKERS:
        return upper
    if len(upper) == 3 and upper.isalpha() and upper.isascii() and upper in _iso_currencies():
        return upper
    raise KeyError(affix)


@functools.cache
def _iso_currencies() -> frozenset[str]:
    # Babel builds a new set on every call; a report file may ask once per row.
    from babel.numbers import list_currencies  # only amounts with a code need it

    return frozenset(list_currencies())


def split_amount(text: str) -> tuple[Decimal, str | None]:
    """An amount written with a currency sign or code (``฿50,000``, ``1.234,56 €``,
    ``USDT 500``, ``$12,500``): the number (:func:`parse_amount`) and the currency
    the affix names (None without one; :data:`AMBIGUOUS_SIGN` for ``$`` and ``¥``).
    At most one affix; anything else around the number is an error, as before."""
    m = _AFFIXED.fullmatch(text.strip())
    if m is None or not (m.group("pre").strip() or m.group("post").strip()):
        return parse_amount(text), None
    pre, post = m.group("pre").strip(), m.group("post").strip()
    if pre and post:
        raise ValueError(f"not a number: {text!r}")
    try:
        currency = _affix_currency(pre or post)
    except KeyError:
        raise ValueError(f"not a number: {text!r}") from None
    return parse_amount(m.group("num").strip()), currency


def _amount(value: object) -> tuple[Decimal, str | None]:
    currency = None
    if isinstance(value, bool):
        raise ValueError("must be a number, not true/false")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        amount, currency = split_amount(value)
    else:
        raise ValueError(f"must be a number or a string, not {type(value).__name__}")
    if amount < 0:
        raise ValueError("must not be negative")
    return amount, currency


#: The orders ``ingest --date-order`` accepts for numeric dates.
DATE_ORDERS = ("DMY", "MDY", "YMD")
_NUMERIC_DATE = re.compile(
    r"(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    r"(?:[ T,]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?")


def _numeric_date(value: str, order: str) -> datetime:
    """``12/03/2025 14:20`` read in ``order`` (naive). The year must have four
    digits: "03/04/05" is not guessed."""
    m = _NUMERIC_DATE.fullmatch(value)
    if m is None:
        raise ValueError(f"not an ISO 8601 or {order} date: {value!r}")
    parts = dict(zip(order, (m.group("a"), m.group("b"), m.group("c")), strict=True))
    if len(parts["Y"]) != 4:
        raise ValueError(f"not a {order} date with a four-digit year: {value!r}")
    try:
        return datetime(int(parts["Y"]), int(parts["M"]), int(parts["D"]),
                        int(m.group("h") or 0), int(m.group("mi") or 0), int(m.group("s") or 0))
    except ValueError as exc:
        raise ValueError(f"not a valid {order} date: {value!r} ({exc})") from None


def _reported_at(value: str, order: str | None = None) -> tuple[datetime, bool]:
    """The time, and whether ``order`` was needed to read it (not ISO 8601)."""
    # A zone-less value stays naive here: the pipeline places it in the
    # --tz zone (UTC by default) and notes that (scamnet.intake.times).
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        if order is not None:
            return _numeric_date(value.strip(), order), True
        hint = (" (for day/month/year dates, ingest with --date-order DMY)"
                if _NUMERIC_DATE.fullmatch(value.strip()) else "")
        raise ValueError(f"not an ISO 8601 date or date-time: {value!r}{hint}") from None
    if when.tzinfo is None:
        return when, False
    return when.astimezone(UTC), False


def _string(value: object) -> str | None:
    """A present, non-blank string value; None when absent; ValueError for other types."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"must be a string, not {type(value).__name__}")


def _identifiers(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in _SPLIT.split(value) if p.strip()]
    if isinstance(value, list):
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                if item.strip():
                    out.append(item.strip())
            elif isinstance(item, int | float) and not isinstance(item, bool):
                out.append(str(item))
            elif item is not None:
                raise ValueError(f"item {i} must be a string, not {type(item).__name__}")
        return out
    raise ValueError(f"must be a list of strings or a string, not {type(value).__name__}")


def _extra(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _text(values: Mapping[str, object], name: str,
          problems: list[tuple[str, str]]) -> str | None:
    value = values.get(name)
    if value.__class__ is str:  # the common case, kept cheap: 20,000 records/s is the target
        return value.strip() or None
    try:
        return _string(value)
    except ValueError as exc:
        problems.append((name, str(exc)))
        return None


def build_report(values: Mapping[str, object], source: Source, raw: Callable[[], bytes], *,
                 line: int | None = None, offset: int | None = None) -> Report | Quarantined:
    """Validate one victim report record; every problem found goes into one Quarantined.

    ``values`` maps normalised field names to JSON values or CSV strings; blank
    strings and null count as absent. ``raw`` gives the record's bytes, only
    called when the record is quarantined.
    """
    problems: list[tuple[str, str]] = []

    rid = _text(values, "id", problems)
    if rid is None and not problems:
        problems.append(("id", "missing"))

    reported_at = None
    by_order = False
    before = len(problems)
    raw_when = _text(values, "reported_at", problems)
    if raw_when is None:
        if len(problems) == before:
            problems.append(("reported_at", "missing"))
    else:
        try:
            reported_at, by_order = _reported_at(raw_when, source.date_order)
        except ValueError as exc:
            problems.append(("reported_at", str(exc)))

    country = _text(values, "reporter_country", problems)
    if country is not None:
        if len(country) == 2 and _COUNTRY.fullmatch(country):
            country = country.upper()
            if country == "UK":
                country = "GB"
        else:
            problems.append(("reporter_country", f"not an ISO 3166 alpha-2 code: {country!r}"))
            country = None

    language = _text(values, "language", problems)
    if language is not None:
        m = _LANGUAGE.fullmatch(language)
        if m:
            language = m.group(1).lower()
        else:
            problems.append(("language", f"not an ISO 639-1 code: {language!r}"))
            language = None

    platform = _text(values, "platform", problems)
    if platform is not None:
        platform = platform.lower()
        platform = _PLATFORM_ALIASES.get(platform, platform)
        if not _PLATFORM.fullmatch(platform):
            problems.append(("platform", f"not a platform name: {platform!r}"))
            platform = None

    narrative = ""
    narrative_ok = True
    if "narrative" not in values:
        problems.append(("narrative", "missing"))
        narrative_ok = False
    else:
        narrative_value = values["narrative"]
        if isinstance(narrative_value, str):
            narrative = narrative_value.strip()
        elif narrative_value is not None:
            problems.append(("narrative",
                             f"must be a string, not {type(narrative_value).__name__}"))
            narrative_ok = False

    amount = None
    signed: str | None = None  # the currency the amount's own sign or code names
    currency_from_amount = False
    amount_value = values.get("amount_lost")
    if amount_value is not None and not (isinstance(amount_value, str)
                                         and not amount_value.strip()):
        try:
            amount, signed = _amount(amount_value)
        except ValueError as exc:
            problems.append(("amount_lost", str(exc)))

    currency = _text(values, "currency", problems)
    if currency is not None:
        currency = currency.upper()
        if not _CURRENCY.fullmatch(currency):
            problems.append(("currency", f"not an ISO 4217 code or crypto ticker: {currency!r}"))
            currency = None
        elif signed not in (None, AMBIGUOUS_SIGN, currency):
            problems.append(("currency", f"{currency} disagrees with amount_lost, "
                                         f"which is written in {signed}"))
    elif signed == AMBIGUOUS_SIGN:
        problems.append(("currency", "required: the sign in amount_lost is used by "
                                     "several currencies"))
    elif signed is not None:
        currency = signed
        currency_from_amount = True
    elif amount is not None:
        problems.append(("currency", "required when amount_lost is given"))

    suspects: list[str] = []
    listed = values.get("suspect_identifiers")
    if listed is not None:
        try:
            suspects.extend(_identifiers(listed))
        except ValueError as exc:
            problems.append(("suspect_identifiers", str(exc)))
    for name in SUSPECT_FIELDS:
        if name in values:
            one = _text(values, name, problems)
            if one is not None:
                suspects.append(one)

    if narrative_ok and not narrative and not suspects:
        problems.append(("narrative", "empty, and the record has no suspect identifiers"))

    if problems:
        reason = "; ".join(f"{name}: {why}" for name, why in problems)
        return Quarantined(path=source.path, reason=reason, raw=raw(),
                           evidence_sha256=source.sha256, line=line, offset=offset,
                           field=problems[0][0], record_id=rid)

    extra: dict[str, str] = {}
    if not values.keys() <= _KNOWN:
        for key, value in values.items():
            if key not in _KNOWN:
                kept = _extra(value)
                if kept is not None:
                    extra[key] = kept
    if by_order:
        # Provenance: the date was read in the order the user gave, not from ISO 8601.
        extra.setdefault("date_order", str(source.date_order))
    if currency_from_amount:
        # Provenance: nobody wrote this currency in its own field.
        extra.setdefault("currency_from", "amount_lost")
    assert rid is not None  # problems would hold "id" otherwise
    return Report.build(
        id=rid, kind=ReportKind.VICTIM_REPORT, evidence_sha256=source.sha256,
        narrative=narrative, messages=(), reported_at=reported_at, reporter_country=country,
        language=language, platform=platform, amount_lost=amount, currency=currency,
        suspect_identifiers=tuple(suspects), title=None, line=line, offset=offset,
        extra=extra,
    )


def schema_table() -> str:
    """The field table of ``docs/formats.md``, generated from :data:`FIELDS`."""
    rows = ["| field | required | meaning | example |", "|---|---|---|---|"]
    for f in FIELDS:
        rows.append(f"| `{f.name}` | {'yes' if f.required else 'no'} | {f.description} | "
                    f"`{f.example}` |")
    return "\n".join(rows)
