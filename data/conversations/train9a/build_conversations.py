#!/usr/bin/env python3
"""Build train/conversations.txt and train/types.tsv from src/src_<lang>.txt.

Source headers are '## <lang> <label> <type>'; the builder shuffles the
conversations within each language with a fixed seed, numbers them 01..NN
and writes the final files.  Re-running gives identical output.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["my", "km", "ja"]
SEED = 9013
HEADER = [
    "# Fiction written for the ScamNet project (stage training set train9a); licence Apache-2.0.",
    "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
    "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations.",
]


def parse(path):
    convs, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                _, lang, label, typ = line.split(" ")
                cur = {"lang": lang, "label": label, "type": typ, "msgs": []}
                convs.append(cur)
            elif line.strip():
                cur["msgs"].append(line)
    return convs


def main():
    out, types = list(HEADER), ["id\ttype"]
    for lang in LANGS:
        convs = parse(os.path.join(HERE, "src", f"src_{lang}.txt"))
        random.Random(f"{SEED}-{lang}").shuffle(convs)
        for i, c in enumerate(convs, 1):
            cid = f"9a-{lang}-{i:02d}"
            out.append(f"## {cid} {lang} {c['label']}")
            out.extend(c["msgs"])
            out.append("")
            types.append(f"{cid}\t{c['type']}")
    while out and out[-1] == "":
        out.pop()
    os.makedirs(os.path.join(HERE, "train"), exist_ok=True)
    with open(os.path.join(HERE, "train", "conversations.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    with open(os.path.join(HERE, "train", "types.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(types) + "\n")


if __name__ == "__main__":
    main()
