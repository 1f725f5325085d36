#!/usr/bin/env python3
"""Checker for blind evaluation set 29: format, stages, labels, ids vs types.tsv, counts, matching statistics.
Writes COUNTS.txt next to this script. Exit code 1 on any error."""
import os, re, sys, statistics as st
from collections import Counter, defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "zh", "vi", "th", "id", "es", "ms", "tl"]
ORDER = ["none", "contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
RANK = {s: i for i, s in enumerate(ORDER)}
TYPES = ["benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"]
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 29); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = re.compile(r"[$€£₱฿¥]|\d[\d.,]*\s*(k|rb|ribu|juta|jt|triệu|trieu|nghìn|nghin|tr|บาท|元|块|万|令吉|usd|usdt|eur|euros?|dólares|rm|php|pesos?)\b|"
    r"\b(rm|usdt|usd|btc|eth|bitcoin|crypto|gcash|duitnow|paynow|bizum|zelle|venmo|bank|banco|ngân hàng|ngan hang|tiền|tien|"
    r"uang|duit|wang|pera|dinero|money|deposit|deposito|depósito|transfer|chuyển khoản|chuyen khoan|rekening|akaun|"
    r"euros?|pesos?|rupiah|ringgit|baht|salary|gaji|sahod|sueldo|lương|luong|vàng|vang|emas|ginto|oro|gold|loan|pinjam|utang|vay|"
    r"préstamo|fee|tax|pajak|cukai|thuế|impuesto|bayad|bayar|pagar|pago|top.?up|nạp|nap|komisen|komisi|comisión|commission|hoa hồng)\b|"
    r"钱|錢|元|块|萬|万|转账|轉|银行|銀行|存款|押金|按金|工资|薪|黃金|黄金|比特|USDT|提现|充值|佣金|"
    r"เงิน|บาท|โอน|ธนาคาร|ทอง|บิทคอยน์|ค่า", re.I)
def furthest(msgs):
    return max((m[1] for m in msgs), key=lambda s: RANK[s])
