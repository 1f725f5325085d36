#!/usr/bin/env python3
"""Checker for the train7a stage training set (format, labels, counts, statistics).

Usage: python3 check_conversations.py [--write-counts]
Exits non-zero if any check fails. Prints the statistics; with --write-counts also writes COUNTS.txt.
"""
import re, sys, statistics
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONV = HERE / 'train' / 'conversations.txt'
TYPES = HERE / 'train' / 'types.tsv'
LANGS = ['my', 'km', 'ja']
STAGES = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure', 'none']
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}
TYPESET = ['benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing']
OTHER = TYPESET[2:]
HEADER = [
    "# Fiction written for the ScamNet project (stage training set train7a); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'my': ['ငွေ', 'ပိုက်ဆံ', 'ကျပ်', 'သိန်း', 'ဒေါ်လာ', 'USDT', 'KPay', 'Wave', 'ဘဏ်', 'လွှဲ', '$', 'ရွှေ', 'ဘတ်', 'deposit', 'withdraw', 'profit'],
    'km': ['លុយ', '$', 'USDT', 'ABA', 'ធនាគារ', 'ប្រាក់', 'រៀល', 'ផ្ទេរ', 'Wing', 'មាស', 'ACLEDA', 'កម្ចី'],
    'ja': ['円', '万', '振込', '振り込', '口座', '銀行', 'USDT', '入金', '出金', '送金', '投資', 'PayPay', 'お金', '家賃', '仕送り', 'カード', '金価格', 'BTC', 'ビットコイン'],
}
SCRIPT = {'my': re.compile('[\u1000-\u109f]'), 'km': re.compile('[\u1780-\u17ff]'),
          'ja': re.compile('[\u3040-\u30ff\u4e00-\u9fff]')}

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
        err('the three comment lines are not exactly as specified')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]):
        err('extra comment lines after the header')
    if not text.endswith('\n') or text.endswith('\n\n'):
        err('file must end with exactly one newline')
    convs, cur, prev_blank = [], None, True
    for n, line in enumerate(lines[3:], 4):
        if line == '':
            prev_blank = True
            continue
        if line.startswith('## '):
            if cur is not None and not prev_blank:
                err(f'line {n}: no blank line before conversation header')
            m = re.fullmatch(r'## (7a-(my|km|ja)-(\d\d)) (my|km|ja) (benign|scam)', line)
            if not m:
                err(f'line {n}: bad header {line!r}')
                cur = None
                continue
            if m.group(2) != m.group(4):
                err(f'line {n}: id language differs from language field')
            cur = {'id': m.group(1), 'lang': m.group(4), 'nn': int(m.group(3)), 'label': m.group(5), 'msgs': []}
            convs.append(cur)
        else:
            if prev_blank and cur is not None and cur['msgs']:
                err(f'line {n}: blank line inside a conversation')
            parts = line.split('\t')
            if cur is None or len(parts) != 3:
                err(f'line {n}: bad message line {line[:60]!r}')
                continue
            who, st, t = parts
            if who not in ('S', 'V'):
                err(f'line {n}: sender must be S or V')
            if st not in STAGES:
                err(f'line {n}: unknown stage {st!r}')
            if not t.strip() or t != t.strip():
                err(f'line {n}: empty text or surrounding whitespace')
            cur['msgs'].append((who, st, t))
        prev_blank = False
    return convs

