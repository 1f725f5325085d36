#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 33 (eval/conversations.txt + eval/types.tsv).

Usage: python3 check_conversations.py [--write-counts]
Exits non-zero on any format or convention error; prints the summary that goes into COUNTS.txt.
"""
import os, re, sys, statistics
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CONV = os.path.join(HERE, 'eval', 'conversations.txt')
TYPES = os.path.join(HERE, 'eval', 'types.tsv')
LANGS = ['en', 'zh', 'vi', 'th', 'id', 'es', 'ms', 'tl']
ORDER = ['contact', 'rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']
STAGES = set(ORDER) | {'none'}
TYPESET = {'benign', 'pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'}
COMMENTS = [
    "# Fiction written for the ScamNet project (blind evaluation set 33); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
MONEY = {
    'en': r'\$|£|€|pesos?|money|pay|paid|bank|card|loan|lend|salary|rent|bond|bitcoin|crypto|gold|usdt|transfer|deposit|withdraw|fee|invest|profit|cash|gcash|pesogo|paynow|bucks|\d+k\b|refund|tax|commission',
    'zh': r'钱|錢|元|块|塊|萬|万|银行|銀行|转账|轉賬|轉帳|匯款|汇款|存款|提现|提現|投资|投資|利润|利潤|工资|薪水|薪|房租|租金|比特币|比特幣|黄金|黃金|USDT|保证金|保證金|税|稅|费|費|令吉|RM|\$|付款|收款|港币|港幣|台幣|基金|股票|押金|佣金|傭金|蚊|股息|新股|人工',
    'vi': r'tiền|tien|đồng|dong|\bk\b|\d+k|triệu|trieu|ngân hàng|ngan hang|chuyển khoản|chuyen khoan|lương|luong|nạp|nap|rút|rut|đầu tư|dau tu|lãi|lai|phí|phi|thuế|thue|USDT|bitcoin|vàng|vang|vay|nợ|no\b|cọc|coc|hoa hồng|hoa hong|tài khoản|tai khoan|\$|đ\b',
    'th': r'บาท|เงิน|โอน|ธนาคาร|บัญชี|เงินเดือน|ค่าเช่า|ลงทุน|กำไร|ถอน|ฝาก|ภาษี|ค่าธรรมเนียม|USDT|บิตคอยน์|ทอง|ยืม|หนี้|แชร์|มัดจำ|ค่าคอม|จ่าย|\$',
    'id': r'rupiah|\brp\b|rp\s?\d|uang|duit|transfer|bank|rekening|gaji|sewa|kos|pinjam|utang|hutang|investasi|profit|untung|tarik|deposit|setor|pajak|biaya|usdt|bitcoin|emas|arisan|komisi|bayar|juta|ribu|\d+rb|\d+jt|saldo|top ?up|dana|ovo|gopay',
    'es': r'€|\$|euros?|pesos?|dinero|plata|banco|tarjeta|transferencia|bizum|sueldo|salario|alquiler|fianza|préstamo|prestar|presta|invertir|inversión|ganancia|retirar|retiro|depósito|impuesto|comisión|usdt|bitcoin|oro|tanda|pagar|pago|cuenta|mil\b|lana|recarga|saldo|cobr|dólar|S/|yape',
    'ms': r'\brm\s?\d|ringgit|duit|wang|bank|akaun|gaji|sewa|pinjam|hutang|pelaburan|labur|untung|keuntungan|keluarkan|deposit|cukai|yuran|caj|usdt|bitcoin|emas|kutu|komisen|bayar|ribu|\d+k\b|transfer|pindahan|top ?up|asb|kwsp|tng',
    'tl': r'piso|pesos?|php|₱|pera|\d+k\b|bayad|bayaran|utang|hiram|pautang|sahod|sweldo|upa|renta|bangko|bank|gcash|pesogo|maya|padala|invest|kita|tubo|profit|withdraw|deposit|cash ?in|cash ?out|fee|tax|buwis|usdt|bitcoin|ginto|gold|paluwagan|commission|transfer|load|libo|\d,\d{3}',
}

errors = []
def err(msg):
    errors.append(msg)

def furthest(msgs):
    idx = [ORDER.index(s) for _, s, _ in msgs if s != 'none']
    return ORDER[max(idx)] if idx else 'none'

def parse():
    raw = open(CONV, 'rb').read()
    if b'\r' in raw:
        err('CR characters found (must be LF only)')
    text = raw.decode('utf-8')
    lines = text.split('\n')
    if lines[:3] != COMMENTS:
        err('the first three lines are not the required comment lines')
    if sum(1 for l in lines if l.startswith('# ')) != 3:
        err('there must be exactly three comment lines')
    convs, cur = [], None
    for n, line in enumerate(lines[3:], 4):
        if line == '':
            cur = None
            continue
        if line.startswith('## '):
            m = re.fullmatch(r'## (b33-([a-z]{2})-(\d\d)) ([a-z]{2}) (benign|scam)', line)
            if not m:
                err(f'line {n}: bad header {line!r}')
                cur = None
                continue
            if m.group(2) != m.group(4):
                err(f'line {n}: id language differs from language field')
            cur = {'id': m.group(1), 'lang': m.group(4), 'label': m.group(5), 'msgs': [], 'line': n}
            convs.append(cur)
            continue
        if cur is None:
            err(f'line {n}: message outside a conversation (missing blank line or header?)')
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            err(f'line {n}: expected 3 tab-separated fields, got {len(parts)}')
            continue
        who, st, txt = parts
        if who not in ('S', 'V'):
            err(f'line {n}: speaker must be S or V')
        if st not in STAGES:
            err(f'line {n}: unknown stage {st!r}')
        if not txt.strip() or txt != txt.strip():
            err(f'line {n}: empty text or surrounding whitespace')
        cur['msgs'].append((who, st, txt))
    return convs

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
        if t not in TYPESET:
            err(f'types.tsv: unknown type {t}')
        if i in types:
            err(f'types.tsv: duplicate id {i}')
        types[i] = t
    ids = [c['id'] for c in convs]
    if len(ids) != len(set(ids)):
        err('duplicate conversation ids')
    if set(ids) != set(types):
        err(f'ids differ between conversations.txt and types.tsv: {sorted(set(ids) ^ set(types))}')

    for c in convs:
        t = types.get(c['id'], '?')
        c['type'] = t
        n = len(c['msgs'])
        if not 3 <= n <= 16:
            err(f"{c['id']}: {n} messages (need 3-16)")
        if (c['label'] == 'benign') != (t == 'benign'):
            err(f"{c['id']}: label {c['label']} but type {t}")
        st = [s for _, s, _ in c['msgs']]
        f = furthest(c['msgs'])
        c['furthest'] = f
        if t == 'benign':
            if set(st) != {'none'}:
                err(f"{c['id']}: benign chat with non-none stages")
        elif t in ('recruitment_lure', 'impersonation', 'phishing'):
            if not set(st) <= {'contact', 'none'} or f != 'contact':
                err(f"{c['id']}: {t} must use contact/none and end at contact")
            if c['msgs'][0][:2] != ('S', 'contact'):
                err(f"{c['id']}: {t} should open with the S contact message")
        elif t == 'task_scam':
            if not set(st) <= {'contact', 'pitch', 'profit', 'deposit', 'withdrawal_blocked', 'pressure', 'none'}:
                err(f"{c['id']}: task scam uses a stage outside its set")
            if f not in ('deposit', 'profit', 'withdrawal_blocked', 'pressure'):
                err(f"{c['id']}: task scam ends at {f}")
        elif t == 'pig_butchering':
            if f == 'contact' or f == 'none':
                err(f"{c['id']}: pig_butchering ends at {f}")

    # per-language composition
    by = defaultdict(list)
    for c in convs:
        by[c['lang']].append(c)
    for lang in LANGS:
        cs = by.get(lang, [])
        if len(cs) != 20:
            err(f'{lang}: {len(cs)} conversations (need 20)')
        nums = sorted(int(c['id'][-2:]) for c in cs)
        if nums != list(range(1, 21)):
            err(f'{lang}: ids are not 01..20')
        tc = Counter(c['type'] for c in cs)
        want = {'benign': 10, 'pig_butchering': 6, 'task_scam': 1, 'recruitment_lure': 1, 'impersonation': 1, 'phishing': 1}
        if dict(tc) != want:
            err(f'{lang}: type counts {dict(tc)}')
        pbf = sorted(c['furthest'] for c in cs if c['type'] == 'pig_butchering')
        if pbf != sorted(['rapport', 'pitch', 'deposit', 'profit', 'withdrawal_blocked', 'pressure']):
            err(f'{lang}: pig_butchering furthest stages {pbf}')
        for lab in ('benign', 'scam'):
            if sum(1 for c in cs if c['label'] == lab and len(c['msgs']) >= 12) < 2:
                err(f'{lang}/{lab}: fewer than 2 chats with >=12 messages')

    # no shared sentences anywhere in the set
    seen = {}
    for c in convs:
        for _, _, t in c['msgs']:
            for sent in re.split(r'(?<=[.!?。！？])\s*', t):
                k = re.sub(r'\W+', ' ', sent.lower()).strip()
                if len(k) < 18:
                    continue
                if k in seen and seen[k] != c['id']:
                    err(f"shared sentence in {seen[k]} and {c['id']}: {sent!r}")
                seen.setdefault(k, c['id'])
    # no identical message texts
    mt = Counter(t for c in convs for _, _, t in c['msgs'] if len(t) >= 12)
    for t, k in mt.items():
        if k > 1:
            err(f'message text repeated {k}x: {t!r}')

    # statistics
    out = []
    out.append('Blind evaluation set 33 - summary written by check_conversations.py')
    out.append(f'conversations: {len(convs)}  messages: {sum(len(c["msgs"]) for c in convs)}')
    out.append('')
    out.append('Matching statistics per language x label')
    hdr = f"{'lang':4} {'label':6} {'n':>3} {'msgs min/med/max':>17} {'>=12':>4} {'chars/conv':>10} {'chars/msg':>9} {'S-first':>7} {'money':>5} {'2-in-row':>8} {'V share':>7}"
    out.append(hdr)
    for lang in LANGS:
        for lab in ('benign', 'scam'):
            cs = [c for c in by.get(lang, []) if c['label'] == lab]
            if not cs:
                continue
            ns = [len(c['msgs']) for c in cs]
            cpc = statistics.median(sum(len(t) for _, _, t in c['msgs']) for c in cs)
            cpm = statistics.median(len(t) for c in cs for _, _, t in c['msgs'])
            sf = sum(1 for c in cs if c['msgs'][0][0] == 'S')
            rx = re.compile(MONEY[lang], re.I)
            money = sum(1 for c in cs if any(rx.search(t) for _, _, t in c['msgs']))
            dbl = sum(1 for c in cs if any(c['msgs'][i][0] == c['msgs'][i + 1][0] for i in range(len(c['msgs']) - 1)))
            vs = sum(1 for c in cs for w, _, _ in c['msgs'] if w == 'V') / sum(ns)
            out.append(f"{lang:4} {lab:6} {len(cs):>3} {min(ns):>5}/{statistics.median(ns):>4}/{max(ns):>3}    {sum(1 for n in ns if n >= 12):>4} {cpc:>10.0f} {cpm:>9.0f} {sf:>7} {money:>5} {dbl:>8} {vs:>7.2f}")
    out.append('')
    allns = [len(c['msgs']) for c in convs]
    out.append(f'messages per conversation overall: min {min(allns)}, median {statistics.median(allns)}, max {max(allns)}')
    out.append('')
    out.append('Furthest stage of scam chats per language (benign chats are all none)')
    cols = ORDER
    out.append(f"{'lang':4} " + ' '.join(f'{s[:8]:>8}' for s in cols))
    tot = Counter()
    for lang in LANGS:
        fc = Counter(c['furthest'] for c in by.get(lang, []) if c['label'] == 'scam')
        tot.update(fc)
        out.append(f'{lang:4} ' + ' '.join(f'{fc.get(s, 0):>8}' for s in cols))
    out.append('all  ' + ' '.join(f'{tot.get(s, 0):>8}' for s in cols))
    out.append(f"benign (none): {sum(1 for c in convs if c['label'] == 'benign')}")
    out.append('')
    out.append('Scam type x furthest stage (all languages)')
    tf = defaultdict(Counter)
    for c in convs:
        if c['label'] == 'scam':
            tf[c['type']][c['furthest']] += 1
    for t in ('pig_butchering', 'task_scam', 'recruitment_lure', 'impersonation', 'phishing'):
        out.append(f'{t:17} ' + ', '.join(f'{s}={tf[t][s]}' for s in ORDER if tf[t][s]))
    out.append('')
    out.append('task_scam furthest stage per language: ' + ', '.join(
        f"{c['lang']}={c['furthest']}" for l in LANGS for c in by.get(l, []) if c['type'] == 'task_scam'))
    out.append('')
    out.append(f'errors: {len(errors)}')
    summary = '\n'.join(out) + '\n'
    print(summary)
    for e in errors:
        print('ERROR', e)
    if '--write-counts' in sys.argv and not errors:
        open(os.path.join(HERE, 'COUNTS.txt'), 'w', encoding='utf-8').write(summary)
    sys.exit(1 if errors else 0)

if __name__ == '__main__':
    main()
