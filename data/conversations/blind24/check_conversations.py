#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 24 (fiction; Apache-2.0).
Validates eval/conversations.txt and eval/types.tsv and prints summary statistics.
Usage: python3 check_conversations.py [--write-counts]"""
import os, re, sys, statistics
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt')
TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
ORDER = ['none', 'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
RANK = {s: i for i, s in enumerate(ORDER)}
SCAM_TYPES = {'pig_butchering': 6, 'task_scam': 1, 'recruitment_lure': 1, 'impersonation': 1, 'phishing': 1}
COMMENTS = [
    "# Fiction written for the ScamNet project (blind evaluation set 24); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = re.compile('|'.join([
    r'usdt', r'bitcoin', r'btc', r'crypto', r'\$', r'€', r'r\$', r'usd', r'euro', r'dollar', r'ドル', r'ビットコイン',
    r'円', r'万', r'振込', r'送金', r'口座', r'家賃', r'給', r'出金', r'入金', r'投資', r'金',
    r'원', r'계좌', r'이체', r'코인', r'월세', r'돈', r'보증금', r'출금', r'입금', r'연봉', r'곗돈', r'생활비', r'금',
    r'pix', r'reais', r'real', r'salário', r'aluguel', r'renda', r'empr[eé]st', r'saldo', r'saque', r'pag', r'ouro', r'conta', r'ordenado',
    r'argent', r'virement', r'loyer', r'salaire', r'cfa', r'prêt', r'caution', r'tontine', r'solde', r'retrait', r'or\b', r'payé', r'frais',
    r'ကျပ်', r'ဘတ်', r'ငွေ', r'လစာ', r'ရွှေ', r'ပိုက်ဆံ', r'သိန်း', r'shwepay',
    r'ដុល្លារ', r'លុយ', r'ប្រាក់', r'មាស', r'aba', r'wing', r'ថ្លៃ', r'គណនី', r'ធនាគារ',
    r'bank', r'banque', r'banco', r'銀行', r'은행', r'ဘဏ်', r'선불', r'착불', r'forex', r'march[ée]s', r'trad',
]), re.I)


def parse(path):
    errs = []
    raw = open(path, 'rb').read()
    if b'\r' in raw:
        errs.append('CR characters present (must be LF)')
    text = raw.decode('utf-8')
    lines = text.split('\n')
    for i, c in enumerate(COMMENTS):
        if lines[i] != c:
            errs.append(f'comment line {i+1} wrong')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]):
        errs.append('extra comment lines')
    convs = []
    cur = None
    prev_blank = True
    for n, l in enumerate(lines[3:], 4):
        if l.startswith('## '):
            if not prev_blank and cur is not None:
                errs.append(f'line {n}: no blank line before header')
            m = re.fullmatch(r'## (b24-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', l)
            if not m or m.group(2) != m.group(4):
                errs.append(f'line {n}: bad header {l!r}')
                cur = None
                continue
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': []}
            convs.append(cur)
        elif l == '':
            pass
        else:
            parts = l.split('\t')
            if len(parts) != 3 or parts[0] not in ('S', 'V') or parts[1] not in RANK or not parts[2].strip():
                errs.append(f'line {n}: bad message line {l[:60]!r}')
                continue
            if cur is None:
                errs.append(f'line {n}: message outside conversation')
                continue
            if prev_blank and cur['msgs']:
                errs.append(f'line {n}: blank line inside conversation')
            cur['msgs'].append(tuple(parts))
        prev_blank = (l == '')
    return convs, errs


def furthest(c):
    return max((m[1] for m in c['msgs']), key=RANK.get)


def main():
    convs, errs = parse(CONV)
    tl = open(TYPES, encoding='utf-8').read().split('\n')
    if tl[0] != 'id\ttype':
        errs.append('types.tsv header wrong')
    types = {}
    for l in tl[1:]:
        if not l:
            continue
        a, b = l.split('\t')
        if a in types:
            errs.append(f'types.tsv duplicate id {a}')
        types[a] = b
    ids = [c['id'] for c in convs]
    if len(ids) != len(set(ids)):
        errs.append('duplicate conversation ids')
    if set(ids) != set(types):
        errs.append(f'ids differ between conversations.txt and types.tsv: {set(ids) ^ set(types)}')
    if len(convs) != 120:
        errs.append(f'{len(convs)} conversations, expected 120')
    by = defaultdict(list)
    for c in convs:
        c['type'] = types.get(c['id'], '?')
        c['fur'] = furthest(c)
        by[c['lang']].append(c)
        n = len(c['msgs'])
        if not 3 <= n <= 16:
            errs.append(f"{c['id']}: {n} messages")
        if (c['label'] == 'benign') != (c['type'] == 'benign'):
            errs.append(f"{c['id']}: label {c['label']} vs type {c['type']}")
        st = [m[1] for m in c['msgs']]
        if c['type'] == 'benign' and set(st) != {'none'}:
            errs.append(f"{c['id']}: benign chat with non-none stage")
        if c['type'] in ('recruitment_lure', 'impersonation', 'phishing'):
            if not set(st) <= {'contact', 'none'} or c['fur'] != 'contact' or c['msgs'][0][:2] != ('S', 'contact'):
                errs.append(f"{c['id']}: {c['type']} must open with S contact and use contact/none only")
        if c['type'] == 'task_scam':
            if not set(st) <= {'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure'}:
                errs.append(f"{c['id']}: task scam uses disallowed stage")
            if c['fur'] not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'):
                errs.append(f"{c['id']}: task scam furthest {c['fur']}")
        if c['label'] == 'scam' and any(m[0] == 'S' and m[1] == 'none' for m in c['msgs']) and c['type'] in ('pig_butchering', 'task_scam'):
            errs.append(f"{c['id']}: scammer message without a stage in a {c['type']} chat")
        if c['label'] == 'scam' and c['msgs'][0][1] == 'none':
            errs.append(f"{c['id']}: first message has no stage")
        for m in c['msgs']:
            if re.search(r'https?://', m[2]):
                errs.append(f"{c['id']}: undefanged link")
    # per-language quotas
    for lang in LANGS:
        cs = by[lang]
        nums = sorted(int(c['id'][-2:]) for c in cs)
        if nums != list(range(1, 21)):
            errs.append(f'{lang}: ids not 01..20')
        lab = Counter(c['label'] for c in cs)
        if lab != Counter({'benign': 10, 'scam': 10}):
            errs.append(f'{lang}: labels {dict(lab)}')
        tc = Counter(c['type'] for c in cs if c['label'] == 'scam')
        if dict(tc) != SCAM_TYPES:
            errs.append(f'{lang}: scam types {dict(tc)}')
        pbf = sorted(c['fur'] for c in cs if c['type'] == 'pig_butchering')
        if pbf != sorted(['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']):
            errs.append(f'{lang}: pig-butchering furthest stages {pbf}')
        for label in ('benign', 'scam'):
            if sum(1 for c in cs if c['label'] == label and len(c['msgs']) >= 12) < 2:
                errs.append(f'{lang}/{label}: fewer than 2 chats with >=12 messages')
    # no sentence shared between chats
    seen = {}
    for c in convs:
        for m in c['msgs']:
            k = re.sub(r'\s+', ' ', m[2].strip().lower())
            if len(k) < 12:
                continue
            if k in seen and seen[k] != c['id']:
                errs.append(f"sentence shared by {seen[k]} and {c['id']}: {k[:40]}")
            seen.setdefault(k, c['id'])

    out = []
    out.append('ScamNet blind evaluation set 24 - checker summary (check_conversations.py)')
    out.append(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}  '
               f'median messages/conversation: {statistics.median(len(c["msgs"]) for c in convs)}')
    out.append('')
    out.append('Matching statistics per language x label')
    hdr = f'{"lang":4} {"label":6} {"n":>3} {"msg min/med/max":>16} {"long>=12":>8} {"chars/conv med":>14} {"chars/msg med":>13} {"S-first":>7} {"money":>5} {"2-in-row":>8}'
    out.append(hdr)
    for lang in LANGS:
        for label in ('benign', 'scam'):
            cs = [c for c in by[lang] if c['label'] == label]
            ns = [len(c['msgs']) for c in cs]
            cpc = [sum(len(m[2]) for m in c['msgs']) for c in cs]
            cpm = [len(m[2]) for c in cs for m in c['msgs']]
            sf = sum(c['msgs'][0][0] == 'S' for c in cs)
            mon = sum(any(MONEY.search(m[2]) for m in c['msgs']) for c in cs)
            rep = sum(any(c['msgs'][i][0] == c['msgs'][i + 1][0] for i in range(len(c['msgs']) - 1)) for c in cs)
            out.append(f'{lang:4} {label:6} {len(cs):>3} {f"{min(ns)}/{statistics.median(ns)}/{max(ns)}":>16} '
                       f'{sum(n >= 12 for n in ns):>8} {statistics.median(cpc):>14} {statistics.median(cpm):>13} '
                       f'{sf:>7} {mon:>5} {rep:>8}')
    out.append('')
    out.append('Scam types per language')
    for lang in LANGS:
        tc = Counter(c['type'] for c in by[lang] if c['label'] == 'scam')
        out.append(f'{lang}: ' + ', '.join(f'{k}={tc[k]}' for k in SCAM_TYPES))
    out.append('')
    out.append('Furthest stage per conversation (scam chats; benign chats are all none)')
    stages = ORDER[1:]
    out.append(f'{"lang":5}' + ''.join(f'{s:>20}' for s in stages) + f'{"none(benign)":>14}')
    tot = Counter()
    for lang in LANGS:
        fc = Counter(c['fur'] for c in by[lang])
        tot.update(fc)
        out.append(f'{lang:5}' + ''.join(f'{fc[s]:>20}' for s in stages) + f'{fc["none"]:>14}')
    out.append(f'{"all":5}' + ''.join(f'{tot[s]:>20}' for s in stages) + f'{tot["none"]:>14}')
    out.append('')
    out.append('Task-scam furthest stage by language: ' + ', '.join(
        f'{lang}={c["fur"]}' for lang in LANGS for c in by[lang] if c['type'] == 'task_scam'))
    out.append('Impersonation/phishing/recruitment furthest: ' + str(dict(Counter(
        c['fur'] for c in convs if c['type'] in ('impersonation', 'phishing', 'recruitment_lure')))))
    out.append('')
    out.append('ERRORS: ' + (str(len(errs)) if errs else '0 (all checks passed)'))
    out.extend('  ' + e for e in errs)
    text = '\n'.join(out) + '\n'
    print(text, end='')
    if '--write-counts' in sys.argv:
        open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(text)
    return 1 if errs else 0


if __name__ == '__main__':
    sys.exit(main())
