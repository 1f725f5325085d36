#!/usr/bin/env python3
"""Checker for blind evaluation set 26. Usage: python3 check_conversations.py [--write-counts]
Validates format, stages, labels, ids vs types.tsv, counts and matching statistics; prints a summary."""
import re, sys, statistics as stt, os
from collections import Counter, defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt'); TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
ORDER = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
STAGES = set(ORDER) | {'none'}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 26); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = re.compile(r'(\d[\d,.]*\s*(円|万|원|만원|reais|real|euros?|€|\$|FCFA|USD|USDT|BTC|ကျပ်|သိန်း|ဘတ်|ដុល្លារ|បាត|conto|%))|USDT|bitcoin|ビットコイン|BTC|crypto|cripto|コイン|코인|이더리움|'
                   r'銀行|信用金庫|キャッシュカード|暗証番号|月給|口座|振込|振り込|出金|入金|送金|仕送り|税|金の|계좌|송금|은행|출금|입금|충전|월세|곗돈|금 |'
                   r'\bPix\b|banco|conta|saque|depósito|dinheiro|bancári|dólar|dollar|ドル|달러|renda|aluguel|ouro|IBAN|MB Way|virement|banque|compte|retrait|dépôt|loyer|tontine|Orange Money|\bWave\b|\bor\b|'
                   r'ငွေ|ဘဏ်|KPay|KBZPay|ရွှေ|လစာ|လုយ|លុយ|ធនាគារ|\bABA\b|\bWing\b|មាស|ប្រាក់|តុង', re.I)
errs = []
def err(m): errs.append(m)
raw = open(CONV, 'rb').read()
if b'\r' in raw: err('CR characters found')
text = raw.decode('utf-8')
if not text.endswith('\n'): err('no final newline')
lines = text.split('\n')
if lines[:3] != HEAD: err('comment header mismatch')
if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]): err('extra comment lines')
convs = []; cur = None
for i, l in enumerate(lines[3:], 4):
    if l.startswith('## '):
        m = re.fullmatch(r'## (b26-([a-z]{2})-(\d{2})) ([a-z]{2}) (benign|scam)', l)
        if not m: err(f'line {i}: bad header {l!r}'); cur = None; continue
        if m.group(2) != m.group(4): err(f'line {i}: id/lang mismatch')
        if cur is not None and cur['msgs'] and lines[i-2] != '': err(f'line {i}: no blank line before header')
        cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': []}; convs.append(cur)
    elif l == '':
        continue
    else:
        parts = l.split('\t')
        if len(parts) != 3 or parts[0] not in ('S', 'V') or parts[1] not in STAGES or not parts[2].strip():
            err(f'line {i}: bad message line {l[:60]!r}'); continue
        if cur is None: err(f'line {i}: message outside conversation'); continue
        cur['msgs'].append(tuple(parts))
types = {}
tl = open(TYPES, encoding='utf-8').read().split('\n')
if tl[0] != 'id\ttype': err('types.tsv header')
for l in tl[1:]:
    if not l: continue
    a, b = l.split('\t'); 
    if b not in TYPESET: err(f'bad type {b}')
    if a in types: err(f'dup type id {a}')
    types[a] = b
ids = [c['id'] for c in convs]
if len(ids) != len(set(ids)): err('duplicate conversation ids')
if set(ids) != set(types): err('ids in conversations.txt and types.tsv differ')
def furthest(c):
    idx = [ORDER.index(s) for _, s, _ in c['msgs'] if s != 'none']
    return ORDER[max(idx)] if idx else 'none'
