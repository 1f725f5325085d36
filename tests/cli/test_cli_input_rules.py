"""Rules every command shares: one test for binary input (extract and classify agree),
control and format characters escaped in what is printed, and unknown --kind or --format
names refused as usage errors (exit 2, docs/cli.md)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from scamnet.cli import main, printable

WALLET = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16


def _run(db: Path, *args: str, stdin: bytes | None = None) -> Result:
    res = CliRunner().invoke(main, ["--db", str(db), *args], input=stdin)
    if res.exception and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res


# -- binary input: one rule for extract and classify --------------------------------------

INPUTS = {
    "picture": PNG,
    "random": bytes((i * 7919 + 13) % 256 for i in range(4000)),
    "junk line": f"pay to {WALLET}\n".encode() + b"\x00\xff\xfe junk \x00\x00\n" * 2
                 + b"see you at dinner\n",
    "control characters": f"\x01\x02\x03\x04\x05\x06\x07\x08 {WALLET} \x7f\x7f\n".encode(),
    "plain": f"send USDT to {WALLET}\n".encode(),
    "utf-16": f"send USDT to {WALLET}\n".encode("utf-16"),
}
BINARY = {"picture", "random"}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_extract_and_classify_call_the_same_inputs_binary(tmp_path: Path, name: str) -> None:
    path = tmp_path / "input.dat"
    path.write_bytes(INPUTS[name])
    extract = _run(tmp_path / "s.db", "extract", "--json", str(path))
    classify = _run(tmp_path / "s.db", "classify", "--json", str(path))
    for res in (extract, classify):
        if name in BINARY:
            assert res.exit_code == 2 and res.stdout == ""
            assert f"{path}:1: binary data, not text (byte 0x" in res.stderr
        else:
            assert res.exit_code == 0, res.output
            assert "binary" not in res.stderr
    if name not in BINARY:
        assert WALLET in {json.loads(line)["value"] for line in extract.stdout.splitlines()}


def test_binary_input_is_named_by_file_and_line(tmp_path: Path) -> None:
    data = b"hello\nthere\n" + PNG
    for command in ("extract", "classify"):
        res = _run(tmp_path / "s.db", command, "-", stdin=data)
        assert res.exit_code == 2
        assert res.stderr == "error: binary data: -:3: binary data, not text " \
                             "(byte 0x89 at offset 12)\n"


# -- control and format characters ---------------------------------------------------------

@pytest.mark.parametrize(("text", "shown"), [
    ("pay \u202eredro\u202c now", "pay \\u202eredro\\u202c now"),  # right-to-left override
    ("a\u2066b\u2069c", "a\\u2066b\\u2069c"),  # isolates
    # the zero widths of ordinary writing stay: Khmer words, emoji sequences
    ("សួស្តី\u200bបង", "សួស្តី\u200bបង"),
    ("👩\u200d💻 \u0915\u094d\u200c", "👩\u200d💻 \u0915\u094d\u200c"),
    ("\ufeffstart\xadsoft", "\\ufeffstart\\xadsoft"),
    ("tag\U000e0041", "tag\\U000e0041"),
    ("\x1b[2Jclear\x07\x85", "\\x1b[2Jclear\\x07\\x85"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("ไทย 中文 Ωmega\u00a0nbsp", "ไทย 中文 Ωmega\u00a0nbsp"),
])
def test_printable_escapes_control_and_format_characters(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(text, one_line=True) == shown.replace("\n", "\\n")


@given(st.text())
def test_printable_leaves_no_control_or_format_character_but_tab_and_newline(
        text: str) -> None:
    shown = printable(text)
    kept = "\t\n\u200b\u200c\u200d"
    assert not [c for c in shown if unicodedata.category(c) in ("Cc", "Cf") and c not in kept]
    assert "\n" not in printable(text, one_line=True)
    if all(unicodedata.category(c) not in ("Cc", "Cf") or c in kept for c in text):
        assert shown == text


def test_classify_preview_shows_a_bidi_override_escaped(tmp_path: Path) -> None:
    res = _run(tmp_path / "s.db", "classify", "-",
               stdin="send to \u202e0x1234abcd\u202c today\n".encode())
    assert res.exit_code == 0, res.output
    assert "\u202e" not in res.stdout and "send to \\u202e0x1234abcd\\u202c today" in res.stdout


def test_error_lines_escape_the_file_names_they_quote(tmp_path: Path) -> None:
    path = tmp_path / "txt.\u202egnp"
    path.write_bytes(b'{"text": 1}\n')
    res = _run(tmp_path / "s.db", "classify", str(path))
    assert res.exit_code == 2
    assert "\u202e" not in res.stderr and "txt.\\u202egnp:1" in res.stderr


def test_screen_and_lists_diff_escape_list_names(tmp_path: Path) -> None:
    """A watchlist is a user's file: a name hiding a right-to-left override is shown
    escaped in the match table and in the diff, as evidence is."""
    db = tmp_path / "s.db"
    watch = tmp_path / "watch.csv"
    watch.write_text("name,country\nChen Zhi\u202e,kh\n", encoding="utf-8")
    assert _run(db, "lists", "load", str(watch), "--name", "w").exit_code == 0
    for args in (["screen", "Chen Zhi", "--threshold", "0.3"], ["lists", "diff", "w"]):
        res = _run(db, *args)
        assert res.exit_code == 0, res.output
        assert "\\u202e" in res.stdout and "\u202e" not in res.stdout  # tables may wrap


# -- unknown --kind / --format names ---------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["indicators", "--kind", "nope"],
    ["extract", "--kind", "wallet", "--kind", "nope", "{text}"],
    ["ingest", "--format", "nope", "{text}"],
    ["stage", "--format", "nope", "{text}"],
    ["retry-quarantined", "--evidence", "00000000", "--format", "nope"],
    ["export", "--format", "nope"],
    ["lists", "load", "--format", "nope", "--name", "x", "{text}"],
], ids=lambda args: " ".join(a for a in args if a != "{text}"))
def test_unknown_kind_or_format_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    text = tmp_path / "in.txt"
    text.write_text(f"pay to {WALLET}\n", encoding="utf-8")
    res = _run(tmp_path / "s.db", *[str(text) if a == "{text}" else a for a in args])
    assert res.exit_code == 2, res.output
    assert "'nope'" in res.stderr and "Traceback" not in res.output
    assert not (tmp_path / "s.db").exists()  # refused before any store is opened
