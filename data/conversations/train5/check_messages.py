#!/usr/bin/env python3
"""Check train5/messages.tsv: header, format, labels, languages, lengths, duplicates, counts."""
import collections, re, sys, pathlib

PATH = pathlib.Path(__file__).with_name("messages.tsv")
LABELS = {"investment", "romance", "task", "recruitment", "impersonation",
          "phishing", "advance_fee", "not_scam"}
LANGS = {"pt", "fr", "es", "ms", "tl"}
EXPECTED_TOTAL = {"pt": 80, "fr": 80, "es": 48, "ms": 46, "tl": 46}
PTFR_SCAMS = {"investment": 10, "romance": 6, "task": 6, "recruitment": 8,
              "impersonation": 4, "phishing": 3, "advance_fee": 3, "not_scam": 40}

def norm(t):
    return re.sub(r"[\W\d_]+", " ", t.lower()).strip()

def main():
    raw = PATH.read_bytes()
    errors = []
    if b"\r" in raw:
        errors.append("CR characters found (file must be LF)")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines = lines[:-1]
    header = lines[:3]
    if not (header[0].startswith("# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT")
            and header[1] == "# train5 part: training"
            and header[2] == "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0"):
        errors.append("bad header lines")
    counts = collections.Counter()
    seen_text, seen_norm = {}, {}
    sentences = collections.defaultdict(list)
    for n, line in enumerate(lines[3:], start=4):
        if line.startswith("#"):
            errors.append(f"line {n}: extra comment line"); continue
        parts = line.split("\t")
        if len(parts) != 3:
            errors.append(f"line {n}: {len(parts)} fields"); continue
        lang, label, msg = parts
        if lang not in LANGS: errors.append(f"line {n}: bad language {lang!r}")
        if label not in LABELS: errors.append(f"line {n}: bad label {label!r}")
        if not 15 <= len(msg) <= 300: errors.append(f"line {n}: length {len(msg)}")
        if msg != msg.strip(): errors.append(f"line {n}: leading/trailing space")
        if re.search(r"https?://", msg): errors.append(f"line {n}: live link")
        if msg in seen_text: errors.append(f"line {n}: duplicate of line {seen_text[msg]}")
        seen_text.setdefault(msg, n)
        k = norm(msg)
        if k in seen_norm and seen_norm[k] != n:
            errors.append(f"line {n}: near-duplicate of line {seen_norm[k]}")
        seen_norm.setdefault(k, n)
        for s in re.split(r"(?<=[.!?])\s+", msg):
            s = norm(s)
            if len(s) >= 25:
                sentences[s].append(n)
        counts[(lang, label)] += 1
    for s, ns in sentences.items():
        if len(set(ns)) > 1:
            errors.append(f"shared sentence on lines {sorted(set(ns))}: {s[:60]}")
    for lang, total in EXPECTED_TOTAL.items():
        got = sum(v for (l, _), v in counts.items() if l == lang)
        if got != total: errors.append(f"{lang}: {got} messages, expected {total}")
    for lang in ("pt", "fr"):
        for label, want in PTFR_SCAMS.items():
            if counts[(lang, label)] != want:
                errors.append(f"{lang}/{label}: {counts[(lang, label)]}, expected {want}")
    for lang in ("es", "ms", "tl"):
        for label in LABELS - {"not_scam"}:
            if counts[(lang, label)] == 0:
                errors.append(f"{lang}: no {label} messages")
    labels = sorted(LABELS)
    print("lang  " + " ".join(f"{l[:11]:>11}" for l in labels) + "  total")
    for lang in ("pt", "fr", "es", "ms", "tl"):
        row = [counts[(lang, l)] for l in labels]
        print(f"{lang:5} " + " ".join(f"{v:>11}" for v in row) + f"  {sum(row):>5}")
    print("total", sum(counts.values()))
    if errors:
        print("\n".join(errors)); sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
