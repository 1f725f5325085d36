"""Victim reports in JSON Lines and CSV: the schema, validation and line numbers."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.intake.base import Source
from scamnet.intake.report_fields import AMBIGUOUS_SIGN, parse_amount, schema_table, split_amount
from scamnet.intake.reports_csv import MAX_FIELD_CHARS
from scamnet.model.records import Quarantined, Report

from .conftest import MakeSource, ReadAll

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def test_jsonl_fixture(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    reports, bad = read_all(fixture_source("reports.jsonl"))
    assert [r.id for r in reports] == ["HL-0001", "HL-0002", "3", "HL-0008"]
    first = reports[0]
    assert first.reported_at == datetime(2024, 3, 5, 7, 20, tzinfo=UTC)
    assert (first.reporter_country, first.language, first.platform) == ("TH", "th", "line")
    assert (first.amount_lost, first.currency) == (Decimal("12500.00"), "USDT")
    assert first.suspect_identifiers == ("LINE ID: mia.gold88", "bitkub-pro.vip",
                                         "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    assert dict(first.extra) == {"case_officer": "desk 4"}
    assert first.line == 1 and first.evidence_sha256 == fixture_source("reports.jsonl").sha256
    second = reports[1]
    assert second.language == "en" and second.amount_lost == Decimal(48000)
    assert second.suspect_identifiers == ("+1 415 555 0100", "anna.trades@example.com",
                                          "hxxps://goldline-fx[.]com", "+1 415 555 0100")
    # A date without zone stays naive in the reader; ingest places it (intake.times).
    assert second.reported_at == datetime(2024, 3, 6)
    assert reports[2].narrative == "" and reports[2].line == 4  # blank line 3 skipped
    assert reports[3].amount_lost == Decimal("1250.75") and reports[3].platform == "telegram"

    assert [q.line for q in bad] == [5, 6, 7, 8]
    assert bad[0].record_id == "HL-0004" and bad[0].field == "reported_at"
    for expected in ("reported_at", "reporter_country", "amount_lost: must not be negative"):
        assert expected in bad[0].reason
    assert "not valid JSON" in bad[1].reason and bad[1].raw.startswith(b'{"id": "HL-0005"')
    assert "expected a JSON object" in bad[2].reason
    assert bad[3].field == "id" and "language" in bad[3].reason
    assert "currency: required when amount_lost is given" in bad[3].reason


def test_csv_fixture(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    reports, bad = read_all(fixture_source("reports.csv"))
    assert [r.id for r in reports] == ["CSV-1", "CSV-2", "CSV-4"]
    one = reports[0]
    assert one.line == 2 and one.narrative.count("\n") == 1
    assert one.suspect_identifiers == ("0912 345 678", "zalo: lan.invest",
                                       "https://sanvang-vn.top")
    assert (one.amount_lost, one.currency, one.platform) == (Decimal(150000000), "VND", "zalo")
    assert reports[1].line == 4  # CSV-1 spans lines 2-3
    assert reports[1].narrative == 'Dia bilang "investasi emas" aman'
    assert reports[1].amount_lost == Decimal("1200.50")
    assert reports[1].reported_at == datetime(2024, 4, 2, 3, 30, tzinfo=UTC)
    assert reports[2].line == 6
    assert [q.line for q in bad] == [5, 7]
    assert bad[0].record_id == "CSV-3"
    for field in ("reported_at", "reporter_country", "language", "amount_lost", "narrative"):
        assert f"{field}:" in bad[0].reason
    assert "header has 10" in bad[1].reason and (
        bad[1].raw == b"CSV-5;2024-04-04;GB;en;sms;too few fields\r")


@pytest.mark.parametrize("delim", [",", "\t", "|", ";"])
def test_csv_delimiters(delim: str, make_source: MakeSource, read_all: ReadAll) -> None:
    rows = [["id", "reported_at", "narrative", "suspect_identifiers"],
            ["r1", "2024-01-01", "a, b; c | d", "x;y"]]
    text = "\n".join(delim.join(f'"{c}"' if delim in c or "," in c else c for c in row)
                     for row in rows) + "\n"
    reports, bad = read_all(make_source(text, "r.csv"), "report-csv")
    assert not bad and reports[0].narrative == "a, b; c | d"
    assert reports[0].suspect_identifiers == ("x", "y")


def test_csv_header_problems_quarantine_the_file(make_source: MakeSource,
                                                 read_all: ReadAll) -> None:
    reports, bad = read_all(make_source("id,id,narrative\n1,2,x\n", "r.csv"), "report-csv")
    assert not reports and len(bad) == 1
    assert "reported_at" in bad[0].reason and "repeats column(s) id" in bad[0].reason


def test_csv_excel_sep_line(make_source: MakeSource, read_all: ReadAll) -> None:
    text = "sep=|\r\nid|reported_at|narrative\r\nr1|2024-01-01|a;b,c\r\n"
    reports, bad = read_all(make_source(text, "r.csv"))
    assert not bad and [(r.id, r.narrative, r.line) for r in reports] == [("r1", "a;b,c", 3)]


def test_csv_header_only(make_source: MakeSource, read_all: ReadAll) -> None:
    reports, bad = read_all(make_source("id,reported_at,narrative\r\n", "r.csv"))
    assert not reports and len(bad) == 1 and "header only" in bad[0].reason


@pytest.mark.parametrize("ftm_first", [False, True])
def test_csv_oversized_field_is_quarantined(make_source: MakeSource, read_all: ReadAll,
                                            ftm_first: bool) -> None:
    # The csv module's limit is process-wide and followthemoney raises it on
    # import; the reader's own limit must give the same result either way.
    if ftm_first:
        import followthemoney  # noqa: F401
    old = csv.field_size_limit()
    try:
        if not ftm_first:
            csv.field_size_limit(131_072)  # the csv module's default
        big = "x" * (MAX_FIELD_CHARS + 1)
        text = (f'id,reported_at,narrative\na,2024-01-01,"{big}"\nb,2024-01-02,ok\n'
                f'c,2024-01-03,"{"y" * 200_000}"\n')
        reports, bad = read_all(make_source(text, "r.csv"), "report-csv")
    finally:
        csv.field_size_limit(old)
    assert [r.id for r in reports] == ["b", "c"] and reports[0].line == 3
    assert len(reports[1].narrative) == 200_000
    assert len(bad) == 1 and bad[0].line == 2 and bad[0].field == "narrative"
    assert "longer than 1,000,000 characters" in bad[0].reason


def test_csv_from_excel_utf16(make_source: MakeSource, read_all: ReadAll) -> None:
    text = "id\treported_at\tnarrative\r\nX1\t2024-01-01\tโอนเงินไปแล้ว 5,000 บาท\r\n"
    reports, bad = read_all(make_source(b"\xff\xfe" + text.encode("utf-16-le"), "r.csv"))
    assert not bad and reports[0].narrative == "โอนเงินไปแล้ว 5,000 บาท"


def test_csv_quoted_newlines_keep_line_numbers(make_source: MakeSource,
                                               read_all: ReadAll) -> None:
    text = ('id,reported_at,narrative\n"a",2024-01-01,"l1\nl2\nl3"\n\n'
            '"b",bad,"x"\n"c",2024-01-02,"y"\n')
    reports, bad = read_all(make_source(text, "r.csv"), "report-csv")
    assert [(r.id, r.line) for r in reports] == [("a", 2), ("c", 7)]
    assert [(q.record_id, q.line) for q in bad] == [("b", 6)]


def test_json_types_are_checked(make_source: MakeSource, read_all: ReadAll) -> None:
    rec = {"id": True, "reported_at": 2024.5, "narrative": ["x"], "amount_lost": True,
           "currency": "US DOLLARS", "suspect_identifiers": [{"a": 1}], "platform": "x" * 50}
    reports, bad = read_all(make_source(json.dumps(rec) + "\n", "r.jsonl"), "report-jsonl")
    assert not reports and len(bad) == 1
    for field in ("id", "reported_at", "narrative", "amount_lost", "currency",
                  "suspect_identifiers", "platform"):
        assert f"{field}:" in bad[0].reason


def test_empty_narrative_allowed_with_suspect_field(make_source: MakeSource,
                                                    read_all: ReadAll) -> None:
    rec = {"id": "a", "reported_at": "2024-01-01", "narrative": "", "suspect_email": "x@y.vip"}
    reports, bad = read_all(make_source(json.dumps(rec), "r.jsonl"), "report-jsonl")
    assert not bad and reports[0].suspect_identifiers == ("x@y.vip",)


@pytest.mark.parametrize(("text", "value"), [
    ("1200", "1200"), ("1,200", "1200"), ("1,200.50", "1200.50"), ("1.200,50", "1200.50"),
    ("1200,50", "1200.50"), ("1200,5", "1200.5"), ("0,005", "0.005"), ("1.200", "1.200"),
    ("0.00012", "0.00012"), ("1 234 567,89", "1234567.89"), ("1'234.5", "1234.5"),
    ("12,345,678", "12345678"), ("12.345.678", "12345678"), ("+5", "5"), ("12345,678", "12345.678"),
])
def test_parse_amount(text: str, value: str) -> None:
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["-5", "abc", "1,2,3", "1.2.3", "1,200.5.0", "", "1.", "5 USD",
                                  "1.234,567.8"])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False,
                   allow_infinity=False), st.sampled_from(["en", "de", "plain", "space"]))
def test_parse_amount_round_trip(amount: Decimal, style: str) -> None:
    text = f"{amount:,.2f}"
    if style == "de":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    elif style == "plain":
        text = f"{amount:.2f}"
    elif style == "space":
        text = text.replace(",", " ")
    assert parse_amount(text) == amount


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("฿50,000", "50000", "THB"), ("1.234,56 €", "1234.56", "EUR"), ("USDT 500", "500", "USDT"),
    ("12 500 THB", "12500", "THB"), ("Rp 25.000.000", "25000000", "IDR"),
    ("19.137.909 VNĐ", "19137909", "VND"), ("RM1,000.50", "1000.50", "MYR"),
    ("12,500.00 usdt", "12500.00", "USDT"), ("$12,500", "12500", AMBIGUOUS_SIGN),
    ("¥3000", "3000", AMBIGUOUS_SIGN), ("1,200", "1200", None),
])
def test_split_amount(text: str, value: str, currency: str | None) -> None:
    assert split_amount(text) == (Decimal(value), currency)


@pytest.mark.parametrize("text", ["500 XYZ", "€5 €", "abc", "-€5", "5 dollars"])
def test_split_amount_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        split_amount(text)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                   allow_infinity=False),
       st.sampled_from(["฿{}", "{} €", "USDT {}", "{}THB", "Rp {}"]))
def test_split_amount_round_trip(amount: Decimal, form: str) -> None:
    value, currency = split_amount(form.format(f"{amount:,.2f}"))
    assert value == amount and currency in {"THB", "EUR", "USDT", "IDR"}


def _one(read_all: ReadAll, make_source: MakeSource, **fields: object) -> tuple[list[Report],
                                                                                 list[Quarantined]]:
    rec = {"id": "a", "reported_at": "2024-01-01", "narrative": "sent it", **fields}
    return read_all(make_source(json.dumps(rec), "r.jsonl"), "report-jsonl")


def test_currency_sign_in_the_amount(make_source: MakeSource, read_all: ReadAll) -> None:
    """A helpline writes "฿50,000" with no currency column: the report keeps the
    amount and THB, and says where the currency came from."""
    (rep,), bad = _one(read_all, make_source, amount_lost="฿50,000")
    assert not bad
    assert (rep.amount_lost, rep.currency) == (Decimal(50000), "THB")
    assert rep.extra["currency_from"] == "amount_lost"
    (rep,), _ = _one(read_all, make_source, amount_lost="€1.234,56", currency="eur")
    assert (rep.amount_lost, rep.currency) == (Decimal("1234.56"), "EUR")
    assert "currency_from" not in rep.extra


def test_currency_sign_conflict_or_ambiguity_is_quarantined(make_source: MakeSource,
                                                           read_all: ReadAll) -> None:
    reports, bad = _one(read_all, make_source, amount_lost="฿50,000", currency="USD")
    assert not reports and bad[0].field == "currency" and "THB" in bad[0].reason
    reports, bad = _one(read_all, make_source, amount_lost="$12,500")
    assert not reports and "several currencies" in bad[0].reason
    (rep,), _ = _one(read_all, make_source, amount_lost="$12,500", currency="AUD")
    assert rep.currency == "AUD"


def _dated(read_all: ReadAll, when: str, order: str | None) -> tuple[list[Report],
                                                                      list[Quarantined]]:
    rec = {"id": "a", "reported_at": when, "narrative": "sent it"}
    data = json.dumps(rec).encode()
    return read_all(Source("r.jsonl", data, "0" * 64, None, order), "report-jsonl")


@pytest.mark.parametrize(("when", "order", "expected"), [
    ("12/03/2025", "DMY", datetime(2025, 3, 12)),
    ("12/03/2025", "MDY", datetime(2025, 12, 3)),
    ("2025/03/12", "YMD", datetime(2025, 3, 12)),
    ("31.12.2024 14:20", "DMY", datetime(2024, 12, 31, 14, 20)),
    ("1-2-2025 09:05:30", "MDY", datetime(2025, 1, 2, 9, 5, 30)),
    ("2025-03-12T08:00:00+07:00", "MDY", datetime(2025, 3, 12, 1, tzinfo=UTC)),  # ISO wins
])
def test_date_order(read_all: ReadAll, when: str, order: str, expected: datetime) -> None:
    (rep,), bad = _dated(read_all, when, order)
    assert not bad and rep.reported_at == expected
    assert rep.extra.get("date_order") == (None if "T" in when else order)


@pytest.mark.parametrize(("when", "order", "why"), [
    ("12/03/2025", None, "--date-order DMY"),
    ("13/13/2025", "DMY", "month must be in 1..12"),
    ("12/03/25", "DMY", "four-digit year"),
    ("last week", "DMY", "not an ISO 8601 or DMY date"),
])
def test_date_order_problems_are_quarantined(read_all: ReadAll, when: str, order: str | None,
                                            why: str) -> None:
    reports, bad = _dated(read_all, when, order)
    assert not reports and bad[0].field == "reported_at" and why in bad[0].reason


def test_docs_schema_table_is_current() -> None:
    assert schema_table() in DOCS.read_text(encoding="utf-8"), (
        "docs/formats.md is stale: paste scamnet.intake.report_fields.schema_table() into it")


def test_ingest_date_order_end_to_end(tmp_path: Path) -> None:
    """`ingest --date-order DMY` stores a helpline's 12/03/2025 as 12 March in the
    --tz zone; the library refuses an unknown order before reading anything."""
    from click.testing import CliRunner

    from scamnet.cli import main
    from scamnet.errors import ConfigError
    from scamnet.intake.pipeline import ingest
    from scamnet.settings import Settings
    from scamnet.store.store import Store

    src = tmp_path / "helpline.csv"
    src.write_text("id,reported_at,narrative,amount_lost\nHL-1,12/03/2025 09:30,"
                   "paid to goldwin-fx.com,฿50000\n", encoding="utf-8")
    db = tmp_path / "s.db"
    res = CliRunner().invoke(main, ["--db", str(db), "ingest", "--date-order", "dmy",
                                    "--tz", "Asia/Bangkok", str(src)])
    assert res.exit_code == 0, res.output
    with Store.open(str(db)) as store:
        rep = store.get_report("HL-1").report
        assert rep.reported_at == datetime(2025, 3, 12, 2, 30, tzinfo=UTC)
        assert (rep.amount_lost, rep.currency) == (Decimal(50000), "THB")
        with pytest.raises(ConfigError, match="unknown date order"):
            ingest(store, [src], Settings(), date_order="DDMM")
