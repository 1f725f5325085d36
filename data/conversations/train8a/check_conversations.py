#!/usr/bin/env python3
"""Checker for the train8a stage training set (fiction written for ScamNet; Apache-2.0).

Usage: python3 check_conversations.py [--write-counts]
Checks format, stages, labels, ids vs types.tsv, counts and the brief's constraints, then prints
statistics per language x label. With --write-counts the summary is also written to COUNTS.txt.
Exit code 0 when every check passes, 1 otherwise. Standard library only.
"""
import os
import re
import statistics
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'train', 'conversations.txt')
TYPES = os.path.join(HERE, 'train', 'types.tsv')
COUNTS = os.path.join(HERE, 'COUNTS.txt')

LANGS = ['my', 'km', 'ja']
ORDER = ['none', 'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
RANK = {s: i for i, s in enumerate(ORDER)}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
OTHER = ['task_scam', 'recruitment_lure', 'impersonation', 'phishing']
TASK_STAGES = {'none', 'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure'}
HEADER = [
    "# Fiction written for the ScamNet project (stage training set train8a); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'my': ['ငွေ', 'ပိုက်ဆံ', 'ကျပ်', 'ဘတ်', 'ဒေါ်လာ', 'သိန်း', 'သောင်း', 'လစာ', 'ဘဏ်', 'ရွှေ', 'အကောင့်',
           'USDT', 'KBZPay', 'WavePay', 'account', 'deposit', 'COD', 'PIN', 'Bitcoin', 'fee'],
    'km': ['លុយ', 'ដុល្លារ', 'ប្រាក់', 'ធនាគារ', 'គណនី', 'រៀល', 'បង់', 'ថ្លៃ', 'ABA', 'Wing', 'USDT', 'Bitcoin',
           'COD', 'PIN', 'OTP'],
    'ja': ['円', '万', '振込', '振り込', '口座', '銀行', '給料', '家賃', '出金', '入金', '送金', 'ビットコイン', '金',
           '報酬', 'PayPay', 'USDT', '月給', '手数料', '税', '支払', '代引', '収入', '費'],
}
SCRIPT = {
    'my': re.compile('[\u1000-\u109f]'),
    'km': re.compile('[\u1780-\u17ff]'),
    'ja': re.compile('[\u3040-\u30ff\u4e00-\u9fff]'),
}

errors = []


def err(msg):
    errors.append(msg)


def parse():
    raw = open(CONV, 'rb').read()
    if b'\r' in raw:
        err('conversations.txt contains CR characters (must be LF only)')
    text = raw.decode('utf-8')
    if not text.endswith('\n') or text.endswith('\n\n'):
        err('conversations.txt must end with exactly one newline')
    lines = text.split('\n')[:-1]
    for i, h in enumerate(HEADER):
        if i >= len(lines) or lines[i] != h:
            err(f'comment line {i + 1} differs from the required text')
    body = lines[3:]
    if any(ln.startswith('#') and not ln.startswith('## ') for ln in body):
        err('more than three comment lines')
    convs = []
    cur = None
    prev_blank = True
    for n, ln in enumerate(body, start=4):
        if ln == '':
            if cur is None or prev_blank:
                err(f'line {n}: unexpected blank line')
            prev_blank = True
            continue
        if ln.startswith('## '):
            if cur is not None and not prev_blank:
                err(f'line {n}: missing blank line before header')
            parts = ln[3:].split(' ')
            if len(parts) != 3:
                err(f'line {n}: bad header {ln!r}')
                parts = (parts + ['?', '?', '?'])[:3]
            cid, lang, label = parts
            m = re.fullmatch(r'8a-(my|km|ja)-(\d\d)', cid)
            if not m or m.group(1) != lang or not 1 <= int(m.group(2)) <= 24:
                err(f'line {n}: bad id {cid!r} for lang {lang!r}')
            if label not in ('benign', 'scam'):
                err(f'line {n}: bad label {label!r}')
            cur = {'id': cid, 'lang': lang, 'label': label, 'msgs': []}
            convs.append(cur)
            prev_blank = False
            continue
        prev_blank = False
        if cur is None:
            err(f'line {n}: message before any header')
            continue
        f = ln.split('\t')
        if len(f) != 3:
            err(f'line {n}: message must have exactly 3 tab-separated fields')
            continue
        spk, st, txt = f
        if spk not in ('S', 'V'):
            err(f'line {n}: speaker must be S or V')
        if st not in RANK:
            err(f'line {n}: unknown stage {st!r}')
        if not txt.strip() or txt != txt.strip():
            err(f'line {n}: empty text or surrounding whitespace')
        cur['msgs'].append((spk, st, txt))
    return convs


