#!/usr/bin/env python3
"""Checker for blind evaluation set 28. Usage: python3 check_conversations.py [--write-counts]
Validates format, stages, labels, ids vs types.tsv, counts and balance; prints matching statistics."""
import re, sys, statistics, pathlib, collections
HERE = pathlib.Path(__file__).resolve().parent
CONV, TYPES = HERE / "eval" / "conversations.txt", HERE / "eval" / "types.tsv"
LANGS = ["en", "zh", "vi", "th", "id", "es", "ms", "tl"]
ORDER = ["contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
STAGES = set(ORDER) | {"none"}
TYPESET = {"benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"}
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 28); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = re.compile(r"(\d[\d.,]*\s?(k|usdt|usd|eur|euros?|pesos?|rm|php|hkd|aud|sgd|triệu|juta|ribu|bath|baht|บาท|万|元|dollars?|pounds?|dirhams?|quetzales|ringgit|yen|yên|won|วอน)\b|[£$€¥₱฿]|usdt|bitcoin|crypto|kripto|bank|banco|ngân hàng|ธนาคาร|银行|銀行|transfer|chuyển|โอน|转|轉|deposit|depósito|cọc|押金|pinjam|mượn|ยืม|借|préstamo|hiram|loan|vay|gaji|sueldo|lương|เงิน|salary|sweldo|gcash|duitnow|bizum|money|dinero|tiền|uang|duit|pera|钱|錢|金|vàng|emas|oro|gold|ทอง)", re.I)
errors = []
def err(m): errors.append(m)
def furthest(msgs):
    idx = [ORDER.index(s) for _, s, _ in msgs if s in ORDER]
    return ORDER[max(idx)] if idx else "none"