seen_text = {}
for c in convs:
    t = types.get(c['id']); c['type'] = t; c['fs'] = furthest(c); n = len(c['msgs'])
    if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
    if (c['label'] == 'benign') != (t == 'benign'): err(f"{c['id']}: label/type mismatch")
    st = [s for _, s, _ in c['msgs']]
    if t == 'benign' and set(st) != {'none'}: err(f"{c['id']}: benign with stage")
    if t in ('recruitment_lure', 'impersonation', 'phishing'):
        if not set(st) <= {'contact', 'none'} or st[0] != 'contact': err(f"{c['id']}: {t} stages {set(st)}")
    if t == 'task_scam':
        if 'rapport' in st: err(f"{c['id']}: task scam with rapport")
        if c['fs'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'): err(f"{c['id']}: task furthest {c['fs']}")
    if t == 'pig_butchering' and c['fs'] in ('contact', 'none'): err(f"{c['id']}: pb furthest {c['fs']}")
    if c['fs'] == 'rapport' and t == 'pig_butchering' and MONEY.search(' '.join(x for _, _, x in c['msgs'])):
        print(f"note: {c['id']} ends at rapport but money-vocabulary regex matched (check by eye)")
    for _, _, x in c['msgs']:
        if re.search(r'https?://', x) or re.search(r'\b[a-z0-9-]+\.(com|net|org|kr|jp)\b', x): err(f"{c['id']}: undefanged link {x[:50]}")
        if len(x) > 12 and x in seen_text and seen_text[x] != c['id']: err(f"{c['id']}: sentence shared with {seen_text[x]}: {x[:40]}")
        seen_text.setdefault(x, c['id'])
by = defaultdict(list)
for c in convs: by[(c['lang'], c['label'])].append(c)
out = []
out.append('Blind evaluation set 26 — summary written by check_conversations.py')
out.append(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
out.append('')
out.append('lang label  n  msgs(min/med/max) long>=12 medCharsConv medCharsMsg S-first money double-sender')
for lang in LANGS:
    for label in ('benign', 'scam'):
        cs = by[(lang, label)]
        if len(cs) != 10: err(f'{lang} {label}: {len(cs)} conversations')
        ns = [len(c['msgs']) for c in cs]
        long_ = sum(n >= 12 for n in ns)
        if long_ < 2: err(f'{lang} {label}: only {long_} long chats')
        cc = stt.median(sum(len(x) for _, _, x in c['msgs']) for c in cs)
        cm = stt.median(len(x) for c in cs for _, _, x in c['msgs'])
        sf = sum(c['msgs'][0][0] == 'S' for c in cs)
        money = sum(bool(MONEY.search(' '.join(x for _, _, x in c['msgs']))) for c in cs)
        dbl = sum(any(c['msgs'][i][0] == c['msgs'][i+1][0] for i in range(len(c['msgs'])-1)) for c in cs)
        out.append(f'{lang:4} {label:6} {len(cs):2}  {min(ns)}/{stt.median(ns):g}/{max(ns)}  {long_:8} {cc:12g} {cm:11g} {sf:7} {money:5} {dbl:6}')
out.append('')
out.append('scam types per language:')
for lang in LANGS:
    tc = Counter(c['type'] for c in by[(lang, 'scam')])
    exp = {'pig_butchering': 6, 'task_scam': 1, 'recruitment_lure': 1, 'impersonation': 1, 'phishing': 1}
    if dict(tc) != exp: err(f'{lang}: scam types {dict(tc)}')
    out.append(f'  {lang}: ' + ', '.join(f'{k}={v}' for k, v in sorted(tc.items())))
    pb = sorted(c['fs'] for c in by[(lang, 'scam')] if c['type'] == 'pig_butchering')
    if sorted(pb) != sorted(ORDER[1:]): err(f'{lang}: pig-butchering furthest stages {pb}')
out.append('')
out.append('furthest stage of scam chats (benign chats are all none):')
out.append('lang ' + ' '.join(f'{s[:10]:>10}' for s in ORDER))
tot = Counter()
for lang in LANGS:
    fc = Counter(c['fs'] for c in by[(lang, 'scam')]); tot += fc
    out.append(f'{lang:4} ' + ' '.join(f'{fc[s]:10}' for s in ORDER))
out.append('all  ' + ' '.join(f'{tot[s]:10}' for s in ORDER))
for s in ORDER[1:]:
    if not 6 <= tot[s] <= 8: err(f'overall furthest {s}: {tot[s]}')
out.append('task_scam furthest: ' + ', '.join(f"{c['lang']}={c['fs']}" for c in convs if c['type'] == 'task_scam'))
out.append('')
out.append('errors: ' + (str(len(errs)) if errs else 'none'))
print('\n'.join(out))
for e in errs: print('ERROR', e)
if '--write-counts' in sys.argv and not errs:
    open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write('\n'.join(out) + '\n')
sys.exit(1 if errs else 0)
