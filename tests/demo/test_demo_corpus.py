"""The demo corpus: deterministic, well-formed, multilingual, and its truth matches its files."""

from __future__ import annotations

import csv
import email
import email.policy
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from scamnet.demo import DemoCorpus, generate, iter_report_records

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
DECOY_DOMAINS = {"binance.com", "okx.com", "coinbase.com"}


@pytest.fixture(scope="module")
def corpus() -> DemoCorpus:
    return generate()


@pytest.fixture(scope="module")
def files(corpus: DemoCorpus) -> dict[str, bytes]:
    return dict(corpus.files)


def _digest(c: DemoCorpus) -> str:
    h = hashlib.sha256()
    for path, data in c.files:
        h.update(path.encode() + b"\0" + data + b"\0")
    h.update(c.truth_json())
    return h.hexdigest()


# --- determinism --------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes(corpus: DemoCorpus) -> None:
    again = generate()
    assert again.files == corpus.files
    assert again.truth_json() == corpus.truth_json()


def test_other_seed_gives_other_corpus(corpus: DemoCorpus) -> None:
    assert _digest(generate(seed=8)) != _digest(corpus)


def test_identical_across_processes_with_different_hash_seeds(corpus: DemoCorpus) -> None:
    # Set iteration order depends on PYTHONHASHSEED; the corpus must not.
    code = ("import hashlib,sys\nfrom scamnet.demo import generate\nc=generate()\n"
            "h=hashlib.sha256()\n"
            "for p,d in c.files: h.update(p.encode()+b'\\0'+d+b'\\0')\n"
            "h.update(c.truth_json())\nprint(h.hexdigest())")
    for hash_seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True)
        assert out.stdout.strip() == _digest(corpus)


def test_write_puts_files_and_truth_on_disk(corpus: DemoCorpus, tmp_path: Path) -> None:
    corpus.write(tmp_path / "a")
    for path, data in corpus.files:
        assert (tmp_path / "a" / path).read_bytes() == data
    assert json.loads((tmp_path / "a" / "truth.json").read_text("utf-8")) == corpus.truth
    corpus.write(tmp_path / "b", truth_path=tmp_path / "truth-b.json")
    assert not (tmp_path / "b" / "truth.json").exists()
    assert (tmp_path / "truth-b.json").read_bytes() == corpus.truth_json()
    written = sorted(str(p.relative_to(tmp_path / "b")) for p in (tmp_path / "b").rglob("*")
                     if p.is_file())
    assert written == sorted(path for path, _ in corpus.files)


def test_scale_multiplies(corpus: DemoCorpus) -> None:
    big = generate(scale=2)
    assert len(big.truth["networks"]) == 2 * len(corpus.truth["networks"])
    assert len(big.truth["reports"]) > 1.7 * len(corpus.truth["reports"])
    assert len(big.truth["chats"]) > 1.7 * len(corpus.truth["chats"])
    with pytest.raises(ValueError):
        generate(scale=0)


# --- size and content ---------------------------------------------------------------------


def test_default_size_matches_brief(corpus: DemoCorpus) -> None:
    counts = corpus.truth["counts"]
    assert 150 <= counts["reports"] <= 300
    assert 20 <= counts["chats"] <= 40
    assert counts["emails"] == 2
    assert len(corpus.truth["networks"]) >= 5


def test_every_language_present_in_text(corpus: DemoCorpus, files: dict[str, bytes]) -> None:
    langs = set(corpus.truth["languages"].values())
    assert {"en", "zh", "vi", "th", "id", "es"} <= langs
    records = _all_records(files)
    by_lang = defaultdict(list)
    for rec in records:
        by_lang[rec["language"]].append(rec["narrative"])
    # The language tag is honest: the script of the text agrees with it.
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in by_lang["zh"])
    assert all(re.search(r"[\u0e00-\u0e7f]", t) for t in by_lang["th"])
    assert all(re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệọỏốồổỗộớờởỡợụủứừửữự]", t, re.I)
               for t in by_lang["vi"])
    assert all(re.search(r"[ñ¿¡áéíóú]", t) or " el " in t or " la " in t for t in by_lang["es"])


