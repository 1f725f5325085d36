#!/usr/bin/env python3
"""Checker for the ScamNet CALIBRATION set calibration3/a (fiction, Apache-2.0).

Checks format, stages, labels, ids vs types.tsv, counts, type quotas and prints the
matching statistics per language x label. Exit code 1 on any error.
Usage: python3 check_conversations.py [--write-counts]
"""
import os, re, sys, statistics, unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = [
    "# Fiction written for the ScamNet project (CALIBRATION part a, calibration3/a); not real chats. Licence: Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# CALIBRATION part: for fitting the risk calibrator and the conversation-type model only, never the stage model.",
]
LANGS = ["my", "km", "ja"]
STAGES = {"contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure", "none"}
TYPES = {"benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing", "advance_fee"}
QUOTA = {"recruitment_lure": 2, "impersonation": 2, "phishing": 1, "advance_fee": 1, "task_scam": 1, "pig_butchering": 3}
TASK_STAGES = {"contact", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"}
ORDER = ["contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
MONEY = {
    "my": r"ကျပ်|သိန်း|ဒေါ်လာ|ဘတ်|ငွေ|လွှဲ|USDT|ဘဏ်|အကောင့်|လစာ|ပိုက်ဆံ|ခ\b|ခ |ကြေး|Pay|account|အခွန်",
    "km": r"USD|USDT|\$|លុយ|ប្រាក់|ABA|ផ្ទេរ|បង់|ធនាគារ|គណនី|ថ្លៃ|កម្ចី|Pay",
    "ja": r"円|万|お金|振込|振り込|入金|出金|口座|銀行|料金|費用|手数料|報酬|給|預金|税金|ローン|貯金|会費|代金|敷金",
}
ID_RE = re.compile(r"^## (c3a-(my|km|ja)-(\d\d)) (my|km|ja) (benign|scam)$")
SCRIPT = {"my": (0x1000, 0x109F), "km": (0x1780, 0x17FF)}
ZAWGYI_HINT = re.compile("(^|[\\s\u104a\u104b])\u1031|[\u1060-\u1097]")  # Zawgyi: e-vowel typed before the consonant at word start, or Zawgyi-only stacked glyph code points


def fail(errs, msg):
    errs.append(msg)


def parse(path, errs):
    raw = open(path, "rb").read()
    if b"\r" in raw:
        fail(errs, "CR characters found (must be LF)")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines = lines[:-1]
    if lines[:3] != HEADER:
        fail(errs, "the three comment lines are wrong")
    if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]):
        fail(errs, "extra comment lines")
    convs, cur, prev_blank = [], None, True
    for n, line in enumerate(lines[3:], 4):
        if line == "":
            if cur is None or prev_blank:
                fail(errs, f"line {n}: unexpected blank line")
            prev_blank = True
            continue
        if line.startswith("## "):
            m = ID_RE.match(line)
            if not m:
                fail(errs, f"line {n}: bad header {line!r}"); cur = None; continue
            if m.group(2) != m.group(4):
                fail(errs, f"line {n}: language mismatch in header")
            if convs and not prev_blank:
                fail(errs, f"line {n}: no blank line before header")
            cur = dict(id=m.group(1), lang=m.group(4), label=m.group(5), msgs=[])
            convs.append(cur); prev_blank = False
            continue
        prev_blank = False
        parts = line.split("\t")
        if cur is None or len(parts) != 3:
            fail(errs, f"line {n}: bad message line"); continue
        who, stage, msg = parts
        if who not in ("S", "V"):
            fail(errs, f"line {n}: sender {who!r}")
        if stage not in STAGES:
            fail(errs, f"line {n}: stage {stage!r}")
        if not msg.strip() or msg != msg.strip():
            fail(errs, f"line {n}: empty text or stray whitespace")
        cur["msgs"].append((who, stage, msg))
    return convs