def sentences(txt):
    return [s.strip() for s in re.split(r'[。！？!?။၊\n]|(?<=[\u1780-\u17ff])\s*។\s*', txt) if len(s.strip()) >= 10]


def furthest(c):
    return max((m[1] for m in c['msgs']), key=lambda s: RANK.get(s, 0))


def has_double(c):
    return any(a[0] == b[0] for a, b in zip(c['msgs'], c['msgs'][1:]))


def main():
    convs = parse()
    ids = [c['id'] for c in convs]
    for k, v in Counter(ids).items():
        if v > 1:
            err(f'duplicate id {k}')
    # types.tsv
    tl = open(TYPES, encoding='utf-8').read().split('\n')
    if tl[0] != 'id\ttype':
        err('types.tsv header must be id<TAB>type')
    types = {}
    for ln in tl[1:]:
        if not ln:
            continue
        a = ln.split('\t')
        if len(a) != 2 or a[1] not in TYPESET:
            err(f'types.tsv: bad line {ln!r}')
            continue
        if a[0] in types:
            err(f'types.tsv: duplicate {a[0]}')
        types[a[0]] = a[1]
    if set(types) != set(ids):
        err(f'ids differ between files: {sorted(set(types) ^ set(ids))}')
    for c in convs:
        c['type'] = types.get(c['id'], '?')
        if (c['type'] == 'benign') != (c['label'] == 'benign'):
            err(f"{c['id']}: label {c['label']} vs type {c['type']}")

    # per-conversation rules
    for c in convs:
        msgs, t, cid = c['msgs'], c['type'], c['id']
        if not 3 <= len(msgs) <= 16:
            err(f'{cid}: {len(msgs)} messages (must be 3-16)')
        stages = [m[1] for m in msgs]
        if t == 'benign' and set(stages) != {'none'}:
            err(f'{cid}: benign chat with non-none stage')
        if t in ('recruitment_lure', 'impersonation', 'phishing'):
            if stages[0] != 'contact' or set(stages[1:]) - {'none'}:
                err(f'{cid}: {t} must be contact for the opener and none otherwise')
        if t == 'task_scam' and set(stages) - TASK_STAGES:
            err(f'{cid}: task scam uses a stage outside contact/pitch/profit/deposit/withdrawal_blocked/pressure')
        if t == 'pig_butchering':
            share = sum(s != 'none' for s in stages) / len(stages)
            if share < 0.6:
                err(f'{cid}: only {share:.0%} of messages carry a stage')
        for spk, st, txt in msgs:
            if not SCRIPT[c['lang']].search(txt):
                err(f'{cid}: message without {c["lang"]} script: {txt[:30]!r}')
            if re.search(r'https?://|www\.', txt, re.I):
                err(f'{cid}: live link')
            for dom in re.findall(r'hxxps?://(\S+)', txt):
                if '[.]' not in dom:
                    err(f'{cid}: link not defanged')
            if c['lang'] == 'my':
                if re.search('[\u1060-\u1097]', txt):
                    err(f'{cid}: Zawgyi-range code point')
                if re.search('(^|[\\s\u104a\u104b])\u1031', txt):
                    err(f'{cid}: vowel sign E before consonant (Zawgyi typing order)')
    # shared sentences across chats
    seen = {}
    for c in convs:
        for spk, st, txt in c['msgs']:
            for s in sentences(txt):
                if s in seen and seen[s] != c['id']:
                    err(f'sentence shared by {seen[s]} and {c["id"]}: {s[:30]!r}')
                seen.setdefault(s, c['id'])

    # counts and constraints per language
    other_total = Counter()
    out = []
    P = out.append
    P('train8a COUNTS (written by check_conversations.py)')
    P(f'conversations: {len(convs)}; messages: {sum(len(c["msgs"]) for c in convs)}')
    P('')
    by = defaultdict(list)
    for c in convs:
        by[(c['lang'], c['label'])].append(c)
    P('lang label  n  msgs min/med/max  long>=12  med_chars/conv  med_chars/msg  S-first  money  double')
    for lang in LANGS:
        for label in ('benign', 'scam'):
            cs = by[(lang, label)]
            if not cs:
                err(f'no {lang} {label} chats')
                continue
            nm = [len(c['msgs']) for c in cs]
            chars_conv = [sum(len(m[2]) for m in c['msgs']) for c in cs]
            chars_msg = [len(m[2]) for c in cs for m in c['msgs']]
            longc = sum(n >= 12 for n in nm)
            sfirst = sum(c['msgs'][0][0] == 'S' for c in cs)
            money = sum(any(w in m[2] for m in c['msgs'] for w in MONEY[lang]) for c in cs)
            dbl = sum(has_double(c) for c in cs)
            P(f'{lang:4} {label:6} {len(cs):2}  {min(nm):3}/{statistics.median(nm):4}/{max(nm):3}'
              f'   {longc:8}  {statistics.median(chars_conv):14}  {statistics.median(chars_msg):13}'
              f'  {sfirst:7}  {money:5}  {dbl:6}')
            if len(cs) != 12:
                err(f'{lang} {label}: {len(cs)} chats (want 12)')
            if longc < 3:
                err(f'{lang} {label}: only {longc} chats with >=12 messages')
            if not 3 <= dbl <= 6:
                err(f'{lang} {label}: {dbl} chats with a double message (want about a third)')
    P('')
    P('types per language:')
    for lang in LANGS:
        tc = Counter(c['type'] for c in convs if c['lang'] == lang)
        P(f'  {lang}: ' + ', '.join(f'{t}={tc[t]}' for t in sorted(TYPESET) if tc[t]))
        if tc['pig_butchering'] != 8:
            err(f'{lang}: {tc["pig_butchering"]} pig_butchering chats (want 8)')
        if sum(tc[t] for t in OTHER) != 4:
            err(f'{lang}: want 4 non-pig-butchering scams')
        for t in OTHER:
            other_total[t] += tc[t]
    for t in OTHER:
        if other_total[t] < 2:
            err(f'{t}: only {other_total[t]} across languages (want >=2)')
    P('')
    P('furthest stage of pig_butchering chats / of all scam chats:')
    for lang in LANGS:
        pb = Counter(furthest(c) for c in convs if c['lang'] == lang and c['type'] == 'pig_butchering')
        al = Counter(furthest(c) for c in convs if c['lang'] == lang and c['label'] == 'scam')
        P(f'  {lang} pb : ' + ', '.join(f'{s}={pb[s]}' for s in ORDER if pb[s]))
        P(f'  {lang} all: ' + ', '.join(f'{s}={al[s]}' for s in ORDER if al[s]))
        for s in ('rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure'):
            need = 2 if s in ('rapport', 'pitch') else 1
            if pb[s] < need:
                err(f'{lang}: {pb[s]} pig_butchering chats ending at {s} (want >={need})')
    P('')
    P('stage label counts per language (all messages; scam-chat messages by speaker S/V):')
    for lang in LANGS:
        sc = Counter(m[1] for c in convs if c['lang'] == lang for m in c['msgs'])
        P(f'  {lang}: ' + ', '.join(f'{s}={sc[s]}' for s in ORDER))
        sv = Counter((m[0], m[1]) for c in convs if c['lang'] == lang and c['label'] == 'scam' for m in c['msgs'])
        P(f'  {lang} scam S: ' + ', '.join(f'{s}={sv[("S", s)]}' for s in ORDER))
        P(f'  {lang} scam V: ' + ', '.join(f'{s}={sv[("V", s)]}' for s in ORDER))
    P('')
    P(f'errors: {len(errors)}')
    for e in errors:
        P('  ' + e)
    txt = '\n'.join(out) + '\n'
    print(txt, end='')
    if '--write-counts' in sys.argv:
        with open(COUNTS, 'w', encoding='utf-8', newline='\n') as f:
            f.write(txt)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
