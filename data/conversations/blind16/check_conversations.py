#!/usr/bin/env python3
"""Checker for blind evaluation set 16 (fiction, Apache-2.0).

Checks format, stages, labels, ids vs types.tsv, counts, and prints matching
statistics per language x label. Writes COUNTS.txt next to this script.
Usage: python3 check_conversations.py [--no-write]
"""
import os, re, sys, statistics
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt')
TYPES = os.path.join(HERE, 'eval', 'types.tsv')

LANGS = ['my', 'km', 'ja', 'ko', 'pt', 'fr']
ORDER = ['none', 'contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
RANK = {s: i for i, s in enumerate(ORDER)}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
OTHER = ['task_scam', 'recruitment_lure', 'impersonation', 'phishing']
HEADER_LINES = [
    "# Fiction written for the ScamNet project (blind evaluation set 16); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]

# Money vocabulary per language (used only to measure benign/scam matching).
MONEY = {
    'my': r'ငွေ|လွှဲ|ဘဏ်|ကျပ်|သိန်း|ဒေါ်လာ|ဘတ်|ရွှေ|လစာ|KPay|WavePay|KBZPay|USDT|Binance|account|deposit|profit|withdraw|tax|fee|COD|ချေး|ဒဏ်ကြေး',
    'km': r'លុយ|ដុល្លារ|ធនាគារ|ប្រាក់|ABA|Wing|USDT|Binance|ផ្ទេរ|ខ្ចី|ពន្ធ|COD|KHQR|top-up|balance|OTP|គណនី|margin',
    'ja': r'円|万|振込|振り込|口座|銀行|送金|出金|入金|PayPay|USDT|ビットコイン|仮想通貨|金の|利益|給料|給与|家賃|税金|保証金|手数料|代引き|チャージ|カード|会費|仕送り',
    'ko': r'원|만원|계좌|은행|송금|이체|입금|출금|코인|비트코인|테더|USDT|수익|세금|보증금|월세|곗돈|적금|연봉|월급|카드|결제|과외비|부가세|대출',
    'pt': r'reais|R\$|euros?|Pix|MB Way|banco|transfer|dep[oó]sit|saque|sacar|bitcoin|USDT|cripto|lucro|sal[aá]rio|aluguel|renda|cau[çc][aã]o|taxa|imposto|cobran[çc]a|empr[eé]st|compra|comiss',
    'fr': r'euros?|€|FCFA|dollars|virement|banque|bancaire|compte|bitcoin|USDT|crypto|retrait|d[ée]p[ôo]t|frais|salaire|imp[ôo]ts|tontine|Orange Money|Wave|Lydia|paiement|cotisation|[ée]pargne|argent',
}

errors = []


def err(msg):
    errors.append(msg)


def parse():
    lines = open(CONV, encoding='utf-8').read().split('\n')
    raw = open(CONV, 'rb').read()
    if b'\r' in raw:
        err('CR characters found (must be LF only)')
    if lines[:3] != HEADER_LINES:
        err('the three comment lines are not exactly as required')
    if sum(1 for l in lines if l.startswith('#') and not l.startswith('## ')) != 3:
        err('there must be exactly three comment lines')
    convs = []
    cur = None
    prev_blank = True
    for n, line in enumerate(lines[3:], 4):
        if line.startswith('## '):
            if cur is not None and not prev_blank:
                err(f'line {n}: no blank line before header')
            m = re.fullmatch(r'## (b16-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', line)
            if not m:
                err(f'line {n}: bad header {line!r}')
                cur = None
                continue
            if m.group(2) != m.group(4):
                err(f'line {n}: id language differs from language field')
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'nn': int(m.group(3)), 'msgs': []}
            convs.append(cur)
            prev_blank = False
            continue
        if line == '':
            prev_blank = True
            continue
        prev_blank = False
        parts = line.split('\t')
        if cur is None:
            err(f'line {n}: message outside a conversation')
            continue
        if len(parts) != 3:
            err(f'line {n}: expected 3 tab-separated fields')
            continue
        spk, st, text = parts
        if spk not in ('S', 'V'):
            err(f'line {n}: bad speaker {spk!r}')
        if st not in RANK:
            err(f'line {n}: bad stage {st!r}')
        if not text.strip() or text != text.strip():
            err(f'line {n}: empty text or surrounding whitespace')
        cur['msgs'].append((spk, st, text))
    return convs


def furthest(c):
    return max((m[1] for m in c['msgs']), key=lambda s: RANK.get(s, 0))


def consec(c):
    sp = [m[0] for m in c['msgs']]
    return any(a == b for a, b in zip(sp, sp[1:]))


def main():
    convs = parse()
    types = {}
    tl = open(TYPES, encoding='utf-8').read().split('\n')
    if tl[0] != 'id\ttype':
        err('types.tsv header must be id<TAB>type')
    for l in tl[1:]:
        if not l:
            continue
        i, t = l.split('\t')
        if i in types:
            err(f'types.tsv duplicate id {i}')
        if t not in TYPESET:
            err(f'types.tsv bad type {t}')
        types[i] = t
    ids = [c['id'] for c in convs]
    if len(ids) != len(set(ids)):
        err('duplicate conversation ids')
    if set(ids) != set(types):
        err(f'ids differ between conversations.txt and types.tsv: {set(ids) ^ set(types)}')
    if len(convs) != 96:
        err(f'expected 96 conversations, got {len(convs)}')

    seen_text = {}
    for c in convs:
        t = types.get(c['id'])
        c['type'] = t
        n = len(c['msgs'])
        if not 3 <= n <= 16:
            err(f"{c['id']}: {n} messages (3-16 allowed)")
        if (c['label'] == 'benign') != (t == 'benign'):
            err(f"{c['id']}: label {c['label']} vs type {t}")
        sts = [m[1] for m in c['msgs']]
        if c['label'] == 'benign' and set(sts) != {'none'}:
            err(f"{c['id']}: benign chat with non-none stage")
        if t in ('recruitment_lure', 'impersonation', 'phishing'):
            if set(sts) - {'contact', 'none'}:
                err(f"{c['id']}: {t} may only use contact/none")
            # contact only on the opening exchange: the opener's first message(s)
            # and the other person's direct reply to them; everything later is none
            k = 0
            while k < n and c['msgs'][k][0] == 'S':
                k += 1
            while k < n and c['msgs'][k][0] == 'V':
                k += 1
            for j, m in enumerate(c['msgs']):
                if m[1] == 'contact' and j >= k:
                    err(f"{c['id']}: contact beyond the opening exchange")
            if sts[0] != 'contact':
                err(f"{c['id']}: opener should be contact")
        if t == 'task_scam' and set(sts) - {'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure', 'none'}:
            err(f"{c['id']}: task scam uses a stage outside its set")
        if c['label'] == 'scam' and furthest(c) in ('none', 'contact') and t == 'pig_butchering':
            err(f"{c['id']}: pig-butchering chat never leaves contact")
        if c['msgs'] and c['msgs'][0][0] != 'S':
            err(f"{c['id']}: first message is not from S")
        for spk, st, text in c['msgs']:
            if re.search(r'https?://', text) or re.search(r'\b[a-z0-9-]+\.(com|net|org|io|example)\b', text):
                err(f"{c['id']}: undefanged link in {text[:40]!r}")
            if text in seen_text:
                err(f"{c['id']}: message text repeated from {seen_text[text]}")
            seen_text[text] = c['id']
            if c['lang'] == 'my' and re.search(r'(^|\s)\u1031', text):
                err(f"{c['id']}: Zawgyi-like ordering (U+1031 at word start)")
        script = {'my': r'[\u1000-\u109F]', 'km': r'[\u1780-\u17FF]', 'ja': r'[\u3040-\u30FF\u4E00-\u9FFF]',
                  'ko': r'[\uAC00-\uD7AF]'}.get(c['lang'])
        if script and not re.search(script, ' '.join(m[2] for m in c['msgs'])):
            err(f"{c['id']}: no text in the expected script")

    # per-language structure
    out = []
    overall_types = Counter(c['type'] for c in convs)
    for lang in LANGS:
        cl = [c for c in convs if c['lang'] == lang]
        nns = sorted(c['nn'] for c in cl)
        if nns != list(range(1, 17)):
            err(f'{lang}: ids are not 01..16')
        labs = Counter(c['label'] for c in cl)
        if labs != Counter({'benign': 8, 'scam': 8}):
            err(f'{lang}: label counts {dict(labs)}')
        tc = Counter(c['type'] for c in cl if c['label'] == 'scam')
        if tc.get('pig_butchering') != 5:
            err(f'{lang}: {tc.get("pig_butchering")} pig_butchering (need 5)')
        if sum(tc.get(o, 0) for o in OTHER) != 3:
            err(f'{lang}: need 3 non-PB scams')
        pbf = [furthest(c) for c in cl if c['type'] == 'pig_butchering']
        if len(set(pbf)) < 5:
            err(f'{lang}: pig_butchering furthest stages not all different: {pbf}')
        for lab in ('benign', 'scam'):
            if sum(1 for c in cl if c['label'] == lab and len(c['msgs']) >= 12) < 2:
                err(f'{lang} {lab}: fewer than 2 chats with >=12 messages')
    for o in OTHER:
        if overall_types.get(o, 0) < 3:
            err(f'type {o} appears {overall_types.get(o, 0)} times (<3)')

    # statistics table
    out.append('blind16 COUNTS (written by check_conversations.py)')
    out.append(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
    out.append('types overall: ' + ', '.join(f'{k}={v}' for k, v in sorted(overall_types.items())))
    allm = sorted(len(c['msgs']) for c in convs)
    out.append(f'messages per conversation overall: min {allm[0]} median {statistics.median(allm)} max {allm[-1]}')
    out.append('')
    hdr = 'lang label   n  msg_min/med/max  long>=12  med_chars_conv  med_chars_msg  S_first  money  consec_same  furthest stages'
    out.append(hdr)
    for lang in LANGS:
        for lab in ('benign', 'scam'):
            cl = [c for c in convs if c['lang'] == lang and c['label'] == lab]
            if not cl:
                continue
            lens = [len(c['msgs']) for c in cl]
            chars_conv = [sum(len(m[2]) for m in c['msgs']) for c in cl]
            chars_msg = [len(m[2]) for c in cl for m in c['msgs']]
            sfirst = sum(1 for c in cl if c['msgs'][0][0] == 'S')
            money = sum(1 for c in cl if re.search(MONEY[lang], ' '.join(m[2] for m in c['msgs']), re.I))
            cs = sum(1 for c in cl if consec(c))
            fs = Counter(furthest(c) for c in cl)
            fstr = ','.join(f'{s}={fs[s]}' for s in ORDER if fs.get(s))
            out.append(f'{lang:4} {lab:6} {len(cl):3}  {min(lens):3}/{statistics.median(lens):4}/{max(lens):3}      '
                       f'{sum(1 for x in lens if x >= 12):3}       {statistics.median(chars_conv):7}        '
                       f'{statistics.median(chars_msg):6}      {sfirst:3}/{len(cl)}  {money:3}/{len(cl)}  {cs:3}/{len(cl)}       {fstr}')
            if lab == 'scam':
                tc = Counter(c['type'] for c in cl)
                out.append(f'            scam types: ' + ', '.join(f'{k}={v}' for k, v in sorted(tc.items())))
    out.append('')
    out.append('errors: ' + (str(len(errors)) if errors else '0 (all checks passed)'))
    for e in errors:
        out.append('  ERROR ' + e)
    text = '\n'.join(out) + '\n'
    print(text, end='')
    if '--no-write' not in sys.argv:
        open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(text)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
