#!/usr/bin/env python3
"""Checker for the blindmsg6 held-out evaluation set (eval/messages.tsv).

Checks: header comments, UTF-8/LF, format (3 tab-separated fields), labels,
counts per language x label, duplicate messages, shared sentences, near-duplicate
messages, defanged links, and that each language's text is in its own script.
Writes COUNTS.txt next to this script. Exit code 0 only if every check passes.
"""
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TSV = HERE / "eval" / "messages.tsv"
HEADER = [
    "# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT (fiction; names, numbers, handles and sites invented; links defanged like hxxps://example[.]com)",
    "# blindmsg6 part: held-out evaluation",
    "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0",
]
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
LABELS = ["investment", "romance", "task", "recruitment", "impersonation", "phishing", "advance_fee", "not_scam"]
WANT = {"impersonation": 10, "recruitment": 6, "phishing": 4, "investment": 2,
        "romance": 1, "task": 1, "advance_fee": 1, "not_scam": 15}

errors = []


def err(msg):
    errors.append(msg)


raw = TSV.read_bytes()
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit(f"not UTF-8: {e}")
if b"\r" in raw:
    err("file contains CR characters (must be LF only)")
if raw.startswith(b"\xef\xbb\xbf"):
    err("file starts with a BOM")
if not text.endswith("\n"):
    err("file does not end with a newline")
lines = text.split("\n")[:-1]
comments = [l for l in lines if l.startswith("#")]
if lines[:3] != HEADER:
    err("first three lines are not the required header")
if len(comments) != 3:
    err(f"expected exactly 3 comment lines, found {len(comments)}")

rows = []
for n, line in enumerate(lines[3:], start=4):
    if line.startswith("#"):
        err(f"line {n}: comment line after header")
        continue
    parts = line.split("\t")
    if len(parts) != 3:
        err(f"line {n}: expected 3 tab-separated fields, got {len(parts)}")
        continue
    lg, lab, msg = parts
    if lg not in LANGS:
        err(f"line {n}: unknown language {lg!r}")
    if lab not in LABELS:
        err(f"line {n}: unknown label {lab!r}")
    if msg != msg.strip() or not msg:
        err(f"line {n}: empty text or leading/trailing whitespace")
    if unicodedata.normalize("NFC", msg) != msg:
        err(f"line {n}: text not NFC-normalised")
    rows.append((n, lg, lab, msg))

# counts per language x label
counts = Counter((lg, lab) for _, lg, lab, _ in rows)
for lg in LANGS:
    for lab in LABELS:
        if counts[(lg, lab)] != WANT[lab]:
            err(f"count {lg}/{lab} = {counts[(lg, lab)]}, want {WANT[lab]}")
    tot = sum(counts[(lg, lab)] for lab in LABELS)
    if tot != 40:
        err(f"language {lg} has {tot} messages, want 40")

# shuffled: the language sequence should not be in blocks
runs = sum(1 for i in range(1, len(rows)) if rows[i][1] != rows[i - 1][1])
if runs < len(rows) // 3:
    err(f"lines look unshuffled (only {runs} language changes)")


# duplicates and shared sentences
def norm(s):
    s = unicodedata.normalize("NFKC", s).lower()
    return re.sub(r"[\W_]+", "", s)


SENT_SPLIT = re.compile(r"(?<=[.!?。！？။។…])\s*|\s*[—;]\s*")
seen_msg = {}
seen_sent = defaultdict(list)
for n, lg, lab, msg in rows:
    k = norm(msg)
    if k in seen_msg:
        err(f"line {n}: duplicate of line {seen_msg[k]}")
    seen_msg[k] = n
    for s in SENT_SPLIT.split(msg):
        ks = norm(s)
        if len(ks) >= 6:
            seen_sent[ks].append(n)
for ks, ns in seen_sent.items():
    if len(set(ns)) > 1:
        err(f"sentence shared by lines {sorted(set(ns))}: {ks[:40]}")


# near-duplicates: character 4-gram Jaccard within a language
def grams(s, k=4):
    s = norm(s)
    return {s[i:i + k] for i in range(max(1, len(s) - k + 1))}


by_lang = defaultdict(list)
for n, lg, lab, msg in rows:
    by_lang[lg].append((n, grams(msg)))
max_sim = 0.0
for lg, items in by_lang.items():
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            a, b = items[i][1], items[j][1]
            sim = len(a & b) / len(a | b)
            max_sim = max(max_sim, sim)
            if sim > 0.5:
                err(f"near-duplicate lines {items[i][0]} and {items[j][0]} (Jaccard {sim:.2f})")

