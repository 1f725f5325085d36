#!/usr/bin/env python3
"""Checker for blind evaluation set 27. Usage: python3 check_conversations.py [--write-counts]
Validates format, stages, labels, ids vs types.tsv, the brief's counts and stage rules, and prints
matching statistics per language x label. Exit code 1 on any error."""
import re, sys, statistics as st, pathlib, collections
HERE = pathlib.Path(__file__).resolve().parent
CONV, TYPES = HERE/'eval'/'conversations.txt', HERE/'eval'/'types.tsv'
LANGS = ['my','km','ja','ko','pt','fr']
ORDER = ['none','contact','rapport','pitch','deposit','profit','withdrawal_blocked','pressure']
RANK = {s:i for i,s in enumerate(ORDER)}
TYPESET = {'benign','pig_butchering','task_scam','recruitment_lure','impersonation','phishing'}
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 27); licence Apache-2.0.",
 "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
 "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = re.compile(r"usdt|usd|\$|€|euro|r\$|fcfa|bitcoin|btc|crypto|cripto|pix|aba|kpay|bank|banco|banque|profit|deposit|withdraw|"
 r"ကျပ်|သိန်း|ငွေ|ဘဏ်|ပိုက်ဆံ|ဘတ်|ដុល្លារ|លុយ|ធនាគារ|ប្រាក់|円|万|銀行|出金|入金|振込|振り込|仕送り|원|만원|은행|입금|출금|계좌|"
 r"dinheiro|reais|payé|devis|NIP|crédit|banque|aluguel|aluguer|salário|empr[eé]st|argent|loyer|virement|dollars|paie|cotisation|tontine|mobile money|francos|frais", re.I)
errs = []
def err(m): errs.append(m)
def furthest(msgs): return max((m[1] for m in msgs), key=lambda s: RANK[s])

lines = CONV.read_text(encoding='utf-8').split('\n')
if CONV.read_bytes().find(b'\r') >= 0: err('CR found')
if lines[:3] != HEAD: err('header comment lines differ')
if sum(1 for l in lines if l.startswith('#') and not l.startswith('## ')) != 3: err('not exactly 3 comment lines')
convs, cur = [], None
for i, l in enumerate(lines[3:], 4):
    if l.startswith('## '):
        m = re.fullmatch(r'## (b27-(my|km|ja|ko|pt|fr)-(\d\d)) (\w+) (benign|scam)', l)
        if not m or m.group(2) != m.group(4): err(f'line {i}: bad header {l!r}'); cur = None; continue
        if convs and lines[i-2] != '': err(f'line {i}: no blank line before header')
        cur = {'id':m.group(1),'lang':m.group(2),'nn':int(m.group(3)),'label':m.group(5),'msgs':[]}; convs.append(cur)
    elif l == '': continue
    else:
        p = l.split('\t')
        if len(p) != 3 or p[0] not in ('S','V') or p[1] not in RANK or not p[2].strip() or cur is None:
            err(f'line {i}: bad message line {l!r}'); continue
        cur['msgs'].append(tuple(p))
types = {}
tl = TYPES.read_text(encoding='utf-8').split('\n')
if tl[0] != 'id\ttype': err('types.tsv header')
for l in tl[1:]:
    if not l: continue
    a, b = l.split('\t'); types[a] = b
    if b not in TYPESET: err(f'bad type {l}')
ids = [c['id'] for c in convs]
if len(ids) != len(set(ids)): err('duplicate ids')
if set(ids) != set(types): err('ids differ between conversations.txt and types.tsv')
if len(convs) != 120: err(f'{len(convs)} conversations, want 120')
TASK_OK = {'contact','pitch','profit','deposit','withdrawal_blocked','pressure','none'}
task_end = {}
for c in convs:
    t = types.get(c['id']); n = len(c['msgs']); f = furthest(c['msgs']); st_set = {m[1] for m in c['msgs']}
    if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
    if (t == 'benign') != (c['label'] == 'benign'): err(f"{c['id']}: label/type mismatch")
    if t == 'benign' and st_set != {'none'}: err(f"{c['id']}: benign with stage")
    if t in ('recruitment_lure','impersonation','phishing'):
        if c['msgs'][0][1] != 'contact' or not st_set <= {'contact','none'}: err(f"{c['id']}: {t} stages {st_set}")
    if t == 'task_scam':
        if not st_set <= TASK_OK: err(f"{c['id']}: task stages {st_set}")
        if f not in ('deposit','profit','withdrawal_blocked','pressure'): err(f"{c['id']}: task ends {f}")
        task_end[c['lang']] = f
    if t == 'pig_butchering' and f == 'rapport' and 'pitch' in st_set: err('rapport chat with pitch')
    if c['label'] == 'scam' and f == 'none': err(f"{c['id']}: scam with no stage")
    for m in c['msgs']:
        if re.search(r'https?://|www\.', m[2], re.I): err(f"{c['id']}: undefanged link")
