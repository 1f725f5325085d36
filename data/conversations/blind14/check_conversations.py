#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 14 (eval/conversations.txt + eval/types.tsv).

Standalone (standard library only). Checks format, stages, labels, ids vs types.tsv,
counts, and prints the matching statistics per language x label.
Usage: python3 check_conversations.py [--write-counts]
Exit status 0 when every check passes; the summary is printed either way.
"""
import os
import re
import sys
import statistics
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, "eval", "conversations.txt")
TYPES = os.path.join(HERE, "eval", "types.tsv")

HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 14); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
STAGES = ["none", "contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
ORDER = {s: i for i, s in enumerate(STAGES)}  # none < contact < ... < pressure
TYPESET = ["benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"]
OTHER = ["task_scam", "recruitment_lure", "impersonation", "phishing"]
ALLOWED = {
    "benign": {"none"},
    "pig_butchering": set(STAGES),
    "task_scam": {"none", "contact", "pitch", "profit", "deposit", "withdrawal_blocked", "pressure"},
    "recruitment_lure": {"none", "contact"},
    "impersonation": {"none", "contact"},
    "phishing": {"none", "contact"},
}
ID_RE = re.compile(r"^b14-(my|km|ja|ko|pt|fr)-(0[1-9]|1[0-6])$")

# Money / finance vocabulary per language (for the benign-vs-scam matching statistic).
MONEY = {
    "my": r"လစာ|ကြေး|အခွန်|balance|deposit|ဝင်ငွေ|ကျပ်|သိန်း|သောင်း|ဒေါ်လာ|ဘတ်|ငွေ|ပိုက်ဆံ|လွှဲ|USDT|KPay|Wave|account|ဘဏ်|ရွှေ|Bitcoin|COD|အမြတ်|profit",
    "km": r"ថ្លៃ|balance|កាត|ចំណេញ|top-up|លុយ|\$|រៀល|ABA|USDT|ប្រាក់|ធនាគារ|មាស|ដុល្លារ|វ៉ុន|Bitcoin|COD|KHQR|profit",
    "ja": r"費|給|万|税|ボーナス|カード|手数料|チャージ|円|振込|振り込|入金|出金|口座|銀行|ビットコイン|仮想通貨|USDT|お金|貯金|家賃|残高|利益|投資",
    "ko": r"비용|연봉|세금|대출|수수료|카드|보증금|용돈|원|입금|출금|계좌|은행|송금|코인|비트코인|돈|잔고|수익|투자|곗돈|월세|달러",
    "pt": r"reais|pag|salário|taxa|empréstimo|cartão|câmbio|lucr|R\$|euros?|€|Pix|dinheiro|banco|transfer|bitcoin|USDT|saque|conta|renda|aluguel|lucro|ouro|dólares",
    "fr": r"pai|pay|salaire|crédit|carte|prime|rembours|€|\$|FCFA|argent|virement|banque|compte|bitcoin|USDT|retrait|mobile money|loyer|or\b|frais|épargne",
}
MONEY = {k: re.compile(v, re.I) for k, v in MONEY.items()}

SCRIPT_RE = {
    "my": re.compile(r"[\u1000-\u109F]"),
    "km": re.compile(r"[\u1780-\u17FF]"),
    "ja": re.compile(r"[\u3040-\u30FF]"),
    "ko": re.compile(r"[\uAC00-\uD7AF]"),
}
# Zawgyi-only habits: U+1031 (e-vowel) typed before a consonant at word start, or
# U+1039/103A misuse; a cheap heuristic: e-vowel at the start of a text or after a space.
ZAWGYI_RE = re.compile(r"(^|\s)\u1031")

errors = []


def err(msg):
    errors.append(msg)


def parse():
    raw = open(CONV, "rb").read()
    if b"\r" in raw:
        err("conversations.txt contains CR characters (must be LF)")
    text = raw.decode("utf-8")
    if not text.endswith("\n"):
        err("conversations.txt must end with a newline")
    lines = text.split("\n")
    if lines[:3] != HEADER:
        err("first three lines are not the required comment lines")
    comments = [ln for ln in lines if ln.startswith("#") and not ln.startswith("## ")]
    if len(comments) != 3:
        err(f"expected exactly 3 comment lines, found {len(comments)}")
    convs = []
    cur = None
    prev_blank = True
    for n, ln in enumerate(lines[3:], start=4):
        if ln == "":
            prev_blank = True
            cur = None
            continue
        if ln != ln.strip():
            err(f"line {n}: leading/trailing whitespace")
        if ln.startswith("## "):
            if not prev_blank:
                err(f"line {n}: header not preceded by a blank line")
            parts = ln[3:].split(" ")
            if len(parts) != 3:
                err(f"line {n}: bad header {ln!r}")
                continue
            cid, lang, label = parts
            m = ID_RE.match(cid)
            if not m:
                err(f"line {n}: bad id {cid!r}")
            elif m.group(1) != lang:
                err(f"line {n}: id language {m.group(1)} != {lang}")
            if lang not in LANGS:
                err(f"line {n}: bad language {lang!r}")
            if label not in ("benign", "scam"):
                err(f"line {n}: bad label {label!r}")
            cur = {"id": cid, "lang": lang, "label": label, "msgs": [], "line": n}
            convs.append(cur)
            prev_blank = False
            continue
        prev_blank = False
        if ln.startswith("#"):
            err(f"line {n}: comment line inside the data")
            continue
        if cur is None:
            err(f"line {n}: message outside a conversation")
            continue
        parts = ln.split("\t")
        if len(parts) != 3:
            err(f"line {n}: expected 3 tab-separated fields, got {len(parts)}")
            continue
        sp, st, tx = parts
        if sp not in ("S", "V"):
            err(f"line {n}: bad speaker {sp!r}")
        if st not in STAGES:
            err(f"line {n}: bad stage {st!r}")
        if not tx.strip():
            err(f"line {n}: empty text")
        cur["msgs"].append((sp, st, tx))
    return convs


def read_types():
    lines = open(TYPES, encoding="utf-8").read().rstrip("\n").split("\n")
    if lines[0] != "id\ttype":
        err("types.tsv: bad header")
    out = {}
    for ln in lines[1:]:
        parts = ln.split("\t")
        if len(parts) != 2:
            err(f"types.tsv: bad line {ln!r}")
            continue
        if parts[0] in out:
            err(f"types.tsv: duplicate id {parts[0]}")
        if parts[1] not in TYPESET:
            err(f"types.tsv: bad type {parts[1]!r}")
        out[parts[0]] = parts[1]
    return out


def furthest(msgs):
    return max((st for _, st, _ in msgs), key=lambda s: ORDER[s])


def has_double(msgs):
    return any(msgs[i][0] == msgs[i + 1][0] for i in range(len(msgs) - 1))


def main():
    convs = parse()
    types = read_types()
    ids = [c["id"] for c in convs]
    if len(ids) != len(set(ids)):
        err("duplicate conversation ids")
    if set(ids) != set(types):
        err(f"ids differ between conversations.txt and types.tsv: {sorted(set(ids) ^ set(types))}")
    if len(convs) != 96:
        err(f"expected 96 conversations, found {len(convs)}")

    seen_text = {}
    seen_sent = {}
    type_total = Counter()
    for c in convs:
        t = types.get(c["id"], "?")
        c["type"] = t
        type_total[t] += 1
        n = len(c["msgs"])
        if not 3 <= n <= 16:
            err(f"{c['id']}: {n} messages (need 3-16)")
        if (t == "benign") != (c["label"] == "benign"):
            err(f"{c['id']}: label {c['label']} vs type {t}")
        allowed = ALLOWED.get(t, set())
        for sp, st, tx in c["msgs"]:
            if st not in allowed:
                err(f"{c['id']}: stage {st} not allowed for type {t}")
            key = re.sub(r"\W+", " ", tx.lower()).strip()
            if key in seen_text and seen_text[key] != c["id"]:
                err(f"{c['id']}: message text repeated from {seen_text[key]}: {tx[:40]!r}")
            seen_text.setdefault(key, c["id"])
            # sentence-level: no sentence (>= 10 chars) may appear in two different chats
            for sent in re.split(r"[.!?\u3002\uff01\uff1f\u104a\u104b\u17d4,\u3001\uff0c:\uff1a;]+", tx):
                sk = re.sub(r"\s+", " ", sent.strip().lower())
                if len(sk) >= 10:
                    if sk in seen_sent and seen_sent[sk] != c["id"]:
                        err(f"{c['id']}: sentence shared with {seen_sent[sk]}: {sk[:40]!r}")
                    seen_sent.setdefault(sk, c["id"])
            if re.search(r"https?://|www\.", tx, re.I):
                err(f"{c['id']}: live link {tx[:60]!r}")
            if re.search(r"\w\.(com|net|org|io|kh|jp|kr|br|pt|fr|be|ca|ci)\b", tx) and "[.]" not in tx:
                err(f"{c['id']}: undefanged domain? {tx[:60]!r}")
            if unicodedata.normalize("NFC", tx) != tx:
                err(f"{c['id']}: text not NFC")
            if c["lang"] == "my" and ZAWGYI_RE.search(tx):
                err(f"{c['id']}: possible Zawgyi ordering: {tx[:40]!r}")
        if c["lang"] in SCRIPT_RE:
            joined = " ".join(tx for _, _, tx in c["msgs"])
            if not SCRIPT_RE[c["lang"]].search(joined):
                err(f"{c['id']}: no {c['lang']} script")
        if t in ("recruitment_lure", "impersonation", "phishing"):
            if c["msgs"][0][1] != "contact":
                err(f"{c['id']}: {t} should open with a contact message")
        if t == "pig_butchering" and furthest(c["msgs"]) in ("none", "contact"):
            err(f"{c['id']}: pig_butchering chat never goes past contact")
        if c["label"] == "scam" and c["msgs"][0][0] != "S":
            err(f"{c['id']}: scam chat not opened by S")

    for t in OTHER:
        if type_total[t] < 3:
            err(f"type {t} appears {type_total[t]} times overall (need >= 3)")

    # per-language checks
    nums = defaultdict(list)
    for c in convs:
        nums[c["lang"]].append(int(c["id"][-2:]))
    for lang in LANGS:
        cs = [c for c in convs if c["lang"] == lang]
        if sorted(nums[lang]) != list(range(1, 17)):
            err(f"{lang}: ids are not 01..16")
        tc = Counter(c["type"] for c in cs)
        if tc["benign"] != 8:
            err(f"{lang}: {tc['benign']} benign (need 8)")
        if tc["pig_butchering"] != 5:
            err(f"{lang}: {tc['pig_butchering']} pig_butchering (need 5)")
        if sum(tc[t] for t in OTHER) != 3:
            err(f"{lang}: need 3 other scam types")
        pb = sorted(furthest(c["msgs"]) for c in cs if c["type"] == "pig_butchering")
        if len(set(pb)) < 5:
            err(f"{lang}: pig_butchering furthest stages not all different: {pb}")
        for label in ("benign", "scam"):
            if sum(1 for c in cs if c["label"] == label and len(c["msgs"]) >= 12) < 2:
                err(f"{lang}/{label}: fewer than 2 chats with >= 12 messages")

    # statistics
    out = []
    out.append("ScamNet blind evaluation set 14 - counts (from check_conversations.py)")
    out.append(f"conversations: {len(convs)}  messages: {sum(len(c['msgs']) for c in convs)}")
    out.append("types: " + ", ".join(f"{t}={type_total[t]}" for t in TYPESET))
    all_n = [len(c["msgs"]) for c in convs]
    out.append(f"messages per conversation overall: min {min(all_n)} median {statistics.median(all_n)} max {max(all_n)}")
    out.append("")
    cols = ["lang", "label", "n", "msg_min", "msg_med", "msg_max", "long>=12", "chars/conv_med",
            "chars/msg_med", "S_first", "money_chats", "money_hits_med", "double_sender", "V_share", "link_chats"]
    out.append("\t".join(cols))
    for lang in LANGS:
        for label in ("benign", "scam"):
            cs = [c for c in convs if c["lang"] == lang and c["label"] == label]
            ns = [len(c["msgs"]) for c in cs]
            cpc = [sum(len(tx) for _, _, tx in c["msgs"]) for c in cs]
            cpm = [len(tx) for c in cs for _, _, tx in c["msgs"]]
            hits = [sum(len(MONEY[lang].findall(tx)) for _, _, tx in c["msgs"]) for c in cs]
            vshare = sum(1 for c in cs for sp, _, _ in c["msgs"] if sp == "V") / max(1, sum(ns))
            row = [lang, label, len(cs), min(ns), statistics.median(ns), max(ns),
                   sum(1 for x in ns if x >= 12), statistics.median(cpc), statistics.median(cpm),
                   sum(1 for c in cs if c["msgs"][0][0] == "S"), sum(1 for h in hits if h > 0),
                   statistics.median(hits), sum(1 for c in cs if has_double(c["msgs"])), f"{vshare:.2f}",
                   sum(1 for c in cs if any("hxxp" in tx for _, _, tx in c["msgs"]))]
            out.append("\t".join(str(x) for x in row))
    out.append("")
    out.append("furthest stage per conversation (scam chats), by language:")
    for lang in LANGS:
        fs = Counter(furthest(c["msgs"]) for c in convs if c["lang"] == lang and c["label"] == "scam")
        out.append(f"  {lang}: " + ", ".join(f"{s}={fs[s]}" for s in STAGES if fs[s]))
    fs = Counter(furthest(c["msgs"]) for c in convs)
    out.append("furthest stage overall (all 96): " + ", ".join(f"{s}={fs[s]}" for s in STAGES if fs[s]))
    out.append("pig_butchering furthest stages by language:")
    for lang in LANGS:
        pb = [furthest(c["msgs"]) for c in convs if c["lang"] == lang and c["type"] == "pig_butchering"]
        out.append(f"  {lang}: " + ", ".join(sorted(pb, key=lambda s: ORDER[s])))
    msg_stages = Counter(st for c in convs for _, st, _ in c["msgs"])
    out.append("message stage labels: " + ", ".join(f"{s}={msg_stages[s]}" for s in STAGES))
    tl = Counter((c["lang"], c["type"]) for c in convs if c["type"] in OTHER)
    out.append("other scam types by language: " + "; ".join(
        f"{lang}: " + ", ".join(t for t in OTHER if tl[(lang, t)]) for lang in LANGS))
    out.append("")
    out.append("checks: " + ("PASS" if not errors else f"FAIL ({len(errors)} problems)"))
    summary = "\n".join(out) + "\n"
    print(summary, end="")
    for e in errors:
        print("ERROR:", e)
    if "--write-counts" in sys.argv:
        open(os.path.join(HERE, "COUNTS.txt"), "w", encoding="utf-8", newline="\n").write(summary)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
