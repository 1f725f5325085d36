#!/usr/bin/env python3
"""Checker for blind evaluation set 30 (format, stage conventions, counts, leak statistics).

Usage: python3 check_conversations.py [--write]   (--write also writes COUNTS.txt)
Exits non-zero if any rule is broken.
"""
import re
import statistics as st
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONV = HERE / "eval" / "conversations.txt"
TYPES = HERE / "eval" / "types.tsv"
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
STAGES = ["none", "contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
RANK = {s: i for i, s in enumerate(STAGES)}
TYPES_OK = ["benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"]
HEAD = [
    "# Fiction written for the ScamNet project (blind evaluation set 30); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
# money / finance vocabulary per language (used only to compare benign vs scam chats)
MONEY = {
    "my": r"ငွေ|ကျပ်|သိန်း|သောင်း|ဒေါ်လာ|ဘတ်|ဘဏ်|လွှဲ|ရွှေ|လစာ|အိမ်လခ|အတိုး|USDT|USD|bitcoin|account|fee|tax|deposit|profit",
    "km": r"លុយ|ដុល្លារ|ប្រាក់|ធនាគារ|ផ្ទេរ|មាស|ថ្លៃ|ការប្រាក់|USDT|ABA|profit|tax|balance|recharge",
    "ja": r"\d[\d,]*円|万円|口座|振込|振り込|入金|出金|銀行|金庫|USDT|ビットコイン|給料|家賃|敷金|保証金|報酬|手数料|税金|利益|積立|仕送り|売上",
    "ko": r"\d[\d,]*만?원|만원|억|계좌|입금|송금|출금|은행|USDT|테더|코인|비트코인|금값|금 통장|월세|보증금|대출|수수료|세금|곗돈|축의금|용돈|연봉|적금|수익",
    "pt": r"R\$|euros?|dólar|Pix|USDT|banco|dinheiro|saque|conta|pagamento|taxa|aluguel|salário|ordenado|caução|boleto|bitcoin|ouro|comissão|levantar|câmbio|empréstimo",
    "fr": r"€|\$|FCFA|USDT|argent|virement|banque|compte|loyer|salaire|dollars|retrait|frais|cotisation|tontine|garantie|bitcoin|l'or|mobile money|épargne|commission",
}
errors = []


def err(msg):
    errors.append(msg)


def parse():
    lines = CONV.read_text(encoding="utf-8").split("\n")
    raw = CONV.read_bytes()
    if b"\r" in raw:
        err("CR characters found (must be LF only)")
    comments = [l for l in lines if l.startswith("#") and not l.startswith("## ")]
    if lines[:3] != HEAD or len(comments) != 3:
        err("the file must start with exactly the three required comment lines")
    convs, cur, prev_blank = [], None, True
    for n, line in enumerate(lines[3:], 4):
        if line.startswith("## "):
            m = re.fullmatch(r"## (b30-([a-z]{2})-(\d{2})) ([a-z]{2}) (benign|scam)", line)
            if not m:
                err(f"line {n}: bad header {line!r}")
                continue
            if m.group(2) != m.group(4):
                err(f"line {n}: id language differs from language field")
            if not prev_blank:
                err(f"line {n}: no blank line before header")
            cur = {"id": m.group(1), "lang": m.group(4), "label": m.group(5), "msgs": [], "line": n}
            convs.append(cur)
            prev_blank = False
        elif line == "":
            prev_blank = True
        else:
            if cur is None or prev_blank:
                err(f"line {n}: message outside a conversation")
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                err(f"line {n}: expected 3 tab-separated fields")
                continue
            who, stage, text = parts
            if who not in ("S", "V"):
                err(f"line {n}: sender must be S or V")
            if stage not in RANK:
                err(f"line {n}: unknown stage {stage!r}")
            if not text.strip() or text != text.strip():
                err(f"line {n}: empty text or stray whitespace")
            cur["msgs"].append((who, stage, text))
    return convs


def furthest(c):
    return max((m[1] for m in c["msgs"]), key=lambda s: RANK.get(s, 0))


def consecutive(c):
    ws = [m[0] for m in c["msgs"]]
    return any(a == b for a, b in zip(ws, ws[1:]))


def main():
    convs = parse()
    types = {}
    tl = TYPES.read_text(encoding="utf-8").split("\n")
    if tl[0] != "id\ttype":
        err("types.tsv: bad header")
    for l in tl[1:]:
        if not l:
            continue
        i, t = l.split("\t")
        if t not in TYPES_OK:
            err(f"types.tsv: bad type {t}")
        if i in types:
            err(f"types.tsv: duplicate id {i}")
        types[i] = t
    ids = [c["id"] for c in convs]
    if len(ids) != len(set(ids)):
        err("duplicate conversation ids")
    if set(ids) != set(types):
        err("ids in conversations.txt and types.tsv differ")
    if len(convs) != 120:
        err(f"expected 120 conversations, found {len(convs)}")

    seen_text = {}
    for c in convs:
        t = types.get(c["id"], "?")
        c["type"] = t
        n = len(c["msgs"])
        if not 3 <= n <= 16:
            err(f"{c['id']}: {n} messages (must be 3-16)")
        if (t == "benign") != (c["label"] == "benign"):
            err(f"{c['id']}: label {c['label']} vs type {t}")
        stages = [m[1] for m in c["msgs"]]
        f = furthest(c)
        c["furthest"] = f
        if t == "benign" and set(stages) != {"none"}:
            err(f"{c['id']}: benign chat with non-none stage")
        if t in ("recruitment_lure", "impersonation", "phishing"):
            if c["msgs"][0][1] != "contact" or not set(stages) <= {"contact", "none"}:
                err(f"{c['id']}: {t} must use contact (opener) / none only")
            # contact only on the opener and the direct replies to it
            seen_none = False
            for who, s, _ in c["msgs"]:
                if s == "none":
                    seen_none = True
                elif seen_none:
                    err(f"{c['id']}: contact after the opening exchange")
        if t == "task_scam":
            if "rapport" in stages:
                err(f"{c['id']}: task scam uses rapport")
            if f not in ("deposit", "profit", "withdrawal_blocked", "pressure"):
                err(f"{c['id']}: task scam furthest {f}")
        if t == "pig_butchering" and f in ("none", "contact"):
            err(f"{c['id']}: pig-butchering chat ending at {f}")
        if c["msgs"] and c["msgs"][0][0] != "S":
            pass  # reported in stats (S-first share)
        for who, s, text in c["msgs"]:
            if re.search(r"https?://|www\.|\.com\b|@[A-Za-z0-9_]{3,}\.", text):
                err(f"{c['id']}: undefanged link or address: {text[:60]}")
            key = re.sub(r"\s+", " ", text.lower())
            if len(key) >= 12 and key in seen_text and seen_text[key] != c["id"]:
                err(f"{c['id']}: message repeated from {seen_text[key]}: {text[:50]}")
            seen_text.setdefault(key, c["id"])

    by_lang = defaultdict(list)
    for c in convs:
        by_lang[c["lang"]].append(c)
    for lang in LANGS:
        cs = by_lang[lang]
        tc = Counter(c["type"] for c in cs)
        want = {"benign": 10, "pig_butchering": 6, "task_scam": 1, "recruitment_lure": 1, "impersonation": 1, "phishing": 1}
        if dict(tc) != want:
            err(f"{lang}: type counts {dict(tc)}")
        pb = sorted(c["furthest"] for c in cs if c["type"] == "pig_butchering")
        if pb != sorted(["rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]):
            err(f"{lang}: pig-butchering furthest stages {pb}")
        nums = sorted(int(c["id"][-2:]) for c in cs)
        if nums != list(range(1, 21)):
            err(f"{lang}: ids are not 01..20")
        for label in ("benign", "scam"):
            long_ = sum(1 for c in cs if c["label"] == label and len(c["msgs"]) >= 12)
            if long_ < 2:
                err(f"{lang} {label}: only {long_} chats with >=12 messages")
    task_f = Counter(c["furthest"] for c in convs if c["type"] == "task_scam")
    if len(task_f) < 3:
        err(f"task-scam furthest stages not varied: {dict(task_f)}")

    # ---- statistics ----
    out = []
    P = out.append
    P("blind30 COUNTS (written by check_conversations.py)")
    P(f"conversations: {len(convs)}; messages: {sum(len(c['msgs']) for c in convs)}")
    P("types: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(c['type'] for c in convs).items())))
    P("")
    P("Matching statistics per language x label")
    P("lang label  n  msgs(min/med/max) long>=12 med_chars/conv med_chars/msg S-first money consec")
    for lang in LANGS:
        for label in ("benign", "scam"):
            cs = [c for c in by_lang[lang] if c["label"] == label]
            ns = [len(c["msgs"]) for c in cs]
            cpc = [sum(len(m[2]) for m in c["msgs"]) for c in cs]
            cpm = [len(m[2]) for c in cs for m in c["msgs"]]
            sfirst = sum(1 for c in cs if c["msgs"][0][0] == "S")
            money = sum(1 for c in cs if any(re.search(MONEY[lang], m[2], re.I) for m in c["msgs"]))
            cons = sum(1 for c in cs if consecutive(c))
            P(f"{lang:4} {label:6} {len(cs):2}  {min(ns):2}/{st.median(ns):4}/{max(ns):2}        {sum(n >= 12 for n in ns):2}"
              f"        {st.median(cpc):6}        {st.median(cpm):5}   {sfirst:2}/{len(cs)}  {money:2}/{len(cs)}  {cons:2}/{len(cs)}")
    allm = [len(c["msgs"]) for c in convs]
    P(f"all: messages per chat min/median/max {min(allm)}/{st.median(allm)}/{max(allm)}")
    P("")
    P("Furthest stage per language (all chats; benign = none)")
    P("lang " + " ".join(f"{s[:9]:>9}" for s in STAGES))
    tot = Counter()
    for lang in LANGS:
        fc = Counter(c["furthest"] for c in by_lang[lang])
        tot.update(fc)
        P(f"{lang:4} " + " ".join(f"{fc.get(s, 0):9}" for s in STAGES))
    P("all  " + " ".join(f"{tot.get(s, 0):9}" for s in STAGES))
    P("")
    P("Scam chats: furthest stage x type")
    for t in TYPES_OK[1:]:
        fc = Counter(c["furthest"] for c in convs if c["type"] == t)
        P(f"  {t:17} " + ", ".join(f"{k}={v}" for k, v in sorted(fc.items(), key=lambda kv: RANK[kv[0]])))
    P("  task_scam by language: " + ", ".join(f"{c['lang']}={c['furthest']}" for l in LANGS for c in by_lang[l] if c["type"] == "task_scam"))
    P("")
    P("errors: " + (str(len(errors)) if errors else "0 (all checks passed)"))
    text = "\n".join(out) + "\n"
    print(text)
    for e in errors:
        print("ERROR:", e)
    if "--write" in sys.argv:
        (HERE / "COUNTS.txt").write_text(text, encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
