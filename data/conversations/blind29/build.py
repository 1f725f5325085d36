#!/usr/bin/env python3
"""Build eval/conversations.txt and eval/types.tsv from src/<lang>.src (hand-written), shuffled with a fixed seed."""
import os, random, sys
HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "zh", "vi", "th", "id", "es", "ms", "tl"]
HEADER = [
    "# Fiction written for the ScamNet project (blind evaluation set 29); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]
def parse(path):
    convs, cur = [], None
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("=== "):
            cur = {"type": line[4:].strip(), "msgs": []}
            convs.append(cur)
            continue
        who, stage, text = line.split(" ", 2)
        assert who in "SV" and "\t" not in text, (path, ln)
        cur["msgs"].append((who, stage, text.strip()))
    return convs
def main():
    out, types = list(HEADER), ["id\ttype"]
    for lang in LANGS:
        convs = parse(os.path.join(HERE, "src", lang + ".src"))
        rng = random.Random(2929 + LANGS.index(lang))
        rng.shuffle(convs)
        nums = list(range(1, len(convs) + 1))
        rng.shuffle(nums)
        pairs = list(zip(nums, convs))
        for nn, c in pairs:
            cid = "b29-%s-%02d" % (lang, nn)
            label = "benign" if c["type"] == "benign" else "scam"
            out.append("")
            out.append("## %s %s %s" % (cid, lang, label))
            for who, stage, text in c["msgs"]:
                out.append("%s\t%s\t%s" % (who, stage, text))
            types.append("%s\t%s" % (cid, c["type"]))
    os.makedirs(os.path.join(HERE, "eval"), exist_ok=True)
    # header comments, then conversations separated by one blank line
    text = "\n".join(out[:3]) + "\n" + "\n".join(out[4:]) + "\n"
    open(os.path.join(HERE, "eval", "conversations.txt"), "w", encoding="utf-8").write(text)
    open(os.path.join(HERE, "eval", "types.tsv"), "w", encoding="utf-8").write("\n".join(types) + "\n")
    print("built", len(types) - 1, "conversations")
if __name__ == "__main__":
    main()
