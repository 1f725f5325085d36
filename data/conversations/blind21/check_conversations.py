#!/usr/bin/env python3
"""Checker for blind evaluation set 21. Validates format, stages, labels, ids vs types.tsv and the
brief's balance rules, and prints (and writes to COUNTS.txt) the matching statistics per language x label."""
import re, sys, statistics, pathlib, collections
HERE = pathlib.Path(__file__).resolve().parent
STAGES = ['contact','rapport','pitch','deposit','profit','withdrawal_blocked','pressure']
ALL = set(STAGES) | {'none'}
LANGS = ['my','km','ja','ko','pt','fr']
TYPES = {'benign','pig_butchering','task_scam','recruitment_lure','impersonation','phishing'}
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 21); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = re.compile(r'(USDT|bitcoin|BTC|crypto|cripto|ABA|Wing|KBZPay|WavePay|Pix|IBAN|SEPA|Orange Money|Lydia|PayPay|'
    r'\$|€|R\$|FCFA|ដុល្លារ|លុយ|ប្រាក់|ធនាគារ|ကျပ်|ငွေ|ဒေါ်လာ|ဘတ်|ဘဏ်|ရွှေ|円|万|銀行|振込|入金|出金|金|ビットコイン|'
    r'원|만원|은행|입금|출금|돈|금값|계좌|통장|reais|euros?|dinheiro|saque|banco|ouro|aluguel|renda|argent|loyer|virement|banque|or\b|retrait|dépôt|tontine)', re.I)
errors = []
def err(m): errors.append(m)

lines = (HERE/'eval'/'conversations.txt').read_text(encoding='utf-8').split('\n')
if lines[:3] != HEAD: err('header comment lines wrong')
if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]): err('extra comment lines')
convs, cur = [], None
for i, l in enumerate(lines[3:], 4):
    if l.startswith('## '):
        m = re.fullmatch(r'## (b21-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', l)
        if not m or m.group(2) != m.group(4): err(f'line {i}: bad header {l!r}')
        if cur and (i < 5 or lines[i-2] != ''): err(f'line {i}: no blank line before header')
        cur = dict(id=m.group(1), lang=m.group(4), label=m.group(5), msgs=[]); convs.append(cur)
    elif l == '':
        continue
    else:
        p = l.split('\t')
        if len(p) != 3 or p[0] not in ('S','V') or p[1] not in ALL or not p[2].strip():
            err(f'line {i}: bad message line'); continue
        if cur is None: err(f'line {i}: message before header'); continue
        cur['msgs'].append(tuple(p))
types = {}
tl = (HERE/'eval'/'types.tsv').read_text(encoding='utf-8').rstrip('\n').split('\n')
if tl[0] != 'id\ttype': err('types.tsv header')
for l in tl[1:]:
    a, b = l.split('\t')
    if b not in TYPES: err(f'bad type {b}')
    if a in types: err(f'dup type id {a}')
    types[a] = b
ids = [c['id'] for c in convs]
if len(set(ids)) != len(ids): err('duplicate conversation ids')
if set(ids) != set(types): err('ids differ between conversations.txt and types.tsv')
if len(convs) != 96: err(f'{len(convs)} conversations, expected 96')

def furthest(c):
    st = [STAGES.index(s) for _, s, _ in c['msgs'] if s != 'none']
    return STAGES[max(st)] if st else 'none'
def consec(c):
    snd = [s for s, _, _ in c['msgs']]
    return any(a == b for a, b in zip(snd, snd[1:]))

texts = collections.Counter(t for c in convs for _, _, t in c['msgs'])
for t, n in texts.items():
    if n > 1: err(f'sentence repeated {n}x: {t[:40]}')
for c in convs:
    n = len(c['msgs']); c['type'] = types.get(c['id']); c['furthest'] = furthest(c)
    if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
    if c['label'] == 'benign':
        if c['type'] != 'benign': err(f"{c['id']}: benign label, type {c['type']}")
        if c['furthest'] != 'none': err(f"{c['id']}: benign with stage")
    else:
        if c['type'] in (None, 'benign'): err(f"{c['id']}: scam with type {c['type']}")
        if c['type'] in ('recruitment_lure','impersonation','phishing'):
            if c['msgs'][0][1] != 'contact' or any(s not in ('contact','none') for _,s,_ in c['msgs']): err(f"{c['id']}: lure/imp/phish stages")
        if c['type'] == 'task_scam' and any(s == 'rapport' for _,s,_ in c['msgs']): err(f"{c['id']}: task scam with rapport")
    for _, _, t in c['msgs']:
        if re.search(r'https?://', t): err(f"{c['id']}: undefanged link")
    nn = int(c['id'][-2:])
    if not 1 <= nn <= 16: err(f"{c['id']}: NN out of range")

