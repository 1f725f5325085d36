#!/usr/bin/env python3
"""Checker for blind evaluation set 25 (fiction written for ScamNet; Apache-2.0).

Validates eval/conversations.txt and eval/types.tsv against the set's rules and prints
matching statistics per language x label. Exit code 1 on any error.
Usage: python3 check_conversations.py [folder]   (default: this script's folder)
"""
import os, re, sys, statistics
from collections import Counter, defaultdict

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
STAGES = ["contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
ORDER = {s: i for i, s in enumerate(STAGES)}
ALLSTAGES = set(STAGES) | {"none"}
TYPES = {"benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"}
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 25); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = re.compile("|".join([
    r"usdt|bitcoin|crypto|btc|\bpix\b|aba\b|kpay|wing\b|binance|balance|profit|commission|deposit|withdraw|fee\b|\bcod\b|otp|\bpin\b|\bnip\b",
    r"€|\$|r\$|fcfa|dollar|ڈ|euro|reais|loyer|virement|banque|bancaire|argent|salaire|cotis|caution|prélèv|paie|pr[eê]t|rembours|commission|retrait|taxe|frais|crédit",
    r"aluguel|dinheiro|banco|sal[aá]rio|boleto|empr[eé]st|saque|levantar|taxa|dep[oó]sit|pagamento|ordenado|vencimento|remessa|caixinha|conta\b|cart[aã]o|ouro|lucro",
    r"円|万|銀行|振込|送金|家賃|出金|入金|税|手数料|報酬|給|積立|決済|投資|金|ローン|預金|チャージ|代金|料",
    r"원|만|은행|월세|송금|입금|출금|수수료|보증금|연봉|용돈|곗돈|회비|결제|계좌|대출|수익|관리비|투자|착불|충전|코인",
    r"ငွေ|ကျပ်|သိန်း|ဘဏ်|လစာ|ဘတ်|ရွှေ|အခွန်|fee|လခ|စုငွေ|ဈေး",
    r"លុយ|ដុល្លារ|ធនាគារ|ប្រាក់|ថ្លៃ|មាស|ចំណេញ|កម្រៃ|តុងទីន|បង់|ផ្ទេរ|ខ្ចី",
]), re.I)

errors = []
def err(m): errors.append(m)

lines = open(os.path.join(HERE, "eval", "conversations.txt"), encoding="utf-8").read()
if "\r" in lines: err("CR characters found")
lines = lines.split("\n")
if lines[-1] == "": lines = lines[:-1]
if lines[:3] != HEAD: err("comment header lines wrong")
if sum(1 for l in lines if l.startswith("#") and not l.startswith("## ")) != 3: err("must be exactly three comment lines")
convs, cur, prev_blank = [], None, True
for n, l in enumerate(lines[3:], 4):
    if l == "":
        if cur is None or prev_blank: err(f"line {n}: stray blank line")
        prev_blank = True; continue
    if l.startswith("## "):
        if not prev_blank: err(f"line {n}: header must follow a blank line")
        m = re.fullmatch(r"## (b25-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)", l)
        if not m: err(f"line {n}: bad header {l!r}"); cur = None; continue
        if m.group(2) != m.group(4): err(f"line {n}: id/lang mismatch")
        cur = {"id": m.group(1), "lang": m.group(4), "label": m.group(5), "msgs": []}
        convs.append(cur); prev_blank = False; continue
    prev_blank = False
    parts = l.split("\t")
    if cur is None or len(parts) != 3 or parts[0] not in ("S", "V") or parts[1] not in ALLSTAGES or not parts[2].strip():
        err(f"line {n}: bad message line {l[:60]!r}"); continue
    cur["msgs"].append(tuple(parts))

