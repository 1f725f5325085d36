"""The on-disk index cache: keyed by snapshots and matcher version, never stale."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

import scamnet.screen.snapshots as snapshots
from scamnet.cli import main
from scamnet.screen.cache import cache_dir_for, index_key, read_index, write_index
from scamnet.screen.entities import Identifier, ListEntity, LoadResult, Wallet
from scamnet.screen.index import ScreeningIndex
from scamnet.screen.matcher import NameMatcher, Query
from scamnet.screen.ofac import load_sdn_csv
from scamnet.screen.snapshots import list_snapshots, load_index, save_snapshot
from scamnet.store.store import Store

FIX = Path(__file__).parent / "fixtures"


def _entity() -> ListEntity:
    return ListEntity("w-1", "Person", "CHEN, Zhi", ("Zhi CHEN",),
                      {"nationality": ("cn",), "birthDate": ("1987-12-16",)},
                      (Wallet("bitcoin", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "XBT"),),
                      (Identifier("Passport", "E123", "cn"),), ("PRINCE GROUP",), 7)


def test_list_entity_pickles() -> None:
    e = _entity()
    back = pickle.loads(pickle.dumps(e))
    assert back == e
    assert back.values("nationality") == ("cn",)
    with pytest.raises(TypeError):
        back.properties["x"] = ("y",)  # type: ignore[index]


def test_cache_round_trip_and_unreadable_file(tmp_path: Path) -> None:
    index = ScreeningIndex()
    index.add("ofac", load_sdn_csv((FIX / "sdn_slice.csv").read_bytes()).entities)
    path = write_index(index, tmp_path, "k" * 64)
    assert path is not None and path.exists()
    back = read_index(tmp_path, "k" * 64)
    assert back is not None
    q = Query("Zhi Chen")
    assert [m.to_json() for m in back.search_name(q)] == \
        [m.to_json() for m in index.search_name(q)]
    path.write_bytes(b"not a pickle")
    assert read_index(tmp_path, "k" * 64) is None
    assert read_index(tmp_path, "other") is None


def test_key_changes_with_snapshot_and_matcher_version(store: Store) -> None:
    save_snapshot(store, "watch", LoadResult([_entity()], [], "csv"), source_path="a", data=b"1")
    snaps = list_snapshots(store)
    key = index_key(snaps, NameMatcher())

    class Next(NameMatcher):
        VERSION = NameMatcher.VERSION + ".1"

    assert index_key(snaps, Next()) != key
    save_snapshot(store, "watch", LoadResult([_entity()], [], "csv"), source_path="b", data=b"2")
    newest = [s for s in list_snapshots(store) if s.version == 2]
    assert index_key(newest, NameMatcher()) != key


def test_load_index_uses_and_refreshes_the_cache(store: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    save_snapshot(store, "watch", LoadResult([_entity()], [], "csv"), source_path="a", data=b"1")
    first = load_index(store, cache_dir=cache)
    assert len(list(cache.glob("index-*.pickle"))) == 1
    calls: list[str] = []
    real = snapshots.snapshot_entities

    def counting(store: Store, name: str, version: int | None = None) -> list[ListEntity]:
        calls.append(name)
        return real(store, name, version)

    monkeypatch.setattr(snapshots, "snapshot_entities", counting)
    second = load_index(store, cache_dir=cache)
    assert calls == []  # read from the cache, not rebuilt
    assert second.search_name(Query("Chen Zhi"))[0].entity_id == \
        first.search_name(Query("Chen Zhi"))[0].entity_id
    # A new snapshot is a new key: rebuilt, and the old file goes.
    other = ListEntity("w-9", "Person", "LEI, Bo")
    save_snapshot(store, "watch", LoadResult([other], [], "csv"), source_path="b", data=b"2")
    third = load_index(store, cache_dir=cache)
    assert calls == ["watch"]
    assert third.search_name(Query("Lei Bo"))[0].entity_id == "w-9"
    assert len(list(cache.glob("index-*.pickle"))) == 1


def test_cache_dir_for_store_urls(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert cache_dir_for(make_url(f"sqlite:///{db}")) == tmp_path / "s.db.screen-cache"
    assert cache_dir_for(make_url("sqlite://")) is None
    assert cache_dir_for(make_url("postgresql://u@h/db")) is None


def test_cli_screen_keeps_a_cache_next_to_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    out = runner.invoke(main, ["--db", db, "lists", "load", str(FIX / "sdn_slice.csv"),
                               "--name", "ofac"])
    assert out.exit_code == 0, out.output
    for extra in ([], [], ["--no-cache"]):
        out = runner.invoke(main, ["--db", db, "screen", "陈志", "--json", *extra])
        assert out.exit_code == 0, out.output
        assert '"ofac-55505"' in out.output
    assert len(list((tmp_path / "s.db.screen-cache").glob("index-*.pickle"))) == 1