def test_stages_and_scam_types_use_known_labels(corpus: DemoCorpus) -> None:
    stages = set(corpus.truth["stage_labels"])
    assert stages == {"contact", "rapport", "pitch", "deposit", "profit",
                      "withdrawal_blocked", "pressure"}
    seen = {label for labels in corpus.truth["stages"].values() for label in labels if label}
    assert seen == stages
    types = set(corpus.truth["scam_types"].values())
    assert {"investment", "task", "recruitment", "not_scam", "impersonation"} <= types
    allowed = {"investment", "romance", "task", "recruitment", "impersonation", "phishing",
               "advance_fee", "not_scam"}
    assert types <= allowed


def test_reported_at_spreads_over_2024_to_2026(files: dict[str, bytes]) -> None:
    years = {r["reported_at"][:4] for r in _all_records(files) if "reported_at" in r}
    assert years == {"2024", "2025", "2026"}


# --- truth agrees with the files ----------------------------------------------------------


def _csv_records(data: bytes, encoding: str) -> list[dict[str, Any]]:
    rows = list(csv.DictReader(io.StringIO(data.decode(encoding), newline="")))
    for row in rows:
        row["suspect_identifiers"] = [s for s in row["suspect_identifiers"].split(";") if s]
    return rows


def _all_records(files: dict[str, bytes], include_bad: bool = False) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path, data in files.items():
        if path.startswith("bad/") and not include_bad:
            continue
        if path.endswith(".jsonl"):
            for line in data.decode("utf-8").splitlines():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError:
                    if not include_bad:
                        raise
        elif path.endswith(".csv"):
            encoding = "gb18030" if "gb18030" in path else "cp874" if "cp874" in path else "utf-8"
            out.extend(_csv_records(data, encoding))
    return out


def test_every_report_id_in_truth_and_back(corpus: DemoCorpus, files: dict[str, bytes]) -> None:
    ids = [r["id"] for r in _all_records(files, include_bad=True)]
    assert len(ids) == len(set(ids))
    quarantined = {q["record_id"] for q in corpus.truth["quarantine"]}
    assert set(ids) - quarantined == set(corpus.truth["reports"])
    for key in corpus.truth["reports"]:
        assert key in corpus.truth["scam_types"]
        assert key in corpus.truth["languages"]
        assert key in corpus.truth["indicators"]
    net_ids = {n["id"] for n in corpus.truth["networks"]}
    assert set(corpus.truth["reports"].values()) <= net_ids | {None}


def test_chat_ids_are_sha256_prefixes(corpus: DemoCorpus, files: dict[str, bytes]) -> None:
    assert set(corpus.truth["chat_ids"]) == set(corpus.truth["chats"])
    for path, chat_id in corpus.truth["chat_ids"].items():
        assert chat_id == hashlib.sha256(files[path]).hexdigest()[:16]


_WA_LINE = re.compile(r"^\u200e?(\[\d{1,2}/\d{1,2}/\d{2,4}, \d{1,2}:\d{2}:\d{2}( [AP]M)?\] |"
                      r"\d{1,2}/\d{1,2}/\d{2,4}, \d{1,2}:\d{2}(\u202f[AP]M)? - )")


def _decode_chat(data: bytes) -> str:
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    return data.decode("utf-8")


def test_stage_labels_line_up_with_messages(corpus: DemoCorpus, files: dict[str, bytes]) -> None:
    assert {p for p in corpus.truth["chats"] if p.startswith("chats/")} == set(
        corpus.truth["stages"])
    for path, labels in corpus.truth["stages"].items():
        data = files[path]
        if path.endswith(".json"):
            doc = json.loads(data.decode("utf-8"))
            assert doc["type"] == "personal_chat"
            count = len(doc["messages"])
        else:
            lines = _decode_chat(data).splitlines()
            count = sum(1 for line in lines if _WA_LINE.match(line))
            assert "end-to-end encrypted" in lines[0]
            assert labels[0] is None
        assert count == len(labels), path


