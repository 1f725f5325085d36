#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 35 (eval/conversations.txt + eval/types.tsv).

Usage: python3 check_conversations.py [--write-counts]
Exits non-zero on any error. With --write-counts, writes the summary to COUNTS.txt.
"""
import re, sys, statistics, collections, os

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt')
TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
ORDER = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
STAGES = set(ORDER) | {'none'}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 35); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'fr': r"€|\$|euro|dollar|franc|CFA|virement|banque|compte|argent|prêt|emprunt|USDT|bitcoin|dépôt|rembours|pa[iy]e|salaire|frais|cagnotte|loyer",
    'pt': r"€|R\$|reais|real|euro|d[oó]lar|pix|banco|conta|dinheiro|empr[eé]st|dep[oó]sit|USDT|bitcoin|sal[aá]rio|pag|transfer|saque|taxa|renda|aluguel",
    'ja': r"円|銀行|口座|振込|振り込|入金|出金|お金|USDT|ビットコイン|報酬|給料|時給|月給|仕送り|代金|家賃|資産|保証金|チャージ",
    'ko': r"원|은행|계좌|입금|출금|송금|돈|USDT|비트코인|코인|수당|월급|연봉|보증금|대출|곗돈|충전|월세|등록금|결제",
    'my': r"ကျပ်|သိန်း|ဒေါ်လာ|ငွေ|ဘဏ်|လွှဲ|MyaPay|ShwePay|USDT|bitcoin|လစာ|ပိုက်ဆံ|အိမ်လခ",
    'km': r"ដុល្លារ|លុយ|ប្រាក់|ធនាគារ|USDT|bitcoin|transfer|top-up|បង់|ខ្ចី",
}
PB_REQUIRED = ['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']

errors = []
def err(msg):
    errors.append(msg)

def furthest(msgs):
    best = -1
    for _, st, _ in msgs:
        if st in ORDER:
            best = max(best, ORDER.index(st))
    return ORDER[best] if best >= 0 else 'none'

raw = open(CONV, 'rb').read()
if b'\r' in raw:
    err('CR characters found (must be LF only)')
text = raw.decode('utf-8')
lines = text.split('\n')
if lines[-1] == '':
    lines = lines[:-1]
if lines[:3] != HEADER:
    err('the three comment lines are not exactly as required')
if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]):
    err('extra comment lines after the header')

convs = []
cur = None
prev_blank = True
for n, l in enumerate(lines[3:], start=4):
    if l.startswith('## '):
        m = re.fullmatch(r'## (b35-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', l)
        if not m:
            err(f'line {n}: bad header {l!r}')
            cur = None
            continue
        if m.group(2) != m.group(4):
            err(f'line {n}: id language differs from language field')
        if convs and not prev_blank:
            err(f'line {n}: no blank line before conversation')
        cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'nn': int(m.group(3)), 'msgs': []}
        convs.append(cur)
        prev_blank = False
    elif l == '':
        if prev_blank:
            err(f'line {n}: double blank line')
        prev_blank = True
    else:
        if prev_blank and convs:
            err(f'line {n}: message after a blank line without header')
        parts = l.split('\t')
        if len(parts) != 3:
            err(f'line {n}: expected 3 tab-separated fields')
            continue
        who, st, t = parts
        if who not in ('S', 'V'):
            err(f'line {n}: speaker {who!r}')
        if st not in STAGES:
            err(f'line {n}: stage {st!r}')
        if not t.strip() or t != t.strip():
            err(f'line {n}: empty text or stray whitespace')
        if re.search(r'https?://', t, re.I):
            err(f'line {n}: live link (not defanged)')
        if cur is None:
            err(f'line {n}: message outside a conversation')
        else:
            cur['msgs'].append((who, st, t))

types = {}
tl = open(TYPES, encoding='utf-8').read().split('\n')
if tl[-1] == '':
    tl = tl[:-1]
if tl[0] != 'id\ttype':
    err('types.tsv header')
for l in tl[1:]:
    p = l.split('\t')
    if len(p) != 2 or p[1] not in TYPESET:
        err(f'types.tsv bad line {l!r}')
        continue
    if p[0] in types:
        err(f'types.tsv duplicate {p[0]}')
    types[p[0]] = p[1]

ids = [c['id'] for c in convs]
if len(ids) != len(set(ids)):
    err('duplicate conversation ids')
if set(ids) != set(types):
    err('ids in conversations.txt and types.tsv differ')
if len(convs) != 120:
    err(f'{len(convs)} conversations, expected 120')

# per-conversation rules
seen_text = {}
for c in convs:
    c['type'] = types.get(c['id'], '?')
    msgs = c['msgs']
    if not 3 <= len(msgs) <= 16:
        err(f"{c['id']}: {len(msgs)} messages")
    if (c['label'] == 'benign') != (c['type'] == 'benign'):
        err(f"{c['id']}: label {c['label']} vs type {c['type']}")
    stages = [s for _, s, _ in msgs]
    c['furthest'] = furthest(msgs)
    if c['type'] == 'benign' and set(stages) != {'none'}:
        err(f"{c['id']}: benign chat with a stage other than none")
    if c['type'] in ('recruitment_lure', 'impersonation', 'phishing'):
        if set(stages) - {'contact', 'none'} or stages[0] != 'contact':
            err(f"{c['id']}: {c['type']} must be contact opener + none")
        if c['furthest'] != 'contact':
            err(f"{c['id']}: furthest not contact")
    if c['type'] == 'task_scam':
        if set(stages) & {'rapport'}:
            err(f"{c['id']}: task scam uses rapport")
        if c['furthest'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'):
            err(f"{c['id']}: task furthest {c['furthest']}")
    if c['label'] == 'scam' and c['furthest'] == 'none':
        err(f"{c['id']}: scam with no stage")
    for _, _, t in msgs:
        if t in seen_text:
            err(f"{c['id']}: message text repeats one in {seen_text[t]}")
        seen_text.setdefault(t, c['id'])
    money = re.compile(MONEY[c['lang']], re.I)
    c['money'] = any(money.search(t) for _, _, t in msgs)
    c['consec'] = any(msgs[i][0] == msgs[i + 1][0] for i in range(len(msgs) - 1))
    c['s_first'] = msgs[0][0] == 'S' if msgs else False
    c['chars'] = sum(len(t) for _, _, t in msgs)

# per-language composition
for lang in LANGS:
    cs = [c for c in convs if c['lang'] == lang]
    nns = sorted(c['nn'] for c in cs)
    if nns != list(range(1, 21)):
        err(f'{lang}: ids are not 01..20')
    tcount = collections.Counter(c['type'] for c in cs)
    want = {'benign': 10, 'pig_butchering': 6, 'task_scam': 1, 'recruitment_lure': 1, 'impersonation': 1, 'phishing': 1}
    if dict(tcount) != want:
        err(f'{lang}: type counts {dict(tcount)}')
    pbf = sorted((c['furthest'] for c in cs if c['type'] == 'pig_butchering'), key=ORDER.index)
    if pbf != PB_REQUIRED:
        err(f'{lang}: pig_butchering furthest stages {pbf}')
    for label in ('benign', 'scam'):
        long_ = sum(len(c['msgs']) >= 12 for c in cs if c['label'] == label)
        if long_ < 2:
            err(f'{lang} {label}: only {long_} chats with >= 12 messages')

# summary
def med(xs):
    return statistics.median(xs) if xs else 0

out = []
out.append('ScamNet blind evaluation set 35: checker summary (check_conversations.py)')
out.append(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}  '
           f'median messages per chat: {med([len(c["msgs"]) for c in convs])}')
out.append('')
out.append('Matching statistics per language x label')
hdr = ['lang', 'label', 'n', 'msg_min', 'msg_med', 'msg_max', 'long>=12', 'chars/conv_med', 'chars/msg_med', 'S_first', 'money_chats', 'consec_same_sender']
out.append('\t'.join(hdr))
for lang in LANGS:
    for label in ('benign', 'scam'):
        cs = [c for c in convs if c['lang'] == lang and c['label'] == label]
        ml = [len(c['msgs']) for c in cs]
        per_msg = [len(t) for c in cs for _, _, t in c['msgs']]
        row = [lang, label, len(cs), min(ml), med(ml), max(ml), sum(x >= 12 for x in ml),
               med([c['chars'] for c in cs]), med(per_msg), sum(c['s_first'] for c in cs),
               sum(c['money'] for c in cs), sum(c['consec'] for c in cs)]
        out.append('\t'.join(str(x) for x in row))
out.append('')
out.append('Furthest stage of scam chats per language (benign chats are all none)')
out.append('\t'.join(['lang'] + ORDER + ['total']))
tot = collections.Counter()
for lang in LANGS:
    cnt = collections.Counter(c['furthest'] for c in convs if c['lang'] == lang and c['label'] == 'scam')
    tot.update(cnt)
    out.append('\t'.join([lang] + [str(cnt[s]) for s in ORDER] + [str(sum(cnt.values()))]))
out.append('\t'.join(['all'] + [str(tot[s]) for s in ORDER] + [str(sum(tot.values()))]))
out.append(f'benign (furthest none): {sum(c["label"] == "benign" for c in convs)}')
out.append('')
out.append('Task-scam furthest stage per language: ' + ', '.join(
    f'{c["lang"]}={c["furthest"]}' for lang in LANGS for c in convs if c['lang'] == lang and c['type'] == 'task_scam'))
out.append('Scam types overall: ' + ', '.join(f'{k}={v}' for k, v in sorted(collections.Counter(c['type'] for c in convs).items())))
out.append('')
out.append('Checks: ' + ('all passed' if not errors else f'{len(errors)} ERRORS'))
summary = '\n'.join(out) + '\n'
print(summary)
for e in errors:
    print('ERROR:', e)
if '--write-counts' in sys.argv and not errors:
    open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(summary)
sys.exit(1 if errors else 0)
