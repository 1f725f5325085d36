#!/usr/bin/env python3
"""Check eval/messages.tsv of the blindmsg4 part: header, format, labels, lengths, counts, duplicates."""
import re
import sys
from collections import Counter
from pathlib import Path

PATH = Path(__file__).resolve().parent / "eval" / "messages.tsv"
LABELS = {"investment", "romance", "task", "recruitment", "impersonation",
          "phishing", "advance_fee", "not_scam"}
LANGS = {"pt", "fr", "es", "ms", "tl"}
HEADER = [
    "# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT (fiction; names, numbers, "
    "handles and sites invented; links defanged like hxxps://example[.]com)",
    "# blindmsg4 part: held-out evaluation only",
    "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0",
]
EXPECT_TOTAL = {"pt": 56, "fr": 56, "es": 30, "ms": 29, "tl": 29}
EXPECT_PT_FR = {"investment": 9, "romance": 5, "task": 5, "recruitment": 6,
                "impersonation": 4, "phishing": 3, "advance_fee": 2, "not_scam": 22}


def norm(t):
    return re.sub(r"[\W\d_]+", " ", t.lower()).strip()


def main():
    errors = []
    raw = PATH.read_bytes()
    if b"\r" in raw:
        errors.append("CR characters found (must be LF only)")
    text = raw.decode("utf-8")
    if not text.endswith("\n"):
        errors.append("file does not end with a newline")
    lines = text.split("\n")[:-1]
    if lines[:3] != HEADER:
        errors.append("header lines differ from the required three comment lines")
    rows = []
    for i, line in enumerate(lines[3:], start=4):
        if line.startswith("#") or not line.strip():
            errors.append(f"line {i}: comment/blank line after the header")
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            errors.append(f"line {i}: expected 3 tab-separated fields, got {len(parts)}")
            continue
        lang, label, msg = parts
        if lang not in LANGS:
            errors.append(f"line {i}: bad language {lang!r}")
        if label not in LABELS:
            errors.append(f"line {i}: bad label {label!r}")
        if not 15 <= len(msg) <= 300:
            errors.append(f"line {i}: length {len(msg)} outside 15-300")
        if msg != msg.strip():
            errors.append(f"line {i}: leading/trailing whitespace")
        for m in re.finditer(r"https?://", msg, flags=re.I):
            errors.append(f"line {i}: live link {m.group(0)!r}")
        if re.search(r"hxxps?://\S*[a-z0-9]\.[a-z]", msg, flags=re.I):
            errors.append(f"line {i}: link not fully defanged")
        rows.append((i, lang, label, msg))

    # duplicates: exact, normalised, and shared sentences
    seen = {}
    for i, _, _, msg in rows:
        k = norm(msg)
        if k in seen:
            errors.append(f"line {i}: duplicate of line {seen[k]}")
        seen[k] = i
    sent_seen = {}
    for i, _, _, msg in rows:
        for s in re.split(r"(?<=[.!?])\s+", msg):
            k = norm(s)
            if len(k) < 20:
                continue
            if k in sent_seen and sent_seen[k] != i:
                errors.append(f"line {i}: shares sentence with line {sent_seen[k]}: {s!r}")
            sent_seen.setdefault(k, i)

    counts = Counter((lang, label) for _, lang, label, _ in rows)
    per_lang = Counter(lang for _, lang, _, _ in rows)
    for lang, n in EXPECT_TOTAL.items():
        if per_lang[lang] != n:
            errors.append(f"{lang}: {per_lang[lang]} messages, expected {n}")
    for lang in ("pt", "fr"):
        for label, n in EXPECT_PT_FR.items():
            if counts[(lang, label)] != n:
                errors.append(f"{lang}/{label}: {counts[(lang, label)]}, expected {n}")
    for lang in ("es", "ms", "tl"):
        scams = per_lang[lang] - counts[(lang, "not_scam")]
        if not 13 <= scams <= 17:
            errors.append(f"{lang}: {scams} scams, expected about 15")
        for label in LABELS:
            if counts[(lang, label)] == 0:
                errors.append(f"{lang}: no {label} messages")

    labels = sorted(LABELS)
    print("lang  " + " ".join(f"{l[:6]:>6}" for l in labels) + "  total")
    for lang in ("pt", "fr", "es", "ms", "tl"):
        print(f"{lang:<5} " + " ".join(f"{counts[(lang, l)]:>6}" for l in labels)
              + f"  {per_lang[lang]:>5}")
    print(f"total {len(rows)}; lengths {min(len(r[3]) for r in rows)}-{max(len(r[3]) for r in rows)}")
    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
