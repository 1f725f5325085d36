"""Time zones for evidence that gives local times without one.

WhatsApp exports, older Telegram exports and many victim-report spreadsheets
write the wall-clock time of a phone or an office, with no zone. Storing such
a time as UTC shifts a Bangkok chat by seven hours, which moves the moment a
conversation turned to money and misorders it against bank transfers. The
person ingesting usually knows the zone (the victim's phone, the reporting
office), so ``scamnet ingest --tz Asia/Bangkok`` (or ``SCAMNET_TZ``) names it;
without one the old rule holds and the times are read as UTC. Either way the
report records what was assumed in ``extra["time_zone"]``, so nobody mistakes
an assumption for a fact. Times that carry a zone or offset (e-mail ``Date:``
headers, Telegram's ``date_unixtime``, ISO 8601 with an offset) are exact and
left alone.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scamnet.errors import ConfigError
from scamnet.model.records import Report

__all__ = ["ASSUMED_UTC", "localize", "zone"]

#: What ``extra["time_zone"]`` says when no zone was given.
ASSUMED_UTC = "UTC (assumed: the evidence gives no zone and none was given with --tz)"


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """The IANA time zone ``name`` (``Asia/Bangkok``, ``UTC``), or a :class:`ConfigError`.

    The zone database comes from the system or the ``tzdata`` package; nothing
    is fetched.
    """
    cleaned = name.strip()
    if cleaned.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"unknown time zone {name!r}; use an IANA name such as Asia/Bangkok or UTC"
        ) from None


def localize(report: Report, zone_name: str | None) -> Report:
    """``report`` with its zone-less times placed in ``zone_name`` (UTC when None).

    Only naive datetimes change; the report's ``extra["time_zone"]`` names the
    zone used, marked as given or assumed. A report without naive times comes
    back unchanged.
    """
    naive_report = report.reported_at is not None and report.reported_at.tzinfo is None
    naive_messages = any(m.sent_at is not None and m.sent_at.tzinfo is None
                         for m in report.messages)
    if not (naive_report or naive_messages):
        return report
    tz = UTC if zone_name is None else zone(zone_name)
    note = ASSUMED_UTC if zone_name is None else f"{zone_name.strip()} (given with --tz)"
    changes: dict[str, object] = {"extra": {**report.extra, "time_zone": note}}
    if naive_report:
        changes["reported_at"] = _place(report.reported_at, tz)
    if naive_messages:
        changes["messages"] = tuple(
            dataclasses.replace(m, sent_at=_place(m.sent_at, tz))
            if m.sent_at is not None and m.sent_at.tzinfo is None else m
            for m in report.messages
        )
    return _with(report, changes)


def _with(report: Report, changes: dict[str, object]) -> Report:
    """``report`` with ``changes``: :func:`dataclasses.replace` without re-running
    the frozen ``__init__`` field by field, which cost ~10 µs for every report of
    a file whose dates carry no zone. Report has no ``__post_init__`` to skip."""
    new = object.__new__(Report)
    new.__dict__.update(report.__dict__)
    new.__dict__.update(changes)
    return new


def _place(when: datetime | None, tz: tzinfo) -> datetime | None:
    # fold=0: a wall-clock time that occurs twice (the hour clocks go back)
    # is read as the first of the two.
    return None if when is None else when.replace(tzinfo=tz)
