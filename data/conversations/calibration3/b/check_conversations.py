#!/usr/bin/env python3
"""Checker for calibration3/b: format, stages, labels, ids vs types.tsv, counts and
matching statistics per language x label. Writes COUNTS.txt next to this file.
Usage: python3 check_conversations.py   (exit code 1 on any error)"""
import os, re, sys, statistics
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ['ko', 'pt', 'fr']
HEADER = [
    "# Fiction written for the ScamNet project (CALIBRATION part b, calibration3/b); not real chats. Licence: Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# CALIBRATION part: for fitting the risk calibrator and the conversation-type model only, never the stage model.",
]
STAGES = {'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure', 'none'}
TYPES = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing', 'advance_fee'}
WANT_SCAM = {'recruitment_lure': 2, 'impersonation': 2, 'phishing': 1, 'advance_fee': 1, 'task_scam': 1, 'pig_butchering': 3}
TASK_STAGES = {'contact', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure'}
MONEY = re.compile(
    r'(\d[\d,]*\s?(원|만원|천원)|월 ?\d|계좌|입금|송금|이체|출금|예금|적금|대출|보증금|회비|수수료|세금|관세|카드|코인|USDT|비트코인|수익|월급|급여|배송비|공과금|비용|'
    r'poupan|\bconta\b|'
    r'R\$|€|\$|US\$|FCFA|PIX|MB WAY|IBAN|dinheiro|pag|sald|taxa|salário|empr[eé]st|cau[çc][ãa]o|invest|cart[ãa]o|'
    r'argent|pay|pai|virement|compte|frais|salaire|prêt|dépôt|carte|bitcoin|crypto|Wave|Orange Money|Bancontact|bon d\'achat|provision)',
    re.I)
ID_RE = re.compile(r'^## (c3b-(ko|pt|fr)-(\d\d)) (ko|pt|fr) (benign|scam)$')

errors = []
def err(m): errors.append(m)

raw = open(os.path.join(HERE, 'conversations.txt'), 'rb').read()
if b'\r' in raw: err('CR characters found (must be LF only)')
text = raw.decode('utf-8')
lines = text.split('\n')
if lines[:3] != HEADER: err('the three comment lines are wrong')
if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]): err('extra comment lines')

convs = []; cur = None
for n, l in enumerate(lines[3:], 4):
    if l == '':
        cur = None; continue
    if l.startswith('## '):
        m = ID_RE.match(l)
        if not m: err(f'line {n}: bad header {l!r}'); cur = None; continue
        if m.group(2) != m.group(4): err(f'line {n}: language mismatch')
        cur = {'id': m.group(1), 'lang': m.group(2), 'label': m.group(5), 'msgs': []}
        convs.append(cur); continue
    if cur is None: err(f'line {n}: message outside a conversation'); continue
    parts = l.split('\t')
    if len(parts) != 3: err(f'line {n}: expected 3 tab-separated fields'); continue
    sp, st, tx = parts
    if sp not in ('S', 'V'): err(f'line {n}: speaker {sp!r}')
    if st not in STAGES: err(f'line {n}: stage {st!r}')
    if not tx.strip(): err(f'line {n}: empty text')
    if re.search(r'https?://', tx): err(f'line {n}: undefanged link')
    cur['msgs'].append((sp, st, tx))

# types.tsv
tl = open(os.path.join(HERE, 'types.tsv'), encoding='utf-8').read().split('\n')
if tl[0] != 'id\ttype': err('types.tsv header')
types = {}
for l in tl[1:]:
    if not l: continue
    a, b = l.split('\t')
    if b not in TYPES: err(f'types.tsv: bad type {b}')
    if a in types: err(f'types.tsv: duplicate {a}')
    types[a] = b
ids = [c['id'] for c in convs]
if len(ids) != len(set(ids)): err('duplicate conversation ids')
if set(ids) != set(types): err('ids in conversations.txt and types.tsv differ')

