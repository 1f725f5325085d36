"""List loaders: OFAC CSV/XML, FtM JSON lines, CSV watchlists; bad rows quarantined."""

from __future__ import annotations

from pathlib import Path

import pytest
from followthemoney import model

from scamnet.errors import InvalidInputError
from scamnet.screen.ftm import load_ftm_json
from scamnet.screen.ofac import load_sdn_csv, load_sdn_xml
from scamnet.screen.watchlist import detect_format, load_list, load_watchlist_csv

FIX = Path(__file__).parent / "fixtures"


def _by_name(entities, name):
    return next(e for e in entities if e.name == name)


def test_sdn_csv_slice_parses_remarks_and_wallets() -> None:
    data = (FIX / "sdn_slice.csv").read_bytes()
    assert data.endswith(b"\r\n\x1a")
    res = load_sdn_csv(data, "sdn_slice.csv")
    assert len(res.entities) == 11
    chen = _by_name(res.entities, "CHEN, Zhi")
    assert chen.id == "ofac-55505" and chen.schema == "Person"
    assert chen.values("birthDate") == ("1987-12-16",)
    assert chen.values("nationality") == ("cn",)
    assert set(chen.values("citizenship")) == {"kh", "vu", "cy"}
    assert len(chen.wallets) == 11 and all(w.chain == "bitcoin" for w in chen.wallets)
    # The 12th address was cut off by OFAC's remarks limit: quarantined, not dropped.
    (q,) = res.quarantined
    assert q.line == 7 and q.field == "Remarks" and q.record_id == "55505"
    assert "3CuqLrZWn5oCe6DR" in q.reason
    xiuling = _by_name(res.entities, "CHEN, Xiuling")
    assert xiuling.aliases == ("CHEN, Karen",)
    assert "PRINCE GROUP TRANSNATIONAL CRIMINAL ORGANIZATION" in xiuling.relations
    passport = next(i for i in xiuling.identifiers if i.type == "Passport")
    assert (passport.value, passport.country) == ("K2325996K", "Singapore")
    vector = _by_name(res.entities, "OLD VECTOR LLC")
    assert {(w.chain, w.address) for w in vector.wallets} == {
        ("ethereum", "0x12de548f79a50d2bd05481c8515c1ef5183666a9"),
        ("tron", "TCFD8N3vM5b4Gr5f1kkajQsodRVNyyAq1d")}
    aeza = _by_name(res.entities, "AEZA GROUP LLC")
    assert aeza.values("website") == ("aeza.ru",)
    assert aeza.values("program") == ("CAATSA - RUSSIA", "CYBER4")
    putin = _by_name(res.entities, "PUTIN, Vladimir Vladimirovich")
    assert putin.values("position") == ("President of the Russian Federation",)


def test_sdn_csv_entities_are_valid_ftm() -> None:
    res = load_sdn_csv((FIX / "sdn_slice.csv").read_bytes())
    for e in res.entities:
        for obj in e.to_ftm():
            proxy = model.get_proxy(obj, cleaned=False)
            assert proxy.schema.name in (e.schema, "CryptoWallet")
            assert proxy.caption


def test_sdn_csv_bad_lines_quarantined_rest_loads() -> None:
    good = (FIX / "sdn_slice.csv").read_bytes().replace(b"\x1a", b"")
    lines = good.split(b"\r\n")
    broken = b"\r\n".join([
        lines[0],
        b'99,"TRUNCATED ROW",-0- ,"SDGT",-0- ',           # 5 columns
        b'100,"UNBALANCED QUOTE,-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a',
        b'abc,"BAD ENT NUM",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        *lines[1:],
    ])
    res = load_sdn_csv(broken, "broken.csv")
    assert len(res.entities) == 11
    by_line = {q.line: q for q in res.quarantined}
    assert "12 columns" in by_line[2].reason
    assert by_line[3].reason  # unbalanced quote: csv error or column count
    assert by_line[4].field == "ent_num"
    assert all(q.path == "broken.csv" for q in res.quarantined)


def test_sdn_csv_add_and_alt_files_join() -> None:
    data = (FIX / "sdn_slice.csv").read_bytes()
    alt = b'306,1,"aka","BNC CUBA",-0- \r\n306,2,"fka","OLD BANCO",-0- \r\n999,3,"aka","X",-0- \r\n'
    add = b'306,1,"Calle 1","Havana","Cuba",-0- \r\n'
    res = load_sdn_csv(data, add=add, alt=alt)
    bnc = _by_name(res.entities, "BANCO NACIONAL DE CUBA")
    assert {"BNC", "BNC CUBA", "OLD BANCO"} <= set(bnc.aliases)
    assert bnc.values("previousName") == ("OLD BANCO",)
    assert bnc.values("country") == ("cu",)
    assert any("999" in q.reason for q in res.quarantined)


def test_sdn_xml_classic() -> None:
    res = load_sdn_xml((FIX / "sdn_classic.xml").read_bytes(), "SDN.XML")
    assert [e.id for e in res.entities] == ["ofac-55505", "ofac-55939", "ofac-55046"]
    chen = res.entities[0]
    assert chen.name == "CHEN, Zhi" and chen.schema == "Person"
    assert chen.aliases == ("CHEN, Vincent",)
    assert chen.values("birthDate") == ("1987-12-16",)
    assert chen.values("nationality") == ("cn",)
    assert chen.wallets[0].address == "bc1qeth6n6ryxexvkx34wnx3nuynun4474h3j0gkhw"
    assert chen.identifiers[0].ftm_property == "passportNumber"
    bank = res.entities[1]
    assert bank.schema == "Organization" and bank.relations == ("CHEN, Zhi",)
    usdt = next(w for w in res.entities[2].wallets if w.currency == "USDT")
    assert usdt.chain == "tron"  # USDT names no chain; the address form does
    (q,) = res.quarantined
    assert "uid" in q.reason


