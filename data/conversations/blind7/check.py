import re, sys, collections
base = "/work/main/data/conversations/blind7/eval/"
ORDER = "none contact rapport pitch deposit profit withdrawal_blocked pressure".split()
LANGS = "en zh vi th id es ms tl".split()
errs = []
lines = open(base + "conversations.txt", encoding="utf-8").read().split("\n")
for i in range(3):
    if not lines[i].startswith("# "): errs.append(f"line {i+1}: not a comment")
convs = collections.OrderedDict(); cur = None; prev_blank = True
hdr = re.compile(r"^## (b7-(en|zh|vi|th|id|es|ms|tl)-(\d\d)) (en|zh|vi|th|id|es|ms|tl) (benign|scam)$")
for n, ln in enumerate(lines[3:], 4):
    if ln == "":
        prev_blank = True; continue
    if ln.startswith("## "):
        m = hdr.match(ln)
        if not m: errs.append(f"line {n}: bad header {ln!r}"); cur = None; continue
        cid = m.group(1)
        if m.group(2) != m.group(4): errs.append(f"line {n}: id/lang mismatch")
        if cid in convs: errs.append(f"line {n}: duplicate id {cid}")
        if not prev_blank and convs: errs.append(f"line {n}: no blank line before header")
        cur = convs[cid] = dict(lang=m.group(4), label=m.group(5), msgs=[])
        prev_blank = False; continue
    prev_blank = False
    f = ln.split("\t")
    if cur is None: errs.append(f"line {n}: message outside conversation"); continue
    if len(f) != 3 or f[0] not in ("S", "V") or f[1] not in ORDER or not f[2].strip():
        errs.append(f"line {n}: bad message line {ln!r}"); continue
    cur["msgs"].append((f[0], f[1], f[2]))
types = {}
tl = open(base + "types.tsv", encoding="utf-8").read().strip().split("\n")
if tl[0] != "id\ttype": errs.append("types.tsv: bad header")
for ln in tl[1:]:
    a, b = ln.split("\t"); types[a] = b
if set(types) != set(convs): errs.append("types.tsv ids != conversation ids")
per_ll = collections.Counter(); per_far = collections.Counter(); per_type = collections.Counter()
per_far_type = collections.Counter(); lens = []
texts = collections.Counter()
for cid, c in convs.items():
    per_ll[(c["lang"], c["label"])] += 1
    per_type[types.get(cid)] += 1
    lens.append(len(c["msgs"]))
    if not (3 <= len(c["msgs"]) <= 25): errs.append(f"{cid}: {len(c['msgs'])} messages")
    st = [m[1] for m in c["msgs"]]
    far = max(st, key=ORDER.index)
    if c["label"] == "benign":
        if far != "none": errs.append(f"{cid}: benign with stage {far}")
        if types.get(cid) != "benign": errs.append(f"{cid}: benign label but type {types.get(cid)}")
    else:
        if types.get(cid) == "benign": errs.append(f"{cid}: scam with type benign")
        per_far[far] += 1; per_far_type[(types.get(cid), far)] += 1
    for m in c["msgs"]: texts[m[2]] += 1
dups = [t for t, k in texts.items() if k > 1 and len(t) > 12]
print(f"conversations: {len(convs)}  messages: {sum(lens)}  (per conversation min {min(lens)} max {max(lens)} mean {sum(lens)/len(lens):.1f})")
print("per language (benign/scam):")
for l in LANGS:
    print(f"  {l}: benign {per_ll[(l,'benign')]}  scam {per_ll[(l,'scam')]}")
    if per_ll[(l,'benign')] < 10 or per_ll[(l,'scam')] < 10: errs.append(f"{l}: fewer than 10/10")
print("scam conversations by furthest stage:")
for s in ORDER:
    print(f"  {s}: {per_far[s]}")
    if s != "none" and per_far[s] < 9: errs.append(f"furthest stage {s}: only {per_far[s]}")
print("conversations by type:", dict(sorted(per_type.items())))
print("scam type x furthest stage:")
for (t, s), k in sorted(per_far_type.items()):
    print(f"  {t} / {s}: {k}")
print(f"duplicate message texts (>12 chars): {len(dups)}")
print("ERRORS:" if errs else "OK: no errors")
for e in errs: print("  " + e)
sys.exit(1 if errs else 0)
