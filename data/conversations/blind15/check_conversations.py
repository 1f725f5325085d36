#!/usr/bin/env python3
"""Checker for blind evaluation set 15 (format, labels, counts, matching statistics).

Usage: python3 check_conversations.py [--write-counts]
Exits non-zero on any hard error. Prints a summary (also written to COUNTS.txt with --write-counts).
"""
import re, sys, statistics, collections, pathlib

HERE = pathlib.Path(__file__).resolve().parent
CONV = HERE / 'eval' / 'conversations.txt'
TYPES = HERE / 'eval' / 'types.tsv'
LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
STAGES = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure', 'none']
ORDER = {s: i for i, s in enumerate(STAGES[:-1])}
SCAM_TYPES = ['pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing']
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 15); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'my': r'ငွေ|ကျပ်|သိန်း|သောင်း|ဘတ်|ဒေါ်လာ|လစာ|ဘဏ်|ရွှေ|USDT|KBZPay|Wave Pay|profit|deposit|balance|လခ|အခွန်|ပိုက်ဆံ|ချေး',
    'km': r'លុយ|ដុល្លារ|ប្រាក់|ធនាគារ|មាស|USDT|ABA|bitcoin|profit|balance|ពន្ធ|ខ្ចី|គណនី|ប្រាក់ខែ|ថ្លៃ',
    'ja': r'金|取引|通帳|暗証|円|万|お金|銀行|口座|振込|振り込|入金|出金|送金|給料|家賃|USDT|ビットコイン|投資|利益|税|カード|預金|報酬|PayPay|代金',
    'ko': r'세금|거래명세서|[0-9,]+\s?원|만원|돈|은행|계좌|통장|입금|출금|송금|월급|연봉|코인|비트코인|USDT|테더|금값|금통장|골드바|수익|보증금|대출|곗돈|자산|생활비|성과급',
    'pt': r'salári|salarial|reais|R\$|euros?|€|dólar|dinheiro|banco|conta|Pix|pagamento|salário|aluguel|renda|bitcoin|cripto|USDT|ouro|saque|taxa|empréstimo|transfer',
    'fr': r'pay|régl|€|euros?|francs|\$|argent|banque|compte|virement|salaire|loyer|bitcoin|crypto|USDT|or\b|retrait|frais|crédit|dépôt|remboursement|paie|tontine',
}
errors = []

def err(msg):
    errors.append(msg)

def parse():
    raw = CONV.read_bytes()
    if b'\r' in raw:
        err('CR characters found (must be LF)')
    text = raw.decode('utf-8')
    if not text.endswith('\n'):
        err('file does not end with newline')
    lines = text.split('\n')
    if lines[:3] != HEADER:
        err('comment header lines differ from the required three')
    if any(l.startswith('#') and not l.startswith('## ') for l in lines[3:]):
        err('extra comment lines after the header')
    body = '\n'.join(lines[3:]).strip('\n')
    convs = []
    for block in body.split('\n\n'):
        bl = block.split('\n')
        m = re.fullmatch(r'## (b15-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', bl[0])
        if not m:
            err(f'bad header: {bl[0]!r}'); continue
        cid, lang1, nn, lang, label = m.groups()
        if lang1 != lang or lang not in LANGS:
            err(f'{cid}: language mismatch'); continue
        msgs = []
        for l in bl[1:]:
            parts = l.split('\t')
            if len(parts) != 3 or parts[0] not in ('S', 'V') or parts[1] not in STAGES or not parts[2].strip():
                err(f'{cid}: bad message line {l[:60]!r}'); continue
            msgs.append(tuple(parts))
        convs.append(dict(id=cid, lang=lang, nn=int(nn), label=label, msgs=msgs))
    return convs

def furthest(msgs):
    st = [ORDER[s] for _, s, _ in msgs if s in ORDER]
    return STAGES[max(st)] if st else 'none'