# duplicate sentences across chats
seen = {}
for c in convs:
    for m in c['msgs']:
        k = m[2].strip().lower()
        if len(k) > 12 and k in seen and seen[k] != c['id']: err(f"duplicate text {c['id']} / {seen[k]}: {k[:40]}")
        seen[k] = c['id']
out = []
P = out.append
P('COUNTS for blind evaluation set 27 (produced by check_conversations.py)')
P(f'conversations: {len(convs)}; messages: {sum(len(c["msgs"]) for c in convs)}')
P('')
P('Per language x label: n | msgs min/median/max | long>=12 | median chars/conv | median chars/msg | S-first | money-vocab chats | chats with same-sender run')
for L in LANGS:
    for lab in ('benign','scam'):
        cs = [c for c in convs if c['lang']==L and c['label']==lab]
        ns = [len(c['msgs']) for c in cs]
        if not cs: err(f'no {L} {lab}'); continue
        cpc = [sum(len(m[2]) for m in c['msgs']) for c in cs]
        cpm = [len(m[2]) for c in cs for m in c['msgs']]
        sfirst = sum(c['msgs'][0][0]=='S' for c in cs)
        money = sum(any(MONEY.search(m[2]) for m in c['msgs']) for c in cs)
        runs = sum(any(c['msgs'][i][0]==c['msgs'][i+1][0] for i in range(len(c['msgs'])-1)) for c in cs)
        long_ = sum(n>=12 for n in ns)
        P(f'{L} {lab:6} n={len(cs):2} | {min(ns)}/{st.median(ns):g}/{max(ns)} | long={long_} | chars/conv={st.median(cpc):g} | chars/msg={st.median(cpm):g} | S-first={sfirst} | money={money} | runs={runs}')
        if len(cs) != 10: err(f'{L} {lab}: {len(cs)} chats')
        if long_ < 2: err(f'{L} {lab}: only {long_} long chats')
    tc = collections.Counter(types[c['id']] for c in convs if c['lang']==L)
    want = {'benign':10,'pig_butchering':6,'task_scam':1,'recruitment_lure':1,'impersonation':1,'phishing':1}
    if dict(tc) != want: err(f'{L}: type counts {dict(tc)}')
    pb = sorted(furthest(c['msgs']) for c in convs if c['lang']==L and types[c['id']]=='pig_butchering')
    if sorted(pb) != sorted(['rapport','pitch','deposit','profit','withdrawal_blocked','pressure']): err(f'{L}: PB furthest {pb}')
    nns = sorted(c['nn'] for c in convs if c['lang']==L)
    if nns != list(range(1,21)): err(f'{L}: NN not 01..20')
P('')
allms = [len(c['msgs']) for c in convs]
P(f'all: messages min/median/max {min(allms)}/{st.median(allms):g}/{max(allms)}')
P('')
P('Furthest stage of scam chats per language (benign chats are all none):')
P('lang  ' + ' '.join(f'{s[:8]:>8}' for s in ORDER[1:]))
tot = collections.Counter()
for L in LANGS:
    cnt = collections.Counter(furthest(c['msgs']) for c in convs if c['lang']==L and c['label']=='scam'); tot += cnt
    P(f'{L:5} ' + ' '.join(f'{cnt[s]:8}' for s in ORDER[1:]))
P('all   ' + ' '.join(f'{tot[s]:8}' for s in ORDER[1:]))
P('benign (furthest none): ' + str(sum(c['label']=='benign' for c in convs)))
P('task_scam furthest stage by language: ' + ', '.join(f'{k}={v}' for k, v in sorted(task_end.items())))
P('scam types: ' + ', '.join(f'{k}={v}' for k, v in sorted(collections.Counter(types.values()).items())))
for s in ORDER[2:]:
    if not 6 <= tot[s] <= 8: err(f'stage {s}: {tot[s]} chats')
if tot['contact'] != 18: err(f'contact: {tot["contact"]}')
P('')
P('errors: ' + (str(len(errs)) if errs else 'none'))
print('\n'.join(out))
for e in errs: print('ERROR', e)
if '--write-counts' in sys.argv and not errs: (HERE/'COUNTS.txt').write_text('\n'.join(out)+'\n', encoding='utf-8')
sys.exit(1 if errs else 0)
