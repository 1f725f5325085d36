#!/usr/bin/env python3
"""Checker for the train8b stage training set (ko, pt, fr). Prints a summary; exit 1 on any error.
Usage: python3 check_conversations.py [--write-counts]"""
import re, sys, statistics
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONV = HERE / 'train' / 'conversations.txt'
TYPES = HERE / 'train' / 'types.tsv'
LANGS = ['ko', 'pt', 'fr']
STAGES = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
ALLSTAGES = STAGES + ['none']
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
HEADER = [
    "# Fiction written for the ScamNet project (stage training set train8b); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = re.compile(
    r"\d\s*원|만 원|천 원|돈|요금|수업료|달러|USDT|코인|비트코인|금값|계좌|입금|출금|송금|월세|보증금|적금|세금|수수료|대출|이체|관세|"
    r'R\$|€|euros?|reais|dólar|d[óo]lares|Pix|saldo|aluguel|renda|caução|banco|bitcoin|ouro|dinheiro|depósit|transfer|'
    r'FCFA|\$|loyer|virement|argent|banque|crypto|or\b|acompte|retrait|cotisation|frais|amende|salaire|pay|réglé|solde|dette|économies|pagar|pago|은행|뱅킹',
    re.I)

errors = []
def err(msg):
    errors.append(msg)

def parse():
    raw = CONV.read_bytes()
    if b'\r' in raw:
        err('CR characters found (must be LF only)')
    text = raw.decode('utf-8')
    lines = text.split('\n')
    if lines[:3] != HEADER:
        err('the three comment lines are not exactly as required')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]):
        err('extra comment lines after the header')
    if not text.endswith('\n'):
        err('file does not end with a newline')
    convs, cur, prev_blank = [], None, True
    for n, line in enumerate(lines[3:], 4):
        if line.startswith('## '):
            if not prev_blank and cur is not None:
                err(f'line {n}: no blank line before header')
            m = re.fullmatch(r'## (8b-(ko|pt|fr)-(\d\d)) (ko|pt|fr) (benign|scam)', line)
            if not m:
                err(f'line {n}: bad header {line!r}'); cur = None; continue
            if m.group(2) != m.group(4):
                err(f'line {n}: id language differs from language field')
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': [], 'line': n}
            convs.append(cur)
            prev_blank = False
        elif line == '':
            prev_blank = True
        else:
            if cur is None or prev_blank:
                err(f'line {n}: message outside a conversation'); continue
            parts = line.split('\t')
            if len(parts) != 3:
                err(f'line {n}: expected 3 tab-separated fields'); continue
            who, stage, msg = parts
            if who not in ('S', 'V'):
                err(f'line {n}: speaker {who!r}')
            if stage not in ALLSTAGES:
                err(f'line {n}: stage {stage!r}')
            if not msg.strip() or msg != msg.strip():
                err(f'line {n}: empty text or stray whitespace')
            cur['msgs'].append((who, stage, msg))
    return convs

def furthest(c):
    idx = [STAGES.index(s) for _, s, _ in c['msgs'] if s != 'none']
    return STAGES[max(idx)] if idx else 'none'

def consecutive(c):
    ws = [w for w, _, _ in c['msgs']]
    return any(a == b for a, b in zip(ws, ws[1:]))

