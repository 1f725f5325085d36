"""Screening input that is wrong: impossible dates, list files that are not UTF-8 or
not text, batch files with several bad lines among good ones."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.errors import InputProblem, InvalidInputError
from scamnet.screen.index import ScreeningIndex
from scamnet.screen.ofac import load_sdn_csv
from scamnet.screen.remarks import parse_date
from scamnet.screen.screening import read_batch, screen_batch, screen_name
from scamnet.screen.watchlist import load_list

FIX = Path(__file__).parent / "fixtures"


def _real(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


@given(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99))
def test_iso_dates_parse_only_when_they_exist(y: int, m: int, d: int) -> None:
    text = f"{y:04d}-{m:02d}-{d:02d}"
    assert (parse_date(text) == text) is _real(y, m, d)
    assert (parse_date(text) is None) is not _real(y, m, d)
    month = f"{y:04d}-{m:02d}"
    assert (parse_date(month) == month) is _real(y, m, 1)


@pytest.mark.parametrize("dob", ["2020-13-45", "1990-02-30", "1990-00", "1990-13"])
def test_screening_with_an_impossible_birth_date_names_it(dob: str) -> None:
    with pytest.raises(InvalidInputError, match=repr(dob)):
        screen_name(ScreeningIndex(), "John Smith", dob=dob)


def test_list_file_not_utf8_names_the_file_and_line() -> None:
    good = b"name,country\nJohn Smith,us\n"
    data = good + "Café Ltd,fr\n".encode("latin-1")
    with pytest.raises(InvalidInputError) as exc:
        load_list(data, "lists/watch.csv", "csv")
    reason = f"byte 0xe9 at offset {len(good) + 3} is not UTF-8 (save the file as UTF-8)"
    assert exc.value.problems == [InputProblem("lists/watch.csv", reason, line=3)]
    assert "lists/watch.csv:3" in str(exc.value)


@pytest.mark.parametrize("fmt", [None, "csv", "ofac-csv", "ftm"])
def test_binary_list_file_is_refused_naming_it(fmt: str | None) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(InvalidInputError, match=r"photo\.png: binary data"):
        load_list(data, "photo.png", fmt)


_BATCH = (b'{"name": "Chen Zhi"}\n'
          b"not json\n"
          b'{"name": "Vladimir Putin"}\n'
          b"[1, 2]\n"
          b'{"name": "\\ud800 Chen"}\n'
          b'{"\\udc00": "x", "name": "Chen Zhi"}\n'
          b'{"phone": "+66812345678"}\n')


def test_batch_reports_every_bad_line_and_keeps_the_good_ones() -> None:
    problems: list[InputProblem] = []
    rows = list(read_batch(_BATCH, "b.jsonl", problems=problems))
    assert [n for n, _ in rows] == [1, 3, 7]
    assert [(p.line, p.field) for p in problems] == [(2, None), (4, None), (5, "name"),
                                                     (6, "\udc00")]
    assert all(p.file == "b.jsonl" for p in problems)


def test_batch_without_a_problem_list_raises_all_after_the_good_rows() -> None:
    ix = ScreeningIndex()
    ix.add("ofac", load_sdn_csv((FIX / "sdn_slice.csv").read_bytes()).entities)
    seen: list[int] = []
    with pytest.raises(InvalidInputError) as exc:
        for result in screen_batch(ix, read_batch(_BATCH, "b.jsonl")):
            seen.append(result.line)
    assert seen == [1, 3, 7]
    assert [p.line for p in exc.value.problems] == [2, 4, 5, 6]
    assert str(exc.value).startswith("4 batch line(s) skipped: b.jsonl:2: not JSON")


def test_batch_csv_with_a_broken_row_keeps_the_rows_before_it() -> None:
    huge = "x" * (csv.field_size_limit() + 1)
    data = f'name\nChen Zhi\n"{huge}"\nVladimir Putin\n'.encode()
    problems: list[InputProblem] = []
    rows = list(read_batch(data, "b.csv", problems=problems))
    assert [r["name"] for _, r in rows] == ["Chen Zhi"]
    (problem,) = problems
    assert problem.line == 3 and "broken CSV row" in problem.reason


def test_batch_file_not_utf8_names_file_and_line() -> None:
    data = b"name\nJohn\nCaf\xe9\n"
    with pytest.raises(InvalidInputError, match=r"b\.csv:3: byte 0xe9"):
        list(read_batch(data, "b.csv"))


@given(st.text(min_size=1, max_size=20), st.sampled_from("\ud800\udcff\udfff"),
       st.integers(0, 20))
def test_a_name_with_half_a_surrogate_pair_is_refused_not_crashed(
        text: str, surrogate: str, at: int) -> None:
    name = text[:at] + surrogate + text[at:]
    with pytest.raises(InvalidInputError, match="not text"):
        screen_name(ScreeningIndex(), name)


def test_batch_csv_rows_are_named_by_the_line_they_start_on() -> None:
    """A quoted name over two lines, or after a blank line: the line a text editor
    shows the row starting on, as the JSON lines and the skipped rows are named."""
    data = b'name,country\n\n"Chen\nZhi",kh\nVladimir Putin,ru\n'
    assert [(n, r["name"]) for n, r in read_batch(data, "b.csv")] == [
        (3, "Chen\nZhi"), (5, "Vladimir Putin")]


def test_batch_csv_is_lenient_where_a_watchlist_is_strict() -> None:
    """Kept on purpose (see screening._csv_rows): a batch row with a loose quote or
    missing cells is screened as written; the same rows in a watchlist are quarantined."""
    data = b'name,country,phone\n"Chen" Zhi,kh,\nVladimir Putin\n'
    assert [(n, r) for n, r in read_batch(data, "b.csv")] == [
        (2, {"name": "Chen Zhi", "country": "kh", "phone": ""}), (3, {"name": "Vladimir Putin"})]
    result = load_list(data, "w.csv", "csv")
    assert result.entities == []
    assert [q.line for q in result.quarantined] == [2]  # the rest is not read after a broken row
    short = load_list(b"name,country\nVladimir Putin\nChen Zhi,kh\n", "w.csv", "csv")
    assert [e.name for e in short.entities] == ["Chen Zhi"]
    assert [(q.line, q.reason) for q in short.quarantined] == [
        (2, "expected 2 columns (truncated or overlong row)")]


def test_batch_row_with_more_fields_than_the_header_is_named_not_screened_cut() -> None:
    # An unquoted comma in a name would otherwise screen "Chen" for "Chen, Zhi"
    # and miss the sanctioned person.
    data = b'name,country\nChen, Zhi,kh\n"Chen, Zhi",kh\nVladimir Putin,ru\n'
    problems: list[InputProblem] = []
    rows = list(read_batch(data, "b.csv", problems=problems))
    assert rows == [(3, {"name": "Chen, Zhi", "country": "kh"}),
                    (4, {"name": "Vladimir Putin", "country": "ru"})]
    assert problems == [InputProblem(
        "b.csv", "3 fields where the header has 2: quote a value that holds a comma", line=2)]


def test_watchlist_with_an_unreadable_header_is_named_not_a_traceback() -> None:
    with pytest.raises(InvalidInputError, match=r"w\.csv:1: unreadable CSV header"):
        load_list(b'name,"ty"pe\nChen Zhi,person\n', "w.csv", "csv")


def test_binary_batch_file_is_named_as_binary_data() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(InvalidInputError) as exc:
        list(read_batch(data, "photo.png"))
    assert exc.value.problems == [InputProblem(
        "photo.png", "binary data, not text (byte 0x89 at offset 0)", line=1)]
