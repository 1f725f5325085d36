#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 34. Usage: python3 check_conversations.py [--write-counts]"""
import os, re, sys, statistics as stt
from collections import Counter, defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
STAGES = ['none', 'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
ORDER = {s: i for i, s in enumerate(STAGES)}
TYPES = ['benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing']
MONEY = re.compile(r'(USDT|USD|\$|€|¥|₩|R\$|MMK|kyat|ကျပ်|ဒေါ်လာ|ငွေ|ဘဏ်|KBZ|ရီယ|ដុល្លារ|លុយ|ធនាគារ|ប្រាក់|ABA|円|万|銀行|振込|送金|お金|投資|원|만원|송금|은행|입금|돈|투자|real|reais|Pix|banco|dinheiro|euro|CFA|FCFA|argent|banque|virement|\bprêt|crypto|bitcoin|수익|통장|이체|코인|주식|利益|収入|給料|口座|振|ビットコイン|သိန်း|ဘတ်|trading|BTC|paye|salaire|salário|pagar|payer|transf)', re.I)
errs = []
def err(m): errs.append(m)
def main():
    path = os.path.join(HERE, 'eval', 'conversations.txt')
    raw = open(path, 'rb').read()
    if b'\r' in raw: err('CR found')
    text = raw.decode('utf-8')
    lines = text.split('\n')
    if lines[-1] == '': lines = lines[:-1]
    if not all(l.startswith('# ') for l in lines[:3]) or lines[3].startswith('#') and not lines[3].startswith('## '):
        err('need exactly three comment lines')
    if 'Apache-2.0' not in lines[0]: err('licence line')
    convs = []; cur = None; prev_blank = True
    for n, l in enumerate(lines[3:], 4):
        if l.startswith('## '):
            if not prev_blank and cur is not None: err(f'line {n}: no blank line before header')
            p = l.split(' ')
            if len(p) != 4 or not re.fullmatch(r'b34-(my|km|ja|ko|pt|fr)-(0[1-9]|1\d|20)', p[1]) or p[2] not in LANGS or p[3] not in ('benign', 'scam') or p[1].split('-')[1] != p[2]:
                err(f'line {n}: bad header {l!r}')
            cur = dict(id=p[1], lang=p[2], label=p[3], msgs=[]); convs.append(cur)
        elif l == '':
            if prev_blank: err(f'line {n}: double blank')
        else:
            f = l.split('\t')
            if cur is None or len(f) != 3 or f[0] not in ('S', 'V') or f[1] not in STAGES or not f[2].strip():
                err(f'line {n}: bad message {l!r}')
            else:
                cur['msgs'].append(tuple(f))
        prev_blank = (l == '')
    ids = [c['id'] for c in convs]
    if len(set(ids)) != len(ids): err('duplicate ids')
    types = {}
    tl = open(os.path.join(HERE, 'eval', 'types.tsv'), encoding='utf-8').read().rstrip('\n').split('\n')
    if tl[0] != 'id\ttype': err('types.tsv header')
    for l in tl[1:]:
        i, t = l.split('\t'); types[i] = t
        if t not in TYPES: err(f'bad type {t}')
    if set(types) != set(ids): err('ids in types.tsv differ from conversations.txt')
    seen_sent = {}
    for c in convs:
        c['type'] = types.get(c['id'], '?')
        st = [m[1] for m in c['msgs']]
        c['furthest'] = max(st, key=lambda s: ORDER[s])
        if (c['label'] == 'benign') != (c['type'] == 'benign'): err(f"{c['id']}: label/type mismatch")
        if not 3 <= len(c['msgs']) <= 16: err(f"{c['id']}: {len(c['msgs'])} messages")
        if c['type'] == 'benign' and set(st) != {'none'}: err(f"{c['id']}: benign with stages")
        if c['type'] in ('recruitment_lure', 'impersonation', 'phishing'):
            if st[0] != 'contact' or set(st) - {'contact', 'none'}: err(f"{c['id']}: {c['type']} stages {st}")
        if c['type'] == 'task_scam' and set(st) & {'rapport'}: err(f"{c['id']}: task scam with rapport")
        if c['type'] == 'pig_butchering' and c['furthest'] in ('none', 'contact'): err(f"{c['id']}: pb furthest {c['furthest']}")
        c['consec'] = any(a[0] == b[0] for a, b in zip(c['msgs'], c['msgs'][1:]))
        c['money'] = any(MONEY.search(m[2]) for m in c['msgs'])
        for m in c['msgs']:
            for s in re.split(r'(?<=[.!?。！？])\s*|[។]', m[2]):
                s = s.strip()
                if len(s) >= 25:
                    if s in seen_sent and seen_sent[s] != c['id']: err(f"{c['id']}: sentence shared with {seen_sent[s]}: {s[:40]}")
                    seen_sent.setdefault(s, c['id'])
    out = []
    P = out.append
    P('COUNTS for blind evaluation set 34 (written by check_conversations.py)')
    P(f'conversations: {len(convs)}   messages: {sum(len(c["msgs"]) for c in convs)}')
    P('')
    P('lang label   n  msgs min/med/max  long>=12  med_chars/conv  med_chars/msg  S-first  money  consec')
    for L in LANGS:
        for lab in ('benign', 'scam'):
            cs = [c for c in convs if c['lang'] == L and c['label'] == lab]
            if not cs: err(f'{L} {lab}: none'); continue
            n = [len(c['msgs']) for c in cs]
            cc = [sum(len(m[2]) for m in c['msgs']) for c in cs]
            cm = [len(m[2]) for c in cs for m in c['msgs']]
            lng = sum(x >= 12 for x in n); sf = sum(c['msgs'][0][0] == 'S' for c in cs)
            mo = sum(c['money'] for c in cs); co = sum(c['consec'] for c in cs)
            P(f'{L:4} {lab:6} {len(cs):3}  {min(n):3}/{stt.median(n):4}/{max(n):3}   {lng:6}  {stt.median(cc):13}  {stt.median(cm):13}  {sf:7}  {mo:5}  {co:6}')
            if len(cs) != 10: err(f'{L} {lab}: {len(cs)} chats')
            if lng < 2: err(f'{L} {lab}: only {lng} long chats')
    P('')
    P('scam types per language:')
    for L in LANGS:
        tc = Counter(c['type'] for c in convs if c['lang'] == L and c['label'] == 'scam')
        P(f'  {L}: ' + ', '.join(f'{t}={tc[t]}' for t in TYPES[1:]))
        want = dict(pig_butchering=6, task_scam=1, recruitment_lure=1, impersonation=1, phishing=1)
        if dict(tc) != want: err(f'{L}: type counts {dict(tc)}')
        pb = sorted(c['furthest'] for c in convs if c['lang'] == L and c['type'] == 'pig_butchering')
        if sorted(pb) != sorted(['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']): err(f'{L}: pb furthest {pb}')
        for c in convs:
            if c['lang'] == L and c['type'] == 'task_scam' and c['furthest'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'): err(f"{c['id']}: task furthest {c['furthest']}")
            if c['lang'] == L and c['type'] in ('recruitment_lure', 'impersonation', 'phishing') and c['furthest'] != 'contact': err(f"{c['id']} furthest")
    P('')
    P('furthest stage of scam chats (per language and overall):')
    SS = STAGES[1:]
    P('      ' + ' '.join(f'{s[:10]:>10}' for s in SS))
    tot = Counter()
    for L in LANGS:
        fc = Counter(c['furthest'] for c in convs if c['lang'] == L and c['label'] == 'scam'); tot += fc
        P(f'{L:5} ' + ' '.join(f'{fc[s]:>10}' for s in SS))
    P('all   ' + ' '.join(f'{tot[s]:>10}' for s in SS))
    for s in SS:
        lo, hi = (18, 18) if s == 'contact' else (6, 8)
        if not lo <= tot[s] <= hi: err(f'overall furthest {s}={tot[s]}')
    P('task_scam furthest: ' + ', '.join(f"{c['lang']}={c['furthest']}" for c in sorted(convs, key=lambda c: LANGS.index(c['lang'])) if c['type'] == 'task_scam'))
    P('')
    P('errors: %d' % len(errs) + ('' if not errs else '\n' + '\n'.join(errs)))
    print('\n'.join(out))
    if '--write-counts' in sys.argv:
        open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write('\n'.join(out) + '\n')
    return 1 if errs else 0
sys.exit(main())
