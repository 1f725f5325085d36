#!/usr/bin/env python3
"""Checker for blindmsg3/eval/messages.tsv (format, labels, lengths, duplicates, counts)."""
import sys, collections, pathlib, unicodedata

LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
LABELS = ["investment", "romance", "task", "recruitment", "impersonation", "phishing", "advance_fee", "not_scam"]
WANT = {"investment": 6, "romance": 3, "task": 3, "recruitment": 4, "impersonation": 3,
        "phishing": 2, "advance_fee": 2, "not_scam": 9}
HEADER2 = "# blindmsg3 part: held-out evaluation only"

path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent / "eval" / "messages.tsv")
lines = path.read_text(encoding="utf-8").split("\n")
if lines and lines[-1] == "":
    lines = lines[:-1]
errors = []
if len(lines) < 3 or not all(l.startswith("# ") for l in lines[:3]):
    errors.append("first 3 lines must be '# ' comments")
elif lines[1] != HEADER2:
    errors.append("line 2 is not the part line")
if any("\r" in l for l in lines):
    errors.append("CR characters present")
counts = collections.Counter()
seen = {}
for n, line in enumerate(lines[3:], start=4):
    if line.startswith("#") or not line.strip():
        errors.append(f"line {n}: comment/blank line in body")
        continue
    f = line.split("\t")
    if len(f) != 3:
        errors.append(f"line {n}: {len(f)} fields")
        continue
    lang, label, text = f
    if lang not in LANGS:
        errors.append(f"line {n}: bad language {lang!r}")
    if label not in LABELS:
        errors.append(f"line {n}: bad label {label!r}")
    if not 15 <= len(text) <= 300:
        errors.append(f"line {n}: length {len(text)}")
    if text != text.strip():
        errors.append(f"line {n}: leading/trailing whitespace")
    key = unicodedata.normalize("NFC", text).casefold()
    if key in seen:
        errors.append(f"line {n}: duplicate of line {seen[key]}")
    seen[key] = n
    counts[(lang, label)] += 1
for lang in LANGS:
    for label in LABELS:
        if counts[(lang, label)] != WANT[label]:
            errors.append(f"count {lang}/{label} = {counts[(lang, label)]}, want {WANT[label]}")

print(f"file: {path}")
print(f"messages: {sum(counts.values())}")
print("label".ljust(14) + "".join(l.rjust(5) for l in LANGS) + "  total")
for label in LABELS:
    row = [counts[(l, label)] for l in LANGS]
    print(label.ljust(14) + "".join(str(c).rjust(5) for c in row) + str(sum(row)).rjust(7))
tot = [sum(counts[(l, lb)] for lb in LABELS) for l in LANGS]
print("total".ljust(14) + "".join(str(c).rjust(5) for c in tot) + str(sum(tot)).rjust(7))
lens = [len(l.split("\t")[2]) for l in lines[3:] if l.count("\t") == 2]
if lens:
    print(f"text length: min {min(lens)}, max {max(lens)}, mean {sum(lens)/len(lens):.1f}")
if errors:
    print(f"ERRORS ({len(errors)}):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK: 3 header lines, 3 fields per line, valid languages and labels, lengths 15-300, no case-folded duplicates, counts as required")
