from __future__ import annotations

from scamnet.analyze.scripts import ScriptText, find_templates, mask_text

PITCH = ("Hi {name}, my uncle is an analyst at a crypto fund, I made {n} USDT this week on "
         "{site}, do you want me to show you how?")


def _texts() -> list[ScriptText]:
    return [
        ScriptText("r1", "message", 2, PITCH.format(name="Jenny", n=3000, site="bitvex.com")),
        ScriptText("r2", "message", 0, PITCH.format(name="Maria", n=12500, site="coinmax.net")),
        ScriptText("r3", "narrative", 0, "He wrote: " + PITCH.format(name="Tom", n=800,
                                                                     site="trade-x.io")),
        ScriptText("r4", "message", 1,
                   "完全不同的一句话，讲的是周末去爬山和吃饭的安排，没有别的意思。"),
        ScriptText("r5", "message", 3, "Your parcel is held at customs, pay the fee of 2.99 "
                                       "GBP at royal-mail-fee.com within 24 hours"),
        ScriptText("r5", "message", 4, "Your parcel is held at customs, pay the fee of 3.50 "
                                       "GBP at royal-mail-fee.com within 48 hours"),
    ]


def test_masking() -> None:
    m = mask_text("Hi Jenny, send 3,000 USDT to bitvex.com or @agent_lee [NAME]")
    assert "jenny" not in m and "3,000" not in m and "bitvex" not in m and "agent_lee" not in m


def test_one_script_many_reports() -> None:
    tps = find_templates(_texts())
    assert len(tps) == 1
    assert tps[0].reports == ("r1", "r2", "r3")
    assert tps[0].id.startswith("tpl-") and tps[0].to_dict()["n_reports"] == 3


def test_same_report_twice_is_not_a_template() -> None:
    assert not any("r5" in t.reports for t in find_templates(_texts()))
    assert find_templates(_texts(), min_reports=1)  # but it is a near-duplicate group


def test_ids_are_stable_and_order_free() -> None:
    a = find_templates(_texts())
    b = find_templates(list(reversed(_texts())))
    assert [t.id for t in a] == [t.id for t in b]


def test_short_and_empty_texts_ignored() -> None:
    assert find_templates([ScriptText("a", "message", 0, "ok"),
                           ScriptText("b", "message", 0, "ok")]) == []
    assert find_templates([]) == []
