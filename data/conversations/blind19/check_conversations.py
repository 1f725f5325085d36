#!/usr/bin/env python3
"""Checker for blind evaluation set 19 (ScamNet). Standard library only.

Usage: python3 check_conversations.py [--write-counts]
Validates eval/conversations.txt and eval/types.tsv against the brief's rules and
prints per language x label statistics; with --write-counts also writes COUNTS.txt.
Exit status 1 if any rule is broken.
"""
import os, re, sys, statistics
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt')
TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
STAGES = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
ALL_STAGES = set(STAGES) | {'none'}
TYPE_SET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
OTHER = {'recruitment_lure', 'impersonation', 'phishing'}
TASK_STAGES = {'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure', 'none'}
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 19); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
# money / finance vocabulary per language (a chat "has money words" if any message matches)
MONEY = {
    'my': r'ငွေ|ကျပ်|သိန်း|ဘဏ်|လစာ|USD|USDT|BTC|ဒေါ်လာ|ဘတ်|KBZPay|KPay|WavePay|ရွှေ|Binance|account|profit|cash|လွှဲ|အကြွေး|ချေး',
    'km': r'លុយ|ប្រាក់|\$|USDT|ABA|Wing|រៀល|មាស|Bitcoin|ធនាគារ|ខ្ចី|សង|បង់|COD|account',
    'ja': r'円|万|株|為替|口座|振込|振り込|入金|出金|USDT|ETH|ビットコイン|銀行|家賃|給料|年収|仕送り|PayPay|投資|ローン|代引き',
    'ko': r'\d\s?원|만원|천원|결제|외환|계좌|입금|출금|송금|USDT|ETH|코인|비트코인|보증금|월급|연봉|곗돈|용돈|카드|대출',
    'pt': r'R\$|€|USDT|BTC|bitcoin|Pix|MB WAY|banco|conta|renda|salário|taxa|dinheiro|ouro|dólares|euros|empréstimo|saldo|IBAN|Wise|caixinha',
    'fr': r'€|\$|FCFA|USDT|ETH|bitcoin|banc|compte|loyer|salaire|virement|Interac|Orange Money|Wave|tontine|frais|or\b|carte|remboursement',
}
URL_RE = re.compile(r'https?://|www\.|\b[a-z0-9-]+\.(com|net|org|io|cc|xyz|top|vip)\b', re.I)


def parse(errors):
    lines = open(CONV, encoding='utf-8').read().split('\n')
    raw = open(CONV, 'rb').read()
    if b'\r' in raw:
        errors.append('CR characters found (must be LF)')
    if lines[:3] != HEADER:
        errors.append('header comment lines wrong')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]):
        errors.append('extra comment lines')
    convs, cur = [], None
    prev_blank = True
    for i, line in enumerate(lines[3:], start=4):
        if line == '':
            cur = None; prev_blank = True; continue
        if line.startswith('## '):
            if not prev_blank:
                errors.append(f'line {i}: header not preceded by blank line')
            m = re.fullmatch(r'## (b19-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', line)
            if not m:
                errors.append(f'line {i}: bad header {line!r}'); cur = None; continue
            if m.group(2) != m.group(4):
                errors.append(f'line {i}: id language != language')
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': []}
            convs.append(cur); prev_blank = False; continue
        prev_blank = False
        if cur is None:
            errors.append(f'line {i}: message outside conversation'); continue
        parts = line.split('\t')
        if len(parts) != 3:
            errors.append(f'line {i}: expected 3 tab-separated fields'); continue
        sp, st, tx = parts
        if sp not in ('S', 'V'):
            errors.append(f'line {i}: bad speaker {sp!r}')
        if st not in ALL_STAGES:
            errors.append(f'line {i}: bad stage {st!r}')
        if not tx.strip() or tx != tx.strip():
            errors.append(f'line {i}: empty text or surrounding whitespace')
        if URL_RE.search(tx):
            errors.append(f'line {i}: live-looking link {tx[:60]!r}')
        cur['msgs'].append((sp, st, tx))
    return convs


