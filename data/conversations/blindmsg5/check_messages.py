#!/usr/bin/env python3
"""Check blindmsg5/eval/messages.tsv: header, fields, labels, lengths, counts, duplicates, shared sentences."""
import collections, re, sys, unicodedata
from pathlib import Path

PATH = Path(__file__).parent / "eval" / "messages.tsv"
HEADER = [
    "# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT (fiction; names, numbers, handles and sites invented; links defanged like hxxps://example[.]com)",
    "# blindmsg5 part: held-out evaluation only",
    "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0",
]
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
WANT = {"investment": 6, "romance": 4, "task": 3, "recruitment": 3, "impersonation": 3,
        "phishing": 2, "advance_fee": 1, "not_scam": 10}
SCRIPT = {"my": (0x1000, 0x109F), "km": (0x1780, 0x17FF)}
errors = []
raw = PATH.read_bytes()
if b"\r" in raw:
    errors.append("CR characters found (must be LF)")
text = raw.decode("utf-8")
if not text.endswith("\n"):
    errors.append("file does not end with newline")
lines = text.split("\n")[:-1]
if lines[:3] != HEADER:
    errors.append("header lines differ")
counts = collections.Counter()
seen = {}
sentences = collections.defaultdict(list)
for n, line in enumerate(lines[3:], start=4):
    if line.startswith("#") or not line.strip():
        errors.append(f"line {n}: comment/blank after header")
        continue
    parts = line.split("\t")
    if len(parts) != 3:
        errors.append(f"line {n}: {len(parts)} fields")
        continue
    lang, label, msg = parts
    if lang not in LANGS:
        errors.append(f"line {n}: bad language {lang!r}")
    if label not in WANT:
        errors.append(f"line {n}: bad label {label!r}")
    if not 15 <= len(msg) <= 300:
        errors.append(f"line {n}: length {len(msg)}")
    if msg != msg.strip():
        errors.append(f"line {n}: leading/trailing space")
    if re.search(r"https?://", msg):
        errors.append(f"line {n}: live link")
    if lang in SCRIPT:
        lo, hi = SCRIPT[lang]
        if sum(lo <= ord(c) <= hi for c in msg) < 10:
            errors.append(f"line {n}: too little {lang} script")
    key = re.sub(r"\W+", "", unicodedata.normalize("NFKC", msg).lower())
    if key in seen:
        errors.append(f"line {n}: duplicate of line {seen[key]}")
    seen[key] = n
    for s in re.split(r"[.!?。!?။៕\n]+", msg):
        s = re.sub(r"\s+", " ", s).strip().lower()
        if len(s) >= 12:
            sentences[s].append(n)
    counts[(lang, label)] += 1
for s, ns in sentences.items():
    if len(ns) > 1:
        errors.append(f"sentence shared by lines {ns}: {s[:60]}")
for lang in LANGS:
    for label, want in WANT.items():
        if counts[(lang, label)] != want:
            errors.append(f"{lang}/{label}: {counts[(lang, label)]} != {want}")
print("lang  " + " ".join(f"{l[:6]:>6}" for l in WANT) + "  total")
for lang in LANGS:
    row = [counts[(lang, l)] for l in WANT]
    print(f"{lang:5} " + " ".join(f"{c:>6}" for c in row) + f"  {sum(row):>5}")
print("total", sum(counts.values()))
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("OK")