def main():
    convs = parse()
    types = {}
    tl = TYPES.read_text(encoding='utf-8').split('\n')
    if tl[0] != 'id\ttype':
        err('types.tsv header wrong')
    for l in tl[1:]:
        if not l: continue
        i, t = l.split('\t')
        if i in types: err(f'duplicate id in types.tsv {i}')
        types[i] = t
    ids = [c['id'] for c in convs]
    if len(set(ids)) != len(ids): err('duplicate conversation ids')
    if set(ids) != set(types): err('ids in conversations.txt and types.tsv differ')
    if len(convs) != 96: err(f'{len(convs)} conversations, expected 96')
    # duplicate sentences across chats
    seen = {}
    for c in convs:
        for _, _, t in c['msgs']:
            k = re.sub(r'\W+', '', t.lower())
            if k in seen and seen[k] != c['id']:
                err(f'message text shared by {seen[k]} and {c["id"]}: {t[:40]!r}')
            seen.setdefault(k, c['id'])
    for c in convs:
        cid, label, msgs = c['id'], c['label'], c['msgs']
        t = types.get(cid)
        if not 3 <= len(msgs) <= 16: err(f'{cid}: {len(msgs)} messages')
        if label == 'benign':
            if t != 'benign': err(f'{cid}: benign but type {t}')
            if any(s != 'none' for _, s, _ in msgs): err(f'{cid}: benign with non-none stage')
        else:
            if t not in SCAM_TYPES: err(f'{cid}: scam with type {t}')
            if t in ('recruitment_lure', 'impersonation', 'phishing'):
                if any(s not in ('contact', 'none') for _, s, _ in msgs): err(f'{cid}: {t} uses stages beyond contact/none')
                if msgs and msgs[0][1] != 'contact': err(f'{cid}: {t} opener not contact')
            if t == 'task_scam' and any(s == 'rapport' for _, s, _ in msgs): err(f'{cid}: task scam uses rapport')
        c['type'] = t
        c['furthest'] = furthest(msgs)
        c['money'] = any(re.search(MONEY[c['lang']], m[2], re.I) for m in msgs)
        c['double'] = any(msgs[i][0] == msgs[i + 1][0] for i in range(len(msgs) - 1))
    out = []
    P = out.append
    P('blind15 COUNTS (written by check_conversations.py)')
    P(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
    P('types overall: ' + ', '.join(f'{k}={v}' for k, v in sorted(collections.Counter(c['type'] for c in convs).items())))
    P('')
    P('lang label  n  msgs min/med/max  long>=12  med_chars/conv  med_chars/msg  S-first  money  double  furthest stages')
    for lang in LANGS:
        for label in ('benign', 'scam'):
            cs = [c for c in convs if c['lang'] == lang and c['label'] == label]
            ns = [len(c['msgs']) for c in cs]
            if len(cs) != 8: err(f'{lang}/{label}: {len(cs)} conversations, expected 8')
            long_ = sum(n >= 12 for n in ns)
            if long_ < 2: err(f'{lang}/{label}: only {long_} chats with >=12 messages')
            cpc = statistics.median(sum(len(m[2]) for m in c['msgs']) for c in cs)
            cpm = statistics.median(len(m[2]) for c in cs for m in c['msgs'])
            sf = sum(c['msgs'][0][0] == 'S' for c in cs)
            mo = sum(c['money'] for c in cs)
            db = sum(c['double'] for c in cs)
            fs = collections.Counter(c['furthest'] for c in cs)
            P(f'{lang}   {label:6} {len(cs):2}  {min(ns):2}/{statistics.median(ns):4}/{max(ns):2}      {long_}        {cpc:6.1f}         {cpm:5.1f}        {sf}/8    {mo}/8   {db}/8   '
              + ', '.join(f'{k}={v}' for k, v in sorted(fs.items(), key=lambda kv: STAGES.index(kv[0]))))
        sc = [c for c in convs if c['lang'] == lang and c['label'] == 'scam']
        tc = collections.Counter(c['type'] for c in sc)
        if tc['pig_butchering'] != 5: err(f'{lang}: {tc["pig_butchering"]} pig_butchering, expected 5')
        if len(tc) != 4: err(f'{lang}: other scam types not 3 distinct: {dict(tc)}')
        pbf = sorted((c['furthest'] for c in sc if c['type'] == 'pig_butchering'), key=STAGES.index)
        if len(set(pbf)) != 5: err(f'{lang}: pig_butchering furthest stages not all different: {pbf}')
        P(f'{lang}   scam types: ' + ', '.join(f'{k}={v}' for k, v in sorted(tc.items())) + '; pig_butchering furthest: ' + ', '.join(pbf))
        nums = sorted(int(c['id'][-2:]) for c in convs if c['lang'] == lang)
        if nums != list(range(1, 17)): err(f'{lang}: ids not 01..16')
    tcount = collections.Counter(c['type'] for c in convs)
    for t in SCAM_TYPES[1:]:
        if tcount[t] < 3: err(f'type {t} appears {tcount[t]} times (<3)')
    P('')
    P('message stage counts: ' + ', '.join(f'{s}={sum(m[1] == s for c in convs for m in c["msgs"])}' for s in STAGES))
    P('errors: ' + (str(len(errors)) if errors else '0'))
    for e in errors:
        P('  ERROR ' + e)
    s = '\n'.join(out) + '\n'
    print(s, end='')
    if '--write-counts' in sys.argv:
        (HERE / 'COUNTS.txt').write_text(s, encoding='utf-8')
    sys.exit(1 if errors else 0)

if __name__ == '__main__':
    main()
