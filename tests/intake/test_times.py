"""Zone-less evidence times: placed in the --tz zone, the assumption recorded."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from scamnet.cli import main
from scamnet.errors import ConfigError
from scamnet.intake.times import ASSUMED_UTC, localize, zone
from scamnet.model.records import Message, Report, ReportKind
from scamnet.settings import Settings
from scamnet.store.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"


def _chat(*times: datetime | None, reported_at: datetime | None = None) -> Report:
    msgs = tuple(Message(index=i, text=f"m{i}", sender="a", sent_at=t)
                 for i, t in enumerate(times))
    return Report(id="r1", kind=ReportKind.CHAT, evidence_sha256="0" * 64,
                  messages=msgs, reported_at=reported_at, extra={"case": "7"})


def test_given_zone_places_naive_times_and_says_so() -> None:
    out = localize(_chat(datetime(2024, 3, 5, 21, 14), None), "Asia/Bangkok")
    assert out.messages[0].sent_at is not None
    assert out.messages[0].sent_at.astimezone(UTC) == datetime(2024, 3, 5, 14, 14, tzinfo=UTC)
    assert out.messages[1].sent_at is None
    assert dict(out.extra) == {"case": "7", "time_zone": "Asia/Bangkok (given with --tz)"}


def test_without_a_zone_naive_times_are_utc_and_marked_assumed() -> None:
    out = localize(_chat(datetime(2024, 3, 5, 21, 14)), None)
    assert out.messages[0].sent_at == datetime(2024, 3, 5, 21, 14, tzinfo=UTC)
    assert out.extra["time_zone"] == ASSUMED_UTC


def test_exact_times_are_untouched_and_not_annotated() -> None:
    exact = datetime(2024, 3, 5, 21, 14, tzinfo=UTC)
    report = _chat(exact, reported_at=datetime(2024, 3, 6, tzinfo=UTC))
    assert localize(report, "Asia/Bangkok") is report


def test_naive_report_time_is_placed_too() -> None:
    out = localize(_chat(reported_at=datetime(2024, 3, 6)), "Asia/Ho_Chi_Minh")
    assert out.reported_at is not None
    assert out.reported_at.astimezone(UTC) == datetime(2024, 3, 5, 17, tzinfo=UTC)


def test_localized_report_is_the_one_dataclasses_replace_gives() -> None:
    # localize copies the report's fields rather than re-running its __init__;
    # that is only the same record while Report has no __post_init__ or slots.
    report = _chat(datetime(2024, 3, 5, 21, 14), reported_at=datetime(2024, 3, 6))
    out = localize(report, "Asia/Bangkok")
    expected = dataclasses.replace(report, reported_at=out.reported_at,
                                   messages=out.messages, extra=out.extra)
    assert out == expected and type(out) is Report
    assert vars(out) == vars(expected)
    assert not hasattr(Report, "__post_init__")
    assert report.reported_at == datetime(2024, 3, 6)  # the input is left as it was


def test_repeated_wall_clock_hour_reads_as_the_first() -> None:
    # 2024-11-03 01:30 happens twice in New York; fold=0 is the EDT one (UTC-4).
    out = localize(_chat(datetime(2024, 11, 3, 1, 30)), "America/New_York")
    assert out.messages[0].sent_at is not None
    assert out.messages[0].sent_at.astimezone(UTC) == datetime(2024, 11, 3, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "Asia/Bangkok\x00"])
def test_unknown_zone_is_a_config_error(name: str) -> None:
    with pytest.raises(ConfigError, match="unknown time zone"):
        zone(name)


def test_settings_reject_a_bad_scamnet_tz() -> None:
    with pytest.raises(ConfigError):
        Settings.from_env({"SCAMNET_TZ": "Nowhere/Land"})
    assert Settings.from_env({"SCAMNET_TZ": "Asia/Phnom_Penh"}).default_tz == "Asia/Phnom_Penh"


def _show(db: Path, path: Path, *tz: str) -> dict[str, object]:
    res = CliRunner().invoke(main, ["--db", str(db), "ingest", "--json", *tz, str(path)])
    assert res.exit_code == 0, res.output
    with Store.open(f"sqlite:///{db}") as store:
        (report,) = list(store.iter_reports())
    return {"first": report.messages[0].sent_at, "extra": dict(report.extra)}


def test_ingest_tz_stores_whatsapp_times_in_utc(tmp_path: Path) -> None:
    chat = FIXTURES / "whatsapp_th.txt"
    local = _show(tmp_path / "a.db", chat, "--tz", "Asia/Bangkok")
    assumed = _show(tmp_path / "b.db", chat)
    # 31/12/2566 21:15 (Buddhist era) on a Thai phone is 14:15 UTC.
    assert local["first"] == datetime(2023, 12, 31, 14, 15, tzinfo=UTC)
    assert assumed["first"] == datetime(2023, 12, 31, 21, 15, tzinfo=UTC)
    assert local["extra"]["time_zone"] == "Asia/Bangkok (given with --tz)"  # type: ignore[index]
    assert assumed["extra"]["time_zone"] == ASSUMED_UTC  # type: ignore[index]


def test_ingest_with_unknown_tz_stops_before_reading(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["--db", str(db), "ingest", "--tz", "Mars/Olympus",
                                    str(FIXTURES / "whatsapp_th.txt")])
    assert res.exit_code == 4
    assert "unknown time zone 'Mars/Olympus'" in res.stderr
