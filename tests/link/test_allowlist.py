from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scamnet.errors import InvalidInputError
from scamnet.link.allowlist import load_allowlist, parse_allowlist
from scamnet.link.cluster import cluster_observations
from scamnet.link.observations import ObservationTable

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load_allowlist()


@pytest.mark.parametrize("kind,value,listed", [
    ("domain", "binance.com", True),
    ("domain", "www.binance.com", True),
    ("domain", "binance.com.scam-login.vip", False),
    ("domain", "notbinance.com", False),
    ("url", "https://accounts.binance.com/en/login", True),
    ("url", "https://bit.ly/Abc123", True),
    ("domain", "t.me", True),
    ("domain", "vercel.app", True),
    ("domain", "trade-desk.vercel.app", False),  # a user site on a hosting platform
    ("domain", "metamask.io", True),  # from the MetaMask list
    ("domain", "github.io", True),  # from the polkadot-js list
    ("wallet", "binance.com", False),  # kinds are kept apart
])
def test_shipped_lookup(shipped, kind: str, value: str, listed: bool) -> None:  # type: ignore[no-untyped-def]
    assert (shipped.lookup(kind, value) is not None) is listed


def test_lookup_gives_reason_and_source(shipped) -> None:  # type: ignore[no-untyped-def]
    entry = shipped.lookup("domain", "www.okx.com")
    assert entry is not None and "exchange" in entry.reason and entry.source.endswith(".tsv")


def test_parse_reports_every_bad_line() -> None:
    lines = ["# comment", "domain\tok.com\tsuffix\tfine", "domain\tx.com\tfuzzy\twhy",
             "only two\tcols", "wallet\t\texact\tempty"]
    with pytest.raises(InvalidInputError) as exc:
        list(parse_allowlist(lines, "mine.tsv"))
    lines_named = [p.line for p in exc.value.problems]
    assert lines_named == [3, 4, 5]
    assert "mine.tsv:3" in str(exc.value)


def test_missing_user_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="nope.tsv"):
        load_allowlist([tmp_path / "nope.tsv"])


@pytest.mark.parametrize(("data", "line", "says"), [
    # A picture given by mistake: named as binary data, as extract and classify name it.
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, 1, "binary data, not text"),
    (b"domain\tok.com\tsuffix\tfine\n" + "domain\tcafé.com\texact\tx\n".encode("latin-1"), 2,
     "not UTF-8"),
    ("domain\tok.com\tsuffix\tfine\n".encode("utf-16"), 1, "UTF-16-LE text? save the file"),
    (b"domain\tok.com\tsuffix\tfine\n" + b"domain\tx\x00.com\texact\tx\n", 2, "is not text"),
], ids=["picture", "latin-1", "utf-16", "nul"])
def test_user_file_not_utf8_is_named_with_its_line(tmp_path: Path, data: bytes, line: int,
                                                   says: str) -> None:
    path = tmp_path / "mine.tsv"
    path.write_bytes(data)
    with pytest.raises(InvalidInputError) as exc:
        load_allowlist([path], shipped=False)
    (problem,) = exc.value.problems
    assert problem.file == str(path) and problem.line == line
    assert says in problem.reason


def test_user_file_saved_with_a_bom_allowlists_its_first_line(tmp_path: Path) -> None:
    """Notepad and Excel start UTF-8 files with a byte-order mark; it is not part of the
    first line's kind."""
    path = tmp_path / "mine.tsv"
    path.write_bytes(b"\xef\xbb\xbfdomain\tmy-bank.example\tsuffix\tour bank\n"
                     b"wallet\tTR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\texact\thot wallet\n")
    allow = load_allowlist([path], shipped=False)
    hit = allow.lookup("domain", "www.my-bank.example")
    assert hit is not None and hit.kind == "domain" and hit.reason == "our bank"


def test_tron_exchange_wallets_as_user_allowlist(tmp_path: Path) -> None:
    """The internal-only TRON labels are never shipped, but work through --allowlist."""
    src = SHARED / "tron-address-labels" / "tron_exchange_labels.json"
    if not src.is_file():
        pytest.skip("../shared/data/tron-address-labels is not present")
    labels = json.loads(src.read_text("utf-8"))
    exchange = sorted(a for a, v in labels.items()
                      if v.get("misttrack_label_type") == "exchange")[:50]
    path = tmp_path / "tron.tsv"
    path.write_text("".join(f"wallet\t{a}\texact\texchange hot wallet (internal labels)\n"
                            for a in exchange), "utf-8")
    allow = load_allowlist([path], shipped=False)
    hot = exchange[0]
    table = ObservationTable.from_rows([("a", "wallet", hot, True), ("b", "wallet", hot, True)])
    result = cluster_observations(table, allowlist=allow)
    assert result.partition() == {"a": "a", "b": "b"}
    assert result.suppressed[0].rule == "allowlist" and "hot wallet" in result.suppressed[0].reason
    shipped_text = "".join(p.read_text("utf-8") for p in
                           (Path(__file__).resolve().parents[2] / "src" / "scamnet" / "link"
                            / "data").glob("*.tsv"))
    assert hot not in shipped_text


_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
_entry = st.tuples(st.sampled_from(["domain", "wallet", "phone", "url"]),
                   st.lists(_label, min_size=1, max_size=3).map(".".join),
                   st.sampled_from(["exact", "suffix"]),
                   st.text(alphabet="abc xyz()", min_size=1, max_size=20).map(str.strip)
                   .filter(bool))


@given(st.lists(_entry, max_size=20))
def test_allowlist_tsv_round_trip(entries: list[tuple[str, str, str, str]]) -> None:
    lines = ["# header"] + ["\t".join(e) for e in entries]
    parsed = list(parse_allowlist(lines, "gen.tsv"))
    assert [(p.kind, p.value, p.match, p.reason) for p in parsed] == entries
    allow = load_allowlist(shipped=False).extend(parsed)
    for kind, value, _match, _reason in entries:
        assert allow.lookup(kind, value) is not None