# per-conversation rules
seen = defaultdict(set)
for c in convs:
    t = types.get(c['id']); c['type'] = t
    if t is None: continue
    if (t == 'benign') != (c['label'] == 'benign'): err(f"{c['id']}: label {c['label']} vs type {t}")
    n = len(c['msgs'])
    if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
    sts = [s for _, s, _ in c['msgs']]
    if t == 'benign' and set(sts) != {'none'}: err(f"{c['id']}: benign with non-none stage")
    if t in ('recruitment_lure', 'impersonation', 'phishing', 'advance_fee'):
        if sts[0] != 'contact' or c['msgs'][0][0] != 'S' or any(s != 'none' for s in sts[1:]):
            err(f"{c['id']}: {t} must be contact then none")
    if t == 'task_scam' and not set(sts) <= TASK_STAGES: err(f"{c['id']}: task stage outside set")
    if t == 'pig_butchering' and 'none' in sts: err(f"{c['id']}: pig_butchering with none")
    for _, _, tx in c['msgs']:
        key = re.sub(r'\W+', ' ', tx.lower()).strip()
        seen[key].add(c['id'])
for k, v in seen.items():
    if len(v) > 1: err(f'same message text in {sorted(v)}: {k[:60]}')
# no shared sentence (of 12+ characters) between two chats
sent = defaultdict(set)
for c in convs:
    for _, _, tx in c['msgs']:
        for piece in re.split(r'[.!?。~]+\s*', tx):
            key = re.sub(r'\W+', ' ', piece.lower()).strip()
            if len(key) >= 12: sent[key].add(c['id'])
for k, v in sent.items():
    if len(v) > 1: err(f'same sentence in {sorted(v)}: {k[:60]}')

# counts and stats
out = []
pb_end = defaultdict(list)
for lang in LANGS:
    cl = [c for c in convs if c['lang'] == lang]
    if len(cl) != 20: err(f'{lang}: {len(cl)} conversations')
    nn = sorted(int(c['id'][-2:]) for c in cl)
    if nn != list(range(1, 21)): err(f'{lang}: NN not 01..20')
    tc = Counter(c['type'] for c in cl)
    if tc['benign'] != 10: err(f'{lang}: {tc["benign"]} benign')
    for t, k in WANT_SCAM.items():
        if tc[t] != k: err(f'{lang}: {t} {tc[t]} (want {k})')
    for c in cl:
        if c['type'] == 'pig_butchering': pb_end[lang].append(c['msgs'][-1][1])
    if sorted(pb_end[lang]) != ['deposit', 'pressure', 'rapport']:
        err(f'{lang}: pig_butchering end stages {sorted(pb_end[lang])}')
    out.append(f'{lang}: ' + ', '.join(f'{t}={tc[t]}' for t in ['benign'] + list(WANT_SCAM)))

def consec(c):
    sp = [m[0] for m in c['msgs']]
    return sum(1 for a, b in zip(sp, sp[1:]) if a == b)

out.append('')
hdr = 'lang label  n  msg_min msg_med msg_max long>=12 med_chars/conv med_chars/msg S_first money two_in_row'
out.append(hdr)
for lang in LANGS:
    for label in ('benign', 'scam'):
        cl = [c for c in convs if c['lang'] == lang and c['label'] == label]
        if not cl: continue
        ns = [len(c['msgs']) for c in cl]
        cpc = [sum(len(m[2]) for m in c['msgs']) for c in cl]
        cpm = [len(m[2]) for c in cl for m in c['msgs']]
        long_ = sum(n >= 12 for n in ns)
        sfirst = sum(c['msgs'][0][0] == 'S' for c in cl)
        money = sum(any(MONEY.search(m[2]) for m in c['msgs']) for c in cl)
        two = sum(consec(c) > 0 for c in cl)
        if long_ < 2: err(f'{lang} {label}: only {long_} chats with >=12 messages')
        out.append(f'{lang:4} {label:6} {len(cl):2} {min(ns):7} {statistics.median(ns):7} {max(ns):7} {long_:8} '
                   f'{statistics.median(cpc):14} {statistics.median(cpm):13} {sfirst:7} {money:5} {two:10}')
allm = [len(c['msgs']) for c in convs]
out.append('')
out.append(f'total conversations {len(convs)}, messages {sum(allm)}, median messages {statistics.median(allm)}')
out.append('stage counts: ' + ', '.join(f'{k}={v}' for k, v in sorted(Counter(m[1] for c in convs for m in c['msgs']).items())))
out.append('two-in-a-row places per chat (max): ' + str(max(consec(c) for c in convs)))
out.append('errors: ' + (str(len(errors)) if errors else '0 (all checks passed)'))
report = '\n'.join(out) + '\n'
open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(report)
print(report)
for e in errors: print('ERROR', e)
sys.exit(1 if errors else 0)