def main():
    convs = parse()
    types = {}
    tl = TYPES.read_text(encoding='utf-8').split('\n')
    if tl[0] != 'id\ttype':
        err('types.tsv header')
    for l in tl[1:]:
        if not l:
            continue
        i, t = l.split('\t')
        if i in types:
            err(f'types.tsv duplicate {i}')
        if t not in TYPESET:
            err(f'types.tsv bad type {t}')
        types[i] = t
    ids = [c['id'] for c in convs]
    if len(set(ids)) != len(ids):
        err('duplicate conversation ids')
    if set(ids) != set(types):
        err(f'ids differ from types.tsv: {sorted(set(ids) ^ set(types))}')
    for lang in LANGS:
        want = {f'8b-{lang}-{i:02d}' for i in range(1, 25)}
        have = {i for i in ids if i.startswith(f'8b-{lang}-')}
        if have != want:
            err(f'{lang}: ids are not 01..24')
    # per conversation rules
    for c in convs:
        c['type'] = t = types.get(c['id'], '?')
        n = len(c['msgs'])
        if not 3 <= n <= 16:
            err(f"{c['id']}: {n} messages")
        if (t == 'benign') != (c['label'] == 'benign'):
            err(f"{c['id']}: label {c['label']} vs type {t}")
        stages = [s for _, s, _ in c['msgs']]
        if t == 'benign' and set(stages) != {'none'}:
            err(f"{c['id']}: benign chat with a stage")
        if t in ('recruitment_lure', 'impersonation', 'phishing'):
            if not set(stages) <= {'contact', 'none'}:
                err(f"{c['id']}: {t} must use contact/none only")
            seen_none = False
            for s in stages:
                if s == 'none':
                    seen_none = True
                elif seen_none:
                    err(f"{c['id']}: contact after the opener")
            if stages[0] != 'contact':
                err(f"{c['id']}: opener not contact")
        if t == 'task_scam' and not set(stages) <= {'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure', 'none'}:
            err(f"{c['id']}: task scam uses rapport")
        if t == 'pig_butchering' and sum(s != 'none' for s in stages) * 2 <= n:
            err(f"{c['id']}: most messages should carry a stage")
        for _, _, m in c['msgs']:
            if re.search(r'https?://|www\.', m, re.I):
                err(f"{c['id']}: link not defanged: {m}")
    # no shared sentences across chats
    owner = {}
    for c in convs:
        for _, _, m in c['msgs']:
            for s in re.split(r'(?<=[.!?。])\s+', m):
                k = re.sub(r'\W+', ' ', s.lower()).strip()
                if len(k) < 12:
                    continue
                if k in owner and owner[k] != c['id']:
                    err(f"shared sentence {owner[k]} / {c['id']}: {s}")
                owner.setdefault(k, c['id'])
    # per-language composition
    out = []
    P = out.append
    P(f'train8b: {len(convs)} conversations, {sum(len(c["msgs"]) for c in convs)} messages')
    for lang in LANGS:
        cl = [c for c in convs if c['lang'] == lang]
        tc = Counter(c['type'] for c in cl)
        if tc['benign'] != 12 or len(cl) - tc['benign'] != 12:
            err(f'{lang}: need 12 benign and 12 scam')
        if tc['pig_butchering'] != 8:
            err(f'{lang}: need 8 pig_butchering')
        pbf = Counter(furthest(c) for c in cl if c['type'] == 'pig_butchering')
        for st in ('rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure'):
            need = 2 if st in ('rapport', 'pitch') else 1
            if pbf[st] < need:
                err(f'{lang}: pig_butchering ending at {st}: {pbf[st]} < {need}')
        for label in ('benign', 'scam'):
            if sum(1 for c in cl if c['label'] == label and len(c['msgs']) >= 12) < 3:
                err(f'{lang} {label}: fewer than 3 chats with >=12 messages')
    allt = Counter(types.values())
    for t in ('task_scam', 'recruitment_lure', 'impersonation', 'phishing'):
        if allt[t] < 2:
            err(f'{t}: fewer than 2 overall')
    # statistics
    P('')
    P('lang label   n  msgs(min/med/max) long>=12 chars/conv(med) chars/msg(med) S-first money consec')
    for lang in LANGS:
        for label in ('benign', 'scam'):
            cs = [c for c in convs if c['lang'] == lang and c['label'] == label]
            lens = [len(c['msgs']) for c in cs]
            cpc = [sum(len(m) for _, _, m in c['msgs']) for c in cs]
            cpm = [len(m) for c in cs for _, _, m in c['msgs']]
            P(f'{lang}   {label:6} {len(cs):3}  {min(lens):3}/{statistics.median(lens):4}/{max(lens):3}      '
              f'{sum(l >= 12 for l in lens):3}      {statistics.median(cpc):7}        {statistics.median(cpm):6}'
              f'      {sum(c["msgs"][0][0] == "S" for c in cs):3}   {sum(any(MONEY.search(m) for _, _, m in c["msgs"]) for c in cs):3}   '
              f'{sum(consecutive(c) for c in cs):3}')
    P('')
    P('types per language:')
    for lang in LANGS:
        tc = Counter(types[c['id']] for c in convs if c['lang'] == lang)
        P(f'  {lang}: ' + ', '.join(f'{t}={tc[t]}' for t in sorted(tc)))
    P('')
    P('furthest stage per language (scam chats; pig_butchering in brackets):')
    for lang in LANGS:
        cs = [c for c in convs if c['lang'] == lang and c['label'] == 'scam']
        fc = Counter(furthest(c) for c in cs)
        pb = Counter(furthest(c) for c in cs if c['type'] == 'pig_butchering')
        P(f'  {lang}: ' + ', '.join(f'{s}={fc[s]}[{pb[s]}]' for s in STAGES + ['none'] if fc[s]))
    P('')
    P('message stage labels per language:')
    for lang in LANGS:
        sc = Counter(s for c in convs if c['lang'] == lang for _, s, _ in c['msgs'])
        P(f'  {lang}: ' + ', '.join(f'{s}={sc[s]}' for s in ALLSTAGES))
        vs = Counter(s for c in convs if c['lang'] == lang and c['label'] == 'scam' for w, s, _ in c['msgs'] if w == 'V')
        P(f'      victim messages in scams: ' + ', '.join(f'{s}={vs[s]}' for s in ALLSTAGES if vs[s]))
    P('')
    P('errors: ' + (str(len(errors)) if errors else '0 (all checks passed)'))
    for e in errors:
        P('  ERROR ' + e)
    text = '\n'.join(out) + '\n'
    print(text, end='')
    if '--write-counts' in sys.argv:
        (HERE / 'COUNTS.txt').write_text(text, encoding='utf-8')
    return 1 if errors else 0

if __name__ == '__main__':
    sys.exit(main())