def main():
    errs = []
    lines = open(os.path.join(HERE, "eval", "conversations.txt"), encoding="utf-8").read().split("\n")
    if lines[:3] != HEADER: errs.append("header lines differ")
    if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]): errs.append("extra comment lines")
    convs, cur = [], None
    for i, l in enumerate(lines[3:], 4):
        if l.startswith("## "):
            p = l.split(" ")
            if len(p) != 4 or not re.fullmatch(r"b29-(%s)-\d\d" % "|".join(LANGS), p[1]) or p[2] != p[1].split("-")[1] or p[3] not in ("benign", "scam"):
                errs.append("bad header line %d" % i)
            if convs and lines[i - 2] != "": errs.append("no blank line before %d" % i)
            cur = {"id": p[1], "lang": p[2], "label": p[3], "msgs": []}
            convs.append(cur)
        elif l == "":
            continue
        else:
            f = l.split("\t")
            if len(f) != 3 or f[0] not in ("S", "V") or f[1] not in RANK or not f[2].strip():
                errs.append("bad message line %d: %r" % (i, l[:60])); continue
            cur["msgs"].append(tuple(f))
    types = {}
    tl = open(os.path.join(HERE, "eval", "types.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
    if tl[0] != "id\ttype": errs.append("types.tsv header")
    for l in tl[1:]:
        a, b = l.split("\t"); types[a] = b
        if b not in TYPES: errs.append("bad type " + l)
    ids = [c["id"] for c in convs]
    if len(ids) != len(set(ids)): errs.append("duplicate ids")
    if set(ids) != set(types): errs.append("ids differ from types.tsv")
    if len(convs) != 160: errs.append("expected 160 conversations, got %d" % len(convs))
    seen_text = {}
    for c in convs:
        t = types.get(c["id"]); c["type"] = t; n = len(c["msgs"])
        if (t == "benign") != (c["label"] == "benign"): errs.append(c["id"] + " label/type mismatch")
        if not 3 <= n <= 16: errs.append(c["id"] + " length %d" % n)
        stages = [m[1] for m in c["msgs"]]
        if t == "benign" and set(stages) != {"none"}: errs.append(c["id"] + " benign with stage")
        if t in ("recruitment_lure", "impersonation", "phishing"):
            if set(stages) - {"contact", "none"} or stages[0] != "contact": errs.append(c["id"] + " bad stages for " + t)
        if t == "task_scam" and "rapport" in stages: errs.append(c["id"] + " task scam with rapport")
        for m in c["msgs"]:
            key = m[2].strip().lower()
            if len(key) > 25 and key in seen_text and seen_text[key] != c["id"]:
                errs.append("sentence shared: %s / %s: %s" % (seen_text[key], c["id"], key[:40]))
            seen_text[key] = c["id"]
        c["furthest"] = furthest(c["msgs"])
    # per-language composition
    TASK_END = {}
    for lang in LANGS:
        L = [c for c in convs if c["lang"] == lang]
        tc = Counter(c["type"] for c in L)
        want = {"benign": 10, "pig_butchering": 6, "task_scam": 1, "recruitment_lure": 1, "impersonation": 1, "phishing": 1}
        if dict(tc) != want: errs.append(lang + " type counts " + str(dict(tc)))
        pb = sorted(c["furthest"] for c in L if c["type"] == "pig_butchering")
        if sorted(pb) != sorted(["rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]):
            errs.append(lang + " pig_butchering furthest stages " + str(pb))
        for c in L:
            if c["type"] == "task_scam":
                TASK_END[lang] = c["furthest"]
                if c["furthest"] not in ("deposit", "profit", "withdrawal_blocked", "pressure"): errs.append(c["id"] + " task end")
            if c["type"] in ("recruitment_lure", "impersonation", "phishing") and c["furthest"] != "contact": errs.append(c["id"] + " end")
        for lab in ("benign", "scam"):
            if sum(1 for c in L if c["label"] == lab and len(c["msgs"]) >= 12) < 2: errs.append(lang + " " + lab + " fewer than 2 long chats")
    # statistics
    out = ["# COUNTS for blind evaluation set 29 (written by check_conversations.py)", ""]
    out.append("total conversations: %d; messages: %d" % (len(convs), sum(len(c["msgs"]) for c in convs)))
    allmed = st.median(len(c["msgs"]) for c in convs)
    out.append("messages per conversation overall: median %s" % allmed)
    out.append("types overall: " + ", ".join("%s=%d" % (t, sum(1 for c in convs if c["type"] == t)) for t in TYPES))
    out.append("task_scam furthest stage per language: " + ", ".join("%s=%s" % kv for kv in TASK_END.items()))
    out.append("")
    out.append("Matching statistics per language x label")
    hdr = "lang label   n  msg_min msg_med msg_max long>=12 med_chars_conv med_chars_msg S_first money_chats consec_same"
    out.append(hdr)
    for lang in LANGS:
        for lab in ("benign", "scam"):
            L = [c for c in convs if c["lang"] == lang and c["label"] == lab]
            ns = [len(c["msgs"]) for c in L]
            cc = [sum(len(m[2]) for m in c["msgs"]) for c in L]
            cm = [len(m[2]) for c in L for m in c["msgs"]]
            sf = sum(1 for c in L if c["msgs"][0][0] == "S")
            mo = sum(1 for c in L if MONEY.search(" ".join(m[2] for m in c["msgs"])))
            cs = sum(1 for c in L if any(a[0] == b[0] for a, b in zip(c["msgs"], c["msgs"][1:])))
            out.append("%-4s %-7s %2d  %7d %7s %7d %8d %14s %13s %7d %11d %11d" % (lang, lab, len(L), min(ns), st.median(ns), max(ns),
                       sum(1 for x in ns if x >= 12), st.median(cc), st.median(cm), sf, mo, cs))
    out.append("")
    out.append("Furthest stage counts (scam chats; benign chats are all 'none')")
    out.append("lang " + " ".join("%s" % s for s in ORDER[1:]))
    tot = Counter()
    for lang in LANGS:
        fc = Counter(c["furthest"] for c in convs if c["lang"] == lang and c["label"] == "scam")
        tot.update(fc)
        out.append("%-4s " % lang + " ".join("%s=%d" % (s, fc[s]) for s in ORDER[1:]))
    out.append("all  " + " ".join("%s=%d" % (s, tot[s]) for s in ORDER[1:]) + "  none(benign)=%d" % sum(1 for c in convs if c["label"] == "benign"))
    out.append("")
    out.append("errors: %d" % len(errs))
    out.extend("  " + e for e in errs)
    text = "\n".join(out) + "\n"
    open(os.path.join(HERE, "COUNTS.txt"), "w", encoding="utf-8").write(text)
    print(text)
    return 1 if errs else 0
if __name__ == "__main__":
    sys.exit(main())
