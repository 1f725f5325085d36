"""Indicator extraction: pure functions from text to indicators with offsets.

:func:`extract` normalizes the text once (NFKC, digits folded to ASCII, with an
offset map back to the original), runs every registered finder that yields a
kind asked for, and returns the indicators sorted by ``(start, end, kind)``.
Offsets are into the original text: ``text[i.start:i.end] == i.raw`` always.

Finders live one module per family (:mod:`.wallets`, :mod:`.phones`,
:mod:`.web`, :mod:`.handles`, :mod:`.banking`) and register themselves in
:mod:`.registry`; the kinds themselves are in :mod:`scamnet.model.indicators`.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from scamnet.errors import InputProblem, InvalidInputError
from scamnet.extract import banking, handles, phones, wallets, web
from scamnet.extract.document import Document
from scamnet.extract.normalize import normalize
from scamnet.extract.registry import FinderSpec, finders_for
from scamnet.model.indicators import KINDS, Indicator, get_kind
from scamnet.settings import phone_region

__all__ = ["extract", "extract_report_text"]

# Finder modules are imported for their registrations.
_FINDER_MODULES = (wallets, phones, web, handles, banking)

# A phone-shaped digit run inside one of these is part of that indicator, not
# a phone number ("GB82 WEST 1234 5698 7654 32", "…/order/0812345678").
_PHONE_SHADOWS = frozenset({"iban", "wallet", "url", "email", "whatsapp", "zalo"})


@lru_cache(maxsize=512)
def _check_country(country: str | None) -> str | None:
    """The region hint of a caller's ``country`` argument: the rule of ``--country``
    and ``SCAMNET_COUNTRY`` (:func:`scamnet.settings.phone_region`)."""
    if country is None or country == "":
        return None
    return phone_region(country)


@lru_cache(maxsize=512)
def _record_region(country: str | None) -> str | None:
    """The region hint of a report's own country (see :func:`extract_report_text`)."""
    if country is None or country == "":
        return None
    code = country.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InvalidInputError(
            "invalid country hint",
            [InputProblem("<argument>", f"{country!r} is not an ISO-3166 alpha-2 code",
                          field="country")],
        )
    return code


@lru_cache(maxsize=256)
def _plan(kinds: frozenset[str] | None) -> tuple[frozenset[str], tuple[FinderSpec, ...]]:
    """The kinds to keep and the finders to run for a ``kinds`` argument."""
    wanted = frozenset(KINDS) if kinds is None else frozenset(get_kind(k).name for k in kinds)
    needed = set(wanted)
    if "phone" in wanted:
        needed |= _PHONE_SHADOWS
    return wanted, finders_for(needed)


def _drop_shadowed(found: list[Indicator]) -> list[Indicator]:
    for ind in found:
        if ind.kind == "phone":
            break
    else:
        return found  # no phone to drop (most texts)
    shadows = [(i.start, i.end) for i in found if i.kind in _PHONE_SHADOWS]
    if not shadows:
        return found
    kept = []
    for ind in found:
        if ind.kind == "phone" and any(s < ind.end and ind.start < e for s, e in shadows):
            continue
        kept.append(ind)
    return kept


def extract(
    text: str, country: str | None = None, kinds: Collection[str] | None = None,
    platform: str | None = None,
) -> list[Indicator]:
    """Every indicator in ``text``, sorted by ``(start, end, kind)``.

    ``country`` is an ISO-3166 alpha-2 region hint for national phone formats,
    any case; a code that is not two letters or names no region with a
    telephone numbering plan (``XX``, ``UK``) raises :class:`ConfigError`, as
    ``--country`` and ``SCAMNET_COUNTRY`` do. ``kinds`` limits the result
    to those kind names (an unknown name raises :class:`NotFoundError`);
    ``platform`` names the messaging platform the text was written on
    (``"telegram"``: a bare ``@name`` there is a Telegram handle).
    Indicators that failed their checks are included with ``valid=False``.
    """
    wanted, plan = _plan(None if kinds is None else frozenset(kinds))
    return _run(text, _check_country(country), wanted, plan, platform)


def extract_report_text(text: str, country: str | None = None,
                        platform: str | None = None) -> list[Indicator]:
    """:func:`extract` of every kind for a text of a report, with the report's own
    country as the hint.

    That country is data, not a setting: any two-letter code is taken (intake
    has checked its shape), and one without a telephone numbering plan only
    finds no national numbers, so one report cannot stop an ingest. A code
    that is not two letters raises :class:`InvalidInputError`.
    """
    wanted, plan = _plan(None)
    return _run(text, _record_region(country), wanted, plan, platform)


def _run(text: str, region: str | None, wanted: frozenset[str],
         plan: tuple[FinderSpec, ...], platform: str | None) -> list[Indicator]:
    if not text:
        return []
    doc = Document(normalize(text), region, platform.lower() if platform else None)
    found: list[Indicator] = []
    candidates = doc.candidates
    for spec in plan:
        if candidates is not None and spec.runs_if is not None and not spec.runs_if(candidates):
            continue  # nothing this finder could start from
        found.extend(spec.func(doc))
    if not found:
        return found
    if len(found) > 1:
        found = _drop_shadowed(found)
    unique = {
        (i.start, i.end, i.kind, i.value): i for i in found if i.kind in wanted
    }
    if len(unique) == 1:
        return list(unique.values())
    # The keys are (start, end, kind, value) and distinct: sorting them orders the
    # indicators with tuple comparisons in C, not a Python key call per item.
    return [unique[key] for key in sorted(unique)]