def furthest(msgs):
    idx = [STAGES.index(st) for _, st, _ in msgs if st != 'none']
    return STAGES[max(idx)] if idx else 'none'


def main():
    errors = []
    convs = parse(errors)
    types = {}
    tl = open(TYPES, encoding='utf-8').read().split('\n')
    if tl[0] != 'id\ttype':
        errors.append('types.tsv header wrong')
    for l in tl[1:]:
        if not l:
            continue
        a, b = l.split('\t')
        if a in types:
            errors.append(f'types.tsv duplicate {a}')
        if b not in TYPE_SET:
            errors.append(f'types.tsv bad type {b}')
        types[a] = b
    ids = [c['id'] for c in convs]
    if len(ids) != len(set(ids)):
        errors.append('duplicate conversation ids')
    if set(ids) != set(types):
        errors.append('ids in conversations.txt != ids in types.tsv')
    if len(convs) != 96:
        errors.append(f'{len(convs)} conversations, expected 96')

    seen_text = {}
    for c in convs:
        c['type'] = types.get(c['id'], '?')
        c['fur'] = furthest(c['msgs'])
        n = len(c['msgs'])
        if not 3 <= n <= 16:
            errors.append(f"{c['id']}: {n} messages")
        if (c['label'] == 'benign') != (c['type'] == 'benign'):
            errors.append(f"{c['id']}: label {c['label']} vs type {c['type']}")
        stages = [st for _, st, _ in c['msgs']]
        if c['type'] == 'benign' and set(stages) != {'none'}:
            errors.append(f"{c['id']}: benign chat with stage labels")
        if c['type'] in OTHER:
            if c['msgs'][0][1] != 'contact' or set(stages) - {'contact', 'none'}:
                errors.append(f"{c['id']}: {c['type']} must be contact opener then none")
        if c['type'] == 'task_scam' and set(stages) - TASK_STAGES:
            errors.append(f"{c['id']}: task scam uses a non-task stage")
        if c['label'] == 'scam' and c['fur'] == 'none':
            errors.append(f"{c['id']}: scam without any stage")
        for _, _, tx in c['msgs']:
            if len(tx) >= 25:
                if tx in seen_text and seen_text[tx] != c['id']:
                    errors.append(f"{c['id']}: sentence repeated from {seen_text[tx]}: {tx[:40]}")
                seen_text[tx] = c['id']

    # per language composition
    for L in LANGS:
        cl = [c for c in convs if c['lang'] == L]
        nums = sorted(int(c['id'][-2:]) for c in cl)
        if nums != list(range(1, 17)):
            errors.append(f'{L}: ids not 01..16')
        for lab in ('benign', 'scam'):
            sub = [c for c in cl if c['label'] == lab]
            if len(sub) != 8:
                errors.append(f'{L}: {len(sub)} {lab}')
            if sum(len(c['msgs']) >= 12 for c in sub) < 2:
                errors.append(f'{L} {lab}: fewer than 2 chats with >=12 messages')
        tc = Counter(c['type'] for c in cl)
        if tc['pig_butchering'] != 6 or tc['task_scam'] != 1 or sum(tc[t] for t in OTHER) != 1:
            errors.append(f'{L}: scam type mix {dict(tc)}')
        pb = sorted(c['fur'] for c in cl if c['type'] == 'pig_butchering')
        if sorted(pb) != sorted(STAGES[1:]):
            errors.append(f'{L}: pig-butchering furthest stages {pb}')
        for c in cl:
            if c['type'] == 'task_scam' and c['fur'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'):
                errors.append(f"{c['id']}: task scam ends at {c['fur']}")
            if c['type'] in OTHER and c['fur'] != 'contact':
                errors.append(f"{c['id']}: {c['type']} ends at {c['fur']}")
    oc = Counter(c['type'] for c in convs if c['type'] in OTHER)
    for t in OTHER:
        if oc[t] != 2:
            errors.append(f'{t} appears {oc[t]} times overall (want 2)')
    tf = Counter(c['fur'] for c in convs if c['type'] == 'task_scam')
    if len(tf) < 3:
        errors.append(f'task scam endings not varied: {dict(tf)}')
    overall = Counter(c['fur'] for c in convs if c['label'] == 'scam')
    for st in STAGES:
        if not 6 <= overall[st] <= 8:
            errors.append(f'overall furthest {st} = {overall[st]} (want 6..8)')

    # statistics
    rep = []
    rep.append('Blind evaluation set 19: summary written by check_conversations.py')
    rep.append(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
    rep.append('')
    rep.append('Per language x label: n, messages min/median/max, chats >=12 msgs, median chars per conversation,')
    rep.append('median chars per message, opened by S, chats with money words, chats with 2 consecutive same-sender msgs')
    rep.append(f"{'lang':4} {'label':6} {'n':>2} {'min':>3} {'med':>5} {'max':>3} {'>=12':>4} {'ch/conv':>7} {'ch/msg':>6} {'S1st':>4} {'money':>5} {'2row':>4}")
    for L in LANGS:
        mre = re.compile(MONEY[L], re.I)
        for lab in ('benign', 'scam'):
            sub = [c for c in convs if c['lang'] == L and c['label'] == lab]
            if not sub:
                continue
            lens = [len(c['msgs']) for c in sub]
            cpc = statistics.median(sum(len(t) for _, _, t in c['msgs']) for c in sub)
            cpm = statistics.median(len(t) for c in sub for _, _, t in c['msgs'])
            s1 = sum(c['msgs'][0][0] == 'S' for c in sub)
            money = sum(any(mre.search(t) for _, _, t in c['msgs']) for c in sub)
            dbl = sum(any(c['msgs'][k][0] == c['msgs'][k + 1][0] for k in range(len(c['msgs']) - 1)) for c in sub)
            rep.append(f"{L:4} {lab:6} {len(sub):>2} {min(lens):>3} {statistics.median(lens):>5} {max(lens):>3} "
                       f"{sum(x >= 12 for x in lens):>4} {cpc:>7.0f} {cpm:>6.0f} {s1:>4} {money:>5} {dbl:>4}")
    rep.append('')
    rep.append('Furthest stage of scam chats (per language and overall):')
    rep.append(f"{'lang':4} " + ' '.join(f'{s[:10]:>10}' for s in STAGES))
    for L in LANGS:
        cc = Counter(c['fur'] for c in convs if c['lang'] == L and c['label'] == 'scam')
        rep.append(f'{L:4} ' + ' '.join(f'{cc[s]:>10}' for s in STAGES))
    rep.append('all  ' + ' '.join(f'{overall[s]:>10}' for s in STAGES))
    rep.append('')
    rep.append('Scam types overall: ' + ', '.join(f'{k} {v}' for k, v in sorted(Counter(c['type'] for c in convs).items())))
    rep.append('Task-scam furthest stages: ' + ', '.join(f"{c['lang']}={c['fur']}" for c in sorted(convs, key=lambda c: LANGS.index(c['lang'])) if c['type'] == 'task_scam'))
    rep.append('Other scam types: ' + ', '.join(f"{c['lang']}={c['type']}" for c in sorted(convs, key=lambda c: LANGS.index(c['lang'])) if c['type'] in OTHER))
    rep.append('')
    rep.append('Errors: ' + (str(len(errors)) if errors else '0 (all checks passed)'))
    rep += ['  ' + e for e in errors]
    text = '\n'.join(rep) + '\n'
    print(text)
    if '--write-counts' in sys.argv:
        open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(text)
    sys.exit(1 if errors else 0)


if __name__ == '__main__':
    main()
