#!/usr/bin/env python3
"""Checker for the train7b stage training set (format, labels, types, counts, statistics).
Usage: python3 check_conversations.py [--write]   (--write also writes COUNTS.txt)"""
import re, sys, statistics, pathlib, collections
HERE = pathlib.Path(__file__).parent
CONV, TYPES = HERE / "train" / "conversations.txt", HERE / "train" / "types.tsv"
HEAD = ["# Fiction written for the ScamNet project (stage training set train7b); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
STAGES = ["contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure", "none"]
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}
LANGS = ["ko", "pt", "fr"]
TYPESET = {"benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"}
ALLOWED = {"task_scam": {"contact", "pitch", "profit", "deposit", "withdrawal_blocked", "pressure", "none"},
           "recruitment_lure": {"contact", "none"}, "impersonation": {"contact", "none"},
           "phishing": {"contact", "none"}, "benign": {"none"}, "pig_butchering": set(STAGES)}
MONEY = re.compile(r"(\d[\d.,]*\s*(€|\$|euros?|reais|R\$|USDT|만원|원|천|FCFA|CFA|mil|balles|dólares)|"
                   r"USDT|bitcoin|비트|코인|crypto|송금|입금|출금|보증금|계좌|대출|적금|예금|월세|곗돈|수익|세금|"
                   r"pix|saque|depósito|dep[oó]sit|transfer|conta|empréstimo|aluguel|caução|lucro|taxa|cart[aã]o|"
                   r"virement|retrait|dépôt|loyer|prêt|épargne|compte|garantie|gains|frais|salaire|salário|연봉|"
                   r"mobile money|tontine|caixinha|ouro|l'or|금 )", re.I)
errors = []
def err(m): errors.append(m)

lines = CONV.read_text(encoding="utf-8").split("\n")
if CONV.read_bytes().find(b"\r") >= 0: err("CR found")
if lines[:3] != HEAD: err("header comment lines differ")
if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]): err("extra comment lines")
convs, cur = [], None
for n, l in enumerate(lines[3:], 4):
    if l.startswith("## "):
        m = re.fullmatch(r"## (7b-(ko|pt|fr)-(\d\d)) (ko|pt|fr) (benign|scam)", l)
        if not m: err(f"line {n}: bad header {l!r}"); continue
        if m.group(2) != m.group(4): err(f"line {n}: lang mismatch")
        cur = dict(id=m.group(1), lang=m.group(4), label=m.group(5), msgs=[]); convs.append(cur)
    elif l == "":
        cur = None
    else:
        parts = l.split("\t")
        if cur is None or len(parts) != 3: err(f"line {n}: bad message line {l!r}"); continue
        who, st, tx = parts
        if who not in ("S", "V"): err(f"line {n}: sender {who!r}")
        if st not in STAGES: err(f"line {n}: stage {st!r}")
        if not tx.strip() or tx != tx.strip(): err(f"line {n}: empty/untrimmed text")
        if re.search(r"https?://", tx): err(f"line {n}: undefanged link")
        cur["msgs"].append((who, st, tx))
# blank line between conversations
for i, l in enumerate(lines[4:], 4):
    if l.startswith("## ") and lines[i - 1] != "": err(f"line {i+1}: no blank line before header")

types = {}
tl = TYPES.read_text(encoding="utf-8").rstrip("\n").split("\n")
if tl[0] != "id\ttype": err("types.tsv header")
for l in tl[1:]:
    i, t = l.split("\t")
    if t not in TYPESET: err(f"types: bad type {t}")
    if i in types: err(f"types: dup {i}")
    types[i] = t
ids = [c["id"] for c in convs]
if len(set(ids)) != len(ids): err("duplicate conversation ids")
if set(ids) != set(types): err("ids in conversations.txt and types.tsv differ")
for lang in LANGS:
    nn = sorted(int(c["id"][-2:]) for c in convs if c["lang"] == lang)
    if nn != list(range(1, len(nn) + 1)): err(f"{lang}: NN not 01..{len(nn)}")

def furthest(c):
    s = [ORDER[st] for _, st, _ in c["msgs"] if st != "none"]
    return STAGES[max(s)] if s else "none"

