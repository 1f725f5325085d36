#!/usr/bin/env python3
"""Build eval/conversations.txt and eval/types.tsv from src/<lang>.txt (fixed-seed shuffle)."""
import random, pathlib
HERE = pathlib.Path(__file__).resolve().parent
LANGS = ["en", "zh", "vi", "th", "id", "es", "ms", "tl"]
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 28); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
def parse(lang):
    convs = []
    text = "\n\n".join((HERE / "src" / f).read_text(encoding="utf-8").strip() for f in (f"{lang}.txt", f"{lang}_benign.txt"))
    for block in text.split("\n\n"):
        lines = [l for l in block.strip().split("\n") if l.strip()]
        label, typ = lines[0][1:].split()
        msgs = []
        for l in lines[1:]:
            who, stage, text = l.split("|", 2)
            msgs.append((who.strip(), stage.strip(), text.strip()))
        convs.append((label, typ, msgs))
    return convs
def main():
    rng = random.Random(2828)
    out, types = list(HEAD), ["id\ttype"]
    for lang in LANGS:
        convs = parse(lang)
        rng.shuffle(convs)
        nums = list(range(1, len(convs) + 1)); rng.shuffle(nums)
        items = sorted(zip(nums, convs), key=lambda x: rng.random())
        for n, (label, typ, msgs) in items:
            cid = f"b28-{lang}-{n:02d}"
            out.append(f"## {cid} {lang} {label}")
            out += [f"{w}\t{s}\t{t}" for w, s, t in msgs]
            out.append("")
            types.append(f"{cid}\t{typ}")
    (HERE / "eval" / "conversations.txt").write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
    (HERE / "eval" / "types.tsv").write_text("\n".join(types) + "\n", encoding="utf-8")
if __name__ == "__main__":
    main()
