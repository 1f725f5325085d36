"""Telegram Desktop JSON exports: single chat, full export, entities, offsets, damage."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scamnet.intake.base import Source
from scamnet.intake.telegram import message_text

from .conftest import MakeSource, ReadAll


def test_single_chat(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    source = fixture_source("telegram_single.json")
    reports, bad = read_all(source)
    assert len(reports) == 1
    chat = reports[0]
    assert chat.id == source.sha256[:16] and chat.title == "Mia Gold"
    assert chat.platform == "telegram" and dict(chat.extra) == {
        "chat_id": "5550001", "chat_type": "personal_chat"}
    msgs = chat.messages
    assert [m.sender for m in msgs] == ["Mia Gold", "Victim", "Mia Gold", "Mia Gold", "Mia Gold"]
    # date_unixtime is exact and wins over the zone-less wall-clock "date".
    assert msgs[0].sent_at == datetime(2024, 2, 1, 10, 0, tzinfo=UTC)
    assert msgs[2].text == ("Register on our platform (https://hk-goldex.top/reg?c=77) and "
                            "message @goldex_support or call +852 5123 4567")
    assert msgs[3].media == "photos/photo_1@02-02-2024_09-01-00.jpg"
    assert msgs[4].system and msgs[4].text == "Mia Gold phone call"
    # Offsets point at each message object in the evidence bytes.
    for m in msgs:
        assert m.offset is not None and source.data[m.offset:m.offset + 1] == b"{"
        obj, _ = json.JSONDecoder().raw_decode(source.data[m.offset:].decode("utf-8"))
        if "date_unixtime" in obj:
            assert m.sent_at == datetime.fromtimestamp(int(obj["date_unixtime"]), UTC)
        else:
            assert obj["date"] == m.sent_at.isoformat()  # type: ignore[union-attr]
    assert [(q.field, q.offset is not None) for q in bad] == [
        ("messages[4]", True), ("messages[5]", True)]
    assert "text must be a string or a list" in bad[0].reason
    assert json.loads(bad[0].raw)["id"] == 5
    assert bad[1].raw == b'"not a message"'


def test_full_export(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    source = fixture_source("telegram_full.json")
    reports, bad = read_all(source)
    assert not bad
    sha = source.sha256[:16]
    assert [(r.id, r.title, len(r.messages)) for r in reports] == [
        (f"{sha}-1", "Goldex VIP", 2), (f"{sha}-2", "刘经理", 1), (f"{sha}-3", "Old Group", 0)]
    first = reports[0].messages
    assert first[0].system and first[0].text == "Goldex Admin invite members Victim"
    assert "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t" in first[1].text
    # Byte offsets stay right after multi-byte characters (刘经理).
    m = reports[1].messages[0]
    obj, _ = json.JSONDecoder().raw_decode(source.data[m.offset:].decode("utf-8"))
    assert obj["text"] == "加我微信 liu_jingli88，带你做单"
    chat = reports[1]
    assert source.data[chat.offset:].decode("utf-8").lstrip().startswith("{")


def test_truncated_export_keeps_messages_before_the_cut(
        fixture_source: Callable[[str], Source], make_source: MakeSource,
        read_all: ReadAll) -> None:
    full = fixture_source("telegram_single.json").data
    cut = full.index(b'"id": 4')  # inside message 4
    reports, bad = read_all(make_source(full[:cut], "result.json"), "telegram")
    assert [len(r.messages) for r in reports] == [3]
    assert len(bad) == 1 and "truncated" in bad[0].reason
    assert bad[0].offset is not None and full[bad[0].offset:bad[0].offset + 1] == b"{"
    assert bad[0].raw == full[bad[0].offset:cut]


def test_truncated_file_is_detected_as_telegram(
        fixture_source: Callable[[str], Source], make_source: MakeSource) -> None:
    from scamnet.intake.registry import detect
    full = fixture_source("telegram_full.json").data
    reader = detect(make_source(full[: len(full) // 2], "result.json"))
    assert reader is not None and reader.name == "telegram"


def test_not_an_export(make_source: MakeSource, read_all: ReadAll) -> None:
    reports, bad = read_all(make_source('{"hello": "world"}', "x.json"), "telegram")
    assert not reports and len(bad) == 1 and "not a Telegram export" in bad[0].reason
    reports, bad = read_all(make_source("[1, 2]", "x.json"), "telegram")
    assert not reports and "top level is not a JSON object" in bad[0].reason


def test_utf16_export(fixture_source: Callable[[str], Source], make_source: MakeSource,
                      read_all: ReadAll) -> None:
    plain = fixture_source("telegram_single.json")
    wide = make_source(b"\xff\xfe" + plain.data.decode("utf-8").encode("utf-16-le"),
                       "result.json")
    got, _ = read_all(wide, "telegram")
    want, _ = read_all(plain, "telegram")
    assert [m.text for m in got[0].messages] == [m.text for m in want[0].messages]
    offset = got[0].messages[0].offset
    assert offset is not None
    assert wide.data[offset:offset + 2].decode("utf-16-le") == "{"


@pytest.mark.parametrize(("value", "text"), [
    ("plain", "plain"), (None, ""), (["a", {"type": "bold", "text": "b"}], "ab"),
    ([{"type": "text_link", "text": "click", "href": "https://x.vip"}], "click (https://x.vip)"),
    ([{"type": "link", "text": "https://x.vip"}], "https://x.vip"),
    ([{"type": "text_link", "text": "https://x.vip", "href": "https://x.vip"}], "https://x.vip"),
])
def test_message_text(value: object, text: str) -> None:
    assert message_text(value) == text


@pytest.mark.parametrize("value", [42, {"text": "x"}, ["a", 3], [{"text": 5}]])
def test_message_text_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        message_text(value)


def test_mention_in_an_export_is_a_telegram_handle(make_source: MakeSource,
                                                    read_all: ReadAll) -> None:
    """A mention entity in a Telegram export names a Telegram account: ingest
    observes it as one, with no "Telegram" word needed in the text."""
    from scamnet.intake.pipeline import observe

    export = {"name": "Anna", "type": "personal_chat", "id": 5938201234, "messages": [
        {"id": 1, "type": "message", "date": "2025-03-12T21:16:00", "from": "Anna",
         "from_id": "user5938201234",
         "text": ["Register, then contact ", {"type": "mention", "text": "@coinvault_support"}]},
    ]}
    (report,) = read_all(make_source(json.dumps(export), "result.json"))[0]
    handles = [o for o in observe(report) if o.indicator.kind == "telegram"]
    assert [(o.field, o.indicator.value) for o in handles] == [("message", "coinvault_support")]


@pytest.mark.parametrize(("chat_type", "value"), [
    ("personal_chat", "user5938201234"), ("private_supergroup", "channel5938201234"),
    ("private_group", "chat5938201234"), ("saved_messages", None),
])
def test_chat_id_is_a_telegram_id(make_source: MakeSource, read_all: ReadAll, chat_type: str,
                                  value: str | None) -> None:
    """The chat's id names the other party or the group (it survives renames); a
    "saved messages" chat is the exporter's own account and gives nothing."""
    from scamnet.intake.pipeline import observe

    export = {"name": "Anna", "type": chat_type, "id": 5938201234, "messages": [
        {"id": 1, "type": "message", "date": "2025-03-12T21:16:00", "from": "Anna",
         "from_id": "user5938201234", "text": "hello"}]}
    (report,) = read_all(make_source(json.dumps(export), "result.json"))[0]
    ids = [o for o in observe(report) if o.indicator.kind == "telegram_id"]
    assert [o.indicator.value for o in ids] == ([value] if value else [])
    for o in ids:
        assert o.field == "chat" and o.indicator.raw == "5938201234"
        assert o.indicator.attrs == {"source": "export", "chat_type": chat_type}


def test_two_victims_exports_with_one_renamed_account_link(tmp_path: Path) -> None:
    """Two victims export their chats with the same account under different display
    names and no other shared indicator: the account's id links them."""
    from scamnet.intake.pipeline import ingest
    from scamnet.link import link, list_networks
    from scamnet.settings import Settings
    from scamnet.store.store import Store

    for n, name in enumerate(("Anna Gold", "Mia Trader")):
        folder = tmp_path / f"victim{n}"
        folder.mkdir()
        export = {"name": name, "type": "personal_chat", "id": 5938201234, "messages": [
            {"id": 1, "type": "message", "date": f"2025-03-1{n}T21:16:00", "from": name,
             "from_id": "user5938201234", "text": f"hello dear {n}"}]}
        (folder / "result.json").write_text(json.dumps(export), encoding="utf-8")
    with Store.open(str(tmp_path / "s.db")) as store:
        ingest(store, [tmp_path / "victim0", tmp_path / "victim1"], Settings())
        link(store)
        (net,) = list_networks(store)
        assert net.reports == 2