def test_sdn_xml_truncated_keeps_entries_before_the_break() -> None:
    data = (FIX / "sdn_classic.xml").read_bytes()
    cut = data[: data.index(b"<uid>55046</uid>") + 30]
    res = load_sdn_xml(cut, "cut.xml")
    assert [e.id for e in res.entities] == ["ofac-55505", "ofac-55939"]
    assert res.quarantined[-1].line is not None
    assert "not well-formed" in res.quarantined[-1].reason


def test_ftm_json_lines() -> None:
    res = load_ftm_json((FIX / "entities.ftm.json").read_bytes(), "entities.ftm.json")
    ids = [e.id for e in res.entities]
    assert ids == ["os-chen-zhi", "os-prince-bank"]
    chen = res.entities[0]
    assert "陈志" in chen.aliases and "Vincent Chen" in chen.aliases
    assert chen.wallets[0].chain == "bitcoin"
    assert res.skipped == 1  # the Sanction entity
    assert sorted(q.line for q in res.quarantined) == [5, 6]


def test_watchlist_csv() -> None:
    data = (
        b"name,type,dob,country,wallet,phone,domain,iban\n"
        b"Lucy Trader,person,1990-01-02,TH,,+66 81 234 5678,trade-bitkub.vip,\n"
        b",,,,TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t,,,\n"
        b"Bad Phone,person,,,,12,,\n"
        b"Bad Iban,company,,,,,,GB00WEST12345698765432\n"
        b"Too,many,,,,,,,extra\n"
    )
    res = load_watchlist_csv(data, "w.csv")
    assert [e.name for e in res.entities] == ["Lucy Trader", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"]
    lucy = res.entities[0]
    assert lucy.schema == "Person" and lucy.values("country") == ("th",)
    assert res.entities[1].wallets[0].chain == "tron"
    fields = {(q.line, q.field) for q in res.quarantined}
    assert (4, "phone") in fields and (5, "iban") in fields and (6, None) in fields


def test_watchlist_needs_header() -> None:
    with pytest.raises(InvalidInputError, match="header"):
        load_watchlist_csv(b"foo,bar\n1,2\n", "x.csv")


def test_detect_and_load_list() -> None:
    assert detect_format((FIX / "sdn_slice.csv").read_bytes(), "a.csv") == "ofac-csv"
    assert detect_format((FIX / "sdn_classic.xml").read_bytes(), "a") == "ofac-xml"
    assert detect_format((FIX / "entities.ftm.json").read_bytes(), "a") == "ftm"
    assert detect_format(b"name,type\nX,person\n", "w.csv") == "csv"
    with pytest.raises(InvalidInputError, match="empty"):
        load_list(b"  \n", "empty.csv")
    with pytest.raises(InvalidInputError, match="unknown list format"):
        load_list(b"x", "x", "nope")


def test_full_sdn_2024(shared_data: Path) -> None:
    res = load_sdn_csv((shared_data / "ofac-sdn-2024-05" / "sdn.csv").read_bytes(), "sdn.csv")
    # SOURCE.md: 14,965 entries; every row loads, only bad remark values are quarantined.
    assert len(res.entities) == 14965
    assert all(q.field == "Remarks" for q in res.quarantined)
    with_wallets = [e for e in res.entities if e.wallets]
    assert 50 <= len(with_wallets) <= 55  # SOURCE.md: 55 rows carry addresses


def test_sdn_advanced_xml() -> None:
    from scamnet.screen.ofac_advanced import load_sdn_advanced_xml

    data = (FIX / "sdn_advanced.xml").read_bytes()
    assert detect_format(data, "SDN_ADVANCED.XML") == "ofac-advanced"
    res = load_sdn_advanced_xml(data, "SDN_ADVANCED.XML")
    assert [e.id for e in res.entities] == ["ofac-55505", "ofac-55046", "ofac-55939"]
    chen, vector, bank = res.entities
    assert (chen.name, chen.schema, chen.aliases) == ("CHEN, Zhi", "Person", ("CHEN, Vincent",))
    assert chen.values("birthDate") == ("1987-12-16",)
    assert chen.values("gender") == ("male",)
    assert chen.wallets[0].address == "bc1qeth6n6ryxexvkx34wnx3nuynun4474h3j0gkhw"
    assert chen.identifiers[0].type == "Passport" and chen.identifiers[0].value == "E12345678"
    assert vector.schema == "Organization" and vector.values("weakAlias") == ("VECTOR",)
    assert vector.wallets[0].chain == "tron"
    assert vector.values("website") == ("oldvector.example",)
    (bad,) = res.quarantined
    assert bad.record_id == "99999" and "no name" in bad.reason
    # Features pointing at locations (an unknown location id is skipped).
    assert chen.values("nationality") == ("cn",)
    assert chen.values("citizenship") == ("kh",)
    assert chen.values("birthPlace") == ("Fujian, China",)
    assert bank.values("address") == ("Phnom Penh, Cambodia",)
    assert bank.values("country") == ("kh",)
    # Relations: the other party's name, as "Linked To:" (an unknown party is skipped).
    assert bank.relations == ("CHEN, Zhi",)
    assert chen.relations == ()


def test_sdn_advanced_xml_truncated() -> None:
    from scamnet.screen.ofac_advanced import load_sdn_advanced_xml

    data = (FIX / "sdn_advanced.xml").read_bytes()
    cut = data[: data.index(b'<DistinctParty FixedRef="55046">') + 40]
    res = load_sdn_advanced_xml(cut, "cut.xml")
    assert [e.id for e in res.entities] == ["ofac-55505"]
    assert "not well-formed" in res.quarantined[-1].reason
