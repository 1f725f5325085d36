#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 20: format, labels, stages, ids vs types.tsv, balance statistics."""
import re,sys,statistics as S,os
from collections import Counter,defaultdict
D=os.path.dirname(os.path.abspath(__file__))
ORDER=['none','contact','rapport','pitch','deposit','profit','withdrawal_blocked','pressure']
RANK={s:i for i,s in enumerate(ORDER)}
LANGS=['my','km','ja','ko','pt','fr']
TYPES={'benign','pig_butchering','task_scam','recruitment_lure','impersonation','phishing'}
MONEY=re.compile(r'(\d[\d,. ]*\s*(円|万|원|만원|천|reais|R\$|€|euros?|EUR|FCFA|USDT|USD|\$|ដុល្លារ|រៀល|ကျပ်|သိန်း|ဒေါ်လာ|balles|BTC)|USDT|bitcoin|ビットコイン|비트코인|ប៊ីតខញ|ဘစ်ကွိုင်|銀行|은행|banco|banque|ABA|KBZ|ធនាគារ|ဘဏ်|pix|virement|口座|계좌|conta|compte|ငွေ|លុយ|お金|돈|dinheiro|argent|loyer|aluguel|家賃|월세|ឈ្នួល|အိမ်လခ|R\$\s*\d|salaire|salário|sal[aá]rio|frais|taxa|lucro|paga|payer|支払|費用|給|利益|投資|비용|결제|연봉|투자|수익|ဘတ်|လစာ|ကျပ်|အမြတ်|ប្រាក់|ចំណេញ|ថ្លៃ|crypto|trading|gold|l.or|ouro|金の|金額|入金|出金|送金|積立|금값|금 통장|금 선물|មាស|ရွှေ)',re.I)
errs=[]
def err(m): errs.append(m)
txt=open(os.path.join(D,'eval','conversations.txt'),encoding='utf-8').read()
if '\r' in txt or '\t\t' in txt: err('CR or empty field')
lines=txt.split('\n')
if not all(l.startswith('# ') for l in lines[:3]) or lines[3].startswith('# '): err('need exactly three comment lines')
body='\n'.join(lines[3:]).strip('\n')
convs={}
for blk in body.split('\n\n'):
    ls=blk.split('\n'); m=re.fullmatch(r'## (b20-(\w\w)-(\d\d)) (\w\w) (benign|scam)',ls[0])
    if not m: err('bad header '+ls[0]); continue
    cid,l1,nn,l2,lab=m.groups()
    if l1!=l2 or l1 not in LANGS: err('lang '+cid)
    if cid in convs: err('dup '+cid)
    msgs=[]
    for l in ls[1:]:
        p=l.split('\t')
        if len(p)!=3 or p[0] not in 'SV' or len(p[0])!=1 or p[1] not in RANK or not p[2].strip(): err(f'bad line {cid}: {l!r}'); continue
        msgs.append(tuple(p))
    convs[cid]=(l1,lab,msgs)
ty={}
tl=open(os.path.join(D,'eval','types.tsv'),encoding='utf-8').read().rstrip('\n').split('\n')
if tl[0]!='id\ttype': err('types header')
for l in tl[1:]:
    a,b=l.split('\t'); ty[a]=b
    if b not in TYPES: err('type '+l)
if set(ty)!=set(convs): err('ids differ between files')
sents=Counter(t for c in convs.values() for _,_,t in c[2])
for t,n in sents.items():
    if n>1: err(f'repeated message x{n}: {t}')
def furthest(msgs): return max((m[1] for m in msgs),key=RANK.get)
rep=[]; allfs=Counter()
for lang in LANGS:
    ids=sorted(c for c in convs if convs[c][0]==lang)
    if sorted(int(c[-2:]) for c in ids)!=list(range(1,17)): err(lang+' numbering')
    tc=Counter(ty.get(c) for c in ids)
    if tc['benign']!=8 or tc['pig_butchering']!=6 or tc['task_scam']!=1 or tc['recruitment_lure']+tc['impersonation']+tc['phishing']!=1: err(f'{lang} types {dict(tc)}')
    pbs=sorted(furthest(convs[c][2]) for c in ids if ty.get(c)=='pig_butchering')
    if sorted(pbs)!=sorted(['rapport','pitch','deposit','profit','withdrawal_blocked','pressure']): err(f'{lang} PB stages {pbs}')
    fs=Counter()
    for lab in ['benign','scam']:
        cs=[c for c in ids if convs[c][1]==lab]
        if len(cs)!=8: err(f'{lang} {lab} n={len(cs)}')
        n=[len(convs[c][2]) for c in cs]
        for c in cs:
            l,lb,ms=convs[c]; t=ty.get(c)
            if (lb=='benign')!=(t=='benign'): err('label/type '+c)
            if not 3<=len(ms)<=16: err('len '+c)
            f=furthest(ms)
            if lb=='benign' and f!='none': err('benign stage '+c)
            if lb=='scam':
                fs[f]+=1; allfs[f]+=1
                if t in('recruitment_lure','impersonation','phishing') and f!='contact': err('lure stage '+c)
                if t=='task_scam' and f not in('deposit','profit','withdrawal_blocked','pressure'): err('task stage '+c)
                if t=='task_scam' and 'rapport' in [m[1] for m in ms]: err('task rapport '+c)
        chars=[sum(len(m[2]) for m in convs[c][2]) for c in cs]
        per=[len(m[2]) for c in cs for m in convs[c][2]]
        sf=sum(convs[c][2][0][0]=='S' for c in cs)
        mon=sum(bool(MONEY.search(' '.join(m[2] for m in convs[c][2]))) for c in cs)
        dbl=sum(any(a[0]==b[0] for a,b in zip(convs[c][2],convs[c][2][1:])) for c in cs)
        lng=sum(x>=12 for x in n)
        if lng<2: err(f'{lang} {lab} long>=12 only {lng}')
        rep.append(f'{lang}\t{lab}\t{len(cs)}\t{min(n)}/{S.median(n)}/{max(n)}\t{lng}\t{S.median(chars)}\t{S.median(per)}\t{sf}\t{mon}\t{dbl}')
    rep.append(f'{lang}\tscam furthest stages: '+', '.join(f'{s}={fs[s]}' for s in ORDER[1:]))
allm=[len(c[2]) for c in convs.values()]
out=['ScamNet blind evaluation set 20 - checker summary',f'conversations: {len(convs)}  messages: {sum(allm)}  median messages/conversation: {S.median(allm)}',
 f'types: {dict(Counter(ty.values()))}','',
 'lang\tlabel\tn\tmsgs min/med/max\tlong>=12\tmed chars/conv\tmed chars/msg\tS-first\tmoney-vocab chats\tchats with same-sender run']+rep+['',
 'overall scam furthest stages: '+', '.join(f'{s}={allfs[s]}' for s in ORDER[1:])]
for s in ORDER[1:]:
    if not 6<=allfs[s]<=8: err(f'overall {s}={allfs[s]}')
out.append('errors: '+str(len(errs)))
out+=errs
print('\n'.join(out))
if '--write' in sys.argv: open(os.path.join(D,'COUNTS.txt'),'w',encoding='utf-8').write('\n'.join(out)+'\n')
sys.exit(1 if errs else 0)
