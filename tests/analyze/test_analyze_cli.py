from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scamnet.cli import main


def test_classify_json_lines_and_bad_lines() -> None:
    data = ("Congratulations! You won a 1000 prize, call 09061701461 to claim\n"
            '{"id": "x1", "text": "see you at dinner tonight"}\n'
            '{"broken json\n'
            '{"text": 5}\n'
            "\n"
            "😀😀\n").encode() + b"\xff\xfe\x00 junk\n"
    res = CliRunner().invoke(main, ["classify", "--json", "-"], input=data)
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 6, 7]
    assert out[0]["is_scam"] and not out[1]["is_scam"] and out[1]["id"] == "x1"
    for o in out:
        assert {"language", "is_scam", "scam_type", "risk", "reasons", "model",
                "model_version"} <= set(o)
    assert res.exit_code == 2
    assert ":3" in res.stderr and ":4" in res.stderr and "'text'" in res.stderr


def test_classify_json_line_is_the_library_result() -> None:
    """Each line holds exactly `Classification.to_dict()` after `line` (and `id`), keys in
    that order, non-ASCII text written as UTF-8, and nothing lost in the floats."""
    from scamnet.analyze.classifier import default_classifier

    texts = ["您好，我是客服，请下载APP充值USDT，每天收益30%",
             "Xin chào, hẹn gặp lại tối nay nhé 😊"]
    res = CliRunner().invoke(main, ["classify", "--json", "-"],
                             input="\n".join(texts).encode())
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    expected = default_classifier().classify(texts, explain=5)
    assert len(lines) == len(expected)
    for i, (line, want) in enumerate(zip(lines, expected, strict=True), start=1):
        got = json.loads(line)
        assert list(got) == ["line", *want.to_dict()]
        assert got == {"line": i, **want.to_dict()}
        assert "\\u" not in line  # written as UTF-8, not escaped
    assert "您好" in lines[0] and "Xin chào" in lines[1]


def test_classify_plain_output(tmp_path: Path) -> None:
    p = tmp_path / "in.txt"
    p.write_text("hello there\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["classify", str(p)])
    assert res.exit_code == 0 and "risk" in res.stdout


def test_stage_on_a_transcript(tmp_path: Path) -> None:
    p = tmp_path / "chat.txt"
    p.write_text(
        "Kevin: Hi Jenny, are we still on for golf? Oh sorry, wrong number!\n"
        "Me: no problem\n"
        "Kevin: My uncle is an analyst, he gives me crypto trading signals. "
        "I can teach you to open an account.\n"
        "Me: I transferred 1000 USDT to the wallet address\n"
        "Kevin: To withdraw you must first pay the 20% tax, your account is frozen\n",
        encoding="utf-8")
    res = CliRunner().invoke(main, ["stage", "--json", str(p)])
    assert res.exit_code == 0, res.output
    (out,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert out["stage"] == "withdrawal_blocked" and out["turned_to_money_at"] == 2
    assert out["model"] and out["model_version"]


def test_analyze_command(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    res = CliRunner().invoke(main, ["--db", str(db), "analyze", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["reports"] == 0


def test_compare_classifiers_reads_the_guard_sets_only(shared_dir: Path, tmp_path: Path) -> None:
    from scamnet.analyze.classifier import MODEL_FILE
    from scamnet.analyze.evaluation import BLIND_MESSAGE_SETS
    from scamnet.analyze.linear import shipped_model_dir

    from .conftest import CURATED

    shipped = shipped_model_dir() / MODEL_FILE
    res = CliRunner().invoke(main, ["compare-classifiers", str(shipped), "--against",
                                    str(shipped), "--shared", str(shared_dir), "--curated",
                                    str(CURATED), "--resamples", "20", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    names = {r["set"] for r in rows}
    # the real sets' eval splits, the curated eval part and the listed blind sets;
    # a blind set written for a later round (none now) would never be read
    assert {"uci-sms-spam", "indonesian-sms-spam", "curated", *BLIND_MESSAGE_SETS} <= names
    unlisted = {d.name for d in CURATED.iterdir()
                if d.name.startswith("blindmsg") and d.name not in BLIND_MESSAGE_SETS}
    assert not names & unlisted
    assert all(r["changed"] == 0 and r["difference"] == r["low"] == r["high"] == 0
               for r in rows)
    missing = CliRunner().invoke(main, ["compare-classifiers", str(tmp_path / "no.json")])
    assert missing.exit_code == 2