def test_chat_formats_cover_the_real_variants(corpus: DemoCorpus, files: dict[str, bytes]) -> None:
    formats = {v["format"] for p, v in corpus.truth["files"].items() if p.startswith("chats/")}
    assert {"whatsapp-android24", "whatsapp-android12", "whatsapp-ios24", "whatsapp-ios12",
            "telegram-json"} <= formats
    utf16 = [p for p, v in corpus.truth["files"].items() if v["encoding"] == "utf-16-le-bom"]
    assert utf16 and all(files[p].startswith(b"\xff\xfe") for p in utf16)
    texts = [_decode_chat(d) for p, d in files.items() if p.startswith("chats/whatsapp/")]
    assert any("<Media omitted>" in t for t in texts)
    # Multi-line messages: a line that starts without a timestamp continues the one before.
    assert any(any(line and not _WA_LINE.match(line) for line in t.splitlines()) for t in texts)
    tg = [json.loads(d) for p, d in files.items() if p.endswith("result.json")]
    assert any(isinstance(m["text"], list) and any(isinstance(e, dict) and e["type"] == "link"
                                                   for e in m["text"])
               for doc in tg for m in doc["messages"])


def test_planted_indicators_appear_in_the_text(corpus: DemoCorpus,
                                               files: dict[str, bytes]) -> None:
    text_of: dict[str, str] = {}
    for rec in _all_records(files, include_bad=True):
        text_of[rec["id"]] = json.dumps(rec, ensure_ascii=False)
    for path in corpus.truth["chats"]:
        data = files[path]
        if path.endswith(".eml"):
            msg = email.message_from_bytes(data, policy=email.policy.default)
            parts = [p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain"]
            text_of[path] = str(msg["From"]) + "\n".join(parts)
        else:
            text_of[path] = _decode_chat(data)
    for key, planted in corpus.truth["indicators"].items():
        text = text_of[key].lower()
        for ind in planted:
            value = ind["value"].lower()
            if ind["kind"] == "domain":
                assert value in text or value.replace(".", "[.]") in text, (key, value)
            elif ind["kind"] in ("wallet", "email", "url", "telegram", "line", "wechat"):
                assert value in text, (key, value)
            elif ind["kind"] in ("phone", "whatsapp"):
                digits = value.lstrip("+")
                # Written forms vary; the national significant digits survive every one
                # once full-width and Thai digits are folded.
                folded = text.translate(str.maketrans("０１２３４５６７８９๐๑๒๓๔๕๖๗๘๙",
                                                      "01234567890123456789"))
                squashed = re.sub(r"[^0-9]", "", folded)
                assert digits[-7:] in squashed, (key, value)


def test_quarantine_points_at_bad_lines(corpus: DemoCorpus, files: dict[str, bytes]) -> None:
    reasons = {q["reason"] for q in corpus.truth["quarantine"]}
    assert len(corpus.truth["quarantine"]) == 3, reasons
    for q in corpus.truth["quarantine"]:
        data = files[q["path"]]
        if q["path"].endswith(".jsonl"):
            line = data.decode("utf-8").splitlines()[q["line"] - 1]
            if q["field"] is None:
                with pytest.raises(json.JSONDecodeError):
                    json.loads(line)
            else:
                rec = json.loads(line)
                assert q["field"] not in rec and rec["id"] == q["record_id"]
        else:
            lines = data.decode("utf-8").splitlines()
            row = next(csv.DictReader(io.StringIO(lines[0] + "\n" + lines[q["line"] - 1])))
            assert row["id"] == q["record_id"]
            assert float(row[q["field"]]) < 0


@pytest.mark.parametrize(("encoding", "script"), [("gb18030", r"[\u4e00-\u9fff]"),
                                                  ("cp874", r"[\u0e00-\u0e7f]")])
def test_legacy_encoded_files_are_not_utf8(corpus: DemoCorpus, files: dict[str, bytes],
                                           encoding: str, script: str) -> None:
    paths = [p for p, v in corpus.truth["files"].items() if v["encoding"] == encoding]
    assert paths
    for path in paths:
        with pytest.raises(UnicodeDecodeError):
            files[path].decode("utf-8")
        assert re.search(script, files[path].decode(encoding))


def test_emails_are_mime_with_encoded_subjects(corpus: DemoCorpus,
                                               files: dict[str, bytes]) -> None:
    paths = [p for p in files if p.endswith(".eml")]
    assert len(paths) == 2
    for path in paths:
        raw = files[path]
        assert b"=?UTF-8?B?" in raw.split(b"\r\n\r\n", 1)[0]
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert msg.is_multipart()
        assert re.search(r"[\u4e00-\u9fff]", str(msg["Subject"]))


# --- the network structure linking is evaluated on ----------------------------------------


def _decoy_values(truth: dict[str, Any], network: str | None = None) -> set[str]:
    """Values that must not link; the recycled phone is genuine for its first network."""
    d = truth["decoys"]
    out = {*DECOY_DOMAINS, d["shortener"]["url"], d["victim_two_networks"]["email"]}
    if network != d["recycled_phone"]["networks"][0]:
        out.add(d["recycled_phone"]["phone"])
    return out


def test_decoys_are_where_truth_says(corpus: DemoCorpus) -> None:
    t = corpus.truth
    d = t["decoys"]
    nets_of = lambda ids: {t["reports"][i] for i in ids}  # noqa: E731
    assert nets_of(d["shortener"]["reports"]) == set(d["shortener"]["networks"])
    assert nets_of(d["recycled_phone"]["reports"]) == set(d["recycled_phone"]["networks"])
    assert nets_of(d["victim_two_networks"]["reports"]) == set(
        d["victim_two_networks"]["networks"])
    first, later = d["recycled_phone"]["networks"]
    dates = {i: _reported_at(corpus, i) for i in d["recycled_phone"]["reports"]}
    assert all(dates[i] < "2025" for i in dates if t["reports"][i] == first)
    assert all(dates[i] >= "2026" for i in dates if t["reports"][i] == later)
    assert d["no_indicator_reports"]
    assert all(not t["indicators"][i] for i in d["no_indicator_reports"])
    exchange_hits = [i for i, inds in t["indicators"].items()
                     if any(x["value"] in DECOY_DOMAINS for x in inds)]
    nets = {t["reports"].get(i, t["chats"].get(i)) for i in exchange_hits}
    assert len(nets - {None}) >= 3


def _reported_at(corpus: DemoCorpus, rid: str) -> str:
    for rec in _all_records(dict(corpus.files)):
        if rec["id"] == rid:
            return str(rec["reported_at"])
    raise KeyError(rid)


def _components(keys: list[str], values_of: dict[str, set[str]]) -> int:
    """Number of groups of ``keys`` connected through shared values."""
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first_seen: dict[str, str] = {}
    for k in keys:
        for v in values_of[k]:
            if v in first_seen:
                parent[find(k)] = find(first_seen[v])
            else:
                first_seen[v] = k
    return len({find(k) for k in keys})


@pytest.mark.parametrize(("seed", "scale"), [(7, 1), (11, 1), (2024, 1), (7, 2)])
def test_networks_hold_together_without_decoys(seed: int, scale: int) -> None:
    """Each network's reports and chats connect through its own infrastructure alone,
    and no infrastructure other than the decoys is shared between networks."""
    truth = generate(seed, scale).truth
    members: dict[str, list[str]] = defaultdict(list)
    owner: dict[str, set[str]] = defaultdict(set)
    values_of: dict[str, set[str]] = {}
    for key, net in {**truth["reports"], **truth["chats"]}.items():
        if net is None:
            continue
        decoys = _decoy_values(truth, net)
        # Message text alone must connect a network: a sender's number only shows up
        # in the chats where the scammer was an unsaved contact.
        values_of[key] = {f"{i['kind']}:{i['value']}" for i in truth["indicators"][key]
                          if i["value"] not in decoys and i.get("where", "text") == "text"}
        members[net].append(key)
        for v in values_of[key]:
            owner[v].add(net)
    assert [v for v, nets in owner.items() if len(nets) > 1] == []
    assert set(members) == {n["id"] for n in truth["networks"]}
    for net, keys in members.items():
        assert _components(keys, values_of) == 1, net


# --- safety of fictional data -------------------------------------------------------------


def _fictional_domains(truth: dict[str, Any]) -> set[str]:
    out = {d for n in truth["networks"] for d in n["domains"]}
    out |= {i["value"] for inds in truth["indicators"].values() for i in inds
            if i["kind"] == "domain"}
    return out - DECOY_DOMAINS


def test_domains_not_in_real_scam_lists(corpus: DemoCorpus) -> None:
    lists = [SHARED / "scamsniffer", SHARED / "metamask-eth-phishing-detect",
             SHARED / "polkadot-phishing", SHARED / "cryptoscamdb"]
    texts = [p.read_text("utf-8", errors="replace").lower()
             for d in lists if d.is_dir() for p in sorted(d.iterdir())
             if p.suffix in (".json", ".yaml")]
    if not texts:
        pytest.skip("../shared/data lists not present")
    for domain in sorted(_fictional_domains(corpus.truth)):
        for text in texts:
            assert domain not in text, domain


def test_only_the_planted_wallet_is_real_and_it_is_on_the_bundled_list(
        corpus: DemoCorpus, files: dict[str, bytes]) -> None:
    """One fictional network cashes out through a real OFAC-listed address, and it shows."""
    from importlib.resources import files as package_files

    from scamnet.demo.sanctions import DEMO_LIST_FILE

    listed = (package_files("scamnet.demo") / "data" / DEMO_LIST_FILE).read_text("latin-1")
    planted = {(n["id"], w) for n in corpus.truth["networks"] for w in n["sanctioned_wallets"]}
    assert len(planted) == 1
    ((net_id, wallet),) = planted
    assert wallet in listed
    net = next(n for n in corpus.truth["networks"] if n["id"] == net_id)
    assert wallet in net["wallets"]
    assert any(wallet.encode() in data for data in files.values())
    # No other wallet of the corpus is on the list.
    others = {w for n in corpus.truth["networks"] for w in n["wallets"]} - {wallet}
    assert not any(w in listed for w in others)


# --- the benchmark stream -----------------------------------------------------------------


def test_iter_report_records_is_deterministic_and_sized() -> None:
    first = list(iter_report_records(300, seed=3))
    assert first == list(iter_report_records(300, seed=3))
    assert first != list(iter_report_records(300, seed=4))
    assert len(first) == 300
    assert len({r["id"] for r in first}) == 300
    sizes = sorted(len(r["narrative"].encode("utf-8")) for r in first)
    assert 800 <= sizes[len(sizes) // 2] <= 2000
    assert {r["language"] for r in first} >= {"en", "zh", "vi", "th", "id", "es"}
    with_wallet = [r for r in first if re.search(r"\b(0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33}"
                                                 r"|bc1q[02-9ac-hj-np-z]{38}|1[1-9A-HJ-NP-Za-km-z]"
                                                 r"{25,33})\b", r["narrative"])]
    assert len(with_wallet) > 100
    for r in first:
        json.dumps(r)  # JSON-serialisable as the schema requires