# defanged links
LIVE = re.compile(r"https?://|www\.|\b[\w-]+\.(com|net|org|info|top|xyz|cc|fr|pt|br|kh|mm|jp|kr|site|io|me|app|link|shop|vip)\b", re.I)
for n, lg, lab, msg in rows:
    if LIVE.search(msg):
        err(f"line {n}: live-looking link or domain: {LIVE.search(msg).group(0)}")
    for m in re.finditer(r"hxxps?://\S+", msg):
        if "[.]" not in m.group(0):
            err(f"line {n}: hxxp link not defanged with [.]: {m.group(0)}")


# scripts
def script_share(msg, pred):
    # links and @handles are typed in Latin in every language; leave them out
    msg = re.sub(r"hxxps?://\S+|@\w+", " ", msg)
    letters = [c for c in msg if unicodedata.category(c)[0] in "LM"]
    if not letters:
        return 0.0
    return sum(1 for c in letters if pred(c)) / len(letters)


MYANMAR = lambda c: "\u1000" <= c <= "\u109f" or "\uaa60" <= c <= "\uaa7f" or "\ua9e0" <= c <= "\ua9ff"
KHMER = lambda c: "\u1780" <= c <= "\u17ff" or "\u19e0" <= c <= "\u19ff"
HANGUL = lambda c: "\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"
KANA = lambda c: "\u3040" <= c <= "\u30ff" or "\uff66" <= c <= "\uff9f"
HAN = lambda c: "\u4e00" <= c <= "\u9fff"
LATIN = lambda c: c.isascii() or "LATIN" in unicodedata.name(c, "")
FOREIGN_TO_LATIN = lambda c: MYANMAR(c) or KHMER(c) or HANGUL(c) or KANA(c) or HAN(c)
# Zawgyi-typical patterns: vowel sign E (U+1031) typed before its consonant,
# or Zawgyi-only use of U+1039 followed by non-consonants is hard to see; test the main one.
ZAWGYI_E_FIRST = re.compile(r"(^|[\s\u104a\u104b])\u1031")
for n, lg, lab, msg in rows:
    if lg == "my":
        if script_share(msg, MYANMAR) < 0.6:
            err(f"line {n}: Burmese text not mostly Myanmar script")
        if ZAWGYI_E_FIRST.search(msg):
            err(f"line {n}: looks like Zawgyi (U+1031 before consonant)")
    elif lg == "km":
        if script_share(msg, KHMER) < 0.6:
            err(f"line {n}: Khmer text not mostly Khmer script")
    elif lg == "ja":
        if script_share(msg, lambda c: KANA(c) or HAN(c)) < 0.6 or not any(KANA(c) for c in msg):
            err(f"line {n}: Japanese text not mostly kana/kanji")
        if any(HANGUL(c) for c in msg):
            err(f"line {n}: Hangul in Japanese text")
    elif lg == "ko":
        if script_share(msg, HANGUL) < 0.6:
            err(f"line {n}: Korean text not mostly Hangul")
        if any(KANA(c) for c in msg):
            err(f"line {n}: kana in Korean text")
    elif lg in ("pt", "fr"):
        if any(FOREIGN_TO_LATIN(c) for c in msg) or script_share(msg, LATIN) < 0.99:
            err(f"line {n}: non-Latin letters in {lg} text")
    if "\t" in msg or "\n" in msg:
        err(f"line {n}: tab or newline in text")

# lengths (words for space-separated languages, characters otherwise)
def length(lg, msg):
    return len(msg.split()) if lg in ("pt", "fr", "ko") else len(msg)


out = ["blindmsg6 held-out evaluation set: eval/messages.tsv", ""]
header = "lang  " + " ".join(f"{lab[:13]:>13}" for lab in LABELS) + "  total"
out.append(header)
for lg in LANGS:
    out.append(f"{lg:<5} " + " ".join(f"{counts[(lg, lab)]:>13}" for lab in LABELS)
               + f"  {sum(counts[(lg, lab)] for lab in LABELS):>5}")
out.append("all   " + " ".join(f"{sum(counts[(lg, lab)] for lg in LANGS):>13}" for lab in LABELS)
           + f"  {len(rows):>5}")
out.append("")
for lg in LANGS:
    ls = [length(lg, m) for _, l, _, m in rows if l == lg]
    unit = "words" if lg in ("pt", "fr", "ko") else "chars"
    out.append(f"length {lg}: min {min(ls)} / median {sorted(ls)[len(ls)//2]} / max {max(ls)} {unit}")
out.append(f"max within-language char-4gram Jaccard between two messages: {max_sim:.2f}")
out.append("")
out.append("checks: " + ("ALL PASSED" if not errors else f"{len(errors)} FAILED"))
out.extend("  " + e for e in errors)
(HERE / "COUNTS.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
print("\n".join(out))
sys.exit(1 if errors else 0)
