#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 13 (fiction, Apache-2.0).

Usage: python3 check_conversations.py [folder]   (default: this script's folder)
Validates eval/conversations.txt and eval/types.tsv against the brief's rules and prints
per language x label statistics. Exit status 1 if any error was found.
"""
import os, re, sys, statistics as stx
from collections import Counter, defaultdict

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, "eval", "conversations.txt")
TYPES = os.path.join(HERE, "eval", "types.tsv")
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
STAGES = ["contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure", "none"]
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}
SCAM_TYPES = ["pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"]
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 13); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = re.compile("|".join([
    r"€|\$|usdt|bitcoin|crypto|cripto|btc|fcfa|euro|reais|real\b|dólar|dollar|pix\b|iban|virement|banque|banco|banc|compte|conta\b|"
    r"argent|dinheiro|paie|salaire|salário|loyer|renda\b|aluguel|caução|tontine|épargne|dépos|deposit|retrait|saque|transf|"
    r"ouro|\bor\b|gold|caution|amende|carte bancaire|cartão|empréstimo|emprest|prêt|tax|imposto|lucro|profit|commission|comiss",
    r"円|万|振込|振り込|口座|仕送り|家賃|投資|仮想通貨|ビットコイン|出金|入金|税金|料金|報酬|代金|保証金|会費|積立|証券",
    r"원|계좌|입금|출금|코인|비트코인|곗돈|회비|보증금|대출|카드|결제|수수료|주식|금 통장|월급|투자|송금",
    r"ကျပ်|သိန်း|သောင်း|ဘတ်|ငွေ|ပိုက်ဆံ|စုကြေး|ရွှေ|လစာ|withdraw|account|bank|fee|wallet",
    r"ដុល្លារ|លុយ|ប្រាក់|ថ្លៃ|មាស|ហ៊ុយ|ធនាគារ|ABA|KHQR|ពន្ធ|ដក|ផ្ទេរ",
]), re.I)
LINK = re.compile(r"https?://|www\.|\.(com|net|org|io|me|jp|kr|br|pt|fr|be|ca)\b", re.I)

errors = []
def err(msg):
    errors.append(msg)

lines = open(CONV, encoding="utf-8").read().split("\n")
raw = open(CONV, "rb").read()
if b"\r" in raw: err("CR characters found (file must be LF)")
if lines[:3] != HEADER: err("first three lines are not the required comment lines")
if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]): err("extra comment lines after the header")

convs, cur = [], None
for no, line in enumerate(lines[3:], start=4):
    if line.startswith("## "):
        if cur is not None and lines[no - 2] != "":
            err(f"line {no}: no blank line before header")
        m = re.fullmatch(r"## (b13-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)", line)
        if not m:
            err(f"line {no}: bad header {line!r}"); cur = None; continue
        if m.group(2) != m.group(4): err(f"line {no}: id language != language field")
        if m.group(4) not in LANGS: err(f"line {no}: unknown language {m.group(4)}")
        if not 1 <= int(m.group(3)) <= 12: err(f"line {no}: NN out of 01..12")
        cur = dict(id=m.group(1), lang=m.group(4), label=m.group(5), msgs=[]); convs.append(cur)
    elif line == "":
        continue
    else:
        parts = line.split("\t")
        if cur is None or len(parts) != 3:
            err(f"line {no}: bad message line {line[:60]!r}"); continue
        s, st, text = parts
        if s not in ("S", "V"): err(f"line {no}: speaker {s!r}")
        if st not in STAGES: err(f"line {no}: stage {st!r}")
        if not text.strip() or text != text.strip(): err(f"line {no}: empty text or stray whitespace")
        if LINK.search(text): err(f"line {no}: undefanged link? {text[:60]!r}")
        cur["msgs"].append((s, st, text))

types = {}
tl = open(TYPES, encoding="utf-8").read().split("\n")
if tl[0] != "id\ttype": err("types.tsv header")
for l in tl[1:]:
    if not l: continue
    i, t = l.split("\t")
    if i in types: err(f"types.tsv duplicate {i}")
    types[i] = t

ids = [c["id"] for c in convs]
if len(ids) != len(set(ids)): err("duplicate conversation ids")
if set(ids) != set(types): err(f"ids differ from types.tsv: {sorted(set(ids) ^ set(types))}")
if len(convs) != 72: err(f"{len(convs)} conversations, expected 72")

seen_text = {}
for c in convs:
    c["type"] = t = types.get(c["id"], "?")
    n = len(c["msgs"])
    if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
    if c["label"] == "benign" and t != "benign": err(f"{c['id']}: benign label but type {t}")
    if c["label"] == "scam" and t not in SCAM_TYPES: err(f"{c['id']}: scam label but type {t}")
    st = [m[1] for m in c["msgs"]]
    if t == "benign" and set(st) != {"none"}: err(f"{c['id']}: benign chat with stage != none")
    if t in ("recruitment_lure", "impersonation", "phishing"):
        if st[0] != "contact" or set(st[1:]) - {"none"}: err(f"{c['id']}: {t} must be contact opener then none")
    if t == "task_scam" and {"rapport"} & set(st): err(f"{c['id']}: task scam uses rapport")
    if c["label"] == "scam" and set(st) == {"none"}: err(f"{c['id']}: scam with no stage")
    c["furthest"] = max((s for s in st if s != "none"), key=ORDER.get, default="none")
    c["double"] = any(a[0] == b[0] for a, b in zip(c["msgs"], c["msgs"][1:]))
    c["money"] = any(MONEY.search(m[2]) for m in c["msgs"])
    for m in c["msgs"]:
        key = re.sub(r"\W+", "", m[2].lower())
        if len(key) >= 12 and key in seen_text and seen_text[key] != c["id"]:
            err(f"{c['id']}: message repeated from {seen_text[key]}: {m[2][:50]!r}")
        seen_text.setdefault(key, c["id"])

# per-language structure
for lang in LANGS:
    cs = [c for c in convs if c["lang"] == lang]
    if len(cs) != 12: err(f"{lang}: {len(cs)} conversations")
    for label in ("benign", "scam"):
        sub = [c for c in cs if c["label"] == label]
        if len(sub) != 6: err(f"{lang} {label}: {len(sub)} conversations")
        if sum(len(c["msgs"]) >= 12 for c in sub) < 2: err(f"{lang} {label}: fewer than 2 long chats")
    pb = [c for c in cs if c["type"] == "pig_butchering"]
    if len(pb) != 3: err(f"{lang}: {len(pb)} pig_butchering")
    fur = sorted(ORDER[c["furthest"]] for c in pb)
    if len(pb) == 3 and not (fur[0] <= ORDER["pitch"] and ORDER["deposit"] <= fur[1] <= ORDER["profit"] and fur[2] >= ORDER["withdrawal_blocked"]):
        err(f"{lang}: pig_butchering furthest stages not spread: {[c['furthest'] for c in pb]}")
tc = Counter(c["type"] for c in convs)
for t in SCAM_TYPES[1:]:
    if tc[t] < 3: err(f"type {t} appears {tc[t]} times (<3)")

# report
out = []
P = out.append
P("ScamNet blind evaluation set 13 — checker summary (check_conversations.py)")
P(f"conversations: {len(convs)}   messages: {sum(len(c['msgs']) for c in convs)}   languages: {' '.join(LANGS)}")
P("types overall: " + ", ".join(f"{t}={tc[t]}" for t in ["benign"] + SCAM_TYPES))
P("")
P("lang label   n  msgs min/med/max  long>=12  med_chars/conv  med_chars/msg  S_first  money  double  furthest stages")
for lang in LANGS:
    for label in ("benign", "scam"):
        sub = [c for c in convs if c["lang"] == lang and c["label"] == label]
        if not sub: continue
        ns = [len(c["msgs"]) for c in sub]
        cc = [sum(len(m[2]) for m in c["msgs"]) for c in sub]
        cm = [len(m[2]) for c in sub for m in c["msgs"]]
        fs = Counter(c["furthest"] for c in sub)
        fstr = ", ".join(f"{s}={fs[s]}" for s in STAGES if fs[s])
        P(f"{lang:4} {label:6} {len(sub):2}  {min(ns):3}/{stx.median(ns):4}/{max(ns):3}  {sum(n >= 12 for n in ns):8}  "
          f"{stx.median(cc):14}  {stx.median(cm):13}  {sum(c['msgs'][0][0] == 'S' for c in sub):7}  "
          f"{sum(c['money'] for c in sub):5}  {sum(c['double'] for c in sub):6}  {fstr}")
P("")
P("scam types per language:")
for lang in LANGS:
    tt = Counter(c["type"] for c in convs if c["lang"] == lang and c["label"] == "scam")
    P(f"  {lang}: " + ", ".join(f"{t}={tt[t]}" for t in SCAM_TYPES if tt[t]))
P("pig_butchering furthest stages per language:")
for lang in LANGS:
    P(f"  {lang}: " + ", ".join(sorted((c["furthest"] for c in convs if c["lang"] == lang and c["type"] == "pig_butchering"), key=ORDER.get)))
allst = Counter(m[1] for c in convs for m in c["msgs"])
P("message stage counts: " + ", ".join(f"{s}={allst[s]}" for s in STAGES))
allnm = [len(c["msgs"]) for c in convs]
P(f"messages per conversation overall: min {min(allnm)}, median {stx.median(allnm)}, max {max(allnm)}")
P("")
P("errors: " + (str(len(errors)) if errors else "none"))
for e in errors: P("  ERROR " + e)
print("\n".join(out))
sys.exit(1 if errors else 0)