def main():
    errs = []
    convs = parse(os.path.join(HERE, "conversations.txt"), errs)
    tlines = open(os.path.join(HERE, "types.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
    if tlines[0] != "id\ttype":
        fail(errs, "types.tsv header")
    types = {}
    for l in tlines[1:]:
        i, t = l.split("\t")
        if t not in TYPES: fail(errs, f"types.tsv: bad type {t}")
        if i in types: fail(errs, f"types.tsv: duplicate {i}")
        types[i] = t
    ids = [c["id"] for c in convs]
    if len(ids) != len(set(ids)): fail(errs, "duplicate conversation ids")
    if set(ids) != set(types): fail(errs, "ids in conversations.txt and types.tsv differ")
    if len(convs) != 60: fail(errs, f"{len(convs)} conversations, expected 60")

    seen_sent = {}
    for c in convs:
        t = types.get(c["id"]); c["type"] = t
        n = len(c["msgs"])
        if not 3 <= n <= 16: fail(errs, f"{c['id']}: {n} messages")
        if (c["label"] == "benign") != (t == "benign"): fail(errs, f"{c['id']}: label {c['label']} vs type {t}")
        stages = [m[1] for m in c["msgs"]]
        if t == "benign":
            if set(stages) != {"none"}: fail(errs, f"{c['id']}: benign with stage other than none")
        elif t in ("recruitment_lure", "impersonation", "phishing", "advance_fee"):
            if not set(stages) <= {"contact", "none"}: fail(errs, f"{c['id']}: {t} uses {set(stages)}")
            if stages[0] != "contact": fail(errs, f"{c['id']}: scam must open with contact")
            k = stages.index("none") if "none" in stages else n
            if "contact" in stages[k:]: fail(errs, f"{c['id']}: contact after none")
        elif t == "task_scam":
            if not set(stages) <= TASK_STAGES: fail(errs, f"{c['id']}: task scam uses {set(stages)}")
        elif t == "pig_butchering":
            if "none" in stages: fail(errs, f"{c['id']}: pig_butchering uses none")
            idx = [ORDER.index(s) for s in stages]
            if any(b < a for a, b in zip(idx, idx[1:])): fail(errs, f"{c['id']}: stages go backwards")
        if c["label"] == "scam" and c["msgs"][0][0] != "S": fail(errs, f"{c['id']}: scam not opened by S")
        for who, st, msg in c["msgs"]:
            if "http://" in msg or "https://" in msg or re.search(r"\b\w+\.(com|net|org|top|live|icu)\b", msg):
                fail(errs, f"{c['id']}: un-defanged link: {msg[:40]}")
            if msg in seen_sent and seen_sent[msg] != c["id"]:
                fail(errs, f"{c['id']}: sentence repeated from {seen_sent[msg]}")
            seen_sent.setdefault(msg, c["id"])
            if c["lang"] in SCRIPT:
                lo, hi = SCRIPT[c["lang"]]
                if not any(lo <= ord(ch) <= hi for ch in msg) and not re.fullmatch(r"[\d\s]+", msg):
                    fail(errs, f"{c['id']}: message without {c['lang']} script: {msg[:30]}")
            if c["lang"] == "my" and ZAWGYI_HINT.search(msg):
                fail(errs, f"{c['id']}: possible Zawgyi encoding")
            if c["lang"] == "ja" and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", msg) and not re.fullmatch(r"\d+", msg):
                fail(errs, f"{c['id']}: message without Japanese script")

    out = []
    out.append("calibration3/a COUNTS (written by check_conversations.py)")
    out.append(f"conversations: {len(convs)}  messages: {sum(len(c['msgs']) for c in convs)}")
    out.append("lang label   n  msgs min/med/max  long>=12  med_chars/conv  med_chars/msg  S-first  money  two-in-a-row")
    for lang in LANGS:
        lc = [c for c in convs if c["lang"] == lang]
        tc = Counter(c["type"] for c in lc if c["label"] == "scam")
        for t, q in QUOTA.items():
            if tc[t] != q: fail(errs, f"{lang}: {t} count {tc[t]} != {q}")
        nums = sorted(int(c["id"][-2:]) for c in lc)
        if nums != list(range(1, 21)): fail(errs, f"{lang}: numbering is not 01..20")
        for label in ("benign", "scam"):
            cs = [c for c in lc if c["label"] == label]
            if len(cs) != 10: fail(errs, f"{lang} {label}: {len(cs)} != 10")
            lens = [len(c["msgs"]) for c in cs]
            long_ = sum(l >= 12 for l in lens)
            if long_ < 2: fail(errs, f"{lang} {label}: only {long_} chats with >=12 messages")
            cpc = statistics.median(sum(len(m[2]) for m in c["msgs"]) for c in cs)
            cpm = statistics.median(len(m[2]) for c in cs for m in c["msgs"])
            sfirst = sum(c["msgs"][0][0] == "S" for c in cs)
            money = sum(bool(re.search(MONEY[lang], " ".join(m[2] for m in c["msgs"]))) for c in cs)
            dbl = sum(any(a[0] == b[0] for a, b in zip(c["msgs"], c["msgs"][1:])) for c in cs)
            out.append(f"{lang:4} {label:7} {len(cs):2}  {min(lens):2}/{statistics.median(lens):4}/{max(lens):2}"
                       f"       {long_:2}        {cpc:7.1f}        {cpm:6.1f}     {sfirst:2}/{len(cs)}  {money:2}/{len(cs)}  {dbl:2}/{len(cs)}")
    allens = [len(c["msgs"]) for c in convs]
    out.append(f"all: messages per conversation min/median/max {min(allens)}/{statistics.median(allens)}/{max(allens)}")
    out.append("scam types per language: " + "; ".join(
        f"{lang}: " + ", ".join(f"{t}={n}" for t, n in sorted(Counter(c['type'] for c in convs if c['lang'] == lang and c['label'] == 'scam').items()))
        for lang in LANGS))
    out.append("errors: " + (str(len(errs)) if errs else "0 (all checks passed)"))
    report = "\n".join(out)
    print(report)
    for e in errs:
        print("ERROR:", e, file=sys.stderr)
    if "--write-counts" in sys.argv:
        open(os.path.join(HERE, "COUNTS.txt"), "w", encoding="utf-8").write(report + "\n")
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
