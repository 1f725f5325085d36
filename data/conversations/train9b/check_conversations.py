#!/usr/bin/env python3
"""Checker for the train9b stage training set (ko, pt, fr). Writes COUNTS.txt; exits 1 on any error."""
import os, re, sys, statistics
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'train', 'conversations.txt')
TYPES = os.path.join(HERE, 'train', 'types.tsv')
HEADER = [
    "# Fiction written for the ScamNet project (stage training set train9b); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
STAGES = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure', 'none']
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}
LANGS = ['ko', 'pt', 'fr']
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
MONEY = re.compile(r'(원|달러|USDT|입금|출금|송금|계좌|통장|은행|비트코인|코인|금값|세금|보증금|월세|이체|수수료|곗돈|'
                   r'R\$|€|euros?|\$|FCFA|francos?|Pix|dinheiro|saque|sacar|dep[óo]sit|transfer|banco|conta|renda|ouro|bitcoin|cripto|'
                   r'argent|retrait|retirer|virement|banque|compte|loyer|or\b|cotisation|Orange Money|Wave|Interac|paie|salaire|salário|pago)',
                   re.I)
errors = []
def err(m): errors.append(m)

raw = open(CONV, encoding='utf-8').read()
if '\r' in raw: err('CR characters found')
lines = raw.split('\n')
if lines[:3] != HEADER: err('comment header lines differ')
if sum(1 for l in lines if l.startswith('# ')) != 3: err('expected exactly three comment lines')
body = '\n'.join(lines[3:]).strip('\n')
convs = []
for bi, block in enumerate(body.split('\n\n')):
    bl = block.split('\n')
    m = re.fullmatch(r'## (9b-(ko|pt|fr)-(\d\d)) (ko|pt|fr) (benign|scam)', bl[0])
    if not m: err(f'bad header {bl[0]!r}'); continue
    cid, l1, nn, lang, label = m.groups()
    if l1 != lang or not 1 <= int(nn) <= 24: err(f'{cid}: id/lang mismatch or NN out of range')
    msgs = []
    for l in bl[1:]:
        parts = l.split('\t')
        if len(parts) != 3 or parts[0] not in ('S', 'V') or parts[1] not in STAGES or not parts[2].strip():
            err(f'{cid}: bad message line {l!r}'); continue
        msgs.append(tuple(parts))
    convs.append(dict(id=cid, lang=lang, label=label, msgs=msgs))

ids = [c['id'] for c in convs]
if len(ids) != len(set(ids)): err('duplicate ids')
tl = open(TYPES, encoding='utf-8').read().rstrip('\n').split('\n')
if tl[0] != 'id\ttype': err('types.tsv header')
types = {}
for l in tl[1:]:
    a, b = l.split('\t')
    if b not in TYPESET: err(f'unknown type {b}')
    types[a] = b
if set(types) != set(ids): err('ids in types.tsv differ from conversations.txt')

seen_text = {}
for c in convs:
    cid, label, msgs = c['id'], c['label'], c['msgs']
    t = types.get(cid)
    c['type'] = t
    if not 3 <= len(msgs) <= 16: err(f'{cid}: {len(msgs)} messages')
    if (label == 'benign') != (t == 'benign'): err(f'{cid}: label {label} vs type {t}')
    st = [m[1] for m in msgs]
    if label == 'benign' and any(s != 'none' for s in st): err(f'{cid}: benign with stage')
    if t in ('recruitment_lure', 'impersonation', 'phishing') and any(s not in ('contact', 'none') for s in st):
        err(f'{cid}: {t} may only use contact/none')
    if t == 'task_scam' and 'rapport' in st: err(f'{cid}: task scam uses rapport')
    if t in ('pig_butchering', 'task_scam') and sum(s != 'none' for s in st) * 2 <= len(st): err(f'{cid}: most scam messages should carry a stage')
    for m in msgs:
        k = m[2].strip()
        if k in seen_text: err(f'{cid}: duplicate sentence also in {seen_text[k]}')
        seen_text[k] = cid
        if re.search(r'https?://', k): err(f'{cid}: live link')
    staged = [ORDER[s] for s in st if s != 'none']
    c['furthest'] = STAGES[max(staged)] if staged else 'none'
    c['consec'] = any(msgs[i][0] == msgs[i + 1][0] for i in range(len(msgs) - 1))
    c['money'] = bool(MONEY.search(' '.join(m[2] for m in msgs)))

