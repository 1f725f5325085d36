"""scamnet.textfiles: one binary rule, strict UTF-8 for UTF-8 formats, CSV rows with their
lines. The readers of allowlists, watchlists and batch files, extract and classify use it."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.errors import InputProblem, InvalidInputError
from scamnet.textfiles import (
    CsvFile,
    CsvRow,
    binary_problem,
    decode_text,
    surrogate_at,
    utf8_text,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _problem(data: bytes) -> InputProblem:
    with pytest.raises(InvalidInputError) as exc:
        utf8_text(data, "in.tsv", what="allowlist")
    (problem,) = exc.value.problems
    assert problem.file == "in.tsv"
    return problem


# Text that strict UTF-8 must give back as it was: no NUL, no lone surrogate, and no
# BOM at the start (that one is dropped).
_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))


@given(_TEXT.filter(lambda t: not t.startswith("\ufeff")), st.booleans())
def test_utf8_text_round_trips_with_or_without_a_bom(text: str, bom: bool) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    assert utf8_text(data, "in.tsv", what="allowlist") == text


def test_a_byte_that_is_not_utf8_is_named_with_line_and_offset() -> None:
    data = b"domain\tok.com\n" + "café\n".encode("latin-1")
    problem = _problem(data)
    assert problem.line == 2
    assert problem.reason == "byte 0xe9 at offset 17 is not UTF-8 (save the file as UTF-8)"


@pytest.mark.parametrize(("encoding", "says"), [
    ("utf-16", "byte 0xff at offset 0 is not UTF-8 (UTF-16-LE text? save the file as UTF-8)"),
    ("utf-32", "byte 0xff at offset 0 is not UTF-8 (UTF-32-LE text? save the file as UTF-8)"),
    ("utf-16-be", "byte 0x00 at offset 0 is not text (UTF-16-BE text? save the file as UTF-8)"),
])
def test_utf16_and_utf32_files_are_named_as_the_likely_cause(encoding: str, says: str) -> None:
    problem = _problem("domain\tok.com\tsuffix\tfine\n".encode(encoding) * 20)
    assert problem.line == 1 and problem.reason == says


def test_a_nul_byte_in_utf8_text_is_refused_with_its_line() -> None:
    problem = _problem(b"a\tb\tc\td\n" * 3 + b"x\x00y\n")
    assert problem.line == 4 and problem.reason == "byte 0x00 at offset 25 is not text"


def test_binary_data_is_named_by_the_line_of_its_first_junk_byte() -> None:
    problem = _problem(b"domain\tok.com\tsuffix\tfine\n" + PNG)
    assert problem.line == 2
    assert problem.reason == "binary data, not text (byte 0x89 at offset 26)"
    assert binary_problem(PNG, "p.png") == InputProblem(
        "p.png", "binary data, not text (byte 0x89 at offset 0)", line=1)


def test_text_with_one_junk_line_is_not_binary_and_is_read_as_utf8() -> None:
    data = b"pay to wallet\n\x00\x00junk\x00\ncall me\n"
    assert binary_problem(data, "in.txt") is None
    assert decode_text(data, "in.txt") == "pay to wallet\n\x00\x00junk\x00\ncall me\n"
    with pytest.raises(InvalidInputError, match="binary data"):
        decode_text(PNG, "p.png")


def _rows(table: CsvFile) -> list[CsvRow | InputProblem]:
    return list(table)


def test_csv_rows_carry_the_line_they_start_on() -> None:
    table = CsvFile(' Name ,Phone\n\nChen Zhi,+66812345678\n"Multi\nline",1\nshort\n', "b.csv")
    assert table.header == ["name", "phone"]
    assert _rows(table) == [
        CsvRow(3, ("Chen Zhi", "+66812345678"), {"name": "Chen Zhi", "phone": "+66812345678"}),
        CsvRow(4, ("Multi\nline", "1"), {"name": "Multi\nline", "phone": "1"}),
        CsvRow(6, ("short",), {"name": "short"}),
    ]


def test_a_broken_csv_row_ends_the_rows_with_its_line() -> None:
    huge = "x" * (csv.field_size_limit() + 1)
    rows = _rows(CsvFile(f'name\nok\n"{huge}"\nlater\n', "b.csv"))
    assert rows[0] == CsvRow(2, ("ok",), {"name": "ok"})
    assert isinstance(rows[1], InputProblem) and rows[1].line == 3 and len(rows) == 2
    assert "broken CSV row, rest of file not read" in rows[1].reason


def test_strict_csv_refuses_loose_quotes_the_lenient_one_keeps() -> None:
    text = 'name\n"Chen" Zhi\n'
    assert _rows(CsvFile(text, "b.csv")) == [CsvRow(2, ("Chen Zhi",), {"name": "Chen Zhi"})]
    (problem,) = _rows(CsvFile(text, "w.csv", strict=True))
    assert isinstance(problem, InputProblem) and problem.line == 2


def test_an_unreadable_csv_header_is_named() -> None:
    with pytest.raises(InvalidInputError, match=r"w\.csv:1: unreadable CSV header"):
        CsvFile('name,"ty"pe\nx,y\n', "w.csv", strict=True)


def test_replacement_characters_written_in_the_text_are_not_junk() -> None:
    data = ("\ufffd\x01\x02\x03" * 100).encode("utf-8")
    assert binary_problem(data, "in.txt") is None
    assert utf8_text(data, "in.txt", what="batch file") == "\ufffd\x01\x02\x03" * 100


def test_surrogate_at_finds_half_a_pair_only() -> None:
    assert surrogate_at("plain ascii") is None
    assert surrogate_at("ไทย 中文 😀") is None
    assert surrogate_at("ab\ud800cd") == 2
    assert surrogate_at("中\udfff") == 1
    # a JSON escape is how one gets in: the pair is a character, half of it is not
    assert surrogate_at(json.loads('"\\ud83d\\ude00"')) is None
    assert surrogate_at(json.loads('"x\\ud83d"')) == 1