types = {}
tl = open(os.path.join(HERE, "eval", "types.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
if tl[0] != "id\ttype": err("types.tsv header wrong")
for l in tl[1:]:
    i, t = l.split("\t")
    if t not in TYPES: err(f"types.tsv: bad type {t}")
    if i in types: err(f"types.tsv: duplicate {i}")
    types[i] = t
ids = [c["id"] for c in convs]
if len(set(ids)) != len(ids): err("duplicate conversation ids")
if set(ids) != set(types): err("ids differ between conversations.txt and types.tsv")

def furthest(c):
    st = [s for _, s, _ in c["msgs"] if s != "none"]
    return max(st, key=ORDER.get) if st else "none"

seen_text = {}
for c in convs:
    c["type"] = types.get(c["id"], "?")
    k, t = len(c["msgs"]), c["type"]
    if not 3 <= k <= 16: err(f"{c['id']}: {k} messages")
    if (c["label"] == "benign") != (t == "benign"): err(f"{c['id']}: label/type mismatch")
    stages = [s for _, s, _ in c["msgs"]]
    if t == "benign" and set(stages) != {"none"}: err(f"{c['id']}: benign with stage")
    if t in ("recruitment_lure", "impersonation", "phishing"):
        if not set(stages) <= {"contact", "none"} or "contact" not in stages: err(f"{c['id']}: {t} stages")
    if t == "task_scam" and "rapport" in stages: err(f"{c['id']}: task scam with rapport")
    if c["label"] == "scam" and "none" in stages and t in ("pig_butchering", "task_scam"): err(f"{c['id']}: none in {t}")
    for _, _, x in c["msgs"]:
        if re.search(r"https?://", x): err(f"{c['id']}: live link")
        key = re.sub(r"\W+", " ", x.lower()).strip()
        if len(key) > 12:
            if key in seen_text and seen_text[key] != c["id"]: err(f"{c['id']}: text repeated from {seen_text[key]}: {x[:40]}")
            seen_text[key] = c["id"]
    c["furthest"] = furthest(c)
    c["consec"] = any(a[0] == b[0] for a, b in zip(c["msgs"], c["msgs"][1:]))
    c["money"] = any(MONEY.search(x) for _, _, x in c["msgs"])

out = []
P = out.append
P("blind25 COUNTS (from check_conversations.py)")
P(f"conversations: {len(convs)}  messages: {sum(len(c['msgs']) for c in convs)}")
P("")
P("lang label  n  msgs(min/med/max) long>=12 medchars/conv medchars/msg S-first money consec")
for lang in LANGS:
    for lab in ("benign", "scam"):
        cs = [c for c in convs if c["lang"] == lang and c["label"] == lab]
        if not cs: err(f"no {lang} {lab}"); continue
        ks = [len(c["msgs"]) for c in cs]
        cc = [sum(len(x) for _, _, x in c["msgs"]) for c in cs]
        cm = [len(x) for c in cs for _, _, x in c["msgs"]]
        long_ = sum(k >= 12 for k in ks)
        P(f"{lang:4} {lab:6} {len(cs):2}  {min(ks):2}/{statistics.median(ks):4}/{max(ks):2}       {long_:2}     {statistics.median(cc):7}      {statistics.median(cm):6}   "
          f"{sum(c['msgs'][0][0]=='S' for c in cs):2}    {sum(c['money'] for c in cs):2}    {sum(c['consec'] for c in cs):2}")
        if len(cs) != 10: err(f"{lang} {lab}: {len(cs)} conversations")
        if long_ < 2: err(f"{lang} {lab}: fewer than 2 long chats")
P("")
P("furthest stage of scam chats, per language:")
P("lang " + " ".join(f"{s[:9]:>9}" for s in STAGES))
tot = Counter()
for lang in LANGS:
    cnt = Counter(c["furthest"] for c in convs if c["lang"] == lang and c["label"] == "scam")
    tot += cnt
    P(f"{lang:4} " + " ".join(f"{cnt[s]:9}" for s in STAGES))
    pb = sorted(c["furthest"] for c in convs if c["lang"] == lang and c["type"] == "pig_butchering")
    if sorted(pb) != sorted(STAGES[1:]): err(f"{lang}: pig_butchering furthest stages {pb}")
    tc = Counter(c["type"] for c in convs if c["lang"] == lang)
    want = {"benign": 10, "pig_butchering": 6, "task_scam": 1, "recruitment_lure": 1, "impersonation": 1, "phishing": 1}
    if dict(tc) != want: err(f"{lang}: types {dict(tc)}")
    for c in convs:
        if c["lang"] == lang and c["type"] == "task_scam" and c["furthest"] not in STAGES[3:]: err(f"{c['id']}: task scam ends {c['furthest']}")
        if c["lang"] == lang and c["type"] in ("recruitment_lure", "impersonation", "phishing") and c["furthest"] != "contact": err(f"{c['id']}: should end contact")
P("all  " + " ".join(f"{tot[s]:9}" for s in STAGES))
for s in STAGES[1:]:
    if not 6 <= tot[s] <= 8: err(f"overall {s}: {tot[s]}")
if tot["contact"] != 18: err(f"overall contact {tot['contact']}")
P("")
P("types: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(types.values()).items())))
P("task_scam furthest: " + ", ".join(f"{c['id']}={c['furthest']}" for c in convs if c["type"] == "task_scam"))
P("impersonation/phishing/recruitment ids: " + ", ".join(f"{c['id']}={c['type']}" for c in convs if c["type"] in ("impersonation", "phishing", "recruitment_lure")))
P("")
P("ERRORS: " + (str(len(errors)) if errors else "none"))
for e in errors: P("  " + e)
print("\n".join(out))
sys.exit(1 if errors else 0)
