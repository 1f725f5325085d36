#!/usr/bin/env python3
"""Checker for blind evaluation set 22 (written blind; reads only this folder).
Usage: python3 check_conversations.py [--write-counts]"""
import os, re, sys, statistics as stx
from collections import Counter, defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt'); TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
STAGES = ['none', 'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
RANK = {s: i for i, s in enumerate(STAGES)}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 22); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = {
 'pt': r'dinheiro|reais|R\$|euros?|€|\bEUR\b|pix|mb way|transfer|banco|conta|usdt|bitcoin|cripto|sal[aá]rio|pag|deposit|saldo|taxa|empr[eé]st|renda|aluguel|lucro|invest|ouro|caixinha|cart[aã]o',
 'fr': r'€|\$|euros?|fcfa|virement|banque|compte|usdt|bitcoin|crypto|salaire|pa[yi]|d[ée]p[oô]t|solde|frais|pr[eê]t|loyer|argent|\bor\b|invest|rembours|orange money|wave|caution|tontine|placement',
 'ja': r'円|振込|振り込|口座|銀行|USDT|ビットコイン|仮想通貨|給|入金|出金|残高|手数料|家賃|投資|金|払|PayPay|カード',
 'ko': r'원|계좌|은행|입금|출금|USDT|비트코인|코인|월급|연봉|수수료|월세|투자|보증금|이체|송금|곗돈|돈|토스|결제|카드',
 'my': r'ငွေ|ကျပ်|သိန်း|သောင်း|KPay|Wave|ဘဏ်|USDT|Bitcoin|လစာ|deposit|အမြတ်|ရွှေ|လွှဲ|ပိုက်ဆံ|COD|ခ\b',
 'km': r'លុយ|ដុល្លារ|ABA|Wing|ធនាគារ|USDT|Bitcoin|ប្រាក់|ចំណេញ|មាស|ថ្លៃ|COD',
}
errs = []
def err(m): errs.append(m)

def parse():
    lines = open(CONV, encoding='utf-8').read().split('\n')
    if open(CONV, 'rb').read().find(b'\r') >= 0: err('CR found')
    if lines[:3] != HEAD: err('header comment lines differ')
    if sum(1 for l in lines if l.startswith('#') and not l.startswith('## ')) != 3: err('not exactly 3 comment lines')
    convs, cur = [], None
    for n, l in enumerate(lines[3:], 4):
        if l == '':
            cur = None; continue
        if l.startswith('## '):
            p = l.split(' ')
            if len(p) != 4: err(f'line {n}: bad header'); continue
            _, cid, lang, lab = p
            m = re.fullmatch(r'b22-(\w\w)-(\d\d)', cid)
            if not m or m.group(1) != lang or lang not in LANGS or not 1 <= int(m.group(2)) <= 20: err(f'line {n}: bad id {cid}')
            if lab not in ('benign', 'scam'): err(f'line {n}: bad label')
            cur = {'id': cid, 'lang': lang, 'label': lab, 'msgs': []}; convs.append(cur); continue
        if cur is None: err(f'line {n}: message outside conversation'); continue
        p = l.split('\t')
        if len(p) != 3 or p[0] not in ('S', 'V') or p[1] not in STAGES or not p[2].strip():
            err(f'line {n}: bad message line'); continue
        cur['msgs'].append(tuple(p))
    return convs

