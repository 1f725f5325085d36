"""The CLI misused the way analysts and helplines misuse it: each case must end in a
result or one clean error line with a documented exit code, never a traceback."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scamnet.cli import main
from scamnet.store.store import Store

WALLET = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def _run(db: Path | str, *args: str, stdin: bytes | str | None = None) -> Result:
    res = CliRunner().invoke(main, ["--db", str(db), *args], input=stdin)
    if res.exception and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res


def _report(rid: str, narrative: str) -> str:
    return json.dumps({"id": rid, "reported_at": "2025-03-01", "narrative": narrative}) + "\n"


# -- paths --------------------------------------------------------------------------------

def _bytes_named(tmp_path: Path, name: bytes, data: bytes) -> str:
    """A file whose name is not UTF-8, as the str Python hands the CLI for it."""
    target = os.path.join(os.fsencode(tmp_path), name)
    try:
        with open(target, "wb") as fh:
            fh.write(data)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    return os.fsdecode(target)


def test_ingest_stores_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    folder = tmp_path / "in"
    folder.mkdir()
    _bytes_named(folder, b"caf\xe9.jsonl", _report("N-1", f"paid {WALLET}").encode())
    fifo = os.path.join(os.fsencode(folder), b"pipe\xff")
    os.mkfifo(fifo)  # quarantined, under its name
    res = _run(db, "ingest", "--json", str(folder))
    assert res.exit_code == 6, res.stderr
    summary = json.loads(res.stdout)
    assert summary["reports"] == 1
    assert [q["path"] for q in summary["quarantined"]] == [f"{folder}/pipe\\xff"]
    (info,) = [json.loads(line) for line in
               _run(db, "evidence", "list", "--json").stdout.splitlines()]
    assert info["path"] == f"{folder}/caf\\xe9.jsonl"


def test_ingest_quarantine_lines_stay_one_line_per_record(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.bin"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    res = _run(tmp_path / "s.db", "ingest", str(path))
    assert res.exit_code == 6
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("quarantined: ") and "two\\nlines" in lines[0]


# -- store URL and schema -------------------------------------------------------------------

def test_empty_db_option_is_an_error_not_the_default_store(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCAMNET_DB", raising=False)
    res = _run("", "indicators")
    assert res.exit_code == 4 and "database URL is empty" in res.stderr
    assert not (tmp_path / "scamnet.db").exists()


@pytest.mark.parametrize(("db", "says"), [
    ("{tmp}/missing/s.db", "directory {tmp}/missing does not exist"),
    ("sqlite:///{tmp}/missing/s.db", "directory {tmp}/missing does not exist"),
    ("{tmp}", "is a directory"),
    ("postgresql://u:secret@[::1/db", "malformed database URL"),
])
def test_unusable_store_locations_are_named(tmp_path: Path, db: str, says: str) -> None:
    res = _run(db.format(tmp=tmp_path), "indicators")
    assert res.exit_code == 4, res.output
    assert says.format(tmp=tmp_path) in res.stderr
    assert "secret" not in res.stderr and "Traceback" not in res.output


def test_store_written_by_a_newer_version_is_refused_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store.open(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    res = _run(db, "indicators")
    assert res.exit_code == 5
    assert "9999_from_the_future" in res.stderr and "newer" in res.stderr


def _open_at(path: str, barrier: mp.synchronize.Barrier, errors: mp.Queue[str]) -> None:
    barrier.wait()
    try:
        Store.open(path).close()
    except Exception as exc:  # reported to the parent, which fails the test
        errors.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")
def test_processes_opening_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = mp.get_context("fork")
    n = 4
    for attempt in range(3):  # the race is in a few milliseconds of table creation
        path = str(tmp_path / f"s{attempt}.db")
        barrier = ctx.Barrier(n)
        errors: mp.Queue[str] = ctx.Queue()
        procs = [ctx.Process(target=_open_at, args=(path, barrier, errors)) for _ in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        found = []
        while not errors.empty():
            found.append(errors.get())
        # Messages say what went wrong: a failure here under load must be diagnosable.
        assert not found, found
        assert [p.exitcode for p in procs] == [0] * n, [p.exitcode for p in procs]


# -- output files -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("export", "-o", "{tmp}/missing/out.jsonl"),
    ("evidence", "get", "0123456789abcdef", "-o", "{tmp}/missing/ev.bin"),
    ("network", "net-0", "--html", "{tmp}/missing/n.html"),
])
def test_output_into_a_missing_directory_is_a_usage_error(tmp_path: Path,
                                                          args: tuple[str, ...]) -> None:
    res = _run(tmp_path / "s.db", *(a.format(tmp=tmp_path) for a in args))
    assert res.exit_code == 2, res.output
    assert f"directory {tmp_path}/missing does not exist" in res.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    src = tmp_path / "r.jsonl"
    src.write_text(_report("F-1", f"paid {WALLET}"), encoding="utf-8")
    _run(db, "ingest", str(src))
    res = _run(db, "export", "-o", "/dev/full")
    assert res.exit_code == 1
    assert res.stderr == "error: cannot write output: No space left on device\n"


# -- extract ------------------------------------------------------------------------------

def test_extract_reads_utf16_files_as_their_text(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(f"send to {WALLET} or call +66 81 234 5678".encode("utf-16"))
    res = _run(tmp_path / "s.db", "extract", "--json", str(path))
    assert res.exit_code == 0
    found = {json.loads(line)["value"] for line in res.stdout.splitlines()}
    assert found == {WALLET, "+66812345678"}


def test_extract_refuses_binary_input_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(bytes(range(256)) * 8)
    res = _run(tmp_path / "s.db", "extract", str(path))
    assert res.exit_code == 2 and "photo.jpg" in res.stderr and "binary" in res.stderr


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_country_without_a_numbering_plan_is_refused(tmp_path: Path, command: str) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text(_report("C-1", "call 081 234 5678"), encoding="utf-8")
    res = _run(tmp_path / "s.db", command, "--country", "XX", str(src))
    assert res.exit_code == 2 and "'XX'" in res.stderr
    res = _run(tmp_path / "s.db", command, "--country", "th", str(src))
    assert res.exit_code == 0, res.output


# -- classify and stage -------------------------------------------------------------------

def test_classify_skips_lone_surrogates_and_keeps_the_rest(tmp_path: Path) -> None:
    lines = ['{"text": "\\ud800 invest in USDT now"}',
             '{"text": "fine", "id": "\\udc00"}',
             '{"text": "\\ud83d\\ude00 a real pair is fine"}',
             "plain text"]
    path = tmp_path / "texts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = _run(tmp_path / "s.db", "classify", "--json", str(path))
    assert res.exit_code == 2
    assert [json.loads(line)["line"] for line in res.stdout.splitlines()] == [3, 4]
    assert f"{path}:1, field 'text': unpaired UTF-16 surrogate" in res.stderr
    assert f"{path}:2, field 'id': unpaired UTF-16 surrogate" in res.stderr


def test_classify_does_not_echo_terminal_escapes(tmp_path: Path) -> None:
    res = _run(tmp_path / "s.db", "classify", stdin="hello \x1b[2J\x1b]0;owned\x07 there\n")
    assert res.exit_code == 0
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout
    assert "\\x1b[2J" in res.stdout


def test_stage_exits_6_when_records_were_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(b"")
    res = _run(tmp_path / "s.db", "stage", str(path))
    assert res.exit_code == 6
    assert res.stderr.startswith("quarantined: ") and "empty" in res.stderr


# -- show and indicators print scammers' text as text ---------------------------------------

def test_show_and_indicators_print_markup_and_escapes_literally(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    src = tmp_path / "r.jsonl"
    src.write_text(_report("[/bold]M-1", "go to https://evil-trade.com/[/red] now \x1b[2J"
                           f"\x1b]0;pwned\x07 and pay {WALLET}"), encoding="utf-8")
    assert _run(db, "ingest", str(src)).exit_code == 0
    res = _run(db, "show", "[/bold]M-1")
    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout
    assert "[/bold]M-1" in res.stdout and "\\x1b[2J" in res.stdout
    res = _run(db, "indicators")
    assert res.exit_code == 0, res.output
    assert "https://evil-trade.com/[/red]" in res.stdout


# -- numeric options ----------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("networks", "--limit", "0"),
    ("networks", "--limit", "-1"),
    ("networks", "--min-reports", "-5"),
    ("screen", "Some Name", "--limit", "0"),
    ("screen", "Some Name", "--threshold", "nan"),
    ("screen", "Some Name", "--threshold", "-1"),
    ("classify", "--reasons", "-1", "-"),
    ("link", "--strong", "nan"),
    ("link", "--hub-share", "inf"),
    ("link", "--strong", "-1"),
    ("link", "--strong", "0"),
    ("link", "--hub-share", "2"),
    ("link", "--hub-share", "0"),
])
def test_out_of_range_numbers_are_usage_errors(tmp_path: Path, args: tuple[str, ...]) -> None:
    res = _run(tmp_path / "s.db", *args)
    assert res.exit_code == 2, res.output
    assert f"Invalid value for '{next(a for a in args if a.startswith('--'))}'" in res.stderr