def main():
    raw = CONV.read_bytes()
    if b"\r" in raw: err("CR characters present")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines[:3] != HEAD: err("header comment lines differ")
    if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]): err("extra comment lines")
    convs, cur = [], None
    for i, l in enumerate(lines[3:], 4):
        if l.startswith("## "):
            m = re.fullmatch(r"## (b28-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)", l)
            if not m: err(f"line {i}: bad header {l!r}"); cur = None; continue
            if m.group(2) != m.group(4): err(f"line {i}: id/lang mismatch")
            if convs and convs[-1]["msgs"] and lines[i - 2] != "": err(f"line {i}: no blank line before header")
            cur = dict(id=m.group(1), lang=m.group(4), label=m.group(5), msgs=[]); convs.append(cur)
        elif l == "":
            continue
        else:
            parts = l.split("\t")
            if len(parts) != 3 or cur is None: err(f"line {i}: bad message line"); continue
            who, st, t = parts
            if who not in ("S", "V"): err(f"line {i}: bad sender {who}")
            if st not in STAGES: err(f"line {i}: bad stage {st}")
            if not t.strip() or t != t.strip(): err(f"line {i}: empty/padded text")
            cur["msgs"].append((who, st, t))
    types = {}
    tl = TYPES.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if tl[0] != "id\ttype": err("types.tsv header")
    for l in tl[1:]:
        a, b = l.split("\t")
        if b not in TYPESET: err(f"types: bad type {b}")
        if a in types: err(f"types: duplicate {a}")
        types[a] = b
    ids = [c["id"] for c in convs]
    if len(ids) != len(set(ids)): err("duplicate conversation ids")
    if set(ids) != set(types): err("ids differ between conversations.txt and types.tsv")
    if len(convs) != 160: err(f"{len(convs)} conversations, want 160")
    seen = {}
    for c in convs:
        c["type"] = types.get(c["id"], "?"); n = len(c["msgs"])
        c["far"] = furthest(c["msgs"])
        if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
        if (c["label"] == "benign") != (c["type"] == "benign"): err(f"{c['id']}: label/type mismatch")
        st = [s for _, s, _ in c["msgs"]]
        if c["type"] == "benign" and set(st) != {"none"}: err(f"{c['id']}: benign with stages")
        if c["type"] in ("recruitment_lure", "impersonation", "phishing"):
            if st[0] != "contact" or set(st[1:]) - {"none"}: err(f"{c['id']}: contact-only type stages wrong")
        if c["type"] == "task_scam":
            if "rapport" in st: err(f"{c['id']}: task scam with rapport")
            if c["far"] not in ("deposit", "profit", "withdrawal_blocked", "pressure"): err(f"{c['id']}: task furthest {c['far']}")
        if c["type"] == "pig_butchering" and "none" in st: err(f"{c['id']}: pb message with none")
        for _, _, t in c["msgs"]:
            for sent in re.split(r"(?<=[.!?。！？])\s*", t):
                k = sent.strip().lower()
                if len(k) >= 25:
                    if k in seen and seen[k] != c["id"]: err(f"shared sentence {c['id']} / {seen[k]}: {k[:50]}")
                    seen[k] = c["id"]
    out = []
    P = out.append
    P("blind28 COUNTS (written by check_conversations.py)")
    P(f"conversations: {len(convs)}; messages: {sum(len(c['msgs']) for c in convs)}")
    P("")
    P("lang label  n  msgs(min/med/max) long>=12 medchars/conv medchars/msg S-first money 2-in-a-row")
    for lang in LANGS:
        for label in ("benign", "scam"):
            cs = [c for c in convs if c["lang"] == lang and c["label"] == label]
            if not cs: err(f"no {lang} {label}"); continue
            ns = [len(c["msgs"]) for c in cs]
            cpc = [sum(len(t) for _, _, t in c["msgs"]) for c in cs]
            cpm = [len(t) for c in cs for _, _, t in c["msgs"]]
            sf = sum(c["msgs"][0][0] == "S" for c in cs)
            mon = sum(bool(MONEY.search(" ".join(t for _, _, t in c["msgs"]))) for c in cs)
            dbl = sum(any(c["msgs"][i][0] == c["msgs"][i + 1][0] for i in range(len(c["msgs"]) - 1)) for c in cs)
            lng = sum(n >= 12 for n in ns)
            P(f"{lang:4} {label:6} {len(cs):2} {min(ns):3}/{statistics.median(ns):4}/{max(ns):2} {lng:8} {statistics.median(cpc):13} {statistics.median(cpm):12} {sf:7} {mon:5} {dbl:10}")
            if len(cs) != 10: err(f"{lang} {label}: {len(cs)} conversations")
            if lng < 2: err(f"{lang} {label}: only {lng} long chats")
        sc = [c for c in convs if c["lang"] == lang and c["label"] == "scam"]
        tc = collections.Counter(c["type"] for c in sc)
        want = {"pig_butchering": 6, "task_scam": 1, "recruitment_lure": 1, "impersonation": 1, "phishing": 1}
        if dict(tc) != want: err(f"{lang}: scam types {dict(tc)}")
        pbf = sorted(c["far"] for c in sc if c["type"] == "pig_butchering")
        if pbf != sorted(ORDER[1:]): err(f"{lang}: pig-butchering furthest stages {pbf}")
    P("")
    P("furthest stage of scam chats per language")
    P("lang " + " ".join(f"{s[:10]:>10}" for s in ORDER))
    tot = collections.Counter()
    for lang in LANGS:
        cnt = collections.Counter(c["far"] for c in convs if c["lang"] == lang and c["label"] == "scam")
        tot.update(cnt)
        P(f"{lang:4} " + " ".join(f"{cnt[s]:>10}" for s in ORDER))
    P("all  " + " ".join(f"{tot[s]:>10}" for s in ORDER))
    P(f"benign chats (furthest none): {sum(c['label'] == 'benign' for c in convs)}")
    P("")
    P("scam types: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(c['type'] for c in convs).items())))
    P("task_scam furthest: " + ", ".join(f"{c['lang']}={c['far']}" for c in sorted(convs, key=lambda c: LANGS.index(c['lang'])) if c["type"] == "task_scam"))
    P("")
    P("errors: " + (str(len(errors)) if errors else "0 (all checks passed)"))
    report = "\n".join(out + errors) + "\n"
    print(report, end="")
    if "--write-counts" in sys.argv:
        (HERE / "COUNTS.txt").write_text(report, encoding="utf-8")
    return 1 if errors else 0
if __name__ == "__main__":
    sys.exit(main())
