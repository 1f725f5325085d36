"""Build eval/conversations.txt and eval/types.tsv from the hand-written sources in src/.
Shuffles the conversation order and the NN numbering within each language with a fixed seed."""
import random, pathlib
HERE = pathlib.Path(__file__).resolve().parent
CODES = {'c':'contact','r':'rapport','p':'pitch','d':'deposit','f':'profit','w':'withdrawal_blocked','x':'pressure','n':'none'}
LANGS = ['my','km','ja','ko','pt','fr']
rng = random.Random(2121)
convs = []
for lang in LANGS:
    items = []
    for block in (HERE/f'{lang}.txt').read_text(encoding='utf-8').split('@ ')[1:]:
        lines = [l for l in block.strip('\n').split('\n') if l.strip()]
        l2, label, typ = lines[0].split()
        assert l2 == lang
        msgs = []
        for l in lines[1:]:
            snd, code, text = l.split(' ', 2)
            assert snd in 'SV' and '\t' not in text
            msgs.append((snd, CODES[code], text.strip()))
        items.append((label, typ, msgs))
    nums = list(range(1, len(items)+1)); rng.shuffle(nums)
    for n, it in zip(nums, items):
        convs.append((f'b21-{lang}-{n:02d}', lang) + it)
rng.shuffle(convs)
out = ["# Fiction written for the ScamNet project (blind evaluation set 21); licence Apache-2.0.",
       "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
       "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
types = ['id\ttype']
blocks = []
for cid, lang, label, typ, msgs in convs:
    b = [f'## {cid} {lang} {label}'] + [f'{s}\t{st}\t{t}' for s, st, t in msgs]
    blocks.append('\n'.join(b)); types.append(f'{cid}\t{typ}')
(HERE.parent/'eval'/'conversations.txt').write_text('\n'.join(out)+'\n'+'\n\n'.join(blocks)+'\n', encoding='utf-8')
(HERE.parent/'eval'/'types.tsv').write_text('\n'.join(types)+'\n', encoding='utf-8')
print(len(convs), 'conversations')
