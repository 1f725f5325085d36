"""Messaging handles typed in words: Telegram, LINE, WeChat, WhatsApp, Zalo."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from scamnet.extract import extract

from .strategies import filler


def handles(text: str) -> set[tuple[str, str]]:
    result = extract(text, country="VN", kinds=["telegram", "line", "wechat", "whatsapp", "zalo"])
    for i in result:
        assert text[i.start:i.end] == i.raw
    return {(i.kind, i.value) for i in result}


@pytest.mark.parametrize(("text", "expected"), [
    ("add me on Telegram @Lucy_Trader88", ("telegram", "lucy_trader88")),
    ("@lucy_trader88 是我的电报", ("telegram", "lucy_trader88")),
    ("Telegram: lucy_trader88", ("telegram", "lucy_trader88")),
    ("加我飞机 @amy_coin", ("telegram", "amy_coin")),
    ("LINE ID: amy.invest", ("line", "amy.invest")),
    ("ID line: Amy_88", ("line", "amy_88")),
    ("ไลน์: amy.invest", ("line", "amy.invest")),
    ("แอดไลน์ @shop123 ค่ะ", ("line", "@shop123")),
    ("微信：wxid_abc123", ("wechat", "wxid_abc123")),
    ("微信号 lucy8888", ("wechat", "lucy8888")),
    ("WeChat: Lucy-8888", ("wechat", "lucy-8888")),
    ("加vx: lucy8888", ("wechat", "lucy8888")),
    ("V信 lucy8888", ("wechat", "lucy8888")),
    ("WX:lucy_99 谢谢", ("wechat", "lucy_99")),
    ("Zalo: 0912 345 678", ("zalo", "+84912345678")),
    ("WhatsApp: +855 12 345 678", ("whatsapp", "+85512345678")),
    # A bare space is enough when the word after it can only be a handle.
    ("Telegram lucy_fx88", ("telegram", "lucy_fx88")),
    ("Telegram ID lucyfx", ("telegram", "lucyfx")),
    ("my telegram username lucyfx", ("telegram", "lucyfx")),
    ("电报是 lucyfx", ("telegram", "lucyfx")),
    ("飞机号：lucyfx", ("telegram", "lucyfx")),
    ("ไลน์ amy.invest", ("line", "amy.invest")),
    ("ไลน์ไอดี amyinvest", ("line", "amyinvest")),
    ("IDline: amy", ("line", "amy")),
    ("微信zhang88", ("wechat", "zhang88")),
    ("Zalo là 0912345678", ("zalo", "+84912345678")),
])
def test_handles(text: str, expected: tuple[str, str]) -> None:
    assert expected in handles(text)


@pytest.mark.parametrize("text", [
    "mail lucy_trader88@gmail.com about telegram",  # e-mail, not a handle
    "@lucy_trader88 said hi",  # no Telegram context
    "online shopping line 5",
    "the deadline: tomorrow",
    "twx: abcdefg",
])
def test_not_handles(text: str) -> None:
    assert handles(text) == set()


# The word after a platform name is ordinary prose: no separator, no ID marker,
# no "@", nothing a prose word lacks. These once gave telegram:"after" and the
# like, which merged unrelated scam networks through a shared "handle".
@pytest.mark.parametrize("text", [
    "He added me on Telegram after I commented on his photo.",
    "She moved us to Telegram because WhatsApp was 'not safe'.",
    "Telegram identity checks are weak",
    "我们在telegram channel里聊天，他说他在香港。",
    "他让我下载飞机 Telegram 再联系",
    "Anh ấy nhắn tin qua Telegram trong nhiều tuần liền.",
    "Chị ấy gọi qua Zalo nhiều lần, nói về đầu tư.",
    "คุยใน Telegram group ทุกวัน แล้วก็ให้โอนเงิน",
    "เขาทักไลน์ shopping ของฉันก่อน",
    "added me on WeChat yesterday and asked about my salary",
    "加了微信 zhangwei 以后他每天问候",
    "I paid line fees twice",
    "tgabcde wxabc123",
    "Contact on WhatsApp after work, never on weekends",
])
def test_prose_after_platform_name_is_not_a_handle(text: str) -> None:
    assert handles(text) == set()


@given(word=st.from_regex(r"[A-Za-z]{5,12}", fullmatch=True),
       platform=st.sampled_from(["Telegram", "TG", "WeChat", "weixin", "ไลน์", "电报"]),
       prefix=filler, suffix=filler)
def test_plain_word_after_platform_name_is_never_a_handle(
    word: str, platform: str, prefix: str, suffix: str
) -> None:
    assume(not word.lower().startswith(("id", "username")))  # ID markers, not prose
    assert handles(f"{prefix} on {platform} {word} {suffix}") == set()


# 6 to 21 characters: valid as a Telegram name (5-32) and a WeChat ID (6-20).
NAME = st.from_regex(r"[a-z][a-z0-9_]{5,19}", fullmatch=True)


@given(name=NAME, prefix=filler, suffix=filler,
       form=st.sampled_from(["Telegram @{}", "t.me/{}", "LINE ID: {}", "微信：{}", "vx: {}"]))
def test_handle_round_trip(name: str, prefix: str, suffix: str, form: str) -> None:
    text = f"{prefix} {form.format(name)} {suffix}"
    kind = {"T": "telegram", "t": "telegram", "L": "line", "微": "wechat", "v": "wechat"}[form[0]]
    assert (kind, name) in handles(text)


@given(name=NAME, prefix=filler, suffix=filler)
def test_bare_at_name_is_telegram_only_on_telegram(name: str, prefix: str, suffix: str) -> None:
    """Written on Telegram, "@name" is a Telegram handle even with no Telegram word near;
    elsewhere it stays unattributed (it could be Instagram, X, ...)."""
    text = f"{prefix} contact @{name} {suffix}"
    assume("@" not in prefix + suffix)
    on_telegram = extract(text, kinds=["telegram"], platform="Telegram")
    found = [i for i in on_telegram if i.value == name]
    assert found and text[found[0].start:found[0].end] == f"@{name}"
    if not any(w in text.lower() for w in ("telegram", "tg", "电报", "飞机")):
        assert found[0].attrs["context"] == "platform"
        assert extract(text, kinds=["telegram"]) == []
        assert extract(text, kinds=["telegram"], platform="whatsapp") == []


def test_email_on_telegram_is_not_a_handle() -> None:
    assert extract("mail support@coinvault.com", kinds=["telegram"], platform="telegram") == []


@given(number=st.integers(min_value=10**4, max_value=10**15 - 1), prefix=filler, suffix=filler,
       form=st.sampled_from(["tg://user?id={}", "tg://openmessage?user_id={}",
                             "TG://openmessage?chat_id={}"]))
def test_telegram_id_links(number: int, prefix: str, suffix: str, form: str) -> None:
    link = form.format(number)
    text = f"{prefix} {link} {suffix}"
    found = [i for i in extract(text, kinds=["telegram_id"]) if i.raw == link]
    assert len(found) == 1
    expected = ("chat" if "chat_id" in form else "user") + str(number)
    assert found[0].value == expected and found[0].attrs["source"] == "link"
    assert text[found[0].start:found[0].end] == link


def test_telegram_id_needs_the_link_form() -> None:
    assert extract("user id=5938201234, tg://user?id=12 and tg:/user?id=5938201234",
                   kinds=["telegram_id"]) == []
