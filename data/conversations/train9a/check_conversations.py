#!/usr/bin/env python3
"""Checker for the train9a stage training set.  Exits non-zero on any error.

Usage: python3 check_conversations.py [--write-counts]
"""
import os
import re
import statistics
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, "train", "conversations.txt")
TYPES = os.path.join(HERE, "train", "types.tsv")
LANGS = ["my", "km", "ja"]
STAGES = ["contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure", "none"]
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}
TYPESET = {"benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"}
OTHER = {"task_scam", "recruitment_lure", "impersonation", "phishing"}
TASK_STAGES = {"contact", "pitch", "profit", "deposit", "withdrawal_blocked", "pressure", "none"}
HEADER3 = [
    "# Fiction written for the ScamNet project (stage training set train9a); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = re.compile(
    r"USDT|BTC|bitcoin|crypto|ABA|Wing|KPay|KBZPay|Wave Pay|AYA Pay|PayPay|P2P|deposit|withdraw|bonus|account|"
    r"\$|ドル|円|万|振込|振り込|入金|出金|口座|送金|暗号資産|ビットコイン|利益|投資|"
    r"ကျပ်|သိန်း|သောင်း|ဘတ်|ငွေ|ပိုက်ဆံ|ဘဏ်|ရွှေ|လစာ|"
    r"ដុល្លារ|លុយ|ប្រាក់|ធនាគារ|មាស|វ៉ុន|គណនី", re.I)
SCRIPT = {"my": re.compile(r"[\u1000-\u109F]"), "km": re.compile(r"[\u1780-\u17FF]"),
          "ja": re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF]")}
# Zawgyi-only habits: U+1031 (e-vowel) typed before the consonant, or Zawgyi's
# use of U+1060-1097 forms as glyph variants.  Crude heuristic.
ZAWGYI = re.compile(r"(^|[\s])\u1031[\u1000-\u1021]|[\u105A\u1060-\u1097]")


def err(errors, msg):
    errors.append(msg)


def parse(errors):
    raw = open(CONV, "rb").read()
    if b"\r" in raw:
        err(errors, "CR characters found (must be LF)")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines = lines[:-1]
    if lines[:3] != HEADER3:
        err(errors, "the three comment lines are wrong")
    body = lines[3:]
    if any(l.startswith("#") and not l.startswith("## ") for l in body):
        err(errors, "extra comment lines")
    convs, cur, prev_blank = [], None, True
    for n, l in enumerate(body, 4):
        if l.startswith("## "):
            if cur is not None and not prev_blank:
                err(errors, f"line {n}: no blank line before header")
            m = re.fullmatch(r"## (9a-(my|km|ja)-(\d\d)) (my|km|ja) (benign|scam)", l)
            if not m:
                err(errors, f"line {n}: bad header {l!r}")
                cur = None
                continue
            if m.group(2) != m.group(4):
                err(errors, f"line {n}: id language != language")
            cur = {"id": m.group(1), "lang": m.group(4), "label": m.group(5), "msgs": []}
            convs.append(cur)
            prev_blank = False
        elif l == "":
            if prev_blank:
                err(errors, f"line {n}: double blank line")
            prev_blank = True
        else:
            if prev_blank and cur is not None:
                err(errors, f"line {n}: message after blank line")
            parts = l.split("\t")
            if len(parts) != 3 or parts[0] not in ("S", "V") or parts[1] not in STAGES or not parts[2].strip():
                err(errors, f"line {n}: bad message line {l[:60]!r}")
                continue
            if cur is None:
                err(errors, f"line {n}: message before header")
                continue
            cur["msgs"].append(tuple(parts))
            prev_blank = False
    return convs


def furthest(c):
    st = [s for _, s, _ in c["msgs"] if s != "none"]
    return max(st, key=lambda s: ORDER[s]) if st else "none"


def has_double(c):
    w = [m[0] for m in c["msgs"]]
    return any(a == b for a, b in zip(w, w[1:]))


