import re, collections, sys
P="/work/main/data/conversations/blind8/eval/"
STAGES="none contact rapport pitch deposit profit withdrawal_blocked pressure".split()
ORDER={s:i for i,s in enumerate(STAGES)}
LANGS="en zh vi th id es ms tl".split()
lines=open(P+"conversations.txt",encoding="utf-8").read().split("\n")
errs=[]; convs={}; cur=None
for n,l in enumerate(lines,1):
    if n<=3:
        if not l.startswith("# "): errs.append(f"line {n}: header comment missing")
        continue
    if l=="": cur=None; continue
    if l.startswith("## "):
        m=re.fullmatch(r"## (b8-([a-z]{2})-(\d{2})) ([a-z]{2}) (benign|scam)",l)
        if not m or m.group(2)!=m.group(4) or m.group(4) not in LANGS: errs.append(f"line {n}: bad header {l!r}"); continue
        if m.group(1) in convs: errs.append(f"line {n}: duplicate id {m.group(1)}")
        if lines[n-2]!="": errs.append(f"line {n}: no blank line before header")
        cur=m.group(1); convs[cur]=(m.group(4),m.group(5),[]); continue
    f=l.split("\t")
    if cur is None or len(f)!=3 or f[0] not in("S","V") or f[1] not in STAGES or not f[2].strip():
        errs.append(f"line {n}: bad message line {l!r}"); continue
    convs[cur][2].append((f[0],f[1],f[2]))
types={}
for l in open(P+"types.tsv",encoding="utf-8").read().splitlines()[1:]:
    i,t=l.split("\t"); types[i]=t
if set(types)!=set(convs): errs.append("types.tsv ids differ from conversations")
for cid,(lang,label,msgs) in convs.items():
    if not 3<=len(msgs)<=25: errs.append(f"{cid}: {len(msgs)} messages")
    if label=="benign" and any(s!="none" for _,s,_ in msgs): errs.append(f"{cid}: benign with stage")
    if label=="benign" and types.get(cid)!="benign": errs.append(f"{cid}: type mismatch")
    if label=="scam" and types.get(cid)=="benign": errs.append(f"{cid}: type mismatch")
# duplicated message texts
tc=collections.Counter(t for _,_,m in convs.values() for _,_,t in m)
dups=[t for t,c in tc.items() if c>1 and len(t)>12]
print("conversations:",len(convs),"messages:",sum(len(m) for _,_,m in convs.values()))
c=collections.Counter((lang,label) for lang,label,_ in convs.values())
print("per language (benign/scam):"," ".join(f"{l}={c[(l,'benign')]}/{c[(l,'scam')]}" for l in LANGS))
fur=collections.Counter()
for cid,(lang,label,msgs) in convs.items():
    if label=="scam": fur[max((s for _,s,_ in msgs),key=ORDER.get)]+=1
print("furthest stage (scam):"," ".join(f"{s}={fur[s]}" for s in STAGES))
print("types:"," ".join(f"{k}={v}" for k,v in sorted(collections.Counter(types.values()).items())))
mc=collections.Counter(s for _,_,m in convs.values() for _,s,_ in m)
print("message stages:"," ".join(f"{s}={mc[s]}" for s in STAGES))
ok = not errs and all(c[(l,'benign')]>=10 and c[(l,'scam')]>=10 for l in LANGS) and all(fur[s]>=9 for s in STAGES[1:]) and len(convs)>=160
if dups: print("repeated message texts (>12 chars):",len(dups), dups[:5])
for e in errs[:30]: print("ERROR",e)
print("CHECK", "OK" if ok else "FAIL")