out = []
P = out.append
P('train9b COUNTS (written by check_conversations.py)')
P(f'conversations: {len(convs)}   messages: {sum(len(c["msgs"]) for c in convs)}')
for lang in LANGS:
    L = [c for c in convs if c['lang'] == lang]
    P('')
    P(f'== {lang}: {len(L)} conversations')
    for label in ('benign', 'scam'):
        C = [c for c in L if c['label'] == label]
        if not C: err(f'{lang}/{label}: none'); continue
        n = [len(c['msgs']) for c in C]
        chars_conv = [sum(len(m[2]) for m in c['msgs']) for c in C]
        chars_msg = [len(m[2]) for c in C for m in c['msgs']]
        sfirst = sum(c['msgs'][0][0] == 'S' for c in C)
        long_ = sum(x >= 12 for x in n)
        P(f'  {label:6s} n={len(C)} msgs min/median/max={min(n)}/{statistics.median(n)}/{max(n)} long>=12={long_} '
          f'median chars/conv={statistics.median(chars_conv)} median chars/msg={statistics.median(chars_msg)} '
          f'S-first={sfirst} money-vocab={sum(c["money"] for c in C)} consecutive-same-sender={sum(c["consec"] for c in C)}')
        if len(C) != 12: err(f'{lang}/{label}: {len(C)} != 12')
        if long_ < 3: err(f'{lang}/{label}: only {long_} long chats')
    S = [c for c in L if c['label'] == 'scam']
    P('  scam types: ' + ', '.join(f'{k}={v}' for k, v in sorted(Counter(c['type'] for c in S).items())))
    pb = [c for c in S if c['type'] == 'pig_butchering']
    fs = Counter(c['furthest'] for c in pb)
    P('  pig_butchering furthest stage: ' + ', '.join(f'{s}={fs[s]}' for s in STAGES[1:-1]))
    fo = Counter(c['furthest'] for c in S if c['type'] != 'pig_butchering')
    P('  other scams furthest stage: ' + ', '.join(f'{k}={v}' for k, v in sorted(fo.items())))
    if len(pb) != 8: err(f'{lang}: {len(pb)} pig_butchering')
    for s in ('rapport', 'pitch', 'deposit', 'profit'):
        if fs[s] < 1: err(f'{lang}: no pig_butchering ending at {s}')
    for s in ('withdrawal_blocked', 'pressure'):
        if fs[s] < 2: err(f'{lang}: fewer than 2 pig_butchering ending at {s}')
    sc = Counter(m[1] for c in L for m in c['msgs'])
    P('  stage labels (messages): ' + ', '.join(f'{s}={sc[s]}' for s in STAGES))
    scv = Counter(m[1] for c in S for m in c['msgs'] if m[0] == 'V')
    P('  victim-message stages in scams: ' + ', '.join(f'{s}={scv[s]}' for s in STAGES if scv[s]))
tc = Counter(types[i] for i in ids)
P('')
P('types overall: ' + ', '.join(f'{k}={v}' for k, v in sorted(tc.items())))
for t in ('task_scam', 'recruitment_lure', 'impersonation', 'phishing'):
    if tc[t] < 2: err(f'{t}: fewer than 2')
allm = [len(c['msgs']) for c in convs]
P(f'messages per conversation overall: median={statistics.median(allm)}')
P('')
P('errors: ' + (str(len(errors)) if errors else '0 (all checks passed)'))
for e in errors: P('  ' + e)
text = '\n'.join(out) + '\n'
open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(text)
print(text, end='')
sys.exit(1 if errors else 0)
