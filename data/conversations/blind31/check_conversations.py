#!/usr/bin/env python3
"""Checker for blind evaluation set 31 (eval/conversations.txt + eval/types.tsv).

Validates format, ids, labels, stages and types, then prints matching statistics per
language x label. Exit status 1 on any error. Usage: python3 check_conversations.py [--counts OUT]
"""
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONV = HERE / "eval" / "conversations.txt"
TYPES = HERE / "eval" / "types.tsv"
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
ORDER = ["none", "contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
RANK = {s: i for i, s in enumerate(ORDER)}
TYPES_OK = {"benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"}
PB_END = ["rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
TASK_STAGES = {"none", "contact", "pitch", "profit", "deposit", "withdrawal_blocked", "pressure"}
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 31); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = re.compile(
    r"USDT|BTC|bitcoin|crypto|trading|trade|marchés?|mercado|rembours|carte bancaire|numéro de carte|\$|€|₩|円|원|R\$|FCFA|euros?\b|dólar|dollar|ABA|bank|banco|banque|"
    r"ကျပ်|သိန်း|ငွေ|ဘတ်|ဘဏ်|ရွှေ|"
    r"ប្រាក់|លុយ|ដុល្លារ|ធនាគារ|មាស|"
    r"銀行|振込|送金|出金|入金|万円|金の|仮想通貨|金庫|現金|収入|投資|口座|預金|"
    r"만원|계좌|입금|출금|코인|금값|곗돈|월세|은행|결제|수익|"
    r"Pix|dinheiro|salário|aluguel|renda|ouro|"
    r"argent|virement|loyer|salaire|prêt|\bor\b|cotisation|paye",
    re.IGNORECASE,
)

errors = []


def err(msg):
    errors.append(msg)


def parse():
    raw = CONV.read_bytes()
    if b"\r" in raw:
        err("CR characters found (must be LF)")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines[:3] != HEADER:
        err("the three comment lines are not exactly as required")
    if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]):
        err("extra comment lines after the header")
    body = "\n".join(lines[3:]).strip("\n")
    convs = []
    for bi, block in enumerate(body.split("\n\n")):
        bl = block.split("\n")
        m = re.fullmatch(r"## (b31-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)", bl[0])
        if not m:
            err(f"bad header: {bl[0]!r}")
            continue
        cid, idlang, nn, lang, label = m.groups()
        if idlang != lang or lang not in LANGS or not 1 <= int(nn) <= 20:
            err(f"{cid}: id/lang mismatch or NN out of range")
        msgs = []
        for ln in bl[1:]:
            parts = ln.split("\t")
            if len(parts) != 3:
                err(f"{cid}: line without exactly 3 tab fields: {ln[:60]!r}")
                continue
            who, stage, msg = parts
            if who not in ("S", "V"):
                err(f"{cid}: bad sender {who!r}")
            if stage not in RANK:
                err(f"{cid}: bad stage {stage!r}")
            if not msg.strip() or msg != msg.strip():
                err(f"{cid}: empty or untrimmed text")
            msgs.append((who, stage, msg))
        convs.append({"id": cid, "lang": lang, "label": label, "msgs": msgs})
    return convs


def furthest(c):
    return max((m[1] for m in c["msgs"]), key=lambda s: RANK.get(s, 0))


def has_double(c):
    w = [m[0] for m in c["msgs"]]
    return any(a == b for a, b in zip(w, w[1:]))