out = []
total_f = collections.Counter()
out.append('lang label  n  msgs(min/med/max) long>=12 medchars/conv medchars/msg S-first money consec')
for lang in LANGS:
    cl = [c for c in convs if c['lang'] == lang]
    if sorted(int(c['id'][-2:]) for c in cl) != list(range(1, 17)): err(f'{lang}: ids not 01..16')
    for label in ('benign','scam'):
        g = [c for c in cl if c['label'] == label]
        ns = [len(c['msgs']) for c in g]
        if len(g) != 8: err(f'{lang} {label}: {len(g)} chats')
        long = sum(n >= 12 for n in ns)
        if long < 2: err(f'{lang} {label}: only {long} long chats')
        cc = statistics.median(sum(len(t) for _,_,t in c['msgs']) for c in g)
        cm = statistics.median(len(t) for c in g for _,_,t in c['msgs'])
        sf = sum(c['msgs'][0][0] == 'S' for c in g)
        mo = sum(bool(MONEY.search(' '.join(t for _,_,t in c['msgs']))) for c in g)
        co = sum(consec(c) for c in g)
        out.append(f'{lang:4} {label:6} {len(g):2} {min(ns):3}/{statistics.median(ns):4}/{max(ns):3} {long:8} {cc:13} {cm:12} {sf:7} {mo:5} {co:6}')
    sc = [c for c in cl if c['label'] == 'scam']
    tc = collections.Counter(c['type'] for c in sc)
    if tc['pig_butchering'] != 6 or tc['task_scam'] != 1 or sum(tc[t] for t in ('recruitment_lure','impersonation','phishing')) != 1:
        err(f'{lang}: scam type mix {dict(tc)}')
    pb = sorted(c['furthest'] for c in sc if c['type'] == 'pig_butchering')
    if pb != sorted(STAGES[1:]): err(f'{lang}: pig-butchering furthest stages {pb}')
    for c in sc:
        if c['type'] == 'task_scam' and c['furthest'] not in ('deposit','profit','withdrawal_blocked','pressure'): err(f"{c['id']}: task furthest {c['furthest']}")
        if c['type'] in ('recruitment_lure','impersonation','phishing') and c['furthest'] != 'contact': err(f"{c['id']}: furthest {c['furthest']}")
    f = collections.Counter(c['furthest'] for c in sc); total_f.update(f)
    out.append(f'     furthest stages (scam): ' + ', '.join(f'{s}={f[s]}' for s in STAGES))
    out.append(f'     scam types: ' + ', '.join(f'{k}={v}' for k, v in sorted(tc.items())))
    out.append(f"     task_scam ends at: {[c['furthest'] for c in sc if c['type']=='task_scam'][0]}")
allt = collections.Counter(types.values())
for t in ('recruitment_lure','impersonation','phishing'):
    if allt[t] != 2: err(f'{t}: {allt[t]} overall')
for s in STAGES:
    if not 6 <= total_f[s] <= 8: err(f'stage {s}: {total_f[s]} chats overall')
out.append('')
out.append('OVERALL furthest stages (scam chats): ' + ', '.join(f'{s}={total_f[s]}' for s in STAGES))
out.append('OVERALL benign chats (furthest none): ' + str(sum(c['label']=='benign' for c in convs)))
out.append('OVERALL types: ' + ', '.join(f'{k}={v}' for k, v in sorted(allt.items())))
out.append(f'OVERALL conversations={len(convs)} messages={sum(len(c["msgs"]) for c in convs)} '
           f'median msgs={statistics.median(len(c["msgs"]) for c in convs)}')
out.append('ERRORS: ' + (str(len(errors)) if errors else '0 (all checks passed)'))
report = '\n'.join(out)
print(report)
for e in errors: print('ERROR', e)
if '--write' in sys.argv:
    (HERE/'COUNTS.txt').write_text(report + '\n', encoding='utf-8')
sys.exit(1 if errors else 0)