def main():
    convs = parse()
    types = {}
    tl = open(TYPES, encoding='utf-8').read().rstrip('\n').split('\n')
    if tl[0] != 'id\ttype': err('types.tsv header')
    for l in tl[1:]:
        i, t = l.split('\t')
        if t not in TYPESET: err(f'bad type {t}')
        if i in types: err(f'dup type id {i}')
        types[i] = t
    ids = [c['id'] for c in convs]
    if len(set(ids)) != len(ids): err('duplicate ids')
    if set(ids) != set(types): err('ids differ from types.tsv')
    if len(convs) != 120: err(f'{len(convs)} conversations, want 120')
    texts = Counter()
    for c in convs:
        c['type'] = types.get(c['id'], '?'); ms = c['msgs']
        c['far'] = max((m[1] for m in ms), key=RANK.get)
        if not 3 <= len(ms) <= 16: err(f"{c['id']}: {len(ms)} messages")
        if (c['label'] == 'benign') != (c['type'] == 'benign'): err(f"{c['id']}: label/type mismatch")
        st = {m[1] for m in ms}
        if c['type'] == 'benign' and st != {'none'}: err(f"{c['id']}: benign with stages")
        if c['type'] in ('recruitment_lure', 'impersonation', 'phishing'):
            if st - {'contact', 'none'} or ms[0][1] != 'contact': err(f"{c['id']}: {c['type']} stages {st}")
        if c['type'] == 'task_scam':
            if 'rapport' in st or c['far'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'): err(f"{c['id']}: task stages")
        for w, s, t in ms:
            texts[t.strip()] += 1
            if re.search(r'https?://', t) or re.search(r'\b\w+\.(com|net|org|info)\b', t): err(f"{c['id']}: undefanged link? {t[:40]}")
        c['cons'] = any(ms[i][0] == ms[i + 1][0] for i in range(len(ms) - 1))
        c['money'] = bool(re.search(MONEY[c['lang']], ' '.join(m[2] for m in ms), re.I))
    for t, k in texts.items():
        if k > 1: err(f'repeated message text: {t[:50]}')
    out = []
    tot_far = Counter()
    for lang in LANGS:
        L = [c for c in convs if c['lang'] == lang]
        if sorted(int(c['id'][-2:]) for c in L) != list(range(1, 21)): err(f'{lang}: ids not 01..20')
        tc = Counter(c['type'] for c in L)
        want = {'benign': 10, 'pig_butchering': 6, 'task_scam': 1, 'recruitment_lure': 1, 'impersonation': 1, 'phishing': 1}
        if tc != Counter(want): err(f'{lang}: type counts {dict(tc)}')
        pb = sorted(RANK[c['far']] for c in L if c['type'] == 'pig_butchering')
        if pb != [RANK[s] for s in ['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']]: err(f'{lang}: PB furthest stages {pb}')
        for lab in ('benign', 'scam'):
            G = [c for c in L if c['label'] == lab]
            n = [len(c['msgs']) for c in G]
            chars = [sum(len(m[2]) for m in c['msgs']) for c in G]
            cpm = [len(m[2]) for c in G for m in c['msgs']]
            long_ = sum(x >= 12 for x in n)
            if long_ < 2: err(f'{lang} {lab}: only {long_} long chats')
            out.append(f"{lang} {lab:6s} n={len(G):2d} msgs min/med/max={min(n)}/{stx.median(n)}/{max(n)} long>=12={long_} "
                       f"med_chars/conv={stx.median(chars)} med_chars/msg={stx.median(cpm)} S-first={sum(c['msgs'][0][0]=='S' for c in G)} "
                       f"money={sum(c['money'] for c in G)} consecutive={sum(c['cons'] for c in G)}")
        far = Counter(c['far'] for c in L if c['label'] == 'scam'); tot_far += far
        out.append(f"{lang} scam furthest: " + ', '.join(f'{s}={far[s]}' for s in STAGES[1:]))
        out.append(f"{lang} task_scam ends at: " + ','.join(c['far'] for c in L if c['type'] == 'task_scam'))
    allm = [len(c['msgs']) for c in convs]
    out.append(f"ALL n={len(convs)} messages={sum(allm)} median msgs/conv={stx.median(allm)}")
    out.append("ALL scam furthest: " + ', '.join(f'{s}={tot_far[s]}' for s in STAGES[1:]))
    for s in STAGES[2:]:
        if not 6 <= tot_far[s] <= 8: err(f'overall furthest {s}={tot_far[s]}')
    if tot_far['contact'] != 18: err('contact furthest != 18')
    out.append(f"ALL types: {dict(Counter(c['type'] for c in convs))}")
    out.append('ERRORS: ' + (str(len(errs)) if errs else '0'))
    print('\n'.join(out))
    for e in errs: print('ERR', e)
    if '--write-counts' in sys.argv:
        open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write('\n'.join(out) + '\n')
    return 1 if errs else 0

if __name__ == '__main__':
    sys.exit(main())