def furthest(msgs):
    st = [ORDER[s] for _, s, _ in msgs if s != 'none']
    return STAGES[max(st)] if st else 'none'

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
            err(f'types.tsv: bad type {t}')
        if i in types:
            err(f'types.tsv: duplicate id {i}')
        types[i] = t
    ids = [c['id'] for c in convs]
    if len(set(ids)) != len(ids):
        err('duplicate conversation ids')
    if set(ids) != set(types):
        err(f'ids differ between files: {sorted(set(ids) ^ set(types))}')
    for c in convs:
        c['type'] = types.get(c['id'], '?')
        msgs, lab, typ = c['msgs'], c['label'], c['type']
        if not 3 <= len(msgs) <= 16:
            err(f"{c['id']}: {len(msgs)} messages (3-16 allowed)")
        if (lab == 'benign') != (typ == 'benign'):
            err(f"{c['id']}: label {lab} vs type {typ}")
        stages = {s for _, s, _ in msgs}
        if lab == 'benign' and stages != {'none'}:
            err(f"{c['id']}: benign chat has stage labels {stages}")
        if typ in ('recruitment_lure', 'impersonation', 'phishing'):
            if msgs[0][1] != 'contact' or any(s != 'none' for _, s, _ in msgs[1:]):
                err(f"{c['id']}: {typ} must be contact opener then none")
        if typ == 'task_scam' and 'rapport' in stages:
            err(f"{c['id']}: task scam uses rapport")
        if lab == 'scam' and typ in ('pig_butchering', 'task_scam'):
            nn = sum(s != 'none' for _, s, _ in msgs)
            if nn * 2 <= len(msgs):
                err(f"{c['id']}: most messages should carry a stage")
        alltext = ' '.join(t for _, _, t in msgs)
        if not SCRIPT[c['lang']].search(alltext):
            err(f"{c['id']}: no {c['lang']} script")
        if re.search(r'https?://', alltext) or re.search(r'\w\.(com|net|org|top|io|cc|xyz|vip)\b', alltext):
            err(f"{c['id']}: link not defanged")
        if c['lang'] == 'my' and re.search(r'(^|[\s\u104a\u104b])\u1031', alltext):
            err(f"{c['id']}: Zawgyi-like vowel order (U+1031 at word start)")
        if c['lang'] == 'my' and re.search('[\u1060-\u1097]', alltext):
            err(f"{c['id']}: Zawgyi-range code points")
        c['furthest'] = furthest(msgs)
        c['consec'] = any(msgs[i][0] == msgs[i + 1][0] for i in range(len(msgs) - 1))
        c['money'] = any(w in alltext for w in MONEY[c['lang']])
    # duplicate sentences across chats
    seen = {}
    for c in convs:
        for _, _, t in c['msgs']:
            for sent in re.split(r'[。！？!?။។\n]', t):
                sent = sent.strip()
                if len(sent) >= 12:
                    if sent in seen and seen[sent] != c['id']:
                        err(f"sentence shared by {seen[sent]} and {c['id']}: {sent[:40]}")
                    seen.setdefault(sent, c['id'])
    # composition
    out = []
    P = out.append
    P('train7a counts (written by check_conversations.py)')
    P(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
    P('types: ' + ', '.join(f'{t}={n}' for t, n in sorted(Counter(c["type"] for c in convs).items())))
    for t in OTHER:
        if sum(c['type'] == t for c in convs) < 2:
            err(f'type {t} used fewer than 2 times')
    P('')
    P('lang label   n  msgs(min/med/max) long>=12 medchars/conv medchars/msg S-first money consec')
    for lang in LANGS:
        lc = [c for c in convs if c['lang'] == lang]
        nns = sorted(c['nn'] for c in lc)
        if nns != list(range(1, len(lc) + 1)):
            err(f'{lang}: NN numbering not 01..{len(lc):02d}')
        for lab in ('benign', 'scam'):
            cs = [c for c in lc if c['label'] == lab]
            if not cs:
                err(f'{lang} {lab}: no chats'); continue
            lens = [len(c['msgs']) for c in cs]
            long_ = sum(l >= 12 for l in lens)
            cpc = statistics.median(sum(len(t) for _, _, t in c['msgs']) for c in cs)
            cpm = statistics.median(len(t) for c in cs for _, _, t in c['msgs'])
            sf = sum(c['msgs'][0][0] == 'S' for c in cs)
            mo = sum(c['money'] for c in cs)
            co = sum(c['consec'] for c in cs)
            P(f'{lang:4} {lab:6} {len(cs):3}  {min(lens):3}/{statistics.median(lens):4}/{max(lens):3}     {long_:4}     {cpc:9}    {cpm:9}    {sf:5} {mo:5} {co:5}')
            if long_ < 3:
                err(f'{lang} {lab}: only {long_} chats with >=12 messages')
        if len(lc) != 24 or sum(c['label'] == 'scam' for c in lc) != 12:
            err(f'{lang}: expected 24 chats, 12 scam')
        pb = [c for c in lc if c['type'] == 'pig_butchering']
        if len(pb) != 8:
            err(f'{lang}: {len(pb)} pig_butchering (8 expected)')
        if sum(c['type'] in OTHER for c in lc) != 4:
            err(f'{lang}: expected 4 non-pig-butchering scams')
        fs = Counter(c['furthest'] for c in pb)
        for s in ['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']:
            if fs[s] < 1:
                err(f'{lang}: no pig_butchering chat ending at {s}')
    P('')
    P('furthest stage per language (scam chats; pig_butchering in brackets)')
    for lang in LANGS:
        sc = [c for c in convs if c['lang'] == lang and c['label'] == 'scam']
        fa = Counter(c['furthest'] for c in sc)
        fp = Counter(c['furthest'] for c in sc if c['type'] == 'pig_butchering')
        P(f'  {lang}: ' + ', '.join(f'{s}={fa[s]}[{fp[s]}]' for s in STAGES[:-1] if fa[s]))
    P('')
    P('stage labels per language (all messages)')
    for lang in LANGS:
        sc = Counter(s for c in convs if c['lang'] == lang for _, s, _ in c['msgs'])
        P(f'  {lang}: ' + ', '.join(f'{s}={sc[s]}' for s in STAGES))
    P('')
    P('stage labels by sender in scam chats (S / V)')
    for lang in LANGS:
        sv = Counter((w, s) for c in convs if c['lang'] == lang and c['label'] == 'scam' for w, s, _ in c['msgs'])
        P(f'  {lang}: ' + ', '.join(f'{s}={sv[("S", s)]}/{sv[("V", s)]}' for s in STAGES))
    P('')
    P('checks: ' + ('OK' if not errors else f'{len(errors)} ERROR(S)'))
    print('\n'.join(out))
    for e in errors:
        print('ERROR:', e, file=sys.stderr)
    if '--write-counts' in sys.argv and not errors:
        (HERE / 'COUNTS.txt').write_text('\n'.join(out) + '\n', encoding='utf-8')
    return 1 if errors else 0

if __name__ == '__main__':
    sys.exit(main())