def main():
    errors = []
    convs = parse(errors)
    types = {}
    tl = open(TYPES, encoding="utf-8").read().split("\n")
    if tl[0] != "id\ttype":
        err(errors, "types.tsv header wrong")
    for l in tl[1:]:
        if not l:
            continue
        i, t = l.split("\t")
        if t not in TYPESET:
            err(errors, f"types.tsv: bad type {t}")
        if i in types:
            err(errors, f"types.tsv: duplicate {i}")
        types[i] = t
    ids = [c["id"] for c in convs]
    if len(set(ids)) != len(ids):
        err(errors, "duplicate conversation ids")
    if set(ids) != set(types):
        err(errors, f"ids vs types.tsv mismatch: {sorted(set(ids) ^ set(types))}")
    seen_text = {}
    for c in convs:
        c["type"] = types.get(c["id"], "?")
        n = len(c["msgs"])
        if not 3 <= n <= 16:
            err(errors, f"{c['id']}: {n} messages")
        if (c["label"] == "benign") != (c["type"] == "benign"):
            err(errors, f"{c['id']}: label {c['label']} vs type {c['type']}")
        for w, s, t in c["msgs"]:
            if not SCRIPT[c["lang"]].search(t):
                err(errors, f"{c['id']}: message without {c['lang']} script: {t[:40]!r}")
            if c["lang"] == "my" and ZAWGYI.search(t):
                err(errors, f"{c['id']}: possible Zawgyi: {t[:40]!r}")
            if re.search(r"https?://", t):
                err(errors, f"{c['id']}: undefanged link")
            key = re.sub(r"\s+", " ", t.strip().lower())
            if key in seen_text and seen_text[key] != c["id"]:
                err(errors, f"{c['id']}: message also in {seen_text[key]}: {t[:40]!r}")
            seen_text.setdefault(key, c["id"])
        stages = [s for _, s, _ in c["msgs"]]
        if c["type"] == "benign" and set(stages) != {"none"}:
            err(errors, f"{c['id']}: benign with stage labels")
        if c["type"] in ("recruitment_lure", "impersonation", "phishing"):
            if not set(stages) <= {"contact", "none"}:
                err(errors, f"{c['id']}: {c['type']} uses stages beyond contact/none")
        if c["type"] == "task_scam" and not set(stages) <= TASK_STAGES:
            err(errors, f"{c['id']}: task_scam uses rapport")
        if c["type"] == "pig_butchering":
            nn = sum(s != "none" for s in stages)
            if nn * 2 <= len(stages):
                err(errors, f"{c['id']}: most messages are none")
    # per-language requirements
    by = defaultdict(list)
    for c in convs:
        by[(c["lang"], c["label"])].append(c)
    other_total = Counter()
    for lang in LANGS:
        lc = [c for c in convs if c["lang"] == lang]
        nums = sorted(int(c["id"][-2:]) for c in lc)
        if nums != list(range(1, len(lc) + 1)):
            err(errors, f"{lang}: ids not 01..{len(lc):02d}")
        for label in ("benign", "scam"):
            if len(by[(lang, label)]) != 12:
                err(errors, f"{lang} {label}: {len(by[(lang, label)])} conversations (want 12)")
            if sum(len(c["msgs"]) >= 12 for c in by[(lang, label)]) < 3:
                err(errors, f"{lang} {label}: fewer than 3 long conversations")
        pb = [c for c in by[(lang, "scam")] if c["type"] == "pig_butchering"]
        if len(pb) != 8:
            err(errors, f"{lang}: {len(pb)} pig_butchering (want 8)")
        fs = Counter(furthest(c) for c in pb)
        for s in ("rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"):
            if fs[s] < 1:
                err(errors, f"{lang}: no pig_butchering ending at {s}")
        for s in ("withdrawal_blocked", "pressure"):
            if fs[s] < 2:
                err(errors, f"{lang}: fewer than 2 pig_butchering ending at {s}")
        oth = [c["type"] for c in by[(lang, "scam")] if c["type"] in OTHER]
        if len(oth) != 4:
            err(errors, f"{lang}: {len(oth)} non-pig-butchering scams (want 4)")
        other_total.update(oth)
    for t in OTHER:
        if other_total[t] < 2:
            err(errors, f"type {t}: only {other_total[t]} across languages")
    # statistics
    out = ["train9a COUNTS (written by check_conversations.py)", ""]
    out.append(f"conversations: {len(convs)}; messages: {sum(len(c['msgs']) for c in convs)}")
    out.append("types: " + ", ".join(f"{t}={n}" for t, n in sorted(Counter(c['type'] for c in convs).items())))
    out.append("")
    out.append("lang label   n  msgs min/med/max  long>=12  med chars/conv  med chars/msg  S-first  money  same-sender-twice")
    for lang in LANGS:
        for label in ("benign", "scam"):
            cs = by[(lang, label)]
            if not cs:
                continue
            ns = [len(c["msgs"]) for c in cs]
            cpc = [sum(len(t) for _, _, t in c["msgs"]) for c in cs]
            cpm = [len(t) for c in cs for _, _, t in c["msgs"]]
            out.append(
                f"{lang:4} {label:6} {len(cs):3}  {min(ns):3}/{statistics.median(ns):4}/{max(ns):3}     "
                f"{sum(n >= 12 for n in ns):3}      {statistics.median(cpc):7}        {statistics.median(cpm):6}"
                f"       {sum(c['msgs'][0][0] == 'S' for c in cs):3}    {sum(bool(MONEY.search(' '.join(t for _, _, t in c['msgs']))) for c in cs):3}"
                f"       {sum(has_double(c) for c in cs):3}")
    out.append("")
    out.append("furthest stage per language (scam chats; pig_butchering in brackets)")
    for lang in LANGS:
        sc = by[(lang, "scam")]
        fa = Counter(furthest(c) for c in sc)
        fp = Counter(furthest(c) for c in sc if c["type"] == "pig_butchering")
        out.append(f"  {lang}: " + ", ".join(f"{s}={fa[s]}[{fp[s]}]" for s in STAGES if fa[s]))
    out.append("")
    out.append("stage label counts per language (all messages)")
    for lang in LANGS:
        sc = Counter(s for c in convs if c["lang"] == lang for _, s, _ in c["msgs"])
        out.append(f"  {lang}: " + ", ".join(f"{s}={sc[s]}" for s in STAGES))
    sv = Counter((w, s) for c in convs if c["label"] == "scam" for w, s, _ in c["msgs"] if s in ("withdrawal_blocked", "pressure"))
    out.append("")
    out.append("withdrawal_blocked / pressure by sender (scam chats): " + ", ".join(f"{w}:{s}={n}" for (w, s), n in sorted(sv.items())))
    out.append("")
    out.append("errors: " + (str(len(errors)) if errors else "none"))
    report = "\n".join(out) + "\n"
    print(report)
    for e in errors:
        print("ERROR:", e)
    if "--write-counts" in sys.argv:
        open(os.path.join(HERE, "COUNTS.txt"), "w", encoding="utf-8").write(report)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
