"""Checker for data/conversations/blind10/eval: format, ids, counts, furthest stages, length balance."""
import re, statistics as st, collections as co, sys
import os
base = os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval") + os.sep
LANGS = "en zh vi th id es ms tl".split()
STAGES = "none contact rapport pitch deposit profit withdrawal_blocked pressure".split()
ORDER = {s: i for i, s in enumerate(STAGES)}
TYPES = "benign pig_butchering task_scam recruitment_lure impersonation phishing".split()
errors = []
lines = open(base + "conversations.txt", encoding="utf-8").read().split("\n")
for i in range(3):
    if not lines[i].startswith("# "): errors.append(f"line {i+1} not a '# ' comment")
convs, cur = [], None
hdr = re.compile(r"^## (b10-(en|zh|vi|th|id|es|ms|tl)-(\d\d)) (en|zh|vi|th|id|es|ms|tl) (benign|scam)$")
prev_blank = True
for n, line in enumerate(lines[3:], 4):
    if line.startswith("##"):
        m = hdr.match(line)
        if not m: errors.append(f"bad header line {n}: {line!r}"); cur = None; continue
        if m.group(2) != m.group(4): errors.append(f"id/lang mismatch line {n}")
        if not prev_blank and convs: errors.append(f"no blank line before header line {n}")
        cur = dict(id=m.group(1), lang=m.group(4), label=m.group(5), msgs=[]); convs.append(cur)
    elif line == "":
        pass
    else:
        f = line.split("\t")
        if cur is None: errors.append(f"message outside conversation line {n}"); continue
        if len(f) != 3 or f[0] not in ("S", "V") or f[1] not in STAGES or not f[2].strip():
            errors.append(f"bad message line {n}: {line[:60]!r}"); continue
        cur["msgs"].append(f)
    prev_blank = line == ""
ids = [c["id"] for c in convs]
dup = [k for k, v in co.Counter(ids).items() if v > 1]
if dup: errors.append(f"duplicate ids {dup}")
types = {}
tl = open(base + "types.tsv", encoding="utf-8").read().rstrip("\n").split("\n")
if tl[0] != "id\ttype": errors.append("types.tsv bad header")
for l in tl[1:]:
    k, t = l.split("\t")
    if t not in TYPES: errors.append(f"bad type {t} for {k}")
    types[k] = t
if set(types) != set(ids): errors.append("types.tsv ids differ from conversations.txt")
for c in convs:
    n = len(c["msgs"])
    if not 3 <= n <= 25: errors.append(f"{c['id']} has {n} messages")
    c["furthest"] = max((m[1] for m in c["msgs"]), key=ORDER.get)
    t = types.get(c["id"])
    if c["label"] == "benign" and (c["furthest"] != "none" or t != "benign"): errors.append(f"{c['id']} benign with stage/type")
    if c["label"] == "scam" and t == "benign": errors.append(f"{c['id']} scam typed benign")
    if t == "recruitment_lure" and c["furthest"] not in ("none", "contact"): errors.append(f"{c['id']} lure beyond contact")
    c["chars"] = sum(len(m[2]) for m in c["msgs"])
out = []
out.append(f"conversations: {len(convs)}  messages: {sum(len(c['msgs']) for c in convs)}")
out.append("per language and label:")
for L in LANGS:
    cnt = co.Counter(c["label"] for c in convs if c["lang"] == L)
    out.append(f"  {L}: benign {cnt['benign']}  scam {cnt['scam']}")
    if cnt["benign"] < 10 or cnt["scam"] < 10: errors.append(f"{L} needs 10/10")
out.append("scam conversations by furthest stage:")
fc = co.Counter(c["furthest"] for c in convs if c["label"] == "scam")
for s in STAGES:
    out.append(f"  {s:20s} {fc[s]}")
    if s != "none" and fc[s] < 9: errors.append(f"furthest stage {s} only {fc[s]}")
out.append("scam conversations by type:")
tc = co.Counter(types[c["id"]] for c in convs if c["label"] == "scam")
for t in TYPES[1:]: out.append(f"  {t:20s} {tc[t]}")
out.append("scam furthest stage by type:")
for t in TYPES[1:]:
    out.append(f"  {t:20s} " + " ".join(f"{s}={n}" for s, n in sorted(co.Counter(c['furthest'] for c in convs if types[c['id']] == t).items(), key=lambda x: ORDER[x[0]])))
out.append("message-label totals: " + " ".join(f"{s}={n}" for s, n in sorted(co.Counter(m[1] for c in convs for m in c['msgs']).items(), key=lambda x: ORDER[x[0]])))
out.append("length balance (messages min/median/max, n>=12, median chars):")
for L in LANGS:
    row = {}
    for lab in ("benign", "scam"):
        cs = [c for c in convs if c["lang"] == L and c["label"] == lab]
        ns = [len(c["msgs"]) for c in cs]
        row[lab] = (min(ns), st.median(ns), max(ns), sum(n >= 12 for n in ns), st.median(c["chars"] for c in cs))
        out.append(f"  {L} {lab:6s} msgs {row[lab][0]:2d}/{row[lab][1]:4.1f}/{row[lab][2]:2d}  long(>=12) {row[lab][3]}  median chars {row[lab][4]:.0f}")
    b, s = row["benign"], row["scam"]
    if abs(b[1] - s[1]) > 1: errors.append(f"{L}: median message counts differ by {abs(b[1]-s[1])}")
    if abs(b[3] - s[3]) > 1: errors.append(f"{L}: long chats benign {b[3]} vs scam {s[3]}")
    if max(b[4], s[4]) > 1.2 * min(b[4], s[4]): errors.append(f"{L}: median chars benign {b[4]:.0f} vs scam {s[4]:.0f}")
out.append("vi diacritics: " + str(sum(1 for c in convs if c['lang']=='vi' and any(ch in ''.join(m[2] for m in c['msgs']) for ch in 'ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý'))) + " of 20 with diacritics")
out.append("errors: " + (str(len(errors)) if errors else "0 (OK)"))
out += ["  " + e for e in errors]
print("\n".join(out))
sys.exit(1 if errors else 0)
