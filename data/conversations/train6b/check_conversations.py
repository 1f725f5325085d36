#!/usr/bin/env python3
"""Checker for the train6b stage training set (ko, pt, fr).

Usage: python3 check_conversations.py [--write-counts]
Validates format, stages, labels, ids against types.tsv and the composition rules of the brief,
prints statistics per language x label, and (with --write-counts) writes COUNTS.txt.
Exit status 1 if any error was found.
"""
import re
import sys
import statistics
import pathlib
from collections import Counter, defaultdict

HERE = pathlib.Path(__file__).resolve().parent
CONV = HERE / 'train' / 'conversations.txt'
TYPES = HERE / 'train' / 'types.tsv'
LANGS = ['ko', 'pt', 'fr']
STAGES = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
ALL_STAGES = STAGES + ['none']
ORDER = {s: i for i, s in enumerate(STAGES)}
TYPESET = ['benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing']
OTHER = ['task_scam', 'recruitment_lure', 'impersonation', 'phishing']
TASK_STAGES = {'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure', 'none'}
HEADER = [
    "# Fiction written for the ScamNet project (stage training set train6b); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'ko': r'원|송금|입금|출금|이체|계좌|은행|코인|비트코인|USDT|테더|투자|수익|월급|보증금|곗돈|대출|결제|수수료|세금|돈|연봉|금리|적금|현금',
    'pt': r'R\$|reais|real\b|euros?|dólar|USDT|dinheiro|banco|conta|Pix|transfer|depósit|deposit|invest|bitcoin|cripto|saque|sacar|levantamento|salário|empréstimo|renda|aluguel|caução|taxa|imposto|lucro|poupança|cartão|ouro',
    'fr': r'€|euros?|\$|FCFA|USDT|argent|banque|bancaire|compte|virement|dépôt|investi|bitcoin|crypto|retrait|retirer|salaire|salariale|prêt|loyer|tontine|garantie|taxe|frais|gains|rembours|livret|or physique|paie|pay[ée]|payer',
}
URL_RE = re.compile(r'https?://|www\.|\b[a-z0-9-]+\.(com|net|org|io|fr|pt|br|kr|be|ca)\b', re.I)

errors = []


def err(msg):
    errors.append(msg)


def parse():
    raw = CONV.read_bytes()
    if b'\r' in raw:
        err('CR characters found (must be LF only)')
    text = raw.decode('utf-8')
    if not text.endswith('\n'):
        err('file does not end with a newline')
    lines = text.split('\n')
    if lines[:3] != HEADER:
        err('the three comment lines are not exactly as required')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]):
        err('extra comment lines after the header')
    convs = []
    cur = None
    prev_blank = True
    for n, line in enumerate(lines[3:], 4):
        if line == '':
            cur = None
            prev_blank = True
            continue
        if line.startswith('## '):
            if not prev_blank and n != 4:
                err(f'line {n}: header not preceded by a blank line')
            m = re.fullmatch(r'## (6b-(ko|pt|fr)-(\d\d)) (ko|pt|fr) (benign|scam)', line)
            if not m:
                err(f'line {n}: bad header {line!r}')
                cur = None
                continue
            if m.group(2) != m.group(4):
                err(f'line {n}: id language differs from language field')
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': [], 'line': n}
            convs.append(cur)
            prev_blank = False
            continue
        prev_blank = False
        if cur is None:
            err(f'line {n}: message outside a conversation')
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            err(f'line {n}: expected 3 tab-separated fields, got {len(parts)}')
            continue
        who, stage, msg = parts
        if who not in ('S', 'V'):
            err(f'line {n}: sender must be S or V')
        if stage not in ALL_STAGES:
            err(f'line {n}: unknown stage {stage!r}')
        if not msg.strip() or msg != msg.strip():
            err(f'line {n}: empty text or surrounding whitespace')
        if URL_RE.search(msg):
            err(f'line {n}: undefanged link? {msg!r}')
        cur['msgs'].append((who, stage, msg))
    return convs


def furthest(c):
    st = [s for _, s, _ in c['msgs'] if s != 'none']
    return max(st, key=ORDER.get) if st else 'none'


def has_double(c):
    w = [m[0] for m in c['msgs']]
    return any(a == b for a, b in zip(w, w[1:]))


def sentences(text):
    return [s.strip() for s in re.split(r'(?<=[.!?。…])\s+', text) if len(s.strip()) >= 25]


