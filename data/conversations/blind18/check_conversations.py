#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 18 (fiction; Apache-2.0).

Validates eval/conversations.txt and eval/types.tsv against the set's brief and
prints matching statistics per language x label.  Usage:
    python3 check_conversations.py [--write-counts]
Exit code 0 when every check passes.
"""
import re, sys, statistics as st
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
ORDER = ['none', 'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
RANK = {s: i for i, s in enumerate(ORDER)}
TYPES = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 18); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'my': r'ငွေ|ကျပ်|ဒေါ်လာ|ဘတ်|USDT|လွှဲ|ဘဏ်|KPay|bitcoin|ရွှေ|လစာ|လခ|ကော်မရှင်',
    'km': r'លុយ|ដុល្លារ|រៀល|USDT|ABA|ធនាគារ|ប្រាក់|Wing|bitcoin|មាស|បង់',
    'ja': r'円|支払|費|金融|USDT|入金|出金|銀行|振込|振り込|投資|仕送り|給料|会費|家賃|口座|決済|報酬|チャージ',
    'ko': r'원|요금|돈|USDT|입금|출금|계좌|은행|투자|코인|보증금|곗돈|수수료|비트코인',
    'pt': r'R\$|euro|reais|USDT|Pix|banco|dinheiro|pag|salário|taxa|bitcoin|MB WAY',
    'fr': r'€|FCFA|\$|USDT|argent|virement|banque|pai|salaire|loyer|bitcoin|Wave|frais|caution',
}
errors = []
def err(msg): errors.append(msg)

def parse():
    lines = (HERE / 'eval' / 'conversations.txt').read_text(encoding='utf-8').split('\n')
    raw = (HERE / 'eval' / 'conversations.txt').read_bytes()
    if b'\r' in raw: err('CR characters found (must be LF)')
    if lines[:3] != HEADER: err('the three comment lines differ from the required header')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]): err('extra comment lines')
    convs, cur, prev_blank = [], None, True
    for i, l in enumerate(lines[3:], 4):
        if l.startswith('## '):
            if not prev_blank and cur is not None: err(f'line {i}: no blank line before header')
            m = re.fullmatch(r'## (b18-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', l)
            if not m: err(f'line {i}: bad header {l!r}'); cur = None; continue
            if m.group(2) != m.group(4): err(f'line {i}: id language differs from language field')
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': []}
            convs.append(cur); prev_blank = False; continue
        if l == '':
            prev_blank = True; continue
        if prev_blank and cur is not None and cur['msgs']: err(f'line {i}: message after blank line')
        prev_blank = False
        parts = l.split('\t')
        if cur is None or len(parts) != 3: err(f'line {i}: bad message line'); continue
        who, stage, text = parts
        if who not in ('S', 'V'): err(f'line {i}: speaker {who!r}')
        if stage not in RANK: err(f'line {i}: stage {stage!r}')
        if not text.strip() or text != text.strip(): err(f'line {i}: empty or padded text')
        if re.search(r'https?://', text, re.I): err(f'line {i}: live link')
        cur['msgs'].append((who, stage, text))
    return convs

def furthest(c):
    return max((m[1] for m in c['msgs']), key=lambda s: RANK[s])

def consec(c):
    w = [m[0] for m in c['msgs']]
    return any(a == b for a, b in zip(w, w[1:]))

def main():
    convs = parse()
    types = {}
    tl = (HERE / 'eval' / 'types.tsv').read_text(encoding='utf-8').split('\n')
    if tl[0] != 'id\ttype': err('types.tsv header')
    for l in tl[1:]:
        if not l: continue
        a, b = l.split('\t')
        if a in types: err(f'types.tsv duplicate {a}')
        if b not in TYPES: err(f'types.tsv bad type {b}')
        types[a] = b
    ids = [c['id'] for c in convs]
    if len(ids) != len(set(ids)): err('duplicate conversation ids')
    if set(ids) != set(types): err('ids in conversations.txt and types.tsv differ')
    if len(convs) != 96: err(f'{len(convs)} conversations, expected 96')
    for lang in LANGS:
        nn = sorted(int(c['id'][-2:]) for c in convs if c['lang'] == lang)
        if nn != list(range(1, 17)): err(f'{lang}: ids are not 01..16')
    # per-conversation label conventions
    for c in convs:
        t = types.get(c['id']); n = len(c['msgs']); stg = [m[1] for m in c['msgs']]
        c['type'] = t; c['furthest'] = furthest(c)
        if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
        if (c['label'] == 'benign') != (t == 'benign'): err(f"{c['id']}: label/type mismatch")
        if t == 'benign' and set(stg) != {'none'}: err(f"{c['id']}: benign with stages")
        if t in ('recruitment_lure', 'impersonation', 'phishing'):
            if not set(stg) <= {'contact', 'none'} or stg[0] != 'contact': err(f"{c['id']}: {t} stages")
        if t == 'task_scam' and not set(stg) <= {'contact', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure', 'none'}:
            err(f"{c['id']}: task_scam uses rapport")
        if t == 'pig_butchering' and c['furthest'] == 'rapport' and set(stg) - {'contact', 'rapport', 'none'}:
            err(f"{c['id']}: rapport chat with later stages")
    # composition per language
    for lang in LANGS:
        L = [c for c in convs if c['lang'] == lang]
        b = [c for c in L if c['label'] == 'benign']; s = [c for c in L if c['label'] == 'scam']
        if len(b) != 8 or len(s) != 8: err(f'{lang}: {len(b)} benign / {len(s)} scam')
        tc = Counter(c['type'] for c in s)
        if tc['pig_butchering'] != 6 or tc['task_scam'] != 1: err(f'{lang}: scam types {dict(tc)}')
        if tc['recruitment_lure'] + tc['impersonation'] + tc['phishing'] != 1: err(f'{lang}: other type count')
        pbf = sorted(c['furthest'] for c in s if c['type'] == 'pig_butchering')
        if pbf != sorted(['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']):
            err(f'{lang}: pig_butchering furthest stages {pbf}')
        for c in s:
            if c['type'] == 'task_scam' and c['furthest'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'):
                err(f"{c['id']}: task furthest {c['furthest']}")
            if c['type'] in ('recruitment_lure', 'impersonation', 'phishing') and c['furthest'] != 'contact':
                err(f"{c['id']}: other-type furthest {c['furthest']}")
        for grp, name in ((b, 'benign'), (s, 'scam')):
            if sum(len(c['msgs']) >= 12 for c in grp) < 2: err(f'{lang} {name}: fewer than 2 long chats')
    oc = Counter(c['type'] for c in convs if c['type'] in ('recruitment_lure', 'impersonation', 'phishing'))
    if any(oc[t] != 2 for t in ('recruitment_lure', 'impersonation', 'phishing')): err(f'other types overall {dict(oc)}')
    fs = Counter(c['furthest'] for c in convs if c['label'] == 'scam')
    for sname in ORDER[1:]:
        if not 6 <= fs[sname] <= 8: err(f'overall furthest {sname}: {fs[sname]} (want 6-8)')
    # no shared sentences / messages between chats
    seen = {}
    for c in convs:
        for m in c['msgs']:
            for sent in re.split(r'(?<=[.!?。！？។၊။])\s*', m[2]):
                key = re.sub(r'\W+', '', sent.lower())
                if len(key) < 12: continue
                if key in seen and seen[key] != c['id']: err(f"shared sentence {c['id']} / {seen[key]}: {sent!r}")
                seen.setdefault(key, c['id'])
    # statistics
    out = []
    out.append('Blind evaluation set 18 - checker summary (check_conversations.py)')
    out.append(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
    out.append('')
    out.append('lang label   n  msgs min/med/max  long>=12  med_chars/conv  med_chars/msg  S-first  money-vocab  consec-same-sender')
    for lang in LANGS:
        for lab in ('benign', 'scam'):
            g = [c for c in convs if c['lang'] == lang and c['label'] == lab]
            ns = [len(c['msgs']) for c in g]
            cpc = [sum(len(m[2]) for m in c['msgs']) for c in g]
            cpm = [len(m[2]) for c in g for m in c['msgs']]
            money = sum(bool(re.search(MONEY[lang], ' '.join(m[2] for m in c['msgs']), re.I)) for c in g)
            out.append(f'{lang:4} {lab:6} {len(g):3}  {min(ns):3}/{st.median(ns):4}/{max(ns):3}    {sum(n >= 12 for n in ns):5}  '
                       f'{st.median(cpc):13}  {st.median(cpm):13}  {sum(c["msgs"][0][0] == "S" for c in g):7}  {money:11}  {sum(consec(c) for c in g):18}')
    out.append('')
    out.append('furthest stage of scam chats (per language and overall)')
    stg = ORDER[1:]
    out.append('lang ' + ' '.join(f'{s[:12]:>12}' for s in stg))
    for lang in LANGS + ['ALL']:
        cc = Counter(c['furthest'] for c in convs if c['label'] == 'scam' and (lang == 'ALL' or c['lang'] == lang))
        out.append(f'{lang:4} ' + ' '.join(f'{cc[s]:12}' for s in stg))
    out.append('')
    out.append('furthest stage by scam type (overall)')
    for t in ('pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'):
        cc = Counter(c['furthest'] for c in convs if c['type'] == t)
        out.append(f'  {t:17} ' + ', '.join(f'{s}={cc[s]}' for s in stg if cc[s]))
    out.append('')
    out.append('task_scam furthest per language: ' + ', '.join(f"{c['lang']}={c['furthest']}" for c in sorted(convs, key=lambda c: LANGS.index(c['lang'])) if c['type'] == 'task_scam'))
    out.append('other scam type per language: ' + ', '.join(f"{c['lang']}={c['type']}" for c in sorted(convs, key=lambda c: LANGS.index(c['lang'])) if c['type'] in ('recruitment_lure', 'impersonation', 'phishing')))
    out.append('')
    out.append('checks: ' + ('ALL PASSED' if not errors else f'{len(errors)} FAILED'))
    out += ['  ERROR ' + e for e in errors]
    text = '\n'.join(out) + '\n'
    print(text, end='')
    if '--write-counts' in sys.argv:
        (HERE / 'COUNTS.txt').write_text(text, encoding='utf-8')
    return 1 if errors else 0

if __name__ == '__main__':
    sys.exit(main())