def main():
    counts_out = None
    if "--counts" in sys.argv:
        counts_out = Path(sys.argv[sys.argv.index("--counts") + 1])
    convs = parse()
    ids = [c["id"] for c in convs]
    if len(set(ids)) != len(ids):
        err("duplicate conversation ids")
    if len(convs) != 120:
        err(f"expected 120 conversations, found {len(convs)}")
    tlines = TYPES.read_text(encoding="utf-8").split("\n")
    if tlines[0] != "id\ttype":
        err("types.tsv header must be 'id<TAB>type'")
    types = {}
    for ln in tlines[1:]:
        if not ln:
            continue
        i, t = ln.split("\t")
        if t not in TYPES_OK:
            err(f"types.tsv: bad type {t!r}")
        types[i] = t
    if set(types) != set(ids):
        err("ids in types.tsv differ from conversations.txt")

    # link defanging and tab checks
    for c in convs:
        for _, _, t in c["msgs"]:
            if re.search(r"https?://|www\.|\.(com|net|org|io)\b", t, re.I):
                err(f"{c['id']}: live-looking link: {t[:60]!r}")

    # duplicate messages across the set (exact text, longer than 12 chars)
    seen = {}
    for c in convs:
        for _, _, t in c["msgs"]:
            if len(t) > 12:
                if t in seen and seen[t] != c["id"]:
                    err(f"duplicate message in {seen[t]} and {c['id']}: {t[:40]!r}")
                seen[t] = c["id"]

    # shared sentences across different chats (sentences of 16+ characters)
    sent_seen = {}
    for c in convs:
        for _, _, t in c["msgs"]:
            for s in re.split(r"(?<=[.!?。！？])\s*|[၊။។]", t):
                s = s.strip()
                if len(s) >= 16:
                    if s in sent_seen and sent_seen[s] != c["id"]:
                        err(f"sentence shared by {sent_seen[s]} and {c['id']}: {s[:40]!r}")
                    sent_seen.setdefault(s, c["id"])

    for c in convs:
        t = types.get(c["id"])
        n = len(c["msgs"])
        st = [m[1] for m in c["msgs"]]
        if not 3 <= n <= 16:
            err(f"{c['id']}: {n} messages (need 3-16)")
        if (c["label"] == "benign") != (t == "benign"):
            err(f"{c['id']}: label {c['label']} vs type {t}")
        if c["label"] == "benign" and set(st) != {"none"}:
            err(f"{c['id']}: benign chat with non-none stages")
        if t in ("recruitment_lure", "impersonation", "phishing"):
            if st[0] != "contact" or not set(st) <= {"contact", "none"}:
                err(f"{c['id']}: {t} must be contact then none")
        if t == "task_scam":
            if not set(st) <= TASK_STAGES:
                err(f"{c['id']}: task scam uses stage outside {sorted(TASK_STAGES)}")
            if furthest(c) not in ("deposit", "profit", "withdrawal_blocked", "pressure"):
                err(f"{c['id']}: task scam ends at {furthest(c)}")
        if t == "pig_butchering" and furthest(c) not in PB_END:
            err(f"{c['id']}: pig_butchering ends at {furthest(c)}")

    for lang in LANGS:
        lc = [c for c in convs if c["lang"] == lang]
        tc = Counter(types.get(c["id"]) for c in lc)
        want = {"benign": 10, "pig_butchering": 6, "task_scam": 1, "recruitment_lure": 1, "impersonation": 1, "phishing": 1}
        if dict(tc) != want:
            err(f"{lang}: type counts {dict(tc)} != {want}")
        pb = sorted((furthest(c) for c in lc if types.get(c["id"]) == "pig_butchering"), key=RANK.get)
        if pb != PB_END:
            err(f"{lang}: pig_butchering furthest stages {pb} != {PB_END}")
        nums = sorted(int(c["id"][-2:]) for c in lc)
        if nums != list(range(1, 21)):
            err(f"{lang}: NN numbering is not 01..20")
        for label in ("benign", "scam"):
            if sum(1 for c in lc if c["label"] == label and len(c["msgs"]) >= 12) < 2:
                err(f"{lang} {label}: fewer than 2 chats with >=12 messages")

    # statistics
    out = []
    out.append("Blind evaluation set 31: statistics from check_conversations.py")
    out.append("")
    hdr = "lang label  n  msgs(min/med/max) long>=12 med_chars/conv med_chars/msg S_first money double"
    out.append(hdr)
    for lang in LANGS:
        for label in ("benign", "scam"):
            g = [c for c in convs if c["lang"] == lang and c["label"] == label]
            if not g:
                continue
            ns = [len(c["msgs"]) for c in g]
            cpc = [sum(len(m[2]) for m in c["msgs"]) for c in g]
            cpm = [len(m[2]) for c in g for m in c["msgs"]]
            sf = sum(1 for c in g if c["msgs"][0][0] == "S")
            money = sum(1 for c in g if any(MONEY.search(m[2]) for m in c["msgs"]))
            dbl = sum(1 for c in g if has_double(c))
            out.append(f"{lang:4} {label:6} {len(g):2}  {min(ns)}/{statistics.median(ns):g}/{max(ns):<12} "
                       f"{sum(1 for n in ns if n >= 12):<8} {statistics.median(cpc):<14g} {statistics.median(cpm):<13g} "
                       f"{sf:<7} {money:<5} {dbl}")
    out.append("")
    out.append("Furthest stage per conversation (scam chats; benign chats are all 'none'):")
    out.append("lang  " + " ".join(f"{s:>10}" for s in ORDER[1:]))
    tot = Counter()
    for lang in LANGS:
        fc = Counter(furthest(c) for c in convs if c["lang"] == lang and c["label"] == "scam")
        tot.update(fc)
        out.append(f"{lang:5} " + " ".join(f"{fc.get(s, 0):>10}" for s in ORDER[1:]))
    out.append("all   " + " ".join(f"{tot.get(s, 0):>10}" for s in ORDER[1:]))
    nb = sum(1 for c in convs if c["label"] == "benign")
    out.append(f"benign (furthest 'none'): {nb}")
    out.append("")
    out.append("Scam types: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(types.values()).items())))
    out.append(f"Conversations: {len(convs)}; messages: {sum(len(c['msgs']) for c in convs)}")
    out.append(f"Errors: {len(errors)}")
    report = "\n".join(out)
    print(report)
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    if counts_out:
        counts_out.write_text(report + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
