#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 17 (written blind; uses only the brief's rules).

Usage: python3 check_conversations.py [--write-counts]
Checks format, stages, labels, ids vs types.tsv, counts and per language x label matching statistics.
"""
import re, sys, statistics, collections, os, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt')
TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
STAGES = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure', 'none']
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 17); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'my': ['ငွေ', 'ကျပ်', 'ဘဏ်', 'ဒေါ်လာ', 'ဘတ်', 'လစာ', 'USDT', 'KPay', 'Wave', 'Bitcoin', 'crypto', 'ရွှေ', 'သိန်း', 'ဆေးဖိုး', 'အိမ်လခ'],
    'km': ['លុយ', 'ដុល្លារ', 'ធនាគារ', 'ABA', 'Wing', 'USDT', 'ប្រាក់', 'Bitcoin', 'crypto', 'មាស', 'ថ្លៃ'],
    'ja': ['円', '万', '銀行', '振り込', '入金', '出金', '口座', 'ビットコイン', '家賃', '給', '投資', '金の', 'ポイント', '仕送り'],
    'ko': ['원', '만 원', '은행', '계좌', '입금', '출금', '코인', '월세', '연봉', '월급', '곗돈', '환급', '통장', '금 '],
    'pt': ['reais', 'R$', 'euros', 'dólar', 'banco', 'crypto', 'Pix', 'USDT', 'bitcoin', 'salário', 'aluguel', 'transferência', 'saque', 'depósit', 'ouro', 'cartão', 'paguei', 'pagar'],
    'fr': ['€', 'FCFA', 'dollars', 'banc', 'virement', 'USDT', 'bitcoin', 'crypto', 'loyer', 'salaire', 'retrait', 'dépôt', 'or ', "l'or", 'remboursement', 'payer', 'compte'],
}
ALLOWED_BY_TYPE = {
    'benign': {'none'},
    'pig_butchering': set(STAGES),
    'task_scam': {'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure', 'none'},
    'recruitment_lure': {'contact', 'none'},
    'impersonation': {'contact', 'none'},
    'phishing': {'contact', 'none'},
}

errors = []
def err(m): errors.append(m)

def parse():
    raw = open(CONV, 'rb').read()
    if b'\r' in raw: err('CR characters found (must be LF)')
    text = raw.decode('utf-8')
    lines = text.split('\n')
    if lines[-1] == '': lines = lines[:-1]
    if lines[:3] != HEADER: err('the three comment lines are not exactly as required')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]): err('extra comment lines')
    convs = []
    cur = None
    prev_blank = True
    for n, l in enumerate(lines[3:], 4):
        if l == '':
            if prev_blank and cur is not None: err(f'line {n}: double blank line')
            prev_blank = True; continue
        if l.startswith('## '):
            if not prev_blank: err(f'line {n}: header not preceded by a blank line')
            m = re.fullmatch(r'## (b17-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', l)
            if not m: err(f'line {n}: bad header {l!r}'); cur = None; continue
            if m.group(2) != m.group(4): err(f'line {n}: id language != lang field')
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': []}
            convs.append(cur)
        else:
            if prev_blank and cur is not None and cur['msgs'] == [] and False: pass
            parts = l.split('\t')
            if cur is None or len(parts) != 3: err(f'line {n}: bad message line'); continue
            who, stage, t = parts
            if who not in ('S', 'V'): err(f'line {n}: sender {who!r}')
            if stage not in STAGES: err(f'line {n}: stage {stage!r}')
            if not t.strip() or t != t.strip(): err(f'line {n}: empty or padded text')
            cur['msgs'].append((who, stage, t))
        prev_blank = False
    return convs

def furthest(c):
    st = [s for _, s, _ in c['msgs'] if s != 'none']
    return max(st, key=lambda s: ORDER[s]) if st else 'none'

def has_consec(c):
    w = [m[0] for m in c['msgs']]
    return any(a == b for a, b in zip(w, w[1:]))

def money(c):
    txt = ' '.join(t for _, _, t in c['msgs'])
    return any(k.lower() in txt.lower() for k in MONEY[c['lang']])

def main():
    convs = parse()
    types = {}
    tl = open(TYPES, encoding='utf-8').read().split('\n')
    if tl[-1] == '': tl = tl[:-1]
    if tl[0] != 'id\ttype': err('types.tsv header')
    for l in tl[1:]:
        p = l.split('\t')
        if len(p) != 2 or p[1] not in TYPESET: err(f'types.tsv bad line {l!r}'); continue
        if p[0] in types: err(f'types.tsv duplicate {p[0]}')
        types[p[0]] = p[1]
    ids = [c['id'] for c in convs]
    if len(set(ids)) != len(ids): err('duplicate conversation ids')
    if set(ids) != set(types): err('ids in conversations.txt != ids in types.tsv')
    if len(convs) != 96: err(f'{len(convs)} conversations, expected 96')

    seen_sent = {}
    for c in convs:
        ty = types.get(c['id'])
        n = len(c['msgs'])
        if not 3 <= n <= 16: err(f"{c['id']}: {n} messages")
        if (c['label'] == 'benign') != (ty == 'benign'): err(f"{c['id']}: label {c['label']} vs type {ty}")
        for w, s, t in c['msgs']:
            if ty in ALLOWED_BY_TYPE and s not in ALLOWED_BY_TYPE[ty]: err(f"{c['id']}: stage {s} not allowed for {ty}")
            if '\t' in t: err('tab in text')
            if re.search(r'https?://', t) or re.search(r'\b\w+\.(com|net|org|info|top|xyz|online|kr|jp)\b', t):
                err(f"{c['id']}: undefanged link? {t[:60]}")
            for sent in re.split(r'(?<=[.!?。！？។၊။])\s*', t):
                sent = sent.strip()
                if len(sent) < 12: continue
                if sent in seen_sent and seen_sent[sent] != c['id']:
                    err(f"sentence shared by {seen_sent[sent]} and {c['id']}: {sent[:50]}")
                seen_sent.setdefault(sent, c['id'])
        if ty in ('recruitment_lure', 'impersonation', 'phishing'):
            if c['msgs'][0][1] != 'contact': err(f"{c['id']}: {ty} should open with a contact message")
            if any(s == 'contact' for _, s, _ in c['msgs'][1:] if False): pass
        txt = ' '.join(t for _, _, t in c['msgs'])
        if c['lang'] == 'my':
            if not re.search('[\u1000-\u109f]', txt): err(f"{c['id']}: no Myanmar script")
            # crude Zawgyi signal: Zawgyi stores the e-vowel (U+1031) before the consonant
            if re.search(r'(^|[\s])\u1031', txt): err(f"{c['id']}: possible Zawgyi ordering")
        if c['lang'] == 'km' and not re.search('[\u1780-\u17ff]', txt): err(f"{c['id']}: no Khmer script")
        if c['lang'] == 'ja' and not re.search('[\u3040-\u30ff]', txt): err(f"{c['id']}: no kana")
        if c['lang'] == 'ko' and not re.search('[\uac00-\ud7af]', txt): err(f"{c['id']}: no Hangul")

    tcount = collections.Counter(types.values())
    for t in TYPESET - {'benign', 'pig_butchering'}:
        if tcount[t] < 3: err(f'type {t} appears {tcount[t]} times (<3)')

    rows = []
    for lang in LANGS:
        lc = [c for c in convs if c['lang'] == lang]
        nums = sorted(int(c['id'][-2:]) for c in lc)
        if nums != list(range(1, 17)): err(f'{lang}: ids not 01..16')
        for label in ('benign', 'scam'):
            g = [c for c in lc if c['label'] == label]
            if len(g) != 8: err(f'{lang} {label}: {len(g)} conversations, expected 8')
            long_ = sum(len(c['msgs']) >= 12 for c in g)
            if long_ < 2: err(f'{lang} {label}: only {long_} conversations with >=12 messages')
            if label == 'scam':
                tc = collections.Counter(types[c['id']] for c in g)
                if tc['pig_butchering'] != 5 or len(g) - tc['pig_butchering'] != 3:
                    err(f'{lang}: scam types {dict(tc)}')
                pbf = [furthest(c) for c in g if types[c['id']] == 'pig_butchering']
                if len(set(pbf)) < 5: err(f'{lang}: pig_butchering furthest stages not all different: {pbf}')
            ms = [len(c['msgs']) for c in g]
            chars_conv = [sum(len(t) for _, _, t in c['msgs']) for c in g]
            chars_msg = [len(t) for c in g for _, _, t in c['msgs']]
            fur = collections.Counter(furthest(c) for c in g)
            rows.append(dict(lang=lang, label=label, n=len(g), mmin=min(ms), mmed=statistics.median(ms), mmax=max(ms),
                             long=long_, cconv=statistics.median(chars_conv), cmsg=statistics.median(chars_msg),
                             sfirst=sum(c['msgs'][0][0] == 'S' for c in g), money=sum(money(c) for c in g),
                             consec=sum(has_consec(c) for c in g),
                             fur=' '.join(f'{k}:{v}' for k, v in sorted(fur.items(), key=lambda kv: ORDER.get(kv[0], -1)))))
    allm = [len(c['msgs']) for c in convs]
    out = []
    out.append('blind17 evaluation set: per language x label statistics (from check_conversations.py)')
    out.append(f'conversations: {len(convs)}  messages: {sum(allm)}  median messages/conversation: {statistics.median(allm)}')
    out.append('types: ' + ', '.join(f'{k}={v}' for k, v in sorted(tcount.items())))
    out.append('')
    out.append('lang label   n  msgs min/med/max  long>=12  med_chars/conv  med_chars/msg  S_first  money  consec_same_sender  furthest_stage')
    for r in rows:
        out.append(f"{r['lang']:<4} {r['label']:<6} {r['n']:>2}  {r['mmin']:>3}/{r['mmed']:>4}/{r['mmax']:<3}     {r['long']:>2}       {r['cconv']:>8}       {r['cmsg']:>6}       {r['sfirst']:>2}     {r['money']:>2}     {r['consec']:>2}                 {r['fur']}")
    out.append('')
    pb = collections.Counter(furthest(c) for c in convs if types.get(c['id']) == 'pig_butchering')
    out.append('pig_butchering furthest stages overall: ' + ', '.join(f'{k}={v}' for k, v in sorted(pb.items(), key=lambda kv: ORDER.get(kv[0], -1))))
    sc = collections.Counter(s for c in convs for _, s, _ in c['msgs'])
    out.append('message stage labels overall: ' + ', '.join(f'{s}={sc[s]}' for s in STAGES))
    out.append('')
    out.append('errors: ' + (str(len(errors)) if errors else '0 (all checks passed)'))
    for e in errors: out.append('  ' + e)
    report = '\n'.join(out) + '\n'
    print(report, end='')
    if '--write-counts' in sys.argv:
        open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(report)
    return 1 if errors else 0

if __name__ == '__main__':
    sys.exit(main())
