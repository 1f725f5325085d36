#!/usr/bin/env python3
"""Checker for the train6a stage training set (my / km / ja chat conversations).

Usage: python3 check_conversations.py [folder]   (default: the folder this script is in)
Checks format, stages, labels, ids vs types.tsv, counts and the brief's conventions, then prints
statistics per language x label. Exit status 1 if any check fails. Standard library only.
"""
import collections
import os
import re
import statistics
import sys

HEAD = [
    "# Fiction written for the ScamNet project (stage training set train6a); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
LANGS = ["my", "km", "ja"]
STAGES = ["contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure", "none"]
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}  # lifecycle order; none has no rank
TYPES = ["benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"]
OTHER = ["task_scam", "recruitment_lure", "impersonation", "phishing"]
TASK_STAGES = {"contact", "pitch", "profit", "deposit", "withdrawal_blocked", "pressure", "none"}
PB_NEEDED = ["rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
HEADER_RE = re.compile(r"^## (6a-(my|km|ja)-(\d\d)) (my|km|ja) (benign|scam)$")

MONEY = {
    "my": ["ကျပ်", "သိန်း", "သောင်း", "ငွေ", "ပိုက်ဆံ", "လွှဲ", "KPay", "Wave", "USDT", "ဘဏ်", "$", "ဘတ်",
           "ဒေါ်လာ", "လစာ", "ရွှေ", "Bitcoin", "crypto", "deposit", "COD"],
    "km": ["លុយ", "ប្រាក់", "$", "រៀល", "ABA", "USDT", "ធនាគារ", "Wing", "KHQR", "ដុល្លារ", "មាស", "វ៉ុន",
           "កម្ចី", "ថ្លៃ"],
    "ja": ["円", "口座", "振込", "振り込", "入金", "出金", "銀行", "USDT", "PayPay", "BTC", "ビットコイン",
           "給料", "家賃", "料金", "お金", "年収", "月収", "報酬", "保証金", "仕送り", "NISA"],
}
SCRIPT = {
    "my": re.compile(r"[\u1000-\u109f]"),
    "km": re.compile(r"[\u1780-\u17ff]"),
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
}


def fail(errors, msg):
    errors.append(msg)


def parse(path, errors):
    raw = open(path, "rb").read()
    if b"\r" in raw:
        fail(errors, "conversations.txt contains CR characters (must be LF only)")
    if raw.startswith(b"\xef\xbb\xbf"):
        fail(errors, "conversations.txt has a BOM")
    text = raw.decode("utf-8")
    if not text.endswith("\n"):
        fail(errors, "conversations.txt does not end with a newline")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if lines[:3] != HEAD:
        fail(errors, "the three comment lines are not exactly as specified")
    if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]):
        fail(errors, "comment lines beyond the first three")
    convs = []
    cur = None
    prev_blank = True
    for n, line in enumerate(lines[3:], start=4):
        if line == "":
            if prev_blank and cur is not None:
                fail(errors, f"line {n}: double blank line")
            prev_blank = True
            cur = None
            continue
        if line.startswith("## "):
            if not prev_blank:
                fail(errors, f"line {n}: header not preceded by a blank line")
            m = HEADER_RE.match(line)
            if not m:
                fail(errors, f"line {n}: bad header {line!r}")
                cur = None
                prev_blank = False
                continue
            cid, lang_in_id, nn, lang, label = m.groups()
            if lang_in_id != lang:
                fail(errors, f"line {n}: id language {lang_in_id} != {lang}")
            if not 1 <= int(nn) <= 24:
                fail(errors, f"line {n}: NN {nn} outside 01..24")
            cur = {"id": cid, "lang": lang, "label": label, "msgs": [], "line": n}
            convs.append(cur)
            prev_blank = False
            continue
        prev_blank = False
        if cur is None:
            fail(errors, f"line {n}: message outside a conversation")
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            fail(errors, f"line {n}: expected 3 tab-separated fields, got {len(parts)}")
            continue
        who, stage, msg = parts
        if who not in ("S", "V"):
            fail(errors, f"line {n}: sender {who!r}")
        if stage not in STAGES:
            fail(errors, f"line {n}: stage {stage!r}")
        if not msg.strip() or msg != msg.strip():
            fail(errors, f"line {n}: empty text or stray whitespace")
        cur["msgs"].append((who, stage, msg))
    return convs


