import re, sys, statistics as st, collections as C, pathlib
D = pathlib.Path(__file__).resolve().parent
LANGS = "en zh vi th id es ms tl".split()
STAGES = "none contact rapport pitch deposit profit withdrawal_blocked pressure".split()
ORDER = {s: i for i, s in enumerate(STAGES)}
TYPES = {"benign", "pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"}
errs = []
text = (D / "eval/conversations.txt").read_text(encoding="utf-8")
lines = text.split("\n")
for i in range(3):
    if not lines[i].startswith("# "): errs.append(f"line {i+1}: not a '# ' comment")
convs, cur = [], None
hdr = re.compile(r"^## (b11-([a-z]{2})-(\d{2})) ([a-z]{2}) (benign|scam)$")
for n, line in enumerate(lines[3:], 4):
    if line == "":
        cur = None; continue
    if line.startswith("#"):
        m = hdr.match(line)
        if not m: errs.append(f"line {n}: bad header {line!r}"); cur = None; continue
        if m.group(2) != m.group(4) or m.group(4) not in LANGS: errs.append(f"line {n}: lang mismatch")
        cur = {"id": m.group(1), "lang": m.group(4), "label": m.group(5), "msgs": []}
        convs.append(cur); continue
    if cur is None: errs.append(f"line {n}: message outside conversation"); continue
    f = line.split("\t")
    if len(f) != 3: errs.append(f"line {n}: {len(f)} fields"); continue
    if f[0] not in ("S", "V"): errs.append(f"line {n}: bad role {f[0]}")
    if f[1] not in STAGES: errs.append(f"line {n}: bad stage {f[1]}")
    if not f[2].strip(): errs.append(f"line {n}: empty text")
    cur["msgs"].append(f)
ids = [c["id"] for c in convs]
dups = [k for k, v in C.Counter(ids).items() if v > 1]
if dups: errs.append(f"duplicate ids {dups}")
types = {}
tl = (D / "eval/types.tsv").read_text(encoding="utf-8").splitlines()
if tl[0] != "id\ttype": errs.append("types.tsv bad header")
for l in tl[1:]:
    a, b = l.split("\t"); types[a] = b
    if b not in TYPES: errs.append(f"types.tsv bad type {b}")
if set(types) != set(ids): errs.append("types.tsv ids != conversation ids")
for c in convs:
    c["type"] = types.get(c["id"])
    n = len(c["msgs"])
    if not 3 <= n <= 25: errs.append(f"{c['id']}: {n} messages")
    if c["label"] == "benign":
        if any(m[1] != "none" for m in c["msgs"]): errs.append(f"{c['id']}: benign with stage")
        if c["type"] != "benign": errs.append(f"{c['id']}: benign but type {c['type']}")
    elif c["type"] == "benign": errs.append(f"{c['id']}: scam but type benign")
    c["furthest"] = max((m[1] for m in c["msgs"]), key=ORDER.get)
    c["chars"] = sum(len(m[2]) for m in c["msgs"])
    c["mchars"] = st.median(len(m[2]) for m in c["msgs"])
MONEY = re.compile(r"\d|\$|€|¥|฿|usdt|usdc|btc|eth|crypto|cripto|bank|banco|gcash|maya|momo|zelle|venmo|paypal|binance|coinbase|kraken|bitkub|luno|coins\.ph|duitnow|tng|bizum|mercado pago|dana|ovo|shopeepay|rm\d|php|peso|euro|dólar|dollar|baht|บาท|ringgit|rupiah|juta|triệu|trieu|đô|tiền|tien|ngân hàng|元|万|钱|转账|银行|支付宝|微信转|充值|提现|usd|sgd|aud|hkd|yen|yên|yuan|pago|transfer|duit|pera|ธนาคาร|โอน|เงิน|uang|dinero|money|cash|deposit|tax|fee", re.I)
print(f"conversations: {len(convs)}  messages: {sum(len(c['msgs']) for c in convs)}")
print("errors:", len(errs))
for e in errs[:50]: print("  ", e)
print("\nper language / label (conversations):")
cnt = C.Counter((c["lang"], c["label"]) for c in convs)
for l in LANGS: print(f"  {l}: benign={cnt[(l,'benign')]} scam={cnt[(l,'scam')]}")
print(f"  total: benign={sum(v for k,v in cnt.items() if k[1]=='benign')} scam={sum(v for k,v in cnt.items() if k[1]=='scam')}")
print("\nscam conversations by furthest stage:")
fs = C.Counter(c["furthest"] for c in convs if c["label"] == "scam")
for s in STAGES: print(f"  {s:<20}{fs[s]}")
print("\nscam conversations by type:")
for t, v in sorted(C.Counter(c["type"] for c in convs if c["label"] == "scam").items()): print(f"  {t:<20}{v}")
print("\nstage labels over all messages:")
ms = C.Counter(m[1] for c in convs for m in c["msgs"])
print("  " + "  ".join(f"{s}={ms[s]}" for s in STAGES))
print("\nlength per language/label: msgs min/median/max, long(>=12), median chars/conv, median chars/msg, money-mentioning convs, starts with V")
for l in LANGS:
    for lab in ("benign", "scam"):
        cs = [c for c in convs if c["lang"] == l and c["label"] == lab]
        ns = [len(c["msgs"]) for c in cs]
        allm = [len(m[2]) for c in cs for m in c["msgs"]]
        money = sum(1 for c in cs if any(MONEY.search(m[2]) for m in c["msgs"]))
        v1 = sum(1 for c in cs if c["msgs"][0][0] == "V")
        print(f"  {l} {lab:<6} msgs {min(ns):>2}/{st.median(ns):>4}/{max(ns):>2}  long={sum(n>=12 for n in ns):>2}  chars/conv={st.median(c['chars'] for c in cs):>6}  chars/msg={st.median(allm):>5}  money={money:>2}/{len(cs)}  V-first={v1}")
print(f"\nscam chats starting with V: {sum(1 for c in convs if c['label']=='scam' and c['msgs'][0][0]=='V')} / {sum(1 for c in convs if c['label']=='scam')}")
vi = [c for c in convs if c["lang"] == "vi"]
dia = sum(1 for c in vi if re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]", " ".join(m[2] for m in c["msgs"]).lower()))
print(f"vi conversations with diacritics: {dia} / {len(vi)}")
ok = not errs and all(cnt[(l,b)] >= 10 for l in LANGS for b in ("benign","scam")) and all(fs[s] >= 9 for s in STAGES[1:])
print("\nRESULT:", "PASS" if ok else "FAIL")
