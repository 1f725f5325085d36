#!/usr/bin/env python3
"""Build eval/conversations.txt and eval/types.tsv from src/*.txt (shuffled with a fixed seed)."""
import random, pathlib
HERE = pathlib.Path(__file__).resolve().parent
CODES = {'c':'contact','r':'rapport','p':'pitch','d':'deposit','f':'profit','w':'withdrawal_blocked','x':'pressure','n':'none',' ':'none'}
LANGS = ['my','km','ja','ko','pt','fr']
HEADER = ["# Fiction written for the ScamNet project (blind evaluation set 27); licence Apache-2.0.",
 "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
 "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
def parse(lang):
    convs, cur = [], None
    for ln in (HERE/'src'/f'{lang}.txt').read_text(encoding='utf-8').splitlines():
        if not ln.strip(): continue
        if ln.startswith('## '):
            _, key, label, typ = ln.split()
            cur = {'lang':lang,'key':key,'label':label,'type':typ,'msgs':[]}; convs.append(cur); continue
        who, code, text = ln[0], ln[1], ln[2:].strip() if ln[1] != ' ' else ln[1:].strip()
        if ln[1] != ' ': assert ln[2] == ' ', ln
        assert who in 'SV' and code in CODES and text and '\t' not in text, ln
        cur['msgs'].append((who, CODES[code], text))
    return convs
rng = random.Random(27)
allc = []
for lang in LANGS:
    cs = parse(lang); assert len(cs) == 20, (lang, len(cs))
    nums = list(range(1, 21)); rng.shuffle(nums)
    for c, n in zip(cs, nums): c['id'] = f'b27-{lang}-{n:02d}'
    allc += cs
rng.shuffle(allc)
out = list(HEADER)
for c in allc:
    out.append(''); out.append(f"## {c['id']} {c['lang']} {c['label']}")
    out += [f'{w}\t{s}\t{t}' for w, s, t in c['msgs']]
(HERE/'eval').mkdir(exist_ok=True)
(HERE/'eval'/'conversations.txt').write_text('\n'.join(out) + '\n', encoding='utf-8')
(HERE/'eval'/'types.tsv').write_text('id\ttype\n' + ''.join(f"{c['id']}\t{c['type']}\n" for c in sorted(allc, key=lambda c: c['id'])), encoding='utf-8')
print('wrote', len(allc), 'conversations')