def main():
    convs = parse()
    types = {}
    tl = TYPES.read_text(encoding='utf-8').split('\n')
    if tl[0] != 'id\ttype':
        err('types.tsv header must be id<TAB>type')
    for l in tl[1:]:
        if not l:
            continue
        i, t = l.split('\t')
        if t not in TYPESET:
            err(f'types.tsv: unknown type {t!r} for {i}')
        if i in types:
            err(f'types.tsv: duplicate id {i}')
        types[i] = t
    ids = [c['id'] for c in convs]
    if len(ids) != len(set(ids)):
        err('duplicate conversation ids')
    if set(ids) != set(types):
        err(f'ids differ from types.tsv: {sorted(set(ids) ^ set(types))}')
    for lang in LANGS:
        nn = sorted(int(c['id'][-2:]) for c in convs if c['lang'] == lang)
        if nn != list(range(1, len(nn) + 1)):
            err(f'{lang}: NN numbering not 01..{len(nn):02d}')

    # per-conversation rules
    for c in convs:
        t = types.get(c['id'])
        n = len(c['msgs'])
        st = [s for _, s, _ in c['msgs']]
        if not 3 <= n <= 16:
            err(f"{c['id']}: {n} messages (need 3-16)")
        if (c['label'] == 'benign') != (t == 'benign'):
            err(f"{c['id']}: label {c['label']} vs type {t}")
        if c['label'] == 'benign' and set(st) != {'none'}:
            err(f"{c['id']}: benign chat with non-none stages")
        if t in ('recruitment_lure', 'impersonation', 'phishing'):
            if set(st) - {'contact', 'none'}:
                err(f"{c['id']}: {t} may only use contact/none")
            if st[0] != 'contact':
                err(f"{c['id']}: {t} opener should be contact")
        if t == 'task_scam':
            if set(st) - TASK_STAGES:
                err(f"{c['id']}: task scam uses {set(st) - TASK_STAGES}")
        if t in ('pig_butchering', 'task_scam'):
            if sum(s != 'none' for s in st) <= n / 2:
                err(f"{c['id']}: most messages should carry a stage")
            if 'contact' in st and any(ORDER.get(s, -1) > 0 for s in st[:st.index('contact')]):
                err(f"{c['id']}: contact after a later stage")

    # duplicate sentences across conversations
    seen = {}
    for c in convs:
        for _, _, m in c['msgs']:
            for s in sentences(m):
                k = re.sub(r'\W+', ' ', s.lower()).strip()
                if k in seen and seen[k] != c['id']:
                    err(f"sentence shared by {seen[k]} and {c['id']}: {s!r}")
                seen.setdefault(k, c['id'])

    # composition per language
    out = []
    P = out.append
    P('train6b COUNTS (written by check_conversations.py)')
    P(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
    P('')
    P('per language x label:')
    P('lang label  n  msgs(min/med/max) long>=12 medchars/conv medchars/msg S-first money double')
    for lang in LANGS:
        for label in ('benign', 'scam'):
            cs = [c for c in convs if c['lang'] == lang and c['label'] == label]
            if not cs:
                err(f'{lang} {label}: no conversations')
                continue
            ns = [len(c['msgs']) for c in cs]
            chars_conv = [sum(len(m) for _, _, m in c['msgs']) for c in cs]
            chars_msg = [len(m) for c in cs for _, _, m in c['msgs']]
            sfirst = sum(c['msgs'][0][0] == 'S' for c in cs)
            money = sum(bool(re.search(MONEY[lang], ' '.join(m for _, _, m in c['msgs']), re.I)) for c in cs)
            dbl = sum(has_double(c) for c in cs)
            long_ = sum(n >= 12 for n in ns)
            P(f'{lang:4} {label:6} {len(cs):2}  {min(ns)}/{statistics.median(ns):g}/{max(ns)}'
              f'{"":8}{long_:2}{"":7}{statistics.median(chars_conv):7g}{"":7}{statistics.median(chars_msg):6g}'
              f'{"":6}{sfirst:2}{"":4}{money:2}{"":4}{dbl:2}')
            if len(cs) != 12:
                err(f'{lang} {label}: {len(cs)} conversations (want 12)')
            if long_ < 3:
                err(f'{lang} {label}: only {long_} chats with >=12 messages')
            if not (3 <= dbl <= 6):
                err(f'{lang} {label}: {dbl} chats with consecutive same-sender messages (want about a third)')
    P('')
    P('types per language:')
    for lang in LANGS:
        tc = Counter(types[c['id']] for c in convs if c['lang'] == lang)
        P(f'  {lang}: ' + ', '.join(f'{t}={tc[t]}' for t in TYPESET))
        if tc['pig_butchering'] != 8 or sum(tc[t] for t in OTHER) != 4:
            err(f'{lang}: need 8 pig_butchering and 4 other scams')
    tot = Counter(types.values())
    for t in OTHER:
        if tot[t] < 2:
            err(f'{t}: only {tot[t]} across languages (need >=2)')
    P('  all: ' + ', '.join(f'{t}={tot[t]}' for t in TYPESET))
    P('')
    P('furthest stage of scam chats (pig_butchering | other scams):')
    for lang in LANGS:
        pb = Counter(furthest(c) for c in convs if c['lang'] == lang and types[c['id']] == 'pig_butchering')
        ot = Counter(furthest(c) for c in convs if c['lang'] == lang and types[c['id']] in OTHER)
        P(f'  {lang}: PB ' + ', '.join(f'{s}={pb[s]}' for s in STAGES if pb[s]) +
          ' | other ' + ', '.join(f'{s}={ot[s]}' for s in STAGES if ot[s]))
        for s in STAGES[1:]:
            if pb[s] < 1:
                err(f'{lang}: no pig_butchering chat ending at {s}')
    P('')
    P('message stage labels per language (S / V):')
    for lang in LANGS:
        sc = Counter()
        vc = Counter()
        for c in convs:
            if c['lang'] != lang:
                continue
            for w, s, _ in c['msgs']:
                (sc if w == 'S' else vc)[s] += 1
        P(f'  {lang}: ' + ', '.join(f'{s}={sc[s] + vc[s]}({sc[s]}/{vc[s]})' for s in ALL_STAGES))
        for s in STAGES:
            if vc[s] < 2:
                err(f'{lang}: victim messages rarely show {s} ({vc[s]})')
    P('')
    P(f'errors: {len(errors)}')
    print('\n'.join(out))
    for e in errors:
        print('ERROR', e)
    if '--write-counts' in sys.argv:
        (HERE / 'COUNTS.txt').write_text('\n'.join(out) + '\n', encoding='utf-8')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