def furthest(msgs):
    ranked = [ORDER[s] for _, s, _ in msgs if s != "none"]
    return STAGES[max(ranked)] if ranked else "none"


def has_double(msgs):
    return any(a[0] == b[0] for a, b in zip(msgs, msgs[1:]))


def sentences(text):
    for part in re.split(r"[။၊។៕.!?！？。\n]+", text):
        part = part.strip(" \"'「」『』()（）")
        if len(part) >= 12:
            yield part


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    errors, warnings = [], []
    convs = parse(os.path.join(folder, "train", "conversations.txt"), errors)

    # ids and types.tsv
    ids = [c["id"] for c in convs]
    for cid, k in collections.Counter(ids).items():
        if k > 1:
            fail(errors, f"duplicate id {cid}")
    tlines = open(os.path.join(folder, "train", "types.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
    if tlines[0] != "id\ttype":
        fail(errors, "types.tsv header must be 'id<TAB>type'")
    types = {}
    for l in tlines[1:]:
        p = l.split("\t")
        if len(p) != 2 or p[1] not in TYPES:
            fail(errors, f"types.tsv bad line {l!r}")
            continue
        if p[0] in types:
            fail(errors, f"types.tsv duplicate {p[0]}")
        types[p[0]] = p[1]
    if set(types) != set(ids):
        fail(errors, f"ids differ between files: {sorted(set(types) ^ set(ids))}")

    # per-conversation conventions
    all_sent = collections.defaultdict(set)
    for c in convs:
        cid, lang, label, msgs = c["id"], c["lang"], c["label"], c["msgs"]
        typ = types.get(cid, "?")
        c["type"] = typ
        if not 3 <= len(msgs) <= 16:
            fail(errors, f"{cid}: {len(msgs)} messages (3-16 allowed)")
        if (label == "benign") != (typ == "benign"):
            fail(errors, f"{cid}: label {label} vs type {typ}")
        stages = [s for _, s, _ in msgs]
        if label == "benign" and set(stages) != {"none"}:
            fail(errors, f"{cid}: benign chat with stages {set(stages)}")
        if typ in ("recruitment_lure", "impersonation", "phishing"):
            if stages[0] != "contact" or set(stages[1:]) - {"none"}:
                fail(errors, f"{cid}: {typ} must be contact for the opener, none otherwise")
        if typ == "task_scam" and set(stages) - TASK_STAGES:
            fail(errors, f"{cid}: task scam uses stages {set(stages) - TASK_STAGES}")
        if typ in ("task_scam", "pig_butchering"):
            staged = sum(s != "none" for s in stages)
            if staged * 2 <= len(stages):
                fail(errors, f"{cid}: only {staged}/{len(stages)} messages carry a stage")
        for who, st, msg in msgs:
            if not SCRIPT[lang].search(msg):
                fail(errors, f"{cid}: message without {lang} script: {msg[:40]!r}")
            if re.search(r"https?://|www\.|\.(com|net|org|io|cc|vip|xyz)\b", msg):
                fail(errors, f"{cid}: undefanged link or domain: {msg[:60]!r}")
            if lang == "my" and re.search(r"(^|[\s၊။])\u1031", msg):
                fail(errors, f"{cid}: word starting with U+1031 (Zawgyi-style ordering?)")
            for sent in sentences(msg):
                all_sent[sent].add(cid)
        c["furthest"] = furthest(msgs)
    for sent, where in all_sent.items():
        if len(where) > 1:
            fail(errors, f"sentence shared by {sorted(where)}: {sent[:50]!r}")

    # counts and type mix
    by = collections.defaultdict(list)
    for c in convs:
        by[(c["lang"], c["label"])].append(c)
    if len(convs) != 72:
        fail(errors, f"{len(convs)} conversations, expected 72")
    for lang in LANGS:
        for label in ("benign", "scam"):
            cs = by[(lang, label)]
            if len(cs) != 12:
                fail(errors, f"{lang}/{label}: {len(cs)} conversations, expected 12")
            if sum(len(c["msgs"]) >= 12 for c in cs) < 3:
                fail(errors, f"{lang}/{label}: fewer than 3 chats with 12+ messages")
        nums = sorted(int(c["id"][-2:]) for c in convs if c["lang"] == lang)
        if nums != list(range(1, 25)):
            fail(errors, f"{lang}: NN numbering is not 01..24")
        tc = collections.Counter(c["type"] for c in by[(lang, "scam")])
        if tc["pig_butchering"] != 8:
            fail(errors, f"{lang}: {tc['pig_butchering']} pig_butchering chats, expected 8")
        if sum(tc[t] for t in OTHER) != 4:
            fail(errors, f"{lang}: {sum(tc[t] for t in OTHER)} other scam types, expected 4")
        pbf = {c["furthest"] for c in by[(lang, "scam")] if c["type"] == "pig_butchering"}
        for st in PB_NEEDED:
            if st not in pbf:
                fail(errors, f"{lang}: no pig_butchering chat ending at {st}")
    alltypes = collections.Counter(c["type"] for c in convs)
    for t in OTHER:
        if alltypes[t] < 2:
            fail(errors, f"type {t} appears {alltypes[t]} times (need 2+)")

    # statistics
    out = []
    out.append("train6a COUNTS (written by check_conversations.py)")
    out.append(f"conversations: {len(convs)}; messages: {sum(len(c['msgs']) for c in convs)}")
    out.append("types: " + ", ".join(f"{t}={alltypes[t]}" for t in TYPES))
    out.append("")
    hdr = ("lang label   n  msgs(min/med/max) long>=12 chars/conv(med) chars/msg(med) S-first money-chats "
           "double-sender staged-msgs")
    out.append(hdr)
    for lang in LANGS:
        for label in ("benign", "scam"):
            cs = by[(lang, label)]
            if not cs:
                continue
            lens = [len(c["msgs"]) for c in cs]
            cpc = [sum(len(m) for _, _, m in c["msgs"]) for c in cs]
            cpm = [len(m) for c in cs for _, _, m in c["msgs"]]
            sfirst = sum(c["msgs"][0][0] == "S" for c in cs)
            money = sum(any(w in m for _, _, m in c["msgs"] for w in MONEY[lang]) for c in cs)
            dbl = sum(has_double(c["msgs"]) for c in cs)
            nmsg = sum(lens)
            staged = sum(s != "none" for c in cs for _, s, _ in c["msgs"])
            out.append(f"{lang:4} {label:6} {len(cs):3}  {min(lens):3}/{statistics.median(lens):4}/{max(lens):3}"
                       f"      {sum(l >= 12 for l in lens):3}      {statistics.median(cpc):7}"
                       f"       {statistics.median(cpm):6}      {sfirst:3}/{len(cs)}   {money:3}/{len(cs)}"
                       f"      {dbl:3}/{len(cs)}      {staged}/{nmsg}")
    out.append("")
    out.append("scam types per language:")
    for lang in LANGS:
        tc = collections.Counter(c["type"] for c in by[(lang, "scam")])
        out.append(f"  {lang}: " + ", ".join(f"{t}={tc[t]}" for t in TYPES[1:]))
    out.append("")
    out.append("furthest stage per language (scam chats; pig_butchering in brackets):")
    for lang in LANGS:
        fc = collections.Counter(c["furthest"] for c in by[(lang, "scam")])
        pc = collections.Counter(c["furthest"] for c in by[(lang, "scam")] if c["type"] == "pig_butchering")
        out.append(f"  {lang}: " + ", ".join(f"{s}={fc[s]}[{pc[s]}]" for s in STAGES if fc[s] or pc[s]))
    out.append("")
    out.append("stage label counts per language (all messages):")
    for lang in LANGS:
        sc = collections.Counter(s for c in convs if c["lang"] == lang for _, s, _ in c["msgs"])
        out.append(f"  {lang}: " + ", ".join(f"{s}={sc[s]}" for s in STAGES))
    sc = collections.Counter(s for c in convs for _, s, _ in c["msgs"])
    out.append("  all: " + ", ".join(f"{s}={sc[s]}" for s in STAGES))
    out.append("")
    out.append("victim (V) messages with a stage other than none, per language:")
    for lang in LANGS:
        vs = [s for c in convs if c["lang"] == lang and c["label"] == "scam" for w, s, _ in c["msgs"] if w == "V"]
        out.append(f"  {lang}: {sum(s != 'none' for s in vs)}/{len(vs)}")
    out.append("")
    out.append("checks: " + ("all passed" if not errors else f"{len(errors)} FAILED"))
    print("\n".join(out))
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