seen = {}
for c in convs:
    t = types.get(c["id"], "?"); c["type"] = t
    if (t == "benign") != (c["label"] == "benign"): err(f"{c['id']}: label/type mismatch")
    if not 3 <= len(c["msgs"]) <= 16: err(f"{c['id']}: {len(c['msgs'])} messages")
    for _, st, tx in c["msgs"]:
        if st not in ALLOWED.get(t, set()): err(f"{c['id']}: stage {st} not allowed for {t}")
        if tx in seen and seen[tx] != c["id"]: err(f"{c['id']}: sentence shared with {seen[tx]}: {tx[:40]}")
        seen[tx] = c["id"]
    if c["label"] == "scam":
        staged = sum(st != "none" for _, st, _ in c["msgs"])
        if t in ("pig_butchering", "task_scam") and staged * 2 <= len(c["msgs"]):
            err(f"{c['id']}: only {staged}/{len(c['msgs'])} staged messages")
    c["consec"] = any(a[0] == b[0] for a, b in zip(c["msgs"], c["msgs"][1:]))
    c["money"] = any(MONEY.search(tx) for _, _, tx in c["msgs"])

out = []
P = out.append
P(f"train7b: {len(convs)} conversations, {sum(len(c['msgs']) for c in convs)} messages")
tc = collections.Counter(c["type"] for c in convs)
P("types overall: " + ", ".join(f"{k}={v}" for k, v in sorted(tc.items())))
for t in ("task_scam", "recruitment_lure", "impersonation", "phishing"):
    if tc[t] < 2: err(f"type {t} only {tc[t]} times")
P("")
P("lang label   n  msgs min/med/max  long>=12  med chars/conv  med chars/msg  S-first  money  consec")
for lang in LANGS:
    for label in ("benign", "scam"):
        cs = [c for c in convs if c["lang"] == lang and c["label"] == label]
        if not cs: continue
        ns = [len(c["msgs"]) for c in cs]
        cpc = [sum(len(tx) for _, _, tx in c["msgs"]) for c in cs]
        cpm = [len(tx) for c in cs for _, _, tx in c["msgs"]]
        long = sum(n >= 12 for n in ns)
        P(f"{lang}   {label:6} {len(cs):3}  {min(ns):3}/{statistics.median(ns):4}/{max(ns):3}  {long:8}  "
          f"{statistics.median(cpc):14}  {statistics.median(cpm):13}  {sum(c['msgs'][0][0]=='S' for c in cs):7}  "
          f"{sum(c['money'] for c in cs):5}  {sum(c['consec'] for c in cs):6}")
        if long < 3: err(f"{lang} {label}: only {long} long chats")
    cl = [c for c in convs if c["lang"] == lang]
    if len(cl) != 24: err(f"{lang}: {len(cl)} conversations (want 24)")
    sc = [c for c in cl if c["label"] == "scam"]
    if len([c for c in cl if c["label"] == "benign"]) != len(sc): err(f"{lang}: benign/scam unbalanced")
    pb = [c for c in sc if c["type"] == "pig_butchering"]
    if len(pb) != 8 or len(sc) - len(pb) != 4: err(f"{lang}: {len(pb)} pig_butchering, {len(sc)-len(pb)} other scams")
    fs = collections.Counter(furthest(c) for c in pb)
    for s in ("rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"):
        if fs[s] < 1: err(f"{lang}: no pig_butchering chat ending at {s}")
P("")
P("furthest stage per language (scam chats; pig_butchering in brackets):")
for lang in LANGS:
    sc = [c for c in convs if c["lang"] == lang and c["label"] == "scam"]
    fa = collections.Counter(furthest(c) for c in sc)
    fp = collections.Counter(furthest(c) for c in sc if c["type"] == "pig_butchering")
    P(f"  {lang}: " + ", ".join(f"{s}={fa[s]}({fp[s]})" for s in STAGES if fa[s]))
    P(f"  {lang} types: " + ", ".join(f"{k}={v}" for k, v in sorted(collections.Counter(c['type'] for c in sc).items())))
P("")
P("message stage labels per language:")
for lang in LANGS:
    sl = collections.Counter(st for c in convs if c["lang"] == lang for _, st, _ in c["msgs"])
    vs = collections.Counter(st for c in convs if c["lang"] == lang for w, st, _ in c["msgs"] if w == "V" and st != "none")
    P(f"  {lang}: " + ", ".join(f"{s}={sl[s]}" for s in STAGES))
    P(f"  {lang} victim-side staged: " + ", ".join(f"{s}={vs[s]}" for s in STAGES if vs[s]))
P("")
P("errors: " + (str(len(errors)) if errors else "0 (all checks passed)"))
print("\n".join(out))
for e in errors: print("ERROR", e)
if "--write" in sys.argv: (HERE / "COUNTS.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
sys.exit(1 if errors else 0)
