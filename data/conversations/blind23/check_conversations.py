#!/usr/bin/env python3
"""Checker for blind evaluation set 23. Usage: python3 check_conversations.py [--write-counts]
Validates format, stages, labels, ids vs types.tsv, counts and per language x label matching statistics."""
import os, re, sys, statistics as st
from collections import Counter, defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt'); TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
ORDER = ['none', 'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
RANK = {s: i for i, s in enumerate(ORDER)}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 23); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = re.compile(r"USDT|\$|€|FCFA|R\$|ដុល្លារ|ကျပ်|သိန်း|သောင်း|ဘတ်|ငွေ|လុយ|លុយ|ABA|円|万|振込|送金|入金|出金|원|만|입금|송금|계좌|Pix|euros?\b|reais|dinheiro|pagamento|argent|virement|loyer|banque|banco|bank|Bank|ធនាគារ|ဘဏ်|銀行|은행|bitcoin|ビットコイン|코인|crypto|ouro|\bor\b|gold|မာស|មាស|金", re.I)
errs = []
def err(m): errs.append(m)
raw = open(CONV, 'rb').read()
if b'\r' in raw: err('CR found')
lines = raw.decode('utf-8').split('\n')
if lines[:3] != HEAD: err('header comment lines differ')
if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]): err('extra comment lines')
convs = []; prev_blank = True
for i, l in enumerate(lines[3:], 4):
    if l.startswith('## '):
        if not prev_blank and convs: err(f'line {i}: no blank line before header')
        m = re.fullmatch(r'## (b23-(my|km|ja|ko|pt|fr)-(\d\d)) (\w+) (benign|scam)', l)
        if not m or m.group(2) != m.group(4): err(f'line {i}: bad header {l!r}'); continue
        convs.append(dict(id=m.group(1), lang=m.group(2), label=m.group(5), msgs=[])); prev_blank = False
    elif l == '':
        prev_blank = True
    else:
        p = l.split('\t')
        if len(p) != 3 or p[0] not in ('S', 'V') or p[1] not in RANK or not p[2].strip() or prev_blank:
            err(f'line {i}: bad message {l!r}'); continue
        convs[-1]['msgs'].append(tuple(p))
types = {}
tl = open(TYPES, encoding='utf-8').read().split('\n')
if tl[0] != 'id\ttype': err('types.tsv header')
for l in tl[1:]:
    if not l: continue
    a, b = l.split('\t'); types[a] = b
    if b not in TYPESET: err(f'bad type {b}')
ids = [c['id'] for c in convs]
if len(set(ids)) != len(ids): err('duplicate ids')
if set(ids) != set(types): err('ids differ from types.tsv')
for L in LANGS:
    if sorted(int(i[-2:]) for i in ids if f'-{L}-' in i) != list(range(1, 21)): err(f'{L}: ids not 01..20')
seen = {}
for c in convs:
    c['type'] = types.get(c['id'], '?'); n = len(c['msgs']); ss = [m[1] for m in c['msgs']]
    c['furthest'] = max(ss, key=RANK.get) if ss else 'none'
    if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
    if (c['label'] == 'benign') != (c['type'] == 'benign'): err(f"{c['id']}: label/type mismatch")
    if c['type'] == 'benign' and set(ss) != {'none'}: err(f"{c['id']}: benign with stages")
    if c['type'] in ('recruitment_lure', 'impersonation', 'phishing'):
        if set(ss) - {'contact', 'none'} or 'contact' not in ss: err(f"{c['id']}: lure/imp/phish stages")
    if c['type'] == 'task_scam' and set(ss) & {'rapport'}: err(f"{c['id']}: task with rapport")
    if c['type'] == 'task_scam' and c['furthest'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'): err(f"{c['id']}: task furthest")
    if c['type'] == 'pig_butchering' and c['furthest'] in ('rapport',) and set(ss) & {'pitch', 'deposit'}: err('rapport chat has pitch')
    c['consec'] = any(c['msgs'][k][0] == c['msgs'][k + 1][0] for k in range(n - 1))
    c['money'] = any(MONEY.search(m[2]) for m in c['msgs'])
    for m in c['msgs']:
        t = m[2].strip()
        if t in seen and seen[t] != c['id']: err(f"shared sentence {c['id']} & {seen[t]}: {t}")
        seen[t] = c['id']
    if re.search(r'https?://|\.com\b', ' '.join(m[2] for m in c['msgs'])): err(f"{c['id']}: undefanged link")
out = []
for L in LANGS:
    cl = [c for c in convs if c['lang'] == L]
    tc = Counter(c['type'] for c in cl)
    want = {'benign': 10, 'pig_butchering': 6, 'task_scam': 1, 'recruitment_lure': 1, 'impersonation': 1, 'phishing': 1}
    if tc != Counter(want): err(f'{L}: type counts {dict(tc)}')
    pbf = sorted(c['furthest'] for c in cl if c['type'] == 'pig_butchering')
    if sorted(pbf) != sorted(['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']): err(f'{L}: pb furthest {pbf}')
    for c in cl:
        if c['type'] in ('recruitment_lure', 'impersonation', 'phishing') and c['furthest'] != 'contact': err(f"{c['id']}: furthest")
    for lab in ('benign', 'scam'):
        g = [c for c in cl if c['label'] == lab]
        n = [len(c['msgs']) for c in g]
        cpc = [sum(len(m[2]) for m in c['msgs']) for c in g]
        cpm = [len(m[2]) for c in g for m in c['msgs']]
        long_ = sum(x >= 12 for x in n)
        if long_ < 2: err(f'{L} {lab}: only {long_} long chats')
        out.append(f"{L}\t{lab}\tn={len(g)}\tmsgs min/med/max={min(n)}/{st.median(n)}/{max(n)}\tlong>=12={long_}\t"
                   f"chars/conv med={st.median(cpc)}\tchars/msg med={st.median(cpm)}\tS-first={sum(c['msgs'][0][0]=='S' for c in g)}\t"
                   f"money={sum(c['money'] for c in g)}\tconsec-same-sender={sum(c['consec'] for c in g)}")
allm = [len(c['msgs']) for c in convs]
fs = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
rep = ['blind23 COUNTS (written by check_conversations.py)', f'conversations={len(convs)} messages={sum(allm)} median msgs/conv={st.median(allm)}',
       'label counts: ' + str(dict(Counter(c['label'] for c in convs))), 'type counts: ' + str(dict(sorted(Counter(c['type'] for c in convs).items()))), '',
       'Matching statistics per language x label:'] + out + ['', 'Furthest stage of scam chats per language:', 'lang\t' + '\t'.join(fs)]
for L in LANGS + ['ALL']:
    cc = Counter(c['furthest'] for c in convs if c['label'] == 'scam' and (L == 'ALL' or c['lang'] == L))
    rep.append(L + '\t' + '\t'.join(str(cc[s]) for s in fs))
    if L == 'ALL':
        for s in fs:
            if s != 'contact' and not 6 <= cc[s] <= 8: err(f'overall {s}={cc[s]}')
        if cc['contact'] != 18: err('contact != 18')
tf = Counter((c['furthest']) for c in convs if c['type'] == 'task_scam')
rep.append('task_scam furthest: ' + str(dict(tf)))
rep.append('benign furthest: ' + str(dict(Counter(c['furthest'] for c in convs if c['label'] == 'benign'))))
rep += ['', 'ERRORS: ' + (str(len(errs)) if errs else 'none')] + errs
print('\n'.join(rep))
if '--write-counts' in sys.argv:
    open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write('\n'.join(rep) + '\n')
sys.exit(1 if errs else 0)
