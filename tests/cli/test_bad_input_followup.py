"""Second red-team pass: bad input to link, screen, lists, settings and classify must end
in a result or one clean error line with a documented exit code, never a traceback."""

from __future__ import annotations

import ast
import inspect
import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scamnet.cli import main
from scamnet.errors import ConfigError
from scamnet.settings import Settings


def _run(db: Path | str, *args: str, stdin: bytes | str | None = None,
         env: dict[str, str] | None = None) -> Result:
    res = CliRunner().invoke(main, ["--db", str(db), *args], input=stdin, env=env)
    if res.exception and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res


# -- link ---------------------------------------------------------------------------------

def test_link_allowlist_that_is_not_utf8_names_file_and_line(tmp_path: Path) -> None:
    allow = tmp_path / "allow.tsv"
    allow.write_bytes(b"domain\tok.com\tsuffix\tfine\n" + b"\x89PNG\r\n\x1a\n\x00\xff" * 20)
    res = _run(tmp_path / "s.db", "link", "--allowlist", str(allow))
    assert res.exit_code == 2, res.output
    # Wording of scamnet.textfiles.utf8_text, which watchlists and batch files share.
    assert f"{allow}:2: byte 0x89 at offset 26 is not UTF-8" in res.stderr
    assert "Traceback" not in res.output


# -- screen and lists ---------------------------------------------------------------------

@pytest.mark.parametrize("dob", ["2020-13-45", "1990-02-30"])
def test_screen_impossible_birth_date_is_a_usage_error(tmp_path: Path, dob: str) -> None:
    res = _run(tmp_path / "s.db", "screen", "John Smith", "--dob", dob)
    assert res.exit_code == 2, res.output
    assert repr(dob) in res.stderr


def test_lists_load_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "watch.csv"
    path.write_bytes(b"name,country\nJohn Smith,us\n" + "Café Ltd,fr\n".encode("latin-1"))
    res = _run(tmp_path / "s.db", "lists", "load", str(path), "--name", "w")
    assert res.exit_code == 2, res.output
    assert f"{path}:3" in res.stderr and "0xe9" in res.stderr


def test_screen_batch_names_every_bad_line_and_screens_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    watch = tmp_path / "watch.csv"
    watch.write_text("name,country\nJohn Smith,us\n", encoding="utf-8")
    assert _run(db, "lists", "load", str(watch), "--name", "w").exit_code == 0
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"name": "John Smith"}\nnot json\n[1]\n{"name": "\\ud800"}\n'
                     '{"name": "Nobody Here"}\n', encoding="utf-8")
    for workers in ("1", "2"):
        res = _run(db, "screen", "--batch", str(batch), "--json", "--workers", workers)
        assert res.exit_code == 2, res.output
        assert [json.loads(line)["line"] for line in res.stdout.splitlines()] == [1, 5]
        assert res.stderr.startswith("error: 3 batch line(s) skipped")
        for where in (f"{batch}:2", f"{batch}:3", f"{batch}:4, field 'name'"):
            assert where in res.stderr


# -- settings -----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["XX", "UK", "T1", ""])
def test_scamnet_country_follows_the_country_option_rule(value: str) -> None:
    with pytest.raises(ConfigError, match="SCAMNET_COUNTRY"):
        Settings.from_env({"SCAMNET_COUNTRY": value})


def test_scamnet_country_accepts_what_the_option_accepts() -> None:
    assert Settings.from_env({"SCAMNET_COUNTRY": " th"}).default_country == "TH"


def test_scamnet_country_xx_is_a_configuration_error(tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps({"id": "C-1", "reported_at": "2025-03-01",
                               "narrative": "call 081 234 5678"}) + "\n", encoding="utf-8")
    res = _run(tmp_path / "s.db", "ingest", str(src), env={"SCAMNET_COUNTRY": "XX"})
    assert res.exit_code == 4, res.output
    assert "SCAMNET_COUNTRY" in res.stderr and "'XX'" in res.stderr


# -- classify -----------------------------------------------------------------------------

def test_classify_refuses_a_binary_file_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)
    res = _run(tmp_path / "s.db", "classify", str(path))
    assert res.exit_code == 2 and res.stdout == ""
    assert "photo.png" in res.stderr and "binary" in res.stderr


# -- docs -----------------------------------------------------------------------------------

def _exits_quarantined(func: object) -> bool:
    """Whether a command's code calls ``sys.exit(EXIT_QUARANTINED)`` (or ``sys.exit(6)``)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(func))))  # type: ignore[arg-type]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "sys.exit" and node.args:
            arg = node.args[0]
            if ast.unparse(arg) == "EXIT_QUARANTINED" or (
                    isinstance(arg, ast.Constant) and arg.value == 6):
                return True
    return False


def test_exit_code_6_names_every_command_that_uses_it() -> None:
    from scamnet.cli import load_all_commands
    from scamnet.docs import render_cli_docs

    load_all_commands()
    using = {name for name, cmd in main.commands.items()
             if cmd.callback is not None and _exits_quarantined(cmd.callback)}
    assert {"ingest", "stage", "retry-quarantined"} <= using
    (line,) = [s for s in render_cli_docs().splitlines() if s.startswith("Exit codes:")]
    said = line.split("quarantined (", 1)[1]
    for name in using:
        assert f"`{name}`" in said


def test_screen_name_that_was_not_utf8_on_the_command_line(tmp_path: Path) -> None:
    name = os.fsdecode(b"Jo\xffhn Smith")  # how Python hands over a Latin-1 terminal's bytes
    res = _run(tmp_path / "s.db", "screen", name)
    assert res.exit_code == 2, res.output
    assert "not text" in res.stderr
