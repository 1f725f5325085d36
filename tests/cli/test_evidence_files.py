"""Getting stored evidence back, byte for byte, and refusing altered evidence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import update

from scamnet.cli import main
from scamnet.store import schema
from scamnet.store.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "intake" / "whatsapp_th.txt"


def _run(db: Path, *args: str) -> tuple[int, bytes, str]:
    res = CliRunner().invoke(main, ["--db", str(db), *args])
    return res.exit_code, res.stdout_bytes, res.stderr


def test_list_and_get_return_the_exact_bytes(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _run(db, "ingest", str(FIXTURE))
    sha = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    code, out, _ = _run(db, "evidence", "list", "--json")
    assert code == 0
    (info,) = [json.loads(line) for line in out.decode().splitlines()]
    assert (info["sha256"], info["size"], info["format"], info["reports"]) == (
        sha, FIXTURE.stat().st_size, "whatsapp", 1)
    code, out, _ = _run(db, "evidence", "get", sha[:10])
    assert code == 0 and out == FIXTURE.read_bytes()
    target = tmp_path / "copy.txt"
    code, _, err = _run(db, "evidence", "get", sha, "-o", str(target))
    assert code == 0 and target.read_bytes() == FIXTURE.read_bytes() and sha in err
    code, _, err = _run(db, "evidence", "get", sha, "-o", str(target))
    assert code == 2 and "not overwriting" in err


def test_unknown_or_short_sha_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _run(db, "ingest", str(FIXTURE))
    assert _run(db, "evidence", "get", "0" * 64)[0] == 3
    code, _, err = _run(db, "evidence", "get", "abc")
    assert code == 3 and "prefix of 8+ hex digits" in err


def test_altered_evidence_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _run(db, "ingest", str(FIXTURE))
    sha = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    with Store.open(f"sqlite:///{db}") as store, store.begin() as conn:
        conn.execute(update(schema.evidence).values(data=b"tampered"))
    code, out, err = _run(db, "evidence", "get", sha)
    assert code == 5 and out == b"" and "corrupted" in err
